"""Computed statutory dates, each carrying the explanation a community group needs to trust or question it."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from .counting import Counting, WorkingDayCalendar, default_calendar, period_end
from .dates import format_date, weekday_name
from .enums import Jurisdiction, Regime
from .i18n import tr
from .rules import RENOMINATE_BY, Confidence, Event, Rule, rule, rules_for_event


def _days(n: int) -> str:
    return tr("1 day") if n == 1 else tr("{n} days").format(n=n)


@dataclass(frozen=True)
class Deadline:
    """A date computed by a rule from a trigger, with what it rests on and how to act on it.

    ``conditional``: the date applies only if a condition not yet known holds (see ``rule.condition``).
    ``provisional``: counted from the date a notice was sent because the received date is not known.
    ``act_by``: the previous working day, where the date is a last day that falls on a non-working day.
    ``base_code``/``base_date``: for a derived rule, the rule and date it was derived from.
    ``alternative_date``: for a rule whose base switches on a condition not yet known, the date if it holds.
    ``published_of``: for a derived date, the rule whose date the council published (``published_date`` is then
    the date that published one gives this rule).
    ``comes_after``: the rule and date of a shorter period that must end first, when the council published an
    end before it (the periods nest, so this one is acted on no earlier than that one allows).
    """

    rule: Rule
    date: dt.date
    trigger_event: Event
    trigger_date: dt.date
    jurisdiction: Jurisdiction
    conditional: bool = False
    provisional: bool = False
    non_working_day: bool = False
    holiday_name: str | None = None
    act_by: dt.date | None = None
    published_date: dt.date | None = None
    published_basis: str = ""
    base_code: str | None = None
    base_date: dt.date | None = None
    alternative_date: dt.date | None = None
    published_of: str | None = None
    comes_after: tuple[str, dt.date] | None = None

    @property
    def code(self) -> str:
        """The rule's catalogue code, e.g. "ACV-IMP-END"."""
        return self.rule.code

    @property
    def weekday(self) -> str:
        """The computed date's short weekday name, e.g. "Sat"."""
        return weekday_name(self.date)

    @property
    def difference_days(self) -> int | None:
        """Published date minus computed date in days (negative: the council's date is earlier)."""
        return None if self.published_date is None else (self.published_date - self.date).days

    @property
    def effective_date(self) -> dt.date:
        """The date a community group should act on: the earlier of the computed and published dates (never
        before a shorter period that must end first)."""
        acted = self.date if self.published_date is None else min(self.date, self.published_date)
        if self.comes_after is None:
            return acted
        return max(acted, self.comes_after[1] + dt.timedelta(days=self.rule.offset_days))

    @property
    def confidence(self) -> Confidence:
        """How sure the date is: its rule's confidence, or the date it is counted from's when that is less sure (a
        day after a period's end is no surer than the end)."""
        own = self.rule.confidence
        if self.base_code is None or own is Confidence.ADVICE:
            return own
        base = rule(self.base_code).confidence
        return base if _SURENESS.index(base) > _SURENESS.index(own) else own

    @property
    def explanation(self) -> str:
        """A plain-English paragraph saying what the date is, how it was counted and how far to trust it."""
        return " ".join(part for part in self._explanation_parts() if part)

    def _explanation_parts(self) -> list[str]:
        r = self.rule
        parts = [f"{r.label}: {format_date(self.date)}.", self._how_counted()]
        parts.append(tr("Citation: {citation}.").format(citation=r.citation))
        sure = self.confidence
        if sure is Confidence.ADVICE:
            parts.append(tr("This is a suggestion, not a legal deadline."))
        else:
            parts.append(tr("How sure: {label}.").format(label=sure.label))
        if sure.needs_confirmation:
            parts.append(tr("Confirm this date with the council or authority before relying on it."))
        if self.conditional and r.conditional:
            parts.append(tr("This date applies {condition}.").format(condition=r.condition))
        if self.alternative_date is not None and r.instead_if_applies:
            other = rule(r.instead_if_applies)
            parts.append(
                tr(
                    'This date assumes "{name}" does not apply. That date applies {condition}; if it does, '
                    "this date is {alternative} instead."
                ).format(name=other.name, condition=other.condition, alternative=format_date(self.alternative_date))
            )
        if self.provisional:
            parts.append(
                tr(
                    "Provisional: counted from the date it was sent, because the date it was received is not "
                    "known yet. Enter the received date, or the council's published date, to confirm it."
                )
            )
        if r.must_be_received:
            parts.append(tr("Anything due by this date must be received by then, not just sent."))
        if self.act_by is not None:
            reason = self.holiday_name or tr("a {weekday}").format(weekday=_full_weekday(self.date))
            parts.append(
                tr("{date} is not a working day ({reason}) and the period is not extended, so act by {act_by}.").format(
                    date=format_date(self.date), reason=reason, act_by=format_date(self.act_by)
                )
            )
        parts.append(self._published_note())
        return parts

    def _how_counted(self) -> str:
        r = self.rule
        trigger = f"{self.trigger_event.phrase}, {format_date(self.trigger_date)}"
        if r.is_derived and self.base_code is not None and self.base_date is not None:
            # From the dates rather than the rule, so a user's own renomination lead time is reported.
            offset = (self.date - self.base_date).days
            if offset >= 0:
                template = tr('Worked out as {n} after "{name}" ({date}), which is counted from {trigger}.')
            else:
                template = tr('Worked out as {n} before "{name}" ({date}), which is counted from {trigger}.')
            return template.format(
                n=_days(abs(offset)), name=rule(self.base_code).name, date=format_date(self.base_date), trigger=trigger
            )
        assert r.length is not None
        if r.counting is Counting.AFTER:
            how = tr("Counted as {length} after {trigger} (the day does not count).")
        elif r.counting is Counting.WD_BW:
            how = tr(
                "Counted as {length} beginning with {trigger} (the day counts if it is a working day; "
                "Saturdays, Sundays and bank holidays in {place} are skipped)."
            )
        else:
            how = tr("Counted as {length} beginning with {trigger} (the day counts).")
        return how.format(length=r.length, trigger=trigger, place=self.jurisdiction.label)

    def _published_note(self) -> str:
        difference = self.difference_days
        if self.published_date is None or difference is None:
            return ""
        basis = f" ({self.published_basis})" if self.published_basis else ""
        published = format_date(self.published_date)
        if self.published_of is not None:  # the council published the date this one is counted from
            published = tr('"{name}" as {date}{basis}, which makes this {published}').format(
                name=rule(self.published_of).name,
                date=format_date(self.published_date - dt.timedelta(days=self.rule.offset_days)),
                basis=basis,
                published=published,
            )
            basis = ""
        if self.comes_after is not None and self.effective_date > min(self.date, self.published_date):
            code, first = self.comes_after
            return tr(
                'The council published {published}{basis}, before "{name}" ({first}), which must come first; '
                "act on {effective}."
            ).format(
                published=published,
                basis=basis,
                name=rule(code).name,
                first=format_date(first),
                effective=format_date(self.effective_date),
            )
        if difference == 0 and self.published_of is not None:
            return tr("The council published {published}, the same date.").format(published=published)
        if difference == 0:
            return tr("The council published the same date{basis}.").format(basis=basis)
        when = tr("earlier") if difference < 0 else tr("later")
        return tr(
            "The council published {published}{basis}, {days} {when} than the computed date; act on the "
            "earlier date, {earlier}."
        ).format(
            published=published,
            basis=basis,
            days=_days(abs(difference)),
            when=when,
            earlier=format_date(self.effective_date),
        )


