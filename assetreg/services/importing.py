"""Importing a council's list: a preview of what it would add and change, then all of it in one transaction.

``preview_import`` reads the file, matches its headings (the mapping saved for the council first) and plans
the import without writing (every new record validated there); ``apply_import`` writes the plan in one
``register.transaction()`` through ``write_import`` (in bulk, audited record by record), saving the mapping
with it. A failure anywhere, or Cancel, writes nothing; ``undo_import`` takes a written import back.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..collector import paused
from ..db.repositories import RecordRepository
from ..db.settings import read_settings, write_setting
from ..domain import entities as e
from ..domain.council_rows import ImportedAsset, Problem, read_rows
from ..domain.errors import AssetRegError
from ..domain.i18n import tr
from ..domain.import_headings import (
    FIELDS,
    IGNORE,
    LEFT_OUT,
    left_out,
    mapping_problems,
    match_headings,
    normalise_heading,
)
from ..domain.import_matching import Existing, MatchKeys, match_assets, norm_name
from ..domain.import_plan import AssetPlan, plan_import
from ..domain.import_review import described, likely_duplicates
from ..domain.import_warnings import ended_listings_warning, expiry_warning
from ..domain.records import RecordKind, parse_reference
from . import due_index
from .backups import backup_before
from .import_writing import WRITE_CHUNK, ImportWritten, write_import
from .records import Records
from .register import Register
from .settings import load_settings
from .tables import read_table

PLAN_CHUNK = 500  # imported assets planned at a time (their references in one IN (…), under every limit)
REFRESH_CHUNK = 2000  # assets whose due index lines are worked out and written at a time
MAPPINGS_SETTING = "import_mappings"  # {mapping name: {heading: field}} in the settings table


class ImportCancelled(AssetRegError):
    """The person pressed Cancel; nothing was imported."""


@dataclass
class ImportPreview:
    path: Path
    headings: tuple[str, ...]
    fields: list[str]
    council_ref: str  # "" for a council that will be added (``council_name``), or none
    council_name: str
    mapping_name: str
    plans: list[AssetPlan]
    problems: list[Problem]
    row_count: int
    sheets: tuple[str, ...] = ()  # a workbook's sheets with anything in them
    sheet: str = ""  # the one read
    left_out_once: frozenset[str] = frozenset()  # headings left out for this import only (normalised)

    def counts(self) -> dict[str, int]:
        counts = {"added": 0, "updated": 0, "unchanged": 0}
        for plan in self.plans:
            counts[plan.outcome] += 1
        return counts

    def records_added(self) -> dict[str, int]:
        """How many records of each kind besides assets the import adds (on new assets and matched ones alike)."""
        plans = self.plans
        groups = {norm_name(p.nominator) for p in plans if p.nominator}
        groups |= {norm_name(name) for p in plans for _, _, name, _ in p.earlier if name}
        groups |= {norm_name(r.group) for p in plans for r in p.requests if r.group and not r.group_ref}
        return {
            "list_entries": sum(bool(p.entry) + len(p.earlier) for p in plans),
            "disposal_notices": sum(len(p.notices) for p in plans),
            "bidder_requests": sum(len(p.requests) for p in plans),
            "groups": len(groups),
        }

    def changes(self) -> list[dict[str, Any]]:
        """What the import does to each asset already in the register: its first row, reference and lines."""
        return [
            {"row": plan.row, "asset": plan.asset_ref, "what": described(plan)}
            for plan in self.plans
            if plan.outcome == "updated"
        ]

    def summary(self) -> dict[str, Any]:
        problems = [p.as_json() for p in self.problems]
        return {**self.counts(), "problems": problems, "changes": self.changes(), "records_added": self.records_added()}


def find_council(register: Register, name_or_ref: str) -> tuple[str, str]:
    """The reference and name of the council a person named; reference "" when no council has that name."""
    wanted = name_or_ref.strip()
    if not wanted:
        return "", ""
    try:
        reference = parse_reference(wanted)[1]  # typed loosely, as everywhere: auth-1 is AUTH-0001
    except AssetRegError:
        reference = ""
    authorities = Records(register).list(RecordKind.AUTHORITY)
    for authority in authorities:
        if authority.reference == reference or wanted.casefold() in (
            authority.name.casefold(),
            authority.code.casefold(),
        ):
            return authority.reference, authority.name
    if not reference:
        return "", wanted
    raise AssetRegError(tr("There is no council {reference} in this register.").format(reference=reference))


def saved_mappings(register: Register) -> dict[str, dict[str, str]]:
    with register.reading() as session:
        text = read_settings(session).get(MAPPINGS_SETTING)
    return json.loads(text) if text else {}


def _no_council_warning() -> Problem:
    return Problem(
        0,
        "",
        tr(
            "No council is chosen, so new assets are added without one, and until each has its council "
            "AssetReg cannot tell which nation's law applies to it. Say whose list it is (the Council box, "
            "or --council NAME on the command line)."
        ),
        "warning",
    )


def _council_of_rows(register: Register, fields: Sequence[str], rows) -> tuple[str, str, list[Problem]]:
    """The council the list's rows name: by its code in the organisation column, which the national dataset
    gives, else by its name (an AssetReg export of a council with no code); when the register has no council
    of that name, it is the council to add. Rows naming more than one council are refused, each to be imported
    on its own."""
    code_at, name_at = (list(fields).index(f) if f in fields else None for f in ("organisation", "council_name"))
    if code_at is None and name_at is None:
        return "", "", []
    said = sorted({(_cell(row, code_at), _cell(row, name_at)) for row in rows} - {("", "")})
    if not said:
        return "", "", []
    councils = {code or name for code, name in said}  # a row names its council by its code, else by its name
    if len(councils) > 1:
        problem = tr(
            "The list's rows are of {n} councils ({codes}); import each council's rows on their own, choosing "
            "the council for each."
        ).format(n=len(councils), codes=", ".join(sorted(councils)[:5]))
        return "", "", [Problem(0, "organisation", problem, "warning")]
    (code, name), *_ = said
    known = Records(register).list(RecordKind.AUTHORITY)
    found = next((a for a in known if code and a.code.casefold() == code.casefold()), None)
    found = found or next((a for a in known if name and a.name.casefold() == name.casefold()), None)
    if found is None and code:
        problem = tr(
            "The list names its council by the code {code}, which no council in this register has: choose the "
            "council (the Council box, or --council NAME), or give the council that code on its page."
        ).format(code=code)
        return "", "", [Problem(0, "organisation", problem, "warning")]
    if found is None:
        note = tr("The list names its council, {name}, in its own column: its assets go to that council.")
        return "", name, [Problem(0, "council_name", note.format(name=name), "note")]
    note = (
        tr("The list names its council by the code {code}: its assets go to {name}.")
        if code
        else tr("The list names its council, {code}, in its own column: its assets go to {name}.")
    )
    said_note = Problem(0, "organisation", note.format(code=code or name, name=found.name), "note")
    return found.reference, found.name, [said_note]


def _cell(row: Sequence[object], at: int | None) -> str:
    """A cell's text with its spaces tidied, "" for none (or no such column)."""
    if at is None or at >= len(row) or row[at] in (None, ""):
        return ""
    return " ".join(str(row[at]).split())


