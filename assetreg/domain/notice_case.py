"""What the law makes of one owner's disposal notice on one day: its status, its periods and its requests.

This is the one account of a notice (RULES.md §2.5–§2.8, §5). The asset's status, What's due, the asset page and
its timeline, the forms' hints and every printed sentence about a notice read a ``NoticeCase``; none of them
works a period out again; each request's verdict is judged in ``request_verdicts``. Pure: the day is a parameter.

A period's *effective* end is the day the group should act on: the earlier of the end the law gives and the end
the council published, cut short when the notice stops being in force early (the listing ends, an exempt disposal
passes the land to a new owner, the notice is withdrawn or the sale completes).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from . import entities as e
from .counting import period_end
from .dates import format_date
from .enums import Jurisdiction, LabelledEnum, NoticeOutcome, Period, Regime
from .i18n import tr
from .request_verdicts import (
    RequestFacts,
    RequestVerdict,
    after_the_end,
    judge,
    not_known_for_notice,
    refused_for_notice,
)
from .rules import Rule, rule_ending
from .status import NoticeStatus, protection_end, relevant_disposal_problem

_ONE_DAY = timedelta(days=1)
_NOTICE_PERIODS = (Period.INTERIM, Period.FULL, Period.PROTECTED)
_PUBLISHED_FIELD = {
    Period.INTERIM: "published_interim_end_on",
    Period.FULL: "published_full_end_on",
    Period.MORATORIUM_2026: "published_full_end_on",  # the council's end of the (one) moratorium
    Period.PROTECTED: "published_protected_end_on",
}
_STATUS_OF_PERIOD = {
    Period.INTERIM: NoticeStatus.INTERIM_MORATORIUM,
    Period.FULL: NoticeStatus.FULL_MORATORIUM,
    Period.MORATORIUM_2026: NoticeStatus.MORATORIUM_2026,
    Period.PROTECTED: NoticeStatus.PROTECTED,
}
_OUTCOME_STATUS = {
    NoticeOutcome.DISPOSED: NoticeStatus.DISPOSED,
    NoticeOutcome.DISPOSED_TO_COMMUNITY_GROUP: NoticeStatus.DISPOSED_TO_COMMUNITY_GROUP,
    NoticeOutcome.WITHDRAWN: NoticeStatus.WITHDRAWN,
}


class EarlyEnd(LabelledEnum):
    """Why a notice's periods stopped before the end the law gives them."""

    LISTING_ENDED = "listing-ended"
    EXEMPT_DISPOSAL = "exempt-disposal"
    WITHDRAWN = "withdrawn"
    DISPOSED = "disposed"
    DISPOSED_TO_COMMUNITY_GROUP = "disposed-to-community-group"

    @staticmethod
    def _labels() -> dict[str, str]:
        return {
            "listing-ended": tr("the listing ended"),
            "exempt-disposal": tr("an exempt disposal passed the land to a new owner"),
            "withdrawn": tr("the owner withdrew the notice"),
            "disposed": tr("the sale was completed"),
            "disposed-to-community-group": tr("the land was sold to a community group"),
        }


_OUTCOME_EARLY_END = {
    NoticeOutcome.DISPOSED: EarlyEnd.DISPOSED,
    NoticeOutcome.DISPOSED_TO_COMMUNITY_GROUP: EarlyEnd.DISPOSED_TO_COMMUNITY_GROUP,
    NoticeOutcome.WITHDRAWN: EarlyEnd.WITHDRAWN,
}


class DisposeTo(LabelledEnum):
    """Who the owner of listed land may dispose to on a day (s.95)."""

    ANYONE = "anyone"
    COMMUNITY_INTEREST_GROUPS_ONLY = "community-interest-groups-only"
    ONLY_AFTER_NOTIFYING_THE_COUNCIL = "only-after-notifying-the-council"
    # Listed, but the day of entry is not recorded: whether the listing still protects the land is not known.
    NOT_KNOWN_LISTING_DAY = "not-known-listing-day"

    @staticmethod
    def _labels() -> dict[str, str]:
        return {
            "anyone": tr("The owner may sell to anyone"),
            "community-interest-groups-only": tr("The owner may sell only to a community interest group"),
            "only-after-notifying-the-council": tr(
                "The owner may not sell without first notifying the council, which starts a moratorium"
            ),
            "not-known-listing-day": tr(
                "Who the owner may sell to is not known: the day the asset was entered on the list is not recorded, "
                "so AssetReg cannot tell whether the listing still protects it (record the day on its Listing tab)"
            ),
        }


