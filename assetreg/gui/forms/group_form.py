"""The community group form: who the group is, what its legal form lets it do, and how to reach it."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import QCheckBox, QLineEdit, QWidget

from ...domain import entities as e
from ...domain.eligibility import surplus_matters
from ...domain.enums import LegalForm
from ...domain.errors import ValidationError
from ...domain.records import RecordKind
from ...domain.requests import can_nominate, can_trigger_full_moratorium
from ...domain.validation import validate
from ...services.records import Records
from ..context import AppContext
from ..undo import undo_history
from ..widgets.form_widgets import ChoiceBox
from .contact_forms import ContactDialog

_NO_FORM = None  # the legal form not chosen yet


def what_it_may_do(legal_form: LegalForm | None, electors: int | None = None) -> str:
    """What a group of this legal form may do under the community right to bid, in a sentence."""
    from PySide6.QtWidgets import QApplication

    tr = lambda text: QApplication.translate("GroupDialog", text)  # noqa: E731
    if legal_form is None:
        return tr("Choose the legal form to see what the group may do.")
    if legal_form is LegalForm.NOT_KNOWN:
        return tr("Until its legal form is recorded, AssetReg cannot show what the group may do.")
    if not can_nominate(legal_form):
        return tr("May not nominate land as an asset of community value, nor start the full moratorium.")
    if can_trigger_full_moratorium(legal_form):
        text = tr("May nominate, and asking to bid starts the full six-month moratorium (reg 12).")
    else:
        text = tr("May nominate, but cannot start the full moratorium (reg 12).")
    if legal_form is LegalForm.UNINCORPORATED_BODY and electors is not None and electors < 21:
        text += " " + tr("To nominate, at least 21 members must be on the local electoral roll.")
    return text


class GroupDialog(ContactDialog):
    """A community group: name, legal form (with what it may do beside it), whether it is the user's own group,
    its registration numbers, members, local connection and contact details."""

    def __init__(self, context: AppContext, group: e.CommunityGroup | None = None, parent: QWidget | None = None):
        title = self.tr("Edit {name}").format(name=group.name) if group else self.tr("New community group")
        super().__init__(context, title, group, parent)
        t = self.tr
        self.name = self.line(characters=40)
        self.legal_form = ChoiceBox([(t("Choose the legal form…"), _NO_FORM)] + [(f.label, f) for f in LegalForm])
        self.own = QCheckBox(t("This is o&ur own group"))
        # Not known is an answer of its own: the app never says either way on the group's behalf.
        self.surplus = ChoiceBox(
            [
                (t("Not recorded"), None),
                (t("No: any surplus goes back into its work"), False),
                (t("Yes: it shares surplus among its members"), True),
            ]
        )
        self.charity_number = self.line(characters=12)
        self.company_number = self.line(characters=12)
        self.society_number = self.line(characters=12)
        self.member_count, self.local_elector_count = self._count(), self._count()
        self.local_connection = self.text_box(lines=2)
        self.contact_name = self.line(characters=30)
        self.address = self.text_box(lines=3)
        self.postcode = self.line(characters=10)
        self.email = self.line(characters=30)
        self.phone = self.line(characters=20)
        who = self.add_section(t("The group"))
        who.add_field("name", t("&Name:"), self.name)
        self._form_field = who.add_field("legal_form", t("&Legal form:"), self.legal_form)
        self._surplus_field = who.add_field(
            "distributes_surplus",
            t("Gi&ves surplus to its members:"),
            self.surplus,
            t("It qualifies only if it does not share surplus among its members (reg 5(1), reg 12)."),
        )
        self._who = who
        who.add_widget(self.own)
        who.add_field("charity_number", t("Char&ity number:"), self.charity_number)
        who.add_field("company_number", t("Compan&y number:"), self.company_number)
        who.add_field("society_number", t("S&ociety number:"), self.society_number)
        local = self.add_section(t("Members and local connection"))
        local.add_field("member_count", t("Mem&bers:"), self.member_count)
        local.add_field("local_elector_count", t("On the local &electoral roll:"), self.local_elector_count)
        local.add_field(
            "local_connection",
            t("Local &connection:"),
            self.local_connection,
            t("How the group's activities are local to the area."),
        )
        contact = self.add_section(t("Contact"))
        contact.add_field("contact_name", t("Con&tact name:"), self.contact_name)
        contact.add_field("address", t("&Address:"), self.address)
        contact.add_field("postcode", t("&Postcode:"), self.postcode)
        contact.add_field("email", t("E&mail:"), self.email)
        contact.add_field("phone", t("P&hone:"), self.phone)
        self.save_button.setText(t("&Save group") if group is None else t("&Save changes"))
        if group is not None:
            self._fill(group)
        self.legal_form.currentIndexChanged.connect(self._on_legal_form_changed)
        self.local_elector_count.textChanged.connect(self._on_legal_form_changed)
        self._on_legal_form_changed()
        self.finish(84)
        self.name.setFocus()

    @classmethod
    def page(cls, context: AppContext, group: e.CommunityGroup | None, parent: QWidget | None = None) -> GroupDialog:
        """The form as a page of another window (the settings' "Your group" tab): the user's own group, with no
        buttons of its own; that window checks it with ``problems_found`` and saves it with ``save_as_page``."""
        form = cls(context, group, parent)
        form.setWindowFlags(Qt.WindowType.Widget)
        form.setSizeGripEnabled(False)
        form.buttons.hide()
        form.own.setChecked(True)
        form.own.hide()
        return form

    def problems_found(self) -> dict[str, str]:
        """Every problem with what the form holds, by field, with nothing written."""
        problems = dict(self.date_problems())
        try:
            validate(self.entered())
        except ValidationError as error:
            problems.update(error.problems)
        if self.legal_form.value() is _NO_FORM:
            problems["legal_form"] = self.tr("Choose the group's legal form.")
        return problems

    def save_as_page(self) -> bool:
        """Saves the group as one undo step when the form was changed; False (problems shown) if refused."""
        if not self.has_changes():
            return True
        changed = self.write(self._write, self.problems_found())
        if changed is None:
            return False
        self.record, self.changed = changed.value, changed
        self.finish_again()
        return True

    def finish_again(self) -> None:
        """What the form holds now counts as unchanged (after a save made without closing it)."""
        self._as_opened = self._snapshot()

    def _count(self) -> QLineEdit:
        edit = self.line(characters=8)
        edit.setValidator(QIntValidator(0, 10_000_000, edit))
        edit.setMaximumWidth(edit.fontMetrics().averageCharWidth() * 12)
        return edit

    def _fill(self, group: e.CommunityGroup) -> None:
        self.name.setText(group.name)
        self.legal_form.set_value(group.legal_form)
        self.own.setChecked(group.is_own_group)
        self.surplus.set_value(group.distributes_surplus)
        for name in ("charity_number", "company_number", "society_number", "contact_name", "postcode", "email"):
            getattr(self, name).setText(getattr(group, name))
        self.phone.setText(group.phone)
        for name in ("member_count", "local_elector_count"):
            value = getattr(group, name)
            getattr(self, name).setText("" if value is None else str(value))
        self.local_connection.setPlainText(group.local_connection)
        self.address.setPlainText(group.address)

    @staticmethod
    def _number(edit: QLineEdit) -> int | None:
        text = edit.text().strip()
        return int(text) if text.isdigit() else None

    def entered(self) -> e.CommunityGroup:
        base = self.record or e.CommunityGroup(name="", legal_form=LegalForm.OTHER)
        return dataclasses.replace(
            base,
            name=self.name.text(),
            legal_form=self.legal_form.value() or LegalForm.OTHER,
            is_own_group=self.own.isChecked(),
            # Kept as recorded while the legal form does not ask the question (it may be chosen again).
            distributes_surplus=self.surplus.value(),
            charity_number=self.charity_number.text().strip(),
            company_number=self.company_number.text().strip(),
            society_number=self.society_number.text().strip(),
            member_count=self._number(self.member_count),
            local_elector_count=self._number(self.local_elector_count),
            local_connection=self.local_connection.toPlainText().strip(),
            contact_name=self.contact_name.text().strip(),
            address=self.address.toPlainText().strip(),
            postcode=self.postcode.text(),
            email=self.email.text().strip(),
            phone=self.phone.text().strip(),
        )

    # behaviour

    def _on_legal_form_changed(self, *_args) -> None:
        legal_form = self.legal_form.value()
        self._form_field.set_hint(what_it_may_do(legal_form, self._number(self.local_elector_count)))
        self._who.set_field_visible(self._surplus_field, legal_form is not None and surplus_matters(legal_form))

    def save(self) -> None:
        if self.legal_form.value() is _NO_FORM:
            self.show_problems({"legal_form": self.tr("Choose the group's legal form.")})
            return
        super().save()

    def before_write(self, wanted: e.CommunityGroup) -> None:
        """One group is the user's own: marking this one unmarks any other, in the same undo step."""
        if not wanted.is_own_group:
            return
        history = undo_history(self.context)
        for other in Records(self.context.register).list(RecordKind.GROUP, is_own_group=True):
            if self.record is None or other.reference != self.record.reference:
                history.update(other.reference, is_own_group=False)
