"""The listing forms, in the order the law runs: a nomination (s.89), the council's decision on it — listed, or
unsuccessful (s.90–93) — and, later, the entry's removal from the list (s.92)."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QWidget

from ...domain import entities as e
from ...domain.enums import ListEntryKind, NominationDecision, RemovalReason
from ...domain.errors import ValidationError
from ...domain.records import RecordKind
from ...domain.validation import check_list_entry_against_nomination
from ...services.records import Records
from ...services.register import Changes
from ..context import AppContext
from ..undo import UndoHistory
from ..widgets.form_widgets import ChoiceBox, RadioChoice
from .record_form import GroupChoice, RecordDialog, checked, entered_date, record_fields


class NominationDialog(RecordDialog):
    """A nomination of the asset for listing: who made it, the land, why it matters, when the council had it."""

    def __init__(
        self, context: AppContext, asset: e.Asset, existing: e.Nomination | None = None, parent: QWidget | None = None
    ) -> None:
        t = self.tr
        title = t("Nomination of {name}") if existing else t("Record a nomination of {name}")
        intro = t(
            "A community group (yours or another) asks the council to list the asset. The council has eight weeks "
            "from the day it received the nomination to decide."
        )
        super().__init__(context, title.format(name=asset.name), intro, existing, parent)
        self.asset = asset
        self.step_text = t("recording a nomination of {name}").format(name=asset.name)
        who = self.add_section(t("1. Who nominated it"))
        self.group = GroupChoice(self, who, "nominator_ref", t("&Nominated by:"))
        land = self.add_section(t("2. The land and why it matters"))
        self.boundary = self.text_box(lines=3)
        self.reasons = self.text_box(lines=4)
        land.add_field(
            "boundary_description",
            t("&Boundaries:"),
            self.boundary,
            t("What land the nomination covers, for example: the pub, its car park and garden, as on the plan."),
        )
        land.add_field(
            "community_value_reasons",
            t("Why it has community &value:"),
            self.reasons,
            t("How its use furthers the social wellbeing or interests of the local community."),
        )
        when = self.add_section(t("3. When"))
        self.sent_on, self.received_on = self.date_field(), self.date_field()
        self.council_reference = self.line(characters=20)
        when.add_field("sent_on", t("Date it was s&ent:"), self.sent_on)
        when.add_field(
            "received_on",
            t("Date the council &received it:"),
            self.received_on,
            t("The council's eight weeks to decide run from this day."),
        )
        when.add_field("council_reference", t("Council's re&ference:"), self.council_reference)
        self.save_button.setText(t("&Save nomination"))
        if existing is not None:
            self.group.choice.set_value(existing.nominator_ref)
            self.boundary.setPlainText(existing.boundary_description)
            self.reasons.setPlainText(existing.community_value_reasons)
            self.sent_on.set_date(existing.sent_on)
            self.received_on.set_date(existing.received_on)
            self.council_reference.setText(existing.council_reference)
        self.finish(90)
        self.group.choice.setFocus()

    def entered(self) -> e.Nomination:
        base = self.existing or e.Nomination(asset_ref=self.asset.reference)
        return dataclasses.replace(
            base,
            nominator_ref=self.group.reference(),
            boundary_description=self.boundary.toPlainText().strip(),
            community_value_reasons=self.reasons.toPlainText().strip(),
            sent_on=entered_date(self.sent_on),
            received_on=entered_date(self.received_on),
            council_reference=self.council_reference.text().strip(),
        )

    def problems(self) -> dict[str, str]:
        return self.group.problems(self.tr)

    def write_first(self, history: UndoHistory) -> tuple[e.Nomination, Changes]:
        group, changes = self.group.create(history)
        return dataclasses.replace(self.entered(), nominator_ref=group), changes


class DecisionDialog(RecordDialog):
    """The council's decision on a nomination: listed (an entry on the list of assets of community value, with
    the date the owner was told) or unsuccessful (an entry on the list of unsuccessful nominations)."""

    def __init__(self, context: AppContext, nomination: e.Nomination, parent: QWidget | None = None) -> None:
        t = self.tr
        records = Records(context.register)
        asset: e.Asset = records.get(nomination.asset_ref)
        entries = records.list(RecordKind.LIST_ENTRY, nomination_ref=nomination.reference)
        self.entry: e.ListEntry | None = entries[0] if entries else None
        super().__init__(
            context,
            t("The council's decision on {ref}").format(ref=nomination.reference),
            t("What the council decided about the nomination of {name}.").format(name=asset.name),
            nomination,
            parent,
        )
        self.step_text = t("recording the council's decision on {name}").format(name=asset.name)
        decision = self.add_section(t("1. The decision"), questions=True)
        self.decision = RadioChoice(
            [
                (t("Listed: the council entered it on its list of assets of community value"), ListEntryKind.LISTED),
                (t("Unsuccessful: the council refused to list it"), ListEntryKind.UNSUCCESSFUL),
            ],
            vertical=True,
        )
        decision.add_field("kind", t("What did the council &decide?"), self.decision)
        self.decided_on = self.date_field(optional=False)
        decision.add_field("decided_on", t("Date of the decisi&on:"), self.decided_on)
        self.reasons = self.text_box(lines=3)
        decision.add_field("decision_reasons", t("The council's &reasons:"), self.reasons)
        self.council_reference = self.line(characters=20)
        decision.add_field("council_reference", t("Council's re&ference:"), self.council_reference)
        entry = self.add_section(t("2. The entry on the council's list"))
        self.entered_on = self.date_field(optional=False)
        entry.add_field(
            "entered_on",
            t("Date it was &entered on the list:"),
            self.entered_on,
            t("A listing lasts five years from this day."),
        )
        self.notice_given_on = self.date_field()
        self._notice_field = entry.add_field(
            "notice_given_on",
            t("Date the council told the o&wner:"),
            self.notice_given_on,
            t("The owner's eight weeks to ask for a review run from this notice."),
        )
        self.save_button.setText(t("&Save decision"))
        self.decision.set_value(self.entry.kind if self.entry else ListEntryKind.LISTED)
        self.decided_on.set_date(nomination.decided_on)
        self.reasons.setPlainText(nomination.decision_reasons)
        self.council_reference.setText(nomination.council_reference)
        if self.entry is not None:
            self.entered_on.set_date(self.entry.entered_on)
            self.notice_given_on.set_date(self.entry.notice_given_on)
            self.council_reference.setText(self.entry.council_reference or nomination.council_reference)
        self.decision.changed.connect(self._on_decision)
        self.decided_on.changed.connect(self._on_decided)
        self._on_decision()
        self.finish(90)
        self.decision.setFocus()

    def _listed(self) -> bool:
        return self.decision.value() is ListEntryKind.LISTED

    def entered(self) -> e.Nomination:
        decision = NominationDecision.LISTED if self._listed() else NominationDecision.UNSUCCESSFUL
        return dataclasses.replace(
            self.existing,
            decision=decision,
            decided_on=entered_date(self.decided_on),
            decision_reasons=self.reasons.toPlainText().strip(),
            council_reference=self.council_reference.text().strip(),
        )

    def list_entry(self) -> e.ListEntry:
        base = self.entry or e.ListEntry(
            asset_ref=self.existing.asset_ref, nomination_ref=self.existing.reference, entered_on=None
        )
        return dataclasses.replace(
            base,
            kind=self.decision.value(),
            entered_on=entered_date(self.entered_on),
            notice_given_on=entered_date(self.notice_given_on) if self._listed() else None,
            council_reference=self.council_reference.text().strip(),
        )

    def _write(self):
        entry, nomination = self.list_entry(), self.entered()
        checked(nomination, entry)
        try:
            check_list_entry_against_nomination(entry, nomination)
        except ValidationError as error:
            raise ValidationError(error.problems) from None
        return super()._write()

    def write_more(self, history: UndoHistory, record: e.Nomination) -> Changes:
        entry = self.list_entry()
        if self.entry is None:
            return history.create(entry).changes
        return history.update(self.entry.reference, **record_fields(entry)).changes

    def _on_decision(self) -> None:
        self.notice_given_on.setEnabled(self._listed())
        self._notice_field.label.setEnabled(self._listed())

    def _on_decided(self) -> None:
        # The entry is usually made the day of the decision: offered, never forced.
        if not self.entered_on.text().strip() and (day := entered_date(self.decided_on)) is not None:
            self.entered_on.set_date(day)


class RemovalDialog(RecordDialog):
    """The council took the entry off its list: when, and why."""

    def __init__(self, context: AppContext, entry: e.ListEntry, parent: QWidget | None = None) -> None:
        t = self.tr
        super().__init__(
            context,
            t("Removed from the list: {ref}").format(ref=entry.reference),
            t("When the council removed the entry from its list, and why. Listing protection ends that day."),
            entry,
            parent,
        )
        self.step_text = t("recording the removal of {ref} from the list").format(ref=entry.reference)
        section = self.add_section(t("The removal"))
        self.removed_on = self.date_field(optional=False)
        self.reason = ChoiceBox([(t("Choose the reason"), None)] + [(r.label, r) for r in RemovalReason])
        self.notes = self.text_box(lines=3)
        section.add_field("removed_on", t("Date it was &removed:"), self.removed_on)
        section.add_field("removal_reason", t("Re&ason:"), self.reason)
        section.add_field("removal_notes", t("&Notes:"), self.notes)
        self.removed_on.set_date(entry.removed_on)
        self.reason.set_value(entry.removal_reason)
        self.notes.setPlainText(entry.removal_notes)
        self.save_button.setText(t("&Save"))
        self.finish(70)
        self.removed_on.setFocus()

    def entered(self) -> e.ListEntry:
        return dataclasses.replace(
            self.existing,
            removed_on=entered_date(self.removed_on),
            removal_reason=self.reason.value(),
            removal_notes=self.notes.toPlainText().strip(),
        )

    def problems(self) -> dict[str, str]:
        return {"removal_reason": self.tr("Choose why the entry was removed.")} if self.reason.value() is None else {}
