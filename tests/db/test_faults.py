"""Faults done for real: kill -9 mid-write, a damaged page, read-only places, a full disk."""

from __future__ import annotations

import contextlib
import json
import os
import pwd
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
from contextlib import closing
from pathlib import Path

import pytest

from assetreg.domain import entities as e
from assetreg.domain.errors import BackupError, ReadOnlyRegisterError, RegisterDamagedError, StorageError
from assetreg.domain.records import RecordKind
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
    """Overwrites the middle of a page holding asset rows (where pages fall depends on the migrations' history,
    so the page is looked up rather than assumed to be the middle of the file)."""
    with closing(sqlite3.connect(path)) as connection:
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        pages = [
            row[0]
            for row in connection.execute(
                "SELECT pageno FROM dbstat WHERE name = 'assets' AND pagetype = 'leaf' ORDER BY pageno"
            )
        ]
    with path.open("r+b") as handle:
        handle.seek((pages[len(pages) // 2] - 1) * page_size)  # from the start of a page of assets: its header is lost
        handle.write(b"\xde\xad\xbe\xef" * 512)


def damaged_register(path: Path) -> None:
    """A register of 300 assets at ``path``, with one page of them overwritten."""
    with Register.open(path, create=True) as register:
        for n in range(300):
            Records(register).create(e.Asset(name=f"Asset {n}", description="x" * 500))
    damage(path)


def test_a_damaged_page_is_refused_plainly_and_offers_the_backups(tmp_path: Path) -> None:
    path = tmp_path / "register.assetreg"
    damaged_register(path)
    for command in (["assets", "list"], ["deadlines"], ["check"], ["backups"]):
        result = run_cli(*command, "--db", str(path))
        assert "Traceback" not in result.stderr + result.stdout, command
        assert "sqlalchemy" not in (result.stderr + result.stdout).lower()
    listing = run_cli("assets", "list", "--db", str(path))
    assert listing.returncode == 3 and "it is damaged" in listing.stderr and "assetreg restore" in listing.stderr
    assert run_cli("check", "--db", str(path)).returncode == 1


def test_a_checkpoint_cut_short_by_a_full_disk_leaves_a_register_that_opens_whole(tmp_path: Path) -> None:
    # The disk filled while SQLite copied the log into the file: page 1 (with the new page count) was written,
    # the pages after the old end were not. The file is shorter than its header says, but whole with its log.
    path = tmp_path / "register.assetreg"
    with Register.open(path, create=True) as register:
        Records(register).create(e.Asset(name="The Red Lion"))
    writer = sqlite3.connect(path)
    writer.execute("PRAGMA wal_autocheckpoint = 0")  # every page of what follows stays in the log
    with writer:
        writer.execute("CREATE TABLE ballast (x BLOB)")
        writer.executemany("INSERT INTO ballast VALUES (?)", [(os.urandom(2000),) for _ in range(200)])
    pages = writer.execute("PRAGMA page_count").fetchone()[0]
    cut = tmp_path / "after-the-disk-filled"
    cut.mkdir()
    for name in (path.name, f"{path.name}-wal"):
        shutil.copyfile(tmp_path / name, cut / name)
    writer.close()
    copy = cut / path.name
    with copy.open("r+b") as handle:
        header = bytearray(handle.read(100))
        header[28:32] = pages.to_bytes(4, "big")  # page 1 as the cut-short checkpoint wrote it
        header[92:96] = header[24:28]
        handle.seek(0)
        handle.write(header)
    assert copy.stat().st_size < pages * int.from_bytes(header[16:18], "big")
    listed = run_cli("assets", "list", "--json", "--db", str(copy))
    assert listed.returncode == 0, listed.stderr
    assert [a["name"] for a in json.loads(listed.stdout)] == ["The Red Lion"]
    checked = run_cli("check", "--json", "--db", str(copy))
    assert checked.returncode == 0 and json.loads(checked.stdout)["healthy"] is True, checked.stdout


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


# As root, permissions are not checked, so a file made read-only proves nothing: the scenario then runs as the
# ``nobody`` user. runuser and setpriv cannot start this Python when it lives where nobody may read (a home
# folder), so the process drops to nobody itself, having first imported all it needs (by running the same
# commands, as root, on a writable copy).
UNPRIVILEGED = textwrap.dedent(
    """
    import contextlib, io, json, os, sys
    from pathlib import Path
    from assetreg.app import main
    from assetreg.domain import entities as e
    from assetreg.domain.errors import ReadOnlyRegisterError
    from assetreg.services.records import Records
    from assetreg.services.register import Register

    def run(*argv):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(argv)
        return {"status": status, "out": out.getvalue(), "err": err.getvalue()}

    def scenario(path):
        found = {
            "list": run("assets", "list", "--db", str(path)),
            "check": run("check", "--db", str(path)),
            "write": run("settings", "--add-holiday", "2030-01-01=X", "--db", str(path)),
        }
        with Register.open(path) as register:
            found["read_only"] = register.read_only
            try:
                Records(register).create(e.Asset(name="Refused"))
                found["service"] = "written"
            except ReadOnlyRegisterError as error:
                found["service"] = str(error)
        return found

    warm, path, uid = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    scenario(warm)
    if uid >= 0:
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)
    print(json.dumps({"uid": os.geteuid(), **scenario(path)}))
    """
)
NOBODY = 65534


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_read_only_file_or_folder_refuses_writes_to_a_user_without_privileges(tmp_path: Path, what: str) -> None:
    root = os.geteuid() == 0
    if root:
        try:
            pwd.getpwuid(NOBODY)
        except KeyError:
            pytest.skip("running as root, with no 'nobody' user to run the scenario as")
    place = Path(tempfile.mkdtemp(prefix="assetreg-read-only-", dir="/tmp" if root else tmp_path))
    try:
        place.chmod(0o755)  # others may pass through /tmp/... to it, not through root's own pytest folder
        folder = place / "place"
        folder.mkdir()
        path = folder / "register.assetreg"
        with Register.open(path, create=True) as register:
            Records(register).create(e.Asset(name="The Red Lion"))
        warm = tmp_path / "warm" / "register.assetreg"
        warm.parent.mkdir()
        shutil.copyfile(path, warm)
        before = path.read_bytes()
        for item in (folder, path):
            if root:
                os.chown(item, NOBODY, -1)  # nobody's own file and folder: only the permissions stop it
        if what == "file":
            path.chmod(0o444)
        else:
            folder.chmod(0o555)
        result = subprocess.run(
            [sys.executable, "-c", UNPRIVILEGED, str(warm), str(path), str(NOBODY if root else -1)],
            env=ENV,
            capture_output=True,
            text=True,
            timeout=180,
        )
        if root and "Operation not permitted" in result.stderr:
            pytest.skip("running as root, but this process may not become another user")
        assert result.returncode == 0, result.stderr
        found = json.loads(result.stdout)
        assert found["uid"] == (NOBODY if root else os.geteuid())
        assert found["list"]["status"] == 0 and "The Red Lion" in found["list"]["out"], found["list"]
        assert found["check"]["status"] == 0, found["check"]
        write = found["write"]
        assert write["status"] == ReadOnlyRegisterError.exit_status and "can only be read here" in write["err"]
        assert "Traceback" not in write["err"] and "sqlalchemy" not in write["err"].lower()
        assert "can only be read here" in found["read_only"] and "Nothing was changed" in found["service"]
        assert path.read_bytes() == before
        beside = {p.name: p.stat().st_size for p in folder.iterdir() if p != path}
        if what == "folder":
            assert beside == {}
        else:  # in a folder it may write, SQLite makes its shared-memory file (to see others' writes) and an
            assert beside.get("register.assetreg-wal", 0) == 0  # empty log: nothing of a change is in it
            assert set(beside) <= {"register.assetreg-wal", "register.assetreg-shm"}
    finally:
        folder.chmod(0o755)
        shutil.rmtree(place, ignore_errors=True)


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


# A file-size limit (RLIMIT_FSIZE) is a full disk that needs no root: a write that would grow a file past it fails
# (SIGXFSZ ignored, the write gets EFBIG), as on a disk with no room left.
LIMITED = textwrap.dedent(
    """
    import json, resource, signal, sys
    from pathlib import Path
    from assetreg.domain import entities as e
    from assetreg.domain.errors import AssetRegError
    from assetreg.services.backups import make_backup, set_backup_folder
    from assetreg.services.records import Records
    from assetreg.services.register import Register
    path, what, limit = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    register = Register.open(path)
    if what == "backup":
        set_backup_folder(register, path.parent / "backups")
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))
    made = []
    try:
        if what == "write":
            for n in range(1000):
                asset = Records(register).create(e.Asset(name=f"After {n}", description="x" * 20000)).value
                made.append(asset.reference)
        else:
            make_backup(register)
        print(json.dumps({"made": made, "error": ""}))
    except AssetRegError as error:
        print(json.dumps({"made": made, "error": type(error).__name__ + ": " + str(error)}))
    """
)


def with_file_size_limit(path: Path, what: str, limit: int) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", LIMITED, str(path), what, str(limit)],
        env=ENV,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    return json.loads(result.stdout)


def test_a_file_size_limit_fails_a_write_plainly_and_keeps_every_write_before_it(tmp_path: Path) -> None:
    path = tmp_path / "register.assetreg"
    with Register.open(path, create=True) as register:
        Records(register).create(e.Asset(name="Before"))
    outcome = with_file_size_limit(path, "write", path.stat().st_size + 200_000)
    assert outcome["error"].startswith("StorageError") and "nothing was changed" in outcome["error"]
    assert "sqlalchemy" not in outcome["error"].lower() and len(outcome["made"]) >= 1
    assert integrity(path) == [("ok",)]
    with Register.open(path) as register:
        names = {a.reference: a.name for a in Records(register).list(RecordKind.ASSET)}
    assert names["AST-0001"] == "Before" and set(outcome["made"]) <= set(names)
    assert len(names) == 1 + len(outcome["made"])  # the refused write left nothing behind


def test_a_file_size_limit_during_a_backup_removes_the_partial_copy_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "register.assetreg"
    with Register.open(path, create=True) as register:
        for n in range(200):
            Records(register).create(e.Asset(name=f"Asset {n}", description="x" * 2000))
    size = path.stat().st_size
    outcome = with_file_size_limit(path, "backup", size // 2)
    assert outcome["error"].startswith("BackupError") and "partial copy was removed" in outcome["error"]
    assert [p.name for p in (tmp_path / "backups").iterdir()] == []
    assert integrity(path) == [("ok",)] and path.stat().st_size == size


def test_the_app_opens_a_damaged_register_read_only_once_its_pages_are_checked(tmp_path: Path) -> None:
    path = tmp_path / "register.assetreg"
    damaged_register(path)
    before = path.read_bytes()
    register = Register.open(path, check_later=True)  # the desktop app: the check runs beside the start
    try:
        assert register.checking is not None
        with pytest.raises(ReadOnlyRegisterError, match="is damaged") as refused:  # a write waits for the check
            Records(register).create(e.Asset(name="One more"))
        assert str(refused.value).endswith("Nothing was changed.")
        why = register.checked()
        assert why.startswith(f"{path} is damaged (") and "assetreg restore BACKUP" in why
        assert register.read_only == why
        with register.keeping() as session:  # nor is What's due kept ready in it
            assert session is None
    finally:
        register.close()
    assert path.read_bytes() == before


def test_a_sound_register_checked_beside_the_start_is_written_as_usual(tmp_path: Path) -> None:
    path = tmp_path / "register.assetreg"
    Register.open(path, create=True).close()
    with Register.open(path, check_later=True) as register:
        assert register.checking.result(timeout=30) == ""
        assert register.checked() == "" and register.read_only == ""
        made = Records(register).create(e.Asset(name="The Red Lion")).value
    with Register.open(path) as register:
        assert Records(register).get(made.reference).name == "The Red Lion"


def test_a_damaged_register_is_still_refused_before_an_upgrade_even_when_checked_beside_the_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assetreg.db import engine

    path = tmp_path / "register.assetreg"
    damaged_register(path)
    monkeypatch.setattr(engine, "head_revision", lambda: "9999")  # as if this AssetReg had a newer schema
    with pytest.raises(RegisterDamagedError, match="it is damaged"):
        Register.open(path, check_later=True)
    assert not [p for p in tmp_path.iterdir() if ".backup-" in p.name]  # nothing was copied or upgraded


def test_a_register_that_can_only_be_read_is_checked_before_the_app_opens_it(tmp_path: Path) -> None:
    folder = tmp_path / "place"
    folder.mkdir()
    path = folder / "register.assetreg"
    with Register.open(path, create=True) as register:
        Records(register).create(e.Asset(name="The Red Lion"))
    if not can_chattr(folder):
        pytest.skip("chattr +i is not available here (needs root on a filesystem that supports it)")
    try:
        # The check's own connection could make no files beside it: so it is done first, and sound, it opens.
        with Register.open(path, check_later=True) as register:
            assert register.checking is None and "folder cannot be written to" in register.read_only
            assert [a.name for a in Records(register).list(RecordKind.ASSET)] == ["The Red Lion"]
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


def test_a_register_cut_short_is_reported_by_check_as_damage_and_can_be_restored_over(tmp_path: Path) -> None:
    path = tmp_path / "register.assetreg"
    with Register.open(path, create=True) as register:
        for n in range(40):
            Records(register).create(e.Asset(name=f"Asset {n}", description="x" * 2000))
        backup = make_backup(register)
    os.truncate(path, 5000)  # a copy cut off part way
    checked = run_cli("check", "--json", "--db", str(path))
    assert checked.returncode == 1, checked.stderr  # damage is what check reports: exit 1, in JSON
    report = json.loads(checked.stdout)
    assert report["healthy"] is False and "the file is shorter than it should be" in report["problems"][0]
    restored = run_cli("restore-backup", str(backup.path), "--db", str(path))
    assert restored.returncode == 0, restored.stderr
    listed = run_cli("assets", "list", "--json", "--db", str(path))
    assert len(json.loads(listed.stdout)) == 40
