"""The trash: every deleted record, newest deletion first, each with what it belonged to.

Deleting is soft (``services.records``), so nothing in the trash is lost; restoring a record brings back
everything deleted along with it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ..db.repositories import RecordRepository
from ..domain.asset_deadlines import TASK
from ..domain.i18n import tr
from ..domain.pack_sections import pack_section
from ..domain.records import RecordKind, reference_number
from ..domain.rules import rule
from .register import Register

_NEVER = datetime.min.replace(tzinfo=UTC)  # sorts a record with no recorded deletion last


@dataclass(frozen=True)
class TrashItem:
    """One deleted record, when it was deleted, and the deleted record it belongs to (if any)."""

    record: Any
    kind: RecordKind
    deleted_at: datetime | None
    part_of: str = ""  # the reference of a parent that is in the trash too
    asset_name: str = ""  # the asset a record without a name of its own is about

    @property
    def reference(self) -> str:
        return self.record.reference

    @property
    def label(self) -> str:
        for field in ("name", "title", "stage"):
            text = str(getattr(self.record, field, "") or "").strip()
            if text:
                return text
        if self.kind is RecordKind.PACK_ANSWER:  # the section it answers, in which application
            section = pack_section(self.record.section)
            return f"{section.name if section else self.record.section} · {self.record.application_ref}"
        if self.kind is RecordKind.DEADLINE_MARK:  # which deadline of which record, and what the group said of it
            record, _, code = self.record.uid.partition("/")
            try:
                deadline = rule(code).name
            except KeyError:  # a task's own deadline, or a rule no longer in the catalogue
                deadline = tr("Task") if code == TASK else code
            return f"{deadline} ({record}) · {self.record.state.label}"
        if self.asset_name:
            return tr("for {asset}").format(asset=self.asset_name)
        return ""


def load_trash(register: Register) -> list[TrashItem]:
    """Every deleted record of every kind: newest deletion first, and within one deletion parents first."""
    with register.reading() as session:
        repo = RecordRepository(session)
        found = []
        for kind in RecordKind:
            moments = repo.deleted_at_by_reference(kind)
            found += [(kind, record, moments[record.reference]) for record in repo.list(kind, deleted=True)]
        live_assets = dict(repo.rows(RecordKind.ASSET, ("reference", "name")))
    trashed = {record.reference: record for _, record, _ in found}
    asset_names = {**live_assets, **{r.reference: r.name for kind, r, _ in found if kind is RecordKind.ASSET}}
    items = []
    for kind, record, deleted_at in found:
        parents = [value for value in _links(record) if value in trashed]
        asset_ref = _asset_of(record, trashed)
        items.append(
            TrashItem(
                record,
                kind,
                deleted_at,
                parents[0] if parents else "",
                asset_names.get(asset_ref, "") if asset_ref != record.reference else "",
            )
        )
    order = list(RecordKind)  # parents come before their dependants in this order
    items.sort(key=lambda x: (order.index(x.kind), reference_number(x.reference)))
    items.sort(key=lambda x: x.deleted_at or _NEVER, reverse=True)  # stable: keeps parents first within a moment
    return items


def _links(record: Any) -> list[str]:
    """The references a record holds to other records (``asset_ref``, ``notice_ref`` …), in field order."""
    return [
        value
        for field in dataclasses.fields(record)
        if field.name.endswith("_ref") and (value := getattr(record, field.name))
    ]


def _asset_of(record: Any, trashed: dict[str, Any], depth: int = 0) -> str:
    """The asset a record is about: itself, its ``asset_ref``, or its deleted parent's asset."""
    if RecordKind.of(record) is RecordKind.ASSET:
        return record.reference
    if getattr(record, "asset_ref", ""):
        return record.asset_ref
    for value in _links(record):
        if value in trashed and depth < 4:
            found = _asset_of(trashed[value], trashed, depth + 1)
            if found:
                return found
    return ""
