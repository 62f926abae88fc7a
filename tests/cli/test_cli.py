"""The ``assetreg`` command: run for real in a subprocess, and in-process through ``assetreg.app.main``.

Every test points ``ASSETREG_DATA_DIR`` at its own folder and removes ``ASSETREG_DB``, so nothing here reads or
writes the real user data folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

import assetreg
from assetreg.app import main
from assetreg.domain.enums import ApplicationKind
from assetreg.domain.status import listing_end

DEMO_ASSETS_AT_LEAST = 12
# The states RULES.md §5 names that the demo register must show on any day.
DEMO_STATUSES = {
    "interim-moratorium",
    "full-moratorium",
    "protected",
    "listed",
    "expired",
    "unsuccessful",
    "nominated",
    "draft-nomination",
    "under-review",
    "not-nominated",
}


# --------------------------------------------------------------------------------------------------------------
# Helpers and fixtures


def _env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "ASSETREG_DB"}
    env["ASSETREG_DATA_DIR"] = str(data_dir)
    env.update(extra)
    return env


def run_cli(*args: str | Path, data_dir: Path, cwd: Path | None = None, **extra_env: str):
    """Runs ``python -m assetreg ARGS`` and returns the completed process (text mode)."""
    return subprocess.run(
        [sys.executable, "-m", "assetreg", *map(str, args)],
        env=_env(data_dir, **extra_env),
        cwd=cwd or data_dir.parent,
        capture_output=True,
        text=True,
        timeout=60,
    )


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def copy_register(source: Path, folder: Path) -> Path:
    """A copy of a register and its attachments folder in ``folder``, under the same name."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / source.name
    shutil.copyfile(source, target)
    attachments = source.with_name(f"{source.stem}-attachments")
    if attachments.exists():
        shutil.copytree(attachments, target.with_name(f"{target.stem}-attachments"))
    return target


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """In-process runs see a data folder of their own and no ASSETREG_DB."""
    data = tmp_path / "user-data"
    monkeypatch.setenv("ASSETREG_DATA_DIR", str(data))
    monkeypatch.delenv("ASSETREG_DB", raising=False)
    return data


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("demo")


@pytest.fixture(scope="module")
def demo(demo_dir: Path) -> Path:
    """The demo register written once by the real command (its clocks are live today). Read-only: copy to change."""
    path = demo_dir / "demo.assetreg"
    result = run_cli("demo", "--db", path, data_dir=demo_dir / "user-data", cwd=demo_dir)
    assert result.returncode == 0, result.stderr
    assert path.is_file()
    return path


