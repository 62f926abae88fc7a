"""A nomination of land for the council's list of assets of community value (s.89; reg 6).

Laid out as a formal submission: whom it is to and from, then one numbered, bookmarked section for each element
regulation 6 asks for, so that an officer can check the nomination is complete at a glance; then the nominator's
details and a signature block, and the plans bound in at the end. Anything the register does not know prints
"Not known", so a gap is visible rather than silently missing.
"""

from __future__ import annotations

from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table

from ..domain import entities as e
from ..domain.dates import format_date
from ..domain.enums import InterestRole, LegalForm
from ..domain.i18n import tr
from ..domain.printed import NominationDocument
from . import nomination_papers
from .eligibility_facts import eligibility_flowables, eligibility_warnings
from .house import (
    ACCENT,
    NOT_KNOWN,
    HouseDocument,
    Rendered,
    callout,
    facts_table,
    grid_style,
    heading,
    paragraphs,
    signature_block,
    spacer,
    styles,
    text,
)

TITLE = tr("Nomination of land as an asset of community value")
# Tables fill the frame's 165 mm (170 mm less its padding); every label column is as wide, so the values line up.
WIDTHS = (30 * mm, 45 * mm, 54 * mm, 36 * mm)  # role | name | address | details
FACT_WIDTHS = (45 * mm, 120 * mm)  # label | value
REQUIRED_ROLES = (InterestRole.FREEHOLDER, InterestRole.LEASEHOLDER, InterestRole.OCCUPIER)

# The registration number each legal form is expected to have; shown as "Not known" when missing.
_NUMBERS_EXPECTED = {
    LegalForm.CHARITY: ("charity",),
    LegalForm.COMPANY_LIMITED_BY_GUARANTEE: ("company",),
    LegalForm.COMMUNITY_INTEREST_COMPANY: ("company",),
    LegalForm.COMMUNITY_BENEFIT_SOCIETY: ("society",),
}


def render(document: NominationDocument, out: BinaryIO) -> Rendered:
    """Lays out the nomination, with its plans bound in, as a PDF into ``out``."""
    doc = HouseDocument(
        out,
        document.letterhead,
        title=TITLE,
        subject=tr("{asset}: nomination under section 89 of the Localism Act 2011").format(asset=document.asset.name),
    )
    story, warnings = _story(document)
    return doc.render(story, warnings)


def _story(document: NominationDocument) -> tuple[list[Flowable], list[str]]:
    s = styles()
    story: list[Flowable] = [
        Paragraph(text(TITLE), s.title),
        Paragraph(
            text(
                tr("Localism Act 2011, section 89 · Assets of Community Value (England) Regulations 2012, regulation 6")
            ),
            s.note,
        ),
        spacer(2),
        _addresses(document),
        spacer(4),
        Paragraph(_intro(document), s.body),
    ]
    story += _land(document)
    story += _interests(document)
    story += _reasons(document)
    story += _eligibility(document)
    story += _nominator(document)
    bound = nomination_papers.bind(document)
    story += nomination_papers.enclosures_section(document, bound)
    story += nomination_papers.bound_pages(document, bound)
    warnings = [*_missing_elements(document), *nomination_papers.enclosure_warnings(document, bound)]
    warnings += eligibility_warnings(document.eligibility)
    return story, warnings


def _missing_elements(document: NominationDocument) -> list[str]:
    """A warning for each element of reg 6 (and the council's address) the register does not give."""
    warnings = []
    council = document.council
    if council is None:
        warnings.append(tr("The council the land is in is not recorded, so the nomination is addressed to no one."))
    elif not council.address.strip():
        warnings.append(
            tr("{council}'s postal address is not recorded: add it, or write it on the nomination.").format(
                council=council.name
            )
        )
    nomination = document.nomination
    if not document.asset.description.strip():
        warnings.append(tr("Reg 6(a): the land has no description recorded."))
    if nomination is None or not nomination.boundary_description.strip():
        warnings.append(tr("Reg 6(a): the proposed boundaries of the land are not described."))
    roles = {interest.role for interest, _ in document.interests}
    for role, words in (
        (InterestRole.FREEHOLDER, tr("no freeholder is recorded")),
        (InterestRole.OCCUPIER, tr("no occupier is recorded (say if the land is empty)")),
    ):
        if role not in roles:
            warnings.append(tr("Reg 6(b): {what}.").format(what=words))
    for _, party in document.interests:
        if not party.address.strip():
            warnings.append(tr("Reg 6(b): no address is recorded for {name}.").format(name=party.name))
    if nomination is None or not nomination.community_value_reasons.strip():
        warnings.append(tr("Reg 6(c): the reasons the land is of community value are not written."))
    return warnings


