"""``assetreg check``: is the register whole? Database pages, links between records, schema, attachments, and
What's due as kept ready (the due index)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..db.engine import current_revision, head_revision
from ..db.health import structural_problems
from ..db.repositories import RecordRepository
from ..domain.errors import AssetRegError
from ..domain.i18n import tr
from ..domain.records import RecordKind
from ..paths import attachments_dir
from .backups import needed_attachments
from .documents import file_sha256, shared_content_problem, stored_path
from .register import Register


@dataclass(frozen=True)
class HealthReport:
    problems: tuple[str, ...]
    counts: dict[str, int] = field(default_factory=dict)
    leftovers: tuple[Path, ...] = ()  # attachment files no document refers to (half-copied, or a removed one's)
    tidied: tuple[Path, ...] = ()  # those deleted by ``tidy``

    @property
    def healthy(self) -> bool:
        return not self.problems


def check_register(register: Register, *, tidy: bool = False) -> HealthReport:
    """Every problem found, each in a sentence that says what is wrong and where. Damage is reported, never
    raised. ``tidy`` deletes attachment files left over by an interrupted write, keeping any a backup needs, and
    builds the due index again when it differs from the dates worked out from the records."""
    problems: list[str] = []
    try:
        revision, head = current_revision(register.opened.engine), head_revision()
        if revision != head:
            problems.append(
                tr("The register's schema is {revision}, not the current {head}.").format(revision=revision, head=head)
            )
        with register.reading() as session:
            problems += [tr("Database: {problem}").format(problem=p) for p in structural_problems(session)]
            repo = RecordRepository(session)
            documents = repo.list(RecordKind.DOCUMENT)
            counts = {kind.value: repo.count(kind) for kind in RecordKind}
    except AssetRegError as error:
        return HealthReport((*problems, str(error)))
    if register.shared:  # the content is in the database: checked there, with no folder to tidy
        for document in documents:
            where = tr("{reference} ({name})").format(reference=document.reference, name=document.original_filename)
            problem = shared_content_problem(register, document)
            if problem == "missing":
                problems.append(tr("Attachment missing: {where} has no content in the register.").format(where=where))
            elif problem:
                problems.append(
                    tr("Attachment altered: {where} no longer matches what was attached.").format(where=where)
                )
        if revision == head:
            from .due_index import verify

            problems += verify(register, tidy=tidy)
        return HealthReport(tuple(problems), counts)
    if revision == head:
        from .due_index import verify

        problems += verify(register, tidy=tidy)  # What's due as kept ready; ``tidy`` builds a wrong one again
    for document in documents:
        path = stored_path(register, document.sha256)
        where = tr("{reference} ({name})").format(reference=document.reference, name=document.original_filename)
        if not path.is_file():
            problems.append(tr("Attachment missing: {where} should be at {path}.").format(where=where, path=path))
        elif path.stat().st_size != document.size_bytes or file_sha256(path) != document.sha256:
            problems.append(
                tr("Attachment altered: {where} at {path} no longer matches what was attached.").format(
                    where=where, path=path
                )
            )
    leftovers = _leftovers(register, {d.sha256 for d in documents})
    tidied: list[Path] = []
    if tidy:
        needed = needed_attachments(register)
        for path in leftovers:
            if path.name not in needed:
                path.unlink(missing_ok=True)
                tidied.append(path)
    for path in leftovers:
        # A half-copied file is a problem; a whole stored file no document refers to may be a removed document's
        # (kept so the removal can be undone, or for a backup): a note, tidied only when no backup needs it.
        if path not in tidied and path.name.startswith(INCOMING):
            problems.append(
                tr(
                    "Left-over attachment file: {path} was being copied when AssetReg stopped; "
                    "“assetreg check --tidy” deletes it."
                ).format(path=path)
            )
    return HealthReport(tuple(problems), counts, tuple(leftovers), tuple(tidied))


INCOMING = ".incoming-"


def _leftovers(register: Register, referenced: set[str]) -> list[Path]:
    """Files in the attachments folder that no document refers to: half-copied ``.incoming-*`` files, and
    stored files whose document was never committed."""
    folder = attachments_dir(register.path)
    if not folder.is_dir():
        return []
    return sorted(
        path
        for path in folder.glob("*/*")
        if path.is_file() and (path.name.startswith(INCOMING) or path.name not in referenced)
    )
