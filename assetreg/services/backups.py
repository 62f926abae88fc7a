"""Automatic, verified backups of a register, kept on a schedule, and restoring one.

Where: by default a folder beside the register, ``<register>-backups/`` — it travels with the register and its
attachments when the folder is copied, and is where someone looking for a backup will look. A group that keeps
the register on one laptop should point it at another disk (``assetreg backups --folder PATH``, or File ▸
Backups… ▸ Change folder…); the choice is stored in the register.

When: the first time the app opens a register on a day; before an import (``backup_before``), a restore and a
schema upgrade; and whenever asked. Kept: the newest backup of each of the last 7 days that have one, of the
last 4 weeks and of the last 12 months; older ones are deleted.

Each backup ``<name>-<time>-<reason>.assetreg`` has a manifest beside it (``.json``): when, why, its size,
whether it passed ``integrity_check``, its schema and the attachment hashes it needs. Attachments are not
copied: they are stored by hash and never changed, and ``assetreg check --tidy`` keeps every file a backup needs.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ..db.backup import copy_database, document_hashes
from ..db.engine import BACKUP_SUFFIX, inspect_register
from ..db.settings import read_settings, write_setting
from ..db.store import file_backup_folder, file_store
from ..domain.errors import BackupError
from ..domain.i18n import tr
from ..paths import is_register_url
from .register import Register

FOLDER_SETTING = "backup_folder"
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12
STAMP = "%Y%m%dT%H%M%SZ"


@dataclass(frozen=True)
class Backup:
    path: Path
    created: datetime  # UTC
    reason: str
    size: int
    verified: bool
    schema: str
    attachments: list[str] = field(default_factory=list)

    @property
    def manifest(self) -> Path:
        return manifest_of(self.path)

    def as_json(self) -> dict:
        data = asdict(self)
        data.update(path=str(self.path), created=self.created.isoformat())
        return data


def manifest_of(path: Path) -> Path:
    return path.with_suffix(".json")


def default_folder(register_path: Path) -> Path:
    """The usual backup folder of the register file at ``register_path``, beside it."""
    return file_backup_folder(register_path)


def backup_folder(register: Register) -> Path:
    """Where the register's backups go: the folder chosen for it, else ``<register>-backups/`` beside it."""
    try:
        with register.reading() as session:
            chosen = read_settings(session).get(FOLDER_SETTING)
    except Exception:  # a damaged register still gets its backups listed from the usual place
        chosen = None
    folder = json.loads(chosen) if chosen else ""  # "" when set back to the usual place
    return Path(folder) if folder else register.opened.store.usual_backup_folder


def set_backup_folder(register: Register, folder: Path | None) -> Path:
    """Keeps the register's backups in ``folder`` from now on (None: the usual place beside it)."""
    folder = Path(folder).expanduser().resolve() if folder else None
    if folder is not None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise BackupError(
                tr("Backups cannot be kept in {folder}: {error}.").format(folder=folder, error=error.strerror)
            ) from error
        if not os.access(folder, os.W_OK | os.X_OK):
            raise BackupError(
                tr("Backups cannot be kept in {folder}: nothing can be written there. Choose another folder.").format(
                    folder=folder
                )
            )
    with register.transaction() as session:
        write_setting(session, FOLDER_SETTING, json.dumps(str(folder) if folder else ""))
    return backup_folder(register)


def make_backup(register: Register, reason: str = "on-demand", *, prune_after: bool = True) -> Backup:
    """A verified copy of the register now, in its backup folder, with its manifest; then old ones are pruned.
    A shared register is copied into a register file there (every row and attachment, checked)."""
    if register.opened.store.backed_up_by_copying_rows:
        return _copied_backup(register, reason)
    return backup_file(register.path, backup_folder(register), reason, prune_after=prune_after)


def backup_before(register: Register, reason: str) -> Backup:
    """A backup before something that changes much at once (``reason``: "import", "restore"…); raises
    ``BackupError`` when none could be made, so the caller does not go ahead without one."""
    return make_backup(register, f"before-{reason}", prune_after=False)


def _new_target(folder: Path, stem: str, reason: str, now: datetime) -> Path:
    """A new file in the backup folder (made if need be), named by the register, the moment and the reason;
    two backups in the same second get -2, -3…"""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BackupError(
            tr("No backup was made: the folder {folder} cannot be written ({error}).").format(
                folder=folder, error=error.strerror
            )
        ) from error
    base = f"{stem}-{now.strftime(STAMP)}-{reason}"
    target, counter = folder / f"{base}.assetreg", 1
    while target.exists():
        counter += 1
        target = folder / f"{base}-{counter}.assetreg"
    return target


def backup_file(path: Path, folder: Path, reason: str, *, prune_after: bool = True) -> Backup:
    now = datetime.now(UTC)
    target = _new_target(folder, path.stem, reason, now)
    copy_database(path, target)  # verified, or removed and refused
    backup = Backup(target, now, reason, target.stat().st_size, True, inspect_register(target), document_hashes(target))
    try:
        manifest_of(target).write_text(json.dumps(backup.as_json(), indent=2), encoding="utf-8")
    except OSError as error:
        target.unlink(missing_ok=True)
        raise BackupError(
            tr("No backup was made: its manifest could not be written in {folder} ({error}).").format(
                folder=folder, error=error.strerror
            )
        ) from error
    if prune_after:
        prune(folder, path.stem)
    return backup


