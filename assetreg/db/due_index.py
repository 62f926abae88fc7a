"""Queries of the due index (``due_index`` and ``due_index_coverage``), and what a transaction touched.

The index is derived from each asset's case by ``services.due_index``; this module only reads and writes its
rows, and notes, as a session flushes, which assets a change can move the dates of. Portable SQL only.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import delete, event, inspect, or_, select
from sqlalchemy.orm import ORMExecuteState, Session

from . import models as m
from .repositories import IN_LIMIT

WHOLE = "*"  # the coverage row that stands for the whole index


@dataclass
class Touched:
    """What one transaction changed that can move dates: assets by reference, and what points at them."""

    assets: set[str] = field(default_factory=set)
    list_entries: set[str] = field(default_factory=set)
    notices: set[str] = field(default_factory=set)
    groups: set[str] = field(default_factory=set)
    authorities: set[str] = field(default_factory=set)
    everything: bool = False  # settings changed, or a statement whose rows cannot be told apart

    def __bool__(self) -> bool:
        return bool(
            self.everything or self.assets or self.list_entries or self.notices or self.groups or self.authorities
        )


# Tables whose rows are facts of a case, by how a row names its asset.
_BY_ASSET = {
    m.NominationRow.__tablename__,
    m.ListEntryRow.__tablename__,
    m.DisposalNoticeRow.__tablename__,
    m.ExemptDisposalRow.__tablename__,
    m.TransferApplicationRow.__tablename__,
    m.UserDeadlineRow.__tablename__,
    m.DeadlineMarkRow.__tablename__,
    m.CrtbRegistrationRow.__tablename__,
}
_CASE_TABLES = _BY_ASSET | {
    m.AssetRow.__tablename__,
    m.ChallengeRow.__tablename__,
    m.BidderRequestRow.__tablename__,
    m.CommunityGroupRow.__tablename__,
    m.AuthorityRow.__tablename__,
    m.SettingRow.__tablename__,
}
_INDEX_TABLES = {m.DueIndexRow.__tablename__, m.DueCoverageRow.__tablename__}


def _note(touched: Touched, table: str, values: dict[str, Any], new: bool) -> None:
    if table in _BY_ASSET:
        touched.assets.add(values.get("asset_ref") or "")
    elif table == m.AssetRow.__tablename__:
        touched.assets.add(values.get("reference") or "")
    elif table == m.ChallengeRow.__tablename__:
        touched.list_entries.add(values.get("list_entry_ref") or "")
    elif table == m.BidderRequestRow.__tablename__:
        touched.notices.add(values.get("notice_ref") or "")
    elif table == m.CommunityGroupRow.__tablename__ and not new:  # a new group has no requests yet
        touched.groups.add(values.get("reference") or "")
    elif table == m.AuthorityRow.__tablename__ and not new:  # nor a new council any assets
        touched.authorities.add(values.get("reference") or "")
    elif table == m.SettingRow.__tablename__:
        touched.everything = True


_FIELDS = ("asset_ref", "reference", "list_entry_ref", "notice_ref")


def _row_values(row: Any) -> Iterable[dict[str, Any]]:
    """The row's linking fields as they are now, and as they were before this flush (a record moved)."""
    state = inspect(row)
    yield {name: getattr(row, name, None) for name in _FIELDS}
    for name in _FIELDS:
        if name in state.mapper.attrs:
            for old in state.attrs[name].history.deleted or ():
                yield {name: old}


def track(session: Session) -> Touched:
    """Starts noting what ``session`` changes; returns the record that fills up as it flushes."""
    touched = Touched()

    def before_flush(session: Session, _context: Any, _instances: Any) -> None:
        for rows, new in ((session.new, True), (session.dirty, False), (session.deleted, False)):
            for row in rows:
                table = getattr(row, "__tablename__", "")
                if table in _INDEX_TABLES:
                    continue
                for values in _row_values(row):
                    _note(touched, table, values, new)

    def do_orm_execute(state: ORMExecuteState) -> None:
        # Bulk inserts (imports, large registers) bypass the unit of work; read their rows as they go in.
        if not (state.is_insert or state.is_update or state.is_delete):
            return
        table = getattr(state.statement, "table", None)
        name = getattr(table, "name", "")
        if name in _INDEX_TABLES or name == m.AuditEntryRow.__tablename__:
            return
        if state.is_insert and isinstance(state.parameters, list | dict):
            rows = state.parameters if isinstance(state.parameters, list) else [state.parameters]
            for values in rows:
                _note(touched, name, values, True)
        elif name in _CASE_TABLES:  # an update or delete in bulk: which rows it hit is not known here
            touched.everything = True

    event.listen(session, "before_flush", before_flush)
    event.listen(session, "do_orm_execute", do_orm_execute)
    return touched


