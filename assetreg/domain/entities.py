"""The records of a register as frozen dataclasses.

A record points at another by its short reference (``asset_ref="AST-0001"``), never by a database id, so these
values can travel to the GUI, reports and exports unchanged. ``reference`` is empty until the record is saved.
Dates are kept by kind — ``sent_on``, ``received_on``, ``given_on``, ``entered_on`` — because different rules
run from different ones (RULES.md §3).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from .enums import (
    ApplicationKind,
    AssetCategory,
    ChallengeKind,
    ChallengeOutcome,
    DeliveryMethod,
    DisposalKind,
    ExemptionCode,
    InterestRole,
    Jurisdiction,
    LegalForm,
    ListEntryKind,
    MarkState,
    NominationDecision,
    NoticeOutcome,
    PartyKind,
    Regime,
    RemovalReason,
    TransferType,
)

record = dataclass(frozen=True, kw_only=True, slots=True)


@record
class CommunityGroup:
    """A voluntary or community body or parish council: the user's own group, or another one they deal with."""

    reference: str = ""
    name: str
    legal_form: LegalForm
    is_own_group: bool = False
    charity_number: str = ""
    company_number: str = ""
    society_number: str = ""
    member_count: int | None = None
    local_elector_count: int | None = None
    local_connection: str = ""
    # Reg 5(1)(f): whether the body distributes any surplus to its members. None when not known, so the app
    # never says either way on the group's behalf.
    distributes_surplus: bool | None = None
    contact_name: str = ""
    address: str = ""
    postcode: str = ""
    email: str = ""
    phone: str = ""


@record
class Authority:
    """A council or other authority that keeps a list of assets or decides transfer applications."""

    reference: str = ""
    name: str
    code: str = ""
    jurisdiction: Jurisdiction = Jurisdiction.ENGLAND
    address: str = ""
    email: str = ""
    website: str = ""


@record
class Party:
    """A person or organisation: an owner, freeholder, leaseholder, occupier or contact."""

    reference: str = ""
    name: str
    kind: PartyKind = PartyKind.ORGANISATION
    address: str = ""
    postcode: str = ""
    email: str = ""
    phone: str = ""
    notes: str = ""


@record
class Asset:
    """Land or a building the community values."""

    reference: str = ""
    name: str
    category: AssetCategory = AssetCategory.OTHER
    authority_ref: str = ""
    address: str = ""
    postcode: str = ""
    uprn: str = ""
    title_numbers: tuple[str, ...] = ()
    latitude: float | None = None
    longitude: float | None = None
    description: str = ""
    notes: str = ""


@record
class Interest:
    """A party's connection with an asset: freeholder, leaseholder (with term), occupier or contact."""

    reference: str = ""
    asset_ref: str
    party_ref: str
    role: InterestRole
    lease_term_years: int | None = None
    since_on: date | None = None
    until_on: date | None = None
    notes: str = ""


@record
class Nomination:
    """A nomination of an asset for listing (s.89; regs 4–6)."""

    reference: str = ""
    asset_ref: str
    nominator_ref: str = ""
    boundary_description: str = ""
    community_value_reasons: str = ""
    sent_on: date | None = None
    received_on: date | None = None
    decision: NominationDecision = NominationDecision.PENDING
    decided_on: date | None = None
    decision_reasons: str = ""
    council_reference: str = ""


@record
class ListEntry:
    """An entry on the council's list of assets of community value or its list of unsuccessful nominations."""

    reference: str = ""
    asset_ref: str
    kind: ListEntryKind = ListEntryKind.LISTED
    nomination_ref: str = ""
    entered_on: date
    notice_given_on: date | None = None
    council_reference: str = ""
    regime: Regime = Regime.LA2011
    removed_on: date | None = None
    removal_reason: RemovalReason | None = None
    removal_notes: str = ""


@record
class Challenge:
    """An owner's review or tribunal appeal of a listing, or a compensation claim and its review or appeal."""

    reference: str = ""
    list_entry_ref: str
    kind: ChallengeKind
    loss_incurred_on: date | None = None
    received_on: date | None = None
    decision_sent_on: date | None = None
    outcome: ChallengeOutcome = ChallengeOutcome.PENDING
    notes: str = ""


