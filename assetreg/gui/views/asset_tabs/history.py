"""The History tab: the audit trail of the asset and every record about it, newest first."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ....domain import entities as e
from ...tables.record_table import Column, RecordTableModel, iso_text, moment_text, weakly
from ...widgets.notice_panel import table_view

HIST_WHEN, HIST_WHO, HIST_RECORD, HIST_ACTION, HIST_FIELD, HIST_FROM, HIST_TO = range(7)


class HistoryTab(QWidget):
    """One row per audit entry: when, who, which record, what was done, and the field's old and new value."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        t = self.tr
        self.model = RecordTableModel(
            [
                # The entry's position breaks ties between entries of one moment, keeping their order.
                Column(t("When"), lambda h: moment_text(h[1].at), lambda h: f"{iso_text(h[1].at)}#{h[0]:08d}"),
                Column(t("Who"), lambda h: h[1].user),
                Column(t("Record"), lambda h: h[1].record_reference),
                Column(t("What"), weakly(self._action_text)),
                Column(t("Field"), lambda h: h[1].field),
                Column(t("From"), lambda h: h[1].old_value),
                Column(t("To"), lambda h: h[1].new_value),
            ],
            self,
        )
        self.view = table_view(self.model, t("History"), sort=(HIST_WHEN, Qt.SortOrder.DescendingOrder))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

    def fill(self, entries: list[e.AuditEntry]) -> None:
        self.model.set_rows(list(enumerate(entries)))

    def count(self) -> int:
        return self.model.rowCount()

    def _action_text(self, entry: tuple[int, e.AuditEntry]) -> str:
        action = entry[1].action
        return {
            "create": self.tr("Added"),
            "update": self.tr("Changed"),
            "delete": self.tr("Moved to the trash"),
            "restore": self.tr("Restored"),
        }.get(action, action)
