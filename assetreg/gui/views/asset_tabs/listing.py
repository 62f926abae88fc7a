"""The Listing tab: nominations, the council's decisions and list entries, and the owner's reviews, appeals and
compensation claims — each recorded, corrected or deleted here; in Scotland, community right to buy
registrations too."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ....domain import entities as e
from ....domain.deadlines import no_regime_note
from ....domain.enums import Jurisdiction, NominationDecision
from ....services.assets import AssetDetail
from ...context import AppContext
from ...display import plain
from ...forms.challenge_form import ChallengeDialog
from ...forms.crtb_form import CrtbRegistrationDialog, lapses_on
from ...forms.list_entry_form import ListEntryDialog
from ...forms.listing_forms import DecisionDialog, NominationDialog, RemovalDialog
from ...tables.fitted_table import FittedTable
from ...tables.record_table import Column, RecordTableModel, day_text, entry_end, iso_text, weakly
from ...widgets.notice_panel import table_view
from .record_actions import RecordActions, open_dialog

NOM_REFERENCE, NOM_NOMINATOR, NOM_RECEIVED, NOM_DECISION, NOM_DECIDED, NOM_COUNCIL_REF = range(6)
CHAL_REFERENCE, CHAL_ENTRY, CHAL_KIND, CHAL_RECEIVED, CHAL_OUTCOME = range(5)
ENTRY_REFERENCE, ENTRY_KIND, ENTRY_ENTERED, ENTRY_ENDS, ENTRY_REMOVED, ENTRY_COUNCIL_REF = range(6)
CRTB_REFERENCE, CRTB_BODY, CRTB_REGISTERED, CRTB_LAPSES, CRTB_NOTES = range(5)
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
        self.crtb_model = RecordTableModel(
            [
                Column(t("Reference"), lambda r: r.reference),
                Column(t("Community body"), weakly(self._body_text)),
                Column(t("Registered"), lambda r: day_text(r.registered_on), lambda r: iso_text(r.registered_on)),
                Column(t("Lapses"), weakly(self._lapses_text), weakly(self._lapses_sort)),
                Column(t("Notes"), lambda r: r.notes),
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
        crtb = t("Community right to buy registrations")
        self.crtb_view = table_view(self.crtb_model, crtb, FittedTable(1), (CRTB_REGISTERED, _UP))
        self.crtb_actions = RecordActions(context, self.crtb_view, t("registration"), self._edit_registration)
        self.crtb_button = QPushButton(t("Record a community right to &buy registration…"))
        self.crtb_button.setToolTip(
            t("A community body registered an interest in this land (Land Reform (Scotland) Act 2003 Part 2)")
        )
        self.crtb_button.clicked.connect(self._on_register_crtb)
        self.nominate_button = QPushButton(t("Record a &nomination…"))
        self.nominate_button.setToolTip(t("A group (yours or another) asked the council to list the asset"))
        self.decision_button = QPushButton(t("Council's de&cision…"))
        self.decision_button.setToolTip(t("The council listed the asset, or refused to, on the chosen nomination"))
        self.removed_button = QPushButton(t("Re&moved from the list…"))
        self.removed_button.setToolTip(t("The council took the chosen entry off its list"))
        self.challenge_button = QPushButton(t("Owner's revie&w or appeal…"))
        self.challenge_button.setToolTip(t("A review, appeal or compensation claim about a list entry"))
        context.writes(
            self.crtb_button, self.nominate_button, self.decision_button, self.removed_button, self.challenge_button
        )
        self.nominate_button.clicked.connect(self._on_nominate)
        self.decision_button.clicked.connect(self._on_decision)
        self.removed_button.clicked.connect(self._on_removed)
        self.challenge_button.clicked.connect(self._on_challenge)
        # Where the right to bid does not apply, the tab says so rather than offering its forms.
        self.regime_note = plain(QLabel())
        self.regime_note.setWordWrap(True)
        layout.addWidget(self.regime_note)
        headings: list[QLabel] = []
        nominating = (self.nominate_button, self.decision_button)
        later = (self.removed_button, self.challenge_button)
        for heading, view, actions, extra in (
            (t("Nominations"), self.nominations_view, self.nomination_actions, nominating),
            (t("List entries"), self.entries_view, self.entry_actions, later),
            (name, self.challenges_view, self.challenge_actions, ()),
            (crtb, self.crtb_view, self.crtb_actions, (self.crtb_button,)),
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
            headings.append(label)
        self._challenges_heading, self._crtb_heading = headings[2], headings[3]
        self._challenge_buttons = (self.challenge_actions.edit_button, self.challenge_actions.delete_button)
        self._nomination_widgets = (
            headings[0],
            self.nominations_view,
            *nominating,
            self.nomination_actions.edit_button,
            self.nomination_actions.delete_button,
        )
        self._entry_widgets = (
            headings[1],
            self.entries_view,
            *later,
            self.entry_actions.edit_button,
            self.entry_actions.delete_button,
        )
        self._crtb_widgets = (
            self._crtb_heading,
            self.crtb_view,
            self.crtb_button,
            self.crtb_actions.edit_button,
            self.crtb_actions.delete_button,
        )
        layout.addStretch(1)

    def fill(self, detail: AssetDetail, groups: dict[str, str]) -> None:
        self.detail, self._groups = detail, groups
        self.nominations_model.set_rows(detail.nominations)
        self.entries_model.set_rows(detail.list_entries)
        self.challenges_model.set_rows(detail.challenges)
        jurisdiction = detail.case.jurisdiction
        note = "" if jurisdiction.has_acv_regime else no_regime_note(jurisdiction)
        self.regime_note.setText(note)
        self.regime_note.setVisible(bool(note))
        for widgets, rows in (
            (self._nomination_widgets, detail.nominations),
            (self._entry_widgets, detail.list_entries),
        ):
            for widget in widgets:  # what was recorded stays in sight, to correct or delete
                widget.setVisible(jurisdiction.has_acv_regime or bool(rows))
        registrations = detail.case.facts.crtb_registrations
        self.crtb_model.set_rows(registrations)
        # The community right to buy is Scottish law: offered for Scottish land, and shown wherever one is recorded.
        scottish = jurisdiction is Jurisdiction.SCOTLAND or bool(registrations)
        for widget in self._crtb_widgets:
            widget.setVisible(scottish)
        shown = bool(detail.challenges)  # only when there is a review, appeal or claim
        for widget in (self._challenges_heading, self.challenges_view, *self._challenge_buttons):
            widget.setVisible(shown)
        self.decision_button.setEnabled(bool(detail.nominations))
        self.removed_button.setEnabled(bool(detail.list_entries))
        self.challenge_button.setEnabled(bool(detail.list_entries))

    def count(self) -> int:
        d = self.detail
        if d is None:
            return 0
        return len(d.nominations) + len(d.list_entries) + len(d.challenges) + len(d.case.facts.crtb_registrations)

    def _nominator_text(self, nomination: e.Nomination) -> str:
        return self._groups.get(nomination.nominator_ref, nomination.nominator_ref)

    def _body_text(self, registration: e.CrtbRegistration) -> str:
        ref = registration.community_body_ref
        return self._groups.get(ref, ref)

    def _lapses_text(self, registration: e.CrtbRegistration) -> str:
        return day_text(lapses_on(self.detail, registration)) if self.detail else ""

    def _lapses_sort(self, registration: e.CrtbRegistration) -> str:
        return iso_text(lapses_on(self.detail, registration)) if self.detail else ""

    # forms

    def _edit_nomination(self, nomination: e.Nomination):
        return NominationDialog(self.context, self.detail.asset, nomination, self.window())

    def _edit_entry(self, entry: e.ListEntry):
        return ListEntryDialog(self.context, entry, self.window())

    def _edit_challenge(self, challenge: e.Challenge):
        return ChallengeDialog(self.context, self.detail, challenge, self.window())

    def _edit_registration(self, registration: e.CrtbRegistration):
        return CrtbRegistrationDialog(self.context, self.detail, registration, self.window())

    def _on_register_crtb(self) -> None:
        if self.detail is not None:
            open_dialog(CrtbRegistrationDialog(self.context, self.detail, parent=self.window()))

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
