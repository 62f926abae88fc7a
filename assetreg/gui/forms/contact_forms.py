"""The council and the person-or-organisation forms, and what every contact form shares: one undoable save."""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtWidgets import QWidget

from ...domain import entities as e
from ...domain.enums import Jurisdiction, PartyKind
from ...domain.validation import validate
from ...services.records import Changed
from ..context import AppContext
from ..undo import record_label, undo_history
from ..widgets.form_widgets import ChoiceBox
from .forms import FormDialog


class ContactDialog(FormDialog):
    """A form for one record: a new one (``record`` None) or one already in the register, saved as one undo step."""

    def __init__(self, context: AppContext, title: str, record: Any, parent: QWidget | None = None) -> None:
        super().__init__(context, title, parent=parent)
        self.record = record
        self.changed: Changed | None = None

    def entered(self) -> Any:
        raise NotImplementedError

    def save(self) -> None:
        changed = self.write(self._write)
        if changed is None:
            return
        self.changed = changed
        self.accept()

    def _write(self) -> Changed[Any]:
        wanted = validate(self.entered())  # every problem is shown before anything is written
        history = undo_history(self.context)
        with history.macro(self.tr("saving {name}").format(name=record_label(wanted))):
            self.before_write(wanted)
            if self.record is None:
                return history.create(wanted)
            fields = {f.name: getattr(wanted, f.name) for f in dataclasses.fields(wanted) if f.name != "reference"}
            return history.update(self.record.reference, **fields)

    def before_write(self, wanted: Any) -> None:
        """Other edits that go in the same undo step (the group form unmarks another own group)."""


class CouncilDialog(ContactDialog):
    """A council: its name, code, nation, postal address, email and website."""

    def __init__(self, context: AppContext, council: e.Authority | None = None, parent: QWidget | None = None):
        title = self.tr("Edit {name}").format(name=council.name) if council else self.tr("New council")
        super().__init__(context, title, council, parent)
        t = self.tr
        self.name = self.line(characters=40)
        self.code = self.line(characters=22)
        self.code.setMaximumWidth(self.code.fontMetrics().averageCharWidth() * 28)
        self.jurisdiction = ChoiceBox((j.label, j) for j in Jurisdiction)
        self.address = self.text_box(lines=3)
        self.email = self.line(characters=30)
        self.website = self.line(characters=40)
        about = self.add_section(t("The council"))
        about.add_field("name", t("&Name:"), self.name, t("For example Sevenoaks District Council."))
        about.add_field(
            "code", t("Council &code:"), self.code, t("The government's code for the council, if you know it.")
        )
        about.add_field(
            "jurisdiction",
            t("Na&tion:"),
            self.jurisdiction,
            t("Decides which law applies: the community right to bid in England, asset transfer requests in Scotland."),
        )
        contact = self.add_section(t("Writing to the council"))
        contact.add_field("address", t("&Address:"), self.address, t("The postal address letters and notices go to."))
        contact.add_field("email", t("&Email:"), self.email)
        contact.add_field(
            "website", t("&Website:"), self.website, t("The page about community assets, if there is one.")
        )
        self.save_button.setText(t("&Save council") if council is None else t("&Save changes"))
        if council is not None:
            self.name.setText(council.name)
            self.code.setText(council.code)
            self.jurisdiction.set_value(council.jurisdiction)
            self.address.setPlainText(council.address)
            self.email.setText(council.email)
            self.website.setText(council.website)
        self.finish(80)
        self.name.setFocus()

    def entered(self) -> e.Authority:
        return dataclasses.replace(
            self.record or e.Authority(name=""),
            name=self.name.text(),
            code=self.code.text().strip(),
            jurisdiction=self.jurisdiction.value(),
            address=self.address.toPlainText().strip(),
            email=self.email.text().strip(),
            website=self.website.text().strip(),
        )


class PartyDialog(ContactDialog):
    """A person or organisation (an owner, occupier or contact, shared across assets)."""

    def __init__(self, context: AppContext, party: e.Party | None = None, parent: QWidget | None = None):
        title = self.tr("Edit {name}").format(name=party.name) if party else self.tr("New person or organisation")
        super().__init__(context, title, party, parent)
        t = self.tr
        self.name = self.line(characters=40)
        self.kind = ChoiceBox([(t("An organisation"), PartyKind.ORGANISATION), (t("A person"), PartyKind.PERSON)])
        self.address = self.text_box(lines=3)
        self.postcode = self.line(characters=10)
        self.postcode.setMaximumWidth(self.postcode.fontMetrics().averageCharWidth() * 14)
        self.email = self.line(characters=30)
        self.phone = self.line(characters=20)
        self.notes = self.text_box(lines=3)
        who = self.add_section(t("Who they are"))
        who.add_field("name", t("&Name:"), self.name, t("For example Greene King plc, or Jane Smith."))
        who.add_field("kind", t("&Kind:"), self.kind)
        where = self.add_section(t("How to reach them"))
        where.add_field("address", t("&Address:"), self.address)
        where.add_field("postcode", t("&Postcode:"), self.postcode)
        where.add_field("email", t("&Email:"), self.email)
        where.add_field("phone", t("P&hone:"), self.phone)
        where.add_field("notes", t("N&otes:"), self.notes, t("For example: the agent who handles the sale."))
        self.save_button.setText(t("&Save") if party is None else t("&Save changes"))
        if party is not None:
            self.name.setText(party.name)
            self.kind.set_value(party.kind)
            self.address.setPlainText(party.address)
            self.postcode.setText(party.postcode)
            self.email.setText(party.email)
            self.phone.setText(party.phone)
            self.notes.setPlainText(party.notes)
        self.finish(80)
        self.name.setFocus()

    def entered(self) -> e.Party:
        return dataclasses.replace(
            self.record or e.Party(name=""),
            name=self.name.text(),
            kind=self.kind.value(),
            address=self.address.toPlainText().strip(),
            postcode=self.postcode.text(),
            email=self.email.text().strip(),
            phone=self.phone.text().strip(),
            notes=self.notes.toPlainText().strip(),
        )
