"""Transfer applications: the pipeline by stage, one application's pack checklist, moving it on a stage, and the
group's written answer to each section of its pack.

Each application is read through its council's profile (``domain/council_profiles.py``): the council's names for
its stages, its target days or round dates, and the pack sections it asks for.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ..db.repositories import RecordRepository
from ..domain import entities as e
from ..domain.asset_deadlines import AssetDeadline
from ..domain.council_profiles import CouncilProfile, StageProgress, profile, stage_entered_on, stage_progress
from ..domain.dates import format_date
from ..domain.entities import AuditEntry
from ..domain.enums import ApplicationKind
from ..domain.errors import NotFoundError, ValidationError
from ..domain.i18n import tr
from ..domain.records import RecordKind, parse_reference
from ..domain.rules import ATR_DECIDE
from ..domain.validation import validate
from .records import Changed, Records, audit_text
from .register import Changes, Register


@dataclass(frozen=True)
class PipelineRow:
    """One application in the pipeline: where it is, since when, and how that compares with its council's plan."""

    application: e.TransferApplication
    asset_name: str
    authority_name: str
    profile: CouncilProfile
    progress: StageProgress
    # A Scottish request awaiting its decision: the day the decision is due, from the asset's case (SCOT-ATR-DECIDE).
    decision_due: AssetDeadline | None = None

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
    """One section of an application's pack: the documents filed under it and the group's written answer."""

    code: str
    name: str
    description: str
    documents: tuple[e.Document, ...]
    answer: str = ""  # the group's answer to the section; "" when none is written

    @property
    def present(self) -> bool:
        """Whether any document is filed under the section."""
        return bool(self.documents)

    @property
    def answered(self) -> bool:
        """Whether the group has written an answer to the section."""
        return bool(self.answer)


@dataclass(frozen=True)
class PackChecklist:
    """The sections an application's council asks for, each present or missing, and documents filed elsewhere."""

    application: e.TransferApplication
    profile: CouncilProfile
    sections: tuple[ChecklistSection, ...]
    unfiled: tuple[e.Document, ...]  # attached to the application but to no section this council asks for

    @property
    def missing(self) -> tuple[ChecklistSection, ...]:
        """The sections with no document filed under them."""
        return tuple(s for s in self.sections if not s.present)

    @property
    def unanswered(self) -> tuple[ChecklistSection, ...]:
        """The sections the group has written no answer to."""
        return tuple(s for s in self.sections if not s.answered)

    def section(self, code: str) -> ChecklistSection | None:
        """The section with this code, if the council asks for it."""
        return next((s for s in self.sections if s.code == code), None)


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
        _with_decision_due(
            register,
            _row(a, assets.get(a.asset_ref, ""), councils.get(a.authority_ref, ""), steps[a.reference], today),
            today,
        )
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


def _with_decision_due(register: Register, row: PipelineRow, today: date) -> PipelineRow:
    if row.application.kind is not ApplicationKind.SCOTTISH_ASSET_TRANSFER_REQUEST or row.progress.ended:
        return row
    from .transfers import application_dates  # the dates of its case, for the few Scottish requests

    found = application_dates(register, row.reference, today)
    due = next((d for d in found if d.code == ATR_DECIDE and not d.done), None)
    return dataclasses.replace(row, decision_due=due) if due is not None else row


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
        answers = repo.list(RecordKind.PACK_ANSWER, where={"application_ref": reference})
    history = sorted(history, key=lambda s: s.changed_on)  # stable: same-day steps keep the order they were made
    row = _row(
        application,
        asset.name if asset else "",
        council.name if council else "",
        [(s.stage, s.changed_on) for s in history],
        today,
    )
    row = _with_decision_due(register, row, today)
    return ApplicationOverview(row, tuple(history), checklist_of(application, documents, answers))


def checklist_of(
    application: e.TransferApplication, documents: list[e.Document], answers: Iterable[e.PackAnswer] = ()
) -> PackChecklist:
    """The pack checklist of an application from the documents attached to it (by their ``pack_section``) and
    the group's answers to its sections."""
    chosen = profile_of(application)
    filed: dict[str, list[e.Document]] = defaultdict(list)
    for document in documents:
        filed[document.pack_section].append(document)
    written = {a.section: a.answer for a in answers}
    sections = tuple(
        ChecklistSection(s.code, s.name, s.description, tuple(filed.pop(s.code, ())), written.get(s.code, ""))
        for s in chosen.pack_sections()
    )
    unfiled = tuple(d for docs in filed.values() for d in docs)
    return PackChecklist(application, chosen, sections, unfiled)


def pack_checklist(register: Register, reference: str) -> PackChecklist:
    """The pack checklist of one application: each section its council asks for, present or missing."""
    return application_overview(register, reference).checklist


def pack_answer(register: Register, application_ref: str, section: str) -> e.PackAnswer | None:
    """The group's answer to one section of an application's pack, or None when none is written."""
    _, application_ref = parse_reference(application_ref)
    with register.reading() as session:
        found = RecordRepository(session).list(
            RecordKind.PACK_ANSWER, where={"application_ref": application_ref, "section": section}
        )
    return found[0] if found else None


