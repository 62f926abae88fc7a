"""Counting methods and working days (RULES.md §3)."""

from __future__ import annotations

import calendar as std_calendar
from datetime import date, timedelta

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assetreg.domain.counting import Counting, Length, Unit, WorkingDayCalendar, period_end
from assetreg.domain.enums import Jurisdiction

ENGLAND = WorkingDayCalendar(Jurisdiction.ENGLAND)
SCOTLAND = WorkingDayCalendar(Jurisdiction.SCOTLAND)
WALES = WorkingDayCalendar(Jurisdiction.WALES)
NORTHERN_IRELAND = WorkingDayCalendar(Jurisdiction.NORTHERN_IRELAND)

BW, AFTER, WD_BW = Counting.BW, Counting.AFTER, Counting.WD_BW


def weeks(n: int) -> Length:
    return Length(n, Unit.WEEKS)


def months(n: int) -> Length:
    return Length(n, Unit.MONTHS)


def years(n: int) -> Length:
    return Length(n, Unit.YEARS)


def working_days(n: int) -> Length:
    return Length(n, Unit.WORKING_DAYS)


# --- Length ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("length", "text"),
    [
        (weeks(6), "6 weeks"),
        (months(1), "1 month"),
        (working_days(20), "20 working days"),
        (Length(28, Unit.DAYS), "28 days"),
        (Length(1, Unit.DAYS), "1 day"),
        (years(5), "5 years"),
    ],
)
def test_length_reads_as_plain_english(length: Length, text: str) -> None:
    assert str(length) == text


def test_length_must_be_positive() -> None:
    with pytest.raises(ValueError):
        Length(0, Unit.DAYS)


def test_every_counting_method_has_a_description() -> None:
    assert {c.value for c in Counting} == {"BW", "AFTER", "WD_BW"}
    for counting in Counting:
        assert len(counting.description) > 40
    assert "counts" in Counting.BW.description
    assert "does not count" in Counting.AFTER.description


# --- BW: beginning with --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("trigger", "length", "end"),
    [
        # RULES.md §3 and §4 examples.
        (date(2022, 11, 2), months(6), date(2023, 5, 1)),  # RCN 2023
        (date(2025, 3, 1), months(6), date(2025, 8, 31)),  # not 28 Aug
        (date(2025, 8, 31), months(6), date(2026, 2, 28)),
        (date(2027, 8, 31), months(6), date(2028, 2, 29)),
        (date(2025, 8, 31), weeks(6), date(2025, 10, 11)),  # ACV-IMP-END
        (date(2028, 2, 10), weeks(6), date(2028, 3, 22)),  # ACV-IMP-END across 29 Feb
        (date(2025, 3, 3), months(6), date(2025, 9, 2)),  # ACV-FMP-END
        (date(2025, 3, 3), months(18), date(2026, 9, 2)),  # ACV-PP-END
        (date(2025, 6, 15), years(5), date(2030, 6, 14)),  # ACV-LIST-END
        # NOTES.md §3.2 worked examples.
        (date(2025, 3, 3), weeks(6), date(2025, 4, 13)),
        (date(2025, 8, 30), months(6), date(2026, 2, 28)),
        (date(2025, 8, 29), months(6), date(2026, 2, 28)),
        (date(2025, 9, 1), months(6), date(2026, 2, 28)),
        (date(2025, 3, 31), months(6), date(2025, 9, 30)),
        (date(2025, 12, 31), months(6), date(2026, 6, 30)),
        (date(2025, 8, 31), months(18), date(2027, 2, 28)),
        (date(2026, 8, 31), months(18), date(2028, 2, 29)),
        (date(2024, 2, 29), years(5), date(2029, 2, 28)),
        (date(2024, 3, 1), years(5), date(2029, 2, 28)),
        (date(2025, 12, 19), weeks(8), date(2026, 2, 12)),
        (date(2026, 1, 5), weeks(8), date(2026, 3, 1)),
        (date(1991, 4, 30), months(3), date(1991, 7, 29)),  # University of Cambridge v Murray
        # First of a month following a shorter month: the whole previous month is in the period.
        (date(2025, 3, 1), months(1), date(2025, 3, 31)),
        (date(2025, 5, 1), months(1), date(2025, 5, 31)),
        (date(2024, 3, 1), months(6), date(2024, 8, 31)),
        (date(2025, 10, 1), months(5), date(2026, 2, 28)),
        (date(2023, 10, 1), months(5), date(2024, 2, 29)),
        (date(2025, 1, 1), years(1), date(2025, 12, 31)),
        (date(2025, 1, 31), months(1), date(2025, 2, 28)),
        (date(2024, 1, 31), months(1), date(2024, 2, 29)),
        (date(2025, 1, 30), months(1), date(2025, 2, 28)),
        (date(2025, 1, 29), months(1), date(2025, 2, 28)),
        (date(2024, 1, 29), months(1), date(2024, 2, 28)),
        (date(2025, 8, 31), Length(1, Unit.DAYS), date(2025, 8, 31)),
    ],
)
def test_beginning_with(trigger: date, length: Length, end: date) -> None:
    assert period_end(trigger, length, BW) == end


