"""The case: everything the law makes of one asset's recorded facts on one day.

One value answers what the asset's status is, which periods run and until when, who the owner may dispose to,
and what the group must do next. The register's status column, What's due, the asset page, the forms' hints,
every printed document, the calendar export and the command line read a ``Case``; none works it out again.
Pure: the day is a parameter, so the case can be asked of any day (``assetreg ... --on DATE``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from . import entities as e
from .asset_deadlines import AssetDeadline, AssetFacts, asset_deadlines, notice_cases
from .counting import WorkingDayCalendar
from .enums import Jurisdiction, Period, Regime
from .notice_case import DisposeTo, NoticeCase
from .rules import Rule, rule_ending
from .settings import Settings
from .status import AssetStatus, NoticeStatus, headline_status, listing_in_force, listing_status, protection_end


@dataclass(frozen=True, slots=True)
class InForce:
    """Something protecting the land on the day: the listing, or a notice's moratorium or protected period."""

    period: Period
    record_ref: str  # the list entry or disposal notice it belongs to
    starts_on: date
    ends_on: date  # the last day, as the group should act on it
    rule: Rule  # the rule giving the last day

    def days_left(self, day: date) -> int:
        """Days after ``day`` until the end; 0 on the last day."""
        return (self.ends_on - day).days


@dataclass(frozen=True)
class Case:
    """Where one asset stands on ``day``."""

    asset_ref: str
    asset_name: str
    jurisdiction: Jurisdiction
    day: date
    listing_status: AssetStatus
    status: AssetStatus | NoticeStatus  # the one word for a register's status column
    listing: e.ListEntry | None  # the list entry protecting the land on the day
    listing_ends_on: date | None  # the last day that listing protects the land (five years, or its removal)
    notices: tuple[NoticeCase, ...]
    owner_may_dispose_to: DisposeTo
    in_force: tuple[InForce, ...]  # shortest first
    deadlines: tuple[AssetDeadline, ...] | None  # every dated thing, met or not; None when not asked for

    @property
    def regime(self) -> Regime:
        """The regime of the listing in force (the 2011 Act unless the records say otherwise)."""
        return self.listing.regime if self.listing is not None else Regime.LA2011

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
    listing = listing_status(facts.nominations, facts.list_entries, facts.challenges, day)
    england = facts.jurisdiction.has_acv_regime
    entry = listing_in_force(facts.list_entries, day) if england else None
    ends = protection_end(facts.list_entries, day) if entry is not None else None
    in_force = [
        InForce(n.current.period, n.reference, n.current.starts_on, n.current.effective_end, n.current.rule)
        for n in notices
        if n.current is not None
    ]
    if entry is not None:
        in_force.append(InForce(Period.LISTING, entry.reference, entry.entered_on, ends, rule_ending(Period.LISTING)))
    deadlines = None
    if settings is not None and calendar is not None:
        deadlines = tuple(asset_deadlines(facts, day, settings, calendar, notices))
    return Case(
        asset_ref=facts.asset_ref,
        asset_name=facts.asset_name,
        jurisdiction=facts.jurisdiction,
        day=day,
        listing_status=listing,
        status=headline_status(listing, (n.status for n in notices)),
        listing=entry,
        listing_ends_on=ends,
        notices=notices,
        owner_may_dispose_to=_owner_may_dispose_to(entry, notices),
        in_force=tuple(sorted(in_force, key=lambda x: (x.ends_on, x.period))),
        deadlines=deadlines,
    )


def _owner_may_dispose_to(listing: e.ListEntry | None, notices: Sequence[NoticeCase]) -> DisposeTo:
    """Only to a community interest group while a moratorium runs; to anyone in a protected period or when the
    land is not listed; otherwise only after notifying the council (s.95)."""
    if listing is None:
        return DisposeTo.ANYONE
    allowed = {n.owner_may_dispose_to for n in notices} - {None}
    if DisposeTo.COMMUNITY_INTEREST_GROUPS_ONLY in allowed:
        return DisposeTo.COMMUNITY_INTEREST_GROUPS_ONLY
    if DisposeTo.ANYONE in allowed:
        return DisposeTo.ANYONE
    return DisposeTo.ONLY_AFTER_NOTIFYING_THE_COUNCIL
