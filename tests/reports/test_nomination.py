"""The nomination of land as an asset of community value: every element of reg 6, gaps shown, plans bound in."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from assetreg.domain import entities as e
from assetreg.domain.eligibility import Role, eligibility
from assetreg.domain.enums import AssetCategory, InterestRole, LegalForm
from assetreg.domain.printed import Attachment, Enclosure, Letterhead, NominationDocument
from assetreg.reports import nomination
from assetreg.reports.house import Rendered

PRINTED_ON = date(2025, 9, 15)
REG6_HEADINGS = (
    "1. Description of the land and its proposed boundaries (reg 6(a))",
    "2. Occupiers, freeholders and leaseholders (reg 6(b))",
    "3. Why the land is of community value (reg 6(c))",
    "4. Evidence that the nominator is eligible (reg 6(d))",
    "5. The nominator",
    "6. Enclosures",
)
# Labels of the facts tables, each of which must be followed by a value (text extraction puts it on the next line).
FACT_LABELS = (
    "To",
    "From",
    "Land nominated",
    "Address",
    "Postcode",
    "UPRN",
    "Land Registry title",
    "Kind of land",
    "Nominating body",
    "Legal form",
    "Members",
    "Members who are local electors",
    "Local connection",
    "Contact",
    "Email",
    "Telephone",
)

GROUP = e.CommunityGroup(
    reference="GRP-0001",
    name="Cyfeillion y Llew <b>Coch</b> & Co",
    legal_form=LegalForm.COMMUNITY_BENEFIT_SOCIETY,
    society_number="RS008123",
    member_count=143,
    local_elector_count=131,
    distributes_surplus=False,
    local_connection="Every member lives in the parish of Llanfair; the society's work is all within the district.",
    contact_name="Gwenllian Ŵyn",
    address="12 Church Lane\nLittle Marlow",
    postcode="SL7 3RZ",
    email="secretary@example.org",
    phone="01628 555 123",
    is_own_group=True,
)
COUNCIL = e.Authority(
    reference="AUT-0001", name="Buckinghamshire Council", address="The Gateway\nGatehouse Road\nAylesbury HP19 8FF"
)
ASSET = e.Asset(
    reference="AST-0001",
    name="The Red Lion",
    authority_ref="AUT-0001",
    category=AssetCategory.PUB,
    address="Pound Lane\nLittle Marlow",
    postcode="SL7 3SH",
    uprn="100081234567",
    title_numbers=("BM123456",),
    description="A seventeenth-century public house on the green, last sold for £350,000.",
)
NOMINATION = e.Nomination(
    reference="NOM-0001",
    asset_ref="AST-0001",
    boundary_description="The land in title BM123456, edged red on the plan, with the car park.",
    community_value_reasons="The only pub in the village, home of the darts team and the quiz league.",
)
FREEHOLDER = e.Party(name="Greene & <i>King</i> plc", address="Westgate Brewery, Bury St Edmunds", postcode="IP33 1QT")
LEASEHOLDER = e.Party(name="Red Lion Inns Ltd", address="1 Market Square, Marlow")
INTERESTS = (
    (e.Interest(asset_ref="AST-0001", party_ref="PTY-1", role=InterestRole.FREEHOLDER), FREEHOLDER),
    (
        e.Interest(asset_ref="AST-0001", party_ref="PTY-2", role=InterestRole.LEASEHOLDER, lease_term_years=20),
        LEASEHOLDER,
    ),
    (e.Interest(asset_ref="AST-0001", party_ref="PTY-2", role=InterestRole.OCCUPIER), LEASEHOLDER),
)


def make(**changes) -> NominationDocument:
    document = NominationDocument(
        letterhead=Letterhead(GROUP, PRINTED_ON),
        asset=ASSET,
        council=COUNCIL,
        nomination=NOMINATION,
        nominator=GROUP,
        interests=INTERESTS,
        eligibility=eligibility(GROUP, ASSET, COUNCIL, Role.NOMINATE),
        enclosures=papers(),
    )
    return dataclasses.replace(document, **changes)


def papers(plans: tuple[Attachment, ...] = (), *others: Enclosure) -> tuple[Enclosure, ...]:
    """The plan (needed) and any other enclosures; the plan alone unless others are given."""
    return (Enclosure("plan", "Plan of the land, showing the proposed boundaries", True, plans), *others)


def render(document: NominationDocument, path: Path) -> Rendered:
    with path.open("wb") as out:
        return nomination.render(document, out)


def png_plan(folder: Path) -> Attachment:
    path = folder / "site-plan.png"
    picture = Image.new("RGB", (800, 600), "white")
    ImageDraw.Draw(picture).rectangle((50, 50, 750, 550), outline="red", width=6)
    picture.save(path)
    return Attachment("Site plan", "site-plan.png", path, "image/png", "DOC-0001")


def pdf_plan(folder: Path, pages: int = 2) -> Attachment:
    path = folder / "title-plan.pdf"
    drawing = canvas.Canvas(str(path), pagesize=landscape(A4))
    for n in range(1, pages + 1):
        drawing.drawString(100, 300, f"Title plan BM123456 sheet {n}")
        drawing.showPage()
    drawing.save()
    return Attachment("Title plan", "title-plan.pdf", path, "application/pdf", "DOC-0002")


def test_every_element_of_regulation_6_is_a_bookmarked_section(tmp_path: Path, pdf) -> None:
    path = tmp_path / "nomination.pdf"
    rendered = render(make(), path)
    parsed = pdf.parse(path)
    assert [title for level, title in parsed.outline if level == 0] == list(REG6_HEADINGS)
    # Every condition is shown and every element given: the only warning is the plan that is not there.
    assert rendered.pages == parsed.pages
    assert rendered.warnings == (
        "Missing enclosure: “Plan of the land, showing the proposed boundaries”. Attach it to the asset before "
        "sending the nomination.",
    )
    text = " ".join(parsed.text.split())  # sentences wrap across lines
    assert "Nomination of land as an asset of community value" in parsed.texts[0]
    assert "section 89 of the Localism Act 2011" in text
    assert "regulation 6 of the Assets of Community Value (England) Regulations 2012" in text
    for fact in ("The Red Lion", "SL7 3SH", "100081234567", "BM123456", "Pub", "RS008123", "143", "131"):
        assert fact in text
    assert "Lease of 20 years" in text
    assert parsed.metadata["/Title"] == "Nomination of land as an asset of community value"
    assert parsed.metadata["/Author"] == GROUP.name


def test_a_first_draft_prints_not_known_wherever_a_fact_is_missing(tmp_path: Path, pdf) -> None:
    path = tmp_path / "draft.pdf"
    draft = make(
        letterhead=Letterhead(None, PRINTED_ON),
        asset=e.Asset(name="The Old Library"),
        council=None,
        nomination=None,
        nominator=None,
        interests=(),
        eligibility=eligibility(None, e.Asset(name="The Old Library"), None, Role.NOMINATE),
    )
    render(draft, path)
    parsed = pdf.parse(path)
    assert [title for level, title in parsed.outline] == list(REG6_HEADINGS)
    lines = [line.strip() for line in parsed.text.splitlines()]
    before_signature = lines[: lines.index("Declaration")]
    for label in (*FACT_LABELS, "Name", "Registration number"):
        at = [i for i, line in enumerate(before_signature) if line == label]
        assert at, label
        for i in at:
            value = before_signature[i + 1]
            assert value and value not in FACT_LABELS, f"{label} is followed by {value!r}"
    # Nobody recorded in a role still gets a row saying so.
    for role in ("Freeholder", "Leaseholder", "Occupier"):
        assert lines[lines.index(role) + 1 : lines.index(role) + 3] == ["Not known", "Not known"]
    # Boundaries and reasons are the nomination's facts: not known in a first draft.
    # The warning that no plan is attached comes before the boundaries, which are not known either.
    after = lines[lines.index("Proposed boundaries") + 1 :]
    assert after[0].startswith("No plan is attached.")
    assert "Not known" in after[1:4]
    assert lines[lines.index("Description of the land") + 1] == "Not known"
    assert "No plan is attached." in parsed.text
    assert parsed.text.count("Not known") >= 20


def test_markup_and_ampersands_in_names_print_literally(tmp_path: Path, pdf) -> None:
    path = tmp_path / "nomination.pdf"
    render(make(), path)
    text = pdf.parse(path).text
    assert "Cyfeillion y Llew <b>Coch</b> & Co" in text
    assert "Greene & <i>King</i> plc" in text
    assert "&amp;" not in text and "&lt;" not in text


def test_welsh_letters_and_the_pound_sign_survive(tmp_path: Path, pdf) -> None:
    path = tmp_path / "nomination.pdf"
    asset = dataclasses.replace(ASSET, name="Tŷ Ŵyn", description="Bought by the brewery for £350,000; ŵ ŷ Ŵ Ŷ.")
    render(make(asset=asset), path)
    text = pdf.parse(path).text
    assert "Tŷ Ŵyn" in text
    assert "£350,000; ŵ ŷ Ŵ Ŷ." in text
    assert "Gwenllian Ŵyn" in text


def test_long_reasons_flow_across_pages(tmp_path: Path, pdf) -> None:
    path = tmp_path / "long.pdf"
    reasons = "\n\n".join(
        f"Reason {n}: the pub is where the village meets, for the darts, the quiz and the harvest supper. " * 4
        for n in range(1, 41)
    )
    render(make(nomination=dataclasses.replace(NOMINATION, community_value_reasons=reasons)), path)
    parsed = pdf.parse(path)
    assert parsed.pages >= 4
    pages_with = [i for i, page in enumerate(parsed.texts) if "Reason " in page]
    assert len(pages_with) >= 3
    for n in range(1, 41):
        assert f"Reason {n}:" in parsed.text
    first = next(i for i, page in enumerate(parsed.texts) if "Reason 1:" in page)
    last = next(i for i, page in enumerate(parsed.texts) if "Reason 40:" in page)
    assert last > first


@pytest.mark.parametrize("reason_count", range(6, 16))
def test_the_declaration_and_signature_stay_on_one_page(reason_count: int, tmp_path: Path, pdf) -> None:
    path = tmp_path / "nomination.pdf"
    reasons = "\n\n".join(
        "The pub hosts the darts team, the quiz league and the fête committee." for _ in range(reason_count)
    )
    render(make(nomination=dataclasses.replace(NOMINATION, community_value_reasons=reasons)), path)
    parsed = pdf.parse(path)
    page = next(text for text in parsed.texts if "Declaration" in text)
    for line in ("5. The nominator", "Signed", "Position", "Date"):
        assert line in page


def test_a_png_and_a_pdf_plan_are_bound_in(tmp_path: Path, pdf) -> None:
    plain, bound = tmp_path / "plain.pdf", tmp_path / "bound.pdf"
    render(make(), plain)
    rendered = render(make(enclosures=papers((png_plan(tmp_path), pdf_plan(tmp_path, pages=2)))), bound)
    before, after = pdf.parse(plain), pdf.parse(bound)
    assert after.pages > before.pages
    # After the form: a page for the picture, then one for each page of the PDF.
    assert "Site plan" in after.texts[-3]
    assert "Title plan BM123456 sheet 1" in after.texts[-2]
    assert "Title plan BM123456 sheet 2" in after.texts[-1]
    assert "6. Enclosures" in after.texts[-4]
    assert rendered.pages == after.pages and rendered.warnings == ()
    assert [title for _, title in after.outline][-2:] == ["Site plan", "Title plan"]
    assert "A plan showing the proposed boundaries is bound in at the end" in after.text
    assert "No plan is attached" not in after.text
    assert len(pdf.render_pages(bound, tmp_path)) == after.pages


def test_a_missing_plan_is_a_warning_and_the_nomination_is_still_made(tmp_path: Path, pdf) -> None:
    path = tmp_path / "nomination.pdf"
    missing = Attachment("Site plan", "site-plan.png", tmp_path / "gone.png", "image/png")
    rendered = render(make(enclosures=papers((missing,))), path)
    parsed = pdf.parse(path)
    assert len(rendered.warnings) == 1 and "site-plan.png" in rendered.warnings[0]
    assert "File missing" in parsed.text
    assert "No plan is attached." in parsed.text  # the form does not claim a plan it cannot show
    assert [title for _, title in parsed.outline][-1] == "6. Enclosures"  # nothing bound in


def test_a_value_longer_than_a_page_splits_rather_than_failing(tmp_path: Path, pdf) -> None:
    path = tmp_path / "nomination.pdf"
    group = dataclasses.replace(GROUP, local_connection="Every member lives within the parish boundary. " * 500)
    render(make(nominator=group, letterhead=Letterhead(group, PRINTED_ON)), path)
    parsed = pdf.parse(path)
    assert sum("Every member lives within the parish boundary." in page for page in parsed.texts) >= 2
