"""The papers sent with a nomination, and how each is found among an asset's documents.

A document is an enclosure of a kind when its title names it ("Title plan BM123456", "Minute of 3 March") or,
failing that, when it is filed under the pack section that holds such papers (``pack_sections.py``): a plan under
"site-plan-and-valuation", rules or a constitution under "governing-document". Each document is one kind only, the
first that matches in the order below, so a title plan is never also counted as the plan of the boundaries.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import entities as e
from .enums import LegalForm
from .i18n import tr


@dataclass(frozen=True)
class EnclosureKind:
    """One paper a nomination may carry."""

    code: str
    label: str
    title_words: tuple[str, ...]  # any of these in the document's title (lower case)
    sections: tuple[str, ...] = ()  # or filed under one of these pack sections


TITLE_PLAN = EnclosureKind(
    "title-plan", tr("Title plan or title register"), ("title plan", "title register", "official copy")
)
MINUTE = EnclosureKind(
    "minute", tr("Minute or resolution authorising the nomination"), ("minute", "resolution", "authoris", "authoriz")
)
ELECTORS = EnclosureKind("electors", tr("List of members who are local electors"), ("elector", "electoral"))
CONSTITUTION = EnclosureKind(
    "constitution",
    tr("Rules, constitution or articles"),
    ("constitution", "rules", "articles", "governing document"),
    ("governing-document",),
)
PLAN = EnclosureKind(
    "plan", tr("Plan of the land, showing the proposed boundaries"), ("plan", "map"), ("site-plan-and-valuation",)
)

# The order documents are matched in: the most specific title first.
_MATCH_ORDER = (TITLE_PLAN, MINUTE, ELECTORS, CONSTITUTION, PLAN)
# The order they are listed in on the nomination.
LISTED = (PLAN, TITLE_PLAN, CONSTITUTION, MINUTE, ELECTORS)


def kind_of(document: e.Document) -> EnclosureKind | None:
    """The kind of enclosure a document is, or None when it is none of them."""
    title = f"{document.title} {document.original_filename}".lower()
    for kind in _MATCH_ORDER:
        if any(word in title for word in kind.title_words):
            return kind
    return next((k for k in _MATCH_ORDER if document.pack_section in k.sections), None)


def needed(kind: EnclosureKind, legal_form: LegalForm | None) -> bool:
    """Whether a nomination from a body of ``legal_form`` should not go without this paper.

    The plan shows the boundaries reg 6(a) asks for; rules or a constitution and an authorising minute are the
    evidence of eligibility (reg 6(d)) a council asks a body other than a parish council for; the list of local
    electors shows an unincorporated body's 21 members (reg 5(1)(c)). A title plan helps but is not asked for.
    """
    if kind is PLAN:
        return True
    if kind in (CONSTITUTION, MINUTE):
        return legal_form is not None and legal_form is not LegalForm.PARISH_COUNCIL
    if kind is ELECTORS:
        return legal_form is LegalForm.UNINCORPORATED_BODY
    return False


def applies(kind: EnclosureKind, legal_form: LegalForm | None) -> bool:
    """Whether the paper is listed at all: the list of electors only for an unincorporated body."""
    return kind is not ELECTORS or legal_form is LegalForm.UNINCORPORATED_BODY