_SURENESS = (Confidence.V, Confidence.S, Confidence.M, Confidence.ADVICE)  # surest first


def _full_weekday(day: dt.date) -> str:
    return (tr("Saturday"), tr("Sunday"))[day.weekday() - 5] if day.weekday() >= 5 else tr("working day")


def compute(
    event: Event,
    trigger_date: dt.date,
    jurisdiction: Jurisdiction,
    calendar: WorkingDayCalendar | None = None,
    *,
    provisional: bool = False,
    valid_bidder_request: bool | None = None,
    renomination_lead_days: int | None = None,
    regime: Regime = Regime.LA2011,
) -> list[Deadline]:
    """Every date the event triggers in the jurisdiction, derived ones included, in date order.

    ``valid_bidder_request`` says whether a valid request to be treated as a potential bidder was received in
    time: None while unknown (conditional dates are kept and marked conditional), False drops them, True makes
    them firm. ``renomination_lead_days`` replaces the catalogue's default lead before the listing ends.
    ``regime`` chooses between the 2011 Act's rules and the 2026 Act's provisional ones in England.
    Returns [] where no modelled regime has rules for the event (see ``no_regime_note``).
    """
    rules = rules_for_event(event, jurisdiction, regime)
    if not rules:
        return []
    if calendar is None:
        calendar = default_calendar(jurisdiction)
    elif calendar.jurisdiction is not jurisdiction:
        raise ValueError(f"a {calendar.jurisdiction} calendar cannot count {jurisdiction} time")
    working_days = calendar

    memo: dict[str, dt.date] = {}

    def date_of(code: str, base_code: str | None = None) -> dt.date:
        r = rule(code)
        if not r.is_derived:
            if code not in memo:
                assert r.length is not None and r.counting is not None
                memo[code] = period_end(trigger_date, r.length, r.counting, working_days)
            return memo[code]
        offset = r.offset_days
        if code == RENOMINATE_BY and renomination_lead_days is not None:
            offset = -renomination_lead_days
        return date_of(base_code or _base_code(r, valid_bidder_request)) + dt.timedelta(days=offset)

    deadlines = []
    for r in rules:
        if r.conditional and valid_bidder_request is False:
            continue
        base_code = _base_code(r, valid_bidder_request) if r.is_derived else None
        alternative = None
        if r.instead_if_applies and valid_bidder_request is None:
            alternative = date_of(r.code, r.instead_if_applies)
        day = date_of(r.code)
        last_day_off = not r.first_day and not calendar.is_working_day(day)
        deadlines.append(
            Deadline(
                rule=r,
                date=day,
                trigger_event=event,
                trigger_date=trigger_date,
                jurisdiction=jurisdiction,
                conditional=(r.conditional or alternative is not None) and valid_bidder_request is None,
                provisional=provisional,
                non_working_day=not calendar.is_working_day(day),
                holiday_name=calendar.holiday_name(day),
                act_by=calendar.previous_working_day(day) if last_day_off else None,
                base_code=base_code,
                base_date=date_of(base_code) if base_code else None,
                alternative_date=alternative,
            )
        )
    return sorted(deadlines, key=lambda d: d.date)


