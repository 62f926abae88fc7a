"""The register extract: every asset on a landscape table, read back, checked and drawn, from none to a thousand.

Rows carry what the printing service gathers: labels of the real enums, and the next deadline the rules compute.
"""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from PIL import Image
from pypdf import PdfReader

from assetreg.domain import entities as e
from assetreg.domain.asset_deadlines import AssetFacts, asset_deadlines
from assetreg.domain.counting import WorkingDayCalendar
from assetreg.domain.enums import AssetCategory, Jurisdiction, LegalForm
from assetreg.domain.printed import Letterhead, RegisterExtractDocument, RegisterRow
from assetreg.domain.settings import Settings
from assetreg.domain.status import AssetStatus, NoticeStatus
from assetreg.reports import register_extract, render

TODAY = date(2025, 9, 15)  # Mon
ENGLAND = WorkingDayCalendar(Jurisdiction.ENGLAND)
GROUP = e.CommunityGroup(name="Ambridge Community Pub Society", legal_form=LegalForm.COMMUNITY_BENEFIT_SOCIETY)
ODD_NAME = "Fish & Chips <b>Shop</b>"
HEADER = "Reference\nName\nCategory\nCouncil\nAddress\nStatus\nListed on\nListing ends\nNext deadline"


def red_lion() -> RegisterRow:
    # Listed Sun 15 Jun 2025 (the listing ends Fri 14 Jun 2030); a notice received Sun 31 Aug 2025 starts the
    # interim moratorium, which ends Sat 11 Oct 2025: the next deadline.
    entry = e.ListEntry(reference="LST-0001", asset_ref="AST-0001", entered_on=date(2025, 6, 15))
    notice = e.DisposalNotice(
        reference="DN-0001", asset_ref="AST-0001", received_on=date(2025, 8, 31), vacant_possession=True
    )
    found = AssetFacts("AST-0001", "The Red Lion", Jurisdiction.ENGLAND, list_entries=(entry,), notices=(notice,))
    upcoming = [d for d in asset_deadlines(found, TODAY, Settings(), ENGLAND) if d.date >= TODAY and not d.done]
    return RegisterRow(
        reference="AST-0001",
        name="The Red Lion",
        category=AssetCategory.PUB.label,
        council="Borsetshire District Council",
        address="1 High Street\nAmbridge, Borsetshire AB1 2CD",
        status=NoticeStatus.INTERIM_MORATORIUM.label,
        listed_on=entry.entered_on,
        listing_ends_on=date(2030, 6, 14),
        next_deadline=upcoming[0].label,
        next_deadline_on=upcoming[0].date,
    )


def chip_shop() -> RegisterRow:
    return RegisterRow(
        reference="AST-0002",
        name=ODD_NAME,
        category=AssetCategory.SHOP.label,
        council="West Northamptonshire Council",
        address="",
        status=AssetStatus.NOT_NOMINATED.label,
        listed_on=None,
        listing_ends_on=None,
        next_deadline="",
        next_deadline_on=None,
    )


def many(count: int) -> tuple[RegisterRow, ...]:
    base = red_lion()
    return tuple(
        RegisterRow(
            reference=f"AST-{n:04d}",
            name=f"Asset number {n}",
            category=list(AssetCategory)[n % len(AssetCategory)].label,
            council="Borsetshire District Council",
            address=f"{n} High Street, Ambridge, Borsetshire AB1 2CD",
            status=list(AssetStatus)[n % len(AssetStatus)].label,
            listed_on=base.listed_on + timedelta(days=n),
            listing_ends_on=base.listing_ends_on + timedelta(days=n),
            next_deadline=base.next_deadline if n % 2 else "",
            next_deadline_on=base.next_deadline_on if n % 2 else None,
        )
        for n in range(1, count + 1)
    )


def extract(rows: tuple[RegisterRow, ...]) -> RegisterExtractDocument:
    return RegisterExtractDocument(letterhead=Letterhead(GROUP, TODAY), today=TODAY, rows=rows)


def words(text: str) -> str:
    """The text with its line breaks as spaces, since table cells wrap."""
    return " ".join(text.split())


def write(document: RegisterExtractDocument, folder: Path) -> Path:
    """Renders through the package's dispatcher, and checks the page count it reports against the file."""
    path = folder / "register.pdf"
    with path.open("wb") as out:
        rendered = render(document, out)
    assert rendered.warnings == ()
    assert rendered.pages == len(PdfReader(path).pages)
    return path


def test_the_next_deadline_is_the_one_the_rules_give():
    row = red_lion()
    assert (row.next_deadline_on, row.next_deadline.split(" — ")[0]) == (date(2025, 10, 11), "Interim moratorium ends")


