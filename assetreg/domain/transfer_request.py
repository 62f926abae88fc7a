"""What a transfer application pack may say of itself: its stage, and for a Scottish asset transfer request, what
section 79 of the Community Empowerment (Scotland) Act 2015 and regulation 3 of SSI 2016/357 ask it to contain.

Pure: read from the application and the group as recorded, never assumed.
"""

from __future__ import annotations

import re

from . import entities as e
from .eligibility import Fact, State
from .enums import ApplicationKind, LegalForm
from .i18n import tr

# Stages at which a council transfer is still an expression of interest, not a full application.
EARLY_STAGES = frozenset({"idea", "expression-of-interest"})


def is_expression_of_interest(application: e.TransferApplication) -> bool:
    """Whether the pack is an expression of interest (a council transfer not yet invited to apply in full)."""
    return application.kind is ApplicationKind.COMMUNITY_ASSET_TRANSFER and application.stage in EARLY_STAGES


def is_scottish_request(application: e.TransferApplication) -> bool:
    return application.kind is ApplicationKind.SCOTTISH_ASSET_TRANSFER_REQUEST


_TERMS = re.compile(r"\b(price|rent|£|terms?|consideration|offer)\b|£", re.IGNORECASE)


def proposed_terms(application: e.TransferApplication) -> str:
    """The price or other terms proposed (s.79(4)(c)), as the lines of the application's notes that state them;
    "" when the notes state none."""
    return "\n".join(line.strip() for line in application.notes.splitlines() if _TERMS.search(line))


# Forms that may be a community-controlled body (s.19) if their constitution has what s.19(2) asks for.
_MAY_BE_COMMUNITY_CONTROLLED = frozenset(
    {
        LegalForm.UNINCORPORATED_BODY,
        LegalForm.CHARITY,
        LegalForm.COMPANY_LIMITED_BY_GUARANTEE,
        LegalForm.COMMUNITY_BENEFIT_SOCIETY,
        LegalForm.COMMUNITY_INTEREST_COMPANY,
    }
)


def community_transfer_body(group: e.CommunityGroup | None) -> Fact:
    """Whether the group is a community transfer body (s.80): a community-controlled body (s.19) or a body the
    Scottish Ministers have designated. The register records the legal form only, never the constitution's terms
    or a designation, so at best this is "not known" with what to check."""
    if group is None:
        return Fact("transfer-body", State.FAILED, tr("No group is named as the body making the request."))
    label = group.legal_form.label.lower()
    form = f"{'an' if label[:1] in 'aeiou' else 'a'} {label}"
    if group.legal_form in _MAY_BE_COMMUNITY_CONTROLLED:
        return Fact(
            "transfer-body",
            State.UNKNOWN,
            tr(
                "{name} is recorded as {form}. It is a community transfer body (s.80) if its constitution has what "
                "s.19(2) asks of a community-controlled body (a defined community, membership open to it, control "
                "by it, no surplus to members), or if the Scottish Ministers have designated it; the register does "
                "not record either, so check the constitution before sending."
            ).format(name=group.name, form=form),
        )
    return Fact(
        "transfer-body",
        State.FAILED,
        tr(
            "{name} is recorded as {form}, which is not a community-controlled body (s.19); only a community transfer "
            "body (s.80) can make an asset transfer request, unless the Scottish Ministers have designated it."
        ).format(name=group.name, form=form),
    )
