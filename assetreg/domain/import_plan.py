"""What importing a council's list would do to a register: which assets are new, which change, which stay.

Each imported asset is matched to one already recorded (``import_matching``), and the plan says what to add to
it and what to change, so importing the same list again changes nothing. Pure: the register's records come in as
values.
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from . import entities as e
from .council_rows import ImportedAsset, Problem, base_reference
from .dates import format_date
from .enums import DeliveryMethod, LegalForm, ListEntryKind, NominationDecision, RemovalReason
from .errors import ValidationError
from .i18n import tr
from .import_cells import named
from .import_matching import Existing, MatchKeys, match_assets, norm_name
from .import_warnings import (
    ended_listings_warning,
    full_without_request,
    future_removal,
    listing_ended,
    notice_warnings,
    undated_decision_warning,
    undated_removal_warning,
    unrecorded_nominator,
)
from .requests import can_trigger_full_moratorium, cannot_trigger_reason
from .status import listing_end
from .validation import check_list_entry_against_nomination, validate


@dataclass(slots=True)
class PlannedRequest:
    """A request to be treated as a potential bidder the list records, on a notice of the plan or the register."""

    notice: int | str  # the position of a new notice in the plan's ``notices``, or an existing notice's reference
    request: e.BidderRequest  # notice_ref and group_ref "" until saved
    group_ref: str = ""  # the requesting group, when it is in the register
    group: str = ""  # else its name: the group is added
    group_form: str = ""  # the group's legal form as the list gives it, if it does
    row: int = 0  # the list's row that gives the request


_PARISH = re.compile(r"\b(parish|town|village|community|neighbourhood) council$", re.IGNORECASE)
_CIC = re.compile(r"(\bcommunity interest company|\bc\.?\s?i\.?\s?c\.?)$", re.IGNORECASE)


def new_group(name: str, form_text: str = "") -> e.CommunityGroup:
    """A group a council's list names, added with the legal form the list gives (AssetReg's own exports do),
    else the one its name shows for certain: a parish or town council, or a community interest company (whose
    name must end so); otherwise "not known yet", for the user to record, since a list seldom says whether a
    "Ltd" is limited by guarantee or a charity."""
    name = " ".join(name.split())
    form = named(LegalForm, form_text)
    if form is None:
        form = LegalForm.NOT_KNOWN
        if _PARISH.search(name):
            form = LegalForm.PARISH_COUNCIL
        elif _CIC.search(name):
            form = LegalForm.COMMUNITY_INTEREST_COMPANY
    return e.CommunityGroup(name=name, legal_form=form)


@dataclass(slots=True)
class AssetPlan:
    """One imported asset: the records to add (reference "" until saved) and the changes to those it matched."""

    row: int  # the list's row the asset is first on (the asset as read is let go: a large list's is much memory)
    asset_ref: str  # "" for a new asset
    asset: e.Asset | None = None  # a new asset
    nominator: str = ""  # the nominating group's name, when it is not yet in the register
    nominator_ref: str = ""
    nomination: e.Nomination | None = None
    entry: e.ListEntry | None = None
    # The asset's earlier listings the list gives, not yet recorded: (nomination or None, entry, nominator's name
    # when the group is to be added, nominator's reference when it is in the register).
    earlier: tuple[tuple[e.Nomination | None, e.ListEntry, str, str], ...] = ()  # (none, mostly)
    notices: list[e.DisposalNotice] = field(default_factory=list)
    requests: list[PlannedRequest] = field(default_factory=list)
    changes: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (reference, fields) to update
    without_council: bool = False  # a matched asset with no council: it gets the council being added, if one is
    new_council: str = ""  # the name of that council, when one is being added (the caller knows, not the plan)
    was: dict[str, dict[str, Any]] | None = None  # what each changed record held before, by reference

    @property
    def outcome(self) -> str:
        if not self.asset_ref:
            return "added"
        changes = (
            self.changes or self.nomination or self.entry or self.earlier or self.notices or self.requests
        ) or self.new_council
        return "updated" if changes else "unchanged"


def _changing(plan: AssetPlan, record: Any, changed: dict[str, Any]) -> None:
    """A change to one of the register's records, with what it held before, so the preview can say both."""
    plan.changes.append((record.reference, changed))
    if plan.was is None:
        plan.was = {}
    plan.was[record.reference] = {name: getattr(record, name) for name in changed}


