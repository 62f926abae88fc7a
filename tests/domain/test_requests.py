"""Who may nominate, and whether a request to be treated as a potential bidder starts the full moratorium."""

from __future__ import annotations

from datetime import date

import pytest

from assetreg.domain import entities as e
from assetreg.domain.eligibility import Fact, Role, eligibility, trigger_conditions
from assetreg.domain.enums import Jurisdiction, LegalForm
from assetreg.domain.notice_case import RequestFacts, RequestVerdict, notice_case
from assetreg.domain.requests import can_nominate, can_trigger_full_moratorium


def assess_bidder_request(
    notice_received_on: date, received: date | None, form: LegalForm, conditions: tuple[Fact, ...] = ()
) -> RequestVerdict:
    """The case's verdict on one request against a notice on listed land."""
    entry = e.ListEntry(asset_ref="AST-0001", entered_on=date(2024, 1, 1))
    notice = e.DisposalNotice(asset_ref="AST-0001", received_on=notice_received_on)
    request = RequestFacts(received, form, "BR-0001", conditions)
    (verdict,) = notice_case(notice, [request], [entry], (), Jurisdiction.ENGLAND, notice_received_on).requests
    return verdict


NOTICE = date(2025, 8, 31)  # interim moratorium ends Sat 11 Oct 2025

TRIGGERING = {
    LegalForm.PARISH_COUNCIL,
    LegalForm.CHARITY,
    LegalForm.COMMUNITY_INTEREST_COMPANY,
    LegalForm.COMPANY_LIMITED_BY_GUARANTEE,
    LegalForm.COMMUNITY_BENEFIT_SOCIETY,
}
NOMINATING = TRIGGERING | {LegalForm.NEIGHBOURHOOD_FORUM, LegalForm.UNINCORPORATED_BODY}


@pytest.mark.parametrize("form", list(LegalForm))
def test_who_may_nominate(form: LegalForm) -> None:
    assert can_nominate(form) is (form in NOMINATING)


@pytest.mark.parametrize("form", list(LegalForm))
def test_who_may_trigger_the_full_moratorium(form: LegalForm) -> None:
    assert can_trigger_full_moratorium(form) is (form in TRIGGERING)


def test_community_interest_groups_are_narrower_than_nominators() -> None:
    assert can_nominate(LegalForm.NEIGHBOURHOOD_FORUM)
    assert not can_trigger_full_moratorium(LegalForm.NEIGHBOURHOOD_FORUM)
    assert can_nominate(LegalForm.UNINCORPORATED_BODY)
    assert not can_trigger_full_moratorium(LegalForm.UNINCORPORATED_BODY)
    assert not can_nominate(LegalForm.INDIVIDUAL)
    assert not can_nominate(LegalForm.OTHER_PUBLIC_BODY)


@pytest.mark.parametrize("received", [date(2025, 8, 31), date(2025, 9, 15), date(2025, 10, 11)])
def test_a_request_received_during_the_interim_moratorium_is_valid(received: date) -> None:
    result = assess_bidder_request(NOTICE, received, LegalForm.CHARITY)
    assert result.starts_full_moratorium
    assert "during the interim moratorium that ends on Sat 11 Oct 2025" in result.why


def test_a_neighbourhood_forum_cannot_trigger_it() -> None:
    result = assess_bidder_request(NOTICE, date(2025, 9, 15), LegalForm.NEIGHBOURHOOD_FORUM)
    assert not result.starts_full_moratorium
    assert result.why == (
        "A designated neighbourhood forum cannot trigger the full moratorium: only a parish council, charity, "
        "community interest company, company limited by guarantee or co-operative/community benefit society "
        "with a local connection can (reg 12)."
    )


@pytest.mark.parametrize(
    ("form", "subject"),
    [
        (LegalForm.UNINCORPORATED_BODY, "An unincorporated body"),
        (LegalForm.INDIVIDUAL, "An individual"),
        (LegalForm.OTHER_PUBLIC_BODY, "A public body other than a parish council"),
        (LegalForm.OTHER, "A body of this type"),
    ],
)
def test_other_forms_that_cannot_trigger_it(form: LegalForm, subject: str) -> None:
    result = assess_bidder_request(NOTICE, date(2025, 9, 15), form)
    assert not result.starts_full_moratorium
    assert result.why.startswith(f"{subject} cannot trigger the full moratorium")


