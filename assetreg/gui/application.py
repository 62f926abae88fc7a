"""Starting the desktop app on a register."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMessageBox, QTableView, QVBoxLayout, QWidget

from ..domain.errors import AssetRegError
from ..paths import register_path
from ..services.assets import list_assets
from ..services.register import Register
from .asset_table import SORT_ROLE, AssetTableModel


class MainWindow(QMainWindow):
    """The register window: for now, the assets and their status (the full app follows)."""

    def __init__(self, register: Register) -> None:
        super().__init__()
        self.register = register
        self.setWindowTitle(self.tr("AssetReg — {name}").replace("{name}", register.path.name))
        self.resize(1000, 640)
        self._model = AssetTableModel(self)
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self._model)
        proxy.setSortRole(SORT_ROLE)
        self._table = QTableView()
        self._table.setModel(proxy)
        self._table.setSortingEnabled(True)
        self._table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self._table.setAccessibleName(self.tr("Assets"))
        self._table.horizontalHeader().setStretchLastSection(True)
        self._table.verticalHeader().hide()
        self._count = QLabel()
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self._table)
        layout.addWidget(self._count)
        self.setCentralWidget(body)
        self.refresh()

    def refresh(self) -> None:
        assets = list_assets(self.register)
        self._model.set_assets(assets)
        self._table.resizeColumnsToContents()
        count = self.tr("1 asset") if len(assets) == 1 else self.tr("{n} assets").replace("{n}", f"{len(assets):,}")
        self._count.setText(
            self.tr("{count} in {path}").replace("{count}", count).replace("{path}", str(self.register.path))
        )


def run_gui(path: Path) -> int:
    """Shows the register at ``path`` (the default register is created on first run)."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("AssetReg")
    try:
        register = Register.open(path, create=path == register_path())
    except AssetRegError as error:
        QMessageBox.critical(None, app.tr("AssetReg cannot open the register"), str(error))
        return error.exit_status
    window = MainWindow(register)
    window.show()
    try:
        return app.exec()
    finally:
        register.close()
