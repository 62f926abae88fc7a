"""The invariants of the case account, held over generated histories and every day around them.

Each property is one of the rules every reader relies on: the status, the periods, the deadlines, who the owner
may sell to and what a letter says must agree on every day. Breaking any of them (say, a status that ignores a
council's earlier date) fails here.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from assetreg.domain import entities as e
from assetreg.domain.asset_deadlines import AssetFacts
from assetreg.domain.case import build_case
from assetreg.domain.counting import WorkingDayCalendar, period_end
from assetreg.domain.enums import ExemptionCode, Jurisdiction, LegalForm, NoticeOutcome, Period, RemovalReason
from assetreg.domain.notice_case import DisposeTo, RequestFacts
from assetreg.domain.requests import can_trigger_full_moratorium
from assetreg.domain.rules import rule_ending
from assetreg.domain.settings import Settings
from assetreg.domain.status import NoticeStatus, listing_in_force, listing_last_day
from assetreg.reports.bidder_request import who_may_buy_now

ASSET = "AST-0001"
ENGLAND = WorkingDayCalendar(Jurisdiction.ENGLAND)
SETTINGS = Settings()
DAY = timedelta(days=1)
# Forward only: interim → (full →) protected → lapsed or superseded; outcomes may close a notice at any time.
ORDER = {
    NoticeStatus.AWAITING_DATES: 0,
    NoticeStatus.INTERIM_MORATORIUM: 1,
    NoticeStatus.FULL_MORATORIUM: 2,
    NoticeStatus.PROTECTED: 3,
    NoticeStatus.LAPSED: 4,
    NoticeStatus.SUPERSEDED: 4,
    NoticeStatus.NO_MORATORIUM: 1,
}
CLOSED = {NoticeStatus.WITHDRAWN, NoticeStatus.DISPOSED, NoticeStatus.DISPOSED_TO_COMMUNITY_GROUP}
MORATORIA = {NoticeStatus.INTERIM_MORATORIUM, NoticeStatus.FULL_MORATORIUM}

days = st.integers(min_value=-400, max_value=1200).map(lambda n: date(2025, 1, 1) + timedelta(days=n))
offsets = st.integers(min_value=-10, max_value=60)


@st.composite
def histories(draw) -> AssetFacts:
    entered = draw(days)
    removed = draw(st.none() | st.integers(min_value=1, max_value=2200).map(lambda n: entered + timedelta(days=n)))
    entry = e.ListEntry(
        reference="LST-0001",
        asset_ref=ASSET,
        entered_on=entered,
        removed_on=removed,
        removal_reason=RemovalReason.REVIEW if removed else None,
    )
    received = entered + timedelta(days=draw(st.integers(min_value=-100, max_value=1900)))
    computed = {p: period_end(received, rule_ending(p).length, rule_ending(p).counting) for p in _NOTICE_PERIODS}
    # Councils' own dates differ by a few days either way (RULES.md §4).
    published = {
        p: draw(st.none() | st.integers(-5, 5).map(lambda n, p=p: computed[p] + timedelta(n))) for p in computed
    }
    if draw(st.integers(0, 9)) == 0:  # a slip: the full moratorium's end given before the interim one's
        published[Period.FULL] = computed[Period.INTERIM] - timedelta(draw(st.integers(1, 20)))
    outcome = draw(
        st.sampled_from([NoticeOutcome.OPEN, NoticeOutcome.OPEN, NoticeOutcome.WITHDRAWN, NoticeOutcome.DISPOSED])
    )
    outcome_on = received + timedelta(days=draw(st.integers(0, 800))) if outcome is not NoticeOutcome.OPEN else None
    notice = e.DisposalNotice(
        reference="DN-0001",
        asset_ref=ASSET,
        owner_ref="PTY-0001",
        received_on=received,
        published_interim_end_on=published[Period.INTERIM],
        published_full_end_on=published[Period.FULL],
        published_protected_end_on=published[Period.PROTECTED],
        outcome=outcome,
        outcome_on=outcome_on,
    )
    requests = tuple(
        RequestFacts(received + timedelta(days=draw(offsets)), draw(st.sampled_from(list(LegalForm))), f"BR-{i:04d}")
        for i in range(draw(st.integers(0, 2)))
    )
    exempt = ()
    if draw(st.booleans()):
        exempt = (
            e.ExemptDisposal(
                reference="EXD-0001",
                asset_ref=ASSET,
                exemption=ExemptionCode.GIFT,
                disposed_on=received + timedelta(days=draw(st.integers(-30, 700))),
                previous_owner_ref="PTY-0001",
                new_owner_ref=draw(st.sampled_from(["PTY-0002", "PTY-0001", ""])),
            ),
        )
    return AssetFacts(
        asset_ref=ASSET,
        asset_name="The Red Lion",
        jurisdiction=Jurisdiction.ENGLAND,
        list_entries=(entry,),
        notices=(notice,),
        requests={"DN-0001": requests},
        exempt_disposals=exempt,
    )


_NOTICE_PERIODS = (Period.INTERIM, Period.FULL, Period.PROTECTED)


def days_around(f: AssetFacts, step: int = 9) -> list[date]:
    """Every ``step``-th day from before the listing to after the protected period, plus each period's edges."""
    start = f.list_entries[0].entered_on - timedelta(days=20)
    found = [start + timedelta(days=n) for n in range(0, 2800, step)]
    case = build_case(f, start)
    for p in case.notices[0].periods:
        found += [p.effective_end, p.effective_end + DAY, p.computed_end, p.computed_end + DAY]
    return sorted(set(found))