@dataclass(frozen=True, slots=True)
class PeriodAccount:
    """One period of a notice: the end the law gives, the council's, the one to act on, and why."""

    period: Period
    rule: Rule
    starts_on: date
    computed_end: date
    published_end: date | None
    effective_end: date  # before ``starts_on`` only when the notice ended before this period could begin
    ended_early: EarlyEnd | None = None

    @property
    def why(self) -> str:
        """One sentence on why the period ends on ``effective_end`` (worked out when asked: a register has many)."""
        if self.ended_early is not None:
            return tr("Ended early on {day}: {reason}.").format(
                day=format_date(self.effective_end), reason=self.ended_early.label
            )
        if self.published_end is not None and self.published_end == self.effective_end < self.computed_end:
            return tr(
                "The council published {published}, earlier than the {computed} the Act gives; act on the earlier."
            ).format(published=format_date(self.published_end), computed=format_date(self.computed_end))
        return tr("{length} beginning with the day the council received the notice ({citation}).").format(
            length=str(self.rule.length).capitalize(), citation=self.rule.citation
        )

    @property
    def disagrees(self) -> bool:
        """The council published an end other than the one the law gives."""
        return self.published_end is not None and self.published_end != self.computed_end

    def running(self, day: date) -> bool:
        return self.starts_on <= day <= self.effective_end

    def days_left(self, day: date) -> int:
        """Days after ``day`` until the end; 0 on the last day."""
        return (self.effective_end - day).days


@dataclass(frozen=True, slots=True)
class NoticeCase:
    """Where one disposal notice stands on ``day``."""

    notice: e.DisposalNotice
    day: date
    status: NoticeStatus
    problem: str  # why the notice starts no moratorium at all, or ""
    starts_on: date | None  # the day the periods begin with: received, else sent (provisional)
    periods: tuple[PeriodAccount, ...]  # interim, full (only after a valid request), protected; () when none
    requests: tuple[RequestVerdict, ...]
    in_force_until: date | None  # the last day any clock of the notice can run, when something ends it early
    early_end: EarlyEnd | None
    # While no valid request has come in: the full moratorium as it would run if one is received in time.
    full_if_requested: PeriodAccount | None = None
    # No moratorium is counted only until the day the asset was entered on the list is recorded (``problem``).
    awaits_listing_day: bool = False

    @property
    def reference(self) -> str:
        return self.notice.reference

    @property
    def provisional(self) -> bool:
        """Counted from the sent date, because the day the council received the notice is not known."""
        return self.notice.received_on is None and self.starts_on is not None

    @property
    def valid_request(self) -> bool:
        return any(r.starts_full_moratorium for r in self.requests)

    def period(self, which: Period) -> PeriodAccount | None:
        return next((p for p in self.periods if p.period is which), None)

    def ending_before(self, which: Period) -> PeriodAccount | None:
        """The longest of the account's periods shorter than ``which``: the periods all begin together and nest, so
        ``which`` ends no earlier than it, whatever a council published."""
        if which not in _NOTICE_PERIODS:
            return None
        shorter = _NOTICE_PERIODS[: _NOTICE_PERIODS.index(which)]
        return next((p for p in reversed(self.periods) if p.period in shorter), None)

    @property
    def published_without_period(self) -> tuple[tuple[Period, date], ...]:
        """The ends the council published for periods this account does not run (most often a full moratorium
        with no request recorded that starts it), so that what the council said is never hidden."""
        taken = {_PUBLISHED_FIELD[p.period] for p in self.periods}
        return tuple(
            (which, day)
            for which in _NOTICE_PERIODS
            if (field := _PUBLISHED_FIELD[which]) not in taken and (day := getattr(self.notice, field)) is not None
        )

    @property
    def current(self) -> PeriodAccount | None:
        """The period the notice is in on ``day``, if one runs."""
        return next((p for p in self.periods if _STATUS_OF_PERIOD[p.period] is self.status), None)

    @property
    def period_ends_on(self) -> date | None:
        """The last day of the period the notice is in, if one runs."""
        return self.current.effective_end if self.current else None

    @property
    def owner_may_dispose_to(self) -> DisposeTo | None:
        """Who the owner who gave this notice may dispose to on ``day``; None when the notice is not in force."""
        if self.status in (
            NoticeStatus.INTERIM_MORATORIUM,
            NoticeStatus.FULL_MORATORIUM,
            NoticeStatus.MORATORIUM_2026,  # reported: the community has the first opportunity to buy
        ):
            return DisposeTo.COMMUNITY_INTEREST_GROUPS_ONLY
        if self.status is NoticeStatus.PROTECTED:
            return DisposeTo.ANYONE
        return None

    @property
    def owner_free_from(self) -> date | None:
        """The first day the owner may exchange with anyone: the day after the last moratorium (ACV-OWNER-FREE)."""
        moratoria = [p for p in self.periods if p.period is not Period.PROTECTED]
        return moratoria[-1].effective_end + _ONE_DAY if moratoria else None


