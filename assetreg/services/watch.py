"""Noticing that someone else changed the register: the command line, or another window, writing to the same file,
or another person saving to the same shared register.

SQLite counts, per connection, the commits made by every other connection (``PRAGMA data_version``); reading it
is cheap (no lock, no table read), so the desktop app can ask once a second.
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
    """A register file's probe: SQLite's count of other connections' commits."""

    def __init__(self, path: Path) -> None:
        # mode=rw: a register that has been moved away is not quietly made again as an empty file.
        self._connection: sqlite3.Connection | None = sqlite3.connect(
            Path(path).resolve().as_uri() + "?mode=rw", uri=True, isolation_level=None
        )
        self._seen = self._version()

    def _version(self) -> int | None:
        if self._connection is None:
            return None
        try:
            return self._connection.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error:  # busy for a moment, or the file went: try again next time
            return self._seen

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
