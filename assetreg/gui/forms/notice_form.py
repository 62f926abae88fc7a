"""The disposal-notice form. It asks first whether the owner proposes a relevant disposal at all — freehold or a
lease of 25 years or more, with vacant possession, not exempt (s.95, RULES.md §2.5, §2.8) — and says at once
whether a moratorium will start; then the dates, then any end dates the council has published (s.97)."""

from __future__ import annotations

import dataclasses
from datetime import date

from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from ...domain import entities as e
from ...domain.dates import format_date
from ...domain.enums import DisposalKind, ExemptionCode, InterestRole, Period
from ...domain.notice_case import NoticeCase
from ...domain.records import RecordKind
from ...domain.validation import still_to_come, validate
from ...services.assets import AssetDetail, asset_detail
from ...services.bidder_requests import preview_notice
from ...services.records import Changed, Records
from ...services.register import Changes
from ..context import AppContext
from ..undo import undo_history
from ..widgets.form_widgets import GOOD, INFO, NEW, WARNING, ChoiceBox, Note, RadioChoice
from .forms import FormDialog

NOT_KNOWN = "not-known"
FREEHOLDER, LEASEHOLDER = InterestRole.FREEHOLDER, InterestRole.LEASEHOLDER
PUBLISHED = (
    ("published_interim_end_on", Period.INTERIM),
    ("published_full_end_on", Period.FULL),
    ("published_protected_end_on", Period.PROTECTED),
)