def _addresses(document: NominationDocument) -> Table:
    council, nominator = document.council, document.nominator
    rows: list[tuple[str, object]] = [
        (tr("To"), _name_and_address(council.name, council.address, "") if council else ""),
        (tr("From"), _name_and_address(nominator.name, nominator.address, nominator.postcode) if nominator else ""),
        (tr("Land nominated"), _one_line(document.asset.name, document.asset.address, document.asset.postcode)),
    ]
    nomination = document.nomination
    reference = (nomination.reference if nomination else "") or document.asset.reference
    if reference:
        rows.append((tr("Our reference"), reference))
    if nomination is not None and nomination.council_reference:
        rows.append((tr("Council's reference"), nomination.council_reference))
    return _facts(rows)


def _intro(document: NominationDocument) -> str:
    nominator = document.nominator.name if document.nominator else tr("The nominating body")
    council = document.council.name if document.council else tr("the council")
    return text(
        tr(
            "{nominator} nominates the land described below for inclusion in {council}'s list of assets of "
            "community value under section 89 of the Localism Act 2011. The sections below give each element "
            "of a nomination required by regulation 6 of the Assets of Community Value (England) Regulations "
            "2012."
        ).format(nominator=nominator, council=council)
    )


def _land(document: NominationDocument) -> list[Flowable]:
    s = styles()
    asset, nomination = document.asset, document.nomination
    facts = _facts(
        [
            (tr("Name"), asset.name),
            (tr("Address"), _one_line("", asset.address, "")),
            (tr("Postcode"), asset.postcode),
            (tr("UPRN"), asset.uprn),
            (tr("Land Registry title"), ", ".join(t for t in asset.title_numbers if t.strip())),
            (tr("Kind of land"), asset.category.label),
        ]
    )
    story: list[Flowable] = [
        heading(tr("1. Description of the land and its proposed boundaries (reg 6(a))")),
        facts,
        Paragraph(text(tr("Description of the land")), s.h2),
        *paragraphs(asset.description),
        Paragraph(text(tr("Proposed boundaries")), s.h2),
    ]
    # Only a plan that is bound in is "attached"; the warning comes before boundaries that may refer to one.
    bound = [p for p in document.plans if p.path is not None and p.path.is_file() and (p.is_pdf or p.is_image)]
    if bound:
        line = tr("A plan showing the proposed boundaries is bound in at the end of this nomination ({plans}).")
        story += paragraphs(nomination.boundary_description if nomination else "")
        story.append(Paragraph(text(line.format(plans="; ".join(p.title or p.filename for p in bound))), s.body))
    elif separate := "; ".join(p.filename for p in document.plans if p.path is not None and p.path.is_file()):
        line = tr(
            "The plan showing the proposed boundaries cannot be printed here and is sent with this nomination as a "
            "separate file ({plans})."
        )
        story += [
            *paragraphs(nomination.boundary_description if nomination else ""),
            Paragraph(text(line.format(plans=separate)), s.body),
        ]
    else:
        story.append(
            callout(
                "<b>{}</b> {}".format(
                    text(tr("No plan is attached.")),
                    text(
                        tr(
                            "Any plan the boundaries below refer to is not enclosed: add a plan showing the proposed "
                            "boundaries of the land before sending this nomination."
                        )
                    ),
                )
            )
        )
        story += [spacer(2), *paragraphs(nomination.boundary_description if nomination else "")]
    return story


def _interests(document: NominationDocument) -> list[Flowable]:
    s = styles()
    by_role: dict[InterestRole, list[tuple[e.Interest, e.Party]]] = {}
    for interest, party in document.interests:
        by_role.setdefault(interest.role, []).append((interest, party))
    titles = (tr("Interest"), tr("Name"), tr("Current or last-known address"), tr("Details"))
    head = [Paragraph(text(t), s.label) for t in titles]
    rows = []
    roles = [*REQUIRED_ROLES, *([InterestRole.CONTACT] if InterestRole.CONTACT in by_role else [])]
    for role in roles:
        found = by_role.get(role, [])
        if not found:
            empty = [Paragraph(text(""), s.cell), Paragraph(text(""), s.cell), Paragraph(text("", blank="—"), s.cell)]
            rows.append([Paragraph(text(role.label), s.cell_bold), *empty])
        for interest, party in found:
            rows.append(
                [
                    Paragraph(text(role.label), s.cell_bold),
                    Paragraph(text(party.name), s.cell),
                    Paragraph(text(_one_line("", party.address, party.postcode)), s.cell),
                    Paragraph(_details(interest), s.cell),
                ]
            )
    table = Table([head, *rows], colWidths=list(WIDTHS), repeatRows=1, hAlign="LEFT")
    table.setStyle(grid_style())
    intro = tr(
        "What the nominator knows of the current occupiers of the land and of every freeholder and leaseholder, "
        "with their names and current or last-known addresses."
    )
    # Kept whole when it fits on a page; a long table still splits, with its header row repeated.
    return [
        KeepTogether(
            [
                heading(tr("2. Occupiers, freeholders and leaseholders (reg 6(b))")),
                Paragraph(text(intro), s.body),
                table,
            ]
        ),
    ]


