"""The case account: one answer per asset and day, and the contradictions it replaced (each a regression test).

Every date here is from RULES.md §4: a notice received Sun 31 Aug 2025 ends its interim moratorium on Sat 11 Oct
2025, its full moratorium on Sat 28 Feb 2026 and its protected period on Sun 28 Feb 2027.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from assetreg.domain import entities as e
from assetreg.domain.asset_deadlines import AssetFacts
from assetreg.domain.case import build_case
from assetreg.domain.counting import WorkingDayCalendar
from assetreg.domain.enums import ExemptionCode, Jurisdiction, LegalForm, NominationDecision, Period, Regime
from assetreg.domain.notice_case import DisposeTo, EarlyEnd, RequestFacts, published_summary
from assetreg.domain.settings import Settings
from assetreg.domain.status import AssetStatus, NoticeStatus

ASSET = "AST-0001"
RECEIVED = date(2025, 8, 31)
IMP_END, FMP_END, PP_END = date(2025, 10, 11), date(2026, 2, 28), date(2027, 2, 28)
ENTRY = e.ListEntry(reference="LST-0001", asset_ref=ASSET, entered_on=date(2024, 6, 1))
NOTICE = e.DisposalNotice(reference="DN-0001", asset_ref=ASSET, owner_ref="PTY-0001", received_on=RECEIVED)
CHARITY = RequestFacts(date(2025, 9, 10), LegalForm.CHARITY, "BR-0001")
ENGLAND = WorkingDayCalendar(Jurisdiction.ENGLAND)


def facts(notice: e.DisposalNotice = NOTICE, requests=(), entries=(ENTRY,), **more) -> AssetFacts:
    return AssetFacts(
        asset_ref=ASSET,
        asset_name="The Red Lion",
        jurisdiction=more.pop("jurisdiction", Jurisdiction.ENGLAND),
        list_entries=entries,
        notices=(notice,),
        requests={notice.reference: tuple(requests)},
        **more,
    )


def case_on(day: date, f: AssetFacts | None = None, settings: Settings | None = None):
    return build_case(f or facts(), day, settings or Settings(), ENGLAND)


def test_an_exempt_disposal_to_a_new_owner_ends_the_old_notice_in_the_status_too():
    gift = e.ExemptDisposal(
        reference="EXD-0001",
        asset_ref=ASSET,
        exemption=ExemptionCode.FAMILY_MEMBER,
        disposed_on=date(2025, 12, 1),
        previous_owner_ref="PTY-0001",
        new_owner_ref="PTY-0002",
    )
    f = facts(requests=(CHARITY,), exempt_disposals=(gift,))
    assert case_on(date(2025, 11, 30), f).status is NoticeStatus.FULL_MORATORIUM
    after = case_on(date(2025, 12, 2), f)
    # Not "full moratorium until Sat 28 Feb 2026": the old owner's notice ended with the gift (RULES.md §2.8).
    assert after.status is AssetStatus.LISTED
    (notice,) = after.notices
    assert notice.status is NoticeStatus.SUPERSEDED and notice.period_ends_on is None
    full = notice.period(Period.FULL)
    assert (full.computed_end, full.effective_end, full.ended_early) == (
        FMP_END,
        date(2025, 11, 30),
        EarlyEnd.EXEMPT_DISPOSAL,
    )
    assert after.owner_may_dispose_to is DisposeTo.ONLY_AFTER_NOTIFYING_THE_COUNCIL
    assert [x.period for x in after.in_force] == [Period.LISTING]
    assert all(d.date <= date(2025, 11, 30) for d in after.deadlines if d.record_ref == "DN-0001")


def test_a_council_published_interim_end_is_the_one_the_status_and_whats_due_act_on():
    published = e.DisposalNotice(
        reference="DN-0001", asset_ref=ASSET, received_on=RECEIVED, published_interim_end_on=date(2025, 10, 1)
    )
    case = case_on(date(2025, 9, 15), facts(published))
    (notice,) = case.notices
    interim = notice.period(Period.INTERIM)
    assert (interim.computed_end, interim.published_end, interim.effective_end) == (
        IMP_END,
        date(2025, 10, 1),
        date(2025, 10, 1),
    )
    assert interim.disagrees
    assert notice.period_ends_on == date(2025, 10, 1) == case.status_ends_on
    (imp,) = [d for d in case.deadlines if d.deadline and d.deadline.rule.ends is Period.INTERIM]
    assert imp.date == date(2025, 10, 1)  # What's due acts on the same day the status ends
    assert case_on(date(2025, 10, 5), facts(published)).status is NoticeStatus.PROTECTED


def test_a_request_received_between_the_councils_date_and_the_acts_still_counts_and_says_so():
    published = e.DisposalNotice(
        reference="DN-0001", asset_ref=ASSET, received_on=RECEIVED, published_interim_end_on=date(2025, 10, 1)
    )
    late_for_the_council = RequestFacts(date(2025, 10, 5), LegalForm.CHARITY, "BR-0001")
    (notice,) = case_on(date(2025, 10, 6), facts(published, (late_for_the_council,))).notices
    (verdict,) = notice.requests
    assert verdict.starts_full_moratorium
    assert "after the end the council published (Wed 1 Oct 2025)" in verdict.why
    assert notice.status is NoticeStatus.FULL_MORATORIUM


def test_a_notice_on_an_unlisted_asset_says_no_moratorium_everywhere():
    case = case_on(date(2025, 9, 15), facts(requests=(CHARITY,), entries=()))
    (notice,) = case.notices
    assert notice.status is NoticeStatus.NO_MORATORIUM and not notice.awaits_listing_day
    assert "not on the list of assets of community value on Sun 31 Aug 2025" in notice.problem
    (verdict,) = notice.requests
    assert not verdict.starts_full_moratorium  # not "Starts the full moratorium: Yes"
    assert verdict.why.startswith("This notice starts no moratorium")
    assert notice.periods == () and notice.period_ends_on is None
    assert case.owner_may_dispose_to is DisposeTo.ANYONE and case.in_force == ()
    assert not [d for d in case.deadlines if d.record_ref == "DN-0001"]


def test_after_a_valid_request_the_running_full_moratorium_is_in_force_not_nothing_due():
    case = case_on(date(2025, 12, 1), facts(requests=(CHARITY,)))
    running = {x.period: x for x in case.in_force}
    assert running[Period.FULL].ends_on == FMP_END and running[Period.FULL].days_left(case.day) == 89
    assert running[Period.LISTING].ends_on == date(2029, 5, 31)
    assert case.owner_may_dispose_to is DisposeTo.COMMUNITY_INTEREST_GROUPS_ONLY


def test_who_the_owner_may_sell_to_through_a_notices_life():
    f = facts(requests=(CHARITY,))
    assert case_on(date(2025, 8, 30), f).owner_may_dispose_to is DisposeTo.ONLY_AFTER_NOTIFYING_THE_COUNCIL
    assert case_on(RECEIVED, f).owner_may_dispose_to is DisposeTo.COMMUNITY_INTEREST_GROUPS_ONLY
    assert case_on(FMP_END, f).owner_may_dispose_to is DisposeTo.COMMUNITY_INTEREST_GROUPS_ONLY
    assert case_on(date(2026, 3, 1), f).owner_may_dispose_to is DisposeTo.ANYONE
    assert case_on(date(2027, 3, 1), f).owner_may_dispose_to is DisposeTo.ONLY_AFTER_NOTIFYING_THE_COUNCIL
    assert case_on(date(2029, 6, 1), f).owner_may_dispose_to is DisposeTo.ANYONE  # the listing has ended


def test_the_owner_free_date_is_conditional_while_no_request_has_come_in():
    case = case_on(date(2025, 9, 15))
    (free,) = [d for d in case.deadlines if d.code == "ACV-OWNER-FREE"]
    assert free.date == date(2025, 10, 12)
    # Never "may exchange with anyone" unconditionally while a request could still start the full moratorium.
    assert "Unless a valid request to bid is received in time: then from Sun 1 Mar 2026." in free.action


def test_no_clock_runs_in_wales():
    case = case_on(date(2025, 9, 15), facts(requests=(CHARITY,), jurisdiction=Jurisdiction.WALES))
    (notice,) = case.notices
    assert notice.status is NoticeStatus.NO_MORATORIUM and "England only" in notice.problem
    assert case.deadlines == () and case.in_force == ()
    assert case.owner_may_dispose_to is DisposeTo.ANYONE


def test_setting_the_2026_commencement_never_changes_a_2011_case():
    f = facts(requests=(CHARITY,))
    before = case_on(date(2025, 12, 1), f)
    after = case_on(date(2025, 12, 1), f, Settings(new_regime_commencement=date(2025, 1, 1)))
    assert before.answers() == after.answers() and before.regime is Regime.LA2011


def test_a_2026_regime_notice_runs_the_provisional_moratorium_and_says_a_right_of_first_refusal_exists():
    under_2026 = e.DisposalNotice(reference="DN-0001", asset_ref=ASSET, received_on=RECEIVED, regime=Regime.EDCEA2026)
    case = case_on(date(2025, 9, 15), facts(under_2026, (CHARITY,)))
    (notice,) = case.notices
    assert notice.status is NoticeStatus.MORATORIUM_2026 and case.status is NoticeStatus.MORATORIUM_2026
    (moratorium,) = notice.periods
    assert (moratorium.period, moratorium.computed_end) == (Period.MORATORIUM_2026, date(2026, 8, 30))
    (verdict,) = notice.requests
    assert not verdict.starts_full_moratorium and "right of first refusal" in verdict.why
    assert [d.code for d in case.deadlines if d.record_ref == "DN-0001"] == ["EDCEA-MOR-END"]  # no 2011 Act date
    assert case.owner_may_dispose_to is DisposeTo.COMMUNITY_INTEREST_GROUPS_ONLY
    assert case_on(date(2026, 8, 31), facts(under_2026)).notices[0].status is NoticeStatus.LAPSED


def test_the_latest_listing_ends_on_its_last_day_in_force_or_ended():
    def latest(entries, day, jurisdiction=Jurisdiction.ENGLAND):
        f = AssetFacts(asset_ref=ASSET, asset_name="The Red Lion", jurisdiction=jurisdiction, list_entries=entries)
        return build_case(f, day).latest_listing_ends_on

    # Listed Sat 1 Jun 2024 for five years: the last day is Thu 31 May 2029, in force or not.
    assert latest((ENTRY,), date(2026, 1, 1)) == date(2029, 5, 31)
    assert latest((ENTRY,), date(2029, 6, 1)) == date(2029, 5, 31)  # expired: the spreadsheet still says when
    removed = e.ListEntry(
        reference="LST-0001", asset_ref=ASSET, entered_on=date(2024, 6, 1), removed_on=date(2025, 1, 10)
    )
    assert latest((removed,), date(2025, 3, 1)) == date(2025, 1, 9)  # protected until the day before removal
    at_once = e.ListEntry(
        reference="LST-0001", asset_ref=ASSET, entered_on=date(2024, 6, 1), removed_on=date(2024, 6, 1)
    )
    assert latest((at_once,), date(2025, 3, 1)) is None  # removed the day it was entered: it never protected it
    relisted = e.ListEntry(reference="LST-0002", asset_ref=ASSET, entered_on=date(2030, 2, 1))
    assert latest((ENTRY, relisted), date(2029, 12, 1)) == date(2029, 5, 31)  # the next listing is still to come
    assert latest((), date(2026, 1, 1)) is None  # never listed
    assert latest((ENTRY,), date(2029, 6, 1), Jurisdiction.SCOTLAND) is None  # no such lists in Scotland


# What the register does not have is said as not known, never as a freedom to sell (each failed on the old code).

LISTED_UNDATED = e.Nomination(
    reference="NOM-0001", asset_ref=ASSET, received_on=None, decision=NominationDecision.LISTED, decided_on=None
)


def test_a_listing_recorded_without_its_day_is_listed_and_who_may_buy_is_not_known():
    case = case_on(date(2026, 12, 1), AssetFacts(ASSET, "The Red Lion", Jurisdiction.ENGLAND, (LISTED_UNDATED,)))
    # Not "Not nominated" and not "The owner may sell to anyone": the council's list says listed.
    assert case.status is AssetStatus.LISTED_DAY_NOT_RECORDED
    assert case.status.label == "Listed (day of entry not recorded)"
    assert case.owner_may_dispose_to is DisposeTo.NOT_KNOWN_LISTING_DAY
    assert "not known" in case.owner_may_dispose_to.label and case.sale_worth_saying
    assert case.listing is None and case.in_force == () and case.latest_listing_ends_on is None
    # Where there is no right to bid, there is nothing to know: no "record the day" for a Welsh asset.
    wales = AssetFacts(ASSET, "Y Llew Coch", Jurisdiction.WALES, (LISTED_UNDATED,))
    assert case_on(date(2026, 12, 1), wales).owner_may_dispose_to is DisposeTo.ANYONE


def test_a_notice_on_a_listing_without_its_day_awaits_the_day_rather_than_saying_the_land_was_not_listed():
    f = facts(requests=(CHARITY,), entries=(), nominations=(LISTED_UNDATED,))
    case = case_on(date(2025, 9, 15), f)
    (notice,) = case.notices
    assert notice.status is NoticeStatus.AWAITING_DATES and notice.awaits_listing_day  # not "No moratorium"
    assert "not on the list" not in notice.problem
    assert notice.problem.startswith("The asset is recorded as listed, but not the day it was entered on the list")
    assert "Sun 31 Aug 2025" in notice.problem
    # The six weeks, if it was listed: the one date the group must not miss.
    assert notice.problem.endswith("must reach the council by Sat 11 Oct 2025.")
    (verdict,) = notice.requests
    assert notice.periods == () and not verdict.starts_full_moratorium and not verdict.shown
    assert verdict.why.startswith("Whether the request starts the full moratorium is not known yet: the asset is")
    assert case.owner_may_dispose_to is DisposeTo.NOT_KNOWN_LISTING_DAY


def test_an_unsuccessful_decision_recorded_without_its_day_is_unsuccessful():
    refused = e.Nomination(reference="NOM-0001", asset_ref=ASSET, decision=NominationDecision.UNSUCCESSFUL)
    case = case_on(date(2026, 12, 1), AssetFacts(ASSET, "The Red Lion", Jurisdiction.ENGLAND, (refused,)))
    assert case.status is AssetStatus.UNSUCCESSFUL
    assert case.owner_may_dispose_to is DisposeTo.ANYONE


def test_the_latest_decision_without_an_entry_speaks_and_an_entry_always_outranks_it():
    earlier = e.Nomination(
        reference="NOM-0001", asset_ref=ASSET, received_on=date(2020, 1, 6), decision=NominationDecision.UNSUCCESSFUL
    )
    later = e.Nomination(
        reference="NOM-0002", asset_ref=ASSET, received_on=date(2023, 3, 1), decision=NominationDecision.LISTED
    )
    both = AssetFacts(ASSET, "The Red Lion", Jurisdiction.ENGLAND, (later, earlier))
    assert case_on(date(2026, 12, 1), both).status is AssetStatus.LISTED_DAY_NOT_RECORDED
    refused_later = AssetFacts(
        ASSET, "The Red Lion", Jurisdiction.ENGLAND, (dataclasses.replace(earlier, received_on=date(2024, 1, 8)), later)
    )
    assert case_on(date(2026, 12, 1), refused_later).status is AssetStatus.UNSUCCESSFUL
    # A decision to list with no date at all cannot be placed, so an older dated refusal never outweighs it.
    assert case_on(
        date(2026, 12, 1), AssetFacts(ASSET, "x", Jurisdiction.ENGLAND, (earlier, LISTED_UNDATED))
    ).status is (AssetStatus.LISTED_DAY_NOT_RECORDED)
    dated = AssetFacts(ASSET, "The Red Lion", Jurisdiction.ENGLAND, (later,), (ENTRY,))
    assert case_on(date(2026, 12, 1), dated).status is AssetStatus.LISTED


def test_a_full_moratorium_end_the_council_published_is_shown_but_is_no_sign_of_a_request():
    # A council publishes every end on receiving a notice (s.97), asked for or not: the full moratorium is
    # counted only from a request recorded here, and the council's date is shown beside the notice.
    published = e.DisposalNotice(
        reference="DN-0001", asset_ref=ASSET, received_on=RECEIVED, published_full_end_on=FMP_END
    )
    f = facts(published)
    during = case_on(date(2025, 12, 1), f)
    assert during.status is NoticeStatus.PROTECTED and during.owner_may_dispose_to is DisposeTo.ANYONE
    (notice,) = during.notices
    assert notice.period(Period.FULL) is None and notice.owner_free_from == date(2025, 10, 12)
    assert notice.published_without_period == ((Period.FULL, FMP_END),)
    assert "full moratorium ends Sat 28 Feb 2026 (no request recorded here starts it" in published_summary(notice)
    due = {d.code: d for d in during.deadlines if d.deadline}
    assert due["ACV-OWNER-FREE"].date == date(2025, 10, 12) and "ACV-FMP-END" not in due
    # Recorded, the request starts it, to the earlier of the council's date and the Act's.
    (counted,) = case_on(date(2025, 12, 1), facts(published, (CHARITY,))).notices
    assert counted.status is NoticeStatus.FULL_MORATORIUM and counted.period_ends_on == FMP_END


def test_a_request_the_council_counts_without_its_day_starts_the_full_moratorium_on_the_councils_word():
    # Camden's list names the "Community group which triggered full moratorium" but not when it asked.
    counted = RequestFacts(None, LegalForm.CHARITY, "BR-0001", council_counted=True)
    during = case_on(date(2025, 12, 1), facts(requests=(counted,)))
    (notice,) = during.notices
    assert notice.status is NoticeStatus.FULL_MORATORIUM and notice.period_ends_on == FMP_END
    assert during.owner_may_dispose_to is DisposeTo.COMMUNITY_INTEREST_GROUPS_ONLY
    (verdict,) = notice.requests
    assert verdict.starts_full_moratorium and verdict.council_counted  # on the council's word, not a day's
    assert verdict.shown  # the body is one that can start it (nothing else of it asked for here)
    assert verdict.why == (
        "The council's list says this group asked to be treated as a bidder, but not the day its request was "
        "received, so AssetReg takes the council's word that it came in time (by Sat 11 Oct 2025) and counts the "
        "full moratorium. Record the day it was received to have it checked."
    )
    due = {d.code: d for d in during.deadlines if d.deadline}
    assert due["ACV-OWNER-FREE"].date == date(2026, 3, 1) and not due["ACV-OWNER-FREE"].deadline.conditional
    # A body that cannot start it does not, whatever the council's list says; nor does a request with no day
    # the council is not said to count.
    (company,) = case_on(
        date(2025, 12, 1), facts(requests=(RequestFacts(None, LegalForm.OTHER, "BR-0001", council_counted=True),))
    ).notices
    assert company.status is NoticeStatus.PROTECTED
    (undated,) = case_on(date(2025, 12, 1), facts(requests=(RequestFacts(None, LegalForm.CHARITY, "BR-0001"),))).notices
    assert undated.status is NoticeStatus.PROTECTED and not undated.requests[0].starts_full_moratorium


def test_a_request_that_starts_a_full_moratorium_the_listings_end_cuts_short_says_so():
    ending = e.ListEntry(reference="LST-0001", asset_ref=ASSET, entered_on=date(2020, 11, 2))  # last day 1 Nov 2025
    f = facts(requests=(CHARITY,), entries=(ending,))
    (notice,) = case_on(date(2025, 12, 1), f).notices
    assert notice.status is NoticeStatus.LAPSED
    (verdict,) = notice.requests
    assert verdict.starts_full_moratorium
    assert verdict.why.endswith("It ended early, on Sat 1 Nov 2025: the listing ended.")
    (before,) = case_on(date(2025, 9, 15), f).notices
    assert before.requests[0].why.endswith("It ends early, on Sat 1 Nov 2025, the listing's last day.")
    # A request received after the listing ended starts nothing, rather than "applies… ended early" before it came.
    late = RequestFacts(date(2025, 11, 3), LegalForm.CHARITY, "BR-0002")
    (after,) = case_on(date(2025, 12, 1), facts(requests=(late,), entries=(ending,))).notices
    assert not after.requests[0].starts_full_moratorium and after.period(Period.FULL) is None
    assert after.requests[0].why == (
        "The request was received on Mon 3 Nov 2025, after the notice stopped being in force on Sat 1 Nov 2025 "
        "(the listing ended), so it cannot start the full moratorium."
    )
    # A full moratorium that runs its whole length says nothing of an early end.
    (whole,) = case_on(date(2025, 12, 1), facts(requests=(CHARITY,))).notices
    assert whole.requests[0].why.endswith("so the full moratorium applies.")


def test_in_a_protected_period_who_may_buy_is_said_with_until_when_no_fresh_notice_is_needed():
    protected = case_on(date(2025, 12, 1))  # no request: the interim moratorium ended on Sat 11 Oct 2025
    assert protected.status is NoticeStatus.PROTECTED and protected.owner_may_dispose_to is DisposeTo.ANYONE
    assert protected.sale_said == "The owner may sell to anyone until Sun 28 Feb 2027 without giving a fresh notice."
    interim = case_on(date(2025, 9, 15))
    assert interim.sale_said == "The owner may sell only to a community interest group."
