"""Deadlines over the register: what is overdue and what is coming, for every asset or for one."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..collector import paused
from ..db.repositories import RecordRepository
from ..domain import entities as e
from ..domain.asset_deadlines import AssetDeadline, AssetFacts
from ..domain.case import Case, InForce, build_case
from ..domain.counting import WorkingDayCalendar
from ..domain.deadlines import Deadline, compute, no_regime_note
from ..domain.eligibility import trigger_conditions
from ..domain.enums import ApplicationKind, Jurisdiction, NominationDecision, Regime
from ..domain.errors import NotFoundError
from ..domain.i18n import tr
from ..domain.notice_case import RequestFacts
from ..domain.records import RecordKind
from ..domain.rules import Event, rules_for_event
from ..domain.settings import Settings
from .register import Register
from .settings import load_settings

if TYPE_CHECKING:
    from .due_lines import InForceAsset


DEFAULT_WITHIN_DAYS = 30  # the days ahead a deadline report for a meeting covers, unless asked otherwise


def calendars(settings: Settings) -> dict[Jurisdiction, WorkingDayCalendar]:
    """One working-day calendar per nation: its bank holidays plus the user's extra days off."""
    extra = dict(settings.extra_holidays)
    return {j: WorkingDayCalendar(j, extra) for j in Jurisdiction}


def dates_for_event(
    event: Event, trigger: date, jurisdiction: Jurisdiction, register_path: Path | None = None
) -> tuple[list[Deadline], str]:
    """The dates an event triggers, and a note where the nation has no such regime.

    When a register is given its settings count (extra holidays, the lead before a listing ends, and the 2026
    Act's commencement date: from it a notice starts that Act's provisional moratorium, as a notice recorded in
    the register would); the dates need no register otherwise.
    """
    settings = Settings()
    if register_path is not None and register_path.exists():
        with Register.open(register_path) as register:
            settings = load_settings(register)
    regime = settings.regime_on(trigger)
    if not rules_for_event(event, jurisdiction, regime):  # the 2026 Act replaces only the rules it has its own of
        regime = Regime.LA2011
    deadlines = compute(
        event,
        trigger,
        jurisdiction,
        calendars(settings)[jurisdiction],
        renomination_lead_days=settings.renomination_lead_days,
        regime=regime,
    )
    return deadlines, "" if deadlines else no_regime_note(jurisdiction) or _no_rules_note(event, jurisdiction)


def _no_rules_note(event: Event, jurisdiction: Jurisdiction) -> str:
    return tr("No rule is triggered by {event} in {nation}.").format(
        event=event.label.lower(), nation=jurisdiction.label
    )


@dataclass(frozen=True)
class WhatsDue:
    """What is due across the register on ``day``, and what is in force then, from every asset's case."""

    day: date
    deadlines: tuple[AssetDeadline, ...]  # overdue, then coming (within the days asked), in date order
    # Every running moratorium, protected period and listing, with the case it belongs to: the case itself, or
    # when read from the due index, what the line needs of it (``due_lines.InForceAsset``: reference, name, day).
    in_force: tuple[tuple[Case | InForceAsset, InForce], ...]


def whats_due(
    register: Register,
    day: date | None = None,
    *,
    within: int | None = None,
    overdue_only: bool = False,
    asset_ref: str = "",
) -> WhatsDue:
    """Deadlines still to be met — those overdue, then those from ``day`` on (within ``within`` days) — and
    everything in force on ``day``, soonest to end first.

    For the whole register the answer is read from the due index (``services.due_index``), with only the assets
    whose stored lines have run out worked out again; when the index cannot answer for the day, every case is
    worked out and the index is built from them. Either way the answer is the same.
    """
    day = day or register.today()
    if not asset_ref:
        due = indexed_whats_due(register, day, within=within, overdue_only=overdue_only)
        if due is not None:
            return due
    cases = register_cases(register, day, asset_ref=asset_ref)
    if not asset_ref:
        from .due_index import write_back

        write_back(register, cases, day, whole=True)
    return _whats_due_of(cases, day, within, overdue_only)


def computed_whats_due(
    register: Register, day: date | None = None, *, within: int | None = None, overdue_only: bool = False
) -> WhatsDue:
    """What's due for the whole register worked out from every case, without the due index (for checking it)."""
    day = day or register.today()
    return _whats_due_of(register_cases(register, day), day, within, overdue_only)


def _wanted(item: AssetDeadline, day: date, within: int | None, overdue_only: bool) -> bool:
    if item.done:
        return False
    coming = item.date >= day and (within is None or item.date <= day + timedelta(within))
    return item.overdue(day) or (coming and not overdue_only)


