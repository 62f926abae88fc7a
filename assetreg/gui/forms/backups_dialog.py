"""File ▸ Backups…: the register's backups, newest first; back up now, restore one (after asking), change folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import AssetRegError
from ...services.backups import Backup, backup_folder, list_backups, make_backup, set_backup_folder
from ...services.restore import restore_backup
from ..context import AppContext
from ..undo import undo_history


class BackupsDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(self.tr("Backups"))
        self.resize(760, 420)
        self.folder_label = QLabel()
        self.folder_label.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("Made"), self.tr("Size"), self.tr("Why"), self.tr("Verified")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.backup_button = QPushButton(self.tr("Back up now"))
        self.restore_button = QPushButton(self.tr("Restore…"))
        self.folder_button = QPushButton(self.tr("Change folder…"))
        close = QPushButton(self.tr("Close"))
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self.restore_selected)
        self.folder_button.clicked.connect(self._on_change_folder)
        close.clicked.connect(self.accept)
        context.writes(self.backup_button, self.folder_button, self.restore_button)
        buttons = QHBoxLayout()
        for button in (self.backup_button, self.restore_button, self.folder_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.folder_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.backups: list[Backup] = []
        self.reload()

    def reload(self) -> None:
        register = self.context.register
        self.folder_label.setText(
            self.tr("Backups are kept in {folder}.").replace("{folder}", str(backup_folder(register)))
        )
        self.backups = list_backups(register)
        self.table.setRowCount(len(self.backups))
        for row, backup in enumerate(self.backups):
            cells = (
                backup.created.astimezone().strftime("%Y-%m-%d %H:%M"),
                f"{backup.size / 1_000_000:.1f} MB",
                backup.reason,
                self.tr("yes") if backup.verified else self.tr("no"),
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        if self.backups:
            self.table.selectRow(0)

    def back_up_now(self) -> Backup | None:
        try:
            backup = make_backup(self.context.register)
        except AssetRegError as error:
            self.context.messages.error(self, self.tr("No backup was made"), str(error))
            return None
        self.reload()
        return backup

    def restore_selected(self) -> bool:
        row = self.table.currentRow()
        if not 0 <= row < len(self.backups):
            return False
        backup = self.backups[row]
        question = self.tr(
            "Put back the register as it was at {when}? Everything changed since then is replaced. The register as "
            "it is now is backed up first, so this can itself be undone from this list."
        ).replace("{when}", backup.created.astimezone().strftime("%Y-%m-%d %H:%M"))
        if not self.context.messages.confirm(self, self.tr("Restore a backup"), question):
            return False
        if self.context.register.shared:
            self.context.messages.error(
                self,
                self.tr("The backup was not restored"),
                self.tr(
                    "A shared register is not replaced from this window, as others may be working in it. Whoever "
                    "runs its server can put {backup} back into an empty database with “assetreg copy”."
                ).replace("{backup}", str(backup.path)),
            )
            return False
        try:
            restore_backup(self.context.register.path, backup.path)
        except AssetRegError as error:
            self.context.messages.error(self, self.tr("The backup was not restored"), str(error))
            return False
        undo_history(self.context).replaced(initiator=self)  # no step applies to the register put back
        self.reload()
        return True

    def _on_change_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("Keep backups in"), str(backup_folder(self.context.register))
        )
        if chosen:
            self.change_folder(Path(chosen))

    def change_folder(self, folder: Path) -> None:
        try:
            set_backup_folder(self.context.register, folder)
        except AssetRegError as error:
            self.context.messages.error(self, self.tr("The folder was not changed"), str(error))
        self.reload()
