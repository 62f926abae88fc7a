"""Binding files in: a picture is never blown up past its resolution, and a shrunk page says so."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject, RectangleObject
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from assetreg.domain.printed import Attachment, Enclosure
from assetreg.reports import binding
from assetreg.reports.house import MARGIN

from .test_nomination import make, papers, render


def test_a_small_logo_prints_at_its_own_size_not_four_times_it(tmp_path: Path) -> None:
    path = tmp_path / "logo.png"
    Image.new("RGB", (60, 40), "navy").save(path)
    flowables, warning = binding.attachment_flowables(Attachment("Logo", "logo.png", path, "image/png"))
    assert warning == ""
    image = next(f for f in flowables[0]._content if isinstance(f, binding._FittedImage))
    width, height = image.wrap(170 * mm, 250 * mm)
    assert (width, height) == (60 * 72 / binding.PICTURE_DPI, 40 * 72 / binding.PICTURE_DPI)  # 16 × 11 mm
    # Even with too little room left on the page, it is not enlarged to push it on.
    assert image.wrap(170 * mm, 5 * mm)[1] <= 40 * 72 / binding.PICTURE_DPI


def test_a_large_photo_is_still_shrunk_to_the_frame(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    Image.new("RGB", (4000, 3000), "green").save(path)
    flowables, _ = binding.attachment_flowables(Attachment("Photo", "photo.jpg", path, "image/jpeg"))
    image = next(f for f in flowables[0]._content if isinstance(f, binding._FittedImage))
    assert image.wrap(170 * mm, 250 * mm)[0] == 170 * mm


def a_pdf(path: Path, size) -> Path:
    drawing = canvas.Canvas(str(path), pagesize=size)
    drawing.drawString(72, 72, "Sheet one of the plan")
    drawing.showPage()
    drawing.save()
    return path


def test_an_attached_page_shrunk_to_fit_says_by_how_much_and_a_small_one_is_not_enlarged(tmp_path: Path, pdf):
    a4 = Attachment("Plan", "plan.pdf", a_pdf(tmp_path / "plan.pdf", A4), "application/pdf")
    out = tmp_path / "n.pdf"
    render(make(enclosures=papers((a4,))), out)
    last = " ".join(pdf.parse(out).texts[-1].split())
    found = re.search(r"Reduced to (\d+) % to fit", last)
    assert found and 60 < int(found.group(1)) < 100
    a5 = dataclasses.replace(a4, path=a_pdf(tmp_path / "small.pdf", A5), filename="small.pdf")
    render(make(enclosures=(Enclosure("plan", "Plan", True, (a5,)),)), out)
    assert "Reduced to" not in pdf.parse(out).texts[-1]


def test_an_attached_page_in_several_content_streams_is_copied_in_whole_within_its_crop_box(tmp_path: Path, pdf):
    # A page as other programs write it: content split over two streams (a token sequence broken between them)
    # and a crop box that shows only its upper half. Both streams must print, placed from the crop box.
    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    font = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
    )
    streams = []
    for data in (b"BT /F1 14 Tf", b"72 700 Td (Boundary of the land) Tj 0 -40 Td (Access from the lane) Tj ET"):
        stream = DecodedStreamObject()
        stream.set_data(data)
        streams.append(writer._add_object(stream))
    page[NameObject("/Contents")] = ArrayObject(streams)
    page.cropbox = RectangleObject((0, 400, 595, 842))
    path = tmp_path / "split.pdf"
    writer.write(path)

    out = tmp_path / "n.pdf"
    render(make(enclosures=papers((Attachment("Plan", "split.pdf", path, "application/pdf"),))), out)
    pdf.check(out)
    document = pdfium.PdfDocument(out)
    last = document[len(document) - 1].get_textpage()
    for text in ("Boundary of the land", "Access from the lane"):
        start, count = last.search(text).get_next()
        boxes = [last.get_charbox(index) for index in range(start, start + count)]
        # Within the page's frame: the crop box's lower edge (400 points up the attached page) was taken off.
        assert min(b[1] for b in boxes) > MARGIN and max(b[3] for b in boxes) < A4[1] - MARGIN, text


def test_an_attached_page_keeps_its_links_placed_where_the_page_is(tmp_path: Path, pdf):
    path = tmp_path / "linked.pdf"
    drawing = canvas.Canvas(str(path), pagesize=A4)
    drawing.drawString(72, 700, "The council's planning page")
    drawing.linkURL("https://example.org/planning", (72, 690, 300, 715))
    drawing.showPage()
    drawing.save()
    out = tmp_path / "n.pdf"
    render(make(enclosures=papers((Attachment("Plan", "linked.pdf", path, "application/pdf"),))), out)
    pdf.check(out)
    page = PdfReader(out).pages[-1]
    links = [a.get_object() for a in page.get("/Annots", ())]
    (link,) = [a for a in links if a.get("/A", {}).get("/URI") == "https://example.org/planning"]
    left, bottom, right, top = (float(v) for v in link["/Rect"])
    # Scaled down with the page (it was 228 points wide) and still over the text, inside the page's frame.
    assert right - left < 228 and MARGIN < bottom < top < A4[1] - MARGIN
    assert "The council's planning page" in page.extract_text()
