"""Binding files in: a picture is never blown up past its resolution, and a shrunk page says so."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from PIL import Image
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from assetreg.domain.printed import Attachment, Enclosure
from assetreg.reports import binding

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
