"""Asking which stage an application has reached, on what day, with a note; and making that move as one undo
step (undo takes the dated step back to the trash and the application back to its stage before)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.council_profiles import CouncilProfile
from ...domain.dates import format_date
from ...domain.records import RecordKind
from ...services.applications import make_move_again, move_to_stage, take_back_move
from ...services.records import Changed, Records
from ..context import AppContext
from ..undo import undo_history


@dataclass(frozen=True)
class StageChoice:
    stage: str
    on: date
    notes: str = ""


class StageDialog(QDialog):
    """The council's stages (the current one left out), the day it was reached, and an optional note."""

    def __init__(
        self,
        council: CouncilProfile,
        current: str,
        today: date,
        earliest: date | None,
        title: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        self.stage = QComboBox()
        for plan in council.stages:
            if plan.code != current:
                self.stage.addItem(plan.label, plan.code)
        following = council.stage_position(current) + 1  # the next stage is the usual answer
        codes = [self.stage.itemData(i) for i in range(self.stage.count())]
        later = [c for c in codes if council.stage_position(c) >= following]
        self.stage.setCurrentIndex(codes.index(later[0]) if later else 0)
        self.stage.setAccessibleName(self.tr("New stage"))
        self.on = QDateEdit(QDate(today.year, today.month, today.day))
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat("ddd d MMM yyyy")
        self.on.setMaximumDate(QDate(today.year, today.month, today.day))
        if earliest is not None:
            self.on.setMinimumDate(QDate(earliest.year, earliest.month, earliest.day))
        self.on.setAccessibleName(self.tr("Date the stage was reached"))
        self.notes = QLineEdit()
        self.notes.setAccessibleName(self.tr("Notes"))
        self.notes.setPlaceholderText(self.tr("For example: form emailed to the estates team"))
        form = QFormLayout()
        form.addRow(self.tr("&Stage:"), self.stage)
        form.addRow(self.tr("&Reached on:"), self.on)
        form.addRow(self.tr("&Notes:"), self.notes)
        hint = QLabel(
            self.tr("Now at “{stage}”. The date cannot be in the future{earliest}.").format(
                stage=council.stage_name(current),
                earliest=self.tr(" or before {date}").format(date=format_date(earliest)) if earliest else "",
            )
        )
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Move"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def choice(self) -> StageChoice:
        return StageChoice(self.stage.currentData(), self.on.date().toPython(), self.notes.text().strip())


def ask_stage(
    parent: QWidget, council: CouncilProfile, current: str, today: date, earliest: date | None, title: str
) -> StageChoice | None:
    """The stage the user chose, or None if they cancelled (tests replace this function)."""
    dialog = StageDialog(council, current, today, earliest, title, parent)
    try:
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


def move_stage(context: AppContext, reference: str, stage: str, on: date, notes: str = "") -> Changed:
    """Moves application ``reference`` to ``stage`` on ``on`` through the services, as one undo step.

    Refused (a ``ValidationError``) before anything is written or put on the undo stack.
    """
    register = context.register
    step: list[str] = []  # the step's reference, once the move has made it

    def read() -> tuple[str, bool]:
        records = Records(register)
        live = bool(step) and any(
            s.reference == step[0] for s in records.list(RecordKind.STAGE_CHANGE, application_ref=reference)
        )
        return records.get(reference).stage, live

    def write(value: tuple[str, bool]) -> Changed:
        if not step:
            moved = move_to_stage(register, reference, stage, on, notes)
            step.append(moved.value.reference)
            return moved
        return make_move_again(register, step[0]) if value[1] else take_back_move(register, step[0])

    tr = lambda text: QApplication.translate("StageDialog", text)  # noqa: E731
    text = tr("moving {reference} to another stage").format(reference=reference)
    what = tr("The stage of {reference}").format(reference=reference)
    return undo_history(context).set_value(text, what, read, write, (stage, True))
