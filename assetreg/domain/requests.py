"""Who may nominate, and whether a request to be treated as a potential bidder starts the full moratorium.

RULES.md §2.1 (nominators), §2.5–§2.6 (community interest groups, reg 12), §5 (validation of a request).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .counting import period_end
from .dates import format_date
from .enums import LegalForm
from .i18n import tr
from .rules import rule

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


def _subject(legal_form: LegalForm) -> str:
    return {
        LegalForm.NEIGHBOURHOOD_FORUM: tr("A designated neighbourhood forum"),
        LegalForm.UNINCORPORATED_BODY: tr("An unincorporated body"),
        LegalForm.OTHER_PUBLIC_BODY: tr("A public body other than a parish council"),
        LegalForm.INDIVIDUAL: tr("An individual"),
    }.get(legal_form, tr("A body of this type"))


@dataclass(frozen=True)
class RequestAssessment:
    """Whether a request starts the full moratorium, and one plain sentence saying why or why not."""

    triggers_full_moratorium: bool
    reason: str
    interim_moratorium_end: dt.date


def assess_bidder_request(
    notice_received_on: dt.date,
    request_received_on: dt.date | None,
    legal_form: LegalForm,
    has_local_connection: bool = True,
) -> RequestAssessment:
    """Whether a written request to be treated as a potential bidder starts the full moratorium (s.95(3)).

    It does only if a community interest group with a local connection sent it and the council received it
    during the interim moratorium: on or after the day it received the disposal notice, and no later than the
    last day of that moratorium (ACV-IMP-END).
    """
    interim = rule("ACV-IMP-END")
    assert interim.length is not None and interim.counting is not None
    interim_end = period_end(notice_received_on, interim.length, interim.counting)

    def refused(reason: str) -> RequestAssessment:
        return RequestAssessment(False, reason, interim_end)

    if not can_trigger_full_moratorium(legal_form):
        return refused(
            tr(
                "{subject} cannot trigger the full moratorium: only a parish council, charity, community "
                "interest company, company limited by guarantee or co-operative/community benefit society "
                "with a local connection can (reg 12)."
            ).format(subject=_subject(legal_form))
        )
    if not has_local_connection:
        return refused(
            tr("A group without a local connection to the land cannot trigger the full moratorium (reg 12).")
        )
    if request_received_on is None:
        return refused(
            tr(
                "No received date has been entered for the request yet; it counts only if the council "
                "received it by {end}, when the interim moratorium ends."
            ).format(end=format_date(interim_end))
        )
    if request_received_on < notice_received_on:
        return refused(
            tr(
                "The request was received on {received}, before the council received the disposal notice on "
                "{notice}; only a request received during the interim moratorium counts (s.95(3))."
            ).format(received=format_date(request_received_on), notice=format_date(notice_received_on))
        )
    if request_received_on > interim_end:
        return refused(
            tr(
                "The request was received on {received}, after the interim moratorium ended on {end}; it had "
                "to be received by then (s.95(3))."
            ).format(received=format_date(request_received_on), end=format_date(interim_end))
        )
    return RequestAssessment(
        True,
        tr(
            "The request was received on {received}, during the interim moratorium that ends on {end}, so the "
            "full moratorium applies."
        ).format(received=format_date(request_received_on), end=format_date(interim_end)),
        interim_end,
    )
