"""The Disposal notices tab: each notice as a panel with its timeline and requests, then the exempt disposals."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from ....domain import entities as e
from ....services.assets import AssetDetail
from ...context import AppContext
from ...forms.disposal_forms import ExemptDisposalDialog
from ...tables.fitted_table import FittedTable
from ...tables.record_table import Column, RecordTableModel, day_text, iso_text, weakly
from ...widgets.notice_panel import NoticePanel, table_view
from ...widgets.timeline import NoticeTimeline
from .record_actions import RecordActions, open_dialog


class NoticesTab(QScrollArea):
    """Every disposal notice of the asset, newest last, and the disposals the Act exempts."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.detail: AssetDetail | None = None
        self._parties: dict[str, str] = {}
        self.timelines: list[NoticeTimeline] = []
        self.requests_models: list[RecordTableModel] = []
        self.notice_panels: list[NoticePanel] = []
        t = self.tr
        self.setWidgetResizable(True)
        self.setAccessibleName(t("Disposal notices"))
        box = QWidget()
        outer = QVBoxLayout(box)
        self._panels = QVBoxLayout()
        outer.addLayout(self._panels)
        self.exempt_model = RecordTableModel(
            [
                Column(t("Date"), lambda x: day_text(x.disposed_on), lambda x: iso_text(x.disposed_on)),
                Column(t("Exemption"), lambda x: x.exemption.label),
                Column(t("From"), weakly(self._previous_owner)),
                Column(t("To"), weakly(self._new_owner)),
                Column(t("Reference"), lambda x: x.reference),
            ],
            self,
        )
        self.exempt_view = table_view(self.exempt_model, t("Exempt disposals"), FittedTable(1))
        self.exempt_actions = RecordActions(context, self.exempt_view, t("exempt disposal"), self._edit_exempt)
        self._exempt_heading = QLabel(t("Exempt disposals (the new owner must give a fresh notice before selling)"))
        self._exempt_heading.setBuddy(self.exempt_view)
        self.exempt_button = QPushButton(t("Record an e&xempt disposal…"))
        self.exempt_button.setToolTip(t("A gift, inheritance or other disposal the Act exempts (Schedule 3)"))
        self.exempt_button.clicked.connect(self._on_record_exempt)
        context.writes(self.exempt_button)
        outer.addWidget(self._exempt_heading)
        outer.addWidget(self.exempt_view)
        buttons = QHBoxLayout()
        buttons.addWidget(self.exempt_button)
        buttons.addLayout(self.exempt_actions.buttons())
        outer.addLayout(buttons)
        outer.addStretch(1)
        self.setWidget(box)

    def fill(self, d: AssetDetail, groups: dict[str, str], parties: dict[str, str]) -> None:
        self.detail, self._parties = d, parties
        while self._panels.count():
            old = self._panels.takeAt(0).widget()
            if old is not None:
                old.hide()  # at once: deleteLater waits for the event loop
                old.deleteLater()
        self.timelines, self.requests_models, self.notice_panels = [], [], []
        if not d.notices:
            none = QLabel(
                self.tr(
                    "No disposal notice has been recorded for this asset. When the council tells you the owner "
                    "intends to sell, use Record a disposal notice… above."
                )
            )
            none.setWordWrap(True)
            self._panels.addWidget(none)
        for notice in d.notices:
            panel = NoticePanel(self.context, d, notice, groups)
            self.notice_panels.append(panel)
            if panel.timeline is not None:
                self.timelines.append(panel.timeline)
            if panel.requests_model is not None:
                self.requests_models.append(panel.requests_model)
            self._panels.addWidget(panel)
        self.exempt_model.set_rows(d.exempt_disposals)
        shown = bool(d.exempt_disposals)
        for widget in (self._exempt_heading, self.exempt_view, self.exempt_actions.edit_button):
            widget.setVisible(shown)
        self.exempt_actions.delete_button.setVisible(shown)

    def _previous_owner(self, exempt: e.ExemptDisposal) -> str:
        return self._parties.get(exempt.previous_owner_ref, exempt.previous_owner_ref)

    def _new_owner(self, exempt: e.ExemptDisposal) -> str:
        return self._parties.get(exempt.new_owner_ref, exempt.new_owner_ref)

    def count(self) -> int:
        return len(self.detail.notices) + len(self.detail.exempt_disposals) if self.detail else 0

    def _edit_exempt(self, exempt: e.ExemptDisposal):
        return ExemptDisposalDialog(self.context, self.detail.asset, exempt, self.window())

    def _on_record_exempt(self) -> None:
        if self.detail is not None:
            open_dialog(ExemptDisposalDialog(self.context, self.detail.asset, parent=self.window()))
