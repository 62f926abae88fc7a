"""Councils, community groups, and people and organisations: what else in the register uses each one.

Deleting a record moves everything that points at it to the trash with it (``Records.delete``), so a council
still named by assets, or an owner still named by a notice, is never deleted from here: the user is told which
records use it and changes those first.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..db.repositories import RecordRepository, dependants
from ..domain.i18n import tr
from ..domain.records import RecordKind, parse_reference
from .register import Register

CONTACT_KINDS = (RecordKind.AUTHORITY, RecordKind.GROUP, RecordKind.PARTY)


@dataclass(frozen=True)
class Use:
    """One live record that points at a contact: its kind, reference and name (or title)."""

    kind: RecordKind
    reference: str
    name: str = ""

    def text(self) -> str:
        """ "AST-0001 The Red Lion (asset)"."""
        named = f"{self.reference} {self.name}".strip()
        return tr("{record} ({kind})").format(record=named, kind=self.kind.label)


def _named(kind: RecordKind) -> tuple[str, ...]:
    fields = {f for f in kind.entity.__dataclass_fields__}
    return tuple(name for name in ("name", "title") if name in fields)[:1]


def record_uses(register: Register, reference: str) -> tuple[Use, ...]:
    """Every live record that names this council, group or party, oldest first, kind by kind."""
    kind, reference = parse_reference(reference)
    found: list[Use] = []
    with register.reading() as session:
        repo = RecordRepository(session)
        names = dict(repo.rows(RecordKind.ASSET, ("reference", "name")))
        for other, field_name in dependants(kind):
            named = _named(other)
            columns = ("reference", *named, "asset_ref") if _has(other, "asset_ref") else ("reference", *named)
            for row in repo.rows(other, columns, {field_name: reference}):
                name = row[1] if named else (names.get(row[-1], "") if _has(other, "asset_ref") else "")
                found.append(Use(other, row[0], name))
    return tuple(found)


def use_counts(register: Register, kind: RecordKind) -> Counter[str]:
    """How many live records name each record of ``kind`` (a council's assets and applications, and so on)."""
    counts: Counter[str] = Counter()
    with register.reading() as session:
        repo = RecordRepository(session)
        for other, field_name in dependants(kind):
            counts.update(ref for (ref,) in repo.rows(other, (field_name,)) if ref)
    return counts


def _has(kind: RecordKind, field_name: str) -> bool:
    return field_name in kind.entity.__dataclass_fields__
