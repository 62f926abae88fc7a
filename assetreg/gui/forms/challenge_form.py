"""An owner's challenge to a listing — a review by the council, then an appeal to the tribunal — or a claim for
compensation for loss the listing caused, and its review (s.92, s.99; RULES.md §2.4, §2.9)."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QWidget

from ...domain import entities as e
from ...domain.enums import ChallengeKind, ChallengeOutcome
from ...services.assets import AssetDetail
from ..context import AppContext
from ..tables.record_table import day_text
from ..widgets.form_widgets import ChoiceBox, RadioChoice
from .record_form import RecordDialog, entered_date


class ChallengeDialog(RecordDialog):
    """A review, appeal or compensation claim against one of the asset's list entries."""

    def __init__(
        self,
        context: AppContext,
        detail: AssetDetail,
        existing: e.Challenge | None = None,
        parent: QWidget | None = None,
        entry_ref: str = "",
    ) -> None:
        t = self.tr
        name = detail.asset.name
        super().__init__(
            context,
            (t("Review, appeal or claim about {name}") if existing else t("Owner's review or appeal: {name}")).format(
                name=name
            ),
            t(
                "The owner may ask the council to review the listing within eight weeks of being told of it, then "
                "appeal to the tribunal; or claim compensation for loss caused by the listing."
            ),
            existing,
            parent,
        )
        self.step_text = t("recording a review, appeal or claim about {name}").format(name=name)
        what = self.add_section(t("1. What the owner asked for"), questions=True)
        self.entry = ChoiceBox(
            (f"{x.reference} · {x.kind.label} · {t('entered')} {day_text(x.entered_on)}", x.reference)
            for x in detail.list_entries
        )
        what.add_field("list_entry_ref", t("Which &list entry?"), self.entry)
        self.kind = RadioChoice(
            [
                (t("A review of the listing by the council"), ChallengeKind.LISTING_REVIEW),
                (t("An appeal against the listing to the tribunal"), ChallengeKind.LISTING_APPEAL),
                (t("A claim for compensation"), ChallengeKind.COMPENSATION_CLAIM),
                (t("A review of the council's decision on compensation"), ChallengeKind.COMPENSATION_REVIEW),
                (t("An appeal about compensation to the tribunal"), ChallengeKind.COMPENSATION_APPEAL),
            ],
            vertical=True,
        )
        what.add_field("kind", t("&What is it?"), self.kind)
        self.loss_on = self.date_field()
        self._loss_field = what.add_field(
            "loss_incurred_on",
            t("Date the loss was in&curred:"),
            self.loss_on,
            t("A claim must reach the council within 13 weeks of the loss."),
        )
        self._what = what
        when = self.add_section(t("2. Dates and outcome"))
        self.received_on, self.decision_on = self.date_field(), self.date_field()
        self.outcome = ChoiceBox((o.label, o) for o in ChallengeOutcome)
        self.notes = self.text_box(lines=3)
        when.add_field("received_on", t("Date the council &received it:"), self.received_on)
        when.add_field("decision_sent_on", t("Date the &decision was sent:"), self.decision_on)
        when.add_field("outcome", t("&Outcome:"), self.outcome, t("Upheld keeps the asset listed."))
        when.add_field("notes", t("&Notes:"), self.notes)
        self.save_button.setText(t("&Save"))
        self.kind.set_value(ChallengeKind.LISTING_REVIEW)
        if existing is not None:
            self.entry.set_value(existing.list_entry_ref)
            self.kind.set_value(existing.kind)
            self.loss_on.set_date(existing.loss_incurred_on)
            self.received_on.set_date(existing.received_on)
            self.decision_on.set_date(existing.decision_sent_on)
            self.outcome.set_value(existing.outcome)
            self.notes.setPlainText(existing.notes)
        elif entry_ref:
            self.entry.set_value(entry_ref)
        self.kind.changed.connect(self._on_kind)
        self._on_kind()
        self.finish(90)
        self.entry.setFocus()

    def entered(self) -> e.Challenge:
        base = self.existing or e.Challenge(list_entry_ref="", kind=ChallengeKind.LISTING_REVIEW)
        claim = self.kind.value() is ChallengeKind.COMPENSATION_CLAIM
        return dataclasses.replace(
            base,
            list_entry_ref=self.entry.value() or "",
            kind=self.kind.value(),
            loss_incurred_on=entered_date(self.loss_on) if claim else None,
            received_on=entered_date(self.received_on),
            decision_sent_on=entered_date(self.decision_on),
            outcome=self.outcome.value(),
            notes=self.notes.toPlainText().strip(),
        )

    def problems(self) -> dict[str, str]:
        if self.entry.value() is None:
            return {"list_entry_ref": self.tr("Record the council's decision first: a review is of a list entry.")}
        return {}

    def _on_kind(self) -> None:
        self._what.set_field_visible(self._loss_field, self.kind.value() is ChallengeKind.COMPENSATION_CLAIM)
