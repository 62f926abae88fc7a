"""Typed SQLAlchemy 2.0 models of the register.

Column names are the field names of the domain entities in ``assetreg.domain.entities``, so rows map to
values field by field (``db.mapping``). A record points at another by its reference (``asset_ref``), which is
unique and never changes; the integer ``id`` keeps insertion order. Records are deleted softly by setting
``deleted_at``; the audit trail and the reference counters live in their own tables.

Unlike the other modules this one keeps its annotations as objects (no ``from __future__ import annotations``):
SQLAlchemy reads every ``Mapped[...]`` as it maps the class, and would otherwise evaluate each from its text
again (some 30 ms of every start).
"""

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from ..domain import enums
from .types import CodeEnum, TextTuple, UTCDateTime

# Named constraints let Alembic's batch mode on SQLite find and change them later.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

REF = String(16)
NAME = String(200)
# text("''") rather than "": Alembic compares a literal empty default with the database's as different.
EMPTY = text("''")
TEXT_DEFAULT = {"default": "", "server_default": EMPTY}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class RecordRow(Base):
    """Columns every record has: identity, reference, the soft-delete mark, and its version.

    ``version`` counts the record's changes (SQLAlchemy's version counter): every UPDATE says which version it
    changes, so a save of a record someone else has changed since it was read changes nothing and is reported.
    """

    __abstract__ = True

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(REF, unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:
        return {"version_id_col": cls.version}


def _text() -> Mapped[str]:
    return mapped_column(Text, **TEXT_DEFAULT)


def _ref(target: str, *, required: bool = False) -> Mapped[str | None]:
    return mapped_column(REF, ForeignKey(f"{target}.reference"), nullable=not required, index=True)


class CommunityGroupRow(RecordRow):
    __tablename__ = "community_groups"
    name: Mapped[str] = mapped_column(NAME)
    legal_form: Mapped[enums.LegalForm] = mapped_column(CodeEnum(enums.LegalForm))
    is_own_group: Mapped[bool] = mapped_column(Boolean, default=False)
    charity_number: Mapped[str] = _text()
    company_number: Mapped[str] = _text()
    society_number: Mapped[str] = _text()
    member_count: Mapped[int | None] = mapped_column(Integer)
    local_elector_count: Mapped[int | None] = mapped_column(Integer)
    local_connection: Mapped[str] = _text()
    distributes_surplus: Mapped[bool | None] = mapped_column(Boolean)
    contact_name: Mapped[str] = _text()
    address: Mapped[str] = _text()
    postcode: Mapped[str] = _text()
    email: Mapped[str] = _text()
    phone: Mapped[str] = _text()


class AuthorityRow(RecordRow):
    __tablename__ = "authorities"
    name: Mapped[str] = mapped_column(NAME)
    code: Mapped[str] = _text()
    jurisdiction: Mapped[enums.Jurisdiction] = mapped_column(CodeEnum(enums.Jurisdiction))
    address: Mapped[str] = _text()
    email: Mapped[str] = _text()
    website: Mapped[str] = _text()


class PartyRow(RecordRow):
    __tablename__ = "parties"
    name: Mapped[str] = mapped_column(NAME)
    kind: Mapped[enums.PartyKind] = mapped_column(CodeEnum(enums.PartyKind))
    address: Mapped[str] = _text()
    postcode: Mapped[str] = _text()
    email: Mapped[str] = _text()
    phone: Mapped[str] = _text()
    notes: Mapped[str] = _text()


class AssetRow(RecordRow):
    __tablename__ = "assets"
    name: Mapped[str] = mapped_column(NAME, index=True)
    category: Mapped[enums.AssetCategory] = mapped_column(CodeEnum(enums.AssetCategory))
    authority_ref: Mapped[str | None] = _ref("authorities")
    address: Mapped[str] = _text()
    postcode: Mapped[str] = mapped_column(String(10), default="", server_default=EMPTY, index=True)
    uprn: Mapped[str] = mapped_column(String(12), default="", server_default=EMPTY)
    title_numbers: Mapped[tuple[str, ...]] = mapped_column(TextTuple, default=(), server_default=EMPTY)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    description: Mapped[str] = _text()
    notes: Mapped[str] = _text()


class InterestRow(RecordRow):
    __tablename__ = "interests"
    asset_ref: Mapped[str] = _ref("assets", required=True)
    party_ref: Mapped[str] = _ref("parties", required=True)
    role: Mapped[enums.InterestRole] = mapped_column(CodeEnum(enums.InterestRole))
    lease_term_years: Mapped[int | None] = mapped_column(Integer)
    since_on: Mapped[date | None] = mapped_column(Date)
    until_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = _text()


class NominationRow(RecordRow):
    __tablename__ = "nominations"
    asset_ref: Mapped[str] = _ref("assets", required=True)
    nominator_ref: Mapped[str | None] = _ref("community_groups")
    boundary_description: Mapped[str] = _text()
    community_value_reasons: Mapped[str] = _text()
    sent_on: Mapped[date | None] = mapped_column(Date)
    received_on: Mapped[date | None] = mapped_column(Date)
    decision: Mapped[enums.NominationDecision] = mapped_column(CodeEnum(enums.NominationDecision))
    decided_on: Mapped[date | None] = mapped_column(Date)
    decision_reasons: Mapped[str] = _text()
    council_reference: Mapped[str] = _text()


class ListEntryRow(RecordRow):
    __tablename__ = "list_entries"
    asset_ref: Mapped[str] = _ref("assets", required=True)
    kind: Mapped[enums.ListEntryKind] = mapped_column(CodeEnum(enums.ListEntryKind))
    nomination_ref: Mapped[str | None] = _ref("nominations")
    entered_on: Mapped[date] = mapped_column(Date)
    notice_given_on: Mapped[date | None] = mapped_column(Date)
    council_reference: Mapped[str] = _text()
    regime: Mapped[enums.Regime] = mapped_column(CodeEnum(enums.Regime))
    removed_on: Mapped[date | None] = mapped_column(Date)
    removal_reason: Mapped[enums.RemovalReason | None] = mapped_column(CodeEnum(enums.RemovalReason))
    removal_notes: Mapped[str] = _text()


class ChallengeRow(RecordRow):
    __tablename__ = "challenges"
    list_entry_ref: Mapped[str] = _ref("list_entries", required=True)
    kind: Mapped[enums.ChallengeKind] = mapped_column(CodeEnum(enums.ChallengeKind))
    loss_incurred_on: Mapped[date | None] = mapped_column(Date)
    received_on: Mapped[date | None] = mapped_column(Date)
    decision_sent_on: Mapped[date | None] = mapped_column(Date)
    outcome: Mapped[enums.ChallengeOutcome] = mapped_column(CodeEnum(enums.ChallengeOutcome))
    notes: Mapped[str] = _text()


class DisposalNoticeRow(RecordRow):
    __tablename__ = "disposal_notices"
    asset_ref: Mapped[str] = _ref("assets", required=True)
    owner_ref: Mapped[str | None] = _ref("parties")
    disposal_kind: Mapped[enums.DisposalKind] = mapped_column(CodeEnum(enums.DisposalKind))
    lease_term_years: Mapped[int | None] = mapped_column(Integer)
    vacant_possession: Mapped[bool | None] = mapped_column(Boolean)
    share_sale: Mapped[bool] = mapped_column(Boolean, default=False)
    exemption_claimed: Mapped[enums.ExemptionCode | None] = mapped_column(CodeEnum(enums.ExemptionCode))
    sent_on: Mapped[date | None] = mapped_column(Date)
    received_on: Mapped[date | None] = mapped_column(Date)
    regime: Mapped[enums.Regime] = mapped_column(CodeEnum(enums.Regime))
    published_interim_end_on: Mapped[date | None] = mapped_column(Date)
    published_full_end_on: Mapped[date | None] = mapped_column(Date)
    published_protected_end_on: Mapped[date | None] = mapped_column(Date)
    published_basis: Mapped[str] = _text()
    outcome: Mapped[enums.NoticeOutcome] = mapped_column(CodeEnum(enums.NoticeOutcome))
    outcome_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = _text()


class BidderRequestRow(RecordRow):
    __tablename__ = "bidder_requests"
    notice_ref: Mapped[str] = _ref("disposal_notices", required=True)
    group_ref: Mapped[str] = _ref("community_groups", required=True)
    sent_on: Mapped[date | None] = mapped_column(Date)
    received_on: Mapped[date | None] = mapped_column(Date)
    method: Mapped[enums.DeliveryMethod] = mapped_column(CodeEnum(enums.DeliveryMethod))
    council_counted: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    notes: Mapped[str] = _text()


class ExemptDisposalRow(RecordRow):
    __tablename__ = "exempt_disposals"
    asset_ref: Mapped[str] = _ref("assets", required=True)
    exemption: Mapped[enums.ExemptionCode] = mapped_column(CodeEnum(enums.ExemptionCode))
    disposed_on: Mapped[date] = mapped_column(Date)
    previous_owner_ref: Mapped[str | None] = _ref("parties")
    new_owner_ref: Mapped[str | None] = _ref("parties")
    notes: Mapped[str] = _text()


class TransferApplicationRow(RecordRow):
    __tablename__ = "transfer_applications"
    asset_ref: Mapped[str] = _ref("assets", required=True)
    authority_ref: Mapped[str] = _ref("authorities", required=True)
    kind: Mapped[enums.ApplicationKind] = mapped_column(CodeEnum(enums.ApplicationKind))
    transfer_type: Mapped[enums.TransferType] = mapped_column(CodeEnum(enums.TransferType))
    lease_term_years: Mapped[int | None] = mapped_column(Integer)
    stage: Mapped[str] = mapped_column(String(48))
    council_profile: Mapped[str] = _text()
    submitted_on: Mapped[date | None] = mapped_column(Date)
    validated_on: Mapped[date | None] = mapped_column(Date)
    decision_notice_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = _text()
    applicant_ref: Mapped[str | None] = _ref("community_groups")


class StageChangeRow(RecordRow):
    __tablename__ = "stage_changes"
    application_ref: Mapped[str] = _ref("transfer_applications", required=True)
    stage: Mapped[str] = mapped_column(String(48))
    changed_on: Mapped[date] = mapped_column(Date)
    notes: Mapped[str] = _text()


class PackAnswerRow(RecordRow):
    __tablename__ = "pack_answers"
    # One answer per section of an application, deleted or not: writing again brings a deleted answer back.
    __table_args__ = (UniqueConstraint("application_ref", "section", name="uq_pack_answers_application_ref_section"),)
    application_ref: Mapped[str] = _ref("transfer_applications", required=True)
    section: Mapped[str] = mapped_column(String(48))
    answer: Mapped[str] = _text()


class DocumentRow(RecordRow):
    __tablename__ = "documents"
    title: Mapped[str] = mapped_column(NAME)
    original_filename: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size_bytes: Mapped[int] = mapped_column(Integer)
    media_type: Mapped[str] = _text()
    asset_ref: Mapped[str | None] = _ref("assets")
    application_ref: Mapped[str | None] = _ref("transfer_applications")
    pack_section: Mapped[str] = _text()
    added_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    notes: Mapped[str] = _text()


class UserDeadlineRow(RecordRow):
    __tablename__ = "user_deadlines"
    title: Mapped[str] = mapped_column(NAME)
    due_on: Mapped[date] = mapped_column(Date, index=True)
    asset_ref: Mapped[str | None] = _ref("assets")
    lead_days: Mapped[int] = mapped_column(Integer, default=7)
    done_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = _text()


class DeadlineMarkRow(RecordRow):
    __tablename__ = "deadline_marks"
    # Not unique: a mark taken back stays in the trash, and the deadline can be marked again.
    uid: Mapped[str] = mapped_column(String(64), index=True)
    asset_ref: Mapped[str | None] = _ref("assets")
    state: Mapped[enums.MarkState] = mapped_column(CodeEnum(enums.MarkState))
    marked_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = _text()


class CrtbRegistrationRow(RecordRow):
    __tablename__ = "crtb_registrations"
    asset_ref: Mapped[str] = _ref("assets", required=True)
    registered_on: Mapped[date] = mapped_column(Date)
    community_body_ref: Mapped[str | None] = _ref("community_groups")
    notes: Mapped[str] = _text()


class AuditEntryRow(Base):
    __tablename__ = "audit_entries"
    __table_args__ = (Index("ix_audit_entries_record", "record_kind", "record_reference"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    user: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(16))
    record_kind: Mapped[str] = mapped_column(String(32))
    record_reference: Mapped[str] = mapped_column(REF)
    field: Mapped[str] = _text()
    old_value: Mapped[str] = _text()
    new_value: Mapped[str] = _text()
    # The record's version the change made (empty for entries written before versions were kept).
    record_version: Mapped[int | None] = mapped_column(Integer)


class ReferenceCounterRow(Base):
    """The last number given to each kind of record, so references are never reused."""

    __tablename__ = "reference_counters"

    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer)


class SettingRow(Base):
    """One of the group's settings, as JSON text under a stable key."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class DueIndexRow(Base):
    """One line What's due shows, kept ready from the asset's case so the dashboard need not work every case out.

    Derived data, never a fact: ``services.due_index`` writes it on every change that can move a date and
    ``assetreg check`` compares it with the cases. ``kind`` is "deadline" or "in_force"; ``position`` keeps the
    case's own order; ``on_date`` is the deadline's date or the day the period ends; ``payload`` is JSON.
    """

    __tablename__ = "due_index"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    asset_ref: Mapped[str] = mapped_column(REF, index=True)  # "" for tasks tied to no asset
    kind: Mapped[str] = mapped_column(String(16))
    position: Mapped[int] = mapped_column(Integer)
    on_date: Mapped[date] = mapped_column(Date, index=True)
    payload: Mapped[str] = mapped_column(Text)


class DueCoverageRow(Base):
    """The days an asset's lines in ``due_index`` hold for: from ``built_for`` to ``valid_until``, both included.

    The row with the reference "*" stands for the whole index: the day it was built for (an asset with no row
    has no clock: no line and the status "not nominated" on any day from then on) and the ``fingerprint`` of the
    settings and rules it was built with.
    """

    __tablename__ = "due_index_coverage"

    asset_ref: Mapped[str] = mapped_column(REF, primary_key=True)
    built_for: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(64), **TEXT_DEFAULT)  # the case's status, "asset:listed"
    fingerprint: Mapped[str] = mapped_column(String(64), **TEXT_DEFAULT)


class AttachmentBlobRow(Base):
    """An attachment's content kept in the database, named by its SHA-256 (a shared register has no folder
    beside it). The same content attached twice is kept once; a register file keeps its attachments in files."""

    __tablename__ = "attachment_blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size_bytes: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary)