def published_summary(case: NoticeCase) -> str:
    """The end dates the council published, each beside the law's where they differ, and those of periods the
    case does not run; "" when the council published none. The one sentence the app and the command line show."""
    shown = []
    for p in case.periods:
        if p.published_end is None:
            continue
        what = tr("{period} ends {date}").format(period=p.period.label.lower(), date=format_date(p.published_end))
        notes = [tr("the Act gives {date}").format(date=format_date(p.computed_end))] if p.disagrees else []
        if p.ended_early is not None and p.effective_end < p.published_end:
            notes.append(tr("it {ends}").format(ends=_early_end_said(p, case.day)))
        shown.append(f"{what} ({'; '.join(notes)})" if notes else what)
    for period, day in case.published_without_period:
        what = tr("{period} ends {date}").format(period=period.label.lower(), date=format_date(day))
        if period is Period.FULL and case.periods:
            # Councils publish every end on receiving a notice (s.97): the date is no sign that a group asked.
            what += tr(" (no request recorded here starts it: record the group's request if one was made in time)")
        else:
            what += tr(" (this notice runs no such period in the register)")
        shown.append(what)
    if not shown:
        return ""
    basis = f" ({case.notice.published_basis})" if case.notice.published_basis else ""
    text = tr("The council published{basis}: {dates}.").format(dates="; ".join(shown), basis=basis)
    if any(p.disagrees and p.ended_early is None for p in case.periods):
        text += " " + tr("Act on the earlier date; the council may be asked to correct its list.")
    return text


def _early_end_said(p: PeriodAccount, day: date) -> str:
    """How a period the notice's end cuts short ends, as of ``day``: "ended early, on …: the listing ended", or
    (still to come) "ends early, on …, the listing's last day"."""
    assert p.ended_early is not None
    when = format_date(p.effective_end)
    if p.effective_end < day:
        return tr("ended early, on {day}: {reason}").format(day=when, reason=p.ended_early.label)
    return tr("ends early, on {day}, {reason}").format(day=when, reason=_ending(p.ended_early))


def published_end(notice: e.DisposalNotice, which: Period) -> date | None:
    """The end of ``which`` period as the council published it (s.97), if it did."""
    field = _PUBLISHED_FIELD.get(which)
    return getattr(notice, field) if field else None


