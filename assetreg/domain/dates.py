"""How dates are written for people: with the weekday, in English month names (``Sat 11 Oct 2025``)."""

from __future__ import annotations

import calendar
import datetime as dt

from .i18n import tr

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def weekday_name(day: dt.date) -> str:
    """The short weekday name of ``day``, e.g. "Sat"."""
    return tr(_WEEKDAYS[day.weekday()])


def format_date(day: dt.date) -> str:
    """The house style for a date: weekday, day, month and year, e.g. "Sat 11 Oct 2025"."""
    # Fixed names rather than strftime, whose %a and %b follow the machine's locale.
    return f"{weekday_name(day)} {day.day} {tr(_MONTHS[day.month - 1])} {day.year}"


def why_no_day(year: int, month: int, day: int) -> str:
    """Why these numbers are no day ("there is no month 13", "February 2026 has 28 days"), or "" when they are."""
    if not 1 <= month <= 12:
        return tr("there is no month {month}").format(month=month)
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return tr("{month} {year} has {days} days").format(month=tr(_MONTH_NAMES[month - 1]), year=year, days=days)
    return ""
