"""What every top-level view of the window is: built from the context, refreshed by ``data_changed``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QWidget

from ...services.register import Changes
from ..context import AppContext
from ..widgets import icons


class View(QWidget):
    """A page of the main window. Subclasses build widgets in ``__init__`` and reload in ``refresh``."""

    open_record = Signal(str)  # a reference the user wants to open, e.g. "AST-0001"
    name = ""  # stable code used by --view and remembered between runs
    icon_name = "assets"  # one of icons.py's names
    heading = ""  # the title, in English: ``title`` says it in the user's language

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._loading = self._stale = False
        context.data_changed.connect(self._on_data_changed)

    @property
    def loading(self) -> bool:
        """Whether the view is waiting for data from the register."""
        return self._loading

    def load(self, work: Callable[[], Any], done: Callable[[Any], None], failed: Callable[[Exception], None]) -> None:
        """Runs ``work`` off the GUI thread and hands its result to ``done`` (or its error to ``failed``).

        Only an up-to-date result is shown: a refresh asked for while a load runs makes that load's result
        stale, and the view loads once more instead of showing it; nothing arrives after the view is closed.
        """
        if self._loading:
            self._stale = True
            return
        self._loading = True

        def arriving(handler: Callable[[Any], None]) -> Callable[[Any], None]:
            def arrive(value: Any) -> None:
                if not shiboken6.isValid(self):
                    return  # the window closed while the work ran
                self._loading = False
                if self._stale:
                    self._stale = False
                    self.refresh()
                    return
                handler(value)

            return arrive

        self.context.tasks.run(work, arriving(done), arriving(failed))

    @classmethod
    def title_of(cls) -> str:
        """The view's title, known before the view is built (the window lists every view at start)."""
        return QCoreApplication.translate(cls.__name__, cls.heading)

    def title(self) -> str:
        return self.title_of()

    def icon(self) -> QIcon:
        """The view's icon in the navigation list, in the palette's colours."""
        return icons.icon(self.icon_name, self.palette())

    def refresh(self) -> None:
        """Reload everything the view shows from the register."""

    def shows(self, changes: Changes) -> bool:
        """Whether a change concerns this view; by default every change does."""
        return True

    def _on_data_changed(self, changes: Changes) -> None:
        if self.shows(changes):
            self.refresh()
