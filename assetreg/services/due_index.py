"""The due index: What's due kept ready, so the dashboard and ``assetreg deadlines`` need not work out every case.

Each asset's lines (its deadlines still to be met and what is in force) are taken from its case account
(``build_case``), never worked out here, and stored with the days they hold for. A case changes only when the
day passes one of the dates in it or in its facts, so the lines of the case built on one day hold until the
day before the next such date (``valid_until``). Reading the index for a day therefore needs only the assets
whose lines have run out to be worked out again; everything else is read back as it was stored. What a line
holds, and the days a case holds for, are worked out in ``services.due_lines``; this module reads and writes.

The services keep the index up to date: every write transaction notes which assets its changes belong to
(``db.due_index.track``) and refreshes them before it commits (``settle``); a change of settings (holidays, the
2026 commencement date...) or a bulk change clears it, and the next read builds it again from the cases it
works out anyway. ``refresh`` is the one function other code calls after writing in bulk; ``verify`` is
``assetreg check``'s.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import metadata
from typing import Any

from sqlalchemy.orm import Session

from .. import __version__
from ..collector import paused
from ..db import due_index as db
from ..db.repositories import RecordRepository
from ..db.settings import read_settings
from ..domain.asset_deadlines import AssetDeadline
from ..domain.case import Case, InForce, build_case
from ..domain.i18n import tr
from ..domain.records import RecordKind
from ..domain.rules import CATALOGUE
from ..domain.settings import Settings
from ..domain.status import AssetStatus, NoticeStatus
from .due_lines import (
    DEADLINE,
    IN_FORCE,
    in_force_of,
    items_of,
    lines_of,
    status_of,
    status_text,
    valid_until,
)

FORMAT = 5  # bump when what a line holds, or how a case is worked out, changes: the index is built again
BULK = 2000  # more assets than this touched at once: clear the index, and let the next read build it again
STALE_LIMIT = 5000  # more assets than this run out on the day asked: work every case out instead
WRITTEN_AT_ONCE = 5000  # lines stored in one statement


# fingerprint


@cache
def _rules_digest() -> str:
    # The package's version from its metadata: importing the holidays themselves takes longer than a start.
    return hashlib.sha256(repr((CATALOGUE, metadata.version("holidays"), __version__)).encode()).hexdigest()


def fingerprint(settings: Settings) -> str:
    """What the index depends on besides the records: the settings, the rules, the holidays and the format."""
    key = (
        FORMAT,
        _rules_digest(),
        sorted(settings.reminder_days.items()),
        settings.send_by_working_days,
        settings.renomination_lead_days,
        settings.extra_holidays,
        settings.default_jurisdiction.value,
        settings.new_regime_commencement,
    )
    return hashlib.sha256(repr(key).encode()).hexdigest()


def settings_in(session: Session) -> Settings:
    """The register's settings, read in ``session``."""
    from .settings import _settings_from

    return _settings_from(read_settings(session))


# working cases out inside a transaction


def cases_in(
    session: Session, day: date, settings: Settings, assets: Collection[str] | None = None
) -> tuple[list[Case], set[str]]:
    """The case of each of ``assets`` (every asset when None) that has a clock, built as What's due builds them,
    and the references of the assets asked for (those with no clock have no case)."""
    from .deadlines import calendars, facts_of

    repo = RecordRepository(session)
    by_nation = calendars(settings)
    default = settings.default_jurisdiction
    asked: set[str] = set()
    facts = []
    if assets is None:
        rows = repo.rows(RecordKind.ASSET, ("reference", "name", "authority_ref"))
        asked = {ref for ref, _, _ in rows} | {""}
        facts = facts_of(repo, rows, "", default, every_asset=False)
    else:
        wanted = sorted(set(assets))
        asked = set(wanted)
        for start in range(0, len(wanted), 500):
            chunk = tuple(wanted[start : start + 500])
            rows = repo.rows(RecordKind.ASSET, ("reference", "name", "authority_ref"), where={"reference": chunk})
            facts += facts_of(repo, rows, "", default, every_asset=False, among=chunk)
    with paused(facts):
        return [build_case(f, day, settings, by_nation[f.jurisdiction]) for f in facts], asked


Lines = list[tuple[str, str, int, date, str]]
Coverage = list[tuple[str, date, date, str, str]]


