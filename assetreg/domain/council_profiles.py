"""How each council runs its transfers, as data: its stages and target days, and the pack sections it asks for.

Community asset transfer is council policy, not law (RULES.md §5, §6): each council picks its own stages, names
them its own way, gives some a target length, and runs them either as they come (rolling) or in fixed rounds.
Every council asks for a subset of the same pack sections, so the sections are one superset with stable codes
and a profile switches them on and renames them. Only what the research notes record (NOTES.md §6) is written
here as the council's own; where a council's stages or sections were not found, the profile says so and uses
the default. Stage codes are always those of ``CAT_STAGES`` or ``ATR_STAGES``, so a record never holds a stage
its kind does not know.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .enums import ATR_STAGES, CAT_STAGES, ApplicationKind
from .i18n import tr
from .pack_sections import PACK_SECTIONS, SECTION_CODES, PackSection
from .pack_sections import pack_section as pack_section  # the superset is read through profiles too


class Process(StrEnum):
    """Whether a council takes applications at any time or in fixed rounds with published dates."""

    ROLLING = "rolling"
    ROUNDS = "rounds"


def _stage_names() -> dict[str, str]:
    return {
        "idea": tr("Idea"),
        "expression-of-interest": tr("Expression of interest"),
        "invited": tr("Invited to apply"),
        "full-application": tr("Full application"),
        "assessment": tr("Assessment"),
        "approved-in-principle": tr("Approved in principle"),
        "refused": tr("Refused"),
        "heads-of-terms": tr("Heads of terms"),
        "legal": tr("Legal work"),
        "completed": tr("Completed"),
        "monitoring": tr("Monitoring"),
        "draft": tr("Draft"),
        "submitted": tr("Submitted"),
        "validated": tr("Validated"),
        "agreed": tr("Agreed"),
        "deemed-refused": tr("Deemed refused"),
        "review": tr("Review"),
        "appeal": tr("Appeal"),
        "offer": tr("Offer"),
        "concluded": tr("Concluded"),
        "lapsed": tr("Lapsed"),
    }


def stage_label(code: str) -> str:
    """The usual name of a stage code ("full-application" → "Full application")."""
    return _stage_names().get(code) or code.replace("-", " ").capitalize()


# Stages where an application rests: there is nothing to wait for, so no target applies.
ENDED_STAGES = frozenset({"refused", "completed", "monitoring", "agreed", "deemed-refused", "concluded", "lapsed"})


@dataclass(frozen=True)
class StagePlan:
    """A stage as one council runs it: its own name, and how many days it usually takes (if it says)."""

    code: str
    name: str = ""  # the council's own name; the usual name when empty
    target_days: int | None = None
    note: str = ""  # where the target comes from, or why there is none
    target_text: str = ""  # a target that is not a number of days, in a few words

    @property
    def label(self) -> str:
        return self.name or stage_label(self.code)


@dataclass(frozen=True)
class Milestone:
    """A published date in a round, and the stage it closes or decides (if any)."""

    label: str
    on: date
    stage: str = ""


@dataclass(frozen=True)
class Round:
    """One application round of a round-based council."""

    name: str
    milestones: tuple[Milestone, ...]


@dataclass(frozen=True)
class SectionChoice:
    """A pack section a council asks for, under its own name when it gives one."""

    code: str
    name: str = ""


@dataclass(frozen=True)
class CouncilProfile:
    """How one council (or the statute, in Scotland) runs transfer applications."""

    code: str
    name: str
    kind: ApplicationKind
    stages: tuple[StagePlan, ...]
    sections: tuple[SectionChoice, ...]
    process: Process = Process.ROLLING
    rounds: tuple[Round, ...] = ()
    source: str = ""
    stages_from_source: bool = True  # False: the council's stages were not found, so the usual ones stand in
    sections_from_source: bool = True  # False: likewise for the pack sections
    notes: str = ""

    @property
    def stage_codes(self) -> tuple[str, ...]:
        return tuple(s.code for s in self.stages)

    def stage(self, code: str) -> StagePlan | None:
        """The council's plan for a stage, or None when it does not use that stage."""
        return next((s for s in self.stages if s.code == code), None)

    def stage_name(self, code: str) -> str:
        """The council's name for a stage (the usual name for a stage it does not list)."""
        plan = self.stage(code)
        return plan.label if plan is not None else stage_label(code)

    def stage_position(self, code: str) -> int:
        """Where a stage comes in the council's order (after all of them for a stage it does not list)."""
        codes = self.stage_codes
        return codes.index(code) if code in codes else len(codes)

    def pack_sections(self) -> tuple[PackSection, ...]:
        """The sections this council asks for, in the superset's order, each under the council's name for it."""
        chosen = {c.code: c.name for c in self.sections}
        return tuple(
            PackSection(s.code, chosen[s.code] or s.name, s.description, s.asks_for_papers)
            for s in PACK_SECTIONS
            if s.code in chosen
        )

    def milestones(self) -> tuple[tuple[Round, Milestone], ...]:
        """Every published round date, earliest first."""
        return tuple(sorted(((r, m) for r in self.rounds for m in r.milestones), key=lambda x: x[1].on))

    def next_milestone(self, today: date) -> tuple[Round, Milestone] | None:
        """The first published round date on or after ``today`` (None when none is published)."""
        return next(((r, m) for r, m in self.milestones() if m.on >= today), None)


