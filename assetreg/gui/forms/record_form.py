"""What the asset page's record forms share: one record, new or already in the register, saved as one undo step;
and the lists to choose a person, company or group from, with "one not in the list yet" to type a new one."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from PySide6.QtWidgets import QWidget

from ...domain import entities as e
from ...domain.enums import LegalForm, PartyKind
from ...domain.errors import ValidationError
from ...domain.records import RecordKind
from ...domain.validation import validate
from ...services.records import Changed, Records
from ...services.register import Changes
from ..context import AppContext
from ..undo import UndoHistory, undo_history
from ..widgets.date_edit import DateEdit
from ..widgets.form_widgets import NEW, ChoiceBox
from .forms import FormDialog, Section


def entered_date(edit: DateEdit) -> date | None:
    """The date in a field, or None while it is blank or not a date (the form shows that problem itself)."""
    try:
        return edit.date()
    except ValueError:
        return None


def record_fields(record: Any) -> dict[str, Any]:
    """Every field of a record but its reference, as ``UndoHistory.update`` takes them."""
    return {f.name: getattr(record, f.name) for f in dataclasses.fields(record) if f.name != "reference"}


def checked(*records: Any) -> list[Any]:
    """Each record validated; the problems of all of them together, so every one is shown at once."""
    problems: dict[str, str] = {}
    done = []
    for record in records:
        try:
            done.append(validate(record))
        except ValidationError as error:
            problems.update(error.problems)
    if problems:
        raise ValidationError(problems)
    return done


class RecordDialog(FormDialog):
    """A form for one record: ``existing`` is the record being edited, or None for a new one.

    Subclasses build their fields, then describe the record in ``entered`` and any problem no service can see
    in ``problems``; ``write_more`` may add records in the same undoable step.
    """

    step_text = ""

    def __init__(self, context: AppContext, title: str, intro: str, existing: Any, parent: QWidget | None) -> None:
        super().__init__(context, title, intro, parent)
        self.existing = existing
        self.changed: Changed | None = None

    def entered(self) -> Any:
        raise NotImplementedError

    def problems(self) -> dict[str, str]:
        return {}

    def save(self) -> None:
        changed = self.write(self._write, self.problems())
        if changed is None:
            return
        self.changed = changed  # told to every view once, by the operation the form's write made
        self.accept()

    def _write(self) -> Changed[Any]:
        checked(self.entered())  # every problem is shown before anything is written
        history = undo_history(self.context)
        with history.macro(self.step_text or self.windowTitle()):
            record, changes = self.write_first(history)
            if self.existing is None:
                written = history.create(record)
            else:
                written = history.update(
                    self.existing.reference, based_on=self.based_on(self.existing), **record_fields(record)
                )
            changes |= self.write_more(history, written.value)
        return Changed(written.value, written.changes | changes)

    def write_first(self, history: UndoHistory) -> tuple[Any, Changes]:
        """Records the record needs first (a new group or owner); returns the record pointing at them."""
        return self.entered(), Changes()

    def write_more(self, history: UndoHistory, record: Any) -> Changes:
        """Records written after the record, in the same step."""
        return Changes()


class PartyChoice:
    """Who owns or occupies: a party already in the register (parties are shared by assets) or a new one."""

    def __init__(
        self,
        dialog: FormDialog,
        section: Section,
        name: str,
        labels: tuple[str, str, str],
        hint: str = "",
        blank: str = "",
    ) -> None:
        t = dialog.tr
        label, name_label, kind_label = labels  # each with its own Alt letter
        parties = sorted(Records(dialog.context.register).list(RecordKind.PARTY), key=lambda p: p.name.lower())
        self.choice = ChoiceBox(
            ([(blank, "")] if blank else [])
            + [(p.name, p.reference) for p in parties]
            + [(t("Someone not in the list yet…"), NEW)]
        )
        self.new_name = dialog.line(characters=40)
        self.new_kind = ChoiceBox(
            [(t("A company or organisation"), PartyKind.ORGANISATION), (t("A person"), PartyKind.PERSON)]
        )
        self.name = name
        self._section = section
        self.field = section.add_field(name, label, self.choice, hint)
        self._name_field = section.add_field(f"new_{name}", name_label, self.new_name)
        self._kind_field = section.add_field(f"new_{name}_kind", kind_label, self.new_kind)
        self.choice.currentIndexChanged.connect(self._on_chosen)
        self._on_chosen()

    def is_new(self) -> bool:
        return self.choice.value() == NEW

    def reference(self) -> str:
        return "" if self.is_new() else (self.choice.value() or "")

    def problems(self, tr) -> dict[str, str]:
        if self.is_new() and not self.new_name.text().strip():
            return {f"new_{self.name}": tr("Enter their name, or choose someone from the list.")}
        return {}

    def create(self, history: UndoHistory) -> tuple[str, Changes]:
        """The party chosen, made now when it is new; with what changed."""
        if not self.is_new():
            return self.reference(), Changes()
        made = history.create(e.Party(name=self.new_name.text(), kind=self.new_kind.value()))
        return made.value.reference, made.changes

    def _on_chosen(self, _index: int = 0) -> None:
        self._section.set_field_visible(self._name_field, self.is_new())
        self._section.set_field_visible(self._kind_field, self.is_new())


class GroupChoice:
    """A community group already in the register, own group first, or a new one with its type."""

    def __init__(self, dialog: FormDialog, section: Section, name: str, label: str, hint: str = "") -> None:
        t = dialog.tr
        groups = sorted(
            Records(dialog.context.register).list(RecordKind.GROUP), key=lambda g: (not g.is_own_group, g.name.lower())
        )
        own = t("{name} (your group)")
        self.choice = ChoiceBox(
            [(own.format(name=g.name) if g.is_own_group else g.name, g.reference) for g in groups]
            + [(t("A group not in the list yet…"), NEW)]
        )
        self.new_name = dialog.line(characters=40)
        self.new_type = ChoiceBox([(t("Choose the group's type"), None)] + [(f.label, f) for f in LegalForm])
        self.name, self._section = name, section
        section.add_field(name, label, self.choice, hint)
        self._name_field = section.add_field(f"new_{name}", t("Group's na&me:"), self.new_name)
        self._type_field = section.add_field(f"new_{name}_type", t("Group's t&ype:"), self.new_type)
        self.choice.currentIndexChanged.connect(self._on_chosen)
        self._on_chosen()

    def is_new(self) -> bool:
        return self.choice.value() == NEW

    def reference(self) -> str:
        return "" if self.is_new() else (self.choice.value() or "")

    def problems(self, tr) -> dict[str, str]:
        found = {}
        if self.is_new():
            if not self.new_name.text().strip():
                found[f"new_{self.name}"] = tr("Enter the group's name, or choose one from the list.")
            if self.new_type.value() is None:
                found[f"new_{self.name}_type"] = tr("Choose the group's type.")
        return found

    def create(self, history: UndoHistory) -> tuple[str, Changes]:
        if not self.is_new():
            return self.reference(), Changes()
        made = history.create(e.CommunityGroup(name=self.new_name.text(), legal_form=self.new_type.value()))
        return made.value.reference, made.changes

    def _on_chosen(self, _index: int = 0) -> None:
        self._section.set_field_visible(self._name_field, self.is_new())
        self._section.set_field_visible(self._type_field, self.is_new())
