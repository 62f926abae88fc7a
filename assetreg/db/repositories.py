"""Every query of the register. Repositories take a session and never commit; services own transactions."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from ..domain.entities import AuditEntry
from ..domain.records import RecordKind, format_reference
from . import models as m
from .mapping import ROW_CLASSES, field_names, to_entity, write_fields

IN_LIMIT = 500  # values bound in one ``IN (…)``: under every database's limit on bound parameters
_KIND_BY_TABLE = {row.__tablename__: kind for kind, row in ROW_CLASSES.items()}


def referenced_kinds(kind: RecordKind) -> dict[str, RecordKind]:
    """For each ``*_ref`` field of a kind, the kind of record it points at (read from the foreign keys)."""
    table = ROW_CLASSES[kind].__table__
    return {
        column.name: _KIND_BY_TABLE[next(iter(column.foreign_keys)).column.table.name]
        for column in table.columns
        if column.foreign_keys
    }


def dependants(kind: RecordKind) -> list[tuple[RecordKind, str]]:
    """The kinds (and their fields) whose records point at records of ``kind``."""
    return [
        (other, field_name)
        for other in RecordKind
        for field_name, target in referenced_kinds(other).items()
        if target is kind
    ]


class RecordRepository:
    """Reads and writes records of every kind by reference."""

    def __init__(self, session: Session):
        self.session = session

    # reading

    def find_row(self, kind: RecordKind, reference: str, *, include_deleted: bool = False) -> m.RecordRow | None:
        row_class = ROW_CLASSES[kind]
        query = select(row_class).where(row_class.reference == reference)
        if not include_deleted:
            query = query.where(row_class.deleted_at.is_(None))
        return self.session.scalars(query).one_or_none()

    def get(self, kind: RecordKind, reference: str) -> Any | None:
        row = self.find_row(kind, reference)
        return None if row is None else to_entity(kind, row)

    def list(
        self,
        kind: RecordKind,
        *,
        deleted: bool = False,
        where: dict[str, Any] | None = None,
        fields: tuple[str, ...] | None = None,
        asset_without: RecordKind | None = None,
    ) -> list[Any]:
        """Live records of a kind (or, with ``deleted``, only deleted ones) in the order they were made.

        With ``fields``, only those columns are read and the other fields keep their defaults: for summaries
        over a whole register, never for records that will be shown or saved. With ``asset_without``, only the
        records of assets that have no live record of that kind.
        """
        names = fields or field_names(kind)
        entity = kind.entity
        rows = self.rows(kind, names, where, deleted, asset_without)
        return [entity(**dict(zip(names, values, strict=True))) for values in rows]

    def rows(
        self,
        kind: RecordKind,
        names: tuple[str, ...],
        where: dict[str, Any] | None = None,
        deleted: bool = False,
        asset_without: RecordKind | None = None,
    ) -> list[tuple]:
        """Plain tuples of the named fields of live (or deleted) records, oldest first; an absent reference is "".

        A ``where`` value that is a tuple matches any of its values; a long one is asked for in parts, each
        under the database's limit on bound parameters, and the parts put back in order.
        """
        long = next(((n, v) for n, v in (where or {}).items() if isinstance(v, tuple) and len(v) > IN_LIMIT), None)
        if long is not None:
            name, values = long
            found: list[tuple] = []
            for start in range(0, len(values), IN_LIMIT):
                part = {**(where or {}), name: values[start : start + IN_LIMIT]}
                found += self.rows(kind, (*names, "id"), part, deleted, asset_without)
            found.sort(key=lambda row: row[-1])
            return [row[:-1] for row in found]
        table = ROW_CLASSES[kind].__table__
        # An absent reference reads as "" (coalesced in SQL, which is faster than fixing rows in Python).
        columns = [func.coalesce(table.c[n], "").label(n) if n.endswith("_ref") else table.c[n] for n in names]
        query = select(*columns).order_by(table.c.id)
        query = query.where(table.c.deleted_at.is_not(None) if deleted else table.c.deleted_at.is_(None))
        for name, value in (where or {}).items():
            if isinstance(value, tuple):  # any of these values; "" (an absent reference) matches an empty column
                wanted = table.c[name].in_([v for v in value if v != ""])
                query = query.where(or_(wanted, table.c[name].is_(None)) if "" in value else wanted)
            else:
                query = query.where(table.c[name] == value)
        if asset_without is not None:
            other = ROW_CLASSES[asset_without].__table__
            query = query.where(~exists().where(other.c.asset_ref == table.c.asset_ref, other.c.deleted_at.is_(None)))
        return self.session.execute(query).all()

    def deleted_at_by_reference(self, kind: RecordKind) -> dict[str, datetime]:
        """When each deleted record of a kind was deleted."""
        row_class = ROW_CLASSES[kind]
        query = select(row_class.reference, row_class.deleted_at).where(row_class.deleted_at.is_not(None))
        return dict(self.session.execute(query).all())

    def authorities_by_reference(self) -> dict[str, tuple[str, Any]]:
        """Each authority's reference with its name and jurisdiction."""
        query = select(m.AuthorityRow.reference, m.AuthorityRow.name, m.AuthorityRow.jurisdiction)
        return {ref: (name, jurisdiction) for ref, name, jurisdiction in self.session.execute(query)}

    def bidder_request_facts(self, notices: Iterable[str] | None = None) -> list[tuple[str, Any, bool, str, Any, str]]:
        """For every live request (on one of ``notices``, when given): the notice it answers, when it was
        received, whether the council's list counts it without that day, the request's own reference, the
        requesting group, and the postcode of the land."""
        query = (
            select(
                m.BidderRequestRow.notice_ref,
                m.BidderRequestRow.received_on,
                m.BidderRequestRow.council_counted,
                m.BidderRequestRow.reference,
                m.CommunityGroupRow,
                m.AssetRow.postcode,
            )
            .join(m.CommunityGroupRow, m.CommunityGroupRow.reference == m.BidderRequestRow.group_ref)
            .join(m.DisposalNoticeRow, m.DisposalNoticeRow.reference == m.BidderRequestRow.notice_ref)
            .join(m.AssetRow, m.AssetRow.reference == m.DisposalNoticeRow.asset_ref)
            .where(m.BidderRequestRow.deleted_at.is_(None))
        )
        if notices is None:
            chunks = [query]
        else:
            wanted = sorted(notices)
            chunks = [
                query.where(m.BidderRequestRow.notice_ref.in_(wanted[start : start + IN_LIMIT]))
                for start in range(0, len(wanted), IN_LIMIT)
            ]
        return [
            (notice, received, counted, reference, to_entity(RecordKind.GROUP, group), postcode or "")
            for chunk in chunks
            for notice, received, counted, reference, group, postcode in self.session.execute(chunk)
        ]

    def first_reference(self, kind: RecordKind) -> str | None:
        """The reference of the oldest live record of a kind, if there is one."""
        row_class = ROW_CLASSES[kind]
        query = select(row_class.reference).where(row_class.deleted_at.is_(None)).order_by(row_class.id).limit(1)
        return self.session.scalar(query)

    def count(self, kind: RecordKind) -> int:
        row_class = ROW_CLASSES[kind]
        query = select(func.count()).select_from(row_class).where(row_class.deleted_at.is_(None))
        return self.session.scalar(query) or 0

    def exists(self, kind: RecordKind, reference: str) -> bool:
        row_class = ROW_CLASSES[kind]
        query = select(row_class.id).where(row_class.reference == reference, row_class.deleted_at.is_(None))
        return self.session.scalar(query) is not None

    def live_references(self, kind: RecordKind, wanted: Iterable[str]) -> set[str]:
        """Those of ``wanted`` that are references of live records of ``kind``."""
        row_class = ROW_CLASSES[kind]
        wanted = list(wanted)
        found: set[str] = set()
        for start in range(0, len(wanted), 500):  # stay under the database's limit on bound parameters
            query = select(row_class.reference).where(
                row_class.reference.in_(wanted[start : start + 500]), row_class.deleted_at.is_(None)
            )
            found.update(self.session.scalars(query))
        return found

    def referrers(
        self, kind: RecordKind, reference: str, *, deleted_at: datetime | None = None
    ) -> Iterator[tuple[RecordKind, m.RecordRow]]:
        """Rows of any kind that point at the given record: live ones, or those deleted at ``deleted_at``."""
        for other, field_name in dependants(kind):
            row_class = ROW_CLASSES[other]
            state = row_class.deleted_at.is_(None) if deleted_at is None else row_class.deleted_at == deleted_at
            query = select(row_class).where(getattr(row_class, field_name) == reference, state)
            for row in self.session.scalars(query):
                yield other, row

    # writing

    def next_references(self, kind: RecordKind, count: int = 1) -> list[str]:
        """Takes the next ``count`` references of a kind; numbers are never handed out twice."""
        # Locked until the transaction ends (FOR UPDATE on a server), so two writers never take the same number.
        counter = self.session.get(m.ReferenceCounterRow, kind.value, with_for_update=True)
        if counter is None:
            counter = m.ReferenceCounterRow(kind=kind.value, last_number=0)
            self.session.add(counter)
        first = counter.last_number + 1
        counter.last_number += count
        return [format_reference(kind, number) for number in range(first, first + count)]

    def add(self, entity: Any, reference: str, now: datetime) -> m.RecordRow:
        kind = RecordKind.of(entity)
        row = ROW_CLASSES[kind](reference=reference, created_at=now, updated_at=now)
        write_fields(kind, row, entity)
        self.session.add(row)
        return row

    def add_many(self, kind: RecordKind, entities: Sequence[Any], now: datetime) -> list[str]:
        """Inserts many records of one kind in one statement (imports and synthetic registers)."""
        references = self.next_references(kind, len(entities))
        names = [name for name in field_names(kind) if name != "reference"]
        row_class = ROW_CLASSES[kind]
        rows = []
        for reference, entity in zip(references, entities, strict=True):
            row = {"reference": reference, "created_at": now, "updated_at": now}
            for name in names:
                value = getattr(entity, name)
                row[name] = (value or None) if name.endswith("_ref") else value
            rows.append(row)
        self.session.execute(row_class.__table__.insert(), rows)
        return references

    def write(
        self,
        kind: RecordKind,
        row: m.RecordRow,
        entity: Any,
        names: tuple[str, ...],
        now: datetime,
        *,
        expected_version: int | None = None,
    ) -> int:
        """Writes the fields ``names`` of the row and returns its new version. With ``expected_version`` the
        UPDATE changes the row only if it is still at that version (SQLAlchemy's version counter), else raises
        ``StaleDataError`` and nothing is written."""
        if expected_version is not None:
            set_committed_value(row, "version", expected_version)
        write_fields(kind, row, entity, names)
        row.updated_at = now
        self.session.flush()
        return row.version

    def version(self, kind: RecordKind, reference: str) -> int | None:
        """The current version of a record (deleted or not); None when there is none."""
        row_class = ROW_CLASSES[kind]
        return self.session.scalar(select(row_class.version).where(row_class.reference == reference))

    def lock_row(self, kind: RecordKind, reference: str) -> m.RecordRow | None:
        """The live row, locked against other writers until the transaction ends (``FOR UPDATE`` on a server;
        SQLite's writing transaction already holds the whole file)."""
        row_class = ROW_CLASSES[kind]
        query = select(row_class).where(row_class.reference == reference, row_class.deleted_at.is_(None))
        return self.session.scalars(query.with_for_update()).one_or_none()

    def mark_deleted(self, row: m.RecordRow, moment: datetime | None) -> None:
        row.deleted_at = moment

    # audit trail

    def add_audit(self, entries: Iterable[AuditEntry], record_version: int | None = None) -> None:
        # One executemany of plain rows: an import audits hundreds of thousands of fields, and ORM objects for
        # them would cost many times the records themselves.
        rows = [
            {
                "at": e.at,
                "user": e.user,
                "action": e.action,
                "record_kind": e.record_kind,
                "record_reference": e.record_reference,
                "field": e.field,
                "old_value": e.old_value,
                "new_value": e.new_value,
                "record_version": record_version,
            }
            for e in entries
        ]
        if rows:
            self.session.execute(m.AuditEntryRow.__table__.insert(), rows)

    def audit_for_many(self, references: Iterable[str]) -> list[AuditEntry]:
        """Every audited change to any of ``references``, oldest first, in one query."""
        wanted = list(dict.fromkeys(references))
        query = select(m.AuditEntryRow).where(m.AuditEntryRow.record_reference.in_(wanted))
        return [_audit_entry(row) for row in self.session.scalars(query.order_by(m.AuditEntryRow.id))]

    def audit_for(self, reference: str) -> list[AuditEntry]:
        query = select(m.AuditEntryRow).where(m.AuditEntryRow.record_reference == reference)
        return [_audit_entry(row) for row in self.session.scalars(query.order_by(m.AuditEntryRow.id))]

    def audit_since(self, reference: str, version: int) -> list[AuditEntry]:
        """The audited changes to a record that made its versions after ``version``, oldest first."""
        query = select(m.AuditEntryRow).where(
            m.AuditEntryRow.record_reference == reference, m.AuditEntryRow.record_version > version
        )
        return [_audit_entry(row) for row in self.session.scalars(query.order_by(m.AuditEntryRow.id))]

    def last_audit_of_fields(self, reference: str, fields: Iterable[str]) -> list[AuditEntry]:
        """The latest audited change to each of ``fields`` of a record, in the order they were made."""
        wanted = set(fields)
        found: dict[str, AuditEntry] = {}
        query = select(m.AuditEntryRow).where(
            m.AuditEntryRow.record_reference == reference, m.AuditEntryRow.field.in_(wanted)
        )
        for row in self.session.scalars(query.order_by(m.AuditEntryRow.id.desc())):
            found.setdefault(row.field, _audit_entry(row))
        return sorted(found.values(), key=lambda entry: entry.at)

    def last_change(self) -> tuple[int, int]:
        """A cheap mark of the register's last change (the newest audit entry and the number of settings), so
        another window can notice, by polling, that someone has changed something."""
        latest = self.session.scalar(select(func.max(m.AuditEntryRow.id))) or 0
        settings = self.session.scalar(select(func.count()).select_from(m.SettingRow)) or 0
        return latest, settings

    def recent_audit(self, limit: int = 100) -> list[AuditEntry]:
        query = select(m.AuditEntryRow).order_by(m.AuditEntryRow.id.desc()).limit(limit)
        return [_audit_entry(row) for row in self.session.scalars(query)]


def _audit_entry(row: m.AuditEntryRow) -> AuditEntry:
    return AuditEntry(
        at=row.at,
        user=row.user,
        action=row.action,
        record_kind=row.record_kind,
        record_reference=row.record_reference,
        field=row.field,
        old_value=row.old_value,
        new_value=row.new_value,
    )
