"""The pack says what it truly is and holds, read from the demo register through the services."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from assetreg.reports import write
from assetreg.services.demo import write_demo_register
from assetreg.services.printing import pack_document
from assetreg.services.records import Records
from assetreg.services.register import Register

DEMO_DAY = date(2025, 9, 15)
CAT, ATR, EOI = "TA-0001", "TA-0002", "TA-0003"


@pytest.fixture
def demo(tmp_path: Path):
    path = tmp_path / "demo.assetreg"
    write_demo_register(path, today=DEMO_DAY)
    register = Register.open(path)
    register.clock = lambda: datetime(2025, 9, 15, 10, 0, tzinfo=UTC)
    yield register
    register.close()


def printed(demo: Register, reference: str, tmp_path: Path, pdf):
    path = tmp_path / f"{reference}.pdf"
    rendered = write(pack_document(demo, reference), path)
    parsed = pdf.parse(path)
    return rendered, parsed, " ".join(parsed.text.split())


def test_a_scottish_request_carries_what_section_79_asks_for_in_scottish_terms(demo, tmp_path, pdf) -> None:
    document = pack_document(demo, ATR)
    rendered, parsed, text = printed(demo, ATR, tmp_path, pdf)
    assert parsed.metadata["/Title"] == "Asset transfer request: Inverbrae Old Schoolhouse"
    assert (
        "This is an asset transfer request made under Part 5 of the Community Empowerment (Scotland) Act 2015" in text
    )
    assert "Type of transfer requested ownership" in text
    assert "Registers of Scotland title numbers" in text
    assert "freehold" not in text.lower() and "Land Registry" not in text
    # The price is nowhere in the register: visibly to be stated, and a warning.
    assert "Price or other terms proposed To be stated" in text
    assert any("price or other terms proposed are to be stated" in w for w in rendered.warnings)
    # Whether the body is a community transfer body is checked condition by condition: what the register
    # cannot hold (the constitution's words) is a warning naming what to check.
    assert "Community transfer body (ss.77, 80)" in text
    assert any(w.startswith("Not known: The register does not hold the words") for w in rendered.warnings)
    # From the Highland trust that asks, not the Kent society keeping the register; and listing as an asset of
    # community value, England's, is not mentioned.
    assert document.letterhead.name == "Inverbrae Community Trust"
    assert "Listed until" not in text and "Not listed" not in text and "Not nominated" not in text
    # The decision date is the case account's SCOT-ATR-DECIDE, and no line says no statutory period applies.
    due = document.decision_due
    assert due is not None and due.deadline.code == "SCOT-ATR-DECIDE"
    assert f"must give its decision by {due.deadline.effective_date.strftime('%a %-d %b %Y')}" in text
    assert "no statutory period applies" not in text


def test_a_scottish_request_not_yet_validated_says_the_six_months_run_from_validation(demo, tmp_path, pdf) -> None:
    Records(demo).update(ATR, validated_on=None, stage="submitted", notes="Price: £1, with a rent-free year.")
    document = pack_document(demo, ATR)
    assert document.decision_due is None
    rendered, parsed, text = printed(demo, ATR, tmp_path, pdf)
    assert "The authority's statutory 6 months to decide run from the validation date" in text
    assert "Decision due by" not in text and "no statutory period applies" not in text
    assert "Price: £1, with a rent-free year." in text
    assert not any("price or other terms" in w for w in rendered.warnings)


def test_an_early_council_transfer_is_an_expression_of_interest(demo, tmp_path, pdf) -> None:
    Records(demo).update(EOI, applicant_ref="", notes="Applicant: Llanfair committee (GRP-0006).")
    rendered, parsed, text = printed(demo, EOI, tmp_path, pdf)
    assert parsed.metadata["/Title"] == "Expression of interest: Llanfair Village Hall"
    assert "This is an expression of interest, not a full application" in text
    assert "applies for the transfer" not in text
    # The notes name another applicant: the pack does not pretend, it warns.
    assert any("name the applicant as Llanfair committee" in w for w in rendered.warnings)


def test_the_cover_letter_counts_only_papers_truly_to_follow(demo, tmp_path, pdf) -> None:
    document = pack_document(demo, CAT)
    needed = [s.name for s in document.sections if s.asks_for_papers and not s.attachments]
    rendered, parsed, text = printed(demo, CAT, tmp_path, pdf)
    assert f"papers still to follow ({len(needed)})" in text
    assert "Not needed" in text and "Send separately" in text
    assert "Attached" not in text  # a .docx is never said to be attached
    # The two sections with no answer and no papers are listed, not printed as empty pages.
    titles = [title for _, title in parsed.outline]
    assert "11. Site plan and valuation" not in titles and "12. Declarations and signatures" not in titles
    assert "Not yet written" in text
    assert text.count("Signed") >= 3  # the cover letter, and two signatories to the declaration
    assert "First signatory" in text and "Second signatory" in text
    assert dataclasses.is_dataclass(document)


def test_the_applicant_may_be_another_group_and_the_pack_is_then_from_it(demo, tmp_path, pdf) -> None:
    # The expression of interest is made by the village hall committee; our group only prepares it.
    Records(demo).update(EOI, applicant_ref="GRP-0006")
    document = pack_document(demo, EOI)
    assert (document.letterhead.group.reference, document.prepared_by) == (
        "GRP-0006",
        "Ashcombe Community Pub Society Limited",
    )
    rendered, parsed, text = printed(demo, EOI, tmp_path, pdf)
    assert parsed.metadata["/Author"] == "Llanfair Village Hall Committee"
    assert all(page.lstrip().startswith("Llanfair Village Hall Committee") for page in parsed.texts)
    assert "Llanfair Village Hall Committee expresses its interest in the transfer" in text
    assert "Applicant Llanfair Village Hall Committee Legal form Charity Registered numbers charity 1187654" in text
    assert "Prepared with the help of Ashcombe Community Pub Society Limited" in text
    assert "authorised to make it on behalf of Llanfair Village Hall Committee" in text
    assert not any("name the applicant as" in w for w in rendered.warnings)
    Records(demo).update(EOI, notes="Applicant: Llanfair committee (GRP-0006).")
    rendered, _, _ = printed(demo, EOI, tmp_path, pdf)
    assert not any("name the applicant as" in w for w in rendered.warnings)  # the notes agree with the record


def test_a_scottish_request_checks_the_applicants_eligibility_not_ours(demo, tmp_path, pdf) -> None:
    # Inverbrae Community Trust, a charitable company with 96 members, asks to buy.
    Records(demo).update(ATR, applicant_ref="GRP-0005")
    document = pack_document(demo, ATR)
    assert document.transfer_body is not None
    states = {f.code: f.state.value for f in document.transfer_body.facts}
    assert (states["ownership-form"], states["members"], states["winding-up"]) == ("met", "met", "unknown")
    rendered, parsed, text = printed(demo, ATR, tmp_path, pdf)
    assert "Part 5 of the Community Empowerment (Scotland) Act 2015 by Inverbrae Community Trust" in text
    assert "Inverbrae Community Trust is recorded with 96 members, at least the 20 s.80 asks for." in text
    assert any("on winding up its property passes" in w for w in rendered.warnings)
    assert "Ashcombe Community Pub Society Limited is recorded as" not in text


def test_an_applicant_not_in_the_register_is_refused_and_nothing_is_written(demo) -> None:
    from assetreg.domain.errors import ValidationError

    with pytest.raises(ValidationError, match="There is no community group GRP-0099"):
        Records(demo).update(EOI, applicant_ref="GRP-0099")
    assert Records(demo).get(EOI).applicant_ref == "GRP-0006"  # as it was
