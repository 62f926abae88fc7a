"""Reading the dates councils write in their lists, in every form a UK list uses, without ever guessing.

Numbers are read day first (``21/09/2012``), as UK councils write them. A column whose dates show month-first
order (``09/21/2012``, where 21 cannot be a month) no less often than day-first order is *ambiguous*: every date
in it that could be read either way (``03/04/2012``) is reported rather than read (``council_rows`` decides,
column by column, from ``date_order_counts``). A date that only makes sense month first is always reported.
Impossible dates (``31/02/2020``) are reported, never corrected. Spreadsheet serial numbers (days since
30 December 1899, as Excel and LibreOffice count, a fraction being the time of day) are read when they fall
between 1955 and 2119. A time of day after a date (``21/09/2012 00:00``) is left aside.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from functools import lru_cache

from .dates import MONTH_NAMES, WEEKDAY_NAMES, month_number, why_no_day
from .i18n import tr

_WEEKDAY = re.compile(r"^(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+", re.IGNORECASE)
# A time of day after the date, as a spreadsheet saved as CSV writes it ("21/09/2012 00:00"): the day is the date.
_TIME = re.compile(r"[T ]([01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:\s*[ap]\.?m\.?|Z|[+-]\d{2}:?\d{2})?$", re.I)
_ISO = re.compile(r"^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$")  # the year first: 2012-09-21, 2012/09/21
_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_DAY_MONTH = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?[\s\-/]+([a-z]+)\.?,?[\s\-/]+(\d{2}|\d{4})$", re.I)
_MONTH_DAY = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$", re.I)
_SERIAL = re.compile(r"^\d{5}(?:\.\d+)?$")  # a fraction is the time of day
_EXCEL_EPOCH = date(1899, 12, 30)
_SERIAL_RANGE = (20090, 80000)  # 1955 to 2119: any other number is not a date of this law


class DateProblem(ValueError):
    """A cell that should hold a date and does not, or not unambiguously; ``str()`` says which and why."""


def date_order_counts(cells: Iterable[object]) -> tuple[int, int]:
    """How many of ``cells`` are numeric dates only month-first order can read (``09/21/2012``), and how many
    only day-first order can (``21/09/2012``)."""
    month_first = day_first = 0
    for cell in cells:
        if not cell or not isinstance(cell, str):
            continue
        match = _NUMERIC.match(_TIME.sub("", " ".join(cell.split())))
        if match:
            first, second = int(match.group(1)), int(match.group(2))
            month_first += first <= 12 < second <= 31
            day_first += second <= 12 < first <= 31
    return month_first, day_first


def parse_date(cell: object, *, month_first_seen: bool = False) -> date | None:
    """The date a cell holds; ``None`` when it is blank; ``DateProblem`` when it cannot be read for certain.

    ``month_first_seen`` says the file shows month-first dates elsewhere (``date_order_counts``).
    """
    if cell is None:
        return None
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return _serial(str(cell), str(cell))
    return _parse_text(cell if type(cell) is str else str(cell), month_first_seen)


# What councils write in a date column for "no date": read as blank.
_NO_DATE = frozenset({"-", "—", "–", "n/a", "na", "n.a.", "none", "nil", "tbc", "not applicable", "none received"})


@lru_cache(maxsize=8192)
def _parse_text(cell: str, month_first_seen: bool) -> date | None:
    """``parse_date`` of a text cell. A list repeats its dates (a few thousand days in a hundred thousand rows),
    so each text is read once; a cell that cannot be read raises each time, and is never remembered."""
    text = " ".join(cell.split())
    if not text or text.casefold() in _NO_DATE:
        return None
    weekday = _WEEKDAY.match(text)
    day = _read_text(text[weekday.end() :] if weekday else text, month_first_seen)
    if weekday and day is not None and _WEEKDAY_FIRST_LETTERS.index(weekday.group(1)[:3].lower()) != day.weekday():
        raise DateProblem(
            tr("“{text}” does not fit: {date} is a {weekday}; check the council's list.").format(
                text=text, date=_spoken(day.year, day.month, day.day), weekday=tr(WEEKDAY_NAMES[day.weekday()])
            )
        )
    return day


_WEEKDAY_FIRST_LETTERS = tuple(name[:3].lower() for name in WEEKDAY_NAMES)


def _read_text(text: str, month_first_seen: bool) -> date | None:
    if _SERIAL.match(text):
        return _serial(text, text)
    shown, text = text, _TIME.sub("", text)
    if match := _ISO.match(text):
        return _make(int(match.group(1)), int(match.group(3)), int(match.group(4)), shown)
    if match := _NUMERIC.match(text):
        first, second, year = int(match.group(1)), int(match.group(2)), _year(match.group(3))
        if month_first_seen and first <= 12 and second <= 12 and first != second:
            raise DateProblem(
                tr(
                    "“{text}” could be {a} or {b}: other dates in this column are written month first, so AssetReg "
                    "will not guess. Write it as {iso_a} or {iso_b}."
                ).format(
                    text=shown,
                    a=_spoken(year, second, first),
                    b=_spoken(year, first, second),
                    iso_a=f"{year:04d}-{second:02d}-{first:02d}",
                    iso_b=f"{year:04d}-{first:02d}-{second:02d}",
                )
            )
        if first <= 12 < second <= 31:
            raise DateProblem(
                tr(
                    "“{text}” is written month first (US order); UK lists write the day first. Check it and write "
                    "it as {iso}."
                ).format(text=shown, iso=f"{year:04d}-{first:02d}-{second:02d}")
            )
        return _make(year, second, first, shown)
    if match := _DAY_MONTH.match(text):
        return _make(_year(match.group(3)), _month(match.group(2), shown), int(match.group(1)), shown)
    if match := _MONTH_DAY.match(text):
        return _make(int(match.group(3)), _month(match.group(1), shown), int(match.group(2)), shown)
    raise DateProblem(
        tr("“{text}” is not a date AssetReg can read; write it like 21/09/2012 or 2012-09-21.").format(text=shown)
    )


def last_date_in(cell: object, *, month_first_seen: bool = False) -> date | None:
    """The last date in a cell that may hold a range (``21/09/2012 - 02/11/2012``), or ``None`` if blank."""
    if not isinstance(cell, str) or not re.search(r"\d\s+(?:-|–|to)\s+\d", cell):
        return parse_date(cell, month_first_seen=month_first_seen)
    last = re.split(r"\s+(?:-|–|to)\s+", cell.strip())[-1]
    return parse_date(last, month_first_seen=month_first_seen)


def _serial(text: str, shown: str) -> date:
    number = float(text)
    if not _SERIAL_RANGE[0] <= number < _SERIAL_RANGE[1] + 1:
        raise DateProblem(tr("{text} is a number, not a date; write the date like 21/09/2012.").format(text=shown))
    return _EXCEL_EPOCH + timedelta(days=int(number))


def _year(text: str) -> int:
    return 2000 + int(text) if len(text) == 2 else int(text)  # the law began in 2011: "12" is 2012


def _month(name: str, text: str) -> int:
    number = month_number(name)
    if number is None:
        raise DateProblem(tr("“{text}” does not name a month AssetReg knows.").format(text=text))
    return number


def _make(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        why = why_no_day(year, month, day) or tr("there is no such day")
        raise DateProblem(
            tr("“{text}” is not a real date: {why}; check the council's list.").format(text=text, why=why)
        ) from None


def _spoken(year: int, month: int, day: int) -> str:
    try:
        made = date(year, month, day)
    except ValueError:
        return f"{day}/{month}/{year}"
    return f"{made.day} {MONTH_NAMES[made.month - 1]} {made.year}"
