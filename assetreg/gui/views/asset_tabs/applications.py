"""The Transfer applications tab: the asset's applications, and the stage history of the chosen one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ....services.assets import AssetDetail
from ...display import ENTITY_ROLE
from ...tables.fitted_table import FittedTable
from ...tables.record_table import Column, RecordTableModel, day_text, iso_text, stage_text
from ...widgets.notice_panel import table_view

APP_REFERENCE, APP_KIND, APP_TYPE, APP_STAGE, APP_SUBMITTED = range(5)
STAGE_NAME, STAGE_ON, STAGE_NOTES = range(3)


class ApplicationsTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        t = self.tr
        self.applications_model = RecordTableModel(
            [
                Column(t("Reference"), lambda a: a.application.reference),
                Column(t("Kind"), lambda a: a.application.kind.label),
                Column(t("Transfer"), lambda a: a.application.transfer_type.label),
                Column(t("Stage"), lambda a: stage_text(a.application.stage)),
                Column(
                    t("Submitted"),
                    lambda a: day_text(a.application.submitted_on),
                    lambda a: iso_text(a.application.submitted_on),
                ),
            ],
            self,
        )
        self.stages_model = RecordTableModel(
            [
                Column(t("Stage"), lambda s: stage_text(s.stage)),
                Column(t("Date"), lambda s: day_text(s.changed_on), lambda s: iso_text(s.changed_on)),
                Column(t("Notes"), lambda s: s.notes),
            ],
            self,
        )
        layout = QVBoxLayout(self)
        # Opened by the asset page, with this asset chosen already.
        self.start_button = QPushButton(t("&Start a transfer application…"))
        self.start_button.setToolTip(t("Ask the council to transfer this asset to the group: a lease, sale or more"))
        self.applications_view = table_view(self.applications_model, t("Transfer applications"), FittedTable(1))
        up = Qt.SortOrder.AscendingOrder
        self.stages_view = table_view(self.stages_model, t("Stage history"), FittedTable(1, 12), (STAGE_ON, up))
        self.applications_view.selectionModel().currentRowChanged.connect(self._on_application_chosen)
        self._stages_heading = QLabel(t("Stage history"))
        self._stages_heading.setBuddy(self.stages_view)
        layout.addWidget(self.applications_view)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self._stages_heading)
        layout.addWidget(self.stages_view)
        layout.addStretch(1)

    def fill(self, detail: AssetDetail) -> None:
        self.applications_model.set_rows(detail.applications)
        self._on_application_chosen()

    def _on_application_chosen(self, *_args) -> None:
        index = self.applications_view.currentIndex()
        chosen = index.data(ENTITY_ROLE) if index.isValid() else None
        if chosen is None and self.applications_model.rowCount():
            chosen = self.applications_model.rows()[0]
        self.stages_model.set_rows(chosen.stages if chosen else ())
        self._stages_heading.setText(
            self.tr("Stage history of {ref}").format(ref=chosen.application.reference)
            if chosen
            else self.tr("Stage history")
        )
