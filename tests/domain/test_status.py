"""Where an asset and a disposal notice stand on a given day (RULES.md §5), at the exact boundary days."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from assetreg.domain import entities as e
from assetreg.domain.enums import (
    ChallengeKind,
    ChallengeOutcome,
    Jurisdiction,
    LegalForm,
    ListEntryKind,
    NominationDecision,
    NoticeOutcome,
    Period,
    RemovalReason,
)
from assetreg.domain.notice_case import RequestFacts, notice_case
from assetreg.domain.status import AssetStatus, NoticeStatus, headline_status, listing_end, listing_status


def account(notice, requests, today, entries):
    return notice_case(notice, requests, entries, (), Jurisdiction.ENGLAND, today)


def notice_status(notice, requests, today, entries) -> NoticeStatus:
    return account(notice, requests, today, entries).status


def notice_problem(notice, entries) -> str:
    return account(notice, [], notice.received_on or date(2025, 1, 1), entries).problem


ENTERED = date(2025, 6, 15)  # RULES.md §4: listing entered Sun 15 Jun 2025 ends Fri 14 Jun 2030
ENTRY = e.ListEntry(reference="LST-0001", asset_ref="AST-0001", entered_on=ENTERED)
NOTICE = e.DisposalNotice(reference="DN-0001", asset_ref="AST-0001", received_on=date(2025, 8, 31))
CHARITY_IN_TIME = RequestFacts(date(2025, 9, 10), LegalForm.CHARITY)


def test_listing_ends_five_years_beginning_with_the_day_of_entry():
    assert listing_end(ENTRY) == date(2030, 6, 14)


@pytest.mark.parametrize(
    ("today", "expected"),
    [(date(2030, 6, 14), AssetStatus.LISTED), (date(2030, 6, 15), AssetStatus.EXPIRED)],
)
def test_a_listing_expires_the_day_after_its_last_day(today, expected):
    assert listing_status([], [ENTRY], [], today) is expected


def test_nothing_recorded_is_not_nominated():
    assert listing_status([], [], [], date(2025, 1, 1)) is AssetStatus.NOT_NOMINATED


def test_a_nomination_not_yet_received_is_a_draft_and_then_nominated():
    draft = e.Nomination(asset_ref="AST-0001")
    received = e.Nomination(asset_ref="AST-0001", sent_on=date(2025, 3, 1), received_on=date(2025, 3, 3))
    assert listing_status([draft], [], [], date(2025, 3, 1)) is AssetStatus.DRAFT_NOMINATION
    assert listing_status([received], [], [], date(2025, 3, 4)) is AssetStatus.NOMINATED


def test_an_entry_in_the_future_does_not_count_yet():
    assert listing_status([], [ENTRY], [], date(2025, 6, 14)) is AssetStatus.NOT_NOMINATED
    assert listing_status([], [ENTRY], [], ENTERED) is AssetStatus.LISTED


def test_unsuccessful_nomination():
    refused = e.ListEntry(asset_ref="AST-0001", kind=ListEntryKind.UNSUCCESSFUL, entered_on=ENTERED)
    assert listing_status([], [refused], [], date(2026, 1, 1)) is AssetStatus.UNSUCCESSFUL


@pytest.mark.parametrize(
    ("reason", "expected"),
    [(RemovalReason.REVIEW, AssetStatus.REMOVED), (RemovalReason.EXPIRED, AssetStatus.EXPIRED)],
)
def test_a_removed_entry_says_why(reason, expected):
    removed = e.ListEntry(asset_ref="AST-0001", entered_on=ENTERED, removed_on=date(2026, 2, 1), removal_reason=reason)
    assert listing_status([], [removed], [], date(2026, 1, 31)) is AssetStatus.LISTED
    assert listing_status([], [removed], [], date(2026, 2, 1)) is expected


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (ChallengeKind.LISTING_REVIEW, AssetStatus.UNDER_REVIEW),
        (ChallengeKind.LISTING_APPEAL, AssetStatus.UNDER_APPEAL),
    ],
)
def test_a_pending_review_or_appeal_shows_but_a_decided_one_does_not(kind, expected):
    pending = e.Challenge(list_entry_ref="LST-0001", kind=kind, received_on=date(2025, 7, 1))
    decided = e.Challenge(list_entry_ref="LST-0001", kind=kind, outcome=ChallengeOutcome.UPHELD)
    assert listing_status([], [ENTRY], [pending], date(2025, 7, 2)) is expected
    assert listing_status([], [ENTRY], [decided], date(2025, 7, 2)) is AssetStatus.LISTED


def test_a_renomination_after_expiry_is_the_current_story():
    renomination = e.Nomination(asset_ref="AST-0001", received_on=date(2030, 7, 1))
    assert listing_status([renomination], [ENTRY], [], date(2030, 7, 2)) is AssetStatus.NOMINATED


def test_an_older_pending_nomination_does_not_hide_a_later_listing():
    old = e.Nomination(asset_ref="AST-0001", decision=NominationDecision.PENDING, received_on=date(2025, 4, 1))
    assert listing_status([old], [ENTRY], [], date(2025, 7, 1)) is AssetStatus.LISTED


# Notice received Sun 31 Aug 2025: interim ends Sat 11 Oct 2025, full Sat 28 Feb 2026, protected Sun 28 Feb 2027.
@pytest.mark.parametrize(
    ("today", "requests", "expected"),
    [
        (date(2025, 8, 30), [], NoticeStatus.AWAITING_DATES),
        (date(2025, 8, 31), [], NoticeStatus.INTERIM_MORATORIUM),
        (date(2025, 10, 11), [], NoticeStatus.INTERIM_MORATORIUM),
        (date(2025, 10, 12), [], NoticeStatus.PROTECTED),
        (date(2025, 10, 12), [CHARITY_IN_TIME], NoticeStatus.FULL_MORATORIUM),
        (date(2026, 2, 28), [CHARITY_IN_TIME], NoticeStatus.FULL_MORATORIUM),
        (date(2026, 3, 1), [CHARITY_IN_TIME], NoticeStatus.PROTECTED),
        (date(2027, 2, 28), [CHARITY_IN_TIME], NoticeStatus.PROTECTED),
        (date(2027, 3, 1), [CHARITY_IN_TIME], NoticeStatus.LAPSED),
    ],
)
def test_notice_periods_at_their_boundaries(today, requests, expected):
    assert notice_status(NOTICE, requests, today, [ENTRY]) is expected


@pytest.mark.parametrize(
    "request_facts",
    [
        RequestFacts(date(2025, 8, 30), LegalForm.CHARITY),  # before the notice was received
        RequestFacts(date(2025, 10, 12), LegalForm.CHARITY),  # the day after the interim period ended
        RequestFacts(date(2025, 9, 10), LegalForm.NEIGHBOURHOOD_FORUM),  # cannot trigger the full moratorium
        RequestFacts(date(2025, 9, 10), LegalForm.UNINCORPORATED_BODY),
        RequestFacts(None, LegalForm.CHARITY),  # sent, not yet known to be received
    ],
)
def test_a_request_that_cannot_start_the_full_moratorium_leaves_the_notice_protected(request_facts):
    assert notice_status(NOTICE, [request_facts], date(2025, 10, 12), [ENTRY]) is NoticeStatus.PROTECTED


def test_a_request_received_on_the_last_day_of_the_interim_period_counts():
    last_day = RequestFacts(date(2025, 10, 11), LegalForm.PARISH_COUNCIL)
    assert notice_status(NOTICE, [last_day], date(2025, 10, 12), [ENTRY]) is NoticeStatus.FULL_MORATORIUM


def test_a_request_from_a_body_of_a_form_not_known_counts_by_its_dates_and_says_the_form_is_not_shown():
    in_time, late = RequestFacts(date(2025, 9, 10), LegalForm.NOT_KNOWN), RequestFacts(None, LegalForm.NOT_KNOWN)
    (verdict,) = account(NOTICE, [in_time], date(2025, 10, 12), [ENTRY]).requests
    assert verdict.starts_full_moratorium and not verdict.shown
    assert "what kind of body the group is, which is not recorded (record its legal form)" in verdict.why
    assert notice_status(NOTICE, [in_time], date(2025, 10, 12), [ENTRY]) is NoticeStatus.FULL_MORATORIUM
    assert notice_status(NOTICE, [late], date(2025, 10, 12), [ENTRY]) is NoticeStatus.PROTECTED
    other = account(NOTICE, [RequestFacts(date(2025, 9, 10), LegalForm.OTHER)], date(2025, 10, 12), [ENTRY])
    assert "cannot trigger the full moratorium" in other.requests[0].why  # "other" is a form, and not one that can


def test_a_published_end_of_a_period_the_case_does_not_run_is_kept_in_the_account():
    published = dataclasses.replace(NOTICE, published_full_end_on=date(2026, 2, 27))
    without = account(published, [], date(2025, 10, 12), [ENTRY])
    assert without.period(Period.FULL) is None
    assert without.published_without_period == ((Period.FULL, date(2026, 2, 27)),)
    counted = account(published, [CHARITY_IN_TIME], date(2025, 10, 12), [ENTRY])
    assert counted.period(Period.FULL).published_end == date(2026, 2, 27)
    assert counted.published_without_period == ()


def test_without_a_received_date_the_sent_date_is_used():
    sent_only = e.DisposalNotice(asset_ref="AST-0001", sent_on=date(2025, 8, 31))
    assert notice_status(sent_only, [], date(2025, 10, 11), [ENTRY]) is NoticeStatus.INTERIM_MORATORIUM
    assert notice_status(sent_only, [], date(2025, 10, 12), [ENTRY]) is NoticeStatus.PROTECTED


def test_an_outcome_ends_the_notice_from_its_date():
    withdrawn = e.DisposalNotice(
        asset_ref="AST-0001",
        received_on=date(2025, 8, 31),
        outcome=NoticeOutcome.WITHDRAWN,
        outcome_on=date(2025, 9, 20),
    )
    assert notice_status(withdrawn, [], date(2025, 9, 19), [ENTRY]) is NoticeStatus.INTERIM_MORATORIUM
    assert notice_status(withdrawn, [], date(2025, 9, 20), [ENTRY]) is NoticeStatus.WITHDRAWN


def test_the_register_shows_a_running_moratorium_before_the_listing_state():
    assert headline_status(AssetStatus.LISTED, [NoticeStatus.LAPSED]) is AssetStatus.LISTED
    assert headline_status(AssetStatus.LISTED, [NoticeStatus.PROTECTED, NoticeStatus.FULL_MORATORIUM]) is (
        NoticeStatus.FULL_MORATORIUM
    )
    assert headline_status(AssetStatus.EXPIRED, [NoticeStatus.INTERIM_MORATORIUM]) is NoticeStatus.INTERIM_MORATORIUM


def test_a_notice_on_land_that_is_not_listed_starts_no_moratorium():
    assert notice_status(NOTICE, [CHARITY_IN_TIME], date(2025, 9, 1), []) is NoticeStatus.NO_MORATORIUM
    assert "not on the list of assets of community value" in notice_problem(NOTICE, [])
    expired_before = e.ListEntry(asset_ref="AST-0001", entered_on=date(2020, 8, 1))  # ends Mon 31 Jul 2025
    assert notice_status(NOTICE, [], date(2025, 9, 1), [expired_before]) is NoticeStatus.NO_MORATORIUM


def test_a_moratorium_ends_when_the_listing_is_removed():
    removed = e.ListEntry(
        asset_ref="AST-0001", entered_on=ENTERED, removed_on=date(2025, 12, 1), removal_reason=RemovalReason.REVIEW
    )
    assert notice_status(NOTICE, [CHARITY_IN_TIME], date(2025, 11, 30), [removed]) is NoticeStatus.FULL_MORATORIUM
    assert notice_status(NOTICE, [CHARITY_IN_TIME], date(2025, 12, 1), [removed]) is NoticeStatus.LAPSED


def test_a_notice_that_is_not_a_relevant_disposal_has_no_moratorium():
    sitting_tenant = e.DisposalNotice(asset_ref="AST-0001", received_on=date(2025, 8, 31), vacant_possession=False)
    assert notice_status(sitting_tenant, [], date(2025, 9, 1), [ENTRY]) is NoticeStatus.NO_MORATORIUM


@pytest.mark.parametrize(
    ("today", "requests", "ends"),
    [
        (date(2025, 9, 1), [], date(2025, 10, 11)),  # interim moratorium
        (date(2025, 10, 12), [CHARITY_IN_TIME], date(2026, 2, 28)),  # full moratorium
        (date(2026, 3, 1), [CHARITY_IN_TIME], date(2027, 2, 28)),  # protected period
        (date(2027, 3, 1), [CHARITY_IN_TIME], None),  # lapsed: nothing running
    ],
)
def test_the_period_a_notice_is_in_ends_on_its_rules_date(today, requests, ends):
    assert account(NOTICE, requests, today, [ENTRY]).period_ends_on == ends


def test_a_period_is_cut_short_by_the_end_of_the_listing():
    removed = e.ListEntry(
        asset_ref="AST-0001", entered_on=ENTERED, removed_on=date(2025, 12, 1), removal_reason=RemovalReason.REVIEW
    )
    assert account(NOTICE, [CHARITY_IN_TIME], date(2025, 11, 1), [removed]).period_ends_on == date(2025, 11, 30)
