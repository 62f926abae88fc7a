"""A date field for forms: typed as dd/mm/yyyy (or d/m/yyyy, 2025-08-31, 31 Aug 2025) or picked from a calendar.

Whatever is typed is read back at once with its weekday ("Sun 31 Aug 2025"), so a slip shows before saving.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from ...domain.dates import format_date, typed_date
from . import icons
from .form_widgets import focus_through


def _tr(text: str) -> str:
    return QApplication.translate("DateEdit", text)


def parse_date(text: str, *, optional: bool = True) -> date | None:
    """The date typed (as ``typed_date`` reads one: 31/08/2025, 2025-08-31, 31 Aug 2025...); None when blank
    and ``optional``. Raises ``ValueError`` with a sentence a person can act on when the text is not a date.
    """
    if not text.strip():
        if optional:
            return None
        raise ValueError(_tr("Enter the date, such as 31/08/2025; it cannot be left blank."))
    return typed_date(text)


def date_text(day: date | None) -> str:
    """How a date is written into the field: dd/mm/yyyy."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}" if day else ""


class DateEdit(QWidget):
    """A line to type a date in, a button opening a calendar, and the date read back with its weekday.

    ``date()`` gives the date (None when blank and optional) or raises ``ValueError`` with a plain sentence.
    """

    changed = Signal()  # the text was edited or a date was picked
    editing_finished = Signal()  # the person left the field, or picked a date

    def __init__(
        self, *, optional: bool = True, today: Callable[[], date] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.optional = optional
        self._today = today or date.today
        self.line = QLineEdit()
        self.line.setPlaceholderText(self.tr("dd/mm/yyyy"))
        self.line.setMaxLength(32)  # room for "Wednesday, 31st December 2025"
        metrics = self.line.fontMetrics()
        self.line.setFixedWidth(metrics.horizontalAdvance("00/00/00000") + 4 * metrics.averageCharWidth())
        self.button = QToolButton()
        self.button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # a calendar reachable by Tab, opened by Space
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.button.setToolTip(self.tr("Choose the date from a calendar"))
        icons.set_button_icon(self.button, "calendar")
        self.button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")
        self.calendar = QCalendarWidget()
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setGridVisible(False)
        self._menu = QMenu(self.button)
        holder = QWidgetAction(self._menu)
        holder.setDefaultWidget(self.calendar)
        self._menu.addAction(holder)
        self.button.setMenu(self._menu)
        self.read_back = QLabel()  # the typed date in words, with its weekday
        self.read_back.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        widest = max(self.fontMetrics().horizontalAdvance(format_date(date(2025, 9, day))) for day in range(22, 29))
        self.read_back.setMinimumWidth(widest + self.fontMetrics().averageCharWidth())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.line)
        layout.addWidget(self.button)
        layout.addSpacing(self.fontMetrics().height() // 2)
        layout.addWidget(self.read_back, 1)
        focus_through(self, self.line)  # a label's Alt letter lands in the line, ready for typing
        self.set_accessible_name(self.tr("Date"))

        self.line.textChanged.connect(self._on_text_changed)
        self.line.editingFinished.connect(self.editing_finished)
        self._menu.aboutToShow.connect(self._on_calendar_opening)
        self.calendar.clicked.connect(self._on_picked)
        self.calendar.activated.connect(self._on_picked)

    # the value

    def date(self) -> date | None:
        return parse_date(self.line.text(), optional=self.optional)

    def problem(self) -> str:
        """Why the text is not a date, or "" when it is one (or is blank where blank is allowed)."""
        try:
            self.date()
        except ValueError as error:
            return str(error)
        return ""

    def set_date(self, day: date | None) -> None:
        self.line.setText(date_text(day))

    def text(self) -> str:
        return self.line.text()

    def set_accessible_name(self, name: str) -> None:
        self.setAccessibleName(name)
        self.line.setAccessibleName(name)
        self.button.setAccessibleName(self.tr("Calendar for {name}").format(name=name.rstrip(":").lower()))

    def accessible_target(self) -> QWidget:
        """The control a screen reader lands on: the line, not the container."""
        return self.line

    # behaviour

    def _on_text_changed(self, _text: str = "") -> None:
        try:
            day = self.date()
        except ValueError:
            day = None
        self.read_back.setText(format_date(day) if day else "")
        self.changed.emit()

    def _on_calendar_opening(self) -> None:
        try:
            day = self.date() or self._today()
        except ValueError:
            day = self._today()
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        self.calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def _on_picked(self, picked: QDate) -> None:
        self.set_date(date(picked.year(), picked.month(), picked.day()))
        self._menu.close()
        self.line.setFocus(Qt.FocusReason.OtherFocusReason)
        self.editing_finished.emit()