def _new_council_warning(name: str, councils: Sequence[e.Authority]) -> Problem:
    message = tr(
        "No council in this register is called “{name}”, so importing adds it, as a council in England. If "
        "the list is of a council already in the register, choose that one (by its name, reference or code); "
        "if this council is in Wales or Scotland, set its nation on its page, since the law that applies "
        "depends on it."
    ).format(name=name)
    near = _near_councils(name, councils)
    if near:
        message = tr(
            "No council in this register is called “{name}”: did you mean {names}? If so, choose it (by its name, "
            "reference or code). If not, importing adds “{name}” as a council in England; if it is in Wales or "
            "Scotland, set its nation on its page, since the law that applies depends on it."
        ).format(name=name, names=tr(" or ").join(f"{c.name} ({c.reference})" for c in near))
    return Problem(0, "", message, "warning")


def _near_councils(name: str, councils: Sequence[e.Authority]) -> list[e.Authority]:
    """The register's councils a mistyped or longer name most likely means: "Camdne", "London Borough of Camden"."""
    wanted = " ".join(name.casefold().split())
    by_name = {" ".join(c.name.casefold().split()): c for c in councils}
    close = difflib.get_close_matches(wanted, by_name, n=3, cutoff=0.75)
    words = set(wanted.split())
    # Its name among the words typed, or the words typed among its name's: "London Borough of Camden", "camden".
    within = [n for n in by_name if n not in close and (set(n.split()) <= words or words <= set(n.split()))]
    return [by_name[n] for n in close + within][:3]


