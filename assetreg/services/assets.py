"""Reading the register asset by asset: the summary row of each, and everything about one."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from ..db.repositories import RecordRepository
from ..domain import entities as e
from ..domain.case import Case, build_case
from ..domain.enums import AssetCategory, Jurisdiction
from ..domain.errors import NotFoundError
from ..domain.i18n import tr
from ..domain.notice_case import NoticeCase
from ..domain.records import RecordKind, parse_reference
from ..domain.status import AssetStatus, NoticeStatus
from .bidder_requests import AssessedRequest
from .deadlines import calendars, facts_of
from .register import Register
from .settings import load_settings


@dataclass(frozen=True)
class AssetSummary:
    """One line of the register."""

    reference: str
    name: str
    category: AssetCategory
    status: AssetStatus | NoticeStatus
    authority: str
    authority_ref: str
    jurisdiction: Jurisdiction | None
    address: str
    postcode: str
    uprn: str


@dataclass(frozen=True)
class NoticeDetail:
    """A disposal notice with its account on the day, and each request to bid with the verdict on it."""

    notice: e.DisposalNotice
    case: NoticeCase
    requests: tuple[AssessedRequest, ...]

    @property
    def status(self) -> NoticeStatus:
        return self.case.status

    @property
    def not_relevant(self) -> str:
        """Why the notice starts no moratorium, or ""."""
        return self.case.problem

    @property
    def period_ends_on(self) -> date | None:
        """The last day of the period it is in now, if one is running."""
        return self.case.period_ends_on


@dataclass(frozen=True)
class ApplicationDetail:
    application: e.TransferApplication
    stages: tuple[e.StageChange, ...]


@dataclass(frozen=True)
class AssetDetail:
    """Everything the register holds about one asset, as of ``today``."""

    asset: e.Asset
    authority: e.Authority | None
    case: Case
    interests: tuple[tuple[e.Interest, e.Party], ...]
    nominations: tuple[e.Nomination, ...]
    list_entries: tuple[e.ListEntry, ...]
    challenges: tuple[e.Challenge, ...]
    notices: tuple[NoticeDetail, ...]
    exempt_disposals: tuple[e.ExemptDisposal, ...]
    applications: tuple[ApplicationDetail, ...]
    documents: tuple[e.Document, ...]
    tasks: tuple[e.UserDeadline, ...]
    today: date

    @property
    def status(self) -> AssetStatus | NoticeStatus:
        return self.case.status

    @property
    def listing_status(self) -> AssetStatus:
        return self.case.listing_status

    @property
    def listing_ends_on(self) -> date | None:
        """While listed: the last day the listing protects the land."""
        return self.case.listing_ends_on


def _by(items, attribute: str) -> dict[str, list]:
    grouped: dict[str, list] = defaultdict(list)
    for item in items:
        grouped[getattr(item, attribute)].append(item)
    return grouped


# The columns a register's line shows.
_SUMMARY_FIELDS = ("reference", "name", "category", "authority_ref", "address", "postcode", "uprn")


def list_assets(register: Register, today: date | None = None) -> list[AssetSummary]:
    """Every live asset with its status on ``today`` (default: the user's today), oldest first."""
    today = today or register.today()
    default = load_settings(register).default_jurisdiction
    with register.reading() as session:
        repo = RecordRepository(session)
        assets = repo.rows(RecordKind.ASSET, _SUMMARY_FIELDS)
        authorities = repo.authorities_by_reference()
        statuses = _statuses(session, repo, assets, today, default)
    summaries = []
    for reference, name, category, authority_ref, address, postcode, uprn in assets:
        authority_name, jurisdiction = authorities.get(authority_ref, ("", None))
        summaries.append(
            AssetSummary(
                reference=reference,
                name=name,
                category=category,
                status=statuses.get(reference, AssetStatus.NOT_NOMINATED),
                authority=authority_name,
                authority_ref=authority_ref,
                jurisdiction=jurisdiction,
                address=address,
                postcode=postcode,
                uprn=uprn,
            )
        )
    return summaries


def _statuses(
    session, repo: RecordRepository, assets: list, today: date, default: Jurisdiction
) -> dict[str, AssetStatus | NoticeStatus]:
    """Each asset's status on ``today`` from its case: as the due index keeps it, with only the assets whose kept
    status does not hold on the day worked out again (every asset, when the index cannot say)."""
    from .due_index import read_statuses

    kept = read_statuses(session, today)
    if kept is None:
        statuses: dict[str, AssetStatus | NoticeStatus] = {}
        chunks = [(assets, None)]
    else:
        statuses, stale = kept
        wanted = [a for a in assets if a[0] in stale]
        chunks = [(wanted[i : i + 500], tuple(a[0] for a in wanted[i : i + 500])) for i in range(0, len(wanted), 500)]
    for chunk, among in chunks:
        rows = [(a[0], a[1], a[3]) for a in chunk]
        facts = facts_of(repo, rows, "", default, every_asset=True, among=among)
        statuses.update((f.asset_ref, build_case(f, today).status) for f in facts)
    return statuses


def first_asset(register: Register) -> str | None:
    """The reference of the first asset in the register, to show when no other has been chosen."""
    with register.reading() as session:
        return RecordRepository(session).first_reference(RecordKind.ASSET)


def asset_detail(register: Register, reference: str, today: date | None = None) -> AssetDetail:
    """The asset with this reference, every record about it, and its case on ``today``."""
    today = today or register.today()
    kind, reference = parse_reference(reference)
    if kind is not RecordKind.ASSET:
        raise NotFoundError(tr("{reference} is a {kind}, not an asset.").format(reference=reference, kind=kind.label))
    settings = load_settings(register)
    with register.reading() as session:
        repo = RecordRepository(session)
        asset = repo.get(RecordKind.ASSET, reference)
        if asset is None:
            raise NotFoundError(tr("There is no asset {reference} in this register.").format(reference=reference))
        mine = {"asset_ref": reference}
        authority = repo.get(RecordKind.AUTHORITY, asset.authority_ref) if asset.authority_ref else None
        interests = tuple(
            (i, repo.get(RecordKind.PARTY, i.party_ref)) for i in repo.list(RecordKind.INTEREST, where=mine)
        )
        nominations = tuple(repo.list(RecordKind.NOMINATION, where=mine))
        entries = tuple(repo.list(RecordKind.LIST_ENTRY, where=mine))
        challenges = tuple(
            c for x in entries for c in repo.list(RecordKind.CHALLENGE, where={"list_entry_ref": x.reference})
        )
        notices = repo.list(RecordKind.DISPOSAL_NOTICE, where=mine)
        requests = {
            n.reference: tuple(repo.list(RecordKind.BIDDER_REQUEST, where={"notice_ref": n.reference})) for n in notices
        }
        (facts,) = facts_of(
            repo,
            [(reference, asset.name, asset.authority_ref)],
            reference,
            settings.default_jurisdiction,
            every_asset=True,
        )
        applications = tuple(
            ApplicationDetail(a, tuple(repo.list(RecordKind.STAGE_CHANGE, where={"application_ref": a.reference})))
            for a in repo.list(RecordKind.TRANSFER_APPLICATION, where=mine)
        )
        exempt = tuple(repo.list(RecordKind.EXEMPT_DISPOSAL, where=mine))
        # The asset's own documents and those of its transfer applications (a pack's papers belong to it too).
        documents = tuple(repo.list(RecordKind.DOCUMENT, where=mine)) + tuple(
            d
            for a in applications
            for d in repo.list(RecordKind.DOCUMENT, where={"application_ref": a.application.reference})
        )
        tasks = tuple(repo.list(RecordKind.USER_DEADLINE, where=mine))
    case = build_case(facts, today, settings, calendars(settings)[facts.jurisdiction])
    return AssetDetail(
        asset=asset,
        authority=authority,
        case=case,
        interests=interests,
        nominations=nominations,
        list_entries=entries,
        challenges=challenges,
        notices=tuple(_notice_detail(n, case.notice(n.reference), requests[n.reference]) for n in notices),
        exempt_disposals=exempt,
        applications=applications,
        documents=documents,
        tasks=tasks,
        today=today,
    )


def _notice_detail(notice: e.DisposalNotice, case: NoticeCase, requests: tuple[e.BidderRequest, ...]) -> NoticeDetail:
    verdicts = {v.reference: v for v in case.requests}
    return NoticeDetail(notice, case, tuple(AssessedRequest(r, verdicts.get(r.reference)) for r in requests))


@dataclass(frozen=True)
class NoticeSummary:
    """One owner's disposal notice, with its asset and owner and where it stands on ``today``."""

    notice: e.DisposalNotice
    asset_name: str
    owner_name: str
    case: NoticeCase

    @property
    def reference(self) -> str:
        return self.notice.reference

    @property
    def status(self) -> NoticeStatus:
        return self.case.status

    @property
    def period_ends_on(self) -> date | None:
        """The last day of the period it is in now, if one is running."""
        return self.case.period_ends_on


def list_notices(register: Register, today: date | None = None) -> list[NoticeSummary]:
    """Every live disposal notice, oldest first, with its status on ``today``."""
    today = today or register.today()
    default = load_settings(register).default_jurisdiction
    with register.reading() as session:
        repo = RecordRepository(session)
        notices = repo.list(RecordKind.DISPOSAL_NOTICE)
        wanted = {n.asset_ref for n in notices}
        assets = [a for a in repo.rows(RecordKind.ASSET, ("reference", "name", "authority_ref")) if a[0] in wanted]
        owners = dict(repo.rows(RecordKind.PARTY, ("reference", "name")))
        facts = {f.asset_ref: f for f in facts_of(repo, assets, "", default, every_asset=True)}
    cases = {ref: build_case(f, today) for ref, f in facts.items()}
    return [
        NoticeSummary(
            n, facts[n.asset_ref].asset_name, owners.get(n.owner_ref, ""), cases[n.asset_ref].notice(n.reference)
        )
        for n in notices
        if n.asset_ref in cases
    ]


def asset_history(register: Register, detail: AssetDetail) -> list[e.AuditEntry]:
    """The audit trail of the asset and of every record about it (its documents in the trash too), oldest
    first: who changed what, and when."""
    references = [detail.asset.reference]
    references += [x.reference for x, _ in detail.interests]
    for group in (detail.nominations, detail.list_entries, detail.challenges, detail.exempt_disposals):
        references += [x.reference for x in group]
    for n in detail.notices:
        references += [n.notice.reference] + [r.request.reference for r in n.requests]
    for a in detail.applications:
        references += [a.application.reference] + [s.reference for s in a.stages]
    references += [d.reference for d in detail.documents] + [t.reference for t in detail.tasks]
    with register.reading() as session:
        repo = RecordRepository(session)
        mine = {"asset_ref": detail.asset.reference}
        references += [d.reference for d in repo.list(RecordKind.DOCUMENT, where=mine, deleted=True)]
        return repo.audit_for_many(references)
