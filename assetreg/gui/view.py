"""What every top-level view of the window is: built from the context, refreshed by ``data_changed``."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QStyle, QWidget

from ..services.register import Changes
from .context import AppContext


class View(QWidget):
    """A page of the main window. Subclasses build widgets in ``__init__`` and reload in ``refresh``."""

    open_record = Signal(str)  # a reference the user wants to open, e.g. "AST-0001"
    name = ""  # stable code used by --view and remembered between runs
    icon_kind = QStyle.StandardPixmap.SP_FileIcon

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        context.data_changed.connect(self._on_data_changed)

    def title(self) -> str:
        raise NotImplementedError

    def icon(self) -> QIcon:
        """The view's icon in the navigation list (a standard one that follows the style and palette)."""
        return self.style().standardIcon(self.icon_kind)

    def refresh(self) -> None:
        """Reload everything the view shows from the register."""

    def shows(self, changes: Changes) -> bool:
        """Whether a change concerns this view; by default every change does."""
        return True

    def _on_data_changed(self, changes: Changes) -> None:
        if self.shows(changes):
            self.refresh()