def test_the_rules_examples_fall_on_the_stated_weekdays() -> None:
    assert period_end(date(2025, 8, 31), weeks(6), BW).strftime("%a") == "Sat"
    assert period_end(date(2028, 2, 10), weeks(6), BW).strftime("%a") == "Wed"
    assert period_end(date(2025, 8, 31), months(6), BW).strftime("%a") == "Sat"
    assert period_end(date(2025, 6, 15), years(5), BW).strftime("%a") == "Fri"


# --- AFTER ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("trigger", "length", "end"),
    [
        (date(1978, 9, 30), months(4), date(1979, 1, 30)),  # Dodds v Walker
        (date(2025, 8, 31), weeks(8), date(2025, 10, 26)),  # ACV-NOM-DECIDE
        (date(2025, 12, 24), Length(28, Unit.DAYS), date(2026, 1, 21)),  # ACV-FTT-LIST
        (date(2025, 6, 30), weeks(13), date(2025, 9, 29)),  # ACV-COMP-CLAIM
        (date(2025, 8, 31), months(6), date(2026, 2, 28)),  # SCOT-ATR-DECIDE, month end
        (date(2027, 8, 31), months(6), date(2028, 2, 29)),  # leap year
        (date(2025, 3, 1), months(6), date(2025, 9, 1)),
        (date(2024, 2, 29), years(2), date(2026, 2, 28)),
        (date(2023, 3, 23), months(2), date(2023, 5, 23)),  # E J Riley v Eurostile
    ],
)
def test_after(trigger: date, length: Length, end: date) -> None:
    assert period_end(trigger, length, AFTER) == end


# --- WD_BW ---------------------------------------------------------------------------------------------


def test_working_days_scotland_rules_example() -> None:
    end = period_end(date(2026, 2, 2), working_days(20), WD_BW, SCOTLAND)
    assert end == date(2026, 2, 27)
    assert end.strftime("%a") == "Fri"


def test_working_days_count_the_trigger_day_only_if_it_is_a_working_day() -> None:
    assert period_end(date(2026, 2, 2), working_days(1), WD_BW, ENGLAND) == date(2026, 2, 2)  # Monday
    assert period_end(date(2026, 2, 1), working_days(1), WD_BW, ENGLAND) == date(2026, 2, 2)  # Sunday
    assert period_end(date(2026, 1, 31), working_days(5), WD_BW, ENGLAND) == date(2026, 2, 6)


def test_scottish_working_days_across_st_andrews_substitute_day_and_christmas() -> None:
    # 30 Nov 2025 is a Sunday, so Mon 1 Dec 2025 is the substitute St Andrew's Day: day one is Tue 2 Dec.
    # 25 and 26 Dec are skipped.
    assert period_end(date(2025, 12, 1), working_days(20), WD_BW, SCOTLAND) == date(2025, 12, 31)
    # England works on 1 Dec, so the same count ends a day earlier there.
    assert period_end(date(2025, 12, 1), working_days(20), WD_BW, ENGLAND) == date(2025, 12, 30)


def test_scottish_working_days_across_new_year_skip_2_january() -> None:
    # Mon 22 Dec 2025: 22, 23, 24, 29, 30, 31 Dec (25, 26 Dec, 1 and 2 Jan are holidays), then 5, 6 Jan ...
    assert period_end(date(2025, 12, 22), working_days(8), WD_BW, SCOTLAND) == date(2026, 1, 6)
    # England works on Fri 2 Jan 2026.
    assert period_end(date(2025, 12, 22), working_days(8), WD_BW, ENGLAND) == date(2026, 1, 5)


