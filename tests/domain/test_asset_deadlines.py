"""The deadlines of one asset from what is recorded about it (RULES.md §2–§5), with no database.

Every scenario builds ``AssetFacts`` by hand and asks ``asset_deadlines`` on a fixed day; the dates are the
exact ones the rules give (RULES.md §3 counting, §4 catalogue and examples).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from assetreg.domain import entities as e
from assetreg.domain.asset_deadlines import TASK, AssetDeadline, AssetFacts, asset_deadlines, notice_cases
from assetreg.domain.case import build_case
from assetreg.domain.counting import WorkingDayCalendar
from assetreg.domain.enums import (
    ApplicationKind,
    ChallengeKind,
    ChallengeOutcome,
    DisposalKind,
    ExemptionCode,
    Jurisdiction,
    LegalForm,
    ListEntryKind,
    NominationDecision,
    NoticeOutcome,
    Period,
    Regime,
    RemovalReason,
)
from assetreg.domain.notice_case import EarlyEnd, RequestFacts
from assetreg.domain.settings import Settings
from assetreg.domain.status import NoticeStatus, relevant_disposal_problem

TODAY = date(2025, 9, 15)  # a Monday
ENGLAND = WorkingDayCalendar(Jurisdiction.ENGLAND)
SCOTLAND = WorkingDayCalendar(Jurisdiction.SCOTLAND)
ASSET = "AST-0001"

# RULES.md §4 examples used throughout.
NOTICE_RECEIVED = date(2025, 8, 31)  # Sun
IMP_END = date(2025, 10, 11)  # Sat
FMP_END = date(2026, 2, 28)  # Sat
PP_END = date(2027, 2, 28)  # Sun: 31 Aug + 18 months has no 31 Feb, so the whole of February counts
ENTERED = date(2025, 6, 15)  # Sun
LIST_END = date(2030, 6, 14)  # Fri
RENOMINATE_BY = date(2030, 4, 5)  # 70 days (10 weeks) before LIST_END


IMPLICIT_LISTING = "LST-0009"


def facts(jurisdiction: Jurisdiction = Jurisdiction.ENGLAND, **recorded) -> AssetFacts:
    # A moratorium needs listed land (s.95(1)): unless a test says otherwise, the asset was listed the day
    # before its first notice, which keeps it listed for five years.
    starts = [n.received_on or n.sent_on for n in recorded.get("notices", ()) if n.received_on or n.sent_on]
    if starts and "list_entries" not in recorded:
        recorded["list_entries"] = (
            e.ListEntry(reference=IMPLICIT_LISTING, asset_ref=ASSET, entered_on=min(starts) - timedelta(days=1)),
        )
    return AssetFacts(asset_ref=ASSET, asset_name="The Red Lion", jurisdiction=jurisdiction, **recorded)


def deadlines(
    f: AssetFacts, today: date = TODAY, settings: Settings | None = None, calendar: WorkingDayCalendar = ENGLAND
) -> list[AssetDeadline]:
    # The dates of the implicit listing (see ``facts``) are scaffolding, not what these tests are about.
    return [d for d in asset_deadlines(f, today, settings or Settings(), calendar) if d.record_ref != IMPLICIT_LISTING]


def by_code(items: list[AssetDeadline]) -> dict[str, AssetDeadline]:
    codes = [i.code for i in items]
    assert len(codes) == len(set(codes)), f"a code appears twice: {codes}"
    return {i.code: i for i in items}


def dated(items: list[AssetDeadline]) -> dict[tuple[str, str], date]:
    """(record, rule) → date, for comparing whole sets exactly."""
    result = {(i.record_ref, i.code): i.date for i in items}
    assert len(result) == len(items), "two deadlines share a record and rule"
    return result


def notice(reference: str = "DN-0001", received_on: date | None = NOTICE_RECEIVED, **fields) -> e.DisposalNotice:
    fields.setdefault("vacant_possession", True)
    return e.DisposalNotice(reference=reference, asset_ref=ASSET, received_on=received_on, **fields)


def entry(reference: str = "LST-0001", entered_on: date = ENTERED, **fields) -> e.ListEntry:
    return e.ListEntry(reference=reference, asset_ref=ASSET, entered_on=entered_on, **fields)


def request(received_on: date | None, legal_form: LegalForm = LegalForm.CHARITY) -> RequestFacts:
    return RequestFacts(received_on, legal_form)


# --------------------------------------------------------------------------------------------------------------
# Nothing recorded


def test_an_asset_with_nothing_recorded_has_no_deadlines():
    assert deadlines(facts()) == []


def test_exempt_disposals_and_challenges_alone_start_no_clock():
    f = facts(
        exempt_disposals=(
            e.ExemptDisposal(
                reference="EXD-0001", asset_ref=ASSET, exemption=ExemptionCode.GIFT, disposed_on=date(2025, 9, 1)
            ),
        )
    )
    assert deadlines(f) == []


# --------------------------------------------------------------------------------------------------------------
# Nomination (reg 7: decision within 8 weeks of receipt, AFTER)


def test_pending_nomination_decision_is_due_8_weeks_after_receipt():
    nomination = e.Nomination(reference="NOM-0001", asset_ref=ASSET, received_on=date(2025, 8, 31))
    (item,) = deadlines(facts(nominations=(nomination,)))
    assert item.code == "ACV-NOM-DECIDE"
    assert item.date == date(2025, 10, 26)  # RULES.md §4: Sun 31 Aug 2025 → Sun 26 Oct 2025
    assert item.record_ref == "NOM-0001"
    assert item.uid == "NOM-0001/ACV-NOM-DECIDE"
    assert item.asset_ref == ASSET and item.asset_name == "The Red Lion"
    assert item.deadline is not None and not item.deadline.provisional
    assert item.reminder_days == (14, 7)
    assert item.reminders == (date(2025, 10, 12), date(2025, 10, 19))
    assert item.send_by is None  # nothing the group sends
    assert not item.done


def test_nomination_known_only_by_its_sent_date_is_provisional():
    nomination = e.Nomination(reference="NOM-0001", asset_ref=ASSET, sent_on=date(2025, 8, 29))
    (item,) = deadlines(facts(nominations=(nomination,)))
    assert item.code == "ACV-NOM-DECIDE"
    assert item.date == date(2025, 10, 24)
    assert item.deadline.provisional


def test_received_date_wins_over_sent_date_and_is_not_provisional():
    nomination = e.Nomination(
        reference="NOM-0001", asset_ref=ASSET, sent_on=date(2025, 8, 29), received_on=date(2025, 8, 31)
    )
    (item,) = deadlines(facts(nominations=(nomination,)))
    assert item.date == date(2025, 10, 26)
    assert not item.deadline.provisional


def test_a_draft_nomination_with_no_dates_has_no_deadline():
    assert deadlines(facts(nominations=(e.Nomination(reference="NOM-0001", asset_ref=ASSET),))) == []


@pytest.mark.parametrize(
    "decision", [NominationDecision.LISTED, NominationDecision.UNSUCCESSFUL, NominationDecision.WITHDRAWN]
)
def test_a_decided_nomination_has_no_decision_deadline(decision):
    nomination = e.Nomination(
        reference="NOM-0001",
        asset_ref=ASSET,
        received_on=date(2025, 8, 31),
        decision=decision,
        decided_on=date(2025, 10, 1),
    )
    assert deadlines(facts(nominations=(nomination,))) == []


@pytest.mark.parametrize(("today", "overdue"), [(date(2025, 10, 26), False), (date(2025, 10, 27), True)])
def test_an_undecided_nomination_is_overdue_the_day_after_its_due_date(today, overdue):
    nomination = e.Nomination(reference="NOM-0001", asset_ref=ASSET, received_on=date(2025, 8, 31))
    (item,) = deadlines(facts(nominations=(nomination,)), today=today)
    assert item.overdue(today) is overdue


# --------------------------------------------------------------------------------------------------------------
# Listing (s.87(3): 5 years beginning with entry; renominate ahead of the end)


def test_listing_ends_after_five_years_and_renomination_is_suggested_ten_weeks_earlier():
    items = deadlines(facts(list_entries=(entry(),)))
    assert dated(items) == {("LST-0001", "ACV-LIST-END"): LIST_END, ("LST-0001", "ACV-RENOMINATE-BY"): RENOMINATE_BY}
    found = by_code(items)
    assert LIST_END.strftime("%a") == "Fri"
    assert (found["ACV-LIST-END"].date - found["ACV-RENOMINATE-BY"].date).days == 70
    assert found["ACV-RENOMINATE-BY"].group_must_act
    assert not found["ACV-RENOMINATE-BY"].overdue(TODAY)
    assert found["ACV-LIST-END"].reminder_days == (180, 90, 30)
    assert [i.code for i in items] == ["ACV-RENOMINATE-BY", "ACV-LIST-END"]  # date order


@pytest.mark.parametrize(("today", "overdue"), [(RENOMINATE_BY, False), (date(2030, 4, 6), True)])
def test_renominate_by_is_overdue_once_it_passes(today, overdue):
    item = by_code(deadlines(facts(list_entries=(entry(),)), today=today))["ACV-RENOMINATE-BY"]
    assert not item.done
    assert item.overdue(today) is overdue


def test_renominate_by_is_done_once_a_later_nomination_is_received():
    today = date(2030, 5, 1)
    renomination = e.Nomination(reference="NOM-0002", asset_ref=ASSET, received_on=date(2030, 4, 20))
    items = by_code(deadlines(facts(nominations=(renomination,), list_entries=(entry(),)), today=today))
    assert items["ACV-RENOMINATE-BY"].done
    assert not items["ACV-RENOMINATE-BY"].overdue(today)
    # The renomination has its own clock.
    assert items["ACV-NOM-DECIDE"].date == date(2030, 6, 15)


def test_a_renomination_still_being_written_does_not_count_as_renominating():
    today = date(2030, 5, 1)
    draft = e.Nomination(reference="NOM-0002", asset_ref=ASSET)
    item = by_code(deadlines(facts(nominations=(draft,), list_entries=(entry(),)), today=today))["ACV-RENOMINATE-BY"]
    assert not item.done
    assert item.overdue(today)


def test_renominate_by_is_done_once_a_later_list_entry_exists():
    today = date(2030, 5, 1)
    later = entry("LST-0002", entered_on=date(2030, 4, 28))
    items = deadlines(facts(list_entries=(entry(), later)), today=today)
    first = next(i for i in items if i.record_ref == "LST-0001" and i.code == "ACV-RENOMINATE-BY")
    second = next(i for i in items if i.record_ref == "LST-0002" and i.code == "ACV-LIST-END")
    assert first.done and not first.overdue(today)
    assert second.date == date(2035, 4, 27)


def test_renominate_by_is_moot_once_the_listing_has_ended():
    today = date(2030, 6, 15)  # the day after the last day of the listing
    items = by_code(deadlines(facts(list_entries=(entry(),)), today=today))
    assert items["ACV-RENOMINATE-BY"].done
    assert not items["ACV-RENOMINATE-BY"].overdue(today)
    assert not items["ACV-LIST-END"].overdue(today)  # a date to watch, never "overdue"


def test_a_removed_listing_has_no_dates_after_its_removal():
    removed = entry(
        notice_given_on=date(2025, 6, 16),
        removed_on=date(2025, 9, 1),
        removal_reason=RemovalReason.REVIEW,
    )
    items = deadlines(facts(list_entries=(removed,)))
    assert dated(items) == {("LST-0001", "ACV-REVIEW-REQ"): date(2025, 8, 10)}


def test_a_listing_removed_after_the_renomination_date_keeps_it_but_it_is_moot():
    today = date(2030, 5, 2)
    removed = entry(removed_on=date(2030, 5, 1), removal_reason=RemovalReason.NO_LONGER_QUALIFIES)
    items = deadlines(facts(list_entries=(removed,)), today=today)
    assert dated(items) == {("LST-0001", "ACV-RENOMINATE-BY"): RENOMINATE_BY}
    assert items[0].done and not items[0].overdue(today)


def test_unsuccessful_entry_is_removed_after_five_years():
    unsuccessful = entry(kind=ListEntryKind.UNSUCCESSFUL)
    items = deadlines(facts(list_entries=(unsuccessful,)))
    assert dated(items) == {("LST-0001", "ACV-UNSUCC-END"): date(2030, 6, 14)}


def test_listing_notice_given_starts_the_owners_review_window():
    items = by_code(deadlines(facts(list_entries=(entry(notice_given_on=date(2025, 6, 16)),))))
    assert set(items) == {"ACV-REVIEW-REQ", "ACV-LIST-END", "ACV-RENOMINATE-BY"}
    assert items["ACV-REVIEW-REQ"].date == date(2025, 8, 10)  # 8 weeks beginning with Mon 16 Jun
    assert items["ACV-REVIEW-REQ"].reminder_days == (14, 7)


# --------------------------------------------------------------------------------------------------------------
# Owner's review, tribunal appeal and compensation (s.92, s.99; regs 10–17)


def review(outcome: ChallengeOutcome = ChallengeOutcome.PENDING, **fields) -> e.Challenge:
    return e.Challenge(
        reference="CHL-0001", list_entry_ref="LST-0001", kind=ChallengeKind.LISTING_REVIEW, outcome=outcome, **fields
    )


def test_pending_owner_review_decision_is_overdue_once_passed():
    items = by_code(deadlines(facts(list_entries=(entry(),), challenges=(review(received_on=date(2025, 7, 1)),))))
    item = items["ACV-REVIEW-DECIDE"]
    assert item.date == date(2025, 8, 25)  # 8 weeks beginning with Tue 1 Jul 2025
    assert item.record_ref == "CHL-0001"
    assert not item.done
    assert item.overdue(TODAY)
    assert not item.overdue(date(2025, 8, 25))


@pytest.mark.parametrize("outcome", [ChallengeOutcome.UPHELD, ChallengeOutcome.OVERTURNED, ChallengeOutcome.WITHDRAWN])
def test_decided_owner_review_is_done(outcome):
    challenge = review(outcome, received_on=date(2025, 7, 1))
    item = by_code(deadlines(facts(list_entries=(entry(),), challenges=(challenge,))))["ACV-REVIEW-DECIDE"]
    assert item.done
    assert not item.overdue(TODAY)


def test_review_decision_sent_starts_the_tribunal_appeal_window():
    challenge = review(ChallengeOutcome.UPHELD, received_on=date(2025, 11, 1), decision_sent_on=date(2025, 12, 24))
    item = by_code(deadlines(facts(list_entries=(entry(),), challenges=(challenge,))))["ACV-FTT-LIST"]
    assert item.date == date(2026, 1, 21)  # RULES.md §4: Wed 24 Dec 2025 → Wed 21 Jan 2026 (28 days AFTER)
    assert item.record_ref == "CHL-0001"


def test_compensation_claim_review_and_appeal_windows():
    claim = e.Challenge(
        reference="CHL-0002",
        list_entry_ref="LST-0001",
        kind=ChallengeKind.COMPENSATION_CLAIM,
        loss_incurred_on=date(2025, 9, 1),
        decision_sent_on=date(2026, 1, 5),
    )
    comp_review = e.Challenge(
        reference="CHL-0003",
        list_entry_ref="LST-0001",
        kind=ChallengeKind.COMPENSATION_REVIEW,
        received_on=date(2026, 2, 1),
        decision_sent_on=date(2026, 3, 10),
    )
    items = deadlines(facts(list_entries=(entry(),), challenges=(claim, comp_review)))
    found = {k: v for k, v in dated(items).items() if k[0] != "LST-0001"}
    assert found == {
        ("CHL-0002", "ACV-COMP-CLAIM"): date(2025, 12, 1),  # 13 weeks after Mon 1 Sep 2025
        ("CHL-0002", "ACV-COMP-REVIEW-REQ"): date(2026, 3, 1),  # 8 weeks beginning with Mon 5 Jan 2026
        ("CHL-0003", "ACV-FTT-COMP"): date(2026, 4, 7),  # 28 days after Tue 10 Mar 2026
    }


# --------------------------------------------------------------------------------------------------------------
# Disposal notices (s.95, s.97): interim, full and protected periods


def test_disposal_notice_received_while_the_interim_moratorium_runs():
    items = deadlines(facts(notices=(notice(),)))
    assert dated(items) == {
        ("DN-0001", "ACV-IMP-END"): IMP_END,
        ("DN-0001", "ACV-OWNER-FREE"): date(2025, 10, 12),
        ("DN-0001", "ACV-FMP-END"): FMP_END,
        ("DN-0001", "ACV-PP-END"): PP_END,
        ("DN-0001", "ACV-RENOTIFY"): date(2027, 3, 1),
    }
    found = by_code(items)
    interim = found["ACV-IMP-END"]
    assert interim.date.strftime("%a") == "Sat"
    assert interim.send_by == date(2025, 10, 8)  # 3 working days before Sat 11 Oct: Wed 8 Oct
    assert interim.reminder_days == (21, 14, 7, 3)
    assert interim.reminders == (date(2025, 9, 20), date(2025, 9, 27), date(2025, 10, 4), date(2025, 10, 8))
    assert interim.deadline.non_working_day
    assert interim.deadline.act_by == date(2025, 10, 10)
    assert interim.group_must_act and not interim.done and not interim.overdue(TODAY)
    assert interim.uid == "DN-0001/ACV-IMP-END"
    # Only the interim end is something that must be received.
    assert {c for c, i in found.items() if i.send_by is not None} == {"ACV-IMP-END"}
    # While the interim period runs nobody knows whether the full moratorium will apply.
    assert found["ACV-FMP-END"].deadline.conditional
    assert found["ACV-OWNER-FREE"].deadline.conditional
    assert found["ACV-OWNER-FREE"].deadline.alternative_date == date(2026, 3, 1)
    assert not found["ACV-PP-END"].deadline.conditional
    assert not any(i.deadline.provisional for i in items)


def test_a_valid_request_received_in_time_makes_the_full_moratorium_firm():
    f = facts(notices=(notice(),), requests={"DN-0001": (request(date(2025, 9, 20)),)})
    found = by_code(deadlines(f))
    assert found["ACV-FMP-END"].date == date(2026, 2, 28)
    assert not found["ACV-FMP-END"].deadline.conditional
    assert found["ACV-OWNER-FREE"].date == date(2026, 3, 1)  # Sun 1 Mar 2026
    assert not found["ACV-OWNER-FREE"].deadline.conditional
    assert found["ACV-IMP-END"].done  # the group's request is in: nothing left to do by that date
    assert found["ACV-PP-END"].date == PP_END


@pytest.mark.parametrize(
    "form",
    [
        LegalForm.PARISH_COUNCIL,
        LegalForm.CHARITY,
        LegalForm.COMPANY_LIMITED_BY_GUARANTEE,
        LegalForm.COMMUNITY_BENEFIT_SOCIETY,
        LegalForm.COMMUNITY_INTEREST_COMPANY,
    ],
)
def test_a_request_received_on_the_last_day_of_the_interim_period_counts(form):
    today = date(2025, 11, 1)
    f = facts(notices=(notice(),), requests={"DN-0001": (request(IMP_END, form),)})
    found = by_code(deadlines(f, today=today))
    assert found["ACV-FMP-END"].date == FMP_END and not found["ACV-FMP-END"].deadline.conditional
    assert found["ACV-OWNER-FREE"].date == date(2026, 3, 1)


@pytest.mark.parametrize(
    "requests",
    [
        pytest.param((request(date(2025, 9, 20), LegalForm.NEIGHBOURHOOD_FORUM),), id="neighbourhood-forum"),
        pytest.param((request(date(2025, 9, 20), LegalForm.UNINCORPORATED_BODY),), id="unincorporated-body"),
        pytest.param((request(date(2025, 9, 20), LegalForm.INDIVIDUAL),), id="individual"),
        pytest.param((request(date(2025, 10, 12)),), id="charity-one-day-late"),
        pytest.param((request(date(2025, 8, 30)),), id="charity-before-the-notice"),
        pytest.param((request(None),), id="charity-not-yet-received"),
        pytest.param((), id="no-request"),
    ],
)
def test_no_full_moratorium_without_a_valid_request_once_the_interim_period_is_over(requests):
    today = date(2025, 10, 20)
    f = facts(notices=(notice(),), requests={"DN-0001": requests})
    items = deadlines(f, today=today)
    assert dated(items) == {
        ("DN-0001", "ACV-IMP-END"): IMP_END,
        ("DN-0001", "ACV-OWNER-FREE"): date(2025, 10, 12),  # Sun 12 Oct 2025
        ("DN-0001", "ACV-PP-END"): PP_END,
        ("DN-0001", "ACV-RENOTIFY"): date(2027, 3, 1),
    }
    assert not any(i.deadline.conditional for i in items)
    assert not by_code(items)["ACV-OWNER-FREE"].deadline.alternative_date


def test_an_invalid_request_leaves_the_full_moratorium_open_until_the_interim_period_ends():
    f = facts(notices=(notice(),), requests={"DN-0001": (request(date(2025, 9, 20), LegalForm.NEIGHBOURHOOD_FORUM),)})
    # On the last day a valid request could still arrive...
    on_last_day = by_code(deadlines(f, today=IMP_END))
    assert on_last_day["ACV-FMP-END"].deadline.conditional
    assert on_last_day["ACV-OWNER-FREE"].date == date(2025, 10, 12)
    # ...the day after, it cannot.
    assert "ACV-FMP-END" not in by_code(deadlines(f, today=date(2025, 10, 12)))


@pytest.mark.parametrize(
    ("fields", "says"),
    [
        pytest.param({"disposal_kind": DisposalKind.LEASE_GRANT, "lease_term_years": 10}, "10 years", id="lease-10y"),
        pytest.param({"vacant_possession": False}, "vacant possession", id="sitting-tenant"),
        pytest.param({"share_sale": True}, "shares", id="share-sale"),
        pytest.param({"exemption_claimed": ExemptionCode.GIFT}, "exempt", id="exemption-claimed"),
    ],
)
def test_a_notice_that_is_not_a_relevant_disposal_starts_no_moratorium(fields, says):
    n = notice(**fields)
    problem = relevant_disposal_problem(n)
    assert says in problem
    assert deadlines(facts(notices=(n,))) == []


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({}, id="freehold-vacant"),
        pytest.param({"vacant_possession": None}, id="vacant-possession-unknown"),
        pytest.param({"disposal_kind": DisposalKind.LEASE_GRANT, "lease_term_years": 25}, id="lease-25y"),
        pytest.param({"disposal_kind": DisposalKind.LEASE_ASSIGNMENT, "lease_term_years": 99}, id="assign-99y"),
    ],
)
def test_a_relevant_disposal_has_no_problem_and_starts_the_clocks(fields):
    n = notice(**fields)
    assert relevant_disposal_problem(n) == ""
    assert by_code(deadlines(facts(notices=(n,))))["ACV-IMP-END"].date == IMP_END


def test_a_notice_under_the_2026_act_gets_only_its_provisional_moratorium_date():
    (only,) = deadlines(facts(notices=(notice(regime=Regime.EDCEA2026),)))
    # 12 months beginning with Sun 31 Aug 2025 (reported; [M]): Sun 30 Aug 2026.
    assert (only.code, only.date) == ("EDCEA-MOR-END", date(2026, 8, 30))
    assert only.deadline.rule.confidence.needs_confirmation


def test_a_notice_known_only_by_its_sent_date_gives_provisional_dates():
    sent_only = notice(received_on=None, sent_on=date(2025, 8, 29))
    items = deadlines(facts(notices=(sent_only,)))
    found = by_code(items)
    assert found["ACV-IMP-END"].date == date(2025, 10, 9)  # 6 weeks beginning with Fri 29 Aug
    assert found["ACV-PP-END"].date == date(2027, 2, 28)
    assert all(i.deadline.provisional for i in items)


def test_a_notice_with_no_dates_has_no_deadlines():
    assert deadlines(facts(notices=(notice(received_on=None),))) == []


def test_published_dates_replace_computed_ones_when_earlier():
    n = notice(
        published_interim_end_on=date(2025, 10, 10),  # a day earlier than computed
        published_full_end_on=date(2026, 3, 2),  # later: the computed date stays the one to act on
        published_protected_end_on=date(2027, 1, 1),
        published_basis="Council's published list",
    )
    found = by_code(deadlines(facts(notices=(n,))))
    interim = found["ACV-IMP-END"]
    assert interim.date == date(2025, 10, 10)
    assert interim.deadline.date == IMP_END
    assert interim.deadline.published_date == date(2025, 10, 10)
    assert interim.deadline.difference_days == -1
    assert interim.deadline.published_basis == "Council's published list"
    assert "earlier" in interim.deadline.explanation
    assert interim.send_by == date(2025, 10, 7)  # 3 working days before the published Fri 10 Oct
    assert interim.reminders[-1] == date(2025, 10, 7)  # 3 days before the date to act on

    full = found["ACV-FMP-END"]
    assert full.date == FMP_END
    assert full.deadline.published_date == date(2026, 3, 2)
    assert full.deadline.difference_days == 2

    protected = found["ACV-PP-END"]
    assert protected.date == date(2027, 1, 1)
    assert protected.deadline.date == PP_END
    assert protected.deadline.difference_days == (date(2027, 1, 1) - PP_END).days
    # The day after a published end follows it, as the notice's status does: a fresh notice is needed from the
    # day after the council's earlier protected end, and the explanation says where the date comes from.
    renotify = found["ACV-RENOTIFY"]
    assert renotify.date == date(2027, 1, 2)
    assert renotify.deadline.date == PP_END + timedelta(days=1)
    assert renotify.deadline.published_of == "ACV-PP-END"
    assert (
        'The council published "Protected period ends" as Fri 1 Jan 2027 (Council\'s published list), which makes '
        "this Sat 2 Jan 2027, 58 days earlier than the computed date; act on the earlier date, Sat 2 Jan 2027."
    ) in renotify.deadline.explanation
    # The owner is free a day after the interim end the council published, as the notice's account says.
    owner_free = found["ACV-OWNER-FREE"]
    assert owner_free.date == date(2025, 10, 11) == build_case(facts(notices=(n,)), TODAY).notices[0].owner_free_from


def test_a_full_moratorium_the_council_ends_before_the_interim_one_is_acted_on_when_the_interim_ends():
    # A slip in the council's list: the full moratorium's end given before the interim moratorium's.
    n = notice(published_full_end_on=date(2025, 9, 1))
    f = facts(notices=(n,), requests={"DN-0001": (request(date(2025, 9, 20)),)})
    found = by_code(deadlines(f))
    case = build_case(f, TODAY).notices[0]
    full, owner_free = found["ACV-FMP-END"], found["ACV-OWNER-FREE"]
    assert full.date == IMP_END == case.period(Period.FULL).effective_end
    assert owner_free.date == IMP_END + timedelta(days=1) == case.owner_free_from
    assert (
        'The council published Mon 1 Sep 2025, before "Interim moratorium ends" (Sat 11 Oct 2025), which must '
        "come first; act on Sat 11 Oct 2025."
    ) in full.deadline.explanation
    # Before any request: the full moratorium's conditional end, and the owner's day if one comes, wait too.
    waiting = by_code(deadlines(facts(notices=(n,))))
    assert waiting["ACV-FMP-END"].date == IMP_END and waiting["ACV-FMP-END"].deadline.conditional
    assert waiting["ACV-OWNER-FREE"].deadline.alternative_date == IMP_END + timedelta(days=1)


@pytest.mark.parametrize(
    "outcome", [NoticeOutcome.WITHDRAWN, NoticeOutcome.DISPOSED, NoticeOutcome.DISPOSED_TO_COMMUNITY_GROUP]
)
def test_a_notice_that_has_ended_has_no_deadlines(outcome):
    ended = notice(outcome=outcome, outcome_on=date(2025, 9, 10))
    assert deadlines(facts(notices=(ended,))) == []


def test_a_withdrawn_notice_with_no_outcome_date_has_no_deadlines():
    assert deadlines(facts(notices=(notice(outcome=NoticeOutcome.WITHDRAWN),))) == []


def test_a_notice_whose_outcome_is_still_to_come_runs_until_then_and_no_date_outlives_it():
    later = notice(outcome=NoticeOutcome.WITHDRAWN, outcome_on=date(2025, 9, 20))
    (case,) = notice_cases(facts(notices=(later,)), date(2025, 9, 15))
    assert case.status is NoticeStatus.INTERIM_MORATORIUM
    interim = case.period(Period.INTERIM)
    assert (interim.computed_end, interim.effective_end) == (IMP_END, date(2025, 9, 19))
    assert interim.ended_early is EarlyEnd.WITHDRAWN
    # The interim end the law gives (11 Oct) is never reached, so it is not a date to act on.
    assert "ACV-IMP-END" not in by_code(deadlines(facts(notices=(later,))))
    assert deadlines(facts(notices=(later,)), today=date(2025, 9, 20)) == []


def test_two_notices_years_apart_each_have_their_own_dates():
    first = notice("DN-0001", received_on=date(2025, 3, 3))
    second = notice("DN-0002", received_on=date(2028, 2, 10))
    f = facts(notices=(first, second), requests={"DN-0001": (request(date(2025, 3, 20)),)})
    items = deadlines(f, today=date(2028, 2, 15))
    assert dated(items) == {
        # RULES.md §4: Mon 3 Mar 2025 → FMP-END Tue 2 Sep 2025, PP-END Wed 2 Sep 2026.
        ("DN-0001", "ACV-IMP-END"): date(2025, 4, 13),
        ("DN-0001", "ACV-FMP-END"): date(2025, 9, 2),
        ("DN-0001", "ACV-OWNER-FREE"): date(2025, 9, 3),
        ("DN-0001", "ACV-PP-END"): date(2026, 9, 2),
        ("DN-0001", "ACV-RENOTIFY"): date(2026, 9, 3),
        # RULES.md §4: Thu 10 Feb 2028 → IMP-END Wed 22 Mar 2028.
        ("DN-0002", "ACV-IMP-END"): date(2028, 3, 22),
        ("DN-0002", "ACV-OWNER-FREE"): date(2028, 3, 23),
        ("DN-0002", "ACV-FMP-END"): date(2028, 8, 9),
        ("DN-0002", "ACV-PP-END"): date(2029, 8, 9),
        ("DN-0002", "ACV-RENOTIFY"): date(2029, 8, 10),
    }
    assert [i.date for i in items] == sorted(i.date for i in items)


def exempt(disposed_on: date, previous: str = "PTY-0001", new: str = "PTY-0002") -> e.ExemptDisposal:
    return e.ExemptDisposal(
        reference="EXD-0001",
        asset_ref=ASSET,
        exemption=ExemptionCode.FAMILY_MEMBER,
        disposed_on=disposed_on,
        previous_owner_ref=previous,
        new_owner_ref=new,
    )


def test_an_exempt_disposal_to_a_new_owner_ends_the_old_owners_notice():
    old = notice("DN-0001", owner_ref="PTY-0001")
    f = facts(notices=(old,), exempt_disposals=(exempt(date(2025, 12, 1)),))
    items = deadlines(f)
    # Dates up to the disposal stay (they happened); nothing after it carries over to the new owner.
    assert dated(items) == {("DN-0001", "ACV-IMP-END"): IMP_END, ("DN-0001", "ACV-OWNER-FREE"): date(2025, 10, 12)}


def test_the_new_owner_after_an_exempt_disposal_starts_afresh():
    old = notice("DN-0001", owner_ref="PTY-0001")
    new = notice("DN-0002", owner_ref="PTY-0002", received_on=date(2026, 3, 1))
    f = facts(notices=(old, new), exempt_disposals=(exempt(date(2025, 12, 1)),))
    items = deadlines(f, today=date(2026, 3, 2))
    assert {k: v for k, v in dated(items).items() if k[0] == "DN-0002"} == {
        ("DN-0002", "ACV-IMP-END"): date(2026, 4, 11),
        ("DN-0002", "ACV-OWNER-FREE"): date(2026, 4, 12),
        ("DN-0002", "ACV-FMP-END"): date(2026, 8, 31),
        ("DN-0002", "ACV-PP-END"): date(2027, 8, 31),
        ("DN-0002", "ACV-RENOTIFY"): date(2027, 9, 1),
    }
    assert all(v <= date(2025, 12, 1) for k, v in dated(items).items() if k[0] == "DN-0001")


def test_an_exempt_disposal_before_the_notice_does_not_cut_it():
    n = notice("DN-0001", owner_ref="PTY-0002")
    f = facts(notices=(n,), exempt_disposals=(exempt(date(2025, 6, 1)),))
    assert by_code(deadlines(f))["ACV-PP-END"].date == PP_END


def test_an_exempt_disposal_on_the_day_the_notice_was_received_ends_it_too():
    # RULES.md §2.8: no carry-over of the old protected period, even when the land changed hands that very day.
    old = notice("DN-0001", owner_ref="PTY-0001")
    f = facts(notices=(old,), exempt_disposals=(exempt(old.received_on),))
    assert dated(deadlines(f, today=date(2025, 9, 1))) == {}
    case = build_case(f, date(2025, 9, 1), Settings(), ENGLAND)
    (account,) = case.notices
    assert account.status is NoticeStatus.SUPERSEDED
    assert all(p.effective_end == old.received_on for p in account.periods)  # never before it began


def test_an_exempt_disposal_between_other_owners_leaves_this_owners_notice_running():
    # RULES.md §2.5: each owner notifies for itself. PTY-0003 passing its interest to PTY-0004 ends nothing of
    # the notice PTY-0001 gave.
    own = notice("DN-0001", owner_ref="PTY-0001")
    f = facts(notices=(own,), exempt_disposals=(exempt(date(2025, 12, 1), previous="PTY-0003", new="PTY-0004"),))
    assert by_code(deadlines(f))["ACV-PP-END"].date == PP_END == date(2027, 2, 28)


def test_an_exempt_disposal_ends_the_old_notice_even_when_no_owners_were_recorded():
    # RULES.md §2.8: after an exempt disposal the new owner must notify afresh — no carry-over of the old
    # protected period. Owner references are optional, so an unrecorded owner must not keep the old dates alive.
    f = facts(notices=(notice(),), exempt_disposals=(exempt(date(2025, 12, 1), previous="", new=""),))
    assert dated(deadlines(f)) == {
        ("DN-0001", "ACV-IMP-END"): IMP_END,
        ("DN-0001", "ACV-OWNER-FREE"): date(2025, 10, 12),
    }


# --------------------------------------------------------------------------------------------------------------
# Nations without the right to bid


def everything_english() -> dict:
    return {
        "nominations": (e.Nomination(reference="NOM-0002", asset_ref=ASSET, received_on=date(2025, 8, 31)),),
        "list_entries": (entry(notice_given_on=date(2025, 6, 16)),),
        "challenges": (review(received_on=date(2025, 7, 1), decision_sent_on=date(2025, 8, 1)),),
        "notices": (notice(),),
        "requests": {"DN-0001": (request(date(2025, 9, 20)),)},
    }


@pytest.mark.parametrize(
    ("jurisdiction", "calendar"),
    [
        (Jurisdiction.WALES, WorkingDayCalendar(Jurisdiction.WALES)),
        (Jurisdiction.NORTHERN_IRELAND, WorkingDayCalendar(Jurisdiction.NORTHERN_IRELAND)),
        (Jurisdiction.SCOTLAND, SCOTLAND),
    ],
)
def test_no_right_to_bid_dates_outside_england(jurisdiction, calendar):
    assert deadlines(facts(jurisdiction, **everything_english()), calendar=calendar) == []


def test_the_same_facts_in_england_do_have_dates():
    codes = {i.code for i in deadlines(facts(**everything_english()))}
    assert {"ACV-NOM-DECIDE", "ACV-LIST-END", "ACV-REVIEW-DECIDE", "ACV-FTT-LIST", "ACV-IMP-END"} <= codes


def test_a_welsh_asset_still_shows_the_users_own_tasks():
    task = e.UserDeadline(reference="TSK-0001", title="Village hall committee", due_on=date(2025, 10, 1))
    wales = WorkingDayCalendar(Jurisdiction.WALES)
    items = deadlines(facts(Jurisdiction.WALES, tasks=(task,), **everything_english()), calendar=wales)
    assert [(i.code, i.date) for i in items] == [(TASK, date(2025, 10, 1))]


# --------------------------------------------------------------------------------------------------------------
# Scottish asset transfer requests (CE(S)A 2015 Part 5; SSI 2016/357–359)


def atr(stage: str, **fields) -> e.TransferApplication:
    return e.TransferApplication(
        reference="TA-0001",
        asset_ref=ASSET,
        authority_ref="AUTH-0001",
        kind=ApplicationKind.SCOTTISH_ASSET_TRANSFER_REQUEST,
        stage=stage,
        **fields,
    )


def scottish(*applications: e.TransferApplication, today: date = TODAY) -> list[AssetDeadline]:
    return deadlines(facts(Jurisdiction.SCOTLAND, applications=applications), today=today, calendar=SCOTLAND)


def test_validated_request_decision_is_due_six_months_after():
    items = scottish(atr("validated", validated_on=date(2025, 8, 31)))
    assert dated(items) == {("TA-0001", "SCOT-ATR-DECIDE"): date(2026, 2, 28)}  # no 31 Feb: last day of Feb
    (item,) = items
    assert not item.done
    assert item.overdue(date(2026, 3, 1))
    assert item.reminder_days == (28, 7)


def test_refused_request_starts_review_appeal_and_repeat_clocks():
    items = scottish(atr("refused", validated_on=date(2025, 8, 31), decision_notice_on=date(2026, 2, 2)))
    assert dated(items) == {
        ("TA-0001", "SCOT-ATR-DECIDE"): date(2026, 2, 28),
        ("TA-0001", "SCOT-ATR-REVIEW"): date(2026, 2, 27),  # RULES.md §4: Mon 2 Feb 2026 → Fri 27 Feb 2026
        ("TA-0001", "SCOT-ATR-APPEAL"): date(2026, 2, 27),
        ("TA-0001", "SCOT-ATR-REPEAT"): date(2028, 2, 2),
    }  # no SCOT-ATR-OFFER-MIN: a refusal makes no offer
    found = by_code(items)
    assert found["SCOT-ATR-DECIDE"].done  # the decision came
    assert not found["SCOT-ATR-REVIEW"].done
    assert found["SCOT-ATR-REVIEW"].group_must_act


def test_agreed_request_has_no_review_to_make():
    found = by_code(scottish(atr("agreed", validated_on=date(2025, 8, 31), decision_notice_on=date(2026, 2, 2))))
    assert found["SCOT-ATR-REVIEW"].done and found["SCOT-ATR-APPEAL"].done
    assert "SCOT-ATR-REPEAT" not in found


def test_review_counts_scottish_working_days():
    # Mon 30 Nov 2026 is St Andrew's Day, a Scottish bank holiday (not an English one).
    found = by_code(scottish(atr("refused", decision_notice_on=date(2026, 11, 16))))
    assert found["SCOT-ATR-REVIEW"].date == date(2026, 12, 14)
    assert ENGLAND.nth_working_day(date(2026, 11, 16), 20) == date(2026, 12, 11)


def test_deemed_refusal_starts_the_review_clock_when_the_decision_period_ends():
    found = by_code(scottish(atr("deemed-refused", validated_on=date(2025, 8, 31)), today=date(2026, 3, 2)))
    assert found["SCOT-ATR-DECIDE"].date == date(2026, 2, 28)
    # Counted from Sat 28 Feb 2026: the first working day is Mon 2 Mar, the 20th is Fri 27 Mar.
    assert found["SCOT-ATR-REVIEW"].date == date(2026, 3, 27)
    assert not found["SCOT-ATR-REVIEW"].done


def test_the_review_clock_of_a_deemed_refusal_counts_the_day_the_decision_period_expires():
    # Validated Tue 2 Sep 2025: the decision was due by Mon 2 Mar 2026, a working day, and it is day 1 of the 20
    # ("beginning with the date of expiry of the period allowed for determination"): Mar 2-6, 9-13, 16-20, 23-27.
    found = by_code(scottish(atr("deemed-refused", validated_on=date(2025, 9, 2)), today=date(2026, 3, 3)))
    assert found["SCOT-ATR-DECIDE"].date == date(2026, 3, 2)
    assert found["SCOT-ATR-REVIEW"].deadline.trigger_date == date(2026, 3, 2)
    assert found["SCOT-ATR-REVIEW"].date == date(2026, 3, 27)
    assert found["SCOT-ATR-APPEAL"].date == date(2026, 3, 27)
    assert found["SCOT-ATR-REPEAT"].date == date(2028, 3, 2)  # two years after the refusal it counts as


def test_a_community_asset_transfer_has_no_statutory_clocks():
    cat = e.TransferApplication(
        reference="TA-0002", asset_ref=ASSET, authority_ref="AUTH-0001", stage="full-application"
    )
    assert deadlines(facts(applications=(cat,))) == []


# --------------------------------------------------------------------------------------------------------------
# The user's own tasks


def test_a_user_task_is_a_deadline_of_its_own():
    task = e.UserDeadline(
        reference="TSK-0001", title="Committee meeting", due_on=date(2025, 9, 20), lead_days=3, notes="Agree the bid"
    )
    (item,) = deadlines(facts(tasks=(task,)))
    assert item.code == TASK == "TASK"
    assert item.date == date(2025, 9, 20)
    assert item.label == "Committee meeting"
    assert item.action == "Agree the bid"
    assert item.uid == "TSK-0001/TASK"
    assert item.reminder_days == (3,)
    assert item.reminders == (date(2025, 9, 17),)
    assert item.deadline is None and item.send_by is None
    assert not item.done
    assert item.overdue(date(2025, 9, 21))
    assert not item.overdue(date(2025, 9, 20))


def test_a_task_that_is_done_is_not_overdue():
    task = e.UserDeadline(
        reference="TSK-0001", title="Committee meeting", due_on=date(2025, 9, 10), done_on=date(2025, 9, 9)
    )
    (item,) = deadlines(facts(tasks=(task,)))
    assert item.done
    assert not item.overdue(TODAY)


# --------------------------------------------------------------------------------------------------------------
# The user's settings


def test_custom_reminder_days_change_the_reminders_of_that_rule_only():
    settings = Settings(reminder_days={"ACV-IMP-END": (10, 1)})
    found = by_code(deadlines(facts(notices=(notice(),)), settings=settings))
    assert found["ACV-IMP-END"].reminder_days == (10, 1)
    assert found["ACV-IMP-END"].reminders == (date(2025, 10, 1), date(2025, 10, 10))
    assert found["ACV-PP-END"].reminder_days == (60, 30)  # catalogue default untouched


def test_send_by_margin_is_a_setting():
    found = by_code(deadlines(facts(notices=(notice(),)), settings=Settings(send_by_working_days=5)))
    assert found["ACV-IMP-END"].send_by == date(2025, 10, 6)  # Mon 6 Oct: 5 working days before Sat 11 Oct


def test_renomination_lead_time_is_a_setting():
    found = by_code(deadlines(facts(list_entries=(entry(),)), settings=Settings(renomination_lead_days=28)))
    assert found["ACV-RENOMINATE-BY"].date == date(2030, 5, 17)
    assert found["ACV-LIST-END"].date == LIST_END


def test_extra_holidays_shift_the_send_by_date():
    calendar = WorkingDayCalendar(Jurisdiction.ENGLAND, {date(2025, 10, 9): "Local holiday"})
    found = by_code(deadlines(facts(notices=(notice(),)), calendar=calendar))
    assert found["ACV-IMP-END"].date == IMP_END  # calendar periods are never moved
    assert found["ACV-IMP-END"].send_by == date(2025, 10, 7)


def test_deadlines_come_in_date_order_across_records():
    task = e.UserDeadline(reference="TSK-0001", title="Meet", due_on=date(2025, 10, 1))
    items = deadlines(facts(list_entries=(entry(),), notices=(notice(),), tasks=(task,)))
    assert [i.date for i in items] == sorted(i.date for i in items)
    assert items[0].code == TASK


def test_no_moratorium_dates_for_a_notice_on_land_that_was_not_listed():
    n = notice(received_on=date(2025, 8, 31))
    assert deadlines(facts(notices=(n,), list_entries=())) == []


def test_moratorium_dates_stop_when_the_listing_is_removed():
    listing = e.ListEntry(
        reference="LST-0001",
        asset_ref=ASSET,
        entered_on=date(2025, 6, 15),
        removed_on=date(2025, 12, 1),
        removal_reason=RemovalReason.REVIEW,
    )
    items = asset_deadlines(
        facts(notices=(notice(received_on=date(2025, 8, 31)),), list_entries=(listing,)), TODAY, Settings(), ENGLAND
    )
    notice_codes = {d.code for d in items if d.record_ref == "DN-0001"}
    # Interim end (11 Oct) and owner-free (12 Oct) fall while listed; the later dates would fall after removal.
    assert notice_codes == {"ACV-IMP-END", "ACV-OWNER-FREE"}


def test_a_deemed_refusal_closes_the_decision_date_and_starts_the_review_clock_without_an_offer():
    found = by_code(scottish(atr("deemed-refused", validated_on=date(2025, 8, 31))))
    assert found["SCOT-ATR-DECIDE"].done  # the outcome is known: refused by default
    assert found["SCOT-ATR-DECIDE"].date == date(2026, 2, 28)
    assert found["SCOT-ATR-REVIEW"].deadline.trigger_date == date(2026, 2, 28)  # the day the decision was due
    assert "SCOT-ATR-OFFER-MIN" not in found
