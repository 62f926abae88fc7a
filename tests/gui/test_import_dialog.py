"""File ▸ Import council list…: the mapping can be corrected, the preview says what would change, Import writes."""

from __future__ import annotations

from pathlib import Path

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
