"""The main window: a list of views on the left, the chosen view on the right; layout remembered."""

from __future__ import annotations

from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from .context import AppContext
from .view import View


class MainWindow(QMainWindow):
    """Holds the views. Ctrl+1…Ctrl+9 switch between them; the last one shown opens next time."""

    def __init__(self, context: AppContext, views: list[View]) -> None:
        super().__init__()
        self.context = context
        self.setWindowTitle(self.tr("AssetReg — {name}").replace("{name}", context.register.path.name))
        self._views = {view.name: view for view in views}
        self._nav = QListWidget()
        self._nav.setAccessibleName(self.tr("Views"))
        self._nav.setFixedWidth(150)
        self._nav.setFrameShape(QFrame.Shape.NoFrame)
        self._nav.setSpacing(2)
        self._nav.setIconSize(QSize(20, 20))
        self._nav.setStyleSheet("QListWidget { padding-top: 8px; } QListWidget::item { padding: 6px 8px; }")
        self._stack = QStackedWidget()
        for index, view in enumerate(views):
            item = QListWidgetItem(view.icon(), view.title(), self._nav)
            item.setData(Qt.ItemDataRole.UserRole, view.name)
            self._stack.addWidget(view)
            view.open_record.connect(self._on_open_record)
            if index < 9:
                action = QAction(view.title(), self)
                action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
                action.triggered.connect(lambda _=False, i=index: self._nav.setCurrentRow(i))
                self.addAction(action)
        self._nav.currentRowChanged.connect(self._on_nav)
        body = QWidget()
        layout = QHBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._nav)
        layout.addWidget(self._stack, 1)
        self.setCentralWidget(body)
        self.resize(1200, 760)
        self._restore()

    def show_view(self, name: str) -> View:
        names = list(self._views)
        self._nav.setCurrentRow(names.index(name) if name in names else 0)
        return self._stack.currentWidget()

    def _on_nav(self, row: int) -> None:
        self._stack.setCurrentIndex(row)
        view = self._stack.currentWidget()
        if isinstance(view, View):
            view.refresh()

    def _on_open_record(self, reference: str) -> None:
        asset_page = self._views.get("asset")
        if asset_page is not None and hasattr(asset_page, "show_asset"):
            asset_page.show_asset(reference)
            self.show_view("asset")

    def _restore(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        self.show_view(str(settings.value("window/view", "dashboard")))

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        view = self._stack.currentWidget()
        settings.setValue("window/view", view.name if isinstance(view, View) else "dashboard")
        self.context.tasks.wait(5000)
        super().closeEvent(event)
