"""Undo and redo for edits to the register: one ``QUndoStack`` per open register, shared by every view.

A view makes an edit through ``undo_history(context)`` instead of calling ``Records`` itself::

    history = undo_history(self.context)
    history.update("AST-0001", name="The Red Lion")      # change some fields
    history.create(Asset(name="The Old Forge"))          # add a record (returns it with its reference)
    history.delete("DOC-0003")                           # move a record and its dependants to the trash
    history.restore("DOC-0003")                          # bring it back from the trash
    history.set_value(text, what, read, write, value)    # a value a service reads and writes whole
    with history.macro(self.tr("removing 3 documents")):  # several edits undone as one
        ...

The edit is made first and only a successful one goes on the stack, so a refused edit (a ``ValidationError``)
reaches the caller as before and leaves nothing to undo. Each step notifies the context, so views refresh.
Undoing never overwrites a later change made outside the stack: it checks the record still holds what the
edit left there, and otherwise says so and drops the step.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QApplication

from ..domain.errors import AssetRegError
from ..domain.records import RecordKind, parse_reference
from ..services.records import Changed, Records
from .context import AppContext

UNDO_LIMIT = 200  # steps kept; older ones can no longer be undone
_ATTRIBUTE = "_undo_history"


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
    """The stack and the edits that go on it. ``stack`` drives the window's Undo and Redo actions."""

    def __init__(self, context: AppContext) -> None:
        super().__init__(context)
        self.context = context
        self.stack = QUndoStack(self)
        self.stack.setUndoLimit(UNDO_LIMIT)

    @property
    def records(self) -> Records:
        return Records(self.context.register)

    # edits

    def update(self, reference: str, *, based_on: Any = None, **fields: Any) -> Changed[Any]:
        """Changes fields of a record and puts the change on the stack (nothing goes on it if nothing changed).
        ``based_on`` is the record as the person opened it: a change someone else saved since is not overwritten
        (``ConflictError``)."""
        before = self.records.get(reference)
        changed = self.records.update(reference, based_on=based_on, **fields)
        if changed.changes:
            after = changed.value
            names = [name for name in fields if getattr(before, name) != getattr(after, name)]
            old = {name: getattr(before, name) for name in names}
            new = {name: getattr(after, name) for name in names}
            text = self.tr("change to {record}").format(record=record_label(after))
            self._push(_Update(self, after.reference, old, new, text))
        self.context.notify(changed.changes)
        return changed

    def create(self, entity: Any) -> Changed[Any]:
        """Saves a new record; undoing moves it to the trash and redoing brings it back with the same reference."""
        changed = self.records.create(entity)
        text = self.tr("adding {record}").format(record=record_label(changed.value))
        self._push(_Trash(self, changed.value.reference, text, deletes_on_redo=False))
        self.context.notify(changed.changes)
        return changed

    def delete(self, reference: str) -> Changed[list[str]]:
        """Moves a record and everything that depends on it to the trash; undoing restores them all."""
        record = self.records.get(reference)
        changed = self.records.delete(reference)
        text = self.tr("deleting {record}").format(record=record_label(record))
        self._push(_Trash(self, record.reference, text, deletes_on_redo=True))
        self.context.notify(changed.changes)
        return changed

    def restore(self, reference: str) -> Changed[list[str]]:
        """Brings a record back from the trash; undoing puts it back in the trash."""
        changed = self.records.restore(reference)
        _, canonical = parse_reference(reference)
        record = self.records.get(canonical)
        text = self.tr("restoring {record}").format(record=record_label(record))
        self._push(_Trash(self, canonical, text, deletes_on_redo=False))
        self.context.notify(changed.changes)
        return changed

    def set_value(
        self, text: str, what: str, read: Callable[[], Any], write: Callable[[Any], Changed[Any]], value: Any
    ) -> Changed[Any]:
        """Sets a value that a service reads and writes whole (a section's answer) and puts the change on the stack.

        ``read()`` gives the value now and ``write(value)`` sets it through the service. Undoing writes the old
        value back, only while the register still holds the value this step left; ``what`` names the value in
        the message when it does not. Nothing goes on the stack if nothing changed.
        """
        before = read()
        changed = write(value)
        if changed.changes:
            after = read()
            if after != before:
                self._push(_SetValue(self, read, write, before, after, what, text))
        self.context.notify(changed.changes)
        return changed

    @contextmanager
    def macro(self, text: str) -> Iterator[None]:
        """Edits made inside are undone and redone as one step called ``text``."""
        self.stack.beginMacro(text)
        try:
            yield
        finally:
            self.stack.endMacro()

    # helpers

    def _push(self, command: _Step) -> None:
        self.stack.push(command)  # calls redo(), which skips the edit already made

    def report(self, title: str, error: AssetRegError) -> None:
        parent = QApplication.activeWindow()
        self.context.messages.error(parent, title, str(error))


class _Step(QUndoCommand):
    """An edit already made once; ``redo`` does nothing the first time, then repeats it."""

    def __init__(self, history: UndoHistory, text: str) -> None:
        super().__init__(text)
        self.history = history
        self._made = True

    def redo(self) -> None:
        if self._made:
            self._made = False
            return
        self._run(self._forward, QApplication.translate("undo", "This cannot be redone"))

    def undo(self) -> None:
        self._run(self._backward, QApplication.translate("undo", "This cannot be undone"))

    def _run(self, step, title: str) -> None:
        try:
            changed = step()
        except AssetRegError as error:
            # The register has moved on (the record was deleted or changed elsewhere): drop the step, say why.
            self.setObsolete(True)
            self.history.report(title, error)
            return
        self.history.context.notify(changed.changes)

    def _forward(self) -> Changed[Any]:
        raise NotImplementedError

    def _backward(self) -> Changed[Any]:
        raise NotImplementedError


class _Update(_Step):
    """Some fields of one record, from ``old`` to ``new``."""

    def __init__(self, history: UndoHistory, reference: str, old: dict, new: dict, text: str) -> None:
        super().__init__(history, text)
        self.reference, self.old, self.new = reference, old, new

    def _forward(self) -> Changed[Any]:
        self._expect(self.old)
        return self.history.records.update(self.reference, based_on=self.old, **self.new)

    def _backward(self) -> Changed[Any]:
        self._expect(self.new)
        return self.history.records.update(self.reference, based_on=self.new, **self.old)

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

    def _forward(self) -> Changed[Any]:
        self._expect(self.old)
        return self.write(self.new)

    def _backward(self) -> Changed[Any]:
        self._expect(self.new)
        return self.write(self.old)

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

    def _forward(self) -> Changed[Any]:
        return self._delete() if self.deletes_on_redo else self.history.records.restore(self.reference)

    def _backward(self) -> Changed[Any]:
        return self.history.records.restore(self.reference) if self.deletes_on_redo else self._delete()

    def _delete(self) -> Changed[Any]:
        return self.history.records.delete(self.reference)


class _ChangedSince(AssetRegError):
    """The record no longer holds what the step expects."""