@settings(max_examples=150, deadline=None)
@given(histories())
def test_periods_nest_start_on_the_received_day_and_never_end_later_than_the_law_or_the_listing(f):
    (notice,) = build_case(f, date(2025, 1, 1)).notices
    ends = [p.effective_end for p in notice.periods]
    assert ends == sorted(ends)  # interim ≤ full ≤ protected
    listed = listing_in_force(f.list_entries, notice.starts_on)
    for p in notice.periods:
        assert p.starts_on == notice.starts_on
        assert p.effective_end <= p.computed_end or p.effective_end == ends[0]  # only the nesting lifts an end
        if p.ended_early is None:
            assert p.effective_end >= p.starts_on
        assert p.disagrees is (p.published_end is not None and p.published_end != p.computed_end)
        if p.published_end is not None and p.ended_early is None and p.effective_end != ends[0]:
            assert p.effective_end == min(p.computed_end, p.published_end)
        assert listed is not None and p.effective_end <= listing_last_day(listed)


@settings(max_examples=150, deadline=None)
@given(histories())
def test_a_request_starts_the_full_moratorium_exactly_when_the_law_says(f):
    (notice,) = build_case(f, date(2025, 1, 1)).notices
    listed = listing_in_force(f.list_entries, f.notices[0].received_on) is not None
    interim_end = period_end(
        f.notices[0].received_on, rule_ending(Period.INTERIM).length, rule_ending(Period.INTERIM).counting
    )
    for request, verdict in zip(f.requests["DN-0001"], notice.requests, strict=True):
        # A body whose legal form is not known is counted by its dates, and the verdict says it is not shown.
        unknown = request.legal_form is LegalForm.NOT_KNOWN
        # Only while the notice is in force: not after the listing ends, a withdrawal, a sale or an exempt disposal.
        in_force = notice.in_force_until is None or request.received_on <= notice.in_force_until
        expected = (
            listed
            and (can_trigger_full_moratorium(request.legal_form) or unknown)
            and f.notices[0].received_on <= request.received_on <= interim_end
            and in_force
        )
        assert verdict.starts_full_moratorium is expected
        assert not (expected and unknown and verdict.shown)
        assert verdict.why.endswith(".") and "\n" not in verdict.why
    assert (notice.period(Period.FULL) is not None) is any(v.starts_full_moratorium for v in notice.requests)


@settings(max_examples=120, deadline=None)
@given(histories())
def test_status_periods_deadlines_and_who_may_buy_agree_on_every_day(f):
    previous = -1
    for day in days_around(f):
        case = build_case(f, day, SETTINGS, ENGLAND)
        (notice,) = case.notices
        status = notice.status
        # The status runs forward only (a withdrawal or sale may close it at any point).
        if status not in CLOSED:
            assert ORDER[status] >= previous
            previous = ORDER[status]
        # The status names the period that runs, and that period is in force until its effective end.
        running = [p for p in notice.periods if p.running(day)]
        if status in MORATORIA | {NoticeStatus.PROTECTED}:
            assert running and notice.current is running[0] and notice.period_ends_on == running[0].effective_end
            assert any(x.record_ref == "DN-0001" and x.ends_on == notice.period_ends_on for x in case.in_force)
        else:
            assert notice.period_ends_on is None
            assert not any(x.record_ref == "DN-0001" for x in case.in_force)
        # Who may buy (CASE.md invariant 5).
        listed = listing_in_force(f.list_entries, day) is not None
        if not listed:
            assert case.owner_may_dispose_to is DisposeTo.ANYONE
        elif status in MORATORIA:
            assert case.owner_may_dispose_to is DisposeTo.COMMUNITY_INTEREST_GROUPS_ONLY
        elif status is NoticeStatus.PROTECTED:
            assert case.owner_may_dispose_to is DisposeTo.ANYONE
        else:
            assert case.owner_may_dispose_to is DisposeTo.ONLY_AFTER_NOTIFYING_THE_COUNCIL
        # What's due and the status act on the same day: a period's end deadline is its effective end, and the
        # owner is free to exchange on the day the case says.
        for d in case.deadlines:
            period = (
                notice.period(d.deadline.rule.ends) if d.deadline and d.deadline.rule.ends in _NOTICE_PERIODS else None
            )
            if period is not None and period.ended_early is None:
                assert d.date == period.effective_end
            if period is not None and notice.in_force_until is not None:
                assert d.date <= notice.in_force_until
            moratoria = [p for p in notice.periods if p.period is not Period.PROTECTED]
            if d.code == "ACV-OWNER-FREE" and not d.deadline.conditional and moratoria[-1].ended_early is None:
                assert d.date == notice.owner_free_from
        # A letter never says the owner may sell to anyone while a moratorium runs.
        said = who_may_buy_now_for(notice, case.owner_may_dispose_to)
        if status in MORATORIA:
            assert "anyone" not in said and "community interest group" in said


def who_may_buy_now_for(notice, allowed: DisposeTo) -> str:
    from types import SimpleNamespace

    return who_may_buy_now(SimpleNamespace(case=notice, owner_may_dispose_to=allowed))
