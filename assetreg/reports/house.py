"""The house look of every printed document: A4, the embedded font, header, footer, headings and bookmarks.

Every document is built with ``HouseDocument``: the group's name in the header, "Page X of Y" and the print date
in the footer, the PDF's title, author and subject set, and a bookmark for every heading made by ``heading``.
Text from the register always goes through ``text`` or ``paragraphs``, so ``<`` and ``&`` print as themselves.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from typing import BinaryIO

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
    tables,
)
from reportlab.platypus.doctemplate import LayoutError
from reportlab.platypus.tableofcontents import TableOfContents

from .. import __version__
from ..domain.dates import format_date
from ..domain.i18n import tr
from ..domain.printed import Letterhead
from .stamping import Stamp, stamp_pages
from .typeset import FALLBACK, printable, runs, with_fallback

FONT = "Carlito"
NOT_KNOWN = tr("Not known")

INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#5f6b76")
ACCENT = colors.HexColor("#1d4e89")
RULE = colors.HexColor("#c5ccd3")
SHADE = colors.HexColor("#eef2f6")
WARN = colors.HexColor("#a23b00")

# Pages and pictures are stored compressed and binary, not also spelt out in ASCII (a fifth larger, and slow to
# spell in Python); every PDF reader reads both.
rl_config.useA85 = 0

MARGIN = 20 * mm
HEADER_GAP = 12 * mm  # from the top edge to the header's baseline is MARGIN - HEADER_GAP


class _HouseFont(TTFont):
    """A TrueType font that remembers the width of each piece of text it has measured: laying out a page measures
    every word, again for each way a paragraph might break, and again on each pass (the contents and "Page X of Y"
    need two), mostly the same words at the same few sizes."""

    _KEEP = 100_000  # pieces remembered, at most, before starting afresh

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        self._widths: dict[tuple[str | bytes, float, str], float] = {}

    def stringWidth(self, text, size, encoding="utf8"):  # noqa: N802 (reportlab's name)
        key = (text, size, encoding)
        width = self._widths.get(key)
        if width is None:
            if len(self._widths) >= self._KEEP:
                self._widths.clear()
            width = self._widths[key] = super().stringWidth(text, size, encoding)
        return width


@cache
def register_fonts() -> str:
    """Registers the shipped font family once, and returns its name."""
    folder = resources.files("assetreg.resources") / "fonts"
    faces = {"": "Regular", "-Bold": "Bold", "-Italic": "Italic", "-BoldItalic": "BoldItalic"}
    for suffix, face in faces.items():
        with resources.as_file(folder / f"Carlito-{face}.ttf") as path:
            pdfmetrics.registerFont(_HouseFont(FONT + suffix, str(path)))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT + "-Bold", italic=FONT + "-Italic", boldItalic=FONT + "-BoldItalic"
    )
    # The fallback for what Carlito lacks (typeset.py says which characters) is registered by typeset.py the
    # first time a character needs it.
    # A table sets its cells' default font (Helvetica, never embedded) before drawing them, even when every cell
    # is a paragraph of its own; make the default the house font, so a document embeds every font it names.
    tables.CellStyle.fontname = FONT
    return FONT


@dataclass(frozen=True)
class Styles:
    """The paragraph styles every document uses."""

    title: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    label: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    note: ParagraphStyle
    warning: ParagraphStyle
    right: ParagraphStyle
    toc: tuple[ParagraphStyle, ...] = field(default=())


@cache
def styles() -> Styles:
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=11, leading=14.5, textColor=INK, spaceAfter=6)
    small = ParagraphStyle("small", parent=body, fontSize=9, leading=11.5, spaceAfter=0)
    return Styles(
        title=ParagraphStyle(
            "title", parent=body, fontName=FONT + "-Bold", fontSize=20, leading=24, textColor=ACCENT, spaceAfter=4
        ),
        h1=ParagraphStyle(
            "h1",
            parent=body,
            fontName=FONT + "-Bold",
            fontSize=14.5,
            leading=18,
            textColor=ACCENT,
            spaceBefore=12,
            spaceAfter=6,
            keepWithNext=True,
        ),
        h2=ParagraphStyle(
            "h2", parent=body, fontName=FONT + "-Bold", fontSize=12, leading=15, spaceBefore=8, keepWithNext=True
        ),
        body=body,
        small=small,
        label=ParagraphStyle("label", parent=small, textColor=MUTED),
        cell=ParagraphStyle("cell", parent=body, fontSize=10, leading=12.5, spaceAfter=0),
        cell_bold=ParagraphStyle("cell_bold", parent=body, fontName=FONT + "-Bold", fontSize=10, leading=12.5),
        note=ParagraphStyle("note", parent=body, fontSize=10, leading=13, textColor=MUTED),
        warning=ParagraphStyle("warning", parent=body, fontSize=10.5, leading=13.5, textColor=WARN),
        right=ParagraphStyle("right", parent=body, alignment=TA_RIGHT),
        toc=(
            ParagraphStyle("toc0", parent=body, fontSize=11.5, leading=16, leftIndent=0, firstLineIndent=0),
            ParagraphStyle(
                "toc1", parent=body, fontSize=10, leading=13, leftIndent=14, firstLineIndent=0, textColor=MUTED
            ),
        ),
    )


def escape(value: str) -> str:
    """``&``, ``<`` and ``>`` written as paragraph markup writes them (as ``xml.sax.saxutils.escape`` does, without
    loading the web libraries that come with it)."""
    return value.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def text(value: object, blank: str = NOT_KNOWN) -> str:
    """Register text as paragraph markup that prints literally: escaped, line breaks kept, ``blank`` when empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return escape(blank)
    if isinstance(value, date):
        return escape(printable(format_date(value), FONT))
    markup = escape(printable(str(value).strip(), FONT)).replace("\r\n", "\n").replace("\n", "<br/>")
    return with_fallback(markup, FONT)


