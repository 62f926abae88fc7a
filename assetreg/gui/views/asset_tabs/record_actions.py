"""Edit… and Delete… for a table of records on the asset page, the same for every table.

Double-click or Enter opens the record's form; Delete (the key or the button) asks, then moves the record and
everything recorded under it to the trash as one undoable step.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QTableView, QWidget

from ....domain.errors import AssetRegError
from ....services.records import Records
from ...context import AppContext
from ...display import ENTITY_ROLE
from ...undo import record_label, undo_history


def weak_call(method: Callable[..., Any]) -> Callable[..., Any]:
    """A bound method held weakly (a strong hold would make a reference cycle through its widget, freed only by
    the garbage collector, perhaps on a worker thread); once the widget is gone, calling it gives None."""
    if not hasattr(method, "__self__"):
        return method
    ref = weakref.WeakMethod(method)

    def call(*args: Any) -> Any:
        bound = ref()
        return bound(*args) if bound is not None else None

    return call


def open_dialog(dialog: QDialog) -> None:
    """Window-modal and not blocking: saving notifies every view, which may rebuild the page that opened it."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()


def _named(record: Any) -> str:
    """A record in a list of what goes with another: its name and reference, or (with no name) its kind and
    reference, once."""
    label = record_label(record)
    return label if label.endswith(record.reference) else f"{label} ({record.reference})"


def confirm_delete(context: AppContext, parent: QWidget, record: Any) -> bool:
    """Asks before a record goes to the trash, naming what goes with it; then deletes it as one undo step."""
    tr = parent.tr
    name = record_label(record)
    try:
        others = Records(context.register).dependants(record.reference)
    except AssetRegError as error:
        context.messages.error(parent, tr("Nothing was deleted"), str(error))
        return False
    question = tr("Delete {name} ({reference})?").format(name=name, reference=record.reference)
    if others:
        listed = ", ".join(_named(o) for o in others[:8])
        more = tr(" and {n} more").format(n=len(others) - 8) if len(others) > 8 else ""
        question += " " + tr("These go with it: {records}{more}.").format(records=listed, more=more)
    question += " " + tr("It goes to the trash and can be restored, or undone with Edit › Undo.")
    if not context.messages.confirm(parent, tr("Delete {name}").format(name=name), question):
        return False
    try:
        undo_history(context).delete(record.reference, initiator=parent)
    except AssetRegError as error:
        context.messages.error(parent, tr("Nothing was deleted"), str(error))
        return False
    return True


class RecordActions(QObject):
    """The Edit… and Delete… buttons of one table; ``edit(record)`` makes the record's form (or None)."""

    def __init__(
        self,
        context: AppContext,
        view: QTableView,
        what: str,
        edit: Callable[[Any], QDialog | None],
        record: Callable[[Any], Any] = lambda row: row,
    ) -> None:
        super().__init__(view)
        self.context, self.view, self._edit, self._record = context, view, weak_call(edit), record
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.setAccessibleName(self.tr("Edit the chosen {what}").format(what=what))
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.delete_button.setAccessibleName(self.tr("Delete the chosen {what}").format(what=what))
        self.edit_button.clicked.connect(self._on_edit)
        self.delete_button.clicked.connect(self._on_delete)
        view.activated.connect(self._on_edit)  # double-click or Enter
        remove = QAction(self.tr("Delete {what}").format(what=what), view)
        remove.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        remove.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        remove.triggered.connect(self._on_delete)
        view.addAction(remove)
        context.writes(self.edit_button, self.delete_button, remove)
        view.selectionModel().selectionChanged.connect(self._on_selection)
        view.model().modelReset.connect(self._on_selection)
        self._on_selection()

    def buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(self.edit_button)
        row.addWidget(self.delete_button)
        row.addStretch(1)
        return row

    def chosen(self) -> Any | None:
        """The record of the current row, or of the only row when there is just one."""
        index = self.view.currentIndex()
        model = self.view.model()
        if not index.isValid() and model.rowCount() == 1:
            index = model.index(0, 0)
        row = index.data(ENTITY_ROLE) if index.isValid() else None
        return self._record(row) if row is not None else None

    def _on_selection(self, *_args) -> None:
        chosen = self.chosen() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def _on_edit(self, *_args) -> None:
        record = self.chosen()
        if record is None:
            return
        try:
            dialog = self._edit(record)
        except AssetRegError as error:  # gone since the page was shown
            self.context.messages.error(self.view, self.tr("This cannot be edited"), str(error))
            return
        if dialog is not None:
            open_dialog(dialog)

    def _on_delete(self) -> None:
        record = self.chosen()
        if record is not None:
            confirm_delete(self.context, self.view, record)
