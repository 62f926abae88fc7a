"""Undo and redo for edits to the register: one ``QUndoStack`` per open register, shared by every view.

Every change the app makes is one **operation** (Anki's ``CollectionOp`` is the model): it goes on the stack
as one step, however many records it writes, and tells the views once, with one ``ChangeNotice`` naming the
kinds and records it changed and the view or form that started it. Undoing or redoing it notifies once too.

A view makes an edit through ``undo_history(context)`` instead of calling ``Records`` itself::

    history = undo_history(self.context)
    history.update("AST-0001", name="The Red Lion")      # change some fields: one operation
    history.create(Asset(name="The Old Forge"))          # add a record (returns it with its reference)
    history.delete("DOC-0003", initiator=self)           # move a record and its dependants to the trash
    history.restore("DOC-0003")                          # bring it back from the trash
    history.set_value(text, what, read, write, value)    # a value a service reads and writes whole
    with history.operation(self.tr("saving {name}"), initiator=self) as op:  # several edits, one step
        owner = op.create(Party(name="Ashcombe Estates"))
        op.create(DisposalNotice(..., owner_ref=owner.value.reference))
        op.made(attach(register, path, asset_ref=...))   # a record a service made; undo trashes it
        op.note(move_to_stage(register, ...))            # a change the stack cannot take back: notified only
    history.run(text, work, initiator=self, done=..., in_background=True)  # slow work on the task thread

``macro(text)`` is ``operation(text)``; the edit methods of the history, called inside an open operation, join
it. The edit is made first and only a successful one goes on the stack, so a refused edit (a
``ValidationError``) reaches the caller as before and leaves nothing to undo. Undoing never overwrites a later
change made outside the stack: it checks the record still holds what the edit left there, and otherwise says
so and drops the step.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QApplication, QProgressDialog

from ..domain.errors import AssetRegError, NotFoundError
from ..domain.records import RecordKind, parse_reference
from ..services.records import Changed, Records
from ..services.register import Changes
from .context import REDO, UNDO, AppContext

UNDO_LIMIT = 200  # steps kept; older ones can no longer be undone
_ATTRIBUTE = "_undo_history"
T = TypeVar("T")
C = TypeVar("C", Changed, Changes)


def undo_history(context: AppContext) -> UndoHistory:
    """The undo history of the context's register, made on first use and kept for the context's lifetime."""
    history = getattr(context, _ATTRIBUTE, None)
    if history is None:
        history = UndoHistory(context)
        setattr(context, _ATTRIBUTE, history)
    return history


def record_label(record: Any) -> str:
    """How a record is named in "Undo change to …": its name or title, else its kind and reference."""
    for field in ("name", "title"):
        text = str(getattr(record, field, "") or "").strip()
        if text:
            return text
    return f"{RecordKind.of(record).label} {record.reference}"


class UndoHistory(QObject):
    """The stack and the operations that go on it. ``stack`` drives the window's Undo and Redo actions."""

    def __init__(self, context: AppContext) -> None:
        super().__init__(context)
        self.context = context
        self.stack = QUndoStack(self)
        self.stack.setUndoLimit(UNDO_LIMIT)
        self._open: Operation | None = None  # the operation being made on the GUI thread

    @property
    def records(self) -> Records:
        return Records(self.context.register)

    # operations

    @contextmanager
    def operation(self, text: str = "", initiator: object | None = None) -> Iterator[Operation]:
        """One step and one notification for every edit made inside, through the operation or the history.

        Nested inside an open operation it is part of that one (its text and initiator fill in what the outer
        one left empty). On an error the edits already made stay one step, are notified, and the error goes on.
        """
        if self._open is not None:
            self._open.fill_in(text, initiator)
            yield self._open
            return
        operation = self._open = Operation(self, text, initiator)
        with self.context.one_notification():  # a service's own notify inside joins the operation's
            try:
                yield operation
            finally:
                self._open = None
                self._finish(operation)

    def macro(self, text: str) -> Any:
        """Edits made inside are undone and redone as one step called ``text`` (an ``operation``)."""
        return self.operation(text)

    def run(
        self,
        text: str,
        work: Callable[[Operation], T],
        *,
        initiator: object | None = None,
        done: Callable[[T], None] | None = None,
        failed: Callable[[Exception], None] | None = None,
        in_background: bool = False,
    ) -> T | None:
        """Runs ``work(operation)`` as one operation; ``in_background`` runs it on the task thread.

        In the background ``work`` must write only through the operation it is given; the step goes on the
        stack, the views are told and ``done`` (or ``failed``) is called back on the GUI thread.
        """
        if not in_background:
            with self.operation(text, initiator) as operation:
                result = work(operation)
            if done is not None:
                done(result)
            return result
        operation = Operation(self, text, initiator)

        def finish(result: T) -> None:
            self._finish(operation)
            if done is not None:
                done(result)

        def fail(error: Exception) -> None:
            self._finish(operation)  # what was written before the error is still one step
            if failed is None:
                raise error
            failed(error)

        self.context.tasks.run(lambda: work(operation), finish, fail)
        return None

    def replaced(self, initiator: object | None = None) -> None:
        """The register was replaced whole (a backup put back): no step applies any more, and every view reloads."""
        self.stack.clear()
        self.context.notify(Changes(frozenset(RecordKind)), initiator=initiator)

    def _finish(self, operation: Operation) -> None:
        if operation.steps:
            command = _Command(self, operation)
            self.stack.push(command)  # calls redo(), which skips the edits already made
        self.context.notify(operation.changes, operation.references, operation.initiator)

    def _edit(self, initiator: object | None) -> Any:
        return self.operation("", initiator)

    # edits, each an operation of its own unless one is open

    def update(
        self, reference: str, /, *, initiator: object | None = None, based_on: Any = None, **fields: Any
    ) -> Changed[Any]:
        """Changes fields of a record and puts the change on the stack (nothing goes on it if nothing changed).
        ``based_on`` is the record as the person opened it: a change someone else saved since is not overwritten
        (``ConflictError``)."""
        with self._edit(initiator) as operation:
            return operation.update(reference, based_on=based_on, **fields)

    def create(self, entity: Any, *, initiator: object | None = None) -> Changed[Any]:
        """Saves a new record; undoing moves it to the trash and redoing brings it back with the same reference."""
        with self._edit(initiator) as operation:
            return operation.create(entity)

    def delete(self, reference: str, *, initiator: object | None = None) -> Changed[list[str]]:
        """Moves a record and everything that depends on it to the trash; undoing restores them all."""
        with self._edit(initiator) as operation:
            return operation.delete(reference)

    def restore(self, reference: str, *, initiator: object | None = None) -> Changed[list[str]]:
        """Brings a record back from the trash; undoing puts it back in the trash."""
        with self._edit(initiator) as operation:
            return operation.restore(reference)

    def set_value(
        self,
        text: str,
        what: str,
        read: Callable[[], Any],
        write: Callable[[Any], Changed[Any]],
        value: Any,
        *,
        initiator: object | None = None,
    ) -> Changed[Any]:
        """Sets a value that a service reads and writes whole (a section's answer) and puts the change on the stack.

        ``read()`` gives the value now and ``write(value)`` sets it through the service. Undoing writes the old
        value back, only while the register still holds the value this step left; ``what`` names the value in
        the message when it does not. Nothing goes on the stack if nothing changed.
        """
        with self.operation(text, initiator) as operation:
            return operation.set_value(text, what, read, write, value)

    # helpers

    def report(self, title: str, error: AssetRegError) -> None:
        parent = QApplication.activeWindow()
        self.context.messages.error(parent, title, str(error))