def draw_line(canvas, x: float, y: float, value: str, font: str, size: float, *, right: bool = False) -> None:
    """Register text drawn straight on the page (the running header), with the fallback font where Carlito lacks
    a character, as a paragraph has; ``right`` aligns its end at ``x``."""
    pieces = [
        (run, FALLBACK + ("-Bold" if font.endswith("-Bold") else "") if needs else font)
        for run, needs in runs(printable(value, FONT), FONT)
    ]
    if right:
        x -= sum(pdfmetrics.stringWidth(run, face, size) for run, face in pieces)
    for run, face in pieces:
        canvas.setFont(face, size)
        canvas.drawString(x, y, run)
        x += pdfmetrics.stringWidth(run, face, size)


def paragraphs(value: str, style: ParagraphStyle | None = None, blank: str = NOT_KNOWN) -> list[Paragraph]:
    """Long text as one paragraph per blank-line-separated part, so it flows across pages."""
    style = style or styles().body
    parts = [p for p in (value or "").replace("\r\n", "\n").split("\n\n") if p.strip()]
    if not parts:
        return [Paragraph(text("", blank), style)]
    return [Paragraph(text(p), style) for p in parts]


_keys = itertools.count(1)


class Heading(Paragraph):
    """A heading that becomes a bookmark (and, with ``contents``, a line in the contents)."""

    def __init__(self, title: str | None, style: ParagraphStyle, level: int = 0, contents: bool = True, **parts):
        # reportlab makes the pieces of a heading too long for one page as ``Heading(None, style, frags=...)``.
        super().__init__(text(title) if title is not None else None, style, **parts)
        self.title = title
        self.level = level
        self.contents = contents
        self.key = f"h{next(_keys)}"

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        # A very long heading (an asset's name of thousands of characters) runs on over pages: the first piece
        # is the bookmarked heading, the rest carry on as text.
        pieces = super().split(available_width, available_height)
        for number, piece in enumerate(pieces):
            piece.title = self.title if number == 0 else None
            piece.level, piece.contents, piece.key = self.level, self.contents, self.key
        return pieces


def heading(title: str, level: int = 0, *, contents: bool = True) -> Heading:
    """A section heading (level 0) or sub-heading (level 1), bookmarked."""
    return Heading(title, styles().h1 if level == 0 else styles().h2, level, contents)


