"""Who owns or occupies the asset: a freeholder, a leaseholder and the term of its lease, an occupier, or a
contact. The person or company is shared by every asset it has an interest in."""

from __future__ import annotations

import dataclasses

from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import QLineEdit, QWidget

from ...domain import entities as e
from ...domain.enums import InterestRole
from ...services.register import Changes
from ..context import AppContext
from ..undo import UndoHistory
from ..widgets.form_widgets import RadioChoice
from .record_form import PartyChoice, RecordDialog, entered_date


class InterestDialog(RecordDialog):
    """One party's interest in one asset."""

    def __init__(
        self, context: AppContext, asset: e.Asset, existing: e.Interest | None = None, parent: QWidget | None = None
    ) -> None:
        t = self.tr
        title = t("Owner or occupier of {name}") if existing else t("Add an owner or occupier of {name}")
        super().__init__(
            context,
            title.format(name=asset.name),
            t("The owner gives the disposal notice; the council must tell owners and occupiers of a listing."),
            existing,
            parent,
        )
        self.asset = asset
        self.step_text = t("recording an owner or occupier of {name}").format(name=asset.name)
        who = self.add_section(t("1. Who"))
        self.party = PartyChoice(
            self, who, "party_ref", (t("&Who:"), t("Their &name:"), t("They are &a:")), t("Choose, or add someone.")
        )
        how = self.add_section(t("2. Their interest"), questions=True)
        self.role = RadioChoice(
            [
                (t("Freeholder (owns the freehold)"), InterestRole.FREEHOLDER),
                (t("Leaseholder (holds a lease)"), InterestRole.LEASEHOLDER),
                (t("Occupier (uses it, for example a tenant landlord or manager)"), InterestRole.OCCUPIER),
                (t("Contact (someone to write to about it)"), InterestRole.CONTACT),
            ],
            vertical=True,
        )
        how.add_field("role", t("What is their &interest?"), self.role)
        self.lease_years = QLineEdit()
        self.lease_years.setValidator(QIntValidator(1, 9999, self.lease_years))
        self.lease_years.setMaximumWidth(self.lease_years.fontMetrics().averageCharWidth() * 8)
        self._lease_field = how.add_field(
            "lease_term_years", t("&Lease term (years):"), self.lease_years, t("Only for a leaseholder.")
        )
        self._how = how
        self.since_on, self.until_on = self.date_field(), self.date_field()
        self.notes = self.text_box(lines=2)
        how.add_field("since_on", t("&Since:"), self.since_on)
        how.add_field("until_on", t("&Until:"), self.until_on, t("Leave blank while they still hold it."))
        how.add_field("notes", t("N&otes:"), self.notes)
        self.save_button.setText(t("Sa&ve"))
        self.role.set_value(InterestRole.FREEHOLDER)
        if existing is not None:
            self.party.choice.set_value(existing.party_ref)
            self.role.set_value(existing.role)
            self.lease_years.setText(str(existing.lease_term_years or ""))
            self.since_on.set_date(existing.since_on)
            self.until_on.set_date(existing.until_on)
            self.notes.setPlainText(existing.notes)
        self.role.changed.connect(self._on_role)
        self._on_role()
        self.finish(80)
        self.party.choice.setFocus()

    def _leaseholder(self) -> bool:
        return self.role.value() is InterestRole.LEASEHOLDER

    def entered(self) -> e.Interest:
        base = self.existing or e.Interest(asset_ref=self.asset.reference, party_ref="", role=InterestRole.FREEHOLDER)
        years = self.lease_years.text().strip()
        return dataclasses.replace(
            base,
            party_ref=self.party.reference(),
            role=self.role.value(),
            lease_term_years=int(years) if years and self._leaseholder() else None,
            since_on=entered_date(self.since_on),
            until_on=entered_date(self.until_on),
            notes=self.notes.toPlainText().strip(),
        )

    def problems(self) -> dict[str, str]:
        found = self.party.problems(self.tr)
        if not self.party.is_new() and not self.party.reference():
            found["party_ref"] = self.tr("Choose who it is, or add someone.")
        return found

    def write_first(self, history: UndoHistory) -> tuple[e.Interest, Changes]:
        party, changes = self.party.create(history)
        return dataclasses.replace(self.entered(), party_ref=party), changes

    def _on_role(self) -> None:
        self._how.set_field_visible(self._lease_field, self._leaseholder())
