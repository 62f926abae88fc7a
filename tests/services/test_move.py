"""Moving a register out of a synced folder: real files, every attachment checked, and nothing lost on failure."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assetreg.domain import entities as e
from assetreg.domain.errors import ReadOnlyRegisterError
from assetreg.domain.records import RecordKind
from assetreg.paths import attachments_dir
from assetreg.services import lock, move
from assetreg.services.backups import default_folder, list_backups_of, make_backup
from assetreg.services.documents import attach
from assetreg.services.move import MoveError, move_register
from assetreg.services.records import Records
from assetreg.services.register import Register

ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), "ASSETREG_LOCK_WAIT": "0.5"}


def qt_settings(path: Path, values: dict | None = None) -> dict:
    """Writes ``values`` to, or reads everything from, the desktop app's settings file at ``path``."""
    from PySide6.QtCore import QSettings

    settings = QSettings(str(path), QSettings.Format.IniFormat)
    for key, value in (values or {}).items():
        settings.setValue(key, value)
    settings.sync()
    return {key: settings.value(key) for key in settings.allKeys()}


def tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` by its path there, with its SHA-256."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def synced(tmp_path: Path) -> Path:
    """A register in a Dropbox folder, with 3 assets, 5 attachments and a backup beside it."""
    folder = tmp_path / "Dropbox" / "Friends of the Red Lion"
    folder.mkdir(parents=True)
    path = folder / "register.assetreg"
    with Register.open(path, create=True) as register:
        for n in range(3):
            Records(register).create(e.Asset(name=f"Asset {n}", description="x" * 5000))
        for n in range(5):
            paper = tmp_path / f"paper-{n}.txt"
            paper.write_bytes(os.urandom(20_000 + n))
            attach(register, paper, asset_ref="AST-0001", title=f"Paper {n}")
        make_backup(register, "before the move")
    return path


def test_a_register_moves_with_its_attachments_and_backups_and_the_old_copy_goes(synced: Path, tmp_path: Path):
    attachments, backups = tree(attachments_dir(synced)), tree(default_folder(synced))
    assert len(attachments) == 5 and len(backups) == 2  # a backup and its manifest
    target = tmp_path / "Documents"
    target.mkdir()
    with Register.open(synced) as register:
        moved = move_register(register, target)
    new = target / "register.assetreg"
    assert moved.target == new and moved.files == 7 and moved.size > 5 * 20_000
    assert tree(attachments_dir(new)) == attachments and tree(default_folder(new)) == backups
    assert not synced.exists() and not attachments_dir(synced).exists() and not default_folder(synced).exists()
    assert not lock.lock_path(synced).exists() and list(synced.parent.iterdir()) == []
    with Register.open(new) as register:
        assert sorted(a.name for a in Records(register).list(RecordKind.ASSET)) == ["Asset 0", "Asset 1", "Asset 2"]
        assert len(Records(register).list(RecordKind.DOCUMENT)) == 5
    folder, listed = list_backups_of(new)
    assert folder == default_folder(new) and [b.reason for b in listed] == ["before the move"]


def test_a_register_moved_under_a_new_name_keeps_its_backups_listed_and_restorable(synced: Path, tmp_path: Path):
    target = tmp_path / "Documents" / "red-lion.assetreg"
    target.parent.mkdir()
    with Register.open(synced) as register:
        move_register(register, target)
    folder, listed = list_backups_of(target)
    assert folder == default_folder(target) == tmp_path / "Documents" / "red-lion-backups"
    assert [b.reason for b in listed] == ["before the move"]
    assert all(p.name.startswith("red-lion-") for p in folder.iterdir())
    assert listed[0].verified and listed[0].path.is_file()


def test_a_failure_half_way_loses_nothing_and_leaves_no_partial_copy(synced: Path, tmp_path: Path, monkeypatch):
    before = {"register": tree(synced.parent)}
    copied = []
    real_copy = move._copy_file

    def copy_then_fail(path: Path, copy: Path) -> str:
        if len(copied) == 3:  # the disk is pulled out after three attachments
            raise OSError(5, "Input/output error")
        copied.append(path)
        return real_copy(path, copy)

    monkeypatch.setattr(move, "_copy_file", copy_then_fail)
    target = tmp_path / "Documents"
    target.mkdir()
    with Register.open(synced) as register, pytest.raises(MoveError) as refused:
        move_register(register, target)
    assert "Input/output error" in str(refused.value) and "Nothing was lost" in str(refused.value)
    assert str(synced) in str(refused.value)
    assert len(copied) == 3
    assert list(target.iterdir()) == []  # no partial copy, not even hidden
    assert {"register": tree(synced.parent)} == before
    with Register.open(synced) as register:
        assert len(Records(register).list(RecordKind.DOCUMENT)) == 5
        assert register.claim() is None  # and its lock was given back


def test_a_changed_copy_is_caught_by_its_hash(synced: Path, tmp_path: Path, monkeypatch):
    real_copy = move._copy_file

    def copy_badly(path: Path, copy: Path) -> str:
        digest = real_copy(path, copy)
        with copy.open("r+b") as handle:  # one byte flipped on the way to the disk
            first = handle.read(1)
            handle.seek(0)
            handle.write(bytes([first[0] ^ 1]))
        return digest

    monkeypatch.setattr(move, "_copy_file", copy_badly)
    target = tmp_path / "Documents"
    target.mkdir()
    with Register.open(synced) as register, pytest.raises(MoveError, match="did not copy whole"):
        move_register(register, target)
    assert list(target.iterdir()) == [] and len(tree(attachments_dir(synced))) == 5


def test_a_real_full_disk_part_way_loses_nothing(synced: Path, tmp_path: Path):
    """The copy runs out of room part-way: the register fits a file-size limit of 1 MB, a scanned plan does not."""
    plan = tmp_path / "plan.pdf"
    plan.write_bytes(os.urandom(1_500_000))
    with Register.open(synced) as register:
        attach(register, plan, asset_ref="AST-0002", title="Plan")
    assert synced.stat().st_size < 1024 * 1024
    target = tmp_path / "Documents"
    target.mkdir()
    before = tree(synced.parent)
    script = (
        "import resource, signal, sys; from pathlib import Path\n"
        "from assetreg.services.move import move_register; from assetreg.services.register import Register\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "register = Register.open(Path(sys.argv[1]))\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (1024 * 1024, resource.RLIM_INFINITY))\n"
        "try:\n    move_register(register, Path(sys.argv[2]))\n"
        "except Exception as error:\n    print(type(error).__name__, error)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(synced), str(target)], env=ENV, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.startswith("MoveError") and "Nothing was lost" in result.stdout, result.stderr
    assert "File too large" in result.stdout, result.stdout
    assert list(target.iterdir()) == [] and tree(synced.parent) == before


def test_moving_is_refused_plainly_onto_something_or_into_a_synced_folder(synced: Path, tmp_path: Path):
    before = tree(synced.parent)
    taken = tmp_path / "Documents"
    (taken / "register-attachments").mkdir(parents=True)
    onedrive = tmp_path / "OneDrive - Parish"
    onedrive.mkdir()
    with Register.open(synced) as register:
        with pytest.raises(MoveError, match="already something at .*register-attachments.*nothing was overwritten"):
            move_register(register, taken)
        with pytest.raises(MoveError, match="inside a OneDrive folder"):
            move_register(register, onedrive / "register.assetreg")
        with pytest.raises(MoveError, match="There is no folder"):
            move_register(register, tmp_path / "nowhere" / "register.assetreg")
        with pytest.raises(MoveError, match="There is no folder .*Registers"):  # a folder mistyped, not a file name
            move_register(register, tmp_path / "Registers")
        with pytest.raises(MoveError, match="already at"):
            move_register(register, synced)
    assert tree(synced.parent) == before and list(onedrive.iterdir()) == []


def test_a_register_another_window_has_open_is_not_moved(synced: Path, tmp_path: Path):
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        now = "2030-01-01T00:00:00+00:00"
        holder = dict(user="sam", machine=lock.this_machine(), pid=other.pid, since=now, seen=now, token="theirs")
        lock.lock_path(synced).write_text(json.dumps(holder))
        # (seen in the future: not stale however long the test takes)
        target = tmp_path / "Documents"
        target.mkdir()
        with Register.open(synced) as register, pytest.raises(ReadOnlyRegisterError, match="open for changes by sam"):
            move_register(register, target)
        assert list(target.iterdir()) == [] and synced.exists()
        assert json.loads(lock.lock_path(synced).read_text())["token"] == "theirs"
    finally:
        other.kill()
        other.wait()


def test_assetreg_move_moves_it_and_the_apps_recent_list_follows(synced: Path, tmp_path: Path):
    target = tmp_path / "Documents"
    target.mkdir()
    config = tmp_path / "config"
    settings = config / "AssetReg" / "AssetReg.conf"
    settings.parent.mkdir(parents=True)
    other = tmp_path / "other.assetreg"
    qt_settings(settings, {"registers/last": str(synced), "registers/recent": [str(synced), str(other)]})
    result = subprocess.run(
        [sys.executable, "-m", "assetreg", "move", str(target), "--db", str(synced)],
        env={**ENV, "XDG_CONFIG_HOME": str(config)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    new = target / "register.assetreg"
    assert f"Moved {synced} to {new}, with 7 attachment and backup files" in result.stdout
    assert "Traceback" not in result.stderr and "warning" not in result.stderr
    assert new.exists() and not synced.exists()
    stored = qt_settings(settings)
    assert stored["registers/last"] == str(new) and stored["registers/recent"] == [str(new), str(other)]
    again = subprocess.run(
        [sys.executable, "-m", "assetreg", "move", str(tmp_path), "--db", str(new)],
        env={**ENV, "XDG_CONFIG_HOME": str(config)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert again.returncode == 0 and (tmp_path / "register.assetreg").exists()
    refused = subprocess.run(
        [sys.executable, "-m", "assetreg", "move", str(synced.parent), "--db", str(tmp_path / "register.assetreg")],
        env={**ENV, "XDG_CONFIG_HOME": str(config)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert refused.returncode == MoveError.exit_status and "inside a Dropbox folder" in refused.stderr
    assert "Traceback" not in refused.stderr
