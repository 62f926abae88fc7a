"""Recording a request to be treated as a potential bidder, and saying at once whether it starts the full
moratorium — and if not, why, in one sentence (RULES.md §5, §7.7). A request is always recorded."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from ..db.repositories import RecordRepository
from ..domain import entities as e
from ..domain.i18n import tr
from ..domain.records import RecordKind
from ..domain.requests import RequestAssessment, assess_bidder_request
from ..domain.status import relevant_disposal_problem
from .records import Changed, Records
from .register import Register


@dataclass(frozen=True)
class AssessedRequest:
    request: e.BidderRequest
    assessment: RequestAssessment | None  # None while the notice has no date to count from


def assess(notice: e.DisposalNotice, group: e.CommunityGroup, request: e.BidderRequest) -> RequestAssessment | None:
    """Whether the request starts the full moratorium of this notice, counted from when the council got it."""
    start = notice.received_on or notice.sent_on
    if start is None:
        return None
    assessment = assess_bidder_request(start, request.received_on, group.legal_form)
    problem = relevant_disposal_problem(notice)
    if problem:
        # No moratorium at all, so no request can start the full one, however well made.
        return dataclasses.replace(
            assessment,
            triggers_full_moratorium=False,
            reason=tr("This notice starts no moratorium, so the request cannot start the full one: {problem}").format(
                problem=problem[0].lower() + problem[1:]
            ),
        )
    return assessment


def record_bidder_request(register: Register, request: e.BidderRequest) -> Changed[AssessedRequest]:
    """Saves the request (valid or not) and returns it with its assessment."""
    created = Records(register).create(request)
    return Changed(assessment_of(register, created.value), created.changes)


def assessment_of(register: Register, request: e.BidderRequest) -> AssessedRequest:
    """A saved request with its assessment against its notice."""
    with register.reading() as session:
        repo = RecordRepository(session)
        notice = repo.get(RecordKind.DISPOSAL_NOTICE, request.notice_ref)
        group = repo.get(RecordKind.GROUP, request.group_ref)
    return AssessedRequest(request, assess(notice, group, request))
