"""Writing the register out: a spreadsheet with one row per asset, or the national ``asset-of-community-value``
dataset (planning.data.gov.uk) as CSV or GeoJSON with its own field names and AssetReg's extension columns.

Statuses, deadlines and periods are read from each asset's case account (``register_cases``), never worked out
here. Files are written through a private temporary file and moved into place, so a failure leaves what was
there before, and then given the permissions of any file the user saves.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any

from ..collector import paused
from ..db.repositories import RecordRepository
from ..domain.case import build_case
from ..domain.enums import Period
from ..domain.i18n import tr
from ..domain.records import RecordKind
from ..paths import write_whole
from .assets import list_assets
from .deadlines import facts_of, register_cases
from .register import Register
from .settings import load_settings

PLANNING_FIELDS = (
    "reference", "name", "address-text", "description", "point", "geometry", "organisation", "nomination-date",
    "nominating-group", "decision", "decision-date", "expiry-date", "notification-to-sell-date", "interested-group",
    "protected-period-start-date", "notes", "entry-date", "start-date", "end-date",
)  # fmt: skip
# What the standard lacks. The council's published ends are imported again as the council's; the assetreg- columns
# are what AssetReg works out (the ends it acts on, the status), worked out afresh by a register that imports them.
EXTENSION_FIELDS = (
    "uprn", "postcode", "council-name", "council-interim-moratorium-end-date", "council-full-moratorium-end-date",
    "council-protected-period-end-date", "intention-to-bid-date", "interested-group-legal-form", "category",
    "removal-reason", "decision-reasons", "assetreg-interim-moratorium-end", "assetreg-full-moratorium-end",
    "assetreg-protected-period-end", "assetreg-status",
)  # fmt: skip
_NOMINATION_FIELDS = (
    "asset_ref", "received_on", "nominator_ref", "decision", "decided_on", "council_reference", "decision_reasons",
)  # fmt: skip
_ENTRY_FIELDS = ("asset_ref", "council_reference", "entered_on", "removed_on", "removal_reason")  # all it shows
_SPREADSHEET_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NO_COUNCIL = ("", "")


def safe_cell(value: object) -> object:
    """A cell a spreadsheet will show as written: text that it would run as a formula gets a leading ``'``."""
    if isinstance(value, str) and value.startswith(_SPREADSHEET_TRIGGERS):
        return "'" + value
    return value


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def register_rows(register: Register, day: date | None = None) -> tuple[list[str], list[list[object]]]:
    """The headings and one row per asset: its status, next deadline and periods from its case account."""
    day = day or register.today()
    cases = {c.asset_ref: c for c in register_cases(register, day) if c.asset_ref}
    headings = [
        tr("Reference"), tr("Name"), tr("Council"), tr("Address"), tr("Postcode"), tr("UPRN"), tr("Status"),
        tr("Status ends"), tr("Next step"), tr("Next step due"), tr("Listing ends"), tr("Interim moratorium ends"),
        tr("Full moratorium ends"), tr("Protected period ends"),
    ]  # fmt: skip
    rows = []
    for a in list_assets(register, day):
        case = cases.get(a.reference)
        step = case.next_steps[0] if case and case.next_steps else None
        ends = _period_ends(case)
        rows.append(
            [
                a.reference, a.name, a.authority, a.address, a.postcode, a.uprn, a.status.label,
                case.status_ends_on if case else None, step.label if step else "", step.date if step else None,
                case.latest_listing_ends_on if case else None, ends[Period.INTERIM], ends[Period.FULL],
                ends[Period.PROTECTED],
            ]
        )  # fmt: skip
    return headings, rows


def _period_ends(case) -> dict[Period, date | None]:
    """The ends of the periods of the asset's latest disposal notice, as its case account gives them."""
    ends: dict[Period, date | None] = dict.fromkeys((Period.INTERIM, Period.FULL, Period.PROTECTED))
    if case is None or not case.notices:
        return ends
    latest = case.notices[-1]
    for which in ends:
        account = latest.period(which)
        ends[which] = account.effective_end if account else None
    return ends


