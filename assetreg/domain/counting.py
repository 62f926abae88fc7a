"""Counting statutory time: the three counting methods of RULES.md §3 and a working-day calendar.

Everything here is pure date arithmetic. Nothing reads the clock; every function is given the dates it needs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache

from dateutil.relativedelta import relativedelta

from .enums import Jurisdiction, LabelledEnum
from .i18n import tr

_ONE_DAY = timedelta(days=1)


class Counting(LabelledEnum):
    """How a period is counted from its trigger day (RULES.md §3)."""

    BW = "BW"
    AFTER = "AFTER"
    WD_BW = "WD_BW"

    @staticmethod
    def _labels() -> dict[str, str]:
        return {
            "BW": tr("Beginning with the trigger day"),
            "AFTER": tr("After the trigger day"),
            "WD_BW": tr("Working days beginning with the trigger day"),
        }

    @property
    def description(self) -> str:
        """A plain-English sentence saying how this method counts."""
        return {
            Counting.BW: tr(
                "The period begins with the trigger day, so that day counts: 6 weeks beginning with a Sunday "
                "ends on the Saturday 6 weeks later (Zoan v Rouamba)."
            ),
            Counting.AFTER: tr(
                "The period runs after the trigger day, so that day does not count: 28 days after the 1st "
                "ends on the 29th (Dodds v Walker)."
            ),
            Counting.WD_BW: tr(
                "Working days beginning with the trigger day: that day counts if it is a working day; "
                "Saturdays, Sundays and bank holidays are skipped."
            ),
        }[self]


class Unit(LabelledEnum):
    """The unit a period length is stated in."""

    DAYS = "days"
    WEEKS = "weeks"
    MONTHS = "months"
    YEARS = "years"
    WORKING_DAYS = "working-days"


def _unit_words() -> dict[Unit, tuple[str, str]]:
    return {
        Unit.DAYS: (tr("day"), tr("days")),
        Unit.WEEKS: (tr("week"), tr("weeks")),
        Unit.MONTHS: (tr("month"), tr("months")),
        Unit.YEARS: (tr("year"), tr("years")),
        Unit.WORKING_DAYS: (tr("working day"), tr("working days")),
    }


@dataclass(frozen=True)
class Length:
    """A period length as the statute states it, e.g. 6 weeks or 20 working days."""

    amount: int
    unit: Unit

    def __post_init__(self) -> None:
        if self.amount < 1:
            raise ValueError(f"a period length must be at least 1, not {self.amount}")

    def __str__(self) -> str:
        singular, plural = _unit_words()[self.unit]
        return f"{self.amount} {singular if self.amount == 1 else plural}"


# Registers hold many records with the same trigger dates; the answer depends on nothing else.
@lru_cache(maxsize=1 << 16)
def period_end(trigger: date, length: Length, counting: Counting, calendar: WorkingDayCalendar | None = None) -> date:
    """The last day of a period of ``length`` counted from ``trigger`` by ``counting`` (RULES.md §3).

    ``calendar`` is needed only for working-day counting; calendar periods are never moved off weekends or
    bank holidays (no ACV period is extended), so callers show the weekday and advise acting earlier.
    """
    if counting is Counting.WD_BW or length.unit is Unit.WORKING_DAYS:
        if counting is not Counting.WD_BW or length.unit is not Unit.WORKING_DAYS:
            raise ValueError("working days are counted only with WD_BW, and WD_BW counts only working days")
        if calendar is None:
            raise ValueError("WD_BW counting needs a working-day calendar")
        return calendar.nth_working_day(trigger, length.amount)

    if length.unit in (Unit.DAYS, Unit.WEEKS):
        days = length.amount * (7 if length.unit is Unit.WEEKS else 1)
        end = trigger + timedelta(days=days)
        return end - _ONE_DAY if counting is Counting.BW else end

    months = length.amount * (12 if length.unit is Unit.YEARS else 1)
    # relativedelta clamps a missing day (31 Aug + 6 months) to the month's last day.
    corresponding = trigger + relativedelta(months=months)
    if counting is Counting.AFTER:
        return corresponding
    if corresponding.day != trigger.day:
        # The month has no day numbered trigger.day, so the period fills the whole month (31 Aug → 28 Feb).
        return corresponding
    # Not "(trigger - 1 day) + months": that makes 1 Mar + 6 months end on 28 Aug instead of 31 Aug.
    return corresponding - _ONE_DAY


def _holiday_subdivision(jurisdiction: Jurisdiction) -> str:
    # England and Wales share one set of bank holidays (Banking and Financial Dealings Act 1971 Sch 1),
    # so both use the package's England list rather than risk the two drifting apart.
    return {
        Jurisdiction.ENGLAND: "ENG",
        Jurisdiction.WALES: "ENG",
        Jurisdiction.SCOTLAND: "SCT",
        Jurisdiction.NORTHERN_IRELAND: "NIR",
    }[jurisdiction]


class WorkingDayCalendar:
    """Working days of one jurisdiction: not a Saturday, Sunday, bank holiday or user-added holiday."""

    __slots__ = ("jurisdiction", "_extra", "_bank_holidays_by_year")

    def __init__(self, jurisdiction: Jurisdiction, extra_holidays: Iterable[date] | Mapping[date, str] = ()) -> None:
        self.jurisdiction = jurisdiction
        if isinstance(extra_holidays, Mapping):
            self._extra: dict[date, str] = dict(extra_holidays)
        else:
            self._extra = {d: tr("Holiday added by you") for d in extra_holidays}
        self._bank_holidays_by_year: dict[int, dict[date, str]] = {}

    def __repr__(self) -> str:
        return f"WorkingDayCalendar({self.jurisdiction!r}, extra_holidays={sorted(self._extra)!r})"

    @property
    def extra_holidays(self) -> Mapping[date, str]:
        """The one-off holidays the user added, with their names."""
        return dict(self._extra)

    def _bank_holidays(self, year: int) -> dict[date, str]:
        # Building the package's holiday set is slow; one lookup per year keeps 100,000 checks fast.
        found = self._bank_holidays_by_year.get(year)
        if found is None:
            found = {}
            import holidays  # here, not at the top: only calendars need it, and the command line starts faster

            package = holidays.country_holidays(
                "GB", subdiv=_holiday_subdivision(self.jurisdiction), years=year, language="en_GB"
            )
            for day, name in package.items():
                names = [part for part in name.split("; ") if not self._excluded(part)]
                if names:
                    found[day] = "; ".join(names)
            self._bank_holidays_by_year[year] = found
        return found

    def _excluded(self, holiday_name: str) -> bool:
        # Easter Monday is not a bank holiday in Scotland (1971 Act Sch 1 para 2 omits it). holidays 0.108
        # already leaves it out of the Scottish list; this guards against a release that adds it back.
        return self.jurisdiction is Jurisdiction.SCOTLAND and holiday_name == "Easter Monday"

    def holiday_name(self, day: date) -> str | None:
        """The name of the bank holiday or user-added holiday on ``day``, or None (weekends have no name)."""
        return self._bank_holidays(day.year).get(day) or self._extra.get(day)

    def is_working_day(self, day: date) -> bool:
        """Whether ``day`` is a working day: Monday to Friday and not a holiday."""
        return day.weekday() < 5 and day not in self._extra and day not in self._bank_holidays(day.year)

    def previous_working_day(self, day: date) -> date:
        """The latest working day strictly before ``day``."""
        return self.add_working_days(day, -1)

    def next_working_day(self, day: date) -> date:
        """The earliest working day strictly after ``day``."""
        return self.add_working_days(day, 1)

    def add_working_days(self, day: date, count: int) -> date:
        """The working day ``count`` working days after ``day`` (before it if negative); ``day`` is not counted."""
        step = _ONE_DAY if count >= 0 else -_ONE_DAY
        remaining = abs(count)
        while remaining:
            day += step
            if self.is_working_day(day):
                remaining -= 1
        return day

    def nth_working_day(self, start: date, count: int) -> date:
        """The ``count``-th working day beginning with ``start`` (``start`` counts if it is a working day)."""
        if count < 1:
            raise ValueError(f"count must be at least 1, not {count}")
        first = start if self.is_working_day(start) else self.next_working_day(start)
        return self.add_working_days(first, count - 1)


@cache
def default_calendar(jurisdiction: Jurisdiction) -> WorkingDayCalendar:
    """A shared calendar of the jurisdiction's bank holidays, without user-added holidays."""
    return WorkingDayCalendar(jurisdiction)
