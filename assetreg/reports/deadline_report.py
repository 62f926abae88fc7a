"""The deadline report for a meeting: what is overdue and what falls due soon, grouped by asset.

One table per asset (date | what | rule | action), overdue dates first and in the warning colour. Kept compact so
that a usual meeting's handful of dates fits on one sheet.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Table

from ..domain.asset_deadlines import AssetDeadline
from ..domain.dates import format_date
from ..domain.i18n import tr
from ..domain.printed import DeadlineReportDocument
from .house import WARN, HouseDocument, Rendered, grid_style, heading, spacer, styles, text

TITLE = tr("Deadlines for the meeting")
NOT_TIED = tr("Not tied to an asset")
# date | what | rule | action: the date and rule columns fit the longest date and code; the others share the rest.
DATE_WIDTH, RULE_WIDTH = 31 * mm, 35 * mm
# A group up to twice this high is kept whole on one page; a longer one starts where the last ended, if this is left.
RUN_ON = 60 * mm
_WARN = f"#{WARN.hexval()[2:]}"


def render(document: DeadlineReportDocument, out: BinaryIO) -> Rendered:
    """Lays out the deadline report as a PDF into ``out``."""
    today, within = document.today, document.within_days
    doc = HouseDocument(
        out,
        document.letterhead,
        title=TITLE,
        subject=tr("Overdue, and due in the next {n} days, as at {date}").format(n=within, date=format_date(today)),
    )
    rest = doc.width - DATE_WIDTH - RULE_WIDTH
    widths = (DATE_WIDTH, rest * 0.48, RULE_WIDTH, rest * 0.52)
    return doc.render(_story(document, widths))


def _story(document: DeadlineReportDocument, widths: tuple[float, ...]) -> list[Flowable]:
    s = styles()
    today, within, deadlines = document.today, document.within_days, document.deadlines
    scope = text(tr("{date} · overdue, and due in the next {n} days").format(date=format_date(today), n=within))
    story: list[Flowable] = [Paragraph(text(TITLE), s.title)]
    if not deadlines:
        story += [
            Paragraph(scope, s.note),
            spacer(2),
            Paragraph(text(tr("Nothing is overdue or due in the next {n} days.").format(n=within)), s.body),
        ]
        return story
    story.append(Paragraph(f"{scope} · {_summary(deadlines, today)}", s.note))
    for title, items in _groups(deadlines, today):
        story += _group(title, _table(items, today, widths), widths)
    return story


def _group(title: str, table: Table, widths: tuple[float, ...]) -> list[Flowable]:
    """The asset's heading and table: kept whole on one page when short, else run on with the heading kept on."""
    head = heading(title, level=0, contents=False)
    # The heading style's keep-with-next would move even a long group to a fresh page; the group decides instead.
    head.keepWithNext = False
    width = sum(widths)
    height = head.wrap(width, 1e6)[1] + head.getSpaceBefore() + head.getSpaceAfter() + table.wrap(width, 1e6)[1]
    if height <= 2 * RUN_ON:
        return [KeepTogether([head, table])]
    return [CondPageBreak(RUN_ON), head, table]


def _summary(deadlines: Sequence[AssetDeadline], today: date) -> str:
    overdue = sum(1 for d in deadlines if d.overdue(today))
    assets = len({d.asset_ref for d in deadlines if d.asset_ref})
    parts = []
    if overdue:
        parts.append(f'<font color="{_WARN}"><b>{text(_count(overdue, tr("overdue"), tr("overdue")))}</b></font>')
    upcoming = len(deadlines) - overdue
    if upcoming:
        parts.append(text(_count(upcoming, tr("coming up"), tr("coming up"))))
    if not assets:
        return tr("{parts}.").format(parts=tr(" and ").join(parts))
    where = _count(assets, tr("asset"), tr("assets"))
    return tr("{parts}, on {where}.").format(parts=tr(" and ").join(parts), where=text(where))


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _groups(deadlines: Sequence[AssetDeadline], today: date) -> list[tuple[str, list[AssetDeadline]]]:
    """One group per asset (and one for dates tied to none): overdue groups first, then by their first date."""
    by_asset: dict[str, list[AssetDeadline]] = {}
    for item in deadlines:
        by_asset.setdefault(item.asset_ref, []).append(item)
    groups = []
    for ref, items in by_asset.items():
        items.sort(key=lambda d: (not d.overdue(today), d.date))
        title = f"{items[0].asset_name} ({ref})" if ref else NOT_TIED
        groups.append((not any(d.overdue(today) for d in items), items[0].date, title, items))
    groups.sort(key=lambda g: g[:2])
    return [(title, items) for _, _, title, items in groups]


def _table(items: list[AssetDeadline], today: date, widths: tuple[float, ...]) -> Table:
    s = styles()
    head = [Paragraph(text(t), s.label) for t in (tr("Date"), tr("What"), tr("Rule"), tr("Action"))]
    rows = [[_when(d, today), _what(d), _rule(d), _action(d)] for d in items]
    table = Table([head, *rows], colWidths=list(widths), repeatRows=1, hAlign="LEFT")
    style = grid_style()
    for i, item in enumerate(items, start=1):
        if item.overdue(today):
            style.add("LINEBEFORE", (0, i), (0, i), 2, WARN)
    table.setStyle(style)
    return table


def _when(item: AssetDeadline, today: date) -> list[Flowable]:
    s = styles()
    days = item.days_remaining(today)
    if item.overdue(today):
        n = -days
        left = tr("Overdue by 1 day") if n == 1 else tr("Overdue by {n} days").format(n=n)
        when = f'<font color="{_WARN}"><b>{text(left)}</b></font>'
    elif days < 0:
        when = text(tr("Passed 1 day ago") if days == -1 else tr("Passed {n} days ago").format(n=-days))
    elif days == 0:
        when = f"<b>{text(tr('Due today'))}</b>"
    else:
        when = text(tr("1 day left") if days == 1 else tr("{n} days left").format(n=days))
    return [Paragraph(f"<b>{text(item.date)}</b>", s.cell), Paragraph(when, s.small)]


def _what(item: AssetDeadline) -> list[Flowable]:
    s = styles()
    parts: list[Flowable] = [Paragraph(text(item.label), s.cell)]
    d = item.deadline
    if d is not None and d.provisional:
        parts.append(Paragraph(text(tr("Provisional: counted from the date sent.")), s.label))
    return parts


def _rule(item: AssetDeadline) -> list[Flowable]:
    s = styles()
    if item.deadline is None:
        return [Paragraph(text(tr("Your task")), s.small), Paragraph(text(item.record_ref, blank=""), s.label)]
    rule = item.deadline.rule
    return [Paragraph(text(rule.code), s.small), Paragraph(text(rule.citation, blank=""), s.label)]


def _action(item: AssetDeadline) -> list[Flowable]:
    s = styles()
    parts: list[Flowable] = []
    if item.send_by is not None:
        send = tr("Send by {date}").format(date=format_date(item.send_by))
        parts.append(Paragraph(f"<b>{text(send)}</b>", s.cell))
    # A task without notes has only its title, which the "what" column already shows.
    action = "" if item.deadline is None and item.action == item.label else item.action
    parts.append(Paragraph(text(action, blank=""), s.cell))
    return parts
