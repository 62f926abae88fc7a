"""Dates as people write them, read the same in every form and on the command line (``typed_date``)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assetreg.domain.dates import format_date, month_number, typed_date


@pytest.mark.parametrize(
    "written",
    [
        "31/08/2025", "31.08.2025", "31-08-2025", " 31 / 08 / 2025 ", "2025-08-31",
        "31 Aug 2025", "Sun 31 Aug 2025", "Sunday, 31/08/2025", "31st August 2025", "31 of August 2025",
        "August 31, 2025", "aug 31st 2025", "31-Aug-2025", "31/Aug/2025", "Sunday, August 31, 2025",
        "Sun Aug 31 2025", "20250831", "31\u200b Aug 2025",
    ],
)  # fmt: skip
def test_every_way_a_uk_date_is_written(written: str) -> None:
    assert typed_date(written) == date(2025, 8, 31)


def test_day_first_even_where_either_order_reads() -> None:
    assert typed_date("3/4/2026") == date(2026, 4, 3)
    assert typed_date("1.9.2025") == date(2025, 9, 1)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_a_date_as_assetreg_writes_it_reads_back_as_itself(day: date) -> None:
    assert typed_date(format_date(day)) == day
    assert typed_date(f"{day.day}/{day.month}/{day.year}") == day
    assert typed_date(day.isoformat()) == day


@pytest.mark.parametrize(
    ("written", "says"),
    [
        ("", "No date was given; write it like 31/08/2025."),
        ("next Tuesday", "“next Tuesday” is not a date; write it like 31/08/2025 or 2025-08-31."),
        ("31 Ma 2025", "“31 Ma 2025” is not a date; write it like 31/08/2025 or 2025-08-31."),
        ("08/31/2025", "“08/31/2025” is written month first; write the day first, as 31/08/2025."),
        ("31/08/25", "“31/08/25” does not give the year in four figures; write it in full, for example 31/08/2025."),
        ("29/02/2025", "“29/02/2025” is not a real date: February 2025 has 28 days; check it."),
        ("31 Sept 2025", "“31 Sept 2025” is not a real date: September 2025 has 30 days; check it."),
        ("2025-13-01", "“2025-13-01” is not a real date: there is no month 13; check it."),
        ("31/08/1025", "“31/08/1025” is in the year 1025; check the year."),
        ("Mon 31 Aug 2025", "“Mon 31 Aug 2025” does not fit: 31 Aug 2025 is a Sunday; check which day you mean."),
        ("44000", "“44000” is not a date; write it like 31/08/2025 or 2025-08-31."),  # never a spreadsheet serial
        ("31082025", "“31082025” is not a date; write it like 31/08/2025 or 2025-08-31."),  # never read as a year 3108
        ("31/08/0000", "“31/08/0000” is in the year 0; check the year."),
        ("0/9/2025", "“0/9/2025” is not a real date: there is no day 0 of a month; check it."),
        (
            "31/08/02025",
            "“31/08/02025” does not give the year in four figures; write it in full, for example 31/08/2025.",
        ),
        ("08/31/25", "“08/31/25” does not give the year in four figures; write it in full, for example 31/08/2025."),
        ("３１/０８/２０２５", "“３１/０８/２０２５” is not a date; write it like 31/08/2025 or 2025-08-31."),
    ],
)
def test_a_date_that_cannot_be_read_for_certain_is_refused_saying_why(written: str, says: str) -> None:
    with pytest.raises(ValueError) as refused:
        typed_date(written)
    assert str(refused.value) == says


def test_a_weekday_written_with_the_date_is_checked_against_it() -> None:
    sunday = date(2025, 8, 31)
    for offset in range(7):
        day = sunday + timedelta(days=offset)
        assert typed_date(f"{format_date(day)}") == day
    with pytest.raises(ValueError, match="is a Monday"):
        typed_date("Tuesday 1 September 2025")


def test_months_by_their_names() -> None:
    assert [month_number(n) for n in ("Jan", "sept", "Sept.", "SEPTEMBER", "may", "Augu", "Ma", "Ju", "Smarch")] == [
        1, 9, 9, 9, 5, 8, None, None, None,
    ]  # fmt: skip