class Operation:
    """The edits of one operation as they are made: its steps, what changed and who started it.

    Its methods write at once through ``Records`` (on whichever thread runs them) and only record the step;
    the history puts the whole operation on the stack and notifies when it ends.
    """

    def __init__(self, history: UndoHistory, text: str, initiator: object | None) -> None:
        self.history, self.text, self.initiator = history, text, initiator
        self.steps: list[_Step] = []
        self.changes = Changes()
        self.references: set[str] = set()

    @property
    def records(self) -> Records:
        return self.history.records

    def fill_in(self, text: str, initiator: object | None) -> None:
        self.text = self.text or text
        self.initiator = self.initiator or initiator

    def update(self, reference: str, based_on: Any = None, **fields: Any) -> Changed[Any]:
        """Changes fields of a record (no step when nothing changed); ``based_on`` as for ``Records.update``."""
        before = self.records.get(reference)
        changed = self.records.update(reference, based_on=based_on, **fields)
        if changed.changes:
            after = changed.value
            # Every field that changed, those validating set besides the ones asked for (a request's council_counted).
            names = [f.name for f in dataclasses.fields(after) if getattr(before, f.name) != getattr(after, f.name)]
            old = {name: getattr(before, name) for name in names}
            new = {name: getattr(after, name) for name in names}
            text = _tr("change to {record}").format(record=record_label(after))
            self.add(_Update(self.history, after.reference, old, new, text), changed, [after.reference])
        return changed

    def create(self, entity: Any) -> Changed[Any]:
        """Saves a new record; undoing moves it to the trash, redoing brings it back with the same reference."""
        return self.made(self.records.create(entity))

    def made(self, changed: Changed[Any]) -> Changed[Any]:
        """A record a service has just made (an attached document): undoing moves it to the trash."""
        record = changed.value
        text = _tr("adding {record}").format(record=record_label(record))
        self.add(_Trash(self.history, record.reference, text, deletes_on_redo=False), changed, [record.reference])
        return changed

    def delete(self, reference: str) -> Changed[list[str]]:
        """Moves a record and everything that depends on it to the trash; undoing restores them all."""
        record = self.records.get(reference)
        changed = self.records.delete(reference)
        text = _tr("deleting {record}").format(record=record_label(record))
        self.add(_Trash(self.history, record.reference, text, deletes_on_redo=True), changed, changed.value)
        return changed

    def restore(self, reference: str) -> Changed[list[str]]:
        """Brings a record back from the trash; undoing puts it back in the trash."""
        changed = self.records.restore(reference)
        _, canonical = parse_reference(reference)
        record = self.records.get(canonical)
        text = _tr("restoring {record}").format(record=record_label(record))
        self.add(_Trash(self.history, canonical, text, deletes_on_redo=False), changed, changed.value)
        return changed

    def set_value(
        self, text: str, what: str, read: Callable[[], Any], write: Callable[[Any], Changed[Any]], value: Any
    ) -> Changed[Any]:
        """Sets a value a service reads and writes whole; undoing writes the old value back."""
        before = read()
        changed = write(value)
        if changed.changes:
            after = read()
            if after != before:
                self.add(_SetValue(self.history, read, write, before, after, what, text), changed, [])
            else:
                self.note(changed)
        return changed

    def note(self, changed: C, references: tuple[str, ...] = ()) -> C:
        """A change a service made that the stack cannot take back (a stage move, an import): notified, no more.

        ``changed`` is the service's ``Changed`` or bare ``Changes``; it is given back for the caller's use.
        """
        self.changes |= changed if isinstance(changed, Changes) else changed.changes
        self.references.update(references)
        return changed

    def add(self, step: _Step, changed: Changed[Any], references=()) -> None:
        """A step a service has just made, with its own ``forward`` and ``backward`` (a whole import)."""
        self.steps.append(step)
        self.note(changed, tuple(references or ()))


