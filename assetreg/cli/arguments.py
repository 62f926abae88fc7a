"""Argument types for the command line: each turns a word into a value or says plainly what is wrong."""

from __future__ import annotations

import argparse
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


def typed_day(text: str) -> date:
    """A date as a person types it (31/08/2025, 2025-08-31, 31 Aug 2025: ``typed_date``)."""
    from ..domain.dates import typed_date

    try:
        return typed_date(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


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


def typed_day_or_error(text: str) -> date:
    from ..domain.errors import ValidationError

    try:
        return typed_day(text)
    except argparse.ArgumentTypeError as error:
        raise ValidationError.single("date", str(error)) from None


def commencement_date(text: str) -> date:
    """The 2026 Act's commencement date: a date, and not before the Act's Royal Assent."""
    from ..domain.dates import format_date
    from ..domain.settings import ROYAL_ASSENT_2026

    day = typed_day(text)
    if day < ROYAL_ASSENT_2026:
        message = tr("The 2026 Act received Royal Assent on {day}, so it cannot have commenced before; check the date.")
        raise argparse.ArgumentTypeError(message.format(day=format_date(ROYAL_ASSENT_2026)))
    return day
