"""The written request to be treated as a potential bidder (s.95(3)), and advice on getting it there in time.

Page 1 is the letter from the group to the council: the land, the owner, when the council received the owner's
notice, when the interim moratorium ends, and the request itself in the words of s.95(3). It is followed, on a page
of its own and clearly marked as not for sending, by advice to the group: the request counts only if the council
*receives* it by the last day of the interim moratorium (RULES.md §2.5), so when to send it, how, and what to keep.
"""

from __future__ import annotations

import html
import re
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, ListFlowable, ListItem, PageBreak, Paragraph, Table, TableStyle

from ..domain.dates import format_date
from ..domain.enums import LegalForm
from ..domain.i18n import tr
from ..domain.printed import BidderRequestDocument
from ..domain.status import NoticeStatus
from .eligibility_facts import eligibility_flowables, eligibility_warnings
from .house import (
    ACCENT,
    FONT,
    NOT_KNOWN,
    Heading,
    HouseDocument,
    Rendered,
    callout,
    facts_table,
    heading,
    signature_block,
    spacer,
    styles,
    text,
)
from .typeset import unprintable_advice, unprintable_fields

TITLE = tr("Request to be treated as a potential bidder")
ADVICE = tr("Before you send this")
FACT_WIDTHS = (55 * mm, 110 * mm)  # label | value, within the frame's 165 mm


def render(document: BidderRequestDocument, out: BinaryIO) -> Rendered:
    """Lays out the letter and, on a separate page, the advice on sending it, as a PDF into ``out``."""
    doc = HouseDocument(
        out,
        document.letterhead,
        title=TITLE,
        subject=tr("{asset}: request under section 95(3) of the Localism Act 2011").format(asset=document.asset.name),
    )
    # Every warning on the advice page is also a warning line in the app and on the command line.
    plain = [html.unescape(re.sub(r"<[^>]+>", "", w)) for w in _warnings(document)]
    return doc.render([*_letter(document), PageBreak(), *_advice(document)], plain)


# The letter


