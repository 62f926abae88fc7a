"""A council's list read row by row into the assets it describes, with a problem for anything not certain.

A row with an error (a date that cannot be read for certain, no name, a formula instead of a value) is left
out and reported; warnings (an expiry date that disagrees with the law) are reported and the row goes in.
Several rows for one asset (one per moratorium, ``CAMACV17 (1st moratorium)``) become one asset with a
disposal notice for each.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter

from . import entities as e
from .dates import format_date
from .enums import AssetCategory, NominationDecision, RemovalReason
from .i18n import tr
from .import_cells import (
    MAX_CELL,
    category_of,
    cell_text,
    check_cells,
    checked_codes,
    decision_of,
    location_of,
    removal_reason,
    removed_undated,
)
from .import_dates import DateProblem, date_order_counts, last_date_in, parse_date
from .import_headings import field_labels
from .status import listing_end

DATE_FIELDS = (
    "nomination_received",
    "decision_date",
    "listing_expiry",
    "notice_received",
    "bid_intention_received",
    "full_end",
    "protected_start",
    "protected_end",
    "removed_on",
)
_ALL_DATE_FIELDS = (*DATE_FIELDS, "interim_end")
_PERIOD_FIELDS = ("interim_end", "full_end", "protected_end")  # a council may write the period, not its end
_POSTCODE = re.compile(r"\b([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})\b", re.IGNORECASE)
_DISTINGUISHER = re.compile(r"\s*[\(\[].*$")


@dataclass(frozen=True)
class Problem:
    """Something about one row (0 for the file as a whole) the user should know; ``error`` rows are left out."""

    row: int
    field: str
    message: str
    level: str = "error"  # or "warning", or "note"

    def as_json(self) -> dict[str, object]:
        return {"row": self.row, "field": self.field, "message": self.message, "level": self.level}


@dataclass(frozen=True, slots=True)
class ImportedNotice:
    row: int
    received_on: date | None
    interim_end: date | None
    full_end: date | None
    protected_end: date | None
    notes: str
    # A community group's request to be treated as a potential bidder, as the council's list records it.
    bid_received: date | None = None
    interested_group: str = ""
    interested_group_form: str = ""  # as the list writes it (AssetReg's exports give the code)


@dataclass(slots=True)
class ImportedAsset:
    """One asset as the council's list describes it, from one row or several."""

    rows: list[int]
    reference: str
    name: str
    address: str = ""
    postcode: str = ""
    uprn: str = ""
    description: str = ""
    latitude: float | None = None
    longitude: float | None = None
    nominated_by: str = ""
    nomination_received: date | None = None
    decision: NominationDecision = NominationDecision.PENDING
    decision_date: date | None = None
    decision_reasons: str = ""
    notes: str = ""
    notices: list[ImportedNotice] = field(default_factory=list)
    listing_expiry: date | None = None  # as the list gives it: checked, never stored
    category: AssetCategory | None = None
    removed_on: date | None = None  # the day the asset left the list, if the list says
    removal_reason: RemovalReason | None = None
    removal_undated: bool = False  # the list's words say it was removed, without saying when
    # Listings of the asset the list gives in rows of their own, before the one above (a relisting after the five
    # years): each holds only what its row says of its nomination and entry (``LISTING_FIELDS``).
    earlier: tuple[ImportedAsset, ...] = ()  # (a tuple: most assets have none, and a list each is memory)


# What a row says of one listing of its asset: a further row that gives another listing keeps these apart.
LISTING_FIELDS = (
    "reference", "nominated_by", "nomination_received", "decision", "decision_date", "decision_reasons",
    "listing_expiry", "removed_on", "removal_reason", "removal_undated",
)  # fmt: skip


def base_reference(text: str) -> str:
    """A council reference without what tells its rows apart: ``CAMACV17 (1st moratorium)`` → ``CAMACV17``."""
    if "(" not in text and "[" not in text:
        return text.strip()
    return _DISTINGUISHER.sub("", text.strip()).strip()


def read_rows(
    fields: Sequence[str], rows: Sequence[Sequence[object]], first_row: int = 2
) -> tuple[list[ImportedAsset], list[Problem]]:
    """The assets the rows describe and the problems found; ``fields`` says what each column holds."""
    problems: list[Problem] = []
    columns = {name: i for i, name in enumerate(fields) if name}
    month_first, order_problems = _month_first_columns(columns, rows)
    problems += order_problems
    assets: dict[str, ImportedAsset] = {}
    names, width = tuple(columns), max(columns.values(), default=-1) + 1
    picked = itemgetter(*columns.values()) if len(columns) > 1 else None
    for number, row in enumerate(rows, start=first_row):
        if all(cell_text(v) == "" for v in row):
            continue  # a blank line between blocks of a list
        if picked is not None and len(row) >= width:
            cells = dict(zip(names, picked(row), strict=True))  # the usual row, as long as the headings
        else:
            cells = {name: row[i] if i < len(row) else None for name, i in columns.items()}
        found, row_problems = _read_row(number, cells, month_first)
        problems += row_problems
        if found is None or any(p.level == "error" for p in row_problems):
            continue
        key = base_reference(found.reference).casefold() or f"{found.name.casefold()}|{found.postcode}"
        if key in assets:
            problems += _merge(assets[key], found)
        else:
            assets[key] = found
    return list(assets.values()), problems


