"""Create, read, update, delete and restore records of every kind, writing the audit trail as it goes.

Deleting is soft: the record and everything that depends on it (an asset's notices, a notice's requests)
are marked deleted at one moment and can be restored together. Nothing is ever removed from the file.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any, Generic, TypeVar

from sqlalchemy.orm.exc import StaleDataError

from ..db.mapping import to_entity
from ..db.repositories import RecordRepository, referenced_kinds
from ..domain import entities as e
from ..domain.entities import AuditEntry
from ..domain.enums import Regime
from ..domain.errors import ConflictError, NotFoundError, ValidationError
from ..domain.i18n import tr
from ..domain.records import RecordKind, parse_reference
from ..domain.validation import DERIVED_FIELDS, validate
from . import record_checks
from .register import Changes, Register

T = TypeVar("T")


@dataclass(frozen=True)
class Changed(Generic[T]):
    """What a use case returns: the value it produced and which kinds of record it changed."""

    value: T
    changes: Changes


def audit_text(value: Any) -> str:
    """How a field's value is written in the audit trail."""
    if value is None:
        return ""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, tuple):
        return ", ".join(map(str, value))
    return str(value)


class Records:
    """The generic use cases on records; kind-specific services build on these."""

    def __init__(self, register: Register):
        self.register = register

    # reading

    def get(self, reference: str) -> Any:
        """The live record with this reference (typed as a person might: ``ast-42``)."""
        kind, reference = parse_reference(reference)
        with self.register.reading() as session:
            found = RecordRepository(session).get(kind, reference)
        if found is None:
            raise NotFoundError(
                tr("There is no {kind} {reference} in this register.").format(kind=kind.label, reference=reference)
            )
        return found

    def list(self, kind: RecordKind, **where: Any) -> list[Any]:
        """Live records of a kind, oldest first, optionally filtered by exact field values."""
        with self.register.reading() as session:
            return RecordRepository(session).list(kind, where=where)

    def trash(self, kind: RecordKind) -> list[Any]:
        """Deleted records of a kind, which can be restored."""
        with self.register.reading() as session:
            return RecordRepository(session).list(kind, deleted=True)

    def trash_with_times(self, kind: RecordKind) -> list[tuple[Any, datetime]]:
        """Deleted records of a kind, each with the moment it was deleted."""
        with self.register.reading() as session:
            repo = RecordRepository(session)
            moments = repo.deleted_at_by_reference(kind)
            return [(record, moments[record.reference]) for record in repo.list(kind, deleted=True)]

    def dependants(self, reference: str) -> list[Any]:
        """The live records that would go to the trash along with this one (not the record itself)."""
        kind, reference = parse_reference(reference)
        with self.register.reading() as session:
            repo = RecordRepository(session)
            found = [repo.get(linked_kind, row.reference) for linked_kind, row in _linked(repo, kind, reference)]
        return [record for record in found if record is not None]

    def history(self, reference: str) -> list[AuditEntry]:
        """Every audited change to one record, oldest first."""
        _, reference = parse_reference(reference)
        with self.register.reading() as session:
            return RecordRepository(session).audit_for(reference)

    # writing

    def create(self, entity: T) -> Changed[T]:
        """Validates and saves a new record, giving it its reference."""
        kind = RecordKind.of(entity)
        entity = validate(self._with_regime([entity])[0])
        now = self.register.clock()
        with self.register.transaction() as session:
            repo = RecordRepository(session)
            entity = record_checks.checked(repo, entity, self.register.today())
            (reference,) = repo.next_references(kind)
            repo.add(entity, reference, now)
            repo.add_audit([self._audit(now, "create", kind, reference, "", "", _summary(entity))], record_version=1)
        return Changed(dataclasses.replace(entity, reference=reference), Changes(frozenset({kind})))

    def create_many(self, entities: Sequence[Any]) -> Changed[list[str]]:
        """Validates and saves many new records of one kind in one transaction (imports, large registers).

        All are saved or none: one bad record raises ``ValidationError`` naming its position.
        """
        if not entities:
            return Changed([], Changes())
        kind = RecordKind.of(entities[0])
        checked = self.prepared(entities)
        now = self.register.clock()
        with self.register.transaction() as session:
            references = self.insert_prepared(RecordRepository(session), checked, now)
        return Changed(references, Changes(frozenset({kind})))

    def prepared(self, entities: Sequence[Any]) -> list[Any]:
        """New records of one kind validated and given their regime, ready for ``insert_prepared``; the first
        bad one raises ``ValidationError`` naming its position."""
        kind = RecordKind.of(entities[0])
        checked = []
        for position, entity in enumerate(self._with_regime(entities), start=1):
            if RecordKind.of(entity) is not kind:
                raise ValidationError.single(
                    "kind", tr("Record {n} is not a {kind}.").format(n=position, kind=kind.label)
                )
            try:
                checked.append(validate(entity))
            except ValidationError as error:
                raise ValidationError(
                    {
                        f"{position}.{name}": tr("Record {n}: {message}").format(n=position, message=m)
                        for name, m in error.problems.items()
                    }
                ) from error
        return checked

    def insert_prepared(self, repo: RecordRepository, checked: Sequence[Any], now: datetime) -> list[str]:
        """Inserts records from ``prepared`` inside the caller's transaction, once their links hold, with an
        audit entry each; returns their references. A larger use case (an import) calls it once per kind."""
        if not checked:
            return []
        kind = RecordKind.of(checked[0])
        checked = record_checks.checked_many(repo, checked, self.register.today())
        references = repo.add_many(kind, checked, now)
        repo.add_audit(
            (
                self._audit(now, "create", kind, ref, "", "", _summary(x))
                for ref, x in zip(references, checked, strict=True)
            ),
            record_version=1,
        )
        return references

    def version(self, reference: str) -> int:
        """The record's version: how many times it has been saved (1 when new)."""
        kind, reference = parse_reference(reference)
        with self.register.reading() as session:
            found = RecordRepository(session).version(kind, reference)
        if found is None:
            raise NotFoundError(
                tr("There is no {kind} {reference} in this register.").format(kind=kind.label, reference=reference)
            )
        return found

    def opened(self, reference: str) -> tuple[Any, int]:
        """The live record and its version, read together: what an edit starts from (``expected_version``)."""
        kind, reference = parse_reference(reference)
        with self.register.reading() as session:
            repo = RecordRepository(session)
            row = self._live_row(repo, kind, reference)
            return to_entity(kind, row), row.version

    def update(
        self, reference: str, *, based_on: Any = None, expected_version: int | None = None, **fields: Any
    ) -> Changed[Any]:
        """Changes some fields of a record; only fields whose value differs are written and audited.

        No lost edits: ``based_on`` is the record as the person opened it (an entity, or a dict of the fields
        they saw), ``expected_version`` the version they opened. If someone else has changed it since, nothing
        is saved and ``ConflictError`` says who changed what (from the audit trail), with the record as it is.
        """
        kind, reference = parse_reference(reference)
        changeable = {f.name for f in dataclasses.fields(kind.entity)} - {"reference"}
        unknown = set(fields) - changeable
        if unknown:
            raise ValidationError(
                {
                    name: tr("“{name}” cannot be changed: {kinds} have no such field.").format(
                        name=name, kinds=kind.info.plural
                    )
                    for name in sorted(unknown)
                }
            )
        now = self.register.clock()
        try:
            with self.register.transaction() as session:
                repo = RecordRepository(session)
                if based_on is not None or expected_version is not None:
                    self._check_unchanged(repo, kind, reference, based_on, expected_version)
                after, changed = self.update_in(repo, kind, reference, fields, now, expected_version=expected_version)
        except StaleDataError as error:  # changed between our read and our write (another writer's commit)
            with self.register.reading() as session:
                raise self._conflict(RecordRepository(session), kind, reference, None, expected_version) from error
        return Changed(after, Changes(frozenset({kind}) if changed else frozenset()))

    def _check_unchanged(
        self, repo: RecordRepository, kind: RecordKind, reference: str, based_on: Any, expected_version: int | None
    ) -> None:
        row = repo.lock_row(kind, reference)
        if row is None:
            return  # update_in says plainly that it is not there (deleted meanwhile)
        current = to_entity(kind, row)
        if expected_version is not None and row.version != expected_version:
            raise self._conflict(repo, kind, reference, based_on, expected_version)
        if based_on is not None and _differing(based_on, current):
            raise self._conflict(repo, kind, reference, based_on, expected_version)

    def _conflict(
        self, repo: RecordRepository, kind: RecordKind, reference: str, based_on: Any, expected_version: int | None
    ) -> ConflictError:
        from ..domain.dates import format_date

        row = repo.find_row(kind, reference, include_deleted=True)
        current = to_entity(kind, row) if row is not None else None
        if expected_version is not None:
            changes = repo.audit_since(reference, expected_version)
        else:
            changes = repo.last_audit_of_fields(reference, _differing(based_on, current) if current else ())
        lines = []
        for entry in changes:
            moment = entry.at.astimezone()
            when = tr("{time} on {day}").format(time=moment.strftime("%H:%M"), day=format_date(moment.date()))
            if entry.field:
                lines.append(
                    tr("{user} changed {field} from “{old}” to “{new}” at {when}").format(
                        user=entry.user, field=entry.field, old=entry.old_value, new=entry.new_value, when=when
                    )
                )
            else:
                done = {"delete": tr("moved it to the trash"), "restore": tr("brought it back from the trash")}
                lines.append(
                    tr("{user} {did} at {when}").format(
                        user=entry.user, did=done.get(entry.action, entry.action), when=when
                    )
                )
        message = tr(
            "{reference} was changed by someone else after you opened it, so your change was not saved."
        ).format(reference=reference)
        if lines:
            message += " " + "; ".join(lines) + "."
        message += " " + tr("Reload it to see their change, or save yours again over it.")
        return ConflictError(message, tuple(changes), current)

    def update_in(
        self,
        repo: RecordRepository,
        kind: RecordKind,
        reference: str,
        fields: dict[str, Any],
        now: datetime,
        *,
        expected_version: int | None = None,
    ) -> tuple[Any, tuple[str, ...]]:
        """Changes fields of a record inside the caller's transaction: validated, and only the fields whose
        value differs written and audited. Returns the record as it now is and the names of those fields."""
        row = self._live_row(repo, kind, reference)
        before = to_entity(kind, row)
        asked = dataclasses.replace(before, **fields)
        after = validate(asked)
        # A field validating sets from the others (a request's council_counted, once its day is given) is written too.
        also = [
            name for name in DERIVED_FIELDS if hasattr(after, name) and getattr(after, name) != getattr(asked, name)
        ]
        if isinstance(after, e.DeadlineMark) and "uid" in fields and "asset_ref" not in fields:
            after = dataclasses.replace(after, asset_ref="")  # filled in again from the new uid
        after = record_checks.checked(repo, after, self.register.today(), reference)
        # A mark's asset follows from its uid, so it changes with the uid even when not given.
        names = [
            *fields,
            *(name for name in also if name not in fields),
            *(["asset_ref"] if isinstance(after, e.DeadlineMark) and "asset_ref" not in fields else []),
        ]
        changed = tuple(name for name in dict.fromkeys(names) if getattr(after, name) != getattr(before, name))
        if not changed:
            return before, ()
        version = repo.write(kind, row, after, changed, now, expected_version=expected_version)
        repo.add_audit(
            (
                self._audit(
                    now,
                    "update",
                    kind,
                    reference,
                    name,
                    audit_text(getattr(before, name)),
                    audit_text(getattr(after, name)),
                )
                for name in changed
            ),
            record_version=version,
        )
        return after, changed

    def delete(self, reference: str) -> Changed[list[str]]:
        """Moves a record, and every record that depends on it, to the trash; returns their references."""
        kind, reference = parse_reference(reference)
        now = self.register.clock()
        with self.register.transaction() as session:
            repo = RecordRepository(session)
            deleted = [(kind, self._live_row(repo, kind, reference)), *_linked(repo, kind, reference)]
            for _, row in deleted:
                repo.mark_deleted(row, now)
            self._audit_versions(repo, now, "delete", deleted)
        return Changed([row.reference for _, row in deleted], Changes(frozenset(k for k, _ in deleted)))

    def restore(self, reference: str) -> Changed[list[str]]:
        """Brings a deleted record back from the trash, with everything that was deleted along with it."""
        kind, reference = parse_reference(reference)
        now = self.register.clock()
        with self.register.transaction() as session:
            repo = RecordRepository(session)
            row = repo.find_row(kind, reference, include_deleted=True)
            if row is None or row.deleted_at is None:
                raise NotFoundError(
                    tr("{reference} is not in the trash, so there is nothing to restore.").format(reference=reference)
                )
            for field_name, target in referenced_kinds(kind).items():
                parent = getattr(row, field_name)
                if parent and not repo.exists(target, parent):
                    raise ValidationError.single(
                        field_name,
                        tr("{reference} belongs to {parent}, which is deleted; restore {parent} instead.").format(
                            reference=reference, parent=parent
                        ),
                    )
            # Follow the links down from the record, as delete did: only what was deleted along with it returns.
            restored = [(kind, row), *_linked(repo, kind, reference, deleted_at=row.deleted_at)]
            for _, current in restored:
                repo.mark_deleted(current, None)
            self._audit_versions(repo, now, "restore", restored)
        return Changed([r.reference for _, r in restored], Changes(frozenset(k for k, _ in restored)))

    # helpers

    def _audit_versions(self, repo: RecordRepository, now: datetime, action: str, rows: list[tuple[Any, Any]]) -> None:
        """Audits a change to many rows, each entry with the version it made (rows are flushed first)."""
        repo.session.flush()
        for kind, row in rows:
            repo.add_audit([self._audit(now, action, kind, row.reference, "", "", "")], record_version=row.version)

    def _with_regime(self, entities: Sequence[Any]) -> list[Any]:
        """New listings and notices dated from the 2026 Act's commencement (as the user set it) are recorded
        under that Act; everything else keeps the regime it was given."""
        dated = [isinstance(x, e.ListEntry | e.DisposalNotice) and x.regime is Regime.LA2011 for x in entities]
        if not any(dated):
            return list(entities)
        from .settings import load_settings  # read only when a record's regime depends on it

        settings = load_settings(self.register)
        return [
            dataclasses.replace(x, regime=settings.regime_on(_regime_day(x))) if needs else x
            for x, needs in zip(entities, dated, strict=True)
        ]

    def _audit(
        self, now: datetime, action: str, kind: RecordKind, reference: str, field_name: str, old: str, new: str
    ) -> AuditEntry:
        return AuditEntry(
            at=now,
            user=self.register.user,
            action=action,
            record_kind=kind.value,
            record_reference=reference,
            field=field_name,
            old_value=old,
            new_value=new,
        )

    @staticmethod
    def _live_row(repo: RecordRepository, kind: RecordKind, reference: str) -> Any:
        row = repo.find_row(kind, reference)
        if row is None:
            raise NotFoundError(
                tr("There is no {kind} {reference} in this register.").format(kind=kind.label, reference=reference)
            )
        return row


