"""The one table-model base of the app (``RowsTableModel``: rows, headings, the record under ``ENTITY_ROLE``), the
column-described model the asset page's lists use, and their formatting helpers."""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ...domain import entities as e
from ...domain.dates import format_date
from ...domain.enums import ListEntryKind
from ...domain.status import listing_end
from ..display import ENTITY_ROLE, SORT_ROLE

_Index = QModelIndex | QPersistentModelIndex


def day_text(value: date | None) -> str:
    return format_date(value) if value else ""


def iso_text(value: date | datetime | None) -> str:
    return value.isoformat() if value else ""


def stage_text(code: str) -> str:
    return code.replace("-", " ").capitalize()


def size_text(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    return f"{size / 1024:.1f} kB" if size < 1024 * 1024 else f"{size / (1024 * 1024):.1f} MB"


def entry_end(entry: e.ListEntry) -> date | None:
    return listing_end(entry) if entry.kind is ListEntryKind.LISTED else None


def weakly(method: Callable[[Any], str]) -> Callable[[Any], str]:
    """A page's method as a column's function, without the column keeping the page alive.

    A strong reference would make a cycle that only the garbage collector frees — perhaps on a worker thread,
    where deleting a widget crashes.
    """
    ref = weakref.WeakMethod(method)
    return lambda row: bound(row) if (bound := ref()) is not None else ""


def moment_text(at: datetime) -> str:
    local = at.astimezone() if at.tzinfo else at
    return f"{format_date(local.date())} {local:%H:%M}"


@dataclass(frozen=True)
class Column:
    heading: str
    text: Callable[[Any], str]
    sort: Callable[[Any], Any] | None = None  # the raw value to sort by; the text when None
    tip: Callable[[Any], str] | None = None  # a longer explanation for the tooltip; the text when None


class RowsTableModel(QAbstractTableModel):
    """Rows under fixed headings: ``ENTITY_ROLE`` gives a row's record, and a subclass says in ``cell`` what each
    cell shows for the other roles (the text, its raw value under ``SORT_ROLE``, a tip, an icon)."""

    def __init__(self, headings: Sequence[str], parent=None) -> None:
        super().__init__(parent)
        self._headings = tuple(headings)
        self._rows: list[Any] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None  # kept when the rows are set again

    def set_rows(self, rows: Iterable[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._rows = [self._rows[i] for i in self._sorted_positions()]
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Orders the rows by ``column``'s raw value (``SORT_ROLE``): the table's own sorting.

        The model sorts rather than a sorting proxy: a proxy asks for both values at every comparison, hundreds
        of thousands of calls for the 50,000 listings in force on a large register; here each value is worked
        out once. A selected row stays selected.
        """
        if not 0 <= column < len(self._headings):
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        positions = self._sorted_positions()
        self._rows = [self._rows[i] for i in positions]
        now = {old: new for new, old in enumerate(positions)}
        kept = self.persistentIndexList()
        self.changePersistentIndexList(kept, [self.index(now[i.row()], i.column()) for i in kept])
        self.layoutChanged.emit()

    def _sorted_positions(self) -> list[int]:
        """The rows' positions in the order of the current sort."""
        positions = list(range(len(self._rows)))
        if self._sort is None:
            return positions
        column, order = self._sort
        keys = self.sort_keys(column)
        backwards = order == Qt.SortOrder.DescendingOrder
        try:
            return sorted(positions, key=keys.__getitem__, reverse=backwards)
        except TypeError:  # values of different kinds (a date, and nothing): ordered as their text
            texts = ["" if key is None else str(key) for key in keys]
            return sorted(positions, key=texts.__getitem__, reverse=backwards)

    def sort_keys(self, column: int) -> list[Any]:
        """Every row's raw value in ``column`` (``SORT_ROLE``), in the rows' order."""
        return [self.cell(row, column, SORT_ROLE) for row in self._rows]

    def rows(self) -> list[Any]:
        return list(self._rows)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headings)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headings[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == ENTITY_ROLE:
            return row
        return self.cell(row, index.column(), role)

    def cell(self, row: Any, column: int, role: int) -> Any:
        raise NotImplementedError


class RecordTableModel(RowsTableModel):
    """Rows of records described by columns; a column's raw value sorts, ``ENTITY_ROLE`` gives the record."""

    def __init__(self, columns: Sequence[Column], parent=None) -> None:
        self._columns = tuple(columns)
        super().__init__([c.heading for c in self._columns], parent)

    def cell(self, row: Any, column: int, role: int) -> Any:
        described = self._columns[column]
        if role == Qt.ItemDataRole.DisplayRole:
            return described.text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return described.tip(row) if described.tip else described.text(row)
        if role == SORT_ROLE:
            return described.sort(row) if described.sort else described.text(row)
        return None

    def sort_keys(self, column: int) -> list[Any]:
        described = self._columns[column]  # asked once for every row: the column's function, called directly
        return list(map(described.sort or described.text, self._rows))
