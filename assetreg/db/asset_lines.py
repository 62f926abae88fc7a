"""The register's list of assets in one query: each live asset's line, with its council and its status as the due
index keeps it, as plain values (no ORM objects, no enums), oldest first. Portable SQL only."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from sqlalchemy import String, and_, func, select, type_coerce
from sqlalchemy.orm import Session

from . import models as m

# What each line holds, in order: the asset's columns, its council's name and nation (codes as stored), and the
# status the due index keeps for it with whether that status holds on the day asked ("kept" is None: no row).
COLUMNS = (
    "reference",
    "name",
    "category",
    "authority",
    "authority_ref",
    "jurisdiction",
    "address",
    "postcode",
    "uprn",
    "kept_status",
    "kept_holds",
)
_BATCH = 5000


def asset_lines(session: Session, day: date) -> Iterator[list]:
    """Every live asset's line (see ``COLUMNS``), in batches of rows, read as the database gives them."""
    a, council, c = m.AssetRow.__table__, m.AuthorityRow.__table__, m.DueCoverageRow.__table__
    holds = and_(c.c.built_for <= day, c.c.valid_until >= day)
    query = (
        select(
            a.c.reference,
            a.c.name,
            type_coerce(a.c.category, String),  # the code as stored: no enum made per row
            func.coalesce(council.c.name, ""),
            func.coalesce(a.c.authority_ref, ""),
            type_coerce(council.c.jurisdiction, String),
            a.c.address,
            a.c.postcode,
            a.c.uprn,
            c.c.status,
            holds,
        )
        .select_from(a)
        .outerjoin(council, council.c.reference == a.c.authority_ref)
        .outerjoin(c, c.c.asset_ref == a.c.reference)
        .where(a.c.deleted_at.is_(None))
        .order_by(a.c.id)
    )
    result = session.execute(query)
    while batch := result.fetchmany(_BATCH):
        yield batch
