"""File ▸ Import council list…: the mapping can be corrected, the preview says what would change, Import writes."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from assetreg.domain.records import RecordKind
from assetreg.gui.context import AppContext
from assetreg.gui.forms.import_dialog import ImportDialog
from assetreg.gui.messages import Messages
from assetreg.gui.undo import undo_history
from assetreg.services.records import Records

COUNCILS = Path(__file__).parent.parent / "fixtures" / "councils"


class QuietMessages(Messages):
    def __init__(self):
        self.said = []

    def info(self, parent, title, text):
        self.said.append((title, text))


def test_check_correct_and_import(qtbot, register, tmp_path):
    messages = QuietMessages()
    context = AppContext(register, messages)
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(COUNCILS / "stockport.csv"))
    dialog.council.setEditText("Stockport")
    dialog._check()
    assert "3 assets would be added" in dialog.summary.text()
    assert dialog.chosen_fields()[1] == "name"
    combo = dialog.mapping.cellWidget(2, 1)  # asset_address → not imported
    combo.setCurrentIndex(0)
    assert dialog.chosen_fields()[2] == ""
    assert dialog.import_button.isEnabled()
    dialog.grab().save(str(tmp_path / "import.png"))
    dialog._import()
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=120_000)
    assets = Records(register).list(RecordKind.ASSET)
    assert len(assets) == 3 and all(a.address == "" for a in assets)
    assert messages.said == [("The list was imported", "3 assets added and 0 changed.")]


def test_an_import_is_one_undo_step(qtbot, register):
    context = AppContext(register, QuietMessages())
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(COUNCILS / "stockport.csv"))
    dialog.council.setEditText("Stockport")
    dialog._check()
    dialog._import()
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=120_000)
    records = Records(register)
    added = {kind: len(records.list(kind)) for kind in RecordKind}
    assert added[RecordKind.ASSET] == 3 and added[RecordKind.BIDDER_REQUEST] == 1
    stack = undo_history(context).stack
    assert stack.count() == 1 and stack.undoText() == "importing stockport.csv"
    stack.undo()
    assert all(not records.list(kind) for kind in RecordKind)  # the council, groups and every record are gone
    assert len(records.trash(RecordKind.ASSET)) == 3
    stack.redo()
    assert {kind: len(records.list(kind)) for kind in RecordKind} == added


def test_a_re_import_shows_each_change_before_it_is_made_and_a_column_can_be_kept(qtbot, register, tmp_path):
    context = AppContext(register, QuietMessages())
    _imported(qtbot, context, COUNCILS / "stockport.csv")
    crown = next(a for a in Records(register).list(RecordKind.ASSET) if a.name == "The Crown Inn")
    Records(register).update(crown.reference, address="1 Market Place, Heaton, Stockport SK1 1AA")  # corrected
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(COUNCILS / "stockport.csv"))
    dialog.council.setEditText("Stockport")
    dialog._check()
    assert "1 changed" in dialog.summary.text()
    shown = dialog.problems.toPlainText()
    assert (
        f"Row 2, {crown.reference}: address: “1 Market Place, Heaton, Stockport SK1 1AA” → “1 Market Place, "
        "Stockport SK1 1AA”"
    ) in shown
    dialog.grab().save(str(tmp_path / "changes.png"))
    dialog.mapping.cellWidget(2, 1).setCurrentIndex(0)  # asset_address → not imported: the correction is kept
    assert "What would change" not in dialog.problems.toPlainText()
    assert not dialog.import_button.isEnabled()


def test_a_workbook_of_several_sheets_offers_them_with_the_list_chosen(qtbot, register, tmp_path):
    path = tmp_path / "acv.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "About"
    book.active.append(["Notes on this register"])
    listed = book.create_sheet("ACV list")
    listed.append(["ref", "asset_name", "decision_date"])
    listed.append(["A1", "The Swan", "20/05/2019"])
    book.save(path)
    dialog = ImportDialog(AppContext(register, QuietMessages()))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.path_edit.setText(str(path))
    dialog._check()
    assert dialog.sheet.isVisible() and dialog.sheet.currentText() == "ACV list"
    assert [dialog.sheet.itemText(i) for i in range(dialog.sheet.count())] == ["About", "ACV list"]
    assert dialog.mapping.rowCount() == 3 and "1 asset would be added" in dialog.summary.text()
    dialog.grab().save(str(tmp_path / "sheets.png"))
    dialog.sheet.setCurrentText("About")  # checked again: that sheet holds no list
    assert dialog.summary.text().startswith("The sheet “About” has a first row but nothing under it")
    assert not dialog.import_button.isEnabled()
    dialog.path_edit.setText(str(COUNCILS / "stockport.csv"))
    dialog.path_edit.textEdited.emit(dialog.path_edit.text())
    dialog._check()
    assert not dialog.sheet.isVisible() and "3 assets would be added" in dialog.summary.text()


def _long_list(path: Path, count: int) -> Path:
    rows = ["ref,asset_name,asset_address,decision_date,decision"]
    rows += [f"SMBC/ACV/{n:04d},Asset {n},{n} High Street,20/05/2019,Listed" for n in range(count)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _imported(qtbot, context, path: Path) -> ImportDialog:
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(path))
    dialog.council.setEditText("Stockport")
    dialog._check()
    dialog._import()
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=120_000)
    return dialog


def test_a_large_import_is_undone_off_the_gui_thread_with_the_window_still_painted(qtbot, register, tmp_path):
    import threading

    from PySide6.QtCore import QTimer

    import assetreg.gui.forms.import_dialog as import_dialog

    context = AppContext(register, QuietMessages())
    _imported(qtbot, context, _long_list(tmp_path / "long.csv", 700))
    records = Records(register)
    assert len(records.list(RecordKind.ASSET)) == 700
    threads, ticks = [], []
    original = import_dialog.undo_import

    def undo_import(register, written):
        threads.append(threading.current_thread())
        return original(register, written)

    import_dialog.undo_import = undo_import
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(0)  # counts the GUI thread's turns while the undo runs
    try:
        undo_history(context).stack.undo()
    finally:
        timer.stop()
        import_dialog.undo_import = original
    assert threads and threads[0] is not threading.main_thread()
    assert ticks  # the GUI thread went on handling events (painting) meanwhile
    assert not records.list(RecordKind.ASSET) and len(records.trash(RecordKind.ASSET)) == 700
    undo_history(context).stack.redo()
    assert len(records.list(RecordKind.ASSET)) == 700


def test_a_large_import_that_cannot_be_undone_says_why_and_changes_nothing(qtbot, register, tmp_path):
    class Said(QuietMessages):
        def error(self, parent, title, text):
            self.said.append((title, text))

    messages = Said()
    context = AppContext(register, messages)
    _imported(qtbot, context, _long_list(tmp_path / "long.csv", 600))
    records = Records(register)
    first = records.list(RecordKind.ASSET)[0].reference
    records.delete(first)  # outside the undo stack: the import can no longer be taken back whole
    stack = undo_history(context).stack
    stack.undo()
    assert messages.said[-1][0] == "This cannot be undone" and first in messages.said[-1][1]
    assert len(records.list(RecordKind.ASSET)) == 599  # nothing else was touched
    assert stack.count() == 0  # the step is dropped


def test_checking_with_no_file_or_a_folder_says_what_to_choose(qtbot, register, tmp_path):
    dialog = ImportDialog(AppContext(register, QuietMessages()))
    qtbot.addWidget(dialog)
    dialog._check()  # nothing chosen yet
    assert dialog.summary.text() == "No file is chosen: choose the council's list (a .csv or .xlsx file)."
    assert not dialog.import_button.isEnabled()
    dialog.path_edit.setText(str(tmp_path))
    dialog._check()
    assert dialog.summary.text() == f"{tmp_path} is a folder; choose the council's list in it (a .csv or .xlsx file)."
    assert not dialog.import_button.isEnabled()
    assert Records(register).list(RecordKind.ASSET) == []
