"""The group's written answers to the sections of a transfer application's pack, on a real register."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.exc import IntegrityError

from assetreg.db.repositories import RecordRepository
from assetreg.domain import entities as e
from assetreg.domain.enums import ApplicationKind, Jurisdiction
from assetreg.domain.errors import NotFoundError, ValidationError
from assetreg.domain.records import RecordKind
from assetreg.services.applications import pack_answer, pack_checklist, save_pack_answer
from assetreg.services.records import Records
from assetreg.services.register import Register

FINANCE = "We will pay rent of £1 a year.\n\nRunning costs of £6,200–£7,000 a year are met from lettings."


@pytest.fixture
def records(register: Register) -> Records:
    """A register with one council transfer (TA-0001, every section) and one Scottish request (TA-0002)."""
    records = Records(register)
    council = records.create(e.Authority(name="Sevenoaks District Council")).value.reference
    highland = records.create(e.Authority(name="The Highland Council", jurisdiction=Jurisdiction.SCOTLAND)).value
    asset = records.create(e.Asset(name="Ashcombe Youth Centre", authority_ref=council)).value.reference
    records.create(e.TransferApplication(asset_ref=asset, authority_ref=council, council_profile="sevenoaks"))
    records.create(
        e.TransferApplication(
            asset_ref=asset,
            authority_ref=highland.reference,
            kind=ApplicationKind.SCOTTISH_ASSET_TRANSFER_REQUEST,
            stage="draft",
        )
    )
    return records


def answers(register: Register, application: str = "TA-0001") -> dict[str, str]:
    return {s.code: s.answer for s in pack_checklist(register, application).sections if s.answered}


def test_writing_an_answer_makes_a_record_the_checklist_shows(register: Register, records: Records) -> None:
    changed = save_pack_answer(register, "ta-1", "finance", FINANCE)  # typed as a person might
    assert changed.changes.kinds == {RecordKind.PACK_ANSWER}
    assert changed.value == e.PackAnswer(
        reference="ANS-0001", application_ref="TA-0001", section="finance", answer=FINANCE
    )
    assert records.get("ANS-0001") == changed.value
    assert pack_answer(register, "TA-0001", "finance") == changed.value
    checklist = pack_checklist(register, "TA-0001")
    assert checklist.section("finance").answer == FINANCE
    assert checklist.section("finance").answered and not checklist.section("finance").present
    assert checklist.section("insurance").answer == ""
    assert len(checklist.unanswered) == 11
    (created,) = records.history("ANS-0001")
    assert (created.action, created.user, created.record_kind, created.new_value) == (
        "create",
        "tester",
        "pack-answer",
        "finance",
    )


def test_a_section_with_no_answer_reads_as_empty(register: Register, records: Records) -> None:
    assert pack_answer(register, "TA-0001", "finance") is None
    assert answers(register) == {}
    assert all(s.answer == "" for s in pack_checklist(register, "TA-0002").sections)


def test_writing_again_changes_the_same_answer_and_audits_the_text(register: Register, records: Records) -> None:
    first = save_pack_answer(register, "TA-0001", "finance", "Rent of £1 a year.").value
    changed = save_pack_answer(register, "TA-0001", "finance", FINANCE)
    assert changed.value.reference == first.reference
    assert changed.changes.kinds == {RecordKind.PACK_ANSWER}
    assert answers(register) == {"finance": FINANCE}
    assert len(records.list(RecordKind.PACK_ANSWER)) == 1
    update = records.history(first.reference)[-1]
    assert (update.action, update.field, update.old_value, update.new_value) == (
        "update",
        "answer",
        "Rent of £1 a year.",
        FINANCE,
    )


def test_the_same_text_again_changes_nothing(register: Register, records: Records) -> None:
    save_pack_answer(register, "TA-0001", "finance", FINANCE)
    again = save_pack_answer(register, "TA-0001", "finance", f"  {FINANCE}\n")  # only the ends differ
    assert not again.changes
    assert again.value.answer == FINANCE
    assert [h.action for h in records.history("ANS-0001")] == ["create"]


def test_the_text_is_kept_with_plain_line_endings(register: Register, records: Records) -> None:
    saved = save_pack_answer(register, "TA-0001", "capacity", "Nine committee members.\r\n\r\nTwo staff.\r\n").value
    assert saved.answer == "Nine committee members.\n\nTwo staff."


def test_a_long_answer_is_kept_whole(register: Register, records: Records) -> None:
    long = "\n\n".join(
        f"Paragraph {n}. " + "The centre will be open to everyone in the parish. " * 30 for n in range(40)
    )
    save_pack_answer(register, "TA-0001", "proposal-and-outcomes", long)
    assert answers(register)["proposal-and-outcomes"] == long.strip()


@pytest.mark.parametrize("blank", ["", "   ", "\n\n"])
def test_blank_text_moves_the_answer_to_the_trash(register: Register, records: Records, blank: str) -> None:
    save_pack_answer(register, "TA-0001", "finance", FINANCE)
    removed = save_pack_answer(register, "TA-0001", "finance", blank)
    assert removed.value is None
    assert removed.changes.kinds == {RecordKind.PACK_ANSWER}
    assert answers(register) == {}
    assert pack_answer(register, "TA-0001", "finance") is None
    assert [a.reference for a in records.trash(RecordKind.PACK_ANSWER)] == ["ANS-0001"]
    assert records.history("ANS-0001")[-1].action == "delete"
    # Nothing to remove: nothing changes.
    assert not save_pack_answer(register, "TA-0001", "finance", blank).changes
    assert not save_pack_answer(register, "TA-0001", "insurance", blank).changes


def test_writing_to_a_section_whose_answer_is_in_the_trash_brings_it_back(register: Register, records: Records) -> None:
    save_pack_answer(register, "TA-0001", "finance", "Rent of £1 a year.")
    save_pack_answer(register, "TA-0001", "finance", "")
    changed = save_pack_answer(register, "TA-0001", "finance", FINANCE)
    assert changed.value.reference == "ANS-0001"  # one answer, one reference, for the life of the section
    assert changed.changes.kinds == {RecordKind.PACK_ANSWER}
    assert answers(register) == {"finance": FINANCE}
    assert records.trash(RecordKind.PACK_ANSWER) == []
    assert [h.action for h in records.history("ANS-0001")] == ["create", "delete", "restore", "update"]
    # A cleared answer can also come back from the trash as it was.
    save_pack_answer(register, "TA-0001", "finance", "")
    records.restore("ANS-0001")
    assert answers(register) == {"finance": FINANCE}


def test_each_application_and_section_has_its_own_answer(register: Register, records: Records) -> None:
    save_pack_answer(register, "TA-0001", "finance", FINANCE)
    save_pack_answer(register, "TA-0001", "insurance", "Public liability £5m.")
    save_pack_answer(register, "TA-0002", "finance", "A business plan for five years.")  # "Business plan" there
    assert answers(register) == {"finance": FINANCE, "insurance": "Public liability £5m."}
    assert answers(register, "TA-0002") == {"finance": "A business plan for five years."}
    assert pack_checklist(register, "TA-0002").section("finance").name == "Business plan"


def test_a_section_the_council_does_not_ask_for_is_refused(register: Register, records: Records) -> None:
    with pytest.raises(ValidationError) as refused:
        save_pack_answer(register, "TA-0002", "insurance", "Public liability £5m.")
    assert refused.value.problems["section"].startswith(
        "Scottish asset transfer request does not ask for a section “insurance”; choose one of: organisation-and-status"
    )
    with pytest.raises(ValidationError):
        save_pack_answer(register, "TA-0001", "business-plan", FINANCE)
    assert records.list(RecordKind.PACK_ANSWER) == []


@pytest.mark.parametrize("reference", ["TA-0099", "AST-0001", "ANS-0001"])
def test_an_answer_for_something_that_is_not_an_application_is_refused(
    register: Register, records: Records, reference: str
) -> None:
    save_pack_answer(register, "TA-0001", "finance", FINANCE)
    with pytest.raises(NotFoundError, match="transfer application"):
        save_pack_answer(register, reference, "finance", FINANCE)


def test_a_second_answer_to_the_same_section_is_refused_with_a_clear_message(
    register: Register, records: Records
) -> None:
    save_pack_answer(register, "TA-0001", "finance", FINANCE)
    second = e.PackAnswer(application_ref="TA-0001", section="finance", answer="Another answer.")
    with pytest.raises(ValidationError) as refused:
        records.create(second)
    assert refused.value.problems == {
        "section": "TA-0001 already has an answer for “Finance” (ANS-0001); change that one instead."
    }
    save_pack_answer(register, "TA-0001", "finance", "")
    with pytest.raises(ValidationError) as refused:
        records.create(second)
    assert refused.value.problems == {
        "section": "TA-0001's answer for “Finance” (ANS-0001) is in the trash; restore it and change it instead."
    }
    # Moving another answer onto a section that has one is refused the same way.
    save_pack_answer(register, "TA-0001", "insurance", "Public liability £5m.")
    with pytest.raises(ValidationError, match="in the trash"):
        records.update("ANS-0002", section="finance")
    assert records.update("ANS-0002", section="partnerships").value.section == "partnerships"


def test_the_database_itself_holds_one_answer_per_section(register: Register, records: Records) -> None:
    save_pack_answer(register, "TA-0001", "finance", FINANCE)
    second = e.PackAnswer(application_ref="TA-0001", section="finance", answer="Written past the service.")
    with pytest.raises(IntegrityError, match="(?i)unique"), register.transaction() as session:
        RecordRepository(session).add(second, "ANS-0099", register.clock())
    assert len(records.list(RecordKind.PACK_ANSWER)) == 1


def test_deleting_an_application_takes_its_answers_and_restoring_brings_them_back(
    register: Register, records: Records
) -> None:
    save_pack_answer(register, "TA-0001", "finance", FINANCE)
    save_pack_answer(register, "TA-0001", "insurance", "Public liability £5m.")
    save_pack_answer(register, "TA-0002", "finance", "A business plan.")
    deleted = records.delete("TA-0001")
    assert sorted(deleted.value) == ["ANS-0001", "ANS-0002", "TA-0001"]
    assert RecordKind.PACK_ANSWER in deleted.changes.kinds
    assert [a.reference for a in records.list(RecordKind.PACK_ANSWER)] == ["ANS-0003"]
    with pytest.raises(ValidationError, match="restore TA-0001 instead"):
        records.restore("ANS-0001")
    with pytest.raises(NotFoundError):
        save_pack_answer(register, "TA-0001", "finance", "Written to a deleted application.")
    restored = records.restore("TA-0001")
    assert sorted(restored.value) == ["ANS-0001", "ANS-0002", "TA-0001"]
    assert answers(register) == {"finance": FINANCE, "insurance": "Public liability £5m."}


def test_an_answer_cleared_before_its_application_was_deleted_stays_in_the_trash(
    register: Register, records: Records
) -> None:
    save_pack_answer(register, "TA-0001", "finance", FINANCE)
    save_pack_answer(register, "TA-0001", "finance", "")
    later = register.clock() + timedelta(minutes=5)  # the fixture's clock stands still; deletions are apart
    register.clock = lambda: later
    records.delete("TA-0001")
    records.restore("TA-0001")
    assert answers(register) == {}
    assert [a.reference for a in records.trash(RecordKind.PACK_ANSWER)] == ["ANS-0001"]


def test_answers_are_counted_by_the_register_check(register: Register, records: Records) -> None:
    from assetreg.services.check import check_register

    save_pack_answer(register, "TA-0001", "finance", FINANCE)
    report = check_register(register)
    assert report.problems == ()
    assert report.counts["pack-answer"] == 1


def test_answers_made_in_bulk_are_held_to_one_per_section(register: Register, records: Records) -> None:
    save_pack_answer(register, "TA-0001", "finance", FINANCE)
    taken = [e.PackAnswer(application_ref="TA-0001", section="finance", answer="Again.")]
    with pytest.raises(ValidationError, match="already has an answer for “Finance”"):
        records.create_many(taken)
    twice = [e.PackAnswer(application_ref="TA-0001", section="capacity", answer=text) for text in ("One.", "Two.")]
    with pytest.raises(ValidationError) as refused:
        records.create_many(twice)
    assert refused.value.problems == {
        "section": "Two answers are for “Skills, capacity and volunteers” of TA-0001; an application has one answer "
        "per section."
    }
    fine = [e.PackAnswer(application_ref="TA-0001", section=s, answer="Written.") for s in ("capacity", "insurance")]
    assert records.create_many(fine).value == ["ANS-0002", "ANS-0003"]
