"""The assets register: every asset in one table, searched as you type and filtered by status, council, category."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.records import RecordKind
from ...services.assets import list_assets
from ...services.register import Changes
from ..context import AppContext
from ..forms.asset_form import AssetDialog
from ..tables.asset_table import (
    COL_CATEGORY,
    COL_COUNCIL,
    COL_NAME,
    COL_POSTCODE,
    COL_REFERENCE,
    COL_STATUS,
    AssetRows,
    AssetTableModel,
)
from .view import View

# The kinds of record an asset's row is made from: its own fields, its council, and what decides its status.
ASSET_KINDS = frozenset(
    {
        RecordKind.ASSET,
        RecordKind.AUTHORITY,
        RecordKind.NOMINATION,
        RecordKind.LIST_ENTRY,
        RecordKind.CHALLENGE,
        RecordKind.DISPOSAL_NOTICE,
        RecordKind.BIDDER_REQUEST,
    }
)


class AssetsView(View):
    """A table of every asset with search-as-you-type, three filters and a count; Enter opens an asset."""

    name = "assets"
    icon_name = "assets"
    heading = "Assets"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._loaded = False
        self._fitted = False  # column widths are set from the first assets loaded
        self._keep: str | None = None  # the asset to select again after the rows change
        self._choices: dict[QComboBox, list] = {}  # each filter's values, by position in its list

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search name, address, postcode, UPRN, council or reference"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search assets"))
        self.search.setToolTip(
            self.tr("Words in any order; an asset is shown when it contains them all. Ctrl+F to come back here.")
        )
        self.status_filter = self._combo(self.tr("Status filter"), 18)  # fits "Interim moratorium"
        self.council_filter = self._combo(self.tr("Council filter"), 16)
        self.category_filter = self._combo(self.tr("Category filter"), 15)
        self.clear_filters = QPushButton(self.tr("C&lear"))
        self.clear_filters.setToolTip(self.tr("Clear the search and show every asset"))
        self.clear_filters.setAccessibleName(self.tr("Clear search and filters"))
        self.clear_filters.setEnabled(False)
        self.new_asset = QPushButton(self.tr("&New asset…"))
        self.new_asset.setToolTip(self.tr("Add an asset to the register (Ctrl+N)"))
        self.new_asset.setAccessibleName(self.tr("New asset"))
        self.count = QLabel()
        self.count.setAccessibleName(self.tr("Assets shown"))
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.model = AssetTableModel(self)
        self.table = self._make_table()

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addSpacing(self.fontMetrics().averageCharWidth() * 2)
        top.addWidget(self.count)
        top.addSpacing(self.fontMetrics().averageCharWidth() * 2)
        top.addWidget(self.new_asset)
        filters = QHBoxLayout()
        for text, combo in (
            (self.tr("&Status"), self.status_filter),
            (self.tr("Co&uncil"), self.council_filter),
            (self.tr("C&ategory"), self.category_filter),
        ):
            label = QLabel(text)
            label.setBuddy(combo)
            filters.addWidget(label)
            filters.addWidget(combo)
            filters.addSpacing(self.fontMetrics().averageCharWidth() * 2)
        filters.addWidget(self.clear_filters)
        filters.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        for first, second in (
            (self.search, self.new_asset),
            (self.new_asset, self.status_filter),
            (self.status_filter, self.council_filter),
            (self.council_filter, self.category_filter),
            (self.category_filter, self.clear_filters),
            (self.clear_filters, self.table),
        ):
            QWidget.setTabOrder(first, second)
        self.setFocusProxy(self.search)

        # In the main window, its Edit › Find takes over (from anywhere in the window) and turns this one off.
        self.find_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        self.find_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.find_shortcut.activated.connect(self._on_find)
        new = QShortcut(QKeySequence(QKeySequence.StandardKey.New), self)
        new.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        new.activated.connect(self._on_new_asset)
        self.context.writes(self.new_asset, new)
        self.new_asset.clicked.connect(self._on_new_asset)
        self.search.textChanged.connect(self._on_search_changed)
        self.search.installEventFilter(self)
        for combo in (self.status_filter, self.council_filter, self.category_filter):
            combo.currentIndexChanged.connect(self._on_filter_changed)
        self.clear_filters.clicked.connect(self._on_clear)
        self.table.activated.connect(self._on_activated)
        self.model.modelAboutToBeReset.connect(self._on_rows_changing)
        self.model.modelReset.connect(self._on_rows_changed)
        self._fill_filters(AssetRows(()))
        self._show_count()

    def refresh(self) -> None:
        register = self.context.register
        # Reading and indexing 100,000 assets takes seconds: done off the GUI thread, typing stays live.
        self.load(lambda: AssetRows(list_assets(register)), self._on_loaded, self._on_load_failed)
        self._show_count()

    def shows(self, changes: Changes) -> bool:
        return bool(changes.kinds & ASSET_KINDS)

    # building

    def _combo(self, accessible_name: str, characters: int) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(accessible_name)
        # A fixed width in characters (so it scales with the font); the open list is as wide as its longest choice.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(characters)
        combo.setMinimumWidth(combo.sizeHint().width() * 3 // 5)  # narrower (eliding) where space is short
        return combo

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.model)
        table.setAccessibleName(self.tr("Assets"))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move within it
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setShowGrid(False)
        rows = table.verticalHeader()
        rows.hide()
        # Fixed row heights: with 100,000 rows Qt must never measure them.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(round(table.fontMetrics().height() * 1.7))
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        table.setSortingEnabled(True)
        table.sortByColumn(COL_REFERENCE, Qt.SortOrder.AscendingOrder)
        return table

    def _fill_filters(self, rows: AssetRows) -> None:
        """The statuses, councils and categories present, each list headed by "All …"; choices kept if still there."""
        statuses, categories = rows.statuses, rows.categories
        councils = [(name or self.tr("No council"), ref) for name, ref in rows.councils]
        style = self.style()
        icons = {s: self.model.status_icon(s) for s in statuses}
        for combo, everything, items in (
            (self.status_filter, self.tr("All statuses"), [(s.label, s, icons[s]) for s in statuses]),
            (self.council_filter, self.tr("All councils"), [(name, ref, None) for name, ref in councils]),
            (self.category_filter, self.tr("All categories"), [(c.label, c, None) for c in categories]),
        ):
            chosen = self._chosen(combo)
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything)
            for text, _, icon in items:
                if icon is None:
                    combo.addItem(text)
                else:
                    combo.addItem(icon, text)
            values = self._choices[combo] = [None] + [value for _, value, _ in items]
            combo.setCurrentIndex(values.index(chosen) if chosen in values else 0)
            longest = max((combo.fontMetrics().horizontalAdvance(text) for text, _, _ in items), default=0)
            # The list opens wide enough to read every choice, even where the box itself is narrower.
            combo.view().setMinimumWidth(longest + style.pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent) * 3)
            combo.blockSignals(False)

    def _fit_columns(self) -> None:
        """Widths from the font (so they follow the display's scaling): data columns fit, the name takes the rest."""
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        room = metrics.averageCharWidth() * 4  # cell margins and the sort arrow
        icon = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize) + metrics.averageCharWidth()
        digits = max(4, len(str(self.model.asset_count)))

        def widest(texts, extra: int = 0) -> int:
            return max((metrics.horizontalAdvance(t) for t in texts), default=0) + room + extra

        def heading(column: int) -> str:
            return str(self.model.headerData(column, Qt.Orientation.Horizontal))

        combos = {COL_STATUS: self.status_filter, COL_COUNCIL: self.council_filter, COL_CATEGORY: self.category_filter}
        widths = {
            COL_REFERENCE: widest(["AST-" + "0" * digits, heading(COL_REFERENCE)]),
            COL_POSTCODE: widest(["WW00 0WW", heading(COL_POSTCODE)]),
        }
        for column, combo in combos.items():
            texts = [combo.itemText(i) for i in range(1, combo.count())] + [heading(column)]
            widths[column] = widest(texts, icon if column == COL_STATUS else 0)
        widths[COL_COUNCIL] = min(widths[COL_COUNCIL], metrics.averageCharWidth() * 42)
        for column, width in widths.items():
            header.resizeSection(column, width)
        header.setMinimumSectionSize(metrics.averageCharWidth() * 6)

    def _show_count(self) -> None:
        if self.loading and not self._loaded:
            self.count.setText(self.tr("Loading assets…"))
            return
        shown, total = self.model.rowCount(), self.model.asset_count
        if total == 1:
            text = self.tr("{shown} of 1 asset").replace("{shown}", f"{shown:,}")
        else:
            text = (
                self.tr("{shown} of {total} assets").replace("{shown}", f"{shown:,}").replace("{total}", f"{total:,}")
            )
        if self.loading:
            text = self.tr("{count} (updating…)").replace("{count}", text)
        self.count.setText(text)
        self.clear_filters.setEnabled(self.model.filtering)

    # behaviour

    def _on_loaded(self, rows: AssetRows) -> None:
        self._loaded = True
        self._fill_filters(rows)
        self._apply_filters()
        self.model.set_assets(rows)  # keeps the search text and filters the user has already chosen
        if not self._fitted and len(rows):
            self._fitted = True
            self._fit_columns()  # once: later loads keep the widths the user may have set
        self._show_count()

    def _on_load_failed(self, error: Exception) -> None:
        self._show_count()
        self.context.messages.error(self, self.tr("The assets could not be loaded"), str(error))

    def _on_new_asset(self) -> None:
        # Window-modal and not blocking; once saved, the new asset opens on its own page.
        dialog = AssetDialog(self.context, parent=self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._on_asset_added)
        dialog.open()

    def _on_asset_added(self) -> None:
        dialog = self.sender()
        if isinstance(dialog, AssetDialog) and dialog.changed is not None:
            self.open_record.emit(dialog.changed.value.reference)

    def focus_search(self) -> None:
        """The search box takes the focus, its words selected, so typing starts a new search."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _on_find(self) -> None:
        self.focus_search()

    def _on_search_changed(self, text: str) -> None:
        self.model.set_search(text)

    def _on_filter_changed(self, _index: int = 0) -> None:
        self._apply_filters()

    def _apply_filters(self) -> None:
        self.model.set_filters(
            status=self._chosen(self.status_filter),
            authority_ref=self._chosen(self.council_filter),
            category=self._chosen(self.category_filter),
        )

    def _chosen(self, combo: QComboBox):
        """The value a filter is set to, or None for "All …"."""
        # Values are kept here, not as item data: PySide6 6.12 drops a reference to None whenever a call such as
        # ``currentData()`` returns nothing, and on Python 3.11 enough of those abort the interpreter.
        values, index = self._choices.get(combo, [None]), combo.currentIndex()
        return values[index] if 0 <= index < len(values) else None

    def _on_clear(self) -> None:
        for combo in (self.status_filter, self.council_filter, self.category_filter):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self._apply_filters()
        self.search.clear()
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_record.emit(self.model.asset(index.row()).reference)

    def _on_rows_changing(self) -> None:
        current = self.table.currentIndex()
        self._keep = self.model.asset(current.row()).reference if current.isValid() else None

    def _on_rows_changed(self) -> None:
        self._show_count()
        row = self.model.row_of(self._keep) if self._keep else -1
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, COL_NAME))

    def _on_search_key(self, event: QKeyEvent) -> bool:
        """Down or Enter in the search box goes to the results, so the keyboard never has to Tab through filters."""
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.model.rowCount():
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            if not self.table.currentIndex().isValid():
                self.table.selectRow(0)
            return True
        if event.key() == Qt.Key.Key_Escape and self.search.text():
            self.search.clear()
            return True
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            return self._on_search_key(event)
        return super().eventFilter(watched, event)
