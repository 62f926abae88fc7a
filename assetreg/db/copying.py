"""Copying every row of one register into another (a file to a shared register and back), and checksumming
each table so the copy can be shown to be whole. Portable SQL only: both ends are read and written through
the same models and column types, so a date, a moment or a flag reads back the same from either database.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, Table, func, select, text

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


def rows_of(connection: Connection, table: Table) -> Iterator[dict]:
    for batch in connection.execute(_ordered(table).execution_options(yield_per=BATCH)).mappings().partitions():
        yield from (dict(row) for row in batch)


def copy_rows(
    source: Engine,
    target: Connection,
    *,
    with_blobs: bool = True,
    progress: Callable[[str, int], None] | None = None,
) -> None:
    """Copies every row of every table (but the schema's own version) from ``source`` into the empty tables of
    ``target``, keeping ids, references, versions, the audit trail, the reference counters and settings.
    ``with_blobs`` copies attachments' content kept in the database too (a file keeps them in a folder)."""
    with source.connect() as reading:
        for table in copied_tables(with_blobs=with_blobs):
            batch: list[dict] = []
            done = 0
            for row in rows_of(reading, table):
                batch.append(row)
                if len(batch) >= BATCH:
                    target.execute(table.insert(), batch)
                    done += len(batch)
                    batch = []
            if batch:
                target.execute(table.insert(), batch)
                done += len(batch)
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
            for row in rows_of(connection, table):
                digest.update(repr(tuple(row[c.name] for c in table.columns)).encode())
                count += 1
            sums[table.name] = TableSum(count, digest.hexdigest())
    return sums


def count_rows(connection: Connection, table: Table) -> int:
    return connection.scalar(select(func.count()).select_from(table))