def preview_import(
    register: Register,
    path: Path,
    council: str = "",
    *,
    mapping_name: str = "",
    fields: list[str] | None = None,
    sheet: str = "",
    leave_out: Sequence[str] = (),
    columns: Mapping[str, str] | None = None,
) -> ImportPreview:
    """What importing ``path`` (a workbook's ``sheet``, if named) would do; ``fields`` (one per column) overrides
    the mapping found, ``columns`` ({heading: field}) the field of some columns (saved with the mapping, as a
    choice made in the app's preview is), ``leave_out`` leaves columns out of this import only."""
    table = read_table(path, sheet)
    sheets, sheet = table.sheets, table.sheet
    council_ref, council_name = find_council(register, council)
    chosen = fields is not None  # by the user, column by column: nothing left out needs saying
    problems = list(table.notes)
    if not council_name:  # the list may say whose it is, by the council's code (the national dataset does)
        given = fields if fields is not None else match_headings(table.headings)
        council_ref, council_name, said = _council_of_rows(register, given, table.rows)
        problems += said
    mapping_name = mapping_name or council_name  # the name: the same before and after the council is added
    saved = saved_mappings(register).get(mapping_name, {})
    fields = list(fields) if fields is not None else match_headings(table.headings, saved)
    _check_columns(table.headings, [*leave_out, *(columns or {})])
    if columns:  # the person's choice for these columns wins; a column that had the field chosen loses it
        chosen_fields = {normalise_heading(h): _field_named(f) for h, f in columns.items()}
        given = set(chosen_fields.values())
        fields = [
            chosen_fields.get(normalise_heading(h), IGNORE if f in given else f)
            for h, f in zip(table.headings, fields, strict=True)
        ]
        saved = {
            **saved,
            **{h: chosen_fields[normalise_heading(h)] for h in table.headings if normalise_heading(h) in chosen_fields},
        }
    wanted = frozenset(normalise_heading(h) for h in leave_out)
    if wanted:  # columns left out by name for this import (the saved mapping is not changed for them)
        fields = [IGNORE if normalise_heading(h) in wanted else f for h, f in zip(table.headings, fields, strict=True)]
        saved = {**saved, **{h: LEFT_OUT for h in table.headings if normalise_heading(h) in wanted}}
    if not chosen:
        problems += [Problem(0, "", note, "note") for note in left_out(table.headings, fields, saved)]
    missing = mapping_problems(fields)
    if missing:
        problems += [Problem(0, "", message) for message in missing]
        return ImportPreview(
            path, table.headings, fields, council_ref, council_name, mapping_name, [], problems, len(table.rows),
            sheets, sheet,
        )  # fmt: skip
    # Reading and planning make a few objects per row and free none of them: no collector passes over them.
    with paused(bool(table.rows)):  # not the rows themselves, which are let go half-way
        imported, row_problems = read_rows(fields, table.rows, table.heading_row + 1)
        row_problems += expiry_warning(imported)
        headings, row_count = table.headings, len(table.rows)
        del table  # the file's cells are not needed once read, and a large list's are most of the memory
        with register.reading() as session:
            plans, plan_problems = _plan(RecordRepository(session), imported, council_ref, register.today())
    if council_name and not council_ref:  # the matched assets with no council get the one this import adds
        for plan in plans:
            plan.new_council = council_name if plan.without_council else ""
    if not council_name and any(plan.outcome == "added" for plan in plans):
        problems.append(_no_council_warning())
    elif council_name and not council_ref and plans:
        problems.append(_new_council_warning(council_name, Records(register).list(RecordKind.AUTHORITY)))
    problems += sorted(row_problems + plan_problems, key=lambda p: p.row)
    return ImportPreview(
        path, headings, fields, council_ref, council_name, mapping_name, plans, problems, row_count, sheets, sheet,
        wanted,
    )  # fmt: skip


