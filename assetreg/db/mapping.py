"""Rows to domain values and back, field by field (column names are the entities' field names)."""

from __future__ import annotations

import dataclasses
from functools import cache
from typing import Any

from ..domain.records import RecordKind
from . import models as m

ROW_CLASSES: dict[RecordKind, type[m.RecordRow]] = {
    RecordKind.GROUP: m.CommunityGroupRow,
    RecordKind.AUTHORITY: m.AuthorityRow,
    RecordKind.PARTY: m.PartyRow,
    RecordKind.ASSET: m.AssetRow,
    RecordKind.INTEREST: m.InterestRow,
    RecordKind.NOMINATION: m.NominationRow,
    RecordKind.LIST_ENTRY: m.ListEntryRow,
    RecordKind.CHALLENGE: m.ChallengeRow,
    RecordKind.DISPOSAL_NOTICE: m.DisposalNoticeRow,
    RecordKind.BIDDER_REQUEST: m.BidderRequestRow,
    RecordKind.EXEMPT_DISPOSAL: m.ExemptDisposalRow,
    RecordKind.TRANSFER_APPLICATION: m.TransferApplicationRow,
    RecordKind.STAGE_CHANGE: m.StageChangeRow,
    RecordKind.PACK_ANSWER: m.PackAnswerRow,
    RecordKind.DOCUMENT: m.DocumentRow,
    RecordKind.USER_DEADLINE: m.UserDeadlineRow,
    RecordKind.DEADLINE_MARK: m.DeadlineMarkRow,
    RecordKind.CRTB_REGISTRATION: m.CrtbRegistrationRow,
}


@cache
def field_names(kind: RecordKind) -> tuple[str, ...]:
    """The entity's fields in declaration order (``reference`` first)."""
    return tuple(f.name for f in dataclasses.fields(kind.entity))


def _is_ref(name: str) -> bool:
    return name.endswith("_ref")


def to_entity(kind: RecordKind, row: m.RecordRow) -> Any:
    """The frozen domain value of a row; an absent reference is the empty string."""
    values = {}
    for name in field_names(kind):
        value = getattr(row, name)
        values[name] = (value or "") if _is_ref(name) else value
    return kind.entity(**values)


def write_fields(kind: RecordKind, row: m.RecordRow, entity: Any, names: tuple[str, ...] | None = None) -> None:
    """Copies the entity's fields (all but ``reference``, or just ``names``) onto the row."""
    for name in names or field_names(kind):
        if name == "reference":
            continue
        value = getattr(entity, name)
        setattr(row, name, (value or None) if _is_ref(name) else value)
