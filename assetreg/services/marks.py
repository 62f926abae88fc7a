"""Marking deadlines done, or not applicable, and taking a mark back: What's due shrinks as work is done.

A mark is a record like any other (``DeadlineMark``), so marking is validated, audited with the user's name and
undoable; taking a mark back moves it to the trash. The case reads the marks (``asset_deadlines``): a marked
deadline is done, and leaves what is overdue and what is coming, but stays in the asset's history.
"""

from __future__ import annotations

from datetime import date

from ..db.repositories import RecordRepository
from ..domain import entities as e
from ..domain.asset_deadlines import AssetDeadline
from ..domain.enums import MarkState
from ..domain.errors import NotFoundError
from ..domain.i18n import tr
from ..domain.marks import normalise_uid, split_uid
from ..domain.records import RecordKind, parse_reference
from .deadlines import register_cases
from .mark_checks import asset_of
from .records import Changed, Records
from .register import Register


def find_deadline(register: Register, uid: str, day: date | None = None) -> AssetDeadline:
    """The register's deadline with this uid on ``day`` (typed as a person might), done or not.

    ``NotFoundError`` when the register has no such deadline, saying where the uids are listed.
    """
    try:
        uid = normalise_uid(uid)
    except ValueError as error:
        raise NotFoundError(str(error)) from None
    record_ref, _ = split_uid(uid)
    kind, _ = parse_reference(record_ref)
    with register.reading() as session:
        repo = RecordRepository(session)
        record = repo.get(kind, record_ref)
        asset_ref = asset_of(repo, record) if record is not None else None
    if asset_ref is not None:
        # Only the case of the deadline's own asset is worked out (tasks tied to no asset come as a case of their own).
        for case in register_cases(register, day, asset_ref=asset_ref):
            for item in case.deadlines or ():
                if item.uid == uid:
                    return item
    raise NotFoundError(
        tr("There is no deadline {uid} in this register; assetreg deadlines --json lists their uids.").format(uid=uid)
    )


def mark_of(
    item: AssetDeadline, state: MarkState = MarkState.DONE, on: date | None = None, notes: str = ""
) -> e.DeadlineMark:
    """A new, unsaved mark of ``item`` (``on`` left empty is the day it is saved)."""
    return e.DeadlineMark(uid=item.uid, asset_ref=item.asset_ref, state=state, marked_on=on, notes=notes)


def mark_deadline(
    register: Register, uid: str, state: MarkState = MarkState.DONE, on: date | None = None, notes: str = ""
) -> Changed[e.DeadlineMark]:
    """Marks the deadline with this uid done (or not applicable) on ``on``, today if not given.

    A deadline already marked has its mark changed rather than a second one made.
    """
    item = find_deadline(register, uid)
    records = Records(register)
    if item.mark is None:
        return records.create(mark_of(item, state, on, notes))
    fields: dict[str, object] = {"state": state}
    if on is not None:
        fields["marked_on"] = on
    if notes:
        fields["notes"] = notes
    return records.update(item.mark.reference, **fields)


def live_mark(register: Register, uid: str) -> e.DeadlineMark | None:
    """The mark on the deadline with this uid, if it has one."""
    try:
        uid = normalise_uid(uid)
    except ValueError as error:
        raise NotFoundError(str(error)) from None
    return next(iter(Records(register).list(RecordKind.DEADLINE_MARK, uid=uid)), None)


def unmark_deadline(register: Register, uid: str) -> Changed[list[str]]:
    """Takes back the mark on the deadline with this uid: the mark goes to the trash and the deadline is due again."""
    mark = live_mark(register, uid)
    if mark is None:
        raise NotFoundError(
            tr("{uid} is not marked done or not applicable, so there is nothing to take back.").format(
                uid=normalise_uid(uid)
            )
        )
    return Records(register).delete(mark.reference)
