"""The controls forms are built from: a list of choices, a question with a few answers, a note with an icon."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..display import plain
from . import icons

INFO, WARNING, GOOD = "info", "warning", "good"
NEW = "<new>"  # the choice "one not yet in the register" in a list of records (never a reference)
_NOTE_ICONS = {INFO: "info", WARNING: "warning", GOOD: "good"}
is_dark, problem_colour = icons.is_dark, icons.problem_colour  # where forms have long found them


def focus_through(container: QWidget, target: QWidget) -> None:
    """Focus given to ``container`` goes to ``target``: a label's Alt letter (its buddy is the container) reaches
    the control inside, while Tab still stops only at that control."""
    container.setFocusProxy(target)
    container.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


def quiet(label: QLabel) -> None:
    """Text a little quieter than the body text, yet still easy to read (not the pale disabled grey)."""
    palette = label.palette()
    text, window = palette.color(QPalette.ColorRole.WindowText), palette.color(QPalette.ColorRole.Window)
    mixed = QColor(
        round(text.red() * 0.72 + window.red() * 0.28),
        round(text.green() * 0.72 + window.green() * 0.28),
        round(text.blue() * 0.72 + window.blue() * 0.28),
    )
    palette.setColor(QPalette.ColorRole.WindowText, mixed)
    label.setPalette(palette)


class ChoiceBox(QComboBox):
    """A drop-down list of (words, value) choices; ``value()`` is the chosen value.

    Values are kept here, not as item data: PySide6 6.12 drops a reference to None whenever a call such as
    ``currentData()`` returns nothing (see assets_view.py).
    """

    def __init__(self, choices: Iterable[tuple[str, Any]] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._values: list[Any] = []
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.set_choices(choices)

    def set_choices(self, choices: Iterable[tuple[str, Any]]) -> None:
        self.blockSignals(True)
        self.clear()
        self._values = []
        for text, value in choices:
            self.addItem(text)
            self._values.append(value)
        self.blockSignals(False)
        self.setCurrentIndex(0 if self._values else -1)

    def value(self) -> Any:
        index = self.currentIndex()
        return self._values[index] if 0 <= index < len(self._values) else None

    def values(self) -> list[Any]:
        return list(self._values)

    def set_value(self, value: Any) -> None:
        if value in self._values:
            self.setCurrentIndex(self._values.index(value))


class RadioChoice(QWidget):
    """A question answered by one of a few buttons (arrow keys move between them); ``value()`` is the answer."""

    changed = Signal()

    def __init__(self, choices: Sequence[tuple[str, Any]], vertical: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self._group = QButtonGroup(self)
        self._values = [value for _, value in choices]
        layout = QVBoxLayout(self) if vertical else QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4 if vertical else 16)
        self.buttons: list[QRadioButton] = []
        for index, (text, _) in enumerate(choices):
            button = QRadioButton(text)
            self._group.addButton(button, index)
            layout.addWidget(button)
            self.buttons.append(button)
        if not vertical:
            layout.addStretch(1)
        if self.buttons:
            focus_through(self, self.buttons[0])  # the question's label reaches its answers
        self._group.idToggled.connect(self._on_toggled)

    def value(self) -> Any:
        index = self._group.checkedId()
        return self._values[index] if index >= 0 else None

    def set_value(self, value: Any) -> None:
        if value in self._values:
            self.buttons[self._values.index(value)].setChecked(True)

    def accessible_target(self) -> QWidget:
        return next((b for b in self.buttons if b.isChecked()), self.buttons[0])

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 - Qt override
        super().setAccessibleName(name)
        for button in self.buttons:  # each answer says which question it answers
            button.setAccessibleDescription(name)

    def _on_toggled(self, index: int, checked: bool) -> None:
        if checked:
            self.setFocusProxy(self.buttons[index])  # the label's Alt letter lands on the chosen answer
            self.changed.emit()


class Note(QFrame):
    """A sentence with an icon (information, warning or all-clear), so its meaning never rests on colour alone."""

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.kind = INFO
        self.icon = QLabel()
        self.text_label = plain(QLabel())  # notes name assets, owners and councils as typed
        self.text_label.setWordWrap(True)
        # Reachable by Tab, so a keyboard or screen-reader user meets the note before the Save button.
        self.text_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.text_label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.text_label.setAccessibleName(accessible_name)
        self.text_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(8)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.text_label, 1)

    def set_note(self, text: str, kind: str = INFO) -> None:
        self.kind = kind
        icons.set_label_icon(self.icon, _NOTE_ICONS[kind])
        self.text_label.setText(text)
        self.text_label.setAccessibleDescription(text)
        self.setVisible(bool(text))

    def text(self) -> str:
        return self.text_label.text()
