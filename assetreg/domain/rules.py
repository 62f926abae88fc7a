"""The rule catalogue of RULES.md §4 as data: which date each rule computes, from which event, and how.

Adding or correcting a rule is a change to ``CATALOGUE`` only; ``deadlines.compute`` reads nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass

from .counting import Counting, Length, Unit
from .enums import Jurisdiction, LabelledEnum, Period, Regime
from .i18n import tr


class Confidence(LabelledEnum):
    """How sure RULES.md is of a rule: [V] statute, [S] guidance, [M] not confirmed, or only advice."""

    V = "V"
    S = "S"
    M = "M"
    ADVICE = "advice"

    @staticmethod
    def _labels() -> dict[str, str]:
        return {
            "V": tr("checked against the legislation"),
            "S": tr(
                "how it is counted is taken from council, government or legal guidance, not settled by the "
                "legislation itself"
            ),
            "M": tr("not confirmed"),
            "advice": tr("advice"),
        }

    @property
    def needs_confirmation(self) -> bool:
        """Whether the app should prompt the user to confirm the date with the council (RULES.md §4)."""
        return self in (Confidence.S, Confidence.M)


class Event(LabelledEnum):
    """What starts a clock; the trigger ``EVENT`` codes of RULES.md §4."""

    NOMINATION_RECEIVED = "nomination-received"
    LISTING_ENTERED = "listing-entered"
    UNSUCCESSFUL_ENTERED = "unsuccessful-entered"
    LISTING_NOTICE_GIVEN = "listing-notice-given"
    REVIEW_REQUEST_RECEIVED = "review-request-received"
    REVIEW_DECISION_SENT = "review-decision-sent"
    DISPOSAL_NOTICE_RECEIVED = "disposal-notice-received"
    LOSS_INCURRED = "loss-incurred"
    COMPENSATION_DECISION_GIVEN = "compensation-decision-given"
    COMPENSATION_REVIEW_SENT = "compensation-review-sent"
    ATR_VALIDATED = "atr-validated"
    ATR_DECISION_NOTICE = "atr-decision-notice"
    ATR_REFUSED = "atr-refused"
    CRTB_REGISTERED = "crtb-registered"

    @staticmethod
    def _labels() -> dict[str, str]:
        return {
            "nomination-received": tr("Nomination received by the council"),
            "listing-entered": tr("Entered on the list of assets of community value"),
            "unsuccessful-entered": tr("Entered on the list of unsuccessful nominations"),
            "listing-notice-given": tr("Notice of listing given to the owner"),
            "review-request-received": tr("Owner's review request received by the council"),
            "review-decision-sent": tr("Listing review decision sent"),
            "disposal-notice-received": tr("Disposal notice received by the council"),
            "loss-incurred": tr("Loss or expense incurred"),
            "compensation-decision-given": tr("Compensation decision given"),
            "compensation-review-sent": tr("Compensation review decision sent"),
            "atr-validated": tr("Asset transfer request validated"),
            "atr-decision-notice": tr("Asset transfer decision notice"),
            "atr-refused": tr("Asset transfer request refused"),
            "crtb-registered": tr("Community interest in land registered"),
        }

    @property
    def phrase(self) -> str:
        """The trigger day in a sentence: "6 weeks beginning with <phrase>"."""
        return {
            "nomination-received": tr("the day the council received the nomination"),
            "listing-entered": tr("the day the asset was entered on the list"),
            "unsuccessful-entered": tr("the day the nomination was entered on the list of unsuccessful nominations"),
            "listing-notice-given": tr("the day the owner was given notice of the listing"),
            "review-request-received": tr("the day the council received the owner's review request"),
            "review-decision-sent": tr("the day the listing review decision was sent"),
            "disposal-notice-received": tr("the day the council received the disposal notice"),
            "loss-incurred": tr("the day the loss or expense was incurred"),
            "compensation-decision-given": tr("the day the compensation decision was given"),
            "compensation-review-sent": tr("the day the compensation review decision was sent"),
            "atr-validated": tr("the day the asset transfer request was validated"),
            "atr-decision-notice": tr("the date of the decision notice"),
            "atr-refused": tr("the day the asset transfer request was refused"),
            "crtb-registered": tr("the day the community interest was registered"),
        }[self.value]


@dataclass(frozen=True)
class Rule:
    """One statutory (or advisory) date: what it is, what triggers it, how it is counted and how sure we are.

    A rule either has a ``length`` and ``counting`` of its own, or is derived: ``offset_days`` from the date of
    the rule ``derived_from`` — or from ``instead_if_applies`` when that conditional rule's condition holds.
    ``first_day`` marks a date from which something becomes possible or needed, rather than a last day to act.
    """

    code: str
    name: str
    label: str
    event: Event
    length: Length | None
    counting: Counting | None
    citation: str
    confidence: Confidence
    confidence_note: str
    jurisdictions: frozenset[Jurisdiction]
    regime: str
    conditional: bool = False
    condition: str = ""
    must_be_received: bool = False
    derived_from: str | None = None
    offset_days: int = 0
    instead_if_applies: str | None = None
    default_reminder_days: tuple[int, ...] = ()
    first_day: bool = False
    ends: Period | None = None  # the period (or listing) whose last day this is
    action: str = ""  # what the group should do about the date, in plain words ("" for a date to watch)
    group_must_act: bool = False  # the group itself must meet it (the rest are the council's or the owner's)
    # Overdue means passed yet still worth doing (renominating, chasing a council that is late). A statutory
    # window that has closed (a request not received in time) is missed, and no reminder can mend it.
    doable_when_passed: bool = False

    def __post_init__(self) -> None:
        counted = self.length is not None and self.counting is not None
        if counted == self.is_derived or (self.length is None) != (self.counting is None):
            raise ValueError(f"{self.code}: give either a length and counting, or derived_from")
        if self.instead_if_applies is not None and not self.is_derived:
            raise ValueError(f"{self.code}: only a derived rule can switch to another base rule")
        if self.conditional != bool(self.condition):
            raise ValueError(f"{self.code}: a conditional rule needs a condition, and only it")

    @property
    def is_derived(self) -> bool:
        """Whether the date is computed from another rule's date rather than counted from the event."""
        return self.derived_from is not None