def _copied_backup(register: Register, reason: str) -> Backup:
    from .copying import copy_register

    folder = backup_folder(register)
    now = datetime.now(UTC)
    target = _new_target(folder, register.opened.store.backup_name, reason, now)
    report = copy_register(register.opened.url, target)
    if not report.whole:
        raise BackupError(
            tr("The backup made at {target} failed its check ({problem}).").format(
                target=target, problem=report.problems[0]
            )
        )
    backup = Backup(target, now, reason, target.stat().st_size, True, inspect_register(target), document_hashes(target))
    manifest_of(target).write_text(json.dumps(backup.as_json(), indent=2), encoding="utf-8")
    return backup


def daily_backup(register: Register) -> Backup | None:
    """The day's backup, the first time the register is opened on a day; None when there is one already.
    A shared register is backed up by whoever runs its server (and on demand, or before an import), not daily by
    each person who opens it."""
    store = register.opened.store
    if not store.daily_backups:
        return None
    today = datetime.now(UTC).astimezone().date()
    folder = backup_folder(register)
    if any(b.created.astimezone().date() == today for b in _in_folder(folder, store.backup_name)):
        return None
    return make_backup(register, "daily")


def list_backups(register: Register) -> list[Backup]:
    """Every backup of the register, newest first: those in its backup folder, and upgrade copies beside it."""
    store = register.opened.store
    found = _in_folder(backup_folder(register), store.backup_name)
    beside = store.upgrade_copies_beside
    for legacy in beside.parent.glob(f"{beside.name}{BACKUP_SUFFIX}*") if beside is not None else ():
        if legacy.suffix in ("-wal", "-shm") or legacy.name.endswith(("-wal", "-shm", "-journal")):
            continue
        stamp = legacy.name[len(beside.name + BACKUP_SUFFIX) :][:16]
        try:
            created = datetime.strptime(stamp, STAMP).replace(tzinfo=UTC)
        except ValueError:
            continue
        found.append(Backup(legacy, created, "before-upgrade", legacy.stat().st_size, False, ""))
    return sorted(found, key=lambda b: b.created, reverse=True)


def list_backups_of(path: Path | str) -> tuple[Path, list[Backup]]:
    """The backup folder and backups of the register at ``path``, even when the register cannot be opened (it is
    damaged): then those in the usual place beside it."""
    from ..domain.errors import RegisterRefusedError

    try:
        with Register.open(path) as register:
            return backup_folder(register), list_backups(register)
    except RegisterRefusedError:
        if is_register_url(path):  # a shared register that cannot be reached: its message says why
            raise
        stand_in = _Unopened(Path(path))
        return default_folder(stand_in.path), list_backups(stand_in)  # type: ignore[arg-type]


@dataclass(frozen=True)
class _Unopened:
    """A register file that cannot be opened (damaged), standing in for it to list its backups."""

    path: Path

    @property
    def opened(self) -> _Unopened:
        return self

    @property
    def store(self):
        return file_store(self.path)

    def reading(self):
        raise RuntimeError("not open")


def _in_folder(folder: Path, stem: str) -> list[Backup]:
    backups = []
    for manifest in folder.glob(f"{stem}-*.json") if folder.is_dir() else []:
        try:
            data = json.loads(manifest.read_text(encoding="utf-8"))
            path = manifest.with_suffix(".assetreg")
            if not path.is_file():
                continue
            backups.append(
                Backup(
                    path,
                    datetime.fromisoformat(data["created"]),
                    data.get("reason", ""),
                    path.stat().st_size,
                    bool(data.get("verified")),
                    data.get("schema", ""),
                    list(data.get("attachments", [])),
                )
            )
        except (OSError, ValueError, KeyError):
            continue
    return backups


def to_keep(created: list[datetime], now: datetime | None = None) -> set[int]:
    """Which of the backups made at ``created`` (any order) the schedule keeps, by position: every one of the last
    24 hours (a backup made before an import or a restore is never pruned by the next), then the newest of each
    of the last 7 days, 4 ISO weeks and 12 months that have a backup."""
    now = now or datetime.now(UTC)
    order = sorted(range(len(created)), key=lambda i: created[i], reverse=True)
    keep: set[int] = set(order[:1]) | {i for i in order if now - created[i] < timedelta(days=1)}
    for limit, bucket in (
        (KEEP_DAILY, lambda d: d.date()),
        (KEEP_WEEKLY, lambda d: d.isocalendar()[:2]),
        (KEEP_MONTHLY, lambda d: (d.year, d.month)),
    ):
        seen: list = []
        for i in order:
            key = bucket(created[i].astimezone())
            if key not in seen:
                if len(seen) == limit:
                    break
                seen.append(key)
                keep.add(i)
    return keep


def prune(folder: Path, stem: str) -> list[Path]:
    """Deletes the backups in ``folder`` the schedule no longer keeps; returns what was deleted."""
    backups = _in_folder(folder, stem)
    keep = to_keep([b.created for b in backups])
    gone = []
    for i, backup in enumerate(backups):
        if i not in keep:
            backup.path.unlink(missing_ok=True)
            backup.manifest.unlink(missing_ok=True)
            gone.append(backup.path)
    return gone


def needed_attachments(register: Register) -> set[str]:
    """Every attachment hash some backup of the register needs."""
    return {sha for backup in list_backups(register) for sha in backup.attachments}
