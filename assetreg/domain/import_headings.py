"""Which column of a council's list holds what: headings matched to AssetReg's fields by a table of synonyms.

The synonyms come from real lists (Camden's, Stockport's and the national ``asset-of-community-value``
dataset of planning.data.gov.uk). Headings are compared without case, spaces or punctuation, so
``Decision Date``, ``decision_date`` and ``decision-date`` are one heading.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .i18n import tr

IGNORE = ""  # the field of a column that is not imported
LEFT_OUT = "-"  # saved for a column the user chose to leave out, though AssetReg knows its heading


def _fields() -> dict[str, str]:
    return {
        "reference": tr("Council's reference"),
        "name": tr("Asset name"),
        "address": tr("Address"),
        "name_and_address": tr("Name and address together"),
        "postcode": tr("Postcode"),
        "uprn": tr("UPRN"),
        "description": tr("Description"),
        "category": tr("Kind of asset (pub, shop, library…)"),
        "nominated_by": tr("Nominated by"),
        "nomination_received": tr("Date the nomination was received"),
        "decision": tr("Decision"),
        "decision_date": tr("Decision date (entry on the list)"),
        "decision_reasons": tr("Reasons for the decision"),
        "unsuccessful_reason": tr("Reason the nomination was unsuccessful"),
        "listing_expiry": tr("Listing expiry date (checked, not stored)"),
        "status": tr("Status"),
        "removed_on": tr("Date removed from the list"),
        "removal_reason": tr("Reason for removal from the list"),
        "notice_received": tr("Date the owner's notice to dispose was received"),
        "interim_end": tr("End of the interim moratorium (council's)"),
        "bid_intention_received": tr("Date an intention to bid was received"),
        "interested_group": tr("Community group that asked to bid"),
        "interested_group_form": tr("Legal form of the group that asked to bid"),
        "full_end": tr("End of the full moratorium (council's)"),
        "protected_start": tr("Start of the protected period (council's)"),
        "protected_end": tr("End of the protected period (council's)"),
        "location": tr("Location as (latitude, longitude)"),
        "point": tr("Location as POINT(longitude latitude)"),
        "organisation": tr("Council (organisation code)"),
        "council_name": tr("Council (its name)"),
        "notes": tr("Notes"),
    }


_LABELS: dict[str, str] = {}


def field_labels() -> dict[str, str]:
    """Every field a column can go to, with its label, in the order a form lists them."""
    if not _LABELS:
        _LABELS.update(_fields())
    return _LABELS


FIELDS: tuple[str, ...] = tuple(_fields())

# Headings as written in real lists, each under the field it holds. Compared once normalised.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "reference": ("ref", "reference", "acv reference", "acv ref", "council reference", "list reference", "id"),
    "name": ("asset_name", "name", "asset name", "property name", "name of asset", "site name", "asset"),
    "address": ("asset_address", "address-text", "address", "property address", "site address"),
    "name_and_address": ("property name and address", "name and address", "asset name and address"),
    "postcode": ("postcode", "post code", "postal code"),
    "uprn": ("uprn", "unique property reference number"),
    "description": ("description", "asset description", "reason for nomination"),
    "category": ("category", "asset category", "asset type", "type of asset", "kind of asset"),
    "nominated_by": (
        "nominated by",
        "nominating_organisation",
        "nominating-group",
        "nominator",
        "nominating group",
        "nominating body",
    ),
    "nomination_received": (
        "date nomination received",
        "date_nomination_received",
        "nomination-date",
        "nomination date",
        "date received",
        "date of nomination",
        "date nominated",
        "nomination received",
    ),
    "decision": ("decision", "outcome", "nomination outcome"),
    "decision_date": (
        "decision date",
        "decision_date",
        "decision-date",
        "date listed",
        "date of listing",
        "date of decision",
        "listing date",
        "date added to list",
    ),
    "decision_reasons": (
        "decision_rationale",
        "decision rationale",
        "reasons for decision",
        "reason for listing",
        "decision-reasons",
    ),  # fmt: skip
    "unsuccessful_reason": ("reason for unsuccessful nomination", "reason unsuccessful", "reason for refusal"),
    "listing_expiry": (
        "listing expiry date",
        "listing_expiry_date",
        "expiry-date",
        "expiry date",
        "date of expiry",
        "listing end date",
        "listing ends",
        "date listing ends",
        "listing expires",
        "date listing expires",
    ),
    "status": ("status", "listing status", "current status"),
    "removed_on": ("date removed", "date removed from list", "removal date", "date of removal", "date delisted"),
    "removal_reason": ("removal-reason", "reason for removal", "reason removed", "removal reason"),
    "notice_received": (
        "notice to dispose received by council date",
        "notification_of_intention_to_sell_received",
        "notification-to-sell-date",
        "date notice of disposal received",
        "disposal notice received",
        "date notice of intention to dispose",
        "notice of intention to dispose received",
        "date notice of intention to sell",
        "date owner notified council of intention to sell",
    ),
    "interim_end": (
        "interim_moratorium_period",
        "interim moratorium end date",
        "interim moratorium period",
        "council-interim-moratorium-end-date",
        "interim moratorium ends",
        "end of interim moratorium",
    ),  # fmt: skip
    "bid_intention_received": (
        "intention_to_bid_received",
        "intention to bid received",
        "intention-to-bid-date",
        "request to bid received",
        "request to be treated as a bidder received",
        "date request to be treated as bidder received",
    ),
    "interested_group": (
        "community group which triggered full moratorium",
        "name_of_community_interest_group",
        "interested-group",
        "community interest group",
    ),
    "interested_group_form": ("interested-group-legal-form", "legal form of community group", "group legal form"),
    "full_end": (
        "full_moratorium_end_date",
        "full moratorium end date",
        "full moratorium period",
        "council-full-moratorium-end-date",
        "full moratorium ends",
        "end of full moratorium",
    ),  # fmt: skip
    "protected_start": (
        "protected-period-start-date",
        "protected period start date",
        "protected period starts",
        "start of protected period",
    ),
    "protected_end": (
        "protection_period_end_date",
        "protected period end date",
        "council-protected-period-end-date",
        "protected period ends",
        "protection period ends",
        "end of protected period",
    ),  # fmt: skip
    "location": ("location", "lat long", "latitude longitude"),
    "point": ("point",),
    "organisation": ("organisation", "council", "local authority", "authority"),
    "council_name": ("council-name", "council name", "name of council", "local authority name"),
    "notes": ("notes", "comments", "remarks"),
}


def normalise_heading(text: object) -> str:
    """A heading without case, spaces or punctuation: ``Decision Date`` → ``decisiondate``."""
    return re.sub(r"[\W_]+", "", str(text or "").casefold())


def _words(text: object) -> tuple[str, ...]:
    """A heading's words in any order: ``Nomination Received Date`` is ``Date Nomination Received``."""
    return tuple(sorted(re.findall(r"[^\W_]+", str(text or "").casefold())))


