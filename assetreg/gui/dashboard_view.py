"""The dashboard, shown at start: what is overdue, what is due in the next 14 days and in the next 90, and why.

Each section is a table over its own ``DeadlineTableModel``; the pane below says why the chosen date applies
(how it was counted, the rule and its citation). The dates are worked out off the GUI thread: on a register of
100,000 assets that takes seconds.
"""

from __future__ import annotations

import html
from datetime import date, timedelta
from typing import Any

import shiboken6
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSize, QSortFilterProxyModel, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..domain.asset_deadlines import AssetDeadline
from ..domain.dates import format_date
from ..domain.records import RecordKind
from ..services.deadlines import register_deadlines
from ..services.register import Changes
from .context import AppContext
from .display import ENTITY_ROLE, SORT_ROLE, reference_number
from .view import View

COL_WHEN, COL_WHAT, COL_ASSET, COL_RULE = range(4)
OVERDUE, SOON, LATER = range(3)  # the sections, top to bottom
SOON_DAYS, HORIZON_DAYS = 14, 90
# Records no date depends on: a change to these alone leaves the dashboard as it was.
_NOT_SHOWN = frozenset({RecordKind.PARTY, RecordKind.INTEREST, RecordKind.DOCUMENT})
_WARNING, _INFORMATION = QStyle.StandardPixmap.SP_MessageBoxWarning, QStyle.StandardPixmap.SP_MessageBoxInformation
_Index = QModelIndex | QPersistentModelIndex


def section_of(item: AssetDeadline, today: date) -> int | None:
    """The section an item belongs in (``OVERDUE``, ``SOON`` or ``LATER``); None when it is in none of them."""
    if item.overdue(today):
        return OVERDUE
    days = item.days_remaining(today)
    if 0 <= days <= SOON_DAYS:
        return SOON
    return LATER if SOON_DAYS < days <= HORIZON_DAYS else None


class DeadlineTableModel(QAbstractTableModel):
    """Dated things to see to, one row each: when, what to do, for which asset, under which rule."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._items: list[AssetDeadline] = []
        self._keys: tuple[list, ...] = ([], [], [], [])  # the sort role's values, by column then row
        self._today = date.min
        self._icons: dict[bool, QIcon] = {}
        self._headings = (self.tr("When"), self.tr("What to do"), self.tr("Asset"), self.tr("Rule"))

    def set_items(self, items: list[AssetDeadline], today: date) -> None:
        self.beginResetModel()
        self._items, self._today = items, today
        # Worked out once: the proxy asks for them at every comparison while it sorts thousands of rows.
        self._keys = (
            [x.date.toordinal() for x in items],
            [x.action.casefold() for x in items],
            [reference_number(x.asset_ref) for x in items],
            [x.code for x in items],
        )
        self.endResetModel()

    def items(self) -> list[AssetDeadline]:
        return self._items

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headings)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headings[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == SORT_ROLE:
            return self._keys[index.column()][index.row()]
        item, column = self._items[index.row()], index.column()
        if role == ENTITY_ROLE:
            return item
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(item, column)
        if role == Qt.ItemDataRole.DecorationRole and column == COL_WHEN:
            return self._icon(item.overdue(self._today))
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"<p><b>{html.escape(item.label)}</b></p><p>{html.escape(self.why(item))}</p>"
        return None

    def text(self, item: AssetDeadline, column: int) -> str:
        """What the cell in ``column`` shows."""
        if column == COL_WHEN:
            return self.when(item)
        if column == COL_WHAT:
            return item.action
        return self.asset(item) if column == COL_ASSET else item.code

    def when(self, item: AssetDeadline) -> str:
        """The date with its weekday, and how far off it is, in words: "Mon 6 Oct 2025 · in 21 days"."""
        days = item.days_remaining(self._today)
        if item.overdue(self._today):
            relative = self.tr("1 day overdue") if days == -1 else self.tr("{n} days overdue").format(n=-days)
        elif days < 0:
            relative = self.tr("yesterday") if days == -1 else self.tr("{n} days ago").format(n=-days)
        else:
            relative = {0: self.tr("today"), 1: self.tr("tomorrow")}.get(days) or self.tr("in {n} days").format(n=days)
        return f"{format_date(item.date)} · {relative}"

    def asset(self, item: AssetDeadline) -> str:
        return f"{item.asset_ref} {item.asset_name}" if item.asset_ref else self.tr("No asset")

    def why(self, item: AssetDeadline) -> str:
        """Why the date applies: the rule's explanation with its citation, or whose task it is."""
        if item.deadline is not None:
            return item.deadline.explanation
        return self.tr("A task your group added to the register ({reference}).").format(reference=item.record_ref)

    def _icon(self, overdue: bool) -> QIcon:
        if overdue not in self._icons:
            self._icons[overdue] = QApplication.style().standardIcon(_WARNING if overdue else _INFORMATION)
        return self._icons[overdue]