def contents_table() -> TableOfContents:
    """A contents list filled in with the page of every heading (needs ``HouseDocument.render``'s passes)."""
    toc = TableOfContents(dotsMinLevel=0)
    toc.levelStyles = list(styles().toc)
    return toc


def facts_table(rows: Iterable[tuple[str, object]], widths: tuple[float, float] = (45 * mm, None)) -> Table:
    """A two-column table of label and value; empty values print "Not known"."""
    s = styles()
    data = [
        [Paragraph(text(label), s.label), value if isinstance(value, Flowable) else Paragraph(text(value), s.cell)]
        for label, value in rows
    ]
    table = Table(data, colWidths=list(widths), hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 3.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def grid_style(header_rows: int = 1) -> TableStyle:
    """The style of a data table: a shaded header row, light rules, top-aligned cells."""
    return TableStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), SHADE),
            ("LINEBELOW", (0, 0), (-1, header_rows - 1), 0.8, ACCENT),
            ("LINEBELOW", (0, header_rows), (-1, -1), 0.3, RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ]
    )


def spacer(height_mm: float = 4) -> Spacer:
    return Spacer(1, height_mm * mm)


class _PageTotal(Flowable):
    """Counts the pages of one pass so the next can print "of Y"; asks for another pass until the count settles."""

    def __init__(self) -> None:
        super().__init__()
        self.known: int | None = None  # the total from the pass before
        self.counted = 0

    def isIndexing(self) -> int:  # noqa: N802 (reportlab's name)
        return 1

    def beforeBuild(self) -> None:  # noqa: N802
        self.counted = 0

    def afterBuild(self) -> None:  # noqa: N802
        pass

    def isSatisfied(self) -> bool:  # noqa: N802
        satisfied = self.known == self.counted
        self.known = self.counted
        return satisfied

    def notify(self, kind: str, stuff: object) -> None:
        if kind == "page":
            self.counted = max(self.counted, int(stuff))

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass


class _DryText(PDFTextObject):
    """Text placed but not written out, for a pass whose pages are thrown away."""

    def _formatText(self, text):  # noqa: N802 (reportlab's name)
        return ""


class _DryCanvas(Canvas):
    """The canvas of the first pass, which only finds where every heading and page falls (the contents and "Page
    X of Y" come from it) and is never saved: the layout is the same, but text and pictures are not written."""

    def beginText(self, x=0, y=0, direction=None):  # noqa: N802 (reportlab's name)
        return _DryText(self, x, y, direction=direction)

    def drawImage(self, image, x, y, width=None, height=None, *args, **kwargs):  # noqa: N802
        return width, height


def _first_pass_dry():
    """A canvas maker for ``multiBuild``: a dry canvas for the first pass, a real one for every later pass. The
    first pass is never the last: ``_PageTotal`` is satisfied only once a pass has been counted before it."""
    made = itertools.count()
    return lambda *args, **kwargs: (_DryCanvas if next(made) == 0 else Canvas)(*args, **kwargs)


@dataclass(frozen=True)
class Rendered:
    """What rendering made: the page count, and a warning for each attachment left out or missing."""

    pages: int
    warnings: tuple[str, ...] = ()


