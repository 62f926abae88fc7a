"""Putting the pages of attached PDFs onto the pages reserved for them, once reportlab has laid the document out.

Each attached page is copied in as it is, as a form (a PDF's own way of drawing one page's content on another,
moved and scaled), clipped to the page's crop box as a viewer shows it: its content is neither parsed nor
rewritten, so binding in a long paper costs little more than copying its bytes. A page with annotations (links,
filled-in form fields, comments) is merged by pypdf instead, which carries the annotations over, placed to match.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

from pypdf import PdfReader, PdfWriter, Transformation
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NumberObject,
    StreamObject,
)


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
_TURNED_ORIGIN: dict[int, Callable[[float, float], tuple[float, float]]] = {
    90: lambda w, h: (0, w),
    180: lambda w, h: (w, h),
    270: lambda w, h: (h, 0),
}


def placement(stamp: Stamp) -> Transformation:
    """The transformation that puts the attached page, upright as a viewer shows it, into the stamp's box."""
    source = stamp.reader.pages[stamp.index]
    box = source.cropbox
    width, height = float(box.width), float(box.height)
    # Into the page's own upright box: undo the offset of its crop box, then turn it as a viewer would show it.
    transform = Transformation().translate(-float(box.left), -float(box.bottom))
    turn = source.rotation % 360
    if turn:
        transform = transform.rotate(-turn).translate(*_TURNED_ORIGIN[turn](width, height))
    shown_width = height if turn in (90, 270) else width
    return transform.scale(stamp.width / shown_width).translate(stamp.x, stamp.y)


def stamp_pages(pdf: bytes, stamps: list[Stamp]) -> bytes:
    """Puts each attached page onto the page reserved for it; the outline and metadata are kept."""
    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    forms: dict[tuple[int, int], IndirectObject] = {}  # one form for each attached page, however often it is used
    isolated: set[int] = set()  # the pages whose own content is already closed off
    for number, stamp in enumerate(stamps):
        source = stamp.reader.pages[stamp.index]
        page = writer.pages[stamp.page - 1]
        if source.get("/Annots"):
            page.merge_transformed_page(source, placement(stamp))
            continue
        key = (id(stamp.reader), stamp.index)
        if key not in forms:
            forms[key] = writer._add_object(_form(writer, source))
        name = f"/AssetRegAttached{number}"
        _xobjects(page)[NameObject(name)] = forms[key]
        matrix = " ".join(_number(value) for value in placement(stamp).ctm)
        _append(writer, page, f"q {matrix} cm {name} Do Q\n".encode("ascii"), first=stamp.page not in isolated)
        isolated.add(stamp.page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _form(writer: PdfWriter, source) -> StreamObject:
    """The attached page as a form: its content as it is stored, its resources, its crop box as the clip."""
    contents = source.get("/Contents")
    contents = contents.get_object() if contents is not None else None
    if isinstance(contents, StreamObject):
        form: StreamObject = DecodedStreamObject()
        form.set_data(contents._data)  # as stored, still compressed: its filters come with it
        for key in ("/Filter", "/DecodeParms"):
            if key in contents:
                form[NameObject(key)] = contents[key].clone(writer)
    else:  # no content, or an array of streams: one stream of their content, joined at token boundaries
        parts = [part.get_object().get_data() for part in contents or ()]
        plain = DecodedStreamObject()
        plain.set_data(b"\n".join(parts))
        form = plain.flate_encode()
    box = source.cropbox
    form[NameObject("/Type")] = NameObject("/XObject")
    form[NameObject("/Subtype")] = NameObject("/Form")
    form[NameObject("/FormType")] = NumberObject(1)
    form[NameObject("/BBox")] = ArrayObject(FloatObject(value) for value in (box.left, box.bottom, box.right, box.top))
    resources = source.get("/Resources")
    resources = resources.get_object() if resources is not None else None
    form[NameObject("/Resources")] = (
        resources.clone(writer) if isinstance(resources, DictionaryObject) else DictionaryObject()
    )
    return form


def _xobjects(page) -> DictionaryObject:
    """The page's own dictionary of named forms and pictures, copied first where it is shared with other pages."""
    resources = page.get("/Resources")
    resources = DictionaryObject(resources.get_object()) if resources is not None else DictionaryObject()
    page[NameObject("/Resources")] = resources
    xobjects = resources.get("/XObject")
    xobjects = DictionaryObject(xobjects.get_object()) if xobjects is not None else DictionaryObject()
    resources[NameObject("/XObject")] = xobjects
    return xobjects


def _append(writer: PdfWriter, page, operations: bytes, *, first: bool) -> None:
    """Draws ``operations`` over the page's content; the ``first`` time, that content is closed off in a saved
    graphics state, so nothing it leaves set (a turn, a clip, a colour) moves or hides what is drawn over it."""
    contents = page.get("/Contents")
    found = contents.get_object() if contents is not None else None
    streams = list(found) if isinstance(found, ArrayObject) else ([contents] if contents is not None else [])
    if first:
        streams = [writer._add_object(_stream(b"q\n")), *streams, writer._add_object(_stream(b"\nQ\n"))]
    page[NameObject("/Contents")] = ArrayObject([*streams, writer._add_object(_stream(operations))])


def _stream(data: bytes) -> DecodedStreamObject:
    stream = DecodedStreamObject()
    stream.set_data(data)
    return stream


def _number(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".") or "0"
