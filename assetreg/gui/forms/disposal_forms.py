"""How a disposal notice ended — the owner withdrew it, or sold — and an exempt disposal: a sale or gift the Act
exempts (Schedule 3), after which the new owner must give a fresh notice before its own relevant disposal."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QWidget

from ...domain import entities as e
from ...domain.enums import ExemptionCode, NoticeOutcome
from ...services.register import Changes
from ..context import AppContext
from ..undo import UndoHistory
from ..widgets.form_widgets import ChoiceBox, RadioChoice
from .record_form import PartyChoice, RecordDialog, entered_date


class NoticeOutcomeDialog(RecordDialog):
    """Withdrawn or sold: how one disposal notice ended, and when."""

    def __init__(self, context: AppContext, notice: e.DisposalNotice, parent: QWidget | None = None) -> None:
        t = self.tr
        super().__init__(
            context,
            t("Withdrawn or sold: {ref}").format(ref=notice.reference),
            t("Record how the owner's notice ended. While it is open, its moratorium dates stand."),
            notice,
            parent,
        )
        self.step_text = t("recording how {ref} ended").format(ref=notice.reference)
        section = self.add_section(t("The outcome"), questions=True)
        self.outcome = RadioChoice(
            [
                (t("Still open"), NoticeOutcome.OPEN),
                (t("The owner withdrew the notice"), NoticeOutcome.WITHDRAWN),
                (t("Sold or leased to a community group"), NoticeOutcome.DISPOSED_TO_COMMUNITY_GROUP),
                (t("Sold or leased to someone else"), NoticeOutcome.DISPOSED),
            ],
            vertical=True,
        )
        self.outcome_on = self.date_field()
        section.add_field("outcome", t("&What happened?"), self.outcome)
        self._date_field = section.add_field("outcome_on", t("&Date:"), self.outcome_on)
        self._section = section
        self.outcome.set_value(notice.outcome)
        self.outcome_on.set_date(notice.outcome_on)
        self.outcome.changed.connect(self._on_outcome)
        self._on_outcome()
        self.save_button.setText(t("&Save"))
        self.finish(70)
        self.outcome.setFocus()

    def entered(self) -> e.DisposalNotice:
        ended = self.outcome.value() is not NoticeOutcome.OPEN
        return dataclasses.replace(
            self.existing, outcome=self.outcome.value(), outcome_on=entered_date(self.outcome_on) if ended else None
        )

    def problems(self) -> dict[str, str]:
        if self.outcome.value() is not NoticeOutcome.OPEN and not self.outcome_on.text().strip():
            return {"outcome_on": self.tr("Enter the date it was withdrawn or the sale completed.")}
        return {}

    def _on_outcome(self) -> None:
        self._section.set_field_visible(self._date_field, self.outcome.value() is not NoticeOutcome.OPEN)


class ExemptDisposalDialog(RecordDialog):
    """A disposal the Act exempts: no moratorium, but the new owner's own later sale needs a fresh notice."""

    def __init__(
        self,
        context: AppContext,
        asset: e.Asset,
        existing: e.ExemptDisposal | None = None,
        parent: QWidget | None = None,
    ) -> None:
        t = self.tr
        super().__init__(
            context,
            (t("Exempt disposal of {name}") if existing else t("Record an exempt disposal of {name}")).format(
                name=asset.name
            ),
            t("A sale, gift or transfer the Act exempts from the moratorium (Schedule 3)."),
            existing,
            parent,
        )
        self.asset = asset
        self.step_text = t("recording an exempt disposal of {name}").format(name=asset.name)
        what = self.add_section(t("1. The disposal"))
        self.exemption = ChoiceBox([(t("Choose the exemption"), None)] + [(c.label, c) for c in ExemptionCode])
        self.disposed_on = self.date_field(optional=False)
        what.add_field("exemption", t("&Exemption:"), self.exemption)
        what.add_field("disposed_on", t("&Date of the disposal:"), self.disposed_on)
        who = self.add_section(t("2. From whom, to whom"))
        none = t("Not known")
        self.previous = PartyChoice(
            self,
            who,
            "previous_owner_ref",
            (t("&Previous owner:"), t("Previous owner's na&me:"), t("They a&re:")),
            blank=none,
        )
        self.new_owner = PartyChoice(
            self,
            who,
            "new_owner_ref",
            (t("&New owner:"), t("New owner's &title or name:"), t("The&y are:")),
            blank=none,
        )
        self.notes = self.text_box(lines=2)
        who.add_field("notes", t("N&otes:"), self.notes)
        self.save_button.setText(t("&Save"))
        if existing is not None:
            self.exemption.set_value(existing.exemption)
            self.disposed_on.set_date(existing.disposed_on)
            self.previous.choice.set_value(existing.previous_owner_ref)
            self.new_owner.choice.set_value(existing.new_owner_ref)
            self.notes.setPlainText(existing.notes)
        self.finish(80)
        self.exemption.setFocus()

    def entered(self) -> e.ExemptDisposal:
        base = self.existing or e.ExemptDisposal(
            asset_ref=self.asset.reference, exemption=ExemptionCode.GIFT, disposed_on=None
        )
        return dataclasses.replace(
            base,
            exemption=self.exemption.value(),
            disposed_on=entered_date(self.disposed_on),
            previous_owner_ref=self.previous.reference(),
            new_owner_ref=self.new_owner.reference(),
            notes=self.notes.toPlainText().strip(),
        )

    def problems(self) -> dict[str, str]:
        found = {**self.previous.problems(self.tr), **self.new_owner.problems(self.tr)}
        if self.exemption.value() is None:
            found["exemption"] = self.tr("Choose which exemption applies.")
        return found

    def write_first(self, history: UndoHistory) -> tuple[e.ExemptDisposal, Changes]:
        previous, changes = self.previous.create(history)
        new, more = self.new_owner.create(history)
        return dataclasses.replace(self.entered(), previous_owner_ref=previous, new_owner_ref=new), changes | more