def _details(interest: e.Interest) -> str:
    parts = []
    if interest.role is InterestRole.LEASEHOLDER:
        if interest.lease_term_years:
            parts.append(tr("Lease of {n} years").format(n=interest.lease_term_years))
        else:
            parts.append(tr("Lease term not known"))
    if interest.since_on is not None:
        parts.append(tr("Since {date}").format(date=format_date(interest.since_on)))
    if interest.until_on is not None:
        parts.append(tr("Until {date}").format(date=format_date(interest.until_on)))
    if interest.notes.strip():
        parts.append(interest.notes)
    return "<br/>".join(text(p) for p in parts) if parts else text("", blank="—")


def _reasons(document: NominationDocument) -> list[Flowable]:
    s = styles()
    nomination = document.nomination
    reasons = paragraphs(nomination.community_value_reasons if nomination else "")
    test = callout(
        [
            Paragraph(
                text(
                    tr(
                        "The test in section 88 of the Localism Act 2011: an actual current use of the land "
                        "that is not an ancillary use furthers the social wellbeing or social interests "
                        "(cultural, recreational or sporting interests) of the local community, and it is "
                        "realistic to think that it can continue to do so; or such a use in the recent past, "
                        "and it is realistic to think that it could return within the next five years."
                    )
                ),
                s.note,
            )
        ],
        colour=ACCENT,
    )
    # The test stays with the start of the reasons rather than being left alone at the foot of a page.
    return [
        KeepTogether([heading(tr("3. Why the land is of community value (reg 6(c))")), test, spacer(3), reasons[0]]),
        *reasons[1:],
    ]


def _eligibility(document: NominationDocument) -> list[Flowable]:
    group = document.nominator
    rows: list[tuple[str, object]] = [
        (tr("Nominating body"), group.name if group else ""),
        (tr("Legal form"), group.legal_form.label if group else ""),
    ]
    if group is None:
        rows += [(tr("Registration number"), "")]
    else:
        expected = _NUMBERS_EXPECTED.get(group.legal_form, ())
        for kind, label, value in (
            ("charity", tr("Charity number"), group.charity_number),
            ("company", tr("Company number"), group.company_number),
            ("society", tr("Society number"), group.society_number),
        ):
            if value.strip() or kind in expected:
                rows.append((label, value))
    rows += [
        (tr("Members"), _count(group.member_count if group else None)),
        (tr("Members who are local electors"), _count(group.local_elector_count if group else None)),
        (tr("Local connection"), group.local_connection if group else ""),
    ]
    name = group.name if group else tr("The nominating body")
    return [
        heading(tr("4. Evidence that the nominator is eligible (reg 6(d))")),
        _facts(rows),
        spacer(2),
        *eligibility_flowables(document.eligibility, name),
    ]


def _nominator(document: NominationDocument) -> list[Flowable]:
    s = styles()
    group = document.nominator
    details = _facts(
        [
            (tr("Name"), group.name if group else ""),
            (tr("Contact"), group.contact_name if group else ""),
            (tr("Address"), _one_line("", group.address, group.postcode) if group else ""),
            (tr("Email"), group.email if group else ""),
            (tr("Telephone"), group.phone if group else ""),
        ]
    )
    nominator = group.name if group else tr("the nominating body")
    declaration = tr(
        "I confirm that, to the best of my knowledge, the information in this nomination is true and complete, "
        "and that I am authorised to make it on behalf of {nominator}."
    ).format(nominator=nominator)
    signature = signature_block(
        [
            (tr("Signed"), ""),
            (tr("Name"), group.contact_name if group else ""),
            (tr("Position"), ""),
            (tr("Date"), ""),
        ]
    )
    # Small enough to keep on one page, so the signature is never parted from what it signs for.
    return [
        KeepTogether(
            [
                heading(tr("5. The nominator")),
                details,
                Paragraph(text(tr("Declaration")), s.h2),
                Paragraph(text(declaration), s.body),
                spacer(2),
                signature,
            ]
        )
    ]


def _name_and_address(name: str, address: str, postcode: str) -> str:
    """Name, then address lines, then postcode, one a line; unknown parts print "Not known"."""
    lines = [name.strip() or NOT_KNOWN, address.strip() or NOT_KNOWN]
    if postcode.strip() and postcode.strip() not in address:
        lines.append(postcode.strip())
    return "\n".join(lines)


def _one_line(name: str, address: str, postcode: str) -> str:
    """Name, address and postcode on one line, separated by commas; "" when there is nothing."""
    parts = [name.strip(), ", ".join(p.strip() for p in address.splitlines() if p.strip())]
    if postcode.strip() and postcode.strip() not in address:
        parts.append(postcode.strip())
    return ", ".join(p for p in parts if p)


def _count(n: int | None) -> str:
    return "" if n is None else str(n)


def _facts(rows: list[tuple[str, object]]) -> Table:
    """The house facts table at this document's widths."""
    return facts_table(rows, widths=FACT_WIDTHS)
