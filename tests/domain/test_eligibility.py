"""Each condition of a group's eligibility, read from the register: shown, not known or not met."""

from __future__ import annotations

import dataclasses

from assetreg.domain import entities as e
from assetreg.domain.eligibility import Role, State, eligibility, postcode_area
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