def _tr(text: str) -> str:
    return QApplication.translate("UndoHistory", text)


class _Command(QUndoCommand):
    """An operation on the stack: done once already; ``undo`` and ``redo`` run its steps and notify once."""

    def __init__(self, history: UndoHistory, operation: Operation) -> None:
        super().__init__(operation.text or operation.steps[0].text)
        self.history, self.steps = history, list(operation.steps)
        self._made = True

    def redo(self) -> None:
        if self._made:
            self._made = False
            return
        self._run(REDO, self.steps, QApplication.translate("undo", "This cannot be redone"))

    def undo(self) -> None:
        self._run(UNDO, list(reversed(self.steps)), QApplication.translate("undo", "This cannot be undone"))

    def _run(self, via: str, steps: list[_Step], title: str) -> None:
        context = self.history.context
        with context.one_notification(via=via):
            for step in steps:
                take = step.backward if via == UNDO else step.forward
                try:
                    changed, references = self._wait_for(step, via, take) if step.slow else take()
                except AssetRegError as error:
                    # The register has moved on (a record was deleted or changed elsewhere): drop the step and
                    # say why; the edits after this one in the operation are left as they are.
                    self.setObsolete(True)
                    self.history.report(title, error)
                    return
                context.notify(changed.changes, references)

    def _wait_for(self, step: _Step, via: str, take: Callable[[], T]) -> T:
        """Runs a slow step on the task thread while the window waits behind a progress window, still painted;
        returns its result, or raises its error, here on the GUI thread as a quick step does."""
        if via == UNDO:
            title, words = QApplication.translate("undo", "Undo"), QApplication.translate("undo", "Undoing {step}…")
        else:
            title, words = QApplication.translate("undo", "Redo"), QApplication.translate("undo", "Redoing {step}…")
        progress = QProgressDialog(words.format(step=step.text), "", 0, 0, QApplication.activeWindow())
        progress.setWindowTitle(title)
        progress.setMinimumWidth(360)
        progress.setCancelButton(None)  # one transaction: it cannot stop half-way
        progress.setWindowModality(Qt.WindowModality.ApplicationModal)  # nothing else is edited meanwhile
        progress.setMinimumDuration(0)
        progress.setValue(0)
        outcome: dict[str, Any] = {}
        loop = QEventLoop()

        def finished(key: str, value: Any) -> None:
            outcome[key] = value
            loop.quit()

        self.history.context.tasks.run(
            take, lambda result: finished("result", result), lambda error: finished("error", error)
        )
        loop.exec()  # the answer comes as an event, so it cannot arrive before the loop runs
        progress.close()
        progress.deleteLater()
        if "error" in outcome:
            raise outcome["error"]
        return outcome["result"]