def test_easter_monday_is_a_working_day_in_scotland_only() -> None:
    easter_monday = date(2026, 4, 6)
    assert SCOTLAND.is_working_day(easter_monday)
    assert SCOTLAND.holiday_name(easter_monday) is None
    assert not ENGLAND.is_working_day(easter_monday)
    assert ENGLAND.holiday_name(easter_monday) == "Easter Monday"
    assert not WALES.is_working_day(easter_monday)
    assert not NORTHERN_IRELAND.is_working_day(easter_monday)
    # Thu 2 Apr 2026 counts 2 Apr, then Good Friday 3 Apr is skipped everywhere.
    assert period_end(date(2026, 4, 2), working_days(3), WD_BW, SCOTLAND) == date(2026, 4, 7)
    assert period_end(date(2026, 4, 2), working_days(3), WD_BW, ENGLAND) == date(2026, 4, 8)


def test_st_andrews_day_on_a_weekday_is_a_scottish_holiday() -> None:
    assert not SCOTLAND.is_working_day(date(2026, 11, 30))  # Monday
    assert "Andrew" in (SCOTLAND.holiday_name(date(2026, 11, 30)) or "")
    assert ENGLAND.is_working_day(date(2026, 11, 30))
    assert not SCOTLAND.is_working_day(date(2027, 11, 30))  # Tuesday
    # 2030: St Andrew's Day is a Saturday; the substitute is Monday 2 Dec.
    assert not SCOTLAND.is_working_day(date(2030, 12, 2))
    assert ENGLAND.is_working_day(date(2030, 12, 2))


def test_scottish_bank_holidays_differ_from_england_and_wales() -> None:
    assert not SCOTLAND.is_working_day(date(2025, 8, 4))  # first Monday of August
    assert ENGLAND.is_working_day(date(2025, 8, 4))
    assert SCOTLAND.is_working_day(date(2025, 8, 25))  # last Monday of August
    assert not ENGLAND.is_working_day(date(2025, 8, 25))
    assert not SCOTLAND.is_working_day(date(2026, 1, 2))
    assert ENGLAND.is_working_day(date(2026, 1, 2))


def test_england_and_wales_share_bank_holidays() -> None:
    day = date(2024, 1, 1)
    while day.year < 2028:
        assert ENGLAND.is_working_day(day) == WALES.is_working_day(day), day
        day += timedelta(days=1)


def test_northern_ireland_has_its_own_holidays() -> None:
    assert not NORTHERN_IRELAND.is_working_day(date(2025, 3, 17))  # St Patrick's Day
    assert ENGLAND.is_working_day(date(2025, 3, 17))
    assert not NORTHERN_IRELAND.is_working_day(date(2025, 7, 14))  # Battle of the Boyne (observed)


def test_christmas_substitute_days() -> None:
    # 2027: Christmas Day Sat and Boxing Day Sun, so Mon 27 and Tue 28 Dec are the substitute days.
    for calendar in (ENGLAND, SCOTLAND):
        assert not calendar.is_working_day(date(2027, 12, 27))
        assert not calendar.is_working_day(date(2027, 12, 28))
        assert calendar.is_working_day(date(2027, 12, 29))


def test_user_added_holidays_are_not_working_days() -> None:
    extra = date(2026, 2, 10)
    calendar = WorkingDayCalendar(Jurisdiction.SCOTLAND, [extra])
    assert not calendar.is_working_day(extra)
    assert calendar.holiday_name(extra) == "Holiday added by you"
    assert SCOTLAND.is_working_day(extra)
    assert period_end(date(2026, 2, 2), working_days(20), WD_BW, calendar) == date(2026, 3, 2)


def test_user_added_holidays_may_be_named() -> None:
    calendar = WorkingDayCalendar(Jurisdiction.ENGLAND, {date(2026, 2, 10): "Council offices closed"})
    assert calendar.holiday_name(date(2026, 2, 10)) == "Council offices closed"
    assert calendar.extra_holidays == {date(2026, 2, 10): "Council offices closed"}


def test_previous_and_next_working_day() -> None:
    assert ENGLAND.previous_working_day(date(2025, 10, 11)) == date(2025, 10, 10)  # Sat -> Fri
    assert ENGLAND.previous_working_day(date(2025, 10, 13)) == date(2025, 10, 10)  # Mon -> Fri
    assert ENGLAND.previous_working_day(date(2025, 10, 14)) == date(2025, 10, 13)  # strictly before
    assert ENGLAND.previous_working_day(date(2025, 12, 29)) == date(2025, 12, 24)  # over Christmas
    assert SCOTLAND.previous_working_day(date(2026, 1, 5)) == date(2025, 12, 31)  # over 1 and 2 Jan
    assert ENGLAND.next_working_day(date(2025, 12, 24)) == date(2025, 12, 29)
    assert ENGLAND.add_working_days(date(2025, 10, 11), -3) == date(2025, 10, 8)
    assert ENGLAND.add_working_days(date(2025, 10, 10), 0) == date(2025, 10, 10)


