"""What each printed document needs from the register, gathered into the plain values of ``domain/printed.py``.

The documents themselves are laid out by ``reports/``; the command line and the app call a function here for the
data and ``reports.render`` for the PDF.
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from ..db.repositories import RecordRepository
from ..domain import enclosures
from ..domain import entities as e
from ..domain.asset_deadlines import AssetDeadline
from ..domain.dates import format_date
from ..domain.eligibility import Role, eligibility, transfer_body
from ..domain.enums import InterestRole, ListEntryKind, Period, TransferType
from ..domain.errors import DocumentRefusedError, NotFoundError, OutOfTimeError
from ..domain.i18n import tr
from ..domain.printed import (
    Attachment,
    BidderRequestDocument,
    DeadlineReportDocument,
    Enclosure,
    Letterhead,
    NominationDocument,
    PackDocument,
    PackSectionContent,
    RegisterExtractDocument,
    RegisterRow,
    TimelineBar,
    TimelineMark,
)
from ..domain.records import RecordKind, parse_reference
from ..domain.rules import ATR_DECIDE, Event
from ..domain.status import listing_last_day
from ..domain.transfer_request import is_scottish_request, proposed_terms
from .applications import application_overview
from .assets import asset_detail, list_assets
from .deadlines import DEFAULT_WITHIN_DAYS, register_cases, register_deadlines
from .documents import stored_path
from .register import Register


def letterhead(register: Register, today: date | None = None) -> Letterhead:
    """The user's own group (if the register names one) and the day of printing."""
    with register.reading() as session:
        groups = RecordRepository(session).list(RecordKind.GROUP, where={"is_own_group": True})
    return Letterhead(groups[0] if groups else None, today or register.today(), register.clock().astimezone().date())


def attachment(register: Register, document: e.Document) -> Attachment:
    """A document of the register as a file to bind in; its path is None when the stored file is gone."""
    path = stored_path(register, document.sha256) if document.sha256 else None
    return Attachment(
        title=document.title,
        filename=document.original_filename,
        path=path if path is not None and path.is_file() else None,
        media_type=document.media_type,
        reference=document.reference,
    )


def _reference(text: str, kind: RecordKind) -> str:
    found, reference = parse_reference(text)
    if found is not kind:
        raise NotFoundError(
            tr("{reference} is a {found}, not a {kind}.").format(
                reference=reference, found=found.label, kind=kind.label
            )
        )
    return reference


def nomination_document(register: Register, asset_ref: str) -> NominationDocument:
    """The asset's latest nomination (or a first draft when none is recorded), with its plan.

    Refused (``DocumentRefusedError``) for land outside England, where the England Regulations do not apply.
    """
    detail = asset_detail(register, _reference(asset_ref, RecordKind.ASSET))
    _england_only(detail, tr("a nomination under the Assets of Community Value (England) Regulations 2012"))
    nomination = max(detail.nominations, key=lambda n: (n.sent_on or date.min, n.reference), default=None)
    own = letterhead(register, detail.today)
    nominator = own.group
    if nomination is not None and nomination.nominator_ref:
        with register.reading() as session:
            nominator = RecordRepository(session).get(RecordKind.GROUP, nomination.nominator_ref) or nominator
    head = dataclasses.replace(own, group=nominator)  # the nominator's name heads every page, whoever keeps it
    interests = tuple(
        (i, p) for i, p in detail.interests if i.role is not InterestRole.CONTACT and (i.until_on is None)
    )
    return NominationDocument(
        letterhead=head,
        asset=detail.asset,
        council=detail.authority,
        nomination=nomination,
        nominator=nominator,
        interests=interests,
        eligibility=eligibility(nominator, detail.asset, detail.authority, Role.NOMINATE),
        enclosures=_enclosures(register, detail, nominator),
    )


def _enclosures(register: Register, detail, nominator: e.CommunityGroup | None) -> tuple[Enclosure, ...]:
    """The asset's documents (and its applications') sorted into the papers a nomination is sent with."""
    found: dict[str, list[Attachment]] = {}
    for document in detail.documents:
        kind = enclosures.kind_of(document)
        if kind is not None:
            found.setdefault(kind.code, []).append(attachment(register, document))
    form = nominator.legal_form if nominator is not None else None
    return tuple(
        Enclosure(kind.code, kind.label, enclosures.needed(kind, form), tuple(found.get(kind.code, ())))
        for kind in enclosures.LISTED
        if enclosures.applies(kind, form)
    )


