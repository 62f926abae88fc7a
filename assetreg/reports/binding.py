"""Binding the group's own files into a printed document.

A PDF's pages are laid out like any other page: each reserves a page of the document (so the contents, bookmarks
and "Page X of Y" count it) and is stamped onto that page with pypdf once reportlab has finished. A picture is
placed on a page, scaled to fit. Anything else is listed. A file that is missing, protected by a password or
damaged is named in the document and in a warning, and left out; the rest of the document is still made.
"""

from __future__ import annotations

import logging
from enum import StrEnum
from pathlib import Path

from PIL import Image as PILImage
from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Image, KeepTogether, Paragraph

from ..domain.i18n import tr
from ..domain.printed import Attachment
from .house import FONT, MUTED, RULE, heading, styles, text
from .stamping import Stamp

log = logging.getLogger(__name__)
NOTE_ROOM = 14  # points beneath an attached page for "Reduced to 87 % to fit"


def _page_size(reader: PdfReader, index: int) -> tuple[float, float]:
    page = reader.pages[index]
    box = page.cropbox
    width, height = float(box.width), float(box.height)
    return (height, width) if page.rotation % 180 else (width, height)


class AttachedPage(Flowable):
    """One page of an attached PDF: takes the rest of the frame, draws a hairline border where the page goes,
    and leaves a ``Stamp`` for ``stamp_pages`` to put the page itself there."""

    MIN_HEIGHT = 200 * mm  # below this much room, start a new page rather than shrink the attached one

    def __init__(self, reader: PdfReader, index: int) -> None:
        super().__init__()
        self.reader = reader
        self.index = index
        self.page_width, self.page_height = _page_size(reader, index)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.height = available_height if available_height >= self.MIN_HEIGHT else available_height + 1
        return self.width, self.height

    def drawOn(self, canvas, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802 (reportlab's name)
        # Room is kept beneath the page for the note that says it was reduced.
        scale = min(1.0, self.width / self.page_width, (self.height - NOTE_ROOM) / self.page_height)
        width, height = self.page_width * scale, self.page_height * scale
        left, bottom = x + (self.width - width) / 2, y + self.height - height
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.rect(left, bottom, width, height)
        percent = round(scale * 100)
        if percent < 100:
            canvas.setFillColor(MUTED)
            canvas.setFont(FONT, 8)
            canvas.drawRightString(
                left + width, bottom - 10, tr("Reduced to {percent} % to fit").format(percent=percent)
            )
        canvas.restoreState()
        canvas._doctemplate.stamps.append(
            Stamp(canvas.getPageNumber(), self.reader, self.index, left, bottom, width, height)
        )


def _open_pdf(path: Path) -> PdfReader:
    """The attached PDF, ready to read; raises ``ValueError`` in plain words when it cannot be bound in."""
    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ValueError(tr("it is protected by a password"))
        if len(reader.pages) == 0:
            raise ValueError(tr("it has no pages"))
        for index in range(len(reader.pages)):
            _page_size(reader, index)
    except ValueError:
        raise
    except Exception as error:  # pypdf raises many kinds for damaged files; any of them means "left out"
        log.info("Could not read %s: %s", path, error)
        raise ValueError(tr("it could not be read as a PDF (the file may be damaged)")) from error
    return reader


def attachment_flowables(attachment: Attachment, *, level: int = 1) -> tuple[list[Flowable], str]:
    """What binds ``attachment`` in under a bookmarked heading at ``level``, and a warning ("" when none).

    A missing or unreadable file is named on the page and in the warning, and left out.
    """
    s = styles()
    title = attachment.title or attachment.filename
    head = heading(title, level)
    label = f"{attachment.filename} ({attachment.reference})" if attachment.reference else attachment.filename
    if attachment.path is None or not attachment.path.is_file():
        warning = tr("{title} ({file}) is missing from the register's document folder, so it is not included.")
        warning = warning.format(title=title, file=attachment.filename)
        return [head, Paragraph(text(warning), s.warning)], warning
    if attachment.is_pdf:
        try:
            reader = _open_pdf(attachment.path)
        except ValueError as reason:
            warning = tr("{title} ({file}) was left out: {reason}. Save it again as an ordinary PDF and attach it.")
            warning = warning.format(title=title, file=attachment.filename, reason=reason)
            return [head, Paragraph(text(warning), s.warning)], warning
        count = len(reader.pages)
        caption = tr("{file} · {count} pages").format(file=label, count=count) if count > 1 else label
        pages = [AttachedPage(reader, i) for i in range(count)]
        # Start on a fresh page unless most of one is left, so the heading stays with the first attached page.
        return [CondPageBreak(AttachedPage.MIN_HEIGHT + 25 * mm), head, Paragraph(text(caption), s.label), *pages], ""
    if attachment.is_image:
        try:
            with PILImage.open(attachment.path) as picture:
                picture.verify()
            with PILImage.open(attachment.path) as picture:
                width, height = picture.size
        except Exception as error:
            log.info("Could not read %s: %s", attachment.path, error)
            warning = tr("{title} ({file}) was left out: it could not be read as a picture.").format(
                title=title, file=attachment.filename
            )
            return [head, Paragraph(text(warning), s.warning)], warning
        image = _FittedImage(str(attachment.path), width, height)
        return [KeepTogether([head, Paragraph(text(label), s.label), image])], ""
    note = tr("{file} is listed here but not printed: send it with the pack as a separate file.").format(file=label)
    return [head, Paragraph(text(note), s.note)], ""


# A picture prints no larger than its pixels at this many dots an inch. 96 is a screen's pixel: a photo or a scan
# (thousands of pixels) is shrunk to fit long before this applies, while a 60 × 40 px logo prints at 16 × 11 mm,
# as it looks on screen, rather than blown up into a blur. (72 would be a point a pixel; 150 would be print quality,
# but would make a small screenshot of a plan too small to read.)
PICTURE_DPI = 96


class _FittedImage(Image):
    """A picture scaled to the frame's width and at most most of its height, never enlarged past its resolution."""

    def __init__(self, path: str, width: int, height: int) -> None:
        super().__init__(path, width=width, height=height)
        self._natural = (float(width), float(height))  # in pixels

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        width, height = self._natural
        largest = 72 / PICTURE_DPI  # points a pixel
        scale = min(largest, available_width / width, (available_height * 0.9) / height, 170 * mm / height)
        # With too little room left, ask for more than there is (so it moves on a page) — but never more than
        # the picture's own size.
        scale = max(scale, min(largest, available_width / width, 60 * mm / height))
        self.drawWidth, self.drawHeight = width * scale, height * scale
        return self.drawWidth, self.drawHeight


class PaperState(StrEnum):
    """What became of one paper in a printed document."""

    BOUND = "bound"  # its pages or picture are in the document
    SEPARATE = "separate"  # a file that cannot be printed (a spreadsheet, a Word file): send it alongside
    LEFT_OUT = "left-out"  # a PDF or picture that could not be read
    MISSING = "missing"  # the stored file is gone from the register's document folder


def paper_state(attachment: Attachment, warning: str) -> PaperState:
    """The state of a paper once ``attachment_flowables`` has tried to bind it (``warning`` is what it said)."""
    if attachment.path is None or not attachment.path.is_file():
        return PaperState.MISSING
    if warning:
        return PaperState.LEFT_OUT
    return PaperState.BOUND if attachment.is_pdf or attachment.is_image else PaperState.SEPARATE


def paper_state_label(state: PaperState) -> str:
    return {
        PaperState.BOUND: tr("bound in"),
        PaperState.SEPARATE: tr("send separately"),
        PaperState.LEFT_OUT: tr("could not be bound in"),
        PaperState.MISSING: tr("file missing"),
    }[state]
