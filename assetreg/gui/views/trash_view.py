"""The trash: every deleted record, newest first, and a way to bring any of them back.

Deleting is soft (``services.records``), so nothing here is ever lost; restoring a record brings back everything
that was deleted along with it. A record whose parent is still in the trash cannot come back alone: the view
says which parent to restore instead.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import AssetRegError
from ...domain.records import RecordKind, reference_number
from ...services.trash import TrashItem, load_trash
from ..context import AppContext
from ..display import ENTITY_ROLE, SORT_ROLE
from ..tables.record_table import Column, RecordTableModel, moment_text
from ..undo import undo_history
from ..widgets import icons, typography
from .view import View

TRASH_REFERENCE, TRASH_KIND, TRASH_NAME, TRASH_PART_OF, TRASH_DELETED = range(5)


class TrashView(View):
    """A table of deleted records; Restore (or Enter) brings the chosen one back."""

    name = "trash"
    icon_name = "trash"
    heading = "Trash"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._loaded = False
        t = self.tr
        self.model = RecordTableModel(
            [
                Column(t("Reference"), lambda x: x.reference, lambda x: (x.kind.prefix, reference_number(x.reference))),
                Column(t("Kind"), lambda x: x.kind.label.capitalize()),
                Column(t("Name"), lambda x: x.label),
                Column(
                    t("Part of"),
                    lambda x: x.part_of,
                    tip=lambda x: (
                        t("{parent} is in the trash too; restoring it brings this back.").format(parent=x.part_of)
                        if x.part_of
                        else ""
                    ),
                ),
                Column(
                    t("Deleted"),
                    lambda x: moment_text(x.deleted_at) if x.deleted_at else "",
                    lambda x: x.deleted_at.isoformat() if x.deleted_at else "",
                ),
            ],
            self,
        )
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = self._make_table()

        heading = QLabel(self.title())
        typography.title(heading)
        about = QLabel(
            t(
                "Deleted records wait here and can be brought back at any time. Restoring a record also restores "
                "everything that was deleted along with it — an asset's notices, a notice's requests."
            )
        )
        about.setWordWrap(True)
        self.count = QLabel()
        self.count.setAccessibleName(t("Records in the trash"))
        self.restore_button = QPushButton(t("&Restore"))
        icons.set_button_icon(self.restore_button, "restore")
        self.restore_button.setAccessibleName(t("Restore the chosen record"))
        self.restore_button.setToolTip(t("Bring the chosen record back into the register (Enter)"))
        self.restore_button.setEnabled(False)
        self.context.writes(self.restore_button)
        self.empty = QLabel(t("The trash is empty."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.empty.setWordWrap(True)

        bar = QHBoxLayout()
        bar.addWidget(self.count, 1)
        bar.addWidget(self.restore_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(8)
        layout.addWidget(heading)
        layout.addWidget(about)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        self.setFocusProxy(self.table)
        QWidget.setTabOrder(self.table, self.restore_button)

        # Enter restores on every platform (``activated`` is Cmd+O on macOS, and a single click on some desktops).
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            enter = QShortcut(QKeySequence(key), self.table)
            enter.setContext(Qt.ShortcutContext.WidgetShortcut)
            enter.activated.connect(self._on_restore)
            self.context.writes(enter)
        self.table.doubleClicked.connect(self._on_activated)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.restore_button.clicked.connect(self._on_restore)
        self._show_count()

    def refresh(self) -> None:
        register = self.context.register
        self.load(lambda: load_trash(register), self._on_loaded, self._on_load_failed)
        self._show_count()

    def selected(self) -> TrashItem | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row(), QModelIndex()):
            return None
        return self.proxy.index(index.row(), 0).data(ENTITY_ROLE)

    def select_reference(self, reference: str) -> None:
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, TRASH_REFERENCE).data() == reference:
                self.table.selectRow(row)
                return

    # building

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.proxy)
        table.setAccessibleName(self.tr("Deleted records"))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setShowGrid(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(round(table.fontMetrics().height() * 1.7))
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TRASH_NAME, QHeaderView.ResizeMode.Stretch)
        # Widths from the font, so they follow the display's scaling: each fits its longest likely text.
        metrics = table.fontMetrics()
        room = metrics.averageCharWidth() * 4  # cell margins and the sort arrow
        for column, sample in (
            (TRASH_REFERENCE, "AUTH-00000"),
            (TRASH_KIND, RecordKind.TRANSFER_APPLICATION.label.capitalize()),
            (TRASH_PART_OF, "AUTH-00000"),
            (TRASH_DELETED, "Wed 30 Sep 2025 23:59"),
        ):
            header.resizeSection(column, metrics.horizontalAdvance(sample) + room)
        table.setSortingEnabled(True)
        table.sortByColumn(TRASH_DELETED, Qt.SortOrder.DescendingOrder)
        return table

    def _show_count(self) -> None:
        rows = self.model.rowCount()
        if self.loading and not self._loaded:
            text = self.tr("Loading the trash…")
        elif rows == 0:
            text = ""  # the empty trash says so in the middle of the view
        elif rows == 1:
            text = self.tr("1 deleted record")
        else:
            text = self.tr("{count} deleted records").replace("{count}", f"{rows:,}")
        self.count.setText(text)
        empty = self._loaded and rows == 0
        self.table.setVisible(not empty)
        self.empty.setVisible(empty)
        self.restore_button.setEnabled(self.selected() is not None)

    # behaviour

    def _on_loaded(self, items: list[TrashItem]) -> None:
        chosen = self.selected()
        self._loaded = True
        self.model.set_rows(items)
        if chosen is not None:
            self.select_reference(chosen.reference)
        if self.selected() is None and items:
            self.table.selectRow(0)
        self._show_count()

    def _on_load_failed(self, error: Exception) -> None:
        self._show_count()
        self.context.messages.error(self, self.tr("The trash could not be loaded"), str(error))

    def _on_selection_changed(self, *_args) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def _on_activated(self, _index: QModelIndex) -> None:
        self._on_restore()

    def _on_restore(self) -> None:
        item = self.selected()
        if item is None:
            return
        try:
            # Through the undo history, so Ctrl+Z puts it back in the trash.
            undo_history(self.context).restore(item.reference, initiator=self)
        except AssetRegError as error:
            self.context.messages.error(
                self,
                self.tr("{reference} was not restored").format(reference=item.reference),
                str(error),
            )