def _chunks(values: Collection[str]) -> Iterable[list[str]]:
    values = sorted(values)
    for start in range(0, len(values), IN_LIMIT):
        yield values[start : start + IN_LIMIT]


def assets_touched(session: Session, touched: Touched) -> set[str]:
    """The assets whose cases the touched records belong to (live or deleted)."""
    found = set(touched.assets)
    for chunk in _chunks(touched.list_entries - {""}):
        query = select(m.ListEntryRow.asset_ref).where(m.ListEntryRow.reference.in_(chunk))
        found.update(session.scalars(query))
    notices = set(touched.notices)
    for chunk in _chunks(touched.groups - {""}):
        query = select(m.BidderRequestRow.notice_ref).where(m.BidderRequestRow.group_ref.in_(chunk))
        notices.update(session.scalars(query))
    for chunk in _chunks(notices - {""}):
        query = select(m.DisposalNoticeRow.asset_ref).where(m.DisposalNoticeRow.reference.in_(chunk))
        found.update(session.scalars(query))
    for chunk in _chunks(touched.authorities - {""}):
        query = select(m.AssetRow.reference).where(m.AssetRow.authority_ref.in_(chunk))
        found.update(session.scalars(query))
    return {ref or "" for ref in found}


# reading


def whole(session: Session) -> m.DueCoverageRow | None:
    """The row standing for the whole index, or None when it was never built."""
    return session.get(m.DueCoverageRow, WHOLE)


def stale(session: Session, day: date) -> list[str]:
    """Assets whose lines do not hold on ``day``."""
    c = m.DueCoverageRow
    query = select(c.asset_ref).where(c.asset_ref != WHOLE, or_(c.valid_until < day, c.built_for > day))
    return list(session.scalars(query))


def statuses(session: Session) -> list[tuple[str, date, date, str]]:
    """Every asset's stored status with the days it holds for: (asset, built for, valid until, status)."""
    c = m.DueCoverageRow
    query = select(c.asset_ref, c.built_for, c.valid_until, c.status).where(c.asset_ref != WHOLE)
    return [tuple(row) for row in session.execute(query)]


def covered(session: Session) -> dict[str, tuple[date, date]]:
    """Every asset's coverage: (built for, valid until)."""
    c = m.DueCoverageRow
    query = select(c.asset_ref, c.built_for, c.valid_until).where(c.asset_ref != WHOLE)
    return {ref: (start, end) for ref, start, end in session.execute(query)}


def lines(session: Session, kind: str, until: date | None = None) -> list[tuple[str, int, str]]:
    """(asset, position, payload) of every line of ``kind``, those on or before ``until`` when given."""
    r = m.DueIndexRow
    query = select(r.asset_ref, r.position, r.payload).where(r.kind == kind)
    if until is not None:
        query = query.where(r.on_date <= until)
    return [tuple(row) for row in session.execute(query)]


def all_lines(session: Session) -> list[tuple[str, str, int, date, str]]:
    """Every line: (asset, kind, position, date, payload), in a stable order (for comparing)."""
    r = m.DueIndexRow
    query = select(r.asset_ref, r.kind, r.position, r.on_date, r.payload).order_by(r.asset_ref, r.kind, r.position)
    return [tuple(row) for row in session.execute(query)]


# writing


def clear(session: Session, assets: Collection[str] | None = None) -> None:
    """Removes the lines and coverage of ``assets`` (of every asset, and the whole index's row, when None)."""
    if assets is None:
        session.execute(delete(m.DueIndexRow))
        session.execute(delete(m.DueCoverageRow))
        return
    for chunk in _chunks(assets):
        session.execute(delete(m.DueIndexRow).where(m.DueIndexRow.asset_ref.in_(chunk)))
        session.execute(delete(m.DueCoverageRow).where(m.DueCoverageRow.asset_ref.in_(chunk)))


def add_lines(session: Session, rows: Sequence[tuple[str, str, int, date, str]]) -> None:
    """Inserts lines (asset, kind, position, date, payload) in one statement."""
    if rows:
        names = ("asset_ref", "kind", "position", "on_date", "payload")
        session.execute(m.DueIndexRow.__table__.insert(), [dict(zip(names, row, strict=True)) for row in rows])


def add_coverage(session: Session, rows: Sequence[tuple[str, date, date, str, str]]) -> None:
    """Inserts coverage (asset, built for, valid until, status, fingerprint) in one statement."""
    if rows:
        names = ("asset_ref", "built_for", "valid_until", "status", "fingerprint")
        session.execute(m.DueCoverageRow.__table__.insert(), [dict(zip(names, row, strict=True)) for row in rows])
