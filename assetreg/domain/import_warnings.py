"""What an import warns of, row by row: where a council's list says something the register cannot simply take
in (a decision or removal without its day, a full moratorium without the request that started it, a notice
that may be one already recorded with its date corrected), and what the person can do about it.

Pure, like ``import_plan``, which calls these for each asset it plans.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from . import entities as e
from .council_rows import ImportedAsset, ImportedNotice, Problem
from .dates import format_date
from .enums import ListEntryKind, NominationDecision
from .i18n import tr, trn
from .status import listing_end

if TYPE_CHECKING:
    from .import_plan import AssetPlan, RecordIndex


def notice_warnings(plan: AssetPlan, item: ImportedAsset, notices: Sequence[e.DisposalNotice]) -> list[Problem]:
    """For each notice to be added beside one of the register's that the list does not give: that it may be the
    same notice with its date corrected, which AssetReg cannot tell from a new one, and what to do if so."""
    listed = {imported.received_on for imported in item.notices}
    unlisted = [n for n in notices if n.received_on not in listed]
    if not plan.notices or not unlisted:
        return []
    theirs = tr(" and ").join(
        tr("notice {reference} received {day}").format(
            reference=n.reference, day=format_date(n.received_on) if n.received_on else tr("on a day not known")
        )
        for n in unlisted
    )
    recorded = {n.received_on for n in notices}
    first: dict[date | None, ImportedNotice] = {}  # each day's first row: two groups' rows are one notice
    for imported in item.notices:
        first.setdefault(imported.received_on, imported)
    return [
        Problem(
            imported.row,
            "notice_received",
            tr(
                "The list gives a notice received {day}, added as a new notice. The register also has {theirs} "
                "for this asset, which the list does not give: if that is the same notice with its date "
                "corrected, delete the register's one after importing."
            ).format(
                day=format_date(imported.received_on) if imported.received_on else tr("on a day not given"),
                theirs=theirs,
            ),
            "warning",
        )
        for imported in first.values()
        if imported.received_on not in recorded
    ]


def full_without_request(item: ImportedAsset, match, index: RecordIndex) -> list[Problem]:
    """For each notice whose full moratorium the list gives an end for, with no request to be treated as a
    bidder on it (in the list or the register): that AssetReg counts no full moratorium until one is recorded."""
    asked = {n.received_on for n in item.notices if n.bid_received or n.interested_group}
    registered = index.notices.get(match.reference, []) if match else []
    asked |= {n.received_on for n in registered if index.requests.get(n.reference)}
    problems, seen = [], set()
    for n in item.notices:
        if n.full_end is None or n.received_on in asked or n.received_on in seen:
            continue
        seen.add(n.received_on)
        who = (
            tr(" and names {group} as the group that asked").format(group=n.interested_group)
            if n.interested_group
            else ""
        )
        message = tr(
            "The list gives the full moratorium as ending on {day}{who}, but not the day the request to be treated "
            "as a bidder was received, so no request is recorded and AssetReg counts no full moratorium: it "
            "takes the owner as free to sell to anyone once the interim moratorium ends (a council publishes "
            "every end on receiving a notice, whether or not a group asks). If the council counted a request, "
            "record it on the notice (Record a request to bid…) with the day it was received."
        ).format(day=format_date(n.full_end), who=who)
        problems.append(Problem(n.row, "full_end", message, "warning"))
    return problems


def future_removal(item: ImportedAsset) -> Problem:
    message = tr(
        "The list gives {day} as the day the asset was removed from the list, which is still to come, so no "
        "removal was recorded: check the column holds the day of removal, not the listing's expiry."
    ).format(day=format_date(item.removed_on))
    return Problem(item.rows[0], "removed_on", message, "warning")


def undated_removal_warning(item: ImportedAsset, entries: Sequence[e.ListEntry]) -> list[Problem]:
    """When the list's words say the asset left the list without saying when, and the register has it listed."""
    if not item.removal_undated or item.removed_on is not None or any(x.removed_on for x in entries):
        return []
    if item.decision_date is None and not entries:
        return []  # nothing is listed to keep: the undated decision's warning says what to do
    message = tr(
        "The list says the asset was removed from the list but not when, so it is kept as listed. On its Listing "
        "tab, choose Removed from the list… and enter the day the council removed it."
    )
    return [Problem(item.rows[0], "status", message, "warning")]