def _all_sections() -> tuple[SectionChoice, ...]:
    return tuple(SectionChoice(code) for code in SECTION_CODES)


def _sections(*codes: str, **names: str) -> tuple[SectionChoice, ...]:
    """Sections switched on, renamed by keyword (``finance="Business plan"``); a slip in a code fails at import."""
    unknown = (set(codes) | {n.replace("_", "-") for n in names}) - set(SECTION_CODES)
    if unknown or not {n.replace("_", "-") for n in names} <= set(codes):
        raise ValueError(f"pack sections not in the superset or not switched on: {sorted(unknown or names)}")
    return tuple(SectionChoice(code, names.get(code.replace("-", "_"), "")) for code in codes)


def _cat_stages(**plans: StagePlan) -> tuple[StagePlan, ...]:
    """The usual CAT stages in order, with the council's own plan for those it names."""
    if {n.replace("_", "-") for n in plans} - set(CAT_STAGES):
        raise ValueError(f"not CAT stages: {sorted(plans)}")
    return tuple(plans.get(code.replace("-", "_")) or StagePlan(code) for code in CAT_STAGES)


DEFAULT_PROFILE = CouncilProfile(
    code="default",
    name=tr("Usual stages, every section"),
    kind=ApplicationKind.COMMUNITY_ASSET_TRANSFER,
    stages=_cat_stages(),
    sections=_all_sections(),
    notes=tr("For a council whose own process is not recorded: the usual stages and every pack section."),
)

SCOTTISH_ATR_PROFILE = CouncilProfile(
    code="scottish-atr",
    name=tr("Scottish asset transfer request"),
    kind=ApplicationKind.SCOTTISH_ASSET_TRANSFER_REQUEST,
    stages=tuple(
        StagePlan(code)
        if code != "validated"
        else StagePlan(
            code,
            target_text=tr("Decision due in 6 months"),
            note=tr(
                "The decision is due within 6 months after the validation date (SCOT-ATR-DECIDE); the exact "
                "date is among the deadlines."
            ),
        )
        for code in ATR_STAGES
    ),
    sections=_sections(
        "organisation-and-status",
        "governing-document",
        "finance",
        "proposal-and-outcomes",
        "need-and-support",
        "site-plan-and-valuation",
        organisation_and_status=tr("Community transfer body"),
        # s.79(4)(b), SSI 2016/357 reg 3: a request sets out its reasons and the benefits it expects.
        proposal_and_outcomes=tr("Reasons for the request and the benefits expected"),
        governing_document=tr("Constitution (required)"),
        finance=tr("Business plan"),
        need_and_support=tr("Evidence of community support"),
        site_plan_and_valuation=tr("Maps"),
    ),
    source="https://dtascommunityownership.org.uk/community/community-asset-transfer/writing-your-asset-transfer-request/what-you-will-need",
    notes=tr(
        "Community Empowerment (Scotland) Act 2015 Part 5. Outline information under each heading is enough for "
        "a valid request; the sections are the usual extras."
    ),
)

SEVENOAKS = CouncilProfile(
    code="sevenoaks",
    name=tr("Sevenoaks District Council (rounds)"),
    kind=ApplicationKind.COMMUNITY_ASSET_TRANSFER,
    stages=_cat_stages(),
    sections=_all_sections(),
    process=Process.ROUNDS,
    rounds=(
        Round(
            tr("2025/26 Round 1"),
            (
                Milestone(tr("Expressions of interest open"), date(2025, 5, 6), "expression-of-interest"),
                Milestone(tr("Application deadline"), date(2025, 6, 30), "full-application"),
                Milestone(tr("Committee"), date(2025, 9, 2), "assessment"),
                Milestone(tr("Cabinet"), date(2025, 9, 18), "approved-in-principle"),
                Milestone(tr("Council"), date(2025, 11, 19), "approved-in-principle"),
            ),
        ),
    ),
    source="https://www.sevenoaks.gov.uk/info/20003/your_council/841/property_disposals_and_community_asset_transfers",
    stages_from_source=False,
    sections_from_source=False,
    notes=tr("Fixed application rounds; only the round dates are recorded, so the usual stages and sections stand."),
)

