"""What every view shares: the open register, the one ``data_changed`` signal, messages and background tasks."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from ..services.register import Changes, Register
from .garbage import GuiThreadCollector
from .messages import Messages
from .tasks import TaskRunner

# How a change came about, besides a new edit: Edit › Undo, Edit › Redo, or from outside this window.
UNDO, REDO, OUTSIDE = "undo", "redo", "outside"


@dataclass(frozen=True, eq=False)
class ChangeNotice(Changes):
    """What ``data_changed`` carries: one operation's changes, the records it touched and who started it.

    It is a ``Changes``, so a view's ``shows(changes)`` reads ``kinds`` as before. ``references`` names the
    records written (empty when a service wrote something it does not name, or for a whole-register change);
    ``initiator`` is the view or form that started the operation (None for undo, redo and outside changes);
    ``via`` says whether it was an undo, a redo or a change from outside ("" for a new edit).
    """

    references: frozenset[str] = frozenset()
    initiator: object | None = None
    via: str = ""

    def names(self, reference: str) -> bool:
        """Whether the operation says it wrote this record."""
        return reference in self.references


class AppContext(QObject):
    """Views take this and nothing else. After a change, ``notify`` tells every view what changed, once."""

    data_changed = Signal(object)  # ChangeNotice

    def __init__(self, register: Register, messages: Messages | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.register = register
        self.messages = messages or Messages()
        self.tasks = TaskRunner(self)
        self.collector = GuiThreadCollector(self)
        self._gathered: list[ChangeNotice] | None = None

    def notify(
        self, changes: Changes, references: Iterable[str] = (), initiator: object | None = None, via: str = ""
    ) -> None:
        """Tells every view what changed; inside ``one_notification`` the news waits and goes out with the rest."""
        notice = _notice(changes, references, initiator, via)
        if self._gathered is not None:
            self._gathered.append(notice)
        elif notice:
            self.data_changed.emit(notice)

    @contextmanager
    def one_notification(self, initiator: object | None = None, via: str = "") -> Iterator[None]:
        """Everything notified inside goes out as one ``ChangeNotice`` at the end (nested: with the outer one)."""
        if self._gathered is not None:
            yield
            return
        self._gathered = []
        try:
            yield
        finally:
            gathered, self._gathered = self._gathered, None
            kinds = frozenset().union(*(n.kinds for n in gathered))
            references = frozenset().union(*(n.references for n in gathered))
            starter = initiator or next((n.initiator for n in gathered if n.initiator is not None), None)
            self.notify(Changes(kinds), references, starter, via or next((n.via for n in gathered if n.via), ""))


def _notice(changes: Changes, references: Iterable[str], initiator: object | None, via: str) -> ChangeNotice:
    if isinstance(changes, ChangeNotice):
        references = changes.references | frozenset(references)
        initiator = initiator or changes.initiator
        via = via or changes.via
    return ChangeNotice(changes.kinds, frozenset(references), initiator, via)