_ENGLAND = frozenset({Jurisdiction.ENGLAND})
_SCOTLAND = frozenset({Jurisdiction.SCOTLAND})
_E = Event
_BW, _AFTER, _WD_BW = Counting.BW, Counting.AFTER, Counting.WD_BW
_V, _S, _M = Confidence.V, Confidence.S, Confidence.M


def _acv(
    code: str,
    name: str,
    label: str,
    event: Event,
    length: Length | None,
    counting: Counting | None,
    citation: str,
    confidence: Confidence,
    note: str,
    *,
    conditional: bool = False,
    condition: str = "",
    must_be_received: bool = False,
    derived_from: str | None = None,
    offset_days: int = 0,
    instead_if_applies: str | None = None,
    default_reminder_days: tuple[int, ...] = (),
    first_day: bool = False,
    ends: Period | None = None,
    action: str = "",
    group_must_act: bool = False,
    doable_when_passed: bool = False,
) -> Rule:
    return Rule(
        code=code, name=name, label=label, event=event, length=length, counting=counting, citation=citation,
        confidence=confidence, confidence_note=note, jurisdictions=_ENGLAND, regime=Regime.LA2011.value,
        conditional=conditional, condition=condition, must_be_received=must_be_received,
        derived_from=derived_from, offset_days=offset_days, instead_if_applies=instead_if_applies,
        default_reminder_days=default_reminder_days, first_day=first_day, ends=ends, action=action,
        group_must_act=group_must_act, doable_when_passed=doable_when_passed,
    )  # fmt: skip


def _scot(
    code: str,
    name: str,
    label: str,
    event: Event,
    length: Length,
    counting: Counting,
    citation: str,
    confidence: Confidence,
    note: str,
    regime: str,
    reminders: tuple[int, ...],
    *,
    action: str = "",
    group_must_act: bool = False,
    doable_when_passed: bool = False,
) -> Rule:
    return Rule(
        code=code, name=name, label=label, event=event, length=length, counting=counting, citation=citation,
        confidence=confidence, confidence_note=note, jurisdictions=_SCOTLAND, regime=regime,
        default_reminder_days=reminders, action=action, group_must_act=group_must_act,
        doable_when_passed=doable_when_passed,
    )  # fmt: skip


