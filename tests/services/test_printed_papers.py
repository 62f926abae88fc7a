"""What a nomination says it encloses, and what it says of the nominator, is read from a real register."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from assetreg.reports import write
from assetreg.services.demo import write_demo_register
from assetreg.services.documents import attach
from assetreg.services.printing import nomination_document
from assetreg.services.records import Records
from assetreg.services.register import Register

DEMO_DAY = date(2025, 9, 15)


@pytest.fixture
def demo(tmp_path: Path):
    path = tmp_path / "demo.assetreg"
    write_demo_register(path, today=DEMO_DAY)
    register = Register.open(path)
    register.clock = lambda: datetime(2025, 9, 15, 10, 0, tzinfo=UTC)
    yield register
    register.close()


def flat(text: str) -> str:
    return " ".join(text.split())


def a_pdf(path: Path, words: str) -> Path:
    drawing = canvas.Canvas(str(path))
    drawing.drawString(100, 700, words)
    drawing.showPage()
    drawing.save()
    return path


def test_enclosures_are_found_by_section_and_title_and_each_says_where_it_is(demo: Register, tmp_path, pdf) -> None:
    plan = a_pdf(tmp_path / "boundary.pdf", "Boundary plan edged red")
    attach(demo, plan, title="Boundary plan", asset_ref="AST-0001", pack_section="site-plan-and-valuation")
    rules = tmp_path / "rules.docx"
    rules.write_bytes(b"PK not really a docx")
    attach(demo, rules, title="Society rules", asset_ref="AST-0001", pack_section="governing-document")
    document = nomination_document(demo, "AST-0001")
    by_code = {x.code: x for x in document.enclosures}
    assert [a.title for a in by_code["constitution"].attachments] == ["Society rules"]
    assert "Boundary plan" in [a.title for a in by_code["plan"].attachments]
    path = tmp_path / "nomination.pdf"
    rendered = write(document, path)
    parsed = pdf.parse(path)
    text = flat(parsed.text)
    assert "Bound in at the end" in text and "To be sent separately" in text
    assert "Boundary plan edged red" in parsed.texts[-1]  # the plan itself is stamped in
    assert "A plan showing the proposed boundaries is bound in at the end" in text
    assert "No plan is attached" not in text
    assert any("rules.docx" in w and "separate file" in w for w in rendered.warnings)
    assert any("Minute or resolution authorising the nomination" in w for w in rendered.warnings)


def test_a_nominator_recorded_as_distributing_surplus_is_told_it_may_not_nominate(demo: Register, tmp_path, pdf):
    nominator = nomination_document(demo, "AST-0001").nominator
    Records(demo).update(nominator.reference, distributes_surplus=True)
    path = tmp_path / "nomination.pdf"
    rendered = write(nomination_document(demo, "AST-0001"), path)
    text = flat(pdf.parse(path).text)
    assert "is recorded as distributing surplus to its members, so it may not nominate land" in text
    assert "may not nominate this land" in text
    assert any(w.startswith("Not met:") and "surplus" in w for w in rendered.warnings)


def test_a_nominator_without_a_recorded_local_connection_elsewhere_is_not_shown_to_have_one(demo, tmp_path, pdf):
    nominator = nomination_document(demo, "AST-0001").nominator
    Records(demo).update(nominator.reference, local_connection="", postcode="SK1 3XE", distributes_surplus=False)
    path = tmp_path / "nomination.pdf"
    rendered = write(nomination_document(demo, "AST-0001"), path)
    text = flat(pdf.parse(path).text)
    assert "A local connection with the land is not shown" in text
    assert "Its local connection with the land, as the group records it" not in text
    assert any("not shown" in w for w in rendered.warnings)