def test_working_day_counting_needs_a_calendar_and_working_day_units() -> None:
    with pytest.raises(ValueError):
        period_end(date(2026, 2, 2), working_days(20), WD_BW)
    with pytest.raises(ValueError):
        period_end(date(2026, 2, 2), weeks(2), WD_BW, ENGLAND)
    with pytest.raises(ValueError):
        period_end(date(2026, 2, 2), working_days(2), BW, ENGLAND)


def test_holiday_lookup_is_cached_per_year(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []
    real = holidays.country_holidays

    def counting_lookup(*args: object, **kwargs: object) -> object:
        calls.append(kwargs.get("years"))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(holidays, "country_holidays", counting_lookup)
    calendar = WorkingDayCalendar(Jurisdiction.SCOTLAND)
    start = date(2025, 1, 1)
    for i in range(100_000):
        calendar.is_working_day(start + timedelta(days=i % 730))
    assert sorted(calls) == [2025, 2026]  # type: ignore[type-var]


# --- properties ----------------------------------------------------------------------------------------

triggers = st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31))
month_counts = st.integers(min_value=1, max_value=60)


def _month_after(d: date, n: int) -> tuple[int, int]:
    index = d.year * 12 + d.month - 1 + n
    return index // 12, index % 12 + 1


@given(triggers, month_counts)
def test_bw_months_ends_in_the_month_n_months_later_or_on_its_last_day(trigger: date, n: int) -> None:
    end = period_end(trigger, months(n), BW)
    year, month = _month_after(trigger, n)
    last_day = std_calendar.monthrange(year, month)[1]
    if trigger.day <= last_day:
        assert end == date(year, month, trigger.day) - timedelta(days=1)
    else:
        assert end == date(year, month, last_day)


@given(triggers, month_counts)
def test_bw_end_is_never_earlier_than_after_end_less_one_day(trigger: date, n: int) -> None:
    bw = period_end(trigger, months(n), BW)
    after = period_end(trigger, months(n), AFTER)
    assert after - timedelta(days=1) <= bw <= after


@given(triggers, st.integers(min_value=1, max_value=200), st.sampled_from([Unit.DAYS, Unit.WEEKS]))
def test_bw_and_after_differ_by_one_day_for_days_and_weeks(trigger: date, n: int, unit: Unit) -> None:
    length = Length(n, unit)
    assert period_end(trigger, length, AFTER) - period_end(trigger, length, BW) == timedelta(days=1)


@given(
    triggers,
    st.integers(min_value=1, max_value=400),
    month_counts,
    st.sampled_from([Counting.BW, Counting.AFTER]),
    st.sampled_from([Unit.DAYS, Unit.MONTHS, Unit.YEARS]),
)
def test_period_end_is_non_decreasing_in_the_trigger(
    trigger: date, gap: int, n: int, counting: Counting, unit: Unit
) -> None:
    length = Length(n if unit is not Unit.YEARS else 1 + n % 5, unit)
    later = trigger + timedelta(days=gap)
    assert period_end(trigger, length, counting) <= period_end(later, length, counting)


@settings(max_examples=200)
@given(
    st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)),
    st.integers(1, 40),
    st.sampled_from(list(Jurisdiction)),
    st.lists(st.dates(date(2020, 1, 1), date(2036, 6, 30)), max_size=5),
)
def test_wd_bw_end_is_a_working_day_with_n_working_days_counted(
    trigger: date, n: int, jurisdiction: Jurisdiction, extra: list[date]
) -> None:
    calendar = WorkingDayCalendar(jurisdiction, extra)
    end = period_end(trigger, working_days(n), WD_BW, calendar)
    assert calendar.is_working_day(end)
    counted = sum(calendar.is_working_day(trigger + timedelta(days=i)) for i in range((end - trigger).days + 1))
    assert counted == n


@settings(max_examples=100)
@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)), st.integers(1, 30))
def test_wd_bw_is_non_decreasing_in_the_trigger(trigger: date, n: int) -> None:
    later = trigger + timedelta(days=1)
    assert period_end(trigger, working_days(n), WD_BW, SCOTLAND) <= period_end(later, working_days(n), WD_BW, SCOTLAND)
