"""The calendar: a month with its deadline days marked, the chosen day's and the month's dates beside it, and
an export of every date to an iCalendar file for the calendar program the group already uses.

The dates are worked out off the GUI thread, as on the dashboard; so is the export.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date
from pathlib import Path

import shiboken6
from PySide6.QtCore import QModelIndex, QStandardPaths, Qt
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from ...domain.asset_deadlines import AssetDeadline
from ...domain.dates import format_date
from ...services.deadlines import register_deadlines
from ...services.register import Changes
from ..context import AppContext
from ..display import ENTITY_ROLE
from ..messages import calendar_saved
from ..tables.deadline_table import COL_ASSET, COL_RULE, COL_WHEN, NOT_SHOWN, DeadlineTableModel, SectionTable
from ..widgets import typography
from ..widgets.deadline_calendar import DeadlineCalendar, qdate
from .view import View


def choose_calendar_file(context: AppContext, parent: QWidget, suggested: Path) -> Path | None:
    """Where to save the calendar file (ending .ics), or None if the person cancelled (tests replace this).
    A file already there is replaced only when the person says so: exporting again updates the calendar."""
    chosen = context.messages.choose_new_file(
        parent,
        _tr("Export deadlines to a calendar file"),
        suggested,
        _tr("Calendar files (*.ics)"),
        confirm_overwrite=True,
    )
    if chosen is None or chosen.suffix.lower() == ".ics":
        return chosen
    path = chosen.with_name(chosen.name + ".ics")  # the dialog asked about the name as typed, not this one
    question = _tr("{path} already exists. Replace it with the deadlines as they are now?").replace("{path}", str(path))
    if path.exists() and not context.messages.confirm(parent, _tr("Replace the calendar file?"), question):
        return None
    return path


def export_deadlines(context: AppContext, parent: QWidget, busy: Callable[[bool], None]) -> None:
    """Asks where to save every coming deadline as a calendar file, then writes it off the GUI thread and says
    how it went. ``busy(True)`` when the writing starts, ``busy(False)`` when it ends (while ``parent`` is
    still there). The calendar's button and File › Export deadlines to calendar… both export this way."""
    register = context.register
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    suggested = Path(folder or Path.home()) / _tr("{name} deadlines.ics").format(name=register.name)
    path = choose_calendar_file(context, parent, suggested)
    if path is None:
        return
    today = register.today()
    from ...services.calendar_export import export_calendar  # loads icalendar: only when exporting

    def exported(count: int) -> None:
        if shiboken6.isValid(parent):
            busy(False)
            context.messages.info(parent, _tr("Deadlines exported"), calendar_saved(path, count))

    def failed(error: Exception) -> None:
        if shiboken6.isValid(parent):
            busy(False)
            context.messages.error(parent, _tr("The deadlines were not exported"), str(error) or type(error).__name__)

    busy(True)
    context.tasks.run(lambda: export_calendar(register, path, today), exported, failed)


def _tr(text: str) -> str:
    return QApplication.translate("CalendarView", text)


