"""The forms added last: whether a group distributes surplus, the Scottish community right to buy registration,
"Edit person…" on the Owners tab, and undo for a stage move — each saved through the services as one undo step,
with its refusals beside the field and Escape asking once something was typed."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from assetreg.domain import entities as e
from assetreg.domain.enums import InterestRole, Jurisdiction, LegalForm, PartyKind
from assetreg.domain.records import RecordKind
from assetreg.gui.context import AppContext
from assetreg.gui.forms import stage_dialog
from assetreg.gui.forms.contact_forms import PartyDialog
from assetreg.gui.forms.crtb_form import CrtbRegistrationDialog
from assetreg.gui.forms.group_form import GroupDialog
from assetreg.gui.forms.stage_dialog import StageChoice
from assetreg.gui.messages import Messages
from assetreg.gui.undo import undo_history
from assetreg.gui.views.applications_view import ApplicationsView
from assetreg.gui.views.asset_page import AssetPage
from assetreg.gui.views.asset_tabs.listing import CRTB_BODY, CRTB_LAPSES, CRTB_REGISTERED
from assetreg.gui.widgets.form_widgets import NEW
from assetreg.services.assets import asset_detail
from assetreg.services.records import Records


class Answering(Messages):
    """Says ``answer`` to every question and keeps the questions and errors."""

    def __init__(self, answer: bool = True) -> None:
        self.answer = answer
        self.asked: list[str] = []
        self.errors: list[tuple[str, str]] = []

    def error(self, parent, title: str, text: str) -> None:
        self.errors.append((title, text))

    def confirm(self, parent, title: str, text: str) -> bool:
        self.asked.append(title)
        return self.answer


@pytest.fixture
def context(register):
    made = AppContext(register, Answering())
    yield made
    made.tasks.wait()


def texts(model, column: int) -> list[str]:
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


# whether the group distributes surplus


def test_the_surplus_question_is_asked_only_of_the_forms_it_decides(qtbot, context) -> None:
    dialog = GroupDialog(context)
    qtbot.addWidget(dialog)
    field = dialog.fields["distributes_surplus"]
    shown = {}
    for form in (LegalForm.PARISH_COUNCIL, LegalForm.CHARITY, LegalForm.COMPANY_LIMITED_BY_GUARANTEE):
        dialog.legal_form.set_value(form)
        shown[form] = field.row.isVisibleTo(dialog)
    assert shown == {
        LegalForm.PARISH_COUNCIL: False,
        LegalForm.CHARITY: False,
        LegalForm.COMPANY_LIMITED_BY_GUARANTEE: True,
    }
    assert dialog.surplus.value() is None  # "Not recorded" until the group says


def test_the_surplus_answer_is_saved_changed_and_undone_as_one_step_each(qtbot, context) -> None:
    dialog = GroupDialog(context)
    qtbot.addWidget(dialog)
    dialog.name.setText("Ashcombe Community Pub Ltd")
    dialog.legal_form.set_value(LegalForm.COMMUNITY_BENEFIT_SOCIETY)
    dialog.surplus.set_value(False)
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    reference = dialog.changed.value.reference
    records = Records(context.register)
    assert records.get(reference).distributes_surplus is False

    edit = GroupDialog(context, records.get(reference))
    qtbot.addWidget(edit)
    assert edit.surplus.value() is False
    edit.surplus.set_value(True)
    edit.save()
    assert records.get(reference).distributes_surplus is True
    history = undo_history(context)
    history.stack.undo()
    assert records.get(reference).distributes_surplus is False
    history.stack.redo()
    assert records.get(reference).distributes_surplus is True


# the community right to buy registration (Scotland)


def scottish_asset(context, jurisdiction: Jurisdiction = Jurisdiction.SCOTLAND) -> str:
    records = Records(context.register)
    council = records.create(e.Authority(name="The Highland Council", jurisdiction=jurisdiction)).value
    return records.create(e.Asset(name="Inverbrae Old Schoolhouse", authority_ref=council.reference)).value.reference


def test_the_listing_tab_offers_the_registration_only_for_scottish_land(qtbot, context) -> None:
    page = AssetPage(context)
    qtbot.addWidget(page)
    english = scottish_asset(context, Jurisdiction.ENGLAND)
    page.show_asset(english)
    tab = page.listing_tab
    assert not tab.crtb_button.isVisibleTo(page) and not tab.regime_note.isVisibleTo(page)
    assert tab.nominate_button.isVisibleTo(page)
    page.show_asset(scottish_asset(context))
    assert tab.crtb_button.isVisibleTo(page)
    # The right to bid is English law: in Scotland the tab says so instead of offering a nomination.
    assert not tab.nominate_button.isVisibleTo(page) and not tab.nominations_view.isVisibleTo(page)
    assert tab.regime_note.text().startswith("The community right to bid (assets of community value) applies in")


def test_a_registration_is_refused_beside_its_field_then_saved_with_its_lapse_date(qtbot, context) -> None:
    asset = scottish_asset(context)
    page = AssetPage(context)
    qtbot.addWidget(page)
    page.show_asset(asset)
    dialog = CrtbRegistrationDialog(context, page.detail)
    qtbot.addWidget(dialog)
    dialog.body.choice.set_value(NEW)
    dialog.save()  # no name for the new body, no date
    assert dialog.fields["new_community_body_ref"].problem() == "Enter the group's name, or choose one from the list."
    assert dialog.fields["registered_on"].problem()
    dialog.body.new_name.setText("Inverbrae Community Company")
    dialog.body.new_type.set_value(LegalForm.COMPANY_LIMITED_BY_GUARANTEE)
    dialog.registered_on.set_date(date(2025, 10, 1))  # after today, Mon 15 Sep 2025
    dialog.save()
    assert dialog.fields["registered_on"].problem() == (
        "Wed 1 Oct 2025 is in the future; record the registration once it is made."
    )
    assert Records(context.register).list(RecordKind.CRTB_REGISTRATION) == []
    dialog.registered_on.set_date(date(2025, 3, 3))
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted

    (registration,) = Records(context.register).list(RecordKind.CRTB_REGISTRATION)
    body = Records(context.register).get(registration.community_body_ref)
    assert (registration.asset_ref, registration.registered_on, body.name) == (
        asset,
        date(2025, 3, 3),
        "Inverbrae Community Company",
    )
    model = page.listing_tab.crtb_model
    assert texts(model, CRTB_BODY) == ["Inverbrae Community Company"]
    assert texts(model, CRTB_REGISTERED) == ["Mon 3 Mar 2025"]
    assert texts(model, CRTB_LAPSES) == ["Sat 2 Mar 2030"]  # five years beginning with the day registered
    assert "Community interest registration lapses" in texts(page.coming_model, 2)

    # The registration and the body it brought with it: one step.
    history = undo_history(context)
    assert history.stack.undoText() == "recording a community right to buy registration of Inverbrae Old Schoolhouse"
    history.stack.undo()
    records = Records(context.register)
    assert records.list(RecordKind.CRTB_REGISTRATION) == []
    assert [g.name for g in records.trash(RecordKind.GROUP)] == ["Inverbrae Community Company"]
    assert page.listing_tab.crtb_model.rowCount() == 0
    history.stack.redo()
    assert texts(page.listing_tab.crtb_model, CRTB_LAPSES) == ["Sat 2 Mar 2030"]


def test_a_registration_is_corrected_and_escape_asks_once_changed(qtbot, register) -> None:
    context = AppContext(register, Answering(answer=False))
    asset = scottish_asset(context)
    records = Records(register)
    group = records.create(e.CommunityGroup(name="Inverbrae Trust", legal_form=LegalForm.CHARITY)).value
    made = records.create(
        e.CrtbRegistration(asset_ref=asset, registered_on=date(2021, 6, 1), community_body_ref=group.reference)
    ).value
    dialog = CrtbRegistrationDialog(context, asset_detail(register, asset), made)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.fields["registered_on"].hint == "Lapses on Sun 31 May 2026 unless it is renewed."
    qtbot.keyClicks(dialog.notes, "RCIL ref CB00123")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert context.messages.asked == ["Discard your changes?"] and dialog.isVisible()
    dialog.registered_on.set_date(date(2021, 6, 2))
    dialog.save()
    again = records.get(made.reference)
    assert (again.registered_on, again.notes) == (date(2021, 6, 2), "RCIL ref CB00123")
    undo_history(context).stack.undo()
    assert records.get(made.reference).registered_on == date(2021, 6, 1)


# Edit person… on the Owners tab


def test_edit_person_corrects_the_shared_party_on_every_asset(qtbot, context) -> None:
    records = Records(context.register)
    owner = records.create(e.Party(name="Greene King plc", kind=PartyKind.ORGANISATION)).value
    first = records.create(e.Asset(name="The Red Lion")).value.reference
    second = records.create(e.Asset(name="The Plough")).value.reference
    for asset in (first, second):
        records.create(e.Interest(asset_ref=asset, party_ref=owner.reference, role=InterestRole.FREEHOLDER))
    page = AssetPage(context)
    qtbot.addWidget(page)
    page.show_asset(first)
    tab = page.people_tab
    assert tab.party_button.isEnabled()  # the only row is the chosen one
    tab.party_button.click()
    (dialog,) = page.findChildren(PartyDialog)
    assert dialog.windowTitle() == "Edit Greene King plc"
    dialog.name.setText("Greene King Brewing plc")
    dialog.email.setText("not an email")
    dialog.save()
    assert dialog.fields["email"].problem()  # refused beside the field; nothing written
    assert records.get(owner.reference).email == ""
    dialog.email.setText("estates@greeneking.example")
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert texts(tab.model, 0) == ["Greene King Brewing plc"]
    page.show_asset(second)
    assert texts(page.people_tab.model, 0) == ["Greene King Brewing plc"]
    history = undo_history(context)
    assert history.stack.undoText() == "saving Greene King Brewing plc"
    history.stack.undo()
    assert records.get(owner.reference).name == "Greene King plc"
    assert texts(page.people_tab.model, 0) == ["Greene King plc"]


# undo for a stage move


def test_move_to_stage_is_one_step_undone_and_redone(qtbot, context, monkeypatch) -> None:
    records = Records(context.register)
    council = records.create(e.Authority(name="Sevenoaks District Council")).value
    asset = records.create(e.Asset(name="Ashcombe Youth Centre", authority_ref=council.reference)).value
    app = records.create(
        e.TransferApplication(asset_ref=asset.reference, authority_ref=council.reference, stage="idea")
    ).value
    records.create(e.StageChange(application_ref=app.reference, stage="idea", changed_on=date(2025, 9, 1)))
    view = ApplicationsView(context)
    qtbot.addWidget(view)
    view.refresh()
    qtbot.waitUntil(lambda: not view.loading, timeout=60_000)
    view.select_application(app.reference)
    stage = view.overview.row.profile.stages[1].code
    monkeypatch.setattr(stage_dialog, "ask_stage", lambda *args: StageChoice(stage, date(2025, 9, 10), "sent"))
    view._move.click()
    assert records.get(app.reference).stage == stage
    (step,) = [s for s in records.list(RecordKind.STAGE_CHANGE) if s.stage == stage]
    history = undo_history(context)
    assert history.stack.undoText() == f"moving {app.reference} to another stage"
    history.stack.undo()
    assert records.get(app.reference).stage == "idea"
    assert [s.reference for s in records.trash(RecordKind.STAGE_CHANGE)] == [step.reference]
    assert [entry.action for entry in records.history(step.reference)] == ["create", "delete"]
    history.stack.redo()
    assert records.get(app.reference).stage == stage
    assert records.get(step.reference).changed_on == date(2025, 9, 10)
    assert context.messages.errors == []