def plan_import(
    imported: Sequence[ImportedAsset],
    existing: Existing,
    authority_ref: str,
    imported_on: date,
    matched: Sequence[str] | None = None,
    ended: list[ImportedAsset] | None = None,
) -> tuple[list[AssetPlan], list[Problem]]:
    """What each imported asset would add or change; an asset whose records would not be valid is left out.

    ``matched`` gives the asset each imported one is matched to (``match_assets``), when ``existing`` holds
    only the records of those assets (the caller plans a large list a chunk at a time); without it, the assets
    are matched against ``existing``. The register's records are indexed once (by asset, notice and group), so
    each imported asset is planned by lookups, however large the register. The assets whose listing has ended
    by the list's own dates are warned of in one problem; a caller planning a chunk at a time passes ``ended``
    to gather them across chunks and warns of them itself (``ended_listings_warning``).
    """
    if matched is None:
        matched = match_assets(imported, MatchKeys.of(existing))
    by_ref = {a.reference: a for a in existing.assets}
    index = RecordIndex(existing)
    basis = tr("council's list, imported {day}").format(day=imported_on.isoformat())
    plans, problems = [], []
    gathered = ended if ended is not None else []  # listed, by the list's dates, more than five years ago
    for item, reference in zip(imported, matched, strict=True):
        match = by_ref[reference] if reference else None
        if item.removed_on is not None and item.removed_on > imported_on:
            problems.append(future_removal(item))
            item.removed_on = None
        try:
            plan = _plan_one(item, match, index, authority_ref, basis)
        except ValidationError as error:
            problems += [Problem(item.rows[0], name, message) for name, message in error.problems.items()]
            continue
        plans.append(plan)
        entries = index.entries.get(reference, []) if reference else []
        problems += undated_decision_warning(item, entries) + undated_removal_warning(item, entries)
        problems += unrecorded_nominator(item, index.nominations.get(reference, []) if reference else [])
        if listing_ended(item, entries, imported_on):
            gathered.append(item)
        problems += _request_warnings(plan, index) + full_without_request(item, match, index)
        if match is not None:
            problems += notice_warnings(plan, item, index.notices.get(match.reference, []))
    return plans, problems + (ended_listings_warning(gathered, imported_on) if ended is None else [])


class RecordIndex:
    """The register's records by asset, notice and group name, built once for the whole import."""

    def __init__(self, existing: Existing) -> None:
        self.nominations: dict[str, list[e.Nomination]] = defaultdict(list)
        self.entries: dict[str, list[e.ListEntry]] = defaultdict(list)
        self.notices: dict[str, list[e.DisposalNotice]] = defaultdict(list)
        self.requests: dict[str, list[e.BidderRequest]] = defaultdict(list)
        for nomination in existing.nominations:
            self.nominations[nomination.asset_ref].append(nomination)
        for entry in existing.entries:
            self.entries[entry.asset_ref].append(entry)
        for notice in existing.notices:
            self.notices[notice.asset_ref].append(notice)
        for request in existing.requests:
            self.requests[request.notice_ref].append(request)
        self.groups = {norm_name(g.name): g for g in existing.groups}


