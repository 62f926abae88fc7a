"""The asset form: a new asset, or the details of one already in the register."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QWidget

from ...domain import entities as e
from ...domain.enums import AssetCategory
from ...domain.records import RecordKind
from ...domain.validation import validate
from ...services.records import Changed, Records
from ...services.register import Changes
from ..context import AppContext
from ..undo import undo_history
from ..widgets.form_widgets import NEW, ChoiceBox
from .forms import FormDialog


class AssetDialog(FormDialog):
    """Name, category, council, address, postcode, UPRN, title numbers and description of one asset.

    A council not yet in the register can be typed in; it is added along with the asset.
    """

    def __init__(self, context: AppContext, asset: e.Asset | None = None, parent: QWidget | None = None) -> None:
        title = self.tr("Edit {name}").format(name=asset.name) if asset else self.tr("New asset")
        super().__init__(context, title, parent=parent)
        self.asset = asset
        self.changed: Changed | None = None
        t = self.tr
        self.name = self.line(characters=40)
        self.category = ChoiceBox((c.label, c) for c in AssetCategory)
        councils = Records(context.register).list(RecordKind.AUTHORITY)
        self.council = ChoiceBox(
            [(t("Not recorded yet"), "")]
            + [(a.name, a.reference) for a in sorted(councils, key=lambda a: a.name.lower())]
            + [(t("A council not in the list yet…"), NEW)]
        )
        self.council_name = self.line(characters=40)
        self.address = self.line(characters=40)
        self.postcode = self.line(characters=10)
        self.postcode.setMaximumWidth(self.postcode.fontMetrics().averageCharWidth() * 14)
        self.uprn = self.line(characters=14)
        self.uprn.setMaximumWidth(self.uprn.fontMetrics().averageCharWidth() * 18)
        self.title_numbers = self.line(characters=30)
        self.description = self.text_box(lines=4)

        what = self.add_section(t("The asset"))
        what.add_field("name", t("&Name:"), self.name, t("As people know it, for example The Red Lion."))
        what.add_field("category", t("&Category:"), self.category)
        what.add_field("description", t("&Description:"), self.description, t("What it is and why it matters."))
        where = self.add_section(t("Where it is"))
        where.add_field(
            "authority_ref", t("C&ouncil:"), self.council, t("The council that keeps the list of assets for the area.")
        )
        self._council_name_field = where.add_field(
            "new_council", t("Council's na&me:"), self.council_name, t("For example Sevenoaks District Council.")
        )
        self._where = where
        where.add_field("address", t("&Address:"), self.address)
        where.add_field("postcode", t("&Postcode:"), self.postcode)
        where.add_field(
            "uprn",
            t("&UPRN:"),
            self.uprn,
            t("The Unique Property Reference Number, up to 12 digits, if you know it."),
        )
        where.add_field(
            "title_numbers",
            t("&Title numbers:"),
            self.title_numbers,
            t("Land Registry title numbers, separated by commas: K123456, SY12345."),
        )
        self.save_button.setText(t("&Save asset") if asset is None else t("&Save changes"))
        if asset is not None:
            self._fill(asset)
        self.council.currentIndexChanged.connect(self._on_council_chosen)
        self._on_council_chosen()
        self.finish(90)
        self.name.setFocus()

    def _fill(self, asset: e.Asset) -> None:
        self.name.setText(asset.name)
        self.category.set_value(asset.category)
        self.council.set_value(asset.authority_ref)
        self.address.setText(asset.address)
        self.postcode.setText(asset.postcode)
        self.uprn.setText(asset.uprn)
        self.title_numbers.setText(", ".join(asset.title_numbers))
        self.description.setPlainText(asset.description)

    def entered(self) -> e.Asset:
        """The asset as the form describes it (not yet checked)."""
        base = self.asset or e.Asset(name="")
        council = self.council.value()
        return dataclasses.replace(
            base,
            name=self.name.text(),
            category=self.category.value(),
            authority_ref="" if council == NEW else council,
            address=self.address.text().strip(),
            postcode=self.postcode.text(),
            uprn=self.uprn.text(),
            title_numbers=tuple(t.strip() for t in self.title_numbers.text().split(",") if t.strip()),
            description=self.description.toPlainText().strip(),
        )

    # behaviour

    def _on_council_chosen(self, _index: int = 0) -> None:
        self._where.set_field_visible(self._council_name_field, self.council.value() == NEW)

    def save(self) -> None:
        extra = {}
        new_council = self.council.value() == NEW
        if new_council and not self.council_name.text().strip():
            extra["new_council"] = self.tr("Enter the council's name, or choose one from the list.")
        changed = self.write(lambda: self._write(new_council), extra)
        if changed is None:
            return
        self.changed = changed  # told to every view once, by the operation the form's write made
        self.accept()

    def _write(self, new_council: bool) -> Changed[e.Asset]:
        asset = validate(self.entered())  # every problem with the asset is shown before anything is written
        history = undo_history(self.context)  # one undoable step, council and all
        changes = Changes()
        with history.macro(self.tr("saving {name}").format(name=asset.name)):
            if new_council:
                council = history.create(e.Authority(name=self.council_name.text()))
                asset, changes = dataclasses.replace(asset, authority_ref=council.value.reference), council.changes
            if self.asset is None:
                written = history.create(asset)
            else:
                fields = {f.name: getattr(asset, f.name) for f in dataclasses.fields(asset) if f.name != "reference"}
                written = history.update(self.asset.reference, based_on=self.based_on(self.asset), **fields)
        return Changed(written.value, written.changes | changes)
