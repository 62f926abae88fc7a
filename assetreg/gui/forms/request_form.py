"""The form for a community group's written request to be treated as a potential bidder (s.95(3)).

Before saving it warns when the request will not start the full moratorium — the group's type cannot trigger it
(reg 12), or the council received it after the interim moratorium ended or before the notice (RULES.md §2.5–2.6,
§5). A request is recorded either way; after saving, the assessment is said in one sentence.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from PySide6.QtWidgets import QCheckBox, QWidget

from ...domain import entities as e
from ...domain.enums import DeliveryMethod, LegalForm
from ...domain.records import RecordKind
from ...domain.requests import can_trigger_full_moratorium, cannot_trigger_reason
from ...domain.validation import still_to_come, validate
from ...services.bidder_requests import AssessedRequest, assessment_of, preview_request
from ...services.records import Changed, Records
from ...services.register import Changes
from ..context import AppContext
from ..undo import undo_history
from ..widgets.form_widgets import GOOD, INFO, NEW, WARNING, ChoiceBox, Note
from .forms import FormDialog


class BidderRequestDialog(FormDialog):
    """Records a request to be treated as a potential bidder against one disposal notice."""

    def __init__(
        self,
        context: AppContext,
        notice_ref: str,
        parent: QWidget | None = None,
        existing: e.BidderRequest | None = None,
    ) -> None:
        records = Records(context.register)
        self.existing = existing
        self.notice: e.DisposalNotice = records.get(notice_ref)
        asset: e.Asset = records.get(self.notice.asset_ref)
        self.groups = {g.reference: g for g in records.list(RecordKind.GROUP)}
        super().__init__(
            context,
            (
                self.tr("Edit request {ref} for {name}") if existing else self.tr("Record a request to bid for {name}")
            ).format(name=asset.name, ref=existing.reference if existing else ""),
            self.tr(
                "A community interest group's written request to be treated as a potential bidder, against the "
                "owner's notice {reference}."
            ).format(reference=self.notice.reference),
            parent,
        )
        self.changed: Changed[AssessedRequest] | None = None
        t = self.tr
        self.group = ChoiceBox(self._group_choices())
        self.group_name = self.line(characters=40)
        self.group_type = ChoiceBox([(t("Choose the group's type"), None)] + [(f.label, f) for f in LegalForm])
        self.sent_on = self.date_field()
        self.received_on = self.date_field()
        self.method = ChoiceBox((m.label, m) for m in DeliveryMethod)
        self.warning = Note(t("Will this request start the full moratorium?"))

        who = self.add_section(t("The group asking"))
        who.add_field("group_ref", t("&Group:"), self.group)
        self._name_field = who.add_field("new_group_name", t("Group's &name:"), self.group_name)
        self._type_field = who.add_field(
            "new_group_type",
            t("Group's &type:"),
            self.group_type,
            t("Only some types of group can start the full moratorium."),
        )
        self._who = who
        when = self.add_section(t("The request"))
        when.add_field("sent_on", t("Date it was s&ent:"), self.sent_on)
        when.add_field(
            "received_on",
            t("Date the council &received it:"),
            self.received_on,
            t("It counts only if the council received it during the interim moratorium."),
        )
        # A council's list may say a group asked without the day its request came in: the case takes its word.
        self.counted = QCheckBox(t("The council &counts it, but the day it was received is not known"))
        self.counted.setToolTip(
            t(
                'As a council\'s list can say ("Community group which triggered full moratorium"): the full '
                "moratorium is counted on the council's word until the day the request was received is entered"
            )
        )
        when.add_widget(self.counted)
        when.add_field("method", t("&How it was sent:"), self.method)
        when.add_widget(self.warning)

        self.save_button.setText(t("&Save request"))
        self.group.currentIndexChanged.connect(self._on_group_chosen)
        self.group_type.currentIndexChanged.connect(self._on_changed)
        self.sent_on.changed.connect(self._on_changed)
        self.received_on.changed.connect(self._on_changed)
        self.counted.toggled.connect(self._on_changed)
        if existing is not None:
            self.group.set_value(existing.group_ref)
            self.sent_on.set_date(existing.sent_on)
            self.received_on.set_date(existing.received_on)
            self.counted.setChecked(existing.council_counted)
            self.method.set_value(existing.method)
        self._on_group_chosen()
        self.finish(96)
        self.group.setFocus()

    def _group_choices(self) -> list[tuple[str, str]]:
        # The user's own group first: it is nearly always the one asking.
        groups = sorted(self.groups.values(), key=lambda g: (not g.is_own_group, g.name.lower()))
        own = self.tr("{name} (your group)")
        choices = [(own.format(name=g.name) if g.is_own_group else g.name, g.reference) for g in groups]
        return choices + [(self.tr("A group not in the list yet…"), NEW)]

    # what the form says

    def legal_form(self) -> LegalForm | None:
        chosen = self.group.value()
        if chosen == NEW:
            return self.group_type.value()
        group = self.groups.get(chosen)
        return group.legal_form if group else None

    def received(self) -> date | None:
        try:
            return self.received_on.date()
        except ValueError:
            return None

    def council_counted(self) -> bool:
        """Whether the council's word stands for the request: only while no received day is entered."""
        return self.counted.isChecked() and self.received() is None

    def assessment_note(self) -> tuple[str, str]:
        """What will happen to the request, said before it is saved (the case's verdict), with the kind of note;
        a received day still to come, almost always a slip of the year, is questioned first."""
        asked = e.BidderRequest(notice_ref=self.notice.reference, group_ref="", received_on=self.received())
        to_come = still_to_come(asked, self.context.register.today())
        said, kind = self._verdict_note()
        return (" ".join([*to_come, said]), WARNING) if to_come else (said, kind)

    def _verdict_note(self) -> tuple[str, str]:
        t = self.tr
        legal_form = self.legal_form()
        if legal_form is None:
            return t("Choose the group's type to see whether its request can start the full moratorium."), INFO
        # A group not in the list yet is judged as it will be saved: its name and type, nothing else known.
        chosen = self.groups.get(self.group.value()) or e.CommunityGroup(
            name=self.group_name.text().strip() or t("The group"), legal_form=legal_form
        )
        verdict = preview_request(
            self.context.register,
            self.notice.reference,
            legal_form,
            self.received(),
            group=chosen,
            council_counted=self.council_counted(),
        )
        if verdict is None:
            if legal_form is not LegalForm.NOT_KNOWN and not can_trigger_full_moratorium(legal_form):
                return cannot_trigger_reason(legal_form), WARNING
            return (
                t(
                    "The notice has no date yet, so whether this request counts cannot be worked out. Enter the "
                    "date the council received the notice."
                ),
                INFO,
            )
        if verdict.starts_full_moratorium:
            return verdict.why, GOOD if verdict.shown and not verdict.council_counted else INFO
        if not verdict.shown:  # not known until a missing date is recorded
            return verdict.why, INFO
        if self.received() is None and (can_trigger_full_moratorium(legal_form) or legal_form is LegalForm.NOT_KNOWN):
            return verdict.why, INFO
        return verdict.why + " " + t("You can still save it: the request is recorded either way."), WARNING

    # behaviour

    def _on_group_chosen(self, _index: int = 0) -> None:
        new = self.group.value() == NEW
        self._who.set_field_visible(self._name_field, new)
        self._who.set_field_visible(self._type_field, new)
        self._on_changed()

    def _on_changed(self, *_args) -> None:
        self.counted.setEnabled(self.received() is None)  # a received day, once entered, decides instead
        self.warning.set_note(*self.assessment_note())

    def save(self) -> None:
        extra = {}
        if self.group.value() == NEW:
            if not self.group_name.text().strip():
                extra["new_group_name"] = self.tr("Enter the group's name, or choose one from the list.")
            if self.group_type.value() is None:
                extra["new_group_type"] = self.tr("Choose the group's type: it decides whether the request counts.")
        changed = self.write(self._write, extra)
        if changed is None:
            return
        self.changed = changed  # told to every view once, by the operation the form's write made
        verdict = changed.value.verdict
        said = verdict.why if verdict else self.tr("The request is recorded.")
        self.context.messages.info(self, self.tr("Request recorded"), said)
        self.accept()

    def entered(self) -> e.BidderRequest:
        chosen = self.group.value()
        return dataclasses.replace(
            self.existing or e.BidderRequest(notice_ref=self.notice.reference, group_ref=""),
            notice_ref=self.notice.reference,
            group_ref="" if chosen == NEW else chosen,
            sent_on=self.sent_on.date(),
            received_on=self.received_on.date(),
            council_counted=self.council_counted(),
            method=self.method.value(),
        )

    def _write(self) -> Changed[AssessedRequest]:
        request = validate(self.entered())  # every problem with the request is shown before anything is written
        history, changes = undo_history(self.context), Changes()  # one undoable step, new group and all
        with history.macro(self.tr("recording a request to bid")):
            if self.group.value() == NEW:
                group = history.create(
                    e.CommunityGroup(name=self.group_name.text(), legal_form=self.group_type.value())
                )
                request, changes = dataclasses.replace(request, group_ref=group.value.reference), group.changes
            if self.existing is None:
                recorded = history.create(request)
            else:
                fields = {
                    f.name: getattr(request, f.name) for f in dataclasses.fields(request) if f.name != "reference"
                }
                recorded = history.update(self.existing.reference, based_on=self.based_on(self.existing), **fields)
        return Changed(assessment_of(self.context.register, recorded.value), recorded.changes | changes)