def _plan_one(item: ImportedAsset, match, index: RecordIndex, authority_ref: str, basis: str) -> AssetPlan:
    fields = {
        "address": item.address,
        "postcode": item.postcode,
        "uprn": item.uprn,
        "description": item.description,
        "latitude": item.latitude,
        "longitude": item.longitude,
        "category": item.category,
    }
    given = {k: v for k, v in fields.items() if v not in ("", None)}
    if match is None:
        plan = AssetPlan(
            item.rows[0], "", asset=validate(e.Asset(name=item.name, authority_ref=authority_ref, **given))
        )
    else:
        plan = AssetPlan(item.rows[0], match.reference)
        differs = {k: v for k, v in given.items() if getattr(match, k) != v}  # most of a re-import: none
        normalised = validate(dataclasses.replace(match, **differs) if differs else match)
        changed = {k: getattr(normalised, k) for k in given if getattr(normalised, k) != getattr(match, k)}
        if authority_ref and not match.authority_ref:
            changed["authority_ref"] = authority_ref
        plan.without_council = not match.authority_ref
        if changed:
            _changing(plan, match, changed)
    mine = match.reference if match else ""
    if item.nominated_by:
        group = index.groups.get(norm_name(item.nominated_by))
        plan.nominator_ref = group.reference if group else ""
        plan.nominator = "" if group else item.nominated_by
    nominations, entries = (index.nominations.get(mine, []), index.entries.get(mine, [])) if mine else ([], [])
    _plan_listing(plan, item, nominations, entries)
    for listing in item.earlier:
        _plan_earlier_listing(plan, listing, nominations, entries, index)
    _plan_notices(plan, item, index.notices.get(mine, []) if mine else [], index, basis)
    return plan


_ENTRY_KIND = {
    NominationDecision.LISTED: ListEntryKind.LISTED,
    NominationDecision.UNSUCCESSFUL: ListEntryKind.UNSUCCESSFUL,
}


def _plan_listing(plan: AssetPlan, item: ImportedAsset, nominations, entries) -> None:
    wanted = {
        "received_on": item.nomination_received,
        "decision": item.decision,
        "decided_on": item.decision_date if item.decision is not NominationDecision.PENDING else None,
        "decision_reasons": item.decision_reasons,
        "council_reference": base_reference(item.reference),
    }
    wanted = {k: v for k, v in wanted.items() if v not in ("", None)}
    if set(wanted) <= {"decision", "council_reference"} and item.decision is NominationDecision.PENDING:
        return  # nothing about a nomination in the row: a reference alone is only the list's (or a register's) id
    current = _nomination_of(item, nominations)
    if current is None:
        plan.nomination = nomination = validate(e.Nomination(asset_ref="", **wanted))
    else:
        changed = {k: v for k, v in wanted.items() if getattr(current, k) != v}
        nomination = validate(dataclasses.replace(current, **changed) if changed else current)
        if changed:
            _changing(plan, current, changed)
    kind = _ENTRY_KIND
    if item.decision not in kind or item.decision_date is None:
        return
    # The entry the row describes: the one entered that day, else the one still on the list.
    entry = next((x for x in entries if x.kind is kind[item.decision] and x.entered_on == item.decision_date), None)
    entry = entry or next(
        (
            x
            for x in entries
            if x.kind is kind[item.decision] and x.removed_on is None and listing_end(x) >= item.decision_date
        ),
        None,
    )  # (one whose five years were over by then is an earlier listing: the row's is a fresh one)
    removal: dict[str, Any] = {}
    if item.removed_on and item.decision is NominationDecision.LISTED:
        removal = {"removed_on": item.removed_on, "removal_reason": item.removal_reason or RemovalReason.OTHER}
    if entry is None:
        plan.entry = validate(
            e.ListEntry(
                asset_ref="",
                kind=kind[item.decision],
                entered_on=item.decision_date,
                council_reference=base_reference(item.reference),
                nomination_ref=current.reference if current else "",
                **removal,
            )
        )
        check_list_entry_against_nomination(plan.entry, nomination)
        return
    if removal and item.removal_reason is None and entry.removal_reason is not None:
        del removal["removal_reason"]  # the list names no reason: the recorded one stands
    changed = {k: v for k, v in {"entered_on": item.decision_date, **removal}.items() if getattr(entry, k) != v}
    if changed:
        validate(dataclasses.replace(entry, **changed))
        _changing(plan, entry, changed)


