"""Computed deadlines and their explanations (RULES.md §3–§4)."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from assetreg.domain.counting import WorkingDayCalendar
from assetreg.domain.deadlines import (
    Deadline,
    compute,
    format_date,
    no_regime_note,
    send_by,
    with_published,
)
from assetreg.domain.enums import Jurisdiction
from assetreg.domain.rules import Confidence, Event

ENGLAND, WALES, SCOTLAND, NI = (
    Jurisdiction.ENGLAND,
    Jurisdiction.WALES,
    Jurisdiction.SCOTLAND,
    Jurisdiction.NORTHERN_IRELAND,
)


def by_code(deadlines: list[Deadline]) -> dict[str, Deadline]:
    return {d.code: d for d in deadlines}


def deadline(event: Event, trigger: date, code: str, jurisdiction: Jurisdiction = ENGLAND) -> Deadline:
    return by_code(compute(event, trigger, jurisdiction))[code]


def test_format_date_house_style() -> None:
    assert format_date(date(2025, 10, 11)) == "Sat 11 Oct 2025"
    assert format_date(date(2030, 6, 14)) == "Fri 14 Jun 2030"
    assert format_date(date(2026, 3, 1)) == "Sun 1 Mar 2026"


# The examples table of RULES.md §4, with weekdays as written there.
@pytest.mark.parametrize(
    ("code", "event", "trigger", "jurisdiction", "end"),
    [
        ("ACV-IMP-END", Event.DISPOSAL_NOTICE_RECEIVED, date(2025, 8, 31), ENGLAND, "Sat 11 Oct 2025"),
        ("ACV-IMP-END", Event.DISPOSAL_NOTICE_RECEIVED, date(2028, 2, 10), ENGLAND, "Wed 22 Mar 2028"),
        ("ACV-FMP-END", Event.DISPOSAL_NOTICE_RECEIVED, date(2025, 3, 3), ENGLAND, "Tue 2 Sep 2025"),
        ("ACV-FMP-END", Event.DISPOSAL_NOTICE_RECEIVED, date(2025, 8, 31), ENGLAND, "Sat 28 Feb 2026"),
        ("ACV-PP-END", Event.DISPOSAL_NOTICE_RECEIVED, date(2025, 3, 3), ENGLAND, "Wed 2 Sep 2026"),
        ("ACV-LIST-END", Event.LISTING_ENTERED, date(2025, 6, 15), ENGLAND, "Fri 14 Jun 2030"),
        ("ACV-NOM-DECIDE", Event.NOMINATION_RECEIVED, date(2025, 8, 31), ENGLAND, "Sun 26 Oct 2025"),
        ("ACV-FTT-LIST", Event.REVIEW_DECISION_SENT, date(2025, 12, 24), ENGLAND, "Wed 21 Jan 2026"),
        ("SCOT-ATR-REVIEW", Event.ATR_DECISION_NOTICE, date(2026, 2, 2), SCOTLAND, "Fri 27 Feb 2026"),
        # More from NOTES.md §3.2.
        ("ACV-FMP-END", Event.DISPOSAL_NOTICE_RECEIVED, date(2027, 8, 31), ENGLAND, "Tue 29 Feb 2028"),
        ("ACV-PP-END", Event.DISPOSAL_NOTICE_RECEIVED, date(2025, 8, 31), ENGLAND, "Sun 28 Feb 2027"),
        ("ACV-LIST-END", Event.LISTING_ENTERED, date(2024, 2, 29), ENGLAND, "Wed 28 Feb 2029"),
        ("ACV-LIST-END", Event.LISTING_ENTERED, date(2024, 3, 1), ENGLAND, "Wed 28 Feb 2029"),
        ("ACV-REVIEW-REQ", Event.LISTING_NOTICE_GIVEN, date(2025, 12, 19), ENGLAND, "Thu 12 Feb 2026"),
        ("ACV-REVIEW-DECIDE", Event.REVIEW_REQUEST_RECEIVED, date(2026, 1, 5), ENGLAND, "Sun 1 Mar 2026"),
        ("ACV-COMP-CLAIM", Event.LOSS_INCURRED, date(2025, 6, 30), ENGLAND, "Mon 29 Sep 2025"),
        ("SCOT-ATR-DECIDE", Event.ATR_VALIDATED, date(2025, 8, 31), SCOTLAND, "Sat 28 Feb 2026"),
        ("SCOT-ATR-DECIDE", Event.ATR_VALIDATED, date(2027, 8, 31), SCOTLAND, "Tue 29 Feb 2028"),
        ("SCOT-ATR-APPEAL", Event.ATR_DECISION_NOTICE, date(2026, 2, 2), SCOTLAND, "Fri 27 Feb 2026"),
        # Mon 1 Dec 2025 is the St Andrew's Day substitute holiday, so counting starts on Tue 2 Dec.
        ("SCOT-ATR-REVIEW", Event.ATR_DECISION_NOTICE, date(2025, 12, 1), SCOTLAND, "Wed 31 Dec 2025"),
        ("SCOT-ATR-REPEAT", Event.ATR_REFUSED, date(2024, 2, 29), SCOTLAND, "Sat 28 Feb 2026"),
        ("SCOT-CRTB-REG-END", Event.CRTB_REGISTERED, date(2025, 3, 1), SCOTLAND, "Thu 28 Feb 2030"),
    ],
)
def test_examples(code: str, event: Event, trigger: date, jurisdiction: Jurisdiction, end: str) -> None:
    found = deadline(event, trigger, code, jurisdiction)
    assert format_date(found.date) == end
    assert found.weekday == end[:3]


def test_a_disposal_notice_gives_every_disposal_date_in_date_order() -> None:
    found = compute(Event.DISPOSAL_NOTICE_RECEIVED, date(2025, 8, 31), ENGLAND)
    assert [(d.code, d.date) for d in found] == [
        ("ACV-IMP-END", date(2025, 10, 11)),
        ("ACV-OWNER-FREE", date(2025, 10, 12)),
        ("ACV-FMP-END", date(2026, 2, 28)),
        ("ACV-PP-END", date(2027, 2, 28)),
        ("ACV-RENOTIFY", date(2027, 3, 1)),
    ]
    assert all(d.trigger_date == date(2025, 8, 31) for d in found)
    assert all(d.trigger_event is Event.DISPOSAL_NOTICE_RECEIVED for d in found)


def test_while_no_request_is_known_the_full_moratorium_is_conditional() -> None:
    found = by_code(compute(Event.DISPOSAL_NOTICE_RECEIVED, date(2025, 8, 31), ENGLAND))
    assert found["ACV-FMP-END"].conditional
    owner_free = found["ACV-OWNER-FREE"]
    assert owner_free.conditional
    assert (owner_free.date, owner_free.alternative_date) == (date(2025, 10, 12), date(2026, 3, 1))
    assert "Sun 1 Mar 2026" in owner_free.explanation
    assert not found["ACV-IMP-END"].conditional
    assert not found["ACV-PP-END"].conditional


def test_a_valid_request_makes_the_owner_wait_for_the_full_moratorium() -> None:
    found = by_code(compute(Event.DISPOSAL_NOTICE_RECEIVED, date(2025, 8, 31), ENGLAND, valid_bidder_request=True))
    assert not found["ACV-FMP-END"].conditional
    owner_free = found["ACV-OWNER-FREE"]
    assert (owner_free.date, owner_free.conditional, owner_free.alternative_date) == (date(2026, 3, 1), False, None)
    assert owner_free.base_code == "ACV-FMP-END"


def test_without_a_valid_request_there_is_no_full_moratorium() -> None:
    found = by_code(compute(Event.DISPOSAL_NOTICE_RECEIVED, date(2025, 8, 31), ENGLAND, valid_bidder_request=False))
    assert "ACV-FMP-END" not in found
    owner_free = found["ACV-OWNER-FREE"]
    assert (owner_free.date, owner_free.conditional, owner_free.base_code) == (date(2025, 10, 12), False, "ACV-IMP-END")
    assert found["ACV-RENOTIFY"].date == date(2027, 3, 1)


def test_renomination_date_uses_a_lead_time() -> None:
    found = by_code(compute(Event.LISTING_ENTERED, date(2025, 6, 15), ENGLAND))
    assert found["ACV-RENOMINATE-BY"].date == date(2030, 4, 5)  # 70 days before Fri 14 Jun 2030
    assert "70 days before" in found["ACV-RENOMINATE-BY"].explanation
    own_lead = by_code(compute(Event.LISTING_ENTERED, date(2025, 6, 15), ENGLAND, renomination_lead_days=84))
    assert own_lead["ACV-RENOMINATE-BY"].date == date(2030, 3, 22)
    assert [d.code for d in compute(Event.LISTING_ENTERED, date(2025, 6, 15), ENGLAND)] == [
        "ACV-RENOMINATE-BY",
        "ACV-LIST-END",
    ]


@pytest.mark.parametrize("jurisdiction", [WALES, NI, SCOTLAND])
@pytest.mark.parametrize("event", [e for e in Event if not e.value.startswith(("atr-", "crtb-"))])
def test_no_acv_dates_outside_england(jurisdiction: Jurisdiction, event: Event) -> None:
    assert compute(event, date(2025, 8, 31), jurisdiction) == []


def test_no_scottish_dates_in_england() -> None:
    assert compute(Event.ATR_DECISION_NOTICE, date(2026, 2, 2), ENGLAND) == []


def test_no_regime_notes() -> None:
    assert "never commenced" in no_regime_note(WALES)
    assert "Chapter 3" in no_regime_note(WALES)
    assert "Northern Ireland" in no_regime_note(NI)
    assert "England only" in no_regime_note(SCOTLAND)
    assert no_regime_note(ENGLAND) == ""


def test_a_deadline_on_a_weekend_advises_acting_by_the_previous_working_day() -> None:
    imp = deadline(Event.DISPOSAL_NOTICE_RECEIVED, date(2025, 8, 31), "ACV-IMP-END")
    assert imp.non_working_day
    assert imp.holiday_name is None
    assert imp.act_by == date(2025, 10, 10)
    assert "act by Fri 10 Oct 2025" in imp.explanation
    assert "not extended" in imp.explanation


def test_a_deadline_on_a_bank_holiday_names_it() -> None:
    # Received Tue 18 Nov 2025: 6 weeks beginning with it ends Mon 29 Dec 2025, a working day in England;
    # received Fri 14 Nov 2025 ends Thu 25 Dec 2025, Christmas Day.
    imp = deadline(Event.DISPOSAL_NOTICE_RECEIVED, date(2025, 11, 14), "ACV-IMP-END")
    assert imp.date == date(2025, 12, 25)
    assert imp.holiday_name == "Christmas Day"
    assert imp.act_by == date(2025, 12, 24)
    assert "(Christmas Day)" in imp.explanation
    ok = deadline(Event.DISPOSAL_NOTICE_RECEIVED, date(2025, 11, 18), "ACV-IMP-END")
    assert (ok.date, ok.non_working_day, ok.act_by) == (date(2025, 12, 29), False, None)


def test_first_day_dates_get_no_act_by_advice() -> None:
    owner_free = deadline(Event.DISPOSAL_NOTICE_RECEIVED, date(2025, 8, 31), "ACV-OWNER-FREE")
    assert owner_free.date == date(2025, 10, 12)  # a Sunday
    assert owner_free.non_working_day
    assert owner_free.act_by is None


def test_a_date_counted_from_another_is_no_surer_than_that_one() -> None:
    # The day the owner is free is the day after the interim moratorium ends: as sure as that end, from guidance.
    owner_free = deadline(Event.DISPOSAL_NOTICE_RECEIVED, date(2025, 8, 31), "ACV-OWNER-FREE")
    assert owner_free.rule.confidence is Confidence.V and owner_free.confidence is Confidence.S
    assert "How sure: how it is counted is taken from council, government or legal guidance" in owner_free.explanation
    assert "Confirm this date with the council" in owner_free.explanation
    full = deadline(Event.DISPOSAL_NOTICE_RECEIVED, date(2025, 8, 31), "ACV-FMP-END")  # counted on its own
    assert full.confidence is Confidence.V and "How sure: checked against the legislation." in full.explanation


def test_explanation_reads_as_a_paragraph() -> None:
    text = deadline(Event.DISPOSAL_NOTICE_RECEIVED, date(2025, 8, 31), "ACV-IMP-END").explanation
    assert text.startswith(
        "Interim moratorium ends — last day the council can receive a request to be treated as a potential "
        "bidder: Sat 11 Oct 2025."
    )
    assert (
        "6 weeks beginning with the day the council received the disposal notice, Sun 31 Aug 2025 (the day counts)"
    ) in text
    assert "s.95, s.97" in text
    assert (
        "How sure: how it is counted is taken from council, government or legal guidance, not settled by the "
        "legislation itself." in text
    )
    assert "[S]" not in text  # the catalogue's tags are for developers
    assert "Confirm this date" in text
    assert "received by then" in text
    assert "Provisional" not in text


def test_after_explanation_says_the_day_does_not_count() -> None:
    text = deadline(Event.REVIEW_DECISION_SENT, date(2025, 12, 24), "ACV-FTT-LIST").explanation
    assert (
        "28 days after the day the listing review decision was sent, Wed 24 Dec 2025 (the day does not count)"
    ) in text
    assert "Confirm this date" not in text  # [V]


def test_working_day_explanation() -> None:
    text = deadline(Event.ATR_DECISION_NOTICE, date(2026, 2, 2), "SCOT-ATR-REVIEW", SCOTLAND).explanation
    assert "20 working days beginning with the date of the decision notice, Mon 2 Feb 2026" in text
    assert "bank holidays in Scotland are skipped" in text


def test_conditional_explanation() -> None:
    text = deadline(Event.DISPOSAL_NOTICE_RECEIVED, date(2025, 8, 31), "ACV-FMP-END").explanation
    assert "This date applies only if the council received a valid request" in text


def test_provisional_dates_are_badged() -> None:
    found = compute(Event.DISPOSAL_NOTICE_RECEIVED, date(2025, 8, 31), ENGLAND, provisional=True)
    assert found and all(d.provisional for d in found)
    assert "Provisional" in found[0].explanation
    assert not any(d.provisional for d in compute(Event.DISPOSAL_NOTICE_RECEIVED, date(2025, 8, 31), ENGLAND))


def test_published_date_earlier_than_computed() -> None:
    imp = deadline(Event.DISPOSAL_NOTICE_RECEIVED, date(2025, 8, 31), "ACV-IMP-END")
    published = with_published(imp, date(2025, 10, 10), "council's list of assets")
    assert published.difference_days == -1
    assert published.effective_date == date(2025, 10, 10)
    assert published.date == date(2025, 10, 11)
    assert published.published_basis == "council's list of assets"
    assert (
        "The council published Fri 10 Oct 2025 (council's list of assets), 1 day earlier than the computed "
        "date; act on the earlier date, Fri 10 Oct 2025."
    ) in published.explanation


def test_published_date_later_than_computed_keeps_the_computed_date() -> None:
    imp = deadline(Event.DISPOSAL_NOTICE_RECEIVED, date(2025, 8, 31), "ACV-IMP-END")
    published = with_published(imp, date(2025, 10, 14), "letter")
    assert published.difference_days == 3
    assert published.effective_date == date(2025, 10, 11)
    assert "3 days later" in published.explanation
    assert "act on the earlier date, Sat 11 Oct 2025" in published.explanation


def test_published_date_that_agrees() -> None:
    imp = deadline(Event.DISPOSAL_NOTICE_RECEIVED, date(2025, 8, 31), "ACV-IMP-END")
    published = with_published(imp, date(2025, 10, 11), "")
    assert published.difference_days == 0
    assert "The council published the same date." in published.explanation
    assert imp.difference_days is None and imp.published_date is None
    assert with_published(published, None, "").published_date is None


def test_send_by_date_for_a_request_that_must_be_received() -> None:
    imp = deadline(Event.DISPOSAL_NOTICE_RECEIVED, date(2025, 8, 31), "ACV-IMP-END")
    calendar = WorkingDayCalendar(ENGLAND)
    assert send_by(imp, calendar, 3) == date(2025, 10, 8)
    assert send_by(with_published(imp, date(2025, 10, 10), "list"), calendar, 3) == date(2025, 10, 7)
    pp = deadline(Event.DISPOSAL_NOTICE_RECEIVED, date(2025, 8, 31), "ACV-PP-END")
    assert send_by(pp, calendar, 3) is None


def test_user_holidays_reach_the_computation() -> None:
    calendar = WorkingDayCalendar(SCOTLAND, [date(2026, 2, 10)])
    found = by_code(compute(Event.ATR_DECISION_NOTICE, date(2026, 2, 2), SCOTLAND, calendar))
    assert found["SCOT-ATR-REVIEW"].date == date(2026, 3, 2)


def test_a_calendar_for_another_jurisdiction_is_refused() -> None:
    with pytest.raises(ValueError):
        compute(Event.ATR_DECISION_NOTICE, date(2026, 2, 2), SCOTLAND, WorkingDayCalendar(ENGLAND))


def test_deadlines_are_frozen() -> None:
    imp = deadline(Event.DISPOSAL_NOTICE_RECEIVED, date(2025, 8, 31), "ACV-IMP-END")
    with pytest.raises(dataclasses.FrozenInstanceError):
        imp.date = date(2025, 1, 1)  # type: ignore[misc]
