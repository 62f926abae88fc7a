"""Putting the pages of attached PDFs onto the pages reserved for them, once reportlab has laid the document out."""

from __future__ import annotations

import io
from dataclasses import dataclass

from pypdf import PdfReader, PdfWriter, Transformation


@dataclass(frozen=True)
class Stamp:
    """Where one attached page goes: the document's page number and the box it is scaled into."""

    page: int
    reader: PdfReader
    index: int
    x: float
    y: float
    width: float
    height: float


# After turning clockwise about the origin, the shift that brings a w × h page back to the origin.
_TURNED_ORIGIN = {
    90: lambda w, h: (0, w),
    180: lambda w, h: (w, h),
    270: lambda w, h: (h, 0),
}


def stamp_pages(pdf: bytes, stamps: list[Stamp]) -> bytes:
    """Puts each attached page onto the page reserved for it; the outline and metadata are kept."""
    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    for stamp in stamps:
        source = stamp.reader.pages[stamp.index]
        box = source.cropbox
        width, height = float(box.width), float(box.height)
        # Into the page's own upright box: undo the offset of its crop box, then turn it as a viewer would show it.
        transform = Transformation().translate(-float(box.left), -float(box.bottom))
        turn = source.rotation % 360
        if turn:
            transform = transform.rotate(-turn).translate(*_TURNED_ORIGIN[turn](width, height))
        shown_width = height if turn in (90, 270) else width
        transform = transform.scale(stamp.width / shown_width).translate(stamp.x, stamp.y)
        writer.pages[stamp.page - 1].merge_transformed_page(source, transform)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
