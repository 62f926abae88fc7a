"""The applications service on a real register: the pipeline, the pack checklist, and moving a stage."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from assetreg.db.repositories import RecordRepository
from assetreg.domain import entities as e
from assetreg.domain.enums import ApplicationKind
from assetreg.domain.errors import NotFoundError, ValidationError
from assetreg.domain.records import RecordKind
from assetreg.paths import attachments_dir
from assetreg.services.applications import (
    application_overview,
    move_to_stage,
    pack_checklist,
    pipeline,
)
from assetreg.services.demo import write_demo_register
from assetreg.services.documents import attach
from assetreg.services.records import Records
from assetreg.services.register import Register

DEMO_DAY = date(2025, 9, 15)
FIXED_NOW = datetime(2025, 9, 15, 10, 0, tzinfo=UTC)
CAT, ATR, HALL = "TA-0001", "TA-0002", "TA-0003"  # in the order demo_content.py makes them


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("applications-demo") / "demo.assetreg"
    write_demo_register(path, today=DEMO_DAY)
    return path


@pytest.fixture
def demo(demo_path: Path, tmp_path: Path):
    """A copy of the demo of its own (tests here write), with the clock at the demo's day."""
    copy = tmp_path / "demo.assetreg"
    shutil.copyfile(demo_path, copy)
    shutil.copytree(attachments_dir(demo_path), attachments_dir(copy))
    register = Register.open(copy)
    register.user, register.clock = "tester", lambda: FIXED_NOW
    yield register
    register.close()


def test_the_pipeline_lists_every_application_in_stage_order(demo: Register) -> None:
    rows = pipeline(demo)
    assert [(r.reference, r.asset_name, r.authority_name, r.profile.code, r.stage_name) for r in rows] == [
        (HALL, "Llanfair Village Hall", "Powys County Council", "default", "Expression of interest"),
        (ATR, "Inverbrae Old Schoolhouse", "The Highland Council", "scottish-atr", "Validated"),
        (CAT, "Ashcombe Youth Centre", "Sevenoaks District Council", "sevenoaks", "Full application"),
    ]
    assert [r.application.kind for r in rows] == [
        ApplicationKind.COMMUNITY_ASSET_TRANSFER,
        ApplicationKind.SCOTTISH_ASSET_TRANSFER_REQUEST,
        ApplicationKind.COMMUNITY_ASSET_TRANSFER,
    ]


def test_each_row_says_when_it_entered_its_stage_and_how_long_ago(demo: Register) -> None:
    rows = {r.reference: r for r in pipeline(demo)}
    cat, atr, hall = rows[CAT].progress, rows[ATR].progress, rows[HALL].progress
    assert (cat.entered_on, cat.days_in_stage) == (date(2025, 8, 15), 31)  # "full-application" a month ago
    assert (atr.entered_on, atr.days_in_stage) == (date(2025, 7, 15), 62)  # validated two months ago
    assert (hall.entered_on, hall.days_in_stage) == (None, None)  # no dated step recorded
    assert cat.next_milestone[1].label == "Cabinet"  # Sevenoaks runs rounds: Cabinet on Thu 18 Sep 2025
    assert cat.target_days is None and hall.target_days is None


def test_the_pipeline_counts_from_the_day_given(demo: Register) -> None:
    later = {r.reference: r for r in pipeline(demo, DEMO_DAY + timedelta(days=10))}
    assert later[CAT].progress.days_in_stage == 41
    assert later[CAT].progress.next_milestone[1].label == "Council"  # Cabinet has passed


def test_the_checklist_of_the_demo_cat(demo: Register) -> None:
    checklist = pack_checklist(demo, CAT)
    assert checklist.profile.code == "sevenoaks"
    assert len(checklist.sections) == 12
    present = {s.code: [d.title for d in s.documents] for s in checklist.sections if s.present}
    assert present == {
        "governing-document": ["Society rules (model rules 2019)"],
        "finance": ["Youth centre business plan 2026-2031"],
        "need-and-support": ["Consultation results"],
    }
    assert [s.code for s in checklist.missing] == [
        "organisation-and-status",
        "governance-and-policies",
        "proposal-and-outcomes",
        "management-and-maintenance",
        "capacity",
        "insurance",
        "partnerships",
        "site-plan-and-valuation",
        "declarations",
    ]
    assert checklist.unfiled == ()


def test_the_demo_cat_has_written_answers_with_two_sections_left_to_write(demo: Register) -> None:
    checklist = pack_checklist(demo, CAT)
    assert [s.code for s in checklist.unanswered] == ["site-plan-and-valuation", "declarations"]
    for section in checklist.sections:
        if section.answered:  # a few plain paragraphs each
            assert 40 <= len(section.answer.split()) <= 200, section.code
            assert "\n\n" in section.answer and section.answer == section.answer.strip(), section.code
    finance = checklist.section("finance").answer
    assert "£18,500" in finance and "2026–2031" in finance and "£6,000–£8,000" in finance
    # The other applications have none yet.
    assert pack_checklist(demo, ATR).unanswered == pack_checklist(demo, ATR).sections


def test_the_checklist_of_the_scottish_request_uses_its_own_sections(demo: Register) -> None:
    checklist = pack_checklist(demo, "ta-2")  # typed as a person might
    assert [(s.name, s.present) for s in checklist.sections] == [
        ("Community transfer body", False),
        ("Constitution (required)", True),
        ("Business plan", False),
        ("Reasons for the request and the benefits expected", False),
        ("Evidence of community support", False),
        ("Maps", False),
    ]


