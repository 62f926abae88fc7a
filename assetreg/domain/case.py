"""The case: everything the law makes of one asset's recorded facts on one day.

One value answers what the asset's status is, which periods run and until when, who the owner may dispose to,
and what the group must do next. The register's status column, What's due, the asset page, the forms' hints,
every printed document, the calendar export and the command line read a ``Case``; none works it out again.
Pure: the day is a parameter, so the case can be asked of any day (``assetreg ... --on DATE``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from . import entities as e
from .asset_deadlines import AssetDeadline, AssetFacts, asset_deadlines, notice_cases
from .counting import WorkingDayCalendar
from .dates import format_date
from .enums import Jurisdiction, ListEntryKind, Period, Regime
from .i18n import tr
from .notice_case import DisposeTo, NoticeCase
from .rules import Rule, rule_ending
from .settings import Settings
from .status import AssetStatus, NoticeStatus, headline_status, listing_in_force, listing_last_day, listing_status


@dataclass(slots=True)  # not frozen: a register makes one per listed asset, and frozen values are slower to make
class InForce:
    """Something protecting the land on the day: the listing, or a notice's moratorium or protected period."""

    period: Period
    record_ref: str  # the list entry or disposal notice it belongs to
    starts_on: date
    ends_on: date  # the last day, as the group should act on it
    rule: Rule  # the rule giving the last day
    provisional: bool = False  # counted from the day a notice was sent, the day it was received not being known

    def days_left(self, day: date) -> int:
        """Days after ``day`` until the end; 0 on the last day."""
        return (self.ends_on - day).days