class HouseDocument(BaseDocTemplate):
    """An A4 document (portrait, or landscape) in the house look."""

    def __init__(
        self,
        out: BinaryIO,
        letterhead: Letterhead,
        *,
        title: str,
        subject: str,
        landscape_pages: bool = False,
    ) -> None:
        register_fonts()
        size = landscape(A4) if landscape_pages else A4
        self.out = out
        self.stamps: list[Stamp] = []  # attached PDF pages to put in once laid out (see binding.py)
        super().__init__(
            io.BytesIO(),
            pagesize=size,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN + 4 * mm,
            bottomMargin=MARGIN,
            title=title,
            author=letterhead.name,
            subject=subject,
            creator=f"AssetReg {__version__}",
            producer=f"AssetReg {__version__}",
            lang="en-GB",
            # A canvas otherwise starts every page in Helvetica, an unembedded font in an otherwise whole PDF.
            initialFontName=FONT,
        )
        self.letterhead = letterhead
        self.document_title = title
        self.pages = _PageTotal()
        # No inner padding: text and tables line up with the header and footer rules.
        frame = Frame(
            self.leftMargin,
            self.bottomMargin,
            self.width,
            self.height,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="body",
        )
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._furniture)])

    def render(self, story: list[Flowable], warnings: Iterable[str] = ()) -> Rendered:
        """Lays out ``story`` (as many passes as the contents and page count need)."""
        try:
            self.multiBuild([self.pages, *story], canvasmaker=_first_pass_dry())
        except LayoutError:
            # A table row taller than a page (pages of notes pasted into one field) can only print split across
            # pages. Rows are kept whole otherwise, so allow splitting only now, and lay the document out again.
            for flowable in story:
                for table in (flowable, *getattr(flowable, "_content", ())):
                    if isinstance(table, Table):
                        table.splitInRow = 1
            self.filename = io.BytesIO()
            self.multiBuild([self.pages, *story], canvasmaker=_first_pass_dry())
        pdf = self.filename.getvalue()
        self.out.write(stamp_pages(pdf, self.stamps) if self.stamps else pdf)
        return Rendered(self.pages.known or 0, tuple(warnings))

    def beforeDocument(self) -> None:  # noqa: N802 (reportlab's hook, once per pass)
        self.stamps.clear()

    def afterPage(self) -> None:  # noqa: N802 (reportlab's hook)
        self.notify("page", self.page)

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802
        if isinstance(flowable, Heading) and flowable.title is not None:
            self.canv.bookmarkPage(flowable.key)
            self.canv.addOutlineEntry(flowable.title, flowable.key, level=flowable.level, closed=False)
            if flowable.contents:
                self.notify("TOCEntry", (flowable.level, text(flowable.title), self.page, flowable.key))

    def _furniture(self, canvas, doc) -> None:
        width, height = self.pagesize
        top = height - MARGIN + 2 * mm
        canvas.saveState()
        canvas.setFillColor(ACCENT)
        draw_line(canvas, self.leftMargin, top, self.letterhead.name, FONT + "-Bold", 10)
        canvas.setFillColor(MUTED)
        draw_line(canvas, width - self.rightMargin, top, self.document_title, FONT, 9, right=True)
        canvas.setFont(FONT, 9)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.line(self.leftMargin, top - 2.5 * mm, width - self.rightMargin, top - 2.5 * mm)
        bottom = MARGIN - 9 * mm
        canvas.line(self.leftMargin, bottom + 4 * mm, width - self.rightMargin, bottom + 4 * mm)
        canvas.drawString(
            self.leftMargin,
            bottom,
            self.letterhead.printed_note,
        )
        total = self.pages.known
        canvas.drawRightString(
            width - self.rightMargin,
            bottom,
            tr("Page {page} of {total}").format(page=doc.page, total=total if total else "…"),
        )
        canvas.restoreState()


def callout(content: str | Iterable[Flowable], colour: colors.Color = WARN) -> Table:
    """A shaded box with a bar of ``colour`` down its left side, for what must not be missed.

    ``content`` is paragraph markup (already escaped) or flowables; keep it short, as a box cannot split.
    """
    s = styles()
    cell = [Paragraph(content, s.warning if colour == WARN else s.body)] if isinstance(content, str) else list(content)
    box = Table([[cell]], colWidths=["100%"], hAlign="LEFT")
    box.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                ("LINEBEFORE", (0, 0), (0, -1), 3, colour),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return box


def signature_block(rows: Iterable[tuple[str, str]]) -> Table:
    """Lines to sign and write on: each row is a label and what is already known ("" leaves the line empty)."""
    s = styles()
    data = [[Paragraph(text(label), s.label), Paragraph(text(value, blank=""), s.cell)] for label, value in rows]
    table = Table(data, colWidths=[28 * mm, 90 * mm], rowHeights=11 * mm, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LINEBELOW", (1, 0), (1, -1), 0.6, INK),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table
