"""The asset page's "Coming and overdue dates": the asset's dates from its case account, soonest first."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QGroupBox, QSizePolicy, QVBoxLayout, QWidget

from ....domain.dates import format_date
from ...tables.record_table import Column, RecordTableModel, iso_text, weakly
from ...widgets.notice_panel import table_view

DUE_DATE, DUE_LEFT, DUE_WHAT = range(3)


class ComingDates(QGroupBox):
    """Each date still worth acting on: when, how long from today, and what (its explanation as a tip)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        t = self.tr
        self.setTitle(t("Coming and overdue dates"))
        self._today = date.min
        self.model = RecordTableModel(
            [
                Column(t("Date"), lambda d: format_date(d.date), lambda d: iso_text(d.date)),
                Column(t("When"), weakly(self._days_text), lambda d: iso_text(d.date)),
                Column(
                    t("What"),
                    weakly(self._coming_text),
                    tip=lambda d: d.deadline.explanation if d.deadline else d.action,
                ),
            ],
            self,
        )
        self.view = table_view(self.model, t("Coming and overdue dates"))
        # As tall as the details beside it, and never shorter than three rows.
        self.view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        header = self.view.horizontalHeader().sizeHint().height() + 2 * self.view.frameWidth()
        self.view.setMinimumHeight(header + 3 * self.view.verticalHeader().defaultSectionSize())
        QVBoxLayout(self).addWidget(self.view)

    def fill(self, coming, today: date) -> None:
        self._today = today
        self.model.set_rows(coming)

    def _days_text(self, item) -> str:
        days = (item.date - self._today).days
        if days == 0:
            return self.tr("today")
        if days < 0:  # only dates still worth acting on are listed once passed
            return self.tr("{n} days overdue").format(n=-days) if days < -1 else self.tr("1 day overdue")
        return self.tr("in {n} days").format(n=days) if days > 1 else self.tr("tomorrow")

    def _coming_text(self, item) -> str:
        if item.deadline is None:
            return item.label
        if item.deadline.conditional:
            return self.tr("{name} (if a request counts)").format(name=item.deadline.rule.name)
        return item.deadline.rule.name
