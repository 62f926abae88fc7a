"""Copying every row of one register into another (a file to a shared register and back), and checksumming
each table so the copy can be shown to be whole. Both ends are read and written through the same models and
column types, so a date, a moment or a flag reads back the same from either database; only how rows are fed
into PostgreSQL (COPY, for speed) is particular to it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, Row, Table, func, select, text

from .models import AttachmentBlobRow, Base

BATCH = 2000
SKIPPED = {"alembic_version"}


def copied_tables(*, with_blobs: bool = True) -> list[Table]:
    """The tables to copy, parents before children (foreign keys hold as rows arrive)."""
    return [
        table
        for table in Base.metadata.sorted_tables
        if table.name not in SKIPPED and (with_blobs or table.name != AttachmentBlobRow.__tablename__)
    ]


def _ordered(table: Table):
    return select(table).order_by(*table.primary_key.columns)


def _batches(connection: Connection, table: Table) -> Iterator[Sequence[Row]]:
    """Every row of ``table`` in primary-key order, ``BATCH`` at a time, as tuples in the table's column order."""
    yield from connection.execute(_ordered(table).execution_options(yield_per=BATCH)).partitions()


def rows_of(connection: Connection, table: Table) -> Iterator[dict]:
    for batch in _batches(connection, table):
        yield from (dict(row._mapping) for row in batch)


def _row_digest(digest, rows: Sequence[Row]) -> None:
    update = digest.update
    for row in rows:
        update(repr(tuple(row)).encode())


@contextmanager
def _writer(target: Connection, table: Table) -> Iterator[Callable[[Sequence[Row]], None]]:
    """A function that writes rows (tuples in ``table``'s column order) into ``table`` at ``target``.

    On PostgreSQL the rows stream in through one ``COPY … FROM STDIN`` per table, inside the copy's transaction:
    an INSERT per row would wait on the server once per row (minutes for a 100,000-asset register). Each value
    goes through its column type's own conversion first, so what is stored is what an INSERT would store.
    Elsewhere (a file), Core's executemany in batches, which SQLite does quickly."""
    if target.dialect.name != "postgresql":
        names = [column.name for column in table.columns]
        statement = table.insert()
        yield lambda rows: target.execute(statement, [dict(zip(names, row, strict=True)) for row in rows])
        return
    dialect = target.dialect
    convert = [column.type.dialect_impl(dialect).bind_processor(dialect) for column in table.columns]
    quote = dialect.identifier_preparer.quote
    columns = ", ".join(quote(column.name) for column in table.columns)
    cursor = target.connection.dbapi_connection.cursor()
    try:
        with cursor.copy(f"COPY {quote(table.name)} ({columns}) FROM STDIN") as stream:
            write_row = stream.write_row

            def write(rows: Sequence[Row]) -> None:
                for row in rows:
                    write_row([value if how is None else how(value) for value, how in zip(row, convert, strict=True)])

            yield write
    finally:
        cursor.close()


def copy_rows(
    source: Engine,
    target: Connection,
    *,
    with_blobs: bool = True,
    progress: Callable[[str, int], None] | None = None,
) -> dict[str, TableSum]:
    """Copies every row of every table (but the schema's own version) from ``source`` into the empty tables of
    ``target``, keeping ids, references, versions, the audit trail, the reference counters and settings.
    ``with_blobs`` copies attachments' content kept in the database too (a file keeps them in a folder).
    Returns each table's count and checksum as read from the source while copying (``table_sums``' own), so
    checking the copy needs to read only the target again."""
    sums = {}
    with source.connect() as reading:
        for table in copied_tables(with_blobs=with_blobs):
            digest, done = hashlib.sha256(), 0
            with _writer(target, table) as write:
                for batch in _batches(reading, table):
                    write(batch)
                    _row_digest(digest, batch)
                    done += len(batch)
            sums[table.name] = TableSum(done, digest.hexdigest())
            if progress:
                progress(table.name, done)
    if target.dialect.name == "postgresql":
        # Ids were copied as they were: each table's own counter carries on after the highest.
        for table in copied_tables(with_blobs=False):
            if "id" in table.c:
                target.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
                    )
                )
    return sums


@dataclass(frozen=True)
class TableSum:
    rows: int
    checksum: str  # SHA-256 over every row's values in primary-key order


def table_sums(engine: Engine, *, with_blobs: bool = True) -> dict[str, TableSum]:
    """Each table's row count and checksum, computed the same way on either database."""
    sums = {}
    with engine.connect() as connection:
        for table in copied_tables(with_blobs=with_blobs):
            digest, count = hashlib.sha256(), 0
            for batch in _batches(connection, table):
                _row_digest(digest, batch)
                count += len(batch)
            sums[table.name] = TableSum(count, digest.hexdigest())
    return sums


def count_rows(connection: Connection, table: Table) -> int:
    return connection.scalar(select(func.count()).select_from(table))