def bidder_request_document(register: Register, notice_ref: str, *, out_of_time: bool = False) -> BidderRequestDocument:
    """The request to be treated as a potential bidder for one owner's disposal notice.

    Refused for land outside England; refused too when the time for a request has run out, unless
    ``out_of_time`` asks for the letter anyway — then it is marked "Out of time" with the reason.
    """
    reference = _reference(notice_ref, RecordKind.DISPOSAL_NOTICE)
    with register.reading() as session:
        repo = RecordRepository(session)
        notice = repo.get(RecordKind.DISPOSAL_NOTICE, reference)
        if notice is None:
            raise NotFoundError(
                tr("There is no disposal notice {reference} in this register.").format(reference=reference)
            )
        owner = repo.get(RecordKind.PARTY, notice.owner_ref) if notice.owner_ref else None
    detail = asset_detail(register, notice.asset_ref)
    _england_only(detail, tr("a request to be treated as a potential bidder under section 95 of the Localism Act 2011"))
    head = letterhead(register, detail.today)
    case = detail.case.notice(reference)
    late = late_reason(case)
    if late and not out_of_time:
        raise OutOfTimeError(
            tr("{why} A request the council receives now does not start the full moratorium.").format(why=late)
        )
    # The interim moratorium's end as the case dates it: published dates, holidays and the send-by margin applied.
    interim = next(
        (
            d
            for d in detail.case.deadlines
            if d.record_ref == reference and d.deadline is not None and d.deadline.rule.ends is Period.INTERIM
        ),
        None,
    )
    return BidderRequestDocument(
        letterhead=head,
        asset=detail.asset,
        council=detail.authority,
        notice=notice,
        owner=owner,
        group=head.group,
        interim_end=interim.deadline if interim else None,
        send_by=interim.send_by if interim else None,
        eligibility=eligibility(head.group, detail.asset, detail.authority, Role.TRIGGER),
        list_reference=next(
            (x.council_reference for x in reversed(detail.list_entries) if x.kind is ListEntryKind.LISTED), ""
        ),
        listing_problem=case.problem,
        case=case,
        owner_may_dispose_to=detail.case.owner_may_dispose_to,
        out_of_time=late,
    )


def late_reason(case) -> str:
    """Why a request to be treated as a bidder is too late on the case's day, or "" while it can still count."""
    interim = case.period(Period.INTERIM)
    if interim is None or case.day <= interim.effective_end:
        return ""
    return tr(
        "The interim moratorium for {notice} ended on {end}, so the council had to receive a request by then."
    ).format(notice=case.reference, end=format_date(interim.effective_end))


_SCHEMES_ELSEWHERE = {
    "wales": tr(
        "The community right to bid was never commenced in Wales. Ask the council about its community asset transfer "
        "policy instead."
    ),
    "scotland": tr(
        "In Scotland a community body can register an interest in land under the community right to buy (Land "
        "Reform (Scotland) Act 2003, Part 2) or make an asset transfer request to a public body (Community "
        "Empowerment (Scotland) Act 2015, Part 5)."
    ),
    "northern-ireland": tr(
        "Northern Ireland has no statutory right to bid. Ask the council about community asset transfer."
    ),
}


def _england_only(detail, what: str) -> None:
    """Refuses an England-only document for land elsewhere, saying which scheme applies there instead."""
    nation = detail.case.jurisdiction
    if nation.has_acv_regime:
        return
    raise DocumentRefusedError(
        tr("{asset} is in {nation}, where {what} does not apply. {instead}").format(
            asset=detail.asset.name, nation=nation.label, what=what, instead=_SCHEMES_ELSEWHERE[nation.value]
        )
    )


def pack_document(register: Register, application_ref: str) -> PackDocument:
    """A transfer application with its council's sections, the group's answers, its papers and its timeline.

    The pack is from the applicant group the application names (our own group when it names none): its name heads
    every page, and its legal form and eligibility are the ones printed.
    """
    reference = _reference(application_ref, RecordKind.TRANSFER_APPLICATION)
    overview = application_overview(register, reference)
    application = overview.row.application
    detail = asset_detail(register, application.asset_ref)
    own = letterhead(register, detail.today)
    with register.reading() as session:
        repo = RecordRepository(session)
        council = repo.get(RecordKind.AUTHORITY, application.authority_ref)
        applicant = repo.get(RecordKind.GROUP, application.applicant_ref) if application.applicant_ref else None
    asks = {p.code: p.asks_for_papers for p in overview.row.profile.pack_sections()}
    sections = tuple(
        PackSectionContent(
            code=s.code,
            name=s.name,
            description=s.description,
            answer=s.answer,
            attachments=tuple(attachment(register, d) for d in s.documents),
            asks_for_papers=asks.get(s.code, True),
        )
        for s in overview.checklist.sections
    )
    bars, marks = _timeline(detail, application)
    head = dataclasses.replace(own, group=applicant) if applicant is not None else own
    papers = [d for s in overview.checklist.sections for d in s.documents] + list(overview.checklist.unfiled)
    constitution = next((d.title for d in papers if enclosures.kind_of(d) is enclosures.CONSTITUTION), "")
    return PackDocument(
        letterhead=head,
        application=application,
        asset=detail.asset,
        council=council,
        council_profile_name=overview.row.profile.name,
        stage_name=overview.row.stage_name,
        # Listing as an asset of community value is England's: elsewhere the pack says nothing of it.
        asset_status=detail.status.label if detail.case.jurisdiction.has_acv_regime else "",
        listing_ends_on=detail.listing_ends_on,
        sections=sections,
        unfiled=tuple(attachment(register, d) for d in overview.checklist.unfiled),
        bars=bars,
        marks=marks,
        deadlines=tuple(
            d for d in detail.case.deadlines if not d.done and d.deadline is not None and d.date >= detail.today
        ),
        decision_due=next(
            (
                d
                for d in detail.case.deadlines
                if d.record_ref == reference and d.deadline is not None and d.deadline.code == ATR_DECIDE
            ),
            None,
        ),
        other_applicant=_other_applicant(application, head.group),
        prepared_by=_prepared_by(own.group, applicant),
        transfer_body=transfer_body(
            head.group, ownership=application.transfer_type is TransferType.BUY, constitution=constitution
        )
        if is_scottish_request(application)
        else None,
        proposed_terms=proposed_terms(application),
    )