def _weeks(n: int) -> Length:
    return Length(n, Unit.WEEKS)


def _months(n: int) -> Length:
    return Length(n, Unit.MONTHS)


def _years(n: int) -> Length:
    return Length(n, Unit.YEARS)


_VALID_REQUEST = tr(
    "only if the council received a valid request to be treated as a potential bidder from a community "
    "interest group by the end of the interim moratorium"
)

# One rule per row of RULES.md §4, kept as a compact table: the formatter would spread it over 500 lines.
# fmt: off
CATALOGUE: tuple[Rule, ...] = (
    _acv("ACV-NOM-DECIDE", tr("Nomination decision due"), tr("Council's decision on the nomination due"),
         _E.NOMINATION_RECEIVED, _weeks(8), _AFTER, "reg 7", _M, "[V] length, [M] wording",
         default_reminder_days=(14, 7), doable_when_passed=True,
         action=tr("The council should decide the nomination by now; chase it if you have heard nothing.")),
    _acv("ACV-LIST-END", tr("Listing ends"),
         tr("Last day of the listing — the entry is removed at the end of this day"),
         _E.LISTING_ENTERED, _years(5), _BW, "s.87(3)", _V, "[V]", default_reminder_days=(180, 90, 30),
         ends=Period.LISTING,
         action=tr("The listing ends; the asset is unprotected from the next day unless renominated and listed.")),
    # The lead time is a user setting; -70 days (10 weeks) is only the default.
    _acv("ACV-RENOMINATE-BY", tr("Renominate by"),
         tr("Suggested date to send a fresh nomination — a listing cannot be renewed, and the asset is "
            "unprotected while a fresh nomination is decided"),
         _E.LISTING_ENTERED, None, None, "s.87(3)", Confidence.ADVICE, "advice",
         derived_from="ACV-LIST-END", offset_days=-70, default_reminder_days=(28, 14, 7),
         group_must_act=True, doable_when_passed=True,
         action=tr("Send a fresh nomination: the listing cannot be renewed and protection stops when it ends.")),
    _acv("ACV-UNSUCC-END", tr("Unsuccessful entry removed"),
         tr("Entry on the list of unsuccessful nominations is removed"),
         _E.UNSUCCESSFUL_ENTERED, _years(5), _BW, "s.93", _S, "[S]"),
    _acv("ACV-REVIEW-REQ", tr("Review request due"),
         tr("Last day for the owner to ask the council to review the listing"),
         _E.LISTING_NOTICE_GIVEN, _weeks(8), _BW, "reg 10, Sch 2", _S, "[S]", default_reminder_days=(14, 7)),
    _acv("ACV-REVIEW-DECIDE", tr("Review decision due"),
         tr("Council's review decision due (unless a longer period was agreed in writing)"),
         _E.REVIEW_REQUEST_RECEIVED, _weeks(8), _BW, "Sch 2", _S, "[S]", default_reminder_days=(7,),
         doable_when_passed=True, action=tr("The council should decide the owner's review by now.")),
    _acv("ACV-FTT-LIST", tr("Listing appeal due"),
         tr("Last day to appeal the review decision to the First-tier Tribunal (General Regulatory Chamber)"),
         _E.REVIEW_DECISION_SENT, Length(28, Unit.DAYS), _AFTER, "reg 11; GRC r.22", _V, "[V]",
         default_reminder_days=(14, 7, 3)),
    _acv("ACV-IMP-END", tr("Interim moratorium ends"),
         tr("Interim moratorium ends — last day the council can receive a request to be treated as a "
            "potential bidder"),
         _E.DISPOSAL_NOTICE_RECEIVED, _weeks(6), _BW, "s.95, s.97", _S, "[S]",
         must_be_received=True, default_reminder_days=(21, 14, 7, 3), ends=Period.INTERIM, group_must_act=True,
         action=tr("Make sure the council has received your written request to be treated as a potential bidder "
                   "by this date.")),
    _acv("ACV-FMP-END", tr("Full moratorium ends"),
         tr("Full moratorium ends — until the end of this day the owner may dispose only to a community "
            "interest group"),
         _E.DISPOSAL_NOTICE_RECEIVED, _months(6), _BW, "s.95; reg 14(3)", _V, "[V]",
         conditional=True, condition=_VALID_REQUEST, default_reminder_days=(60, 30, 14, 7), ends=Period.FULL,
         action=tr("The full moratorium ends: have your bid ready; the owner may sell to anyone from the next "
                   "day.")),
    # The day after whichever moratorium applies: the interim one, or the full one if a valid request came in.
    _acv("ACV-OWNER-FREE", tr("Owner free to exchange"),
         tr("First day the owner may exchange contracts or otherwise make the disposal to anyone"),
         _E.DISPOSAL_NOTICE_RECEIVED, None, None, "s.95(3)", _V, "[V]",
         derived_from="ACV-IMP-END", instead_if_applies="ACV-FMP-END", offset_days=1,
         default_reminder_days=(7,), first_day=True,
         action=tr("From this day the owner may exchange contracts with anyone.")),
    _acv("ACV-PP-END", tr("Protected period ends"),
         tr("Protected period ends — last day the owner may dispose without giving a fresh notice"),
         _E.DISPOSAL_NOTICE_RECEIVED, _months(18), _BW, "s.95(4)", _S, "[S]", default_reminder_days=(60, 30),
         ends=Period.PROTECTED,
         action=tr("The protected period ends; any later sale needs a fresh notice and a fresh moratorium.")),
    _acv("ACV-RENOTIFY", tr("Fresh notice needed"),
         tr("First day a fresh disposal notice, with fresh moratoria, is needed before a disposal"),
         _E.DISPOSAL_NOTICE_RECEIVED, None, None, "s.95(4)", _V, "[V]",
         derived_from="ACV-PP-END", offset_days=1, first_day=True),
    _acv("ACV-COMP-CLAIM", tr("Compensation claim due"),
         tr("Last day to claim compensation for loss or expense caused by the listing"),
         _E.LOSS_INCURRED, _weeks(13), _AFTER, "reg 14", _S, "[S]", default_reminder_days=(28, 14, 7)),
    _acv("ACV-COMP-REVIEW-REQ", tr("Compensation review request due"),
         tr("Last day to ask the council to review its compensation decision"),
         _E.COMPENSATION_DECISION_GIVEN, _weeks(8), _BW, "reg 16", _S, "[S]", default_reminder_days=(14, 7)),
    _acv("ACV-FTT-COMP", tr("Compensation appeal due"),
         tr("Last day to appeal the compensation review decision to the First-tier Tribunal"),
         _E.COMPENSATION_REVIEW_SENT, Length(28, Unit.DAYS), _AFTER, "reg 17; GRC r.22", _V, "[V]",
         default_reminder_days=(14, 7, 3)),
    # The English Devolution and Community Empowerment Act 2026, as reported: commencement, transitional rules
    # and how the 12 months are counted are not known (RULES.md §1). Applies only to notices recorded under the
    # 2026 regime, which happens only from the commencement date the user sets.
    Rule(code="EDCEA-MOR-END", name=tr("2026 Act moratorium ends"),
         label=tr("Moratorium under the 2026 Act ends (provisional) — until then the community has the first "
                  "opportunity to buy"),
         event=_E.DISPOSAL_NOTICE_RECEIVED, length=_months(12), counting=_BW,
         citation="EDCEA 2026 (not yet commenced)", confidence=_M,
         confidence_note="[M] reported, not confirmed", jurisdictions=_ENGLAND, regime=Regime.EDCEA2026.value,
         ends=Period.MORATORIUM_2026, default_reminder_days=(60, 30, 14),
         action=tr("The moratorium under the 2026 Act ends (provisional): the community's first opportunity to "
                   "buy ends with it. Confirm the date with the council.")),
    _scot("SCOT-ATR-DECIDE", tr("Asset transfer decision due"),
          tr("Authority's decision on the asset transfer request due — without one, the request is treated "
             "as refused"),
          _E.ATR_VALIDATED, _months(6), _AFTER, "SSI 2016/357 reg 10", _V, "[V]", "CESA2015", (28, 7),
          doable_when_passed=True,
          action=tr("The council's decision is due; if none comes, the request is treated as refused.")),
    _scot("SCOT-ATR-REVIEW", tr("Council review application due"),
          tr("Last day to apply for a review of a council's decision (counted from the decision notice, or "
             "from the day the decision period ran out without one)"),
          _E.ATR_DECISION_NOTICE, Length(20, Unit.WORKING_DAYS), _WD_BW, "SSI 2016/358 reg 3", _V, "[V]",
          "CESA2015", (14, 7, 3), group_must_act=True,
          action=tr("Last day to ask the council to review its decision.")),
    _scot("SCOT-ATR-APPEAL", tr("Appeal to Scottish Ministers due"),
          tr("Last day to appeal to the Scottish Ministers against a decision of an authority that is not a "
             "council"),
          _E.ATR_DECISION_NOTICE, Length(20, Unit.WORKING_DAYS), _WD_BW, "SSI 2016/359 reg 3", _V, "[V]",
          "CESA2015", (14, 7, 3), group_must_act=True,
          action=tr("Last day to appeal to the Scottish Ministers.")),
    _scot("SCOT-ATR-OFFER-MIN", tr("Earliest offer deadline"),
          tr("Earliest date the decision notice may set as the deadline for the community transfer body's "
             "offer"),
          _E.ATR_DECISION_NOTICE, _months(6), _AFTER, "CE(S)A 2015 s.83", _S, "[S]", "CESA2015", (30, 14)),
    _scot("SCOT-ATR-REPEAT", tr("Repeat request may be declined until"),
          tr("Until this date the authority may decline a repeat request for the same land"),
          _E.ATR_REFUSED, _years(2), _AFTER, "CE(S)A 2015 s.93", _S, "[S]", "CESA2015", ()),
    _scot("SCOT-CRTB-REG-END", tr("Community interest registration lapses"),
          tr("Registration of the community interest in land lapses unless it is renewed"),
          _E.CRTB_REGISTERED, _years(5), _BW, "LR(S)A 2003 Part 2", _M, "[M]", "LRSA2003", (180, 90, 30)),
)
# fmt: on

