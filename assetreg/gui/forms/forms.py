"""What every form of the app is made of: sections of labelled fields, each with its problem written beneath it.

A form dialog builds its fields in ``__init__`` and saves in ``save``. A problem — a date that is not a date, or a
``ValidationError`` from a service — is shown under its field in plain words, and is also the field's
accessible description, so a screen reader says it when the field is reached.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import AssetRegError, ConflictError, ValidationError
from ..context import AppContext
from ..display import plain
from ..undo import undo_history
from ..widgets import icons
from ..widgets.date_edit import DateEdit
from ..widgets.form_widgets import problem_colour, quiet


@dataclass
class Field:
    """One labelled control of a form, with its hint and the problem shown beneath it."""

    name: str
    label: QLabel
    widget: QWidget
    row: QWidget
    error: QLabel
    error_row: QWidget
    hint_label: QLabel
    hint: str = ""

    @property
    def target(self) -> QWidget:
        """The control that takes focus and is described to screen readers."""
        target = getattr(self.widget, "accessible_target", None)
        return target() if callable(target) else self.widget

    def show_problem(self, text: str) -> None:
        self.error.setText(text)
        self.error_row.setVisible(bool(text))
        self.target.setAccessibleDescription(text or self.hint)

    def problem(self) -> str:
        return self.error.text()

    def set_hint(self, text: str) -> None:
        """The quiet sentence under the control (what to enter, or what the app worked out)."""
        self.hint = text
        self.hint_label.setText(text)
        self.hint_label.setVisible(bool(text))
        if not self.problem():
            self.target.setAccessibleDescription(text)


class Section(QGroupBox):
    """A titled group of fields laid out as a form: label on the left, control and its problem on the right."""

    def __init__(self, title: str, dialog: FormDialog, questions: bool = False) -> None:
        super().__init__(title)
        # Weakly: a cycle would leave the dialog for the garbage collector, which may free Qt objects too late.
        self._dialog = weakref.ref(dialog)
        self.form = QFormLayout(self)
        # Every field column is as wide as the form; a control that should not stretch is held to the left.
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # Questions read best with their answers beneath them; short labels sit beside their controls.
        wrap = QFormLayout.RowWrapPolicy.WrapAllRows if questions else QFormLayout.RowWrapPolicy.DontWrapRows
        self.form.setRowWrapPolicy(wrap)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.form.setVerticalSpacing(self.fontMetrics().height() * (3 if questions else 2) // 4)
        self._questions = questions

    def add_field(self, name: str, label: str, widget: QWidget, hint: str = "") -> Field:
        """Adds a control under ``label`` (with its & mnemonic); ``name`` is the record's field it fills."""
        heading = QLabel(label)
        heading.setBuddy(widget)
        if self._questions:
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
        row = QWidget()
        column = QVBoxLayout(row)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        grows = bool(widget.sizePolicy().expandingDirections() & Qt.Orientation.Horizontal) or isinstance(
            widget, DateEdit
        )
        column.addWidget(widget, 0, Qt.AlignmentFlag(0) if grows else Qt.AlignmentFlag.AlignLeft)
        hint_label = plain(QLabel())  # what the app worked out may name a record
        hint_label.setWordWrap(True)
        quiet(hint_label)
        column.addWidget(hint_label)
        dialog = self._dialog()
        assert dialog is not None
        error_row, error = dialog.problem_label()
        column.addWidget(error_row)
        entry = Field(name, heading, widget, row, error, error_row, hint_label, hint)
        spoken = label.replace("&", "").rstrip(":")
        if isinstance(widget, DateEdit):
            widget.set_accessible_name(spoken)
        else:
            widget.setAccessibleName(spoken)
        entry.set_hint(hint)
        self.form.addRow(heading, row)
        dialog.fields[name] = entry
        return entry

    def add_widget(self, widget: QWidget) -> None:
        """A row across the whole width: a note, a question, a hint."""
        self.form.addRow(widget)

    def set_field_visible(self, entry: Field, visible: bool) -> None:
        self.form.setRowVisible(entry.row, visible)
        dialog = self._dialog()
        if dialog is not None:
            dialog.fit()


