"""A month calendar whose days with deadlines are marked: bold, a count in the corner, and a list in the tooltip.

The mark never rests on colour alone: the day's number is bold, the corner shows how many dates fall on it, and
the tooltip names them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from PySide6.QtCore import QDate, QRect, QRectF, Qt
from PySide6.QtGui import QFont, QPainter, QPalette, QTextCharFormat
from PySide6.QtWidgets import QCalendarWidget, QWidget

from ...domain.asset_deadlines import AssetDeadline
from ...domain.dates import format_date
from . import typography


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class DeadlineCalendar(QCalendarWidget):
    """A month view (weeks from Monday) marking the days that have deadlines."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.setHorizontalHeaderFormat(QCalendarWidget.HorizontalHeaderFormat.ShortDayNames)
        self.setGridVisible(True)
        # Weekends in the palette's text colour: red is kept for nothing, so no one reads it as a deadline.
        for day in (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):
            self.setWeekdayTextFormat(day, QTextCharFormat())
        self._marks: dict[date, tuple[int, int]] = {}  # day → (dates, of which overdue)

    def set_deadlines(self, by_day: Mapping[date, Sequence[AssetDeadline]], today: date) -> None:
        """Marks each day that has deadlines; clears the marks of days that no longer have any."""
        self.setDateTextFormat(QDate(), QTextCharFormat())  # a null date clears every day's format
        self._marks = {}
        for day, items in by_day.items():
            if not items:
                continue
            overdue = sum(1 for item in items if item.overdue(today))
            self._marks[day] = (len(items), overdue)
            mark = QTextCharFormat()
            mark.setFontWeight(QFont.Weight.Bold)
            mark.setToolTip(self.day_tooltip(day, items, overdue))
            self.setDateTextFormat(qdate(day), mark)
        self.updateCells()

    def marked_days(self) -> dict[date, int]:
        """How many deadlines fall on each marked day."""
        return {day: count for day, (count, _) in self._marks.items()}

    def day_tooltip(self, day: date, items: Sequence[AssetDeadline], overdue: int) -> str:
        count = len(items)
        head = self.tr("1 deadline") if count == 1 else self.tr("{n} deadlines").format(n=count)
        if overdue:
            head += " " + self.tr("({n} overdue)").format(n=overdue)
        lines = [f"{format_date(day)}: {head}"] + [f"• {item.title}" for item in items]
        return "\n".join(lines)

    def paintCell(self, painter: QPainter, rect: QRect, day: QDate) -> None:  # noqa: N802 - Qt override
        super().paintCell(painter, rect, day)
        mark = self._marks.get(day.toPython())
        if mark is None:
            return
        count, _ = mark
        palette = self.palette()
        selected = day == self.selectedDate()
        back = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Highlight)
        fore = palette.color(QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.HighlightedText)
        font = typography.small_font(self)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(font)
        text = str(count) if count < 10 else "9+"
        metrics = painter.fontMetrics()
        height = metrics.height() + 2
        badge = QRectF(rect.right() - 3, rect.top() + 3, 0, height)
        badge.setLeft(badge.right() - max(height, metrics.horizontalAdvance(text) + 8))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(back)
        painter.drawRoundedRect(badge, badge.height() / 2, badge.height() / 2)
        painter.setPen(fore)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()
