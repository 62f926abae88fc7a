"""The Documents tab: files attached to the asset — added (or dropped on the list), opened, removed."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ....domain import entities as e
from ....domain.errors import AssetRegError
from ....services.documents import attach, document_file
from ....services.records import Changed
from ...context import AppContext
from ...display import ENTITY_ROLE
from ...tables.document_table import DocumentTable
from ...tables.record_table import Column, RecordTableModel, iso_text, moment_text, size_text
from ...undo import undo_history
from ...widgets.notice_panel import table_view
from .record_actions import weak_call

DOC_TITLE, DOC_FILE, DOC_SIZE, DOC_ADDED, DOC_REFERENCE = range(5)


class DocumentsTab(QWidget):
    """``asset()`` gives the reference and name of the asset shown, or None."""

    def __init__(self, context: AppContext, asset: Callable[[], tuple[str, str] | None], parent=None) -> None:
        super().__init__(parent)
        self.context, self._asset = context, weak_call(asset)
        t = self.tr
        self.documents_model = RecordTableModel(
            [
                Column(t("Title"), lambda d: d.title),
                Column(t("File name"), lambda d: d.original_filename),
                Column(t("Size"), lambda d: size_text(d.size_bytes), lambda d: d.size_bytes),
                Column(
                    t("Added"), lambda d: moment_text(d.added_at) if d.added_at else "", lambda d: iso_text(d.added_at)
                ),
                Column(t("Reference"), lambda d: d.reference),
            ],
            self,
        )
        layout = QVBoxLayout(self)
        self.documents_view = table_view(self.documents_model, t("Documents"), DocumentTable())
        self.documents_view.files_dropped.connect(self._on_files_dropped)
        self.documents_view.activated.connect(self._on_open_document)
        self.documents_view.selectionModel().selectionChanged.connect(self._on_document_selection)
        remove_action = QAction(t("Remove document"), self.documents_view)
        remove_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        remove_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        remove_action.triggered.connect(self._on_remove_documents)
        self.documents_view.addAction(remove_action)
        self.context.writes(remove_action)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(t("&Add files…"))
        self.open_button = QPushButton(t("&Open"))
        self.remove_button = QPushButton(t("&Remove"))
        self.add_button.clicked.connect(self._on_add_documents)
        self.open_button.clicked.connect(self._on_open_document)
        self.remove_button.clicked.connect(self._on_remove_documents)
        self.context.writes(self.add_button, self.remove_button)
        hint = QLabel(t("Drop files on the list to attach them."))
        hint.setWordWrap(True)
        for widget in (self.add_button, self.open_button, self.remove_button):
            buttons.addWidget(widget)
        buttons.addWidget(hint, 1)
        layout.addWidget(self.documents_view, 1)
        layout.addLayout(buttons)
        self._on_document_selection()

    def _name(self) -> str:
        shown = self._asset()
        return shown[1] if shown else ""

    def selected_documents(self) -> list[e.Document]:
        rows = self.documents_view.selectionModel().selectedRows()
        if not rows and self.documents_view.currentIndex().isValid():
            rows = [self.documents_view.currentIndex()]
        return [index.data(ENTITY_ROLE) for index in rows]

    def _on_document_selection(self, *_args) -> None:
        chosen = bool(self.documents_view.selectionModel().selectedRows())
        self.open_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    def _on_add_documents(self) -> None:
        chosen, _ = QFileDialog.getOpenFileNames(self, self.tr("Attach files to {name}").format(name=self._name()))
        self.attach_files([Path(p) for p in chosen])

    def _on_files_dropped(self, files: list[Path]) -> None:
        self.attach_files(files)

    def attach_files(self, files: Iterable[Path]) -> None:
        """Copies each file into the register against this asset; problems are reported one by one."""
        shown = self._asset()
        if shown is None:
            return
        text = self.tr("attaching files to {asset}").format(asset=self._name())
        with undo_history(self.context).operation(text, initiator=self) as operation:  # Ctrl+Z takes them off
            for path in files:
                try:
                    attached = attach(self.context.register, path, asset_ref=shown[0])
                except AssetRegError as error:
                    self.context.messages.error(self, self.tr("The file was not attached"), str(error))
                    continue
                operation.made(Changed(attached.value.document, attached.changes))

    def _on_open_document(self, *_args) -> None:
        for document in self.selected_documents()[:1]:
            try:
                stored = document_file(self.context.register, document.reference)
                # The stored file is named by its hash; open a copy under its own name so the right program opens.
                folder = Path(tempfile.gettempdir()) / "assetreg-open" / document.reference
                folder.mkdir(parents=True, exist_ok=True)
                copy = folder / Path(document.original_filename).name
                shutil.copyfile(stored, copy)
            except (AssetRegError, OSError) as error:
                self.context.messages.error(self, self.tr("The document cannot be opened"), str(error))
                continue
            if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(copy))):
                self.context.messages.error(
                    self,
                    self.tr("The document cannot be opened"),
                    self.tr("No program on this computer opens {name}.").format(name=document.original_filename),
                )

    def _on_remove_documents(self) -> None:
        documents = self.selected_documents()
        if not documents:
            return
        names = ", ".join(f"{d.title} ({d.reference})" for d in documents)
        question = self.tr("Remove {names} from {asset}? It goes to the trash and can be restored.").format(
            names=names, asset=self._name()
        )
        if not self.context.messages.confirm(self, self.tr("Remove documents"), question):
            return
        history = undo_history(self.context)  # Ctrl+Z brings them back
        text = self.tr("removing documents from {asset}").format(asset=self._name())
        with history.operation(text, initiator=self):
            for document in documents:
                try:
                    history.delete(document.reference)
                except AssetRegError as error:
                    self.context.messages.error(self, self.tr("The document was not removed"), str(error))
