"""The lock with real processes: held while its window runs and says it is there, stale once it has gone or has
long been silent, and taken over only when asked to."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from assetreg.domain import entities as e
from assetreg.domain.errors import ReadOnlyRegisterError
from assetreg.services import lock
from assetreg.services.records import Records
from assetreg.services.register import Register

ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}

# A window of the app, as far as the lock goes: it claims the register, then says it is there every 0.2 s
# (the app does so every minute).
WINDOW = """
import sys, time
from pathlib import Path
from assetreg.services.register import Register
register = Register.open(Path(sys.argv[1]))
register.user = "sam"
assert register.claim() is None
print("held", flush=True)
while True:
    time.sleep(0.2)
    register.keep_lock()
"""


@pytest.fixture
def path(tmp_path: Path) -> Path:
    path = tmp_path / "register.assetreg"
    Register.open(path, create=True).close()
    return path


@pytest.fixture
def window(path: Path):
    process = subprocess.Popen([sys.executable, "-c", WINDOW, str(path)], env=ENV, stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "held"
    yield process
    process.kill()
    process.wait()


def seen(path: Path) -> datetime:
    return datetime.fromisoformat(json.loads(lock.lock_path(path).read_text())["seen"])


def test_a_running_window_keeps_its_lock_fresh_and_others_may_only_read(path: Path, window) -> None:
    first = seen(path)
    deadline = time.monotonic() + 10
    while seen(path) == first and time.monotonic() < deadline:
        time.sleep(0.2)
    assert seen(path) > first  # it said it was still there
    holder = lock.read_lock(path)
    assert holder.pid == window.pid and holder.user == "sam" and not holder.is_stale()
    with Register.open(path) as other:
        assert other.claim(take_over=True) is not None  # a live, fresh lock is never taken over
        assert "open for changes by sam" in other.read_only
        with pytest.raises(ReadOnlyRegisterError):
            Records(other).create(e.Asset(name="Refused"))
    assert lock.read_lock(path).token == holder.token


def test_a_window_that_hangs_goes_stale_once_silent_for_a_quarter_of_an_hour(path: Path, window) -> None:
    window.send_signal(signal.SIGSTOP)  # its process still runs, but it no longer says it is there
    try:
        holder = lock.read_lock(path)
        last = datetime.fromisoformat(holder.seen)
        assert not holder.is_stale(now=last + timedelta(minutes=14))
        assert holder.is_stale(now=last + timedelta(minutes=16))
    finally:
        window.send_signal(signal.SIGCONT)


def test_a_killed_window_leaves_a_stale_lock_that_is_taken_over_only_when_asked(path: Path, window) -> None:
    window.send_signal(signal.SIGKILL)
    window.wait()
    holder = lock.read_lock(path)
    assert holder is not None and holder.pid == window.pid and holder.is_stale()
    with Register.open(path) as register:
        assert register.claim() == holder and register.read_only  # not taken without asking
        assert lock.read_lock(path) == holder
        assert register.claim(take_over=True) is None and register.lock is not None
        Records(register).create(e.Asset(name="After the take-over"))


def test_a_window_whose_lock_was_taken_over_notices_and_turns_read_only(path: Path) -> None:
    with Register.open(path) as register:
        assert register.claim() is None
        taken = {**json.loads(lock.lock_path(path).read_text()), "token": "theirs", "user": "sam"}
        lock.lock_path(path).write_text(json.dumps({**taken, "seen": datetime.now(UTC).isoformat()}))
        register.keep_lock()
        assert register.lock is None and register.held_by.token == "theirs"
        assert "open for changes by sam" in register.read_only
    assert lock.read_lock(path).token == "theirs"  # closing did not remove their lock
