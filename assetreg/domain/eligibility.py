"""Whether a group may nominate land, or start the full moratorium, checked condition by condition.

A document that relies on a group's eligibility prints each condition as one plain sentence, and says honestly
which are shown by the register, which are not known, and which fail:

- the body's legal form (s.89(2), reg 5 for a nomination; reg 12 for the full moratorium);
- a local connection: the land is in the area of the council the document goes to, and the group's activities
  are connected with the land (reg 4) — the register holds this as text the group writes; where the group's
  recorded postcode area differs from the land's and nothing is written, the connection is *not shown*;
- no surplus distributed to members (reg 5(1)(c), (f), (g) for a nomination; reg 12 for the moratorium), for
  the forms whose eligibility depends on it;
- at least 21 members on the electoral register locally, for an unincorporated body (reg 5(1)(c));
- for a Scottish asset transfer request, whether the body is a community transfer body (CE(S)A 2015 s.77): a
  community-controlled body, with a written constitution that has what s.19 lists, or one the Scottish Ministers
  have designated; and for a request for ownership, a company, SCIO or community benefit society with at least
  20 members and its property passing to the community or a charity on winding up (s.80). The register holds the
  body's form, members and surplus, and whether a constitution is among the papers, never the constitution's
  words or a designation: those are always "not known", and say what to check.

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
    TRANSFER = "transfer"  # make a Scottish asset transfer request (CE(S)A 2015 ss.77, 79(3), 80)


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
            return {
                Role.NOMINATE: tr("On what the register records, {name} may not nominate this land."),
                Role.TRIGGER: tr(
                    "On what the register records, a request from {name} would not start the full moratorium."
                ),
                Role.TRANSFER: tr(
                    "On what the register records, {name} may not make this request unless the Scottish Ministers "
                    "have designated it (s.77(2))."
                ),
            }[self.role].format(name=name)
        if self.unknown:
            return tr(
                "The register does not yet show every condition: check the points marked “not known” before sending."
            )
        return {
            Role.NOMINATE: tr(
                "On what the register records, {name} is a body that may nominate this land (s.89(2), reg 5)."
            ),
            Role.TRIGGER: tr("On what the register records, {name} is a community interest group (reg 12)."),
            Role.TRANSFER: tr("On what the register records, {name} is a community transfer body (s.77)."),
        }[self.role].format(name=name)


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
    if role is Role.TRIGGER:  # the case judges the request by the same conditions (``trigger_conditions``)
        facts = [_legal_form(group, role), _council_area(asset, council), *trigger_conditions(group, asset.postcode)]
        return Eligibility(role, tuple(facts))
    facts = [_legal_form(group, role), _council_area(asset, council), _local_connection(group, asset.postcode)]
    if group.legal_form in _SURPLUS_FOR_NOMINATION:
        facts.append(_surplus(group, role))
    if group.legal_form is LegalForm.UNINCORPORATED_BODY:
        facts.append(_electors(group))
    return Eligibility(role, tuple(facts))


def trigger_conditions(group: e.CommunityGroup, land_postcode: str) -> tuple[Fact, ...]:
    """What besides its legal form makes ``group`` a community interest group whose request can start the full
    moratorium on land at ``land_postcode`` (reg 12): a local connection, and for a company limited by guarantee or
    a society, no surplus distributed to its members. The case and the request letter both judge by these."""
    facts = [_local_connection(group, land_postcode)]
    if group.legal_form in _SURPLUS_FOR_TRIGGER:
        facts.append(_surplus(group, Role.TRIGGER))
    return tuple(facts)


def _form(group: e.CommunityGroup) -> str:
    if group.legal_form is LegalForm.NOT_KNOWN:
        return tr("a body of a kind not yet known")
    label = group.legal_form.label.lower()
    return f"{'an' if label[:1] in 'aeiou' else 'a'} {label}"


def _legal_form(group: e.CommunityGroup, role: Role) -> Fact:
    if group.legal_form is LegalForm.NOT_KNOWN:
        sentence = {
            Role.NOMINATE: tr(
                "What kind of body {name} is (a charity, a company limited by guarantee…) is not recorded, so the "
                "register does not show that it may nominate land (s.89(2), reg 5): record its legal form."
            ),
            Role.TRIGGER: tr(
                "What kind of body {name} is (a charity, a company limited by guarantee…) is not recorded, so the "
                "register does not show that it is a community interest group (reg 12): record its legal form."
            ),
        }[role]
        return Fact("legal-form", State.UNKNOWN, sentence.format(name=group.name))
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


def _local_connection(group: e.CommunityGroup, land_postcode: str) -> Fact:
    written = group.local_connection.strip()
    if written:
        return Fact(
            "local-connection",
            State.MET,
            tr("Its local connection with the land, as the group records it: {connection}").format(connection=written),
        )
    ours, theirs = postcode_area(group.postcode), postcode_area(land_postcode)
    if ours and theirs and ours != theirs:
        return Fact(
            "local-connection",
            State.FAILED,
            tr(
                "A local connection with the land is not shown: {name} is recorded in the {ours} postcode area and "
                "the land in the {theirs} area, and no local connection is recorded (reg 4). Record how the group's "
                "activities are connected with the land's area."
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


# Forms that can be a community-controlled body (s.19), whose constitution then decides; public bodies, parish
# councils, English neighbourhood forums and individuals cannot, unless the Scottish Ministers designate them.
_CAN_BE_COMMUNITY_CONTROLLED = frozenset(
    {
        LegalForm.UNINCORPORATED_BODY,
        LegalForm.CHARITY,
        LegalForm.COMPANY_LIMITED_BY_GUARANTEE,
        LegalForm.COMMUNITY_BENEFIT_SOCIETY,
        LegalForm.COMMUNITY_INTEREST_COMPANY,
    }
)
_COMPANIES = frozenset({LegalForm.COMPANY_LIMITED_BY_GUARANTEE, LegalForm.COMMUNITY_INTEREST_COMPANY})
MEMBERS_FOR_OWNERSHIP = 20


def transfer_body(group: e.CommunityGroup | None, *, ownership: bool, constitution: str = "") -> Eligibility:
    """Each condition for ``group`` to make a Scottish asset transfer request (s.77, s.19), and for a request for
    ownership (``ownership``) the further ones of s.80. ``constitution`` is the title of the written constitution
    among the request's papers, or "" when none is."""
    if group is None:
        return Eligibility(
            Role.TRANSFER,
            (Fact("group", State.FAILED, tr("No group is named as the body making the request.")),),
        )
    facts = [
        _transfer_form(group),
        _constitution(constitution),
        _constitution_terms(group),
        _community_surplus(group),
    ]
    if ownership:
        facts += [_ownership_form(group), _ownership_members(group), _winding_up(group)]
    return Eligibility(Role.TRANSFER, tuple(facts))


