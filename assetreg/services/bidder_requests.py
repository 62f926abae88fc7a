"""Recording a request to be treated as a potential bidder, and saying at once whether it starts the full
moratorium — and if not, why, in one sentence (RULES.md §5). A request is always recorded.

The verdict is the case account's (``domain/notice_case.py``): the same sentence the asset page, the letters
and the command line show.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..db.repositories import RecordRepository
from ..domain import entities as e
from ..domain.eligibility import trigger_conditions
from ..domain.enums import LegalForm
from ..domain.errors import NotFoundError
from ..domain.i18n import tr
from ..domain.notice_case import NoticeCase, RequestFacts, RequestVerdict, notice_case
from ..domain.records import RecordKind
from ..domain.status import listing_day_unknown
from .deadlines import asset_facts
from .records import Changed, Records
from .register import Register


@dataclass(frozen=True)
class AssessedRequest:
    request: e.BidderRequest
    verdict: RequestVerdict | None  # None while the notice has no date to count from


def record_bidder_request(register: Register, request: e.BidderRequest) -> Changed[AssessedRequest]:
    """Saves the request (valid or not) and returns it with the case's verdict on it."""
    created = Records(register).create(request)
    return Changed(assessment_of(register, created.value), created.changes)


def assessment_of(register: Register, request: e.BidderRequest) -> AssessedRequest:
    """A saved request with the verdict the case gives it today."""
    case = notice_account(register, request.notice_ref)
    return AssessedRequest(request, next((v for v in case.requests if v.reference == request.reference), None))


def notice_account(
    register: Register,
    notice_ref: str,
    *,
    notice: e.DisposalNotice | None = None,
    extra_request: RequestFacts | None = None,
    day: date | None = None,
) -> NoticeCase:
    """The account of a saved notice on ``day`` (default today), as the case gives it.

    For a form's hint before anything is saved: ``notice`` stands in for the saved notice (or is a new one, with
    ``notice_ref`` empty), and ``extra_request`` is counted as if it had been recorded.
    """
    if notice is None:
        with register.reading() as session:
            notice = RecordRepository(session).get(RecordKind.DISPOSAL_NOTICE, notice_ref)
        if notice is None:
            raise NotFoundError(
                tr("There is no disposal notice {reference} in this register.").format(reference=notice_ref)
            )
    facts = asset_facts(register, notice.asset_ref)
    requests = list(facts.requests.get(notice_ref, ())) if notice_ref else []
    if extra_request is not None:
        requests.append(extra_request)
    day = day or register.today()
    unknown_day = listing_day_unknown(facts.nominations, facts.list_entries)
    return notice_case(
        notice, requests, facts.list_entries, facts.exempt_disposals, facts.jurisdiction, day, unknown_day
    )


def preview_request(
    register: Register,
    notice_ref: str,
    legal_form: LegalForm,
    received_on: date | None,
    day: date | None = None,
    *,
    group: e.CommunityGroup | None = None,
    council_counted: bool = False,
) -> RequestVerdict | None:
    """What the case would say of a request from a body of ``legal_form`` (the recorded ``group``, when it is
    one) received on ``received_on`` (or, ``council_counted``, on a day not known), before it is saved; None while
    the notice has no date to count from."""
    conditions = ()
    if group is not None and notice_ref:
        with register.reading() as session:
            repo = RecordRepository(session)
            notice = repo.get(RecordKind.DISPOSAL_NOTICE, notice_ref)
            asset = repo.get(RecordKind.ASSET, notice.asset_ref) if notice is not None else None
        conditions = trigger_conditions(group, asset.postcode if asset is not None else "")
    request = RequestFacts(received_on, legal_form, conditions=conditions, council_counted=council_counted)
    case = notice_account(register, notice_ref, extra_request=request, day=day)
    return case.requests[-1] if case.requests else None


def preview_notice(register: Register, notice: e.DisposalNotice, day: date | None = None) -> NoticeCase:
    """What the case would make of ``notice`` as the form stands, with its recorded requests if it is saved."""
    return notice_account(register, notice.reference, notice=notice, day=day)
