"""What a record must agree with in the register before it is saved (``Records`` calls these in its transaction).

Validation has already checked the record on its own. Here it is checked against the others: every reference
points at a live record of the right kind, a listing agrees with its nomination, an application has one answer
per pack section, a stage belongs to its application's kind, and a deadline has one mark (``mark_checks``).
Each refusal is a ``ValidationError`` naming the field that is wrong and what to do.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, TypeVar

from ..db.repositories import RecordRepository, referenced_kinds
from ..domain import entities as e
from ..domain.errors import ValidationError
from ..domain.i18n import tr
from ..domain.pack_sections import pack_section
from ..domain.records import RecordKind
from ..domain.validation import check_list_entry_against_nomination
from .mark_checks import checked_mark

T = TypeVar("T")


def checked(repo: RecordRepository, entity: T, today: date, reference: str = "") -> T:
    """The entity once its links and the rules across records hold, with what they fill in (a mark's asset).

    ``reference`` is the record's own when it is being changed rather than made.
    """
    problems = {
        field_name: _no_such(target, value)
        for field_name, target in referenced_kinds(RecordKind.of(entity)).items()
        if (value := getattr(entity, field_name)) and not repo.exists(target, value)
    }
    if problems:
        raise ValidationError(problems)
    if isinstance(entity, e.ListEntry) and entity.nomination_ref:
        check_list_entry_against_nomination(entity, repo.get(RecordKind.NOMINATION, entity.nomination_ref))
    if isinstance(entity, e.PackAnswer):
        _check_one_answer_per_section(repo, entity, reference)
    if isinstance(entity, e.StageChange):
        application = repo.get(RecordKind.TRANSFER_APPLICATION, entity.application_ref)
        if entity.stage not in application.kind.stages:
            raise ValidationError.single(
                "stage",
                tr("“{stage}” is not a stage of {reference}; choose one of: {stages}.").format(
                    stage=entity.stage, reference=entity.application_ref, stages=", ".join(application.kind.stages)
                ),
            )
    if isinstance(entity, e.DeadlineMark):
        return checked_mark(repo, entity, today, reference, new=not reference)
    return entity


def checked_many(repo: RecordRepository, entities: Sequence[Any], today: date) -> list[Any]:
    """Many new records of one kind, checked as ``checked`` checks one, their links read in bulk."""
    kind = RecordKind.of(entities[0])
    for field_name, target in referenced_kinds(kind).items():
        wanted = {getattr(x, field_name) for x in entities} - {""}
        missing = sorted(wanted - repo.live_references(target, wanted))
        if missing:
            raise ValidationError.single(field_name, _no_such(target, missing[0]))
    if kind is RecordKind.PACK_ANSWER:
        _check_answers_in_bulk(repo, entities)
    if kind is RecordKind.DEADLINE_MARK:
        return _check_marks_in_bulk(repo, entities, today)
    return list(entities)


def _no_such(kind: RecordKind, reference: str) -> str:
    return tr("There is no {kind} {reference} in this register; check the reference.").format(
        kind=kind.label, reference=reference
    )


def _check_one_answer_per_section(repo: RecordRepository, answer: e.PackAnswer, reference: str) -> None:
    """An application has one answer per pack section; a deleted one keeps its place until it is restored."""
    where = {"application_ref": answer.application_ref, "section": answer.section}
    section = pack_section(answer.section)
    values = {"application": answer.application_ref, "section": section.name if section else answer.section}

    def others(deleted: bool) -> list[str]:
        return [r for (r,) in repo.rows(RecordKind.PACK_ANSWER, ("reference",), where, deleted) if r != reference]

    if live := others(deleted=False):
        raise ValidationError.single(
            "section",
            tr("{application} already has an answer for “{section}” ({reference}); change that one instead.").format(
                reference=live[0], **values
            ),
        )
    if trashed := others(deleted=True):
        raise ValidationError.single(
            "section",
            tr(
                "{application}'s answer for “{section}” ({reference}) is in the trash; restore it and change it "
                "instead."
            ).format(reference=trashed[0], **values),
        )


def _check_answers_in_bulk(repo: RecordRepository, answers: Sequence[e.PackAnswer]) -> None:
    """Many new answers: none to a section already answered, and no two to the same section."""
    seen: set[tuple[str, str]] = set()
    for answer in answers:
        _check_one_answer_per_section(repo, answer, "")
        slot = (answer.application_ref, answer.section)
        if slot in seen:
            section = pack_section(answer.section)
            raise ValidationError.single(
                "section",
                tr(
                    "Two answers are for “{section}” of {application}; an application has one answer per section."
                ).format(section=section.name if section else answer.section, application=answer.application_ref),
            )
        seen.add(slot)


def _check_marks_in_bulk(repo: RecordRepository, marks: Sequence[e.DeadlineMark], today: date) -> list[e.DeadlineMark]:
    """Many new marks: each checked as one would be, and no two for the same deadline."""
    result, seen = [], set()
    for mark in marks:
        if mark.uid in seen:
            raise ValidationError.single(
                "uid", tr("Two marks are for {uid}; a deadline has one mark.").format(uid=mark.uid)
            )
        seen.add(mark.uid)
        result.append(checked_mark(repo, mark, today, new=True))
    return result