def stored(cases: Sequence[Case], asked: Iterable[str], day: date, *, whole: bool) -> tuple[Lines, Coverage]:
    """What ``store`` writes for ``cases``: their lines, and the days each case holds for with its status.

    An asset asked for with no case (no clock, or deleted) has no lines from ``day`` on: a whole index says so by
    having no row for it, a partial refresh by a row of its own.
    """
    lines, coverage, seen = [], [], set()
    for case in cases:
        seen.add(case.asset_ref)
        lines += lines_of(case)
        coverage.append((case.asset_ref, day, valid_until(case), status_text(case.status), ""))
    if not whole:
        coverage += [(ref, day, date.max, status_text(AssetStatus.NOT_NOMINATED), "") for ref in set(asked) - seen]
    return lines, coverage


def write(session: Session, lines: Lines, coverage: Coverage) -> None:
    """Inserts lines and coverage, ``WRITTEN_AT_ONCE`` in a statement: a large register's all at once would
    double the memory used."""
    for start in range(0, len(lines), WRITTEN_AT_ONCE):
        db.add_lines(session, lines[start : start + WRITTEN_AT_ONCE])
    for start in range(0, len(coverage), WRITTEN_AT_ONCE):
        db.add_coverage(session, coverage[start : start + WRITTEN_AT_ONCE])


def store(session: Session, cases: Sequence[Case], asked: Iterable[str], day: date, *, whole: bool) -> None:
    """Writes the lines of ``cases`` and the days they hold for; with ``whole``, the index is these cases alone.
    Every case's status is kept with its lines (see ``stored``)."""
    write(session, *stored(cases, asked, day, whole=whole))


def refresh(session: Session, asset_ids: Collection[str] | None = None, *, day: date | None = None) -> None:
    """Brings the due index up to date inside the caller's transaction, after a write to ``asset_ids`` (the
    assets' references; "" for tasks tied to no asset), or rebuilds all of it when None.

    ``day`` is the day the register is looked at (default: today). Call it after writing in bulk with
    ``defer`` in force; ordinary writes through the services refresh the index by themselves.
    """
    day = day or date.today()
    settings = settings_in(session)
    print_ = fingerprint(settings)
    current = db.whole(session)
    if asset_ids is not None and (current is None or current.fingerprint != print_):
        if current is not None:
            db.clear(session)  # built with other settings: of no use any more; the next read builds it again
        return  # never built: nothing to keep up to date
    if asset_ids is None:
        db.clear(session)
        cases, asked = cases_in(session, day, settings)
        store(session, cases, asked, day, whole=True)
        db.add_coverage(session, [(db.WHOLE, day, date.max, "", print_)])
        return
    assets = set(asset_ids)
    if not assets:
        return
    db.clear(session, assets)
    cases, asked = cases_in(session, day, settings, assets)
    store(session, cases, asked, day, whole=False)


def defer(session: Session) -> None:
    """This transaction refreshes the index itself (with ``refresh``) once its bulk writes are done."""
    session.info["due_index_deferred"] = True


def settle(session: Session, touched: db.Touched, day: date) -> None:
    """Before a write transaction commits: refreshes the assets its changes belong to (see ``refresh``)."""
    if session.info.get("due_index_deferred") or not touched:
        return
    if db.whole(session) is None:
        return
    if touched.everything:
        db.clear(session)
        return
    assets = db.assets_touched(session, touched)
    if len(assets) > BULK:
        db.clear(session)
        return
    refresh(session, assets, day=day)


def answers_for(session: Session, day: date, settings: Settings) -> bool:
    """Whether the index can answer for ``day``: built, with these settings and rules, on or before it."""
    current = db.whole(session)
    return current is not None and current.fingerprint == fingerprint(settings) and day >= current.built_for


def stale_on(session: Session, day: date, settings: Settings) -> set[str] | None:
    """The assets whose lines have run out by ``day`` (to be worked out again), or None when the index cannot
    answer for ``day``: never built, built with other settings or after ``day``, or too many run out by then."""
    if not answers_for(session, day, settings):
        return None
    stale = set(db.stale(session, day))
    return stale if len(stale) <= STALE_LIMIT else None


