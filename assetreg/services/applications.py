"""Transfer applications: the pipeline by stage, one application's pack checklist, and moving it on a stage.

Each application is read through its council's profile (``domain/council_profiles.py``): the council's names for
its stages, its target days or round dates, and the pack sections it asks for.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from ..db.repositories import RecordRepository
from ..domain import entities as e
from ..domain.council_profiles import CouncilProfile, StageProgress, profile, stage_entered_on, stage_progress
from ..domain.dates import format_date
from ..domain.entities import AuditEntry
from ..domain.errors import NotFoundError, ValidationError
from ..domain.i18n import tr
from ..domain.records import RecordKind, parse_reference
from ..domain.validation import validate
from .records import Changed, audit_text
from .register import Changes, Register


@dataclass(frozen=True)
class PipelineRow:
    """One application in the pipeline: where it is, since when, and how that compares with its council's plan."""

    application: e.TransferApplication
    asset_name: str
    authority_name: str
    profile: CouncilProfile
    progress: StageProgress

    @property
    def reference(self) -> str:
        return self.application.reference

    @property
    def asset_ref(self) -> str:
        return self.application.asset_ref

    @property
    def stage(self) -> str:
        return self.application.stage

    @property
    def stage_name(self) -> str:
        """The stage under the council's own name for it."""
        return self.profile.stage_name(self.application.stage)

    @property
    def stage_position(self) -> int:
        return self.profile.stage_position(self.application.stage)


@dataclass(frozen=True)
class ChecklistSection:
    """One section of an application's pack, with the documents filed under it."""

    code: str
    name: str
    description: str
    documents: tuple[e.Document, ...]

    @property
    def present(self) -> bool:
        return bool(self.documents)


@dataclass(frozen=True)
class PackChecklist:
    """The sections an application's council asks for, each present or missing, and documents filed elsewhere."""

    application: e.TransferApplication
    profile: CouncilProfile
    sections: tuple[ChecklistSection, ...]
    unfiled: tuple[e.Document, ...]  # attached to the application but to no section this council asks for

    @property
    def missing(self) -> tuple[ChecklistSection, ...]:
        return tuple(s for s in self.sections if not s.present)


@dataclass(frozen=True)
class ApplicationOverview:
    """Everything the applications view shows about one application."""

    row: PipelineRow
    history: tuple[e.StageChange, ...]  # oldest first
    checklist: PackChecklist


def profile_of(application: e.TransferApplication) -> CouncilProfile:
    """The council profile an application follows (the default for its kind when it names none we know)."""
    return profile(application.council_profile, application.kind)


def pipeline(register: Register, today: date | None = None) -> list[PipelineRow]:
    """Every live application with its asset and council, in stage order, then by when it entered its stage."""
    today = today or register.today()
    with register.reading() as session:
        repo = RecordRepository(session)
        applications = repo.list(RecordKind.TRANSFER_APPLICATION)
        assets = dict(repo.rows(RecordKind.ASSET, ("reference", "name")))
        councils = {ref: name for ref, (name, _) in repo.authorities_by_reference().items()}
        steps: dict[str, list[tuple[str, date]]] = defaultdict(list)
        for ref, stage, on in repo.rows(RecordKind.STAGE_CHANGE, ("application_ref", "stage", "changed_on")):
            steps[ref].append((stage, on))
    rows = [
        _row(a, assets.get(a.asset_ref, ""), councils.get(a.authority_ref, ""), steps[a.reference], today)
        for a in applications
    ]
    return sorted(rows, key=lambda r: (r.stage_position, r.progress.entered_on or date.max, r.reference))


def _row(
    application: e.TransferApplication, asset_name: str, council: str, steps: list[tuple[str, date]], today: date
) -> PipelineRow:
    chosen = profile_of(application)
    entered = stage_entered_on(application.stage, steps)
    return PipelineRow(
        application, asset_name, council, chosen, stage_progress(chosen, application.stage, entered, today)
    )


def application_overview(register: Register, reference: str, today: date | None = None) -> ApplicationOverview:
    """One application: its pipeline row, its stage history and its pack checklist."""
    today = today or register.today()
    _, reference = parse_reference(reference)
    with register.reading() as session:
        repo = RecordRepository(session)
        application = repo.get(RecordKind.TRANSFER_APPLICATION, reference)
        if application is None:
            raise NotFoundError(
                tr("There is no transfer application {reference} in this register.").format(reference=reference)
            )
        asset = repo.get(RecordKind.ASSET, application.asset_ref)
        council = repo.get(RecordKind.AUTHORITY, application.authority_ref)
        history = repo.list(RecordKind.STAGE_CHANGE, where={"application_ref": reference})
        documents = repo.list(RecordKind.DOCUMENT, where={"application_ref": reference})
    history = sorted(history, key=lambda s: s.changed_on)  # stable: same-day steps keep the order they were made
    row = _row(
        application,
        asset.name if asset else "",
        council.name if council else "",
        [(s.stage, s.changed_on) for s in history],
        today,
    )
    return ApplicationOverview(row, tuple(history), checklist_of(application, documents))


