"""Faults done for real: kill -9 mid-write, a damaged page, read-only places, a full disk."""

from __future__ import annotations

import contextlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from contextlib import closing
from pathlib import Path

import pytest

from assetreg.domain import entities as e
from assetreg.domain.errors import BackupError, ReadOnlyRegisterError, StorageError
from assetreg.services.backups import make_backup, set_backup_folder
from assetreg.services.records import Records
from assetreg.services.register import Register

ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from assetreg.domain import entities as e
    from assetreg.services.records import Records
    from assetreg.services.register import Register
    register = Register.open(Path(sys.argv[1]))
    records = Records(register)
    while True:
        made = records.create(e.Asset(name="Asset", description="x" * 2000)).value
        print(made.reference, flush=True)  # printed only once committed
    """
)


def kill_while_writing(path: Path, after: float) -> list[str]:
    """Starts a writer, waits for its first commit, kills it ``after`` seconds later; what it said it committed."""
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], env=ENV, stdout=subprocess.PIPE, text=True)
    first = writer.stdout.readline()
    time.sleep(after)
    writer.send_signal(signal.SIGKILL)
    out, _ = writer.communicate()
    return (first + out).split()


def integrity(path: Path) -> list[tuple]:
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute("PRAGMA integrity_check").fetchall()


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "assetreg", *args], env=ENV, capture_output=True, text=True, timeout=120
    )


def test_every_write_reported_committed_survives_kill_9(tmp_path: Path) -> None:
    path = tmp_path / "register.assetreg"
    Register.open(path, create=True).close()
    rng, committed = random.Random(7), []
    for _ in range(10):
        committed += kill_while_writing(path, rng.uniform(0.0, 0.3))
        assert integrity(path) == [("ok",)]
    assert len(committed) > 10
    with closing(sqlite3.connect(path)) as connection:
        stored = {row[0] for row in connection.execute("SELECT reference FROM assets")}
    assert set(committed) <= stored


def damage(path: Path) -> None:
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.seek(size // 2 // 4096 * 4096)  # from the start of a page, so its header is what is lost
        handle.write(b"\xde\xad\xbe\xef" * 512)


def test_a_damaged_page_is_refused_plainly_and_offers_the_backups(tmp_path: Path) -> None:
    path = tmp_path / "register.assetreg"
    with Register.open(path, create=True) as register:
        for n in range(300):
            Records(register).create(e.Asset(name=f"Asset {n}", description="x" * 500))
    damage(path)
    for command in (["assets", "list"], ["deadlines"], ["check"], ["backups"]):
        result = run_cli(*command, "--db", str(path))
        assert "Traceback" not in result.stderr + result.stdout, command
        assert "sqlalchemy" not in (result.stderr + result.stdout).lower()
    listing = run_cli("assets", "list", "--db", str(path))
    assert listing.returncode == 3 and "it is damaged" in listing.stderr and "assetreg restore" in listing.stderr
    assert run_cli("check", "--db", str(path)).returncode == 1


def can_chattr(path: Path) -> bool:
    return subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode == 0


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_read_only_file_or_folder_opens_for_reading_and_refuses_writes_plainly(tmp_path: Path, what: str) -> None:
    folder = tmp_path / "place"
    folder.mkdir()
    path = folder / "register.assetreg"
    with Register.open(path, create=True) as register:
        Records(register).create(e.Asset(name="The Red Lion"))
    target = path if what == "file" else folder
    if not can_chattr(target):
        pytest.skip("chattr +i is not available here (needs root on a filesystem that supports it)")
    try:
        listing = run_cli("assets", "list", "--db", str(path))
        assert listing.returncode == 0 and "The Red Lion" in listing.stdout, listing.stderr
        assert run_cli("check", "--db", str(path)).returncode == 0
        write = run_cli("settings", "--add-holiday", "2030-01-01=X", "--db", str(path))
        assert write.returncode == ReadOnlyRegisterError.exit_status
        assert "can only be read here" in write.stderr and "Traceback" not in write.stderr
    finally:
        subprocess.run(["chattr", "-i", str(target)], check=True)


def mounted(*args: str) -> bool:
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


def test_a_read_only_disk_opens_for_reading_and_refuses_writes(tmp_path: Path) -> None:
    source, mount = tmp_path / "source", tmp_path / "mount"
    source.mkdir(), mount.mkdir()
    with Register.open(source / "register.assetreg", create=True) as register:
        Records(register).create(e.Asset(name="The Red Lion"))
    if not mounted("--bind", "-o", "ro", str(source), str(mount)):
        pytest.skip("cannot make a read-only bind mount here (needs root)")
    try:
        path = mount / "register.assetreg"
        assert "The Red Lion" in run_cli("assets", "list", "--db", str(path)).stdout
        with Register.open(path) as register:
            assert "read-only disk" in register.read_only
            with pytest.raises(ReadOnlyRegisterError):
                Records(register).create(e.Asset(name="Another"))
    finally:
        subprocess.run(["umount", str(mount)], check=True)


@contextlib.contextmanager
def small_disk(folder: Path, size: str):
    folder.mkdir()
    if not mounted("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)):
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


def test_a_full_disk_fails_the_write_plainly_and_keeps_the_register(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", "2m") as disk:
        path = disk / "register.assetreg"
        with Register.open(path, create=True) as register:
            Records(register).create(e.Asset(name="Before"))
            filler = disk / "filler"
            with contextlib.suppress(OSError), filler.open("wb") as handle:
                while True:
                    handle.write(b"\0" * 4096)
                    handle.flush()
            with pytest.raises(StorageError, match="full"):
                for _ in range(200):
                    Records(register).create(e.Asset(name="After", description="x" * 20000))
        filler.unlink()
        assert integrity(path) == [("ok",)]
        with Register.open(path) as register:
            assert Records(register).get("AST-0001").name == "Before"


def test_a_backup_that_does_not_fit_is_removed_and_said_so(tmp_path: Path) -> None:
    path = tmp_path / "register.assetreg"
    with Register.open(path, create=True) as register:
        for n in range(200):
            Records(register).create(e.Asset(name=f"Asset {n}", description="x" * 2000))
        with small_disk(tmp_path / "backups", "128k") as disk:
            set_backup_folder(register, disk)
            with pytest.raises(BackupError, match="partial copy was removed"):
                make_backup(register)
            assert list(disk.iterdir()) == []