def planning_records(register: Register, day: date | None = None) -> Iterator[dict[str, str]]:
    """The register as the national dataset's records, with the extension columns. The register is read now;
    the records are made one at a time as they are written, each asset's case with its record, so a large
    register's cases and records are never all held at once."""
    day = day or register.today()
    default = load_settings(register).default_jurisdiction
    with register.reading() as session:
        repo = RecordRepository(session)
        assets = repo.list(RecordKind.ASSET)
        facts = facts_of(repo, [(a.reference, a.name, a.authority_ref) for a in assets], "", default, every_asset=True)
        found = repo.rows(RecordKind.AUTHORITY, ("reference", "code", "name"))
        councils = {ref: (code, name) for ref, code, name in found}
        groups = {
            ref: (name, form) for ref, name, form in repo.rows(RecordKind.GROUP, ("reference", "name", "legal_form"))
        }
        request_groups = dict(repo.rows(RecordKind.BIDDER_REQUEST, ("reference", "group_ref")))
        # Only the fields the dataset shows, as plain rows: a large register has one of each for most assets.
        nominations = _latest(repo.rows(RecordKind.NOMINATION, _NOMINATION_FIELDS))
        entries = _latest(repo.rows(RecordKind.LIST_ENTRY, _ENTRY_FIELDS))
    facts_by_asset = {f.asset_ref: f for f in facts}
    return _planning_records(assets, facts_by_asset, nominations, entries, councils, groups, request_groups, day)


def _planning_records(assets, facts_by_asset, nominations, entries, councils, groups, request_groups, day):
    with paused(facts_by_asset):  # the cases are built while the collector is off, as the register's are
        for a in assets:
            nomination, entry, found = (
                nominations.get(a.reference),
                entries.get(a.reference),
                facts_by_asset[a.reference],
            )
            case = build_case(found, day)  # without its deadlines (the costly part: the dataset has no column for them)
            ends = _period_ends(case)
            latest = case.notices[-1] if case and case.notices else None
            protected = latest.period(Period.PROTECTED) if latest else None
            # The request the case counts (the one that starts the full moratorium, else the first), and its group.
            # One with neither a day nor the council's word is left out: read back, a group named without a day is
            # a request the council counts, which that one is not.
            verdicts = [v for v in (latest.requests if latest else ()) if v.received_on or v.council_counted]
            request = next((v for v in verdicts if v.starts_full_moratorium), verdicts[0] if verdicts else None)
            group_name, group_form = (
                groups.get(request_groups.get(request.reference, ""), ("", None)) if request else ("", None)
            )
            reference = (
                (entry and entry.council_reference) or (nomination and nomination.council_reference) or a.reference
            )
            yield {
                "reference": reference,
                "name": a.name,
                "address-text": a.address,
                "description": a.description,
                "point": f"POINT({a.longitude} {a.latitude})" if a.latitude is not None else "",
                "geometry": "",
                "organisation": councils.get(a.authority_ref, _NO_COUNCIL)[0],
                "nomination-date": _iso(nomination.received_on) if nomination else "",
                "nominating-group": groups.get(nomination.nominator_ref, ("",))[0] if nomination else "",
                "decision": nomination.decision.value if nomination else "",
                "decision-date": _iso(nomination.decided_on) if nomination else "",
                "expiry-date": _iso(case.latest_listing_ends_on),
                "notification-to-sell-date": _iso(latest.notice.received_on) if latest else "",
                "interested-group": group_name,
                "protected-period-start-date": _iso(protected.starts_on) if protected else "",
                "notes": a.notes,
                "entry-date": _iso(entry.entered_on) if entry else "",
                "start-date": _iso(entry.entered_on) if entry else "",
                "end-date": _iso(entry.removed_on) if entry else "",
                "uprn": a.uprn,
                "postcode": a.postcode,
                "council-name": councils.get(a.authority_ref, _NO_COUNCIL)[1],  # the standard's code may be unknown
                "council-interim-moratorium-end-date": _iso(latest.notice.published_interim_end_on) if latest else "",
                "council-full-moratorium-end-date": _iso(latest.notice.published_full_end_on) if latest else "",
                "council-protected-period-end-date": _iso(latest.notice.published_protected_end_on) if latest else "",
                "intention-to-bid-date": _iso(request.received_on) if request else "",
                "interested-group-legal-form": group_form.value if group_form else "",
                "category": a.category.value,
                "removal-reason": entry.removal_reason.value if entry and entry.removal_reason else "",
                "decision-reasons": nomination.decision_reasons if nomination else "",
                "assetreg-interim-moratorium-end": _iso(ends[Period.INTERIM]),
                "assetreg-full-moratorium-end": _iso(ends[Period.FULL]),
                "assetreg-protected-period-end": _iso(ends[Period.PROTECTED]),
                "assetreg-status": case.status.value if case else "",
            }