@dataclass(eq=False)
class Case:
    """Where one asset stands on ``day``.

    Read-only by convention. What What's due needs (periods, deadlines, what is in force) is worked out when the
    case is built; the statuses and who may buy, when first asked (a register's list asks for statuses only).
    """

    facts: AssetFacts
    day: date
    notices: tuple[NoticeCase, ...]
    listing: e.ListEntry | None  # the list entry protecting the land on the day
    listing_ends_on: date | None  # the last day that listing protects the land (five years, or its removal)
    in_force: tuple[InForce, ...]  # soonest to end first
    deadlines: tuple[AssetDeadline, ...] | None  # every dated thing, met or not; None when not asked for

    @property
    def asset_ref(self) -> str:
        return self.facts.asset_ref

    @property
    def asset_name(self) -> str:
        return self.facts.asset_name

    @property
    def jurisdiction(self) -> Jurisdiction:
        return self.facts.jurisdiction

    @cached_property
    def listing_status(self) -> AssetStatus:
        """The asset's place in the listing life cycle."""
        f = self.facts
        return listing_status(f.nominations, f.list_entries, f.challenges, self.day)

    @cached_property
    def status(self) -> AssetStatus | NoticeStatus:
        """The one word for a register's status column: a running moratorium first, else the listing's."""
        if not self.notices:
            return self.listing_status
        return headline_status(self.listing_status, [n.status for n in self.notices])

    @cached_property
    def owner_may_dispose_to(self) -> DisposeTo:
        """Only to a community interest group while a moratorium runs; to anyone in a protected period or when
        the land is not listed; otherwise only after notifying the council (s.95). Where the register cannot
        tell (a listing without its day), it says so rather than that the owner is free."""
        if self.listing is None:
            if self.jurisdiction.has_acv_regime and self.listing_status is AssetStatus.LISTED_DAY_NOT_RECORDED:
                return DisposeTo.NOT_KNOWN_LISTING_DAY
            return DisposeTo.ANYONE
        allowed = {n.owner_may_dispose_to for n in self.notices} - {None}
        return next((x for x in _DISPOSE_TO_FIRST if x in allowed), DisposeTo.ONLY_AFTER_NOTIFYING_THE_COUNCIL)

    @property
    def sale_worth_saying(self) -> bool:
        """Whether who the owner may sell to is worth showing: the land is listed, or may be and the register
        cannot tell (on land never listed, "anyone" is only noise)."""
        return self.listing is not None or self.owner_may_dispose_to is DisposeTo.NOT_KNOWN_LISTING_DAY

    @property
    def sale_said(self) -> str:
        """Who the owner may sell to, as one sentence: in a protected period, until when without a fresh notice
        (said alone, "may sell to anyone" beside "Protected period" reads as if the asset were not protected)."""
        allowed = self.owner_may_dispose_to
        protected = next((n for n in self.notices if n.status is NoticeStatus.PROTECTED), None)
        if allowed is DisposeTo.ANYONE and protected is not None and protected.period_ends_on is not None:
            return tr("The owner may sell to anyone until {day} without giving a fresh notice.").format(
                day=format_date(protected.period_ends_on)
            )
        return allowed.label + "."

    @property
    def regime(self) -> Regime:
        """The regime of the listing in force (the 2011 Act unless the records say otherwise)."""
        return self.listing.regime if self.listing is not None else Regime.LA2011

    @cached_property
    def latest_listing_ends_on(self) -> date | None:
        """The last day of the listing in force, else of the latest listing that has ended (expired or removed);
        None when the land was never listed (or the nation has no such lists)."""
        if self.listing is not None or not self.jurisdiction.has_acv_regime:
            return self.listing_ends_on
        # A listing removed the day it was entered never protected the land, so it has no last day.
        ended = [
            last
            for x in self.facts.list_entries
            if x.kind is ListEntryKind.LISTED and x.entered_on <= (last := listing_last_day(x)) < self.day
        ]
        return max(ended, default=None)

    @property
    def status_ends_on(self) -> date | None:
        """The last day of what ``status`` names: the listing, or the moratorium or protected period running."""
        if self.status is self.listing_status:
            return self.listing_ends_on
        return next((n.period_ends_on for n in self.notices if n.status is self.status), None)

    def notice(self, reference: str) -> NoticeCase:
        return next(n for n in self.notices if n.reference == reference)

    @property
    def next_steps(self) -> tuple[AssetDeadline, ...]:
        """What is still to be done: overdue first, then what is coming, in date order."""
        pending = [d for d in self.deadlines or () if not d.done and (d.date >= self.day or d.overdue(self.day))]
        return tuple(sorted(pending, key=lambda d: (not d.overdue(self.day), d.date, d.code)))

    def answers(self) -> tuple:
        """Everything the case says, for comparing two cases."""
        return (
            self.day,
            self.status,
            self.listing_status,
            self.listing,
            self.listing_ends_on,
            self.notices,
            self.owner_may_dispose_to,
            self.in_force,
            self.deadlines,
        )


def build_case(
    facts: AssetFacts,
    day: date,
    settings: Settings | None = None,
    calendar: WorkingDayCalendar | None = None,
) -> Case:
    """The case of one asset on ``day``; with ``settings`` and ``calendar`` its deadlines too.

    A register's list needs only the statuses, so deadlines (the costly part) are worked out only when asked.
    """
    notices = notice_cases(facts, day)
    entry = (
        listing_in_force(facts.list_entries, day) if facts.list_entries and facts.jurisdiction.has_acv_regime else None
    )
    ends = listing_last_day(entry) if entry is not None else None
    in_force = [
        InForce(p.period, n.reference, p.starts_on, p.effective_end, p.rule, n.provisional)
        for n in notices
        if (p := n.current) is not None
    ]
    if entry is not None:
        in_force.append(InForce(Period.LISTING, entry.reference, entry.entered_on, ends, _LISTING_RULE))
    if len(in_force) > 1:
        in_force.sort(key=lambda x: (x.ends_on, x.period))
    deadlines = None
    if settings is not None and calendar is not None:
        deadlines = tuple(asset_deadlines(facts, day, settings, calendar, notices))
    return Case(facts, day, notices, entry, ends, tuple(in_force), deadlines)


_LISTING_RULE = rule_ending(Period.LISTING)
# Of the notices' answers, the most restrictive one speaks for the asset.
_DISPOSE_TO_FIRST = (DisposeTo.COMMUNITY_INTEREST_GROUPS_ONLY, DisposeTo.ANYONE)