@record
class DisposalNotice:
    """One owner's notice of intention to make a relevant disposal (s.95(2)); one per notice per owner."""

    reference: str = ""
    asset_ref: str
    owner_ref: str = ""
    disposal_kind: DisposalKind = DisposalKind.FREEHOLD
    lease_term_years: int | None = None
    vacant_possession: bool | None = None
    share_sale: bool = False
    exemption_claimed: ExemptionCode | None = None
    sent_on: date | None = None
    received_on: date | None = None
    regime: Regime = Regime.LA2011
    published_interim_end_on: date | None = None
    published_full_end_on: date | None = None
    published_protected_end_on: date | None = None
    published_basis: str = ""
    outcome: NoticeOutcome = NoticeOutcome.OPEN
    outcome_on: date | None = None
    notes: str = ""


@record
class BidderRequest:
    """A community interest group's written request to be treated as a potential bidder (s.95(3))."""

    reference: str = ""
    notice_ref: str
    group_ref: str
    sent_on: date | None = None
    received_on: date | None = None
    method: DeliveryMethod = DeliveryMethod.EMAIL
    # The council's list says the group asked (Camden's "Community group which triggered full moratorium") but not
    # the day its request was received: while that day is not recorded, the council's word is taken for it.
    council_counted: bool = False
    notes: str = ""


@record
class ExemptDisposal:
    """A disposal that did not trigger a moratorium (s.95(5), Sch 3); the land stays listed."""

    reference: str = ""
    asset_ref: str
    exemption: ExemptionCode
    disposed_on: date
    previous_owner_ref: str = ""
    new_owner_ref: str = ""
    notes: str = ""


@record
class TransferApplication:
    """A community asset transfer application (England/Wales) or a Scottish asset transfer request."""

    reference: str = ""
    asset_ref: str
    authority_ref: str
    kind: ApplicationKind = ApplicationKind.COMMUNITY_ASSET_TRANSFER
    transfer_type: TransferType = TransferType.LEASE
    lease_term_years: int | None = None
    stage: str = "idea"
    council_profile: str = ""
    submitted_on: date | None = None
    validated_on: date | None = None
    decision_notice_on: date | None = None
    notes: str = ""
    # The group applying, when it is not the user's own (a parish council or partner body): "" means our group.
    applicant_ref: str = ""


@record
class StageChange:
    """One dated step in a transfer application's history."""

    reference: str = ""
    application_ref: str
    stage: str
    changed_on: date
    notes: str = ""


@record
class PackAnswer:
    """The group's written answer to one section of a transfer application's pack (one per section)."""

    reference: str = ""
    application_ref: str
    section: str  # a pack section code (``pack_sections.SECTION_CODES``)
    answer: str


@record
class Document:
    """A file attached to an asset or application, stored once by content hash beside the register."""

    reference: str = ""
    title: str
    original_filename: str
    sha256: str = ""
    size_bytes: int = 0
    media_type: str = ""
    asset_ref: str = ""
    application_ref: str = ""
    pack_section: str = ""
    added_at: datetime | None = None
    notes: str = ""


@record
class UserDeadline:
    """A dated task the user adds themselves (for example, the council's committee date)."""

    reference: str = ""
    title: str
    due_on: date
    asset_ref: str = ""
    lead_days: int = 7
    done_on: date | None = None
    notes: str = ""


@record
class DeadlineMark:
    """The group's word that one deadline is done, or does not apply to them; who and when are in the audit trail.

    ``uid`` is the ``AssetDeadline.uid`` it marks (``DN-0001/ACV-IMP-END``, ``TSK-0003/TASK``). A mark whose
    deadline no longer exists (its notice deleted, its rule no longer applying) simply marks nothing.
    """

    reference: str = ""
    uid: str
    asset_ref: str = ""  # the asset the deadline belongs to, so the mark goes to the trash with it
    state: MarkState = MarkState.DONE
    marked_on: date | None = None  # the day it was done or found not to apply; set to the day marked if not given
    notes: str = ""


@record
class CrtbRegistration:
    """A community interest in land registered under the community right to buy (Land Reform (Scotland) Act 2003
    Part 2); the registration lasts five years unless renewed."""

    reference: str = ""
    asset_ref: str
    registered_on: date
    community_body_ref: str = ""  # the community body that registered the interest
    notes: str = ""


@record
class AuditEntry:
    """One change to one field of one record: who, when, what, from and to."""

    at: datetime
    user: str
    action: str
    record_kind: str
    record_reference: str
    field: str = ""
    old_value: str = ""
    new_value: str = ""
