"""What every view shares: the open register, the one ``data_changed`` signal, messages and background tasks."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QShortcut
from PySide6.QtWidgets import QWidget

from ..services.register import Changes, Register
from .garbage import GuiThreadCollector
from .messages import Messages
from .tasks import TaskRunner

WRITES = "assetregWrites"  # the property that marks a control as one that changes the register
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
    """Views take this and nothing else. After a change, ``notify`` tells every view what changed, once.

    ``read_only`` says why nothing can be changed from this window ("" when it can). Every control that changes
    the register is handed to ``writes`` as it is made; while the register is read-only, each is disabled, with a
    tooltip saying why, and stays so whatever its own code says (a selection enabling "Delete…" included).
    """

    data_changed = Signal(object)  # ChangeNotice
    read_only_changed = Signal(str)  # why the register has become read-only

    def __init__(self, register: Register, messages: Messages | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from .person import chosen_name

        if chosen_name():  # the name this person set in Settings names them in the audit trail, not their login
            register.name_person(chosen_name())
        self.register = register
        self.messages = messages or Messages()
        self.tasks = TaskRunner(self)
        self.collector = GuiThreadCollector(self)
        self._gathered: list[ChangeNotice] | None = None
        self._writes = _WriteControls(self)
        self._told = ""  # the reason ``read_only_changed`` last gave
        if register.checking is not None:  # a damaged file turns the window read-only as soon as it is found
            self.tasks.follow(register.checking, self._on_checked)

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

    def notify_everything(self) -> None:
        """Every view shows the register afresh (someone else has changed it)."""
        from ..domain.records import RecordKind

        self.notify(Changes(frozenset(RecordKind)), via=OUTSIDE)

    # who may write

    @property
    def read_only(self) -> str:
        """Why nothing can be changed in this window, or "" when it can be."""
        return self.register.read_only

    def writes(self, *controls: QWidget | QAction | QShortcut) -> None:
        """Marks buttons, actions and shortcuts that change the register: disabled, saying why, while read-only."""
        for control in controls:
            self._writes.add(control)

    def recheck_read_only(self) -> None:
        """Takes note of the register having become read-only (its lock taken over by another window, say).
        A window only ever turns read-only: to change the register again, it is opened again."""
        reason = self.register.read_only
        if reason and reason != self._told:
            self._told = reason
            self._writes.hold_all()
            self.read_only_changed.emit(reason)

    def _on_checked(self, checking) -> None:
        if checking.exception() is None and checking.result():
            self.recheck_read_only()
            title = QCoreApplication.translate("AppContext", "The register is damaged")
            self.messages.error(None, title, self.read_only)

    def keep_lock(self) -> None:
        """Says this window is still there (so its lock is not thought stale), noticing if it was taken over."""
        self.register.keep_lock()
        self.recheck_read_only()


def _notice(changes: Changes, references: Iterable[str], initiator: object | None, via: str) -> ChangeNotice:
    if isinstance(changes, ChangeNotice):
        references = changes.references | frozenset(references)
        initiator = initiator or changes.initiator
        via = via or changes.via
    return ChangeNotice(changes.kinds, frozenset(references), initiator, via)


class _WriteControls(QObject):
    """The context's write controls, held disabled (with the reason as their tooltip) while it is read-only."""

    def __init__(self, context: AppContext) -> None:
        super().__init__(context)
        self._context = context
        self._controls: list[QObject] = []

    def add(self, control: QObject) -> None:
        control.setProperty(WRITES, True)
        self._controls = [known for known in self._controls if shiboken6.isValid(known)]
        self._controls.append(control)
        if isinstance(control, QWidget):
            control.installEventFilter(self)
        elif isinstance(control, QAction):
            control.changed.connect(lambda action=control: self._hold(action))
        self._hold(control)

    def hold_all(self) -> None:
        for control in self._controls:
            if shiboken6.isValid(control):
                self._hold(control)

    def _hold(self, control: QObject) -> None:
        reason = self._context.read_only
        if not reason or not shiboken6.isValid(control):
            return
        if isinstance(control, QWidget):
            if not control.testAttribute(Qt.WidgetAttribute.WA_Disabled):
                control.setEnabled(False)
        elif control.isEnabled():
            control.setEnabled(False)
        if isinstance(control, QWidget | QAction) and control.toolTip() != reason:
            control.setToolTip(reason)
        if isinstance(control, QAction) and control.statusTip() != reason:
            control.setStatusTip(reason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in (QEvent.Type.EnabledChange, QEvent.Type.ToolTipChange) and self._context.read_only:
            self._hold(watched)
        return False
