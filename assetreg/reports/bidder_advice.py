"""Page 2 of the request to be treated as a potential bidder: advice to the group, clearly not for sending.

The request counts only if the council *receives* it by the last day of the interim moratorium (RULES.md §2.5),
so: what could stop it counting (each warning is also a warning line in the app), when to send it, how, what to
keep, whether the group can start the full moratorium, and how the date was worked out.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, ListFlowable, ListItem, Paragraph

from ..domain.dates import format_date
from ..domain.i18n import tr
from ..domain.printed import BidderRequestDocument
from ..domain.status import NoticeStatus
from .bidder_letter import facts, group_name
from .eligibility_facts import eligibility_flowables, eligibility_warnings
from .house import ACCENT, FONT, callout, heading, spacer, styles, text
from .typeset import unprintable_advice, unprintable_fields

ADVICE = tr("Before you send this")


def advice(document: BidderRequestDocument) -> list[Flowable]:
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
    story += [item for warning in warnings(document) for item in (callout(warning), spacer(3))]
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
                *eligibility_flowables(document.eligibility, group_name(document)),
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


def warnings(document: BidderRequestDocument) -> list[str]:
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
    counting = [v for v in document.case.requests if v.starts_full_moratorium]
    if counting:
        first = counting[0]
        received = (
            tr("received by the council on {received}").format(received=format_date(first.received_on))
            if first.received_on is not None
            else tr("which the council's list counts, on a day it does not give")
        )
        warnings.append(
            "<b>{}</b> {}".format(
                text(tr("A request that starts the full moratorium is already recorded.")),
                text(
                    tr(
                        "{reference}, {received}. If that is this request, this is your copy of it; if not, a "
                        "second request starts nothing more, so check with the council before sending this one."
                    ).format(reference=first.reference, received=received)
                ),
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
    if document.case.awaits_listing_day:
        reason = tr("the day the asset was entered on the list is not recorded (see above)")
    elif document.listing_problem.strip():
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
        facts(rows),
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


def _days(n: int) -> str:
    return tr("1 day") if n == 1 else tr("{n} days").format(n=n)
