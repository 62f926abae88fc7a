"""Journeys through the dialogs only: a council transfer from start to a printed pack with its business plan bound
in, and a Scottish asset transfer request from submission to a refusal, with the dates its case account gives."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from assetreg.domain.enums import ApplicationKind, Jurisdiction, TransferType
from assetreg.domain.records import RecordKind
from assetreg.gui import printing
from assetreg.gui.context import AppContext
from assetreg.gui.forms import answer_dialog, stage_dialog
from assetreg.gui.forms.answer_dialog import AnswerDialog
from assetreg.gui.forms.asset_form import AssetDialog
from assetreg.gui.forms.stage_dialog import StageDialog
from assetreg.gui.messages import Messages
from assetreg.gui.tables.application_tables import CHECK_STATUS
from assetreg.gui.undo import undo_history
from assetreg.gui.views.applications_view import ApplicationsView
from assetreg.gui.views.contacts_view import TAB_COUNCILS, ContactsView
from assetreg.services.records import Records
from assetreg.services.transfers import Decision

PLAN_WORDS = "Ashcombe Youth Centre business plan: five years of youth clubs"


class Answering(Messages):
    """Says yes to every question, chooses ``files`` in turn, and keeps every error."""

    def __init__(self) -> None:
        self.errors: list[tuple[str, str]] = []
        self.files: list[Path] = []

    def error(self, parent, title: str, text: str) -> None:
        self.errors.append((title, text))

    def confirm(self, parent, title: str, text: str) -> bool:
        return True

    def choose_existing_file(self, parent, title, folder, filters):
        return self.files.pop(0) if self.files else None


def filling(fill):
    """An ``exec_form`` that fills the dialog as a person would, presses Save, and says whether it closed."""

    def run(dialog) -> bool:
        fill(dialog)
        dialog.save_button.click()
        return dialog.result() == dialog.DialogCode.Accepted

    return run


def business_plan(path: Path) -> Path:
    page = canvas.Canvas(str(path), pagesize=A4)
    page.drawString(72, 760, PLAN_WORDS)
    page.showPage()
    page.save()
    return path


def add_council_and_asset(qtbot, context, name: str, nation: Jurisdiction, asset: str) -> None:
    contacts = ContactsView(context)
    qtbot.addWidget(contacts)
    contacts.refresh()
    contacts.tabs.setCurrentIndex(TAB_COUNCILS)

    def council(dialog) -> None:
        dialog.name.setText(name)
        dialog.jurisdiction.set_value(nation)
        dialog.email.setText("assets@council.example.gov.uk")

    contacts.exec_form = filling(council)
    contacts.new_button.click()
    assert [c.name for c in contacts.rows()] == [name]
    dialog = AssetDialog(context)
    qtbot.addWidget(dialog)
    dialog.name.setText(asset)
    dialog.council.set_value(contacts.rows()[0].reference)
    dialog.save_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted


def applications(qtbot, context) -> ApplicationsView:
    view = ApplicationsView(context)
    qtbot.addWidget(view)
    view.refresh()
    return view


@pytest.fixture
def context(register):
    made = AppContext(register, Answering())
    yield made
    made.tasks.wait()


def test_a_council_transfer_from_start_to_a_printed_pack(qtbot, context, tmp_path, monkeypatch):
    add_council_and_asset(qtbot, context, "Sevenoaks District Council", Jurisdiction.ENGLAND, "Ashcombe Youth Centre")
    view = applications(qtbot, context)
    assert view.rows() == []

    def start(dialog) -> None:
        # The council's own profile is suggested from its name, and a council in England means a council transfer.
        assert dialog.kind.value() is ApplicationKind.COMMUNITY_ASSET_TRANSFER
        assert dialog.profile.value() == "sevenoaks"
        dialog.transfer_type.set_value(TransferType.LEASE)
        dialog.term.setText("25")

    view.exec_form = filling(start)
    view.start_button.click()
    (row,) = view.rows()
    assert (row.stage_name, row.application.lease_term_years) == ("Idea", 25)
    assert view.history_model.steps()[0].changed_on == date(2025, 9, 15)

    def choose(parent, council, current, today, earliest, title):
        dialog = StageDialog(council, current, today, earliest, title, parent)
        qtbot.addWidget(dialog)
        assert dialog.stage.currentData() == "expression-of-interest"  # the next stage is offered first
        dialog.notes.setText("Form emailed to the estates team")
        return dialog.choice()

    monkeypatch.setattr(stage_dialog, "ask_stage", choose)
    view._move.click()
    assert view.rows()[0].stage == "expression-of-interest"

    # The business plan, filed under the finance section of the pack.
    assert view.select_section("finance")
    context.messages.files.append(business_plan(tmp_path / "Business plan.pdf"))
    view.documents.exec_form = filling(lambda dialog: dialog.browse.click())
    view.documents.attach_button.click()
    assert [(d.title, d.pack_section) for d in view.documents.documents()] == [("Business plan", "finance")]
    finance = next(s for s in view.sections() if s.code == "finance")
    assert view.checklist_model.text(finance, CHECK_STATUS) == "1 document"

    def answer(parent, section, description, text, title):
        dialog = AnswerDialog(section, description, text, title, parent)
        qtbot.addWidget(dialog)
        dialog.text.setPlainText(f"Our answer on {section.lower()}: see the plan.")
        return dialog.answer()

    monkeypatch.setattr(answer_dialog, "ask_answer", answer)
    view._write.click()
    assert view.select_section("governing-document")
    view._write.click()
    assert len(view.overview.checklist.unanswered) == len(view.overview.checklist.sections) - 2

    opened: list[Path] = []
    monkeypatch.setenv("ASSETREG_PRINT_DIR", str(tmp_path / "printed"))
    monkeypatch.setattr(printing, "open_file", lambda path: opened.append(path) or True)
    view.print_button.click()
    qtbot.waitUntil(lambda: bool(opened), timeout=20_000)
    pages = [page.extract_text() for page in PdfReader(opened[0]).pages]
    assert any(PLAN_WORDS in text for text in pages), "the business plan's page is bound into the pack"
    assert any("Our answer on finance: see the plan." in text for text in pages)
    assert context.messages.errors == []


@pytest.fixture
def december(register):
    """The register on Mon 1 Dec 2025: St Andrew's Day (30 Nov) falls on a Sunday, so Scotland's holiday is today."""
    register.clock = lambda: datetime(2025, 12, 1, 10, 0, tzinfo=UTC)
    made = AppContext(register, Answering())
    yield made
    made.tasks.wait()


def test_a_scottish_request_from_submission_to_refusal(qtbot, december):
    context = december
    add_council_and_asset(qtbot, context, "The Highland Council", Jurisdiction.SCOTLAND, "Inverbrae Old Schoolhouse")
    view = applications(qtbot, context)

    def start(dialog) -> None:
        assert dialog.kind.value() is ApplicationKind.SCOTTISH_ASSET_TRANSFER_REQUEST  # a Scottish council
        assert dialog.profile.value() == "scottish-atr"
        dialog.transfer_type.set_value(TransferType.BUY)
        dialog.submitted_on.set_date(date(2025, 7, 1))

    view.exec_form = filling(start)
    view.start_button.click()
    (row,) = view.rows()
    assert row.stage == "submitted"
    assert view.history_model.steps()[0].changed_on == date(2025, 7, 1)

    view.exec_form = filling(lambda dialog: dialog.validated_on.set_date(date(2025, 7, 15)))
    view.edit_button.click()
    assert view.rows()[0].stage == "validated"
    assert "Asset transfer decision due: Thu 15 Jan 2026 (SCOT-ATR-DECIDE)" in view._dates.text()
    assert "SCOT-ATR-REVIEW" not in view._dates.text()

    # Treated as refused is not yet possible: the council has until January.
    def too_soon(dialog) -> None:
        dialog.decision.set_value(Decision.DEEMED_REFUSED)

    view.exec_form = filling(too_soon)
    view.edit_button.click()
    assert view.rows()[0].stage == "validated"

    def refused(dialog) -> None:
        dialog.decision.set_value(Decision.REFUSED)
        dialog.decision_notice_on.set_date(date(2025, 11, 14))

    view.exec_form = filling(refused)
    view.edit_button.click()
    assert view.rows()[0].stage == "refused"
    shown = view._dates.text()
    # 20 working days beginning with Fri 14 Nov; Scotland's St Andrew's Day holiday (Mon 1 Dec) is skipped,
    # without which the last day would be Thu 11 Dec.
    assert "Council review application due: Fri 12 Dec 2025 (SCOT-ATR-REVIEW)" in shown
    assert "(SCOT-ATR-DECIDE) — met" in shown
    (application,) = Records(context.register).list(RecordKind.TRANSFER_APPLICATION)
    assert (application.validated_on, application.decision_notice_on) == (date(2025, 7, 15), date(2025, 11, 14))
    assert [s.stage for s in view.history_model.steps()] == ["submitted", "validated", "refused"]

    # Undo takes back the decision and the stage it led to as one step; redo makes both again.
    history = undo_history(context)
    records = Records(context.register)
    assert history.stack.undoText() == f"recording {row.reference}"
    history.stack.undo()
    undone = records.get(row.reference)
    assert (undone.stage, undone.decision_notice_on) == ("validated", None)
    assert [s.stage for s in records.list(RecordKind.STAGE_CHANGE)] == ["submitted", "validated"]
    history.stack.undo()  # and the validation before it
    assert records.get(row.reference).stage == "submitted"
    history.stack.redo()
    history.stack.redo()
    redone = records.get(row.reference)
    assert (redone.stage, redone.validated_on, redone.decision_notice_on) == (
        "refused",
        date(2025, 7, 15),
        date(2025, 11, 14),
    )
    view.refresh()
    assert [s.stage for s in view.history_model.steps()] == ["submitted", "validated", "refused"]
    assert context.messages.errors == []
