"""Whether a group may nominate land, or start the full moratorium, checked condition by condition.

A document that relies on a group's eligibility prints each condition as one plain sentence, and says honestly
which are shown by the register, which are not known, and which fail:

- the body's legal form (s.89(2), reg 5 for a nomination; reg 12 for the full moratorium);
- a local connection: the land is in the area of the council the document goes to, and the group's activities
  are connected with the land (reg 4) — the register holds this as text the group writes; where the group's
  recorded postcode area differs from the land's and nothing is written, the connection is *not shown*;
- no surplus distributed to members (reg 5(1)(c), (f), (g) for a nomination; reg 12 for the moratorium), for
  the forms whose eligibility depends on it;
- at least 21 members on the electoral register locally, for an unincorporated body (reg 5(1)(c)).

Pure: it reads the records it is given and nothing else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from . import entities as e
from .enums import LegalForm
from .i18n import tr
from .requests import can_nominate, can_trigger_full_moratorium


class Role(StrEnum):
    """What the group wants to do."""

    NOMINATE = "nominate"  # nominate land for listing (s.89)
    TRIGGER = "trigger"  # start the full moratorium with a request to be treated as a bidder (s.95(3), reg 12)


class State(StrEnum):
    """What the register shows of one condition."""

    MET = "met"
    UNKNOWN = "unknown"
    FAILED = "failed"


@dataclass(frozen=True)
class Fact:
    """One condition of eligibility and what the register shows of it, in one sentence."""

    code: str  # "legal-form", "local-connection", "council-area", "surplus", "electors", "group"
    state: State
    sentence: str


@dataclass(frozen=True)
class Eligibility:
    """Every condition a document relies on, each met, not known or failed."""

    role: Role
    facts: tuple[Fact, ...]

    @property
    def failed(self) -> tuple[Fact, ...]:
        return tuple(f for f in self.facts if f.state is State.FAILED)

    @property
    def unknown(self) -> tuple[Fact, ...]:
        return tuple(f for f in self.facts if f.state is State.UNKNOWN)

    @property
    def shown(self) -> bool:
        """Whether the register shows every condition met."""
        return all(f.state is State.MET for f in self.facts)

    def summary(self, name: str) -> str:
        """One sentence on the whole: eligible, not eligible, or not yet shown."""
        if self.failed:
            return (
                tr("On what the register records, {name} may not nominate this land.")
                if self.role is Role.NOMINATE
                else tr("On what the register records, a request from {name} would not start the full moratorium.")
            ).format(name=name)
        if self.unknown:
            return tr(
                "The register does not yet show every condition: check the points marked “not known” before sending."
            )
        return (
            tr("On what the register records, {name} is a body that may nominate this land (s.89(2), reg 5).")
            if self.role is Role.NOMINATE
            else tr("On what the register records, {name} is a community interest group (reg 12).")
        ).format(name=name)


# Reg 5(1)(c), (f), (g): the forms that may nominate only if they do not distribute surplus to their members.
_SURPLUS_FOR_NOMINATION = frozenset(
    {LegalForm.UNINCORPORATED_BODY, LegalForm.COMPANY_LIMITED_BY_GUARANTEE, LegalForm.COMMUNITY_BENEFIT_SOCIETY}
)
# Reg 12: the company limited by guarantee and the society count as community interest groups only if so too.
_SURPLUS_FOR_TRIGGER = frozenset({LegalForm.COMPANY_LIMITED_BY_GUARANTEE, LegalForm.COMMUNITY_BENEFIT_SOCIETY})
ELECTORS_NEEDED = 21


def surplus_matters(legal_form: LegalForm) -> bool:
    """Whether a body of this legal form may nominate, or start the full moratorium, only if it does not
    distribute surplus to its members (reg 5(1)(c), (f), (g); reg 12): the forms that ask the question."""
    return legal_form in _SURPLUS_FOR_NOMINATION | _SURPLUS_FOR_TRIGGER


def eligibility(group: e.CommunityGroup | None, asset: e.Asset, council: e.Authority | None, role: Role) -> Eligibility:
    """Each condition for ``group`` to nominate ``asset`` to ``council`` (or start its full moratorium)."""
    if group is None:
        return Eligibility(
            role,
            (Fact("group", State.FAILED, tr("No group is named: name the group in AssetReg before sending this.")),),
        )
    facts = [_legal_form(group, role), _council_area(asset, council), _local_connection(group, asset)]
    if group.legal_form in (_SURPLUS_FOR_NOMINATION if role is Role.NOMINATE else _SURPLUS_FOR_TRIGGER):
        facts.append(_surplus(group, role))
    if role is Role.NOMINATE and group.legal_form is LegalForm.UNINCORPORATED_BODY:
        facts.append(_electors(group))
    return Eligibility(role, tuple(facts))


def _form(group: e.CommunityGroup) -> str:
    label = group.legal_form.label.lower()
    return f"{'an' if label[:1] in 'aeiou' else 'a'} {label}"


def _legal_form(group: e.CommunityGroup, role: Role) -> Fact:
    if role is Role.NOMINATE:
        if can_nominate(group.legal_form):
            sentence = tr("{name} is recorded as {form}, a kind of body that may nominate land (s.89(2), reg 5).")
            return Fact("legal-form", State.MET, sentence.format(name=group.name, form=_form(group)))
        sentence = tr("{name} is recorded as {form}, a kind of body that may not nominate land (s.89(2), reg 5).")
        return Fact("legal-form", State.FAILED, sentence.format(name=group.name, form=_form(group)))
    if can_trigger_full_moratorium(group.legal_form):
        sentence = tr("{name} is recorded as {form}, a kind of body that can be a community interest group (reg 12).")
        return Fact("legal-form", State.MET, sentence.format(name=group.name, form=_form(group)))
    sentence = tr(
        "{name} is recorded as {form}: only a parish council, charity, community interest company, company limited "
        "by guarantee or co-operative or community benefit society can start the full moratorium (reg 12). Ask "
        "such a group to send the request too."
    )
    return Fact("legal-form", State.FAILED, sentence.format(name=group.name, form=_form(group)))


def _council_area(asset: e.Asset, council: e.Authority | None) -> Fact:
    if council is None or not asset.authority_ref:
        return Fact(
            "council-area",
            State.UNKNOWN,
            tr("The council whose area the land is in is not recorded."),
        )
    if council.reference and asset.authority_ref != council.reference:
        return Fact(
            "council-area",
            State.FAILED,
            tr("The land is not recorded as being in the area of {council}.").format(council=council.name),
        )
    return Fact("council-area", State.MET, tr("The land is in the area of {council}.").format(council=council.name))


def postcode_area(postcode: str) -> str:
    """The letters a postcode starts with ("SK1 3XE" → "SK"), or "" when it has none."""
    found = re.match(r"\s*([A-Za-z]{1,2})\d", postcode or "")
    return found.group(1).upper() if found else ""


def _local_connection(group: e.CommunityGroup, asset: e.Asset) -> Fact:
    written = group.local_connection.strip()
    if written:
        return Fact(
            "local-connection",
            State.MET,
            tr("Its local connection with the land, as the group records it: {connection}").format(connection=written),
        )
    ours, theirs = postcode_area(group.postcode), postcode_area(asset.postcode)
    if ours and theirs and ours != theirs:
        return Fact(
            "local-connection",
            State.FAILED,
            tr(
                "A local connection with the land is not shown: {name} is recorded at a {ours} postcode and the land "
                "at a {theirs} postcode, and no local connection is recorded (reg 4)."
            ).format(name=group.name, ours=ours, theirs=theirs),
        )
    return Fact(
        "local-connection",
        State.UNKNOWN,
        tr(
            "The group's local connection with the land is not recorded (reg 4): record how its activities are "
            "connected with the land's area."
        ),
    )


def _surplus(group: e.CommunityGroup, role: Role) -> Fact:
    rule = "reg 5(1)" if role is Role.NOMINATE else "reg 12"
    if group.distributes_surplus is None:
        return Fact(
            "surplus",
            State.UNKNOWN,
            tr("Whether {name} distributes any surplus to its members is not recorded ({rule}).").format(
                name=group.name, rule=rule
            ),
        )
    if group.distributes_surplus:
        sentence = (
            tr("{name} is recorded as distributing surplus to its members, so it may not nominate land ({rule}).")
            if role is Role.NOMINATE
            else tr(
                "{name} is recorded as distributing surplus to its members, so it is not a community interest "
                "group and its request cannot start the full moratorium ({rule})."
            )
        )
        return Fact("surplus", State.FAILED, sentence.format(name=group.name, rule=rule))
    return Fact(
        "surplus",
        State.MET,
        tr("{name} does not distribute any surplus to its members ({rule}).").format(name=group.name, rule=rule),
    )


def _electors(group: e.CommunityGroup) -> Fact:
    count = group.local_elector_count
    if count is None:
        return Fact(
            "electors",
            State.UNKNOWN,
            tr(
                "How many of its members are on the electoral register for the council's area (or a neighbouring "
                "one) is not recorded; an unincorporated body needs at least {n} (reg 5(1)(c))."
            ).format(n=ELECTORS_NEEDED),
        )
    if count < ELECTORS_NEEDED:
        return Fact(
            "electors",
            State.FAILED,
            tr(
                "Only {count} of its members are recorded as local electors; an unincorporated body needs at least "
                "{n} (reg 5(1)(c))."
            ).format(count=count, n=ELECTORS_NEEDED),
        )
    return Fact(
        "electors",
        State.MET,
        tr("{count} of its members are local electors, at least the {n} reg 5(1)(c) asks for.").format(
            count=count, n=ELECTORS_NEEDED
        ),
    )
