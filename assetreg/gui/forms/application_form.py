"""Starting a transfer application, and recording its dates, its decision and notes as it goes on.

A Scottish asset transfer request moves stage with what is recorded: a validation date takes a submitted
request to "validated", and a decision to "agreed", "refused" or "treated as refused", each as a dated step.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QWidget

from ...domain import entities as e
from ...domain.enums import ApplicationKind, TransferType
from ...domain.errors import ValidationError
from ...domain.records import RecordKind
from ...domain.validation import validate
from ...services.applications import check_move
from ...services.records import Changed, Records
from ...services.transfers import (
    Decision,
    decision_of,
    first_step,
    profiles_for,
    stage_move,
    suggested_kind,
    suggested_profile,
)
from ..context import AppContext
from ..undo import undo_history
from ..widgets.form_widgets import ChoiceBox, RadioChoice
from .forms import FormDialog
from .stage_dialog import move_stage


class ApplicationDialog(FormDialog):
    """A new application (``application`` None): asset, council, kind, the council's process, what the group asks
    for and the submission date; or one already made: its process, dates, decision and notes."""

    def __init__(
        self,
        context: AppContext,
        application: e.TransferApplication | None = None,
        asset_ref: str = "",
        parent: QWidget | None = None,
    ) -> None:
        t = self.tr
        title = t("Start an application") if application is None else t("Edit {reference}")
        super().__init__(context, title.format(reference=application.reference if application else ""), parent=parent)
        self.application = application
        self._asset_ref = asset_ref  # the asset a new application is for, chosen already
        self.changed: Changed | None = None
        records = Records(context.register)
        self._councils = {a.reference: a for a in records.list(RecordKind.AUTHORITY)}
        self._assets = {a.reference: a for a in records.list(RecordKind.ASSET)}
        self.asset = ChoiceBox((f"{a.reference} {a.name}", a.reference) for a in self._assets.values())
        by_name = sorted(self._councils.values(), key=lambda a: a.name.casefold())
        self.council = ChoiceBox((a.name, a.reference) for a in by_name)
        self.applicant = ChoiceBox(self._applicants(records.list(RecordKind.GROUP)))
        self.kind = RadioChoice([(k.label, k) for k in ApplicationKind], vertical=True)
        self.profile = ChoiceBox()
        self.transfer_type = ChoiceBox(
            [
                (t("A lease"), TransferType.LEASE),
                (t("To buy the freehold"), TransferType.BUY),
                (t("To manage it"), TransferType.MANAGE),
                (t("Other rights"), TransferType.OTHER_RIGHTS),
            ]
        )
        self.term = self.line(characters=6)
        self.term.setMaximumWidth(self.term.fontMetrics().averageCharWidth() * 10)
        self.submitted_on, self.validated_on, self.decision_notice_on = (self.date_field() for _ in range(3))
        self.decision = RadioChoice([(d.label, d) for d in Decision], vertical=True)
        self.notes = self.text_box(lines=3)

        what = self.add_section(t("The application"))
        if application is None:
            what.add_field("asset_ref", t("&Asset:"), self.asset, t("The building or land the group asks for."))
        what.add_field("authority_ref", t("C&ouncil:"), self.council, t("The council that owns it."))
        what.add_field(
            "applicant_ref",
            t("Appl&icant:"),
            self.applicant,
            t("The group the application is made by: the pack prints its name, legal form and eligibility."),
        )
        if application is None:
            what.add_field("kind", t("&Kind:"), self.kind)
        self._profile_field = what.add_field("council_profile", t("Council's &process:"), self.profile)
        what.add_field("transfer_type", t("The group &wants:"), self.transfer_type)
        self._term_field = what.add_field("lease_term_years", t("Lease ter&m (years):"), self.term)
        self._what = what
        dates = self.add_section(t("Dates and decision"))
        dates.add_field("submitted_on", t("Su&bmitted on:"), self.submitted_on)
        if application is not None:
            dates.add_field(
                "validated_on",
                t("&Validated on:"),
                self.validated_on,
                t("The day the council confirmed the request is complete; the decision is due 6 months after."),
            )
            self._decision_field = dates.add_field("decision", t("&Decision:"), self.decision)
            dates.add_field("decision_notice_on", t("Decision &notice dated:"), self.decision_notice_on)
            self._dates = dates
        dates.add_field("notes", t("Not&es:"), self.notes)
        self.save_button.setText(t("&Save and start") if application is None else t("&Save changes"))
        self._fill()
        self.asset.currentIndexChanged.connect(self._on_asset_chosen)
        self.council.currentIndexChanged.connect(self._on_kind_chosen)
        self.kind.changed.connect(self._on_kind_chosen)
        self.transfer_type.currentIndexChanged.connect(self._on_transfer_chosen)
        self._on_transfer_chosen()
        self.finish(100 if application is None else 90)  # room for the kinds' full names

    def _fill(self) -> None:
        a = self.application
        if a is None:
            self.kind.set_value(ApplicationKind.COMMUNITY_ASSET_TRANSFER)
            if self._asset_ref in self._assets:
                self.asset.set_value(self._asset_ref)
            self._on_asset_chosen()
            return
        self.council.set_value(a.authority_ref)
        self.applicant.set_value(a.applicant_ref)
        self.kind.set_value(a.kind)
        self._set_profiles(a.kind, a.council_profile or suggested_profile(self._council(), a.kind))
        self.transfer_type.set_value(a.transfer_type)
        self.term.setText("" if a.lease_term_years is None else str(a.lease_term_years))
        self.submitted_on.set_date(a.submitted_on)
        self.validated_on.set_date(a.validated_on)
        self.decision_notice_on.set_date(a.decision_notice_on)
        self.decision.set_value(decision_of(a))
        self._dates.set_field_visible(self._decision_field, a.kind is ApplicationKind.SCOTTISH_ASSET_TRANSFER_REQUEST)
        self.notes.setPlainText(a.notes)

    def _applicants(self, groups: list[e.CommunityGroup]) -> list[tuple[str, str]]:
        """Our own group first (the application names no applicant: ""), then every other group by name."""
        t = self.tr
        own = next((g for g in groups if g.is_own_group), None)
        first = t("{name} (your group)").format(name=own.name) if own is not None else t("Your group")
        others = sorted((g for g in groups if not g.is_own_group), key=lambda g: g.name.casefold())
        return [(first, "")] + [(g.name, g.reference) for g in others]

    def _council(self) -> e.Authority | None:
        return self._councils.get(self.council.value())

    def _set_profiles(self, kind: ApplicationKind, chosen: str) -> None:
        self.profile.set_choices((p.name, p.code) for p in profiles_for(kind))
        self.profile.set_value(chosen)
        self._profile_field.set_hint(next((p.notes for p in profiles_for(kind) if p.code == self.profile.value()), ""))

    def entered(self) -> e.TransferApplication:
        """The application as the form describes it (not yet checked)."""
        base = self.application or e.TransferApplication(asset_ref=self.asset.value() or "", authority_ref="")
        term = self.term.text().strip()
        kind = (self.kind.value() or base.kind) if self.application is None else base.kind
        return dataclasses.replace(
            base,
            authority_ref=self.council.value() or "",
            applicant_ref=self.applicant.value() or "",
            kind=kind,
            stage=base.stage if self.application is not None else kind.stages[0],
            council_profile=self.profile.value() or "",
            transfer_type=self.transfer_type.value(),
            lease_term_years=int(term) if term.isdigit() and self.transfer_type.value() is TransferType.LEASE else None,
            submitted_on=self.submitted_on.date(),
            validated_on=self.validated_on.date() if self.application else None,
            decision_notice_on=self.decision_notice_on.date() if self.application else None,
            notes=self.notes.toPlainText().strip(),
        )

    # behaviour

    def _on_asset_chosen(self, _index: int = 0) -> None:
        asset = self._assets.get(self.asset.value())
        if asset is not None and asset.authority_ref in self._councils:
            self.council.set_value(asset.authority_ref)
        self.kind.set_value(suggested_kind(self._council()))
        self._on_kind_chosen()

    def _on_kind_chosen(self, *_args) -> None:
        kind = self.kind.value() or ApplicationKind.COMMUNITY_ASSET_TRANSFER
        self._set_profiles(kind, suggested_profile(self._council(), kind))

    def _on_transfer_chosen(self, _index: int = 0) -> None:
        self._what.set_field_visible(self._term_field, self.transfer_type.value() is TransferType.LEASE)

    def save(self) -> None:
        extra = {}
        if self.application is None and not self.asset.value():
            extra["asset_ref"] = self.tr("Add the asset to the register first, then start its application.")
        if not self.council.value():
            extra["authority_ref"] = self.tr("Add the council under Contacts first, then choose it here.")
        term = self.term.text().strip()
        if term and not term.isdigit() and self.transfer_type.value() is TransferType.LEASE:
            extra["lease_term_years"] = self.tr("Enter the lease term as a whole number of years, such as 25.")
        changed = self.write(self._write, extra)
        if changed is None:
            return
        self.changed = changed
        self.accept()

    def _write(self) -> Changed[e.TransferApplication]:
        wanted = validate(self.entered())
        register, history = self.context.register, undo_history(self.context)
        if self.application is None:
            started, step = first_step(wanted, register.today())
            with history.macro(self.tr("starting an application for {asset}").format(asset=wanted.asset_ref)):
                created = history.create(started)
                history.create(dataclasses.replace(step, application_ref=created.value.reference))
            return created
        reference = self.application.reference
        move = stage_move(register, self.application, wanted, self.decision.value() or Decision.NONE)
        if move is not None:  # refused (a date before the last step) before anything is written
            try:
                check_move(register, reference, move.stage, move.on)
            except ValidationError as error:
                field = "validated_on" if move.stage == "validated" else "decision_notice_on"
                raise ValidationError(
                    {field if k == "changed_on" else k: v for k, v in error.problems.items()}
                ) from error
        fields = {
            f.name: getattr(wanted, f.name) for f in dataclasses.fields(wanted) if f.name not in ("reference", "stage")
        }
        if move is None:
            return history.update(reference, **fields)
        # The dates, the decision and the stage they lead to: one step, undone together.
        with history.macro(self.tr("recording {reference}").format(reference=reference)):
            changed = history.update(reference, **fields)
            moved = move_stage(self.context, reference, move.stage, move.on, self.tr("Recorded in the form"))
        return Changed(Records(register).get(reference), changed.changes | moved.changes)
