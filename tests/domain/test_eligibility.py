"""Each condition of a group's eligibility, read from the register: shown, not known or not met."""

from __future__ import annotations

import dataclasses

from assetreg.domain import entities as e
from assetreg.domain.eligibility import Role, State, eligibility, postcode_area, transfer_body
from assetreg.domain.enums import LegalForm

STOCKPORT = e.Authority(reference="AUT-0002", name="Stockport Metropolitan Borough Council")
PUB = e.Asset(reference="AST-0001", name="The Crown", authority_ref="AUT-0002", postcode="SK1 3XE")
KENT = e.CommunityGroup(
    name="Ashcombe Pub Society",
    legal_form=LegalForm.COMMUNITY_BENEFIT_SOCIETY,
    postcode="TN14 6AB",
    distributes_surplus=False,
)


def states(result) -> dict[str, State]:
    return {f.code: f.state for f in result.facts}


def test_a_kent_society_is_not_shown_to_have_a_local_connection_to_land_in_stockport() -> None:
    result = eligibility(KENT, PUB, STOCKPORT, Role.NOMINATE)
    assert states(result)["local-connection"] is State.FAILED
    fact = next(f for f in result.facts if f.code == "local-connection")
    assert "not shown" in fact.sentence and "TN" in fact.sentence and "SK" in fact.sentence
    assert "may not nominate" in result.summary(KENT.name)


def test_a_recorded_local_connection_is_printed_as_the_group_wrote_it() -> None:
    group = dataclasses.replace(KENT, local_connection="Members run the Stockport food bank")
    result = eligibility(group, PUB, STOCKPORT, Role.NOMINATE)
    assert result.shown
    assert "Members run the Stockport food bank" in next(
        f.sentence for f in result.facts if f.code == "local-connection"
    )


def test_without_a_postcode_to_compare_the_connection_is_not_known() -> None:
    group = dataclasses.replace(KENT, postcode="")
    assert states(eligibility(group, PUB, STOCKPORT, Role.NOMINATE))["local-connection"] is State.UNKNOWN


def test_land_in_another_councils_area_fails() -> None:
    other = e.Authority(reference="AUT-0009", name="Sevenoaks District Council")
    result = eligibility(dataclasses.replace(KENT, local_connection="x"), PUB, other, Role.NOMINATE)
    assert states(result)["council-area"] is State.FAILED


def test_surplus_unknown_is_a_warning_and_distributing_it_fails() -> None:
    group = dataclasses.replace(KENT, local_connection="x")
    assert (
        states(eligibility(dataclasses.replace(group, distributes_surplus=None), PUB, STOCKPORT, Role.TRIGGER))[
            "surplus"
        ]
        is State.UNKNOWN
    )
    result = eligibility(dataclasses.replace(group, distributes_surplus=True), PUB, STOCKPORT, Role.TRIGGER)
    assert states(result)["surplus"] is State.FAILED
    assert "would not start the full moratorium" in result.summary(group.name)


def test_a_charity_has_no_surplus_condition_and_an_unincorporated_body_needs_21_electors() -> None:
    charity = dataclasses.replace(KENT, legal_form=LegalForm.CHARITY, local_connection="x", distributes_surplus=None)
    assert "surplus" not in states(eligibility(charity, PUB, STOCKPORT, Role.NOMINATE))
    body = dataclasses.replace(KENT, legal_form=LegalForm.UNINCORPORATED_BODY, local_connection="x")
    assert states(eligibility(body, PUB, STOCKPORT, Role.NOMINATE))["electors"] is State.UNKNOWN
    few = dataclasses.replace(body, local_elector_count=20)
    assert states(eligibility(few, PUB, STOCKPORT, Role.NOMINATE))["electors"] is State.FAILED
    enough = dataclasses.replace(body, local_elector_count=21)
    assert states(eligibility(enough, PUB, STOCKPORT, Role.NOMINATE))["electors"] is State.MET
    # An unincorporated body may nominate but never start the full moratorium (reg 12).
    assert states(eligibility(enough, PUB, STOCKPORT, Role.TRIGGER))["legal-form"] is State.FAILED


def test_no_group_fails_and_postcode_areas_are_their_letters() -> None:
    assert eligibility(None, PUB, STOCKPORT, Role.NOMINATE).failed
    assert (postcode_area("sk1 3xe"), postcode_area("M1 1AA"), postcode_area("")) == ("SK", "M", "")


# --- a Scottish asset transfer request: a community transfer body (CE(S)A 2015 ss.77, 19, 80) -------------------

INVERBRAE = e.CommunityGroup(
    name="Inverbrae Development Trust",
    legal_form=LegalForm.COMPANY_LIMITED_BY_GUARANTEE,
    member_count=64,
    distributes_surplus=False,
)