def _prepared_by(own: e.CommunityGroup | None, applicant: e.CommunityGroup | None) -> str:
    """Our own group's name when it prepares the pack for another applicant, or ""."""
    if own is None or applicant is None or own.reference == applicant.reference:
        return ""
    return own.name


def _other_applicant(application: e.TransferApplication, group: e.CommunityGroup | None) -> str:
    """An "Applicant: ..." line in the application's notes naming someone other than our own group, or ""."""
    for line in application.notes.splitlines():
        if line.strip().lower().startswith("applicant:"):
            named = line.split(":", 1)[1].strip().rstrip(".")
            if named and (group is None or (group.name not in named and (group.reference or "?") not in named)):
                return named
    return ""


def _timeline(detail, application: e.TransferApplication) -> tuple[tuple[TimelineBar, ...], tuple[TimelineMark, ...]]:
    """The pack's timeline, read from the asset's case: each listing, and each notice's periods as they run."""
    bars = [
        TimelineBar(Period.LISTING.label, x.entered_on, listing_last_day(x))
        for x in detail.list_entries
        if x.kind is ListEntryKind.LISTED
    ]
    for n in detail.case.notices:
        for p in n.periods:
            if p.effective_end < p.starts_on:
                continue  # ended before it could begin
            start = p.starts_on
            if p.period is Period.FULL:  # the full moratorium follows the interim one
                start = n.period(Period.INTERIM).effective_end + timedelta(days=1)
            bars.append(TimelineBar(p.period.label, start, p.effective_end))
    marks = [TimelineMark(tr("Today"), detail.today)]
    if application.submitted_on:
        marks.append(TimelineMark(tr("Application submitted"), application.submitted_on))
    if application.decision_notice_on:
        marks.append(TimelineMark(tr("Decision notice"), application.decision_notice_on))
    for item in detail.case.deadlines:
        if (
            item.record_ref == application.reference
            and item.deadline
            and item.deadline.rule.event is Event.ATR_VALIDATED
        ):
            marks.append(TimelineMark(tr("Decision due"), item.date))
    return tuple(bars), tuple(sorted(marks, key=lambda m: m.on))


def deadline_report(register: Register, within: int = DEFAULT_WITHIN_DAYS) -> DeadlineReportDocument:
    """What is overdue and what falls due in the next ``within`` days, for a meeting."""
    if within < 0:
        raise ValueError(tr("The number of days ahead cannot be negative."))
    today = register.today()
    items = register_deadlines(register, today, within=within)
    ordered = sorted(items, key=lambda d: (not d.overdue(today), d.date, d.asset_ref, d.code))
    return DeadlineReportDocument(letterhead(register, today), today, within, tuple(ordered))


def _short_name(item: AssetDeadline) -> str:
    """ "Interim moratorium ends" rather than the rule's whole label: a table column has room for a few words."""
    return item.deadline.rule.name if item.deadline is not None else item.label


def register_extract(register: Register) -> RegisterExtractDocument:
    """Every asset with its status, listing dates and next step (overdue first), from each asset's case."""
    today = register.today()
    summaries = list_assets(register, today)
    cases = {c.asset_ref: c for c in register_cases(register, today) if c.asset_ref}
    rows = []
    for s in summaries:
        case = cases.get(s.reference)
        listing = case.listing if case else None
        step = case.next_steps[0] if case and case.next_steps else None
        rows.append(
            RegisterRow(
                reference=s.reference,
                name=s.name,
                category=s.category.label,
                council=s.authority,
                address=", ".join(part for part in (s.address.replace("\n", ", "), s.postcode) if part),
                status=s.status.label,
                listed_on=listing.entered_on if listing else None,
                listing_ends_on=case.listing_ends_on if listing else None,
                next_deadline=_short_name(step) if step else "",
                next_deadline_on=step.date if step else None,
            )
        )
    return RegisterExtractDocument(letterhead(register, today), today, tuple(rows))
