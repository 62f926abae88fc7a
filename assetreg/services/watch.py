"""Noticing that someone else changed the register: the command line, or another window, writing to the same file,
or another person saving to the same shared register.

A change is a record or a setting saved, which the audit trail notes: the mark of the last one is the newest
audit entry and the number of settings. Data derived from the records (What's due kept ready, which the app
itself writes back as it reads) is not a change to show. For a file, SQLite counts, per connection, the commits
made by every other connection (``PRAGMA data_version``); reading it is cheap (no lock, no table read), so the
desktop app can ask once a second, and read the mark only when something was committed.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path


class _Probe:
    """Says whether the register has changed since last asked (or since ``seen`` was called), from a mark of
    its last change that ``_version`` reads."""

    _seen: object = None

    def _version(self) -> object:
        raise NotImplementedError

    def changed(self) -> bool:
        """Whether someone else has committed since the last call."""
        version = self._version()
        if version == self._seen:
            return False
        self._seen = version
        return True

    def seen(self) -> None:
        """Whatever has changed so far is already known (the app made the change itself)."""
        self._seen = self._version()


class ChangeProbe(_Probe):
    """A register file's probe: the mark of the last change, read when SQLite says another connection (another
    process, or this one's own writing) has committed."""

    _MARK = "SELECT (SELECT max(id) FROM audit_entries), (SELECT count(*) FROM settings)"

    def __init__(self, path: Path) -> None:
        # mode=rw: a register that has been moved away is not quietly made again as an empty file.
        self._connection: sqlite3.Connection | None = sqlite3.connect(
            Path(path).resolve().as_uri() + "?mode=rw", uri=True, isolation_level=None
        )
        self._committed: int | None = None  # SQLite's count when the mark was last read
        self._seen = self._version()

    def _version(self) -> object:
        if self._connection is None:
            return None
        try:
            committed = self._connection.execute("PRAGMA data_version").fetchone()[0]
            if committed == self._committed:
                return self._seen
            mark = tuple(self._connection.execute(self._MARK).fetchone())
        except sqlite3.Error:  # busy for a moment, or the file went: try again next time
            return self._seen
        self._committed = committed
        return mark

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


class SharedChangeProbe(_Probe):
    """The same for a shared register: polls a cheap mark of its last change (the newest audit entry), which
    every other person's saved change moves on."""

    def __init__(self, register) -> None:
        self._register = register
        self._seen = self._version()

    def _version(self) -> object:
        from ..db.repositories import RecordRepository

        try:
            with self._register.reading() as session:
                return RecordRepository(session).last_change()
        except Exception:  # the server is away for a moment: try again next time
            return self._seen

    def close(self) -> None:
        self._register = None


def watch_register(where) -> ChangeProbe | SharedChangeProbe:
    """A probe on a register: an open ``Register`` (a file or a shared one), or the path of a register file."""
    from .register import Register

    if isinstance(where, Register):
        return SharedChangeProbe(where) if where.shared else ChangeProbe(where.path)
    return ChangeProbe(where)
