"""A disposal notice's periods as a picture: interim and full moratorium and protected period on a date axis.

``timeline_model`` reads the periods from the notice's case (plain Python, no Qt); ``NoticeTimeline`` draws them.
Every position the widget paints comes from ``timeline_geometry()``, so the tests check the very geometry the user
sees.

Days are cells on the axis: day ``d`` covers ``x_for(d)`` up to ``x_for(d + 1 day)``. A period's bar therefore
ends at ``x_for(last day + 1 day)`` — the end is exclusive, so a period whose last day is today still shows
today inside it — and the "Today" line stands at the start of today, ``x_for(today)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QLineF, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QStyle, QStyleOptionFocusRect, QWidget

from ...domain.dates import format_date
from ...domain.enums import Period
from ...domain.i18n import tr
from ...domain.notice_case import NoticeCase

INTERIM, FULL, PROTECTED = Period.INTERIM, Period.FULL, Period.PROTECTED
TODAY, REQUEST = "today", "request"
_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class TimelinePeriod:
    """One period of a notice; every period begins with the day the council received the notice (s.95)."""

    code: Period
    label: str
    start: date
    end: date  # the last day, inclusive (the day to act on: a council's earlier date, or an early end)
    cut_short: bool = False  # ends early: the listing ended, the land changed hands, the notice was withdrawn

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class TimelineMarker:
    kind: str  # TODAY or REQUEST
    day: date
    text: str


@dataclass(frozen=True)
class TimelineModel:
    """What a notice's timeline shows: its periods in drawing order (top to bottom) and two markers."""

    notice_received_on: date
    valid_request: bool
    periods: tuple[TimelinePeriod, ...]
    today: TimelineMarker
    request: TimelineMarker | None
    current_period: Period | None  # the period the case says the notice is in today

    @property
    def axis_start(self) -> date:
        return self.notice_received_on

    @property
    def axis_end(self) -> date:
        """The day after the last period ends: the axis is exclusive at its right end."""
        last = max((p.end for p in self.periods), default=self.notice_received_on)
        return last + _ONE_DAY

    def period(self, code: Period) -> TimelinePeriod | None:
        return next((p for p in self.periods if p.code == code), None)

    @property
    def current(self) -> TimelinePeriod | None:
        """The period the notice is in today, as its case says."""
        return self.period(self.current_period) if self.current_period else None

    def summary(self) -> str:
        """The picture in words, for screen readers and the tooltip."""
        parts = [tr("Notice received {date}.").format(date=format_date(self.notice_received_on))]
        for p in self.periods:
            parts.append(tr("{label} until {end}.").format(label=p.label, end=format_date(p.end)))
        if self.request is not None:
            parts.append(self.request.text + ".")
        parts.append(self.today.text + ".")
        return " ".join(parts)


def timeline_model(case: NoticeCase) -> TimelineModel:
    """The picture of a notice's case: its periods as the case ends them, its requests and its day.

    Nothing is counted here; a period that ended before it could begin is left out.
    """
    periods = tuple(
        TimelinePeriod(p.period, p.period.label, p.starts_on, p.effective_end, p.ended_early is not None)
        for p in case.periods
        if p.effective_end >= p.starts_on
    )
    valid = case.valid_request
    counted = [r.received_on for r in case.requests if r.received_on and r.starts_full_moratorium == valid]
    request = None
    if counted:
        template = tr("Request received {date}") if valid else tr("Request received {date} (does not count)")
        request = TimelineMarker(REQUEST, min(counted), template.format(date=format_date(min(counted))))
    today = TimelineMarker(TODAY, case.day, tr("Today, {date}").format(date=format_date(case.day)))
    current = case.current.period if case.current else None
    return TimelineModel(case.starts_on, valid, periods, today, request, current)


@dataclass(frozen=True)
class TimelineLabel:
    text: str
    rect: QRectF
    bold: bool = False
    chip: bool = False  # drawn on a small background of its own, so it reads over a bar or a line


