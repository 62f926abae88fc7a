"""``assetreg import`` and ``assetreg export``, run for real in a subprocess against a real register."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

COUNCILS = Path(__file__).parent.parent / "fixtures" / "councils"


def run(*args, data_dir: Path):
    env = {k: v for k, v in os.environ.items() if k != "ASSETREG_DB"} | {"ASSETREG_DATA_DIR": str(data_dir)}
    return subprocess.run(
        [sys.executable, "-m", "assetreg", *map(str, args)], env=env, capture_output=True, text=True, timeout=60
    )


def test_import_dry_run_then_import_then_export(register_path: Path, tmp_path: Path):
    db = ("--db", register_path)
    before = register_path.read_bytes()
    dry = run(
        "import", COUNCILS / "stockport.csv", "--council", "Stockport", "--dry-run", "--json", *db, data_dir=tmp_path
    )
    assert dry.returncode == 0, dry.stderr
    summary = json.loads(dry.stdout)
    assert (summary["added"], summary["updated"], summary["unchanged"]) == (3, 0, 0)
    assert [(p["row"], p["field"]) for p in summary["problems"]] == [
        (0, ""),  # the council is added
        (0, "listing_expiry"),  # row 3's expiry is not the last day of five years from entry
        (0, "decision_date"),  # a listing of 2012 that has ended by 2026, though the list says listed
        (2, "interested_group"),
    ]
    assert register_path.read_bytes() == before
    done = run("import", COUNCILS / "stockport.csv", "--council", "Stockport", *db, data_dir=tmp_path)
    assert done.returncode == 0 and "Added 3 assets" in done.stdout
    assert "With them it added 3 entries on the council's lists, 1 owner's notice, 1 request to be treated as a " in (
        done.stdout
    )
    again = json.loads(run("import", COUNCILS / "stockport.csv", "--council", "Stockport", "--json", *db,
                           data_dir=tmp_path).stdout)  # fmt: skip
    assert (again["added"], again["unchanged"]) == (0, 3)
    out = tmp_path / "acv.csv"
    exported = run("export", out, "--format", "planning-data", "--on", "2021-10-01", *db, data_dir=tmp_path)
    assert exported.returncode == 0, exported.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    crown = next(r for r in rows if r["name"] == "The Crown Inn")
    assert crown["reference"] == "SMBC/ACV/001" and crown["assetreg-status"] == "interim-moratorium"


def test_a_re_import_lists_each_change_and_a_list_with_nothing_importable_fails(register_path: Path, tmp_path: Path):
    db = ("--db", register_path)
    assert run("import", COUNCILS / "stockport.csv", "--council", "Stockport", *db, data_dir=tmp_path).returncode == 0
    shown = run("assets", "show", "AST-0001", *db, data_dir=tmp_path).stdout  # the council's dates, as published
    assert "    The council published (council's list, imported " in shown
    assert "full moratorium ends Wed 2 Mar 2022" in shown and "request BR-0001 from Crown Community Pub Ltd" in shown
    assert run("edit", "AST-0002", "--address", "Gorton Road, Reddish", *db, data_dir=tmp_path).returncode == 0
    dry = run("import", COUNCILS / "stockport.csv", "--council", "Stockport", "--dry-run", *db, data_dir=tmp_path)
    assert dry.returncode == 0, dry.stderr
    assert "  Row 3, AST-0002: address: “Gorton Road, Reddish” → “2 Gorton Road, Stockport SK5 6XX”" in dry.stdout
    summary = json.loads(run("import", COUNCILS / "stockport.csv", "--json", *db, data_dir=tmp_path).stdout)
    assert summary["changes"] == [
        {
            "row": 3,
            "asset": "AST-0002",
            "what": ["address: “Gorton Road, Reddish” → “2 Gorton Road, Stockport SK5 6XX”"],
        }
    ]
    # The backup made just before the import puts the register back as it was, correction and all.
    restored = run("restore-backup", summary["backup"], *db, data_dir=tmp_path)
    assert restored.returncode == 0, restored.stderr
    shown = json.loads(run("assets", "show", "AST-0002", "--json", *db, data_dir=tmp_path).stdout)
    assert shown["asset"]["address"] == "Gorton Road, Reddish"
    # A column can be left out for one import from the command line: the correction stays.
    kept = run(
        "import", COUNCILS / "stockport.csv", "--leave-out", "ASSET_ADDRESS", "--dry-run", *db, data_dir=tmp_path
    )
    assert kept.returncode == 0 and "Would add 0 assets, update 0 and leave 3 unchanged." in kept.stdout
    missing = run("import", COUNCILS / "stockport.csv", "--leave-out", "Where", *db, data_dir=tmp_path)
    assert missing.returncode == 1 and "The list has no column “Where”; its columns are “ref”" in missing.stderr
    bad = tmp_path / "bad.csv"
    bad.write_text("ref,asset_name,decision_date\nX1,,01/01/2020\nX2,The Fox,31/02/2020\n", encoding="utf-8")
    refused = run("import", bad, "--council", "Stockport", *db, data_dir=tmp_path)
    assert refused.returncode == 1 and "Nothing could be imported" in refused.stderr
    assert "Row 3 [error]" in refused.stdout


def test_an_unreadable_file_is_refused_with_a_reason(register_path: Path, tmp_path: Path):
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    result = run("import", empty, "--db", register_path, data_dir=tmp_path)
    assert result.returncode == 1 and "empty" in result.stderr
    headings = tmp_path / "headings.csv"
    headings.write_text("asset_name,decision_date\n", encoding="utf-8")
    result = run("import", headings, "--db", register_path, data_dir=tmp_path)
    assert result.returncode == 1 and "has headings but no rows under them" in result.stderr


def test_the_rows_left_out_are_counted(register_path: Path, tmp_path: Path):
    path = tmp_path / "bad.csv"
    path.write_text("asset_name,decision_date\nThe Swan,31/02/2013\nThe Fox,03/03/2024\n", encoding="utf-8")
    done = run("import", path, "--council", "Stockport", "--dry-run", "--db", register_path, data_dir=tmp_path)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[:3] == [
        "Would add 1 asset, update 0 and leave 0 unchanged.",
        "With them it would add 1 entry on the council's lists.",
        "1 row left out, each named below with what to correct.",
    ]


def test_an_asset_a_list_says_is_listed_without_its_day_is_shown_listed_and_no_sale_freedom_is_claimed(
    register_path: Path, tmp_path: Path
):
    db = ("--db", register_path)
    path = tmp_path / "undated.csv"
    path.write_text(
        "Asset name,Postcode,Status,Date listed,Nominated by\nThe Plough,SK4 1AA,Listed,,Plough Friends\n",
        encoding="utf-8",
    )
    assert run("import", path, "--council", "Stockport", *db, data_dir=tmp_path).returncode == 0
    listed = json.loads(run("assets", "list", "--json", *db, data_dir=tmp_path).stdout)
    assert [(a["name"], a["status_label"]) for a in listed] == [("The Plough", "Listed (day of entry not recorded)")]
    reference = listed[0]["reference"]
    shown = run("assets", "show", reference, *db, data_dir=tmp_path).stdout.splitlines()
    assert shown[1] == "Status: Listed (day of entry not recorded)"
    assert shown[2].startswith("Who the owner may sell to is not known: the day the asset was entered on the list")
    assert any(line.endswith("received not known · Listed · by Plough Friends") for line in shown)
    case = json.loads(run("assets", "show", reference, "--json", *db, data_dir=tmp_path).stdout)
    assert (case["status"], case["owner_may_dispose_to"]) == ("listed-day-not-recorded", "not-known-listing-day")


def test_the_council_is_named_by_its_reference_typed_loosely(register_path: Path, tmp_path: Path):
    db = ("--db", register_path)
    assert run("import", COUNCILS / "stockport.csv", "--council", "Stockport", *db, data_dir=tmp_path).returncode == 0
    shown = json.loads(run("assets", "show", "AST-0001", "--json", *db, data_dir=tmp_path).stdout)
    council = shown["asset"]["authority_ref"]
    loose = council.lower().replace("-000", "-")  # AUTH-0001 as a person types it: auth-1
    again = run("import", COUNCILS / "stockport.csv", "--council", loose, "--dry-run", "--json", *db, data_dir=tmp_path)
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["unchanged"] == 3
    missing = run("import", COUNCILS / "stockport.csv", "--council", "auth-9", "--dry-run", *db, data_dir=tmp_path)
    assert missing.returncode != 0 and "There is no council AUTH-0009 in this register." in missing.stderr


def test_a_column_no_heading_matches_is_given_its_field_on_the_command_line_and_kept(tmp_path: Path):
    register = tmp_path / "r.assetreg"
    assert run("init", "--db", register, data_dir=tmp_path).returncode == 0
    listing = tmp_path / "list.csv"
    listing.write_text("Asset,Date Listed,Notice In\nThe Mill,01/03/2024,31/08/2025\n", encoding="utf-8")
    db = ("--council", "Testshire Council", "--db", register)
    before = register.read_bytes()
    for wrong, says in (
        (
            "Notice=notice-received",
            "The list has no column “Notice”; its columns are “Asset”, “Date Listed”, “Notice In”.",
        ),
        ("Notice In=when", "“when” is not a field a column can go to; use one of: reference, name,"),
    ):
        refused = run("import", listing, "--column", wrong, *db, data_dir=tmp_path)
        assert refused.returncode == 1 and says in refused.stderr
    assert register.read_bytes() == before  # refused: nothing written
    done = run("import", listing, "--column", "Notice In=notice-received", "--json", *db, data_dir=tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["records_added"]["disposal_notices"] == 1
    again = json.loads(run("import", listing, "--dry-run", "--json", *db, data_dir=tmp_path).stdout)
    assert again["unchanged"] == 1 and not [p for p in again["problems"] if "Notice In" in p["message"]]
    shown = json.loads(run("assets", "show", "AST-0001", "--json", "--db", register, data_dir=tmp_path).stdout)
    assert shown["notices"][0]["received_on"] == "2025-08-31"
