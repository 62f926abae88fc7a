"""What an import's plan tells the person before it is applied, beyond its problems: each change it makes to
an asset already in the register, said from what to what, and the new assets that may be ones already there."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from difflib import SequenceMatcher
from typing import Any

from .council_rows import ImportedAsset, Problem
from .dates import format_date
from .enums import LabelledEnum, ListEntryKind
from .i18n import tr
from .import_matching import MatchKeys, norm_name
from .import_plan import AssetPlan


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
    if plan.new_council:
        lines.append(tr("council: none → {name} (added by this import)").format(name=plan.new_council))
    for reference, fields in plan.changes:
        for name, value in fields.items():
            if name in labels:
                before, after = _shown(was.get(reference, {}).get(name)), _shown(value)
                what = labels[name] if reference == plan.asset_ref else f"{reference} {labels[name]}"
                lines.append(tr("{what}: {before} → {after}").format(what=what, before=before, after=after))
    for _, entry, _, _ in plan.earlier:
        lines.append(
            tr("an earlier listing, entered on the list {day}, added").format(day=format_date(entry.entered_on))
            if entry.kind is ListEntryKind.LISTED
            else tr("an earlier unsuccessful nomination, decided {day}, added").format(
                day=format_date(entry.entered_on)
            )
        )
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
        group, received = r.group or r.group_ref, r.request.received_on
        if received is None:  # named in the list without its day: one the council counts
            lines.append(
                tr("a request to be treated as a bidder from {group}, counted by the council, added").format(
                    group=group
                )
            )
        else:
            lines.append(
                tr("a request to be treated as a bidder from {group}, received {day}, added").format(
                    group=group, day=format_date(received)
                )
            )
    return lines


def likely_duplicates(imported: Sequence[ImportedAsset], matched: Sequence[str], keys: MatchKeys) -> list[Problem]:
    """For each asset to be added that may be one already in the register, which would then be recorded twice:
    one of the same name at another postcode (or none given), or one at the same postcode whose name differs
    only a little ("The Southampton Arms" and "Southampton Arms")."""
    by_name: dict[str, list[tuple[str, str]]] = defaultdict(list)
    by_postcode: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for reference, _, name, postcode in keys.assets:
        by_name[norm_name(name)].append((reference, postcode))
        if postcode:
            by_postcode[postcode].append((reference, name))
    problems = []
    for item, reference in zip(imported, matched, strict=True):
        if reference:
            continue
        if same := by_name.get(norm_name(item.name)):
            theirs = tr(" and ").join(
                tr("{reference} (at {postcode})").format(reference=r, postcode=p or tr("no postcode"))
                for r, p in same[:3]
            )
            message = tr(
                "{name} is added as a new asset, though the register has {theirs} of that name; the list gives "
                "{postcode}. If it is the same asset, make the postcodes match (in the list or on the asset's "
                "page) before importing, or it will be recorded twice."
            ).format(name=item.name, theirs=theirs, postcode=item.postcode or tr("no postcode"))
            problems.append(Problem(item.rows[0], "name", message, "warning"))
        elif near := [(r, n) for r, n in by_postcode.get(item.postcode, ()) if _alike(n, item.name)]:
            theirs = tr(" and ").join(f"{r} “{n}”" for r, n in near[:3])
            message = tr(
                "{name} is added as a new asset, though the register has {theirs} at the same postcode, "
                "{postcode}. If it is the same asset under another name, give it the list's name on its page "
                "before importing, or it will be recorded twice."
            ).format(name=item.name, theirs=theirs, postcode=item.postcode)
            problems.append(Problem(item.rows[0], "name", message, "warning"))
    return problems


def _alike(ours: str, theirs: str) -> bool:
    """Two names that differ only in "the", punctuation, "&" for "and", or a letter or two of spelling, with the
    same numbers ("1 High Street" is not "11 High Street"; "The George" is not "The George and Dragon")."""
    a, b = _name_key(ours), _name_key(theirs)
    if a == b:
        return True
    if _numbers(a) != _numbers(b):
        return False
    matcher = SequenceMatcher(None, a, b)
    return matcher.real_quick_ratio() >= _SPELLING and matcher.ratio() >= _SPELLING


_SPELLING = 0.92  # "Southampton" and "Southhampton"; not "North" and "South"


def _name_key(name: str) -> str:
    words = re.sub(r"[^\w\s]", " ", name.casefold().replace("&", " and ")).split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def _numbers(key: str) -> list[str]:
    return re.findall(r"\d+", key)