def save_pack_answer(
    register: Register, application_ref: str, section: str, answer: str
) -> Changed[e.PackAnswer | None]:
    """Writes the group's answer to one section of an application's pack; blank text removes the answer.

    The answer is made, changed, or moved to the trash (so a cleared answer can still be restored), each audited
    like any other change. Writing to a section whose answer is in the trash brings that answer back with the
    new text, so a section keeps one answer and one reference. Returns the answer as saved (None once removed);
    refused: an unknown application, or a section its council does not ask for.
    """
    records = Records(register)
    _, application_ref = parse_reference(application_ref)
    application = records.get(application_ref)
    if not isinstance(application, e.TransferApplication):
        raise NotFoundError(
            tr("There is no transfer application {reference} in this register.").format(reference=application_ref)
        )
    live = pack_answer(register, application_ref, section)
    if not answer.strip():
        if live is None:
            return Changed(None, Changes())
        return Changed(None, records.delete(live.reference).changes)
    council = profile_of(application)
    if section not in {s.code for s in council.pack_sections()}:
        raise ValidationError.single(
            "section",
            tr("{council} does not ask for a section “{section}”; choose one of: {sections}.").format(
                council=council.name, section=section, sections=", ".join(s.code for s in council.pack_sections())
            ),
        )
    # Every problem with the text is found before anything is written.
    wanted = validate(e.PackAnswer(application_ref=application_ref, section=section, answer=answer))
    if live is not None:
        return records.update(live.reference, answer=wanted.answer)
    trashed = [
        a for a in records.trash(RecordKind.PACK_ANSWER) if (a.application_ref, a.section) == (application_ref, section)
    ]
    if not trashed:
        return records.create(wanted)
    restored = records.restore(trashed[0].reference)
    updated = records.update(trashed[0].reference, answer=wanted.answer)
    return Changed(updated.value, restored.changes | updated.changes)


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


def check_move(register: Register, reference: str, stage: str, on: date) -> None:
    """Raises the ``ValidationError`` ``move_to_stage`` would for this move, writing nothing: a form checks a move
    before it starts the step that makes it."""
    _, reference = parse_reference(reference)
    records = Records(register)
    application = records.get(reference)
    steps = records.list(RecordKind.STAGE_CHANGE, application_ref=reference)
    _check_move(application, profile_of(application), stage, on, register.today(), steps)


def take_back_move(register: Register, step_ref: str) -> Changed[e.TransferApplication]:
    """Takes back a stage move (its undo): the dated step goes to the trash and the application returns to the
    stage of the latest step left, in one transaction, both audited.

    Refused: a step that is not the application's latest (take the later ones back first), and an application's
    only step (delete the application instead).
    """
    _, step_ref = parse_reference(step_ref)
    now = register.clock()
    with register.transaction() as session:
        repo = RecordRepository(session)
        row = repo.find_row(RecordKind.STAGE_CHANGE, step_ref)
        if row is None:
            raise NotFoundError(tr("There is no stage step {reference} in this register.").format(reference=step_ref))
        step = repo.get(RecordKind.STAGE_CHANGE, step_ref)
        steps = sorted(
            repo.list(RecordKind.STAGE_CHANGE, where={"application_ref": step.application_ref}),
            key=lambda s: (s.changed_on, s.reference),
        )
        if steps[-1].reference != step_ref:
            raise ValidationError.single(
                "stage",
                tr("A later stage ({stage}) has been recorded since; take that back first.").format(
                    stage=profile_of(repo.get(RecordKind.TRANSFER_APPLICATION, step.application_ref)).stage_name(
                        steps[-1].stage
                    )
                ),
            )
        if len(steps) == 1:
            raise ValidationError.single(
                "stage", tr("This is the application's first step; delete the application instead.")
            )
        repo.mark_deleted(row, now)
        repo.add_audit([_audit(register, now, "delete", RecordKind.STAGE_CHANGE, step_ref, "", "", "")])
        after, _ = Records(register).update_in(
            repo, RecordKind.TRANSFER_APPLICATION, step.application_ref, {"stage": steps[-2].stage}, now
        )
    return Changed(after, Changes(frozenset({RecordKind.TRANSFER_APPLICATION, RecordKind.STAGE_CHANGE})))


def make_move_again(register: Register, step_ref: str) -> Changed[e.TransferApplication]:
    """Makes a stage move taken back again (its redo): the step comes back from the trash and the application
    goes to its stage, in one transaction, both audited. Refused when a later step has been recorded since."""
    _, step_ref = parse_reference(step_ref)
    now = register.clock()
    with register.transaction() as session:
        repo = RecordRepository(session)
        row = repo.find_row(RecordKind.STAGE_CHANGE, step_ref, include_deleted=True)
        if row is None or row.deleted_at is None:
            raise NotFoundError(
                tr("{reference} is not in the trash, so there is nothing to restore.").format(reference=step_ref)
            )
        repo.mark_deleted(row, None)
        step = repo.get(RecordKind.STAGE_CHANGE, step_ref)
        steps = repo.list(RecordKind.STAGE_CHANGE, where={"application_ref": step.application_ref})
        latest = max(steps, key=lambda s: (s.changed_on, s.reference))
        if latest.reference != step_ref:
            raise ValidationError.single(
                "stage",
                tr("A later stage ({stage}) has been recorded since, so this step cannot come back.").format(
                    stage=profile_of(repo.get(RecordKind.TRANSFER_APPLICATION, step.application_ref)).stage_name(
                        latest.stage
                    )
                ),
            )
        repo.add_audit([_audit(register, now, "restore", RecordKind.STAGE_CHANGE, step_ref, "", "", "")])
        after, _ = Records(register).update_in(
            repo, RecordKind.TRANSFER_APPLICATION, step.application_ref, {"stage": step.stage}, now
        )
    return Changed(after, Changes(frozenset({RecordKind.TRANSFER_APPLICATION, RecordKind.STAGE_CHANGE})))


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
