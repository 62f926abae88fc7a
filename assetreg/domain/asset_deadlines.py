"""The deadlines that apply to one asset, given everything recorded about it (RULES.md §2–§5).

Each recorded event (a nomination received, a listing entered, an owner's notice received...) triggers the
rules of the catalogue; the facts decide which apply: no right-to-bid clocks outside England, no moratorium
for a disposal that is not relevant, the full moratorium only after a valid request, an old owner's notice
ending when an exempt disposal passes the land to a new owner. Pure: ``today`` is a parameter.
"""

from __future__ import annotations

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
    NoticeOutcome,
    Regime,
)
from .i18n import tr
from .rules import Event
from .settings import Settings
from .status import RequestFacts, listing_end, notice_problem, protection_end, valid_request_received

TASK = "TASK"

# What the group should do about each date; rules not named here are dates to watch.
ACTIONS: Mapping[str, str] = {
    "ACV-NOM-DECIDE": tr("The council should decide the nomination by now; chase it if you have heard nothing."),
    "ACV-RENOMINATE-BY": tr(
        "Send a fresh nomination: the listing cannot be renewed and protection stops when it ends."
    ),
    "ACV-LIST-END": tr("The listing ends; the asset is unprotected from the next day unless renominated and listed."),
    "ACV-REVIEW-DECIDE": tr("The council should decide the owner's review by now."),
    "ACV-IMP-END": tr(
        "Make sure the council has received your written request to be treated as a potential bidder by this date."
    ),
    "ACV-FMP-END": tr("The full moratorium ends: have your bid ready; the owner may sell to anyone from the next day."),
    "ACV-OWNER-FREE": tr("From this day the owner may exchange contracts with anyone."),
    "ACV-PP-END": tr("The protected period ends; any later sale needs a fresh notice and a fresh moratorium."),
    "SCOT-ATR-DECIDE": tr("The council's decision is due; if none comes, the request is treated as refused."),
    "SCOT-ATR-REVIEW": tr("Last day to ask the council to review its decision."),
    "SCOT-ATR-APPEAL": tr("Last day to appeal to the Scottish Ministers."),
}
# Dates the group itself must meet (the rest are the council's or the owner's, shown so nothing surprises).
GROUP_MUST_ACT = frozenset({"ACV-RENOMINATE-BY", "ACV-IMP-END", "SCOT-ATR-REVIEW", "SCOT-ATR-APPEAL", TASK})
# Overdue means passed yet still worth doing: renominating, a task, chasing a council that is late. A statutory
# window that has closed (a request not received in time) is missed, and no reminder can mend it.
STILL_DOABLE_WHEN_PASSED = frozenset(
    {"ACV-RENOMINATE-BY", TASK, "ACV-NOM-DECIDE", "ACV-REVIEW-DECIDE", "SCOT-ATR-DECIDE"}
)


@dataclass(frozen=True)
class AssetFacts:
    """Everything recorded about one asset that a deadline can depend on."""

    asset_ref: str
    asset_name: str
    jurisdiction: Jurisdiction
    nominations: Sequence[e.Nomination] = ()  # pending ones suffice: decided ones are history
    list_entries: Sequence[e.ListEntry] = ()
    challenges: Sequence[e.Challenge] = ()
    notices: Sequence[e.DisposalNotice] = ()
    requests: Mapping[str, Sequence[RequestFacts]] = field(default_factory=dict)  # by notice reference
    exempt_disposals: Sequence[e.ExemptDisposal] = ()
    applications: Sequence[e.TransferApplication] = ()
    tasks: Sequence[e.UserDeadline] = ()


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
    done: bool = False  # a task ticked off, a date whose purpose is met, or one no longer possible

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
        return ACTIONS.get(self.deadline.code, self.deadline.rule.label)

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
        return self.code in GROUP_MUST_ACT

    def overdue(self, today: date) -> bool:
        """Passed, not done, and still worth doing (see ``STILL_DOABLE_WHEN_PASSED``)."""
        return self.code in STILL_DOABLE_WHEN_PASSED and not self.done and self.date < today

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
        )
    )