KIRKLEES = CouncilProfile(
    code="kirklees",
    name=tr("Kirklees Council"),
    kind=ApplicationKind.COMMUNITY_ASSET_TRANSFER,
    stages=_cat_stages(
        expression_of_interest=StagePlan("expression-of-interest", tr("Expression of interest and outline case")),
        invited=StagePlan("invited", tr("Suitability check and invitation")),
        full_application=StagePlan("full-application", tr("Application and full business case")),
        assessment=StagePlan("assessment", tr("Three-part assessment")),
        approved_in_principle=StagePlan("approved-in-principle", tr("Council decision")),
    ),
    sections=_sections(
        "organisation-and-status",
        "governing-document",
        "governance-and-policies",
        "finance",
        "proposal-and-outcomes",
        "need-and-support",
        "management-and-maintenance",
        "capacity",
        "declarations",
        finance=tr("Accounts and full business case"),
    ),
    source="https://www.kirklees.gov.uk/beta/community-assets/community-asset-transfers.aspx",
)

DORSET = CouncilProfile(
    code="dorset",
    name=tr("Dorset Council"),
    kind=ApplicationKind.COMMUNITY_ASSET_TRANSFER,
    stages=_cat_stages(
        expression_of_interest=StagePlan("expression-of-interest", tr("Stage 1: expression of interest")),
        invited=StagePlan("invited", tr("Passed to Stage 2")),
        full_application=StagePlan("full-application", tr("Stage 2: business case")),
        assessment=StagePlan(
            "assessment",
            tr("Evaluation"),
            target_days=84,
            note=tr(
                "About 12 weeks for an asset worth £15,000 or less; at least 6 months above that, with the "
                "Asset Transfer Board meeting quarterly."
            ),
        ),
        heads_of_terms=StagePlan("heads-of-terms", tr("Standard heads of terms")),
    ),
    sections=_sections(
        "organisation-and-status",
        "governing-document",
        "governance-and-policies",
        "finance",
        "proposal-and-outcomes",
        "need-and-support",
        "management-and-maintenance",
        "capacity",
        "site-plan-and-valuation",
        "declarations",
        finance=tr("Financial standing and business case"),
        proposal_and_outcomes=tr("Community benefit"),
        need_and_support=tr("Local control and community involvement"),
        management_and_maintenance=tr("Ability to maintain and manage"),
        capacity=tr("Commitment"),
        site_plan_and_valuation=tr("Site plan"),
    ),
    source="https://www.dorsetcouncil.gov.uk/w/transfer-community-assets",
    notes=tr(
        "The asset is transferred as it is, with no ongoing revenue support; the applicant pays its own legal fees."
    ),
)

NORWICH = CouncilProfile(
    code="norwich",
    name=tr("Norwich City Council"),
    kind=ApplicationKind.COMMUNITY_ASSET_TRANSFER,
    stages=_cat_stages(
        expression_of_interest=StagePlan(
            "expression-of-interest", tr("Advertised; expression of interest"), 28, tr("About 4 weeks.")
        ),
        invited=StagePlan("invited", tr("Officer review and shortlist"), 21, tr("About 3 weeks.")),
        full_application=StagePlan("full-application", tr("Business case"), 28, tr("About 4 weeks.")),
        assessment=StagePlan("assessment", tr("Business case assessment"), 28, tr("About 4 weeks.")),
        heads_of_terms=StagePlan(
            "heads-of-terms", tr("Professional advice and council report"), 56, tr("About 8 weeks.")
        ),
        legal=StagePlan("legal", tr("Lease agreed"), 42, tr("About 6 weeks.")),
        monitoring=StagePlan("monitoring", tr("Annual and 5-yearly reviews")),
    ),
    sections=_sections(
        "organisation-and-status",
        "finance",
        "proposal-and-outcomes",
        "need-and-support",
        "partnerships",
        "declarations",
        finance=tr("Financial plans and business case"),
        partnerships=tr("Partnerships (optional)"),
    ),
    source="https://www.norwich.gov.uk/communities-and-neighbourhoods/discover-norwichs-community-spaces/community-asset-transfer-supporting-local-groups-and-residents/community-asset-transfer-step-step-timeline",
)

