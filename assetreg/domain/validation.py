"""Checks and normalisation of records before they are saved.

``validate(entity)`` returns the entity with normalised values (postcodes in capitals with one space, title
numbers in capitals) or raises ``ValidationError`` naming every field that is wrong, each with a message that
says what is wrong and what to do.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from datetime import date

from . import entities as e
from .dates import format_date
from .enums import DisposalKind, ListEntryKind
from .errors import ValidationError
from .i18n import tr
from .marks import normalise_uid
from .pack_sections import SECTION_CODES, pack_section

_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$")
_SPACES = re.compile(r"\s+")
_TITLE_NUMBER = re.compile(r"^[A-Z]{0,3}[0-9]{1,7}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
UPRN_MAX_DIGITS = 12


def is_uprn(text: str) -> bool:
    """Whether ``text`` is a Unique Property Reference Number: up to 12 digits, nothing else."""
    return text.isdigit() and text.isascii() and len(text) <= UPRN_MAX_DIGITS


def normalise_postcode(text: str) -> str:
    """A UK postcode in its standard form (``sw1a1aa`` → ``SW1A 1AA``); ``ValueError`` if it is not one."""
    compact = _SPACES.sub("", text).upper()
    if compact == "GIR0AA":
        return "GIR 0AA"
    match = _POSTCODE.match(compact)
    if not match:
        raise ValueError(text)
    return f"{match.group(1)} {match.group(2)}"


class _Problems(dict[str, str]):
    """Collects one message per field, so a form can show each next to its field."""

    def require_text(self, name: str, value: str, what: str) -> None:
        if not value.strip():
            self[name] = tr("Enter the {what}; it cannot be left blank.").format(what=what)

    def not_before(
        self, later_name: str, later: date | None, earlier: date | None, later_what: str, earlier_what: str
    ) -> None:
        if later is not None and earlier is not None and later < earlier:
            self[later_name] = tr(
                "The {later} ({later_date}) cannot be before the {earlier} ({earlier_date}); check both dates."
            ).format(
                later=later_what,
                later_date=format_date(later),
                earlier=earlier_what,
                earlier_date=format_date(earlier),
            )

    def non_negative(self, name: str, value: int | None, what: str) -> None:
        if value is not None and value < 0:
            self[name] = tr("The {what} cannot be negative.").format(what=what)

    def positive(self, name: str, value: int | None, what: str) -> None:
        if value is not None and value <= 0:
            self[name] = tr("The {what} must be a whole number of at least 1.").format(what=what)

    def email(self, name: str, value: str) -> None:
        if value and not _EMAIL.match(value.strip()):
            self[name] = tr("“{value}” does not look like an email address (name@example.org).").format(value=value)

    def postcode(self, name: str, value: str) -> str:
        if not value.strip():
            return ""
        try:
            return normalise_postcode(value)
        except ValueError:
            self[name] = tr("“{value}” is not a UK postcode. Enter it like SW1A 1AA, or leave it blank.").format(
                value=value.strip()
            )
            return value


# Fields validating sets from the others, not only normalises: an update writes them with the fields asked for.
DERIVED_FIELDS = frozenset({"council_counted"})


def validate(entity: object) -> object:
    """The entity with normalised fields; raises ``ValidationError`` listing every problem."""
    check = _CHECKS.get(type(entity))
    problems = _Problems()
    changes: dict[str, object] = check(entity, problems) if check else {}
    if problems:
        raise ValidationError(problems)
    # Only what normalising changed: most records come already normal, and copying them is most of the cost.
    changes = {k: v for k, v in changes.items() if not _same(getattr(entity, k), v)}
    return dataclasses.replace(entity, **changes) if changes else entity


def _same(old: object, new: object) -> bool:
    return old is new or (type(old) is type(new) and old == new)


def _group(g: e.CommunityGroup, p: _Problems) -> dict[str, object]:
    p.require_text("name", g.name, tr("group's name"))
    p.non_negative("member_count", g.member_count, tr("number of members"))
    p.non_negative("local_elector_count", g.local_elector_count, tr("number of members on the local electoral roll"))
    if g.member_count is not None and g.local_elector_count is not None and g.local_elector_count > g.member_count:
        p["local_elector_count"] = tr("The members on the local electoral roll cannot outnumber the members.")
    p.email("email", g.email)
    return {"name": g.name.strip(), "postcode": p.postcode("postcode", g.postcode)}


def _authority(a: e.Authority, p: _Problems) -> dict[str, object]:
    p.require_text("name", a.name, tr("authority's name"))
    p.email("email", a.email)
    return {"name": a.name.strip(), "code": a.code.strip()}


def _party(party: e.Party, p: _Problems) -> dict[str, object]:
    p.require_text("name", party.name, tr("name"))
    p.email("email", party.email)
    return {"name": party.name.strip(), "postcode": p.postcode("postcode", party.postcode)}


def _asset(a: e.Asset, p: _Problems) -> dict[str, object]:
    p.require_text("name", a.name, tr("asset's name"))
    uprn = a.uprn.strip()
    if uprn and not is_uprn(uprn):
        p["uprn"] = tr(
            "A UPRN is a number of up to 12 digits, with no letters or spaces; “{value}” is not one."
        ).format(value=uprn)
    titles = tuple(t.strip().upper().replace(" ", "") for t in a.title_numbers if t.strip())
    bad = [t for t in titles if not _TITLE_NUMBER.match(t)]
    if bad:
        p["title_numbers"] = tr(
            "{value} is not a Land Registry title number; they look like NGL123456 or SY12345."
        ).format(value=", ".join(bad))
    if (a.latitude is None) != (a.longitude is None):
        p["latitude"] = tr("Enter both the latitude and the longitude, or neither.")
    elif a.latitude is not None and not (49.0 <= a.latitude <= 61.0 and -9.0 <= a.longitude <= 2.0):
        p["latitude"] = tr(
            "The point {lat}, {lon} is not in the UK. Latitude comes first (for example 51.5, -0.12)."
        ).format(lat=a.latitude, lon=a.longitude)
    return {
        "name": a.name.strip(),
        "uprn": uprn,
        "title_numbers": titles,
        "postcode": p.postcode("postcode", a.postcode),
    }


def _interest(i: e.Interest, p: _Problems) -> dict[str, object]:
    p.positive("lease_term_years", i.lease_term_years, tr("lease term in years"))
    p.not_before("until_on", i.until_on, i.since_on, tr("end date"), tr("start date"))
    return {}


def _nomination(n: e.Nomination, p: _Problems) -> dict[str, object]:
    p.not_before(
        "received_on",
        n.received_on,
        n.sent_on,
        tr("date the council received the nomination"),
        tr("date it was sent"),
    )
    p.not_before(
        "decided_on",
        n.decided_on,
        n.received_on,
        tr("decision date"),
        tr("date the council received the nomination"),
    )
    return {}


def _list_entry(entry: e.ListEntry, p: _Problems) -> dict[str, object]:
    p.not_before("removed_on", entry.removed_on, entry.entered_on, tr("removal date"), tr("date of entry"))
    p.not_before(
        "notice_given_on",
        entry.notice_given_on,
        entry.entered_on,
        tr("date the listing notice was given"),
        tr("date of entry"),
    )
    if (entry.removed_on is None) != (entry.removal_reason is None):
        p["removal_reason"] = tr("Give both the date the entry was removed and the reason, or neither.")
    if entry.kind is ListEntryKind.UNSUCCESSFUL and entry.notice_given_on is not None:
        p["notice_given_on"] = tr(
            "Only a listed asset has a listing notice; leave it blank for an unsuccessful nomination."
        )
    return {}


def still_to_come(entity: object, today: date) -> list[str]:
    """A warning for each day the record says something was sent or received that is after ``today``: almost
    always a slip of the year or month, and a case would be written up as if it had already happened. The record
    is not refused for it (a register may be set up ahead, and may be looked at as of an earlier day)."""
    found = []
    for name, what in (("sent_on", tr("sent")), ("received_on", tr("received"))):
        day = getattr(entity, name, None)
        if isinstance(day, date) and day > today:
            found.append(
                tr("The day it was {what}, {day}, is still to come (today is {today}); check the date.").format(
                    what=what, day=format_date(day), today=format_date(today)
                )
            )
    return found


def check_list_entry_against_nomination(entry: e.ListEntry, nomination: e.Nomination) -> None:
    """Raises ``ValidationError`` when an entry is dated before its nomination was received."""
    p = _Problems()
    p.not_before(
        "entered_on",
        entry.entered_on,
        nomination.received_on,
        tr("date of entry on the list"),
        tr("date the council received the nomination"),
    )
    if p:
        raise ValidationError(p)


def _challenge(c: e.Challenge, p: _Problems) -> dict[str, object]:
    p.not_before(
        "decision_sent_on",
        c.decision_sent_on,
        c.received_on,
        tr("date the decision was sent"),
        tr("date the request was received"),
    )
    return {}


def _disposal_notice(n: e.DisposalNotice, p: _Problems) -> dict[str, object]:
    p.not_before(
        "received_on",
        n.received_on,
        n.sent_on,
        tr("date the council received the notice"),
        tr("date the owner sent it"),
    )
    if n.disposal_kind is DisposalKind.FREEHOLD:
        if n.lease_term_years is not None:
            p["lease_term_years"] = tr("A freehold sale has no lease term; leave it blank or choose a lease.")
    elif n.lease_term_years is None:
        # Only a lease of 25 years or more is a relevant disposal, so the clocks cannot be worked out without it.
        p["lease_term_years"] = tr(
            "Enter the lease term in years: only a lease of 25 years or more starts a moratorium."
        )
    else:
        p.positive("lease_term_years", n.lease_term_years, tr("lease term in years"))
    for name, value in (
        ("published_interim_end_on", n.published_interim_end_on),
        ("published_full_end_on", n.published_full_end_on),
        ("published_protected_end_on", n.published_protected_end_on),
    ):
        p.not_before(name, value, n.received_on, tr("published end date"), tr("date the council received the notice"))
    p.not_before(
        "outcome_on",
        n.outcome_on,
        n.received_on or n.sent_on,
        tr("date of the outcome"),
        tr("date of the notice"),
    )
    return {}


def _bidder_request(r: e.BidderRequest, p: _Problems) -> dict[str, object]:
    p.not_before(
        "received_on",
        r.received_on,
        r.sent_on,
        tr("date the council received the request"),
        tr("date it was sent"),
    )
    # Once the day it was received is recorded, that day decides: the council's word is no longer needed.
    return {"council_counted": False} if r.council_counted and r.received_on is not None else {}


def _transfer_application(t: e.TransferApplication, p: _Problems) -> dict[str, object]:
    if t.stage not in t.kind.stages:
        p["stage"] = tr(
            "“{stage}” is not a stage of this kind of application ({kind}); choose one of: {stages}."
        ).format(stage=t.stage, kind=t.kind.label, stages=", ".join(t.kind.stages))
    p.positive("lease_term_years", t.lease_term_years, tr("lease term in years"))
    p.not_before("validated_on", t.validated_on, t.submitted_on, tr("validation date"), tr("date it was submitted"))
    p.not_before(
        "decision_notice_on",
        t.decision_notice_on,
        t.validated_on or t.submitted_on,
        tr("date of the decision notice"),
        tr("date it was validated or submitted"),
    )
    return {}


def _stage_change(s: e.StageChange, p: _Problems) -> dict[str, object]:
    p.require_text("stage", s.stage, tr("stage"))
    return {}


def _pack_answer(a: e.PackAnswer, p: _Problems) -> dict[str, object]:
    if a.section not in SECTION_CODES:
        p["section"] = tr("“{section}” is not a pack section; choose one of: {sections}.").format(
            section=a.section, sections=", ".join(SECTION_CODES)
        )
    # Pasted text keeps its paragraphs, whatever line endings it came with; only the ends are trimmed.
    answer = a.answer.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not answer:
        section = pack_section(a.section)
        p["answer"] = tr("Write the group's answer to “{section}”; it cannot be left blank.").format(
            section=section.name if section else a.section
        )
    return {"answer": answer}


def _document(d: e.Document, p: _Problems) -> dict[str, object]:
    p.require_text("title", d.title, tr("document's title"))
    p.require_text("original_filename", d.original_filename, tr("file name"))
    return {"title": d.title.strip()}


def _user_deadline(t: e.UserDeadline, p: _Problems) -> dict[str, object]:
    p.require_text("title", t.title, tr("task's title"))
    p.non_negative("lead_days", t.lead_days, tr("reminder lead time in days"))
    return {"title": t.title.strip()}


def _deadline_mark(m: e.DeadlineMark, p: _Problems) -> dict[str, object]:
    if not m.uid.strip():
        p["uid"] = tr("Say which deadline this marks: its uid, for example DN-0001/ACV-IMP-END.")
        return {}
    try:
        uid = normalise_uid(m.uid)
    except ValueError as error:
        p["uid"] = str(error)
        return {}
    return {"uid": uid}


_CHECKS: dict[type, Callable[..., dict[str, object]]] = {
    e.CommunityGroup: _group,
    e.Authority: _authority,
    e.Party: _party,
    e.Asset: _asset,
    e.Interest: _interest,
    e.Nomination: _nomination,
    e.ListEntry: _list_entry,
    e.Challenge: _challenge,
    e.DisposalNotice: _disposal_notice,
    e.BidderRequest: _bidder_request,
    e.TransferApplication: _transfer_application,
    e.StageChange: _stage_change,
    e.PackAnswer: _pack_answer,
    e.Document: _document,
    e.UserDeadline: _user_deadline,
    e.DeadlineMark: _deadline_mark,
}
