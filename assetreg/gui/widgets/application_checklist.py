"""The pack checklist of one transfer application: each section its council asks for, whether the group has
answered it and filed papers under it; the group's answer written here, and the chosen section's documents below.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QPushButton, QVBoxLayout, QWidget

from ...domain.errors import AssetRegError
from ...services.applications import ApplicationOverview, ChecklistSection, pack_answer, save_pack_answer
from ..context import AppContext
from ..display import ENTITY_ROLE, plain
from ..forms import answer_dialog
from ..tables.application_tables import CHECK_DOCUMENTS, CHECK_SECTION, ChecklistModel
from ..tables.fitted_table import FittedTable, make_table
from ..undo import undo_history
from . import typography
from .application_documents import ApplicationDocuments


class PackChecklist(QWidget):
    """The checklist of the application ``show_overview`` is given, with Write answer… and its documents."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.overview: ApplicationOverview | None = None
        self.checklist_model = ChecklistModel(self)
        self.checklist_table = make_table(
            self.checklist_model, self.tr("Pack checklist"), CHECK_SECTION, FittedTable(3, 14), CHECK_DOCUMENTS
        )
        self.checklist_table.setWordWrap(True)
        self.checklist_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Enter and a double click write the answer (``activated`` is a single click on some desktops).
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            enter = QShortcut(QKeySequence(key), self.checklist_table)
            enter.setContext(Qt.ShortcutContext.WidgetShortcut)
            enter.activated.connect(self._on_write_answer)
            context.writes(enter)
        self.checklist_table.doubleClicked.connect(self._on_write_answer)
        self.checklist_table.selectionModel().selectionChanged.connect(self._on_section_chosen)
        self.documents = ApplicationDocuments(context)
        self._checklist_label = plain(QLabel())
        self._checklist_label.setFont(typography.strong_font(self))
        self._checklist_label.setBuddy(self.checklist_table)
        self._checklist_caption = plain(QLabel())
        self._checklist_caption.setWordWrap(True)
        self.write_button = QPushButton(self.tr("&Write answer…"))
        self.write_button.setAccessibleName(self.tr("Write the group's answer to the chosen section of the pack"))
        self.write_button.clicked.connect(self._on_write_answer)
        context.writes(self.write_button)
        self._unfiled = plain(QLabel())
        self._unfiled.setWordWrap(True)
        checklist = QVBoxLayout(self)
        checklist.setContentsMargins(8, 6, 0, 0)
        checklist.addWidget(self._checklist_label)
        caption = QHBoxLayout()
        caption.setSpacing(8)
        caption.addWidget(self._checklist_caption, 1)
        caption.addWidget(self.write_button, 0, Qt.AlignmentFlag.AlignBottom)
        checklist.addLayout(caption)
        checklist.addWidget(self.checklist_table)
        checklist.addWidget(self._unfiled)
        checklist.addWidget(self.documents)
        checklist.addStretch(1)

    def show_overview(self, o: ApplicationOverview | None, keep: tuple[str, ChecklistSection] | None) -> None:
        """Shows ``o``'s checklist (nothing when None); ``keep`` is the section chosen before, kept chosen when it
        belongs to the same application."""
        self.overview = o
        self.write_button.setEnabled(o is not None and bool(o.checklist.sections))
        if o is None:
            self.checklist_model.set_rows([])
            self._checklist_caption.clear()
            self._unfiled.clear()
            self._checklist_label.setText(self.tr("Pack &checklist"))
            self.documents.show_application(None)
            return
        council = o.row.profile
        self.checklist_model.set_rows(list(o.checklist.sections))
        if keep is not None and keep[0] == o.row.reference:
            self.select_section(keep[1])
        self._on_section_chosen()
        total, missing = len(o.checklist.sections), len(o.checklist.missing)
        self._checklist_label.setText(self.tr("Pack &checklist — {profile}").format(profile=council.name))
        caption = self.tr("{answered} of {total} sections answered; {have} have documents, {missing} missing.").format(
            answered=total - len(o.checklist.unanswered), have=total - missing, total=total, missing=missing
        )
        if not council.sections_from_source:
            caption += " " + self.tr("The council's own list of sections is not recorded, so every section is shown.")
        self._checklist_caption.setText(caption)
        unfiled = o.checklist.unfiled
        self._unfiled.setVisible(bool(unfiled))
        self._unfiled.setText(
            self.tr("Attached but not filed under a section this council asks for: {titles}.").format(
                titles=", ".join(f"{d.title} ({d.reference})" for d in unfiled)
            )
        )
        self.checklist_table.resizeRowsToContents()

    def sections(self) -> list[ChecklistSection]:
        """The checklist's sections in the order the table shows them."""
        proxy = self.checklist_table.model()
        return [proxy.index(r, 0).data(ENTITY_ROLE) for r in range(proxy.rowCount())]

    def chosen_section(self) -> tuple[str, ChecklistSection] | None:
        """The application shown and the checklist section chosen in it, if one is."""
        if self.overview is None:
            return None
        for index in self.checklist_table.selectionModel().selectedRows():
            return self.overview.row.reference, index.data(ENTITY_ROLE)
        return None

    def select_section(self, section: ChecklistSection | str) -> bool:
        """Chooses the checklist row of a section (or its code); False if the checklist has no such section."""
        code = section if isinstance(section, str) else section.code
        for position, shown in enumerate(self.sections()):
            if shown.code == code:
                self.checklist_table.selectRow(position)
                return True
        return False

    # behaviour

    def _on_section_chosen(self, *_args) -> None:
        chosen = self.chosen_section()
        self.documents.show_application(self.overview, chosen[1].code if chosen else "")
        answered = chosen is not None and chosen[1].answered
        self.write_button.setText(self.tr("Edit ans&wer…") if answered else self.tr("&Write answer…"))

    def _on_write_answer(self, *_args) -> None:
        """The chosen section's answer (or, with none chosen, the first unanswered one's) in a dialog; saved on OK."""
        o = self.overview
        if o is None or not o.checklist.sections:
            return
        chosen = self.chosen_section()
        section = chosen[1] if chosen else (o.checklist.unanswered or o.checklist.sections)[0]
        self.select_section(section)
        reference, code = o.row.reference, section.code
        text = answer_dialog.ask_answer(
            self,
            section.name,
            section.description,
            section.answer,
            self.tr("{reference} · {section}").format(reference=reference, section=section.name),
        )
        if text is None:
            return
        register = self.context.register

        def read() -> str:
            found = pack_answer(register, reference, code)
            return found.answer if found is not None else ""

        try:
            undo_history(self.context).set_value(
                (
                    self.tr("writing the answer to “{section}”")
                    if text.strip()
                    else self.tr("removing the answer to “{section}”")
                ).format(section=section.name),
                self.tr("The answer to “{section}” of {reference}").format(section=section.name, reference=reference),
                read,
                lambda value: save_pack_answer(register, reference, code, value),
                text,
            )
        except AssetRegError as error:
            self.context.messages.error(self, self.tr("The answer was not saved"), str(error))