def checklist_of(application: e.TransferApplication, documents: list[e.Document]) -> PackChecklist:
    """The pack checklist of an application from the documents attached to it (by their ``pack_section``)."""
    chosen = profile_of(application)
    filed: dict[str, list[e.Document]] = defaultdict(list)
    for document in documents:
        filed[document.pack_section].append(document)
    sections = tuple(
        ChecklistSection(s.code, s.name, s.description, tuple(filed.pop(s.code, ()))) for s in chosen.pack_sections()
    )
    unfiled = tuple(d for docs in filed.values() for d in docs)
    return PackChecklist(application, chosen, sections, unfiled)


def pack_checklist(register: Register, reference: str) -> PackChecklist:
    """The pack checklist of one application: each section its council asks for, present or missing."""
    return application_overview(register, reference).checklist


def move_to_stage(
    register: Register, reference: str, stage: str, on: date | None = None, notes: str = ""
) -> Changed[e.StageChange]:
    """Moves an application to ``stage`` on ``on`` (today when not given): its stage and a dated step, together.

    Both records and both audit entries are written in one transaction, so the stage never disagrees with the
    history. Refused: a stage its council does not use, the stage it is already in, a date in the future, or a
    date before the step it is leaving.
    """
    _, reference = parse_reference(reference)
    today = register.today()
    on = on or today
    now = register.clock()
    kind = RecordKind.TRANSFER_APPLICATION
    with register.transaction() as session:
        repo = RecordRepository(session)
        row = repo.find_row(kind, reference)
        if row is None:
            raise NotFoundError(
                tr("There is no transfer application {reference} in this register.").format(reference=reference)
            )
        before = repo.get(kind, reference)
        council = profile_of(before)
        steps = repo.list(RecordKind.STAGE_CHANGE, where={"application_ref": reference})
        _check_move(before, council, stage, on, today, steps)
        after = validate(dataclasses.replace(before, stage=stage))
        step = validate(e.StageChange(application_ref=reference, stage=stage, changed_on=on, notes=notes.strip()))
        repo.write(kind, row, after, ("stage",), now)
        (step_ref,) = repo.next_references(RecordKind.STAGE_CHANGE)
        repo.add(step, step_ref, now)
        repo.add_audit(
            [
                _audit(register, now, "update", kind, reference, "stage", audit_text(before.stage), stage),
                _audit(register, now, "create", RecordKind.STAGE_CHANGE, step_ref, "", "", stage),
            ]
        )
    return Changed(
        dataclasses.replace(step, reference=step_ref),
        Changes(frozenset({kind, RecordKind.STAGE_CHANGE})),
    )


def _check_move(
    application: e.TransferApplication,
    council: CouncilProfile,
    stage: str,
    on: date,
    today: date,
    steps: list[e.StageChange],
) -> None:
    if stage not in council.stage_codes:
        raise ValidationError.single(
            "stage",
            tr("“{stage}” is not a stage {council} uses; choose one of: {stages}.").format(
                stage=stage, council=council.name, stages=", ".join(council.stage_codes)
            ),
        )
    if stage == application.stage:
        raise ValidationError.single(
            "stage",
            tr("{reference} is already at “{stage}”.").format(
                reference=application.reference, stage=council.stage_name(stage)
            ),
        )
    if on > today:
        raise ValidationError.single(
            "changed_on",
            tr("{date} is in the future; record a stage once it has been reached.").format(date=format_date(on)),
        )
    latest = max((s.changed_on for s in steps), default=None)
    if latest is not None and on < latest:
        raise ValidationError.single(
            "changed_on",
            tr("The date ({date}) cannot be before the last recorded step ({latest}); check the date.").format(
                date=format_date(on), latest=format_date(latest)
            ),
        )


def _audit(
    register: Register, now, action: str, kind: RecordKind, reference: str, field: str, old: str, new: str
) -> AuditEntry:
    # The same shape as the entries ``Records`` writes, so the history reads the same whichever wrote it.
    return AuditEntry(
        at=now,
        user=register.user,
        action=action,
        record_kind=kind.value,
        record_reference=reference,
        field=field,
        old_value=old,
        new_value=new,
    )
