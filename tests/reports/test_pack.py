"""The transfer application pack, from hand-built data and real files: parsed back, checked and drawn.

Attachments are real PDFs (portrait, landscape, a turned page), a picture, a text file, a password-protected
PDF, a damaged one and one missing from the folder; the pack must bind the good ones in with page numbers that
run on through them, and name the others without failing.
"""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from assetreg.domain import entities as e
from assetreg.domain.enums import ApplicationKind, LegalForm, TransferType
from assetreg.domain.pack_sections import pack_section
from assetreg.domain.printed import (
    Attachment,
    Letterhead,
    PackDocument,
    PackSectionContent,
    TimelineBar,
    TimelineMark,
)
from assetreg.reports import render

TODAY = date(2026, 11, 21)


def make_pdf(path: Path, pages: int, label: str, size=A4) -> Path:
    c = canvas.Canvas(str(path), pagesize=size)
    for number in range(1, pages + 1):
        c.setFont("Helvetica-Bold", 24)
        c.drawString(72, size[1] - 120, f"{label} page {number}")
        c.showPage()
    c.save()
    return path


def group() -> e.CommunityGroup:
    return e.CommunityGroup(
        reference="GRP-0001",
        name="Cymdeithas Tŷ & Ŵyn <Ltd>",
        legal_form=LegalForm.COMMUNITY_BENEFIT_SOCIETY,
        is_own_group=True,
        society_number="RS001",
        contact_name="Siân Jones",
        email="sian@example.org",
        address="1 Stryd Fawr\nLlanfair",
    )


def pack(sections: tuple[PackSectionContent, ...], unfiled: tuple[Attachment, ...] = ()) -> PackDocument:
    return PackDocument(
        letterhead=Letterhead(group(), TODAY),
        application=e.TransferApplication(
            reference="TA-0001",
            asset_ref="AST-0001",
            authority_ref="AUTH-0001",
            kind=ApplicationKind.COMMUNITY_ASSET_TRANSFER,
            transfer_type=TransferType.LEASE,
            lease_term_years=25,
            stage="full-application",
            submitted_on=date(2026, 10, 1),
        ),
        asset=e.Asset(reference="AST-0001", name="The Red Lion", address="1 High St", postcode="TN14 6AB"),
        council=e.Authority(reference="AUTH-0001", name="Sevenoaks District Council", address="Argyle Road"),
        council_profile_name="Sevenoaks District Council",
        stage_name="Full application",
        asset_status="Listed",
        listing_ends_on=date(2029, 3, 1),
        sections=sections,
        unfiled=unfiled,
        bars=(
            TimelineBar("Listed", date(2024, 3, 2), date(2029, 3, 1)),
            TimelineBar("Interim moratorium", date(2026, 11, 1), date(2026, 12, 12)),
        ),
        marks=(TimelineMark("Today", TODAY), TimelineMark("Application submitted", date(2026, 10, 1))),
        deadlines=(),
    )


def section(code: str, name: str, answer: str = "", *attachments: Attachment) -> PackSectionContent:
    asks = pack_section(code).asks_for_papers
    return PackSectionContent(code, name, f"What {name.lower()} covers.", answer, attachments, asks)


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "files"
    folder.mkdir()
    found = {
        "constitution": make_pdf(folder / "constitution.pdf", 7, "Constitution"),
        "accounts": make_pdf(folder / "accounts.pdf", 7, "Accounts", landscape(A4)),
        "letters": make_pdf(folder / "letters.pdf", 7, "Letters"),
    }
    turned = PdfWriter(clone_from=found["letters"])
    turned.pages[1].rotate(90)
    turned.write(folder / "letters.pdf")
    locked = PdfWriter(clone_from=make_pdf(folder / "plain.pdf", 2, "Secret"))
    locked.encrypt("secret")
    locked.write(folder / "locked.pdf")
    found["locked"] = folder / "locked.pdf"
    found["broken"] = folder / "broken.pdf"
    found["broken"].write_bytes(b"%PDF-1.4\nthis is not really a PDF")
    picture = Image.new("RGB", (1200, 800), "white")
    ImageDraw.Draw(picture).rectangle([50, 50, 1150, 750], outline="navy", width=10)
    picture.save(folder / "plan.png")
    found["plan"] = folder / "plan.png"
    found["notes"] = folder / "notes.docx"
    found["notes"].write_bytes(b"PK not really a document")
    return found


