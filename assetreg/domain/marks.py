"""Deadline marks: how the uid of a deadline is read and written when the group marks it done.

A uid is the record a deadline comes from and the rule that gives it (``DN-0001/ACV-IMP-END``), or ``TASK`` for
the group's own task (``TSK-0003/TASK``). It is typed by people on the command line, so it is read as they type
it (``dn-1/acv-imp-end``) and kept in the one form the case writes.
"""

from __future__ import annotations

from .asset_deadlines import TASK
from .errors import NotFoundError
from .i18n import tr
from .records import parse_reference
from .rules import rule


def split_uid(text: str) -> tuple[str, str]:
    """The record reference and rule code of a uid, in their canonical forms; ``ValueError`` saying what is wrong."""
    record, slash, code = text.strip().partition("/")
    code = code.strip().upper()
    if not slash or not record.strip() or not code:
        raise ValueError(
            tr("“{uid}” is not a deadline's uid; uids look like DN-0001/ACV-IMP-END or TSK-0003/TASK.").format(
                uid=text.strip()
            )
        )
    try:
        _, reference = parse_reference(record)
    except NotFoundError as error:
        raise ValueError(str(error)) from None
    if code != TASK:
        try:
            rule(code)
        except KeyError:
            message = tr("“{code}” in {uid} is not a rule AssetReg knows; copy the uid from assetreg deadlines --json.")
            raise ValueError(message.format(code=code, uid=text.strip())) from None
    return reference, code


def normalise_uid(text: str) -> str:
    """The uid as the case writes it (``dn-1/acv-imp-end`` → ``DN-0001/ACV-IMP-END``); ``ValueError`` if not one."""
    reference, code = split_uid(text)
    return f"{reference}/{code}"
