"""Read-only tables for pages with several short lists: as tall as their rows, sorted by the raw-value role."""

from __future__ import annotations

from PySide6.QtCore import QSize, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSizePolicy, QTableView, QWidget

SAMPLED_ROWS = 200  # the rows a column's width is measured from


class FittedTable(QTableView):
    """A table as tall as its rows (between ``least`` and ``most`` of them), scrolling beyond that."""

    def __init__(self, least: int = 2, most: int = 8, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._least, self._most = least, most
        # Never taller than its rows: the space left over goes to the page, not to empty rows of the table.
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self.horizontalScrollBar().rangeChanged.connect(self.updateGeometry)
        self.verticalHeader().sectionResized.connect(self.updateGeometry)  # rows that wrap grow taller

    def setModel(self, model) -> None:  # noqa: N802 - Qt override
        super().setModel(model)
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted, model.rowsRemoved):
            signal.connect(self.updateGeometry)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        rows = self.verticalHeader()
        count = min(max(self.model().rowCount() if self.model() else 0, self._least), self._most)
        body = sum(rows.sectionSize(r) for r in range(min(count, rows.count()))) or 0
        body += max(count - rows.count(), 0) * rows.defaultSectionSize()
        height = self.horizontalHeader().sizeHint().height() + body + 2 * self.frameWidth()
        if self.horizontalScrollBar().maximum() > 0:  # room for the scroll bar as well
            height += self.horizontalScrollBar().sizeHint().height()
        return QSize(super().sizeHint().width(), height)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        # On a small screen it may shrink to its least rows and scroll, so the window still fits.
        rows = self.verticalHeader()
        least = min(self._least, self.model().rowCount() if self.model() else 0) or 1
        height = self.horizontalHeader().sizeHint().height() + least * rows.defaultSectionSize() + 2 * self.frameWidth()
        return QSize(super().minimumSizeHint().width(), min(height, self.sizeHint().height()))


class Filter(QSortFilterProxyModel):
    """Rows of a ``RowsTableModel`` matching a search, in the model's own order: the model sorts, not the proxy."""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)


def make_table(model, name: str, sort: int, table: QTableView, stretch: int, *, filtered: bool = False) -> QTableView:
    """``table`` made read-only and row-selecting over ``model`` (a ``RowsTableModel``, which sorts itself by its
    raw-value sort role), sorted by ``sort``; the ``stretch`` column takes the width the others leave. A
    ``filtered`` table shows the model through a ``Filter``, for a search box to narrow."""
    if filtered:
        proxy = Filter(table)
        proxy.setSourceModel(model)
        table.setModel(proxy)
    else:
        table.setModel(model)
    table.setAccessibleName(name)
    table.setSortingEnabled(True)
    table.sortByColumn(sort, Qt.SortOrder.AscendingOrder)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setTabKeyNavigation(False)  # Tab moves on through the page
    rows = table.verticalHeader()
    rows.hide()
    rows.setDefaultSectionSize(table.fontMetrics().height() + 12)
    columns = table.horizontalHeader()
    columns.setHighlightSections(False)
    columns.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    columns.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    # Measured from the rows in sight and a few hundred more, not from every row (50,000 listings in force).
    columns.setResizeContentsPrecision(SAMPLED_ROWS)
    # Not "stretch last section": that keeps the last column at least its default width, so a narrow table
    # scrolls sideways for nothing. The stretching column may narrow to a few letters (its text is in the tooltip).
    columns.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    columns.setMinimumSectionSize(table.fontMetrics().averageCharWidth() * 6)
    return table