def test_a_lease_request_checks_form_constitution_and_surplus_and_says_its_terms_are_not_known() -> None:
    result = transfer_body(INVERBRAE, ownership=False, constitution="Articles of association 2019")
    assert states(result) == {
        "legal-form": State.MET,
        "constitution": State.MET,
        "constitution-terms": State.UNKNOWN,
        "surplus": State.MET,
    }
    sentences = {f.code: f.sentence for f in result.facts}
    assert "Articles of association 2019" in sentences["constitution"]
    # What the register cannot hold is said plainly, with what to check.
    assert (
        "does not hold the words" in sentences["constitution-terms"]
        and "s.19(a)–(e)" in sentences["constitution-terms"]
    )
    assert "check the points marked" in result.summary(INVERBRAE.name)


def test_an_ownership_request_adds_the_section_80_conditions() -> None:
    result = transfer_body(INVERBRAE, ownership=True, constitution="Articles")
    found = states(result)
    assert (found["ownership-form"], found["members"], found["winding-up"]) == (
        State.MET,
        State.MET,
        State.UNKNOWN,
    )
    assert "64 members" in next(f.sentence for f in result.facts if f.code == "members")


def test_an_unincorporated_body_may_ask_for_a_lease_but_not_for_ownership() -> None:
    club = dataclasses.replace(INVERBRAE, name="Brae Bowling Club", legal_form=LegalForm.UNINCORPORATED_BODY)
    assert not transfer_body(club, ownership=False, constitution="Constitution").failed
    owning = transfer_body(club, ownership=True, constitution="Constitution")
    assert [f.code for f in owning.failed] == ["ownership-form"]
    assert "unless the Scottish Ministers have designated it" in owning.summary(club.name)


def test_too_few_members_or_none_recorded_for_ownership() -> None:
    few = transfer_body(dataclasses.replace(INVERBRAE, member_count=12), ownership=True)
    assert states(few)["members"] is State.FAILED
    assert "12 members" in next(f.sentence for f in few.facts if f.code == "members")
    assert (
        states(transfer_body(dataclasses.replace(INVERBRAE, member_count=None), ownership=True))["members"]
        is State.UNKNOWN
    )


def test_a_charity_or_society_may_ask_for_ownership_only_as_a_scio_or_a_bencom_which_the_register_does_not_say() -> (
    None
):
    for form in (LegalForm.CHARITY, LegalForm.COMMUNITY_BENEFIT_SOCIETY):
        result = transfer_body(dataclasses.replace(INVERBRAE, legal_form=form), ownership=True)
        assert states(result)["ownership-form"] is State.UNKNOWN
    # A charity with a company number is a charitable company, which may.
    company = dataclasses.replace(INVERBRAE, legal_form=LegalForm.CHARITY, company_number="SC612345")
    fact = next(f for f in transfer_body(company, ownership=True).facts if f.code == "ownership-form")
    assert fact.state is State.MET and "company number SC612345" in fact.sentence


def test_no_constitution_among_the_papers_is_not_known_and_distributing_surplus_fails() -> None:
    result = transfer_body(dataclasses.replace(INVERBRAE, distributes_surplus=True), ownership=False)
    assert states(result)["constitution"] is State.UNKNOWN
    assert states(result)["surplus"] is State.FAILED


def test_a_parish_council_or_a_public_body_is_not_a_community_transfer_body() -> None:
    for form in (LegalForm.PARISH_COUNCIL, LegalForm.OTHER_PUBLIC_BODY, LegalForm.INDIVIDUAL):
        result = transfer_body(dataclasses.replace(INVERBRAE, legal_form=form), ownership=False, constitution="x")
        assert states(result)["legal-form"] is State.FAILED
    assert states(transfer_body(None, ownership=False)) == {"group": State.FAILED}


def test_a_group_whose_form_is_not_known_is_not_shown_eligible_for_anything_nor_refused() -> None:
    group = dataclasses.replace(KENT, legal_form=LegalForm.NOT_KNOWN, postcode="SK1 2AB")
    for role in (Role.NOMINATE, Role.TRIGGER):
        fact = next(f for f in eligibility(group, PUB, STOCKPORT, role).facts if f.code == "legal-form")
        assert fact.state is State.UNKNOWN and "record its legal form" in fact.sentence
    ownership = transfer_body(group, ownership=True)
    assert {f.code: f.state for f in ownership.facts if f.code.endswith("form")} == {
        "legal-form": State.UNKNOWN,
        "ownership-form": State.UNKNOWN,
    }
    assert "a body of a kind not yet known" in next(f.sentence for f in ownership.facts if f.code == "legal-form")
