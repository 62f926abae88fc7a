"""What each printed document says, as plain values: ``services/printing.py`` gathers them, ``reports/`` lays them out.

The records themselves travel as the frozen entities of ``entities.py``; these classes add only what a document
needs besides them: who prints it and when, the files to bind in, and dates already worked out by the rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import entities as e
from .asset_deadlines import AssetDeadline
from .dates import format_date
from .deadlines import Deadline
from .eligibility import Eligibility
from .i18n import tr
from .notice_case import DisposeTo, NoticeCase


@dataclass(frozen=True)
class Letterhead:
    """Who a document comes from (its header and the PDF's author) and the day it is printed."""

    group: e.CommunityGroup | None  # the user's own group; None when the register has not named one
    printed_on: date  # the day the document is dated and its dates are as of (``--on``), usually today
    made_on: date | None = None  # the day it is really printed, when that is another day

    @property
    def printed_note(self) -> str:
        """The footer's true account of when it was printed, and as of which day when that differs."""
        if self.made_on is None or self.made_on == self.printed_on:
            return tr("Printed {date} with AssetReg").format(date=format_date(self.printed_on))
        return tr("Printed {date} with AssetReg, as the register stood on {day}").format(
            date=format_date(self.made_on), day=format_date(self.printed_on)
        )

    @property
    def name(self) -> str:
        return self.group.name if self.group is not None else "AssetReg"


@dataclass(frozen=True)
class Attachment:
    """A file to bind into a document: placed (PDF pages, images) or listed (anything else)."""

    title: str
    filename: str  # the name it had when it was attached
    path: Path | None  # the stored file; None when it is missing from the register's document folder
    media_type: str = ""
    reference: str = ""  # DOC-0007

    @property
    def is_pdf(self) -> bool:
        return self.media_type == "application/pdf" or self.filename.lower().endswith(".pdf")

    @property
    def is_image(self) -> bool:
        return self.media_type in ("image/png", "image/jpeg") or self.filename.lower().endswith(
            (".png", ".jpg", ".jpeg")
        )


@dataclass(frozen=True)
class NominationDocument:
    """A nomination of land for listing, with every element regulation 6 asks for."""

    letterhead: Letterhead
    asset: e.Asset
    council: e.Authority | None
    nomination: e.Nomination | None  # the latest nomination recorded; None for a first draft
    nominator: e.CommunityGroup | None  # the nominating group (the user's own when the nomination names none)
    interests: tuple[tuple[e.Interest, e.Party], ...]  # occupiers, freeholders and leaseholders
    eligibility: Eligibility  # may this group nominate, condition by condition (RULES.md §2.1)
    enclosures: tuple[Enclosure, ...]  # the papers sent with it, the plan first; bound in after the form

    @property
    def plans(self) -> tuple[Attachment, ...]:
        """The plans of the land among the enclosures."""
        return tuple(a for x in self.enclosures if x.code == "plan" for a in x.attachments)


@dataclass(frozen=True)
class Enclosure:
    """One paper a nomination is sent with, and the documents of the register found for it (maybe none)."""

    code: str  # ``enclosures.EnclosureKind.code``
    label: str
    needed: bool  # whether the nomination should not go without it (a warning when nothing is found)
    attachments: tuple[Attachment, ...] = ()


@dataclass(frozen=True)
class BidderRequestDocument:
    """The written request to be treated as a potential bidder (s.95(3)), with advice on sending it."""

    letterhead: Letterhead
    asset: e.Asset
    council: e.Authority | None
    notice: e.DisposalNotice
    owner: e.Party | None
    group: e.CommunityGroup | None  # the group asking: the user's own
    interim_end: Deadline | None  # the last day a request can be received (None when no moratorium can start)
    send_by: date | None  # the working day to send by so that it arrives in time
    eligibility: Eligibility  # can this group's request start the full moratorium (reg 12), condition by condition
    listing_problem: str  # why the notice starts no moratorium, or ""
    case: NoticeCase  # the notice's account on the day of printing
    owner_may_dispose_to: DisposeTo  # who the owner may sell to on the day of printing
    out_of_time: str = ""  # why the time for a request has run out, printed on the letter; "" while in time
    list_reference: str = ""  # the council's reference for the asset's entry on its list, if known


@dataclass(frozen=True)
class PackSectionContent:
    """One section of a transfer application pack: the council's name for it, the group's answer, its papers."""

    code: str
    name: str
    description: str
    answer: str
    attachments: tuple[Attachment, ...]
    asks_for_papers: bool = True  # False: the council asks only for a written answer here (``pack_sections.py``)


@dataclass(frozen=True)
class TimelineBar:
    """A period on the statutory timeline (a listing, a moratorium, a protected period)."""

    label: str
    start: date
    end: date


@dataclass(frozen=True)
class TimelineMark:
    """A single day on the timeline (a notice received, an application submitted, a decision due)."""

    label: str
    on: date


@dataclass(frozen=True)
class PackDocument:
    """A community asset transfer application pack, ready to bind."""

    letterhead: Letterhead  # the applicant group: the application's, or the user's own when it names none
    application: e.TransferApplication
    asset: e.Asset
    council: e.Authority | None
    council_profile_name: str
    stage_name: str
    asset_status: str  # the asset's status in words ("Listed", "Interim moratorium"); "" outside England
    listing_ends_on: date | None
    sections: tuple[PackSectionContent, ...]
    unfiled: tuple[Attachment, ...]  # attached to the application but to no section this council asks for
    bars: tuple[TimelineBar, ...]
    marks: tuple[TimelineMark, ...]
    deadlines: tuple[AssetDeadline, ...]  # the asset's statutory dates still to come
    decision_due: AssetDeadline | None = None  # a Scottish request's SCOT-ATR-DECIDE, once it is validated
    other_applicant: str = ""  # an applicant the application's notes name who is not the group printing it
    prepared_by: str = ""  # the user's own group, when it prepares the pack for another applicant
    transfer_body: Eligibility | None = None  # a Scottish request: is the applicant a community transfer body
    proposed_terms: str = ""  # a Scottish request: the price or other terms, from the application's notes


@dataclass(frozen=True)
class DeadlineReportDocument:
    """Overdue and upcoming deadlines for a meeting, grouped by asset."""

    letterhead: Letterhead
    today: date
    within_days: int
    deadlines: tuple[AssetDeadline, ...]  # date order; overdue ones first


@dataclass(frozen=True)
class RegisterRow:
    """One asset in the register extract."""

    reference: str
    name: str
    category: str
    council: str
    address: str
    status: str
    listed_on: date | None
    listing_ends_on: date | None
    next_deadline: str  # what is due next, or ""
    next_deadline_on: date | None


@dataclass(frozen=True)
class RegisterExtractDocument:
    """Every asset with its status and key dates."""

    letterhead: Letterhead
    today: date
    rows: tuple[RegisterRow, ...]