def _month_first_columns(columns: dict[str, int], rows: Sequence[Sequence[object]]) -> tuple[frozenset, list]:
    """The date columns read month first, and a note of the file's order. A column is month first when some of
    its dates can only be read so and no more can only be read day first; a column with neither goes by the
    whole file. So a US-order column has its ambiguous dates refused, not guessed, and one US-order slip in a
    UK column is reported on its own without making that column's other dates unreadable."""
    counts = {
        name: date_order_counts({row[i] for row in rows if i < len(row)})  # each distinct cell once
        for name, i in columns.items()
        if name in _ALL_DATE_FIELDS
    }
    months, days = sum(m for m, _ in counts.values()), sum(d for _, d in counts.values())
    whole_file = months > 0 and months >= days
    month_first = frozenset(
        name for name, (m, d) in counts.items() if (m > 0 and m >= d) or (m == d == 0 and whole_file)
    )
    problems = []
    if month_first:
        problems.append(
            Problem(
                0,
                "",
                tr(
                    "Dates in this file are written month first (US order) in: {columns}. There, dates that could "
                    "be read either way are reported, not guessed."
                ).format(columns=", ".join(field_labels()[n] for n in counts if n in month_first)),
                "warning",
            )
        )
    if any(m for name, (m, _) in counts.items() if name not in month_first):
        problems.append(
            Problem(
                0,
                "",
                tr(
                    "A few dates written month first (US order) among dates written day first are reported in "
                    "their rows; the others are read day first, as UK lists write them."
                ),
                "warning",
            )
        )
    return month_first, problems


def _read_row(
    number: int, cells: dict[str, object], month_first: frozenset[str]
) -> tuple[ImportedAsset | None, list[Problem]]:
    problems: list[Problem] = []

    def problem(name: str, message: str, level: str = "error") -> None:
        problems.append(Problem(number, name, message, level))

    # Most cells are text, and none too long or a formula: that is checked for the whole row at once.
    texts = {name: " ".join(v.split()) if type(v) is str else cell_text(v) for name, v in cells.items()}
    if max(map(len, texts.values()), default=0) > MAX_CELL or "\n=" in "\n" + "\n".join(texts.values()):
        check_cells(texts, problem)
    dates: dict[str, date | None] = {}
    for name in _ALL_DATE_FIELDS:
        if name not in cells:
            continue
        if texts[name] == "" and (cells[name] is None or type(cells[name]) is str):
            dates[name] = None  # a blank cell (the most common kind): nothing to read
            continue
        try:
            read = last_date_in if name in _PERIOD_FIELDS else parse_date  # "10/11/2026 - 09/05/2027"
            dates[name] = read(
                cells[name] if not isinstance(cells[name], str) else texts[name], month_first_seen=name in month_first
            )
        except DateProblem as error:
            dates[name] = None
            if name == "listing_expiry":  # only checked against the law, never stored: the row still goes in
                what = tr("{error} The list's expiry is only checked, never stored, so the row goes in.")
                problem(name, f"{field_labels()[name]}: {what.format(error=error)}", "warning")
            elif not any(c.isdigit() for c in texts[name]):  # words ("Awaiting", "None received"): no date given
                what = tr("“{text}” is not a date, so the row goes in without one.").format(text=texts[name])
                problem(name, f"{field_labels()[name]}: {what}", "warning")
            else:
                problem(name, f"{field_labels()[name]}: {error}")
    name, address = texts.get("name", ""), texts.get("address", "")
    if not name and texts.get("name_and_address"):
        # "The Crown, 1 Market Place" or, in a cell of several lines, the name on the first
        raw = cells["name_and_address"]
        lines = [" ".join(x.split()) for x in raw.splitlines()] if isinstance(raw, str) else []
        lines = [x for x in lines if x]
        if len(lines) > 1:
            name, _, first = lines[0].partition(",")
            rest = ", ".join(x.strip(" ,") for x in [first, *lines[1:]] if x.strip(" ,"))
        else:
            name, _, rest = texts["name_and_address"].partition(",")
        address = address or rest.strip()
    name = name.strip()
    if not name:
        problem("name", tr("The row has no asset name, so it cannot be imported."))
        return None, problems
    postcode = texts.get("postcode", "")
    if not postcode and (match := _POSTCODE.search(address)):
        postcode = f"{match.group(1)} {match.group(2)}".upper()
    postcode, uprn = checked_codes(postcode, texts.get("uprn", "").removesuffix(".0"), problem)
    latitude, longitude = location_of(texts, problem)
    decision = decision_of(texts, dates.get("decision_date"))
    asset = ImportedAsset(
        rows=[number],
        reference=texts.get("reference", ""),
        name=name,
        address=address,
        postcode=postcode,
        uprn=uprn,
        description=texts.get("description", ""),
        latitude=latitude,
        longitude=longitude,
        nominated_by=texts.get("nominated_by", ""),
        nomination_received=dates.get("nomination_received"),
        decision=decision,
        decision_date=dates.get("decision_date"),
        decision_reasons=texts.get("decision_reasons") or texts.get("unsuccessful_reason", ""),
        notes=texts.get("notes", ""),
        listing_expiry=dates.get("listing_expiry"),
        category=category_of(texts.get("category", ""), problem),
        removed_on=dates.get("removed_on"),
    )
    _read_removal(asset, texts)
    if any(dates.get(n) for n in ("notice_received", "interim_end", "full_end", "protected_end")):
        # A named group, or a request's day, becomes a request of its own (the plan adds it): without the day,
        # one the council counts (Camden's "Community group which triggered full moratorium").
        asset.notices.append(
            ImportedNotice(
                number,
                dates.get("notice_received"),
                dates.get("interim_end"),
                dates.get("full_end"),
                dates.get("protected_end"),
                "",
                dates.get("bid_intention_received"),
                texts.get("interested_group", ""),
                texts.get("interested_group_form", ""),
            )
        )
    elif dates.get("bid_intention_received"):
        problem(
            "bid_intention_received",
            tr(
                "The row gives the day an intention to bid was received but no disposal notice, so the request "
                "was not recorded; add the notice and the request on the asset's page."
            ),
            "warning",
        )
    return asset, problems


