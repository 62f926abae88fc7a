"""The register's list of assets in one query: each live asset's line with the status the due index keeps for it,
as plain values (no ORM objects, no enums), oldest first; and the councils' names to show with them. Portable SQL
only."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from sqlalchemy import String, and_, func, select, type_coerce
from sqlalchemy.orm import Session

from . import models as m

# What each line holds, in order: the asset's columns (codes as stored), and the status the due index keeps for
# it with whether that status holds on the day asked (both None: the index has no row for it).
COLUMNS = ("reference", "name", "category", "authority_ref", "address", "postcode", "uprn", "kept_status", "kept_holds")
_BATCH = 5000


def councils(session: Session) -> dict[str, tuple[str, str]]:
    """Each council's reference with its name and nation's code (a few hundred: looked up faster than joined)."""
    t = m.AuthorityRow.__table__
    query = select(t.c.reference, t.c.name, type_coerce(t.c.jurisdiction, String))
    return {ref: (name, nation) for ref, name, nation in session.execute(query)}


def asset_lines(session: Session, day: date) -> Iterator[list]:
    """Every live asset's line (see ``COLUMNS``), in batches of rows, read as the database gives them."""
    a, c = m.AssetRow.__table__, m.DueCoverageRow.__table__
    holds = and_(c.c.built_for <= day, c.c.valid_until >= day)
    query = (
        select(
            a.c.reference,
            a.c.name,
            type_coerce(a.c.category, String),  # the code as stored: no enum made per row
            func.coalesce(a.c.authority_ref, ""),
            a.c.address,
            a.c.postcode,
            a.c.uprn,
            c.c.status,
            holds,
        )
        .select_from(a)
        .outerjoin(c, c.c.asset_ref == a.c.reference)
        .where(a.c.deleted_at.is_(None))
        .order_by(a.c.id)
    )
    # Read straight from the database's own cursor: at 100,000 rows, making a result row of each costs more than
    # the query. Every column is text or a number as stored, so the driver's rows are the values; the one
    # parameter, the day, is written into the statement by SQLAlchemy (a date it was given, never typed text).
    connection = session.connection()
    sql = str(query.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True}))
    cursor = connection.connection.driver_connection.cursor()
    try:
        cursor.execute(sql)
        while batch := cursor.fetchmany(_BATCH):
            yield batch
    finally:
        cursor.close()
