"""Noticing that someone else changed the register: the command line, or another window, writing to the same file.

SQLite counts, per connection, the commits made by every other connection (``PRAGMA data_version``); reading it
is cheap (no lock, no table read), so the desktop app can ask once a second.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path


class ChangeProbe:
    """Says whether the register has changed since last asked (or since ``seen`` was called)."""

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

    def changed(self) -> bool:
        """Whether another connection has committed since the last call."""
        version = self._version()
        if version == self._seen:
            return False
        self._seen = version
        return True

    def seen(self) -> None:
        """Whatever has changed so far is already known (the app made the change itself)."""
        self._seen = self._version()

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def watch_register(path: Path) -> ChangeProbe:
    """A probe on the register file at ``path``."""
    return ChangeProbe(path)