def _read_removal(asset: ImportedAsset, texts: dict[str, str]) -> None:
    """Why the asset left the list, from the list's reason or else its status words; that it left, undated."""
    said, status = texts.get("removal_reason", ""), texts.get("status", "").casefold()
    if asset.removed_on is not None:  # seldom: most rows are of assets still listed
        # None when the list names no reason: a new entry gets "other", a recorded reason is kept
        asset.removal_reason = removal_reason(said, status)
    elif asset.decision is NominationDecision.LISTED and removed_undated(status):
        asset.removal_undated = True


def _merge(into: ImportedAsset, other: ImportedAsset) -> list[Problem]:
    """A further row for an asset already read: its notice, and anything the first row left blank; a listing
    that follows the first one's end is another listing (the later is the asset's, the earlier kept apart)."""
    problems = []
    relisted = _another_listing(into, other)
    if relisted and other.decision_date > into.decision_date:
        into.earlier = (*into.earlier, _listing_of(into))
        for name in LISTING_FIELDS:
            setattr(into, name, getattr(other, name))
    elif relisted:
        into.earlier = (*into.earlier, _listing_of(other))
    elif into.decision_date and other.decision_date and other.decision_date != into.decision_date:
        problems.append(
            Problem(
                other.rows[0],
                "decision_date",
                tr(
                    "This row gives {name} as entered on the list on {theirs}, but row {row} gives {ours}, while "
                    "that listing still ran: only {ours} was recorded. Check the council's list, and correct the "
                    "day on the asset's Listing tab if it is the other."
                ).format(
                    name=into.name,
                    theirs=format_date(other.decision_date),
                    row=into.rows[0],
                    ours=format_date(into.decision_date),
                ),
                "warning",
            )
        )
    into.rows.extend(other.rows)
    for name in ("address", "postcode", "uprn", "description", "nominated_by", "decision_reasons", "notes"):
        if not getattr(into, name) and not (relisted and name in LISTING_FIELDS):
            setattr(into, name, getattr(other, name))
    for name in (
        "latitude", "longitude", "nomination_received", "decision_date", "listing_expiry", "category", "removed_on",
        "removal_reason",
    ):  # fmt: skip
        if getattr(into, name) is None and not (relisted and name in LISTING_FIELDS):
            setattr(into, name, getattr(other, name))
    if into.decision is NominationDecision.PENDING:
        into.decision = other.decision
    known = {n.received_on for n in into.notices}
    asked = {(n.received_on, n.bid_received, n.interested_group) for n in into.notices}
    for notice in other.notices:
        if notice.received_on is None or notice.received_on not in known:
            into.notices.append(notice)
        elif notice.bid_received and (notice.received_on, notice.bid_received, notice.interested_group) not in asked:
            into.notices.append(notice)  # another group's request on the same notice: the plan adds it there
    return problems


def _another_listing(one: ImportedAsset, other: ImportedAsset) -> bool:
    """Whether two rows of an asset give two decisions on its nominations: decided on different days, of
    different kinds (an unsuccessful nomination, then a listing), or listings the later after the earlier one
    had ended, its five years over or the asset removed."""
    if NominationDecision.PENDING in (one.decision, other.decision) or not (one.decision_date and other.decision_date):
        return False
    first, second = sorted((one, other), key=lambda x: x.decision_date)
    if first.decision_date == second.decision_date:
        return False
    if first.decision is not second.decision:
        return True
    ended = first.removed_on or listing_end(e.ListEntry(asset_ref="", entered_on=first.decision_date))
    return second.decision_date > ended


def _listing_of(item: ImportedAsset) -> ImportedAsset:
    """One listing of the asset, as the row that gave it says (``LISTING_FIELDS``), to be recorded beside it."""
    return ImportedAsset(rows=item.rows[:1], name=item.name, **{name: getattr(item, name) for name in LISTING_FIELDS})
