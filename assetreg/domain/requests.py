"""Who may nominate, and whether a request to be treated as a potential bidder starts the full moratorium.

RULES.md §2.1 (nominators), §2.5–§2.6 (community interest groups, reg 12), §5 (validation of a request).
"""

from __future__ import annotations

from .enums import LegalForm
from .i18n import tr

_NOMINATORS = frozenset(
    {
        LegalForm.PARISH_COUNCIL,
        LegalForm.NEIGHBOURHOOD_FORUM,
        LegalForm.UNINCORPORATED_BODY,
        LegalForm.CHARITY,
        LegalForm.COMPANY_LIMITED_BY_GUARANTEE,
        LegalForm.COMMUNITY_BENEFIT_SOCIETY,
        LegalForm.COMMUNITY_INTEREST_COMPANY,
    }
)

# Narrower than the nominators (reg 12): a neighbourhood forum or an unincorporated group may nominate
# but cannot start the full moratorium.
_COMMUNITY_INTEREST_GROUPS = frozenset(
    {
        LegalForm.PARISH_COUNCIL,
        LegalForm.CHARITY,
        LegalForm.COMPANY_LIMITED_BY_GUARANTEE,
        LegalForm.COMMUNITY_BENEFIT_SOCIETY,
        LegalForm.COMMUNITY_INTEREST_COMPANY,
    }
)


def can_nominate(legal_form: LegalForm) -> bool:
    """Whether a body of this legal form may nominate land at all (s.89, reg 5).

    The other conditions — a local connection, 21 members for an unincorporated body, not distributing
    surplus — are not part of the legal form and must be checked separately.
    """
    return legal_form in _NOMINATORS


def can_trigger_full_moratorium(legal_form: LegalForm) -> bool:
    """Whether a body of this legal form can be a community interest group that starts the full moratorium."""
    return legal_form in _COMMUNITY_INTEREST_GROUPS


def cannot_trigger_reason(legal_form: LegalForm) -> str:
    """Why a body of this legal form cannot start the full moratorium (reg 12), in one sentence."""
    return tr(
        "{subject} cannot trigger the full moratorium: only a parish council, charity, community "
        "interest company, company limited by guarantee or co-operative/community benefit society "
        "with a local connection can (reg 12)."
    ).format(subject=_subject(legal_form))


def _subject(legal_form: LegalForm) -> str:
    return {
        LegalForm.NEIGHBOURHOOD_FORUM: tr("A designated neighbourhood forum"),
        LegalForm.UNINCORPORATED_BODY: tr("An unincorporated body"),
        LegalForm.OTHER_PUBLIC_BODY: tr("A public body other than a parish council"),
        LegalForm.INDIVIDUAL: tr("An individual"),
    }.get(legal_form, tr("A body of this type"))
