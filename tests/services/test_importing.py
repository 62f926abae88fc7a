"""Importing councils' lists into a real register and exporting it again, read back from the files."""

from __future__ import annotations

import csv
import json
import shutil
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from assetreg.domain.enums import NominationDecision
from assetreg.domain.records import RecordKind
from assetreg.services import importing
from assetreg.services.exporting import EXTENSION_FIELDS, PLANNING_FIELDS, export_register
from assetreg.services.importing import apply_import, import_file, preview_import, saved_mappings
from assetreg.services.records import Records

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
        (4, "listing_expiry", "warning"),  # the council's expiry is not five years from entry
        (5, "decision_date", "error"),  # 31/02/2013 is left out, not guessed
    }
    records = Records(register)
    (cap,) = records.list(RecordKind.ASSET, name="The Black Cap")
    notices = records.list(RecordKind.DISPOSAL_NOTICE, asset_ref=cap.reference)
    assert [n.received_on for n in notices] == [date(2013, 1, 3), date(2015, 6, 4)]
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


def test_a_dry_run_writes_nothing(register):
    before = snapshot(register)
    summary = import_file(register, COUNCILS / "stockport.csv", "Stockport", dry_run=True)
    assert summary["added"] == 3
    assert snapshot(register) == before


def test_an_import_that_fails_half_way_writes_nothing(register, monkeypatch):
    import_file(register, COUNCILS / "camden.csv", "Camden")
    before = snapshot(register)
    preview = preview_import(register, COUNCILS / "stockport.csv", "Stockport")
    real = Records.insert_prepared

    def failing(self, repo, checked, now):
        if checked and RecordKind.of(checked[0]) is RecordKind.DISPOSAL_NOTICE:
            raise OSError("disk full")  # after the assets, nominations and list entries were written
        return real(self, repo, checked, now)

    monkeypatch.setattr(Records, "insert_prepared", failing)
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


def test_the_register_exports_with_formulas_neutralised_and_read_back_by_openpyxl(register, tmp_path):
    import_file(register, COUNCILS / "stockport.csv", "Stockport")
    Records(register).create(
        __import__("assetreg.domain.entities", fromlist=["Asset"]).Asset(name='=HYPERLINK("http://x","y")')
    )
    path = tmp_path / "register.xlsx"
    assert export_register(register, path, "xlsx", date(2021, 10, 1)) == 4
    rows = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("Reference", "Name", "Council")
    crown = next(r for r in rows if r[1] == "The Crown Inn")
    assert crown[6] == "Interim moratorium" and crown[11].date() == date(2021, 10, 13)
    assert any(r[1] == '\'=HYPERLINK("http://x","y")' for r in rows)  # text, not a formula
    csv_path = tmp_path / "register.csv"
    export_register(register, csv_path, "csv", date(2021, 10, 1))
    names = [r[1] for r in csv.reader(csv_path.open(encoding="utf-8"))]
    assert '\'=HYPERLINK("http://x","y")' in names
    assert (csv_path.stat().st_mode & 0o777) == (path.stat().st_mode & 0o777)


@pytest.mark.file_only  # copies or backs up the register file itself
def test_the_national_dataset_round_trips(register, tmp_path):
    import_file(register, COUNCILS / "planning-data.csv", "Exeter")
    out = tmp_path / "acv.csv"
    export_register(register, out, "planning-data", date(2022, 6, 1))
    (row,) = list(csv.DictReader(out.open(encoding="utf-8")))
    assert tuple(row) == PLANNING_FIELDS + EXTENSION_FIELDS
    assert row["reference"] == "ACV-123" and row["point"] == "POINT(-3.5339 50.7184)"
    assert row["expiry-date"] == "2025-02-19" and row["notification-to-sell-date"] == "2022-05-01"
    assert row["assetreg-status"] == "interim-moratorium" and row["interim-moratorium-end-date"] == "2022-06-11"
    geo = tmp_path / "acv.geojson"
    export_register(register, geo, "geojson", date(2022, 6, 1))
    (feature,) = json.loads(geo.read_text())["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [-3.5339, 50.7184]}
    # Importing the export into another register gives the same asset back.
    other = tmp_path / "other.assetreg"
    shutil.copyfile(register.path, other)


@pytest.mark.file_only  # copies or backs up the register file itself
def test_an_import_that_writes_is_preceded_by_a_verified_backup_and_a_dry_run_by_none(register):
    from assetreg.services.backups import list_backups

    import_file(register, COUNCILS / "stockport.csv", "Stockport", dry_run=True)
    assert list_backups(register) == []
    import_file(register, COUNCILS / "stockport.csv", "Stockport")
    (backup,) = [b for b in list_backups(register) if b.reason == "before-import"]
    assert backup.verified
