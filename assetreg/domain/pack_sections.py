"""What a transfer application pack contains (RULES.md §6): one superset of sections with stable codes.

Councils ask for a subset of the same sections; a council profile (``council_profiles.py``) switches them on and
renames them. The codes are stored on documents (``Document.pack_section``), so they never change.
"""

from __future__ import annotations

from dataclasses import dataclass

from .i18n import tr


@dataclass(frozen=True)
class PackSection:
    """One section of a transfer application pack (RULES.md §6), under its default name."""

    code: str
    name: str
    description: str
    # Whether the section asks for papers (accounts, a plan, certificates) or only for the group's written answer;
    # a section that asks for none is "not needed" on the checklist when nothing is filed under it, never "missing".
    asks_for_papers: bool = True


# The superset, in the order a pack is put together (NOTES.md §6.3, "Generator design").
PACK_SECTIONS: tuple[PackSection, ...] = (
    PackSection(
        "organisation-and-status",
        tr("Organisation and legal status"),
        tr("Who the group is: its legal form, registered numbers, aims and what it has done."),
        asks_for_papers=False,
    ),
    PackSection(
        "governing-document",
        tr("Governing document"),
        tr("The constitution, articles or rules, showing the group may hold a lease or own land."),
    ),
    PackSection(
        "governance-and-policies",
        tr("Governance and policies"),
        tr("Trustees or directors, conflicts of interest, equal opportunities, safeguarding and reserves."),
    ),
    PackSection(
        "finance",
        tr("Finance"),
        tr("Accounts and financial standing; a business plan with 3–5 year projections and cash flow."),
    ),
    PackSection(
        "proposal-and-outcomes",
        tr("Proposed use and outcomes"),
        tr("What the group will do with the asset, the services it will run and what will change."),
        asks_for_papers=False,
    ),
    PackSection(
        "need-and-support",
        tr("Evidence of need and support"),
        tr("Consultation results, letters and surveys showing the community needs and backs the plan."),
    ),
    PackSection(
        "management-and-maintenance",
        tr("Management, maintenance and compliance"),
        tr("Who looks after the building, how repairs are paid for, and health and safety compliance."),
        asks_for_papers=False,
    ),
    PackSection(
        "capacity",
        tr("Skills, capacity and volunteers"),
        tr("The committee, staff and volunteers, and the skills they bring."),
        asks_for_papers=False,
    ),
    PackSection(
        "insurance",
        tr("Insurance"),
        tr("Public liability, employer's liability and professional indemnity cover, with levels."),
    ),
    PackSection(
        "partnerships", tr("Partnerships"), tr("Other organisations the group will work with."), asks_for_papers=False
    ),
    PackSection(
        "site-plan-and-valuation",
        tr("Site plan and valuation"),
        tr("A plan of the land and buildings, and any valuation."),
    ),
    PackSection(
        "declarations",
        tr("Declarations and signatures"),
        tr("The signed declarations the form asks for."),
        asks_for_papers=False,
    ),
)
SECTION_CODES: tuple[str, ...] = tuple(s.code for s in PACK_SECTIONS)
_SECTIONS = {s.code: s for s in PACK_SECTIONS}


def pack_section(code: str) -> PackSection | None:
    """The section of the superset with this code, if there is one."""
    return _SECTIONS.get(code)