def undated_decision_warning(item: ImportedAsset, entries: Sequence[e.ListEntry]) -> list[Problem]:
    """When the list gives a decision without its date and the register has no entry for it: that nothing of the
    listing is counted until the date is recorded, and where to record it."""
    kinds = {
        NominationDecision.LISTED: ListEntryKind.LISTED,
        NominationDecision.UNSUCCESSFUL: ListEntryKind.UNSUCCESSFUL,
    }
    kind = kinds.get(item.decision)
    if kind is None or item.decision_date is not None or any(x.kind is kind for x in entries):
        return []
    if kind is ListEntryKind.LISTED:
        expiry = (
            tr(" (it gives the listing's expiry, {day}, which AssetReg works out itself)").format(
                day=format_date(item.listing_expiry)
            )
            if item.listing_expiry
            else ""
        )
        message = tr(
            "The list says the asset is listed but not the day it was entered on the list{expiry}, so no listing "
            "was recorded: until it is, AssetReg counts none of the listing's dates nor any moratorium on the "
            "asset. On its Listing tab, choose Council's decision… and enter the day from the council's decision."
        ).format(expiry=expiry)
    else:
        message = tr(
            "The list says the nomination was unsuccessful but not the day of the decision, so it was not "
            "entered on the list of unsuccessful nominations. On the asset's Listing tab, choose Council's "
            "decision… and enter the day from the council's decision."
        )
    return [Problem(item.rows[0], "decision_date", message, "warning")]


def listing_ended(item: ImportedAsset, entries: Sequence[e.ListEntry], day: date) -> bool:
    """The list gives the asset as listed on a day more than five years before ``day``, with no removal and no
    later listing in the register: the listing has ended by the law (s.87(3)), whatever the list's status says."""
    if item.decision is not NominationDecision.LISTED or item.decision_date is None or item.removed_on is not None:
        return False
    if any(x.kind is ListEntryKind.LISTED and x.entered_on > item.decision_date for x in entries):
        return False
    return listing_end(e.ListEntry(asset_ref="", entered_on=item.decision_date)) < day


SHOWN_ROWS = 10  # rows named in one warning about many


def ended_listings_warning(ended: Sequence[ImportedAsset], day: date) -> list[Problem]:
    """One warning for every asset whose listing, by the list's own dates, ended before ``day``: a list often
    still calls them listed, and the asset page will say expired, so the person is told why and what to do."""
    if not ended:
        return []
    rows = _rows_named([item.rows[0] for item in ended])
    message = tr(
        "The list gives {count} as listed more than five years before {day} (rows: {rows}). A listing lasts five "
        "years (s.87(3)), so AssetReg shows these listings as expired. If the council has listed any of them "
        "again, record the new listing on its Listing tab (Council's decision…)."
    ).format(count=trn("{n} asset", "{n} assets", len(ended)), day=format_date(day), rows=rows)
    return [Problem(0, "decision_date", message, "warning")]


def expiry_warning(assets: Sequence[ImportedAsset]) -> list[Problem]:
    """One warning for the listings whose expiry the list gives as another day than the last of the five years
    from entry (s.87(3)): councils often count to the anniversary. AssetReg works the expiry out, so nothing is
    stored, and the person is told that nothing needs doing."""
    differ = []
    for a in assets:
        if a.listing_expiry and a.decision is NominationDecision.LISTED and a.decision_date:
            ours = listing_end(e.ListEntry(asset_ref="", entered_on=a.decision_date))
            if a.listing_expiry != ours:
                differ.append((a.rows[0], a.listing_expiry, ours))
    if not differ:
        return []
    row, theirs, ours = differ[0]
    message = tr(
        "For {count} the list gives a listing expiry other than the last day of the five years from the day of "
        "entry (s.87(3)) (rows: {rows}; on row {row} it gives {theirs}, the last day is {ours}). AssetReg works "
        "each expiry out itself, so the list's dates are not stored and nothing needs doing, unless a day of entry "
        "is wrong: then correct it on the asset's Listing tab."
    ).format(
        count=trn("{n} asset", "{n} assets", len(differ)),
        rows=_rows_named([r for r, _, _ in differ]),
        row=row,
        theirs=format_date(theirs),
        ours=format_date(ours),
    )
    return [Problem(0, "listing_expiry", message, "warning")]


def _rows_named(rows: Sequence[int]) -> str:
    """The first rows of a warning about many ("2, 5, 9 and 4 more")."""
    named = ", ".join(str(r) for r in rows[:SHOWN_ROWS])
    return named + (tr(" and {n} more").format(n=len(rows) - SHOWN_ROWS) if len(rows) > SHOWN_ROWS else "")


def unrecorded_nominator(item: ImportedAsset, nominations: Sequence[e.Nomination]) -> list[Problem]:
    """When the list names who nominated the asset but nothing else of the nomination, so none is recorded."""
    if not item.nominated_by or nominations or item.decision is not NominationDecision.PENDING:
        return []
    if item.nomination_received is not None or item.decision_reasons:
        return []
    message = tr(
        "The list names {group} as the nominator but gives neither the day the nomination was received nor the "
        "council's decision, so no nomination was recorded and the asset is shown as not nominated. If the "
        "council has listed it, record the nomination and the council's decision on its Listing tab (Record a "
        "nomination…, then Council's decision…)."
    ).format(group=item.nominated_by)
    return [Problem(item.rows[0], "nominated_by", message, "warning")]
