"""Importing councils' lists into a real register and exporting it again, read back from the files."""

from __future__ import annotations

import csv
import json
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import openpyxl
import pytest

from assetreg.db.bulk import BulkRecords
from assetreg.db.settings import write_setting
from assetreg.domain import entities as e
from assetreg.domain.enums import (
    AssetCategory,
    DeliveryMethod,
    LegalForm,
    ListEntryKind,
    NominationDecision,
    Period,
    RemovalReason,
)
from assetreg.domain.errors import AssetRegError
from assetreg.domain.import_headings import match_headings
from assetreg.domain.records import RecordKind
from assetreg.domain.status import AssetStatus, NoticeStatus
from assetreg.services import due_index, importing
from assetreg.services.asset_lines import lines
from assetreg.services.deadlines import register_cases
from assetreg.services.exporting import EXTENSION_FIELDS, PLANNING_FIELDS, export_register
from assetreg.services.importing import apply_import, import_file, preview_import, saved_mappings
from assetreg.services.records import Records
from assetreg.services.register import Register

COUNCILS = Path(__file__).parent.parent / "fixtures" / "councils"


def snapshot(register) -> dict:
    """Every live record of every kind and the audit trail: what an import must leave alone if it fails."""
    records = Records(register)
    with register.reading() as session:
        from assetreg.db.repositories import RecordRepository

        audit = len(RecordRepository(session).recent_audit(10**6))
    return {kind: records.list(kind) for kind in RecordKind} | {"audit": audit}


def test_camdens_list_goes_in_once_and_a_second_import_changes_nothing(register):
    summary = import_file(register, COUNCILS / "camden.csv", "Camden")
    assert (summary["added"], summary["updated"], summary["unchanged"]) == (3, 0, 0)
    assert {(p["row"], p["field"], p["level"]) for p in summary["problems"]} == {
        (0, "", "warning"),  # Camden is not in the register yet: it is added
        (0, "decision_date", "warning"),  # listings of 2012 and 2013 that have ended, though the list says listed
        (0, "listing_expiry", "warning"),  # the council's expiry is not five years from entry (row 4)
        (5, "decision_date", "error"),  # 31/02/2013 is left out, not guessed
        (2, "interested_group", "warning"),  # the group that triggered the full moratorium, with no day given
    }
    records = Records(register)
    (cap,) = records.list(RecordKind.ASSET, name="The Black Cap")
    notices = records.list(RecordKind.DISPOSAL_NOTICE, asset_ref=cap.reference)
    assert [n.received_on for n in notices] == [date(2013, 1, 3), date(2015, 6, 4)]
    # "Community Group Which Triggered Full Moratorium" without a day: a request the council counts, on the first.
    (counted,) = records.list(RecordKind.BIDDER_REQUEST)
    assert (counted.notice_ref, counted.received_on, counted.council_counted) == (notices[0].reference, None, True)
    assert records.get(counted.group_ref).name == "Black Cap Foundation"
    (case,) = [c for c in register_cases(register, date(2013, 3, 1)) if c.asset_ref == cap.reference]
    assert case.notices[0].status is NoticeStatus.FULL_MORATORIUM  # on the council's word
    assert case.notices[0].period(Period.FULL).effective_end == date(2013, 7, 2)
    (entry,) = records.list(RecordKind.LIST_ENTRY, asset_ref=cap.reference)
    assert (entry.entered_on, entry.council_reference) == (date(2012, 11, 15), "CAMACV17")
    (bull,) = records.list(RecordKind.ASSET, name="The Bull")
    (nomination,) = records.list(RecordKind.NOMINATION, asset_ref=bull.reference)
    assert nomination.decision is NominationDecision.UNSUCCESSFUL
    (council,) = records.list(RecordKind.AUTHORITY)
    assert council.name == "Camden" and cap.authority_ref == council.reference
    before = snapshot(register)
    again = import_file(register, COUNCILS / "camden.csv", "Camden")
    assert (again["added"], again["updated"], again["unchanged"]) == (0, 0, 3)
    assert snapshot(register) == before


def test_the_councils_moratorium_ends_go_in_as_published_dates(register):
    import_file(register, COUNCILS / "stockport.csv", "Stockport")
    (notice,) = Records(register).list(RecordKind.DISPOSAL_NOTICE)
    assert notice.received_on == date(2021, 9, 2)
    assert notice.published_interim_end_on == date(2021, 10, 13)
    assert notice.published_full_end_on == date(2022, 3, 2)
    assert notice.published_protected_end_on == date(2023, 3, 2)
    assert notice.published_basis == "council's list, imported 2025-09-15"


def test_a_notice_date_changed_in_the_list_is_added_with_a_warning_naming_the_registers_one(register, tmp_path):
    import_file(register, COUNCILS / "stockport.csv", "Stockport")
    corrected = tmp_path / "stockport.csv"
    text = (COUNCILS / "stockport.csv").read_text(encoding="utf-8")
    corrected.write_text(text.replace("Listed,02/09/2021,", "Listed,03/09/2021,"), encoding="utf-8")
    (first,) = Records(register).list(RecordKind.DISPOSAL_NOTICE)
    summary = import_file(register, corrected, "Stockport")
    assert [p for p in summary["problems"] if p["field"] == "notice_received"] == [
        {
            "row": 2,
            "field": "notice_received",
            "message": "The list gives a notice received Fri 3 Sep 2021, added as a new notice. The register also "
            f"has notice {first.reference} received Thu 2 Sep 2021 for this asset, which the list does not give: "
            "if that is the same notice with its date corrected, delete the register's one after importing.",
            "level": "warning",
        }
    ]
    notices = Records(register).list(RecordKind.DISPOSAL_NOTICE)
    assert sorted(n.received_on for n in notices) == [date(2021, 9, 2), date(2021, 9, 3)]
    again = import_file(register, corrected, "Stockport")  # both notices are in the register now
    assert [p for p in again["problems"] if p["field"] == "notice_received"] == []
    undated = tmp_path / "undated.csv"
    undated.write_text(text.replace("Listed,02/09/2021,", "Listed,,"), encoding="utf-8")
    (warning,) = [p for p in preview_import(register, undated, "Stockport").problems if p.field == "notice_received"]
    assert warning.message.startswith("The list gives a notice received on a day not given, added as a new notice.")


def test_a_list_imported_without_a_council_says_what_that_leaves_unknown(register):
    without = preview_import(register, COUNCILS / "stockport.csv")
    (warning,) = [p for p in without.problems if p.row == 0 and p.field == ""]  # not the ended ones, nor expiries
    assert (warning.level, warning.message) == (
        "warning",
        "No council is chosen, so new assets are added without one, and until each has its council AssetReg "
        "cannot tell which nation's law applies to it. Say whose list it is (the Council box, or --council NAME "
        "on the command line).",
    )

    def about_councils(preview) -> list:
        return [p for p in preview.problems if p.row == 0 and p.field == ""]

    (added,) = about_councils(preview_import(register, COUNCILS / "stockport.csv", "Stockport"))
    assert added.message.startswith(
        "No council in this register is called “Stockport”, so importing adds it, as a council in England."
    )
    import_file(register, COUNCILS / "stockport.csv", "Stockport")
    assert about_councils(preview_import(register, COUNCILS / "stockport.csv", "Stockport")) == []
    again = preview_import(register, COUNCILS / "stockport.csv")  # every asset is matched: none is added
    assert about_councils(again) == []