class DisposalNoticeDialog(FormDialog):
    """Records an owner's notice of intention to dispose of one asset."""

    def __init__(
        self,
        context: AppContext,
        asset_ref: str,
        parent: QWidget | None = None,
        existing: e.DisposalNotice | None = None,
    ) -> None:
        register = context.register
        self.detail: AssetDetail = asset_detail(register, asset_ref)
        self.existing = existing
        title = self.tr("Edit notice {ref} for {name}") if existing else self.tr("Record a disposal notice for {name}")
        super().__init__(
            context,
            title.format(name=self.detail.asset.name, ref=existing.reference if existing else ""),
            self.tr(
                "Enter what the council told you about the owner's notice of intention to sell. The first questions "
                "decide whether a moratorium starts at all."
            ),
            parent,
        )
        self.changed: Changed | None = None
        t = self.tr
        self.kind = RadioChoice(
            [
                (t("The freehold"), DisposalKind.FREEHOLD),
                (t("A new lease (the owner grants a lease)"), DisposalKind.LEASE_GRANT),
                (t("An existing lease (the leaseholder assigns it)"), DisposalKind.LEASE_ASSIGNMENT),
            ],
            vertical=True,
        )
        self.lease_years = QLineEdit()
        self.lease_years.setValidator(QIntValidator(1, 9999, self.lease_years))
        self.lease_years.setMaximumWidth(self.lease_years.fontMetrics().averageCharWidth() * 8)
        self.vacant = RadioChoice([(t("Yes"), True), (t("No, a tenant stays"), False), (t("Not known"), NOT_KNOWN)])
        self.vacant.set_value(NOT_KNOWN)
        self.exemption = ChoiceBox(
            [(t("No, no exemption is claimed"), None)] + [(code.label, code) for code in ExemptionCode]
        )
        self.shares = RadioChoice([(t("No"), False), (t("Yes"), True)])
        self.shares.set_value(False)
        self.relevance = Note(t("Will a moratorium start?"))

        what = self.add_section(t("1. What the owner proposes"), questions=True)
        what.add_field("disposal_kind", t("&What is being sold?"), self.kind)
        self._lease_field = what.add_field(
            "lease_term_years", t("&Lease term (years):"), self.lease_years, t("Only for a lease.")
        )
        what.add_field("vacant_possession", t("With &vacant possession?"), self.vacant)
        what.add_field(
            "exemption_claimed",
            t("Is the owner claiming an &exemption?"),
            self.exemption,
            t("For example a gift, or a sale of a business as a going concern (Schedule 3)."),
        )
        what.add_field("share_sale", t("A sale of s&hares in the owning company?"), self.shares)
        what.add_widget(self.relevance)

        self.owner = ChoiceBox(self._owner_choices())
        # One of the asset's own owners when it has any; otherwise "Not known" rather than a new name to type.
        owners = [p.reference for i, p in self.detail.interests if i.role in (FREEHOLDER, LEASEHOLDER)]
        self.owner.set_value(owners[0] if owners else "")
        self.owner_name = self.line(characters=40)
        who = self.add_section(t("2. Who gave the notice"))
        who.add_field("owner_ref", t("&Owner:"), self.owner, t("Each owner gives its own notice."))
        self._owner_name_field = who.add_field("new_owner", t("Owner's &name:"), self.owner_name)
        self._who = who

        self.sent_on = self.date_field()
        self.received_on = self.date_field()
        self.dates_note = Note(t("About the dates"))
        when = self.add_section(t("3. When"))
        when.add_field("sent_on", t("Date the owner sen&t it:"), self.sent_on)
        when.add_field(
            "received_on",
            t("Date the council &received it:"),
            self.received_on,
            t("All the periods run from this day, and it counts as the first day."),
        )
        when.add_widget(self.dates_note)

        published = self.add_section(t("4. End dates the council published (if it has)"))
        intro = QLabel(
            t(
                "The council must publish the end dates (s.97). If it has, enter them; they are shown beside the "
                "dates worked out here, and where they differ the earlier one is the one to act on."
            )
        )
        intro.setWordWrap(True)
        published.add_widget(intro)
        self.published = {name: self.date_field() for name, _ in PUBLISHED}
        for (name, _), label in zip(
            PUBLISHED,
            (t("&Interim moratorium ends:"), t("&Full moratorium ends:"), t("&Protected period ends:")),
            strict=True,
        ):
            published.add_field(name, label, self.published[name])
        self.basis = self.line(characters=40)
        published.add_field(
            "published_basis",
            t("Where they were p&ublished:"),
            self.basis,
            t("For example: the council's list of assets, or its letter of 2 Sep 2025."),
        )

        self.save_button.setText(t("&Save notice"))
        self.kind.changed.connect(self._on_answers_changed)
        self.vacant.changed.connect(self._on_answers_changed)
        self.shares.changed.connect(self._on_answers_changed)
        self.exemption.currentIndexChanged.connect(self._on_answers_changed)
        self.lease_years.textChanged.connect(self._on_answers_changed)
        self.owner.currentIndexChanged.connect(self._on_owner_chosen)
        for edit in (self.sent_on, self.received_on, *self.published.values()):
            edit.changed.connect(self._on_dates_changed)
        if existing is not None:
            self._fill(existing)
        self._on_answers_changed()
        self._on_owner_chosen()
        self._on_dates_changed()
        self.finish(104)
        self.kind.buttons[0].setFocus()

    def _fill(self, notice: e.DisposalNotice) -> None:
        self.kind.set_value(notice.disposal_kind)
        self.lease_years.setText(str(notice.lease_term_years or ""))
        self.vacant.set_value(NOT_KNOWN if notice.vacant_possession is None else notice.vacant_possession)
        self.exemption.set_value(notice.exemption_claimed)
        self.shares.set_value(notice.share_sale)
        self.owner.set_value(notice.owner_ref)
        self.sent_on.set_date(notice.sent_on)
        self.received_on.set_date(notice.received_on)
        for name, _ in PUBLISHED:
            self.published[name].set_date(getattr(notice, name))
        self.basis.setText(notice.published_basis)

    def _owner_choices(self) -> list[tuple[str, str]]:
        # The asset's own freeholders and leaseholders first: the owner is usually one of them.
        t = self.tr
        owners = [(i, p) for i, p in self.detail.interests if i.role in (FREEHOLDER, LEASEHOLDER)]
        owners += [(i, p) for i, p in self.detail.interests if i.role not in (FREEHOLDER, LEASEHOLDER)]
        known = list(
            dict.fromkeys(
                (f"{party.name} ({interest.role.label.lower()})", party.reference) for interest, party in owners
            )
        )
        mine = {ref for _, ref in known}
        others = [
            (p.name, p.reference)
            for p in sorted(Records(self.context.register).list(RecordKind.PARTY), key=lambda p: p.name.lower())
            if p.reference not in mine
        ]
        return known + others + [(t("Someone not in the list yet…"), NEW), (t("Not known"), "")]

    # what the form says

    def entered(self) -> e.DisposalNotice:
        """The notice as the form describes it (dates that are not dates are left out)."""
        kind = self.kind.value() or DisposalKind.FREEHOLD
        years = self.lease_years.text().strip()
        vacant = self.vacant.value()
        owner = self.owner.value()
        return dataclasses.replace(
            self.existing or e.DisposalNotice(asset_ref=self.detail.asset.reference),
            asset_ref=self.detail.asset.reference,
            owner_ref="" if owner == NEW else owner,
            disposal_kind=kind,
            lease_term_years=int(years) if years and kind is not DisposalKind.FREEHOLD else None,
            vacant_possession=None if vacant == NOT_KNOWN else vacant,
            share_sale=bool(self.shares.value()),
            exemption_claimed=self.exemption.value(),
            sent_on=self._date(self.sent_on),
            received_on=self._date(self.received_on),
            published_interim_end_on=self._date(self.published["published_interim_end_on"]),
            published_full_end_on=self._date(self.published["published_full_end_on"]),
            published_protected_end_on=self._date(self.published["published_protected_end_on"]),
            published_basis=self.basis.text().strip(),
        )

    @staticmethod
    def _date(edit) -> date | None:
        try:
            return edit.date()
        except ValueError:
            return None

    def preview(self) -> NoticeCase:
        """The case the notice would have as the form stands (the case account's, never worked out here)."""
        return preview_notice(self.context.register, self.entered())

    def relevance_note(self, case: NoticeCase | None = None) -> tuple[str, str]:
        """Whether a moratorium will start, and if not why not, with the kind of note to show."""
        t = self.tr
        if self.kind.value() is None:
            return t("Answer the questions above to see whether this notice starts a moratorium."), INFO
        case = case or self.preview()
        if case.awaits_listing_day:  # counted once the day is recorded
            return case.problem, WARNING
        if case.problem:
            return t("No moratorium will start. {why}").format(why=case.problem), WARNING
        text = t(
            "This is a relevant disposal: the interim moratorium starts on the day the council received the "
            "notice. A community group's request to bid must reach the council within six weeks."
        )
        if case.notice.vacant_possession is None:
            text += " " + t("Ask the council whether the sale is with vacant possession: without it, none starts.")
            return text, INFO
        return text, GOOD

    # behaviour

    def _on_answers_changed(self, *_args) -> None:
        lease = self.kind.value() in (DisposalKind.LEASE_GRANT, DisposalKind.LEASE_ASSIGNMENT)
        self.lease_years.setEnabled(lease)
        self._lease_field.label.setEnabled(lease)
        years = self.tr("Only a lease of 25 years or more can start a moratorium.")
        self._lease_field.set_hint(years if lease else self.tr("Only for a lease."))
        self.relevance.set_note(*self.relevance_note())

    def _on_owner_chosen(self, _index: int = 0) -> None:
        self._who.set_field_visible(self._owner_name_field, self.owner.value() == NEW)

    def _on_dates_changed(self) -> None:
        t = self.tr
        case = self.preview()
        interim = case.period(Period.INTERIM)
        to_come = still_to_come(case.notice, self.context.register.today())
        if to_come:  # almost always a slip of the year: say so before the dates worked out from it
            self.dates_note.set_note(" ".join(to_come), WARNING)
        elif case.problem and self.kind.value() is not None:
            self.dates_note.set_note(t("No moratorium is counted, so no period runs from these dates."), INFO)
        elif interim is not None and not case.provisional:
            self.dates_note.set_note(
                t("The interim moratorium ends on {end}: a group's request must reach the council by then.").format(
                    end=format_date(interim.effective_end)
                ),
                INFO,
            )
        elif case.provisional:
            self.dates_note.set_note(
                t(
                    "Only the sent date is known, so the dates are worked out from it and are provisional until "
                    "you enter the date the council received the notice."
                ),
                WARNING,
            )
        else:
            self.dates_note.set_note(
                t("Enter the date the council received the notice (or, if that is not known, the date it was sent)."),
                INFO,
            )
        for name, which in PUBLISHED:
            period = case.period(which)
            conditional = period is None and which is Period.FULL and case.full_if_requested is not None
            period = case.full_if_requested if conditional else period
            hint = self._beside(
                self._date(self.published[name]), period.computed_end if period else None, case.provisional
            )
            if conditional:
                hint += " " + t("Only if a valid request to bid is received in time.")
            self.fields[name].set_hint(hint)
        self.relevance.set_note(*self.relevance_note(case))

    def _beside(self, published: date | None, worked_out: date | None, provisional: bool) -> str:
        t = self.tr
        if worked_out is None:
            return t("Worked out here once a date is entered above.")
        text = (t("Worked out here: {date} (provisional)") if provisional else t("Worked out here: {date}")).format(
            date=format_date(worked_out)
        )
        if published is None or published == worked_out:
            return text + "."
        days = (published - worked_out).days
        count = t("1 day") if abs(days) == 1 else t("{n} days").format(n=abs(days))
        if days < 0:
            return (
                text + ". " + t("The council's date is {count} earlier; act by the council's date.").format(count=count)
            )
        return (
            text + ". " + t("The council's date is {count} later; act by the date worked out here.").format(count=count)
        )

    def save(self) -> None:
        extra = {}
        if self.kind.value() is None:
            extra["disposal_kind"] = self.tr("Choose what the owner proposes to sell: the freehold or a lease.")
        if self.owner.value() == NEW and not self.owner_name.text().strip():
            extra["new_owner"] = self.tr("Enter the owner's name, or choose “Not known”.")
        changed = self.write(self._write, extra)
        if changed is None:
            return
        self.changed = changed  # told to every view once, by the operation the form's write made
        self.accept()

    def _write(self) -> Changed[e.DisposalNotice]:
        notice = validate(self.entered())  # every problem with the notice is shown before anything is written
        history, changes = undo_history(self.context), Changes()  # one undoable step, new owner and all
        text = self.tr("correcting notice {ref}") if self.existing else self.tr("recording a disposal notice")
        with history.macro(text.format(ref=self.existing.reference if self.existing else "")):
            if self.owner.value() == NEW:
                # A new owner is a party of the register and a freeholder of this asset from now on.
                owner = history.create(e.Party(name=self.owner_name.text()))
                interest = history.create(
                    e.Interest(asset_ref=notice.asset_ref, party_ref=owner.value.reference, role=FREEHOLDER)
                )
                notice = dataclasses.replace(notice, owner_ref=owner.value.reference)
                changes = owner.changes | interest.changes
            if self.existing is None:
                written = history.create(notice)
            else:
                fields = {f.name: getattr(notice, f.name) for f in dataclasses.fields(notice) if f.name != "reference"}
                written = history.update(self.existing.reference, based_on=self.based_on(self.existing), **fields)
        return Changed(written.value, written.changes | changes)
