"""Reading the register asset by asset: the summary row of each, and everything about one."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from ..db.repositories import RecordRepository
from ..domain import entities as e
from ..domain.enums import AssetCategory, Jurisdiction, ListEntryKind, NominationDecision
from ..domain.errors import NotFoundError
from ..domain.i18n import tr
from ..domain.records import RecordKind, parse_reference
from ..domain.status import (
    AssetStatus,
    NoticeStatus,
    RequestFacts,
    headline_status,
    listing_end,
    listing_status,
    notice_problem,
    notice_status,
    period_ends_on,
)
from .bidder_requests import AssessedRequest, assess
from .register import Register


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
    notice: e.DisposalNotice
    status: NoticeStatus
    requests: tuple[AssessedRequest, ...]
    not_relevant: str  # why the notice starts no moratorium, or ""
    period_ends_on: date | None  # the last day of the period it is in now, if one is running


@dataclass(frozen=True)
class ApplicationDetail:
    application: e.TransferApplication
    stages: tuple[e.StageChange, ...]


@dataclass(frozen=True)
class AssetDetail:
    """Everything the register holds about one asset, as of ``today``."""

    asset: e.Asset
    authority: e.Authority | None
    status: AssetStatus | NoticeStatus
    listing_status: AssetStatus
    listing_ends_on: date | None  # while listed: the last day of the listing
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


def _by(items, attribute: str) -> dict[str, list]:
    grouped: dict[str, list] = defaultdict(list)
    for item in items:
        grouped[getattr(item, attribute)].append(item)
    return grouped


# The columns a status needs, so listing a large register reads no more than it uses.
_SUMMARY_FIELDS = ("reference", "name", "category", "authority_ref", "address", "postcode", "uprn")
_NOMINATION_FIELDS = ("reference", "asset_ref", "decision", "sent_on", "received_on")
_ENTRY_FIELDS = ("reference", "asset_ref", "kind", "entered_on", "removed_on", "removal_reason")


def list_assets(register: Register, today: date | None = None) -> list[AssetSummary]:
    """Every live asset with its status on ``today`` (default: the user's today), oldest first."""
    today = today or register.today()
    with register.reading() as session:
        repo = RecordRepository(session)
        assets = repo.rows(RecordKind.ASSET, _SUMMARY_FIELDS)
        authorities = repo.authorities_by_reference()
        # Only a nomination still pending can decide a status; decided ones are history.
        pending = {"decision": NominationDecision.PENDING}
        nominations = _by(repo.list(RecordKind.NOMINATION, where=pending, fields=_NOMINATION_FIELDS), "asset_ref")
        entries = _by(repo.list(RecordKind.LIST_ENTRY, fields=_ENTRY_FIELDS), "asset_ref")
        challenges = _by(repo.list(RecordKind.CHALLENGE, where={"outcome": "pending"}), "list_entry_ref")
        notices = _by(repo.list(RecordKind.DISPOSAL_NOTICE), "asset_ref")
        requests: dict[str, list[RequestFacts]] = defaultdict(list)
        for notice_ref, received_on, legal_form in repo.bidder_request_facts():
            requests[notice_ref].append(RequestFacts(received_on, legal_form))
    summaries = []
    for reference, name, category, authority_ref, address, postcode, uprn in assets:
        asset_entries = entries.get(reference, ())
        asset_challenges = [c for x in asset_entries for c in challenges.get(x.reference, ())]
        listing = listing_status(nominations.get(reference, ()), asset_entries, asset_challenges, today)
        statuses = [
            notice_status(n, requests.get(n.reference, ()), today, asset_entries) for n in notices.get(reference, ())
        ]
        authority_name, jurisdiction = authorities.get(authority_ref, ("", None))
        summaries.append(
            AssetSummary(
                reference=reference,
                name=name,
                category=category,
                status=headline_status(listing, statuses),
                authority=authority_name,
                authority_ref=authority_ref,
                jurisdiction=jurisdiction,
                address=address,
                postcode=postcode,
                uprn=uprn,
            )
        )
    return summaries


def first_asset(register: Register) -> str | None:
    """The reference of the first asset in the register, to show when no other has been chosen."""
    with register.reading() as session:
        return RecordRepository(session).first_reference(RecordKind.ASSET)


def asset_detail(register: Register, reference: str, today: date | None = None) -> AssetDetail:
    """The asset with this reference and every record about it."""
    today = today or register.today()
    kind, reference = parse_reference(reference)
    if kind is not RecordKind.ASSET:
        raise NotFoundError(tr("{reference} is a {kind}, not an asset.").format(reference=reference, kind=kind.label))
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
        facts = defaultdict(list)
        for notice_ref, received_on, legal_form in repo.bidder_request_facts():
            facts[notice_ref].append(RequestFacts(received_on, legal_form))
        groups = {g.reference: g for g in repo.list(RecordKind.GROUP)}
        notices = []
        for n in repo.list(RecordKind.DISPOSAL_NOTICE, where=mine):
            status = notice_status(n, facts.get(n.reference, ()), today, entries)
            requests = tuple(
                AssessedRequest(r, assess(n, groups[r.group_ref], r))
                for r in repo.list(RecordKind.BIDDER_REQUEST, where={"notice_ref": n.reference})
            )
            notices.append(
                NoticeDetail(n, status, requests, notice_problem(n, entries), period_ends_on(n, status, entries))
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
    pending = [c for c in challenges if c.outcome.value == "pending"]
    listing = listing_status(nominations, entries, pending, today)
    return AssetDetail(
        asset=asset,
        authority=authority,
        status=headline_status(listing, (n.status for n in notices)),
        listing_status=listing,
        listing_ends_on=next((listing_end(x) for x in reversed(entries) if x.kind is ListEntryKind.LISTED), None)
        if listing is AssetStatus.LISTED
        else None,
        interests=interests,
        nominations=nominations,
        list_entries=entries,
        challenges=challenges,
        notices=tuple(notices),
        exempt_disposals=exempt,
        applications=applications,
        documents=documents,
        tasks=tasks,
        today=today,
    )


@dataclass(frozen=True)
class NoticeSummary:
    """One owner's disposal notice, with its asset and owner and where it stands on ``today``."""

    notice: e.DisposalNotice
    asset_name: str
    owner_name: str
    status: NoticeStatus
    period_ends_on: date | None  # the last day of the period it is in now, if one is running

    @property
    def reference(self) -> str:
        return self.notice.reference


def list_notices(register: Register, today: date | None = None) -> list[NoticeSummary]:
    """Every live disposal notice, oldest first, with its status on ``today``."""
    today = today or register.today()
    with register.reading() as session:
        repo = RecordRepository(session)
        notices = repo.list(RecordKind.DISPOSAL_NOTICE)
        assets = dict(repo.rows(RecordKind.ASSET, ("reference", "name")))
        owners = dict(repo.rows(RecordKind.PARTY, ("reference", "name")))
        entries = _by(repo.list(RecordKind.LIST_ENTRY, fields=_ENTRY_FIELDS), "asset_ref")
        requests: dict[str, list[RequestFacts]] = defaultdict(list)
        for notice_ref, received_on, legal_form in repo.bidder_request_facts():
            requests[notice_ref].append(RequestFacts(received_on, legal_form))
    summaries = []
    for n in notices:
        asset_entries = entries.get(n.asset_ref, ())
        status = notice_status(n, requests.get(n.reference, ()), today, asset_entries)
        summaries.append(
            NoticeSummary(
                n,
                assets.get(n.asset_ref, ""),
                owners.get(n.owner_ref, ""),
                status,
                period_ends_on(n, status, asset_entries),
            )
        )
    return summaries