def _latest(records: Iterable[Any]) -> dict[str, Any]:
    by_asset: dict[str, Any] = defaultdict(lambda: None)
    for record in records:
        by_asset[record.asset_ref] = record  # oldest first, so the last one read is the latest
    return by_asset


def export_register(register: Register, path: Path, fmt: str, day: date | None = None) -> int:
    """Writes the register to ``path`` as ``planning-data``, ``geojson``, ``csv`` or ``xlsx``; the asset count."""
    if fmt in ("planning-data", "geojson"):
        counted = _Counted(planning_records(register, day))
        if fmt == "geojson":
            _write(path, "w", lambda f: _geojson(counted, f))
        else:
            _write(
                path, "w", lambda f: _csv(PLANNING_FIELDS + EXTENSION_FIELDS, ([r[k] for k in r] for r in counted), f)
            )
        return counted.count
    headings, rows = register_rows(register, day)
    if fmt == "xlsx":
        _write(path, "wb", lambda f: _xlsx(headings, rows, f))
    else:
        _write(path, "w", lambda f: _csv(headings, ([_plain(v) for v in row] for row in rows), f))
    return len(rows)


class _Counted:
    """The records of an iterator, counted as they are written (a large register's are never all held)."""

    def __init__(self, records: Iterator[dict[str, str]]) -> None:
        self.records, self.count = records, 0

    def __iter__(self) -> Iterator[dict[str, str]]:
        for record in self.records:
            self.count += 1
            yield record


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


def _csv(headings: Iterable[str], rows: Iterable[Iterable[object]], stream: IO[str]) -> None:
    writer = csv.writer(stream)
    writer.writerow(headings)
    writer.writerows([safe_cell(v) for v in row] for row in rows)


def _xlsx(headings: list[str], rows: list[list[object]], stream: IO[bytes]) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet(tr("Register"))

    def text(value: object) -> object:
        """A cell holding ``value``; text a spreadsheet would run as a formula is stored as text, as written."""
        if not (isinstance(value, str) and value.startswith(_SPREADSHEET_TRIGGERS)):
            return value
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"  # openpyxl takes "=..." for a formula
        return cell

    sheet.append(headings)
    for row in rows:
        sheet.append([text(v) for v in row])  # dates as dates a spreadsheet can sort
    book.save(stream)


def _geojson(records: Iterable[dict[str, str]], stream: IO[str]) -> None:
    """A FeatureCollection, written a feature at a time (the same text ``json.dump`` of the whole would write)."""
    stream.write('{"type": "FeatureCollection", "features": [')
    for n, r in enumerate(records):
        geometry = None
        if r["point"]:
            lon, lat = r["point"][6:-1].split()
            geometry = {"type": "Point", "coordinates": [float(lon), float(lat)]}
        feature = {"type": "Feature", "geometry": geometry, "properties": r}
        stream.write((", " if n else "") + json.dumps(feature, ensure_ascii=False))
    stream.write("]}")


def _write(path: Path, mode: str, write: Callable[[IO], None]) -> None:
    """Writes through a temporary file beside ``path`` and moves it into place; ``DocumentWriteError`` if not."""
    write_whole(path, write, mode)