def test_two_groups_asking_to_bid_on_one_notice_are_both_recorded(register, tmp_path):
    path = tmp_path / "two.csv"
    path.write_text(
        "acv_reference,asset_name,decision,decision_date,notification_of_intention_to_sell_received,"
        "intention_to_bid_received,name_of_community_interest_group\n"
        "T1,The Bell,Listed,01/06/2024,20/10/2026,05/11/2026,Bell Parish Council\n"
        "T1,The Bell,Listed,01/06/2024,20/10/2026,12/11/2026,Bell Community Benefit Society\n",
        encoding="utf-8",
    )
    # Only the society's form is not known from its name: the warning names the row that gives its request.
    (warning,) = [p for p in preview_import(register, path, "Stockport").problems if p.field == "interested_group"]
    assert warning.row == 3 and warning.message.startswith(
        "The list says Bell Community Benefit Society asked to be treated as a bidder on Thu 12 Nov 2026, but not "
        "what kind of body it is."
    )
    import_file(register, path, "Stockport")
    records = Records(register)
    (notice,) = records.list(RecordKind.DISPOSAL_NOTICE)
    requests = records.list(RecordKind.BIDDER_REQUEST, notice_ref=notice.reference)
    groups = {g.reference: g.name for g in records.list(RecordKind.GROUP)}
    assert sorted((r.received_on, groups[r.group_ref]) for r in requests) == [
        (date(2026, 11, 5), "Bell Parish Council"),
        (date(2026, 11, 12), "Bell Community Benefit Society"),
    ]
    assert {r.method for r in requests} == {DeliveryMethod.NOT_KNOWN}  # the list does not say: not "email"
    again = import_file(register, path, "Stockport")
    assert (again["added"], again["updated"], again["unchanged"]) == (0, 0, 1)
    path.write_text(path.read_text(encoding="utf-8").replace("20/10/2026", "21/10/2026"), encoding="utf-8")
    moved = preview_import(register, path, "Stockport").problems
    assert [(p.row, p.field) for p in moved if p.field == "notice_received"] == [(2, "notice_received")]  # once


def test_a_decision_without_its_date_is_warned_of_until_the_entry_is_recorded(register, tmp_path):
    path = tmp_path / "undated.csv"
    path.write_text(
        "ref,asset_name,status,listing_expiry_date\n"
        "U1,The Swan,Listed,19/05/2029\n"
        "U2,The Mill,Unsuccessful,\n"
        "U3,The Bell,Pending,\n",
        encoding="utf-8",
    )
    warned = [p for p in preview_import(register, path, "Stockport").problems if p.field == "decision_date"]
    assert [(p.row, p.level) for p in warned] == [(2, "warning"), (3, "warning")]
    assert warned[0].message.startswith(
        "The list says the asset is listed but not the day it was entered on the list (it gives the listing's "
        "expiry, Sat 19 May 2029, which AssetReg works out itself), so no listing was recorded"
    )
    import_file(register, path, "Stockport")
    records = Records(register)
    swan = next(a for a in records.list(RecordKind.ASSET) if a.name == "The Swan")
    (nomination,) = records.list(RecordKind.NOMINATION, asset_ref=swan.reference)
    assert (nomination.decision, records.list(RecordKind.LIST_ENTRY, asset_ref=swan.reference)) == (
        NominationDecision.LISTED,
        [],
    )
    day = register.today()  # the day the register's list keeps its statuses for

    def statuses() -> tuple[dict, dict]:
        """Each asset's status as the cases give it and as the register's list (kept in the due index) does."""
        cases = {c.asset_name: c.status for c in register_cases(register, day) if c.asset_ref}
        listed = {line[1]: line[2] for batch in lines(register, day) for line in batch}
        return cases, listed

    def indexed() -> dict:
        with register.reading() as session:
            found = due_index.read_statuses(session, day)
        assert found is not None  # the index answers for the day
        return {ref: status.value for ref, status in found[0].items()}

    # Listed, not "Not nominated", in the cases and in the register's list: worked out, kept, then read back.
    for _ in range(2):
        cases, listed = statuses()
        assert (cases["The Swan"], cases["The Mill"]) == (AssetStatus.LISTED_DAY_NOT_RECORDED, AssetStatus.UNSUCCESSFUL)
        assert listed == {
            "The Swan": "listed-day-not-recorded",
            "The Mill": "unsuccessful",
            "The Bell": "not-nominated",
        }
        assert indexed()[swan.reference] == "listed-day-not-recorded"
    # Once the user records the entry (as the Council's decision… form does), the list's row is no longer warned of.
    entry = records.create(
        e.ListEntry(asset_ref=swan.reference, nomination_ref=nomination.reference, entered_on=date(2024, 5, 20))
    )
    again = [p.row for p in preview_import(register, path, "Stockport").problems if p.field == "decision_date"]
    assert again == [3]
    cases, listed = statuses()
    assert (cases["The Swan"], listed["The Swan"]) == (AssetStatus.LISTED, "listed")
    # Deleting the entry again leaves the council's decision: listed, its day not recorded.
    records.delete(entry.value.reference)
    assert statuses()[1]["The Swan"] == "listed-day-not-recorded"


def test_a_removal_the_list_gives_is_recorded_and_one_it_does_not_date_is_warned_of(register, tmp_path):
    path = tmp_path / "removed.csv"
    path.write_text(
        "ref,asset_name,status,date listed,date removed\n"
        "R1,The Swan,Removed from list,20/05/2019,\n"
        "R2,The Fox,Removed following review,20/05/2019,03/06/2021\n",
        encoding="utf-8",
    )
    (warning,) = [p for p in preview_import(register, path, "Stockport").problems if p.field == "status"]
    assert warning.row == 2 and warning.message.startswith("The list says the asset was removed from the list but")
    import_file(register, path, "Stockport")
    records = Records(register)
    fox = next(a for a in records.list(RecordKind.ASSET) if a.name == "The Fox")
    (entry,) = records.list(RecordKind.LIST_ENTRY, asset_ref=fox.reference)
    assert (entry.entered_on, entry.removed_on, entry.removal_reason) == (
        date(2019, 5, 20), date(2021, 6, 3), RemovalReason.REVIEW,
    )  # fmt: skip
    # Imported again, the removed entry is the one the row describes: none is added beside it.
    assert import_file(register, path, "Stockport")["added"] == 0
    assert len(records.list(RecordKind.LIST_ENTRY, asset_ref=fox.reference)) == 1
    # A list that gives the day but no reason leaves the recorded reason as it is.
    path.write_text(path.read_text(encoding="utf-8").replace("Removed following review", "Listed"), encoding="utf-8")
    assert import_file(register, path, "Stockport")["changes"] == []
    assert records.get(entry.reference).removal_reason is RemovalReason.REVIEW
    # A removal still to come is not recorded: the column may hold the listing's expiry.
    path.write_text(path.read_text(encoding="utf-8").replace("03/06/2021", "19/05/2029"), encoding="utf-8")
    (future,) = [p for p in preview_import(register, path, "Stockport").problems if p.field == "removed_on"]
    assert future.message.startswith("The list gives Sat 19 May 2029 as the day the asset was removed")