def _transfer_form(group: e.CommunityGroup) -> Fact:
    values = {"name": group.name, "form": _form(group)}
    if group.legal_form in _CAN_BE_COMMUNITY_CONTROLLED:
        return Fact(
            "legal-form",
            State.MET,
            tr("{name} is recorded as {form}, a kind of body that can be community-controlled (s.19).").format(
                **values
            ),
        )
    if group.legal_form in (LegalForm.OTHER, LegalForm.NOT_KNOWN):
        return Fact(
            "legal-form",
            State.UNKNOWN,
            tr(
                "{name} is recorded as {form}: record its legal form to show it can be a community-controlled "
                "body (s.19)."
            ).format(**values),
        )
    return Fact(
        "legal-form",
        State.FAILED,
        tr(
            "{name} is recorded as {form}, which is not a community-controlled body (s.19): only a community "
            "transfer body can make an asset transfer request (s.77)."
        ).format(**values),
    )


def _constitution(title: str) -> Fact:
    if title:
        return Fact(
            "constitution",
            State.MET,
            tr("A written constitution is among the request's papers: {title} (s.19).").format(title=title),
        )
    return Fact(
        "constitution",
        State.UNKNOWN,
        tr(
            "No written constitution is among the request's papers, and a community-controlled body must have one "
            "(s.19): attach it under the governing document."
        ),
    )


