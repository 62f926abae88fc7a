"""Commands that keep the register safe: backup, backups, restore, move."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..domain.i18n import tr
from .output import print_json, print_table
from .register_commands import open_register_of, register_path_of


def add_parsers(commands, parents) -> None:
    """Registers ``backup``, ``backups``, ``restore-backup`` and ``move`` (``parents``: ``cli.Parents``)."""
    db, as_json = parents.db, parents.as_json
    backup = commands.add_parser("backup", parents=[db, as_json])
    backup.set_defaults(handler=make)
    listing = commands.add_parser("backups", parents=[db, as_json])
    listing.add_argument(
        "--folder", metavar="FOLDER", help=tr('keep the backups in FOLDER from now on ("" for beside the register)')
    )
    listing.set_defaults(handler=show)
    restore = commands.add_parser("restore-backup", parents=[db, as_json])
    restore.add_argument("backup", metavar="BACKUP", type=Path, help=tr("the backup file, as listed by “backups”"))
    restore.set_defaults(handler=put_back)
    move = commands.add_parser("move", parents=[db, as_json])
    move.add_argument(
        "target", metavar="TARGET", type=Path, help=tr("the new file name, or the folder to move it into")
    )
    move.set_defaults(handler=move_to)


def make(args: argparse.Namespace) -> int:
    from ..services.backups import make_backup

    with open_register_of(args) as register:
        backup = make_backup(register)
    if args.json:
        print_json(backup.as_json())
        return 0
    print(
        tr("Backed up {path} to {backup} ({size}); it passed its check.").format(
            path=register.location, backup=backup.path, size=_size(backup.size)
        )
    )
    return 0


def show(args: argparse.Namespace) -> int:
    from ..services.backups import list_backups_of, set_backup_folder

    if args.folder is not None:
        with open_register_of(args) as register:
            set_backup_folder(register, Path(args.folder) if args.folder else None)
    folder, backups = list_backups_of(register_path_of(args))
    if args.json:
        print_json({"folder": str(folder), "backups": [b.as_json() for b in backups]})
        return 0
    print(tr("Backups are kept in {folder}.").format(folder=folder))
    rows = [
        (
            b.created.astimezone().strftime("%Y-%m-%d %H:%M"),
            _size(b.size),
            b.reason,
            tr("yes") if b.verified else tr("no"),
            b.path.name if b.path.parent == folder else str(b.path),  # a name here is enough to restore it by
        )
        for b in backups
    ]
    if rows:  # whole names, never cut: one is what ``restore`` is given
        print_table((tr("Made"), tr("Size"), tr("Why"), tr("Verified when made"), tr("File")), rows, max_width=200)
    print(tr("{count} backups").format(count=len(rows)) if len(rows) != 1 else tr("1 backup"))
    return 0


def put_back(args: argparse.Namespace) -> int:
    from ..services.backups import list_backups_of
    from ..services.restore import restore_backup

    register, backup = register_path_of(args), Path(args.backup)
    if not backup.is_file() and backup.parent == Path("."):  # a backup's name, as `assetreg backups` lists it
        folder, _ = list_backups_of(register)
        backup = folder / backup.name if (folder / backup.name).is_file() else backup
    restored = restore_backup(register, backup)
    if args.json:
        print_json({"register": str(restored.register), "restored": str(restored.backup), "kept": str(restored.kept)})
        return 0
    print(
        tr("Restored {register} from {backup}. The register as it was is kept at {kept}.").format(
            register=restored.register, backup=restored.backup, kept=restored.kept
        )
    )
    return 0


def move_to(args: argparse.Namespace) -> int:
    from ..services.move import move_register

    with open_register_of(args) as register:
        register.warn = None  # its place is what is being put right
        moved = move_register(register, args.target)
    args.moved = (moved.source, moved.target)  # the app's list of recent registers follows it
    if args.json:
        print_json({"from": str(moved.source), "to": str(moved.target), "files": moved.files, "size": moved.size})
        return 0
    print(
        tr(
            "Moved {source} to {target}, with {files} attachment and backup files ({size}), each checked; the old "
            "copy was removed. Open it from there (assetreg --db {target})."
        ).format(source=moved.source, target=moved.target, files=moved.files, size=_size(moved.size))
    )
    return 0


def _size(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size / 1000:.0f} kB"
