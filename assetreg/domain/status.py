"""The listing life cycle of an asset on a given day (RULES.md §5), and the facts a notice's account rests on.

Nothing is stored: a status follows from the dates, so editing a date changes the status everywhere. A disposal
notice's own status is worked out in ``notice_case``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from functools import lru_cache

from . import entities as e
from .counting import period_end
from .enums import (
    ChallengeKind,
    ChallengeOutcome,
    DisposalKind,
    LabelledEnum,
    ListEntryKind,
    NominationDecision,
    Period,
    RemovalReason,
)
from .i18n import tr
from .rules import rule_ending


class AssetStatus(LabelledEnum):
    """The listing life cycle of RULES.md §5, as one word for a register's status column."""

    NOT_NOMINATED = "not-nominated"
    DRAFT_NOMINATION = "draft-nomination"
    NOMINATED = "nominated"
    LISTED = "listed"
    # The council's decision to list is recorded, but not the day of entry (a council's list that gives none),
    # so nothing of the listing can be counted: not its five years, nor whether it still protects the land.
    LISTED_DAY_NOT_RECORDED = "listed-day-not-recorded"
    UNDER_REVIEW = "under-review"
    UNDER_APPEAL = "under-appeal"
    UNSUCCESSFUL = "unsuccessful"
    EXPIRED = "expired"
    REMOVED = "removed"

    @staticmethod
    def _labels() -> dict[str, str]:
        return {"listed-day-not-recorded": tr("Listed (day of entry not recorded)")}


class NoticeStatus(LabelledEnum):
    """A disposal notice's life cycle (RULES.md §5)."""

    NO_MORATORIUM = "no-moratorium"  # not a relevant disposal, or the land was not listed (see notice_problem)
    AWAITING_DATES = "awaiting-dates"
    INTERIM_MORATORIUM = "interim-moratorium"
    FULL_MORATORIUM = "full-moratorium"
    PROTECTED = "protected"
    LAPSED = "lapsed"
    DISPOSED = "disposed"
    DISPOSED_TO_COMMUNITY_GROUP = "disposed-to-community-group"
    WITHDRAWN = "withdrawn"
    SUPERSEDED = "superseded"  # an exempt disposal passed the land to a new owner, who must notify afresh
    MORATORIUM_2026 = "moratorium-2026"  # under the 2026 Act's provisional rules

    @staticmethod
    def _labels() -> dict[str, str]:
        return {
            # The statutory term in full: "Protected" alone reads as if the land were safe, when the owner may
            # sell to anyone.
            "protected": tr("Protected period"),
            "superseded": tr("Ended: the land passed to a new owner"),
            "moratorium-2026": tr("Moratorium under the 2026 Act (provisional)"),
        }

    @property
    def is_running(self) -> bool:
        """A clock of this notice still runs: the owner is restricted or protected."""
        return self in _RUNNING


_RUNNING = (
    NoticeStatus.INTERIM_MORATORIUM,
    NoticeStatus.FULL_MORATORIUM,
    NoticeStatus.MORATORIUM_2026,
    NoticeStatus.PROTECTED,
)


def listing_status(
    nominations: Iterable[e.Nomination],
    entries: Iterable[e.ListEntry],
    challenges: Iterable[e.Challenge],
    today: date,
) -> AssetStatus:
    """The asset's place in the listing life cycle on ``today``, from its latest list entry or nomination."""
    if not entries and not nominations:  # most assets in a large register: answer without sorting anything
        return AssetStatus.NOT_NOMINATED
    recorded_entries = bool(entries)
    entries = sorted((x for x in entries if x.entered_on <= today), key=lambda x: x.entered_on)
    nominations = list(nominations)
    pending = [n for n in nominations if n.decision is NominationDecision.PENDING]
    latest = entries[-1] if entries else None
    # A nomination made after the latest entry (a renomination after expiry) is the current story.
    if pending and (latest is None or (pending[-1].received_on or today) >= latest.entered_on):
        return AssetStatus.NOMINATED if pending[-1].received_on else AssetStatus.DRAFT_NOMINATION
    if latest is None:
        return AssetStatus.NOT_NOMINATED if recorded_entries else _decided_without_entry(nominations)
    if latest.kind is ListEntryKind.UNSUCCESSFUL:
        return AssetStatus.UNSUCCESSFUL
    if latest.removed_on is not None and latest.removed_on <= today:
        return AssetStatus.EXPIRED if latest.removal_reason is RemovalReason.EXPIRED else AssetStatus.REMOVED
    if today > listing_end(latest):
        return AssetStatus.EXPIRED
    open_challenges = {
        c.kind for c in challenges if c.list_entry_ref == latest.reference and c.outcome is ChallengeOutcome.PENDING
    }
    if ChallengeKind.LISTING_APPEAL in open_challenges:
        return AssetStatus.UNDER_APPEAL
    if ChallengeKind.LISTING_REVIEW in open_challenges:
        return AssetStatus.UNDER_REVIEW
    return AssetStatus.LISTED