def read_statuses(session: Session, day: date) -> tuple[dict[str, AssetStatus | NoticeStatus], set[str]] | None:
    """Each asset's status on ``day`` as stored (an asset with no row: not nominated), and the assets whose
    stored status does not hold then; None when the index cannot say (as ``read``)."""
    if not answers_for(session, day, settings_in(session)):
        return None
    found, stale = {}, set()
    for ref, start, until, text in db.statuses(session):
        if start <= day <= until:
            found[ref] = status_of(text)
        else:
            stale.add(ref)
    if len(stale) > STALE_LIMIT:
        return None
    return found, stale


# reading


@dataclass(frozen=True)
class Indexed:
    """What the index gives for a day: the deadlines and in-force lines, unsorted, with the assets worked out."""

    deadlines: list[tuple[AssetDeadline, int]]
    in_force: list[tuple[tuple[Any, InForce], int]]
    recomputed: list[Case]  # the cases of assets whose lines had run out on the day


def read(session: Session, day: date, within: int | None) -> Indexed | None:
    """The lines that hold on ``day`` (deadlines up to ``within`` days on), or None when the index cannot say:
    never built, built with other settings, built after ``day``, or too many assets run out by then."""
    settings = settings_in(session)
    stale = stale_on(session, day, settings)
    if stale is None:
        return None
    until = None if within is None else day + timedelta(days=within)
    deadlines = items_of([line for line in db.lines(session, DEADLINE, until) if line[0] not in stale])
    in_force = in_force_of([line for line in db.lines(session, IN_FORCE) if line[0] not in stale], day)
    recomputed = cases_in(session, day, settings, stale)[0] if stale else []
    for case in recomputed:
        deadlines += [(item, i) for i, item in enumerate(case.deadlines or ())]
        in_force += [((case, x), i) for i, x in enumerate(case.in_force)]
    return Indexed(deadlines, in_force, recomputed)


def write_back(register: Any, cases: Sequence[Case], day: date, *, whole: bool) -> None:
    """Stores cases just worked out for What's due, when this register may be written without waiting.

    Derived data only: when the register is read-only, another window holds it, or it is looked at as of
    another day, nothing is written and nothing is said.
    """
    if register.day is not None or register.read_only:
        return
    refs = {c.asset_ref for c in cases}
    # Worked out before the transaction, which then holds the register's write lock only to write: on a large
    # register that is a few seconds, not the quarter of a minute the lines take to make.
    lines, coverage = stored(cases, refs, day, whole=whole)
    try:
        with register.keeping() as session:
            if session is None:
                return
            settings = settings_in(session)
            current = db.whole(session)
            if whole:
                db.clear(session)
                write(session, lines, coverage)
                db.add_coverage(session, [(db.WHOLE, day, date.max, "", fingerprint(settings))])
            elif current is not None and current.fingerprint == fingerprint(settings):
                db.clear(session, refs)
                write(session, lines, coverage)
    except Exception:  # noqa: BLE001 - keeping the index is a nicety: What's due is already worked out
        return


# checking


def verify(register: Any, *, tidy: bool = False) -> list[str]:
    """``assetreg check``: does the index give what working every case out gives today? Problems as sentences;
    with ``tidy`` a wrong index is built again. Never raises."""
    from .deadlines import computed_whats_due, indexed_whats_due

    try:
        day = register.today()
        with register.reading() as session:
            built = db.whole(session) is not None
        if not built:
            if tidy:
                with register.transaction() as session:
                    refresh(session, None, day=day)
            return []
        indexed = indexed_whats_due(register, day, within=None, write=False)
        computed = computed_whats_due(register, day, within=None)
        if indexed is None or same_answers(indexed, computed):
            return []
        if tidy:
            with register.transaction() as session:
                refresh(session, None, day=day)
            return []
        return [
            tr(
                "What's due, as kept ready, differs from the dates worked out from the records; "
                "“assetreg check --tidy” builds it again."
            )
        ]
    except Exception as error:  # noqa: BLE001 - check reports, never raises
        return [tr("What's due, as kept ready, could not be checked: {error}").format(error=error)]


def same_answers(a: Any, b: Any) -> bool:
    """Whether two What's due say the same: the same deadlines, and the same things in force on the same assets."""

    def running(due: Any) -> list:
        return [(c.asset_ref, c.asset_name, c.day, x) for c, x in due.in_force]

    return a.day == b.day and a.deadlines == b.deadlines and running(a) == running(b)