def _nomination_of(item: ImportedAsset, nominations: Sequence[e.Nomination]) -> e.Nomination | None:
    """The register's nomination the row describes: the one received or decided on the row's day, else the
    latest (a pending one the list now gives a decision for)."""
    found = next(
        (
            n
            for n in nominations
            if (item.nomination_received and n.received_on == item.nomination_received)
            or (item.decision_date and n.decided_on == item.decision_date)
        ),
        None,
    )
    if found is not None or not nominations:
        return found
    latest = max(nominations, key=lambda n: n.received_on or n.decided_on or date.min)
    if latest.decided_on and item.decision_date and item.decision_date > _five_years_from(latest.decided_on):
        return None  # decided after that listing's five years: a fresh nomination, not a correction of that one
    return latest


def _five_years_from(day: date) -> date:
    return listing_end(e.ListEntry(asset_ref="", entered_on=day))


def _plan_earlier_listing(plan: AssetPlan, listing: ImportedAsset, nominations, entries, index: RecordIndex) -> None:
    """An earlier listing (or unsuccessful nomination) of the asset a row of its own gives, unless recorded."""
    kind = _ENTRY_KIND.get(listing.decision)
    if kind is None or listing.decision_date is None:
        return
    if any(x.kind is kind and x.entered_on == listing.decision_date for x in entries):
        return  # recorded already (by an import before, or by hand)
    recorded = next(
        (
            n
            for n in nominations
            if n.decided_on == listing.decision_date
            or (listing.nomination_received and n.received_on == listing.nomination_received)
        ),
        None,
    )
    nomination = None
    if recorded is None:
        wanted = {
            "received_on": listing.nomination_received,
            "decision": listing.decision,
            "decided_on": listing.decision_date,
            "decision_reasons": listing.decision_reasons,
            "council_reference": base_reference(listing.reference),
        }
        nomination = validate(e.Nomination(asset_ref="", **{k: v for k, v in wanted.items() if v not in ("", None)}))
    removal: dict[str, Any] = {}
    if listing.removed_on and kind is ListEntryKind.LISTED:
        removal = {"removed_on": listing.removed_on, "removal_reason": listing.removal_reason or RemovalReason.OTHER}
    entry = validate(
        e.ListEntry(
            asset_ref="",
            kind=kind,
            entered_on=listing.decision_date,
            council_reference=base_reference(listing.reference),
            nomination_ref=recorded.reference if recorded else "",
            **removal,
        )
    )
    group = index.groups.get(norm_name(listing.nominated_by)) if listing.nominated_by else None
    name = "" if group or nomination is None else listing.nominated_by
    plan.earlier = (*plan.earlier, (nomination, entry, name, group.reference if group and nomination else ""))


def _plan_notices(plan: AssetPlan, item: ImportedAsset, notices, index: RecordIndex, basis: str) -> None:
    planned: dict[date, int] = {}  # the notices this import adds, by day received: a further row's request goes there
    for imported in item.notices:
        if imported.received_on in planned:
            _plan_request(plan, item, imported, planned[imported.received_on], [])
            continue
        published = {
            "published_interim_end_on": imported.interim_end,
            "published_full_end_on": imported.full_end,
            "published_protected_end_on": imported.protected_end,
        }
        same = next((n for n in notices if n.received_on == imported.received_on), None)
        if same is None:
            plan.notices.append(
                validate(
                    e.DisposalNotice(
                        asset_ref="",
                        received_on=imported.received_on,
                        published_basis=basis if any(published.values()) else "",
                        notes=imported.notes,
                        **published,
                    )
                )
            )
            if imported.received_on is not None:
                planned[imported.received_on] = len(plan.notices) - 1
            _plan_request(plan, item, imported, len(plan.notices) - 1, [])
            continue
        changed = {k: v for k, v in published.items() if v is not None and getattr(same, k) != v}
        if changed:
            changed["published_basis"] = basis
            _changing(plan, same, changed)
        _plan_request(plan, item, imported, same.reference, index.requests.get(same.reference, []))


