"""A community asset transfer application pack: cover letter, contents, summary, timeline, checklist and sections.

Each section the council asks for carries the group's answer and its papers: PDFs bound in page by page (the
page numbers run on through them), pictures placed on pages, other files listed. The evidence checklist says
what is attached, what is missing and what could not be included.
"""

from __future__ import annotations

from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Paragraph, Table

from ..domain.dates import format_date
from ..domain.enums import TransferType
from ..domain.i18n import tr
from ..domain.printed import PackDocument
from ..domain.transfer_request import is_expression_of_interest, is_scottish_request
from . import pack_scotland
from .binding import attachment_flowables
from .house import (
    MUTED,
    HouseDocument,
    Rendered,
    contents_table,
    facts_table,
    heading,
    paragraphs,
    spacer,
    styles,
    text,
)
from .pack_checklist import checklist, declaration, papers_to_follow
from .pack_timeline import timeline_section


def title_of(document: PackDocument) -> str:
    """What the pack is, by its kind and stage: an expression of interest, an application or a Scottish request."""
    a = document.application
    if is_scottish_request(a):
        return tr("Asset transfer request: {asset}").format(asset=document.asset.name)
    if is_expression_of_interest(a):
        return tr("Expression of interest: {asset}").format(asset=document.asset.name)
    return tr("Transfer application: {asset}").format(asset=document.asset.name)


def _what(document: PackDocument) -> str:
    a = document.application
    if is_scottish_request(a):
        return tr("asset transfer request")
    return tr("expression of interest") if is_expression_of_interest(a) else tr("application")


def render(document: PackDocument, out: BinaryIO) -> Rendered:
    """Writes the pack as a PDF to ``out``."""
    a = document.application
    doc = HouseDocument(
        out,
        document.letterhead,
        title=title_of(document),
        subject=tr("Community asset transfer {what} {reference} to {council}").format(
            what=_what(document), reference=a.reference, council=_council_name(document)
        ),
    )
    # Bind every paper first: the checklist must say which could not be included.
    bound: dict[int, tuple[list[Flowable], str]] = {}
    for section in document.sections:
        for item in section.attachments:
            bound[id(item)] = attachment_flowables(item, level=1)
    for item in document.unfiled:
        bound[id(item)] = attachment_flowables(item, level=1)
    warnings = [warning for _, warning in bound.values() if warning]
    warnings += _warnings(document, bound)

    story: list[Flowable] = []
    story += _cover_letter(document, bound)
    story += [PageBreak(), Paragraph(text(tr("Contents")), styles().title), spacer(3), contents_table(), PageBreak()]
    story += _summary(document)
    if is_scottish_request(a):
        story += pack_scotland.request_section(document)
    story += timeline_section(document)
    story += checklist(document, bound)
    for number, section in enumerate(document.sections, start=1):
        if not section.answer.strip() and not section.attachments:
            continue  # listed under "Not yet written" in the checklist, never printed as an empty page
        story += [CondPageBreak(60 * mm), heading(f"{number}. {section.name}")]
        story.append(Paragraph(text(section.description, blank=""), styles().note))
        if section.answer.strip():
            story += paragraphs(section.answer)
        else:
            story.append(Paragraph(text(tr("No answer has been written for this section yet.")), styles().warning))
        for item in section.attachments:
            story += bound[id(item)][0]
    story += declaration(document, _what(document))
    if document.unfiled:
        story += [CondPageBreak(60 * mm), heading(tr("Other papers"))]
        story.append(
            Paragraph(
                text(
                    tr("Papers attached to this application that are not filed under a section the council asks for.")
                ),
                styles().note,
            )
        )
        for item in document.unfiled:
            story += bound[id(item)][0]
    return doc.render(story, warnings)


def _warnings(document: PackDocument, bound) -> list[str]:
    """What the pack cannot say truly from the register: papers to follow, answers unwritten, the applicant."""
    # Sections without papers or answers are shown in the checklist and counted in the cover letter; the app
    # reads any warning as a paper left out, so only what the pack would otherwise state untruly is one here.
    out = []
    if document.other_applicant:
        out.append(
            tr(
                "The application's notes name the applicant as {other}, but the pack is printed as from {group}: "
                "choose the applicant group in the application (Edit the application, Applicant)."
            ).format(other=document.other_applicant, group=document.letterhead.name)
        )
    if is_scottish_request(document.application):
        out += pack_scotland.warnings(document)
    return out


def _council_name(document: PackDocument) -> str:
    return document.council.name if document.council is not None else tr("the council")


def _transfer(document: PackDocument) -> str:
    a = document.application
    if is_scottish_request(a):
        return pack_scotland.transfer(document)
    if a.transfer_type is TransferType.LEASE:
        if a.lease_term_years:
            return tr("a lease of {years} years").format(years=a.lease_term_years)
        return tr("a lease")
    return {
        TransferType.BUY: tr("the freehold"),
        TransferType.MANAGE: tr("an agreement to manage it"),
    }.get(a.transfer_type, tr("other rights over it"))


