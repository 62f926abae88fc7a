"""No text is ever lost or broken apart: any length prints, unprintable characters are named, and postcodes and
dates stay on one line — in real PDFs parsed back."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

from pypdf import PdfReader

from assetreg.domain import entities as e
from assetreg.domain.enums import LegalForm
from assetreg.domain.printed import Letterhead, RegisterExtractDocument
from assetreg.reports import render
from assetreg.reports.typeset import NO_BREAK, printable

from .test_register_extract import red_lion

TODAY = date(2025, 9, 15)
GROUP = e.CommunityGroup(name="Ambridge Community Pub Society", legal_form=LegalForm.COMMUNITY_BENEFIT_SOCIETY)


def extract(*rows) -> tuple[str, tuple[str, ...], int]:
    out = io.BytesIO()
    rendered = render(RegisterExtractDocument(Letterhead(GROUP, TODAY), TODAY, rows), out)
    reader = PdfReader(io.BytesIO(out.getvalue()))
    return "\n".join(p.extract_text() for p in reader.pages), rendered.warnings, len(reader.pages)


def test_a_name_of_three_thousand_characters_prints_over_as_many_pages_as_it_needs():
    long = replace(red_lion(), name="The Red Lion " * 230)  # 2,990 characters
    text, warnings, pages = extract(long)
    assert pages >= 2 and warnings == ()
    assert " ".join(text.split()).count("The Red Lion") >= 200  # every word printed


def test_what_carlito_lacks_prints_in_the_fallback_and_what_no_font_can_print_is_quoted_in_a_warning():
    odd = replace(red_lion(), name="مقهى Café בית 🍺 Tŷ Coch ✓ Երևան თბილისი 中文")
    text, warnings, _ = extract(odd)
    flat = " ".join(text.split())
    # Welsh, accents, ticks, Armenian and Georgian print (the last three in DejaVu Sans); right-to-left writing,
    # colour emoji and Chinese show as "?" — nothing vanishes without a mark, nothing prints reversed.
    assert "???? Café ??? ? Tŷ Coch ✓ Երևան თბილისი ??" in flat
    (warning,) = warnings
    for word in ("مقهى", "בית", "🍺", "中文"):
        assert f"“{word}”" in warning
    assert "Café" not in warning and "Երևան" not in warning and "✓" not in warning
    assert "(Arabic, Han (Chinese characters), Hebrew, emoji and symbols)" in warning
    assert "shows as “?”" in warning and "right-to-left writing" in warning


def test_the_fallback_font_is_embedded_and_used_in_the_running_header_too(tmp_path, pdf):
    out = tmp_path / "extract.pdf"
    group = replace(GROUP, name="Ambridge ✓ Society")
    with out.open("wb") as stream:
        rendered = render(RegisterExtractDocument(Letterhead(group, TODAY), TODAY, (red_lion(),)), stream)
    assert rendered.warnings == ()
    assert pdf.unembedded_fonts(out) == []
    reader = PdfReader(out)
    fonts = {str(f["/BaseFont"]).split("+")[-1] for page in reader.pages for f in page["/Resources"]["/Font"].values()}
    assert {"Carlito", "Carlito-Bold", "DejaVuSans-Bold"} <= fonts  # the header's ✓ is in the bold fallback
    assert "✓" in reader.pages[0].extract_text()


def test_unprintable_values_are_found_before_layout_with_where_they_are():
    from assetreg.reports.typeset import unprintable_advice, unprintable_fields

    document = RegisterExtractDocument(
        Letterhead(replace(GROUP, name="Café בית"), TODAY), TODAY, (replace(red_lion(), address="1 שדרות Road"),)
    )
    fields = unprintable_fields(document, "Carlito")
    assert fields == [("group name", "Café ???"), ("rows address", "1 ????? Road")]
    advice = unprintable_advice(fields)
    assert "group name: “Café ???”; rows address: “1 ????? Road”" in advice
    assert unprintable_advice([]) == ""


def test_postcodes_and_dates_never_break_across_lines():
    assert printable("The Street, Ashcombe TN14 6AG", "Carlito").endswith(f"TN14{NO_BREAK}6AG")
    assert printable("ends on Sat 11 Oct 2025.", "Carlito") == f"ends on Sat{NO_BREAK}11{NO_BREAK}Oct{NO_BREAK}2025."
    # In a narrow address column, a postcode at the end of a long line moves down whole.
    row = replace(red_lion(), address="The Old Forge, Long Lane, Little Ashcombe near Sevenoaks, Kent TN14 6AG")
    text, _, _ = extract(row)
    lines = text.splitlines()
    assert not any(line.rstrip().endswith("TN14") for line in lines)
    assert any("TN14" in line and "6AG" in line for line in lines)