def _whats_due_of(cases: Sequence[Case], day: date, within: int | None, overdue_only: bool) -> WhatsDue:
    items = [item for case in cases for item in case.deadlines if _wanted(item, day, within, overdue_only)]
    running = [(case, x) for case in cases for x in case.in_force]
    return WhatsDue(
        day,
        tuple(sorted(items, key=lambda x: (x.date, x.asset_ref, x.code))),
        tuple(sorted(running, key=lambda pair: (pair[1].ends_on, pair[0].asset_ref, pair[1].period))),
    )


def kept_ready(register: Register, day: date | None = None) -> bool:
    """Whether What's due for the whole register is kept ready for ``day``; when not (the first look after an
    update, or a change of settings), the next ``whats_due`` works every case out, which takes a while on a
    large register. Quick: it reads the index's own record, not its lines."""
    from . import due_index

    with register.reading() as session:
        return due_index.answers_for(session, day or register.today(), due_index.settings_in(session))


def indexed_whats_due(
    register: Register,
    day: date,
    *,
    within: int | None = None,
    overdue_only: bool = False,
    write: bool = True,
) -> WhatsDue | None:
    """What's due for the whole register from the due index, or None when the index cannot answer for ``day``.

    Lines come back in the order ``whats_due`` gives: ties broken by each case's own order, as its sort keeps
    them. Assets worked out again are stored back (with ``write``), so the next start reads them too.
    """
    from . import due_index

    with paused():  # the lines are values, like the cases
        with register.reading() as session:
            found = due_index.read(session, day, within)
        if found is None:
            return None
        items = [(item, i) for item, i in found.deadlines if _wanted(item, day, within, overdue_only)]
        items.sort(key=lambda pair: (pair[0].date, pair[0].asset_ref, pair[0].code, pair[1]))
        running = found.in_force
        running.sort(key=lambda pair: (pair[0][1].ends_on, pair[0][0].asset_ref, pair[0][1].period, pair[1]))
    if write and found.recomputed:
        due_index.write_back(register, found.recomputed, day, whole=False)
    return WhatsDue(day, tuple(item for item, _ in items), tuple(pair for pair, _ in running))


def register_deadlines(
    register: Register,
    today: date | None = None,
    *,
    within: int | None = None,
    overdue_only: bool = False,
    asset_ref: str = "",
) -> list[AssetDeadline]:
    """Deadlines still to be met: those overdue, then those from ``today`` on (within ``within`` days)."""
    due = whats_due(register, today, within=within, overdue_only=overdue_only, asset_ref=asset_ref)
    return list(due.deadlines)


def register_cases(register: Register, day: date | None = None, *, asset_ref: str = "") -> list[Case]:
    """The case of every asset that has a clock, with its deadlines, on ``day`` (or of one, with ``asset_ref``).

    Tasks not tied to an asset come as a case of their own with an empty ``asset_ref``.
    """
    day = day or register.today()
    settings = load_settings(register)
    by_nation = calendars(settings)
    facts = load_facts(register, asset_ref, settings.default_jurisdiction)
    with paused(facts):
        return [build_case(f, day, settings, by_nation[f.jurisdiction]) for f in facts]


_NOMINATION_FIELDS = ("reference", "asset_ref", "decision", "sent_on", "received_on", "decided_on")
_ENTRY_FIELDS = (
    "reference",
    "asset_ref",
    "kind",
    "entered_on",
    "notice_given_on",
    "regime",
    "removed_on",
    "removal_reason",
)


def load_facts(
    register: Register, asset_ref: str = "", default: Jurisdiction = Jurisdiction.ENGLAND
) -> list[AssetFacts]:
    """What the case of each live asset depends on (or of one, with ``asset_ref``).

    Assets with nothing recorded that starts a clock are left out: they have no deadlines.
    """
    with register.reading() as session:
        repo = RecordRepository(session)
        assets = repo.rows(
            RecordKind.ASSET,
            ("reference", "name", "authority_ref"),
            where={"reference": asset_ref} if asset_ref else None,
        )
        return facts_of(repo, assets, asset_ref, default, every_asset=False)


def asset_facts(register: Register, asset_ref: str) -> AssetFacts:
    """Everything the case of one live asset depends on."""
    default = load_settings(register).default_jurisdiction
    with register.reading() as session:
        repo = RecordRepository(session)
        assets = repo.rows(RecordKind.ASSET, ("reference", "name", "authority_ref"), where={"reference": asset_ref})
        if not assets:
            raise NotFoundError(tr("There is no asset {reference} in this register.").format(reference=asset_ref))
        (facts,) = facts_of(repo, assets, asset_ref, default, every_asset=True)
    return facts


