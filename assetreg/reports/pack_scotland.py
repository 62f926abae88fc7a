"""What a Scottish asset transfer request must contain (s.79(4) CE(S)A 2015; SSI 2016/357 reg 3), printed as its
first section, in Scottish terms: ownership rather than freehold, the Registers of Scotland rather than the Land
Registry. Anything the register does not give prints "To be stated" and is a warning.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph

from ..domain.dates import format_date
from ..domain.enums import TransferType
from ..domain.i18n import tr
from ..domain.printed import PackDocument
from .eligibility_facts import eligibility_flowables, eligibility_warnings
from .house import callout, facts_table, heading, paragraphs, styles, text

TO_BE_STATED = tr("To be stated")
REASONS = "proposal-and-outcomes"  # what the body will do with the land, and why
BENEFITS = "need-and-support"  # the benefits, and the community's support


def transfer(document: PackDocument) -> str:
    """The type of transfer in Scottish terms (s.79(2)): ownership, a lease (with its term), or other rights."""
    a = document.application
    if a.transfer_type is TransferType.BUY:
        return tr("ownership")
    if a.transfer_type is TransferType.LEASE:
        if a.lease_term_years:
            return tr("a lease of {years} years").format(years=a.lease_term_years)
        return tr("a lease (term to be stated)")
    return tr("other rights (occupation, management or use)")


def _answer(document: PackDocument, code: str) -> str:
    return next((s.answer for s in document.sections if s.code == code), "")


def request_section(document: PackDocument) -> list[Flowable]:
    s = styles()
    a, asset = document.application, document.asset
    council = document.council.name if document.council else tr("the relevant authority")
    statement = tr(
        "This is an asset transfer request made under Part 5 of the Community Empowerment (Scotland) Act 2015 by "
        "{group} to {council}."
    ).format(group=document.letterhead.name, council=council)
    rows = [
        (tr("Land"), ", ".join(p for p in (asset.name, asset.address.replace("\n", ", "), asset.postcode) if p)),
        (tr("Registers of Scotland title numbers"), ", ".join(asset.title_numbers)),
        (tr("Type of transfer requested"), transfer(document)),
        (tr("Price or other terms proposed"), document.proposed_terms or TO_BE_STATED),
        (tr("Validation date"), a.validated_on or tr("Not yet validated")),
    ]
    if document.decision_due is not None:
        rows.append((tr("Decision due by"), f"{format_date(document.decision_due.date)} (SCOT-ATR-DECIDE)"))
    story: list[Flowable] = [
        heading(tr("Asset transfer request")),
        Paragraph(f"<b>{text(statement)}</b>", s.body),
        facts_table(rows),
        Paragraph(text(period(document)), s.body),
        Paragraph(text(tr("Reasons for the request")), s.h2),
        *paragraphs(_answer(document, REASONS), blank=TO_BE_STATED),
        Paragraph(text(tr("Benefits the body expects")), s.h2),
        *paragraphs(_answer(document, BENEFITS), blank=TO_BE_STATED),
        Paragraph(text(tr("Community transfer body (ss.77, 80)")), s.h2),
    ]
    body = document.transfer_body
    if body is not None:
        story += eligibility_flowables(body, document.letterhead.name)
    missing = _content_warnings(document)  # the body's conditions are in the table above
    if missing:
        story.append(callout("<br/>".join(text(w) for w in missing)))
    return story


def period(document: PackDocument) -> str:
    a = document.application
    if document.decision_due is not None:
        return tr(
            "The request was validated on {validated}; the authority must give its decision by {due}, or the request "
            "is treated as refused (s.82, SSI 2016/357 reg 10)."
        ).format(
            validated=format_date(a.validated_on) if a.validated_on else TO_BE_STATED,
            due=format_date(document.decision_due.date),
        )
    return tr(
        "The request has not yet been validated. The authority's statutory 6 months to decide run from the "
        "validation date it gives (SSI 2016/357 reg 10)."
    )


def warnings(document: PackDocument) -> list[str]:
    """What the request must contain and the register does not give, and each condition of the body's
    eligibility (ss.77, 80) not shown."""
    body = document.transfer_body
    return _content_warnings(document) + (eligibility_warnings(body) if body is not None else [])


def _content_warnings(document: PackDocument) -> list[str]:
    out = []
    if not document.proposed_terms:
        out.append(
            tr(
                "The price or other terms proposed are to be stated (s.79(4)(c)): write them in the application's "
                "notes (a line beginning “Price:” or “Terms:”)."
            )
        )
    a = document.application
    if a.transfer_type is TransferType.LEASE and not a.lease_term_years:
        out.append(tr("The term of the lease requested is to be stated."))
    for code, what in ((REASONS, tr("The reasons for the request")), (BENEFITS, tr("The benefits expected"))):
        if not _answer(document, code).strip():
            out.append(tr("{what} are to be stated (s.79(4)(b)).").format(what=what))
    return out
