"""Argument types for the command line: each turns a word into a value or says plainly what is wrong."""

from __future__ import annotations

import argparse
import re
from datetime import date

from ..domain.i18n import tr


def event_codes() -> list[str]:
    from ..domain.rules import Event

    return [event.value for event in Event]


def event_code(text: str):
    from ..domain.rules import Event

    try:
        return Event(text.strip().lower())
    except ValueError:
        raise argparse.ArgumentTypeError(
            tr("“{text}” is not an event AssetReg knows. Use one of: {events}.").format(
                text=text, events=", ".join(event_codes())
            )
        ) from None


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        message = no_such_day(text) or tr(
            "“{text}” is not a date; write it as YYYY-MM-DD, for example 2025-08-31."
        ).format(text=text)
        raise argparse.ArgumentTypeError(message) from None


def no_such_day(text: str) -> str:
    """Why ``text``, written as YYYY-MM-DD, is still no date (2026-02-31: February 2026 has 28 days), or ""."""
    from ..domain.dates import why_no_day

    found = re.fullmatch(r"\s*(\d{4})-(\d{2})-(\d{2})\s*", text)
    why = why_no_day(*map(int, found.groups())) if found else ""
    return tr("“{text}” is not a real date: {why}; check it.").format(text=text.strip(), why=why) if why else ""


def jurisdiction(text: str):
    from ..domain.enums import Jurisdiction

    try:
        return Jurisdiction.parse(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            tr("“{text}” is not a nation AssetReg knows; use england, wales, scotland or northern-ireland.").format(
                text=text
            )
        ) from None


def days(text: str) -> int:
    if not text.strip().isdigit():
        raise argparse.ArgumentTypeError(tr("“{text}” is not a number of days.").format(text=text))
    return int(text)


def iso_date_or_error(text: str) -> date:
    from ..domain.errors import ValidationError

    try:
        return iso_date(text)
    except argparse.ArgumentTypeError as error:
        raise ValidationError.single("date", str(error)) from None


def commencement_date(text: str) -> date:
    """The 2026 Act's commencement date: a date, and not before the Act's Royal Assent."""
    from ..domain.dates import format_date
    from ..domain.settings import ROYAL_ASSENT_2026

    day = iso_date(text)
    if day < ROYAL_ASSENT_2026:
        message = tr("The 2026 Act received Royal Assent on {day}, so it cannot have commenced before; check the date.")
        raise argparse.ArgumentTypeError(message.format(day=format_date(ROYAL_ASSENT_2026)))
    return day