def _plan_request(plan: AssetPlan, item: ImportedAsset, imported, notice: int | str, requests) -> None:
    """The request to be treated as a bidder the row records, unless the notice already has one received then: a
    named group without the day is a request the council counts, unless the notice has a request already."""
    if imported.bid_received is None and (not imported.interested_group or requests):
        return
    if imported.bid_received is not None and any(r.received_on == imported.bid_received for r in requests):
        return
    # A group the list does not name is one of the asset's own: two unnamed groups are not taken for one.
    name = imported.interested_group or tr("Group not named in the council's list ({asset})").format(asset=item.name)
    request = validate(
        e.BidderRequest(
            notice_ref="",
            group_ref="",
            received_on=imported.bid_received,
            council_counted=imported.bid_received is None,
            method=DeliveryMethod.NOT_KNOWN,
            notes=tr("From the council's list of assets of community value."),
        )
    )
    plan.requests.append(PlannedRequest(notice, request, "", name, imported.interested_group_form, imported.row))


def _request_warnings(plan: AssetPlan, index: RecordIndex) -> list[Problem]:
    """For each request the list gives without its day, or whose group is not shown to be able to start the full
    moratorium: one warning saying what was recorded and what to do about it."""
    problems = []
    for planned in plan.requests:
        group = index.groups.get(norm_name(planned.group))
        if group is not None:
            planned.group_ref, planned.group = group.reference, ""
        form = group.legal_form if group is not None else new_group(planned.group, planned.group_form).legal_form
        values = {"group": group.name if group else planned.group}
        said = []
        able = can_trigger_full_moratorium(form) or form is LegalForm.NOT_KNOWN
        if planned.request.received_on is None and not able:  # the council's word cannot make it start one
            said.append(
                tr(
                    "The list names {group} as the group that asked to be treated as a bidder, but not the day its "
                    "request was received. {why}"
                ).format(why=cannot_trigger_reason(form), **values)
            )
        elif planned.request.received_on is None:
            said.append(
                tr(
                    "The list names {group} as the group that asked to be treated as a bidder, but not the day its "
                    "request was received: the request is recorded as one the council counts, and the full "
                    "moratorium is counted on the council's word. Record the day on the request if you know it."
                ).format(**values)
            )
            values["day"] = ""
        else:
            values["day"] = " " + tr("on {day}").format(day=format_date(planned.request.received_on))
        undated_and_unable = planned.request.received_on is None and not able  # said in full above
        if not can_trigger_full_moratorium(form) and not undated_and_unable:
            if group is None and planned.group.startswith(tr("Group not named in the council's list")):
                values["group"] = tr("a group it does not name (added as “{name}”)").format(name=planned.group)
            if said:  # the group is named above; what is not known of it follows
                asked = tr("It does not say what kind of body the group is.")
            else:
                asked = tr(
                    "The list says {group} asked to be treated as a bidder{day}, but not what kind of body it is."
                ).format(**values)
            if form is LegalForm.NOT_KNOWN:
                said.append(
                    asked
                    + " "
                    + tr(
                        "The request starts the full moratorium only if the group is a parish council, charity, "
                        "community interest company, company limited by guarantee or community benefit society "
                        "(reg 12): record its legal form on its page. Until then the case counts the request, and "
                        "says this is not shown."
                    )
                )
            else:
                said.append(
                    tr("The list says {group} asked to be treated as a bidder{day}. {why}").format(
                        why=cannot_trigger_reason(form), **values
                    )
                )
        if said:
            problems.append(Problem(planned.row or plan.row, "interested_group", " ".join(said), "warning"))
    return problems
