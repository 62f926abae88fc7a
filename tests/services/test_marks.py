"""Marking deadlines done: What's due shrinks as work is done, the asset's history keeps the date, and every
mark is an audited record that can be taken back (to the trash)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from assetreg.domain import entities as e
from assetreg.domain.enums import Jurisdiction, MarkState
from assetreg.domain.errors import NotFoundError, ValidationError
from assetreg.domain.records import RecordKind
from assetreg.services.assets import asset_detail
from assetreg.services.deadlines import whats_due
from assetreg.services.demo import write_demo_register
from assetreg.services.marks import find_deadline, mark_deadline, unmark_deadline
from assetreg.services.records import Records
from assetreg.services.register import Register

DEMO_DAY = date(2025, 9, 15)
RENOMINATE = "LST-0003/ACV-RENOMINATE-BY"  # the demo's first overdue date (the library's listing)


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("marks-demo") / "demo.assetreg"
    write_demo_register(path, today=DEMO_DAY)
    return path


@pytest.fixture
def demo(demo_path: Path, tmp_path: Path):
    path = tmp_path / "demo.assetreg"
    path.write_bytes(demo_path.read_bytes())
    register = Register.open(path)
    register.clock = lambda: datetime(2025, 9, 15, 10, 0, tzinfo=UTC)
    register.user = "Priya Shah"
    yield register
    register.close()


def due_uids(register: Register) -> list[str]:
    return [d.uid for d in whats_due(register, within=90).deadlines]


def test_whats_due_shrinks_as_work_is_done_and_the_history_keeps_the_date(demo: Register) -> None:
    before = due_uids(demo)
    assert before[0] == RENOMINATE
    mark = mark_deadline(demo, "lst-3/acv-renominate-by", notes="Nomination posted").value
    assert (mark.reference, mark.uid, mark.asset_ref, mark.state) == (
        "MRK-0001",
        RENOMINATE,
        "AST-0003",
        MarkState.DONE,
    )
    assert mark.marked_on == DEMO_DAY  # no day given: the day it was marked
    assert due_uids(demo) == before[1:]
    assert RENOMINATE not in [d.uid for d in whats_due(demo, overdue_only=True).deadlines]
    case = asset_detail(demo, "AST-0003").case
    kept = next(d for d in case.deadlines if d.uid == RENOMINATE)
    assert (kept.done, kept.mark) == (True, mark)
    assert RENOMINATE not in [d.uid for d in case.next_steps]


def test_not_applicable_also_takes_a_date_off_and_unmarking_puts_it_back(demo: Register) -> None:
    before = due_uids(demo)
    mark = mark_deadline(demo, RENOMINATE, MarkState.NOT_APPLICABLE, on=date(2025, 9, 1)).value
    assert (mark.state, mark.marked_on) == (MarkState.NOT_APPLICABLE, date(2025, 9, 1))
    assert RENOMINATE not in due_uids(demo)
    changed = unmark_deadline(demo, RENOMINATE)
    assert changed.value == ["MRK-0001"]
    assert changed.changes.kinds == {RecordKind.DEADLINE_MARK}
    assert due_uids(demo) == before
    records = Records(demo)
    assert [m.reference for m in records.trash(RecordKind.DEADLINE_MARK)] == ["MRK-0001"]
    assert find_deadline(demo, RENOMINATE).mark is None
    with pytest.raises(NotFoundError, match="is not marked done or not applicable"):
        unmark_deadline(demo, RENOMINATE)


def test_marking_and_unmarking_are_audited_with_the_users_name(demo: Register) -> None:
    mark_deadline(demo, RENOMINATE)
    mark_deadline(demo, RENOMINATE, MarkState.NOT_APPLICABLE, notes="The council has agreed to relist it")
    unmark_deadline(demo, RENOMINATE)
    history = Records(demo).history("MRK-0001")
    assert [(h.action, h.user, h.field) for h in history] == [
        ("create", "Priya Shah", ""),
        ("update", "Priya Shah", "state"),
        ("update", "Priya Shah", "notes"),
        ("delete", "Priya Shah", ""),
    ]
    assert (history[1].old_value, history[1].new_value) == ("done", "not-applicable")
    # Marking again changed the one mark; it did not make a second.
    assert len(Records(demo).trash(RecordKind.DEADLINE_MARK)) == 1


def test_a_deadline_the_register_does_not_have_is_refused_and_nothing_is_written(demo: Register) -> None:
    for uid, says in (
        ("DN-0009/ACV-IMP-END", "There is no deadline DN-0009/ACV-IMP-END in this register; assetreg deadlines"),
        ("DN-0001/ACV-LIST-END", "There is no deadline DN-0001/ACV-LIST-END"),  # a real record, not its rule
        ("DN-0001", "is not a deadline's uid"),
    ):
        with pytest.raises(NotFoundError, match=says):
            mark_deadline(demo, uid)
    assert Records(demo).list(RecordKind.DEADLINE_MARK) == []


def test_a_day_still_to_come_and_a_second_mark_are_refused(demo: Register) -> None:
    with pytest.raises(ValidationError) as caught:
        mark_deadline(demo, RENOMINATE, on=date(2025, 9, 16))
    assert caught.value.problems == {
        "marked_on": "Tue 16 Sep 2025 is still to come; mark a deadline done on the day it is done, not before."
    }
    records = Records(demo)
    records.create(e.DeadlineMark(uid=RENOMINATE))
    with pytest.raises(ValidationError) as caught:
        records.create(e.DeadlineMark(uid=RENOMINATE.lower()))
    assert caught.value.problems["uid"].startswith(f"{RENOMINATE} is already marked (MRK-0001)")
    with pytest.raises(ValidationError) as caught:
        records.create(e.DeadlineMark(uid="DN-0001/ACV-IMP-END", asset_ref="AST-0003"))
    assert "is a deadline of AST-0001, not of AST-0003" in caught.value.problems["asset_ref"]
    assert [m.reference for m in records.list(RecordKind.DEADLINE_MARK)] == ["MRK-0001"]


def test_a_mark_goes_to_the_trash_with_its_asset_and_comes_back_with_it(demo: Register) -> None:
    records = Records(demo)
    mark_deadline(demo, RENOMINATE)
    deleted = records.delete("AST-0003").value
    assert "MRK-0001" in deleted
    assert records.list(RecordKind.DEADLINE_MARK) == []
    restored = records.restore("AST-0003").value
    assert "MRK-0001" in restored
    assert find_deadline(demo, RENOMINATE).done is True


def test_a_scottish_registration_reaches_whats_due_and_can_be_marked(demo: Register) -> None:
    records = Records(demo)
    authority = records.create(e.Authority(name="The Highland Council", jurisdiction=Jurisdiction.SCOTLAND)).value
    asset = records.create(e.Asset(name="Glen Hall", authority_ref=authority.reference)).value
    registration = records.create(
        e.CrtbRegistration(asset_ref=asset.reference, registered_on=date(2020, 11, 2), community_body_ref="GRP-0001")
    ).value
    uid = f"{registration.reference}/SCOT-CRTB-REG-END"
    lapse = find_deadline(demo, uid)
    assert lapse.date == date(2025, 11, 1)  # five years beginning with 2 Nov 2020
    assert uid in due_uids(demo)
    mark_deadline(demo, uid, notes="Renewal application sent")
    assert uid not in due_uids(demo)