_BY_CODE: dict[str, Rule] = {r.code: r for r in CATALOGUE}

# Codes the deadline engine names because a recorded fact marks their date as met or moot.
RENOMINATE_BY, REVIEW_DECIDE = "ACV-RENOMINATE-BY", "ACV-REVIEW-DECIDE"
ATR_DECIDE, ATR_REVIEW, ATR_APPEAL, ATR_OFFER_MIN = (
    "SCOT-ATR-DECIDE",
    "SCOT-ATR-REVIEW",
    "SCOT-ATR-APPEAL",
    "SCOT-ATR-OFFER-MIN",
)
LONGEST_CODE = max((r.code for r in CATALOGUE), key=len)


def rule(code: str) -> Rule:
    """The catalogue rule with this code; KeyError if there is none."""
    try:
        return _BY_CODE[code]
    except KeyError:
        raise KeyError(f"no rule with code {code!r}") from None


def rules_for_event(event: Event, jurisdiction: Jurisdiction, regime: Regime = Regime.LA2011) -> list[Rule]:
    """The rules the event triggers in the jurisdiction, derived ones included, in catalogue order.

    In England a record's ``regime`` decides between the 2011 Act's rules and the 2026 Act's provisional ones.
    """
    new = regime is Regime.EDCEA2026
    return [
        r
        for r in CATALOGUE
        if r.event is event and jurisdiction in r.jurisdictions and (r.regime == Regime.EDCEA2026.value) is new
    ]


_ENDING: dict[Period, Rule] = {r.ends: r for r in CATALOGUE if r.ends is not None}


def rule_ending(period: Period) -> Rule:
    """The rule whose date is the last day of ``period`` (the interim moratorium ends with ACV-IMP-END)."""
    return _ENDING[period]
