"""The Listing tab: nominations, the council's decisions and list entries, and the owner's reviews, appeals and
compensation claims — each recorded, corrected or deleted here."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...domain import entities as e
from ...domain.enums import NominationDecision
from ...services.assets import AssetDetail
from ..challenge_form import ChallengeDialog
from ..context import AppContext
from ..fitted_table import FittedTable
from ..list_entry_form import ListEntryDialog
from ..listing_forms import DecisionDialog, NominationDialog, RemovalDialog
from ..notice_panel import table_view
from ..record_table import Column, RecordTableModel, day_text, entry_end, iso_text, weakly
from .record_actions import RecordActions, open_dialog

NOM_REFERENCE, NOM_NOMINATOR, NOM_RECEIVED, NOM_DECISION, NOM_DECIDED, NOM_COUNCIL_REF = range(6)
CHAL_REFERENCE, CHAL_ENTRY, CHAL_KIND, CHAL_RECEIVED, CHAL_OUTCOME = range(5)
ENTRY_REFERENCE, ENTRY_KIND, ENTRY_ENTERED, ENTRY_ENDS, ENTRY_REMOVED, ENTRY_COUNCIL_REF = range(6)
_UP = Qt.SortOrder.AscendingOrder


class ListingTab(QWidget):
    """Nominations, list entries and challenges of one asset, with the forms that record each step."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.detail: AssetDetail | None = None
        self._groups: dict[str, str] = {}
        t = self.tr
        self.nominations_model = RecordTableModel(
            [
                Column(t("Reference"), lambda n: n.reference),
                Column(t("Nominated by"), weakly(self._nominator_text)),
                Column(t("Received"), lambda n: day_text(n.received_on), lambda n: iso_text(n.received_on)),
                Column(t("Decision"), lambda n: n.decision.label),
                Column(t("Decided"), lambda n: day_text(n.decided_on), lambda n: iso_text(n.decided_on)),
                Column(t("Council's reference"), lambda n: n.council_reference),
            ],
            self,
        )
        self.entries_model = RecordTableModel(
            [
                Column(t("Reference"), lambda x: x.reference),
                Column(t("List"), lambda x: x.kind.label),
                Column(t("Entered"), lambda x: day_text(x.entered_on), lambda x: iso_text(x.entered_on)),
                Column(t("Ends"), lambda x: day_text(entry_end(x)), lambda x: iso_text(entry_end(x))),
                Column(t("Removed"), lambda x: day_text(x.removed_on), lambda x: iso_text(x.removed_on)),
                Column(t("Council's reference"), lambda x: x.council_reference),
            ],
            self,
        )
        self.challenges_model = RecordTableModel(
            [
                Column(t("Reference"), lambda c: c.reference),
                Column(t("List entry"), lambda c: c.list_entry_ref),
                Column(t("Kind"), lambda c: c.kind.label),
                Column(t("Received"), lambda c: day_text(c.received_on), lambda c: iso_text(c.received_on)),
                Column(t("Outcome"), lambda c: c.outcome.label),
            ],
            self,
        )
        layout = QVBoxLayout(self)
        nominations = self.nominations_model
        self.nominations_view = table_view(nominations, t("Nominations"), FittedTable(1), (NOM_RECEIVED, _UP))
        self.entries_view = table_view(self.entries_model, t("List entries"), FittedTable(1), (ENTRY_ENTERED, _UP))
        name = t("Reviews, appeals and compensation")
        self.challenges_view = table_view(self.challenges_model, name, FittedTable(1), (CHAL_RECEIVED, _UP))
        self.nomination_actions = RecordActions(context, self.nominations_view, t("nomination"), self._edit_nomination)
        self.entry_actions = RecordActions(context, self.entries_view, t("list entry"), self._edit_entry)
        self.challenge_actions = RecordActions(context, self.challenges_view, name.lower(), self._edit_challenge)
        self.nominate_button = QPushButton(t("Record a &nomination…"))
        self.nominate_button.setToolTip(t("A group (yours or another) asked the council to list the asset"))
        self.decision_button = QPushButton(t("Council's de&cision…"))
        self.decision_button.setToolTip(t("The council listed the asset, or refused to, on the chosen nomination"))
        self.removed_button = QPushButton(t("Re&moved from the list…"))
        self.removed_button.setToolTip(t("The council took the chosen entry off its list"))
        self.challenge_button = QPushButton(t("Owner's revie&w or appeal…"))
        self.challenge_button.setToolTip(t("A review, appeal or compensation claim about a list entry"))
        context.writes(self.nominate_button, self.decision_button, self.removed_button, self.challenge_button)
        self.nominate_button.clicked.connect(self._on_nominate)
        self.decision_button.clicked.connect(self._on_decision)
        self.removed_button.clicked.connect(self._on_removed)
        self.challenge_button.clicked.connect(self._on_challenge)
        nominating = (self.nominate_button, self.decision_button)
        later = (self.removed_button, self.challenge_button)
        for heading, view, actions, extra in (
            (t("Nominations"), self.nominations_view, self.nomination_actions, nominating),
            (t("List entries"), self.entries_view, self.entry_actions, later),
            (name, self.challenges_view, self.challenge_actions, ()),
        ):
            label = QLabel(heading)
            label.setBuddy(view)
            layout.addWidget(label)
            layout.addWidget(view)
            buttons = QHBoxLayout()
            for button in extra:
                buttons.addWidget(button)
            buttons.addLayout(actions.buttons())
            layout.addLayout(buttons)
        self._challenges_heading = label
        self._challenge_buttons = (actions.edit_button, actions.delete_button)
        layout.addStretch(1)

    def fill(self, detail: AssetDetail, groups: dict[str, str]) -> None:
        self.detail, self._groups = detail, groups
        self.nominations_model.set_rows(detail.nominations)
        self.entries_model.set_rows(detail.list_entries)
        self.challenges_model.set_rows(detail.challenges)
        shown = bool(detail.challenges)  # only when there is a review, appeal or claim
        for widget in (self._challenges_heading, self.challenges_view, *self._challenge_buttons):
            widget.setVisible(shown)
        self.decision_button.setEnabled(bool(detail.nominations))
        self.removed_button.setEnabled(bool(detail.list_entries))
        self.challenge_button.setEnabled(bool(detail.list_entries))

    def count(self) -> int:
        d = self.detail
        return len(d.nominations) + len(d.list_entries) + len(d.challenges) if d else 0

    def _nominator_text(self, nomination: e.Nomination) -> str:
        return self._groups.get(nomination.nominator_ref, nomination.nominator_ref)

    # forms

    def _edit_nomination(self, nomination: e.Nomination):
        return NominationDialog(self.context, self.detail.asset, nomination, self.window())

    def _edit_entry(self, entry: e.ListEntry):
        return ListEntryDialog(self.context, entry, self.window())

    def _edit_challenge(self, challenge: e.Challenge):
        return ChallengeDialog(self.context, self.detail, challenge, self.window())

    def _on_nominate(self) -> None:
        if self.detail is not None:
            open_dialog(NominationDialog(self.context, self.detail.asset, parent=self.window()))

    def _on_decision(self) -> None:
        nomination = self.nomination_actions.chosen() or next(
            (n for n in self.detail.nominations if n.decision is NominationDecision.PENDING), None
        )
        if nomination is None and self.detail.nominations:
            nomination = self.detail.nominations[-1]
        if nomination is not None:
            open_dialog(DecisionDialog(self.context, nomination, self.window()))

    def _chosen_entry(self) -> e.ListEntry | None:
        entry = self.entry_actions.chosen()
        if entry is None:
            entry = next((x for x in reversed(self.detail.list_entries) if x.removed_on is None), None)
        return entry

    def _on_removed(self) -> None:
        entry = self._chosen_entry()
        if entry is not None:
            open_dialog(RemovalDialog(self.context, entry, self.window()))

    def _on_challenge(self) -> None:
        entry = self._chosen_entry()
        ref = entry.reference if entry else ""
        open_dialog(ChallengeDialog(self.context, self.detail, parent=self.window(), entry_ref=ref))
