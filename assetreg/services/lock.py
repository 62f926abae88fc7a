"""One writer at a time: a lock file beside the register says who has it open for changing.

The desktop app takes the lock when it opens a register (``claim``) and gives it up when it closes; a second
window finds it held and opens the register read-only, saying who has it. A lock whose holder is gone is stale:
when its process no longer runs (on the same machine, where a process can be asked), or when its holder has not
said it is still there for a quarter of an hour (the app says so every minute, so a window that has gone, or a
machine that has been switched off or put to sleep, stops saying it). A stale lock is taken over only when the
person says so; a window whose lock was taken over finds out within the minute and turns read-only.

The command line does not hold the lock: each of its writes is one short transaction, which SQLite itself
serialises. Before writing it waits a few seconds for a window holding the lock to let go, then refuses, naming
who has it. Reading needs no lock.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import time
import uuid
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ..domain.errors import ReadOnlyRegisterError
from ..domain.i18n import tr

HEARTBEAT = timedelta(minutes=1)  # how often the app says it is still there
STALE_AFTER = timedelta(minutes=15)  # not heard of for this long: the holder has gone (or is asleep)


def lock_path(register: Path) -> Path:
    return register.with_name(register.name + ".lock")


def this_machine() -> str:
    return socket.gethostname() or "unknown"


@dataclass(frozen=True)
class LockHolder:
    user: str
    machine: str
    pid: int
    since: str  # ISO time (UTC) the lock was taken
    seen: str  # ISO time (UTC) the holder last said it was still there
    token: str

    def describe(self) -> str:
        since = datetime.fromisoformat(self.since).astimezone().strftime("%H:%M on %a %d %b %Y")
        return tr("{user} on {machine} (since {since})").format(user=self.user, machine=self.machine, since=since)

    def is_mine(self) -> bool:
        return self.machine == this_machine() and self.pid == os.getpid()

    def is_stale(self, now: datetime | None = None) -> bool:
        """Whether its holder has gone: its process no longer runs here, or it has long stopped saying it is there."""
        if self.machine == this_machine() and not _process_runs(self.pid):
            return True
        try:
            seen = datetime.fromisoformat(self.seen)
        except ValueError:
            return True
        return (now or datetime.now(UTC)) - seen > STALE_AFTER


def _process_runs(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):  # it runs, as someone else (or the platform cannot tell): not stale
        return True
    return True


def read_lock(register: Path) -> LockHolder | None:
    """Who holds the lock on ``register``; None when nobody does. An unreadable lock file is a stale lock."""
    try:
        data = json.loads(lock_path(register).read_text(encoding="utf-8"))
        return LockHolder(**{name: data[name] for name in LockHolder.__dataclass_fields__})
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        return LockHolder("unknown", "unknown", 0, "1970-01-01T00:00:00+00:00", "1970-01-01T00:00:00+00:00", "")


def _new_holder(user: str) -> LockHolder:
    now = datetime.now(UTC).isoformat(timespec="seconds")
    return LockHolder(user, this_machine(), os.getpid(), now, now, uuid.uuid4().hex)


def _write(register: Path, holder: LockHolder, *, exclusive: bool) -> None:
    text = json.dumps(asdict(holder), indent=2)
    target = lock_path(register)
    if exclusive:
        handle = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        return
    temporary = target.with_name(f".{target.name}.{holder.token}")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, target)


def acquire(register: Path, user: str, *, take_over: bool = False) -> tuple[LockHolder | None, LockHolder | None]:
    """Takes the lock: (ours, None), or (None, whoever holds it). ``take_over`` replaces a stale lock."""
    mine = _new_holder(user)
    try:
        _write(register, mine, exclusive=True)
        return mine, None
    except FileExistsError:
        pass
    except OSError:  # a folder that cannot be written: the register is read-only there anyway
        return None, None
    holder = read_lock(register)
    if holder is None:
        return acquire(register, user, take_over=take_over)
    if not (take_over and holder.is_stale()):
        return None, holder
    try:
        _write(register, mine, exclusive=False)
    except OSError:
        return None, holder
    now_held = read_lock(register)
    return (mine, None) if now_held == mine else (None, now_held)


def still_mine(register: Path, mine: LockHolder) -> bool:
    held = read_lock(register)
    return held is not None and held.token == mine.token


def refresh(register: Path, mine: LockHolder) -> LockHolder:
    """Says the holder is still there (so another machine does not think the lock stale)."""
    if not still_mine(register, mine):
        return mine
    fresh = LockHolder(**{**asdict(mine), "seen": datetime.now(UTC).isoformat(timespec="seconds")})
    try:
        _write(register, fresh, exclusive=False)
    except OSError:
        return mine
    return fresh


def release(register: Path, mine: LockHolder) -> None:
    if still_mine(register, mine):
        with contextlib.suppress(OSError):
            lock_path(register).unlink()


def wait_until_free(register: Path, seconds: float | None = None) -> None:
    """For a writer that does not hold the lock (the command line): waits up to ``seconds`` (default
    ``$ASSETREG_LOCK_WAIT``, else 5) for another holder to let go, then refuses, naming who has it."""
    if seconds is None:
        seconds = float(os.environ.get("ASSETREG_LOCK_WAIT", "5"))
    deadline = time.monotonic() + seconds
    while True:
        holder = read_lock(register)
        if holder is None or holder.is_mine() or holder.is_stale():
            return
        if time.monotonic() >= deadline:
            raise ReadOnlyRegisterError(
                tr(
                    "{path} is open for changes by {holder}, so nothing was changed. Close it there first, or "
                    "make the change in that window."
                ).format(path=register, holder=holder.describe())
            )
        time.sleep(0.2)