def _cover_letter(document: PackDocument, bound) -> list[Flowable]:
    s = styles()
    group = document.letterhead.group
    sender = [document.letterhead.name]
    if group is not None:
        sender += [line for line in (group.address, group.postcode, group.email, group.phone) if line]
    council = document.council
    recipient = [_council_name(document)]
    if council is not None and council.address:
        recipient.append(council.address)
    address = Table(
        [
            [
                Paragraph("<br/>".join(text(line) for line in recipient), s.body),
                Paragraph("<br/>".join(text(line) for line in sender), s.right),
            ]
        ],
        colWidths=["50%", "50%"],
    )
    address.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (0, -1), 0)])
    asset = document.asset
    where = ", ".join(part for part in (asset.address.replace("\n", ", "), asset.postcode) if part)
    subject = title_of(document)
    if where:
        subject += f", {where}"
    a = document.application
    if is_scottish_request(a):
        opening = tr(
            "{group} makes this asset transfer request under Part 5 of the Community Empowerment (Scotland) Act 2015, "
            "asking for {transfer} of {asset}. The pack sets out what the request must contain and the papers that "
            "support it. The contents are listed on the next page."
        )
    elif is_expression_of_interest(a):
        opening = tr(
            "{group} expresses its interest in the transfer of {asset} by {transfer}. This is an expression of "
            "interest, not a full application: it sets out what we have prepared so far for {council}. The "
            "contents are listed on the next page."
        )
    else:
        opening = tr(
            "{group} applies for the transfer of {asset} by {transfer}. This pack sets out our answers to each "
            "section of {council}’s application and the papers that support them. The contents are listed on the "
            "next page."
        )
    body = [
        tr("Dear Sir or Madam,"),
        opening.format(
            group=document.letterhead.name,
            asset=asset.name,
            transfer=_transfer(document),
            council=_council_name(document),
        ),
    ]
    if document.listing_ends_on is not None:
        body.append(
            tr("{asset} is listed as an asset of community value until {date}.").format(
                asset=asset.name, date=format_date(document.listing_ends_on)
            )
        )
    missing = papers_to_follow(document, bound)
    if missing:
        body.append(
            tr(
                "The evidence checklist shows the papers still to follow ({count}); we will send them as soon as "
                "they are ready."
            ).format(count=missing)
        )
    contact = group.contact_name if group is not None and group.contact_name else ""
    reach = " or ".join(x for x in ((group.email, group.phone) if group is not None else ()) if x)
    if contact and reach:
        body.append(tr("Please contact {name} at {reach} with any questions.").format(name=contact, reach=reach))
    body.append(tr("Yours faithfully,"))
    story: list[Flowable] = [address, spacer(8), Paragraph(text(format_date(document.letterhead.printed_on)), s.body)]
    story.append(spacer(4))
    if a.reference:
        story.append(Paragraph(text(tr("Our reference: {reference}").format(reference=a.reference)), s.label))
    story += [spacer(2), Paragraph(f"<b>{text(subject)}</b>", s.body), spacer(2)]
    story += [Paragraph(text(paragraph), s.body) for paragraph in body]
    story.append(_signature(contact or "", document.letterhead.name))
    return story


def _signature(name: str, group: str) -> Flowable:
    s = styles()
    rows = [
        ["", ""],
        [Paragraph(text(tr("Signed")), s.label), ""],
        [Paragraph(text(tr("Name")), s.label), Paragraph(text(name, blank=""), s.cell)],
        [Paragraph(text(tr("For")), s.label), Paragraph(text(group), s.cell)],
    ]
    table = Table(rows, colWidths=[22 * mm, 70 * mm], rowHeights=[12 * mm, 8 * mm, 8 * mm, 8 * mm], hAlign="LEFT")
    table.setStyle([("LINEBELOW", (1, 1), (1, 2), 0.5, MUTED), ("VALIGN", (0, 0), (-1, -1), "BOTTOM")])
    return KeepTogether([table])


def _summary(document: PackDocument) -> list[Flowable]:
    a = document.application
    asset = document.asset
    group = document.letterhead.group
    numbers = []
    if group is not None:
        for label, value in (
            (tr("charity"), group.charity_number),
            (tr("company"), group.company_number),
            (tr("society"), group.society_number),
        ):
            if value:
                numbers.append(f"{label} {value}")
    rows = [
        (tr("Applicant"), document.letterhead.name),
        (tr("Legal form"), group.legal_form.label if group is not None else ""),
        (tr("Registered numbers"), ", ".join(numbers) or tr("None recorded")),
        *([(tr("Prepared with the help of"), document.prepared_by)] if document.prepared_by else []),
        (tr("Asset"), f"{asset.name} ({asset.reference})"),
        (tr("Address"), ", ".join(p for p in (asset.address.replace("\n", ", "), asset.postcode) if p)),
        (tr("UPRN"), asset.uprn),
        (
            tr("Registers of Scotland title numbers") if is_scottish_request(a) else tr("Land Registry titles"),
            ", ".join(asset.title_numbers),
        ),
        (tr("Category"), asset.category.label),
        *(
            [(tr("Status"), document.asset_status), (tr("Listed until"), document.listing_ends_on or tr("Not listed"))]
            if document.asset_status
            else []
        ),
        (tr("Council"), _council_name(document)),
        (tr("Application"), f"{a.kind.label} ({a.reference})"),
        (tr("Transfer sought"), _transfer(document)[:1].upper() + _transfer(document)[1:]),
        (tr("Stage"), document.stage_name),
        (tr("Submitted"), a.submitted_on or tr("Not yet")),
        (tr("Council’s process"), document.council_profile_name),
    ]
    story: list[Flowable] = [heading(tr("Summary")), facts_table(rows)]
    if asset.description.strip():
        story += [spacer(3), Paragraph(text(tr("About the asset")), styles().h2), *paragraphs(asset.description)]
    return story