def notice_case(
    notice: e.DisposalNotice,
    requests: Iterable[RequestFacts],
    entries: Sequence[e.ListEntry],
    exempt_disposals: Iterable[e.ExemptDisposal],
    jurisdiction: Jurisdiction,
    day: date,
    listing_day_unknown: bool = False,
) -> NoticeCase:
    """The account of one disposal notice on ``day``, from the asset's recorded facts.

    ``entries`` are the asset's list entries (a moratorium needs listed land and ends with the listing, s.95(1));
    ``exempt_disposals`` the asset's exempt disposals (one to a new owner ends the old owner's notice, §2.8);
    ``listing_day_unknown`` that the asset is recorded as listed without the day of entry (``status``).
    """
    start = notice.received_on or notice.sent_on
    requests = tuple(requests)
    problem, awaited = _problem(notice, start, entries, jurisdiction, listing_day_unknown)
    if start is None or problem:
        judged = not_known_for_notice if awaited else refused_for_notice
        verdicts = tuple(judged(r, problem) for r in requests) if problem else ()
        status = _outcome_status(notice, day) or (
            NoticeStatus.NO_MORATORIUM
            if problem and not awaited and start is not None and start <= day
            else NoticeStatus.AWAITING_DATES
        )
        return NoticeCase(notice, day, status, problem, start, (), verdicts, None, None, awaits_listing_day=awaited)

    if notice.regime is Regime.EDCEA2026:
        return _case_2026(notice, requests, start, entries, exempt_disposals, day)
    interim_rule = rule_ending(Period.INTERIM)
    interim_end = period_end(start, interim_rule.length, interim_rule.counting)
    cut, early_end = _early_end(notice, start, entries, exempt_disposals)
    verdicts = tuple(
        (after_the_end(r, cut, early_end.label) if early_end is not None else None)
        or judge(r, start, interim_end, notice.published_interim_end_on, notice.received_on is None)
        for r in requests
    )
    valid = any(v.starts_full_moratorium for v in verdicts)
    periods: list[PeriodAccount] = []
    for which in _NOTICE_PERIODS:
        if which is Period.FULL and not valid:
            continue
        periods.append(_period(which, notice, start, cut, early_end, periods[-1] if periods else None))
    status = _outcome_status(notice, day) or _status(start, periods, early_end, day)
    would_be = None if valid else _period(Period.FULL, notice, start, cut, early_end, periods[0])
    full = next((p for p in periods if p.period is Period.FULL), None)
    if full is not None and full.ended_early is not None:  # "applies" is never the whole story then
        verdicts = tuple(_cut_short(v, full, day) if v.starts_full_moratorium else v for v in verdicts)
    return NoticeCase(notice, day, status, "", start, tuple(periods), verdicts, cut, early_end, would_be)


def _problem(
    notice: e.DisposalNotice,
    start: date | None,
    entries: Sequence[e.ListEntry],
    nation: Jurisdiction,
    listing_day_unknown: bool,
) -> tuple[str, bool]:
    """Why no moratorium of the notice is counted, or ""; and whether that is only for a date still awaited."""
    if not nation.has_acv_regime:
        why = tr("The community right to bid applies in England only, so no moratorium applies in {nation}.")
        return why.format(nation=nation.label), False
    problem = relevant_disposal_problem(notice)
    if problem or start is None or protection_end(entries, start) != date.max:
        return problem, False
    when = (
        tr("when the council received the notice")
        if notice.received_on is not None
        else tr("when the owner sent the notice (the day the council received it is not recorded)")
    )
    if listing_day_unknown:
        interim = rule_ending(Period.INTERIM)
        end = period_end(start, interim.length, interim.counting)
        if notice.published_interim_end_on is not None:
            end = min(end, notice.published_interim_end_on)
        why = tr(
            "The asset is recorded as listed, but not the day it was entered on the list, so AssetReg cannot tell "
            "whether it was listed on {day}, {when}, and counts no moratorium yet (s.95(1)). Record the day of "
            "entry on the asset's Listing tab. If it was listed then, a group's request to be treated as a bidder "
            "must reach the council by {end}."
        )
        return why.format(day=format_date(start), when=when, end=format_date(end)), True
    why = tr(
        "The land was not on the list of assets of community value on {day}, {when}, so no moratorium applies "
        "(s.95(1)). Check the listing with the council."
    )
    return why.format(day=format_date(start), when=when), False


def _case_2026(
    notice: e.DisposalNotice,
    requests: Sequence[RequestFacts],
    start: date,
    entries: Sequence[e.ListEntry],
    exempt: Iterable[e.ExemptDisposal],
    day: date,
) -> NoticeCase:
    """A notice under the 2026 Act's provisional rules: one 12-month moratorium in which the community has the
    first opportunity to buy. What starts it and how it is counted are not known (RULES.md §1), so every date is
    marked for confirmation; requests to be treated as a bidder play no part."""
    cut, early_end = _early_end(notice, start, entries, exempt)
    moratorium = _period(Period.MORATORIUM_2026, notice, start, cut, early_end, None)
    why = tr(
        "Under the English Devolution and Community Empowerment Act 2026 the community has a right of first "
        "refusal instead: a request to be treated as a bidder starts nothing. The Act's procedure is not yet "
        "known; confirm with the council what your group must do and by when."
    )
    verdicts = tuple(RequestVerdict(r.reference, r.received_on, False, why) for r in requests)
    status = _outcome_status(notice, day) or _status(start, [moratorium], early_end, day)
    return NoticeCase(notice, day, status, "", start, (moratorium,), verdicts, cut, early_end)


