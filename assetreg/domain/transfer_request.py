"""What a transfer application pack may say of itself: its stage, and for a Scottish asset transfer request, what
section 79 of the Community Empowerment (Scotland) Act 2015 and regulation 3 of SSI 2016/357 ask it to contain.
Whether the body may make the request at all (ss.77, 80) is in ``eligibility.py``.

Pure: read from the application and the group as recorded, never assumed.
"""

from __future__ import annotations

import re

from . import entities as e
from .enums import ApplicationKind

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
