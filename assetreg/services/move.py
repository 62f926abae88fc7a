"""Moving a register to another folder (out of a synced one, say), with its attachments and backups.

Nothing is lost whatever goes wrong: the register is copied first (SQLite's online backup, then
``integrity_check`` on the copy), then every attachment file (each read back and compared, by its SHA-256, with
the original), and the backups kept beside it likewise; only when all of that is in place is the old copy
removed. A failure part-way removes the partial copy and leaves the register where it was, untouched. The
register's lock is held throughout, so no window starts changing it meanwhile.

Refused, with nothing done: a target that already exists (the register, its attachments or backups folder), a
target inside a synced folder, a register someone else has open for changes, or one that can only be read
where it is (its old copy could not be removed).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..db.backup import copy_database, remove_database
from ..domain.errors import AssetRegError, BackupError, ReadOnlyRegisterError
from ..domain.i18n import tr
from ..paths import attachments_dir
from . import lock
from .backups import FOLDER_SETTING, default_folder
from .places import synced_service
from .register import Register

CHUNK = 1 << 20


class MoveError(AssetRegError):
    """The register could not be moved; it is still where it was, as it was."""


@dataclass(frozen=True)
class Moved:
    source: Path
    target: Path
    files: int  # attachment and backup files copied and checked
    size: int  # bytes copied, the register included


def target_of(source: Path, target: Path) -> Path:
    """Where the register goes: into ``target`` when that is a folder, or names no file (no suffix: a folder
    that must exist); else ``target`` itself."""
    target = Path(target).expanduser()
    if target.is_dir() or not target.suffix:
        target = target / source.name
    return target.absolute()


def move_register(register: Register, target: Path) -> Moved:
    """Moves the open ``register`` to ``target`` (a file name, or a folder to put it in), closing it.

    Raises ``MoveError`` (or ``ReadOnlyRegisterError``) with nothing changed when the move is refused or fails;
    the register is then still open where it was. On success it is closed: open it again at ``Moved.target``.
    """
    source = register.path.absolute()
    target = target_of(source, target)
    _refuse_unless_movable(register, source, target)
    ours = register.lock is None
    if ours:
        _claim(register)
    try:
        with_backups = _backups_beside(register)
        moved = _copy_and_check(source, target, with_backups=with_backups)
    except BaseException:
        if ours:
            _let_go(register)
        raise
    register.close()  # lets go of the lock, and of the file
    _remove_old(source, with_backups=with_backups)
    return moved


def _refuse_unless_movable(register: Register, source: Path, target: Path) -> None:
    if register.read_only:
        raise ReadOnlyRegisterError(
            register.read_only + " " + tr("It was not moved, as its old copy could not be removed.")
        )
    if target.resolve() == source.resolve():
        raise MoveError(tr("The register is already at {target}; nothing was moved.").format(target=target))
    service = synced_service(target)
    if service:
        raise MoveError(
            tr(
                "{target} is inside a {service} folder, and a register is best kept outside synced folders; "
                "nothing was moved. Choose a folder that is not synced, such as one in your Documents."
            ).format(target=target, service=service)
        )
    if not target.parent.is_dir():
        raise MoveError(
            tr("There is no folder {folder}; nothing was moved. Make the folder first, or choose another.").format(
                folder=target.parent
            )
        )
    for taken in (target, attachments_dir(target), default_folder(target), lock.lock_path(target)):
        if taken.exists():
            raise MoveError(
                tr(
                    "There is already something at {path}; nothing was moved, and nothing was overwritten. "
                    "Choose another name or folder."
                ).format(path=taken)
            )


def _claim(register: Register) -> None:
    holder = register.claim()
    if holder is not None and holder.is_stale():  # its holder has gone (the command line does not ask)
        holder = register.claim(take_over=True)
    if holder is not None or register.read_only:
        raise ReadOnlyRegisterError(register.read_only + " " + tr("It was not moved."))


def _let_go(register: Register) -> None:
    if register.lock is not None:
        lock.release(register.path, register.lock)
        register.lock = None


def _backups_beside(register: Register) -> bool:
    """Whether the register keeps its backups in the usual folder beside it (they move with it then)."""
    from ..db.settings import read_settings

    with register.reading() as session:
        return not read_settings(session).get(FOLDER_SETTING)


def _moving(path: Path) -> Path:
    return path.with_name(f".{path.name}.moving")


class _Failed(Exception):
    """Why the copy failed part-way (said in the message that nothing was moved)."""


def _copy_and_check(source: Path, target: Path, *, with_backups: bool) -> Moved:
    database, folders, placed = _moving(target), [], []
    pairs = [(attachments_dir(source), attachments_dir(target))]
    if with_backups:
        pairs.append((default_folder(source), default_folder(target)))
    try:
        try:
            copy_database(source, database)
        except BackupError as error:
            raise _Failed(str(error.__cause__ or tr("the copy failed its check"))) from error
        files, size = 0, database.stat().st_size
        for old, new in pairs:
            if old.is_dir():
                folders.append((_moving(new), new))
                copied, copied_size = _copy_folder(old, _moving(new))
                files, size = files + copied, size + copied_size
        if with_backups and source.stem != target.stem and default_folder(source).is_dir():
            _renamed_backups(_moving(default_folder(target)), source.stem, target.stem)
        for temporary, final in [(database, target), *folders]:
            if final.exists():
                raise _Failed(tr("{path} appeared meanwhile").format(path=final))
            os.rename(temporary, final)
            placed.append(final)
    except (_Failed, OSError) as error:
        _remove_partial(database, folders, placed)
        reason = (error.strerror or str(error)) if isinstance(error, OSError) else str(error)
        raise MoveError(_not_moved(source, target, reason)) from error
    except BaseException:
        _remove_partial(database, folders, placed)
        raise
    return Moved(source, target, files, size)


def _not_moved(source: Path, target: Path, reason: str) -> str:
    return tr(
        "The register could not be moved to {target} ({reason}). Nothing was lost: it is still at {source}, as "
        "it was, and the partial copy was removed."
    ).format(target=target, reason=reason, source=source)


def _files(folder: Path) -> Iterator[Path]:
    for root, _dirs, names in os.walk(folder):
        for name in sorted(names):
            yield Path(root) / name


def _copy_folder(old: Path, new: Path) -> tuple[int, int]:
    """Copies every file under ``old`` to ``new``, each read back and compared by SHA-256 with the original
    (and, for an attachment stored under its hash, with its name)."""
    new.mkdir()
    files = size = 0
    for path in _files(old):
        copy = new / path.relative_to(old)
        copy.parent.mkdir(parents=True, exist_ok=True)
        digest = _copy_file(path, copy)
        if _hash(copy) != digest or (_looks_like_hash(path.name) and digest != path.name):
            raise _Failed(tr("{file} did not copy whole: its check does not match").format(file=path.relative_to(old)))
        files, size = files + 1, size + copy.stat().st_size
    return files, size


def _renamed_backups(folder: Path, old_stem: str, new_stem: str) -> None:
    """Backups are named after their register (and listed by that name): under a new name, they take it too."""
    for path in folder.glob(f"{old_stem}-*"):
        path.rename(path.with_name(new_stem + path.name[len(old_stem) :]))


def _copy_file(path: Path, copy: Path) -> str:
    """Copies one file (flushed to the disk), returning the SHA-256 of what was read."""
    digest = hashlib.sha256()
    with path.open("rb") as src, copy.open("xb") as dst:
        while chunk := src.read(CHUNK):
            digest.update(chunk)
            dst.write(chunk)
        dst.flush()
        os.fsync(dst.fileno())
    shutil.copystat(path, copy)
    return digest.hexdigest()


def _hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _looks_like_hash(name: str) -> bool:
    return len(name) == 64 and all(c in "0123456789abcdef" for c in name)


def _remove_partial(database: Path, folders: list[tuple[Path, Path]], placed: list[Path]) -> None:
    remove_database(database)
    for path in placed:
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            remove_database(path)
    for temporary, _final in folders:
        shutil.rmtree(temporary, ignore_errors=True)


def _remove_old(source: Path, *, with_backups: bool) -> None:
    """Removes the old copy once the new one is whole; what cannot be removed is left (it is a copy)."""
    remove_database(source)
    shutil.rmtree(attachments_dir(source), ignore_errors=True)
    if with_backups:
        shutil.rmtree(default_folder(source), ignore_errors=True)
    with contextlib.suppress(OSError):
        lock.lock_path(source).unlink()
