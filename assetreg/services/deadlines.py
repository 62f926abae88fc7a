"""Deadlines over the register: what is overdue and what is coming, for every asset or for one."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

from ..db.repositories import RecordRepository
from ..domain.asset_deadlines import AssetDeadline, AssetFacts, asset_deadlines
from ..domain.counting import WorkingDayCalendar
from ..domain.deadlines import Deadline, compute, no_regime_note
from ..domain.enums import ApplicationKind, Jurisdiction, NominationDecision
from ..domain.records import RecordKind
from ..domain.rules import Event
from ..domain.settings import Settings
from ..domain.status import RequestFacts
from .register import Register
from .settings import load_settings


def calendars(settings: Settings) -> dict[Jurisdiction, WorkingDayCalendar]:
    """One working-day calendar per nation: its bank holidays plus the user's extra days off."""
    extra = dict(settings.extra_holidays)
    return {j: WorkingDayCalendar(j, extra) for j in Jurisdiction}


def dates_for_event(
    event: Event, trigger: date, jurisdiction: Jurisdiction, register_path: Path | None = None
) -> tuple[list[Deadline], str]:
    """The dates an event triggers, and a note where the nation has no such regime.

    When a register is given its extra holidays count; the dates need no register otherwise.
    """
    settings = Settings()
    if register_path is not None and register_path.exists():
        with Register.open(register_path) as register:
            settings = load_settings(register)
    deadlines = compute(
        event,
        trigger,
        jurisdiction,
        calendars(settings)[jurisdiction],
        renomination_lead_days=settings.renomination_lead_days,
    )
    return deadlines, "" if deadlines else no_regime_note(jurisdiction) or _no_rules_note(event, jurisdiction)


def _no_rules_note(event: Event, jurisdiction: Jurisdiction) -> str:
    from ..domain.i18n import tr

    return tr("No rule is triggered by {event} in {nation}.").format(
        event=event.label.lower(), nation=jurisdiction.label
    )


def register_deadlines(
    register: Register,
    today: date | None = None,
    *,
    within: int | None = None,
    overdue_only: bool = False,
    asset_ref: str = "",
) -> list[AssetDeadline]:
    """Deadlines still to be met: those overdue, then those from ``today`` on (within ``within`` days)."""
    today = today or register.today()
    settings = load_settings(register)
    by_nation = calendars(settings)
    items = []
    for facts in load_facts(register, asset_ref, settings.default_jurisdiction):
        for item in asset_deadlines(facts, today, settings, by_nation[facts.jurisdiction]):
            if item.done:
                continue
            coming = item.date >= today and (within is None or item.date <= today + timedelta(within))
            if item.overdue(today) or (coming and not overdue_only):
                items.append(item)
    return sorted(items, key=lambda x: (x.date, x.asset_ref, x.code))


_NOMINATION_FIELDS = ("reference", "asset_ref", "decision", "sent_on", "received_on")
_ENTRY_FIELDS = ("reference", "asset_ref", "kind", "entered_on", "notice_given_on", "removed_on", "removal_reason")


def load_facts(
    register: Register, asset_ref: str = "", default: Jurisdiction = Jurisdiction.ENGLAND
) -> list[AssetFacts]:
    """What the deadlines of each live asset depend on (or of one, with ``asset_ref``).

    Assets with nothing recorded that starts a clock are left out: they have no deadlines.
    """
    mine = {"asset_ref": asset_ref} if asset_ref else {}
    with register.reading() as session:
        repo = RecordRepository(session)
        assets = repo.rows(
            RecordKind.ASSET,
            ("reference", "name", "authority_ref"),
            where={"reference": asset_ref} if asset_ref else None,
        )
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
        entries = grouped(RecordKind.LIST_ENTRY, fields=_ENTRY_FIELDS)
        entry_assets = {x.reference: x.asset_ref for xs in entries.values() for x in xs}
        challenges: dict[str, list] = defaultdict(list)
        for c in repo.list(RecordKind.CHALLENGE):
            if c.list_entry_ref in entry_assets:
                challenges[entry_assets[c.list_entry_ref]].append(c)
        notices = grouped(RecordKind.DISPOSAL_NOTICE)
        requests: dict[str, list[RequestFacts]] = defaultdict(list)
        for notice_ref, received_on, legal_form in repo.bidder_request_facts():
            requests[notice_ref].append(RequestFacts(received_on, legal_form))
        exempt = grouped(RecordKind.EXEMPT_DISPOSAL)
        scottish = grouped(
            RecordKind.TRANSFER_APPLICATION, where={**mine, "kind": ApplicationKind.SCOTTISH_ASSET_TRANSFER_REQUEST}
        )
        tasks = grouped(RecordKind.USER_DEADLINE)
    started = set(nominations) | set(entries) | set(notices) | set(scottish) | set(tasks)
    # Tasks the user did not tie to an asset (a council meeting, an AGM) still have dates.
    unattached = [AssetFacts(asset_ref="", asset_name="", jurisdiction=default, tasks=tasks[""])] if "" in tasks else []
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
        )
        for ref, name, authority_ref in assets
        if ref in started
    ]