def _decided_without_entry(nominations: list[e.Nomination]) -> AssetStatus:
    """With no list entry recorded, what the decided nominations say: listed, with its day not recorded, or
    unsuccessful (a council's list named the decision without its day). The latest dated decision speaks (by
    the day received, else decided; the last recorded of a day); one with no date at all cannot be placed
    before or after it, so a decision to list without a date is never outweighed."""
    decided = [n for n in nominations if n.decision in _DECIDED]
    if not decided:
        return AssetStatus.NOT_NOMINATED
    dated = [n for n in decided if n.received_on or n.decided_on]
    latest = max(reversed(dated), key=lambda n: n.received_on or n.decided_on) if dated else None
    undated_listing = any(n.decision is NominationDecision.LISTED for n in decided if n not in dated)
    if undated_listing or (latest is not None and latest.decision is NominationDecision.LISTED):
        return AssetStatus.LISTED_DAY_NOT_RECORDED
    return AssetStatus.UNSUCCESSFUL


def listing_day_unknown(nominations: Iterable[e.Nomination], entries: Sequence[e.ListEntry]) -> bool:
    """The council decided to list the asset, but no entry on the list (so no day of entry) is recorded."""
    return not entries and _decided_without_entry(list(nominations)) is AssetStatus.LISTED_DAY_NOT_RECORDED


_DECIDED = (NominationDecision.LISTED, NominationDecision.UNSUCCESSFUL)


def listing_end(entry: e.ListEntry) -> date:
    """The last day of a listing: five years beginning with the date of entry (s.87(3))."""
    return _five_years_from(entry.entered_on)


@lru_cache(maxsize=1 << 14)
def _five_years_from(entered_on: date) -> date:
    # Asked several times per asset; a large register has a few thousand distinct entry dates.
    end = rule_ending(Period.LISTING)
    return period_end(entered_on, end.length, end.counting)


RELEVANT_LEASE_YEARS = 25


def relevant_disposal_problem(notice: e.DisposalNotice) -> str:
    """Why a notice starts no moratorium, or "" when it describes a relevant disposal (s.95, RULES.md §7.10)."""
    if notice.exemption_claimed is not None:
        return tr("The owner claims an exempt disposal ({exemption}), which starts no moratorium.").format(
            exemption=notice.exemption_claimed.label
        )
    if notice.share_sale:
        return tr("A sale of shares in the owning company is not a relevant disposal.")
    if notice.vacant_possession is False:
        return tr("A sale without vacant possession (with a sitting tenant) is not a relevant disposal.")
    if notice.disposal_kind is not DisposalKind.FREEHOLD:
        if notice.lease_term_years is None:
            return tr("The lease term is not recorded; only a lease of 25 years or more is a relevant disposal.")
        if notice.lease_term_years < RELEVANT_LEASE_YEARS:
            return tr("Only a lease of 25 years or more is a relevant disposal; this one is {years} years.").format(
                years=notice.lease_term_years
            )
    return ""


def listing_in_force(entries: Iterable[e.ListEntry], on: date) -> e.ListEntry | None:
    """The list entry protecting the land on a day: entered by then, and neither removed nor expired."""
    for x in entries:
        if (
            x.kind is ListEntryKind.LISTED
            and x.entered_on <= on
            and (x.removed_on is None or x.removed_on > on)
            and on <= listing_end(x)
        ):
            return x
    return None


def listing_last_day(entry: e.ListEntry) -> date:
    """The last day a list entry protects the land: five years, or the day before its removal."""
    end = listing_end(entry)
    return min(end, entry.removed_on - timedelta(days=1)) if entry.removed_on else end


def protection_end(entries: Iterable[e.ListEntry], on: date) -> date:
    """The last day the listing in force on ``on`` protects the land (``date.max`` if none is in force)."""
    entry = listing_in_force(entries, on)
    return date.max if entry is None else listing_last_day(entry)


def headline_status(listing: AssetStatus, notices: Iterable[NoticeStatus]) -> AssetStatus | NoticeStatus:
    """The one status a register shows for an asset: a running moratorium first, else the listing state."""
    running = set(notices)
    return next((wanted for wanted in _RUNNING if wanted in running), listing)
