"""The import's one write, and taking it back: every record of a planned import inserted in bulk, every change
made and audited, inside one transaction; undoing moves what it added to the trash and puts back what it changed.

``write_import`` is the only place an import writes records. It returns an ``ImportWritten`` saying what it added
and changed and which assets it touched, which is all that undo, redo and anything derived from the touched
assets (refreshed by the caller in the same transaction) need.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from operator import attrgetter
from pathlib import Path
from typing import Any

from ..db.bulk import BulkRecords
from ..db.mapping import to_entity, write_fields
from ..db.repositories import RecordRepository
from ..domain import entities as e
from ..domain.errors import AssetRegError, ValidationError
from ..domain.i18n import tr
from ..domain.import_matching import norm_name
from ..domain.import_plan import AssetPlan, new_group
from ..domain.records import RecordKind, parse_reference
from ..domain.settings import Settings
from ..domain.validation import validate
from .records import Records, audit_text
from .register import Changes, Register

WRITE_CHUNK = 5000  # rows per executemany: large enough to be fast, small enough to keep memory flat
# The kinds an import adds, in the order their links need (a notice's request after the notice).
ADDED_KINDS = (
    RecordKind.AUTHORITY,
    RecordKind.GROUP,
    RecordKind.ASSET,
    RecordKind.NOMINATION,
    RecordKind.LIST_ENTRY,
    RecordKind.DISPOSAL_NOTICE,
    RecordKind.BIDDER_REQUEST,
)


class ImportChangedSince(AssetRegError):
    """A record the import wrote has been changed or removed since, so the import cannot be undone or redone."""


@dataclass(frozen=True)
class FieldChange:
    kind: RecordKind
    reference: str
    before: dict[str, Any]
    after: dict[str, Any]


@dataclass
class ImportWritten:
    """What one import wrote, at one moment: the records it added, the fields it changed, the assets it touched."""

    at: datetime
    added: dict[RecordKind, list[str]] = field(default_factory=dict)
    changed: list[FieldChange] = field(default_factory=list)
    asset_refs: list[str] = field(default_factory=list)  # every asset added or changed, or given a new record
    # Set by undo, for redo: when the undo moved records to the trash, and which.
    undone_at: datetime | None = None
    trashed: dict[RecordKind, set[str]] = field(default_factory=dict)
    backup: Path | None = None  # the verified backup made just before, which puts the register back as it was

    @property
    def changes(self) -> Changes:
        kinds = {k for k, refs in self.added.items() if refs} | {c.kind for c in self.changed}
        return Changes(frozenset(kinds))


Advance = Callable[[], None]


def write_import(
    register: Register,
    session,
    plans: Sequence[AssetPlan],
    *,
    council_ref: str,
    council_name: str,
    settings: Settings,
    now: datetime,
    advance: Advance = lambda: None,
) -> ImportWritten:
    """Writes the plans inside the caller's transaction: the new council and groups, then assets, nominations,
    list entries, notices and requests, each kind in bulk with an audit entry per record, then every change
    (validated, and audited field by field). Raises ``ValidationError`` and writes nothing usable if a record
    the plans rely on has gone since they were made (the caller's transaction is then rolled back)."""
    bulk, repo, records = BulkRecords(session), RecordRepository(session), Records(register)
    written = ImportWritten(now)
    insert = _Inserter(bulk, repo, register.user, now, written, advance)
    _check_still_there(bulk, plans, council_ref)
    council_for: dict[str, dict[str, Any]] = {}  # matched assets with no council, when the council is new
    if council_name and not council_ref:
        (council,) = records.prepared([e.Authority(name=council_name)])
        (council_ref,) = insert(RecordKind.AUTHORITY, [council])
        council_for = {p.asset_ref: {"authority_ref": council_ref} for p in plans if p.asset_ref and p.without_council}
    names: dict[str, tuple[str, str]] = {}  # each new group once: its name and the legal form the list gave
    for plan in plans:
        for nominator in (plan.nominator, *(name for _, _, name, _ in plan.earlier)):
            if nominator:
                names.setdefault(norm_name(nominator), (nominator, ""))
        for r in plan.requests:
            if r.group and (norm_name(r.group) not in names or r.group_form):
                names[norm_name(r.group)] = (r.group, r.group_form or names.get(norm_name(r.group), ("", ""))[1])
    groups = [validate(new_group(name, form)) for name, form in names.values()]
    group_refs = dict(zip(names, insert(RecordKind.GROUP, groups), strict=True))
    advance()

    # Each kind's links are given as columns beside the plans' entities, filled in from the references of the
    # records just inserted; the entities themselves are not copied.
    new_assets = [p for p in plans if not p.asset_ref]
    asset_refs = insert(
        RecordKind.ASSET, [p.asset for p in new_assets], authority_ref=[council_ref or None] * len(new_assets)
    )
    ref_of = {id(p): p.asset_ref for p in plans} | {id(p): r for p, r in zip(new_assets, asset_refs, strict=True)}

    # Every listing of each asset, its earlier ones first (so references follow the dates): (plan, nomination or
    # None, entry or None, nominator's name, nominator's reference).
    listings = [
        (p, nomination, entry, name, ref)
        for p in plans
        for nomination, entry, name, ref in (*p.earlier, (p.nomination, p.entry, p.nominator, p.nominator_ref))
        if nomination or entry
    ]
    with_nomination = [x for x in listings if x[1]]
    nomination_refs = insert(
        RecordKind.NOMINATION,
        [nomination for _, nomination, _, _, _ in with_nomination],
        asset_ref=[ref_of[id(p)] for p, *_ in with_nomination],
        nominator_ref=[ref or group_refs.get(norm_name(name)) for _, _, _, name, ref in with_nomination],
    )
    new_nomination = {id(x): r for x, r in zip(with_nomination, nomination_refs, strict=True)}

    with_entry = [x for x in listings if x[2]]
    insert(
        RecordKind.LIST_ENTRY,
        [entry for _, _, entry, _, _ in with_entry],
        asset_ref=[ref_of[id(p)] for p, *_ in with_entry],
        nomination_ref=[new_nomination.get(id(x), x[2].nomination_ref) or None for x in with_entry],
        regime=[settings.regime_on(entry.entered_on) for _, _, entry, _, _ in with_entry],
    )

    notice_plans = [(p, n) for p in plans for n in p.notices]
    notice_refs = insert(
        RecordKind.DISPOSAL_NOTICE,
        [n for _, n in notice_plans],
        asset_ref=[ref_of[id(p)] for p, _ in notice_plans],
        regime=[settings.regime_on(n.received_on or n.sent_on) for _, n in notice_plans],
    )
    new_notice: dict[tuple[int, int], str] = {}
    position: dict[int, int] = {}
    for (plan, _), reference in zip(notice_plans, notice_refs, strict=True):
        index = position.get(id(plan), 0)
        new_notice[(id(plan), index)] = reference
        position[id(plan)] = index + 1

    with_request = [(p, r) for p in plans for r in p.requests]
    insert(
        RecordKind.BIDDER_REQUEST,
        [r.request for _, r in with_request],
        notice_ref=[new_notice[(id(p), r.notice)] if isinstance(r.notice, int) else r.notice for p, r in with_request],
        group_ref=[r.group_ref or group_refs[norm_name(r.group)] for _, r in with_request],
    )

    _change(bulk, register.user, plans, council_for, now, written, advance)
    written.asset_refs = [ref_of[id(p)] for p in plans if p.outcome != "unchanged" or ref_of[id(p)] in council_for]
    return written


def _check_still_there(bulk: BulkRecords, plans: Sequence[AssetPlan], council_ref: str) -> None:
    """Every record of the register the plans link to is still live (the file was checked a while ago)."""
    wanted: dict[RecordKind, set[str]] = {
        RecordKind.AUTHORITY: {council_ref} - {""},
        RecordKind.ASSET: {p.asset_ref for p in plans} - {""},
        RecordKind.GROUP: {p.nominator_ref for p in plans}
        | {ref for p in plans for *_, ref in p.earlier}
        | {r.group_ref for p in plans for r in p.requests},
        RecordKind.NOMINATION: {p.entry.nomination_ref for p in plans if p.entry}
        | {entry.nomination_ref for p in plans for _, entry, _, _ in p.earlier},
        RecordKind.DISPOSAL_NOTICE: {r.notice for p in plans for r in p.requests if isinstance(r.notice, str)},
    }
    wanted = {kind: references - {""} for kind, references in wanted.items()}
    for kind, references in wanted.items():
        missing = sorted(references - bulk.live_references(kind, references))
        if missing:
            raise ImportChangedSince(
                tr(
                    "{reference} has been deleted since the file was checked, so nothing was imported. Check the "
                    "file again."
                ).format(reference=missing[0])
            )


def _audit(bulk: BulkRecords, user: str, now: datetime, action: str, entries: Iterable[tuple]) -> None:
    """Audit entries of one action at one moment: each (kind, reference, field, old value, new value)."""
    bulk.insert_audit(
        {"at": now, "user": user, "action": action},
        ((kind.value, reference, name, old, new) for kind, reference, name, old, new in entries),
    )


def _summary(entity: Any) -> Callable[[Any], str] | None:
    """How a record of the entity's kind is summed up in its "create" audit entry: its name or title, if any."""
    for name in ("name", "title"):
        if hasattr(entity, name):
            field = attrgetter(name)
            return lambda record: audit_text(field(record))
    return None


class _Inserter:
    """Inserts new records of one kind (validated by the plan) in chunks, each with its "create" audit entry,
    noting them in ``written``; returns their references."""

    def __init__(self, bulk, repo, user: str, now: datetime, written: ImportWritten, advance: Advance) -> None:
        self.bulk, self.repo, self.user, self.now, self.written, self.advance = bulk, repo, user, now, written, advance

    def __call__(self, kind: RecordKind, entities: Sequence[Any], **given: Sequence[Any]) -> list[str]:
        if not entities:
            return []
        references = self.repo.next_references(kind, len(entities))
        summary = _summary(entities[0])  # records of one kind are summed up by the same field, if any
        for start in range(0, len(entities), WRITE_CHUNK):
            end = start + WRITE_CHUNK
            chunk, refs = entities[start:end], references[start:end]
            self.bulk.insert(kind, chunk, refs, self.now, {name: column[start:end] for name, column in given.items()})
            # Each record's "create" entry: only its reference and summary differ from one entry to the next.
            same = {"at": self.now, "user": self.user, "action": "create", "record_kind": kind.value}
            self.bulk.insert_audit(
                {**same, "field": "", "old_value": ""},
                zip(refs, map(summary, chunk), strict=True) if summary else ((ref, "") for ref in refs),
            )
            self.advance()
        self.written.added.setdefault(kind, []).extend(references)
        return references


def _change(
    bulk: BulkRecords,
    user: str,
    plans: Sequence[AssetPlan],
    council_for: dict[str, dict[str, Any]],
    now: datetime,
    written: ImportWritten,
    advance: Advance,
) -> None:
    """The plans' changes to records already in the register (and the new council of ``council_for``'s assets):
    each validated, only the fields whose value differs written and audited."""
    by_kind: dict[RecordKind, list[tuple[AssetPlan, str, dict[str, Any]]]] = {}
    for plan in plans:
        extra = council_for.get(plan.asset_ref, {}) if plan.asset_ref else {}
        changes = list(plan.changes)
        if extra and not any(reference == plan.asset_ref for reference, _ in changes):
            changes.append((plan.asset_ref, {}))
        for reference, fields in changes:
            kind, reference = parse_reference(reference)
            fields = {**fields, **extra} if reference == plan.asset_ref else fields
            by_kind.setdefault(kind, []).append((plan, reference, fields))
    for kind, wanted in by_kind.items():
        changes = {reference: (plan, fields) for plan, reference, fields in wanted}
        # The rows are changed through the ORM and flushed once, at the end of the transaction.
        rows = {row.reference: row for row in bulk.live_rows(kind, changes)}
        if missing := sorted(set(changes) - set(rows)):
            raise ImportChangedSince(
                tr(
                    "{reference} has been deleted since the file was checked, so nothing was imported. Check the "
                    "file again."
                ).format(reference=missing[0])
            )
        audit = []
        for reference, (plan, fields) in changes.items():
            row = rows[reference]
            before = to_entity(kind, row)
            try:
                after = validate(dataclasses.replace(before, **fields))
            except ValidationError as error:
                raise ValidationError(
                    {k: tr("Row {n}: {message}").format(n=plan.row, message=m) for k, m in error.problems.items()}
                ) from error
            names = tuple(n for n in fields if getattr(after, n) != getattr(before, n))
            if not names:
                continue
            write_fields(kind, row, after, names)
            row.updated_at = now
            written.changed.append(
                FieldChange(
                    kind, reference, {n: getattr(before, n) for n in names}, {n: getattr(after, n) for n in names}
                )
            )
            audit += [
                (kind, reference, n, audit_text(getattr(before, n)), audit_text(getattr(after, n))) for n in names
            ]
        _audit(bulk, user, now, "update", audit)
        advance()


# undo and redo


def undo_import(register: Register, written: ImportWritten) -> Changes:
    """Takes an import back in one transaction: what it added (and anything since linked to it) goes to the
    trash, and what it changed gets its old values back, audited. ``ImportChangedSince`` if a record it changed
    has been changed again, or one it added was deleted, since: then nothing is touched."""
    now = register.clock()
    with register.transaction() as session:
        bulk = BulkRecords(session)
        for kind, references in written.added.items():
            if gone := sorted(set(references) - bulk.live_references(kind, references)):
                raise ImportChangedSince(
                    tr("{reference}, which the import added, has been deleted since, so the import cannot be undone.")
                    .format(reference=gone[0])
                )  # fmt: skip
        _put_fields(bulk, register.user, written.changed, "after", "before", now)
        trashed = _trash(bulk, written.added, now)
        _audit(
            bulk,
            register.user,
            now,
            "delete",
            ((k, r, "", "", "") for k, refs in trashed.items() for r in sorted(refs)),
        )
        written.undone_at, written.trashed = now, trashed  # what redo brings back
    return written.changes | Changes(frozenset(trashed))


def redo_import(register: Register, written: ImportWritten) -> Changes:
    """Makes an undone import again: what undo put in the trash comes back, and the changes are made again."""
    moment, trashed = written.undone_at, written.trashed
    if moment is None:
        return Changes()
    now = register.clock()
    with register.transaction() as session:
        bulk = BulkRecords(session)
        for kind, references in trashed.items():
            if gone := sorted(set(references) - bulk.deleted_at(kind, references, moment)):
                raise ImportChangedSince(
                    tr("{reference} is no longer in the trash as the undo left it, so the import cannot be redone.")
                    .format(reference=gone[0])
                )  # fmt: skip
        _put_fields(bulk, register.user, written.changed, "before", "after", now)
        for kind, references in trashed.items():
            bulk.set_deleted(kind, references, None)
        _audit(
            bulk,
            register.user,
            now,
            "restore",
            ((k, r, "", "", "") for k, refs in trashed.items() for r in sorted(refs)),
        )
    written.undone_at = None
    return written.changes | Changes(frozenset(trashed))


def _put_fields(bulk: BulkRecords, user: str, changed: Iterable[FieldChange], expect: str, put: str, now) -> None:
    """Writes each change's ``put`` values where the record still holds its ``expect`` values; else refuses."""
    by_kind: dict[RecordKind, list[FieldChange]] = {}
    for change in changed:
        by_kind.setdefault(change.kind, []).append(change)
    audit = []
    for kind, changes in by_kind.items():
        rows = {row.reference: row for row in bulk.live_rows(kind, (c.reference for c in changes))}
        for change in changes:
            row = rows.get(change.reference)
            current = to_entity(kind, row) if row is not None else None
            expected, values = getattr(change, expect), getattr(change, put)
            if current is None or any(getattr(current, n) != v for n, v in expected.items()):
                raise ImportChangedSince(
                    tr(
                        "{reference} has been changed since the import, so the import is left as it is. Change "
                        "{reference} back by hand if you need to."
                    ).format(reference=change.reference)
                )
            after = dataclasses.replace(current, **values)
            write_fields(kind, row, after, tuple(values))
            row.updated_at = now
            audit += [(kind, change.reference, n, audit_text(expected[n]), audit_text(v)) for n, v in values.items()]
    _audit(bulk, user, now, "update", audit)


def _trash(bulk: BulkRecords, added: dict[RecordKind, list[str]], now: datetime) -> dict[RecordKind, set[str]]:
    """Moves the added records to the trash at ``now``, with whatever live records have been linked to them since
    (a document on an imported asset), as deleting any record does; returns everything moved, by kind."""
    trashed: dict[RecordKind, set[str]] = {k: set(refs) for k, refs in added.items() if refs}
    pending = dict(trashed)
    while pending:
        kind, references = pending.popitem()
        for other, found in bulk.referrers(kind, references).items():
            new = found - trashed.get(other, set())
            if new:
                trashed.setdefault(other, set()).update(new)
                pending[other] = pending.get(other, set()) | new
    for kind, references in trashed.items():
        bulk.set_deleted(kind, references, now)
    return trashed
