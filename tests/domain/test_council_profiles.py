"""Council profiles as data: the pack-section superset, the default, and what NOTES.md §6 records per council."""

from __future__ import annotations

from datetime import date

import pytest

from assetreg.domain import council_profiles as cp
from assetreg.domain.council_profiles import (
    DEFAULT_PROFILE,
    PACK_SECTIONS,
    PROFILES,
    SCOTTISH_ATR_PROFILE,
    Process,
    profile,
    stage_entered_on,
    stage_label,
    stage_progress,
)
from assetreg.domain.enums import ATR_STAGES, CAT_STAGES, ApplicationKind

CAT, ATR = ApplicationKind.COMMUNITY_ASSET_TRANSFER, ApplicationKind.SCOTTISH_ASSET_TRANSFER_REQUEST
SUPERSET = (
    "organisation-and-status",
    "governing-document",
    "governance-and-policies",
    "finance",
    "proposal-and-outcomes",
    "need-and-support",
    "management-and-maintenance",
    "capacity",
    "insurance",
    "partnerships",
    "site-plan-and-valuation",
    "declarations",
)


def codes(council: cp.CouncilProfile) -> tuple[str, ...]:
    return tuple(s.code for s in council.pack_sections())


def test_the_superset_has_the_twelve_sections_of_rules_6_in_order() -> None:
    assert tuple(s.code for s in PACK_SECTIONS) == SUPERSET == cp.SECTION_CODES
    assert all(s.name and s.description for s in PACK_SECTIONS)
    assert cp.pack_section("finance").name == "Finance"
    assert cp.pack_section("no-such-section") is None


def test_the_default_profile_has_every_section_and_the_cat_stages_without_targets() -> None:
    assert codes(DEFAULT_PROFILE) == SUPERSET
    assert DEFAULT_PROFILE.stage_codes == CAT_STAGES
    assert DEFAULT_PROFILE.process is Process.ROLLING
    assert all(s.target_days is None for s in DEFAULT_PROFILE.stages)
    assert [s.label for s in DEFAULT_PROFILE.stages][:4] == [
        "Idea",
        "Expression of interest",
        "Invited to apply",
        "Full application",
    ]


@pytest.mark.parametrize("code", ["", "no-such-council", "SEVENOAKS-2019"])
def test_an_unknown_code_gives_the_default(code: str) -> None:
    assert profile(code) is DEFAULT_PROFILE
    assert profile(code, ATR) is SCOTTISH_ATR_PROFILE


def test_codes_are_matched_as_typed_and_never_across_kinds() -> None:
    assert profile("Sevenoaks ").code == "sevenoaks"
    assert profile("sevenoaks", ATR) is SCOTTISH_ATR_PROFILE  # a council's CAT policy is no Scottish request
    assert profile("scottish-atr") is DEFAULT_PROFILE


@pytest.mark.parametrize("council", PROFILES, ids=lambda p: p.code)
def test_every_profile_is_consistent(council: cp.CouncilProfile) -> None:
    kind_stages = CAT_STAGES if council.kind is CAT else ATR_STAGES
    assert set(council.stage_codes) <= set(kind_stages)
    assert list(council.stage_codes) == sorted(council.stage_codes, key=kind_stages.index)  # the kind's order
    chosen = [c.code for c in council.sections]
    assert len(chosen) == len(set(chosen)) and set(chosen) <= set(SUPERSET)
    assert codes(council) == tuple(c for c in SUPERSET if c in chosen)  # always the superset's order
    assert all(s.target_days is None or s.target_days > 0 for s in council.stages)
    assert council.name and (council.source or council.code == "default")
    assert profile(council.code, council.kind) is council
    assert (council.process is Process.ROUNDS) == bool(council.rounds)


def test_sevenoaks_runs_fixed_rounds_with_the_published_dates() -> None:
    sevenoaks = profile("sevenoaks")
    assert sevenoaks.process is Process.ROUNDS
    assert [(m.label, m.on) for _, m in sevenoaks.milestones()] == [
        ("Expressions of interest open", date(2025, 5, 6)),
        ("Application deadline", date(2025, 6, 30)),
        ("Committee", date(2025, 9, 2)),
        ("Cabinet", date(2025, 9, 18)),
        ("Council", date(2025, 11, 19)),
    ]
    # Only the round is recorded: the usual stages and every section stand in, and the profile says so.
    assert not sevenoaks.stages_from_source and not sevenoaks.sections_from_source
    assert codes(sevenoaks) == SUPERSET
    assert sevenoaks.next_milestone(date(2025, 9, 15))[1].label == "Cabinet"
    assert sevenoaks.next_milestone(date(2025, 9, 18))[1].label == "Cabinet"  # on the day itself
    assert sevenoaks.next_milestone(date(2025, 11, 20)) is None


def test_sections_follow_the_comparison_table() -> None:
    # NOTES.md §6.3: insurance only on Northumberland's form; partnerships at Norwich and Gateshead;
    # a site plan at Dorset and Northumberland.
    with_section = {code: {p.code for p in PROFILES if p.kind is CAT and code in codes(p)} for code in SUPERSET}
    named = {"kirklees", "dorset", "norwich", "gateshead", "northumberland"}
    assert with_section["insurance"] & named == {"northumberland"}
    assert with_section["partnerships"] & named == {"norwich", "gateshead"}
    assert with_section["site-plan-and-valuation"] & named == {"dorset", "northumberland"}
    assert with_section["governing-document"] & named == named - {"norwich"}
    assert "need-and-support" not in codes(profile("northumberland"))


