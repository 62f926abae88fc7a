"""What an import's plan tells the person before it is applied, beyond its problems: each change it makes to
an asset already in the register, said from what to what, and the new assets that may be ones already there."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any

from .council_rows import ImportedAsset, Problem
from .dates import format_date
from .enums import LabelledEnum, ListEntryKind
from .i18n import tr
from .import_plan import AssetPlan, MatchKeys, norm_name


def _what_changes() -> dict[str, str]:
    return {
        "address": tr("address"),
        "postcode": tr("postcode"),
        "uprn": tr("UPRN"),
        "description": tr("description"),
        "latitude": tr("latitude"),
        "longitude": tr("longitude"),
        "category": tr("kind of asset"),
        "authority_ref": tr("council"),
        "received_on": tr("day the nomination was received"),
        "decision": tr("decision"),
        "decided_on": tr("day of the decision"),
        "decision_reasons": tr("reasons for the decision"),
        "council_reference": tr("council's reference"),
        "entered_on": tr("day entered on the list"),
        "removed_on": tr("day removed from the list"),
        "removal_reason": tr("reason for removal"),
        "published_interim_end_on": tr("council's end of the interim moratorium"),
        "published_full_end_on": tr("council's end of the full moratorium"),
        "published_protected_end_on": tr("council's end of the protected period"),
    }


def _shown(value: Any) -> str:
    if value in (None, ""):
        return tr("blank")
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, LabelledEnum):
        return value.label
    return f"“{value}”"


def described(plan: AssetPlan) -> list[str]:
    """What importing the row does to an asset already in the register, a line for each change, in plain words:
    "address: “1 Market Pl” → “1 Market Place”"; "LST-0001 day entered on the list: … → …"."""
    if not plan.asset_ref:
        return []
    labels, was, lines = _what_changes(), plan.was or {}, []
    for reference, fields in plan.changes:
        for name, value in fields.items():
            if name in labels:
                before, after = _shown(was.get(reference, {}).get(name)), _shown(value)
                what = labels[name] if reference == plan.asset_ref else f"{reference} {labels[name]}"
                lines.append(tr("{what}: {before} → {after}").format(what=what, before=before, after=after))
    if plan.nomination is not None:
        lines.append(tr("a nomination added ({decision})").format(decision=plan.nomination.decision.label.lower()))
    if plan.entry is not None:
        lines.append(
            tr("entered on the list {day}").format(day=format_date(plan.entry.entered_on))
            if plan.entry.kind is ListEntryKind.LISTED
            else tr("entered on the list of unsuccessful nominations {day}").format(
                day=format_date(plan.entry.entered_on)
            )
        )
    for notice in plan.notices:
        day = format_date(notice.received_on) if notice.received_on else tr("on a day not given")
        lines.append(tr("a disposal notice received {day} added").format(day=day))
    for r in plan.requests:
        lines.append(
            tr("a request to be treated as a bidder from {group}, received {day}, added").format(
                group=r.group or r.group_ref, day=format_date(r.request.received_on)
            )
        )
    return lines


def likely_duplicates(imported: Sequence[ImportedAsset], matched: Sequence[str], keys: MatchKeys) -> list[Problem]:
    """For each asset to be added that has the name of one already in the register, at another postcode (or
    one not given): that it may be the same asset, which would then be recorded twice."""
    by_name: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for reference, _, name, postcode in keys.assets:
        by_name[norm_name(name)].append((reference, postcode))
    problems = []
    for item, reference in zip(imported, matched, strict=True):
        if reference or not (same := by_name.get(norm_name(item.name))):
            continue
        theirs = tr(" and ").join(
            tr("{reference} (at {postcode})").format(reference=r, postcode=p or tr("no postcode")) for r, p in same[:3]
        )
        message = tr(
            "{name} is added as a new asset, though the register has {theirs} of that name; the list gives "
            "{postcode}. If it is the same asset, make the postcodes match (in the list or on the asset's page) "
            "before importing, or it will be recorded twice."
        ).format(name=item.name, theirs=theirs, postcode=item.postcode or tr("no postcode"))
        problems.append(Problem(item.rows[0], "name", message, "warning"))
    return problems
