"""A table model described by columns, for the lists of records on the asset page, with its formatting helpers."""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ..domain import entities as e
from ..domain.dates import format_date
from ..domain.enums import ListEntryKind
from ..domain.status import listing_end
from .display import ENTITY_ROLE, SORT_ROLE

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


class RecordTableModel(QAbstractTableModel):
    """Rows of records described by columns; a column's raw value sorts, ``ENTITY_ROLE`` gives the record."""

    def __init__(self, columns: Sequence[Column], parent=None) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._rows: list[Any] = []

    def set_rows(self, rows: Iterable[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].heading
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], self._columns[index.column()]
        if role == ENTITY_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tip(row) if column.tip else column.text(row)
        if role == SORT_ROLE:
            return column.sort(row) if column.sort else column.text(row)
        return None