@dataclass
class TimelineGeometry:
    """Everything ``NoticeTimeline`` paints, in widget coordinates."""

    plot: QRectF  # the axis runs along its bottom edge from left (notice day) to right (day after the last end)
    bars: dict[str, QRectF] = field(default_factory=dict)
    bar_labels: dict[str, TimelineLabel] = field(default_factory=dict)
    axis: QLineF = field(default_factory=QLineF)
    ticks: list[QLineF] = field(default_factory=list)
    axis_labels: list[TimelineLabel] = field(default_factory=list)
    today_line: QLineF | None = None  # None when today is off the axis; the label then points the way
    today_label: TimelineLabel | None = None
    request_marker: QPolygonF | None = None
    request_label: TimelineLabel | None = None

    def labels(self) -> list[TimelineLabel]:
        found = [*self.bar_labels.values(), *self.axis_labels, self.today_label, self.request_label]
        return [x for x in found if x is not None]


class NoticeTimeline(QWidget):
    """Bars for the periods of one disposal notice along a date axis, with today and the request marked.

    Colours come from the palette and every bar carries its name and end date in words (and a fill pattern),
    so nothing depends on colour alone; all sizes follow the font, so it scales with the user's settings.
    """

    def __init__(self, model: TimelineModel | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Disposal notice timeline"))
        self._describe()

    # the model

    def model(self) -> TimelineModel | None:
        return self._model

    def set_model(self, model: TimelineModel | None) -> None:
        self._model = model
        self._describe()
        self.updateGeometry()
        self.update()

    def _describe(self) -> None:
        text = self._model.summary() if self._model is not None else ""
        self.setAccessibleDescription(text)
        self.setToolTip(text)

    # sizes, all from the font

    def _metrics(self) -> tuple[QFontMetricsF, float]:
        metrics = QFontMetricsF(self.font())
        return metrics, metrics.height()

    def _bands(self) -> dict[str, float]:
        """Heights of the horizontal bands, top to bottom."""
        _, h = self._metrics()
        rows = len(self._model.periods) if self._model is not None else 3
        return {
            "top": 0.3 * h,
            "today": 1.2 * h,
            "bars": rows * 1.5 * h + max(rows - 1, 0) * 0.3 * h,
            "gap": 0.4 * h,
            "marker": (1.5 * h) if self._model is not None and self._model.request is not None else 0.0,
            "dates": 1.5 * h,
            "bottom": 0.3 * h,
        }

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        metrics, _ = self._metrics()
        return QSize(max(700, round(60 * metrics.averageCharWidth())), round(sum(self._bands().values())))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        metrics, _ = self._metrics()
        return QSize(round(30 * metrics.averageCharWidth()), round(sum(self._bands().values())))

    # geometry: one place, used by painting and tests

    def _plot(self) -> QRectF:
        _, h = self._metrics()
        bands = self._bands()
        side = 0.6 * h
        top = bands["top"] + bands["today"]
        return QRectF(side, top, max(self.width() - 2 * side, 1.0), bands["bars"] + bands["gap"])

    def x_for(self, day: date) -> float:
        """Where ``day`` begins on the axis: linear from the notice day (left) to the day after the last end."""
        plot = self._plot()
        if self._model is None:
            return plot.left()
        span = (self._model.axis_end - self._model.axis_start).days
        return plot.left() + (day - self._model.axis_start).days / span * plot.width()

    def bar_rects(self) -> dict[str, QRectF]:
        """Each period's bar, by rule code."""
        return self.timeline_geometry().bars

    def timeline_geometry(self) -> TimelineGeometry:
        plot = self._plot()
        geometry = TimelineGeometry(plot)
        if self._model is None:
            return geometry
        metrics, h = self._metrics()
        bold = QFontMetricsF(self._bold_font())
        model, right_edge = self._model, self.width() - 0.3 * h
        current = model.current
        y = plot.top()
        for period in model.periods:
            bar = QRectF(QPointF(self.x_for(period.start), y), QPointF(self.x_for(period.end + _ONE_DAY), y + 1.5 * h))
            geometry.bars[period.code] = bar
            is_current = period is current
            text = self._bar_text(period)
            width = (bold if is_current else metrics).horizontalAdvance(text) + 0.6 * h
            if bar.right() + 0.3 * h + width <= right_edge:  # beside the bar, in the free space to its right
                rect = QRectF(bar.right() + 0.3 * h, bar.top(), width, bar.height())
            else:  # on the bar, on a chip so it reads over the fill
                width = min(width, max(bar.width(), right_edge - bar.left()) - 0.4 * h)
                rect = QRectF(bar.left() + 0.2 * h, bar.top() + 0.15 * h, width, bar.height() - 0.3 * h)
            geometry.bar_labels[period.code] = TimelineLabel(text, rect, is_current)
            y += 1.8 * h
        axis_y = plot.bottom()
        geometry.axis = QLineF(plot.left(), axis_y, plot.right(), axis_y)
        self._ticks_and_dates(geometry, axis_y + self._bands()["marker"], metrics, h)
        self._today(geometry, metrics, h)
        self._request(geometry, axis_y, metrics, h)
        # A label gets a background of its own only where it lies over a bar or the today line.
        line = geometry.today_line
        for code, label in geometry.bar_labels.items():
            on_bar = any(label.rect.intersects(bar) for bar in geometry.bars.values())
            crossed = line is not None and label.rect.left() <= line.x1() <= label.rect.right()
            geometry.bar_labels[code] = TimelineLabel(label.text, label.rect, label.bold, on_bar or crossed)
        return geometry

    def _bar_text(self, period: TimelinePeriod) -> str:
        assert self._model is not None
        past = period.end < self._model.today.day
        if period.cut_short:
            template = (
                self.tr("{label} · ended {date}, with the listing")
                if past
                else self.tr("{label} · ends {date}, with the listing")
            )
        else:
            template = self.tr("{label} · ended {date}") if past else self.tr("{label} · ends {date}")
        return template.format(label=period.label, date=format_date(period.end))

    def _ticks_and_dates(self, geometry: TimelineGeometry, top: float, metrics: QFontMetricsF, h: float) -> None:
        assert self._model is not None
        axis_y, model = geometry.axis.y1(), self._model
        geometry.ticks.append(QLineF(geometry.plot.left(), axis_y - 0.3 * h, geometry.plot.left(), axis_y + 0.3 * h))
        geometry.ticks.append(QLineF(geometry.plot.right(), axis_y - 0.3 * h, geometry.plot.right(), axis_y + 0.3 * h))
        start_text = format_date(model.axis_start)
        end_text = format_date(model.axis_end - _ONE_DAY)
        # Each rect carries the 0.3 h padding a label is drawn with, so the text itself lines up with the tick.
        row = QRectF(geometry.plot.left() - 0.3 * h, top + 0.4 * h, 0, h)  # clear of the tallest tick
        start = QRectF(row.left(), row.top(), metrics.horizontalAdvance(start_text) + 0.6 * h, h)
        end_width = metrics.horizontalAdvance(end_text) + 0.6 * h
        end = QRectF(geometry.plot.right() + 0.3 * h - end_width, row.top(), end_width, h)
        placed = [TimelineLabel(start_text, start)]
        if not end.intersects(start.adjusted(0, 0, h, 0)):
            placed.append(TimelineLabel(end_text, end))
        # Month ticks along the axis; each new year's is taller and named where the name fits.
        month = date(model.axis_start.year, model.axis_start.month, 1)
        while month < model.axis_end:
            if month > model.axis_start:
                x = self.x_for(month)
                tall = month.month == 1
                geometry.ticks.append(QLineF(x, axis_y, x, axis_y + (0.35 if tall else 0.2) * h))
                if tall:
                    text = str(month.year)
                    width = metrics.horizontalAdvance(text) + 0.6 * h
                    rect = QRectF(x - width / 2, row.top(), width, h)
                    if not any(rect.adjusted(-h, 0, h, 0).intersects(p.rect) for p in placed):
                        placed.append(TimelineLabel(text, rect))
            month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
        geometry.axis_labels = placed

    def _today(self, geometry: TimelineGeometry, metrics: QFontMetricsF, h: float) -> None:
        assert self._model is not None
        marker, plot = self._model.today, geometry.plot
        x = self.x_for(marker.day)
        text = marker.text
        if x < plot.left():
            text, x = "← " + text, plot.left()
        elif x > plot.right():
            text, x = text + " →", plot.right()
        else:
            geometry.today_line = QLineF(x, self._bands()["top"] + 0.2 * h, x, geometry.axis.y1())
        geometry.today_label = self._beside(text, x, self._bands()["top"], metrics, h)

    def _request(self, geometry: TimelineGeometry, axis_y: float, metrics: QFontMetricsF, h: float) -> None:
        assert self._model is not None
        marker, plot = self._model.request, geometry.plot
        if marker is None:
            return
        x = min(max(self.x_for(marker.day), plot.left()), plot.right())
        size = 0.7 * h
        tip = QPointF(x, axis_y + 0.1 * h)
        geometry.request_marker = QPolygonF(
            [tip, QPointF(x - size / 2, tip.y() + size), QPointF(x + size / 2, tip.y() + size)]
        )
        # Below the month ticks, level with the triangle's broad end.
        geometry.request_label = self._beside(marker.text, x, axis_y + 0.3 * h, metrics, h, clearance=size / 2)

    def _beside(
        self, text: str, x: float, top: float, metrics: QFontMetricsF, h: float, clearance: float = 0.0
    ) -> TimelineLabel:
        """A label to the right of ``x``, or to its left when the right side has no room."""
        width = metrics.horizontalAdvance(text) + 0.6 * h
        gap = clearance + 0.35 * h
        left = x + gap
        if left + width > self.width() - 0.2 * h:
            left = max(x - gap - width, 0.2 * h)
        return TimelineLabel(text, QRectF(left, top, width, 1.2 * h))

    def _bold_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        return font

    # painting

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self.updateGeometry()
            self.update()
        super().changeEvent(event)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        if self._model is None:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("No dates to show"))
            return
        geometry = self.timeline_geometry()
        _, h = self._metrics()
        for code, bar in geometry.bars.items():
            self._paint_bar(painter, code, bar, palette)
        text = palette.color(QPalette.ColorRole.WindowText)
        painter.setPen(QPen(text, max(1.0, h / 14)))
        painter.drawLine(geometry.axis)
        painter.setPen(QPen(text, max(1.0, h / 18)))
        for tick in geometry.ticks:
            painter.drawLine(tick)
        if geometry.today_line is not None:
            pen = QPen(text, max(1.5, h / 9), Qt.PenStyle.DashLine)
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            painter.setPen(pen)
            painter.drawLine(geometry.today_line)
        if geometry.request_marker is not None:
            painter.setPen(QPen(text, 1))
            painter.setBrush(QBrush(text))
            painter.drawPolygon(geometry.request_marker)
        for label in geometry.labels():
            self._paint_label(painter, label, palette)
        if self.hasFocus():
            option = QStyleOptionFocusRect()
            option.initFrom(self)
            option.backgroundColor = palette.color(QPalette.ColorRole.Window)
            self.style().drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, option, painter, self)

    def _paint_bar(self, painter: QPainter, code: str, bar: QRectF, palette: QPalette) -> None:
        highlight = palette.color(QPalette.ColorRole.Highlight)
        painter.setPen(QPen(highlight.darker(130) if code != PROTECTED else palette.color(QPalette.ColorRole.Mid), 1))
        if code == INTERIM:  # solid: the owner may not exchange with anyone
            painter.setBrush(QBrush(highlight))
            painter.drawRect(bar)
        elif code == FULL:  # hatched: still restricted, except a sale to a community interest group
            pale = QColor(highlight)
            pale.setAlphaF(0.35)
            painter.setBrush(QBrush(pale))
            painter.drawRect(bar)
            painter.fillRect(bar, QBrush(highlight, Qt.BrushStyle.BDiagPattern))
        else:  # pale and dotted: the owner may sell, without giving a fresh notice
            painter.setBrush(QBrush(palette.color(QPalette.ColorRole.Button)))
            painter.drawRect(bar)
            painter.fillRect(bar, QBrush(palette.color(QPalette.ColorRole.Mid), Qt.BrushStyle.Dense6Pattern))

    def _paint_label(self, painter: QPainter, label: TimelineLabel, palette: QPalette) -> None:
        painter.setFont(self._bold_font() if label.bold else self.font())
        _, h = self._metrics()
        if label.chip:
            path = QPainterPath()
            path.addRoundedRect(label.rect, 0.25 * h, 0.25 * h)
            painter.fillPath(path, palette.color(QPalette.ColorRole.Window))
        rect = label.rect.adjusted(0.3 * h, 0, -0.3 * h, 0)  # every label's width allows this padding
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        metrics = QFontMetricsF(painter.font())
        text = metrics.elidedText(label.text, Qt.TextElideMode.ElideRight, rect.width() + 1)
        painter.drawText(rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