GATESHEAD = CouncilProfile(
    code="gateshead",
    name=tr("Gateshead Council (2025 policy)"),
    kind=ApplicationKind.COMMUNITY_ASSET_TRANSFER,
    stages=_cat_stages(
        invited=StagePlan("invited", tr("Working group applies the EOI criteria")),
        assessment=StagePlan("assessment", tr("Working group recommendation")),
        heads_of_terms=StagePlan("heads-of-terms", tr("Lease and partnership agreement")),
        monitoring=StagePlan("monitoring", tr("Partnership agreement monitoring")),
    ),
    sections=_sections(
        "organisation-and-status",
        "governing-document",
        "governance-and-policies",
        "finance",
        "proposal-and-outcomes",
        "need-and-support",
        "management-and-maintenance",
        "capacity",
        "partnerships",
        "declarations",
        governing_document=tr("Constitution allowing a lease"),
        finance=tr("Accounts and viable business plan"),
    ),
    source="https://www.gateshead.gov.uk/article/33893/How-CAT-works",
    notes=tr("Usually a 35-year lease with a partnership agreement."),
)

NORTHUMBERLAND = CouncilProfile(
    code="northumberland",
    name=tr("Northumberland County Council"),
    kind=ApplicationKind.COMMUNITY_ASSET_TRANSFER,
    stages=_cat_stages(),
    sections=_sections(
        "organisation-and-status",
        "governing-document",
        "governance-and-policies",
        "finance",
        "capacity",
        "insurance",
        "site-plan-and-valuation",
        "declarations",
        governance_and_policies=tr("Governance and equal opportunities policy"),
        finance=tr("Turnover for 2 years and audited accounts"),
        capacity=tr("Committee, staff and volunteer numbers"),
        insurance=tr("Insurance, with cover levels"),
        site_plan_and_valuation=tr("Property details"),
    ),
    source="https://docest.com/doc/348675/once-completed-please-return-the-application-form-to",
    stages_from_source=False,
    notes=tr("From the council's application form; its stages are not recorded, so the usual ones stand."),
)

PROFILES: tuple[CouncilProfile, ...] = (
    DEFAULT_PROFILE,
    SCOTTISH_ATR_PROFILE,
    SEVENOAKS,
    KIRKLEES,
    DORSET,
    NORWICH,
    GATESHEAD,
    NORTHUMBERLAND,
)
_BY_CODE = {p.code: p for p in PROFILES}
_DEFAULTS = {
    ApplicationKind.COMMUNITY_ASSET_TRANSFER: DEFAULT_PROFILE,
    ApplicationKind.SCOTTISH_ASSET_TRANSFER_REQUEST: SCOTTISH_ATR_PROFILE,
}


def profile(code: str, kind: ApplicationKind = ApplicationKind.COMMUNITY_ASSET_TRANSFER) -> CouncilProfile:
    """The profile with this code; for an unknown code (or one made for the other kind), the default for ``kind``."""
    found = _BY_CODE.get(code.strip().lower())
    return found if found is not None and found.kind is kind else _DEFAULTS[kind]


@dataclass(frozen=True)
class StageProgress:
    """How long an application has been in its stage, against what its council expects."""

    entered_on: date | None  # None when no dated step for the stage is recorded
    days_in_stage: int | None
    target_days: int | None
    next_milestone: tuple[Round, Milestone] | None  # round-based councils: their next published date
    ended: bool  # an end state: no target applies

    @property
    def over_by(self) -> int | None:
        """Days past the target (None when within it, or when there is no target to be past)."""
        if self.days_in_stage is None or self.target_days is None or self.days_in_stage <= self.target_days:
            return None
        return self.days_in_stage - self.target_days

    @property
    def days_left(self) -> int | None:
        """Days still within the target (None without a target or once past it)."""
        if self.days_in_stage is None or self.target_days is None or self.over_by is not None:
            return None
        return self.target_days - self.days_in_stage


def stage_entered_on(stage: str, history: Iterable[tuple[str, date]]) -> date | None:
    """When the application last entered ``stage``, from its (stage, date) steps; None if no step records it."""
    dates = [on for code, on in history if code == stage]
    return max(dates) if dates else None


def stage_progress(council: CouncilProfile, stage: str, entered_on: date | None, today: date) -> StageProgress:
    """Days in the stage and the council's target for it; for a round-based council, its next round date."""
    ended = stage in ENDED_STAGES
    plan = council.stage(stage)
    days = (today - entered_on).days if entered_on is not None else None
    return StageProgress(
        entered_on=entered_on,
        days_in_stage=days,
        target_days=None if ended or plan is None else plan.target_days,
        next_milestone=None if ended or council.process is not Process.ROUNDS else council.next_milestone(today),
        ended=ended,
    )
