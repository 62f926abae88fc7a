"""Creating, reading, updating, deleting and restoring records of every kind, with the audit trail."""

from __future__ import annotations

import dataclasses
import sqlite3
from contextlib import closing
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from assetreg.domain import entities as e
from assetreg.domain.entities import AuditEntry
from assetreg.domain.enums import (
    ATR_STAGES,
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
from assetreg.domain.errors import NotFoundError, ValidationError
from assetreg.domain.records import RecordKind
from assetreg.services.records import Records
from assetreg.services.register import Changes

# The clock of the `register` fixture (tests/conftest.py).
FIXED_NOW = datetime(2025, 9, 15, 10, 30, tzinfo=UTC)
BST = timezone(timedelta(hours=1), "BST")

# One realistic record of every kind, every optional field set to something other than its default. They are
# created in this order, so each gets the first reference of its kind (PTY-0002 is the second party).
EVERY_KIND: list[tuple[str, object]] = [
    (
        "GRP-0001",
        e.CommunityGroup(
            name="Friends of the Red Lion",
            legal_form=LegalForm.COMMUNITY_BENEFIT_SOCIETY,
            is_own_group=True,
            charity_number="1187654",
            company_number="RS008123",
            society_number="8123",
            member_count=143,
            local_elector_count=120,
            local_connection="Members live in the parish of Little Snoring",
            distributes_surplus=False,
            contact_name="Priya Shah",
            address="12 Church Lane, Little Snoring",
            postcode="NR21 0AA",
            email="hello@redlionfriends.org.uk",
            phone="01328 123456",
        ),
    ),
    (
        "AUTH-0001",
        e.Authority(
            name="The Highland Council",
            code="S12000017",
            jurisdiction=Jurisdiction.SCOTLAND,
            address="Glenurquhart Road, Inverness",
            email="assets@highland.gov.uk",
            website="https://www.highland.gov.uk",
        ),
    ),
    (
        "PTY-0001",
        e.Party(
            name="Jane Holloway",
            kind=PartyKind.PERSON,
            address="The Old Rectory, Little Snoring",
            postcode="NR21 0AB",
            email="jane@example.org",
            phone="07700 900123",
            notes="Freeholder since 2001",
        ),
    ),
    ("PTY-0002", e.Party(name="Snoring Inns Ltd", notes="Buyer")),
    (
        "AST-0001",
        e.Asset(
            name="The Red Lion",
            category=AssetCategory.PUB,
            authority_ref="AUTH-0001",
            address="1 The Street, Little Snoring",
            postcode="IV2 3NF",
            uprn="100091234567",
            title_numbers=("NK123456", "NK654321"),
            latitude=57.4778,
            longitude=-4.2247,
            description="Village pub with a bowling green",
            notes="Closed since March",
        ),
    ),
    (
        "INT-0001",
        e.Interest(
            asset_ref="AST-0001",
            party_ref="PTY-0001",
            role=InterestRole.LEASEHOLDER,
            lease_term_years=30,
            since_on=date(2001, 3, 25),
            until_on=date(2031, 3, 24),
            notes="Lease registered at HM Land Registry",
        ),
    ),
    (
        "NOM-0001",
        e.Nomination(
            asset_ref="AST-0001",
            nominator_ref="GRP-0001",
            boundary_description="The pub, its car park and the bowling green, edged red on the plan",
            community_value_reasons="The only pub in the village; the bowls club plays here",
            sent_on=date(2025, 2, 3),
            received_on=date(2025, 2, 5),
            decision=NominationDecision.LISTED,
            decided_on=date(2025, 3, 28),
            decision_reasons="Furthers social wellbeing now and in the next five years",
            council_reference="ACV/2025/014",
        ),
    ),
    (
        "LST-0001",
        e.ListEntry(
            asset_ref="AST-0001",
            # kind stays LISTED: an unsuccessful entry cannot have a listing notice (validation), see EXCEPTIONS.
            kind=ListEntryKind.LISTED,
            nomination_ref="NOM-0001",
            entered_on=date(2025, 3, 28),
            notice_given_on=date(2025, 3, 31),
            council_reference="ACV-L-0042",
            regime=Regime.EDCEA2026,
            removed_on=date(2030, 3, 27),
            removal_reason=RemovalReason.EXPIRED,
            removal_notes="Five years ended",
        ),
    ),
    (
        "CHL-0001",
        e.Challenge(
            list_entry_ref="LST-0001",
            kind=ChallengeKind.COMPENSATION_CLAIM,
            loss_incurred_on=date(2025, 4, 1),
            received_on=date(2025, 5, 1),
            decision_sent_on=date(2025, 6, 20),
            outcome=ChallengeOutcome.OVERTURNED,
            notes="Claimed £4,200 for delay",
        ),
    ),
    (
        "DN-0001",
        e.DisposalNotice(
            asset_ref="AST-0001",
            owner_ref="PTY-0001",
            disposal_kind=DisposalKind.LEASE_GRANT,
            lease_term_years=99,
            vacant_possession=False,
            share_sale=True,
            exemption_claimed=ExemptionCode.BUSINESS_GOING_CONCERN,
            sent_on=date(2025, 9, 1),
            received_on=date(2025, 9, 3),
            regime=Regime.EDCEA2026,
            published_interim_end_on=date(2025, 10, 14),
            published_full_end_on=date(2026, 3, 2),
            published_protected_end_on=date(2027, 3, 2),
            published_basis="Council's letter of Thu 4 Sep 2025",
            outcome=NoticeOutcome.WITHDRAWN,
            outcome_on=date(2025, 11, 1),
            notes="Sent by the owner's agent",
        ),
    ),
    (
        "BR-0001",
        e.BidderRequest(
            notice_ref="DN-0001",
            group_ref="GRP-0001",
            sent_on=date(2025, 9, 10),
            received_on=date(2025, 9, 11),
            method=DeliveryMethod.RECORDED_DELIVERY,
            notes="Signed for by reception",
        ),
    ),
    (
        "EXD-0001",
        e.ExemptDisposal(
            asset_ref="AST-0001",
            exemption=ExemptionCode.FAMILY_MEMBER,
            disposed_on=date(2024, 12, 1),
            previous_owner_ref="PTY-0001",
            new_owner_ref="PTY-0002",
            notes="Transfer to the owner's daughter",
        ),
    ),
    (
        "TA-0001",
        e.TransferApplication(
            asset_ref="AST-0001",
            authority_ref="AUTH-0001",
            kind=ApplicationKind.SCOTTISH_ASSET_TRANSFER_REQUEST,
            transfer_type=TransferType.OTHER_RIGHTS,
            lease_term_years=5,
            stage="validated",
            council_profile="Highland asset transfer request form",
            submitted_on=date(2025, 5, 1),
            validated_on=date(2025, 5, 20),
            decision_notice_on=date(2025, 11, 14),
            notes="A five-year licence to occupy the function room",
            applicant_ref="GRP-0001",
        ),
    ),
    (
        "STG-0001",
        e.StageChange(
            application_ref="TA-0001",
            stage="submitted",
            changed_on=date(2025, 5, 1),
            notes="Handed in at the council offices",
        ),
    ),
    (
        "ANS-0001",
        e.PackAnswer(
            application_ref="TA-0001",
            section="finance",
            answer="Rent of £1 a year.\n\nRunning costs of £6,200–£7,000 a year are met from lettings.",
        ),
    ),
    (
        "DOC-0001",
        e.Document(
            title="Valuation report",
            original_filename="valuation-2025.pdf",
            sha256="3f" * 32,
            size_bytes=48213,
            media_type="application/pdf",
            asset_ref="AST-0001",
            application_ref="TA-0001",
            pack_section="business-plan",
            added_at=datetime(2025, 9, 14, 19, 5, 30, 123456, tzinfo=BST),
            notes="Commissioned from a RICS surveyor",
        ),
    ),
    (
        "TSK-0001",
        e.UserDeadline(
            title="Planning committee meeting",
            due_on=date(2025, 10, 21),
            asset_ref="AST-0001",
            lead_days=14,
            done_on=date(2025, 10, 21),
            notes="Speak for three minutes",
        ),
    ),
    (
        "MRK-0001",
        e.DeadlineMark(
            uid="TA-0001/SCOT-ATR-DECIDE",
            asset_ref="AST-0001",
            state=MarkState.NOT_APPLICABLE,
            marked_on=date(2025, 9, 12),
            notes="The council decided at its August meeting",
        ),
    ),
    (
        "CRB-0001",
        e.CrtbRegistration(
            asset_ref="AST-0001",
            registered_on=date(2024, 6, 3),
            community_body_ref="GRP-0001",
            notes="Registered by the Scottish Ministers",
        ),
    ),
]

# Fields left at their defaults in EVERY_KIND, and why.
EXCEPTIONS = {
    (e.ListEntry, "kind"): "an unsuccessful entry cannot carry the listing notice date being tested",
    (e.BidderRequest, "council_counted"): "kept only while no received day is recorded (the sample records one)",
}


def create_every_kind(records: Records) -> dict[str, object]:
    saved = {}
    for reference, entity in EVERY_KIND:
        saved[reference] = records.create(entity).value
        assert saved[reference].reference == reference
    return saved


def test_the_samples_set_every_field_to_something_other_than_its_default() -> None:
    kinds = {type(entity) for _, entity in EVERY_KIND}
    assert kinds == {kind.entity for kind in RecordKind}
    for reference, entity in EVERY_KIND:
        if reference == "PTY-0002":  # a second party, only there to be the new owner of an exempt disposal
            continue
        for field in dataclasses.fields(entity):
            if field.name == "reference" or field.default is dataclasses.MISSING:
                continue
            if (type(entity), field.name) in EXCEPTIONS:
                continue
            assert getattr(entity, field.name) != field.default, f"{type(entity).__name__}.{field.name}"


def test_every_kind_reads_back_exactly_as_saved(register) -> None:
    records = Records(register)
    create_every_kind(records)
    for reference, entity in EVERY_KIND:
        expected = dataclasses.replace(entity, reference=reference)
        assert records.get(reference) == expected, reference
    for kind in RecordKind:
        expected = [dataclasses.replace(x, reference=r) for r, x in EVERY_KIND if type(x) is kind.entity]
        assert records.list(kind) == expected, kind


def test_values_keep_their_types(register) -> None:
    records = Records(register)
    create_every_kind(records)
    document = records.get("DOC-0001")
    # A moment given in any zone comes back as the same instant, in UTC.
    assert document.added_at == datetime(2025, 9, 14, 18, 5, 30, 123456, tzinfo=UTC)
    assert document.added_at.tzinfo == UTC
    notice = records.list(RecordKind.DISPOSAL_NOTICE)[0]
    assert notice.disposal_kind is DisposalKind.LEASE_GRANT
    assert notice.vacant_possession is False
    assert notice.share_sale is True
    assert type(notice.received_on) is date
    asset = records.get("AST-0001")
    assert asset.title_numbers == ("NK123456", "NK654321")
    assert isinstance(asset.title_numbers, tuple)
    assert records.get("LST-0001").removal_reason is RemovalReason.EXPIRED


def test_the_same_record_reads_back_through_get_and_list_after_reopening(register, register_path: Path) -> None:
    records = Records(register)
    create_every_kind(records)
    register.close()
    from assetreg.services.register import Register

    reopened = Register.open(register_path)
    try:
        again = Records(reopened)
        for reference, entity in EVERY_KIND:
            assert again.get(reference) == dataclasses.replace(entity, reference=reference)
    finally:
        reopened.close()


MINIMAL: list[tuple[str, object]] = [
    ("GRP-0001", e.CommunityGroup(name="Little Snoring Parish Council", legal_form=LegalForm.PARISH_COUNCIL)),
    ("AUTH-0001", e.Authority(name="North Norfolk District Council")),
    ("PTY-0001", e.Party(name="Jane Holloway")),
    ("AST-0001", e.Asset(name="The Red Lion")),
    ("INT-0001", e.Interest(asset_ref="AST-0001", party_ref="PTY-0001", role=InterestRole.CONTACT)),
    ("NOM-0001", e.Nomination(asset_ref="AST-0001")),
    ("LST-0001", e.ListEntry(asset_ref="AST-0001", entered_on=date(2025, 3, 28))),
    ("CHL-0001", e.Challenge(list_entry_ref="LST-0001", kind=ChallengeKind.LISTING_REVIEW)),
    ("DN-0001", e.DisposalNotice(asset_ref="AST-0001")),
    ("BR-0001", e.BidderRequest(notice_ref="DN-0001", group_ref="GRP-0001")),
    ("EXD-0001", e.ExemptDisposal(asset_ref="AST-0001", exemption=ExemptionCode.GIFT, disposed_on=date(2024, 1, 2))),
    ("TA-0001", e.TransferApplication(asset_ref="AST-0001", authority_ref="AUTH-0001")),
    ("STG-0001", e.StageChange(application_ref="TA-0001", stage="idea", changed_on=date(2025, 1, 6))),
    ("ANS-0001", e.PackAnswer(application_ref="TA-0001", section="insurance", answer="Public liability £5m.")),
    ("DOC-0001", e.Document(title="Plan", original_filename="plan.pdf")),
    ("TSK-0001", e.UserDeadline(title="Ring the council", due_on=date(2025, 10, 1))),
    ("MRK-0001", e.DeadlineMark(uid="TSK-0001/TASK", marked_on=date(2025, 9, 15))),
    ("CRB-0001", e.CrtbRegistration(asset_ref="AST-0001", registered_on=date(2024, 6, 3))),
]


def test_every_kind_with_only_its_required_fields_reads_back_with_defaults(register, register_path: Path) -> None:
    records = Records(register)
    for reference, entity in MINIMAL:
        assert records.create(entity).value == dataclasses.replace(entity, reference=reference)
    for reference, entity in MINIMAL:
        assert records.get(reference) == dataclasses.replace(entity, reference=reference)
    assert {type(x) for _, x in MINIMAL} == {kind.entity for kind in RecordKind}
    # An empty reference is stored as NULL (so the foreign key holds) and read back as "".
    with closing(sqlite3.connect(register_path)) as connection:
        assert connection.execute("SELECT authority_ref FROM assets").fetchall() == [(None,)]
        assert connection.execute("SELECT nominator_ref FROM nominations").fetchall() == [(None,)]
        assert connection.execute("SELECT asset_ref, application_ref FROM documents").fetchall() == [(None, None)]
    assert records.get("AST-0001").authority_ref == ""
    assert records.list(RecordKind.DOCUMENT)[0].application_ref == ""


def test_list_filters_by_exact_field_values(register) -> None:
    records = Records(register)
    create_every_kind(records)
    records.create(e.Asset(name="The Old Forge"))
    records.create(e.Nomination(asset_ref="AST-0002"))
    assert [n.reference for n in records.list(RecordKind.NOMINATION, asset_ref="AST-0002")] == ["NOM-0002"]
    assert [n.reference for n in records.list(RecordKind.NOMINATION, decision=NominationDecision.LISTED)] == [
        "NOM-0001"
    ]
    assert records.list(RecordKind.NOMINATION, asset_ref="AST-0099") == []


# --- references -----------------------------------------------------------------------------------------


def test_references_count_up_per_kind_and_are_never_reused(register) -> None:
    records = Records(register)
    assert [records.create(e.Asset(name=f"Asset {n}")).value.reference for n in range(1, 4)] == [
        "AST-0001",
        "AST-0002",
        "AST-0003",
    ]
    assert records.create(e.Authority(name="North Norfolk District Council")).value.reference == "AUTH-0001"
    records.delete("AST-0003")
    assert records.create(e.Asset(name="Asset 4")).value.reference == "AST-0004"
    records.restore("AST-0003")
    records.delete("AST-0004")
    assert records.create(e.Asset(name="Asset 5")).value.reference == "AST-0005"
    assert [a.reference for a in records.list(RecordKind.ASSET)] == ["AST-0001", "AST-0002", "AST-0003", "AST-0005"]


def test_a_refused_record_does_not_use_up_a_reference(register) -> None:
    records = Records(register)
    with pytest.raises(ValidationError):
        records.create(e.Asset(name=""))
    with pytest.raises(ValidationError):
        records.create(e.Asset(name="The Red Lion", authority_ref="AUTH-0009"))
    assert records.create(e.Asset(name="The Red Lion")).value.reference == "AST-0001"


def test_references_are_accepted_as_people_type_them(register) -> None:
    records = Records(register)
    records.create(e.Asset(name="The Red Lion"))
    assert records.get("ast-1").reference == "AST-0001"
    assert records.get("AST0001").name == "The Red Lion"
    with pytest.raises(NotFoundError) as caught:
        records.get("AST-0002")
    assert str(caught.value) == "There is no asset AST-0002 in this register."


# --- the audit trail ------------------------------------------------------------------------------------


def entry(action: str, kind: str, reference: str, field: str = "", old: str = "", new: str = "", at=FIXED_NOW):
    return AuditEntry(
        at=at,
        user="tester",
        action=action,
        record_kind=kind,
        record_reference=reference,
        field=field,
        old_value=old,
        new_value=new,
    )


def test_create_writes_a_create_entry(register) -> None:
    records = Records(register)
    records.create(e.Asset(name="The Red Lion"))
    records.create(e.ListEntry(asset_ref="AST-0001", entered_on=date(2025, 3, 28)))
    assert records.history("AST-0001") == [entry("create", "asset", "AST-0001", new="The Red Lion")]
    assert records.history("lst-1") == [entry("create", "list-entry", "LST-0001")]


def test_update_writes_one_entry_per_changed_field_with_who_when_old_and_new(register) -> None:
    records = Records(register)
    create_every_kind(records)
    later = FIXED_NOW + timedelta(days=2, hours=3)
    register.clock = lambda: later

    changed = records.update(
        "AST-0001",
        name="Red Lion Inn",
        postcode="iv2 3nf",  # the same postcode once normalised: not a change
        title_numbers=("nk123456",),
        category=AssetCategory.PUB,  # unchanged
        latitude=57.48,
    )
    assert changed.value == dataclasses.replace(
        dict(EVERY_KIND)["AST-0001"],
        reference="AST-0001",
        name="Red Lion Inn",
        title_numbers=("NK123456",),
        latitude=57.48,
    )
    assert changed.changes == Changes(frozenset({RecordKind.ASSET}))
    assert records.history("AST-0001") == [
        entry("create", "asset", "AST-0001", new="The Red Lion"),
        entry("update", "asset", "AST-0001", "name", "The Red Lion", "Red Lion Inn", at=later),
        entry("update", "asset", "AST-0001", "title_numbers", "NK123456, NK654321", "NK123456", at=later),
        entry("update", "asset", "AST-0001", "latitude", "57.4778", "57.48", at=later),
    ]
    assert records.get("AST-0001") == changed.value


def test_update_audits_dates_enums_and_empty_values_as_text(register) -> None:
    records = Records(register)
    create_every_kind(records)
    records.update(
        "NOM-0001",
        received_on=date(2025, 2, 6),
        decision=NominationDecision.UNSUCCESSFUL,
        decided_on=None,
        nominator_ref="",
    )
    updates = [h for h in records.history("NOM-0001") if h.action == "update"]
    assert updates == [
        entry("update", "nomination", "NOM-0001", "received_on", "2025-02-05", "2025-02-06"),
        entry("update", "nomination", "NOM-0001", "decision", "listed", "unsuccessful"),
        entry("update", "nomination", "NOM-0001", "decided_on", "2025-03-28", ""),
        entry("update", "nomination", "NOM-0001", "nominator_ref", "GRP-0001", ""),
    ]
    nomination = records.get("NOM-0001")
    assert (nomination.decided_on, nomination.nominator_ref) == (None, "")


def test_an_update_that_changes_nothing_writes_nothing(register, register_path: Path) -> None:
    records = Records(register)
    created = records.create(e.Asset(name="The Red Lion", postcode="NR21 0AA")).value
    register.clock = lambda: FIXED_NOW + timedelta(hours=1)

    same = records.update("AST-0001", name="The Red Lion", postcode="nr21 0aa")
    nothing = records.update("AST-0001")

    assert same.value == created
    assert nothing.value == created
    assert same.changes == Changes() and not same.changes
    assert same.changes.kinds == frozenset()
    assert records.history("AST-0001") == [entry("create", "asset", "AST-0001", new="The Red Lion")]
    with closing(sqlite3.connect(register_path)) as connection:
        assert connection.execute("SELECT updated_at FROM assets").fetchall() == [("2025-09-15 10:30:00.000000",)]


def test_a_refused_update_changes_nothing(register) -> None:
    records = Records(register)
    records.create(e.Asset(name="The Red Lion"))
    with pytest.raises(ValidationError) as caught:
        records.update("AST-0001", name="Red Lion Inn", postcode="not a postcode")
    assert set(caught.value.problems) == {"postcode"}
    with pytest.raises(ValidationError) as caught:
        records.update("AST-0001", colour="red", name="Red Lion Inn")
    assert set(caught.value.problems) == {"colour"}
    assert caught.value.problems["colour"].startswith("“colour” cannot be changed: assets have no such field.")
    assert records.get("AST-0001").name == "The Red Lion"
    assert [h.action for h in records.history("AST-0001")] == ["create"]


# --- links between records ------------------------------------------------------------------------------


def test_a_record_pointing_at_a_missing_reference_is_refused_naming_each_field(register) -> None:
    records = Records(register)
    with pytest.raises(ValidationError) as caught:
        records.create(e.Interest(asset_ref="AST-0099", party_ref="PTY-0042", role=InterestRole.OCCUPIER))
    assert caught.value.problems == {
        "asset_ref": "There is no asset AST-0099 in this register; check the reference.",
        "party_ref": "There is no party PTY-0042 in this register; check the reference.",
    }
    assert records.list(RecordKind.INTEREST) == []


def test_a_reference_to_a_record_of_another_kind_or_a_deleted_one_is_refused(register) -> None:
    records = Records(register)
    records.create(e.Asset(name="The Red Lion"))
    with pytest.raises(ValidationError) as caught:
        records.create(e.Asset(name="The Old Forge", authority_ref="AST-0001"))
    assert caught.value.problems == {
        "authority_ref": "There is no authority AST-0001 in this register; check the reference."
    }
    records.create(e.DisposalNotice(asset_ref="AST-0001"))
    records.delete("AST-0001")
    with pytest.raises(ValidationError) as caught:
        records.create(e.UserDeadline(title="Ring the council", due_on=date(2025, 10, 1), asset_ref="AST-0001"))
    assert set(caught.value.problems) == {"asset_ref"}
    records.create(e.Asset(name="The Old Forge"))
    with pytest.raises(ValidationError) as caught:
        records.update("AST-0002", authority_ref="AUTH-0001")
    assert set(caught.value.problems) == {"authority_ref"}


def test_a_list_entry_before_its_nomination_was_received_is_refused(register) -> None:
    records = Records(register)
    records.create(e.Asset(name="The Red Lion"))
    records.create(e.Nomination(asset_ref="AST-0001", received_on=date(2025, 10, 20)))
    with pytest.raises(ValidationError) as caught:
        records.create(e.ListEntry(asset_ref="AST-0001", nomination_ref="NOM-0001", entered_on=date(2025, 10, 10)))
    assert set(caught.value.problems) == {"entered_on"}


def test_a_stage_change_must_be_a_stage_of_its_application(register) -> None:
    records = Records(register)
    records.create(e.Asset(name="The Red Lion"))
    records.create(e.Authority(name="The Highland Council", jurisdiction=Jurisdiction.SCOTLAND))
    records.create(
        e.TransferApplication(
            asset_ref="AST-0001",
            authority_ref="AUTH-0001",
            kind=ApplicationKind.SCOTTISH_ASSET_TRANSFER_REQUEST,
            stage="draft",
        )
    )
    with pytest.raises(ValidationError) as caught:
        records.create(e.StageChange(application_ref="TA-0001", stage="heads-of-terms", changed_on=date(2025, 5, 1)))
    assert set(caught.value.problems) == {"stage"}
    assert caught.value.problems == {
        "stage": "“heads-of-terms” is not a stage of TA-0001; choose one of: " + ", ".join(ATR_STAGES) + "."
    }


# --- deleting and restoring -----------------------------------------------------------------------------


@pytest.fixture
def chain(register) -> Records:
    """An asset with a disposal notice, a bidder request on it, and the group that sent it."""
    records = Records(register)
    records.create(e.CommunityGroup(name="Friends of the Red Lion", legal_form=LegalForm.CHARITY))
    records.create(e.Asset(name="The Red Lion"))
    records.create(e.DisposalNotice(asset_ref="AST-0001", received_on=date(2025, 9, 3)))
    records.create(e.BidderRequest(notice_ref="DN-0001", group_ref="GRP-0001", received_on=date(2025, 9, 11)))
    return records


def deleted_at(path: Path, table: str) -> list[tuple]:
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute(f"SELECT reference, deleted_at FROM {table} ORDER BY id").fetchall()


def test_delete_is_soft_and_cascades_to_dependants(chain: Records, register_path: Path) -> None:
    asset = chain.get("AST-0001")
    notice = chain.get("DN-0001")
    request = chain.get("BR-0001")

    deleted = chain.delete("AST-0001")

    assert sorted(deleted.value) == ["AST-0001", "BR-0001", "DN-0001"]
    assert deleted.value[0] == "AST-0001"
    assert deleted.changes.kinds == {RecordKind.ASSET, RecordKind.DISPOSAL_NOTICE, RecordKind.BIDDER_REQUEST}
    for kind in (RecordKind.ASSET, RecordKind.DISPOSAL_NOTICE, RecordKind.BIDDER_REQUEST):
        assert chain.list(kind) == []
    assert chain.trash(RecordKind.ASSET) == [asset]
    assert chain.trash(RecordKind.DISPOSAL_NOTICE) == [notice]
    assert chain.trash(RecordKind.BIDDER_REQUEST) == [request]
    for reference in ("AST-0001", "DN-0001", "BR-0001"):
        with pytest.raises(NotFoundError):
            chain.get(reference)
    # The group the request came from does not depend on the asset and stays.
    assert [g.reference for g in chain.list(RecordKind.GROUP)] == ["GRP-0001"]
    assert chain.trash(RecordKind.GROUP) == []
    # Nothing left the file: the rows are only marked.
    stamp = "2025-09-15 10:30:00.000000"
    assert deleted_at(register_path, "assets") == [("AST-0001", stamp)]
    assert deleted_at(register_path, "disposal_notices") == [("DN-0001", stamp)]
    assert deleted_at(register_path, "bidder_requests") == [("BR-0001", stamp)]
    assert deleted_at(register_path, "community_groups") == [("GRP-0001", None)]
    assert chain.history("BR-0001")[-1] == entry("delete", "bidder-request", "BR-0001")
    assert chain.history("DN-0001")[-1] == entry("delete", "disposal-notice", "DN-0001")


def test_a_record_reached_by_two_links_is_deleted_listed_and_restored_once(chain: Records) -> None:
    # The listing hangs from the asset and from its nomination: the asset's dependants reach it twice.
    chain.create(e.Nomination(asset_ref="AST-0001", received_on=date(2025, 3, 1)))
    chain.create(e.ListEntry(asset_ref="AST-0001", nomination_ref="NOM-0001", entered_on=date(2025, 4, 20)))
    going = [r.reference for r in chain.dependants("AST-0001")]
    assert sorted(going) == ["BR-0001", "DN-0001", "LST-0001", "NOM-0001"]
    deleted = chain.delete("AST-0001").value
    assert sorted(deleted) == ["AST-0001", "BR-0001", "DN-0001", "LST-0001", "NOM-0001"]
    assert [x.action for x in chain.history("LST-0001")].count("delete") == 1
    restored = chain.restore("AST-0001").value
    assert sorted(restored) == sorted(deleted)
    assert [x.action for x in chain.history("LST-0001")].count("restore") == 1
    assert [x.reference for x in chain.list(RecordKind.LIST_ENTRY)] == ["LST-0001"]


def test_restore_brings_back_everything_deleted_with_it(chain: Records, register_path: Path) -> None:
    before = {ref: chain.get(ref) for ref in ("AST-0001", "DN-0001", "BR-0001")}
    chain.delete("AST-0001")

    restored = chain.restore("ast-1")

    assert sorted(restored.value) == ["AST-0001", "BR-0001", "DN-0001"]
    assert restored.changes.kinds == {RecordKind.ASSET, RecordKind.DISPOSAL_NOTICE, RecordKind.BIDDER_REQUEST}
    assert {ref: chain.get(ref) for ref in before} == before
    assert chain.trash(RecordKind.ASSET) == chain.trash(RecordKind.BIDDER_REQUEST) == []
    assert deleted_at(register_path, "bidder_requests") == [("BR-0001", None)]
    assert [h.action for h in chain.history("BR-0001")] == ["create", "delete", "restore"]


def test_deleting_a_notice_takes_its_requests_but_not_its_asset(chain: Records) -> None:
    assert sorted(chain.delete("DN-0001").value) == ["BR-0001", "DN-0001"]
    assert [a.reference for a in chain.list(RecordKind.ASSET)] == ["AST-0001"]
    # Deleting the asset later does not touch what was already in the trash...
    assert chain.delete("AST-0001").value == ["AST-0001"]
    # ...and restoring a child whose parent is deleted is refused.
    with pytest.raises(ValidationError) as caught:
        chain.restore("DN-0001")
    assert caught.value.problems == {
        "asset_ref": "DN-0001 belongs to AST-0001, which is deleted; restore AST-0001 instead."
    }
    assert [n.reference for n in chain.trash(RecordKind.DISPOSAL_NOTICE)] == ["DN-0001"]


def test_restoring_a_request_whose_notice_is_deleted_is_refused(chain: Records) -> None:
    chain.delete("AST-0001")
    with pytest.raises(ValidationError) as caught:
        chain.restore("BR-0001")
    assert caught.value.problems == {
        "notice_ref": "BR-0001 belongs to DN-0001, which is deleted; restore DN-0001 instead."
    }
    assert chain.list(RecordKind.BIDDER_REQUEST) == []


def test_restoring_a_live_record_or_deleting_a_missing_one_is_refused(chain: Records) -> None:
    with pytest.raises(NotFoundError) as caught:
        chain.restore("AST-0001")
    assert str(caught.value) == "AST-0001 is not in the trash, so there is nothing to restore."
    with pytest.raises(NotFoundError):
        chain.delete("AST-0009")
    chain.delete("AST-0001")
    with pytest.raises(NotFoundError):
        chain.delete("AST-0001")


def test_restoring_one_asset_does_not_restore_another_deleted_at_the_same_moment(chain: Records) -> None:
    # The register's clock is fixed, so both deletions carry the same time; in real use two deletions can
    # share a timestamp too (a coarse clock, or a bulk delete). Restoring must follow the links, not the time.
    chain.create(e.Asset(name="The Old Forge"))
    chain.create(e.DisposalNotice(asset_ref="AST-0002", received_on=date(2025, 9, 4)))
    chain.delete("AST-0001")
    chain.delete("AST-0002")

    restored = chain.restore("AST-0001")

    assert sorted(restored.value) == ["AST-0001", "BR-0001", "DN-0001"]
    assert [n.reference for n in chain.list(RecordKind.DISPOSAL_NOTICE)] == ["DN-0001"]
    assert [n.reference for n in chain.trash(RecordKind.DISPOSAL_NOTICE)] == ["DN-0002"]


def test_changes_say_which_kinds_changed(register) -> None:
    records = Records(register)
    assert records.create(e.Asset(name="The Red Lion")).changes.kinds == {RecordKind.ASSET}
    assert records.create(e.Party(name="Jane Holloway")).changes.kinds == {RecordKind.PARTY}
    interest = records.create(e.Interest(asset_ref="AST-0001", party_ref="PTY-0001", role=InterestRole.OCCUPIER))
    assert interest.changes.kinds == {RecordKind.INTEREST}
    assert records.update("INT-0001", notes="Runs the pub").changes.kinds == {RecordKind.INTEREST}
    assert records.delete("PTY-0001").changes.kinds == {RecordKind.PARTY, RecordKind.INTEREST}
    combined = Changes(frozenset({RecordKind.ASSET})) | Changes(frozenset({RecordKind.PARTY}))
    assert combined.kinds == {RecordKind.ASSET, RecordKind.PARTY}
    assert bool(combined) is True
    assert bool(Changes()) is False


def test_a_notice_received_from_the_2026_commencement_is_recorded_under_it_and_earlier_ones_never_change(register):
    from assetreg.domain.enums import Regime
    from assetreg.domain.settings import Settings
    from assetreg.services.settings import save_settings

    records = Records(register)
    asset = records.create(e.Asset(name="The Red Lion")).value.reference
    before = records.create(e.DisposalNotice(asset_ref=asset, received_on=date(2025, 8, 31))).value
    save_settings(register, Settings(new_regime_commencement=date(2026, 1, 1)))
    after = records.create(e.DisposalNotice(asset_ref=asset, received_on=date(2026, 1, 1))).value
    listed = records.create(e.ListEntry(asset_ref=asset, entered_on=date(2025, 12, 31))).value
    assert (before.regime, after.regime, listed.regime) == (Regime.LA2011, Regime.EDCEA2026, Regime.LA2011)
    assert records.get(before.reference).regime is Regime.LA2011  # setting the date rewrote nothing