def _letter(document: BidderRequestDocument) -> list[Flowable]:
    s = styles()
    group_name = _group_name(document)
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
        _facts(_letter_facts(document)),
        spacer(3),
        Paragraph(text(_background(document)), s.body),
        Paragraph(
            "<b>{}</b>".format(
                text(
                    tr(
                        "In accordance with section 95(3) of the Localism Act 2011, {group} requests to be treated "
                        "as a potential bidder in relation to the above land."
                    ).format(group=group_name)
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
    behalf = tr("For and on behalf of {group}").format(group=group_name)
    story.append(
        KeepTogether(
            [Paragraph(text(tr("Yours faithfully,")), s.body), signature, spacer(2), Paragraph(text(behalf), s.small)]
        )
    )
    return story


def _group_name(document: BidderRequestDocument) -> str:
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
    if group is None or group.legal_form in (LegalForm.OTHER, LegalForm.INDIVIDUAL):
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


# The advice, for the group only


def _advice(document: BidderRequestDocument) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = [
        heading(tr("{advice} (not for sending)").format(advice=ADVICE)),
        callout(
            "<b>{}</b> {}".format(
                text(tr("For your group only: do not send this page to the council.")),
                text(tr("The letter on the page before is the request; send that page alone.")),
            ),
            colour=ACCENT,
        ),
        spacer(3),
    ]
    story += [item for warning in _warnings(document) for item in (callout(warning), spacer(3))]
    # Only here: the app's own warning quotes the words themselves, which paper cannot show.
    unprintable = unprintable_advice(unprintable_fields(document, FONT))
    if unprintable:
        story += [callout(text(unprintable)), spacer(3)]
    interim = document.interim_end
    if interim is not None:
        story += _when(document)
    story += _how_to_send(document)
    story += [
        KeepTogether(
            [
                Paragraph(text(tr("Can your group start the full moratorium?")), s.h2),
                *eligibility_flowables(document.eligibility, _group_name(document)),
            ]
        ),
        KeepTogether(
            [
                Paragraph(text(tr("What happens if the request counts")), s.h2),
                Paragraph(
                    text(
                        tr(
                            "The full moratorium then runs for six months beginning with the day the council "
                            "received the owner's notice. Until it ends the owner may sell only to a community "
                            "interest group. The owner does not have to sell to you and sets the price: the "
                            "Localism Act 2011 gives no right to buy and no right of first refusal. Use the time "
                            "to raise funds and make an offer."
                        )
                    ),
                    s.body,
                ),
            ]
        ),
    ]
    if interim is not None:
        story.append(
            KeepTogether(
                [
                    Paragraph(text(tr("How the date was worked out")), s.h2),
                    Paragraph(text(interim.explanation), s.note),
                    Paragraph(
                        text(tr("Rule {code} · {citation}").format(code=interim.code, citation=interim.rule.citation)),
                        s.label,
                    ),
                ]
            )
        )
    return story


def _warnings(document: BidderRequestDocument) -> list[str]:
    """Markup for each warning box, most serious first."""
    interim, today = document.interim_end, document.letterhead.printed_on
    warnings = []
    if interim is not None and interim.effective_date < today:
        late = (today - interim.effective_date).days
        warnings.append(
            "<b>{}</b> {} {} {}".format(
                text(tr("The time for this request has run out.")),
                text(
                    tr(
                        "The interim moratorium ended on {end}, {days} before this was printed. A request the "
                        "council receives now does not start the full moratorium."
                    ).format(end=format_date(interim.effective_date), days=_days(late))
                ),
                text(who_may_buy_now(document)),
                text(tr("Ask the council to confirm its dates before relying on this.")),
            )
        )
    if document.listing_problem.strip():
        warnings.append(
            "<b>{}</b> {}".format(
                text(tr("This notice may start no moratorium.")),
                text(document.listing_problem),
            )
        )
    if interim is None:
        warnings.append(
            "<b>{}</b> {}".format(
                text(tr("No moratorium date could be worked out.")),
                text(_why_no_date(document)),
            )
        )
    elif interim.provisional or document.notice.received_on is None:
        warnings.append(
            text(
                tr(
                    "The date is provisional: it is counted from the date the owner's notice was sent, because the "
                    "date the council received it is not recorded. Ask the council for its received date."
                )
            )
        )
    if document.council is not None and not document.council.address.strip():
        warnings.append(
            text(
                tr(
                    "The council's postal address is not recorded, so the letter is addressed to the council by "
                    "name only. Add its address in AssetReg, or write it on the letter before posting it."
                )
            )
        )
    if document.group is None:
        warnings.append(
            text(
                tr(
                    "No group is recorded as yours, so the letter does not say who is asking. Name your group in "
                    "AssetReg and print the letter again, or write the group's name and address on it."
                )
            )
        )
    else:
        warnings += [text(w) for w in eligibility_warnings(document.eligibility)]
    return warnings


def who_may_buy_now(document: BidderRequestDocument) -> str:
    """Who the owner may sell to on the day of printing, as the case says."""
    case = document.case
    if case.status is NoticeStatus.FULL_MORATORIUM:
        return tr(
            "Another group's request already started the full moratorium, which runs until {end}: until then the "
            "owner may sell only to a community interest group."
        ).format(end=format_date(case.period_ends_on))
    return document.owner_may_dispose_to.label + "."


def _why_no_date(document: BidderRequestDocument) -> str:
    if document.listing_problem.strip():
        reason = tr("the notice, as recorded, starts no moratorium (see above)")
    elif document.notice.received_on is None and document.notice.sent_on is None:
        reason = tr("neither the date the owner's notice was sent nor the date the council received it is recorded")
    else:
        reason = tr("no right-to-bid rules apply where the land is (the community right to bid applies in England)")
    return tr(
        "AssetReg cannot count the six weeks because {reason}. Ask the council when it received the owner's notice "
        "and when the interim moratorium ends, and send the request at once."
    ).format(reason=reason)


def _when(document: BidderRequestDocument) -> list[Flowable]:
    s = styles()
    interim = document.interim_end
    assert interim is not None
    end = interim.effective_date
    rows: list[tuple[str, object]] = [
        (tr("The council must receive it by"), Paragraph(f"<b>{text(end)}</b>", s.cell_bold)),
        (tr("Send it by"), document.send_by),
        (tr("Owner's notice received by the council"), document.notice.received_on),
    ]
    if interim.published_date is not None:
        rows += [
            (tr("Worked out by AssetReg"), interim.date),
            (tr("Published by the council"), interim.published_date),
        ]
    story: list[Flowable] = [
        _facts(rows),
        spacer(3),
        Paragraph(
            "<b>{}</b> {}".format(
                text(tr("The request counts only if the council receives it by {end}.").format(end=format_date(end))),
                text(
                    tr("That day counts, but a request that arrives the day after does not, however early it was sent.")
                ),
            ),
            s.body,
        ),
    ]
    if interim.act_by is not None and interim.published_date is None:
        story.append(
            Paragraph(
                text(
                    tr("{end} is not a working day, so make sure it arrives by {act_by}.").format(
                        end=format_date(end), act_by=format_date(interim.act_by)
                    )
                ),
                s.warning,
            )
        )
    return story


def _how_to_send(document: BidderRequestDocument) -> list[Flowable]:
    s = styles()
    email = document.council.email.strip() if document.council else ""
    if document.send_by is not None:
        first = tr("Sign the letter, and send it by {send_by} at the latest.").format(
            send_by=format_date(document.send_by)
        )
    else:
        first = tr("Sign the letter, and send it as soon as you can.")
    steps = [
        first,
        tr("Email a signed copy to the council{at}, and ask for an acknowledgement of receipt.").format(
            at=tr(" at {email}").format(email=email) if email else ""
        ),
        tr(
            "Also send the signed letter by recorded delivery (Royal Mail Signed For or Special Delivery), or "
            "deliver it by hand to the council's offices and ask for a dated receipt."
        ),
        tr("Keep proof of sending: the sent email, the postal or hand-delivery receipt, and a copy of the letter."),
        tr("If the council has not acknowledged it within two working days, phone to check that it has arrived."),
        tr("Record the request in AssetReg with the date you sent it and the date the council received it."),
    ]
    items = [ListItem(Paragraph(text(step), s.body)) for step in steps]
    return [
        Paragraph(text(tr("How to send it")), s.h2),
        ListFlowable(
            items, bulletType="1", bulletFormat="%s.", bulletFontName=FONT, bulletFontSize=11, leftIndent=6 * mm
        ),
    ]


def _lines(parts: list[str]) -> list[str]:
    """The non-empty lines of ``parts``, each of which may hold several lines."""
    return [line.strip() for part in parts for line in (part or "").splitlines() if line.strip()]


def _postcode(address: str, postcode: str) -> str:
    """The postcode, unless the address already ends with it."""
    return "" if postcode.strip() and postcode.strip() in address else postcode.strip()


def _days(n: int) -> str:
    return tr("1 day") if n == 1 else tr("{n} days").format(n=n)


def _facts(rows: list[tuple[str, object]]) -> Table:
    """The house facts table at this document's widths."""
    return facts_table(rows, widths=FACT_WIDTHS)
