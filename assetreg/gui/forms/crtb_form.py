"""The community right to buy registration form (Scotland): which community body registered an interest in the
land, and on what day; the day it lapses is read from the asset's case account, never worked out here."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QWidget

from ...domain import entities as e
from ...domain.dates import format_date
from ...domain.rules import Event
from ...services.assets import AssetDetail
from ...services.register import Changes
from ..context import AppContext
from ..undo import UndoHistory
from .record_form import GroupChoice, RecordDialog, entered_date


def lapses_on(detail: AssetDetail, registration: e.CrtbRegistration):
    """The case account's date for the registration lapsing, or None when the case gives none."""
    for item in detail.case.deadlines or ():
        d = item.deadline
        if item.record_ref == registration.reference and d is not None and d.trigger_event is Event.CRTB_REGISTERED:
            return item.date
    return None


class CrtbRegistrationDialog(RecordDialog):
    """A registration of a community interest in land under the Land Reform (Scotland) Act 2003 Part 2."""

    def __init__(
        self,
        context: AppContext,
        detail: AssetDetail,
        existing: e.CrtbRegistration | None = None,
        parent: QWidget | None = None,
    ) -> None:
        t = self.tr
        asset = detail.asset
        title = (
            t("Community right to buy registration of {name}")
            if existing
            else t("Record a community right to buy registration of {name}")
        )
        intro = t(
            "A community body has registered an interest in the land in the Register of Community Interests in "
            "Land (Land Reform (Scotland) Act 2003 Part 2). The registration lasts five years unless it is renewed."
        )
        super().__init__(context, title.format(name=asset.name), intro, existing, parent)
        self.asset = asset
        self.step_text = t("recording a community right to buy registration of {name}").format(name=asset.name)
        who = self.add_section(t("1. Who registered the interest"))
        self.body = GroupChoice(self, who, "community_body_ref", t("Community &body:"))
        when = self.add_section(t("2. When"))
        self.registered_on = self.date_field(optional=False)
        hint = t("The five years run from this day; the date it lapses shows in What's due once saved.")
        if existing is not None and (ends := lapses_on(detail, existing)) is not None:
            hint = t("Lapses on {date} unless it is renewed.").format(date=format_date(ends))
        self._date_field = when.add_field("registered_on", t("&Registered on:"), self.registered_on, hint)
        self.notes = self.text_box(lines=3)
        when.add_field("notes", t("N&otes:"), self.notes, t("For example: the register's reference for it."))
        self.save_button.setText(t("&Save registration"))
        if existing is not None:
            self.body.choice.set_value(existing.community_body_ref)
            self.registered_on.set_date(existing.registered_on)
            self.notes.setPlainText(existing.notes)
        self.finish(84)
        self.body.choice.setFocus()

    def entered(self) -> e.CrtbRegistration:
        base = self.existing or e.CrtbRegistration(asset_ref=self.asset.reference, registered_on=None)
        return dataclasses.replace(
            base,
            community_body_ref=self.body.reference(),
            registered_on=entered_date(self.registered_on),
            notes=self.notes.toPlainText().strip(),
        )

    def problems(self) -> dict[str, str]:
        found = self.body.problems(self.tr)
        on = entered_date(self.registered_on)
        if on is not None and on > self.context.register.today():
            found["registered_on"] = self.tr(
                "{date} is in the future; record the registration once it is made."
            ).format(date=format_date(on))
        return found

    def write_first(self, history: UndoHistory) -> tuple[e.CrtbRegistration, Changes]:
        body, changes = self.body.create(history)
        return dataclasses.replace(self.entered(), community_body_ref=body), changes
