"""A transfer application from start to finish: the profile to suggest, the first step, the stage that recorded
dates and a decision lead to, and the dates the application's case account gives it.

The GUI makes the edits through its undo history; what the edits should be is worked out here.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from ..domain import entities as e
from ..domain.asset_deadlines import AssetDeadline
from ..domain.council_profiles import PROFILES, CouncilProfile
from ..domain.dates import format_date
from ..domain.deadlines import compute
from ..domain.enums import ApplicationKind, Jurisdiction
from ..domain.errors import ValidationError
from ..domain.i18n import tr
from ..domain.records import parse_reference
from ..domain.rules import ATR_DECIDE, Event
from .deadlines import calendars, register_cases
from .register import Register
from .settings import load_settings

_BEFORE_VALIDATION = ("draft", "submitted")
_UNDECIDED = ("draft", "submitted", "validated")


class Decision(StrEnum):
    """What the authority decided on a Scottish asset transfer request, as the application form asks it."""

    NONE = ""
    AGREED = "agreed"
    REFUSED = "refused"
    DEEMED_REFUSED = "deemed-refused"

    @property
    def label(self) -> str:
        return {
            "": tr("No decision yet"),
            "agreed": tr("Agreed"),
            "refused": tr("Refused"),
            "deemed-refused": tr("No decision in time (treated as refused)"),
        }[self.value]


@dataclass(frozen=True)
class StageMove:
    """A stage the application should move to, and the day it got there."""

    stage: str
    on: date


def profiles_for(kind: ApplicationKind) -> tuple[CouncilProfile, ...]:
    """The council profiles an application of this kind can follow, the usual one first."""
    return tuple(p for p in PROFILES if p.kind is kind)


def suggested_kind(authority: e.Authority | None) -> ApplicationKind:
    """A Scottish council's transfers are usually asset transfer requests under the 2015 Act."""
    if authority is not None and authority.jurisdiction is Jurisdiction.SCOTLAND:
        return ApplicationKind.SCOTTISH_ASSET_TRANSFER_REQUEST
    return ApplicationKind.COMMUNITY_ASSET_TRANSFER


def suggested_profile(authority: e.Authority | None, kind: ApplicationKind) -> str:
    """The council's own profile when one is recorded for it (by its name), else the usual one for the kind."""
    choices = profiles_for(kind)
    if authority is not None:
        name = authority.name.casefold()
        for p in choices[1:]:
            if p.name.split()[0].casefold() in name:
                return p.code
    return choices[0].code


def first_step(application: e.TransferApplication, today: date) -> tuple[e.TransferApplication, e.StageChange]:
    """A new application at its first stage, with that first dated step.

    A Scottish request with a submission date starts as submitted on that day; anything else starts at the first
    stage of its kind today.
    """
    stages = application.kind.stages
    stage, on = stages[0], today
    if application.kind is ApplicationKind.SCOTTISH_ASSET_TRANSFER_REQUEST and application.submitted_on:
        stage, on = "submitted", application.submitted_on
    if on > today:
        raise ValidationError.single(
            "submitted_on",
            tr("{date} is in the future; record the request once it is sent.").format(date=format_date(on)),
        )
    started = dataclasses.replace(application, stage=stage)
    return started, e.StageChange(application_ref="", stage=stage, changed_on=on, notes=tr("Application started"))


def decision_of(application: e.TransferApplication) -> Decision:
    """The decision the application's stage records (none while it waits for one)."""
    try:
        return Decision(application.stage)
    except ValueError:
        return Decision.REFUSED if application.stage in ("review", "appeal") else Decision.NONE


def stage_move(
    register: Register, before: e.TransferApplication, after: e.TransferApplication, decision: Decision
) -> StageMove | None:
    """Where recording these dates and this decision takes a Scottish request, if anywhere.

    A validation date moves a submitted request to validated on that day; a decision moves a request still waiting
    for one to agreed or refused on the day of the decision notice. A request treated as refused moves on the day
    after the decision period ran out, which must have passed. Council transfers move only by "Move to stage".
    """
    if after.kind is not ApplicationKind.SCOTTISH_ASSET_TRANSFER_REQUEST:
        return None
    if decision is not Decision.NONE and after.stage in _UNDECIDED:
        if decision is Decision.DEEMED_REFUSED:
            return StageMove(decision.value, _deemed_refusal_on(register, after))
        if after.decision_notice_on is None:
            raise ValidationError.single(
                "decision_notice_on", tr("Enter the date of the decision notice, to record the decision.")
            )
        return StageMove(decision.value, after.decision_notice_on)
    if after.validated_on is not None and before.validated_on is None and after.stage in _BEFORE_VALIDATION:
        return StageMove("validated", after.validated_on)
    return None


def _deemed_refusal_on(register: Register, application: e.TransferApplication) -> date:
    if application.validated_on is None:
        raise ValidationError.single("validated_on", tr("Enter the validation date: the decision period runs from it."))
    calendar = calendars(load_settings(register))[Jurisdiction.SCOTLAND]
    found = compute(Event.ATR_VALIDATED, application.validated_on, Jurisdiction.SCOTLAND, calendar)
    due = next((d for d in found if d.code == ATR_DECIDE), None)
    if due is None:
        raise ValidationError.single("decision", tr("The decision period of this request cannot be worked out."))
    if due.date >= register.today():
        raise ValidationError.single(
            "decision",
            tr("The council has until {date} to decide; a request is treated as refused only after that.").format(
                date=format_date(due.date)
            ),
        )
    return due.date + timedelta(days=1)


def application_dates(register: Register, reference: str, today: date | None = None) -> tuple[AssetDeadline, ...]:
    """The dated things of one application from its asset's case account (SCOT-ATR-DECIDE and the rest), in
    date order, met ones included."""
    from .records import Records

    _, reference = parse_reference(reference)
    application = Records(register).get(reference)
    cases = register_cases(register, today, asset_ref=application.asset_ref)
    found = [d for case in cases for d in case.deadlines or () if d.record_ref == reference]
    return tuple(sorted(found, key=lambda d: (d.date, d.code)))