def test_a_full_moratorium_end_with_no_request_says_that_none_is_counted(register, tmp_path):
    path = tmp_path / "full.csv"
    path.write_text(
        "ref,asset_name,decision_date,notification_of_intention_to_sell_received,intention_to_bid_received,"
        "name_of_community_interest_group,full_moratorium_end_date\n"
        "F1,The Palmerston,20/05/2023,28/10/2026,,,27/04/2027\n"
        "F2,The Plough,20/05/2023,28/10/2026,05/11/2026,Plough Parish Council,27/04/2027\n",
        encoding="utf-8",
    )
    (warning,) = [p for p in preview_import(register, path, "Stockport").problems if p.field == "full_end"]
    assert warning.row == 2 and warning.message.startswith(
        "The list gives the full moratorium as ending on Tue 27 Apr 2027, but not the day the request to be "
        "treated as a bidder was received"
    )
    import_file(register, path, "Stockport")
    case = next(c for c in register_cases(register, date(2026, 12, 20)) if c.notices and not c.notices[0].requests)
    assert case.notices[0].published_without_period == ((Period.FULL, date(2027, 4, 27)),)
    assert case.notices[0].status is NoticeStatus.PROTECTED


def test_a_group_named_without_the_day_it_asked_is_a_request_the_council_counts(register, tmp_path):
    path = tmp_path / "named.csv"
    path.write_text(
        "ref,asset_name,decision_date,notification_of_intention_to_sell_received,intention_to_bid_received,"
        "name_of_community_interest_group,full_moratorium_end_date\n"
        "F1,The Palmerston,20/05/2023,28/10/2026,,Tufnell Park Residents,27/04/2027\n",
        encoding="utf-8",
    )
    preview = preview_import(register, path, "Stockport")
    assert not [p for p in preview.problems if p.field == "full_end"]
    (counted,) = [p.message for p in preview.problems if p.field == "interested_group"]  # one warning, not two
    assert "It does not say what kind of body the group is." in counted
    assert counted.startswith(
        "The list names Tufnell Park Residents as the group that asked to be treated as a bidder, but not the day "
        "its request was received: the request is recorded as one the council counts"
    )
    assert import_file(register, path, "Stockport")["added"] == 1
    (request,) = Records(register).list(RecordKind.BIDDER_REQUEST)
    assert (request.received_on, request.council_counted, request.method) == (None, True, DeliveryMethod.NOT_KNOWN)
    (case,) = register_cases(register, date(2026, 12, 20))
    notice = case.notices[0]
    assert notice.status is NoticeStatus.FULL_MORATORIUM and notice.period_ends_on == date(2027, 4, 27)
    (verdict,) = notice.requests
    assert verdict.starts_full_moratorium and verdict.council_counted and not verdict.shown  # kind not known
    assert verdict.why.startswith("The council's list says this group asked to be treated as a bidder")
    # Importing again adds no second request; recording the day it was received lets the day decide.
    assert import_file(register, path, "Stockport")["unchanged"] == 1
    Records(register).update(request.reference, received_on=date(2026, 12, 10))  # the interim end was Tue 8 Dec
    (again,) = Records(register).list(RecordKind.BIDDER_REQUEST)
    assert again.council_counted is False
    (case,) = register_cases(register, date(2026, 12, 20))
    assert case.notices[0].status is NoticeStatus.PROTECTED  # received too late: no full moratorium


def test_requests_from_groups_a_list_does_not_name_are_each_their_own_assets(register, tmp_path):
    path = tmp_path / "unnamed.csv"
    path.write_text(
        "ref,asset_name,decision_date,notification_of_intention_to_sell_received,intention_to_bid_received\n"
        "N1,The Swan,20/05/2019,10/11/2026,20/11/2026\nN2,The Fox,20/05/2019,12/11/2026,21/11/2026\n",
        encoding="utf-8",
    )
    warned = [p for p in import_file(register, path, "Stockport")["problems"] if p["field"] == "interested_group"]
    assert warned[0]["message"].startswith(
        "The list says a group it does not name (added as “Group not named in the council's list (The Swan)”) "
        "asked to be treated as a bidder on Fri 20 Nov 2026"
    )
    records = Records(register)
    groups = {r.group_ref for r in records.list(RecordKind.BIDDER_REQUEST)}
    assert sorted(records.get(g).name for g in groups) == [
        "Group not named in the council's list (The Fox)",
        "Group not named in the council's list (The Swan)",
    ]


def test_a_list_that_names_its_council_by_code_goes_to_that_council(register):
    unknown = preview_import(register, COUNCILS / "planning-data.csv")
    assert any(p.message.startswith("The list names its council by the code local-authority:EXE, which no")
               for p in unknown.problems)  # fmt: skip
    exeter = Records(register).create(e.Authority(name="Exeter City Council", code="local-authority:EXE")).value
    preview = preview_import(register, COUNCILS / "planning-data.csv")
    assert (preview.council_ref, preview.council_name) == (exeter.reference, "Exeter City Council")
    apply_import(register, preview)
    assert {a.authority_ref for a in Records(register).list(RecordKind.ASSET)} == {exeter.reference}


def test_a_new_asset_with_the_name_of_one_in_the_register_is_said_to_be_perhaps_the_same(register, tmp_path):
    path = tmp_path / "noref.csv"
    path.write_text("asset_name,postcode\nThe Crown,SK1 3AZ\nThe Bell,SK4 2AB\n", encoding="utf-8")
    import_file(register, path, "Stockport")
    crown = next(a for a in Records(register).list(RecordKind.ASSET) if a.name == "The Crown")
    Records(register).update(crown.reference, postcode="SK1 3BA")  # corrected in the register
    preview = preview_import(register, path, "Stockport")
    assert preview.counts()["added"] == 1
    (warning,) = [p for p in preview.problems if p.field == "name"]
    assert (warning.row, warning.message) == (
        2,
        f"The Crown is added as a new asset, though the register has {crown.reference} (at SK1 3BA) of that "
        "name; the list gives SK1 3AZ. If it is the same asset, make the postcodes match (in the list or on the "
        "asset's page) before importing, or it will be recorded twice.",
    )


def test_a_partial_postcode_or_a_wrong_uprn_leaves_out_only_that_value(register, tmp_path):
    path = tmp_path / "codes.csv"
    path.write_text(
        "ref,asset_name,postcode,uprn\nP1,The Swan,SK4,100012345678\nP2,The Mill,sk4 2ab,UPRN 12\n",
        encoding="utf-8",
    )
    summary = import_file(register, path, "Stockport")
    assert summary["added"] == 2
    assert [(p["row"], p["field"], p["message"].split(",")[0]) for p in summary["problems"] if p["row"]] == [
        (2, "postcode", "“SK4” is not a full UK postcode (like SK4 2AB)"),
        (3, "uprn", "“UPRN 12” is not a UPRN (a number of up to 12 digits)"),
    ]
    assets = {a.name: a for a in Records(register).list(RecordKind.ASSET)}
    assert (assets["The Swan"].postcode, assets["The Swan"].uprn) == ("", "100012345678")
    assert (assets["The Mill"].postcode, assets["The Mill"].uprn) == ("SK4 2AB", "")


def test_a_dry_run_writes_nothing(register):
    before = snapshot(register)
    summary = import_file(register, COUNCILS / "stockport.csv", "Stockport", dry_run=True)
    assert summary["added"] == 3
    assert snapshot(register) == before