def _base_code(r: Rule, valid_bidder_request: bool | None) -> str:
    # Only a known valid request switches to the conditional base; while unknown, the other date is shown
    # as the alternative.
    assert r.derived_from is not None
    return r.instead_if_applies if r.instead_if_applies and valid_bidder_request else r.derived_from


def with_published(deadline: Deadline, published_date: dt.date | None, basis: str = "") -> Deadline:
    """The deadline with the council's published date and its basis recorded beside the computed date."""
    return dataclasses.replace(deadline, published_date=published_date, published_basis=basis.strip())


def send_by(deadline: Deadline, calendar: WorkingDayCalendar, working_days: int) -> dt.date | None:
    """A date to send by so that something that must be *received* arrives in time; None for other rules."""
    if not deadline.rule.must_be_received:
        return None
    return calendar.add_working_days(deadline.effective_date, -working_days)


def no_regime_note(jurisdiction: Jurisdiction) -> str:
    """Why no assets-of-community-value dates are computed in the jurisdiction; "" for England."""
    if jurisdiction is Jurisdiction.WALES:
        return tr(
            "No assets-of-community-value deadlines apply in Wales: the community right to bid (Localism Act "
            "2011 Part 5 Chapter 3) was never commenced there. Community asset transfer in Wales is council "
            "policy, not statute."
        )
    if jurisdiction is Jurisdiction.NORTHERN_IRELAND:
        return tr(
            "AssetReg models no statutory community right to bid or asset transfer regime for Northern "
            "Ireland, so no deadlines are computed there. Community asset transfer is recorded as council "
            "policy."
        )
    if jurisdiction is Jurisdiction.SCOTLAND:
        return tr(
            "The community right to bid (assets of community value) applies in England only. Scotland has its "
            "own asset transfer requests and community right to buy, with their own deadlines."
        )
    return ""
