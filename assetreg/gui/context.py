"""What every view shares: the open register, the one ``data_changed`` signal, messages and background tasks."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ..services.register import Changes, Register
from .garbage import GuiThreadCollector
from .messages import Messages
from .tasks import TaskRunner


class AppContext(QObject):
    """Views take this and nothing else. After a change, ``notify`` tells every view which kinds changed."""

    data_changed = Signal(object)  # Changes

    def __init__(self, register: Register, messages: Messages | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.register = register
        self.messages = messages or Messages()
        self.tasks = TaskRunner(self)
        self.collector = GuiThreadCollector(self)

    def notify(self, changes: Changes) -> None:
        if changes:
            self.data_changed.emit(changes)

    def notify_everything(self) -> None:
        """Every view shows the register afresh (someone else has changed it)."""
        from ..domain.records import RecordKind

        self.data_changed.emit(Changes(frozenset(RecordKind)))