class CalendarView(View):
    """A month of deadlines: choose a day to list its dates; export them all to a calendar file."""

    name = "calendar"
    icon_name = "calendar"
    heading = "Calendar"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._loaded = self._exporting = False
        self._error = ""
        self._today: date | None = None
        self._items: list[AssetDeadline] = []
        self._by_day: dict[date, list[AssetDeadline]] = {}
        self.calendar = DeadlineCalendar()
        self.calendar.setMinimumSize(400, 330)
        self.calendar.setAccessibleName(self.tr("Month of deadlines"))
        self.calendar.selectionChanged.connect(self._on_day_chosen)
        self.calendar.currentPageChanged.connect(self._on_month_changed)
        self.day_model, self.month_model = DeadlineTableModel(self), DeadlineTableModel(self)
        self.day_table, self.month_table = SectionTable(self.day_model), SectionTable(self.month_model)
        for table in (self.day_table, self.month_table):
            table.activated.connect(self._on_activated)
            table.setColumnHidden(COL_RULE, True)  # its citation is in the tooltip; the room goes to the words
        self.export_button = QPushButton(self.tr("E&xport to calendar file…"))
        self.export_button.setAccessibleName(self.tr("Export every deadline to a calendar file"))
        self.export_button.clicked.connect(self._on_export)
        self._build()
        self._show_lists()

    def is_exporting(self) -> bool:
        return self._exporting

    def shows(self, changes: Changes) -> bool:
        return not changes.kinds <= NOT_SHOWN

    def refresh(self) -> None:
        """Works the dates out again in the background; the month keeps its marks until that is done."""
        register = self.context.register
        today = register.today()
        if self._today is None:  # first time: open on this month with today chosen
            self.calendar.setSelectedDate(qdate(today))
            self.calendar.setCurrentPage(today.year, today.month)
        self.load(lambda: (today, register_deadlines(register, today)), self._on_loaded, self._on_load_failed)
        self._today, self._error = today, ""
        self._show_lists()

    def chosen_day(self) -> date:
        return self.calendar.selectedDate().toPython()

    def shown_month(self) -> tuple[int, int]:
        return self.calendar.yearShown(), self.calendar.monthShown()

    # Building

    def _build(self) -> None:
        heading = QLabel(self.title())
        typography.title(heading)
        top = QHBoxLayout()
        top.addWidget(heading, 1)
        top.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignBottom)
        self._summary = QLabel()
        self._summary.setWordWrap(True)
        self._summary.setAccessibleName(self.tr("Summary"))
        legend = QLabel(
            self.tr(
                "Days with deadlines are in bold, with the number of dates in the corner. Point at a day to see "
                "them, or choose it to list them."
            )
        )
        legend.setWordWrap(True)
        left = QVBoxLayout()
        left.setSpacing(8)
        left.addWidget(self.calendar)
        left.addWidget(legend)
        left.addStretch(1)
        self._day_title, self._day_empty = QLabel(), QLabel()
        self._month_title, self._month_empty = QLabel(), QLabel()
        for empty in (self._day_empty, self._month_empty):
            empty.setWordWrap(True)  # "Nothing due on … The next is …" wraps rather than widening the window
        right = QVBoxLayout()
        right.setSpacing(6)
        for title, empty, table in (
            (self._day_title, self._day_empty, self.day_table),
            (self._month_title, self._month_empty, self.month_table),
        ):
            typography.heading(title)
            title.setBuddy(table)
            empty.setIndent(table.iconSize().width() + 12)
            right.addWidget(title)
            right.addWidget(empty)
            right.addWidget(table)
            right.addSpacing(10)
        right.addStretch(1)
        body = QHBoxLayout()
        body.setSpacing(18)
        body.addLayout(left, 0)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self._summary)
        layout.addSpacing(8)
        layout.addLayout(body, 1)
        for first, second in zip(
            (self.export_button, self.calendar, self.day_table),
            (self.calendar, self.day_table, self.month_table),
            strict=True,
        ):
            self.setTabOrder(first, second)

    # Showing

    def _month_name(self, year: int, month: int) -> str:
        names = (
            self.tr("January"),
            self.tr("February"),
            self.tr("March"),
            self.tr("April"),
            self.tr("May"),
            self.tr("June"),
            self.tr("July"),
            self.tr("August"),
            self.tr("September"),
            self.tr("October"),
            self.tr("November"),
            self.tr("December"),
        )
        return f"{names[month - 1]} {year}"

    def _show_lists(self) -> None:
        today = self._today or self.context.register.today()
        day = self.chosen_day()
        year, month = self.shown_month()
        month_items = [x for x in self._items if (x.date.year, x.date.month) == (year, month)]
        self.day_model.set_items(self._by_day.get(day, []), today)
        self.month_model.set_items(month_items, today)
        waiting = not self._loaded
        placeholder = self.tr("Not available.") if self._error else self.tr("Loading…")
        month_name = self._month_name(year, month)
        day_count, month_count = self.day_model.rowCount(), self.month_model.rowCount()
        self._day_title.setText(
            self.tr("&Chosen day: {day}").format(day=format_date(day)) + ("" if waiting else f" ({day_count})")
        )
        self._month_title.setText(
            self.tr("&All of {month}").format(month=month_name) + ("" if waiting else f" ({month_count})")
        )
        self._day_empty.setText(placeholder if waiting else self._nothing_on(day))
        self._month_empty.setText(
            placeholder if waiting else self.tr("Nothing due in {month}.").format(month=month_name)
        )
        for empty, table, count in (
            (self._day_empty, self.day_table, day_count),
            (self._month_empty, self.month_table, month_count),
        ):
            empty.setVisible(count == 0)
            table.setVisible(count > 0)
        self.day_table.setAccessibleName(self.tr("Deadlines on {day}: {n}").format(day=format_date(day), n=day_count))
        self.month_table.setAccessibleName(self.tr("Deadlines in {month}: {n}").format(month=month_name, n=month_count))
        self._summary.setText(self._summary_text())
        self._align_columns()

    def _nothing_on(self, day: date) -> str:
        text = self.tr("Nothing due on {day}.").format(day=format_date(day))
        following = min((d for d in self._by_day if d > day), default=None)
        if following is not None:
            count = len(self._by_day[following])
            many = self.tr("1 deadline") if count == 1 else self.tr("{n} deadlines").format(n=count)
            text += " " + self.tr("The next is on {day} ({many}).").format(day=format_date(following), many=many)
        return text

    def _summary_text(self) -> str:
        if self.loading:
            return self.tr("Loading…")
        if self._error:
            return self.tr("The dates could not be worked out: {error}").format(error=self._error)
        if self._today is None:
            return ""
        overdue = sum(1 for x in self._items if x.overdue(self._today))
        return self.tr(
            "Today is {today}. {n} dates still to be met, {overdue} of them overdue. The export puts them all in "
            "a calendar file; importing it again later updates the same events."
        ).format(today=format_date(self._today), n=len(self._items), overdue=overdue)

    def _align_columns(self) -> None:
        metrics = self.day_table.fontMetrics()
        padding = 2 * self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 24
        icon = self.day_table.iconSize().width() + 8
        tables, models = (self.day_table, self.month_table), (self.day_model, self.month_model)
        widths = {}
        for column in (COL_WHEN, COL_ASSET):
            needed = [t.horizontalHeader().sectionSizeFromContents(column).width() for t in tables]
            needed += [metrics.horizontalAdvance(m.text(x, column)) + padding for m in models for x in m.items()]
            widths[column] = max(needed) + (icon if column == COL_WHEN else 0)
        widths[COL_ASSET] = min(widths[COL_ASSET], metrics.averageCharWidth() * 28)
        for table in tables:
            table.set_column_widths(widths)

    # Behaviour

    def _on_loaded(self, result: tuple[date, list[AssetDeadline]]) -> None:
        today, items = result
        self._items = items
        self._by_day = defaultdict(list)
        for item in items:
            self._by_day[item.date].append(item)
        self._by_day = dict(self._by_day)
        self.calendar.set_deadlines(self._by_day, today)
        self._today, self._loaded = today, True
        self._show_lists()

    def _on_load_failed(self, error: Exception) -> None:
        self._error = str(error) or type(error).__name__
        self._show_lists()

    def _on_day_chosen(self) -> None:
        self._show_lists()

    def _on_month_changed(self, _year: int, _month: int) -> None:
        self._show_lists()

    def _on_activated(self, index: QModelIndex) -> None:
        item = index.data(ENTITY_ROLE)
        if item is not None and item.asset_ref:
            self.open_record.emit(item.asset_ref)

    def _on_export(self) -> None:
        export_deadlines(self.context, self, self._on_busy)

    def _on_busy(self, busy: bool) -> None:
        self._exporting = busy
        self.export_button.setEnabled(not busy)