def group(**fields) -> e.CommunityGroup:
    return e.CommunityGroup(
        reference="GRP-0001", name="Friends of the Crown", legal_form=LegalForm.COMMUNITY_BENEFIT_SOCIETY, **fields
    )


LAND = "SK1 3XE"  # the land's postcode: area SK


def test_a_group_the_register_shows_without_a_local_connection_cannot_trigger_it() -> None:
    elsewhere = group(postcode="M1 1AA", distributes_surplus=False)
    result = assess_bidder_request(NOTICE, date(2025, 9, 15), elsewhere.legal_form, trigger_conditions(elsewhere, LAND))
    assert not result.starts_full_moratorium
    assert result.why == (
        "The request cannot start the full moratorium (reg 12): A local connection with the land is not shown: "
        "Friends of the Crown is recorded in the M postcode area and the land in the SK area, and no local "
        "connection is recorded (reg 4). Record how the group's activities are connected with the land's area."
    )


def test_a_society_recorded_as_distributing_surplus_cannot_trigger_it_and_the_letter_says_the_same() -> None:
    paying = group(postcode="SK2 5AA", local_connection="Meets in the pub's back room", distributes_surplus=True)
    result = assess_bidder_request(NOTICE, date(2025, 9, 15), paying.legal_form, trigger_conditions(paying, LAND))
    assert not result.starts_full_moratorium
    assert "distributing surplus to its members, so it is not a community interest group" in result.why
    # One account: the request letter's eligibility fails on the very same condition.
    asset = e.Asset(reference="AST-0001", name="The Crown", postcode=LAND)
    letter = eligibility(paying, asset, None, Role.TRIGGER)
    assert [f.code for f in letter.failed] == ["surplus"]
    assert letter.failed[0].sentence in result.why


def test_what_the_register_does_not_show_of_the_group_is_said_with_a_verdict_that_it_applies() -> None:
    unsure = group()  # no postcode, no local connection, surplus not recorded
    result = assess_bidder_request(NOTICE, date(2025, 9, 15), unsure.legal_form, trigger_conditions(unsure, LAND))
    assert result.starts_full_moratorium
    assert result.why == (
        "The request was received on Mon 15 Sep 2025, during the interim moratorium that ends on Sat 11 Oct 2025, "
        "so the full moratorium applies. That holds only if the group is a community interest group (reg 12), "
        "which the register does not fully show: The group's local connection with the land is not recorded "
        "(reg 4): record how its activities are connected with the land's area. Whether Friends of the Crown "
        "distributes any surplus to its members is not recorded (reg 12)."
    )


def test_a_group_the_register_shows_to_be_a_community_interest_group_gets_the_plain_verdict() -> None:
    shown = group(postcode="SK2 5AA", local_connection="Meets in the pub's back room", distributes_surplus=False)
    result = assess_bidder_request(NOTICE, date(2025, 9, 15), shown.legal_form, trigger_conditions(shown, LAND))
    assert result.starts_full_moratorium
    assert result.why.endswith("so the full moratorium applies.")


def test_a_request_received_before_the_notice_does_not_count() -> None:
    result = assess_bidder_request(NOTICE, date(2025, 8, 30), LegalForm.CHARITY)
    assert not result.starts_full_moratorium
    assert result.why == (
        "The request was received on Sat 30 Aug 2025, before the council received the disposal notice on "
        "Sun 31 Aug 2025; only a request received during the interim moratorium counts (s.95(3))."
    )


def test_a_request_received_after_the_interim_moratorium_does_not_count() -> None:
    result = assess_bidder_request(NOTICE, date(2025, 10, 12), LegalForm.COMMUNITY_INTEREST_COMPANY)
    assert not result.starts_full_moratorium
    assert result.why == (
        "The request was received on Sun 12 Oct 2025, after the interim moratorium ended on Sat 11 Oct 2025; "
        "it had to be received by then (s.95(3))."
    )


def test_a_request_with_no_received_date_does_not_count_yet() -> None:
    result = assess_bidder_request(NOTICE, None, LegalForm.COMMUNITY_BENEFIT_SOCIETY)
    assert not result.starts_full_moratorium
    assert "No received date" in result.why
    assert "Sat 11 Oct 2025" in result.why


def test_leap_year_interim_end() -> None:
    assert assess_bidder_request(date(2028, 2, 10), date(2028, 3, 22), LegalForm.CHARITY).starts_full_moratorium
    assert not assess_bidder_request(date(2028, 2, 10), date(2028, 3, 23), LegalForm.CHARITY).starts_full_moratorium