def attached(path: Path | None, title: str, filename: str = "") -> Attachment:
    filename = filename or (path.name if path else "gone.pdf")
    media = {"pdf": "application/pdf", "png": "image/png"}.get(filename.rsplit(".", 1)[-1], "application/octet-stream")
    return Attachment(title=title, filename=filename, path=path, media_type=media, reference="DOC-0001")


def write(document: PackDocument, path: Path):
    with path.open("wb") as out:
        return render(document, out)


def test_a_pack_binds_attached_pdfs_in_with_page_numbers_running_on(files, tmp_path, pdf):
    sections = (
        section("organisation-and-status", "Organisation and legal status", "We are a society."),
        section(
            "governing-document",
            "Governing document",
            "Our rules allow a lease.",
            attached(files["constitution"], "Rules"),
        ),
        section("finance", "Finance", "Three years of accounts.", attached(files["accounts"], "Accounts 2023–2025")),
        section(
            "need-and-support", "Evidence of need and support", "", attached(files["letters"], "Letters of support")
        ),
    )
    out = tmp_path / "pack.pdf"
    rendered = write(pack(sections), out)
    parsed = pdf.parse(out)

    assert rendered.warnings == ()
    assert rendered.pages == parsed.pages
    generated = parsed.pages - 21
    assert generated >= 3  # letter, contents, then summary, timeline, checklist and the first section
    # Every attached page is in, in order, each with the pack's own footer counting on.
    for label in ("Constitution", "Accounts", "Letters"):
        pages = [i for i, t in enumerate(parsed.texts) for n in range(1, 8) if f"{label} page {n}" in t]
        assert len(pages) == 7, label
        assert pages == sorted(pages) and pages[-1] - pages[0] == 6
        for index in pages:
            assert f"Page {index + 1} of {parsed.pages}" in parsed.texts[index]
    titles = [title for _, title in parsed.outline]
    assert titles[:3] == ["Summary", "Statutory timeline", "Evidence checklist"]
    assert "2. Governing document" in titles and (1, "Rules") in parsed.outline
    assert (1, "Accounts 2023–2025") in parsed.outline
    # The contents page gives every heading (in the outline's order) the page it is really on.
    numbers = [int(n) for n in re.findall(r"(?:\.\s+)+(\d+)", parsed.texts[1])]
    assert len(numbers) == len(parsed.outline)
    for (_, title), page in zip(parsed.outline, numbers, strict=True):
        assert title in parsed.texts[page - 1], (title, page)
    assert parsed.metadata["/Title"] == "Transfer application: The Red Lion"
    assert parsed.metadata["/Author"] == "Cymdeithas Tŷ & Ŵyn <Ltd>"
    assert len(pdf.render_pages(out, tmp_path)) == parsed.pages


def test_a_turned_attached_page_is_shown_the_way_a_viewer_shows_it(files, tmp_path, pdf):
    out = tmp_path / "pack.pdf"
    write(pack((section("need-and-support", "Support", "", attached(files["letters"], "Letters")),)), out)
    # Drawn turned, as PDFium (a viewer's engine) lays it out: the turned page's line runs up the page, so it is
    # taller than it is wide; the upright page after it runs across.
    extent = text_extent(out)
    width, height = extent("Letters page 2")
    assert height > 3 * width
    width, height = extent("Letters page 3")
    assert width > 3 * height
    pdf.check(out)