class _Padded(QStyledItemDelegate):
    """Room around each cell's text, so rows read as lines rather than as a grid."""

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + 8, size.height() + 12)


class SectionTable(QTableView):
    """One section's dates behind a sorting proxy: as tall as its rows, scrolling only when space runs out.

    Long sentences wrap; past ``WRAP_LIMIT`` rows, measuring each row would make loading slow, so rows keep to
    one line and the whole text is in the tooltip and the pane below.
    """

    MIN_ROWS = 3
    WRAP_LIMIT = 300
    WHAT_SHARE = 0.4  # "What to do" keeps at least this share of the width; the asset column gives way first

    def __init__(self, model: DeadlineTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._widths: dict[int, int] = {}
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(model)
        proxy.setSortRole(SORT_ROLE)
        self.setModel(proxy)
        self.setItemDelegate(_Padded(self))
        self.setSortingEnabled(True)
        self.sortByColumn(COL_WHEN, Qt.SortOrder.AscendingOrder)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)  # the palette's colours, so a dark palette works
        self.setShowGrid(False)
        self.setTabKeyNavigation(False)  # Tab moves on to the next section, as people expect
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        rows = self.verticalHeader()
        rows.hide()
        rows.setMinimumSectionSize(self.fontMetrics().height() + 12)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 12)
        rows.sectionResized.connect(self.updateGeometry)
        columns = self.horizontalHeader()
        columns.setHighlightSections(False)
        columns.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        columns.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        columns.setSectionResizeMode(COL_WHAT, QHeaderView.ResizeMode.Stretch)
        model.modelReset.connect(self._on_reset)

    def set_column_widths(self, widths: dict[int, int]) -> None:
        """The widths the columns other than "What to do" need; the asset column narrows in a narrow window."""
        self._widths = dict(widths)
        self._fit_columns()

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._height(self._body()))

    def minimumSizeHint(self) -> QSize:
        # A few rows, and at least the whole first one however far its sentence wraps.
        rows = self.verticalHeader()
        first = rows.sectionSize(0) if self._rows() else 0
        body = min(self._body(), max(min(self._rows(), self.MIN_ROWS) * rows.defaultSectionSize(), first))
        return QSize(super().minimumSizeHint().width(), self._height(body))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_columns()

    def _on_reset(self) -> None:
        wrap = self._rows() <= self.WRAP_LIMIT
        self.setWordWrap(wrap)
        mode = QHeaderView.ResizeMode.ResizeToContents if wrap else QHeaderView.ResizeMode.Fixed
        self.verticalHeader().setSectionResizeMode(mode)
        self.updateGeometry()

    def _fit_columns(self) -> None:
        widths = dict(self._widths)
        short = sum(widths.values()) - self.viewport().width() * (1 - self.WHAT_SHARE)
        if short > 0 and COL_ASSET in widths:
            widths[COL_ASSET] = max(widths[COL_ASSET] - int(short), self.fontMetrics().averageCharWidth() * 12)
        for column, width in widths.items():
            self.horizontalHeader().resizeSection(column, width)

    def _body(self) -> int:
        rows = self.verticalHeader()
        return rows.length() if self.wordWrap() and rows.length() else self._rows() * rows.defaultSectionSize()

    def _rows(self) -> int:
        return self.model().rowCount()

    def _height(self, body: int) -> int:
        return min(self.horizontalHeader().sizeHint().height() + body + 2 * self.frameWidth(), 1 << 23)


