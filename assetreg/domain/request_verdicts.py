"""Whether a request to be treated as a potential bidder starts the full moratorium (s.95(3), reg 12), and the
one sentence why or why not: the verdicts a notice's account (``notice_case``) gives each of its requests.
Pure: the dates come in as values.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from .dates import format_date
from .eligibility import Fact, State
from .enums import LegalForm
from .i18n import tr
from .requests import can_trigger_full_moratorium, cannot_trigger_reason


@dataclass(frozen=True, slots=True)
class RequestFacts:
    """What the case needs to know of a request to be treated as a potential bidder."""

    received_on: date | None
    legal_form: LegalForm
    reference: str = ""
    # What else reg 12 asks of the body, as the register shows it (``eligibility.trigger_conditions``): one the
    # register shows failed means the request starts nothing; one it does not show is said with the verdict.
    conditions: tuple[Fact, ...] = ()
    council_counted: bool = False  # the council's list records the request without its day (``BidderRequest``)


@dataclass(frozen=True, slots=True)
class RequestVerdict:
    """Whether one request starts the full moratorium, and the one sentence why or why not."""

    reference: str
    received_on: date | None
    starts_full_moratorium: bool
    why: str
    # False when the register does not show enough to be sure: it starts it only if the body is what the register
    # does not fully show, or (not starting it) whether it does is not known until a missing date is recorded.
    shown: bool = True
    # Counted on the council's word: its list records the request without the day it was received.
    council_counted: bool = False


def after_the_end(r: RequestFacts, cut: date | None, reason: str) -> RequestVerdict | None:
    """The verdict on a request received after the notice stopped being in force, which starts nothing; None
    for any other request."""
    if cut is None or r.received_on is None or r.received_on <= cut:
        return None
    why = tr(
        "The request was received on {received}, after the notice stopped being in force on {end} ({reason}), "
        "so it cannot start the full moratorium."
    ).format(received=format_date(r.received_on), end=format_date(cut), reason=reason)
    return RequestVerdict(r.reference, r.received_on, False, why)


def not_known_for_notice(r: RequestFacts, problem: str) -> RequestVerdict:
    why = tr("Whether the request starts the full moratorium is not known yet: {problem}").format(
        problem=problem[0].lower() + problem[1:]
    )
    return RequestVerdict(r.reference, r.received_on, False, why, shown=False)


def refused_for_notice(r: RequestFacts, problem: str) -> RequestVerdict:
    why = tr("This notice starts no moratorium, so the request cannot start the full one: {problem}").format(
        problem=problem[0].lower() + problem[1:]
    )
    return RequestVerdict(r.reference, r.received_on, False, why)


def judge(r: RequestFacts, start: date, interim_end: date, published_end: date | None, provisional: bool):
    """Whether a request starts the full moratorium (s.95(3), reg 12), and the one sentence why."""

    unknown = " ".join(f.sentence for f in r.conditions if f.state is State.UNKNOWN)
    if r.legal_form is LegalForm.NOT_KNOWN:  # judged on its dates, with what is not known said beside
        unknown = " ".join(
            (tr("what kind of body the group is, which is not recorded (record its legal form)."), unknown)
        ).strip()

    def verdict(starts: bool, why: str) -> RequestVerdict:
        if starts and unknown:  # it holds only if the body is a community interest group: say what is not shown
            why += " " + tr(
                "That holds only if the group is a community interest group (reg 12), which the register does not "
                "fully show: {points}"
            ).format(points=unknown)
        if provisional:
            why += " " + tr("The dates are provisional: they are counted from the day the notice was sent.")
        return RequestVerdict(r.reference, r.received_on, starts, why, shown=not (starts and unknown))

    end = format_date(interim_end)
    if r.legal_form is not LegalForm.NOT_KNOWN and not can_trigger_full_moratorium(r.legal_form):
        return verdict(False, cannot_trigger_reason(r.legal_form))
    failed = [f.sentence for f in r.conditions if f.state is State.FAILED]
    if failed:
        return verdict(
            False, tr("The request cannot start the full moratorium (reg 12): {why}").format(why=" ".join(failed))
        )
    if r.received_on is None and r.council_counted:  # the council's word, until the day is recorded
        counted = verdict(
            True,
            tr(
                "The council's list says this group asked to be treated as a bidder, but not the day its request "
                "was received, so AssetReg takes the council's word that it came in time (by {end}) and counts "
                "the full moratorium. Record the day it was received to have it checked."
            ).format(end=end),
        )
        return replace(counted, council_counted=True)
    if r.received_on is None:
        return verdict(
            False,
            tr(
                "No received date has been entered for the request yet; it counts only if the council "
                "received it by {end}, when the interim moratorium ends."
            ).format(end=end),
        )
    received = format_date(r.received_on)
    if r.received_on < start:
        return verdict(
            False,
            tr(
                "The request was received on {received}, before the council received the disposal notice on "
                "{notice}; only a request received during the interim moratorium counts (s.95(3))."
            ).format(received=received, notice=format_date(start)),
        )
    if r.received_on > interim_end:
        return verdict(
            False,
            tr(
                "The request was received on {received}, after the interim moratorium ended on {end}; it had "
                "to be received by then (s.95(3))."
            ).format(received=received, end=end),
        )
    if published_end is not None and r.received_on > published_end:
        return verdict(
            True,
            tr(
                "The request was received on {received}, after the end the council published ({published}) but "
                "within the six weeks the Act gives, which end on {end}, so the full moratorium applies. Ask the "
                "council to correct its list."
            ).format(received=received, published=format_date(published_end), end=end),
        )
    return verdict(
        True,
        tr(
            "The request was received on {received}, during the interim moratorium that ends on {end}, so the "
            "full moratorium applies."
        ).format(received=received, end=end),
    )
