"""Contacts: the councils, the community groups, and the people and organisations (owners, occupiers) that the
register's assets share — each a table with New, Edit and Delete, and a filter over all three."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain import entities as e
from ...domain.errors import AssetRegError
from ...domain.records import RecordKind
from ...services.contacts import record_uses, use_counts
from ...services.records import Records
from ...services.register import Changes
from ..context import AppContext
from ..display import ENTITY_ROLE, plain
from ..forms.contact_forms import ContactDialog, CouncilDialog, PartyDialog
from ..forms.group_form import GroupDialog, what_it_may_do
from ..tables.fitted_table import make_table
from ..tables.record_table import Column, RecordTableModel
from ..undo import undo_history
from ..widgets import typography
from .view import View

TAB_COUNCILS, TAB_GROUPS, TAB_PARTIES = range(3)
SHOWN = frozenset({RecordKind.AUTHORITY, RecordKind.GROUP, RecordKind.PARTY, RecordKind.ASSET, RecordKind.INTEREST})


@dataclass(frozen=True)
class Row:
    """A contact with how many records name it."""

    record: Any
    uses: int = 0


@dataclass
class Tab:
    kind: RecordKind
    model: RecordTableModel
    table: QTableView
    dialog: Callable[..., ContactDialog]


class ContactsView(View):
    """Councils, groups, and people and organisations: add one, change one, or move one to the trash."""

    name = "contacts"
    icon_name = "contacts"
    heading = "Contacts"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        t = self.tr
        self.tabs = QTabWidget()
        self._tabs: list[Tab] = []
        used = Column(t("Used by"), lambda r: self._uses_text(r.uses), sort=lambda r: r.uses)
        self._add_tab(
            RecordKind.AUTHORITY,
            t("Co&uncils"),
            CouncilDialog,
            [
                Column(t("Council"), lambda r: r.record.name, sort=lambda r: r.record.name.casefold()),
                Column(t("Nation"), lambda r: r.record.jurisdiction.label),
                Column(t("Code"), lambda r: r.record.code),
                Column(t("Email"), lambda r: r.record.email),
                used,
            ],
        )
        self._add_tab(
            RecordKind.GROUP,
            t("G&roups"),
            GroupDialog,
            [
                Column(t("Group"), lambda r: r.record.name, sort=lambda r: r.record.name.casefold()),
                Column(t("Legal form"), lambda r: r.record.legal_form.label),
                Column(t("Ours"), lambda r: t("Our group") if r.record.is_own_group else ""),
                Column(t("May do"), lambda r: what_it_may_do(r.record.legal_form, r.record.local_elector_count)),
                used,
            ],
        )
        self._add_tab(
            RecordKind.PARTY,
            t("&People and organisations"),
            PartyDialog,
            [
                Column(t("Name"), lambda r: r.record.name, sort=lambda r: r.record.name.casefold()),
                Column(t("Kind"), lambda r: r.record.kind.label),
                Column(t("Postcode"), lambda r: r.record.postcode),
                Column(t("Email"), lambda r: r.record.email),
                Column(t("Phone"), lambda r: r.record.phone),
                used,
            ],
        )
        self._build()

    def shows(self, changes: Changes) -> bool:
        return bool(changes.kinds & SHOWN)

    def _add_tab(self, kind: RecordKind, label: str, dialog, columns: list[Column]) -> None:
        model = RecordTableModel(columns, self)
        table = make_table(model, label.replace("&", ""), 0, QTableView(), len(columns) - 2, filtered=True)
        table.model().setFilterKeyColumn(-1)  # a filter matches any column
        table.model().setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        table.doubleClicked.connect(self._on_edit)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            enter = QShortcut(QKeySequence(key), table)
            enter.setContext(Qt.ShortcutContext.WidgetShortcut)
            enter.activated.connect(self._on_edit)
        table.selectionModel().selectionChanged.connect(self._on_chosen)
        self._tabs.append(Tab(kind, model, table, dialog))
        self.tabs.addTab(table, label)

    def _build(self) -> None:
        t = self.tr
        heading = QLabel(self.title())
        typography.title(heading)
        about = QLabel(
            t(
                "The councils, community groups, and people and organisations the register's assets name. "
                "Double-click one, or press Enter, to change it."
            )
        )
        about.setWordWrap(True)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(t("Part of a name, postcode or email"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._on_filter)
        filter_label = QLabel(t("Fi&lter:"))
        filter_label.setBuddy(self.filter)
        self.new_button = QPushButton(t("&New…"))
        self.new_button.clicked.connect(self._on_new)
        self.edit_button = QPushButton(t("Ed&it…"))
        self.edit_button.clicked.connect(self._on_edit)
        self.delete_button = QPushButton(t("&Delete…"))
        self.delete_button.clicked.connect(self._on_delete)
        self.context.writes(self.new_button, self.edit_button, self.delete_button)
        self.summary = plain(QLabel())
        self.summary.setWordWrap(True)
        self.tabs.currentChanged.connect(self._on_chosen)
        top = QHBoxLayout()
        top.addWidget(filter_label)
        top.addWidget(self.filter, 1)
        top.addSpacing(12)
        for button in (self.new_button, self.edit_button, self.delete_button):
            top.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(6)
        layout.addWidget(heading)
        layout.addWidget(about)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.summary)

    # reading

    def refresh(self) -> None:
        records = Records(self.context.register)
        try:
            for tab in self._tabs:
                counts: Counter[str] = use_counts(self.context.register, tab.kind)
                chosen = self.selected(tab)
                tab.model.set_rows(Row(r, counts[r.reference]) for r in records.list(tab.kind))
                if not (chosen is not None and self.select(chosen.reference, tab)) and tab.model.rowCount():
                    tab.table.selectRow(0)
        except AssetRegError as error:
            self.context.messages.error(self, self.tr("The contacts could not be loaded"), str(error))
        self._on_chosen()

    def current(self) -> Tab:
        return self._tabs[self.tabs.currentIndex()]

    def rows(self, tab: Tab | None = None) -> list[Any]:
        """The records of a tab (the shown one by default), in the order and filter the table shows."""
        proxy = (tab or self.current()).table.model()
        return [proxy.index(r, 0).data(ENTITY_ROLE).record for r in range(proxy.rowCount())]

    def selected(self, tab: Tab | None = None) -> Any:
        for index in (tab or self.current()).table.selectionModel().selectedRows():
            return index.data(ENTITY_ROLE).record
        return None

    def select(self, reference: str, tab: Tab | None = None) -> bool:
        tab = tab or self.current()
        for position, record in enumerate(self.rows(tab)):
            if record.reference == reference:
                tab.table.selectRow(position)
                return True
        return False

    def _uses_text(self, count: int) -> str:
        if count == 0:
            return self.tr("Not used")
        return self.tr("1 record") if count == 1 else self.tr("{n} records").format(n=count)

    # behaviour

    def _on_filter(self, text: str) -> None:
        for tab in self._tabs:
            tab.table.model().setFilterFixedString(text)
        self._on_chosen()

    def _on_chosen(self, *_args) -> None:
        chosen = self.selected()
        for button in (self.edit_button, self.delete_button):
            button.setEnabled(chosen is not None)
        shown, total = len(self.rows()), self.current().model.rowCount()
        self.summary.setText(
            self.tr("{shown} of {total} shown.").format(shown=shown, total=total)
            if shown != total
            else self.tr("{total} in the register.").format(total=total)
        )

    def _on_new(self) -> None:
        self._open_form(None)

    def _on_edit(self, *_args) -> None:
        record = self.selected()
        if record is not None:
            self._open_form(record)

    def _open_form(self, record: Any) -> None:
        tab = self.current()
        dialog = tab.dialog(self.context, record, self)
        try:
            if self.exec_form(dialog) and dialog.changed is not None:
                self.select(dialog.changed.value.reference, tab)
        finally:
            dialog.deleteLater()

    def exec_form(self, dialog: ContactDialog) -> bool:
        """Shows the form until it is saved or cancelled (tests replace this to fill it in)."""
        return bool(dialog.exec())

    def _on_delete(self) -> None:
        record = self.selected()
        if record is None:
            return
        name = record.name
        try:
            uses = record_uses(self.context.register, record.reference)
        except AssetRegError as error:
            self.context.messages.error(self, self.tr("Nothing was deleted"), str(error))
            return
        if uses:
            listed = "\n".join("• " + u.text() for u in uses[:12])
            more = len(uses) - 12
            if more > 0:
                listed += "\n" + self.tr("…and {n} more.").format(n=more)
            self.context.messages.error(
                self,
                self.tr("{name} is still in use").format(name=name),
                self.tr(
                    "{name} is named by:\n{records}\n\nDeleting it would take those records to the trash with it, "
                    "so it was not deleted. Change those records to name another, or delete them first."
                ).format(name=name, records=listed),
            )
            return
        extra = ""
        if isinstance(record, e.CommunityGroup) and record.is_own_group:
            extra = " " + self.tr("It is your own group: its details will no longer appear in Settings.")
        question = self.tr(
            "Delete {name}? It goes to the trash, where it can be restored; Edit › Undo brings it back too."
        ).format(name=name)
        if not self.context.messages.confirm(self, self.tr("Delete {name}").format(name=name), question + extra):
            return
        try:
            undo_history(self.context).delete(record.reference, initiator=self)
        except AssetRegError as error:
            self.context.messages.error(self, self.tr("Nothing was deleted"), str(error))
