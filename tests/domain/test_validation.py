"""Checks and normalisation of records before they are saved, and parsing references (no database, no Qt)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assetreg.domain import entities as e
from assetreg.domain.enums import (
    ATR_STAGES,
    CAT_STAGES,
    ApplicationKind,
    DisposalKind,
    LegalForm,
    ListEntryKind,
    RemovalReason,
)
from assetreg.domain.errors import NotFoundError, ValidationError
from assetreg.domain.pack_sections import SECTION_CODES
from assetreg.domain.records import RecordKind, format_reference, parse_reference
from assetreg.domain.validation import (
    check_list_entry_against_nomination,
    format_date,
    normalise_postcode,
    validate,
)

SAT_11_OCT = date(2025, 10, 11)
MON_13_OCT = date(2025, 10, 13)


def problems_of(entity: object) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        validate(entity)
    return caught.value.problems


# --- postcodes ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("sw1a1aa", "SW1A 1AA"),
        ("SW1A 1AA", "SW1A 1AA"),
        ("  sw1a   1aa ", "SW1A 1AA"),
        ("EC1A 1BB", "EC1A 1BB"),
        ("ec1a1bb", "EC1A 1BB"),
        ("W1A 0AX", "W1A 0AX"),
        ("w1a0ax", "W1A 0AX"),
        ("M1 1AE", "M1 1AE"),
        ("m11ae", "M1 1AE"),
        ("B33 8TH", "B33 8TH"),
        ("b338th", "B33 8TH"),
        ("CR2 6XH", "CR2 6XH"),
        ("DN55 1PT", "DN55 1PT"),
        ("dn551pt", "DN55 1PT"),
        ("GIR 0AA", "GIR 0AA"),
        ("gir0aa", "GIR 0AA"),
    ],
)
def test_postcodes_are_normalised_to_capitals_with_one_space(typed: str, expected: str) -> None:
    assert normalise_postcode(typed) == expected


@pytest.mark.parametrize("typed", ["SW1A", "12345", "ABC 123", "", "SW1A 1AAA", "1SW 1AA"])
def test_things_that_are_not_postcodes_are_rejected(typed: str) -> None:
    with pytest.raises(ValueError):
        normalise_postcode(typed)


@given(
    outward=st.sampled_from(["SW1A", "EC1A", "W1A", "M1", "B33", "CR2", "DN55", "NR21", "IV2"]),
    digit=st.integers(0, 9),
    letters=st.text("ABDEFGHJLNPQRSTUWXYZ", min_size=2, max_size=2),
    spaces=st.sampled_from(["", " ", "  "]),
)
def test_normalising_is_idempotent_and_ignores_case_and_spacing(outward, digit, letters, spaces) -> None:
    canonical = f"{outward} {digit}{letters}"
    typed = f"{outward.lower()}{spaces}{digit}{letters.lower()}"
    assert normalise_postcode(typed) == canonical
    assert normalise_postcode(canonical) == canonical


def test_a_record_stores_its_postcode_normalised() -> None:
    asset = validate(e.Asset(name="The Red Lion", postcode="nr210aa"))
    assert asset.postcode == "NR21 0AA"
    party = validate(e.Party(name="Jane Holloway", postcode=" ec1a 1bb "))
    assert party.postcode == "EC1A 1BB"
    group = validate(e.CommunityGroup(name="Friends", legal_form=LegalForm.CHARITY, postcode="w1a0ax"))
    assert group.postcode == "W1A 0AX"


def test_a_blank_postcode_is_allowed_and_stored_empty() -> None:
    assert validate(e.Asset(name="The Red Lion", postcode="   ")).postcode == ""


@pytest.mark.parametrize("typed", ["SW1A", "12345", "ABC 123"])
def test_a_record_with_a_bad_postcode_is_refused_with_an_example(typed: str) -> None:
    assert problems_of(e.Asset(name="The Red Lion", postcode=typed)) == {
        "postcode": f"“{typed}” is not a UK postcode. Enter it like SW1A 1AA, or leave it blank."
    }


# --- UPRN and title numbers -------------------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "stored"), [("100023336956", "100023336956"), (" 10001 ", "10001"), ("1", "1")])
def test_a_uprn_of_up_to_twelve_ascii_digits_is_accepted(typed: str, stored: str) -> None:
    assert validate(e.Asset(name="The Red Lion", uprn=typed)).uprn == stored


@pytest.mark.parametrize(
    "typed",
    [
        "1000233369561",  # 13 digits
        "10002333695A",  # a letter
        "UPRN100023",
        "100 023 336",  # spaces inside
        "١٢",  # Arabic-Indic digits: str.isdigit() says yes, a UPRN says no
        "１２３",  # full-width digits
        "-12",
        "1.5",
    ],
)
def test_anything_else_is_not_a_uprn(typed: str) -> None:
    assert problems_of(e.Asset(name="The Red Lion", uprn=typed)) == {
        "uprn": f"A UPRN is a number of up to 12 digits, with no letters or spaces; “{typed.strip()}” is not one."
    }


def test_title_numbers_are_stored_in_capitals_without_spaces_and_blanks_dropped() -> None:
    asset = validate(e.Asset(name="The Red Lion", title_numbers=("ngl123456", " sy 12345 ", "", "  ", "K1")))
    assert asset.title_numbers == ("NGL123456", "SY12345", "K1")


def test_a_bad_title_number_is_named_in_the_message() -> None:
    assert problems_of(e.Asset(name="The Red Lion", title_numbers=("NGL123456", "not-a-title", "ABCD1"))) == {
        "title_numbers": "NOT-A-TITLE, ABCD1 is not a Land Registry title number; they look like NGL123456 or SY12345."
    }


# --- dates that must run forwards ------------------------------------------------------------------------


def test_dates_are_written_with_the_weekday() -> None:
    assert format_date(SAT_11_OCT) == "Sat 11 Oct 2025"
    assert format_date(date(2025, 10, 4)) == "Sat 4 Oct 2025"
    assert format_date(date(2024, 2, 29)) == "Thu 29 Feb 2024"


def test_a_nomination_received_before_it_was_sent_is_refused() -> None:
    nomination = e.Nomination(asset_ref="AST-0001", sent_on=MON_13_OCT, received_on=SAT_11_OCT)
    assert problems_of(nomination) == {
        "received_on": "The date the council received the nomination (Sat 11 Oct 2025) cannot be before the date it "
        "was sent (Mon 13 Oct 2025); check both dates."
    }


def test_a_disposal_notice_received_before_it_was_sent_is_refused() -> None:
    notice = e.DisposalNotice(asset_ref="AST-0001", sent_on=MON_13_OCT, received_on=SAT_11_OCT)
    assert problems_of(notice) == {
        "received_on": "The date the council received the notice (Sat 11 Oct 2025) cannot be before the date the "
        "owner sent it (Mon 13 Oct 2025); check both dates."
    }


def test_a_bidder_request_received_before_it_was_sent_is_refused() -> None:
    request = e.BidderRequest(notice_ref="DN-0001", group_ref="GRP-0001", sent_on=MON_13_OCT, received_on=SAT_11_OCT)
    assert problems_of(request) == {
        "received_on": "The date the council received the request (Sat 11 Oct 2025) cannot be before the date it "
        "was sent (Mon 13 Oct 2025); check both dates."
    }


@pytest.mark.parametrize(
    "entity",
    [
        e.Nomination(asset_ref="AST-0001", sent_on=SAT_11_OCT, received_on=SAT_11_OCT),
        e.Nomination(asset_ref="AST-0001", sent_on=SAT_11_OCT, received_on=MON_13_OCT),
        e.Nomination(asset_ref="AST-0001", sent_on=None, received_on=SAT_11_OCT),
        e.Nomination(asset_ref="AST-0001", sent_on=MON_13_OCT, received_on=None),
        e.DisposalNotice(asset_ref="AST-0001", sent_on=SAT_11_OCT, received_on=SAT_11_OCT),
        e.BidderRequest(notice_ref="DN-0001", group_ref="GRP-0001", sent_on=SAT_11_OCT, received_on=MON_13_OCT),
    ],
    ids=["same-day", "later", "no-sent", "no-received", "notice-same-day", "request-later"],
)
def test_received_on_or_after_sending_or_unknown_is_accepted(entity: object) -> None:
    assert validate(entity) == entity


def test_a_list_entry_dated_before_its_nomination_was_received_is_refused() -> None:
    nomination = e.Nomination(asset_ref="AST-0001", received_on=date(2025, 10, 20))
    entry = e.ListEntry(asset_ref="AST-0001", nomination_ref="NOM-0001", entered_on=date(2025, 10, 10))
    with pytest.raises(ValidationError) as caught:
        check_list_entry_against_nomination(entry, nomination)
    assert caught.value.problems == {
        "entered_on": "The date of entry on the list (Fri 10 Oct 2025) cannot be before the date the council "
        "received the nomination (Mon 20 Oct 2025); check both dates."
    }


@pytest.mark.parametrize("received_on", [date(2025, 10, 10), date(2025, 10, 1), None])
def test_a_list_entry_on_or_after_its_nomination_was_received_is_accepted(received_on: date | None) -> None:
    nomination = e.Nomination(asset_ref="AST-0001", received_on=received_on)
    entry = e.ListEntry(asset_ref="AST-0001", nomination_ref="NOM-0001", entered_on=date(2025, 10, 10))
    assert check_list_entry_against_nomination(entry, nomination) is None


# --- list entries, disposal notices, applications -----------------------------------------------------------


def test_a_removal_date_without_a_reason_is_refused() -> None:
    entry = e.ListEntry(asset_ref="AST-0001", entered_on=date(2020, 3, 2), removed_on=date(2025, 3, 1))
    assert problems_of(entry) == {
        "removal_reason": "Give both the date the entry was removed and the reason, or neither."
    }


def test_a_removal_reason_without_a_date_is_refused() -> None:
    entry = e.ListEntry(asset_ref="AST-0001", entered_on=date(2020, 3, 2), removal_reason=RemovalReason.REVIEW)
    assert problems_of(entry) == {
        "removal_reason": "Give both the date the entry was removed and the reason, or neither."
    }


def test_a_removal_with_date_and_reason_is_accepted() -> None:
    entry = e.ListEntry(
        asset_ref="AST-0001",
        entered_on=date(2020, 3, 2),
        removed_on=date(2025, 3, 1),
        removal_reason=RemovalReason.EXPIRED,
    )
    assert validate(entry) == entry


def test_an_unsuccessful_nomination_has_no_listing_notice() -> None:
    entry = e.ListEntry(
        asset_ref="AST-0001",
        kind=ListEntryKind.UNSUCCESSFUL,
        entered_on=date(2025, 3, 2),
        notice_given_on=date(2025, 3, 3),
    )
    assert problems_of(entry) == {
        "notice_given_on": "Only a listed asset has a listing notice; leave it blank for an unsuccessful nomination."
    }


def test_a_freehold_sale_with_a_lease_term_is_refused() -> None:
    notice = e.DisposalNotice(asset_ref="AST-0001", disposal_kind=DisposalKind.FREEHOLD, lease_term_years=30)
    assert problems_of(notice) == {
        "lease_term_years": "A freehold sale has no lease term; leave it blank or choose a lease."
    }


@pytest.mark.parametrize("kind", [DisposalKind.LEASE_GRANT, DisposalKind.LEASE_ASSIGNMENT])
def test_a_lease_without_a_term_is_refused(kind: DisposalKind) -> None:
    # Whether a lease disposal is relevant at all turns on its term (25 years or more, RULES.md §2.5), so a lease
    # notice without one cannot be assessed.
    notice = e.DisposalNotice(asset_ref="AST-0001", disposal_kind=kind, lease_term_years=None)
    problems = problems_of(notice)
    assert set(problems) == {"lease_term_years"}
    assert "lease term" in problems["lease_term_years"].lower()


@pytest.mark.parametrize("term", [0, -5])
def test_a_lease_term_must_be_at_least_one_year(term: int) -> None:
    notice = e.DisposalNotice(asset_ref="AST-0001", disposal_kind=DisposalKind.LEASE_GRANT, lease_term_years=term)
    assert problems_of(notice) == {"lease_term_years": "The lease term in years must be a whole number of at least 1."}


def test_a_lease_with_a_term_and_a_freehold_without_one_are_accepted() -> None:
    lease = e.DisposalNotice(asset_ref="AST-0001", disposal_kind=DisposalKind.LEASE_GRANT, lease_term_years=25)
    freehold = e.DisposalNotice(asset_ref="AST-0001", disposal_kind=DisposalKind.FREEHOLD)
    assert validate(lease) == lease
    assert validate(freehold) == freehold


def test_a_transfer_application_stage_must_belong_to_its_kind() -> None:
    application = e.TransferApplication(asset_ref="AST-0001", authority_ref="AUTH-0001", stage="submitted")
    assert problems_of(application) == {
        "stage": "“submitted” is not a stage of this kind of application (Community asset transfer (council policy)); "
        "choose one of: " + ", ".join(CAT_STAGES) + "."
    }


def test_a_scottish_request_refuses_a_community_asset_transfer_stage() -> None:
    application = e.TransferApplication(
        asset_ref="AST-0001",
        authority_ref="AUTH-0001",
        kind=ApplicationKind.SCOTTISH_ASSET_TRANSFER_REQUEST,
        stage="idea",
    )
    problems = problems_of(application)
    assert set(problems) == {"stage"}
    assert problems["stage"].startswith("“idea” is not a stage of ")
    assert problems["stage"].endswith("choose one of: " + ", ".join(ATR_STAGES) + ".")


@pytest.mark.parametrize(
    ("kind", "stage"),
    [(ApplicationKind.COMMUNITY_ASSET_TRANSFER, s) for s in CAT_STAGES]
    + [(ApplicationKind.SCOTTISH_ASSET_TRANSFER_REQUEST, s) for s in ATR_STAGES],
)
def test_every_stage_of_a_kind_is_accepted(kind: ApplicationKind, stage: str) -> None:
    application = e.TransferApplication(asset_ref="AST-0001", authority_ref="AUTH-0001", kind=kind, stage=stage)
    assert validate(application) == application


# --- pack answers ---------------------------------------------------------------------------------------


def answer(section: str = "finance", text: str = "Rent of £1 a year.") -> e.PackAnswer:
    return e.PackAnswer(application_ref="TA-0001", section=section, answer=text)


@pytest.mark.parametrize("section", SECTION_CODES)
def test_an_answer_to_any_pack_section_is_accepted(section: str) -> None:
    assert validate(answer(section)) == answer(section)


@pytest.mark.parametrize("section", ["", "business-plan", "Finance", " finance"])
def test_an_answer_to_something_that_is_not_a_pack_section_is_refused_listing_the_sections(section: str) -> None:
    message = problems_of(answer(section))["section"]
    assert message.startswith(f"“{section}” is not a pack section; choose one of: organisation-and-status, ")
    assert message.endswith("site-plan-and-valuation, declarations.")


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t"])
def test_a_blank_answer_is_refused_naming_the_section(text: str) -> None:
    assert problems_of(answer("need-and-support", text)) == {
        "answer": "Write the group's answer to “Evidence of need and support”; it cannot be left blank."
    }


def test_an_answer_keeps_its_paragraphs_with_plain_line_endings_and_no_space_around_it() -> None:
    typed = "\n  We will pay £1 a year.\r\n\r\nCosts: £6,200–£7,000.\rEnd.  \n\n"
    assert validate(answer(text=typed)).answer == "We will pay £1 a year.\n\nCosts: £6,200–£7,000.\nEnd."


def test_a_long_answer_is_accepted_whole() -> None:
    long = "\n\n".join(f"Paragraph {n}: " + "the centre will be open to everyone. " * 40 for n in range(30))
    assert validate(answer(text=long)).answer == long.strip()
    assert len(long) > 40_000


def test_every_problem_of_an_answer_is_reported_at_once() -> None:
    assert set(problems_of(answer("nonsense", " "))) == {"section", "answer"}


# --- map points -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("lat", "lon"), [(51.5, None), (None, -0.12)])
def test_half_a_map_point_is_refused(lat: float | None, lon: float | None) -> None:
    assert problems_of(e.Asset(name="The Red Lion", latitude=lat, longitude=lon)) == {
        "latitude": "Enter both the latitude and the longitude, or neither."
    }


@pytest.mark.parametrize(("lat", "lon"), [(48.8566, 2.3522), (-0.12, 51.5), (40.7, -74.0), (0.0, 0.0)])
def test_a_point_outside_the_uk_is_refused(lat: float, lon: float) -> None:
    assert problems_of(e.Asset(name="The Red Lion", latitude=lat, longitude=lon)) == {
        "latitude": f"The point {lat}, {lon} is not in the UK. Latitude comes first (for example 51.5, -0.12)."
    }


@pytest.mark.parametrize(
    ("lat", "lon"),
    [(51.5007, -0.1246), (54.5973, -5.9301), (60.1546, -1.1494), (49.9142, -6.3150), (52.4773, 1.7500)],
    ids=["London", "Belfast", "Lerwick", "Scilly", "Lowestoft"],
)
def test_points_in_the_uk_are_accepted(lat: float, lon: float) -> None:
    asset = e.Asset(name="The Red Lion", latitude=lat, longitude=lon)
    assert validate(asset) == asset


# --- names ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entity", "field", "message"),
    [
        (e.Asset(name="   "), "name", "Enter the asset's name; it cannot be left blank."),
        (e.Authority(name=""), "name", "Enter the authority's name; it cannot be left blank."),
        (e.Party(name="\t"), "name", "Enter the name; it cannot be left blank."),
        (
            e.CommunityGroup(name=" ", legal_form=LegalForm.CHARITY),
            "name",
            "Enter the group's name; it cannot be left blank.",
        ),
        (
            e.Document(title=" ", original_filename="plan.pdf"),
            "title",
            "Enter the document's title; it cannot be left blank.",
        ),
        (
            e.UserDeadline(title="", due_on=date(2025, 10, 21)),
            "title",
            "Enter the task's title; it cannot be left blank.",
        ),
    ],
    ids=["asset", "authority", "party", "group", "document", "task"],
)
def test_blank_names_are_refused(entity: object, field: str, message: str) -> None:
    assert problems_of(entity) == {field: message}


def test_names_are_stored_without_surrounding_spaces() -> None:
    assert validate(e.Asset(name="  The Red Lion ")).name == "The Red Lion"
    assert validate(e.Authority(name=" Highland Council ", code=" S12000017 ")).code == "S12000017"


# --- every problem at once ------------------------------------------------------------------------------


def test_every_problem_is_reported_at_once() -> None:
    asset = e.Asset(
        name=" ",
        postcode="SW1A",
        uprn="12a",
        title_numbers=("bad title!",),
        latitude=51.5,
    )
    with pytest.raises(ValidationError) as caught:
        validate(asset)
    problems = caught.value.problems
    assert set(problems) == {"name", "postcode", "uprn", "title_numbers", "latitude"}
    # The message shown to the user carries every problem, one per line.
    assert str(caught.value).split("\n") == list(problems.values())


def test_every_problem_of_a_disposal_notice_is_reported_at_once() -> None:
    notice = e.DisposalNotice(
        asset_ref="AST-0001",
        disposal_kind=DisposalKind.FREEHOLD,
        lease_term_years=99,
        sent_on=MON_13_OCT,
        received_on=SAT_11_OCT,
        published_interim_end_on=date(2025, 10, 1),
    )
    assert set(problems_of(notice)) == {"lease_term_years", "received_on", "published_interim_end_on"}


# --- references -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "kind", "canonical"),
    [
        ("ast-42", RecordKind.ASSET, "AST-0042"),
        ("AST-0042", RecordKind.ASSET, "AST-0042"),
        ("AST42", RecordKind.ASSET, "AST-0042"),
        ("  ast-0042  ", RecordKind.ASSET, "AST-0042"),
        ("DN0007", RecordKind.DISPOSAL_NOTICE, "DN-0007"),
        ("auth-1", RecordKind.AUTHORITY, "AUTH-0001"),
        ("tsk-3", RecordKind.USER_DEADLINE, "TSK-0003"),
        ("AST-12345", RecordKind.ASSET, "AST-12345"),
    ],
)
def test_references_are_parsed_as_people_type_them(typed: str, kind: RecordKind, canonical: str) -> None:
    assert parse_reference(typed) == (kind, canonical)


def test_every_kind_formats_and_parses_its_own_references() -> None:
    for kind in RecordKind:
        reference = format_reference(kind, 7)
        assert reference == f"{kind.prefix}-0007"
        assert parse_reference(reference) == (kind, reference)


@pytest.mark.parametrize("typed", ["XYZ-0001", "42", "", "AST-", "AST-12-3", "as t-1"])
def test_something_that_is_not_a_reference_is_refused_listing_the_prefixes(typed: str) -> None:
    with pytest.raises(NotFoundError) as caught:
        parse_reference(typed)
    assert str(caught.value) == (
        f"“{typed.strip()}” is not a record reference. References look like AST-0042; the prefixes are "
        "ANS, AST, AUTH, BR, CHL, CRB, DN, DOC, EXD, GRP, INT, LST, MRK, NOM, PTY, STG, TA, TSK."
    )