class DashboardView(View):
    """What's due: overdue dates, then the next 14 days, then days 15 to 90; choose one to see why."""

    name = "dashboard"
    icon_kind = QStyle.StandardPixmap.SP_MessageBoxWarning

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._generation = 0  # only the latest load is shown
        self._loading = self._loaded = self._selecting = False
        self._error = ""  # why the last load failed
        self._today: date | None = None
        self.models = tuple(DeadlineTableModel(self) for _ in range(3))
        self.tables = tuple(SectionTable(model) for model in self.models)
        self._heading = QLabel(self.title())
        font = self._heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self._heading.setFont(font)
        self._status = QLabel()
        self._status.setWordWrap(True)
        self._status.setAccessibleName(self.tr("Summary"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(6)
        layout.addWidget(self._heading)
        layout.addWidget(self._status)
        self._titles, self._captions, self._empties = [], [], []
        for section, table in enumerate(self.tables):
            layout.addSpacing(8)
            layout.addLayout(self._section_header(section, table))
            self._empties.append(QLabel())
            self._empties[-1].setIndent(table.iconSize().width() + 12)
            layout.addWidget(self._empties[-1])
            layout.addWidget(table)
            table.activated.connect(self._on_activated)
            table.selectionModel().selectionChanged.connect(lambda *_, t=table: self._on_selection_changed(t))
        layout.addSpacing(10)
        layout.addWidget(self._detail_pane(), 1)
        layout.addStretch(0)  # on a tall screen, the room left over goes below everything
        chain = (*self.tables, self._detail, self._open)
        for first, second in zip(chain, chain[1:], strict=False):
            self.setTabOrder(first, second)
        self._show_sections()

    def title(self) -> str:
        return self.tr("What's due")

    def is_loading(self) -> bool:
        return self._loading

    def shows(self, changes: Changes) -> bool:
        return not changes.kinds <= _NOT_SHOWN

    def selected_item(self) -> AssetDeadline | None:
        for table in self.tables:
            for index in table.selectionModel().selectedRows():
                return index.data(ENTITY_ROLE)
        return None

    def refresh(self) -> None:
        """Works the dates out again in the background; the tables keep what they show until that is done."""
        self._generation += 1
        generation, register = self._generation, self.context.register
        today = register.today()
        self._today, self._loading, self._error = today, True, ""
        self._show_sections()
        self.context.tasks.run(
            lambda: register_deadlines(register, today, within=HORIZON_DAYS),
            lambda items: self._on_loaded(generation, today, items),
            lambda error: self._on_load_failed(generation, error),
        )

    # Building

    def _section_header(self, section: int, table: QTableView) -> QHBoxLayout:
        icon = QLabel()
        side = max(table.iconSize().height(), 16)
        icon.setPixmap(self.style().standardIcon(_WARNING if section == OVERDUE else _INFORMATION).pixmap(side, side))
        title = QLabel()
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        title.setFont(font)
        title.setBuddy(table)  # Alt+O, Alt+1 and Alt+9 go to the sections
        caption = QLabel()
        self._titles.append(title)
        self._captions.append(caption)
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(icon)
        row.addWidget(title)
        row.addSpacing(8)
        row.addWidget(caption, 1)
        return row

    def _detail_pane(self) -> QFrame:
        pane = QFrame()
        pane.setFrameShape(QFrame.Shape.StyledPanel)
        self._detail = QTextBrowser()
        self._detail.setAccessibleName(self.tr("Why this date applies"))
        self._detail.setFrameShape(QFrame.Shape.NoFrame)
        self._detail.setTabChangesFocus(True)
        self._detail.viewport().setAutoFillBackground(False)  # the pane's own background, light or dark
        # Room for a long explanation when the window has it, without a tall empty box on a big screen.
        lines = self.fontMetrics().lineSpacing()
        self._detail.setMinimumHeight(lines * 6 + 12)
        self._detail.setMaximumHeight(lines * 11 + 12)
        self._detail.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._open = QPushButton(self.tr("&Open asset record"))
        self._open.setAccessibleName(self.tr("Open the asset record"))
        self._open.clicked.connect(self._on_open_clicked)
        layout = QHBoxLayout(pane)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(12)
        layout.addWidget(self._detail, 1)
        layout.addWidget(self._open, 0, Qt.AlignmentFlag.AlignTop)
        pane.setMaximumHeight(self._detail.maximumHeight() + 16 + 2 * pane.frameWidth())
        self._show_detail(None)
        return pane

    # Showing

    def _show_sections(self) -> None:
        waiting = not self._loaded  # nothing to show yet: say so rather than "Nothing due"
        placeholder = self.tr("Not available.") if self._error else self.tr("Loading…")
        names = (self.tr("&Overdue"), self.tr("Next &14 days"), self.tr("Next 15–&90 days"))
        spoken = (self.tr("Overdue"), self.tr("Next 14 days"), self.tr("Next 15 to 90 days"))
        empty = (
            self.tr("Nothing overdue."),
            self.tr("Nothing due in the next 14 days."),
            self.tr("Nothing due in the next 15 to 90 days."),
        )
        for section, table in enumerate(self.tables):
            count = self.models[section].rowCount()
            self._titles[section].setText(names[section] if waiting else f"{names[section]} ({count})")
            self._captions[section].setText(self._caption(section))
            self._empties[section].setText(placeholder if waiting else empty[section])
            self._empties[section].setVisible(count == 0)
            table.setVisible(count > 0)
            table.setAccessibleName(self.tr("{section}: {n} dates").format(section=spoken[section], n=count))
        self._status.setText(self._summary())

    def _caption(self, section: int) -> str:
        if section == OVERDUE:
            return self.tr("Passed, and still worth doing")
        if self._today is None:
            return ""
        first, last = (0, SOON_DAYS) if section == SOON else (SOON_DAYS + 1, HORIZON_DAYS)
        return self.tr("{first} to {last}").format(
            first=format_date(self._today + timedelta(first)), last=format_date(self._today + timedelta(last))
        )

    def _summary(self) -> str:
        if self._loading:
            return self.tr("Loading…")
        if self._error:
            return self.tr("The dates could not be worked out: {error}").format(error=self._error)
        if not self._loaded or self._today is None:
            return ""
        overdue, soon, later = (model.rowCount() for model in self.models)
        return self.tr(
            "Today is {today}. {overdue} overdue, {soon} due in the next 14 days, {later} more in the next 90 days. "
            "Choose a date to see why it applies; press Enter to open its asset."
        ).format(today=format_date(self._today), overdue=overdue, soon=soon, later=later)

    def _show_detail(self, item: AssetDeadline | None) -> None:
        self._open.setEnabled(bool(item and item.asset_ref))
        if item is None:
            self._detail.setHtml(f"<p>{html.escape(self.tr('Choose a date above to see why it applies.'))}</p>")
            return
        model, d = self.models[OVERDUE], item.deadline  # every section counts from the same day
        when = model.when(item).replace(" · ", ", ") + "."
        if item.send_by is not None:
            send_by = self.tr("Send it by {date} so that it arrives in time.")
            when += " " + send_by.format(date=format_date(item.send_by))
        rows = [(self.tr("When"), when), (self.tr("What to do"), item.action), (self.tr("Why"), model.why(item))]
        if d is not None:
            rows.append((self.tr("Rule"), self.tr("{code}, {citation}").format(code=d.code, citation=d.rule.citation)))
            notes = [self.tr("provisional (counted from the date sent)")] if d.provisional else []
            notes += [self.tr("conditional (see why)")] if d.conditional else []
            if d.act_by is not None:
                notes.append(self.tr("not a working day, so act by {date}").format(date=format_date(d.act_by)))
            if notes:
                note = "; ".join(notes)
                rows.append((self.tr("Please note"), note[:1].upper() + note[1:] + "."))
        if not item.asset_ref:
            rows.append((self.tr("Asset"), self.tr("This task is not tied to an asset.")))
        e = html.escape
        where = f" — {e(model.asset(item))}" if item.asset_ref else ""
        heading = f"<p style='margin:0 0 6px 0'><b>{e(d.rule.name if d is not None else item.label)}</b>{where}</p>"
        cell = "<td style='padding:2px 14px 2px 0'><b>{}</b></td><td style='padding:2px 0'>{}</td>"
        body = "".join(f"<tr>{cell.format(e(label), e(text))}</tr>" for label, text in rows)
        self._detail.setHtml(f"{heading}<table>{body}</table>")

    def _align_columns(self) -> None:
        # The three tables sit one above another, so their columns line up. Measured from the text (the first
        # rows of each section are enough) rather than cell by cell, which is slow on a large register.
        metrics = self.tables[0].fontMetrics()
        padding = 2 * self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 24
        icon = self.tables[0].iconSize().width() + 8
        widths = {}
        for column in (COL_WHEN, COL_ASSET, COL_RULE):
            needed = [t.horizontalHeader().sectionSizeFromContents(column).width() for t in self.tables]
            texts = {model.text(item, column) for model in self.models for item in model.items()[:500]}
            needed += [metrics.horizontalAdvance(text) + padding for text in texts]
            widths[column] = max(needed) + (icon if column == COL_WHEN else 0)
        # A very long asset name is cut short in the table; the pane below shows it whole.
        widths[COL_ASSET] = min(widths[COL_ASSET], metrics.averageCharWidth() * 40)
        for table in self.tables:
            table.set_column_widths(widths)

    # Behaviour

    def _on_loaded(self, generation: int, today: date, items: list[AssetDeadline]) -> None:
        if generation != self._generation or not shiboken6.isValid(self):
            return  # a later refresh is on its way, or the window has closed
        chosen = self.selected_item()
        sections: tuple[list[AssetDeadline], ...] = ([], [], [])
        for item in items:
            section = section_of(item, today)
            if section is not None:
                sections[section].append(item)
        for model, rows in zip(self.models, sections, strict=True):
            model.set_items(rows, today)
        self._today, self._loading, self._loaded = today, False, True
        self._show_sections()
        self._align_columns()
        self._reselect(chosen)

    def _on_load_failed(self, generation: int, error: Exception) -> None:
        if generation != self._generation or not shiboken6.isValid(self):
            return
        self._loading, self._error = False, str(error) or type(error).__name__
        self._show_sections()

    def _reselect(self, chosen: AssetDeadline | None) -> None:
        # Keep the user's place after a change; otherwise explain the most pressing date straight away.
        for table in self.tables if chosen is not None else ():
            proxy = table.model()
            for row in range(proxy.rowCount()):
                if proxy.index(row, 0).data(ENTITY_ROLE).uid == chosen.uid:
                    table.selectRow(row)
                    return
        first = next((table for table in self.tables if table.model().rowCount()), None)
        if first is None:
            self._show_detail(None)
        else:
            first.selectRow(0)

    def _on_selection_changed(self, table: QTableView) -> None:
        if self._selecting:
            return
        if table.selectionModel().hasSelection():
            self._selecting = True  # one chosen date across the three tables
            for other in self.tables:
                if other is not table:
                    other.clearSelection()
            self._selecting = False
        self._show_detail(self.selected_item())

    def _on_activated(self, index: QModelIndex) -> None:
        self._open_asset_of(index.data(ENTITY_ROLE))

    def _on_open_clicked(self) -> None:
        self._open_asset_of(self.selected_item())

    def _open_asset_of(self, item: AssetDeadline | None) -> None:
        if item is not None and item.asset_ref:  # a task tied to no asset has no record to open
            self.open_record.emit(item.asset_ref)
