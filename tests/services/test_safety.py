"""One writer at a time, settings saved relative to what was read, backups on a schedule, synced folders."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from assetreg.domain import entities as e
from assetreg.domain.errors import BackupError, ReadOnlyRegisterError
from assetreg.domain.records import RecordKind
from assetreg.services import lock
from assetreg.services.backups import list_backups, make_backup, to_keep
from assetreg.services.places import conflicted_copies, synced_service
from assetreg.services.records import Records
from assetreg.services.register import Register
from assetreg.services.restore import restore_backup
from assetreg.services.settings import load_settings, save_settings

ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), "ASSETREG_LOCK_WAIT": "0.5"}


@pytest.fixture
def path(tmp_path: Path) -> Path:
    path = tmp_path / "register.assetreg"
    Register.open(path, create=True).close()
    return path


def test_a_second_window_finds_the_register_held_and_may_only_read(path: Path) -> None:
    with Register.open(path) as first, Register.open(path) as second:
        assert first.claim() is None and first.lock is not None
        data = json.loads(lock.lock_path(path).read_text())
        assert {"user", "machine", "pid", "since"} <= data.keys() and data["pid"] == os.getpid()
        # Another process's window: pretend the holder is a live process other than this one.
        lock.lock_path(path).write_text(json.dumps({**data, "pid": os.getppid()}))
        holder = second.claim()
        assert holder is not None and holder.user == first.user
        assert "is open for changes by" in second.read_only
        with pytest.raises(ReadOnlyRegisterError, match="open for changes by"):
            Records(second).create(e.Asset(name="Refused"))


def test_the_command_line_waits_then_refuses_a_write_naming_who_holds_the_lock(path: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(30)"], env=ENV
    )  # a live process on this machine
    try:
        now = datetime.now(UTC).isoformat()
        lock.lock_path(path).write_text(
            json.dumps(dict(user="sam", machine=lock.this_machine(), pid=holder.pid, since=now, seen=now, token="t"))
        )
        result = subprocess.run(
            [sys.executable, "-m", "assetreg", "settings", "--add-holiday", "2030-01-01=X", "--db", str(path)],
            env=ENV,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == ReadOnlyRegisterError.exit_status
        assert "open for changes by sam on" in result.stderr and "Traceback" not in result.stderr
        listing = subprocess.run(
            [sys.executable, "-m", "assetreg", "assets", "list", "--db", str(path)], env=ENV, capture_output=True
        )
        assert listing.returncode == 0  # reading needs no lock
    finally:
        holder.kill()
        holder.wait()
    # The holder is gone: its lock is stale, and a window may take it over when asked to.
    with Register.open(path) as register:
        assert register.claim() is not None
        assert register.claim(take_over=True) is None and register.lock is not None
    assert not lock.lock_path(path).exists()  # given up on closing


def test_saving_settings_keeps_a_holiday_added_meanwhile_and_removes_only_what_was_removed(path: Path) -> None:
    with Register.open(path) as dialog, Register.open(path) as command_line:
        save_settings(dialog, dataclasses.replace(load_settings(dialog), extra_holidays=((date(2030, 1, 1), "A"),)))
        shown = load_settings(dialog)  # the dialog opens
        now = load_settings(command_line)
        save_settings(
            command_line,
            dataclasses.replace(now, extra_holidays=(*now.extra_holidays, (date(2030, 2, 2), "B"))),
            based_on=now,
        )
        edited = dataclasses.replace(shown, extra_holidays=((date(2030, 3, 3), "C"),), send_by_working_days=5)
        saved = save_settings(dialog, edited, based_on=shown)
    assert saved.extra_holidays == ((date(2030, 2, 2), "B"), (date(2030, 3, 3), "C"))
    assert saved.send_by_working_days == 5


def test_the_schedule_keeps_the_newest_of_7_days_4_weeks_and_12_months() -> None:
    now = datetime(2026, 6, 30, 12, tzinfo=UTC)
    made = [now - timedelta(hours=6 * n) for n in range(4 * 400)]  # four a day for over a year
    kept = sorted((made[i] for i in to_keep(made, now)), reverse=True)
    assert len([k for k in kept if now - k < timedelta(days=1)]) == 4  # everything of the last day
    days = {k.astimezone().date() for k in kept}
    assert len(days) <= 4 + 7 + 4 + 12 and len(kept) <= 4 + 7 + 4 + 12
    assert min(kept) > now - timedelta(days=370)
    assert made[0] in kept


def test_a_backup_is_verified_and_restoring_one_keeps_the_register_as_it_was(path: Path) -> None:
    with Register.open(path) as register:
        Records(register).create(e.Asset(name="The Red Lion"))
        backup = make_backup(register)
        Records(register).create(e.Asset(name="The Old Forge"))
    assert backup.verified and backup.manifest.is_file() and backup.schema
    restored = restore_backup(path, backup.path)
    with Register.open(path) as register:
        assert [a.name for a in Records(register).list(RecordKind.ASSET)] == ["The Red Lion"]
        assert {b.reason for b in list_backups(register)} == {"on-demand", "before-restore"}
    with Register.open(restored.kept) as kept:
        assert len(Records(kept).list(RecordKind.ASSET)) == 2


def test_a_damaged_backup_is_refused(path: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.assetreg"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    with pytest.raises(Exception, match="cannot open|failed its check|cannot be put back"):
        restore_backup(path, bad)
    with pytest.raises(BackupError):
        restore_backup(path, tmp_path / "missing.assetreg")


def test_a_backup_cut_short_is_refused_as_a_backup_with_the_way_to_another(path: Path) -> None:
    with Register.open(path) as register:
        for n in range(50):
            Records(register).create(e.Asset(name=f"Asset {n}", description="x" * 2000))
        backup = make_backup(register)
    before = path.read_bytes()
    os.truncate(backup.path, 5000)
    with pytest.raises(BackupError) as refused:
        restore_backup(path, backup.path)
    said = str(refused.value)
    assert said.startswith(f"{backup.path} cannot be put back: it is damaged: the file is shorter than it should be")
    assert said.endswith("Choose another backup (assetreg backups lists them).")
    assert "--db" not in said  # not the advice for a register: a backup of a backup
    assert path.read_bytes() == before


def test_synced_folders_and_conflicted_copies_are_recognised(tmp_path: Path) -> None:
    assert synced_service(Path("/Users/sam/Library/Mobile Documents/com~apple~CloudDocs/r.assetreg")) == "iCloud Drive"
    assert synced_service(Path("C:/Users/sam/OneDrive - Parish Council/r.assetreg")) == "OneDrive"
    assert synced_service(Path("/home/sam/Dropbox/ACV/r.assetreg")) == "Dropbox"
    assert synced_service(Path("/home/sam/Documents/r.assetreg")) == ""
    register = tmp_path / "register.assetreg"
    names = ["register (conflicted copy 2026-03-01).assetreg", "register-DESKTOP-ABC.assetreg", "register (1).assetreg"]
    for name in [*names, "register-old.assetreg", "other.assetreg", "register.assetreg"]:
        (tmp_path / name).write_text("x")
    assert sorted(p.name for p in conflicted_copies(register)) == sorted(names)


def test_two_backups_in_the_same_second_are_two_files(register) -> None:
    """A file or a shared register backed up twice within a second (an import right after another) keeps both."""
    from assetreg.services.backups import backup_before

    first, second = backup_before(register, "import"), backup_before(register, "import")
    assert first.path != second.path and first.path.is_file() and second.path.is_file()
    assert first.schema == second.schema
