"""The kinds of record a register holds, each with the prefix of its short reference.

A reference is the prefix and a number (``AST-0042``): short enough to say on the phone, printed on letters,
accepted by every command, and never reused, even after the record is deleted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from . import entities as e
from .errors import NotFoundError
from .i18n import tr


@dataclass(frozen=True)
class KindInfo:
    prefix: str
    entity: type
    singular: str
    plural: str


class RecordKind(StrEnum):
    """Every kind of record in a register; the value is the stable code used in the audit trail."""

    GROUP = "group"
    AUTHORITY = "authority"
    PARTY = "party"
    ASSET = "asset"
    INTEREST = "interest"
    NOMINATION = "nomination"
    LIST_ENTRY = "list-entry"
    CHALLENGE = "challenge"
    DISPOSAL_NOTICE = "disposal-notice"
    BIDDER_REQUEST = "bidder-request"
    EXEMPT_DISPOSAL = "exempt-disposal"
    TRANSFER_APPLICATION = "transfer-application"
    STAGE_CHANGE = "stage-change"
    PACK_ANSWER = "pack-answer"
    DOCUMENT = "document"
    USER_DEADLINE = "user-deadline"
    DEADLINE_MARK = "deadline-mark"
    CRTB_REGISTRATION = "crtb-registration"

    @property
    def info(self) -> KindInfo:
        return _INFO[self]

    @property
    def prefix(self) -> str:
        return _INFO[self].prefix

    @property
    def entity(self) -> type:
        return _INFO[self].entity

    @property
    def label(self) -> str:
        return _INFO[self].singular

    @classmethod
    def of(cls, entity: object) -> RecordKind:
        """The kind of an entity instance."""
        return _BY_ENTITY[type(entity)]


_INFO: dict[RecordKind, KindInfo] = {
    RecordKind.GROUP: KindInfo("GRP", e.CommunityGroup, tr("community group"), tr("community groups")),
    RecordKind.AUTHORITY: KindInfo("AUTH", e.Authority, tr("authority"), tr("authorities")),
    RecordKind.PARTY: KindInfo("PTY", e.Party, tr("party"), tr("parties")),
    RecordKind.ASSET: KindInfo("AST", e.Asset, tr("asset"), tr("assets")),
    RecordKind.INTEREST: KindInfo("INT", e.Interest, tr("interest"), tr("interests")),
    RecordKind.NOMINATION: KindInfo("NOM", e.Nomination, tr("nomination"), tr("nominations")),
    RecordKind.LIST_ENTRY: KindInfo("LST", e.ListEntry, tr("list entry"), tr("list entries")),
    RecordKind.CHALLENGE: KindInfo("CHL", e.Challenge, tr("review or appeal"), tr("reviews and appeals")),
    RecordKind.DISPOSAL_NOTICE: KindInfo("DN", e.DisposalNotice, tr("disposal notice"), tr("disposal notices")),
    RecordKind.BIDDER_REQUEST: KindInfo("BR", e.BidderRequest, tr("bidder request"), tr("bidder requests")),
    RecordKind.EXEMPT_DISPOSAL: KindInfo("EXD", e.ExemptDisposal, tr("exempt disposal"), tr("exempt disposals")),
    RecordKind.TRANSFER_APPLICATION: KindInfo(
        "TA", e.TransferApplication, tr("transfer application"), tr("transfer applications")
    ),
    RecordKind.STAGE_CHANGE: KindInfo("STG", e.StageChange, tr("stage change"), tr("stage changes")),
    RecordKind.PACK_ANSWER: KindInfo("ANS", e.PackAnswer, tr("pack answer"), tr("pack answers")),
    RecordKind.DOCUMENT: KindInfo("DOC", e.Document, tr("document"), tr("documents")),
    RecordKind.USER_DEADLINE: KindInfo("TSK", e.UserDeadline, tr("task"), tr("tasks")),
    RecordKind.DEADLINE_MARK: KindInfo("MRK", e.DeadlineMark, tr("deadline mark"), tr("deadline marks")),
    RecordKind.CRTB_REGISTRATION: KindInfo(
        "CRB", e.CrtbRegistration, tr("community right to buy registration"), tr("community right to buy registrations")
    ),
}
_BY_ENTITY = {info.entity: kind for kind, info in _INFO.items()}
_BY_PREFIX = {info.prefix: kind for kind, info in _INFO.items()}
_REFERENCE = re.compile(r"^\s*([A-Za-z]+)-?0*(\d+)\s*$")


def format_reference(kind: RecordKind, number: int) -> str:
    """The reference of the ``number``-th record of ``kind``: at least four digits, ``AST-0042``."""
    return f"{kind.prefix}-{number:04d}"


def parse_reference(text: str) -> tuple[RecordKind, str]:
    """The kind and canonical form of a reference as a person might type it (``ast-42``, ``AST0042``)."""
    match = _REFERENCE.match(text)
    kind = _BY_PREFIX.get(match.group(1).upper()) if match else None
    if match is None or kind is None:
        prefixes = ", ".join(sorted(_BY_PREFIX))
        raise NotFoundError(
            tr(
                "“{text}” is not a record reference. References look like AST-0042; the prefixes are {prefixes}."
            ).format(text=text.strip(), prefixes=prefixes)
        )
    return kind, format_reference(kind, int(match.group(2)))


def reference_number(reference: str) -> int:
    """The number of a reference, so AST-10000 sorts after AST-9999 (and "" before every reference)."""
    number = reference.rpartition("-")[2]
    return int(number) if number.isdigit() else -1