def _outcome_status(notice: e.DisposalNotice, day: date) -> NoticeStatus | None:
    if notice.outcome in _OUTCOME_STATUS and (notice.outcome_on is None or notice.outcome_on <= day):
        return _OUTCOME_STATUS[notice.outcome]
    return None


def _early_end(
    notice: e.DisposalNotice, start: date, entries: Sequence[e.ListEntry], exempt: Iterable[e.ExemptDisposal]
) -> tuple[date | None, EarlyEnd | None]:
    """The last day the notice can be in force when something ends it early, and what does."""
    ends: list[tuple[date, EarlyEnd]] = []
    listing_last_day = protection_end(entries, start)
    if listing_last_day != date.max:
        ends.append((listing_last_day, EarlyEnd.LISTING_ENDED))
    # An exempt disposal passes the land on, so the old owner's notice ends with it, on the day before or (on
    # the day the notice was received) that day; the new owner must notify afresh (RULES.md §2.8).
    ends += [
        (max(x.disposed_on - _ONE_DAY, start), EarlyEnd.EXEMPT_DISPOSAL) for x in exempt if _ends(x, notice, start)
    ]
    if notice.outcome in _OUTCOME_EARLY_END:
        ends.append(((notice.outcome_on or start) - _ONE_DAY, _OUTCOME_EARLY_END[notice.outcome]))
    if not ends:
        return None, None
    return min(ends, key=lambda x: x[0])


def _ends(disposal: e.ExemptDisposal, notice: e.DisposalNotice, start: date) -> bool:
    """Whether an exempt disposal ends the notice: one made on or after the day it was received, unless the
    records say the land went to the very owner who gave it, or came from another owner, who notifies for itself
    (s.95(2): "that particular person"). Owners left unrecorded do not keep the old dates alive."""
    owner = notice.owner_ref
    if disposal.disposed_on < start or (owner and disposal.new_owner_ref == owner):
        return False
    return not (owner and disposal.previous_owner_ref and disposal.previous_owner_ref != owner)


def _period(
    which: Period,
    notice: e.DisposalNotice,
    start: date,
    cut: date | None,
    early_end: EarlyEnd | None,
    before: PeriodAccount | None,
) -> PeriodAccount:
    r = rule_ending(which)
    computed = period_end(start, r.length, r.counting)
    published = published_end(notice, which)
    effective = min(computed, published) if published is not None else computed
    ended = None
    if cut is not None and cut < effective:
        effective, ended = cut, early_end
    # The periods all begin together and nest: a council's date for a longer period never ends it first.
    if before is not None and effective < before.effective_end:
        effective = before.effective_end
    return PeriodAccount(which, r, start, computed, published, effective, ended)


def _status(start: date, periods: list[PeriodAccount], early_end: EarlyEnd | None, day: date) -> NoticeStatus:
    if day < start:
        return NoticeStatus.AWAITING_DATES
    for p in periods:
        if p.running(day):
            return _STATUS_OF_PERIOD[p.period]
    if periods[-1].ended_early is EarlyEnd.EXEMPT_DISPOSAL:
        return NoticeStatus.SUPERSEDED
    return NoticeStatus.LAPSED


def _cut_short(verdict: RequestVerdict, full: PeriodAccount, day: date) -> RequestVerdict:
    """A request's verdict, with the early end of the full moratorium it starts said beside it."""
    note = tr("It {ends}.").format(ends=_early_end_said(full, day))
    return replace(verdict, why=verdict.why + " " + note)


def _ending(early_end: EarlyEnd) -> str:
    """An early end still to come, said as a future: "It ends early, on Sat 1 Nov 2025, the listing's last day"."""
    return {
        EarlyEnd.LISTING_ENDED: tr("the listing's last day"),
        EarlyEnd.EXEMPT_DISPOSAL: tr("the last day before an exempt disposal passes the land to a new owner"),
        EarlyEnd.WITHDRAWN: tr("the last day before the owner's withdrawal of the notice takes effect"),
        EarlyEnd.DISPOSED: tr("the last day before the sale completes"),
        EarlyEnd.DISPOSED_TO_COMMUNITY_GROUP: tr("the last day before the sale to a community group completes"),
    }[early_end]
