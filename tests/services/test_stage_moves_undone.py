"""Taking a stage move back and making it again (the app's undo and redo of a move) on a real register: the
step to the trash and back, the application's stage with it, in one transaction each, and the refusals."""

from __future__ import annotations

from datetime import date

import pytest

from assetreg.domain import entities as e
from assetreg.domain.eligibility import surplus_matters
from assetreg.domain.enums import ApplicationKind, LegalForm
from assetreg.domain.errors import NotFoundError, ValidationError
from assetreg.domain.records import RecordKind
from assetreg.services.applications import check_move, make_move_again, move_to_stage, take_back_move
from assetreg.services.records import Records
from assetreg.services.register import Register


@pytest.fixture
def request_ref(register: Register) -> str:
    """A Scottish asset transfer request submitted on Tue 1 Jul 2025."""
    records = Records(register)
    council = records.create(e.Authority(name="The Highland Council")).value.reference
    asset = records.create(e.Asset(name="Inverbrae Old Schoolhouse", authority_ref=council)).value.reference
    made = records.create(
        e.TransferApplication(
            asset_ref=asset,
            authority_ref=council,
            kind=ApplicationKind.SCOTTISH_ASSET_TRANSFER_REQUEST,
            council_profile="scottish-atr",
            stage="submitted",
        )
    ).value.reference
    records.create(e.StageChange(application_ref=made, stage="submitted", changed_on=date(2025, 7, 1)))
    return made


def live_stages(register: Register, reference: str) -> list[str]:
    steps = Records(register).list(RecordKind.STAGE_CHANGE, application_ref=reference)
    return [s.stage for s in sorted(steps, key=lambda s: (s.changed_on, s.reference))]


def test_a_move_taken_back_and_made_again(register: Register, request_ref: str) -> None:
    step = move_to_stage(register, request_ref, "validated", date(2025, 7, 15)).value.reference
    records = Records(register)
    back = take_back_move(register, step)
    assert back.value.stage == "submitted" == records.get(request_ref).stage
    assert live_stages(register, request_ref) == ["submitted"]
    assert [s.reference for s in records.trash(RecordKind.STAGE_CHANGE)] == [step]
    again = make_move_again(register, step)
    assert again.value.stage == "validated" == records.get(request_ref).stage
    assert live_stages(register, request_ref) == ["submitted", "validated"]
    assert records.get(step).changed_on == date(2025, 7, 15)
    trail = [(a.action, a.field, a.old_value, a.new_value) for a in records.history(request_ref)]
    assert trail[-3:] == [
        ("update", "stage", "submitted", "validated"),
        ("update", "stage", "validated", "submitted"),
        ("update", "stage", "submitted", "validated"),
    ]
    assert [a.action for a in records.history(step)] == ["create", "delete", "restore"]


def test_only_the_latest_move_is_taken_back_and_never_the_first_step(register: Register, request_ref: str) -> None:
    (first,) = Records(register).list(RecordKind.STAGE_CHANGE, application_ref=request_ref)
    with pytest.raises(ValidationError, match="delete the application instead"):
        take_back_move(register, first.reference)
    validated = move_to_stage(register, request_ref, "validated", date(2025, 7, 15)).value.reference
    move_to_stage(register, request_ref, "refused", date(2025, 9, 12))
    with pytest.raises(ValidationError, match=r"A later stage \(Refused\) has been recorded since; take that back"):
        take_back_move(register, validated)
    assert Records(register).get(request_ref).stage == "refused"  # nothing was written
    assert live_stages(register, request_ref) == ["submitted", "validated", "refused"]


def test_a_move_made_again_after_a_later_one_is_refused_and_writes_nothing(register: Register, request_ref) -> None:
    step = move_to_stage(register, request_ref, "validated", date(2025, 7, 15)).value.reference
    take_back_move(register, step)
    move_to_stage(register, request_ref, "lapsed", date(2025, 8, 1))
    with pytest.raises(ValidationError, match="cannot come back"):
        make_move_again(register, step)
    assert [s.reference for s in Records(register).trash(RecordKind.STAGE_CHANGE)] == [step]
    assert Records(register).get(request_ref).stage == "lapsed"
    with pytest.raises(NotFoundError):
        make_move_again(register, "STG-0099")


def test_check_move_refuses_as_the_move_would_without_writing(register: Register, request_ref: str) -> None:
    with pytest.raises(ValidationError) as refused:
        check_move(register, request_ref, "validated", date(2025, 6, 30))
    assert set(refused.value.problems) == {"changed_on"}
    check_move(register, request_ref, "validated", date(2025, 7, 15))
    assert live_stages(register, request_ref) == ["submitted"]


def test_the_surplus_question_belongs_to_the_forms_it_decides() -> None:
    asked = {form for form in LegalForm if surplus_matters(form)}
    assert asked == {
        LegalForm.UNINCORPORATED_BODY,
        LegalForm.COMPANY_LIMITED_BY_GUARANTEE,
        LegalForm.COMMUNITY_BENEFIT_SOCIETY,
    }