def test_an_import_that_fails_half_way_writes_nothing(register, monkeypatch):
    import_file(register, COUNCILS / "camden.csv", "Camden")
    before = snapshot(register)
    preview = preview_import(register, COUNCILS / "stockport.csv", "Stockport")
    real = BulkRecords.insert

    def failing(self, kind, *args):
        if kind is RecordKind.DISPOSAL_NOTICE:
            raise OSError("disk full")  # after the assets, nominations and list entries were written
        return real(self, kind, *args)

    monkeypatch.setattr(BulkRecords, "insert", failing)
    with pytest.raises(OSError):
        apply_import(register, preview)
    assert snapshot(register) == before
    assert "Stockport" not in saved_mappings(register)


def test_cancel_writes_nothing(register):
    before = snapshot(register)
    preview = preview_import(register, COUNCILS / "stockport.csv", "Stockport")
    with pytest.raises(importing.ImportCancelled):
        apply_import(register, preview, cancelled=lambda: True)
    assert snapshot(register) == before


def test_an_xlsx_list_with_date_cells_and_a_corrected_mapping_is_saved_for_next_time(register, tmp_path):
    path = tmp_path / "list.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Site", "Where", "Listed on"])
    sheet.append(["The George", "1 High St, Anytown AB1 2CD", datetime(2020, 3, 4)])
    book.save(path)
    preview = preview_import(register, path, "Anytown")
    assert preview.fields[:2] == ["", ""] and preview.plans == []  # no name column: nothing can go in
    fields = ["name", "address", "decision_date"]
    apply_import(register, preview_import(register, path, "Anytown", fields=fields))
    (asset,) = Records(register).list(RecordKind.ASSET)
    assert (asset.name, asset.postcode) == ("The George", "AB1 2CD")
    (entry,) = Records(register).list(RecordKind.LIST_ENTRY)
    assert entry.entered_on == date(2020, 3, 4)
    (council,) = Records(register).list(RecordKind.AUTHORITY)
    assert preview_import(register, path, council.reference).fields == fields  # the saved mapping is reused


def test_formulas_a_program_saved_without_calculating_are_named_not_read_as_blank_in_silence(register, tmp_path):
    # Files written by scripts (openpyxl among them) keep a formula with no value beside it: read as blank.
    path = tmp_path / "list.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name of asset", "Postcode", "Date listed"])
    sheet.append(["The George", "AB1 2CD", "=DATE(2020,3,4)"])
    sheet.append(["The Swan", "AB1 2CE", datetime(2021, 5, 6)])
    sheet.append(["The Bell", "AB1 2CF", "=DATE(2022,1,2)"])
    book.save(path)
    preview = preview_import(register, path, "Anytown")
    warning, *refused = [p for p in preview.problems if "formula" in p.message]
    assert (warning.row, warning.level) == (0, "warning")
    assert warning.message.startswith(
        "The file was saved without the values of its formulas (as programs that do not calculate save it), so "
        "the rows with one (“Date listed”; rows 2, 4) cannot be read and are left out."
    )
    assert "save it, and import it again" in warning.message
    # Read as blank, The George would have gone in as nominated and never decided: its row is refused instead.
    assert [(p.row, p.field, p.level) for p in refused] == [
        (2, "decision_date", "error"),
        (4, "decision_date", "error"),
    ]
    assert [plan.asset.name for plan in preview.plans] == ["The Swan"]
    # A spreadsheet saves each formula's value beside it (<v>): then the value is read, and nothing is said.
    with zipfile.ZipFile(path) as original:
        parts = {name: original.read(name) for name in original.namelist()}
    sheet_xml = parts["xl/worksheets/sheet1.xml"]
    assert sheet_xml.count(b"<v></v>") == 2
    parts["xl/worksheets/sheet1.xml"] = sheet_xml.replace(b"<v></v>", b"<v>43894</v>", 1).replace(
        b"<v></v>", b"<v>44563</v>"
    )
    with zipfile.ZipFile(path, "w") as saved:
        for name, data in parts.items():
            saved.writestr(name, data)
    preview = preview_import(register, path, "Anytown")
    assert not [p for p in preview.problems if "formula" in p.message]
    assert [plan.asset.name for plan in preview.plans] == ["The George", "The Swan", "The Bell"]
    # A formula calculated to the empty string is saved with an empty value of the text type: read as blank.
    book = openpyxl.Workbook()
    book.active.append(["Name of asset", "Postcode", "Notes"])
    book.active.append(["The Oak", "AB1 2CG", '=IF(A2="x","","y")'])
    book.save(path)
    with zipfile.ZipFile(path) as original:
        parts = {name: original.read(name) for name in original.namelist()}
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(b'<c r="C2">', b'<c r="C2" t="str">')
    with zipfile.ZipFile(path, "w") as saved:
        for name, data in parts.items():
            saved.writestr(name, data)
    preview = preview_import(register, path, "Anytown")
    assert not [p for p in preview.problems if "formula" in p.message]
    assert [plan.asset.name for plan in preview.plans] == ["The Oak"]