def run_main(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    """Runs ``assetreg.app.main`` in-process; returns (status, stdout, stderr)."""
    capsys.readouterr()
    status = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return status, out, err


def _json_main(*args: str | Path):
    """In-process JSON output without capsys (for module-scoped fixtures)."""
    import contextlib
    import io

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        status = main([str(a) for a in args])
    assert status == 0
    return json.loads(buffer.getvalue())


@pytest.fixture(scope="module")
def demo_list(demo: Path) -> list[dict]:
    return _json_main("assets", "list", "--json", "--db", demo)


@pytest.fixture(scope="module")
def demo_details(demo: Path, demo_list: list[dict]) -> dict[str, dict]:
    """``assets show REF --json`` of every asset of the demo, by reference."""
    return {a["reference"]: _json_main("assets", "show", a["reference"], "--json", "--db", demo) for a in demo_list}


# --------------------------------------------------------------------------------------------------------------
# --version and help


def test_version_subprocess(tmp_path: Path) -> None:
    result = run_cli("--version", data_dir=tmp_path / "data")
    assert result.returncode == 0
    assert result.stdout.strip() == f"AssetReg {assetreg.__version__}"


def test_version_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"AssetReg {assetreg.__version__}"


def test_commands_do_not_import_qt(demo: Path, tmp_path: Path) -> None:
    """The command line must work on a machine with no display: no command imports Qt."""
    code = (
        "import sys\n"
        "from assetreg.app import main\n"
        f"for args in (['assets', 'list', '--db', {str(demo)!r}], ['check', '--db', {str(demo)!r}],\n"
        f"             ['assets', 'show', 'AST-0001', '--db', {str(demo)!r}]):\n"
        "    assert main(args) == 0\n"
        "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "assert not qt, qt\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=_env(tmp_path / "data"), capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr


# --------------------------------------------------------------------------------------------------------------
# init


def test_init_creates_a_healthy_empty_register(tmp_path: Path) -> None:
    path = tmp_path / "campaign.assetreg"
    result = run_cli("init", "--db", path, data_dir=tmp_path / "data")
    assert result.returncode == 0, result.stderr
    assert path.is_file()
    assert str(path) in result.stdout

    check = run_cli("check", "--json", "--db", path, data_dir=tmp_path / "data")
    assert check.returncode == 0, check.stderr
    report = json.loads(check.stdout)
    assert report["healthy"] is True
    assert report["problems"] == []
    assert report["counts"]["asset"] == 0


def test_init_refuses_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "taken.assetreg"
    content = b"my precious notes\n"
    path.write_bytes(content)
    before = path.stat().st_mtime_ns
    result = run_cli("init", "--db", path, data_dir=tmp_path / "data")
    assert result.returncode != 0
    assert str(path) in result.stderr
    assert result.stdout == ""
    assert path.read_bytes() == content
    assert path.stat().st_mtime_ns == before


def test_init_refuses_an_empty_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "empty.assetreg"
    path.touch()
    status, out, err = run_main(capsys, "init", "--db", path)
    assert status != 0
    assert out == ""
    assert str(path) in err
    assert path.read_bytes() == b""


def test_init_refuses_an_existing_register(demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = copy_register(demo, tmp_path / "copy")
    before = digest(path)
    status, out, err = run_main(capsys, "init", "--db", path)
    assert status == 3
    assert out == ""
    assert str(path) in err and "already exists" in err
    assert digest(path) == before


# --------------------------------------------------------------------------------------------------------------
# demo


def test_one_asset_is_one_asset(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "one.assetreg"
    assert main(["init", "--db", str(path)]) == 0
    assert main(["add", "asset", "--name", "The Mill", "--db", str(path)]) == 0
    capsys.readouterr()
    assert main(["check", "--db", str(path)]) == 0
    assert f"The register at {path} is healthy: 1 asset, 0 documents, all attachments" in capsys.readouterr().out
    out = tmp_path / "register.csv"
    assert main(["export", str(out), "--format", "csv", "--db", str(path)]) == 0
    assert capsys.readouterr().out == f"Wrote 1 asset to {out}.\n"


def test_demo_writes_a_healthy_register(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run_main(capsys, "check", "--json", "--db", demo)
    assert status == 0, err
    report = json.loads(out)
    assert report["healthy"] is True, report["problems"]
    assert report["counts"]["asset"] >= DEMO_ASSETS_AT_LEAST
    assert report["counts"]["document"] > 0


def test_demo_check_text_output(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_main(capsys, "check", "--db", demo)
    assert status == 0
    assert "healthy" in out
    assert str(demo) in out


def test_demo_refuses_to_overwrite(demo: Path, tmp_path: Path) -> None:
    path = copy_register(demo, tmp_path / "copy")
    before = digest(path)
    mtime = path.stat().st_mtime_ns
    result = run_cli("demo", "--db", path, data_dir=tmp_path / "data")
    assert result.returncode != 0
    assert str(path) in result.stderr
    assert digest(path) == before
    assert path.stat().st_mtime_ns == mtime


def test_demo_refuses_to_overwrite_a_text_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "notes.assetreg"
    path.write_text("not a register\n")
    status, out, err = run_main(capsys, "demo", "--db", path)
    assert status != 0
    assert str(path) in err
    assert path.read_text() == "not a register\n"
    assert not path.with_name("notes-attachments").exists()


def test_demo_refuses_when_only_the_attachments_folder_exists(tmp_path: Path, capsys) -> None:
    """Attachments left beside a missing register are someone's documents: the demo must not mix into them."""
    attachments = tmp_path / "demo-attachments"
    attachments.mkdir()
    (attachments / "keep.txt").write_text("keep me\n")
    status, _, err = run_main(capsys, "demo", "--db", tmp_path / "demo.assetreg")
    assert status == 3
    assert f"{attachments} already exists" in err  # the folder that is there, not the register that is not
    assert not (tmp_path / "demo.assetreg").exists()
    assert [p.name for p in attachments.iterdir()] == ["keep.txt"]


def test_demo_leaves_no_scratch_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "out"
    status, _, err = run_main(capsys, "demo", "--db", folder / "demo.assetreg")
    assert status == 0, err
    assert sorted(p.name for p in folder.iterdir()) == ["demo-attachments", "demo.assetreg"]


# --------------------------------------------------------------------------------------------------------------
# assets list and show on the demo


def test_assets_list_json_shape(demo_list: list[dict]) -> None:
    assert isinstance(demo_list, list)
    assert len(demo_list) >= DEMO_ASSETS_AT_LEAST
    for item in demo_list:
        for key in ("reference", "name", "status", "authority"):
            assert key in item, (key, item)
            assert isinstance(item[key], str) and item[key], (key, item)
    references = [item["reference"] for item in demo_list]
    assert references == [f"AST-{n:04d}" for n in range(1, len(demo_list) + 1)]


def test_assets_list_json_in_subprocess_matches(demo: Path, demo_list: list[dict], tmp_path: Path) -> None:
    result = run_cli("assets", "list", "--json", "--db", demo, data_dir=tmp_path / "data")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == demo_list


def test_assets_list_text(demo: Path, demo_list: list[dict], capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run_main(capsys, "assets", "list", "--db", demo)
    assert status == 0, err
    assert err == ""
    assert "Interim moratorium" in out and "Full moratorium" in out
    for item in demo_list:
        assert item["reference"] in out
    assert out.rstrip().endswith(f"{len(demo_list)} assets")


def test_demo_shows_every_state(demo_list: list[dict]) -> None:
    statuses = Counter(item["status"] for item in demo_list)
    assert set(statuses) >= DEMO_STATUSES, DEMO_STATUSES - set(statuses)
    for wanted in ("interim-moratorium", "full-moratorium", "listed", "expired", "unsuccessful"):
        assert statuses[wanted] >= 1, wanted


def test_demo_has_a_listing_ending_within_90_days(demo_list: list[dict], demo_details: dict[str, dict]) -> None:
    ending_soon = []
    for item in demo_list:
        if item["status"] != "listed":
            continue
        detail = demo_details[item["reference"]]
        today = date.fromisoformat(detail["today"])
        entries = [x for x in detail["list_entries"] if x["kind"] == "listed" and not x["removed_on"]]
        latest = max(entries, key=lambda x: x["entered_on"])
        end = listing_end(SimpleNamespace(entered_on=date.fromisoformat(latest["entered_on"])))
        assert end >= today, item  # a listing that has ended would not show as "listed"
        if (end - today).days <= 90:
            ending_soon.append(item["reference"])
    assert ending_soon, "no listed asset whose listing ends within 90 days"


def test_demo_has_an_exempt_disposal(demo_details: dict[str, dict]) -> None:
    exempt = {ref: d["exempt_disposals"] for ref, d in demo_details.items() if d["exempt_disposals"]}
    assert exempt
    for disposals in exempt.values():
        for disposal in disposals:
            assert disposal["exemption"]
            assert disposal["new_owner_ref"]


def test_demo_councils_england_and_scotland(demo_list: list[dict]) -> None:
    by_jurisdiction: dict[str, set[str]] = {}
    for item in demo_list:
        by_jurisdiction.setdefault(item["jurisdiction"], set()).add(item["authority"])
    assert len(by_jurisdiction.get("england", ())) >= 3, by_jurisdiction
    assert len(by_jurisdiction.get("scotland", ())) >= 1, by_jurisdiction


def test_demo_transfer_applications(demo_details: dict[str, dict]) -> None:
    applications = [a["application"] for d in demo_details.values() for a in d["applications"]]
    kinds = Counter(a["kind"] for a in applications)
    assert kinds["scottish-asset-transfer-request"] >= 1
    part_way = []
    for application in applications:
        stages = ApplicationKind(application["kind"]).stages
        assert application["stage"] in stages, application
        if application["kind"] == "community-asset-transfer" and application["stage"] not in (stages[0], stages[-1]):
            part_way.append(application["reference"])
    assert part_way, "no community asset transfer part-way through"


def test_demo_scottish_request_is_for_a_scottish_asset(demo_list: list[dict], demo_details: dict[str, dict]) -> None:
    jurisdiction = {item["reference"]: item["jurisdiction"] for item in demo_list}
    scottish = [
        ref
        for ref, d in demo_details.items()
        for a in d["applications"]
        if a["application"]["kind"] == "scottish-asset-transfer-request"
    ]
    assert scottish
    assert all(jurisdiction[ref] == "scotland" for ref in scottish)


def test_demo_show_json_status_matches_list(demo_list: list[dict], demo_details: dict[str, dict]) -> None:
    for item in demo_list:
        detail = demo_details[item["reference"]]
        assert detail["asset"]["reference"] == item["reference"]
        assert detail["asset"]["name"] == item["name"]
        assert detail["status"] == item["status"]
        assert detail["status_label"] == item["status_label"]


def test_assets_show_text(demo: Path, demo_list: list[dict], tmp_path: Path) -> None:
    result = run_cli("assets", "show", "AST-0001", "--db", demo, data_dir=tmp_path / "data")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert demo_list[0]["name"] in result.stdout
    assert "Status:" in result.stdout
    assert demo_list[0]["status_label"] in result.stdout


def test_assets_show_says_a_postcode_the_address_already_gives_once(tmp_path: Path, capsys) -> None:
    db = tmp_path / "r.assetreg"
    assert run_main(capsys, "init", "--db", db)[0] == 0
    # As a council's list gives it: the postcode at the end of the address, and in its own column.
    run_main(capsys, "add", "asset", "--db", db, "--name", "The Hope", "--address", "1 Hope St, London NW1 8AA",
             "--postcode", "NW1 8AA")  # fmt: skip
    run_main(
        capsys, "add", "asset", "--db", db, "--name", "The Swan", "--address", "2 High St", "--postcode", "NW1 8AB"
    )
    assert "Address: 1 Hope St, London NW1 8AA\n" in run_main(capsys, "assets", "show", "AST-0001", "--db", db)[1]
    assert "Address: 2 High St, NW1 8AB\n" in run_main(capsys, "assets", "show", "AST-0002", "--db", db)[1]
    run_main(
        capsys,
        "add",
        "asset",
        "--db",
        db,
        "--name",
        "The Oak",
        "--address",
        "3 Oak Rd, SE1 1AA",
        "--postcode",
        "E1 1AA",
    )
    assert "Address: 3 Oak Rd, SE1 1AA, E1 1AA\n" in run_main(capsys, "assets", "show", "AST-0003", "--db", db)[1]


def test_assets_show_text_of_every_demo_asset(demo: Path, demo_list: list[dict], capsys) -> None:
    for item in demo_list:
        status, out, err = run_main(capsys, "assets", "show", item["reference"], "--db", demo)
        assert status == 0, err
        assert item["name"] in out and f"Status: {item['status_label']}" in out


@pytest.mark.parametrize(("reference", "says"), [("XYZ-1", "not a record reference"), ("AST-9999", "no asset")])
def test_assets_show_bad_or_missing_reference(demo: Path, tmp_path: Path, reference: str, says: str) -> None:
    result = run_cli("assets", "show", reference, "--db", demo, data_dir=tmp_path / "data")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("assetreg: ")
    assert reference in result.stderr and says in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("reference", "says"), [("DN-0001", "not an asset"), ("nonsense", "not a record reference"), ("AST-", "AST-")]
)
def test_assets_show_other_bad_references(demo: Path, capsys, reference: str, says: str) -> None:
    status, out, err = run_main(capsys, "assets", "show", reference, "--db", demo)
    assert status == 2
    assert out == ""
    assert says in err


def test_assets_show_missing_reference_json(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run_main(capsys, "assets", "show", "AST-9999", "--json", "--db", demo)
    assert status == 2
    assert out == ""
    assert "AST-9999" in err


# --------------------------------------------------------------------------------------------------------------
# Choosing the register: --db before or after the command, ASSETREG_DB, the user data folder


@pytest.mark.parametrize(
    "args",
    [
        ("--db", "{db}", "assets", "list", "--json"),
        ("assets", "list", "--db", "{db}", "--json"),
        ("assets", "list", "--json", "--db", "{db}"),
    ],
    ids=["before-command", "after-command", "last"],
)
def test_db_before_or_after_the_command(demo: Path, demo_list, capsys, args: tuple[str, ...]) -> None:
    status, out, err = run_main(capsys, *(a.replace("{db}", str(demo)) for a in args))
    assert status == 0, err
    assert json.loads(out) == demo_list


def test_db_before_the_command_subprocess(demo: Path, tmp_path: Path) -> None:
    result = run_cli("--db", demo, "check", data_dir=tmp_path / "data")
    assert result.returncode == 0, result.stderr
    assert str(demo) in result.stdout


def test_assetreg_db_env_is_used(demo: Path, demo_list: list[dict], tmp_path: Path) -> None:
    result = run_cli("assets", "list", "--json", data_dir=tmp_path / "data", ASSETREG_DB=str(demo))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == demo_list
    assert not (tmp_path / "data").exists()


def test_db_option_wins_over_env(tmp_path: Path, demo: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "empty.assetreg"
    assert main(["init", "--db", str(empty)]) == 0
    monkeypatch.setenv("ASSETREG_DB", str(demo))
    status, out, _ = run_main(capsys, "assets", "list", "--json", "--db", empty)
    assert status == 0
    assert json.loads(out) == []


def test_default_register_is_in_the_data_dir(tmp_path: Path) -> None:
    data = tmp_path / "data"
    created = run_cli("init", data_dir=data)
    assert created.returncode == 0, created.stderr
    default = data / "register.assetreg"
    assert default.is_file()
    assert str(default) in created.stdout

    listing = run_cli("assets", "list", "--json", data_dir=data)
    assert listing.returncode == 0, listing.stderr
    assert json.loads(listing.stdout) == []


def test_default_register_in_process(isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run_main(capsys, "init")
    assert status == 0, err
    default = isolated_data_dir / "register.assetreg"
    status, out, _ = run_main(capsys, "assets", "list")
    assert status == 0
    assert "0 assets" in out
    status, out, _ = run_main(capsys, "check")
    assert status == 0
    assert str(default) in out


def test_default_demo_register_in_process(isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run_main(capsys, "demo")
    assert status == 0, err
    assert (isolated_data_dir / "register.assetreg").is_file()
    status, out, _ = run_main(capsys, "assets", "list", "--json")
    assert status == 0
    assert len(json.loads(out)) >= DEMO_ASSETS_AT_LEAST


# --------------------------------------------------------------------------------------------------------------
# check and refusals


def test_check_reports_a_deleted_attachment(demo: Path, tmp_path: Path) -> None:
    path = copy_register(demo, tmp_path / "copy")
    attachments = path.with_name(f"{path.stem}-attachments")
    stored = sorted(p for p in attachments.rglob("*") if p.is_file())
    assert stored, "the demo has no attachment files"
    victim = stored[0]
    victim.unlink()

    result = run_cli("check", "--db", path, data_dir=tmp_path / "data")
    assert result.returncode == 1
    assert "Attachment missing" in result.stdout
    assert str(victim) in result.stdout
    assert result.stdout.startswith(f"Problems found in {path}")

    as_json = run_cli("check", "--json", "--db", path, data_dir=tmp_path / "data")
    assert as_json.returncode == 1
    report = json.loads(as_json.stdout)
    assert report["healthy"] is False
    assert len(report["problems"]) == 1
    assert victim.name in report["problems"][0]


def test_check_reports_an_altered_attachment(demo: Path, tmp_path: Path, capsys) -> None:
    path = copy_register(demo, tmp_path / "copy")
    victim = next(p for p in sorted(path.with_name(f"{path.stem}-attachments").rglob("*")) if p.is_file())
    victim.write_bytes(victim.read_bytes() + b"tampered\n")
    status, out, _ = run_main(capsys, "check", "--db", path)
    assert status == 1
    assert "Attachment altered" in out
    assert str(victim) in out


def test_text_file_as_db_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "shopping list.txt"
    content = "eggs\nmilk\n" * 20
    path.write_text(content)
    mtime = path.stat().st_mtime_ns
    result = run_cli("assets", "list", "--db", path, data_dir=tmp_path / "data")
    assert result.returncode == 3
    assert result.stdout == ""
    assert str(path) in result.stderr
    assert "Traceback" not in result.stderr
    assert path.read_text() == content
    assert path.stat().st_mtime_ns == mtime
    assert sorted(p.name for p in tmp_path.iterdir()) == ["shopping list.txt"]


@pytest.mark.parametrize(
    "command",
    [("assets", "list", "--json"), ("assets", "show", "AST-0001"), ("check",), ("check", "--json"), ("demo",)],
)
def test_text_file_as_db_is_refused_by_every_command(tmp_path: Path, capsys, command: tuple[str, ...]) -> None:
    path = tmp_path / "notes.assetreg"
    content = b"SQLite format 2\x00" + b"not really a database\n" * 10
    path.write_bytes(content)
    mtime = path.stat().st_mtime_ns
    status, out, err = run_main(capsys, *command, "--db", path)
    assert status == 3
    assert out == ""
    assert str(path) in err
    assert path.read_bytes() == content
    assert path.stat().st_mtime_ns == mtime
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.assetreg"]


@pytest.mark.parametrize("command", [("assets", "list"), ("assets", "show", "AST-0001"), ("check",)])
def test_missing_register_says_how_to_create_one(tmp_path: Path, capsys, command: tuple[str, ...]) -> None:
    path = tmp_path / "not-yet" / "campaign.assetreg"
    status, out, err = run_main(capsys, *command, "--db", path)
    assert status != 0
    assert out == ""
    assert "assetreg init" in err
    assert str(path) in err
    assert not path.exists()
    assert not path.parent.exists()


def test_missing_register_subprocess(tmp_path: Path) -> None:
    path = tmp_path / "campaign.assetreg"
    result = run_cli("assets", "list", "--db", path, data_dir=tmp_path / "data")
    assert result.returncode != 0
    assert "assetreg init" in result.stderr
    assert not path.exists()
    assert not (tmp_path / "data").exists()


def test_missing_default_register_is_not_created_by_list(isolated_data_dir: Path, capsys) -> None:
    status, _, err = run_main(capsys, "assets", "list")
    assert status != 0
    assert "assetreg init" in err
    assert not (isolated_data_dir / "register.assetreg").exists()


# --------------------------------------------------------------------------------------------------------------
# The demo is relative to today


def _demo_statuses(folder: Path, today: date) -> dict[str, str]:
    from assetreg.services.assets import list_assets
    from assetreg.services.demo import write_demo_register
    from assetreg.services.register import Register

    path = folder / f"demo-{today.isoformat()}.assetreg"
    write_demo_register(path, today=today)
    register = Register.open(path)
    try:
        return {a.reference: a.status.value for a in list_assets(register, today=today)}
    finally:
        register.close()


def test_demo_on_a_fixed_day_shows_the_same_states(tmp_path: Path, demo_list: list[dict]) -> None:
    statuses = _demo_statuses(tmp_path, date(2025, 9, 15))
    assert set(statuses.values()) == {item["status"] for item in demo_list}
    assert set(statuses.values()) >= DEMO_STATUSES
    # Relative dates: each asset has the same status whatever day the demo is written on.
    assert statuses == {item["reference"]: item["status"] for item in demo_list}


@pytest.mark.parametrize("today", [date(2026, 2, 28), date(2028, 2, 29), date(2030, 12, 31), date(2027, 3, 31)])
def test_demo_moratoria_are_live_on_any_day(tmp_path: Path, today: date) -> None:
    from assetreg.services.assets import asset_detail
    from assetreg.services.register import Register

    statuses = _demo_statuses(tmp_path, today)
    counts = Counter(statuses.values())
    assert counts["interim-moratorium"] >= 1, statuses
    assert counts["full-moratorium"] >= 1, statuses
    assert set(counts) >= DEMO_STATUSES, DEMO_STATUSES - set(counts)

    # And a listing still ends within 90 days of that day.
    register = Register.open(tmp_path / f"demo-{today.isoformat()}.assetreg")
    try:
        ends = []
        for reference, status in statuses.items():
            if status == "listed":
                detail = asset_detail(register, reference, today=today)
                latest = max(detail.list_entries, key=lambda x: x.entered_on)
                ends.append((listing_end(latest) - today).days)
    finally:
        register.close()
    assert any(0 <= days <= 90 for days in ends), ends


def test_backups_set_back_to_beside_the_register_go_there_whatever_the_folder_one_is_in(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "r.assetreg"
    assert run_main(capsys, "init", "--db", path)[0] == 0
    elsewhere = tmp_path / "chosen"
    assert run_main(capsys, "backups", "--db", path, "--folder", elsewhere)[0] == 0
    assert run_main(capsys, "backups", "--db", path, "--folder", "")[0] == 0  # "" for beside the register
    wandering = tmp_path / "somewhere-else"
    wandering.mkdir()
    monkeypatch.chdir(wandering)
    status, out, err = run_main(capsys, "backup", "--db", path)
    assert status == 0, err
    status, out, _ = run_main(capsys, "backups", "--db", path, "--json")
    listed = json.loads(out)
    assert listed["folder"] == str(tmp_path / "r-backups")
    assert [Path(b["path"]).parent for b in listed["backups"]] == [tmp_path / "r-backups"]
    assert list(wandering.iterdir()) == []
    assert list(elsewhere.iterdir()) == []  # made when chosen, and left empty


def test_a_backup_is_listed_by_its_whole_name_and_put_back_by_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "the-red-lion-campaign-register.assetreg"
    assert run_main(capsys, "init", "--db", path)[0] == 0
    assert run_main(capsys, "add", "asset", "--db", path, "--name", "The Red Lion")[0] == 0
    assert run_main(capsys, "backup", "--db", path, "--json")[0] == 0
    assert run_main(capsys, "add", "asset", "--db", path, "--name", "The Old Forge")[0] == 0
    status, out, _ = run_main(capsys, "backups", "--db", path, "--json")
    (made,) = json.loads(out)["backups"]
    name = Path(made["path"]).name
    assert len(name) > 40
    status, out, _ = run_main(capsys, "backups", "--db", path)
    assert name in out  # whole, not cut to fit
    monkeypatch.chdir(tmp_path.parent)  # the name alone, from anywhere: it is looked for among the backups
    status, out, err = run_main(capsys, "restore-backup", name, "--db", path)
    assert status == 0, err
    status, out, _ = run_main(capsys, "assets", "list", "--db", path, "--json")
    assert [a["name"] for a in json.loads(out)] == ["The Red Lion"]
