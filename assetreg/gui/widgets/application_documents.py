"""The documents of the chosen transfer application: attach a file under a pack section, change a document's
title or section, replace its file (it keeps its reference), or remove it to the trash."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...domain import entities as e
from ...domain.errors import AssetRegError
from ...services.applications import ApplicationOverview
from ...services.documents import replacement_fields
from ..context import AppContext
from ..display import ENTITY_ROLE
from ..forms.document_form import ANY_FILE, DocumentDialog
from ..tables.fitted_table import FittedTable, make_table
from ..tables.record_table import Column, RecordTableModel, size_text
from ..undo import undo_history

DOC_TITLE, DOC_SECTION, DOC_FILE, DOC_SIZE = range(4)


class ApplicationDocuments(QWidget):
    """A table of the application's documents with Attach, Rename, Replace and Remove."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.overview: ApplicationOverview | None = None
        self._section = ""
        self._names: dict[str, str] = {}
        t = self.tr
        self.model = RecordTableModel(
            [
                Column(t("Document"), lambda d: d.title, sort=lambda d: d.title.casefold()),
                Column(t("Filed under"), lambda d: self._names.get(d.pack_section, t("Not filed under a section"))),
                Column(t("File"), lambda d: d.original_filename),
                Column(t("Size"), lambda d: size_text(d.size_bytes), sort=lambda d: d.size_bytes),
            ],
            self,
        )
        self.table = make_table(self.model, t("Documents"), DOC_SECTION, FittedTable(2, 8), DOC_TITLE)
        self.table.doubleClicked.connect(self._on_rename)
        self.table.selectionModel().selectionChanged.connect(self._on_chosen)
        self.label = QLabel(t("Doc&uments"))
        font = self.label.font()
        font.setBold(True)
        self.label.setFont(font)
        self.label.setBuddy(self.table)
        self.attach_button = QPushButton(t("&Attach file…"))
        self.attach_button.setToolTip(t("Copy a file into the register, filed under a section of the pack"))
        self.attach_button.clicked.connect(self._on_attach)
        self.rename_button = QPushButton(t("&Rename…"))
        self.rename_button.setToolTip(t("Change the chosen document's title, section or notes"))
        self.rename_button.clicked.connect(self._on_rename)
        self.replace_button = QPushButton(t("Replace the f&ile…"))
        self.replace_button.setToolTip(t("Put a newer file in place of the chosen one; it keeps its reference"))
        self.replace_button.clicked.connect(self._on_replace)
        self.remove_button = QPushButton(t("Remove documen&t…"))
        self.remove_button.clicked.connect(self._on_remove)
        context.writes(self.attach_button, self.rename_button, self.replace_button, self.remove_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.label)
        buttons.addStretch(1)
        for button in (self.attach_button, self.rename_button, self.replace_button, self.remove_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        self.show_application(None)

    def show_application(self, overview: ApplicationOverview | None, section: str = "") -> None:
        """Shows the documents of ``overview``'s application; ``section`` is the one a new file is filed under."""
        chosen = self.selected()
        self.overview, self._section = overview, section
        documents: list[e.Document] = []
        if overview is not None:
            self._names = {s.code: s.name for s in overview.checklist.sections}
            documents = [d for s in overview.checklist.sections for d in s.documents]
            documents += list(overview.checklist.unfiled)
        self.model.set_rows(documents)
        if chosen is not None:
            self.select(chosen.reference)
        self.attach_button.setEnabled(overview is not None)
        self._on_chosen()

    def documents(self) -> list[e.Document]:
        proxy = self.table.model()
        return [proxy.index(r, 0).data(ENTITY_ROLE) for r in range(proxy.rowCount())]

    def selected(self) -> e.Document | None:
        for index in self.table.selectionModel().selectedRows():
            return index.data(ENTITY_ROLE)
        return None

    def select(self, reference: str) -> bool:
        for position, document in enumerate(self.documents()):
            if document.reference == reference:
                self.table.selectRow(position)
                return True
        return False

    def exec_form(self, dialog: DocumentDialog) -> bool:
        """Shows the form until it is saved or cancelled (tests replace this to fill it in)."""
        return bool(dialog.exec())

    # behaviour

    def _on_chosen(self, *_args) -> None:
        for button in (self.rename_button, self.replace_button, self.remove_button):
            button.setEnabled(self.selected() is not None)

    def _form(self, document: e.Document | None) -> None:
        o = self.overview
        if o is None:
            return
        dialog = DocumentDialog(self.context, o.row.profile, o.row.reference, document, self._section, self)
        try:
            if self.exec_form(dialog) and dialog.changed is not None:
                self.select(dialog.changed.value.reference)
        finally:
            dialog.deleteLater()

    def _on_attach(self) -> None:
        self._form(None)

    def _on_rename(self, *_args) -> None:
        document = self.selected()
        if document is not None:
            self._form(document)

    def _on_replace(self) -> None:
        document = self.selected()
        if document is None:
            return
        chosen = self.context.messages.choose_existing_file(
            self, self.tr("Replace the file of {title}").format(title=document.title), Path.home(), ANY_FILE
        )
        if chosen is None:
            return
        try:
            fields = replacement_fields(self.context.register, document.reference, chosen)
            undo_history(self.context).update(document.reference, initiator=self, **fields)
        except AssetRegError as error:
            self.context.messages.error(self, self.tr("The file was not replaced"), str(error))

    def _on_remove(self) -> None:
        document = self.selected()
        if document is None:
            return
        question = self.tr("Remove {title} ({reference})? It goes to the trash, where it can be restored.").format(
            title=document.title, reference=document.reference
        )
        if not self.context.messages.confirm(self, self.tr("Remove a document"), question):
            return
        try:
            undo_history(self.context).delete(document.reference, initiator=self)
        except AssetRegError as error:
            self.context.messages.error(self, self.tr("The document was not removed"), str(error))