def _constitution_terms(group: e.CommunityGroup) -> Fact:
    return Fact(
        "constitution-terms",
        State.UNKNOWN,
        tr(
            "The register does not hold the words of {name}'s constitution. Check that it defines the community the "
            "body relates to, that most members and those in control are members of that community, that "
            "membership is open to anyone in it, and that its aims include a benefit for it (s.19(a)–(e)); or "
            "that the Scottish Ministers have designated the body (s.77(2))."
        ).format(name=group.name),
    )


def _community_surplus(group: e.CommunityGroup) -> Fact:
    if group.distributes_surplus is None:
        return Fact(
            "surplus",
            State.UNKNOWN,
            tr(
                "Whether {name} distributes any surplus to its members is not recorded; a community-controlled "
                "body applies any surplus for the benefit of the community (s.19(f))."
            ).format(name=group.name),
        )
    if group.distributes_surplus:
        return Fact(
            "surplus",
            State.FAILED,
            tr(
                "{name} is recorded as distributing surplus to its members; a community-controlled body applies any "
                "surplus for the benefit of the community (s.19(f))."
            ).format(name=group.name),
        )
    return Fact(
        "surplus",
        State.MET,
        tr("{name} does not distribute any surplus to its members (s.19(f)).").format(name=group.name),
    )


def _ownership_form(group: e.CommunityGroup) -> Fact:
    values = {"name": group.name, "form": _form(group)}
    if group.legal_form in _COMPANIES:
        return Fact(
            "ownership-form",
            State.MET,
            tr("{name} is recorded as {form}, a company, which may ask for ownership (s.80).").format(**values),
        )
    if group.legal_form is LegalForm.CHARITY and group.company_number.strip():
        sentence = tr(
            "{name} is recorded as {form} with company number {number}: a company may ask for ownership (s.80)."
        )
        return Fact("ownership-form", State.MET, sentence.format(number=group.company_number.strip(), **values))
    if group.legal_form is LegalForm.CHARITY:
        sentence = tr(
            "{name} is recorded as {form}: a charity may ask for ownership only if it is a SCIO or a company "
            "(s.80); the register does not say which it is."
        )
        return Fact("ownership-form", State.UNKNOWN, sentence.format(**values))
    if group.legal_form is LegalForm.COMMUNITY_BENEFIT_SOCIETY:
        sentence = tr(
            "{name} is recorded as {form}: a society may ask for ownership only if it is a community benefit "
            "society, not a co-operative (s.80); the register does not say which it is."
        )
        return Fact("ownership-form", State.UNKNOWN, sentence.format(**values))
    if group.legal_form is LegalForm.NOT_KNOWN:
        sentence = tr(
            "{name} is recorded as {form}: record its legal form to show whether it may ask for ownership (s.80)."
        )
        return Fact("ownership-form", State.UNKNOWN, sentence.format(**values))
    sentence = tr(
        "{name} is recorded as {form}: only a company, a SCIO or a community benefit society may ask for ownership "
        "(s.80), unless the Scottish Ministers have designated it for that. It may ask for a lease or other rights."
    )
    return Fact("ownership-form", State.FAILED, sentence.format(**values))


def _ownership_members(group: e.CommunityGroup) -> Fact:
    count, n = group.member_count, MEMBERS_FOR_OWNERSHIP
    if count is None:
        return Fact(
            "members",
            State.UNKNOWN,
            tr(
                "How many members {name} has is not recorded; a body asking for ownership must have at least {n} "
                "(s.80)."
            ).format(name=group.name, n=n),
        )
    if count < n:
        return Fact(
            "members",
            State.FAILED,
            tr(
                "{name} is recorded with {count} members; a body asking for ownership must have at least {n} (s.80)."
            ).format(name=group.name, count=count, n=n),
        )
    return Fact(
        "members",
        State.MET,
        tr("{name} is recorded with {count} members, at least the {n} s.80 asks for.").format(
            name=group.name, count=count, n=n
        ),
    )


def _winding_up(group: e.CommunityGroup) -> Fact:
    return Fact(
        "winding-up",
        State.UNKNOWN,
        tr(
            "The register does not hold the words of {name}'s constitution or articles: check that on winding up "
            "its property passes to another community body or a charity, as s.80 asks of a body seeking ownership."
        ).format(name=group.name),
    )
