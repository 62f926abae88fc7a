"""Copying a register with SQLite's online backup, and checking a copy is whole. SQLite details stay here.

The copy is made page by page from a consistent snapshot (a pending write-ahead log included) while others
may go on reading; it is then checked with ``PRAGMA integrity_check``. A copy that fails, or that the disk
could not hold, is deleted rather than kept looking like a backup.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from contextlib import closing
from pathlib import Path

from ..domain.errors import BackupError
from ..domain.i18n import tr


def _connect_ro(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def copy_database(source: Path, target: Path) -> None:
    """A consistent, verified copy of the database at ``source`` written to ``target`` (which must not exist).

    Raises ``BackupError`` (and leaves no file at ``target``) when the copy cannot be written or fails its check.
    """
    try:
        with closing(_connect_ro(source)) as src, closing(sqlite3.connect(target)) as dst:
            src.backup(dst, pages=1024)
            dst.execute("PRAGMA journal_mode = DELETE")  # self-contained: nothing of it in a -wal file
        problems = integrity_problems(target)
    except (sqlite3.Error, OSError) as error:
        remove_database(target)
        raise BackupError(
            tr("The backup could not be written to {target} ({error}); the partial copy was removed.").format(
                target=target, error=error
            )
        ) from error
    if problems:
        remove_database(target)
        raise BackupError(
            tr("The backup made at {target} failed its check ({problem}), so it was deleted.").format(
                target=target, problem=problems[0]
            )
        )
    with contextlib.suppress(OSError), open(target, "rb+") as handle:
        os.fsync(handle.fileno())


def copy_into(source: Path, target: Path) -> None:
    """Replaces the whole content of the live database at ``target`` with ``source``'s, in one transaction:
    readers of ``target`` see the old register or the new one, never a mixture, and its write-ahead log stays
    consistent (a file-level replace would not be)."""
    with closing(_connect_ro(source)) as src, closing(sqlite3.connect(target, timeout=10)) as dst:
        src.backup(dst)


def integrity_problems(path: Path) -> list[str]:
    """What ``PRAGMA integrity_check`` finds wrong with the database at ``path`` (nothing when it is whole)."""
    try:
        with closing(_connect_ro(path)) as connection:
            return [row[0] for row in connection.execute("PRAGMA integrity_check") if row[0] != "ok"]
    except sqlite3.DatabaseError as error:
        return [str(error)]


def document_hashes(path: Path) -> list[str]:
    """The attachment hashes a register file refers to (documents in the trash included: they can come back)."""
    with closing(_connect_ro(path)) as connection:
        return sorted({row[0] for row in connection.execute("SELECT sha256 FROM documents") if row[0]})


def remove_database(path: Path) -> None:
    for leftover in (
        path,
        path.with_name(path.name + "-wal"),
        path.with_name(path.name + "-shm"),
        path.with_name(path.name + "-journal"),
    ):
        with contextlib.suppress(OSError):
            leftover.unlink()
