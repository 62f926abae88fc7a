"""``add``, ``edit``, ``delete`` and ``restore`` on real register files, ``--json`` on every command, and ``--on``.

In-process through ``assetreg.app.main`` (with a data folder of the test's own and no ``ASSETREG_DB``), plus real
subprocess runs. A refused write must exit 1, say what to write instead, and leave the register as it was.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from assetreg.app import main
from assetreg.cli.record_fields import WRITABLE_KINDS, fields_of
from assetreg.domain.dates import format_date


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "user-data"
    monkeypatch.setenv("ASSETREG_DATA_DIR", str(data))
    monkeypatch.delenv("ASSETREG_DB", raising=False)
    return data


def run_main(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    """Runs ``assetreg.app.main`` in-process; returns (status, stdout, stderr)."""
    capsys.readouterr()
    try:
        status = main([str(a) for a in args])
    except SystemExit as exit_:  # argparse's own refusals
        status = exit_.code
    out, err = capsys.readouterr()
    return status, out, err


def ok(capsys: pytest.CaptureFixture[str], *args: str | Path) -> str:
    status, out, err = run_main(capsys, *args)
    assert status == 0, err
    return out


def as_json(capsys: pytest.CaptureFixture[str], *args: str | Path):
    return json.loads(ok(capsys, *args, "--json"))


def run_cli(*args: str | Path, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "ASSETREG_DB"}
    env["ASSETREG_DATA_DIR"] = str(data_dir)
    return subprocess.run(
        [sys.executable, "-m", "assetreg", *map(str, args)],
        env=env,
        cwd=data_dir.parent,
        capture_output=True,
        text=True,
        timeout=120,
    )


def snapshot(path: Path) -> list[str]:
    """Every row of every table of the register (records and audit trail), to compare before and after."""
    with sqlite3.connect(path) as connection:
        return list(connection.iterdump())


def refused(capsys: pytest.CaptureFixture[str], register: Path, *args: str) -> str:
    """Runs a write that must be refused: exit 1, nothing on stdout, nothing written; returns stderr."""
    before = snapshot(register)
    status, out, err = run_main(capsys, *args, "--db", register)
    assert status == 1, (status, out, err)
    assert out == ""
    assert err.strip()
    assert snapshot(register) == before
    return err


# A listed pub whose owner gave notice on Sun 31 Aug 2025, and the group that asked to bid.
CHAIN = (
    ("authority", "--name", "Barset Council", "--jurisdiction", "england"),
    ("asset", "--name", "The Red Lion", "--category", "pub", "--authority-ref", "auth-1", "--postcode", "bs1 4dj"),
    ("party", "--name", "Barset Brewery plc", "--kind", "organisation"),
    ("interest", "--asset-ref", "ast-1", "--party-ref", "pty-1", "--role", "freeholder"),
    (
        "group",
        "--name",
        "Friends of the Red Lion",
        "--legal-form",
        "company-limited-by-guarantee",
        "--is-own-group",
        "true",
    ),
    (
        "nomination",
        *("--asset-ref", "AST-0001", "--nominator-ref", "GRP-1", "--received-on", "2024-01-10"),
        *("--decision", "listed", "--decided-on", "2024-03-01"),
    ),
    ("list-entry", "--asset-ref", "AST-0001", "--nomination-ref", "NOM-0001", "--entered-on", "2024-03-01"),
    ("disposal-notice", "--asset-ref", "AST-0001", "--owner-ref", "PTY-0001", "--received-on", "2025-08-31"),
)
REQUEST = ("bidder-request", "--notice-ref", "DN-0001", "--group-ref", "GRP-0001", "--received-on", "2025-09-05")


def add_chain(capsys: pytest.CaptureFixture[str], register: Path, *, request: bool = True) -> list[str]:
    references = [  # the first line: a request's is followed by whether it starts the full moratorium
        ok(capsys, "add", *step, "--db", register).splitlines()[0] for step in CHAIN + ((REQUEST,) if request else ())
    ]
    return [line.removeprefix("Added ").removesuffix(".") for line in references]


# --------------------------------------------------------------------------------------------------------------
# add


def test_add_a_whole_case(register_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    added = add_chain(capsys, register_path)
    assert added == [
        "AUTH-0001",
        "AST-0001",
        "PTY-0001",
        "INT-0001",
        "GRP-0001",
        "NOM-0001",
        "LST-0001",
        "DN-0001",
        "BR-0001",
    ]
    detail = as_json(capsys, "assets", "show", "AST-0001", "--db", register_path, "--on", "2025-11-01")
    assert detail["asset"]["authority_ref"] == "AUTH-0001"
    assert detail["asset"]["postcode"] == "BS1 4DJ"  # normalised by the services, as in the app
    assert detail["status"] == "full-moratorium"  # the group's request: the full moratorium, not protection
    assert [r["reference"] for r in detail["notices"][0]["requests"]] == ["BR-0001"]
    # The case, as the app and the letters give it (RULES.md §4: received Sun 31 Aug 2025).
    assert detail["owner_may_dispose_to"] == "community-interest-groups-only"
    (notice,) = detail["notices"]
    assert notice["status"] == "full-moratorium" and notice["period_ends_on"] == "2026-02-28"
    assert [(p["kind"], p["computed_end"], p["effective_end"], p["disagrees"]) for p in notice["periods"]] == [
        ("interim", "2025-10-11", "2025-10-11", False),
        ("full", "2026-02-28", "2026-02-28", False),
        ("protected", "2027-02-28", "2027-02-28", False),
    ]
    (request,) = notice["requests"]
    assert request["starts_full_moratorium"] is True and "so the full moratorium applies" in request["why"]
    history = as_json(capsys, "check", "--db", register_path)
    assert history["healthy"] is True


def test_add_every_other_kind(register_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_chain(capsys, register_path)
    for kind, *fields in (
        ("challenge", "--list-entry-ref", "LST-0001", "--kind", "listing-review", "--received-on", "2024-04-01"),
        ("exempt-disposal", "--asset-ref", "AST-0001", "--exemption", "gift", "--disposed-on", "2025-01-02"),
        ("application", "--asset-ref", "AST-0001", "--authority-ref", "AUTH-0001", "--transfer-type", "buy"),
        (
            "stage-change",
            "--application-ref",
            "TA-0001",
            "--stage",
            "expression-of-interest",
            "--changed-on",
            "2025-02-01",
        ),
        (
            "pack-answer",
            "--application-ref",
            "TA-0001",
            "--section",
            "governance-and-policies",
            "--answer",
            "We meet monthly.",
        ),
        (
            "task",
            "--title",
            "Committee meeting",
            "--due-on",
            "2025-10-01",
            "--asset-ref",
            "AST-0001",
            "--lead-days",
            "3",
        ),
    ):
        result = as_json(capsys, "add", kind, *fields, "--db", register_path)
        assert result["record"]["reference"] == result["reference"]
    task = as_json(capsys, "assets", "show", "AST-0001", "--db", register_path)["tasks"][0]
    assert (task["reference"], task["due_on"], task["lead_days"]) == ("TSK-0001", "2025-10-01", 3)


def test_a_requests_add_and_edit_say_whether_it_starts_the_full_moratorium(register_path, capsys) -> None:
    add_chain(capsys, register_path, request=False)
    db = ("--db", register_path)
    added = ok(
        capsys,
        "add",
        "bidder-request",
        "--notice-ref",
        "DN-0001",
        "--group-ref",
        "GRP-0001",
        "--council-counted",
        "true",
        *db,
    )
    assert added.startswith("Added BR-0001.\n  The council's list says this group asked to be treated as a bidder")
    # The day found: after the interim moratorium ended on Sat 11 Oct 2025, which takes the full moratorium away.
    edited = as_json(capsys, "edit", "BR-0001", "--received-on", "2025-10-13", *db)
    assert edited["changed"] == ["received_on", "council_counted"] and edited["record"]["council_counted"] is False
    assert edited["verdict"]["starts_full_moratorium"] is False
    assert edited["verdict"]["why"].endswith(
        "The council's list counted this request, so check the day with the council before relying on this."
    )
    said = ok(capsys, "edit", "BR-0001", "--received-on", "2025-09-05", *db)
    assert said.startswith("Changed BR-0001: received_on.\n  The request was received on Fri 5 Sep 2025, during the")


def test_add_json_shape(register_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = as_json(
        capsys, "add", "asset", "--name", "Mill", "--title-numbers", "ab123, cd 456", "--db", register_path
    )
    assert result["reference"] == "AST-0001"
    assert result["kind"] == "asset"
    assert result["record"]["title_numbers"] == ["AB123", "CD456"]
    assert result["record"]["latitude"] is None
    assert set(result["record"]) == {"reference"} | set(fields_of_kind("asset"))


def fields_of_kind(code: str) -> list[str]:
    (kind,) = [k for k in WRITABLE_KINDS if k.value == code]
    return list(fields_of(kind))


def test_add_help_lists_every_field_with_its_type(capsys: pytest.CaptureFixture[str]) -> None:
    for kind in WRITABLE_KINDS:
        status, out, _ = run_main(capsys, "add", kind.value, "--help")
        assert status == 0
        for spec in fields_of(kind).values():
            assert spec.option in out, (kind, spec.option)
    _, out, _ = run_main(capsys, "add", "disposal-notice", "--help")
    assert "--received-on DATE" in out and "lease-assignment" in out and "--share-sale true|false" in out


def test_edit_help_lists_the_fields_of_the_references_kind(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_main(capsys, "edit", "dn-1", "--help")
    assert status == 0
    assert "--received-on DATE" in out and "--owner-ref REF" in out
    status, out, _ = run_main(capsys, "edit", "--help")
    assert status == 0 and "REF" in out and "--received-on" not in out


def test_kind_aliases(register_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_chain(capsys, register_path, request=False)
    assert (
        ok(
            capsys,
            "add",
            "transfer-application",
            "--asset-ref",
            "AST-1",
            "--authority-ref",
            "AUTH-1",
            "--db",
            register_path,
        )
        == "Added TA-0001.\n"
    )
    assert (
        ok(capsys, "add", "application", "--asset-ref", "AST-1", "--authority-ref", "AUTH-1", "--db", register_path)
        == "Added TA-0002.\n"
    )
    assert (
        ok(capsys, "add", "user-deadline", "--title", "Ring", "--due-on", "2025-10-01", "--db", register_path)
        == "Added TSK-0001.\n"
    )
    assert (
        ok(capsys, "add", "task", "--title", "Write", "--due-on", "2025-10-02", "--db", register_path)
        == "Added TSK-0002.\n"
    )


def test_add_in_a_subprocess(register_path: Path, isolated_data_dir: Path) -> None:
    result = run_cli(
        "add", "disposal-notice", "--asset-ref", "AST-0001", "--db", register_path, data_dir=isolated_data_dir
    )
    assert result.returncode == 1
    assert "no asset AST-0001" in result.stderr
    assert run_cli("add", "asset", "--name", "Mill", "--db", register_path, data_dir=isolated_data_dir).stdout == (
        "Added AST-0001.\n"
    )
    result = run_cli(
        "add", "disposal-notice", "--asset-ref", "ast-1", "--received-on", "2025-08-31", "--json",
        "--db", register_path, data_dir=isolated_data_dir,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["record"]["received_on"] == "2025-08-31"


# --------------------------------------------------------------------------------------------------------------
# edit


def test_edit_fields_of_every_type(register_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_chain(capsys, register_path)
    out = ok(
        capsys, "edit", "dn-1", "--received-on", "2025-09-01", "--share-sale", "true", "--disposal-kind",
        "lease-grant", "--lease-term-years", "30", "--notes", "By email", "--db", register_path,
    )  # fmt: skip
    assert out == "Changed DN-0001: disposal_kind, lease_term_years, share_sale, received_on, notes.\n"
    record = as_json(capsys, "edit", "DN-0001", "--notes", "", "--vacant-possession", "true", "--db", register_path)
    assert record["changed"] == ["vacant_possession", "notes"]
    assert record["record"]["notes"] == ""
    assert record["record"]["received_on"] == "2025-09-01"
    assert record["record"]["share_sale"] is True
    assert record["record"]["disposal_kind"] == "lease-grant"
    assert record["record"]["lease_term_years"] == 30
    cleared = as_json(capsys, "edit", "DN-0001", "--vacant-possession", "", "--db", register_path)
    assert cleared["record"]["vacant_possession"] is None
    assert (
        as_json(capsys, "edit", "AST-1", "--latitude", "51.45", "--longitude", "-2.59", "--db", register_path)[
            "record"
        ]["latitude"]
        == 51.45
    )
    assert ok(capsys, "edit", "AST-1", "--latitude", "51.45", "--db", register_path) == (
        "AST-0001 already had those values; nothing changed.\n"
    )


def test_dates_are_taken_as_people_write_them(register_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_chain(capsys, register_path)
    for written, stored in (
        ("1/9/2025", "2025-09-01"),
        ("Tue 2 Sept 2025", "2025-09-02"),
        ("03.09.2025", "2025-09-03"),
    ):
        edited = as_json(capsys, "edit", "DN-0001", "--received-on", written, "--db", register_path)
        assert edited["record"]["received_on"] == stored
    err = refused(capsys, register_path, "edit", "DN-0001", "--received-on", "Wed 2 Sep 2025")
    assert "--received-on: “Wed 2 Sep 2025” does not fit: 2 Sep 2025 is a Tuesday; check which day you mean." in err
    assert as_json(capsys, "assets", "show", "AST-1", "--db", register_path)["notices"][0]["received_on"] == (
        "2025-09-03"
    )  # the refusal wrote nothing


def test_edit_is_audited(register_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_chain(capsys, register_path)
    ok(capsys, "edit", "DN-0001", "--received-on", "2025-09-01", "--db", register_path)
    with sqlite3.connect(register_path) as connection:
        tables = [t for (t,) in connection.execute("select name from sqlite_master where type='table'")]
        (audit,) = [t for t in tables if "audit" in t]
        rows = connection.execute(f"select * from {audit}").fetchall()
    changes = [r for r in rows if "DN-0001" in r and "update" in r]
    assert len(changes) == 1
    assert "2025-08-31" in changes[0] and "2025-09-01" in changes[0]


# --------------------------------------------------------------------------------------------------------------
# delete and restore


def test_delete_then_restore_with_dependants(register_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_chain(capsys, register_path)
    assert ok(capsys, "delete", "dn-1", "--db", register_path) == "Deleted DN-0001 (and BR-0001).\n"
    assert as_json(capsys, "assets", "show", "AST-1", "--db", register_path)["notices"] == []
    refused(capsys, register_path, "restore", "BR-0001")  # its notice is still in the trash
    restored = as_json(capsys, "restore", "DN-0001", "--db", register_path)
    assert restored["reference"] == "DN-0001"
    assert sorted(restored["references"]) == ["BR-0001", "DN-0001"]
    assert restored["record"]["received_on"] == "2025-08-31"
    notice = as_json(capsys, "assets", "show", "AST-1", "--db", register_path)["notices"][0]
    assert [r["reference"] for r in notice["requests"]] == ["BR-0001"]
    deleted = as_json(capsys, "delete", "BR-0001", "--db", register_path)
    assert deleted["references"] == ["BR-0001"] and deleted["record"]["group_ref"] == "GRP-0001"
    assert ok(capsys, "restore", "br-1", "--db", register_path) == "Restored BR-0001.\n"


# --------------------------------------------------------------------------------------------------------------
# refusals: exit 1, a plain message naming the field and what to write, nothing written


def test_refusals_write_nothing(register_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_chain(capsys, register_path)
    err = refused(
        capsys, register_path, "add", "disposal-notice", "--asset-ref", "AST-1", "--recieved-on", "2025-08-31"
    )
    assert "--recieved-on" in err and "did you mean --received-on" in err
    err = refused(capsys, register_path, "add", "disposal-notice", "--asset-ref", "AST-1", "--disposal-kind", "sale")
    assert "--disposal-kind" in err and "freehold, lease-grant, lease-assignment" in err
    err = refused(
        capsys, register_path, "add", "disposal-notice", "--asset-ref", "AST-1", "--received-on", "08/31/2025"
    )
    assert "--received-on: “08/31/2025” is written month first; write the day first, as 31/08/2025." in err
    err = refused(capsys, register_path, "add", "disposal-notice", "--asset-ref", "AST-1", "--share-sale", "maybe")
    assert "--share-sale" in err and "true or false" in err
    err = refused(capsys, register_path, "add", "disposal-notice", "--received-on", "2025-08-31")
    assert "--asset-ref" in err and "AST-0001" in err
    err = refused(capsys, register_path, "add", "group", "--name", "", "--legal-form", "charity")  # from validation
    assert "--name" in err
    err = refused(capsys, register_path, "add", "disposal-notice", "--asset-ref", "AST-0009")
    assert "--asset-ref" in err and "AST-0009" in err
    err = refused(
        capsys, register_path, "add", "user-deadline", "--title", "x", "--due-on", "1/1/25", "--lead-days", "x"
    )
    assert "--due-on" in err and "--lead-days" in err and "whole number" in err
    err = refused(capsys, register_path, "add", "user-deadline", "--title", "x", "--due-on", "")
    assert "--due-on cannot be left empty" in err
    err = refused(capsys, register_path, "add", "widget", "--name", "x")
    assert "widget" in err and "disposal-notice" in err
    err = refused(
        capsys,
        register_path,
        "add",
        "stage-change",
        "--application-ref",
        "TA-1",
        "--stage",
        "x",
        "--changed-on",
        "2025-01-01",
    )
    assert "--application-ref" in err
    err = refused(capsys, register_path, "edit", "DN-0001", "--lease-term-years", "25")  # a freehold has no term
    assert "--lease-term-years" in err
    err = refused(capsys, register_path, "edit", "DN-0001", "--bogus", "1")
    assert "--bogus" in err and "--received-on" in err
    err = refused(capsys, register_path, "edit", "DN-0001", "--outcome", "sold")
    assert "--outcome" in err and "disposed-to-community-group" in err
    err = refused(capsys, register_path, "edit", "DN-0001")
    assert "Say what to change" in err
    err = refused(capsys, register_path, "edit", "DN-0009", "--notes", "x")
    assert "DN-0009" in err
    err = refused(capsys, register_path, "edit", "XYZ-1", "--notes", "x")
    assert "XYZ-1" in err and "AST-0042" in err
    err = refused(capsys, register_path, "edit", "DN-0001", "--received-on")
    assert "--received-on" in err
    err = refused(capsys, register_path, "delete", "DN-0009")
    assert "DN-0009" in err
    err = refused(capsys, register_path, "restore", "DN-0001")
    assert "not in the trash" in err


def test_unreadable_values_are_refused_before_the_register_is_opened(tmp_path: Path, capsys) -> None:
    missing = tmp_path / "no-such.assetreg"
    status, out, err = run_main(
        capsys, "add", "disposal-notice", "--asset-ref", "AST-1", "--received-on", "soon", "--db", missing
    )
    assert status == 1 and out == ""
    assert "--received-on: “soon” is not a date; write it like 31/08/2025 or 2025-08-31." in err
    assert not missing.exists()


# --------------------------------------------------------------------------------------------------------------
# --json on every command


def test_json_on_commands_that_write_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "new.assetreg"
    assert as_json(capsys, "init", "--db", path) == {"path": str(path), "created": True}
    add_chain(capsys, path)
    calendar = tmp_path / "dates.ics"
    exported = as_json(capsys, "export-ics", calendar, "--db", path, "--on", "2025-09-15")
    assert exported["path"] == str(calendar) and exported["events"] > 0 and calendar.is_file()
    printed = as_json(capsys, "print", "register", "-o", tmp_path / "r.pdf", "--db", path)
    assert printed == {"path": str(tmp_path / "r.pdf"), "pages": printed["pages"], "warnings": []}
    assert printed["pages"] >= 1
    nomination = as_json(capsys, "print", "nomination", "AST-1", "-o", tmp_path / "n.pdf", "--db", path)
    assert nomination["path"] == str(tmp_path / "n.pdf")
    demo = as_json(capsys, "demo", "--db", tmp_path / "demo.assetreg")
    assert demo["path"] == str(tmp_path / "demo.assetreg") and demo["created"] is True


# --------------------------------------------------------------------------------------------------------------
# --on DATE


def test_assets_show_on_a_later_day(register_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_chain(capsys, register_path, request=False)
    on = {
        day: as_json(capsys, "assets", "show", "AST-1", "--on", day, "--db", register_path)
        for day in ("2025-09-15", "2025-11-01")
    }
    assert on["2025-09-15"]["today"] == "2025-09-15"
    assert on["2025-09-15"]["status"] == "interim-moratorium"
    assert on["2025-11-01"]["status"] == "protected"
    assert "Status: Protected" in ok(capsys, "assets", "show", "AST-1", "--on", "2025-11-01", "--db", register_path)
    listing = as_json(capsys, "assets", "list", "--on", "2025-09-15", "--db", register_path)
    assert listing[0]["status"] == "interim-moratorium"
    notices = as_json(capsys, "notices", "list", "--on", "2025-11-01", "--db", register_path)
    assert notices[0]["status"] == "protected"


def test_deadlines_on_and_its_old_name_today(register_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_chain(capsys, register_path, request=False)
    on = as_json(capsys, "deadlines", "--on", "2025-09-15", "--db", register_path)
    today = as_json(capsys, "deadlines", "--today", "2025-09-15", "--db", register_path)
    assert on == today
    assert on["today"] == "2025-09-15"
    assert "DN-0001/ACV-IMP-END" in [d["uid"] for d in on["deadlines"]]


def test_print_deadlines_on_a_day(register_path: Path, tmp_path: Path, capsys, pdf) -> None:
    add_chain(capsys, register_path, request=False)
    out = tmp_path / "meeting.pdf"
    ok(capsys, "print", "deadlines", "--on", "2025-09-15", "-o", out, "--db", register_path)
    text = pdf.parse(out).text
    assert "15 Sep 2025" in text
    assert "Interim moratorium ends" in text


def test_a_sent_or_received_day_still_to_come_is_saved_with_a_warning_to_check_it(tmp_path, capsys):
    path = tmp_path / "r.assetreg"
    db = ["--db", str(path)]
    assert main(["init", *db]) == 0
    assert main(["add", "asset", *db, "--name", "The Crown"]) == 0
    capsys.readouterr()
    later = date.today() + timedelta(days=400)
    assert main(["add", "disposal-notice", *db, "--asset-ref", "ast-1", "--received-on", later.isoformat()]) == 0
    out, err = capsys.readouterr()
    assert out == "Added DN-0001.\n"
    assert f"warning: The day it was received, {format_date(later)}, is still to come" in err
    assert main(["edit", "DN-0001", *db, "--notes", "from the agent", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["warnings"] == []  # only a changed date is questioned
    assert main(["edit", "DN-0001", *db, "--received-on", date.today().isoformat(), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["warnings"] == []
