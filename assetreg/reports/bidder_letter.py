"""Page 1 of the request to be treated as a potential bidder: the letter from the group to the council.

The land, the owner, when the council received the owner's notice, when the interim moratorium ends, and the
request itself in the words of s.95(3); marked "Out of time" on the letter itself when it is sent late.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table, TableStyle

from ..domain.dates import format_date
from ..domain.enums import LegalForm
from ..domain.i18n import tr
from ..domain.printed import BidderRequestDocument
from .house import NOT_KNOWN, Heading, callout, facts_table, signature_block, spacer, styles, text

TITLE = tr("Request to be treated as a potential bidder")
FACT_WIDTHS = (55 * mm, 110 * mm)  # label | value, within the frame's 165 mm


def letter(document: BidderRequestDocument) -> list[Flowable]:
    s = styles()
    name = group_name(document)
    late: list[Flowable] = []
    if document.out_of_time:  # printed on the letter itself, where the council will read it
        late = [
            callout(
                "<b>{}</b> {}".format(
                    text(tr("OUT OF TIME.")),
                    text(
                        tr("{why} This request is sent late and does not start the full moratorium.").format(
                            why=document.out_of_time
                        )
                    ),
                )
            ),
            spacer(4),
        ]
    story: list[Flowable] = [
        *late,
        _addresses(document),
        spacer(6),
        Paragraph(text(_delivery_line(document)), s.note),
        Paragraph(text(tr("Dear Sir or Madam,")), s.body),
        Heading(_subject(document), s.h2, 0, True),
        facts(_letter_facts(document)),
        spacer(3),
        Paragraph(text(_background(document)), s.body),
        Paragraph(
            "<b>{}</b>".format(
                text(
                    tr(
                        "In accordance with section 95(3) of the Localism Act 2011, {group} requests to be treated "
                        "as a potential bidder in relation to the above land."
                    ).format(group=name)
                )
            ),
            s.body,
        ),
    ]
    who = _who_we_are(document)
    if who:
        story.append(Paragraph(text(who), s.body))
    story.append(
        Paragraph(
            text(
                tr(
                    "Please confirm in writing that the council has received this request, and the date on which "
                    "the full moratorium period ends."
                )
            ),
            s.body,
        )
    )
    reply = _reply_line(document)
    if reply:
        story.append(Paragraph(text(reply), s.body))
    signature = signature_block(
        [
            (tr("Signed"), ""),
            (tr("Name"), document.group.contact_name if document.group else ""),
            (tr("Position"), ""),
        ]
    )
    behalf = tr("For and on behalf of {group}").format(group=name)
    story.append(
        KeepTogether(
            [Paragraph(text(tr("Yours faithfully,")), s.body), signature, spacer(2), Paragraph(text(behalf), s.small)]
        )
    )
    return story


def group_name(document: BidderRequestDocument) -> str:
    # Not the letterhead's fallback: a request must come from the group, never from "AssetReg".
    if document.group is not None:
        return document.group.name
    return document.letterhead.group.name if document.letterhead.group is not None else tr("the undersigned group")


def _addresses(document: BidderRequestDocument) -> Table:
    """The council on the left, the group and the date on the right, as on a posted letter."""
    s = styles()
    council, group = document.council, document.group
    to = [council.name, council.address] if council else [NOT_KNOWN]
    sender = [document.group.name if document.group else NOT_KNOWN]
    if group is not None:
        sender += [group.address, _postcode(group.address, group.postcode), group.email, group.phone]
    left = Paragraph("<br/>".join(text(line) for line in _lines(to)), s.body)
    right = Paragraph(
        "<br/>".join([*(text(line) for line in _lines(sender)), "", text(document.letterhead.printed_on)]), s.right
    )
    table = Table([[left, right]], colWidths=[95 * mm, 70 * mm], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _delivery_line(document: BidderRequestDocument) -> str:
    email = document.council.email.strip() if document.council else ""
    if email:
        return tr("By email to {email} and by recorded delivery").format(email=email)
    return tr("By email and by recorded delivery")


def _subject(document: BidderRequestDocument) -> str:
    return tr("{title}: {land}").format(title=TITLE, land=_land(document))


def _land(document: BidderRequestDocument) -> str:
    asset = document.asset
    return ", ".join(p for p in (asset.name, *_lines([asset.address, _postcode(asset.address, asset.postcode)])) if p)


def _letter_facts(document: BidderRequestDocument) -> list[tuple[str, object]]:
    asset, owner, notice = document.asset, document.owner, document.notice
    rows: list[tuple[str, object]] = [(tr("Land"), _land(document))]
    if document.list_reference.strip():
        rows.append((tr("Council's list reference"), document.list_reference))
    if any(t.strip() for t in asset.title_numbers):
        rows.append((tr("Land Registry title"), ", ".join(t for t in asset.title_numbers if t.strip())))
    owner_text = (
        ", ".join(_lines([owner.name, owner.address, _postcode(owner.address, owner.postcode)])) if owner else ""
    )
    rows += [
        (tr("Owner giving notice"), owner_text),
        (tr("Owner's notice received by the council"), notice.received_on),
        (tr("Interim moratorium ends"), document.interim_end.effective_date if document.interim_end else None),
    ]
    return rows


def _background(document: BidderRequestDocument) -> str:
    notice, interim = document.notice, document.interim_end
    owner = document.owner.name if document.owner else tr("the owner")
    if notice.received_on is not None:
        said = tr(
            "We understand that {owner} has notified the council under section 95(2) of the Localism Act 2011 of "
            "an intention to make a relevant disposal of the above land, which is on the council's list of assets "
            "of community value, and that the council received that notice on {received}."
        ).format(owner=owner, received=format_date(notice.received_on))
    else:
        said = tr(
            "We understand that {owner} has notified the council under section 95(2) of the Localism Act 2011 of "
            "an intention to make a relevant disposal of the above land, which is on the council's list of assets "
            "of community value. We do not know the date on which the council received that notice; please tell "
            "us."
        ).format(owner=owner)
    if interim is None:
        return said
    if notice.received_on is None:
        end = tr("We understand that the interim moratorium period ends on {end}.")
    else:
        end = tr("The interim moratorium period therefore ends on {end}.")
    return f"{said} {end.format(end=format_date(interim.effective_date))}"


def _who_we_are(document: BidderRequestDocument) -> str:
    """The group's legal form and registration, its local connection, and — only if true — that it is a
    community interest group (reg 12)."""
    group = document.group
    if group is None or group.legal_form in (LegalForm.OTHER, LegalForm.INDIVIDUAL, LegalForm.NOT_KNOWN):
        return ""
    form = group.legal_form.label
    numbers = [
        template.format(number=value.strip())
        for template, value in (
            (tr("registered charity number {number}"), group.charity_number),
            (tr("company number {number}"), group.company_number),
            (tr("registered society number {number}"), group.society_number),
        )
        if value.strip()
    ]
    article = tr("an") if form[:1].lower() in "aeiou" else tr("a")
    sentence = tr("{group} is {article} {form}").format(
        group=group.name, article=article, form=form[:1].lower() + form[1:]
    )
    if numbers:
        sentence += f" ({', '.join(numbers)})"
    sentence += "."
    if group.local_connection.strip():
        connection = group.local_connection.strip().rstrip(".")
        sentence += " " + tr("Its local connection with the land: {connection}.").format(connection=connection)
    if document.eligibility.shown:  # only when every condition of reg 12 is shown, never on the legal form alone
        sentence += " " + tr(
            "It is a community interest group within the meaning of regulation 12 of the Assets of Community "
            "Value (England) Regulations 2012."
        )
    return sentence


def _reply_line(document: BidderRequestDocument) -> str:
    group = document.group
    if group is None or not (group.email.strip() or group.phone.strip()):
        return ""
    how = tr(" or ").join(p for p in (group.email.strip(), group.phone.strip()) if p)
    if group.contact_name.strip():
        return tr("Please reply to {name} at {how}.").format(name=group.contact_name.strip(), how=how)
    return tr("Please reply to us at {how}.").format(how=how)


def _lines(parts: list[str]) -> list[str]:
    """The non-empty lines of ``parts``, each of which may hold several lines."""
    return [line.strip() for part in parts for line in (part or "").splitlines() if line.strip()]


def _postcode(address: str, postcode: str) -> str:
    """The postcode, unless the address already ends with it."""
    return "" if postcode.strip() and postcode.strip() in address else postcode.strip()


def facts(rows: list[tuple[str, object]]) -> Table:
    """The house facts table at this document's widths."""
    return facts_table(rows, widths=FACT_WIDTHS)
