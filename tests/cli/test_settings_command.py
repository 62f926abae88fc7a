"""``assetreg settings``: what a person changes there reaches the deadlines and the calendar."""

from __future__ import annotations

import json
from datetime import date

import pytest

from assetreg.app import main
from assetreg.domain import entities as e
from assetreg.services.records import Records
from assetreg.services.register import Register


@pytest.fixture
def register_file(tmp_path, monkeypatch):
    monkeypatch.setenv("ASSETREG_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("ASSETREG_DB", raising=False)
    path = tmp_path / "campaign.assetreg"
    register = Register.open(path, create=True)
    records = Records(register)
    asset = records.create(e.Asset(name="The Red Lion")).value.reference
    records.create(e.ListEntry(asset_ref=asset, entered_on=date(2025, 6, 15)))
    records.create(e.DisposalNotice(asset_ref=asset, received_on=date(2025, 8, 31)))
    register.close()
    return path


def _json(capsys, *args: str):
    assert main([*args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_defaults_then_changes_are_saved_and_used(register_file, capsys):
    db = ["--db", str(register_file)]
    assert _json(capsys, "settings", *db)["send_by_working_days"] == 3

    assert (
        main(
            [
                "settings",
                *db,
                "--reminders",
                "ACV-IMP-END=28,7",
                "--send-by",
                "5",
                "--add-holiday",
                "2025-10-08=Office closed",
            ]
        )
        == 0
    )
    capsys.readouterr()
    saved = _json(capsys, "settings", *db)
    assert saved["reminder_days"] == {"ACV-IMP-END": [28, 7]}
    assert saved["send_by_working_days"] == 5
    assert saved["extra_holidays"] == [["2025-10-08", "Office closed"]]

    items = _json(capsys, "deadlines", *db, "--today", "2025-09-15")["deadlines"]
    (interim,) = [i for i in items if i["rule"] == "ACV-IMP-END"]
    assert interim["date"] == "2025-10-11"
    assert interim["reminders"] == ["2025-09-13", "2025-10-04"]
    # Five working days before Sat 11 Oct 2025 are 10, 9, 7, 6 and 3 Oct: the user's holiday on Wed 8 Oct is
    # skipped, so Fri 3 Oct (without it, Mon 6 Oct).
    assert interim["send_by"] == "2025-10-03"


def test_a_default_is_restored_and_a_holiday_removed(register_file, capsys):
    db = ["--db", str(register_file)]
    main(["settings", *db, "--reminders", "ACV-IMP-END=28", "--add-holiday", "2025-10-08=Closed"])
    main(["settings", *db, "--reminders", "ACV-IMP-END=", "--remove-holiday", "2025-10-08"])
    capsys.readouterr()
    saved = _json(capsys, "settings", *db)
    assert saved["reminder_days"] == {}
    assert saved["extra_holidays"] == []


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (["--reminders", "ACV-NOPE=3"], "ACV-NOPE is not a rule code"),
        (["--reminders", "ACV-IMP-END=soon"], "Write reminders as RULE=DAYS"),
        (["--add-holiday", "31/9/2025=Closed"], "“31/9/2025” is not a real date: September 2025 has 30 days"),
        (["--renominate-before", "400"], "between 0 and 365 days"),
    ],
)
def test_bad_settings_are_refused_and_nothing_changes(register_file, capsys, option, message):
    db = ["--db", str(register_file)]
    before = _json(capsys, "settings", *db)
    assert main(["settings", *db, *option]) == 2
    assert message in capsys.readouterr().err
    assert _json(capsys, "settings", *db) == before


def test_the_nation_the_renomination_lead_and_the_2026_act_are_set_and_undone_from_the_command_line(
    register_file, capsys
):
    db = ["--db", str(register_file)]
    main(["settings", *db, "--renominate-before", "90", "--new-law-from", "2026-09-01"])
    capsys.readouterr()
    saved = _json(capsys, "settings", *db)
    assert (saved["renomination_lead_days"], saved["new_regime_commencement"]) == (90, "2026-09-01")
    assert main(["settings", *db]) == 0
    shown = capsys.readouterr().out
    assert "Assets whose nation is not recorded are in England." in shown
    assert "The 2026 Act's provisional rules apply to listings and notices from Tue 1 Sep 2026." in shown
    # A notice recorded from then is under the Act: one moratorium of 12 months.
    assert main(["add", "disposal-notice", *db, "--asset-ref", "AST-0001", "--received-on", "2026-09-07"]) == 0
    capsys.readouterr()
    items = _json(capsys, "deadlines", *db, "--today", "2026-09-08")["deadlines"]
    assert {i["rule"]: i["date"] for i in items if i["rule"].startswith("EDCEA")} == {"EDCEA-MOR-END": "2027-09-06"}
    main(["settings", *db, "--no-new-law", "--nation", "scotland"])
    capsys.readouterr()
    saved = _json(capsys, "settings", *db)
    assert (saved["default_jurisdiction"], saved["new_regime_commencement"]) == ("scotland", None)
    assert main(["settings", *db]) == 0
    shown = capsys.readouterr().out
    assert "Assets whose nation is not recorded are in Scotland." in shown
    assert "The 2011 Act's rules apply: the 2026 Act's are not in use." in shown
    # The asset records no nation, so it is in Scotland now: no right-to-bid clocks.
    assert _json(capsys, "deadlines", *db, "--today", "2026-09-08")["deadlines"] == []


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (["--nation", "france"], "“france” is not a nation AssetReg knows"),
        (["--new-law-from", "2026-04-28"], "received Royal Assent on Wed 29 Apr 2026, so it cannot have commenced"),
    ],
)
def test_a_nation_or_commencement_that_cannot_be_is_refused_by_name(register_file, capsys, option, message):
    db = ["--db", str(register_file)]
    before = _json(capsys, "settings", *db)
    with pytest.raises(SystemExit) as refused:
        main(["settings", *db, *option])
    assert refused.value.code == 2
    assert message in capsys.readouterr().err
    assert _json(capsys, "settings", *db) == before
