"""The pack's statutory timeline: the asset's listing and moratoria as bars on one axis, the days that matter as
marks, and the statutory dates still to come; for a Scottish request, the decision period from validation."""

from __future__ import annotations

from datetime import date, timedelta

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Table

from ..domain.dates import format_date
from ..domain.i18n import tr
from ..domain.printed import PackDocument, TimelineBar, TimelineMark
from ..domain.transfer_request import is_scottish_request
from . import pack_scotland
from .house import ACCENT, FONT, INK, MUTED, WARN, grid_style, heading, spacer, styles, text


def timeline_section(document: PackDocument) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = [CondPageBreak(90 * mm), heading(tr("Statutory timeline"))]
    if is_scottish_request(document.application) and not document.bars:
        story.append(Paragraph(text(pack_scotland.period(document)), s.note))
    elif not document.bars:
        story.append(
            Paragraph(
                text(tr("No listing or moratorium is recorded for this asset, so no statutory period applies to it.")),
                s.note,
            )
        )
    else:
        story.append(timeline_drawing(document.bars, document.marks, 170 * mm))
    if document.deadlines:
        rows = [[Paragraph(text(h), s.cell_bold) for h in (tr("Date"), tr("What"), tr("Rule"))]]
        for item in document.deadlines:
            d = item.deadline
            rows.append(
                [
                    Paragraph(text(item.date), s.cell),
                    Paragraph(text(item.label), s.cell),
                    Paragraph(text(f"{d.code} · {d.rule.citation}" if d else ""), s.cell),
                ]
            )
        table = Table(rows, colWidths=[28 * mm, 92 * mm, 50 * mm], repeatRows=1, hAlign="LEFT")
        table.setStyle(grid_style())
        story += [spacer(4), Paragraph(text(tr("Dates still to come")), s.h2), table]
    return story


_BAR_COLOURS = (ACCENT, colors.HexColor("#c77c02"), colors.HexColor("#b5472b"), colors.HexColor("#5b8c5a"))


def timeline_drawing(bars: tuple[TimelineBar, ...], marks: tuple[TimelineMark, ...], width: float) -> Drawing:
    """Periods as bars on a shared time axis, with single days (today, a submission) as dashed lines."""
    gutter, row, top_gap, axis_gap = 36 * mm, 10 * mm, 10 * mm, 14 * mm
    height = top_gap + row * max(len(bars), 1) + axis_gap
    drawing = Drawing(width, height)
    days = [b.start for b in bars] + [b.end for b in bars] + [m.on for m in marks]
    first, last = min(days) - timedelta(20), max(days) + timedelta(20)
    span = (last - first).days or 1
    plot = width - gutter

    def x(day: date) -> float:
        return gutter + plot * (day - first).days / span

    base = 9 * mm  # the axis; the rows start a little above it, so no date under a bar touches it
    drawing.add(Line(gutter, base, width, base, strokeColor=MUTED, strokeWidth=0.6))
    for tick, label in _ticks(first, last):
        drawing.add(Line(x(tick), base, x(tick), base - 1.5 * mm, strokeColor=MUTED, strokeWidth=0.6))
        drawing.add(
            String(x(tick), base - 5 * mm, label, fontName=FONT, fontSize=7.5, fillColor=MUTED, textAnchor="middle")
        )
    for index, bar in enumerate(sorted(bars, key=lambda b: (b.start, b.end))):
        y = height - top_gap - row * (index + 1) + 2 * mm
        colour = _BAR_COLOURS[index % len(_BAR_COLOURS)]
        drawing.add(String(0, y + 1.2 * mm, bar.label, fontName=FONT + "-Bold", fontSize=8.5, fillColor=INK))
        left, right = x(bar.start), max(x(bar.end), x(bar.start) + 1)
        drawing.add(Rect(left, y, right - left, 3.6 * mm, fillColor=colour, strokeColor=None))
        span_text = f"{format_date(bar.start)} – {format_date(bar.end)}"
        anchor, at = ("end", right) if right > gutter + plot * 0.6 else ("start", left)
        drawing.add(String(at, y - 3 * mm, span_text, fontName=FONT, fontSize=7, fillColor=MUTED, textAnchor=anchor))
    for index, mark in enumerate(marks):
        at = x(mark.on)
        colour = WARN if mark.label == tr("Today") else MUTED
        drawing.add(Line(at, base, at, height - 2 * mm, strokeColor=colour, strokeWidth=0.7, strokeDashArray=(2, 2)))
        anchor = "end" if at > gutter + plot * 0.75 else "start"
        offset = -1 if anchor == "end" else 1
        label = f"{mark.label} {format_date(mark.on)}"
        drawing.add(
            String(
                at + offset * mm,
                height - 3.5 * mm - (index % 2) * 3.2 * mm,
                label,
                fontName=FONT,
                fontSize=7,
                fillColor=colour,
                textAnchor=anchor,
            )
        )
    return drawing


def _ticks(first: date, last: date) -> list[tuple[date, str]]:
    """Marks along the axis: every month on a short timeline, every half year on a longer one, else every year."""
    span = (last - first).days
    months = (1,) if span > 1500 else (1, 7) if span > 400 else tuple(range(1, 13))
    ticks = []
    for year in range(first.year, last.year + 1):
        for month in months:
            tick = date(year, month, 1)
            if first <= tick <= last:
                ticks.append((tick, str(year) if month == 1 else tick.strftime("%b")))
    return ticks
