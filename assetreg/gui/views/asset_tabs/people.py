"""The Owners and occupiers tab: who holds the freehold or a lease, who occupies, whom to write to."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ....domain import entities as e
from ....services.assets import AssetDetail
from ...context import AppContext
from ...forms.contact_forms import PartyDialog
from ...forms.interest_form import InterestDialog
from ...tables.fitted_table import FittedTable
from ...tables.record_table import Column, RecordTableModel, day_text, iso_text
from ...widgets.notice_panel import table_view
from .record_actions import RecordActions, open_dialog


class PeopleTab(QWidget):
    """The asset's interests: one row per party and role."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.detail: AssetDetail | None = None
        t = self.tr
        self.model = RecordTableModel(
            [
                Column(t("Name"), lambda row: row[1].name),
                Column(t("Interest"), lambda row: row[0].role.label),
                Column(
                    t("Lease (years)"),
                    lambda row: str(row[0].lease_term_years or ""),
                    lambda row: row[0].lease_term_years or 0,
                ),
                Column(t("Since"), lambda row: day_text(row[0].since_on), lambda row: iso_text(row[0].since_on)),
                Column(t("Until"), lambda row: day_text(row[0].until_on), lambda row: iso_text(row[0].until_on)),
                Column(t("Reference"), lambda row: row[0].reference),
            ],
            self,
        )
        self.view = table_view(self.model, t("Owners and occupiers"), FittedTable(1))
        self.actions = RecordActions(context, self.view, t("owner or occupier"), self._edit, record=lambda row: row[0])
        self.add_button = QPushButton(t("&Add an owner or occupier…"))
        self.add_button.setToolTip(t("A freeholder, leaseholder, occupier or contact of this asset"))
        self.add_button.clicked.connect(self._on_add)
        context.writes(self.add_button)
        # A party is shared by every asset it holds an interest in: its name and address are corrected once.
        self.party_button = QPushButton(t("Edit pe&rson…"))
        self.party_button.setToolTip(
            t("Change the chosen owner's or occupier's name and contact details, on every asset they hold")
        )
        self.party_button.setAccessibleName(t("Edit the chosen person or organisation"))
        self.party_button.clicked.connect(self._on_edit_party)
        self.view.selectionModel().selectionChanged.connect(self._on_selection)
        self.model.modelReset.connect(self._on_selection)
        context.writes(self.party_button)
        heading = QLabel(t("Owners and occupiers"))
        heading.setBuddy(self.view)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.view)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        actions = self.actions.buttons()
        actions.insertWidget(1, self.party_button)
        buttons.addLayout(actions)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def fill(self, detail: AssetDetail) -> None:
        self.detail = detail
        self.model.set_rows(detail.interests)

    def count(self) -> int:
        return len(self.detail.interests) if self.detail else 0

    def _edit(self, interest: e.Interest):
        return InterestDialog(self.context, self.detail.asset, interest, self.window())

    def chosen_party(self) -> e.Party | None:
        """The party of the chosen row, or of the only row when there is just one."""
        interest = self.actions.chosen()
        if interest is None or self.detail is None:
            return None
        return next((party for i, party in self.detail.interests if i.reference == interest.reference), None)

    def _on_selection(self, *_args) -> None:
        self.party_button.setEnabled(self.chosen_party() is not None)

    def _on_edit_party(self) -> None:
        party = self.chosen_party()
        if party is not None:
            open_dialog(PartyDialog(self.context, party, self.window()))

    def _on_add(self) -> None:
        if self.detail is not None:
            open_dialog(InterestDialog(self.context, self.detail.asset, parent=self.window()))
