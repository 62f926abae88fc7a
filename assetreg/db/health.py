"""Database-level health checks; SQLite's own checks live here, behind one portable function."""

from __future__ import annotations

import sqlite3

from sqlalchemy import text
from sqlalchemy.orm import Session

from ..domain.errors import (
    AssetRegError,
    ReadOnlyRegisterError,
    RegisterBusyError,
    RegisterDamagedError,
    StorageError,
)
from ..domain.i18n import tr


def structural_problems(session: Session) -> list[str]:
    """What the database engine itself finds wrong: damaged pages, broken links between tables."""
    if session.get_bind().dialect.name != "sqlite":
        return []
    problems = [row[0] for row in session.execute(text("PRAGMA integrity_check")) if row[0] != "ok"]
    for table, rowid, parent, _ in session.execute(text("PRAGMA foreign_key_check")):
        problems.append(f"{table} row {rowid} points at a missing {parent} record")
    return problems


def plain_database_error(error: BaseException, path: object) -> AssetRegError | None:
    """What a failure of the database engine means for the person using AssetReg, in their words; None when it
    is not one of the failures a register's place can cause (the caller re-raises it unchanged)."""
    orig = getattr(error, "orig", error)
    if getattr(orig, "sqlstate", None):
        return _plain_server_error(orig, path)
    if not isinstance(orig, sqlite3.DatabaseError) or isinstance(orig, sqlite3.IntegrityError):
        return None
    words = str(orig).lower()
    if "malformed" in words or "not a database" in words or "corrupt" in words:
        return RegisterDamagedError(
            tr(
                "The register at {path} is damaged ({detail}); nothing more was changed. Restore the latest good "
                "backup: list them with “assetreg backups --db {path}” and restore one with “assetreg restore "
                "BACKUP --db {path}” (in the app: File ▸ Backups…)."
            ).format(path=path, detail=orig)
        )
    if "readonly" in words or "read-only" in words:
        return ReadOnlyRegisterError(
            tr(
                "The register at {path} can only be read here (its file, folder or disk is read-only); nothing was "
                "changed."
            ).format(path=path)
        )
    if "disk is full" in words or "disk full" in words:
        return StorageError(
            tr(
                "The disk holding {path} is full, so the change was not saved; the register is as it was. Free some "
                "space and try again."
            ).format(path=path)
        )
    if "locked" in words or "busy" in words:
        return RegisterBusyError(
            tr(
                "The register at {path} is busy: another program has been writing to it for too long. Nothing was "
                "changed; try again in a moment."
            ).format(path=path)
        )
    if "disk i/o" in words or "unable to open" in words:
        return StorageError(
            tr(
                "The register at {path} could not be read or written ({detail}); nothing was changed. Check the disk "
                "or folder is still there."
            ).format(path=path, detail=orig)
        )
    return None


def _plain_server_error(orig: BaseException, where: object) -> AssetRegError | None:
    """The same for a shared register's server (PostgreSQL), by the error's SQLSTATE class."""
    state = str(getattr(orig, "sqlstate", ""))
    if state == "42501":  # insufficient privilege
        return ReadOnlyRegisterError(
            tr("Your database role may only read the shared register {path}; nothing was changed.").format(path=where)
        )
    if state.startswith("08") or state.startswith("57P"):  # the connection went, or the server shut down
        return StorageError(
            tr(
                "The shared register {path} could not be reached ({detail}); nothing was changed. Check the network "
                "and that the server is running, then try again."
            ).format(path=where, detail=" ".join(str(orig).split())[:200])
        )
    if state.startswith("53"):  # insufficient resources: disk full, out of memory, too many connections
        return StorageError(
            tr("The server holding {path} is short of room ({detail}); nothing was changed.").format(
                path=where, detail=" ".join(str(orig).split())[:200]
            )
        )
    if state in ("40001", "40P01", "55P03"):  # serialisation failure, deadlock, lock not available
        return RegisterBusyError(
            tr("The shared register {path} is busy with someone else's change; nothing was changed. Try again.").format(
                path=where
            )
        )
    return None
