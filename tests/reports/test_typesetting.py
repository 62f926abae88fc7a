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


def test_characters_the_font_lacks_print_as_a_question_mark_and_are_named_in_a_warning():
    odd = replace(red_lion(), name="مقهى Café בית 🍺 Tŷ Coch")
    text, warnings, _ = extract(odd)
    flat = " ".join(text.split())
    assert "???? Café ??? ? Tŷ Coch" in flat  # Welsh and accents print; nothing vanishes without a mark
    (warning,) = warnings
    assert all(c in warning for c in "🍺בית") and "مقهى"[0] in warning
    assert "Arabic, Hebrew, emoji and symbols" in warning and "show as “?”" in warning


def test_postcodes_and_dates_never_break_across_lines():
    assert printable("The Street, Ashcombe TN14 6AG", "Carlito").endswith(f"TN14{NO_BREAK}6AG")
    assert printable("ends on Sat 11 Oct 2025.", "Carlito") == f"ends on Sat{NO_BREAK}11{NO_BREAK}Oct{NO_BREAK}2025."
    # In a narrow address column, a postcode at the end of a long line moves down whole.
    row = replace(red_lion(), address="The Old Forge, Long Lane, Little Ashcombe near Sevenoaks, Kent TN14 6AG")
    text, _, _ = extract(row)
    lines = text.splitlines()
    assert not any(line.rstrip().endswith("TN14") for line in lines)
    assert any("TN14" in line and "6AG" in line for line in lines)
