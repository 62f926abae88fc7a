"""File ▸ Import council list…: choose the file and council, correct which column holds what, see what would be
added, changed and left alone (and each row left out, and why), then import it all at once on the task thread.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import AssetRegError
from ...domain.i18n import trn
from ...domain.import_headings import field_labels
from ...domain.records import RecordKind
from ...services.import_writing import ImportWritten, redo_import, undo_import
from ...services.importing import ImportPreview, apply_import, preview_import
from ...services.records import Changed, Records
from ..context import AppContext
from ..undo import UndoHistory, _Step, undo_history

SHOWN_CHANGES = 500  # assets whose changes the preview lists, before "and N more"


class _Progress(QObject):
    moved = Signal(int, int)  # emitted on the task thread, shown on the GUI thread


class ImportDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.preview: ImportPreview | None = None
        self._cancel = threading.Event()
        self.setWindowTitle(self.tr("Import a council's list"))
        self.resize(760, 620)
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(self.tr("A .csv or .xlsx file from the council"))
        self.path_edit.textEdited.connect(self._on_path_edited)
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._choose)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        self.council = QComboBox()
        self.council.setEditable(True)
        self.council.addItem("")
        for authority in Records(context.register).list(RecordKind.AUTHORITY):
            self.council.addItem(authority.name, authority.reference)
        self.council.setToolTip(self.tr("The council whose list it is; a new name adds the council"))
        self.sheet = QComboBox()  # shown for a workbook of several sheets
        self.sheet.setToolTip(self.tr("The sheet that holds the list"))
        self.sheet.currentIndexChanged.connect(self._on_sheet)
        form = QFormLayout()
        form.addRow(self.tr("File:"), row)
        form.addRow(self.tr("Council:"), self.council)
        form.addRow(self.tr("Sheet:"), self.sheet)
        self._form = form
        form.setRowVisible(self.sheet, False)
        self.mapping = QTableWidget(0, 2)
        self.mapping.setHorizontalHeaderLabels([self.tr("Column in the file"), self.tr("Goes to")])
        self.mapping.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.mapping.verticalHeader().hide()
        self.check_button = QPushButton(self.tr("Check the file"))
        self.check_button.clicked.connect(self._check)
        self.summary = QLabel(self.tr("Choose a file, then check it to see what would change."))
        self.summary.setWordWrap(True)
        self.problems = QPlainTextEdit()
        self.problems.setReadOnly(True)
        self.progress = QProgressBar()
        self.progress.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self._import)
        context.writes(self.import_button)
        self.buttons.rejected.connect(self._on_cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Which column holds what (correct any that are wrong):")))
        layout.addWidget(self.mapping, 2)
        layout.addWidget(self.check_button)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self._headings: tuple[str, ...] = ()

    def _choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import a council's list"), "", self.tr("Council lists (*.csv *.xlsx);;All files (*)")
        )
        if path:
            self.path_edit.setText(path)
            self._on_path_edited()
            self._check()

    def _on_path_edited(self) -> None:
        self._headings = ()  # another file has its own columns and sheets
        self._show_sheets(())

    def _show_sheets(self, sheets: tuple[str, ...], chosen: str = "") -> None:
        self.sheet.blockSignals(True)
        self.sheet.clear()
        self.sheet.addItems(list(sheets))
        self.sheet.setCurrentText(chosen)
        self.sheet.blockSignals(False)
        self._form.setRowVisible(self.sheet, len(sheets) > 1)

    def _on_sheet(self) -> None:
        self._headings = ()  # another sheet has its own columns
        self._check()

    def chosen_fields(self) -> list[str] | None:
        if not self._headings or self.mapping.rowCount() != len(self._headings):
            return None
        return [self.mapping.cellWidget(i, 1).currentData() for i in range(self.mapping.rowCount())]

    def _check(self) -> None:
        """Reads the file and shows the mapping and what importing it would do; nothing is written."""
        text = self.path_edit.text().strip()
        try:
            if not text:  # (an empty path would be the current folder)
                raise AssetRegError(self.tr("No file is chosen: choose the council's list (a .csv or .xlsx file)."))
            preview = preview_import(
                self.context.register,
                Path(text),
                self.council.currentText(),
                fields=self.chosen_fields(),
                sheet=self.sheet.currentText() if self.sheet.count() else "",
            )
        except AssetRegError as error:
            self.preview = None
            self.import_button.setEnabled(False)
            self.summary.setText(str(error))
            self.problems.clear()
            return
        self.preview = preview
        if preview.sheets != tuple(self.sheet.itemText(i) for i in range(self.sheet.count())):
            self._show_sheets(preview.sheets, preview.sheet)
        if preview.headings != self._headings:
            self._show_mapping(preview)
        counts = preview.counts()
        left_out = _left_out(preview)
        self.summary.setText(
            self.tr("{rows}: {added} would be added, {updated} changed and {unchanged} left alone; {bad} left out.")
            .replace("{rows}", trn("{n} row", "{n} rows", preview.row_count))
            .replace("{added}", trn("{n} asset", "{n} assets", counts["added"]))
            .replace("{updated}", str(counts["updated"]))
            .replace("{unchanged}", str(counts["unchanged"]))
            .replace("{bad}", trn("{n} row", "{n} rows", left_out))
        )
        lines = []
        for p in preview.problems:
            where = self.tr("Row {n}").replace("{n}", str(p.row)) if p.row else self.tr("The file")
            lines.append(f"{where} ({p.level}): {p.message}")
        lines = lines or [self.tr("No problems found.")]
        changes = preview.changes()
        if changes:  # what would change in assets already in the register, so no correction is overwritten unseen
            lines += [
                "",
                self.tr(
                    "What would change in assets already in the register (to keep the register's value for a "
                    "column, set that column to “— not imported —” above):"
                ),
            ]
            for change in changes[:SHOWN_CHANGES]:
                where = self.tr("Row {n}").replace("{n}", str(change["row"]))
                lines.append(f"{where}, {change['asset']}: {'; '.join(change['what'])}")
            if len(changes) > SHOWN_CHANGES:
                more = self.tr("… and {n} more assets changed.").replace("{n}", str(len(changes) - SHOWN_CHANGES))
                lines.append(more)
        self.problems.setPlainText("\n".join(lines))
        self.import_button.setEnabled(bool(preview.plans) and any(counts[k] for k in ("added", "updated")))

    def _show_mapping(self, preview: ImportPreview) -> None:
        self._headings = preview.headings
        self.mapping.setRowCount(len(preview.headings))
        labels = field_labels()
        for i, (heading, field) in enumerate(zip(preview.headings, preview.fields, strict=False)):
            self.mapping.setItem(i, 0, _item(heading or self.tr("(no heading)")))
            combo = QComboBox()
            combo.addItem(self.tr("— not imported —"), "")
            for code, label in labels.items():
                combo.addItem(label, code)
            combo.setCurrentIndex(max(0, combo.findData(field)))
            combo.currentIndexChanged.connect(self._check)
            self.mapping.setCellWidget(i, 1, combo)

    def _import(self) -> None:
        if self.preview is None:
            return
        preview, register = self.preview, self.context.register
        progress = _Progress(self)
        progress.moved.connect(self._moved)
        self._cancel.clear()
        self.progress.show()
        for widget in (self.import_button, self.check_button, self.mapping, self.path_edit, self.council, self.sheet):
            widget.setEnabled(False)
        # One operation on the task thread: one undo step (undoing moves what it added to the trash and puts
        # back what it changed), told to the views once when it is done.
        history = undo_history(self.context)
        text = self.tr("importing {name}").replace("{name}", preview.path.name)

        def work(operation) -> ImportWritten:
            written = apply_import(register, preview, progress=progress.moved.emit, cancelled=self._cancel.is_set)
            operation.add(_ImportStep(history, written, text), Changed(None, written.changes), written.asset_refs)
            return written

        history.run(text, work, initiator=self, done=self._done, failed=self._failed, in_background=True)

    def _moved(self, done: int, total: int) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)

    def _done(self, _written: ImportWritten) -> None:
        counts = self.preview.counts() if self.preview else {}
        said = (
            self.tr("{added} added and {updated} changed.")
            .replace("{added}", trn("{n} asset", "{n} assets", counts.get("added", 0)))
            .replace("{updated}", str(counts.get("updated", 0)))
        )
        left_out = _left_out(self.preview) if self.preview else 0
        if left_out:
            said += " " + trn("{n} row was left out, as listed.", "{n} rows were left out, as listed.", left_out)
        self.context.messages.info(self, self.tr("The list was imported"), said)
        self.accept()

    def _failed(self, error: Exception) -> None:
        self.progress.hide()
        for widget in (self.import_button, self.check_button, self.mapping, self.path_edit, self.council, self.sheet):
            widget.setEnabled(True)
        self.summary.setText(self.tr("Nothing was imported: {reason}").replace("{reason}", str(error)))

    def _on_cancel(self) -> None:
        if self.progress.isVisible():
            self._cancel.set()  # the import stops at its next step and writes nothing
        else:
            self.reject()


def _item(text: str):
    from PySide6.QtWidgets import QTableWidgetItem

    return QTableWidgetItem(text)


SLOW_STEP_RECORDS = 500


class _ImportStep(_Step):
    """A whole import as one undo step: undoing moves what it added to the trash and puts back what it changed;
    redoing brings them back. Refused, and dropped, when the register has been changed since in a way that
    would be overwritten."""

    def __init__(self, history: UndoHistory, written: ImportWritten, text: str) -> None:
        super().__init__(history, text)
        self.written = written
        # More than a moment's work on the GUI thread: taken back on the task thread, the window still painted.
        self.slow = sum(map(len, written.added.values())) + len(written.changed) > SLOW_STEP_RECORDS

    def forward(self) -> tuple[Changed[None], list[str]]:
        return Changed(None, redo_import(self.history.context.register, self.written)), self.written.asset_refs

    def backward(self) -> tuple[Changed[None], list[str]]:
        return Changed(None, undo_import(self.history.context.register, self.written)), self.written.asset_refs


def _left_out(preview: ImportPreview) -> int:
    """The rows importing leaves out: those with an error."""
    return len({p.row for p in preview.problems if p.level == "error" and p.row})
