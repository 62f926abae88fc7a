"""How dates are written for people: with the weekday, in English month names (``Sat 11 Oct 2025``)."""

from __future__ import annotations

import datetime as dt

from .i18n import tr

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def weekday_name(day: dt.date) -> str:
    """The short weekday name of ``day``, e.g. "Sat"."""
    return tr(_WEEKDAYS[day.weekday()])


def format_date(day: dt.date) -> str:
    """The house style for a date: weekday, day, month and year, e.g. "Sat 11 Oct 2025"."""
    # Fixed names rather than strftime, whose %a and %b follow the machine's locale.
    return f"{weekday_name(day)} {day.day} {tr(_MONTHS[day.month - 1])} {day.year}"
