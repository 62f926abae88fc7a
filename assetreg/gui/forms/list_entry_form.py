"""Correcting an entry on the council's list: which list, the dates, the council's reference, and any removal."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QWidget

from ...domain import entities as e
from ...domain.enums import ListEntryKind, RemovalReason
from ..context import AppContext
from ..widgets.form_widgets import ChoiceBox
from .record_form import RecordDialog, entered_date


class ListEntryDialog(RecordDialog):
    """Every field of one list entry, for correcting a mistake."""

    def __init__(self, context: AppContext, entry: e.ListEntry, parent: QWidget | None = None) -> None:
        t = self.tr
        super().__init__(context, t("List entry {ref}").format(ref=entry.reference), "", entry, parent)
        self.step_text = t("correcting list entry {ref}").format(ref=entry.reference)
        section = self.add_section(t("The entry"))
        self.kind = ChoiceBox((k.label, k) for k in ListEntryKind)
        self.entered_on = self.date_field(optional=False)
        self.notice_given_on = self.date_field()
        self.council_reference = self.line(characters=20)
        section.add_field("kind", t("&List:"), self.kind)
        section.add_field("entered_on", t("Date it was &entered:"), self.entered_on, t("A listing lasts five years."))
        section.add_field("notice_given_on", t("Date the council told the o&wner:"), self.notice_given_on)
        section.add_field("council_reference", t("Council's re&ference:"), self.council_reference)
        removal = self.add_section(t("Removal from the list"))
        self.removed_on = self.date_field()
        self.reason = ChoiceBox([(t("Not removed"), None)] + [(r.label, r) for r in RemovalReason])
        self.notes = self.text_box(lines=2)
        removal.add_field("removed_on", t("Date it was &removed:"), self.removed_on)
        removal.add_field("removal_reason", t("Re&ason:"), self.reason)
        removal.add_field("removal_notes", t("&Notes:"), self.notes)
        self.kind.set_value(entry.kind)
        self.entered_on.set_date(entry.entered_on)
        self.notice_given_on.set_date(entry.notice_given_on)
        self.council_reference.setText(entry.council_reference)
        self.removed_on.set_date(entry.removed_on)
        self.reason.set_value(entry.removal_reason)
        self.notes.setPlainText(entry.removal_notes)
        self.save_button.setText(t("&Save changes"))
        self.finish(80)
        self.kind.setFocus()

    def entered(self) -> e.ListEntry:
        return dataclasses.replace(
            self.existing,
            kind=self.kind.value(),
            entered_on=entered_date(self.entered_on),
            notice_given_on=entered_date(self.notice_given_on),
            council_reference=self.council_reference.text().strip(),
            removed_on=entered_date(self.removed_on),
            removal_reason=self.reason.value(),
            removal_notes=self.notes.toPlainText().strip(),
        )
