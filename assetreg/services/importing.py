"""Importing a council's list: a preview of what it would add and change, then all of it in one transaction.

``preview_import`` reads the file, matches its headings (the mapping saved for the council first) and plans
the import without writing; ``apply_import`` writes the plan in one ``register.transaction()`` through
``Records`` (validated and audited as every other change), saving the mapping with it. A failure anywhere,
or Cancel, writes nothing.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..db.repositories import RecordRepository
from ..db.settings import read_settings, write_setting
from ..domain import entities as e
from ..domain.council_rows import Problem, read_rows
from ..domain.enums import LegalForm
from ..domain.errors import AssetRegError, ValidationError
from ..domain.i18n import tr
from ..domain.import_headings import mapping_problems, match_headings, normalise_heading
from ..domain.import_plan import AssetPlan, Existing, plan_import
from ..domain.records import RecordKind, parse_reference
from .backups import backup_before
from .records import Records
from .register import Changes, Register
from .tables import read_table

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

    def counts(self) -> dict[str, int]:
        counts = {"added": 0, "updated": 0, "unchanged": 0}
        for plan in self.plans:
            counts[plan.outcome] += 1
        return counts

    def summary(self) -> dict[str, Any]:
        return {**self.counts(), "problems": [p.as_json() for p in self.problems]}


def find_council(register: Register, name_or_ref: str) -> tuple[str, str]:
    """The reference and name of the council a person named; reference "" when no council has that name."""
    wanted = name_or_ref.strip()
    if not wanted:
        return "", ""
    authorities = Records(register).list(RecordKind.AUTHORITY)
    for authority in authorities:
        if wanted.casefold() in (authority.reference.casefold(), authority.name.casefold(), authority.code.casefold()):
            return authority.reference, authority.name
    try:
        kind, reference = parse_reference(wanted)
    except AssetRegError:
        return "", wanted
    raise AssetRegError(tr("There is no council {reference} in this register.").format(reference=reference))


def saved_mappings(register: Register) -> dict[str, dict[str, str]]:
    with register.reading() as session:
        text = read_settings(session).get(MAPPINGS_SETTING)
    return json.loads(text) if text else {}


def preview_import(
    register: Register,
    path: Path,
    council: str = "",
    *,
    mapping_name: str = "",
    fields: list[str] | None = None,
) -> ImportPreview:
    """What importing ``path`` would do; ``fields`` (one per column) overrides the mapping found."""
    table = read_table(path)
    council_ref, council_name = find_council(register, council)
    mapping_name = mapping_name or council_name  # the name: the same before and after the council is added
    saved = saved_mappings(register).get(mapping_name, {})
    fields = list(fields) if fields is not None else match_headings(table.headings, saved)
    problems = list(table.notes)
    missing = mapping_problems(fields)
    if missing:
        problems += [Problem(0, "", message) for message in missing]
        return ImportPreview(
            path, table.headings, fields, council_ref, council_name, mapping_name, [], problems, len(table.rows)
        )
    imported, row_problems = read_rows(fields, table.rows, table.heading_row + 1)
    with register.reading() as session:
        repo = RecordRepository(session)
        existing = Existing(
            assets=repo.list(RecordKind.ASSET),
            nominations=repo.list(RecordKind.NOMINATION),
            entries=repo.list(RecordKind.LIST_ENTRY),
            notices=repo.list(RecordKind.DISPOSAL_NOTICE),
            groups=repo.list(RecordKind.GROUP),
        )
    plans, plan_problems = plan_import(imported, existing, council_ref, register.today())
    problems += sorted(row_problems + plan_problems, key=lambda p: p.row)
    return ImportPreview(
        path, table.headings, fields, council_ref, council_name, mapping_name, plans, problems, len(table.rows)
    )


Progress = Callable[[int, int], None]  # (done, of)


def apply_import(
    register: Register,
    preview: ImportPreview,
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Changes:
    """Writes the preview's plan in one transaction; nothing is written if anything fails or is cancelled.

    A verified backup is made first, so an import that turns out wrong can be undone by restoring it.
    """
    if any(p.outcome != "unchanged" for p in preview.plans):
        backup_before(register, "import")
    records = Records(register)
    plans = preview.plans
    step = [0]
    total = 6 + sum(len(p.changes) for p in plans)

    def advance(by: int = 1) -> None:
        step[0] += by
        if progress:
            progress(step[0], total)
        if cancelled and cancelled():
            raise ImportCancelled(tr("The import was cancelled; nothing was imported."))

    def prepared(items: list[Any]) -> list[Any]:
        return records.prepared(items) if items else []

    # Validated and given their regimes before the transaction; their links are filled in inside it.
    new_council = prepared(
        [e.Authority(name=preview.council_name)] if preview.council_name and not preview.council_ref else []
    )
    nominators = sorted({p.nominator for p in plans if p.nominator})
    new_groups = prepared([e.CommunityGroup(name=n, legal_form=LegalForm.OTHER) for n in nominators])
    new_assets = [p for p in plans if not p.asset_ref]
    assets = prepared([p.asset for p in new_assets])
    with_nomination = [p for p in plans if p.nomination]
    nominations = prepared([p.nomination for p in with_nomination])
    with_entry = [p for p in plans if p.entry]
    entries = prepared([p.entry for p in with_entry])
    notice_plans = [(p, n) for p in plans for n in p.notices]
    notices = prepared([n for _, n in notice_plans])
    kinds: set[RecordKind] = set()
    now = register.clock()
    with register.transaction() as session:
        repo = RecordRepository(session)
        council_ref = preview.council_ref
        if new_council:
            (council_ref,) = records.insert_prepared(repo, new_council, now)
            kinds.add(RecordKind.AUTHORITY)
        group_refs = dict(zip(nominators, records.insert_prepared(repo, new_groups, now), strict=True))
        advance()
        asset_refs = records.insert_prepared(
            repo, [dataclasses.replace(a, authority_ref=council_ref) for a in assets], now
        )
        ref_of = {id(p): p.asset_ref for p in plans} | {id(p): r for p, r in zip(new_assets, asset_refs, strict=True)}
        advance()
        nomination_refs = records.insert_prepared(
            repo,
            [
                dataclasses.replace(
                    n, asset_ref=ref_of[id(p)], nominator_ref=p.nominator_ref or group_refs.get(p.nominator, "")
                )
                for p, n in zip(with_nomination, nominations, strict=True)
            ],
            now,
        )
        new_nomination = {id(p): r for p, r in zip(with_nomination, nomination_refs, strict=True)}
        advance()
        records.insert_prepared(
            repo,
            [
                dataclasses.replace(
                    x, asset_ref=ref_of[id(p)], nomination_ref=new_nomination.get(id(p), x.nomination_ref)
                )
                for p, x in zip(with_entry, entries, strict=True)
            ],
            now,
        )
        advance()
        records.insert_prepared(
            repo,
            [dataclasses.replace(n, asset_ref=ref_of[id(p)]) for (p, _), n in zip(notice_plans, notices, strict=True)],
            now,
        )
        advance()
        for plan in plans:
            for reference, changed in plan.changes:
                kind, reference = parse_reference(reference)
                try:
                    records.update_in(repo, kind, reference, changed, now)
                except ValidationError as error:
                    raise ValidationError(
                        {
                            k: tr("Row {n}: {message}").format(n=plan.imported.rows[0], message=m)
                            for k, m in error.problems.items()
                        }
                    ) from error
                kinds.add(kind)
                advance()
        _save_mapping(session, preview)
        advance()
    kinds |= {
        k
        for k, items in (
            (RecordKind.GROUP, new_groups),
            (RecordKind.ASSET, assets),
            (RecordKind.NOMINATION, nominations),
            (RecordKind.LIST_ENTRY, entries),
            (RecordKind.DISPOSAL_NOTICE, notices),
        )
        if items
    }
    return Changes(frozenset(kinds))


def _save_mapping(session, preview: ImportPreview) -> None:
    if not preview.mapping_name:
        return
    stored = json.loads(read_settings(session).get(MAPPINGS_SETTING) or "{}")
    stored[preview.mapping_name] = {
        heading: field
        for heading, field in zip(preview.headings, preview.fields, strict=False)
        if normalise_heading(heading)
    }
    write_setting(session, MAPPINGS_SETTING, json.dumps(stored, ensure_ascii=False, sort_keys=True))


def import_file(
    register: Register, path: Path, council: str = "", *, mapping_name: str = "", dry_run: bool = False
) -> dict[str, Any]:
    """Imports ``path`` (or, with ``dry_run``, only says what it would do); the summary of either."""
    preview = preview_import(register, path, council, mapping_name=mapping_name)
    if not dry_run and preview.plans:
        apply_import(register, preview)
    return preview.summary()