def _check_columns(headings: Sequence[str], named: Sequence[str]) -> None:
    """Refuses a column named that the list does not have, saying which it has."""
    have = {normalise_heading(h) for h in headings}
    for name in named:
        if normalise_heading(name) not in have:
            raise AssetRegError(
                tr("The list has no column “{name}”; its columns are {names}.").format(
                    name=name, names=", ".join(f"“{h}”" for h in headings if h)
                )
            )


def _field_named(name: str) -> str:
    """The field a person named (``interim_end`` or ``interim-end``); refused, listing the fields, if none."""
    field = name.strip().lower().replace("-", "_")
    if field not in FIELDS:
        raise AssetRegError(
            tr("“{name}” is not a field a column can go to; use one of: {fields}.").format(
                name=name, fields=", ".join(f.replace("_", "-") for f in FIELDS)
            )
        )
    return field


def _plan(
    repo: RecordRepository, imported: list[ImportedAsset], council_ref: str, day: date
) -> tuple[list[AssetPlan], list[Problem]]:
    """The plan of every imported asset. The register is read as the few columns assets are matched by, then
    the records of the matched assets a chunk at a time: a re-import of a large list never holds every record
    of the register at once."""
    keys = MatchKeys(
        repo.rows(RecordKind.ASSET, ("reference", "uprn", "name", "postcode")),
        [
            *repo.rows(RecordKind.NOMINATION, ("council_reference", "asset_ref")),
            *repo.rows(RecordKind.LIST_ENTRY, ("council_reference", "asset_ref")),
        ],
    )
    matched = match_assets(imported, keys)
    problems: list[Problem] = likely_duplicates(imported, matched, keys)
    del keys
    groups = repo.list(RecordKind.GROUP)
    plans: list[AssetPlan] = []
    ended: list[ImportedAsset] = []
    for start in range(0, len(imported), PLAN_CHUNK):
        chunk, refs = imported[start : start + PLAN_CHUNK], matched[start : start + PLAN_CHUNK]
        mine = tuple(sorted(set(refs) - {""}))
        existing = Existing(groups=groups)
        if mine:
            notices = repo.list(RecordKind.DISPOSAL_NOTICE, where={"asset_ref": mine})
            existing = Existing(
                assets=repo.list(RecordKind.ASSET, where={"reference": mine}),
                nominations=repo.list(RecordKind.NOMINATION, where={"asset_ref": mine}),
                entries=repo.list(RecordKind.LIST_ENTRY, where={"asset_ref": mine}),
                notices=notices,
                groups=groups,
                requests=_requests_on(repo, [n.reference for n in notices]),
            )
        found, found_problems = plan_import(chunk, existing, council_ref, day, refs, ended)
        plans += found
        problems += found_problems
    return plans, problems + ended_listings_warning(ended, day)


def _requests_on(repo: RecordRepository, notice_refs: list[str]) -> list[Any]:
    requests: list[Any] = []
    for start in range(0, len(notice_refs), PLAN_CHUNK):
        chunk = tuple(notice_refs[start : start + PLAN_CHUNK])
        requests += repo.list(RecordKind.BIDDER_REQUEST, where={"notice_ref": chunk})
    return requests


Progress = Callable[[int, int], None]  # (done, of)


