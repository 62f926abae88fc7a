"""The register as a Qt table model: column constants, a raw-value sort role and an entity role.

A register can hold 100,000 assets, and a ``QSortFilterProxyModel`` that filters or sorts in Python calls back
into Python once per row (or per comparison) on every keystroke. So what searching and sorting need is worked
out once when the data loads (``AssetRows``), and the model filters and sorts plain Python lists itself: it holds
every asset plus the list of rows now shown, in the order shown, and resets when that list changes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QIcon

from ...domain.enums import AssetCategory
from ...domain.records import reference_number
from ...domain.status import AssetStatus, NoticeStatus
from ...services.assets import AssetSummary
from ..display import ENTITY_ROLE, SORT_ROLE, Status, status_icon

COL_REFERENCE, COL_NAME, COL_STATUS, COL_COUNCIL, COL_POSTCODE, COL_CATEGORY = range(6)
_Index = QModelIndex | QPersistentModelIndex
_DISPLAY, _DECORATION, _TOOLTIP = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.DecorationRole,
    Qt.ItemDataRole.ToolTipRole,
)


# The life cycle of RULES.md §5 as a register reads it: before listing, listed and what can happen while listed
# (challenges, then a sale's moratoria), and the ends of a listing last. Notice states that never head an asset's
# row follow the moratoria so that every status has a place.
STATUS_ORDER: tuple[Status, ...] = (
    AssetStatus.NOT_NOMINATED,
    AssetStatus.DRAFT_NOMINATION,
    AssetStatus.NOMINATED,
    AssetStatus.LISTED,
    AssetStatus.LISTED_DAY_NOT_RECORDED,
    AssetStatus.UNDER_REVIEW,
    AssetStatus.UNDER_APPEAL,
    NoticeStatus.AWAITING_DATES,
    NoticeStatus.INTERIM_MORATORIUM,
    NoticeStatus.FULL_MORATORIUM,
    NoticeStatus.MORATORIUM_2026,
    NoticeStatus.PROTECTED,
    NoticeStatus.NO_MORATORIUM,
    NoticeStatus.LAPSED,
    NoticeStatus.SUPERSEDED,
    NoticeStatus.DISPOSED,
    NoticeStatus.DISPOSED_TO_COMMUNITY_GROUP,
    NoticeStatus.WITHDRAWN,
    AssetStatus.UNSUCCESSFUL,
    AssetStatus.EXPIRED,
    AssetStatus.REMOVED,
)
_SERVED = frozenset({_DISPLAY, _DECORATION, _TOOLTIP, ENTITY_ROLE, SORT_ROLE})  # the roles ``data`` answers
_STATUS_RANK: dict[Status, int] = {status: rank for rank, status in enumerate(STATUS_ORDER)}


_POSTCODE = re.compile(r"([a-z]+)(\d+)(.*)")
_REFERENCE_NUMBER = re.compile(r"(\d+)$")
_UNSPOKEN = str.maketrans("", "", "'’")  # "bulls head" finds "The Bull's Head"


def status_rank(status: Status) -> int:
    """Where a status falls in the life cycle, for sorting (unknown ones last)."""
    return _STATUS_RANK.get(status, len(STATUS_ORDER))


def postcode_key(postcode: str) -> str:
    """A postcode's sort key: the district number padded, so SK4 comes before SK10."""
    text = postcode.casefold()
    found = _POSTCODE.match(text)
    return f"{found.group(1)}{int(found.group(2)):03d}{found.group(3)}" if found else text


def search_terms(text: str) -> tuple[str, ...]:
    """The words of a search, lower-cased; a row matches when it contains every one, in any order."""
    return tuple(text.casefold().translate(_UNSPOKEN).split())


def narrows(terms: Sequence[str], previous: Sequence[str]) -> bool:
    """Whether rows matching ``terms`` are a subset of those matching ``previous`` (typing on, not deleting)."""
    return all(any(old in new for new in terms) for old in previous)