def facts_of(
    repo: RecordRepository,
    assets: Sequence[tuple[str, str, str]],
    asset_ref: str,
    default: Jurisdiction,
    *,
    every_asset: bool,
    among: tuple[str, ...] | None = None,
) -> list[AssetFacts]:
    """The facts of each of ``assets`` (reference, name, authority reference), read in one pass per kind.

    ``every_asset`` keeps assets with nothing recorded (a register's list shows them all); otherwise only assets
    with something that starts a clock come back, plus tasks tied to no asset. ``among`` reads the records of
    those assets only ("" among them: the tasks tied to no asset), for the due index.
    """
    mine: dict[str, Any] = {"asset_ref": asset_ref} if asset_ref else {}
    if among is not None:
        mine = {"asset_ref": among}
    nations = {ref: nation for ref, (_, nation) in repo.authorities_by_reference().items()}

    def grouped(kind: RecordKind, where=None, fields=None) -> dict[str, list]:
        result: dict[str, list] = defaultdict(list)
        for record in repo.list(kind, where=where if where is not None else mine, fields=fields):
            result[record.asset_ref].append(record)
        return result

    # Only the fields the rules read: a large register has a nomination and a list entry for most assets.
    nominations = grouped(
        RecordKind.NOMINATION, where={**mine, "decision": NominationDecision.PENDING}, fields=_NOMINATION_FIELDS
    )
    # A decision recorded without its entry on the list (a council's list that gives no day) still tells the
    # status: only those decided nominations are read, not the history of every listed asset.
    for n in repo.list(
        RecordKind.NOMINATION,
        where={**mine, "decision": (NominationDecision.LISTED, NominationDecision.UNSUCCESSFUL)},
        fields=_NOMINATION_FIELDS,
        asset_without=RecordKind.LIST_ENTRY,
    ):
        nominations[n.asset_ref].append(n)
    entries = grouped(RecordKind.LIST_ENTRY, fields=_ENTRY_FIELDS)
    entry_assets = {x.reference: x.asset_ref for xs in entries.values() for x in xs}
    challenges: dict[str, list] = defaultdict(list)
    # For some assets only, only their records are read: the challenges of their entries, the requests on their
    # notices (``assets show`` of one asset of 100,000 reads that asset's records, not the register's).
    for c in repo.list(RecordKind.CHALLENGE, where={"list_entry_ref": tuple(sorted(entry_assets))} if mine else None):
        if c.list_entry_ref in entry_assets:
            challenges[entry_assets[c.list_entry_ref]].append(c)
    notices = grouped(RecordKind.DISPOSAL_NOTICE)
    notice_refs = {n.reference for ns in notices.values() for n in ns} if mine else None
    requests: dict[str, list[RequestFacts]] = defaultdict(list)
    for notice_ref, received_on, counted, reference, group, land_postcode in repo.bidder_request_facts(notice_refs):
        conditions = trigger_conditions(group, land_postcode)
        requests[notice_ref].append(RequestFacts(received_on, group.legal_form, reference, conditions, counted))
    exempt = grouped(RecordKind.EXEMPT_DISPOSAL)
    scottish = grouped(
        RecordKind.TRANSFER_APPLICATION, where={**mine, "kind": ApplicationKind.SCOTTISH_ASSET_TRANSFER_REQUEST}
    )
    tasks = grouped(RecordKind.USER_DEADLINE)
    registrations = grouped(RecordKind.CRTB_REGISTRATION)
    marks: dict[str, dict[str, e.DeadlineMark]] = defaultdict(dict)
    for mark in repo.list(RecordKind.DEADLINE_MARK, where=mine):
        marks[mark.asset_ref][mark.uid] = mark
    started = set(nominations) | set(entries) | set(notices) | set(scottish) | set(tasks) | set(registrations)
    # Tasks the user did not tie to an asset (a council meeting, an AGM) still have dates.
    unattached = (
        [AssetFacts(asset_ref="", asset_name="", jurisdiction=default, tasks=tasks[""], marks=marks.get("", {}))]
        if "" in tasks and not asset_ref and not every_asset and (among is None or "" in among)
        else []
    )
    return unattached + [
        AssetFacts(
            asset_ref=ref,
            asset_name=name,
            jurisdiction=nations.get(authority_ref) or default,
            nominations=nominations.get(ref, ()),
            list_entries=entries.get(ref, ()),
            challenges=challenges.get(ref, ()),
            notices=notices.get(ref, ()),
            requests={n.reference: requests[n.reference] for n in notices.get(ref, ()) if n.reference in requests},
            exempt_disposals=exempt.get(ref, ()),
            applications=scottish.get(ref, ()),
            tasks=tasks.get(ref, ()),
            crtb_registrations=registrations.get(ref, ()),
            marks=marks.get(ref, {}),
        )
        for ref, name, authority_ref in assets
        if every_asset or ref in started
    ]