class FormDialog(QDialog):
    """A dialog of sections of fields with Save and Cancel. Subclasses build fields and write in ``save``.

    Saving never closes the dialog with a problem outstanding: each is shown under its field and the first such
    field takes the focus. A problem about no field on the form is shown above the buttons.
    """

    def __init__(self, context: AppContext, title: str, intro: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.fields: dict[str, Field] = {}
        self._finished = self._fit_pending = False
        self._as_opened: list[Any] | None = None  # what the fields held when the form was shown
        # The record as it is now, when someone else changed it and the person chose to keep theirs over it.
        self.kept_over: Any = None
        self.setWindowTitle(title)
        self.setSizeGripEnabled(True)
        self._body = QWidget()
        self._body_layout = QVBoxLayout(self._body)
        self._body_layout.setContentsMargins(0, 0, 0, 0)
        self._body_layout.setSpacing(self.fontMetrics().height() * 2 // 3)
        if intro:
            words = QLabel(intro)
            words.setWordWrap(True)
            self._body_layout.addWidget(words)
        # A long form scrolls on a small screen rather than running off it.
        self._scroll = QScrollArea()
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setWidget(self._body)
        self.general_problem_row, self.general_problem = self.problem_label()
        self.general_problem.setAccessibleName(self.tr("Problem"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("&Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        context.writes(self.save_button)  # disabled, saying why, while the register is read-only
        layout = QVBoxLayout(self)
        layout.addWidget(self._scroll, 1)
        layout.addWidget(self.general_problem_row)
        layout.addWidget(self.buttons)

    # building

    def add_section(self, title: str, questions: bool = False) -> Section:
        """A titled group of fields; with ``questions``, each label stands above its answer."""
        section = Section(title, self, questions)
        self._body_layout.addWidget(section)
        return section

    def finish(self, width_in_characters: int = 80) -> None:
        """Sizes the dialog to its content (within the screen) once every field is built."""
        self._body_layout.addStretch(1)
        width = self.fontMetrics().averageCharWidth() * width_in_characters
        self._body.setMinimumWidth(width)
        self._scroll.setMinimumWidth(width + self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent) + 4)
        self._scroll.setMinimumHeight(self.fontMetrics().height() * 12)
        margins = self.layout().contentsMargins()
        height = (
            self._body.heightForWidth(width)
            + self.buttons.sizeHint().height()
            + self.layout().spacing() * 2
            + margins.top()
            + margins.bottom()
        )
        self.resize(self.sizeHint().width(), min(height, self._height_limit(height)))
        self._finished = True
        self._as_opened = self._snapshot()
        # A field, a problem or a longer note appearing asks for a new layout: grow to show it.
        self._body.installEventFilter(self)

    def fit(self) -> None:
        """Grows the dialog (never shrinks it, which would jump about) when a field or a problem appears."""
        if not self._finished:
            return
        self._fit_pending = False
        self._body.layout().activate()
        chrome = self.height() - self._scroll.viewport().height()
        slack = self.fontMetrics().height() // 2  # a form layout's estimate of wrapped text can be a little short
        needed = self._body.heightForWidth(self._scroll.viewport().width()) + chrome + slack
        if needed > self.height():
            self.resize(self.width(), min(needed, self._height_limit(needed)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        # getattr: Qt may still deliver events while the Python side of the dialog is being taken down.
        body, pending = getattr(self, "_body", None), getattr(self, "_fit_pending", True)
        if event.type() == QEvent.Type.LayoutRequest and watched is body and not pending:
            self._fit_pending = True
            QTimer.singleShot(0, self, self.fit)  # not after the dialog is gone
        return super().eventFilter(watched, event)

    def _height_limit(self, wanted: int) -> int:
        screen = self.screen().availableGeometry() if self.screen() else None
        return screen.height() * 9 // 10 if screen is not None else wanted

    def problem_label(self) -> tuple[QWidget, QLabel]:
        """A hidden row with a warning icon and a sentence in a red that reads on the palette."""
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        icon = QLabel()
        icons.set_label_icon(icon, "warning", self.fontMetrics().height())
        text = plain(QLabel())  # a problem may quote what was typed
        text.setWordWrap(True)
        palette = text.palette()
        palette.setColor(QPalette.ColorRole.WindowText, problem_colour(self.palette()))
        text.setPalette(palette)
        layout.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(text, 1)
        row.setVisible(False)
        return row, text

    @staticmethod
    def line(text: str = "", characters: int = 0) -> QLineEdit:
        edit = QLineEdit(text)
        if characters:
            edit.setMinimumWidth(edit.fontMetrics().averageCharWidth() * characters)
        return edit

    @staticmethod
    def text_box(text: str = "", lines: int = 3) -> QPlainTextEdit:
        box = QPlainTextEdit(text)
        box.setTabChangesFocus(True)  # Tab goes on to the next field, as everywhere else in the form
        box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 12)
        return box

    def date_field(self, optional: bool = True) -> DateEdit:
        edit = DateEdit(optional=optional, today=self.context.register.today)
        edit.editing_finished.connect(self._on_date_left)
        return edit

    # problems

    def clear_problems(self) -> None:
        for entry in self.fields.values():
            entry.show_problem("")
        self.general_problem.setText("")
        self.general_problem_row.setVisible(False)

    def show_problems(self, problems: Mapping[str, str]) -> None:
        """Shows each problem under its field (by the record's field name), the rest above the buttons."""
        self.clear_problems()
        elsewhere = []
        for name, text in problems.items():
            entry = self.fields.get(name)
            if entry is None or not entry.row.isVisibleTo(self):
                elsewhere.append(text)
            else:
                entry.show_problem(text)
        self.general_problem.setText("\n".join(elsewhere))
        self.general_problem_row.setVisible(bool(elsewhere))
        self.fit()
        # The focus goes to the first field with a problem, top to bottom, so the person starts where they read.
        first = next((entry for entry in self.fields.values() if entry.problem()), None)
        if first is not None:
            first.target.setFocus(Qt.FocusReason.OtherFocusReason)
            self._scroll.ensureWidgetVisible(first.row)

    def date_problems(self) -> dict[str, str]:
        """Every date field whose text is not a date (or is blank where a date is needed)."""
        return {
            name: problem
            for name, entry in self.fields.items()
            if isinstance(entry.widget, DateEdit) and entry.row.isVisibleTo(self)
            if (problem := entry.widget.problem())
        }

    def write(self, action: Callable[[], Any], extra_problems: Mapping[str, str] | None = None) -> Any:
        """Runs ``action`` unless a field has a problem; shows a ``ValidationError``'s problems by their fields.

        Whatever ``action`` writes through the undo history is one operation started by this form: one undo
        step and one notification. Returns what ``action`` returned, or None when nothing was written.
        """
        problems = {**self.date_problems(), **(extra_problems or {})}
        if problems:
            self.show_problems(problems)
            return None
        try:
            with undo_history(self.context).operation(initiator=self):
                result = action()
        except ValidationError as error:
            self.show_problems(error.problems)
            return None
        except ConflictError as conflict:  # someone else saved this record since the form was opened
            self.clear_problems()
            if self.kept_over is None and self.context.messages.conflict(
                self, self.tr("Someone else changed this record"), str(conflict)
            ):
                self.kept_over = conflict.current  # save mine over the record as it now is, knowingly
                try:
                    return self.write(action, extra_problems)
                finally:
                    self.kept_over = None
            self.context.notify_everything()  # reload: every view shows their change; this form closes
            self._as_opened = None
            super().reject()
            return None
        except AssetRegError as error:  # not about a field: the record is gone, or the register refused
            self.clear_problems()
            self.context.messages.error(self, self.tr("Nothing was saved"), str(error))
            return None
        self.clear_problems()
        return result

    # changes not yet saved

    def _snapshot(self) -> list[Any]:
        """What every field holds, as far as a person could have changed it."""
        return [_held(entry.widget) for entry in self.fields.values()]

    def based_on(self, opened: Any) -> Any:
        """What a save of ``opened`` is checked against (no lost edits): the record as the form opened it, or
        as it now is once the person chose to keep theirs over someone else's change."""
        return self.kept_over if self.kept_over is not None else opened

    def has_changes(self) -> bool:
        """Whether any field holds something other than it did when the form was shown."""
        return self._as_opened is not None and self._snapshot() != self._as_opened

    def reject(self) -> None:
        """Cancel or Escape: work typed into the form is thrown away only once the person says so."""
        if self.result() != QDialog.DialogCode.Accepted and self.has_changes():
            question = self.tr("You have changed this form. Discard your changes and close it?")
            if not self.context.messages.confirm(self, self.tr("Discard your changes?"), question):
                return
        super().reject()

    # behaviour

    def save(self) -> None:
        raise NotImplementedError

    def _on_date_left(self) -> None:
        # A date that is not a date is said as soon as the person leaves the field, not only on saving.
        edit = self.sender()
        for entry in self.fields.values():
            if entry.widget is edit and isinstance(edit, DateEdit):
                entry.show_problem(edit.problem())


def _held(widget: QWidget) -> Any:
    """The value a control holds, for telling whether the person changed it."""
    for reader in ("value", "text", "toPlainText", "isChecked", "currentIndex"):
        read = getattr(widget, reader, None)
        if callable(read):
            try:
                return read()
            except (TypeError, ValueError):
                continue
    return None
