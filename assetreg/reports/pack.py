"""A community asset transfer application pack: cover letter, contents, summary, timeline, checklist and sections.

Each section the council asks for carries the group's answer and its papers: PDFs bound in page by page (the
page numbers run on through them), pictures placed on pages, other files listed. The evidence checklist says
what is attached, what is missing and what could not be included.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import BinaryIO

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Paragraph, Table

from ..domain.dates import format_date
from ..domain.enums import TransferType
from ..domain.i18n import tr
from ..domain.printed import Attachment, PackDocument, TimelineBar, TimelineMark
from .binding import attachment_flowables
from .house import (
    ACCENT,
    FONT,
    INK,
    MUTED,
    WARN,
    HouseDocument,
    Rendered,
    contents_table,
    facts_table,
    grid_style,
    heading,
    paragraphs,
    spacer,
    styles,
    text,
)


def render(document: PackDocument, out: BinaryIO) -> Rendered:
    """Writes the pack as a PDF to ``out``."""
    a = document.application
    title = tr("Transfer application: {asset}").format(asset=document.asset.name)
    doc = HouseDocument(
        out,
        document.letterhead,
        title=title,
        subject=tr("Community asset transfer application {reference} to {council}").format(
            reference=a.reference, council=_council_name(document)
        ),
    )
    # Bind every paper first: the checklist must say which could not be included.
    bound: dict[int, tuple[list[Flowable], str]] = {}
    for section in document.sections:
        for item in section.attachments:
            bound[id(item)] = attachment_flowables(item, level=1)
    for item in document.unfiled:
        bound[id(item)] = attachment_flowables(item, level=1)
    warnings = [warning for _, warning in bound.values() if warning]

    story: list[Flowable] = []
    story += _cover_letter(document)
    story += [PageBreak(), Paragraph(text(tr("Contents")), styles().title), spacer(3), contents_table(), PageBreak()]
    story += _summary(document)
    story += _timeline_section(document)
    story += _checklist(document, bound)
    for number, section in enumerate(document.sections, start=1):
        story += [CondPageBreak(60 * mm), heading(f"{number}. {section.name}")]
        story.append(Paragraph(text(section.description, blank=""), styles().note))
        if section.answer.strip():
            story += paragraphs(section.answer)
        else:
            story.append(Paragraph(text(tr("No answer has been written for this section yet.")), styles().warning))
        for item in section.attachments:
            story += bound[id(item)][0]
    if document.unfiled:
        story += [CondPageBreak(60 * mm), heading(tr("Other papers"))]
        story.append(
            Paragraph(
                text(
                    tr("Papers attached to this application that are not filed under a section the council asks for.")
                ),
                styles().note,
            )
        )
        for item in document.unfiled:
            story += bound[id(item)][0]
    return doc.render(story, warnings)


def _council_name(document: PackDocument) -> str:
    return document.council.name if document.council is not None else tr("the council")


def _transfer(document: PackDocument) -> str:
    a = document.application
    if a.transfer_type is TransferType.LEASE:
        if a.lease_term_years:
            return tr("a lease of {years} years").format(years=a.lease_term_years)
        return tr("a lease")
    return {
        TransferType.BUY: tr("the freehold"),
        TransferType.MANAGE: tr("an agreement to manage it"),
    }.get(a.transfer_type, tr("other rights over it"))


def _cover_letter(document: PackDocument) -> list[Flowable]:
    s = styles()
    group = document.letterhead.group
    sender = [document.letterhead.name]
    if group is not None:
        sender += [line for line in (group.address, group.postcode, group.email, group.phone) if line]
    council = document.council
    recipient = [_council_name(document)]
    if council is not None and council.address:
        recipient.append(council.address)
    address = Table(
        [
            [
                Paragraph("<br/>".join(text(line) for line in recipient), s.body),
                Paragraph("<br/>".join(text(line) for line in sender), s.right),
            ]
        ],
        colWidths=["50%", "50%"],
    )
    address.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (0, -1), 0)])
    asset = document.asset
    where = ", ".join(part for part in (asset.address.replace("\n", ", "), asset.postcode) if part)
    subject = tr("Community asset transfer application: {asset}").format(asset=asset.name)
    if where:
        subject += f", {where}"
    a = document.application
    body = [
        tr("Dear Sir or Madam,"),
        tr(
            "{group} applies for the transfer of {asset} by {transfer}. This pack sets out our answers to each section "
            "of {council}’s application and the papers that support them. The contents are listed on the next page."
        ).format(
            group=document.letterhead.name,
            asset=asset.name,
            transfer=_transfer(document),
            council=_council_name(document),
        ),
    ]
    if document.listing_ends_on is not None:
        body.append(
            tr("{asset} is listed as an asset of community value until {date}.").format(
                asset=asset.name, date=format_date(document.listing_ends_on)
            )
        )
    missing = [section.name for section in document.sections if not section.attachments]
    if missing:
        body.append(
            tr(
                "The evidence checklist shows the papers still to follow ({count}); we will send them as soon as "
                "they are ready."
            ).format(count=len(missing))
        )
    contact = group.contact_name if group is not None and group.contact_name else ""
    reach = " or ".join(x for x in ((group.email, group.phone) if group is not None else ()) if x)
    if contact and reach:
        body.append(tr("Please contact {name} at {reach} with any questions.").format(name=contact, reach=reach))
    body.append(tr("Yours faithfully,"))
    story: list[Flowable] = [address, spacer(8), Paragraph(text(format_date(document.letterhead.printed_on)), s.body)]
    story.append(spacer(4))
    if a.reference:
        story.append(Paragraph(text(tr("Our reference: {reference}").format(reference=a.reference)), s.label))
    story += [spacer(2), Paragraph(f"<b>{text(subject)}</b>", s.body), spacer(2)]
    story += [Paragraph(text(paragraph), s.body) for paragraph in body]
    story.append(_signature(contact or "", document.letterhead.name))
    return story


def _signature(name: str, group: str) -> Flowable:
    s = styles()
    rows = [
        ["", ""],
        [Paragraph(text(tr("Signed")), s.label), ""],
        [Paragraph(text(tr("Name")), s.label), Paragraph(text(name, blank=""), s.cell)],
        [Paragraph(text(tr("For")), s.label), Paragraph(text(group), s.cell)],
    ]
    table = Table(rows, colWidths=[22 * mm, 70 * mm], rowHeights=[12 * mm, 8 * mm, 8 * mm, 8 * mm], hAlign="LEFT")
    table.setStyle([("LINEBELOW", (1, 1), (1, 2), 0.5, MUTED), ("VALIGN", (0, 0), (-1, -1), "BOTTOM")])
    return KeepTogether([table])


def _summary(document: PackDocument) -> list[Flowable]:
    a = document.application
    asset = document.asset
    group = document.letterhead.group
    numbers = []
    if group is not None:
        for label, value in (
            (tr("charity"), group.charity_number),
            (tr("company"), group.company_number),
            (tr("society"), group.society_number),
        ):
            if value:
                numbers.append(f"{label} {value}")
    rows = [
        (tr("Applicant"), document.letterhead.name),
        (tr("Legal form"), group.legal_form.label if group is not None else ""),
        (tr("Registered numbers"), ", ".join(numbers) or tr("None recorded")),
        (tr("Asset"), f"{asset.name} ({asset.reference})"),
        (tr("Address"), ", ".join(p for p in (asset.address.replace("\n", ", "), asset.postcode) if p)),
        (tr("UPRN"), asset.uprn),
        (tr("Land Registry titles"), ", ".join(asset.title_numbers)),
        (tr("Category"), asset.category.label),
        (tr("Status"), document.asset_status),
        (tr("Listed until"), document.listing_ends_on or tr("Not listed")),
        (tr("Council"), _council_name(document)),
        (tr("Application"), f"{a.kind.label} ({a.reference})"),
        (tr("Transfer sought"), _transfer(document)[:1].upper() + _transfer(document)[1:]),
        (tr("Stage"), document.stage_name),
        (tr("Submitted"), a.submitted_on or tr("Not yet")),
        (tr("Council’s process"), document.council_profile_name),
    ]
    story: list[Flowable] = [heading(tr("Summary")), facts_table(rows)]
    if asset.description.strip():
        story += [spacer(3), Paragraph(text(tr("About the asset")), styles().h2), *paragraphs(asset.description)]
    return story


def _timeline_section(document: PackDocument) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = [CondPageBreak(90 * mm), heading(tr("Statutory timeline"))]
    if not document.bars:
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


def _checklist(document: PackDocument, bound: dict[int, tuple[list[Flowable], str]]) -> list[Flowable]:
    s = styles()
    rows = [[Paragraph(text(h), s.cell_bold) for h in (tr("Section"), tr("Answer"), tr("Papers"), tr("Status"))]]
    shading = []
    for number, section in enumerate(document.sections, start=1):
        papers = [_paper_line(item, bound[id(item)][1]) for item in section.attachments]
        if not section.attachments:
            status, colour = tr("Missing"), WARN
        elif any(bound[id(item)][1] for item in section.attachments):
            status, colour = tr("Incomplete"), WARN
        else:
            status, colour = tr("Attached"), ACCENT
        answered = tr("Written") if section.answer.strip() else tr("Not written")
        rows.append(
            [
                Paragraph(text(f"{number}. {section.name}"), s.cell),
                Paragraph(text(answered), s.cell),
                Paragraph("<br/>".join(papers) or text(tr("None attached")), s.cell),
                Paragraph(f'<font color="{colour.hexval()}"><b>{text(status)}</b></font>', s.cell),
            ]
        )
        if colour is WARN:
            shading.append(("BACKGROUND", (3, len(rows) - 1), (3, len(rows) - 1), colors.HexColor("#fbeee6")))
    for item in document.unfiled:
        rows.append(
            [
                Paragraph(text(tr("Other papers")), s.cell),
                Paragraph("", s.cell),
                Paragraph(_paper_line(item, bound[id(item)][1]), s.cell),
                Paragraph(text(tr("Not included") if bound[id(item)][1] else tr("Attached")), s.cell),
            ]
        )
    table = Table(rows, colWidths=[55 * mm, 22 * mm, 70 * mm, 23 * mm], repeatRows=1, hAlign="LEFT")
    table.setStyle(grid_style())
    table.setStyle(shading)
    return [CondPageBreak(70 * mm), heading(tr("Evidence checklist")), table]


def _paper_line(item: Attachment, warning: str) -> str:
    if item.path is None:
        return f'{text(item.title)} <font color="{WARN.hexval()}">({text(tr("missing"))})</font>'
    if warning:
        return f'{text(item.title)} <font color="{WARN.hexval()}">({text(tr("not included"))})</font>'
    if not (item.is_pdf or item.is_image):
        return f"{text(item.title)} ({text(tr('separate file'))})"
    return text(item.title)
