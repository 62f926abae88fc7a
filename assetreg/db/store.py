"""Where a register is kept — a file, or a database on a server — as the services need to know it: who may write,
and where and how it is backed up. Services ask these questions of ``OpenedRegister.store`` rather than asking
"is this PostgreSQL?" and deciding for themselves.

A file takes one writer at a time through a lock file beside it (``services.lock``), is backed up the first time
it is opened each day, into ``<register>-backups/`` beside it, by SQLite's online backup, and keeps the copies its
schema upgrades made beside it. A shared register's server queues its writers itself; it is backed up by whoever
runs the server, and from the app on demand and before an import, as a new register file in the person's data
folder, by copying every row and attachment (``assetreg copy``), checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Store:
    lock_file_of: Path | None  # the file a lock file beside it guards; None when the server queues writers itself
    backup_name: str  # backups' file names begin with it
    usual_backup_folder: Path  # where backups go when no folder has been chosen
    daily_backups: bool  # backed up the first time it is opened on a day
    backed_up_by_copying_rows: bool  # a backup is a new register file the rows are copied into, not a file copy
    upgrade_copies_beside: Path | None  # the file beside which schema upgrades left copies of it, else None


def file_backup_folder(path: Path) -> Path:
    """The usual backup folder of the register file at ``path``: ``<register>-backups/`` beside it."""
    return path.with_name(f"{path.stem}-backups")


def file_store(path: Path) -> Store:
    return Store(path, path.stem, file_backup_folder(path), True, False, path)


def server_store(database: str) -> Store:
    """A shared register's store; ``database`` is its database's name."""
    from ..paths import data_dir

    name = "".join(c if c.isalnum() or c in "-_" else "-" for c in database) or "shared"
    return Store(None, name, data_dir() / "shared-backups" / name, False, True, None)