def text_extent(path: Path):
    """``extent(text)``: the width and height, in points, of the box around ``text`` where PDFium finds it."""
    document = pdfium.PdfDocument(path)

    def extent(text: str) -> tuple[float, float]:
        for page in document:
            found = page.get_textpage()
            hit = found.search(text).get_next()
            if hit:
                start, count = hit
                boxes = [found.get_charbox(index) for index in range(start, start + count)]
                left, bottom = min(b[0] for b in boxes), min(b[1] for b in boxes)
                right, top = max(b[2] for b in boxes), max(b[3] for b in boxes)
                return right - left, top - bottom
        raise AssertionError(f"{text!r} is not in {path.name}")

    return extent


def test_missing_locked_and_damaged_papers_are_named_and_left_out(files, tmp_path, pdf):
    sections = (
        section("governing-document", "Governing document", "Rules.", attached(files["locked"], "Locked rules")),
        section("finance", "Finance", "Accounts.", attached(files["broken"], "Damaged accounts")),
        section("need-and-support", "Support", "Survey.", attached(None, "Survey results", "survey.pdf")),
        section("site-plan-and-valuation", "Site plan", "Plan.", attached(files["plan"], "Site plan")),
        section("insurance", "Insurance"),
    )
    out = tmp_path / "pack.pdf"
    rendered = write(pack(sections, unfiled=(attached(files["notes"], "Meeting notes"),)), out)
    parsed = pdf.parse(out)

    assert len(rendered.warnings) == 3
    assert any("locked.pdf" in w and "password" in w for w in rendered.warnings)
    assert any("broken.pdf" in w and "damaged" in w for w in rendered.warnings)
    assert any("survey.pdf" in w and "missing" in w for w in rendered.warnings)
    assert "Secret page" not in parsed.text
    checklist = next(t for t in parsed.texts if "Evidence checklist" in t and "Status" in t)
    assert "Locked rules (could not be bound in)" in checklist
    assert "Survey results (file missing)" in checklist
    assert "Missing" in checklist  # insurance has no papers
    assert "Meeting notes (send separately)" in checklist
    # Insurance has neither answer nor papers: listed as not yet written, never printed as an empty section.
    assert "These sections have no answer yet, so they are not printed" in " ".join(parsed.text.split())
    assert "5. Insurance" not in [title for _, title in parsed.outline]
    # The picture is placed on a page as an image.
    assert any("/XObject" in str(page.get("/Resources", {})) for page in PdfReader(out).pages)
    pdf.render_pages(out, tmp_path)


def test_register_text_prints_literally_and_long_answers_flow(tmp_path, pdf):
    long_answer = "\n\n".join(f"Paragraph {n}: we run <b>quizzes</b> & raise £1,200 – every year." for n in range(120))
    out = tmp_path / "pack.pdf"
    rendered = write(pack((section("proposal-and-outcomes", "Proposed use", long_answer),)), out)
    parsed = pdf.parse(out)

    assert "Paragraph 0: we run <b>quizzes</b> & raise £1,200 – every year." in parsed.text
    assert "Paragraph 119:" in parsed.text
    spread = [n for n, t in enumerate(parsed.texts) if "Paragraph " in t]
    assert len(spread) >= 3 and spread == list(range(spread[0], spread[-1] + 1))
    assert rendered.pages == parsed.pages
    assert "Cymdeithas Tŷ & Ŵyn <Ltd>" in parsed.texts[0]


def test_a_pack_with_nothing_attached_is_still_a_pack(tmp_path, pdf):
    out = tmp_path / "pack.pdf"
    rendered = write(pack(()), out)
    parsed = pdf.parse(out)
    assert rendered.pages == parsed.pages >= 3
    assert "Evidence checklist" in parsed.text


def test_rendering_writes_nothing_until_it_is_whole():
    stream = io.BytesIO()
    document = pack((section("finance", "Finance", "x"),))
    write_to = render(document, stream)
    assert stream.getvalue().startswith(b"%PDF") and write_to.pages >= 3
