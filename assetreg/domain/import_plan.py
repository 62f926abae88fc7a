"""What importing a council's list would do to a register: which assets are new, which change, which stay.

Each imported asset is matched to one already recorded by its UPRN, then the council's reference (on its
nomination or list entry), then its name and postcode, so importing the same list again changes nothing.
Pure: the register's records come in as values, and the plan says what to add and what to change.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from . import entities as e
from .council_rows import ImportedAsset, Problem, base_reference
from .enums import ListEntryKind, NominationDecision
from .errors import ValidationError
from .i18n import tr
from .validation import validate


@dataclass(frozen=True)
class Existing:
    """The register's live records an import is matched against."""

    assets: Sequence[e.Asset] = ()
    nominations: Sequence[e.Nomination] = ()
    entries: Sequence[e.ListEntry] = ()
    notices: Sequence[e.DisposalNotice] = ()
    groups: Sequence[e.CommunityGroup] = ()


@dataclass
class AssetPlan:
    """One imported asset: the records to add (reference "" until saved) and the changes to those it matched."""

    imported: ImportedAsset
    asset_ref: str  # "" for a new asset
    asset: e.Asset | None = None  # a new asset
    nominator: str = ""  # the nominating group's name, when it is not yet in the register
    nominator_ref: str = ""
    nomination: e.Nomination | None = None
    entry: e.ListEntry | None = None
    notices: list[e.DisposalNotice] = field(default_factory=list)
    changes: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (reference, fields) to update

    @property
    def outcome(self) -> str:
        if not self.asset_ref:
            return "added"
        return "updated" if self.changes or self.nomination or self.entry or self.notices else "unchanged"


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def plan_import(
    imported: Sequence[ImportedAsset], existing: Existing, authority_ref: str, imported_on: date
) -> tuple[list[AssetPlan], list[Problem]]:
    """What each imported asset would add or change; an asset whose records would not be valid is left out."""
    by_uprn = {a.uprn: a for a in existing.assets if a.uprn}
    by_ref = {a.reference: a for a in existing.assets}
    by_council_ref: dict[str, str] = {}
    for record in (*existing.nominations, *existing.entries):
        if record.council_reference:
            by_council_ref.setdefault(base_reference(record.council_reference).casefold(), record.asset_ref)
    by_name = {(_norm(a.name), a.postcode): a for a in existing.assets}
    groups = {_norm(g.name): g.reference for g in existing.groups}
    basis = tr("council's list, imported {day}").format(day=imported_on.isoformat())
    plans, problems = [], []
    for item in imported:
        match = (
            by_uprn.get(item.uprn)
            or by_ref.get(by_council_ref.get(base_reference(item.reference).casefold(), ""))
            or by_name.get((_norm(item.name), item.postcode))
        )
        try:
            plans.append(_plan_one(item, match, existing, authority_ref, groups, basis))
        except ValidationError as error:
            problems += [Problem(item.rows[0], name, message) for name, message in error.problems.items()]
    return plans, problems


def _plan_one(item, match, existing: Existing, authority_ref: str, groups: dict[str, str], basis: str) -> AssetPlan:
    fields = {
        "address": item.address,
        "postcode": item.postcode,
        "uprn": item.uprn,
        "description": item.description,
        "latitude": item.latitude,
        "longitude": item.longitude,
    }
    given = {k: v for k, v in fields.items() if v not in ("", None)}
    if match is None:
        plan = AssetPlan(item, "", asset=validate(e.Asset(name=item.name, authority_ref=authority_ref, **given)))
    else:
        plan = AssetPlan(item, match.reference)
        normalised = validate(dataclasses.replace(match, **given))
        changed = {k: getattr(normalised, k) for k in given if getattr(normalised, k) != getattr(match, k)}
        if authority_ref and not match.authority_ref:
            changed["authority_ref"] = authority_ref
        if changed:
            plan.changes.append((match.reference, changed))
    mine = match.reference if match else ""
    if item.nominated_by:
        plan.nominator_ref = groups.get(_norm(item.nominated_by), "")
        plan.nominator = "" if plan.nominator_ref else item.nominated_by
    _plan_listing(
        plan,
        item,
        [n for n in existing.nominations if mine and n.asset_ref == mine],
        [x for x in existing.entries if mine and x.asset_ref == mine],
    )
    _plan_notices(plan, item, [n for n in existing.notices if mine and n.asset_ref == mine], basis)
    return plan


def _plan_listing(plan: AssetPlan, item: ImportedAsset, nominations, entries) -> None:
    wanted = {
        "received_on": item.nomination_received,
        "decision": item.decision,
        "decided_on": item.decision_date if item.decision is not NominationDecision.PENDING else None,
        "decision_reasons": item.decision_reasons,
        "council_reference": base_reference(item.reference),
    }
    wanted = {k: v for k, v in wanted.items() if v not in ("", None)}
    if set(wanted) <= {"decision"} and item.decision is NominationDecision.PENDING:
        return  # nothing about a nomination in the row
    current = nominations[-1] if nominations else None
    if current is None:
        plan.nomination = validate(e.Nomination(asset_ref="", **wanted))
    else:
        changed = {k: v for k, v in wanted.items() if getattr(current, k) != v}
        if changed:
            validate(dataclasses.replace(current, **changed))
            plan.changes.append((current.reference, changed))
    kind = {
        NominationDecision.LISTED: ListEntryKind.LISTED,
        NominationDecision.UNSUCCESSFUL: ListEntryKind.UNSUCCESSFUL,
    }
    if item.decision not in kind or item.decision_date is None:
        return
    entry = next((x for x in entries if x.kind is kind[item.decision] and x.removed_on is None), None)
    if entry is None:
        plan.entry = validate(
            e.ListEntry(
                asset_ref="",
                kind=kind[item.decision],
                entered_on=item.decision_date,
                council_reference=base_reference(item.reference),
                nomination_ref=current.reference if current else "",
            )
        )
    elif entry.entered_on != item.decision_date:
        plan.changes.append((entry.reference, {"entered_on": item.decision_date}))


def _plan_notices(plan: AssetPlan, item: ImportedAsset, notices, basis: str) -> None:
    for imported in item.notices:
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
            continue
        changed = {k: v for k, v in published.items() if v is not None and getattr(same, k) != v}
        if changed:
            changed["published_basis"] = basis
            plan.changes.append((same.reference, changed))
