"""Putting a backup back: the register as it is now is backed up first, then replaced in one step."""

from __future__ import annotations

import contextlib
import os
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..db.backup import copy_database, copy_into, integrity_problems, remove_database
from ..db.engine import inspect_register
from ..domain.errors import BackupError, RegisterDamagedError, RegisterRefusedError
from ..domain.i18n import tr
from ..paths import is_register_url
from . import lock
from .backups import STAMP, backup_before, default_folder
from .register import Register


@dataclass(frozen=True)
class Restored:
    register: Path
    backup: Path  # what was put back
    kept: Path  # the register as it was just before, kept as a backup (or, when it was damaged, a plain copy)
    schema: str


def restore_backup(path: Path | str, backup: Path) -> Restored:
    """Makes the register at ``path`` what ``backup`` holds. Refuses a backup that fails ``integrity_check``,
    is not a register, or is from a newer AssetReg; refuses while a window has the register open for changes."""
    if is_register_url(path):
        raise BackupError(
            tr(
                "A shared register is not replaced from a backup while others may be working in it. Whoever runs its "
                "server can put {backup} back into a new, empty database with “assetreg copy {backup} ADDRESS”."
            ).format(backup=backup)
        )
    path, backup = Path(path), Path(backup)
    if not backup.is_file():
        raise BackupError(tr("There is no backup at {backup}.").format(backup=backup))
    if backup.resolve() == path.resolve():
        raise BackupError(tr("{backup} is the register itself, not a backup of it.").format(backup=backup))
    try:
        schema = inspect_register(backup)  # refuses what is not a register, is damaged, or is from a newer version
    except RegisterRefusedError as error:
        if not error.why:  # from a newer AssetReg: its own message says what to do
            raise
        raise BackupError(
            tr("{backup} cannot be put back: {why}. Choose another backup (assetreg backups lists them).").format(
                backup=backup, why=error.why
            )
        ) from error
    problems = integrity_problems(backup)
    if problems:
        raise BackupError(
            tr("{backup} failed its check ({problem}), so it was not restored; choose another backup.").format(
                backup=backup, problem=problems[0]
            )
        )
    lock.wait_until_free(path)
    if not path.exists():
        copy_database(backup, path)
        return Restored(path, backup, backup, schema)
    try:
        inspect_register(path)
        damaged = False
    except RegisterDamagedError:
        damaged = True
    if not damaged:
        with Register.open(path) as current:
            kept = backup_before(current, "restore").path
        copy_into(backup, path)
        return Restored(path, backup, kept, schema)
    kept = _keep_damaged(path)
    temporary = path.with_name(f".restoring-{path.name}")
    remove_database(temporary)
    copy_database(backup, temporary)
    for leftover in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()  # they belong to the damaged file, copied aside above
    os.replace(temporary, path)
    return Restored(path, backup, kept, schema)


def _keep_damaged(path: Path) -> Path:
    """A plain copy of a damaged register (and its write-ahead log) in the backup folder: nothing is thrown away."""
    folder = default_folder(path)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{path.stem}-{datetime.now(UTC).strftime(STAMP)}-damaged.assetreg"
    shutil.copy2(path, target)
    wal = path.with_name(path.name + "-wal")
    if wal.exists():
        shutil.copy2(wal, target.with_name(target.name + "-wal"))
    return target