class AssetRows:
    """Every asset with the text a search looks through and a sort key per column, worked out once.

    Plain Python with no Qt, so it can be built on the loading thread with the assets themselves.
    """

    def __init__(self, assets: Sequence[AssetSummary]) -> None:
        self.assets = list(assets)
        self.positions = {a.reference: i for i, a in enumerate(self.assets)}
        # The words a search looks through: an asset's own, newline-separated so a search never matches across two
        # fields; and its council's name, which many assets share, so it is searched once per council.
        self.search_texts = [
            "\n".join((a.reference, a.name, a.address, a.postcode, a.postcode.replace(" ", ""), a.uprn))
            .casefold()
            .translate(_UNSPOKEN)
            for a in self.assets
        ]
        numbers: dict[str, int] = {}
        self.council_of = [
            numbers.setdefault(a.authority.casefold().translate(_UNSPOKEN), len(numbers)) for a in self.assets
        ]
        self.council_texts = list(numbers)
        self.sort_keys: tuple[list[Any], ...] = (
            [reference_number(a.reference) for a in self.assets],
            [a.name.casefold() for a in self.assets],
            [status_rank(a.status) for a in self.assets],
            [a.authority.casefold() for a in self.assets],
            [postcode_key(a.postcode) for a in self.assets],
            [a.category.label.casefold() for a in self.assets],
        )
        # What the filters offer: the statuses, councils (name, reference) and categories present.
        self.statuses = sorted({a.status for a in self.assets}, key=status_rank)
        self.councils = sorted({(a.authority, a.authority_ref) for a in self.assets})
        self.categories = sorted({a.category for a in self.assets}, key=lambda c: c.label.casefold())
        self.ids = list(range(len(self.assets)))  # one set of int objects, shared by every order and filter
        self._orders: dict[tuple[int, bool], list[int]] = {}
        self._places: dict[tuple[int, bool], list[int]] = {}
        self._same_as_loaded: dict[tuple[int, bool], bool] = {}
        for column in range(len(self.sort_keys)):  # while loading, so a first click on a heading is quick too
            self.order(column)

    def order(self, column: int, descending: bool = False) -> list[int]:
        """Every row sorted by a column; ties stay in load order (oldest first) both ways."""
        order = self._orders.get((column, descending))
        if order is None:
            keys = self.sort_keys[column]
            order = self._orders[column, descending] = sorted(self.ids, key=keys.__getitem__, reverse=descending)
        return order

    def matching(self, term: str, pool: list[int], sort: tuple[int, bool] | None = None) -> list[int]:
        """The rows of ``pool`` whose words contain ``term``, in the pool's order.

        ``pool`` is some of the rows in one order: load order, or ``sort``'s (column, descending).
        """
        in_council = [term in council for council in self.council_texts]
        if all(in_council):
            return pool  # every council's name has it: "district council" finds every row at once
        texts, council_of = self.search_texts, self.council_of
        if any(in_council):

            def hits(rows: list[int]) -> list[int]:
                return [i for i in rows if term in texts[i] or in_council[council_of[i]]]
        else:

            def hits(rows: list[int]) -> list[int]:
                return [i for i in rows if term in texts[i]]

        if sort is not None and len(pool) == len(self.ids) and not self._in_load_order(sort):
            # Every row, sorted: looking at them in load order, as they lie in memory, then sorting what matches
            # is quicker by far than looking at them in name order (each asset's words at a random place).
            return sorted(hits(self.ids), key=self._place(sort).__getitem__)
        return hits(pool)

    def _in_load_order(self, sort: tuple[int, bool]) -> bool:
        """Whether sorting so leaves the rows as loaded (by reference, as a register reads them)."""
        same = self._same_as_loaded.get(sort)
        if same is None:
            same = self._same_as_loaded[sort] = self.order(*sort) == self.ids
        return same

    def _place(self, sort: tuple[int, bool]) -> list[int]:
        """Each row's place in a sorted order."""
        places = self._places.get(sort)
        if places is None:
            places = self._places[sort] = [0] * len(self.ids)
            for place, row in enumerate(self.order(*sort)):
                places[row] = place
        return places

    def __len__(self) -> int:
        return len(self.assets)