def apply_import(
    register: Register,
    preview: ImportPreview,
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportWritten:
    """Writes the preview's plan in one transaction; nothing is written if anything fails or is cancelled.

    A verified backup is made first, so an import that turns out wrong can also be undone by restoring it.
    Returns what was written: what ``undo_import`` takes back, and the assets it touched.
    """
    backup = backup_before(register, "import") if any(p.outcome != "unchanged" for p in preview.plans) else None
    plans = preview.plans
    step = [0]
    per_kind = [
        len(plans),  # assets (at most)
        sum(1 for p in plans if p.nomination) + sum(1 for p in plans for n, *_ in p.earlier if n),
        sum(1 for p in plans if p.entry) + sum(len(p.earlier) for p in plans),
        sum(len(p.notices) for p in plans),
        sum(len(p.requests) for p in plans),
    ]
    changed_kinds = {r.split("-")[0] for p in plans for r, _ in p.changes}
    # One step per chunk of each kind written, per kind of change, and for the council, groups and mapping.
    total = 4 + sum(-(-n // WRITE_CHUNK) for n in per_kind) + len(changed_kinds)

    def advance() -> None:
        step[0] += 1
        if progress:
            progress(min(step[0], total), total)
        if cancelled and cancelled():
            raise ImportCancelled(tr("The import was cancelled; nothing was imported."))

    settings = load_settings(register)
    now = register.clock()
    advance()
    with register.transaction() as session:
        due_index.defer(session)  # refreshed once below, for the assets written, not row by row
        with paused(plans):
            written = write_import(
                register,
                session,
                plans,
                council_ref=preview.council_ref,
                council_name=preview.council_name,
                settings=settings,
                now=now,
                advance=advance,
            )
        # With the collector back on: the cases worked out for the index are let go chunk by chunk.
        refresh_derived(session, written.asset_refs, register.today())
        _save_mapping(session, preview)
        advance()
    if progress:
        progress(total, total)
    written.backup = backup.path if backup else None
    return written


def refresh_derived(session, asset_refs: Sequence[str], day) -> None:
    """Brings what is derived from these assets' records (the due index) up to date, inside the import's
    transaction: the one place an import does so. A chunk of assets at a time (each asset's lines are its own),
    so the cases of a large import are never all held at once."""
    for start in range(0, len(asset_refs), REFRESH_CHUNK):
        due_index.refresh(session, asset_refs[start : start + REFRESH_CHUNK], day=day)


def _save_mapping(session, preview: ImportPreview) -> None:
    if not preview.mapping_name:
        return
    stored = json.loads(read_settings(session).get(MAPPINGS_SETTING) or "{}")
    # Each column's field, and LEFT_OUT for one the user left out though AssetReg knows it; nothing for a
    # heading AssetReg does not know, so that it is matched if a later AssetReg does. A column left out for
    # this import only keeps what was saved for it.
    known, before = match_headings(preview.headings), stored.get(preview.mapping_name, {})
    mapping = {}
    for heading, field, matched in zip(preview.headings, preview.fields, known, strict=False):
        key = normalise_heading(heading)
        if key in preview.left_out_once:
            if heading in before:
                mapping[heading] = before[heading]
        elif key and (field or matched):
            mapping[heading] = field or LEFT_OUT
    stored[preview.mapping_name] = mapping
    write_setting(session, MAPPINGS_SETTING, json.dumps(stored, ensure_ascii=False, sort_keys=True))


def import_file(
    register: Register,
    path: Path,
    council: str = "",
    *,
    mapping_name: str = "",
    dry_run: bool = False,
    sheet: str = "",
    leave_out: Sequence[str] = (),
    columns: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Imports ``path`` (or, with ``dry_run``, only says what it would do); the summary of either."""
    preview = preview_import(
        register, path, council, mapping_name=mapping_name, sheet=sheet, leave_out=leave_out, columns=columns
    )
    summary = preview.summary()
    if not dry_run and preview.plans:
        backup = apply_import(register, preview).backup
        summary["backup"] = str(backup) if backup else None
    return summary