def asset_deadlines(
    facts: AssetFacts, today: date, settings: Settings, calendar: WorkingDayCalendar
) -> list[AssetDeadline]:
    """Every deadline of the asset, in date order, each with its reminders and send-by date."""
    if not (facts.nominations or facts.list_entries or facts.notices or facts.applications or facts.tasks):
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
    ) -> None:
        if trigger is None:
            return
        for d in _computed(event, trigger, facts.jurisdiction, calendar, provisional, valid_request, lead):
            if (until is None or d.date <= until) and d.code not in skip:
                found.append((record_ref, d, d.code in done))

    _listing_deadlines(facts, today, add)
    if facts.jurisdiction.has_acv_regime:
        _notice_deadlines(facts, today, calendar, add, found)
    _scottish_deadlines(facts, calendar, add)

    result = [_asset_deadline(facts, ref, d, done, settings, calendar) for ref, d, done in found]
    result += [_task(facts, t) for t in facts.tasks]
    return sorted(result, key=lambda x: (x.date, x.code))


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
        moot = ("ACV-RENOMINATE-BY",) if renominated or ended else ()
        add(x.reference, Event.LISTING_ENTERED, x.entered_on, until=x.removed_on, done=moot)
        add(x.reference, Event.LISTING_NOTICE_GIVEN, x.notice_given_on, until=x.removed_on)
    for c in facts.challenges:
        decided = () if c.outcome is ChallengeOutcome.PENDING else ("ACV-REVIEW-DECIDE",)
        if c.kind is ChallengeKind.LISTING_REVIEW:
            add(c.reference, Event.REVIEW_REQUEST_RECEIVED, c.received_on, done=decided)
            add(c.reference, Event.REVIEW_DECISION_SENT, c.decision_sent_on)
        elif c.kind is ChallengeKind.COMPENSATION_CLAIM:
            add(c.reference, Event.LOSS_INCURRED, c.loss_incurred_on)
            add(c.reference, Event.COMPENSATION_DECISION_GIVEN, c.decision_sent_on)
        elif c.kind is ChallengeKind.COMPENSATION_REVIEW:
            add(c.reference, Event.COMPENSATION_REVIEW_SENT, c.decision_sent_on)


def _notice_deadlines(facts: AssetFacts, today: date, calendar: WorkingDayCalendar, add, found) -> None:
    published = {
        "ACV-IMP-END": "published_interim_end_on",
        "ACV-FMP-END": "published_full_end_on",
        "ACV-PP-END": "published_protected_end_on",
    }
    for n in facts.notices:
        start = n.received_on or n.sent_on
        if start is None or n.regime is not Regime.LA2011 or notice_problem(n, facts.list_entries):
            continue
        if n.outcome is not NoticeOutcome.OPEN and (n.outcome_on is None or n.outcome_on <= today):
            continue
        requests = facts.requests.get(n.reference, ())
        valid = valid_request_received(start, requests)
        interim = _computed(Event.DISPOSAL_NOTICE_RECEIVED, start, facts.jurisdiction, calendar, False, None, 0)
        interim_end = next(d.date for d in interim if d.code == "ACV-IMP-END")
        # Known invalid once the interim period is over with no valid request; unknown while it runs.
        known = True if valid else (False if today > interim_end else None)
        # An exempt disposal passes the land on, so the old owner's notice ends with it (unless the records say
        # the land went to the very owner who gave the notice); the new owner must notify afresh.
        superseded = [
            x.disposed_on
            for x in facts.exempt_disposals
            if x.disposed_on > start and not (x.new_owner_ref and x.new_owner_ref == n.owner_ref)
        ]
        # Nor does a moratorium outlive the listing: once the land is off the list, s.95 no longer applies.
        superseded.append(protection_end(facts.list_entries, start))
        before = len(found)
        add(
            n.reference,
            Event.DISPOSAL_NOTICE_RECEIVED,
            start,
            provisional=n.received_on is None,
            valid_request=known,
            done=("ACV-IMP-END",) if valid else (),
            until=min(superseded),
        )
        for i in range(before, len(found)):
            ref, d, done = found[i]
            if d.code in published and getattr(n, published[d.code]) is not None:
                found[i] = (ref, with_published(d, getattr(n, published[d.code]), n.published_basis), done)


REFUSED_STAGES = ("refused", "deemed-refused", "review", "appeal")


def _scottish_deadlines(facts: AssetFacts, calendar: WorkingDayCalendar, add) -> None:
    for a in facts.applications:
        if a.kind is not ApplicationKind.SCOTTISH_ASSET_TRANSFER_REQUEST:
            continue
        refused = a.stage in REFUSED_STAGES
        decided = refused or a.decision_notice_on is not None or a.stage in ("agreed", "offer", "concluded", "lapsed")
        add(a.reference, Event.ATR_VALIDATED, a.validated_on, done=("SCOT-ATR-DECIDE",) if decided else ())
        trigger = a.decision_notice_on
        if trigger is None and a.stage == "deemed-refused" and a.validated_on is not None:
            # No decision in time counts as refusal; the review clock starts when the decision period ends.
            decide = _computed(Event.ATR_VALIDATED, a.validated_on, facts.jurisdiction, calendar, False, None, 0)
            trigger = next(d.date for d in decide if d.code == "SCOT-ATR-DECIDE") + timedelta(days=1)
        if trigger is None:
            continue
        # A refusal can be reviewed or appealed and makes no offer; an agreement makes an offer and needs neither.
        if refused:
            add(a.reference, Event.ATR_DECISION_NOTICE, trigger, skip=("SCOT-ATR-OFFER-MIN",))
            add(a.reference, Event.ATR_REFUSED, trigger)
        else:
            add(a.reference, Event.ATR_DECISION_NOTICE, trigger, done=("SCOT-ATR-REVIEW", "SCOT-ATR-APPEAL"))


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
    return f"{format_date(item.date)} ({when})  {where}{item.label}"