class AssetTableModel(QAbstractTableModel):
    """Every asset of the register; shows those that pass the search and filters, in the chosen order."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._data = AssetRows(())
        self._order: list[int] = []  # every row, in the chosen order
        self._candidates: list[int] = []  # those passing the filters, in order
        self._shown: list[int] = []  # those also matching the search: the rows of the model
        self._terms: tuple[str, ...] = ()
        self._filters: dict[str, Any] = {}
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._headings = (
            self.tr("Reference"),
            self.tr("Name"),
            self.tr("Status"),
            self.tr("Council"),
            self.tr("Postcode"),
            self.tr("Category"),
        )

    # loading, searching, filtering, sorting

    def set_assets(self, rows: Sequence[AssetSummary] | AssetRows) -> None:
        """Shows these assets, keeping the search, filters and order already chosen."""
        data = rows if isinstance(rows, AssetRows) else AssetRows(rows)
        # The old rows stay in place until the reset is announced: a view asks about its selection then.
        self.beginResetModel()
        self._data = data
        self._order = self._sorted_order()
        self._shown = self._refilter()
        self.endResetModel()

    def set_search(self, text: str) -> None:
        terms = search_terms(text)
        if terms == self._terms:
            return
        # Typing on only narrows the rows shown, so search those instead of every candidate.
        pool = self._shown if narrows(terms, self._terms) else self._candidates
        self._terms = terms
        self._update(self._matching(pool))

    def set_filters(
        self,
        status: Status | None = None,
        authority_ref: str | None = None,
        category: AssetCategory | None = None,
    ) -> None:
        """Shows only assets with this status, council and category (None: any)."""
        filters = {
            name: value
            for name, value in (("status", status), ("authority_ref", authority_ref), ("category", category))
            if value is not None
        }
        if filters != self._filters:
            self._filters = filters
            self._update(self._refilter())

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._headings):
            return
        self._sort = (column, order)
        self._order = self._sorted_order()
        self._update(self._refilter())

    def asset(self, row: int) -> AssetSummary:
        return self._data.assets[self._shown[row]]

    def row_of(self, reference: str) -> int:
        """The row showing the asset with this reference, or -1."""
        position = self._data.positions.get(reference)
        if position is None:
            return -1
        try:
            return self._shown.index(position)
        except ValueError:
            return -1

    @property
    def asset_count(self) -> int:
        """How many assets the register holds, shown or not."""
        return len(self._data)

    @property
    def filtering(self) -> bool:
        return bool(self._terms or self._filters)

    def _sorted_order(self) -> list[int]:
        if self._sort is None:
            return self._data.ids
        column, order = self._sort
        return self._data.order(column, descending=order == Qt.SortOrder.DescendingOrder)

    def _refilter(self) -> list[int]:
        candidates = self._order
        if self._filters:
            assets = self._data.assets
            wanted = self._filters
            status, council, category = (wanted.get(k) for k in ("status", "authority_ref", "category"))
            candidates = [
                i
                for i in candidates
                if (status is None or assets[i].status is status)
                and (council is None or assets[i].authority_ref == council)
                and (category is None or assets[i].category is category)
            ]
        self._candidates = candidates
        return self._matching(candidates)

    def _matching(self, pool: list[int]) -> list[int]:
        sort = None if self._sort is None else (self._sort[0], self._sort[1] == Qt.SortOrder.DescendingOrder)
        for term in sorted(self._terms, key=len, reverse=True):  # the longest word rules out most rows first
            pool = self._data.matching(term, pool, sort)
        return pool

    def _update(self, shown: list[int]) -> None:
        self.beginResetModel()
        self._shown = shown
        self.endResetModel()

    # the Qt model

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headings)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == _DISPLAY:
            return self._headings[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # A painted cell is asked for a dozen roles; most are answered at once, with nothing.
        if role not in _SERVED or not index.isValid():
            return None
        row, column = self._shown[index.row()], index.column()
        asset = self._data.assets[row]
        if role == _DISPLAY:
            if column == COL_REFERENCE:
                return asset.reference
            if column == COL_NAME:
                return asset.name
            if column == COL_STATUS:
                return asset.status.label
            if column == COL_COUNCIL:
                return asset.authority
            if column == COL_POSTCODE:
                return asset.postcode
            return asset.category.label
        if role == _DECORATION:
            return self.status_icon(asset.status) if column == COL_STATUS else None
        if role == ENTITY_ROLE:
            return asset
        if role == SORT_ROLE:
            return self._data.sort_keys[column][row]
        if role == _TOOLTIP:
            return self._tooltip(asset)
        return None

    def status_icon(self, status: Status) -> QIcon:
        """The icon shown with a status's words."""
        return status_icon(status)

    def _tooltip(self, asset: AssetSummary) -> str:
        place = ", ".join(part for part in (asset.address, asset.postcode) if part)
        lines = [f"{asset.reference} · {asset.name}", place, asset.status.label]
        if asset.uprn:
            lines.append(self.tr("UPRN {uprn}").replace("{uprn}", asset.uprn))
        return "\n".join(line for line in lines if line)
