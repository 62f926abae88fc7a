"""The deadlines that apply to one asset, given everything recorded about it (RULES.md §2–§5).

Each recorded event (a nomination received, a listing entered, an owner's notice received...) triggers the
rules of the catalogue; the facts decide which apply: no right-to-bid clocks outside England, no moratorium
for a disposal that is not relevant, the full moratorium only after a valid request, an old owner's notice
ending when an exempt disposal passes the land to a new owner. Pure: ``today`` is a parameter.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from . import entities as e
from .counting import WorkingDayCalendar
from .dates import format_date
from .deadlines import Deadline, compute, send_by, with_published
from .enums import (
    ApplicationKind,
    ChallengeKind,
    ChallengeOutcome,
    Jurisdiction,
    ListEntryKind,
    NominationDecision,
    Period,
    Regime,
)
from .i18n import tr
from .notice_case import NoticeCase, RequestFacts, notice_case, published_end
from .rules import (
    ATR_APPEAL,
    ATR_DECIDE,
    ATR_OFFER_MIN,
    ATR_REVIEW,
    RENOMINATE_BY,
    REVIEW_DECIDE,
    Event,
    rule,
    rule_ending,
)
from .settings import Settings
from .status import NoticeStatus, listing_day_unknown, listing_end

# A notice withdrawn or ending in a sale has no more clocks.
_CLOSED = frozenset({NoticeStatus.WITHDRAWN, NoticeStatus.DISPOSED, NoticeStatus.DISPOSED_TO_COMMUNITY_GROUP})

TASK = "TASK"


@dataclass(frozen=True)
class AssetFacts:
    """Everything recorded about one asset that a deadline can depend on."""

    asset_ref: str
    asset_name: str
    jurisdiction: Jurisdiction
    # Pending ones, and decided ones of an asset with no list entry: other decided ones are history.
    nominations: Sequence[e.Nomination] = ()
    list_entries: Sequence[e.ListEntry] = ()
    challenges: Sequence[e.Challenge] = ()
    notices: Sequence[e.DisposalNotice] = ()
    requests: Mapping[str, Sequence[RequestFacts]] = field(default_factory=dict)  # by notice reference
    exempt_disposals: Sequence[e.ExemptDisposal] = ()
    applications: Sequence[e.TransferApplication] = ()
    tasks: Sequence[e.UserDeadline] = ()
    crtb_registrations: Sequence[e.CrtbRegistration] = ()
    marks: Mapping[str, e.DeadlineMark] = field(default_factory=dict)  # the group's marks, by deadline uid


@dataclass(frozen=True, slots=True)
class AssetDeadline:
    """One dated thing on an asset: a statutory date with its explanation, or a task the user added.

    What it is, when, and what to do are read from the ``deadline`` or ``task`` it wraps, never copied.
    """

    asset_ref: str
    asset_name: str
    record_ref: str
    deadline: Deadline | None = None  # a statutory date...
    task: e.UserDeadline | None = None  # ...or the user's own task
    reminder_days: tuple[int, ...] = ()  # lead times: remind this many days before the date
    send_by: date | None = None
    done: bool = False  # a task ticked off, a date whose purpose is met, one no longer possible, or marked
    mark: e.DeadlineMark | None = None  # the group's mark, when they have said it is done or does not apply

    @property
    def code(self) -> str:
        return self.deadline.code if self.deadline is not None else TASK

    @property
    def label(self) -> str:
        return self.deadline.rule.label if self.deadline is not None else self.task.title

    @property
    def date(self) -> date:
        """The date to act on (the earlier of the computed and the council's published date)."""
        return self.deadline.effective_date if self.deadline is not None else self.task.due_on

    @property
    def title(self) -> str:
        """The label with the asset's name in front, when there is an asset."""
        return f"{self.asset_name}: {self.label}" if self.asset_ref else self.label

    @property
    def action(self) -> str:
        """What the group should do about it, in plain words."""
        if self.deadline is None:
            return self.task.notes or self.task.title
        d = self.deadline
        action = d.rule.action or d.rule.label
        if d.conditional and d.alternative_date is not None:  # e.g. the owner free to sell, unless a request counts
            action += " " + tr("Unless a valid request to bid is received in time: then from {date}.").format(
                date=format_date(d.alternative_date)
            )
        elif d.conditional:
            action += " " + tr("This applies {condition}.").format(condition=d.rule.condition)
        return action

    @property
    def uid(self) -> str:
        """Stable for the life of the record and rule, so calendars update rather than duplicate."""
        return f"{self.record_ref}/{self.code}"

    @property
    def reminders(self) -> tuple[date, ...]:
        """The days to be reminded on, earliest first."""
        return tuple(sorted(self.date - timedelta(days=days) for days in self.reminder_days))

    @property
    def group_must_act(self) -> bool:
        """The group itself must meet it: its own task, or a date the rule puts on the group."""
        return self.deadline is None or self.deadline.rule.group_must_act

    def overdue(self, today: date) -> bool:
        """Passed, not done, and still worth doing (a task, or a rule's ``doable_when_passed``)."""
        still_doable = self.deadline is None or self.deadline.rule.doable_when_passed
        return still_doable and not self.done and self.date < today

    def days_remaining(self, today: date) -> int:
        return (self.date - today).days


@lru_cache(maxsize=1 << 15)
def _computed(
    event: Event,
    trigger: date,
    jurisdiction: Jurisdiction,
    calendar: WorkingDayCalendar,
    provisional: bool,
    valid_request: bool | None,
    lead: int,
    regime: Regime = Regime.LA2011,
) -> tuple[Deadline, ...]:
    # Registers repeat the same trigger dates many times; a Deadline is immutable, so one can serve them all.
    return tuple(
        compute(
            event,
            trigger,
            jurisdiction,
            calendar,
            provisional=provisional,
            valid_bidder_request=valid_request,
            renomination_lead_days=lead,
            regime=regime,
        )
    )


def notice_cases(facts: AssetFacts, day: date) -> tuple[NoticeCase, ...]:
    """The account of each of the asset's disposal notices on ``day``."""
    if not facts.notices:  # most assets of a large register
        return ()
    unknown_day = listing_day_unknown(facts.nominations, facts.list_entries)
    return tuple(
        notice_case(
            n,
            facts.requests.get(n.reference, ()),
            facts.list_entries,
            facts.exempt_disposals,
            facts.jurisdiction,
            day,
            unknown_day,
        )
        for n in facts.notices
    )


def asset_deadlines(
    facts: AssetFacts,
    today: date,
    settings: Settings,
    calendar: WorkingDayCalendar,
    notices: Sequence[NoticeCase] | None = None,
) -> list[AssetDeadline]:
    """Every deadline of the asset, in date order, each with its reminders and send-by date.

    ``notices`` are the notices' accounts on ``today`` when the caller has them already (see ``notice_cases``).
    """
    if not (
        facts.nominations
        or facts.list_entries
        or facts.notices
        or facts.applications
        or facts.tasks
        or facts.crtb_registrations
    ):
        return []  # nothing recorded yet starts a clock (most assets of a large register)
    found: list[tuple[str, Deadline, bool]] = []  # (record, deadline, done)
    lead = settings.renomination_lead_days

    def add(
        record_ref: str,
        event: Event,
        trigger: date | None,
        *,
        provisional: bool = False,
        valid_request: bool | None = None,
        done: Iterable[str] = (),
        until: date | None = None,
        skip: Iterable[str] = (),
        regime: Regime = Regime.LA2011,
    ) -> None:
        if trigger is None:
            return
        for d in _computed(event, trigger, facts.jurisdiction, calendar, provisional, valid_request, lead, regime):
            if (until is None or d.date <= until) and d.code not in skip:
                found.append((record_ref, d, d.code in done))

    _listing_deadlines(facts, today, add)
    if notices is None:
        notices = notice_cases(facts, today)
    _notice_deadlines(facts, today, add, found, notices)
    _scottish_deadlines(facts, calendar, add)
    for r in facts.crtb_registrations:
        add(r.reference, Event.CRTB_REGISTERED, r.registered_on)

    result = [_asset_deadline(facts, ref, d, done, settings, calendar) for ref, d, done in found]
    result += [_task(facts, t) for t in facts.tasks]
    if facts.marks:
        result = [_marked(x, facts.marks.get(x.uid)) for x in result]
    return sorted(result, key=lambda x: (x.date, x.code))


def _marked(item: AssetDeadline, mark: e.DeadlineMark | None) -> AssetDeadline:
    # Done whatever the records say otherwise: the group has seen to it, or found it does not apply to them.
    return item if mark is None else dataclasses.replace(item, done=True, mark=mark)


def _listing_deadlines(facts: AssetFacts, today: date, add) -> None:
    for n in facts.nominations:
        if n.decision is NominationDecision.PENDING:
            add(n.reference, Event.NOMINATION_RECEIVED, n.received_on or n.sent_on, provisional=n.received_on is None)
    for x in facts.list_entries:
        if x.kind is ListEntryKind.UNSUCCESSFUL:
            add(x.reference, Event.UNSUCCESSFUL_ENTERED, x.entered_on)
            continue
        # Renominating is done once a later nomination is in, and moot once the listing has ended.
        renominated = any(n.received_on and n.received_on > x.entered_on for n in facts.nominations) or any(
            later.entered_on > x.entered_on for later in facts.list_entries
        )
        ended = today > listing_end(x) or (x.removed_on is not None and x.removed_on <= today)
        moot = (RENOMINATE_BY,) if renominated or ended else ()
        add(x.reference, Event.LISTING_ENTERED, x.entered_on, until=x.removed_on, done=moot)
        add(x.reference, Event.LISTING_NOTICE_GIVEN, x.notice_given_on, until=x.removed_on)
    for c in facts.challenges:
        decided = () if c.outcome is ChallengeOutcome.PENDING else (REVIEW_DECIDE,)
        if c.kind is ChallengeKind.LISTING_REVIEW:
            add(c.reference, Event.REVIEW_REQUEST_RECEIVED, c.received_on, done=decided)
            add(c.reference, Event.REVIEW_DECISION_SENT, c.decision_sent_on)
        elif c.kind is ChallengeKind.COMPENSATION_CLAIM:
            add(c.reference, Event.LOSS_INCURRED, c.loss_incurred_on)
            add(c.reference, Event.COMPENSATION_DECISION_GIVEN, c.decision_sent_on)
        elif c.kind is ChallengeKind.COMPENSATION_REVIEW:
            add(c.reference, Event.COMPENSATION_REVIEW_SENT, c.decision_sent_on)


def _notice_deadlines(facts: AssetFacts, today: date, add, found, notices: Sequence[NoticeCase]) -> None:
    for case in notices:
        n = case.notice
        # No clocks for a notice that starts no moratorium, nor for one closed by withdrawal or sale by today.
        if not case.periods or case.status in _CLOSED:
            continue
        interim = case.period(Period.INTERIM)
        # Known invalid once the interim period is over with no valid request; unknown while it runs. A council's
        # published full end says nothing of a request: it publishes every end on receiving the notice (s.97).
        known = True if case.valid_request else (False if interim and today > interim.computed_end else None)
        before = len(found)
        add(
            n.reference,
            Event.DISPOSAL_NOTICE_RECEIVED,
            case.starts_on,
            provisional=case.provisional,
            valid_request=known,
            done=(rule_ending(Period.INTERIM).code,) if case.valid_request else (),
            until=case.in_force_until,
            regime=n.regime,
        )
        for i in range(before, len(found)):
            ref, d, done = found[i]
            found[i] = (ref, _as_the_council_published(d, case), done)


def _as_the_council_published(d: Deadline, case: NoticeCase) -> Deadline:
    """The notice's deadline with the council's published date beside it, acted on as the case's periods are:
    a period's end on its effective end, and the day after one (ACV-OWNER-FREE, ACV-RENOTIFY) the day after it.
    The periods nest: a council's end before a shorter period's is acted on when that one ends (``_period``),
    whether or not the longer period runs yet (a full moratorium awaiting a request)."""
    which, counted_from = d.rule.ends, None
    if which is None and d.base_code is not None:  # the day after a period ends
        which, counted_from = rule(d.base_code).ends, d.base_code
    shift = timedelta(days=d.rule.offset_days)
    if d.alternative_date is not None and d.rule.instead_if_applies:  # the day after the full moratorium, if asked
        instead = rule(d.rule.instead_if_applies).ends
        other = published_end(case.notice, instead)
        if other is not None:
            before = case.ending_before(instead)
            acted = max(other, before.effective_end) if before is not None else other
            if acted + shift < d.alternative_date:
                d = dataclasses.replace(d, alternative_date=acted + shift)
    published = published_end(case.notice, which) if which is not None else None
    if published is None:
        return d
    before = case.ending_before(which)
    first = (before.rule.code, before.effective_end) if before and before.effective_end > published else None
    return dataclasses.replace(
        with_published(d, published + shift, case.notice.published_basis), published_of=counted_from, comes_after=first
    )


REFUSED_STAGES = ("refused", "deemed-refused", "review", "appeal")


def _scottish_deadlines(facts: AssetFacts, calendar: WorkingDayCalendar, add) -> None:
    for a in facts.applications:
        if a.kind is not ApplicationKind.SCOTTISH_ASSET_TRANSFER_REQUEST:
            continue
        refused = a.stage in REFUSED_STAGES
        decided = refused or a.decision_notice_on is not None or a.stage in ("agreed", "offer", "concluded", "lapsed")
        add(a.reference, Event.ATR_VALIDATED, a.validated_on, done=(ATR_DECIDE,) if decided else ())
        trigger = a.decision_notice_on
        if trigger is None and a.stage == "deemed-refused" and a.validated_on is not None:
            # No decision in time counts as refusal. The review's 20 working days begin with the day the decision
            # period expires, its last day (SSI 2016/358 and 2016/359 reg 3(2)(b)), not the day after.
            decide = _computed(Event.ATR_VALIDATED, a.validated_on, facts.jurisdiction, calendar, False, None, 0)
            trigger = next(d.date for d in decide if d.code == ATR_DECIDE)
        if trigger is None:
            continue
        # A refusal can be reviewed or appealed and makes no offer; an agreement makes an offer and needs neither.
        if refused:
            add(a.reference, Event.ATR_DECISION_NOTICE, trigger, skip=(ATR_OFFER_MIN,))
            add(a.reference, Event.ATR_REFUSED, trigger)
        else:
            add(a.reference, Event.ATR_DECISION_NOTICE, trigger, done=(ATR_REVIEW, ATR_APPEAL))


def _asset_deadline(
    facts: AssetFacts, record_ref: str, d: Deadline, done: bool, settings: Settings, calendar: WorkingDayCalendar
) -> AssetDeadline:
    return AssetDeadline(
        asset_ref=facts.asset_ref,
        asset_name=facts.asset_name,
        record_ref=record_ref,
        deadline=d,
        reminder_days=settings.reminders_for(d.code),
        send_by=send_by(d, calendar, settings.send_by_working_days) if d.rule.must_be_received else None,
        done=done,
    )


def _task(facts: AssetFacts, task: e.UserDeadline) -> AssetDeadline:
    return AssetDeadline(
        asset_ref=facts.asset_ref,
        asset_name=facts.asset_name,
        record_ref=task.reference,
        task=task,
        reminder_days=(task.lead_days,),
        done=task.done_on is not None,
    )


def describe(item: AssetDeadline, today: date) -> str:
    """One line for a list: when, how long, what and where."""
    days = item.days_remaining(today)
    if days < 0:
        when = tr("{n} days ago").format(n=-days) if days < -1 else tr("yesterday")
    else:
        when = {0: tr("today"), 1: tr("tomorrow")}.get(days) or tr("in {n} days").format(n=days)
    where = f"{item.asset_ref} {item.asset_name}: " if item.asset_ref else ""
    provisional = tr(" (provisional: counted from the day sent)") if item.deadline and item.deadline.provisional else ""
    return f"{format_date(item.date)} ({when})  {where}{item.label}{provisional}"
