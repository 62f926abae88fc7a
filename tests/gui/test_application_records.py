"""Editing a transfer application's documents and deleting the application, through the view's dialogs."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from assetreg.domain import entities as e
from assetreg.domain.enums import ApplicationKind, Jurisdiction
from assetreg.domain.records import RecordKind
from assetreg.gui.context import AppContext
from assetreg.gui.undo import undo_history
from assetreg.gui.views.applications_view import ApplicationsView
from assetreg.services.applications import save_pack_answer
from assetreg.services.documents import document_file
from assetreg.services.records import Records
from assetreg.services.transfers import Decision
from tests.gui.test_journeys_applications import Answering, filling


@pytest.fixture
def view(qtbot, register, tmp_path: Path) -> ApplicationsView:
    records = Records(register)
    council = records.create(e.Authority(name="Dorset Council")).value
    asset = records.create(e.Asset(name="Puddletown Hall", authority_ref=council.reference)).value
    application = records.create(
        e.TransferApplication(asset_ref=asset.reference, authority_ref=council.reference, council_profile="dorset")
    ).value
    save_pack_answer(register, application.reference, "finance", "Rent of £1 a year.")
    made = ApplicationsView(AppContext(register, Answering()))
    qtbot.addWidget(made)
    made.refresh()
    return made


def a_file(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text)
    return path


def test_a_document_is_attached_renamed_replaced_and_removed(view: ApplicationsView, tmp_path: Path) -> None:
    register, documents = view.context.register, view.documents
    view.context.messages.files.append(a_file(tmp_path, "accounts-2024.txt", "first accounts"))

    def attach(dialog) -> None:
        dialog.browse.click()
        dialog.section.set_value("finance")

    documents.exec_form = filling(attach)
    documents.attach_button.click()
    (document,) = documents.documents()
    assert (document.title, document.pack_section) == ("accounts-2024", "finance")

    documents.select(document.reference)
    documents.exec_form = filling(lambda dialog: dialog.title_edit.setText("Accounts for 2024"))
    documents.rename_button.click()
    assert [d.title for d in documents.documents()] == ["Accounts for 2024"]

    view.context.messages.files.append(a_file(tmp_path, "accounts-2024-signed.txt", "signed accounts"))
    documents.select(document.reference)
    documents.replace_button.click()
    (replaced,) = documents.documents()
    assert (replaced.reference, replaced.title, replaced.original_filename) == (
        document.reference,
        "Accounts for 2024",
        "accounts-2024-signed.txt",
    )
    assert document_file(register, replaced.reference).read_text() == "signed accounts"
    undo_history(view.context).stack.undo()  # the replacement is one step
    assert document_file(register, document.reference).read_text() == "first accounts"

    documents.select(document.reference)
    documents.remove_button.click()
    assert documents.documents() == []
    assert [d.reference for d in Records(register).trash(RecordKind.DOCUMENT)] == [document.reference]
    assert view.context.messages.errors == []


def test_deleting_an_application_takes_its_answers_and_steps_to_the_trash(view: ApplicationsView) -> None:
    records = Records(view.context.register)
    view.delete_button.click()
    assert view.rows() == []
    assert records.list(RecordKind.PACK_ANSWER) == []
    assert len(records.trash(RecordKind.TRANSFER_APPLICATION)) == 1
    assert len(records.trash(RecordKind.PACK_ANSWER)) == 1
    undo_history(view.context).stack.undo()
    assert len(view.rows()) == 1 and len(records.list(RecordKind.PACK_ANSWER)) == 1


def test_a_request_cannot_be_treated_as_refused_before_the_decision_period_ends(qtbot, register) -> None:
    records = Records(register)
    council = records.create(e.Authority(name="Fife Council", jurisdiction=Jurisdiction.SCOTLAND)).value
    asset = records.create(e.Asset(name="Kirk Hall", authority_ref=council.reference)).value
    records.create(
        e.TransferApplication(
            asset_ref=asset.reference,
            authority_ref=council.reference,
            kind=ApplicationKind.SCOTTISH_ASSET_TRANSFER_REQUEST,
            stage="validated",
            validated_on=date(2025, 8, 1),
        )
    )
    view = ApplicationsView(AppContext(register, Answering()))
    qtbot.addWidget(view)
    view.refresh()
    problems: dict[str, str] = {}

    def run(dialog) -> bool:
        dialog.decision.set_value(Decision.DEEMED_REFUSED)
        dialog.save_button.click()
        problems.update({n: f.problem() for n, f in dialog.fields.items() if f.problem()})
        return dialog.result() == dialog.DialogCode.Accepted

    view.exec_form = run
    view.edit_button.click()
    assert problems == {
        "decision": "The council has until Sun 1 Feb 2026 to decide; a request is treated as refused only after that."
    }
    assert view.rows()[0].stage == "validated"
