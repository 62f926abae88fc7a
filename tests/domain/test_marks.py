"""Deadline marks in the case: a marked date is done and carries its mark; a mark of nothing changes nothing.

Also the community right to buy registration (Scotland), whose five-year lapse date the case now gives.
"""

from __future__ import annotations

from datetime import date

import pytest

from assetreg.domain import entities as e
from assetreg.domain.asset_deadlines import AssetFacts, asset_deadlines
from assetreg.domain.counting import WorkingDayCalendar
from assetreg.domain.enums import DisposalKind, Jurisdiction, MarkState
from assetreg.domain.errors import ValidationError
from assetreg.domain.marks import normalise_uid
from assetreg.domain.settings import Settings
from assetreg.domain.validation import validate

TODAY = date(2025, 9, 15)
ENGLAND = WorkingDayCalendar(Jurisdiction.ENGLAND)
SCOTLAND = WorkingDayCalendar(Jurisdiction.SCOTLAND)
LISTED = e.ListEntry(reference="LST-0001", asset_ref="AST-0001", entered_on=date(2025, 6, 15))
NOTICE = e.DisposalNotice(
    reference="DN-0001", asset_ref="AST-0001", disposal_kind=DisposalKind.FREEHOLD, received_on=date(2025, 8, 31)
)
TASK = e.UserDeadline(reference="TSK-0001", title="Ring the council", due_on=date(2025, 9, 10), asset_ref="AST-0001")


def deadlines(marks=(), jurisdiction=Jurisdiction.ENGLAND, **recorded):
    facts = AssetFacts(
        asset_ref="AST-0001",
        asset_name="The Red Lion",
        jurisdiction=jurisdiction,
        marks={m.uid: m for m in marks},
        **recorded,
    )
    calendar = SCOTLAND if jurisdiction is Jurisdiction.SCOTLAND else ENGLAND
    return {d.uid: d for d in asset_deadlines(facts, TODAY, Settings(), calendar)}


def test_a_marked_deadline_is_done_and_carries_its_mark() -> None:
    unmarked = deadlines(list_entries=(LISTED,), notices=(NOTICE,), tasks=(TASK,))
    assert unmarked["DN-0001/ACV-IMP-END"].done is False
    assert unmarked["TSK-0001/TASK"].overdue(TODAY)  # due 10 Sep, not done
    done = e.DeadlineMark(reference="MRK-0001", uid="DN-0001/ACV-IMP-END", marked_on=date(2025, 9, 12))
    moot = e.DeadlineMark(reference="MRK-0002", uid="TSK-0001/TASK", state=MarkState.NOT_APPLICABLE)
    marked = deadlines((done, moot), list_entries=(LISTED,), notices=(NOTICE,), tasks=(TASK,))
    assert (marked["DN-0001/ACV-IMP-END"].done, marked["DN-0001/ACV-IMP-END"].mark) == (True, done)
    assert (marked["TSK-0001/TASK"].done, marked["TSK-0001/TASK"].mark) == (True, moot)
    assert not marked["TSK-0001/TASK"].overdue(TODAY)
    # Every other date is as it was: same dates, same done, no mark.
    others = set(unmarked) - {done.uid, moot.uid}
    assert others
    assert all(marked[uid] == unmarked[uid] for uid in others)
    assert marked["DN-0001/ACV-IMP-END"].date == unmarked["DN-0001/ACV-IMP-END"].date


def test_a_mark_of_a_deadline_that_no_longer_exists_is_harmless() -> None:
    gone = e.DeadlineMark(reference="MRK-0001", uid="DN-0009/ACV-IMP-END")
    assert deadlines((gone,), list_entries=(LISTED,), notices=(NOTICE,)) == deadlines(
        list_entries=(LISTED,), notices=(NOTICE,)
    )
    assert deadlines((gone,)) == {}  # nothing recorded: marks alone start no clock


def test_a_scottish_community_right_to_buy_registration_lapses_after_five_years() -> None:
    registration = e.CrtbRegistration(reference="CRB-0001", asset_ref="AST-0001", registered_on=date(2025, 3, 1))
    found = deadlines(jurisdiction=Jurisdiction.SCOTLAND, crtb_registrations=(registration,))
    assert list(found) == ["CRB-0001/SCOT-CRTB-REG-END"]
    lapse = found["CRB-0001/SCOT-CRTB-REG-END"]
    assert lapse.date == date(2030, 2, 28)  # five years beginning with the day of registration
    assert lapse.deadline.rule.confidence.value == "M"
    # The right to buy is Scottish law: a registration recorded against English land starts no clock.
    assert deadlines(crtb_registrations=(registration,)) == {}


@pytest.mark.parametrize(
    ("typed", "uid"),
    [
        ("DN-0001/ACV-IMP-END", "DN-0001/ACV-IMP-END"),
        ("  dn-1/acv-imp-end ", "DN-0001/ACV-IMP-END"),
        ("tsk3/task", "TSK-0003/TASK"),
    ],
)
def test_a_uid_is_read_as_people_type_it(typed: str, uid: str) -> None:
    assert normalise_uid(typed) == uid
    assert validate(e.DeadlineMark(uid=typed)).uid == uid


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("", "Say which deadline this marks"),
        ("   ", "Say which deadline this marks"),
        ("DN-0001", "is not a deadline's uid"),
        ("DN-0001/", "is not a deadline's uid"),
        ("XYZ-1/ACV-IMP-END", "is not a record reference"),
        ("DN-0001/ACV-NO-SUCH-RULE", "is not a rule AssetReg knows"),
    ],
)
def test_a_mark_must_say_which_deadline_it_marks(typed: str, says: str) -> None:
    with pytest.raises(ValidationError) as caught:
        validate(e.DeadlineMark(uid=typed))
    assert list(caught.value.problems) == ["uid"]
    assert says in caught.value.problems["uid"]
