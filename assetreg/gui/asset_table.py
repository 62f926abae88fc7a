"""The register as a Qt table model: column constants, a raw-value sort role and an entity role."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ..services.assets import AssetSummary

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ENTITY_ROLE = Qt.ItemDataRole.UserRole + 2

COL_REFERENCE, COL_NAME, COL_STATUS, COL_COUNCIL, COL_POSTCODE, COL_CATEGORY = range(6)
_Index = QModelIndex | QPersistentModelIndex


class AssetTableModel(QAbstractTableModel):
    """Every asset of the register, one row each."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[AssetSummary] = []
        self._headings = (
            self.tr("Reference"),
            self.tr("Name"),
            self.tr("Status"),
            self.tr("Council"),
            self.tr("Postcode"),
            self.tr("Category"),
        )

    def set_assets(self, rows: list[AssetSummary]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

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
        asset = self._rows[index.row()]
        if role == ENTITY_ROLE:
            return asset
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            column = index.column()
            if column == COL_REFERENCE:
                # Sort references by number so AST-10000 follows AST-9999.
                return asset.reference if role == Qt.ItemDataRole.DisplayRole else int(asset.reference.split("-")[1])
            return (
                asset.reference,
                asset.name,
                asset.status.label,
                asset.authority,
                asset.postcode,
                asset.category.label,
            )[column]
        return None
