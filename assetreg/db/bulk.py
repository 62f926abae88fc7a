"""Many records at once by reference: the queries behind an import and its undo.

Inserts are plain Core ``insert()`` statements run as one executemany per chunk inside the caller's
transaction: no ORM object and no flush per row. Reads and soft deletes go by chunks of references, so the
database's limit on bound parameters is never reached.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from operator import attrgetter
from typing import Any

from sqlalchemy import Date, Table, select, update
from sqlalchemy import column as sql_column
from sqlalchemy import table as sql_table
from sqlalchemy.orm import Session

from ..domain.records import RecordKind
from . import models as m
from .mapping import ROW_CLASSES, field_names
from .repositories import dependants
from .types import CodeEnum

IN_CHUNK = 500  # references per IN (…): under every database's limit on bound parameters
_REPEATED = (Date, CodeEnum)  # column types whose values repeat, each bound the same way every time
AUDIT_FIELDS = ("at", "user", "action", "record_kind", "record_reference", "field", "old_value", "new_value")


class _Insert:
    """One INSERT of a table's named columns, compiled once and run as an executemany on the driver.

    Each value is bound by its column's own type (the processors SQLAlchemy itself would call), so what is
    stored is exactly what an ORM or Core insert stores; values the same in every row (the moment, the user) are
    bound once. This skips only SQLAlchemy's per-row bookkeeping, which is most of the time of a large insert.
    """

    def __init__(self, session: Session, table: Table, varying: Sequence[str], constants: dict[str, Any]):
        self.connection = session.connection()
        dialect = self.connection.dialect
        names = [*varying, *constants]
        compiled = sql_table(table.name, *(sql_column(n) for n in names)).insert().compile(dialect=dialect)
        self.sql = str(compiled)
        self.positional = bool(compiled.positional)
        self.names = names
        processors = [table.c[n].type.dialect_impl(dialect).bind_processor(dialect) for n in names]
        self.constants = [
            (p(v) if p else v) for p, v in zip(processors[len(varying) :], constants.values(), strict=True)
        ]
        # A date's or a code's bound value is worked out once per distinct value (a few thousand days, a handful
        # of codes, however many rows), and NULL stays NULL; any other column's processor sees every value.
        self.processed = [
            (i, p, {} if isinstance(table.c[n].type, _REPEATED) else None)
            for i, (n, p) in enumerate(zip(varying, processors[: len(varying)], strict=True))
            if p is not None
        ]
        self.links = [i for i, n in enumerate(varying) if n.endswith("_ref")]

    def run(self, rows: Iterable[Sequence[Any]]) -> None:
        batch = []
        append, links, processed, constants = batch.append, self.links, self.processed, self.constants
        for values in rows:
            row = list(values)
            for i in links:
                if not row[i]:
                    row[i] = None  # an absent link is NULL, as the foreign key wants
            for i, process, seen in processed:
                value = row[i]
                if seen is None:
                    row[i] = process(value)
                elif value is not None:
                    bound = seen.get(value)
                    if bound is None:
                        bound = seen[value] = process(value)
                    row[i] = bound
            row += constants
            append(tuple(row) if self.positional else dict(zip(self.names, row, strict=True)))
        if batch:
            self.connection.exec_driver_sql(self.sql, batch)


class BulkRecords:
    """Inserts, reads and soft-deletes records of one kind at a time, in the session's transaction."""

    def __init__(self, session: Session):
        self.session = session

    def insert(
        self,
        kind: RecordKind,
        entities: Sequence[Any],
        references: Sequence[str],
        now: datetime,
        given: dict[str, Sequence[Any]] | None = None,
    ) -> None:
        """New records of one kind (already validated) with their references, made at ``now``; ``given`` holds,
        for some fields, the value of each record in turn in place of the entity's (the links an import fills
        in once the records they point at have references), which saves copying every entity."""
        if not entities:
            return
        names = tuple(name for name in field_names(kind) if name != "reference")
        table = ROW_CLASSES[kind].__table__
        insert = _Insert(self.session, table, (*names, "reference"), {"created_at": now, "updated_at": now})
        values = attrgetter(*names)
        replaced = [(names.index(name), column) for name, column in (given or {}).items()]

        def rows() -> Iterator[list[Any]]:
            for position, (entity, reference) in enumerate(zip(entities, references, strict=True)):
                row = [*values(entity), reference]
                for index, column in replaced:
                    row[index] = column[position]
                yield row

        insert.run(rows())

    def insert_audit(self, constant: dict[str, Any], rows: Iterable[Sequence[Any]]) -> None:
        """Audit entries: the fields of ``AUDIT_FIELDS`` that are the same for all in ``constant``, the others
        (in ``AUDIT_FIELDS`` order) in each of ``rows``; plain rows, as an import writes hundreds of thousands."""
        varying = [name for name in AUDIT_FIELDS if name not in constant]
        _Insert(self.session, m.AuditEntryRow.__table__, varying, constant).run(rows)

    def live_rows(self, kind: RecordKind, references: Iterable[str]) -> list[m.RecordRow]:
        """The ORM rows of those of ``references`` that are live records of ``kind`` (to change them)."""
        row_class = ROW_CLASSES[kind]
        found: list[m.RecordRow] = []
        for chunk in _chunks(references):
            query = select(row_class).where(row_class.reference.in_(chunk), row_class.deleted_at.is_(None))
            found.extend(self.session.scalars(query))
        return found

    def live_references(self, kind: RecordKind, references: Iterable[str]) -> set[str]:
        row_class = ROW_CLASSES[kind]
        found: set[str] = set()
        for chunk in _chunks(references):
            query = select(row_class.reference).where(row_class.reference.in_(chunk), row_class.deleted_at.is_(None))
            found.update(self.session.scalars(query))
        return found

    def deleted_at(self, kind: RecordKind, references: Iterable[str], moment: datetime) -> set[str]:
        """Those of ``references`` of ``kind`` that were deleted at ``moment``."""
        row_class = ROW_CLASSES[kind]
        found: set[str] = set()
        for chunk in _chunks(references):
            query = select(row_class.reference).where(row_class.reference.in_(chunk), row_class.deleted_at == moment)
            found.update(self.session.scalars(query))
        return found

    def referrers(
        self, kind: RecordKind, references: Iterable[str], *, deleted_at: datetime | None = None
    ) -> dict[RecordKind, set[str]]:
        """The records of every kind that point at any of ``references``: live ones, or those deleted at
        ``deleted_at``."""
        wanted = list(references)
        found: dict[RecordKind, set[str]] = {}
        for other, field_name in dependants(kind):
            row_class = ROW_CLASSES[other]
            state = row_class.deleted_at.is_(None) if deleted_at is None else row_class.deleted_at == deleted_at
            column = getattr(row_class, field_name)
            for chunk in _chunks(wanted):
                query = select(row_class.reference).where(column.in_(chunk), state)
                found.setdefault(other, set()).update(self.session.scalars(query))
        return {k: v for k, v in found.items() if v}

    def set_deleted(self, kind: RecordKind, references: Iterable[str], moment: datetime | None) -> None:
        """Marks records deleted at ``moment`` (or, with None, brings them back)."""
        row_class = ROW_CLASSES[kind]
        for chunk in _chunks(references):
            self.session.execute(
                update(row_class.__table__).where(row_class.__table__.c.reference.in_(chunk)).values(deleted_at=moment)
            )


def _chunks(references: Iterable[str]) -> Iterable[list[str]]:
    items = list(dict.fromkeys(references))
    for start in range(0, len(items), IN_CHUNK):
        yield items[start : start + IN_CHUNK]
