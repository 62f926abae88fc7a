"""Reading councils' dates and headings: every UK form read, nothing impossible or ambiguous guessed."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from assetreg.domain.council_rows import base_reference, read_rows
from assetreg.domain.enums import AssetCategory, NominationDecision, RemovalReason
from assetreg.domain.import_dates import DateProblem, date_order_counts, parse_date
from assetreg.domain.import_headings import left_out, match_headings, normalise_heading
from assetreg.domain.import_warnings import expiry_warning

SEPT_21 = date(2012, 9, 21)


@pytest.mark.parametrize(
    "text",
    [
        "21/09/2012", "21-09-2012", "21.09.12", "21 September 2012", "21st Sept 2012", "Sep 21 2012",
        "September 21, 2012", "2012-09-21", "2012-09-21T00:00:00", "Fri 21 Sep 2012", "41173", 41173, 41173.0,
        datetime(2012, 9, 21, 0, 0), SEPT_21,
        # as spreadsheets write a date with its time of day, when saved as CSV or typed in a date-time cell
        "21/09/2012 00:00", "21/09/2012 14:30:00", "21/09/2012 2:30 PM", "2012-09-21 00:00:00.000",
        "21 September 2012 09:00", "2012-09-21T10:00:00+01:00", "41173.5", 41173.75,
        # the year first, with slashes or dots
        "2012/09/21", "2012/9/21", "2012.09.21",
    ],
)  # fmt: skip
def test_every_uk_date_form_is_read(text):
    assert parse_date(text) == SEPT_21


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("31/02/2020", "February 2020 has 29 days"),
        ("29/02/2019", "February 2019 has 28 days"),
        ("32 Jan 2020", "January 2020 has 31 days"),
        ("2020-13-01", "there is no month 13"),
        ("31/13/2026", "there is no month 13"),
        ("0/9/2025", "there is no day 0 of a month"),
    ],
)
def test_an_impossible_date_is_reported_with_why_not_corrected(text, why):
    with pytest.raises(DateProblem) as refused:
        parse_date(text)
    assert str(refused.value) == f"“{text}” is not a real date: {why}; check the council's list."


def test_a_weekday_the_date_does_not_fall_on_is_reported_not_dropped():
    assert parse_date("Sun 31 Aug 2025") == parse_date("Sunday, 31/08/2025") == date(2025, 8, 31)
    with pytest.raises(DateProblem) as refused:
        parse_date("Mon 31 Aug 2025")
    assert str(refused.value) == (
        "“Mon 31 Aug 2025” does not fit: 31 August 2025 is a Sunday; check the council's list."
    )


def test_month_first_dates_are_reported_and_make_the_ambiguous_ones_unreadable():
    assert date_order_counts(["09/21/2012", "01/02/2013", "21/09/2012", 41173]) == (1, 1)
    assert date_order_counts(["09/21/2012 00:00"]) == (1, 0)
    with pytest.raises(DateProblem, match="“09/21/2012 10:00” is written month first"):
        parse_date("09/21/2012 10:00")
    assert date_order_counts(["21/09/2012", "01/02/2013"]) == (0, 1)
    with pytest.raises(DateProblem, match="month first"):
        parse_date("09/21/2012")
    assert parse_date("03/04/2012") == date(2012, 4, 3)  # day first, as UK lists write it
    with pytest.raises(DateProblem, match="could be 3 April 2012 or 4 March 2012"):
        parse_date("03/04/2012", month_first_seen=True)
    assert parse_date("05/05/2012", month_first_seen=True) == date(2012, 5, 5)  # the same either way


def test_one_month_first_slip_in_a_day_first_list_is_reported_alone():
    rows = [
        ["The Swan", "21/09/2012"],
        ["The Mill", "03/04/2013"],
        ["The Bell", "25/12/2014"],
        ["The Fox", "09/21/2012"],
    ]
    assets, problems = read_rows(["name", "notice_received"], rows)
    assert [a.name for a in assets] == ["The Swan", "The Mill", "The Bell"]
    assert assets[1].notices[0].received_on == date(2013, 4, 3)  # day first, like the rest
    assert [(p.row, p.level) for p in problems] == [(0, "warning"), (5, "error")]
    assert problems[0].message.startswith("A few dates written month first (US order) among dates written day first")
    # As many in the column show month first as day first: a date that could be either is not guessed.
    rows[2][1] = "12/25/2014"
    rows.append(["The Ram", "30/01/2015"])
    assets, problems = read_rows(["name", "notice_received"], rows)
    assert [a.name for a in assets] == ["The Swan", "The Ram"]
    assert "could be 3 April 2013 or 4 March 2013" in next(p.message for p in problems if p.row == 3)


def test_a_column_written_month_first_beside_day_first_ones_has_its_ambiguous_dates_refused():
    fields = ["name", "decision_date", "notice_received"]
    rows = [
        ["The Swan", "21/05/2019", "09/21/2020"],
        ["The Mill", "22/05/2019", "10/25/2020"],
        ["The Bell", "23/05/2019", "04/03/2020"],  # 3 April in this column's order: not read as 4 March
        ["The Fox", "04/03/2019", ""],  # in a day-first column, 4 March
    ]
    assets, problems = read_rows(fields, rows)
    assert [(a.name, a.decision_date) for a in assets] == [("The Fox", date(2019, 3, 4))]
    assert "“04/03/2020” could be 4 March 2020 or 3 April 2020" in next(p.message for p in problems if p.row == 4)
    assert problems[0].message.startswith(
        "Dates in this file are written month first (US order) in: Date the owner's notice to dispose was received."
    )


def test_a_kind_of_asset_and_a_removal_are_read_from_a_councils_words():
    fields = ["name", "category", "status", "decision_date", "removed_on"]
    rows = [
        ["The Swan", "Public House", "Removed from list (sold)", "20/05/2019", "01/02/2022"],
        ["The Bell", "library", "Listed", "20/05/2019", ""],
        ["The Mill", "Watermill", "Removed from list", "20/05/2019", ""],
    ]
    (swan, bell, mill), problems = read_rows(fields, rows)
    assert (swan.category, swan.removed_on, swan.removal_reason) == (
        AssetCategory.PUB, date(2022, 2, 1), RemovalReason.AFTER_DISPOSAL,
    )  # fmt: skip
    assert (bell.category, bell.removed_on, bell.removal_undated) == (AssetCategory.LIBRARY, None, False)
    assert (mill.category, mill.removed_on, mill.removal_undated) == (None, None, True)
    (warning,) = problems
    assert (warning.row, warning.field, warning.level) == (4, "category", "warning")


def test_a_name_and_address_in_one_cell_are_split_at_its_first_line_or_comma():
    rows = [
        ["The Crown Inn\n1 Market Place,\nStockport SK1 1AA"],
        ["The Bell, 2 Gorton Road, Stockport SK5 6XX"],
        ["The Fox, 3 Lane\nStockport SK4 2AB"],
    ]
    crown, bell, fox = read_rows(["name_and_address"], rows)[0]
    assert (fox.name, fox.address) == ("The Fox", "3 Lane, Stockport SK4 2AB")
    assert (crown.name, crown.address, crown.postcode) == (
        "The Crown Inn",
        "1 Market Place, Stockport SK1 1AA",
        "SK1 1AA",
    )
    assert (bell.name, bell.address) == ("The Bell", "2 Gorton Road, Stockport SK5 6XX")


@pytest.mark.parametrize(
    ("status", "decision", "undated_removal"),
    [
        ("Unlisted", NominationDecision.UNSUCCESSFUL, False),
        ("Invalid nomination", NominationDecision.UNSUCCESSFUL, False),
        ("Does not meet criteria", NominationDecision.UNSUCCESSFUL, False),
        ("Delisted", NominationDecision.LISTED, True),
        ("Listing expired", NominationDecision.LISTED, False),
    ],
)
def test_a_councils_status_words_are_read_for_what_they_say(status, decision, undated_removal):
    (asset,), _ = read_rows(["name", "status", "decision_date"], [["The Swan", status, "20/05/2019"]])
    assert (asset.decision, asset.removal_undated) == (decision, undated_removal)


def test_a_period_or_words_in_a_date_column_are_read_without_losing_the_row():
    fields = ["name", "notice_received", "full_end", "bid_intention_received"]
    rows = [["The Swan", "10/11/2026", "10/11/2026 - 09/05/2027", "Awaiting"], ["The Fox", "None received", "", ""]]
    (swan, fox), problems = read_rows(fields, rows)
    assert swan.notices[0].full_end == date(2027, 5, 9) and swan.notices[0].bid_received is None
    assert fox.notices == []
    (warning,) = problems
    assert (warning.row, warning.level) == (2, "warning") and "“Awaiting” is not a date" in warning.message


def test_an_end_date_is_the_day_of_removal_only_in_the_national_dataset():
    assert match_headings(["name", "End date"]) == ["name", ""]  # a council's own "End date" may be the expiry
    assert match_headings(["name", "entry-date", "end-date"]) == ["name", "", "removed_on"]


def test_an_unreadable_listing_expiry_is_a_warning_and_the_row_goes_in():
    (asset,), (warning,) = read_rows(["name", "decision_date", "listing_expiry"], [["The Swan", "20/05/2019", "soon"]])
    assert (asset.decision_date, asset.listing_expiry, warning.level) == (date(2019, 5, 20), None, "warning")
    assert warning.message.endswith("The list's expiry is only checked, never stored, so the row goes in.")


@pytest.mark.parametrize(
    "text", ["hello", "12345", "1/2", "", "12:30", "2012/21/09", "19999.5", "21/09/2012 25:99", "21/09/2012 9:60"]
)
def test_what_is_not_a_date(text):
    if text == "":
        assert parse_date(text) is None
    else:
        with pytest.raises(DateProblem):
            parse_date(text)


def test_real_headings_are_matched_whatever_their_case_and_punctuation():
    camden = ["Property name and address", "Nominated By", "Date Nomination Received", "Decision Date",
              "Listing Expiry Date", "Reason For Unsuccessful Nomination", "Notice To Dispose Received By Council Date",
              "Community Group Which Triggered Full Moratorium", "Location"]  # fmt: skip
    assert match_headings(camden) == [
        "name_and_address", "nominated_by", "nomination_received", "decision_date", "listing_expiry",
        "unsuccessful_reason", "notice_received", "interested_group", "location",
    ]  # fmt: skip
    stockport = ["ref", "asset_name", "asset_address", "nominating_organisation", "date_nomination_received",
                 "decision_date"]  # fmt: skip
    assert match_headings(stockport) == ["reference", "name", "address", "nominated_by", "nomination_received",
                                         "decision_date"]  # fmt: skip
    national = ["reference", "name", "address-text", "point", "nomination-date", "expiry-date", "geometry"]
    assert match_headings(national) == ["reference", "name", "address", "point", "nomination_received",
                                        "listing_expiry", ""]  # fmt: skip
    assert normalise_heading(" Decision-Date ") == normalise_heading("decision_date") == "decisiondate"


def test_headings_that_say_a_period_ends_or_a_listing_expires():
    headings = ["Asset", "Date Nominated", "Date Listed", "Listing Expires", "Date Notice of Intention to Dispose",
                "Interim Moratorium Ends", "Full Moratorium Ends", "Protected Period Ends",
                "Date Delisted"]  # fmt: skip
    assert match_headings(headings) == [
        "name", "nomination_received", "decision_date", "listing_expiry", "notice_received", "interim_end",
        "full_end", "protected_end", "removed_on",
    ]  # fmt: skip
    assert left_out(headings, match_headings(headings)) == []


def test_a_headings_words_match_in_any_order():
    headings = ["Nomination Received Date", "Date Dispose To Notice Received By Council", "Expiry Date Listing"]
    assert match_headings(headings) == ["nomination_received", "notice_received", "listing_expiry"]


def test_every_named_column_left_out_gets_a_note_unless_the_user_chose_to_leave_it_out():
    headings = ["Name", "Our notes", "", "Ward"]
    fields = match_headings(headings)
    assert fields == ["name", "", "", ""]
    assert left_out(headings, fields) == [
        "The column “Our notes” is not imported: no field of AssetReg's matches its heading. To import it, choose "
        "its field in the app's import mapping (File ▸ Import council list…) or with --column on the command line; "
        "the choice is saved for next time.",
        "The column “Ward” is not imported: no field of AssetReg's matches its heading. To import it, choose its "
        "field in the app's import mapping (File ▸ Import council list…) or with --column on the command line; the "
        "choice is saved for next time.",
    ]
    assert left_out(headings, fields, {"Ward": "-", "our notes": "-"}) == []  # left out by the user's choice
    assert len(left_out(headings, fields, {"Ward": "", "our notes": ""})) == 2  # saved unknown: noted again
    taken = ["Name", "Asset name"]
    assert left_out(taken, match_headings(taken)) == [
        "The column “Asset name” is not imported: the column “Name” already goes to Asset name."
    ]


def test_a_saved_choice_beats_the_synonyms_and_no_field_goes_to_two_columns():
    assert match_headings(["Name", "Site"], {"site": "name"}) == ["", "name"]
    assert match_headings(["Name", "Postcode"], {"postcode": "-"}) == ["name", ""]  # left out by the user
    assert match_headings(["Name", "Postcode"], {"postcode": ""}) == ["name", "postcode"]  # unknown when saved
    assert match_headings(["name", "asset name"]) == ["name", ""]


def test_several_rows_for_one_asset_become_one_with_a_notice_each():
    fields = ["reference", "name_and_address", "decision_date", "notice_received", "location"]
    rows = [
        ["CAMACV17 (1st moratorium)", "The Black Cap, 171 Camden High St, London NW1 7JY", "15/11/2012",
         "03/01/2013", "(51.5382, -0.1425)"],
        ["CAMACV17 (2nd moratorium)", "The Black Cap, 171 Camden High St, London NW1 7JY", "15/11/2012",
         "04/06/2015", "(51.5382, -0.1425)"],
        ["CAMACV18", "Shop, 1 Road, London NW1 2AB", "31/02/2013", "", ""],
    ]  # fmt: skip
    assets, problems = read_rows(fields, rows)
    assert base_reference("CAMACV17 (1st moratorium)") == "CAMACV17"
    (cap,) = assets
    assert (cap.name, cap.postcode, cap.latitude, cap.longitude) == ("The Black Cap", "NW1 7JY", 51.5382, -0.1425)
    assert cap.decision is NominationDecision.LISTED and cap.rows == [2, 3]
    assert [n.received_on for n in cap.notices] == [date(2013, 1, 3), date(2015, 6, 4)]
    assert [(p.row, p.field, p.level) for p in problems] == [(4, "decision_date", "error")]


def test_listing_expiries_other_than_the_laws_are_one_warning_that_says_nothing_needs_doing():
    rows = [
        ["The Swan", "20/03/2024", "20/03/2029"],  # the anniversary: a day later than the last day
        ["The Fox", "20/03/2024", "19/03/2029"],  # the last day of the five years
        ["The Bell", "01/06/2023", "01/06/2028"],
    ]
    assets, problems = read_rows(["name", "decision_date", "listing_expiry"], rows)
    assert len(assets) == 3 and problems == []
    (warning,) = expiry_warning(assets)
    assert (warning.row, warning.field, warning.level) == (0, "listing_expiry", "warning")
    assert warning.message == (
        "For 2 assets the list gives a listing expiry other than the last day of the five years from the day of "
        "entry (s.87(3)) (rows: 2, 4; on row 2 it gives Tue 20 Mar 2029, the last day is Mon 19 Mar 2029). "
        "AssetReg works each expiry out itself, so the list's dates are not stored and nothing needs doing, unless "
        "a day of entry is wrong: then correct it on the asset's Listing tab."
    )
