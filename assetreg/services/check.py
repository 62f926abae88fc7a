"""``assetreg check``: is the register whole? Database pages, links between records, schema, attachments."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..db.engine import current_revision, head_revision
from ..db.health import structural_problems
from ..db.repositories import RecordRepository
from ..domain.i18n import tr
from ..domain.records import RecordKind
from .documents import file_sha256, stored_path
from .register import Register


@dataclass(frozen=True)
class HealthReport:
    problems: tuple[str, ...]
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def healthy(self) -> bool:
        return not self.problems


def check_register(register: Register) -> HealthReport:
    """Every problem found, each in a sentence that says what is wrong and where."""
    problems: list[str] = []
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
    return HealthReport(tuple(problems), counts)