_BY_HEADING = {normalise_heading(h): field for field, headings in SYNONYMS.items() for h in headings}


def _by_words() -> dict[tuple[str, ...], str]:
    found: dict[tuple[str, ...], str] = {}
    for field, headings in SYNONYMS.items():
        for words in map(_words, headings):
            found[words] = field if found.get(words, field) == field else IGNORE  # words naming two fields: neither
    return found


_BY_WORDS = _by_words()


# Headings only the national dataset gives a meaning to (its end-date is the day the entry ceased: for an asset,
# the day it left the list), and headings that show a list is the national dataset.
_NATIONAL_ONLY = {"enddate": "removed_on"}
_NATIONAL_MARKS = frozenset({"entrydate", "notificationtoselldate", "addresstext", "nominatinggroup"})


def match_headings(headings: Sequence[object], saved: dict[str, str] | None = None) -> list[str]:
    """The field each heading goes to (``IGNORE`` for none): the user's saved choice for the heading first,
    else the synonym table; no field is given to two columns (the first keeps it)."""
    # A saved "" is a heading no field matched when the mapping was saved (as mappings once were saved): it is
    # matched again, since AssetReg may know it now. Only LEFT_OUT is the user's choice to leave a column out.
    saved = {normalise_heading(h): f for h, f in (saved or {}).items() if f}
    keys = [normalise_heading(h) for h in headings]
    national = not _NATIONAL_MARKS.isdisjoint(keys)
    result = [saved.get(k, "") if saved.get(k, "") in FIELDS else IGNORE for k in keys]
    taken = {f for f in result if f}
    for i, key in enumerate(keys):
        if result[i] or key in saved:  # a column the user chose to leave out stays out
            continue
        # "End date" in a council's own list is as often the listing's expiry: it is not guessed there.
        field = _NATIONAL_ONLY.get(key, IGNORE) if national else IGNORE
        field = field or _BY_HEADING.get(key) or _BY_WORDS.get(_words(headings[i]), IGNORE)
        if field and field not in taken:
            result[i] = field
            taken.add(field)
    return result


def left_out(headings: Sequence[object], fields: Sequence[str], saved: dict[str, str] | None = None) -> list[str]:
    """A note for each named column left out, unless the user chose to leave it out: no field matches its
    heading, or the field it matches goes to another column."""
    chosen = {normalise_heading(h) for h, f in (saved or {}).items() if f}
    notes = []
    for heading, field in zip(headings, fields, strict=True):
        key = normalise_heading(heading)
        if field or not key or key in chosen or key.startswith("assetreg"):
            continue  # (an assetreg- column of an export is AssetReg's working-out: an import works it out afresh)
        shown = " ".join(str(heading).split())
        matched = _BY_HEADING.get(key) or _BY_WORDS.get(_words(heading), IGNORE)
        if matched and matched in fields:
            holder = " ".join(str(headings[list(fields).index(matched)]).split())
            notes.append(
                tr("The column “{heading}” is not imported: the column “{other}” already goes to {field}.").format(
                    heading=shown, field=field_labels()[matched], other=holder
                )
            )
        else:
            notes.append(
                tr(
                    "The column “{heading}” is not imported: no field of AssetReg's matches its heading. To import "
                    "it, choose its field in the app's import mapping (File ▸ Import council list…) or with --column "
                    "on the command line; the choice is saved for next time."
                ).format(heading=shown)
            )
    return notes


def mapping_problems(fields: Sequence[str]) -> list[str]:
    """What is missing from a mapping for the rows to be imported at all."""
    chosen = set(fields)
    problems = []
    if not chosen & {"name", "name_and_address"}:
        problems.append(
            tr(
                "No column holds the asset's name; choose which one does in the app's import mapping (File ▸ "
                "Import council list…), which is saved for the council and used by later imports, on the command "
                "line too."
            )
        )
    duplicates = sorted({f for f in fields if f and list(fields).count(f) > 1})
    problems += [tr("Two columns go to “{field}”; choose one.").format(field=field_labels()[f]) for f in duplicates]
    return problems