def _linked(
    repo: RecordRepository, kind: RecordKind, reference: str, *, deleted_at: datetime | None = None
) -> list[tuple[RecordKind, Any]]:
    """The rows that depend on a record, and on those in turn (live ones, or those deleted at ``deleted_at``),
    each once though some are reached by two links (a listing from its asset and from its nomination)."""
    found, seen, pending = [], {reference}, list(repo.referrers(kind, reference, deleted_at=deleted_at))
    while pending:
        linked_kind, row = pending.pop()
        if row.reference not in seen:
            seen.add(row.reference)
            found.append((linked_kind, row))
            pending.extend(repo.referrers(linked_kind, row.reference, deleted_at=deleted_at))
    return found


def _differing(based_on: Any, current: Any) -> list[str]:
    """The fields whose value the person saw (an entity, or a dict of fields) differs from the record's now."""
    seen = (
        based_on
        if isinstance(based_on, dict)
        else {f.name: getattr(based_on, f.name) for f in dataclasses.fields(based_on) if f.name != "reference"}
    )
    return [name for name, value in seen.items() if getattr(current, name) != value]


def _regime_day(entity: e.ListEntry | e.DisposalNotice) -> date | None:
    """The day that decides which Act a listing or notice falls under."""
    return entity.entered_on if isinstance(entity, e.ListEntry) else entity.received_on or entity.sent_on


def _summary(entity: Any) -> str:
    for name in ("name", "title", "stage", "section"):
        if hasattr(entity, name):
            return audit_text(getattr(entity, name))
    return ""