class _Step:
    """One edit of an operation, already made once; ``forward`` makes it again and ``backward`` takes it back.

    Each returns what changed and the references it wrote. A ``slow`` step (a large import) is run on the task
    thread, so the window stays painted while it is taken back or made again.
    """

    slow = False

    def __init__(self, history: UndoHistory, text: str) -> None:
        self.history, self.text = history, text

    def forward(self) -> tuple[Changed[Any], list[str]]:
        raise NotImplementedError

    def backward(self) -> tuple[Changed[Any], list[str]]:
        raise NotImplementedError


class _Update(_Step):
    """Some fields of one record, from ``old`` to ``new``."""

    def __init__(self, history: UndoHistory, reference: str, old: dict, new: dict, text: str) -> None:
        super().__init__(history, text)
        self.reference, self.old, self.new = reference, old, new

    def forward(self) -> tuple[Changed[Any], list[str]]:
        self._expect(self.old)
        return self.history.records.update(self.reference, based_on=self.old, **self.new), [self.reference]

    def backward(self) -> tuple[Changed[Any], list[str]]:
        self._expect(self.new)
        return self.history.records.update(self.reference, based_on=self.new, **self.old), [self.reference]

    def _expect(self, values: dict) -> None:
        current = self.history.records.get(self.reference)
        if any(getattr(current, name) != value for name, value in values.items()):
            raise _ChangedSince(
                QApplication.translate(
                    "undo", "{record} has been changed since, so this step is left as it is and dropped."
                ).format(record=record_label(current))
            )


class _SetValue(_Step):
    """A value written whole through a service, from ``old`` to ``new``."""

    def __init__(self, history: UndoHistory, read, write, old: Any, new: Any, what: str, text: str) -> None:
        super().__init__(history, text)
        self.read, self.write, self.old, self.new, self.what = read, write, old, new, what

    def forward(self) -> tuple[Changed[Any], list[str]]:
        self._expect(self.old)
        return self.write(self.new), []

    def backward(self) -> tuple[Changed[Any], list[str]]:
        self._expect(self.new)
        return self.write(self.old), []

    def _expect(self, value: Any) -> None:
        if self.read() != value:
            raise _ChangedSince(
                QApplication.translate(
                    "undo", "{what} has been changed since, so this step is left as it is and dropped."
                ).format(what=self.what)
            )


class _Trash(_Step):
    """A record moved to the trash (``deletes_on_redo``) or out of it (a new or restored record)."""

    def __init__(self, history: UndoHistory, reference: str, text: str, *, deletes_on_redo: bool) -> None:
        super().__init__(history, text)
        self.reference, self.deletes_on_redo = reference, deletes_on_redo

    def forward(self) -> tuple[Changed[Any], list[str]]:
        return self._move(to_trash=self.deletes_on_redo)

    def backward(self) -> tuple[Changed[Any], list[str]]:
        return self._move(to_trash=not self.deletes_on_redo)

    def _move(self, *, to_trash: bool) -> tuple[Changed[Any], list[str]]:
        records = self.history.records
        if self._live() != to_trash:
            # Already where this step puts it: an earlier step of the same operation took it along (restoring a
            # new owner brings back the notice deleted with it in the same moment), so there is nothing to do.
            return Changed([], Changes()), [self.reference]
        changed = records.delete(self.reference) if to_trash else records.restore(self.reference)
        return changed, [self.reference, *changed.value]

    def _live(self) -> bool:
        try:
            self.history.records.get(self.reference)
        except NotFoundError:
            return False
        return True


class _ChangedSince(AssetRegError):
    """The record no longer holds what the step expects."""
