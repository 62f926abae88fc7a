"""How dates are written for people, with the weekday and the month's English name (``Sat 11 Oct 2025``), and
how a date a person types is read (``typed_date``), the same in every form of the app and on the command line.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from .i18n import tr

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = (
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
    if day < 1:
        return tr("there is no day {day} of a month").format(day=day)
    days = calendar.monthrange(year, month)[1]
    if day > days:
        return tr("{month} {year} has {days} days").format(month=tr(MONTH_NAMES[month - 1]), year=year, days=days)
    return ""


def month_number(name: str) -> int | None:
    """The month an English name gives, in full or shortened to three letters or more ("Sep", "Sept."), or None."""
    word = name.lower().rstrip(".")
    if len(word) < 3:
        return None
    return next((n for n, full in enumerate(MONTH_NAMES, start=1) if full.lower().startswith(word)), None)


EARLIEST_YEAR, LATEST_YEAR = 1900, 2100  # a typed date outside these years is a slip, not an event of this law
_A = re.IGNORECASE | re.ASCII  # digits are 0-9 and letters a-z: nothing else passes for them
_WEEKDAY_FIRST = re.compile(r"^([a-z]{3,9})\.?,?\s+", _A)  # "Sun 31 Aug 2025", "Sunday, 31/08/2025"
_DAY_FIRST = re.compile(r"^(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d+)$", _A)  # 31/08/2025, 1.9.2025, 31-08-2025
_YEAR_FIRST = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$|^((?:19|20)\d\d)(\d\d)(\d\d)$", _A)  # 2025-08-31; 20250831
_ORDINAL = r"(?:st|nd|rd|th)?"
_NAMED = re.compile(rf"^(\d{{1,2}}){_ORDINAL}(?:\s+of)?[\s/\-]+([a-z]+)\.?,?[\s/\-]+(\d+)$", _A)  # 31st Aug 2025
_NAMED_FIRST = re.compile(rf"^([a-z]+)\.?\s+(\d{{1,2}}){_ORDINAL},?\s+(\d+)$", _A)  # August 31, 2025
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))  # pasted in with a date, never seen


def typed_date(text: str) -> dt.date:
    """The date a person typed: day first as UK dates are written (31/08/2025, 1.9.2025, 31-08-2025,
    31-Aug-2025), year first (2025-08-31), or with the month named, as AssetReg writes dates (31 Aug 2025,
    Sun 31 Aug 2025, 31st August 2025, August 31, 2025). Raises ``ValueError`` with a sentence saying what is
    wrong and how to write it; never guesses (a year not in four figures, a date written month first, a weekday
    that does not fit the date are each refused).
    """
    written = " ".join(text.translate(_INVISIBLE).split())
    if not written:
        raise ValueError(tr("No date was given; write it like 31/08/2025."))
    shown, weekday = written, None
    if found := _WEEKDAY_FIRST.match(written):
        word = found.group(1).lower()  # no weekday begins as a month does ("Mar 3 2026" has none)
        weekday = next((n for n, name in enumerate(WEEKDAY_NAMES) if name.lower().startswith(word)), None)
        if weekday is not None:
            written = written[found.end() :]
    month_first = False
    if found := _DAY_FIRST.match(written):
        day, _, month, year = found.groups()
        month_first = 1 <= int(day) <= 12 < int(month) <= 31
    elif found := _YEAR_FIRST.match(written):  # as --json writes dates, or with no dashes (never 31082025)
        year, month, day = found.groups()[:3] if found.group(1) else found.groups()[3:]
    elif found := _NAMED.match(written):
        day, month, year = found.group(1), month_number(found.group(2)), found.group(3)
    elif found := _NAMED_FIRST.match(written):
        month, day, year = month_number(found.group(1)), found.group(2), found.group(3)
    else:
        raise ValueError(_not_a_date(shown))
    if month is None:
        raise ValueError(_not_a_date(shown))
    if len(year) != 4:
        raise ValueError(
            tr("“{text}” does not give the year in four figures; write it in full, for example 31/08/2025.").format(
                text=shown
            )
        )
    if month_first:
        raise ValueError(
            tr("“{text}” is written month first; write the day first, as {day}/{month}/{year}.").format(
                text=shown, day=month.zfill(2), month=day.zfill(2), year=year
            )
        )
    year, month, day = int(year), int(month), int(day)
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise ValueError(tr("“{text}” is in the year {year}; check the year.").format(text=shown, year=year))
    if why := why_no_day(year, month, day):
        raise ValueError(tr("“{text}” is not a real date: {why}; check it.").format(text=shown, why=why))
    made = dt.date(year, month, day)
    if weekday is not None and weekday != made.weekday():
        raise ValueError(
            tr("“{text}” does not fit: {date} is a {weekday}; check which day you mean.").format(
                text=shown, date=f"{made.day} {tr(_MONTHS[made.month - 1])} {made.year}",
                weekday=tr(WEEKDAY_NAMES[made.weekday()]),
            )
        )  # fmt: skip
    return made


def _not_a_date(text: str) -> str:
    return tr("“{text}” is not a date; write it like 31/08/2025 or 2025-08-31.").format(text=text)
