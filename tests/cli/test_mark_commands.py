"""``assetreg done UID`` and ``assetreg undone UID`` on a real demo register, in-process and as a subprocess.

A refused mark exits 1, says what is wrong, and writes nothing.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path

import pytest

from .test_record_commands import as_json, isolated_data_dir, ok, run_cli, run_main  # noqa: F401 - the fixture too


@pytest.fixture
def demo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "demo.assetreg"
    ok(capsys, "demo", "--db", path)
    return path


def due(capsys, path: Path) -> list[str]:
    return [d["uid"] for d in as_json(capsys, "deadlines", "--db", path)["deadlines"]]


def marks(path: Path) -> list[tuple]:
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute("SELECT reference, uid, state, deleted_at IS NULL FROM deadline_marks").fetchall()


def test_done_takes_a_deadline_off_what_is_due_and_undone_puts_it_back(capsys, demo: Path) -> None:
    before = due(capsys, demo)
    uid = before[0]
    asset = _asset_of(capsys, demo, uid)
    assert uid in next_steps(capsys, demo, asset)
    out = ok(capsys, "done", uid.lower(), "--notes", "Sent on Monday", "--db", demo)
    assert out == f"Marked {uid} done (MRK-0001).\n"
    assert due(capsys, demo) == before[1:]
    assert uid not in next_steps(capsys, demo, asset)
    assert ok(capsys, "undone", uid, "--db", demo) == f"Took back the mark on {uid} (MRK-0001); it is due again.\n"
    assert due(capsys, demo) == before
    assert marks(demo) == [("MRK-0001", uid, "done", 0)]  # in the trash, not gone


def next_steps(capsys, path: Path, asset: str) -> list[str]:
    return [step["uid"] for step in as_json(capsys, "assets", "show", asset, "--db", path)["next_steps"]]


def _asset_of(capsys, path: Path, uid: str) -> str:
    found = as_json(capsys, "deadlines", "--db", path)["deadlines"]
    return next(d["asset"] for d in found if d["uid"] == uid)


def test_done_and_undone_print_json(capsys, demo: Path) -> None:
    uid = due(capsys, demo)[0]
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    printed = as_json(capsys, "done", uid, "--not-applicable", "--on-date", yesterday, "--db", demo)
    assert printed["reference"] == "MRK-0001"
    assert (printed["uid"], printed["state"]) == (uid, "not-applicable")
    assert printed["record"]["marked_on"] == yesterday
    assert printed["record"]["asset_ref"].startswith("AST-")
    taken_back = as_json(capsys, "undone", uid, "--db", demo)
    assert (taken_back["reference"], taken_back["references"]) == ("MRK-0001", ["MRK-0001"])


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (
            ["done", "DN-0009/ACV-IMP-END"],
            "There is no deadline DN-0009/ACV-IMP-END in this register; assetreg deadlines --json lists their uids.",
        ),
        (["done", "DN-0001"], "is not a deadline's uid"),
        (["done", "{uid}", "--on-date", "2099-01-01"], "--on-date: Thu 1 Jan 2099 is still to come"),
        (["done", "{uid}", "--on-date", "someday"], "“someday” is not a date"),
        (["done", "{uid}", "--colour", "red"], "--colour"),
        (["undone", "{uid}"], "is not marked done or not applicable, so there is nothing to take back."),
    ],
)
def test_a_refused_mark_exits_1_and_writes_nothing(capsys, demo: Path, args: list[str], says: str) -> None:
    before = due(capsys, demo)
    words = [word.format(uid=before[0]) for word in args]
    status, out, err = run_main(capsys, *words, "--db", demo)
    assert status == 1
    assert out == ""
    assert says in err
    assert marks(demo) == []
    assert due(capsys, demo) == before


def test_done_runs_as_a_program(tmp_path: Path, capsys, demo: Path) -> None:
    data_dir = tmp_path / "user-data"  # as the autouse fixture set it
    uid = due(capsys, demo)[0]
    done = run_cli("done", uid, "--json", "--db", demo, data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["uid"] == uid
    refused = run_cli("undone", "DN-0009/ACV-IMP-END", "--db", demo, data_dir=data_dir)
    assert refused.returncode == 1
    assert "DN-0009/ACV-IMP-END is not marked done or not applicable" in refused.stderr
