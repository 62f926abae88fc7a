"""Moving a register between a file and a shared register (``assetreg copy SOURCE TARGET``), checked whole.

Every record, reference, history entry, setting and attachment goes across: rows keep their ids, references
and versions, so numbering carries on where it was. Attachments move from the folder beside a file into the
shared register's database, and back. The target must be new (a file that does not exist yet, or an empty
database); the copy is then checked table by table (row counts and checksums on both sides) and each
attachment re-hashed where it arrived. A copy that fails its check is reported, never passed off as whole.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..db.backup import remove_database
from ..db.blobs import put_blob, read_blob
from ..db.copying import TableSum, copied_tables, copy_rows, table_sums
from ..db.engine import open_register
from ..db.repositories import RecordRepository
from ..domain.errors import RegisterRefusedError
from ..domain.i18n import tr
from ..domain.records import RecordKind
from ..paths import attachments_dir, is_register_url
from .documents import file_sha256
from .register import Register


@dataclass(frozen=True)
class CopyReport:
    source: str
    target: str
    tables: dict[str, tuple[int, int, bool]]  # table: (rows at source, rows at target, checksums agree)
    attachments: tuple[int, int]  # (attachments the source's documents need, those whole at the target)
    problems: tuple[str, ...]

    @property
    def whole(self) -> bool:
        return not self.problems

    def as_json(self) -> dict:
        return {
            "source": self.source,
            "target": self.target,
            "whole": self.whole,
            "tables": {
                name: {"source_rows": a, "target_rows": b, "checksum_matches": same}
                for name, (a, b, same) in self.tables.items()
            },
            "attachments": {"needed": self.attachments[0], "whole": self.attachments[1]},
            "problems": list(self.problems),
        }


def copy_register(source: Path | str, target: Path | str) -> CopyReport:
    """Copies the register at ``source`` into a new register at ``target`` (file or URL) and checks the copy."""
    if not is_register_url(target) and Path(target).exists():
        raise RegisterRefusedError(
            tr("{path} already exists; AssetReg copies only into a new file or an empty database.").format(path=target)
        )
    with Register.open(source) as reading:
        if not is_register_url(target):
            Path(target).parent.mkdir(parents=True, exist_ok=True)
        opened = open_register(target, create=True)  # refuses a database that is not empty
        try:
            with opened.engine.begin() as connection:  # one transaction: the copy is all there, or none of it
                # Each table's count and checksum as read from the source, in the same pass as the copy.
                read = copy_rows(reading.opened.engine, connection, with_blobs=opened.shared)
                if opened.shared:
                    _attachments_into_database(reading, connection)
            if not opened.shared:
                _attachments_into_folder(reading, Path(target))
            return _checked(reading, Register(opened), read)
        except BaseException:
            if not opened.shared:
                opened.engine.dispose()
                remove_database(Path(target))
            raise
        finally:
            opened.engine.dispose()


def _needed_hashes(register: Register) -> set[str]:
    with register.reading() as session:
        repo = RecordRepository(session)
        documents = repo.list(RecordKind.DOCUMENT) + repo.list(RecordKind.DOCUMENT, deleted=True)
    return {d.sha256 for d in documents if d.sha256}


def _content(register: Register, sha256: str) -> bytes | None:
    """The stored content of one attachment, from a register's folder or its database; None when missing."""
    if register.shared:
        with register.reading() as session:
            return read_blob(session, sha256)
    path = attachments_dir(register.path) / sha256[:2] / sha256
    return path.read_bytes() if path.is_file() else None


def _attachments_into_database(source: Register, connection) -> None:
    from sqlalchemy.orm import Session

    with Session(bind=connection) as session:
        for sha256 in sorted(_needed_hashes(source)):
            content = _content(source, sha256)
            if content is not None and hashlib.sha256(content).hexdigest() == sha256:
                put_blob(session, sha256, content)
        session.flush()


def _attachments_into_folder(source: Register, target: Path) -> None:
    folder = attachments_dir(target)
    for sha256 in sorted(_needed_hashes(source)):
        content = _content(source, sha256)
        if content is None or hashlib.sha256(content).hexdigest() != sha256:
            continue  # reported by the check below
        place = folder / sha256[:2] / sha256
        place.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=place.parent, prefix=".incoming-")
        with os.fdopen(handle, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, place)


def _checked(source: Register, target: Register, read: dict[str, TableSum]) -> CopyReport:
    """The copy checked against the source as the copy read it (``read``: each table's count and checksum)."""
    before = {table.name: read[table.name] for table in copied_tables(with_blobs=False)}
    after = table_sums(target.opened.engine, with_blobs=False)
    problems, tables = [], {}
    for name, summed in before.items():
        there = after.get(name)
        same = there is not None and there == summed
        tables[name] = (summed.rows, there.rows if there else 0, same)
        if not same:
            problems.append(
                tr("{table}: {rows} rows at the source, {copied} in the copy, or their contents differ.").format(
                    table=name, rows=summed.rows, copied=there.rows if there else 0
                )
            )
    needed = _needed_hashes(source)
    whole = 0
    for sha256 in sorted(needed):
        if target.shared:
            with target.reading() as session:
                content = read_blob(session, sha256)
            ok = content is not None and hashlib.sha256(content).hexdigest() == sha256
        else:
            place = attachments_dir(target.path) / sha256[:2] / sha256
            ok = place.is_file() and file_sha256(place) == sha256
        if ok:
            whole += 1
        else:
            problems.append(tr("Attachment {sha} is missing or altered in the copy.").format(sha=sha256[:12]))
    return CopyReport(source.location, target.location, tables, (len(needed), whole), tuple(problems))
