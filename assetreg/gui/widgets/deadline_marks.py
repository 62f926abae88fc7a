"""Marking a deadline done, or not applicable, from a list of dates: one step on the undo history.

The mark is a record made through ``undo_history``, so Ctrl+Z takes it back and the date returns to What's due.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from ...domain.asset_deadlines import AssetDeadline
from ...domain.enums import MarkState
from ...domain.errors import AssetRegError
from ...services.marks import mark_of
from ..context import AppContext
from ..undo import undo_history


def _tr(text: str) -> str:
    return QCoreApplication.translate("deadline_marks", text)


def mark_item(context: AppContext, item: AssetDeadline, state: MarkState, parent: QWidget | None = None) -> bool:
    """Marks ``item`` done (or not applicable) today; says why and returns False if the register refuses."""
    history = undo_history(context)
    name = item.deadline.rule.name if item.deadline is not None else item.label  # short, for "Undo marking …"
    text = (
        _tr("marking “{label}” done") if state is MarkState.DONE else _tr("marking “{label}” not applicable")
    ).format(label=name)
    try:
        with history.operation(text, initiator=parent):
            history.create(mark_of(item, state))
    except AssetRegError as error:
        context.messages.error(parent, _tr("This date could not be marked"), str(error))
        return False
    return True
