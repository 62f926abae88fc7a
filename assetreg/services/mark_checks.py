"""What a deadline mark must satisfy before it is saved, checked against the register (``Records`` calls these).

Validation has already put its uid in canonical form. Here the mark is tied to the asset its deadline belongs
to (so it goes to the trash with the asset), dated, and refused where a careful user would want to be stopped:
a deadline of a record that does not exist, a day still to come, or a deadline marked twice.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from ..db.mapping import to_entity
from ..db.repositories import RecordRepository
from ..domain import entities as e
from ..domain.dates import format_date
from ..domain.errors import ValidationError
from ..domain.i18n import tr
from ..domain.marks import split_uid
from ..domain.records import RecordKind, parse_reference


def checked_mark(
    repo: RecordRepository, mark: e.DeadlineMark, today: date, reference: str = "", *, new: bool
) -> e.DeadlineMark:
    """The mark with its asset and day filled in; ``ValidationError`` naming the field that is wrong.

    ``reference`` is the mark's own when it is being changed; ``new`` when it is being made, for which the
    record it marks must be live (a change to an old mark may keep pointing at a deleted one).
    """
    record_ref, _ = split_uid(mark.uid)
    kind, _ = parse_reference(record_ref)
    row = repo.find_row(kind, record_ref, include_deleted=not new)
    if row is None:
        raise ValidationError.single(
            "uid",
            tr("There is no {kind} {reference} in this register, so {uid} marks nothing; check the uid.").format(
                kind=kind.label, reference=record_ref, uid=mark.uid
            ),
        )
    asset_ref = asset_of(repo, to_entity(kind, row))
    if mark.asset_ref and mark.asset_ref != asset_ref:
        raise ValidationError.single(
            "asset_ref",
            tr("{uid} is a deadline of {asset}, not of {given}; leave the asset out and it is filled in.").format(
                uid=mark.uid, asset=asset_ref or tr("no asset"), given=mark.asset_ref
            ),
        )
    marked_on = mark.marked_on or today
    if marked_on > today:
        raise ValidationError.single(
            "marked_on",
            tr("{day} is still to come; mark a deadline done on the day it is done, not before.").format(
                day=format_date(marked_on)
            ),
        )
    where = {"uid": mark.uid}
    others = [r for (r,) in repo.rows(RecordKind.DEADLINE_MARK, ("reference",), where) if r != reference]
    if others:
        raise ValidationError.single(
            "uid",
            tr("{uid} is already marked ({reference}); change or delete that mark instead.").format(
                uid=mark.uid, reference=others[0]
            ),
        )
    return dataclasses.replace(mark, asset_ref=asset_ref, marked_on=marked_on)


def asset_of(repo: RecordRepository, record: object) -> str:
    """The asset a record belongs to: its own ``asset_ref``, or its list entry's for a review or appeal."""
    if isinstance(record, e.Challenge):
        row = repo.find_row(RecordKind.LIST_ENTRY, record.list_entry_ref, include_deleted=True)
        return row.asset_ref if row is not None else ""
    return getattr(record, "asset_ref", "") or ""
