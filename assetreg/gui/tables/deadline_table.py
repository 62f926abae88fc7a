"""The dashboard's tables: dated things to see to, one row each, grouped into overdue, soon and later."""

from __future__ import annotations

import html
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from ...domain.asset_deadlines import AssetDeadline
from ...domain.dates import format_date
from ...domain.records import RecordKind, reference_number
from ..display import SORT_ROLE
from ..widgets import icons
from .record_table import RowsTableModel

COL_WHEN, COL_WHAT, COL_ASSET, COL_RULE = range(4)
OVERDUE, SOON, LATER = range(3)  # the sections, top to bottom
SOON_DAYS, HORIZON_DAYS = 14, 90
# Records no date depends on: a change to these alone leaves the dashboard as it was.
NOT_SHOWN = frozenset({RecordKind.PARTY, RecordKind.INTEREST, RecordKind.DOCUMENT})
WARNING_ICON, INFORMATION_ICON = "warning", "soon"  # icons.py names: overdue, still to come
_Index = QModelIndex | QPersistentModelIndex


def section_of(item: AssetDeadline, today: date) -> int | None:
    """The section an item belongs in (``OVERDUE``, ``SOON`` or ``LATER``); None when it is in none of them."""
    if item.overdue(today):
        return OVERDUE
    days = item.days_remaining(today)
    if 0 <= days <= SOON_DAYS:
        return SOON
    return LATER if SOON_DAYS < days <= HORIZON_DAYS else None


class DeadlineTableModel(RowsTableModel):
    """Dated things to see to, one row each: when, what to do, for which asset, under which rule."""

    def __init__(self, parent=None) -> None:
        super().__init__((self.tr("When"), self.tr("What to do"), self.tr("Asset"), self.tr("Rule")), parent)
        self._today = date.min
        self._icons: dict[bool, QIcon] = {}

    def set_items(self, items: list[AssetDeadline], today: date) -> None:
        self._today = today
        self.set_rows(items)

    def items(self) -> list[AssetDeadline]:
        return self._rows

    def cell(self, item: AssetDeadline, column: int, role: int) -> Any:
        if role == SORT_ROLE:
            return self._sort_key(item, column)
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(item, column)
        if role == Qt.ItemDataRole.DecorationRole and column == COL_WHEN:
            return self._icon(item.overdue(self._today))
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"<p><b>{html.escape(item.label)}</b></p><p>{html.escape(self.why(item))}</p>"
        return None

    @staticmethod
    def _sort_key(item: AssetDeadline, column: int) -> Any:
        if column == COL_WHEN:
            return item.date.toordinal()
        if column == COL_WHAT:
            return item.action.casefold()
        return reference_number(item.asset_ref) if column == COL_ASSET else item.code

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
        return icons.icon(WARNING_ICON if overdue else INFORMATION_ICON)  # in the palette of the moment


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

    def __init__(self, model: DeadlineTableModel, parent: QWidget | None = None, *, first_served: bool = False) -> None:
        super().__init__(parent)
        self.min_rows = self.MIN_ROWS if first_served else 2  # the rows kept in sight when room runs short
        self.first_served = first_served  # …kept whole, before any other section's
        self._widths: dict[int, int] = {}
        self.setModel(model)  # which sorts itself (RowsTableModel.sort), faster than a proxy on thousands of rows
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
        # A few rows, and at least the whole first one however far its sentence wraps; a table that comes first
        # (what is overdue) keeps its first ``min_rows`` rows whole.
        rows, shown = self.verticalHeader(), min(self._rows(), self.min_rows)
        first = rows.sectionSize(0) if self._rows() else 0
        body = max(shown * rows.defaultSectionSize(), first)
        if self.first_served and self.wordWrap() and rows.length():
            body = sum(rows.sectionSize(row) for row in range(shown))
        return QSize(super().minimumSizeHint().width(), self._height(min(self._body(), body)))

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