def test_documents_filed_under_no_section_of_the_council_are_listed_apart(demo: Register, tmp_path: Path) -> None:
    source = tmp_path / "Public liability certificate.txt"
    source.write_text("Cover: £5m\n", encoding="utf-8")
    attach(demo, source, application_ref=ATR, pack_section="insurance")  # the Scottish profile has no insurance
    loose = tmp_path / "Notes from the site visit.txt"
    loose.write_text("Roof needs work.\n", encoding="utf-8")
    attach(demo, loose, application_ref=ATR)
    checklist = pack_checklist(demo, ATR)
    assert sorted(d.title for d in checklist.unfiled) == ["Notes from the site visit", "Public liability certificate"]
    assert len(checklist.missing) == 5


def test_the_overview_has_the_history_oldest_first(demo: Register) -> None:
    overview = application_overview(demo, CAT)
    assert [(s.stage, s.changed_on) for s in overview.history] == [
        ("idea", date(2024, 12, 15)),
        ("expression-of-interest", date(2025, 3, 15)),
        ("invited", date(2025, 5, 15)),
        ("full-application", date(2025, 8, 15)),
    ]
    assert overview.row.reference == CAT


def test_an_unknown_application_is_not_found(demo: Register) -> None:
    with pytest.raises(NotFoundError, match="TA-0099"):
        application_overview(demo, "TA-99")
    with pytest.raises(NotFoundError):
        move_to_stage(demo, "TA-99", "assessment")


def test_moving_a_stage_updates_the_application_and_adds_a_dated_step(demo: Register) -> None:
    changed = move_to_stage(demo, CAT, "assessment", DEMO_DAY - timedelta(days=1), "  Emailed the pack.  ")
    assert changed.changes.kinds == {RecordKind.TRANSFER_APPLICATION, RecordKind.STAGE_CHANGE}
    step = changed.value
    assert (step.application_ref, step.stage, step.changed_on, step.notes) == (
        CAT,
        "assessment",
        date(2025, 9, 14),
        "Emailed the pack.",
    )
    records = Records(demo)
    assert records.get(CAT).stage == "assessment"
    assert records.get(step.reference) == step
    row = next(r for r in pipeline(demo) if r.reference == CAT)
    assert (row.stage_name, row.progress.entered_on, row.progress.days_in_stage) == ("Assessment", date(2025, 9, 14), 1)


def test_both_writes_are_audited(demo: Register) -> None:
    step = move_to_stage(demo, CAT, "assessment").value
    assert step.changed_on == DEMO_DAY  # today when no date is given
    (update,) = [x for x in Records(demo).history(CAT) if x.action == "update"]
    assert (update.user, update.record_kind, update.field, update.old_value, update.new_value) == (
        "tester",
        "transfer-application",
        "stage",
        "full-application",
        "assessment",
    )
    (create,) = Records(demo).history(step.reference)
    assert (create.action, create.record_kind, create.new_value, create.at) == (
        "create",
        "stage-change",
        "assessment",
        FIXED_NOW,
    )


@pytest.mark.parametrize(
    ("stage", "on", "field", "words"),
    [
        ("full-application", DEMO_DAY, "stage", "already at “Full application”"),
        ("validated", DEMO_DAY, "stage", "is not a stage Sevenoaks District Council (rounds) uses"),
        ("assessment", DEMO_DAY + timedelta(days=1), "changed_on", "Tue 16 Sep 2025 is in the future"),
        ("assessment", date(2025, 8, 14), "changed_on", "before the last recorded step (Fri 15 Aug 2025)"),
    ],
)
def test_a_move_that_cannot_be_right_is_refused_and_nothing_is_written(
    demo: Register, stage: str, on: date, field: str, words: str
) -> None:
    before = len(Records(demo).list(RecordKind.STAGE_CHANGE))
    with pytest.raises(ValidationError) as refused:
        move_to_stage(demo, CAT, stage, on)
    assert words in refused.value.problems[field]
    assert Records(demo).get(CAT).stage == "full-application"
    assert len(Records(demo).list(RecordKind.STAGE_CHANGE)) == before


def test_the_scottish_request_moves_through_its_own_stages(demo: Register) -> None:
    move_to_stage(demo, ATR, "agreed", DEMO_DAY)
    assert Records(demo).get(ATR).stage == "agreed"
    with pytest.raises(ValidationError):
        move_to_stage(demo, ATR, "heads-of-terms", DEMO_DAY)


def test_stage_and_step_are_written_together_or_not_at_all(demo: Register, monkeypatch) -> None:
    def broken(self, entity, reference, now):
        raise OSError("the disk is full")

    monkeypatch.setattr(RecordRepository, "add", broken)  # the step fails after the stage was written
    with pytest.raises(OSError):
        move_to_stage(demo, CAT, "assessment")
    monkeypatch.undo()
    assert Records(demo).get(CAT).stage == "full-application"
    assert not [x for x in Records(demo).history(CAT) if x.action == "update"]


def test_an_empty_register_has_an_empty_pipeline(register: Register) -> None:
    assert pipeline(register) == []


def test_a_hand_made_application_with_an_unknown_profile_uses_the_default(register: Register) -> None:
    records = Records(register)
    council = records.create(e.Authority(name="Somewhere Council")).value.reference
    asset = records.create(e.Asset(name="The Old Library", authority_ref=council)).value.reference
    application = records.create(
        e.TransferApplication(asset_ref=asset, authority_ref=council, council_profile="not-a-council")
    ).value
    move_to_stage(register, application.reference, "expression-of-interest", date(2025, 9, 1))
    (row,) = pipeline(register)
    assert row.profile.code == "default"
    assert (row.stage_name, row.progress.days_in_stage) == ("Expression of interest", 14)
    assert len(pack_checklist(register, application.reference).missing) == 12
