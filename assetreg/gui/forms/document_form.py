"""Attaching a file to a transfer application under a section of its pack, or changing a document's title,
section and notes (its file stays; "Replace the file" changes that)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from ...domain import entities as e
from ...domain.council_profiles import CouncilProfile
from ...domain.validation import validate
from ...services.documents import prepare_attachment
from ...services.records import Changed
from ..context import AppContext
from ..undo import undo_history
from ..widgets.form_widgets import ChoiceBox, focus_through
from .forms import FormDialog

ANY_FILE = "Documents (*.pdf *.doc *.docx *.odt *.xls *.xlsx *.ods *.jpg *.jpeg *.png *.txt);;Every file (*)"


class DocumentDialog(FormDialog):
    """A new document for ``application_ref`` (``document`` None) from a chosen file, or an existing document's
    title, section and notes. ``section`` is the section chosen to begin with."""

    def __init__(
        self,
        context: AppContext,
        council: CouncilProfile,
        application_ref: str,
        document: e.Document | None = None,
        section: str = "",
        parent: QWidget | None = None,
    ) -> None:
        t = self.tr
        title = t("Attach a file to {reference}") if document is None else t("Edit {title}")
        super().__init__(
            context, title.format(reference=application_ref, title=document.title if document else ""), parent=parent
        )
        self.document, self.application_ref = document, application_ref
        self.changed: Changed | None = None
        self.path = self.line(characters=40)
        self.browse = QPushButton(t("&Browse…"))
        self.browse.clicked.connect(self._on_browse)
        chooser = QWidget()
        row = QHBoxLayout(chooser)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        focus_through(chooser, self.path)
        self.title_edit = self.line(characters=40)
        self.section = ChoiceBox(
            [(s.name, s.code) for s in council.pack_sections()] + [(t("Not filed under a section"), "")]
        )
        self.notes = self.text_box(lines=2)
        form = self.add_section(t("The document"))
        if document is None:
            form.add_field("file", t("&File:"), chooser, t("The file is copied into the register's attachments."))
        form.add_field("title", t("&Title:"), self.title_edit, t("The file's name when left blank."))
        form.add_field(
            "pack_section",
            t("Filed &under:"),
            self.section,
            t("Which section of the pack it belongs to ({council}).").format(council=council.name),
        )
        form.add_field("notes", t("N&otes:"), self.notes)
        self.section.set_value(document.pack_section if document else section)
        if document is not None:
            self.title_edit.setText(document.title)
            self.notes.setPlainText(document.notes)
        self.save_button.setText(t("&Save") if document else t("&Save and attach"))
        self.finish(80)
        (self.path if document is None else self.title_edit).setFocus()

    def _on_browse(self) -> None:
        chosen = self.context.messages.choose_existing_file(self, self.tr("Choose a file"), Path.home(), ANY_FILE)
        if chosen is not None:
            self.path.setText(str(chosen))
            if not self.title_edit.text().strip():
                self.title_edit.setText(chosen.stem)

    def save(self) -> None:
        extra = {}
        if self.document is None and not self.path.text().strip():
            extra["file"] = self.tr("Choose the file to attach.")
        changed = self.write(self._write, extra)
        if changed is not None:
            self.changed = changed
            self.accept()

    def _write(self) -> Changed[e.Document]:
        history = undo_history(self.context)
        if self.document is None:
            document = prepare_attachment(
                self.context.register,
                Path(self.path.text().strip()),
                title=self.title_edit.text(),
                application_ref=self.application_ref,
                pack_section=self.section.value(),
                notes=self.notes.toPlainText().strip(),
            )
            return history.create(document)
        wanted = validate(
            dataclasses.replace(
                self.document,
                title=self.title_edit.text().strip() or self.document.original_filename,
                pack_section=self.section.value(),
                notes=self.notes.toPlainText().strip(),
            )
        )
        return history.update(
            self.document.reference, title=wanted.title, pack_section=wanted.pack_section, notes=wanted.notes
        )
