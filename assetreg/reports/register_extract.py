"""The register extract: every asset on one landscape table, with its status and key dates.

The header row repeats on every page and the rows are zebra-shaded, so a long register stays readable on paper.
"""

from __future__ import annotations

from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Table

from ..domain.dates import format_date
from ..domain.i18n import tr
from ..domain.printed import RegisterExtractDocument, RegisterRow
from .house import Heading, HouseDocument, Rendered, grid_style, spacer, styles, text

TITLE = tr("Register of assets")
NONE = "—"  # an empty cell: a dense table reads better with a dash than with "Not known" in every gap
ZEBRA = colors.HexColor("#f7f9fb")  # every other row: lighter than the header's shade
HEADINGS = (
    tr("Reference"),
    tr("Name"),
    tr("Category"),
    tr("Council"),
    tr("Address"),
    tr("Status"),
    tr("Listed on"),
    tr("Listing ends"),
    tr("Next deadline"),
)
# Fixed widths fit the longest reference, category, status and date; the wordy columns share the rest by weight.
FIXED = {0: 17 * mm, 2: 22 * mm, 5: 24 * mm, 6: 27 * mm, 7: 27 * mm}
SHARES = {1: 0.20, 3: 0.21, 4: 0.29, 8: 0.30}  # the council fits "Northamptonshire"


def render(document: RegisterExtractDocument, out: BinaryIO) -> Rendered:
    """Lays out the register extract as a landscape PDF into ``out``."""
    count = len(document.rows)
    as_at = format_date(document.today)
    summary = (tr("1 asset, as at {date}") if count == 1 else tr("{n} assets, as at {date}")).format(
        n=count, date=as_at
    )
    doc = HouseDocument(out, document.letterhead, title=TITLE, subject=summary, landscape_pages=True)
    s = styles()
    story: list[Flowable] = [Heading(TITLE, s.title, level=0, contents=False), Paragraph(text(summary), s.note)]
    if not document.rows:
        story += [spacer(2), Paragraph(text(tr("The register has no assets yet.")), s.body)]
    else:
        story.append(_table(document.rows, doc.width))
    return doc.render(story)


def _widths(available: float) -> list[float]:
    rest = available - sum(FIXED.values())
    return [FIXED[i] if i in FIXED else rest * SHARES[i] for i in range(len(HEADINGS))]


def _table(rows: tuple[RegisterRow, ...], available: float) -> Table:
    s = styles()
    head = [Paragraph(text(h), s.label) for h in HEADINGS]
    data = [head, *(_row(r) for r in rows)]
    table = Table(data, colWidths=_widths(available), repeatRows=1, hAlign="LEFT")
    style = grid_style()
    style.add("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA])
    table.setStyle(style)
    return table


def _row(row: RegisterRow) -> list[object]:
    small = styles().small
    if row.next_deadline and row.next_deadline_on is not None:
        deadline: object = [
            Paragraph(f"<b>{text(row.next_deadline_on)}</b>", small),
            Paragraph(text(row.next_deadline), small),
        ]
    elif row.next_deadline or row.next_deadline_on is not None:
        deadline = Paragraph(text(row.next_deadline or row.next_deadline_on), small)
    else:
        deadline = Paragraph(NONE, small)
    return [
        Paragraph(text(row.reference, blank=NONE), small),
        Paragraph(f"<b>{text(row.name)}</b>", small),
        Paragraph(text(row.category, blank=NONE), small),
        Paragraph(text(row.council, blank=NONE), small),
        Paragraph(text(row.address, blank=NONE), small),
        Paragraph(text(row.status, blank=NONE), small),
        Paragraph(text(row.listed_on, blank=NONE), small),
        Paragraph(text(row.listing_ends_on, blank=NONE), small),
        deadline,
    ]