def test_a_short_extract_is_one_landscape_page_with_every_value(pdf, tmp_path):
    path = write(extract((red_lion(), chip_shop())), tmp_path)
    parsed = pdf.parse(path)
    assert parsed.pages == 1
    page = PdfReader(path).pages[0]
    assert page.mediabox.width > page.mediabox.height  # landscape A4
    text = parsed.text
    assert HEADER in text
    text = words(text)
    for expected in (
        "Register of assets",
        "2 assets, as at Mon 15 Sep 2025",
        "AST-0001",
        "The Red Lion",
        "Pub",
        "Borsetshire District Council",
        "1 High Street Ambridge, Borsetshire AB1 2CD",
        "Interim moratorium",
        "Sun 15 Jun 2025",
        "Fri 14 Jun 2030",
        "Sat 11 Oct 2025",
        "Interim moratorium ends — last day the council can receive a request to be treated as a potential bidder",
        "West Northamptonshire Council",
        "AST-0002",
        "Not nominated",
        "Ambridge Community Pub Society",
        "Printed Mon 15 Sep 2025 with AssetReg",
        "Page 1 of 1",
    ):
        assert expected in text, expected


def test_markup_in_register_text_prints_literally(pdf, tmp_path):
    text = words(pdf.parse(write(extract((chip_shop(),)), tmp_path)).text)
    assert ODD_NAME in text
    assert "1 asset, as at Mon 15 Sep 2025" in text


def test_empty_values_print_a_dash_not_a_gap(pdf, tmp_path):
    text = pdf.parse(write(extract((chip_shop(),)), tmp_path)).text
    after_status = text.split("Not nominated", 1)[1]
    assert after_status.split()[:3] == ["—", "—", "—"]  # listed on, listing ends, next deadline


def test_one_bookmark_and_the_metadata(pdf, tmp_path):
    parsed = pdf.parse(write(extract((red_lion(),)), tmp_path))
    assert parsed.outline == [(0, "Register of assets")]
    assert parsed.metadata["/Title"] == "Register of assets"
    assert parsed.metadata["/Author"] == "Ambridge Community Pub Society"
    assert parsed.metadata["/Subject"] == "1 asset, as at Mon 15 Sep 2025"


def test_an_empty_register_says_so_in_a_sentence(pdf, tmp_path):
    parsed = pdf.parse(write(extract(()), tmp_path))
    assert parsed.pages == 1
    assert "0 assets, as at Mon 15 Sep 2025" in parsed.text
    assert "The register has no assets yet." in parsed.text
    assert "Reference" not in parsed.text
    assert parsed.outline == [(0, "Register of assets")]


def test_a_long_extract_repeats_the_header_row_on_every_page(pdf, tmp_path):
    parsed = pdf.parse(write(extract(many(300)), tmp_path))
    assert parsed.pages > 1
    for number, page in enumerate(parsed.texts, start=1):
        assert HEADER in page, number
        assert f"Page {number} of {parsed.pages}" in page
    # every row printed once, whole and in order
    references = [line for line in parsed.text.split() if line.startswith("AST-")]
    assert references == [f"AST-{n:04d}" for n in range(1, 301)]
    assert "Register of assets" in parsed.texts[0] and "300 assets, as at Mon 15 Sep 2025" in parsed.texts[0]


def test_a_thousand_assets_render_on_every_page_with_the_header_repeated():
    # How fast is for bench/, not a test: a loaded machine must make the suite slow, never red.
    out = io.BytesIO()
    rendered = register_extract.render(extract(many(1000)), out)
    reader = PdfReader(io.BytesIO(out.getvalue()))
    assert rendered.pages == len(reader.pages) > 20
    assert all("Reference" in page.extract_text() for page in reader.pages)
    assert "AST-1000" in reader.pages[-1].extract_text()


def test_a_row_taller_than_a_page_is_split_rather_than_failing(pdf, tmp_path):
    essay = replace(chip_shop(), address="Long address line. " * 800)
    path = tmp_path / "long.pdf"
    with path.open("wb") as out:
        rendered = register_extract.render(extract((red_lion(), essay, red_lion())), out)
    parsed = pdf.parse(path)
    assert parsed.pages == rendered.pages > 1
    assert parsed.text.split().count("Long") == 800


def test_a_page_is_drawn_in_landscape(pdf, tmp_path):
    pages = pdf.render_pages(write(extract(many(30)), tmp_path), tmp_path, resolution=50)
    assert len(pages) > 1
    for page in pages:
        image = Image.open(page)
        assert image.width > image.height