def test_councils_rename_sections_in_their_own_words() -> None:
    dorset = {s.code: s.name for s in profile("dorset").pack_sections()}
    assert dorset["proposal-and-outcomes"] == "Community benefit"
    assert dorset["capacity"] == "Commitment"
    assert dorset["organisation-and-status"] == "Organisation and legal status"  # not renamed: the usual name
    assert {s.code: s.name for s in profile("northumberland").pack_sections()}["site-plan-and-valuation"] == (
        "Property details"
    )
    scottish = {s.code: s.name for s in SCOTTISH_ATR_PROFILE.pack_sections()}
    assert scottish["governing-document"] == "Constitution (required)"


def test_stage_names_and_targets_where_the_notes_give_them() -> None:
    norwich = profile("norwich")
    assert [(s.code, s.target_days) for s in norwich.stages if s.target_days] == [
        ("expression-of-interest", 28),
        ("invited", 21),
        ("full-application", 28),
        ("assessment", 28),
        ("heads-of-terms", 56),
        ("legal", 42),
    ]
    dorset = profile("dorset")
    assert dorset.stage("assessment").target_days == 84  # about 12 weeks for a low-value asset
    assert dorset.stage_name("full-application") == "Stage 2: business case"
    assert profile("kirklees").stage_name("approved-in-principle") == "Council decision"
    assert profile("kirklees").stage_name("legal") == "Legal work"  # not renamed
    assert SCOTTISH_ATR_PROFILE.stage("validated").target_text == "Decision due in 6 months"


def test_stage_labels_and_positions() -> None:
    assert stage_label("deemed-refused") == "Deemed refused"
    assert stage_label("some-new-stage") == "Some new stage"
    assert DEFAULT_PROFILE.stage_position("idea") == 0
    assert DEFAULT_PROFILE.stage_position("monitoring") == len(CAT_STAGES) - 1
    assert DEFAULT_PROFILE.stage_position("validated") == len(CAT_STAGES)  # not one of its stages: last
    assert DEFAULT_PROFILE.stage("validated") is None


def test_a_slip_in_the_section_data_fails_at_once() -> None:
    with pytest.raises(ValueError):
        cp._sections("finance", "insurence")
    with pytest.raises(ValueError):
        cp._sections("finance", insurance="Cover")  # renamed but not switched on
    with pytest.raises(ValueError):
        cp._cat_stages(validated=cp.StagePlan("validated"))


def test_the_date_a_stage_was_entered_is_the_latest_step_into_it() -> None:
    steps = [("idea", date(2025, 1, 1)), ("assessment", date(2025, 3, 1)), ("refused", date(2025, 4, 1))]
    steps.append(("assessment", date(2025, 5, 2)))  # back into assessment after a review
    assert stage_entered_on("assessment", steps) == date(2025, 5, 2)
    assert stage_entered_on("idea", steps) == date(2025, 1, 1)
    assert stage_entered_on("legal", steps) is None
    assert stage_entered_on("idea", []) is None


def test_progress_against_a_target() -> None:
    norwich, today = profile("norwich"), date(2025, 9, 15)
    within = stage_progress(norwich, "invited", date(2025, 9, 1), today)
    assert (within.days_in_stage, within.target_days, within.days_left, within.over_by) == (14, 21, 7, None)
    on_the_day = stage_progress(norwich, "invited", date(2025, 8, 25), today)
    assert (on_the_day.days_left, on_the_day.over_by) == (0, None)
    over = stage_progress(norwich, "invited", date(2025, 8, 1), today)
    assert (over.days_in_stage, over.over_by, over.days_left) == (45, 24, None)
    unknown = stage_progress(norwich, "invited", None, today)
    assert (unknown.days_in_stage, unknown.target_days, unknown.over_by, unknown.days_left) == (None, 21, None, None)


def test_no_target_in_an_end_state_or_where_none_is_set() -> None:
    today = date(2025, 9, 15)
    ended = stage_progress(profile("norwich"), "completed", date(2025, 1, 1), today)
    assert ended.ended and ended.target_days is None and ended.over_by is None and ended.days_in_stage == 257
    plain = stage_progress(DEFAULT_PROFILE, "assessment", date(2025, 1, 1), today)
    assert not plain.ended and plain.target_days is None and plain.next_milestone is None


def test_a_round_based_council_gives_its_next_round_date() -> None:
    progress = stage_progress(profile("sevenoaks"), "full-application", date(2025, 8, 15), date(2025, 9, 15))
    assert progress.days_in_stage == 31 and progress.target_days is None
    round_, milestone = progress.next_milestone
    assert (round_.name, milestone.label, milestone.on) == ("2025/26 Round 1", "Cabinet", date(2025, 9, 18))
    assert stage_progress(profile("sevenoaks"), "refused", None, date(2025, 9, 15)).next_milestone is None