def test_a_saved_mapping_keeps_a_column_left_out_and_lets_a_newly_known_heading_match(register, tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("ref,asset_name,asset_address,Asset type\nA1,The Swan,1 High St,Pub\n", encoding="utf-8")
    fields = match_headings(["ref", "asset_name", "asset_address", "Asset type"])
    assert fields == ["reference", "name", "address", "category"]
    fields[2] = ""  # the user leaves the address out
    apply_import(register, preview_import(register, path, "Stockport", fields=fields))
    assert saved_mappings(register)["Stockport"] == {
        "ref": "reference", "asset_name": "name", "asset_address": "-", "Asset type": "category",
    }  # fmt: skip
    assert preview_import(register, path, "Stockport").fields == fields
    # A mapping saved before AssetReg knew "Asset type" holds "" for it: the heading is matched now.
    with register.transaction() as session:
        legacy = {"ref": "reference", "asset_name": "name", "asset_address": "", "Asset type": ""}
        write_setting(session, importing.MAPPINGS_SETTING, json.dumps({"Stockport": legacy}))
    assert preview_import(register, path, "Stockport").fields == ["reference", "name", "address", "category"]


def test_the_sheet_and_heading_row_of_the_list_are_found_past_a_notes_sheet_and_a_title(register, tmp_path):
    path = tmp_path / "acv.xlsx"
    book = openpyxl.Workbook()
    about = book.active
    about.title = "About"
    about.append(["This workbook is the council's register of assets of community value."])
    about.append(["Updated monthly."])
    listed = book.create_sheet("ACV list")
    listed.append(["Stockport Council: assets of community value"])
    listed.merge_cells("A1:D1")  # a title across the headings
    listed.append([])
    listed.append(["ref", "asset_name", "postcode", "decision_date"])
    listed.append(["SMBC/ACV/009", "The Swan", "SK4 2AB", "31/02/2020"])
    listed.append(["SMBC/ACV/010", "The Fox", "SK4 3CD", "01/03/2020"])
    book.create_sheet("Spare").append([" "])  # nothing in it but a space: not a sheet with anything in it
    book.save(path)
    preview = preview_import(register, path, "Stockport")
    assert (preview.sheets, preview.sheet, preview.fields) == (
        ("About", "ACV list"), "ACV list", ["reference", "name", "postcode", "decision_date"],
    )  # fmt: skip
    notes = [p.message for p in preview.problems if p.row == 0]
    assert any(n.startswith("Only the sheet “ACV list” was read; the others are “About” (choose") for n in notes)
    assert "The headings were found on row 3; the rows above them were not read." in notes
    (bad,) = [p for p in preview.problems if p.row]
    assert bad.row == 4 and "February 2020 has 29 days" in bad.message  # the spreadsheet's own row number
    assert preview.counts()["added"] == 1
    about_only = preview_import(register, path, "Stockport", sheet="about")
    assert about_only.sheet == "About" and about_only.plans == []
    with pytest.raises(AssetRegError, match="has no sheet “Sheet9” with anything in it; its sheets are “About”"):
        preview_import(register, path, "Stockport", sheet="Sheet9")
    titled = tmp_path / "titled.csv"
    titled.write_text(
        "Assets of Community Value,,\n,,\nref,asset_name,postcode\nX1,The Bell,SK4 2AB\n", encoding="utf-8"
    )
    csv_preview = preview_import(register, titled, "Stockport")
    assert csv_preview.fields == ["reference", "name", "postcode"] and csv_preview.counts()["added"] == 1


def test_the_register_exports_with_formulas_neutralised_and_read_back_by_openpyxl(register, tmp_path):
    import_file(register, COUNCILS / "stockport.csv", "Stockport")
    Records(register).create(
        __import__("assetreg.domain.entities", fromlist=["Asset"]).Asset(name='=HYPERLINK("http://x","y")')
    )
    path = tmp_path / "register.xlsx"
    assert export_register(register, path, "xlsx", date(2021, 10, 1)) == 4
    sheet = openpyxl.load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Reference", "Name", "Council")
    crown = next(r for r in rows if r[1] == "The Crown Inn")
    assert crown[6] == "Interim moratorium" and crown[11].date() == date(2021, 10, 13)
    (link,) = [row[1] for row in sheet.iter_rows() if str(row[1].value).startswith("=")]
    assert (link.value, link.data_type) == ('=HYPERLINK("http://x","y")', "s")  # text as written, not a formula
    csv_path = tmp_path / "register.csv"
    export_register(register, csv_path, "csv", date(2021, 10, 1))
    names = [r[1] for r in csv.reader(csv_path.open(encoding="utf-8"))]
    assert '\'=HYPERLINK("http://x","y")' in names
    assert (csv_path.stat().st_mode & 0o777) == (path.stat().st_mode & 0o777)


def test_the_spreadsheet_says_when_an_expired_listing_ended(register, tmp_path):
    import_file(register, COUNCILS / "stockport.csv", "Stockport")  # the Crown Inn, listed Mon 20 May 2019
    for day, status in ((date(2021, 10, 1), "Interim moratorium"), (date(2025, 9, 15), "Expired")):
        path = tmp_path / f"{day}.csv"
        export_register(register, path, "csv", day)
        (crown,) = [r for r in csv.DictReader(path.open(encoding="utf-8")) if r["Name"] == "The Crown Inn"]
        assert (crown["Status"], crown["Listing ends"]) == (status, "2024-05-19")


@pytest.mark.file_only  # copies or backs up the register file itself
def test_the_national_dataset_round_trips(register, tmp_path):
    import_file(register, COUNCILS / "planning-data.csv", "Exeter")
    out = tmp_path / "acv.csv"
    export_register(register, out, "planning-data", date(2022, 6, 1))
    (row,) = list(csv.DictReader(out.open(encoding="utf-8")))
    assert tuple(row) == PLANNING_FIELDS + EXTENSION_FIELDS
    assert row["reference"] == "ACV-123" and row["point"] == "POINT(-3.5339 50.7184)"
    assert row["expiry-date"] == "2025-02-19" and row["notification-to-sell-date"] == "2022-05-01"
    assert row["assetreg-status"] == "interim-moratorium" and row["assetreg-interim-moratorium-end"] == "2022-06-11"
    geo = tmp_path / "acv.geojson"
    export_register(register, geo, "geojson", date(2022, 6, 1))
    (feature,) = json.loads(geo.read_text())["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [-3.5339, 50.7184]}


def test_a_council_without_a_code_goes_out_and_comes_back_by_its_name(register, tmp_path):
    import_file(register, COUNCILS / "stockport.csv", "Stockport")  # a council added by name, with no code
    out = tmp_path / "acv.csv"
    export_register(register, out, "planning-data")
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert {(r["organisation"], r["council-name"]) for r in rows} == {("", "Stockport")}
    fresh = Register.open(tmp_path / "fresh.assetreg", create=True)
    try:
        summary = import_file(fresh, out)  # no council chosen: the file's column says whose list it is
        assert summary["added"] == len(rows)
        (council,) = Records(fresh).list(RecordKind.AUTHORITY)
        assert council.name == "Stockport"
        assert {a.authority_ref for a in Records(fresh).list(RecordKind.ASSET)} == {council.reference}
        again = import_file(register, out)  # into the register it came from: Stockport by name, nothing new
        assert (again["added"], len(Records(register).list(RecordKind.AUTHORITY))) == (0, 1)
    finally:
        fresh.close()


def varied_register(register) -> None:
    """Five assets at every stage: a full moratorium from a charity's request, a notice whose council printed a
    later interim end, an unsuccessful nomination, one still being decided, and an asset with no nomination."""
    records = Records(register)
    council = records.create(e.Authority(name="Exeter", code="local-authority:EXE")).value.reference
    parish = records.create(e.CommunityGroup(name="Exampleton Parish Council", legal_form=LegalForm.PARISH_COUNCIL))
    friends = records.create(e.CommunityGroup(name="Friends of the Plough", legal_form=LegalForm.CHARITY))

    def asset(name: str, **fields) -> str:
        return records.create(e.Asset(name=name, authority_ref=council, **fields)).value.reference

    def listed(ref: str, received: date, decided: date, code: str, decision=NominationDecision.LISTED) -> str:
        nomination = records.create(
            e.Nomination(
                asset_ref=ref,
                nominator_ref=parish.value.reference,
                received_on=received,
                decision=decision,
                decided_on=decided,
                council_reference=code,
            )
        ).value
        kind = ListEntryKind.LISTED if decision is NominationDecision.LISTED else ListEntryKind.UNSUCCESSFUL
        return records.create(
            e.ListEntry(
                asset_ref=ref,
                kind=kind,
                entered_on=decided,
                council_reference=code,
                nomination_ref=nomination.reference,
            )
        ).value.reference

    plough = asset(
        "The Plough",
        address="High Street, Exampleton EX1 2AB",
        postcode="EX1 2AB",
        uprn="100040123456",
        latitude=50.7184,
        longitude=-3.5339,
        description="Village pub",
        category=AssetCategory.PUB,
    )
    listed(plough, date(2020, 1, 10), date(2020, 2, 20), "ACV-123")
    (plough_nomination,) = records.list(RecordKind.NOMINATION, asset_ref=plough)
    records.update(plough_nomination.reference, decision_reasons="The village's only pub")
    notice = records.create(e.DisposalNotice(asset_ref=plough, received_on=date(2022, 5, 1))).value.reference
    records.create(e.BidderRequest(notice_ref=notice, group_ref=friends.value.reference, received_on=date(2022, 5, 20)))
    mill = asset("The Old Mill", address="Mill Lane, Exampleton EX1 3CD", postcode="EX1 3CD")
    entry = listed(mill, date(2021, 3, 1), date(2021, 4, 26), "ACV-130")
    # taken off the list after the owner's review, the year after its notice
    records.update(entry, removed_on=date(2024, 6, 3), removal_reason=RemovalReason.REVIEW)
    records.create(
        e.DisposalNotice(
            asset_ref=mill,
            received_on=date(2023, 3, 3),
            published_interim_end_on=date(2023, 4, 14),  # one day later than the Act's count
            published_basis="council's list",
        )
    )
    listed(asset("Bus Shelter", postcode="EX2 4EF"), date(2021, 5, 1), date(2021, 6, 1), "ACV-140",
           NominationDecision.UNSUCCESSFUL)  # fmt: skip
    records.create(
        e.Nomination(asset_ref=asset("Village Green"), received_on=date(2025, 8, 1), council_reference="ACV-150")
    )
    asset("The Forge", postcode="EX3 5GH")


def facts_and_dates(register, day: date) -> dict[str, tuple]:
    """Per asset name: what the open formats carry of its records, and its case account's dates on ``day``."""
    records = Records(register)
    groups = {g.reference: (g.name, g.legal_form) for g in records.list(RecordKind.GROUP)}
    cases = {c.asset_ref: c for c in register_cases(register, day) if c.asset_ref}
    result = {}
    for a in records.list(RecordKind.ASSET):
        nominations = [
            (n.received_on, n.decision, n.decided_on, groups.get(n.nominator_ref), n.decision_reasons)
            for n in records.list(RecordKind.NOMINATION, asset_ref=a.reference)
        ]
        entries = [
            (x.kind, x.entered_on, x.removed_on, x.removal_reason)
            for x in records.list(RecordKind.LIST_ENTRY, asset_ref=a.reference)
        ]
        notices = []
        for n in records.list(RecordKind.DISPOSAL_NOTICE, asset_ref=a.reference):
            requests = [
                (r.received_on, groups[r.group_ref])
                for r in records.list(RecordKind.BIDDER_REQUEST, notice_ref=n.reference)
            ]
            published = (n.published_interim_end_on, n.published_full_end_on, n.published_protected_end_on)
            notices.append((n.received_on, published, requests))
        case = cases.get(a.reference)
        dates = (
            (
                case.status,
                case.listing_ends_on,
                [(nc.status, [(p.period, p.starts_on, p.effective_end) for p in nc.periods]) for nc in case.notices],
            )
            if case
            else None
        )
        place = (a.address, a.postcode, a.uprn, a.latitude, a.longitude, a.description, a.category)
        result[a.name] = (place, nominations, entries, notices, dates)
    return result


def test_a_varied_register_round_trips_through_the_national_csv(register, tmp_path):
    varied_register(register)
    out = tmp_path / "acv.csv"
    assert export_register(register, out, "planning-data", date(2022, 6, 1)) == 5
    plough = next(r for r in csv.DictReader(out.open(encoding="utf-8")) if r["name"] == "The Plough")
    assert (plough["interested-group"], plough["intention-to-bid-date"], plough["assetreg-full-moratorium-end"]) == (
        "Friends of the Plough", "2022-05-20", "2022-10-31",
    )  # fmt: skip
    for fmt, name in (("geojson", "acv.geojson"), ("csv", "register.csv"), ("xlsx", "register.xlsx")):
        assert export_register(register, tmp_path / name, fmt, date(2022, 6, 1)) == 5
    features = json.loads((tmp_path / "acv.geojson").read_text())["features"]
    assert sorted(f["properties"]["name"] for f in features) == sorted(facts_and_dates(register, date(2022, 6, 1)))
    sheet = list(openpyxl.load_workbook(tmp_path / "register.xlsx").active.iter_rows(values_only=True))
    assert len(sheet) == 6 and next(r for r in sheet if r[1] == "The Plough")[12].date() == date(2022, 10, 31)
    spreadsheet = list(csv.reader((tmp_path / "register.csv").open(encoding="utf-8")))
    assert next(r for r in spreadsheet if r[1] == "The Plough")[12] == "2022-10-31"

    with Register.open(tmp_path / "fresh.assetreg", create=True) as fresh:
        fresh.clock = register.clock
        summary = import_file(fresh, out, "Exeter")
        assert (summary["added"], summary["updated"]) == (5, 0)
        for day in (date(2022, 6, 1), date(2022, 9, 1), date(2023, 4, 14), date(2025, 9, 15)):
            assert facts_and_dates(fresh, day) == facts_and_dates(register, day)
        assert facts_and_dates(fresh, date(2025, 9, 15))["The Old Mill"][4][0] is AssetStatus.REMOVED


@pytest.mark.file_only  # copies or backs up the register file itself
def test_an_import_that_writes_is_preceded_by_a_verified_backup_and_a_dry_run_by_none(register):
    from assetreg.services.backups import list_backups

    import_file(register, COUNCILS / "stockport.csv", "Stockport", dry_run=True)
    assert list_backups(register) == []
    import_file(register, COUNCILS / "stockport.csv", "Stockport")
    (backup,) = [b for b in list_backups(register) if b.reason == "before-import"]
    assert backup.verified


@pytest.mark.file_only  # reads the register file itself with sqlite3
def test_the_bulk_write_stores_exactly_what_the_orm_stores(register):
    import sqlite3

    Records(register).create(e.Asset(name="By hand", postcode="SK1 1AA"))
    import_file(register, COUNCILS / "stockport.csv", "Stockport")
    connection = sqlite3.connect(register.path)
    rows = connection.execute(
        "SELECT name, created_at, typeof(created_at), category, authority_ref FROM assets ORDER BY id"
    ).fetchall()
    (by_hand, *imported) = rows
    assert by_hand[1:4] == imported[0][1:4] == ("2025-09-15 10:30:00.000000", "text", "other")
    assert by_hand[4] is None and imported[0][4] == "AUTH-0001"  # an absent link is NULL, a link its reference
    entered = connection.execute("SELECT entered_on, regime FROM list_entries ORDER BY id").fetchall()
    assert entered[0] == ("2019-05-20", "LA2011")
    audit = connection.execute("SELECT at, action, record_reference FROM audit_entries ORDER BY id").fetchall()
    assert audit[0][0] == audit[-1][0] == "2025-09-15 10:30:00.000000"
    connection.close()


def test_an_import_keeps_whats_due_ready_for_the_assets_it_wrote(register):
    """The due index, once built, is refreshed for every asset an import adds or changes, in the same transaction."""
    from assetreg.db.models import DueCoverageRow
    from assetreg.services.deadlines import whats_due
    from assetreg.services.due_index import verify

    whats_due(register)  # builds the index
    import_file(register, COUNCILS / "camden.csv", "Camden")
    with register.reading() as session:
        covered = {row.asset_ref for row in session.query(DueCoverageRow)}
    assets = {a.reference for a in Records(register).list(RecordKind.ASSET)}
    assert assets and assets <= covered
    assert verify(register) == []  # what the index says is what the cases say


def test_a_list_planned_a_few_assets_at_a_time_is_planned_as_it_is_all_at_once(register, monkeypatch):
    """A re-import reads the register's records a chunk of matched assets at a time: the plan is the same."""
    import_file(register, COUNCILS / "camden.csv", "Camden")
    whole = preview_import(register, COUNCILS / "camden.csv", "Camden")
    monkeypatch.setattr(importing, "PLAN_CHUNK", 1)
    chunked = preview_import(register, COUNCILS / "camden.csv", "Camden")
    assert chunked.plans == whole.plans and chunked.problems == whole.problems
    assert chunked.counts() == {"added": 0, "updated": 0, "unchanged": 3}


def test_the_due_index_refreshed_a_few_assets_at_a_time_is_what_the_cases_say(register, monkeypatch):
    from assetreg.db.models import DueCoverageRow
    from assetreg.services.deadlines import whats_due
    from assetreg.services.due_index import verify

    monkeypatch.setattr(importing, "REFRESH_CHUNK", 1)
    whats_due(register)  # builds the index
    import_file(register, COUNCILS / "camden.csv", "Camden")
    with register.reading() as session:
        covered = {row.asset_ref for row in session.query(DueCoverageRow)}
    assert len(covered & {a.reference for a in Records(register).list(RecordKind.ASSET)}) == 3
    assert verify(register) == []


def test_files_that_are_not_lists_are_refused_with_what_they_are(register, tmp_path):
    headings = tmp_path / "headings.csv"
    headings.write_text("asset_name,decision_date\n\n", encoding="utf-8")
    picture = tmp_path / "list.csv"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    workbook = tmp_path / "renamed.csv"
    book = openpyxl.Workbook()
    book.active.append(["asset_name"])
    book.save(workbook)
    before = snapshot(register)
    with pytest.raises(AssetRegError, match="The file has headings but no rows under them"):
        preview_import(register, headings, "Stockport")
    with pytest.raises(AssetRegError, match=r"list\.csv is not a CSV file: it is a picture \(PNG\)"):
        preview_import(register, picture, "Stockport")
    with pytest.raises(AssetRegError, match=r"an Excel workbook \(\.xlsx\) renamed: name it \.xlsx"):
        preview_import(register, workbook, "Stockport")
    assert snapshot(register) == before


def test_a_council_name_that_is_nearly_one_in_the_register_is_questioned(register):
    import_file(register, COUNCILS / "stockport.csv", "Stockport")
    (council,) = Records(register).list(RecordKind.AUTHORITY)
    for typed in ("Stockprot", "Stockport Metropolitan Borough Council"):
        problems = preview_import(register, COUNCILS / "stockport.csv", typed).problems
        (added,) = [p for p in problems if p.message.startswith("No council")]
        assert added.message.startswith(
            f"No council in this register is called “{typed}”: did you mean Stockport ({council.reference})?"
        )
    problems = preview_import(register, COUNCILS / "stockport.csv", "Camden").problems
    (unlike,) = [p for p in problems if p.message.startswith("No council")]
    assert "did you mean" not in unlike.message


def test_listings_the_list_dates_more_than_five_years_back_are_said_to_have_ended(register, tmp_path):
    path = tmp_path / "old.csv"
    path.write_text(
        "Asset name,Status,Date listed,Listing end date\n"
        "The Swan,Listed,20/09/2012,19/09/2017\n"  # ended: five years from entry
        "The Fox,Listed,02/12/2021,01/12/2026\n"  # its last day is the day before the import: ended
        "The Bell,Listed,03/12/2021,02/12/2026\n",  # its last day is the day of the import: still listed
        encoding="utf-8",
    )
    register.clock = lambda: datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
    preview = preview_import(register, path, "Stockport")
    (ended,) = [p for p in preview.problems if p.field == "decision_date"]
    assert (ended.row, ended.level) == (0, "warning")
    assert ended.message.startswith(
        "The list gives 2 assets as listed more than five years before Wed 2 Dec 2026 (rows: 2, 3). A listing "
        "lasts five years (s.87(3)), so AssetReg shows these listings as expired."
    )
    assert not [p for p in preview.problems if "Listing end date" in p.message]  # the heading is known now


def test_a_renamed_asset_and_a_nominator_with_nothing_else_are_warned_of(register, tmp_path):
    path = tmp_path / "first.csv"
    path.write_text("Asset name,Postcode\nThe Southampton Arms,NW5 1LE\n", encoding="utf-8")
    import_file(register, path, "Camden")
    renamed = tmp_path / "renamed.csv"
    renamed.write_text(
        "Asset name,Postcode,Nominated by\nSouthampton Arms,NW5 1LE,\nThe Old Forge,NW1 1AB,Forge Friends\n",
        encoding="utf-8",
    )
    problems = preview_import(register, renamed, "Camden").problems
    (arms,) = [p for p in problems if p.field == "name"]
    assert arms.row == 2 and arms.message.startswith(
        "Southampton Arms is added as a new asset, though the register has AST-0001 “The Southampton Arms” at the "
        "same postcode, NW5 1LE."
    )
    (forge,) = [p for p in problems if p.field == "nominated_by"]
    assert forge.row == 3 and forge.message.startswith(
        "The list names Forge Friends as the nominator but gives neither the day the nomination was received nor "
        "the council's decision, so no nomination was recorded"
    )


def test_assets_imported_without_a_council_that_a_later_import_gives_one_are_counted_as_updated(register):
    import_file(register, COUNCILS / "stockport.csv")  # no council chosen
    preview = preview_import(register, COUNCILS / "stockport.csv", "Stockport")
    assert preview.counts() == {"added": 0, "updated": 3, "unchanged": 0}  # not "left 3 unchanged"
    assert {tuple(c["what"]) for c in preview.changes()} == {("council: none → Stockport (added by this import)",)}
    apply_import(register, preview)
    (council,) = Records(register).list(RecordKind.AUTHORITY)
    assert {a.authority_ref for a in Records(register).list(RecordKind.ASSET)} == {council.reference}
    assert preview_import(register, COUNCILS / "stockport.csv", "Stockport").counts()["unchanged"] == 3


def test_a_list_of_several_councils_by_code_or_name_is_refused_not_given_to_one(register, tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_text(
        "name,organisation,council-name\nThe Swan,local-authority:EXE,Exeter\nThe Fox,,Camden\nThe Bell,,Stockport\n",
        encoding="utf-8",
    )
    preview = preview_import(register, path)
    (refused,) = [p for p in preview.problems if p.field == "organisation"]
    assert refused.message.startswith("The list's rows are of 3 councils (Camden, Stockport, local-authority:EXE)")
    assert preview.council_name == ""


def test_likely_duplicates_are_names_alike_in_spelling_not_different_assets_at_one_postcode():
    from assetreg.domain.import_review import _alike

    assert _alike("Southampton Arms", "The Southampton Arms") and _alike("The Crown & Anchor", "Crown and Anchor")
    assert _alike("Southhampton Arms", "Southampton Arms")  # a slip of spelling
    for ours, theirs in [
        ("Village Hall", "Village Hall Car Park"),
        ("The Bell", "Campbell Hall"),
        ("1 High Street", "11 High Street"),
        ("Allotments North", "Allotments South"),
        ("The George", "The George and Dragon"),
    ]:
        assert not _alike(ours, theirs), (ours, theirs)


RELISTED = (
    "Reference,Property name and address,Nominated By,Date Nomination Received,Decision Date,"
    "Notice To Dispose Received By Council Date,Reason For Unsuccessful Nomination\n"
    'CAMACV40,"The Crown, 3 Crown Street, London NW1 9ZZ",Crown Regulars,01/02/2015,20/03/2015,10/06/2016,\n'
    'CAMACV40 (relisted),"The Crown, 3 Crown Street, London NW1 9ZZ",Crown Regulars,01/02/2020,20/03/2020,,\n'
    'CAMACV40 (relisted 2025),"The Crown, 3 Crown Street, London NW1 9ZZ",Crown Friends,01/02/2025,20/03/2025,'
    "01/10/2026,\n"
)


def listings(register, asset_ref: str) -> list[tuple]:
    records = Records(register)
    by_ref = {n.reference: n for n in records.list(RecordKind.NOMINATION, asset_ref=asset_ref)}
    return [
        (x.entered_on, by_ref[x.nomination_ref].received_on, records.get(by_ref[x.nomination_ref].nominator_ref).name)
        for x in sorted(records.list(RecordKind.LIST_ENTRY, asset_ref=asset_ref), key=lambda x: x.reference)
    ]


def test_a_relisting_in_a_row_of_its_own_is_recorded_beside_the_earlier_listings(register, tmp_path):
    path = tmp_path / "relisted.csv"
    path.write_text(RELISTED, encoding="utf-8")
    register.clock = lambda: datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
    summary = import_file(register, path, "Camden")
    assert summary["added"] == 1 and not [p for p in summary["problems"] if p["field"] == "decision_date"]
    (crown,) = Records(register).list(RecordKind.ASSET)
    assert listings(register, crown.reference) == [
        (date(2015, 3, 20), date(2015, 2, 1), "Crown Regulars"),
        (date(2020, 3, 20), date(2020, 2, 1), "Crown Regulars"),
        (date(2025, 3, 20), date(2025, 2, 1), "Crown Friends"),
    ]
    # Listed again in 2025: the notice of October 2026 starts the moratorium (it had "no moratorium" before).
    (case,) = register_cases(register, date(2026, 10, 20))
    assert case.listing_status is AssetStatus.LISTED
    assert [n.status for n in case.notices] == [NoticeStatus.LAPSED, NoticeStatus.INTERIM_MORATORIUM]
    assert import_file(register, path, "Camden")["unchanged"] == 1  # nothing twice


def test_a_relisting_a_later_list_gives_is_added_without_rewriting_the_listing_recorded_before(register, tmp_path):
    first = tmp_path / "2015.csv"
    first.write_text("\n".join(RELISTED.splitlines()[:2]) + "\n", encoding="utf-8")
    import_file(register, first, "Camden")
    (crown,) = Records(register).list(RecordKind.ASSET)
    path = tmp_path / "relisted.csv"
    path.write_text(RELISTED, encoding="utf-8")
    preview = preview_import(register, path, "Camden")
    assert not preview.plans[0].changes  # the 2015 nomination and entry are left as they are
    apply_import(register, preview)
    assert [day for day, _, _ in listings(register, crown.reference)] == [
        date(2015, 3, 20), date(2020, 3, 20), date(2025, 3, 20),
    ]  # fmt: skip


def test_rows_that_give_one_listing_two_days_say_so_and_keep_the_first(register, tmp_path):
    path = tmp_path / "clash.csv"
    path.write_text(
        "Reference,Asset name,Decision Date,Status\n"
        "ACV1 (a),The Bell,20/03/2022,Listed\n"
        "ACV1 (b),The Bell,21/04/2023,Listed\n"  # within the first listing's five years: one of them is wrong
        "ACV2 (a),The Fox,20/03/2022,Unsuccessful\n"
        "ACV2 (b),The Fox,21/04/2023,Listed\n",  # refused, then listed on a fresh nomination: both happened
        encoding="utf-8",
    )
    preview = preview_import(register, path, "Camden")
    (clash,) = [p for p in preview.problems if p.field == "decision_date"]
    assert (clash.row, clash.level) == (3, "warning")
    assert clash.message == (
        "This row gives The Bell as entered on the list on Fri 21 Apr 2023, but row 2 gives Sun 20 Mar 2022, while "
        "that listing still ran: only Sun 20 Mar 2022 was recorded. Check the council's list, and correct the day "
        "on the asset's Listing tab if it is the other."
    )
    apply_import(register, preview)
    bell, fox = sorted(Records(register).list(RecordKind.ASSET), key=lambda a: a.name)
    assert [x.entered_on for x in Records(register).list(RecordKind.LIST_ENTRY, asset_ref=bell.reference)] == [
        date(2022, 3, 20)
    ]
    fox_entries = Records(register).list(RecordKind.LIST_ENTRY, asset_ref=fox.reference)
    assert sorted((x.entered_on, x.kind) for x in fox_entries) == [
        (date(2022, 3, 20), ListEntryKind.UNSUCCESSFUL), (date(2023, 4, 21), ListEntryKind.LISTED),
    ]  # fmt: skip


def test_a_group_that_cannot_start_a_full_moratorium_named_without_a_day_is_not_said_to_be_counted(register, tmp_path):
    path = tmp_path / "forum.csv"
    path.write_text(
        "ref,asset_name,decision_date,notification_of_intention_to_sell_received,name_of_community_interest_group,"
        "interested-group-legal-form\nF1,The Anchor,20/05/2023,28/10/2026,Anchor Forum,neighbourhood-forum\n",
        encoding="utf-8",
    )
    (warning,) = [
        p.message for p in preview_import(register, path, "Stockport").problems if p.field == "interested_group"
    ]
    assert warning.startswith(
        "The list names Anchor Forum as the group that asked to be treated as a bidder, but not the day its request "
        "was received. A designated neighbourhood forum cannot trigger the full moratorium"
    )
    assert "council's word" not in warning


def test_requests_without_a_day_round_trip_as_what_they_are(register, tmp_path):
    records = Records(register)
    council = records.create(e.Authority(name="Exeter", code="local-authority:EXE")).value
    group = records.create(e.CommunityGroup(name="Friends", legal_form=LegalForm.CHARITY)).value
    for name, counted in (("The Counted", True), ("The Undated", False)):
        asset = records.create(e.Asset(name=name, authority_ref=council.reference)).value
        nomination = records.create(
            e.Nomination(
                asset_ref=asset.reference,
                received_on=date(2024, 1, 5),
                decision=NominationDecision.LISTED,
                decided_on=date(2024, 3, 1),
            )
        ).value
        records.create(
            e.ListEntry(asset_ref=asset.reference, entered_on=date(2024, 3, 1), nomination_ref=nomination.reference)
        )
        notice = records.create(e.DisposalNotice(asset_ref=asset.reference, received_on=date(2026, 10, 28))).value
        records.create(e.BidderRequest(notice_ref=notice.reference, group_ref=group.reference, council_counted=counted))
    out = tmp_path / "acv.csv"
    export_register(register, out, "planning-data", date(2026, 12, 20))
    exported = {r["name"]: r["interested-group"] for r in csv.DictReader(out.open(encoding="utf-8"))}
    assert exported == {"The Counted": "Friends", "The Undated": ""}  # read back, a named group is counted
    with Register.open(tmp_path / "fresh.assetreg", create=True) as fresh:
        import_file(fresh, out)
        statuses = {c.asset_name: c.notices[0].status for c in register_cases(fresh, date(2026, 12, 20))}
    assert statuses == {"The Counted": NoticeStatus.FULL_MORATORIUM, "The Undated": NoticeStatus.PROTECTED}
