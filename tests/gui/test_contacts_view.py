"""The Contacts view: councils, groups, and people and organisations — new, edit, delete, undo (offscreen Qt)."""

from __future__ import annotations

import pytest

from assetreg.domain import entities as e
from assetreg.domain.enums import LegalForm
from assetreg.domain.records import RecordKind
from assetreg.gui.context import AppContext
from assetreg.gui.forms.group_form import GroupDialog
from assetreg.gui.messages import Messages
from assetreg.gui.undo import undo_history
from assetreg.gui.views.contacts_view import TAB_COUNCILS, TAB_GROUPS, TAB_PARTIES, ContactsView
from assetreg.services.records import Records


class Recording(Messages):
    def __init__(self) -> None:
        self.errors: list[tuple[str, str]] = []
        self.questions: list[str] = []
        self.answer = True

    def error(self, parent, title: str, text: str) -> None:
        self.errors.append((title, text))

    def confirm(self, parent, title: str, text: str) -> bool:
        self.questions.append(text)
        return self.answer


def filling(fill):
    def run(dialog) -> bool:
        fill(dialog)
        dialog.save_button.click()
        return dialog.result() == dialog.DialogCode.Accepted

    return run


@pytest.fixture
def view(qtbot, register) -> ContactsView:
    context = AppContext(register, Recording())
    made = ContactsView(context)
    qtbot.addWidget(made)
    made.refresh()
    return made


def test_a_new_council_is_one_undo_step_and_shows_at_once(view: ContactsView) -> None:
    view.tabs.setCurrentIndex(TAB_COUNCILS)
    view.exec_form = filling(lambda d: d.name.setText("Kirklees Council"))
    view.new_button.click()
    assert [c.name for c in view.rows()] == ["Kirklees Council"]
    assert view.selected().name == "Kirklees Council"
    stack = undo_history(view.context).stack
    assert stack.count() == 1
    stack.undo()
    assert view.rows() == []


def test_a_council_without_a_name_is_not_saved_and_the_problem_is_beside_the_field(view: ContactsView) -> None:
    problems = {}

    def blank(dialog) -> None:
        dialog.name.setText("  ")

    def run(dialog) -> bool:
        blank(dialog)
        dialog.save_button.click()
        problems.update({n: f.problem() for n, f in dialog.fields.items() if f.problem()})
        return dialog.result() == dialog.DialogCode.Accepted

    view.exec_form = run
    view.new_button.click()
    assert list(problems) == ["name"]
    assert view.rows() == []


def test_a_council_still_used_by_an_asset_is_not_deleted_and_the_asset_is_named(view: ContactsView) -> None:
    records = Records(view.context.register)
    council = records.create(e.Authority(name="Dorset Council")).value
    records.create(e.Asset(name="The Old Forge", authority_ref=council.reference))
    view.refresh()
    view.delete_button.click()
    ((title, text),) = view.context.messages.errors
    assert title == "Dorset Council is still in use"
    assert "AST-0001 The Old Forge (asset)" in text
    assert [c.name for c in records.list(RecordKind.AUTHORITY)] == ["Dorset Council"]
    assert len(records.list(RecordKind.ASSET)) == 1


def test_an_unused_party_is_deleted_after_asking_and_undo_brings_it_back(view: ContactsView) -> None:
    Records(view.context.register).create(e.Party(name="Greene King plc"))
    view.refresh()
    view.tabs.setCurrentIndex(TAB_PARTIES)
    view.context.messages.answer = False
    view.delete_button.click()
    assert [p.name for p in view.rows()] == ["Greene King plc"]  # the person said no
    view.context.messages.answer = True
    view.delete_button.click()
    assert view.rows() == [] and "trash" in view.context.messages.questions[-1]
    undo_history(view.context).stack.undo()
    assert [p.name for p in view.rows()] == ["Greene King plc"]


def test_the_group_form_says_what_the_legal_form_allows(qtbot, view: ContactsView) -> None:
    dialog = GroupDialog(view.context)
    qtbot.addWidget(dialog)
    hint = dialog.fields["legal_form"].hint_label
    dialog.legal_form.set_value(LegalForm.NEIGHBOURHOOD_FORUM)
    assert hint.text() == "May nominate, but cannot start the full moratorium (reg 12)."
    dialog.legal_form.set_value(LegalForm.CHARITY)
    assert "starts the full six-month moratorium" in hint.text()
    dialog.legal_form.set_value(LegalForm.INDIVIDUAL)
    assert hint.text().startswith("May not nominate")


def test_marking_a_group_as_ours_unmarks_the_other_in_the_same_step(view: ContactsView) -> None:
    records = Records(view.context.register)
    records.create(e.CommunityGroup(name="Old Friends", legal_form=LegalForm.CHARITY, is_own_group=True))
    view.refresh()
    view.tabs.setCurrentIndex(TAB_GROUPS)

    def new_group(dialog) -> None:
        dialog.name.setText("Ashcombe Community Benefit Society")
        dialog.legal_form.set_value(LegalForm.COMMUNITY_BENEFIT_SOCIETY)
        dialog.own.setChecked(True)
        dialog.member_count.setText("140")

    view.exec_form = filling(new_group)
    view.new_button.click()
    own = [g.name for g in records.list(RecordKind.GROUP, is_own_group=True)]
    assert own == ["Ashcombe Community Benefit Society"]
    assert records.list(RecordKind.GROUP)[1].member_count == 140
    undo_history(view.context).stack.undo()
    assert [g.name for g in records.list(RecordKind.GROUP, is_own_group=True)] == ["Old Friends"]


def test_the_filter_narrows_every_tab(view: ContactsView) -> None:
    records = Records(view.context.register)
    for name in ("Sevenoaks District Council", "Dorset Council"):
        records.create(e.Authority(name=name))
    view.refresh()
    view.filter.setText("dorset")
    assert [c.name for c in view.rows()] == ["Dorset Council"]
    assert view.summary.text() == "1 of 2 shown."
