"""The command line: ``assetreg COMMAND ...``. Prints text, or JSON with ``--json``; calls services only.

Services are imported inside each command, and each command's module (its options and its handler) only when
that command is given (``Commands``), so ``assetreg --version`` and ``--help`` start instantly and the desktop app,
which parses its command line first, loads none of them. Nothing here imports Qt, so every command works on a
machine with no display.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections import namedtuple
from pathlib import Path

from .. import __version__
from ..domain.i18n import tr
from .arguments import typed_day


def _commands() -> tuple[tuple[str, str, str], ...]:
    """Every command in the order ``assetreg --help`` lists them: its name, its line there, and the module of
    this package whose ``add_parsers`` declares its arguments and handler (loaded only when the command is given)."""
    return (
        ("init", tr("create a new, empty register"), "register_commands"),
        ("demo", tr("write a demo register with live clocks"), "register_commands"),
        ("assets", tr("list or show assets"), "register_commands"),
        ("dates", tr("the statutory dates an event starts, with how each is counted"), "date_commands"),
        ("deadlines", tr("what is overdue and what is coming, across the register"), "date_commands"),
        ("export-ics", tr("write the deadlines to a calendar file"), "date_commands"),
        ("settings", tr("show or change reminders, the send-by margin and extra holidays"), "date_commands"),
        ("notices", tr("list owners' disposal notices"), "print_commands"),
        ("applications", tr("list transfer applications"), "print_commands"),
        ("print", tr("print a document to PDF"), "print_commands"),
        ("add", tr("add a record of any kind"), "record_commands"),
        ("edit", tr("change fields of a record"), "record_commands"),
        ("delete", tr("move a record, and the records that depend on it, to the trash"), "record_commands"),
        ("restore", tr("bring a deleted record back, with what was deleted along with it"), "record_commands"),
        ("done", tr("mark a deadline done, or not applicable, so it leaves what's due"), "mark_commands"),
        ("undone", tr("take back a deadline's mark, so it is due again"), "mark_commands"),
        ("import", tr("import a council's list of assets of community value (CSV or XLSX)"), "import_commands"),
        (
            "export",
            tr("write the register to a spreadsheet, or as the national asset-of-community-value dataset"),
            "import_commands",
        ),
        ("check", tr("check the register and its attachments are whole"), "register_commands"),
        ("backup", tr("make a verified backup of the register now"), "backup_commands"),
        ("backups", tr("list the register's backups (date, size, reason, verified)"), "backup_commands"),
        (
            "restore-backup",
            tr("put a backup back (the register as it is now is backed up first); “restore BACKUP” does it too"),
            "backup_commands",
        ),
        (
            "move",
            tr("move the register, its attachments and backups to TARGET (out of a synced folder, say)"),
            "backup_commands",
        ),
        (
            "copy",
            tr("copy a register into a new file or an empty shared database, checked row by row"),
            "copy_commands",
        ),
    )


# The options many commands share, as parsers to pass as ``parents``: ``--db``, ``--json`` and ``--on``.
# (Plain classes, not dataclasses: loading ``dataclasses`` would cost every start more than all of this module.)
Parents = namedtuple("Parents", ("db", "as_json", "on"))


class _Declared:
    """A command named in ``assetreg --help`` whose parser its module has not made yet."""

    __slots__ = ("module",)

    def __init__(self, module: str):
        self.module = module


class Commands(argparse._SubParsersAction):
    """The sub-commands: each listed with its line of help at once, its parser made by its module only when
    the command is given, so ``assetreg --help`` and the desktop app's start load no command's code."""

    parents: Parents

    def declare(self, name: str, what: str, module: str) -> None:
        self._choices_actions.append(self._ChoicesPseudoAction(name, (), what))
        self._name_parser_map[name] = _Declared(module)

    def add_parser(self, name: str, **kwargs: object) -> argparse.ArgumentParser:
        """As argparse's; a declared command keeps the line of help it was declared with."""
        if isinstance(self._name_parser_map.get(name), _Declared):
            del self._name_parser_map[name]
            kwargs.pop("help", None)
        return super().add_parser(name, **kwargs)

    def load(self, name: str) -> argparse.ArgumentParser | None:
        """The parser of the command ``name`` (made by its module now if not yet), or None for no such command."""
        found = self._name_parser_map.get(name)
        if isinstance(found, _Declared):
            importlib.import_module(f"{__name__}.{found.module}").add_parsers(self, self.parents)
            found = self._name_parser_map.get(name)
            if isinstance(found, _Declared):
                raise LookupError(f"{found.module}.add_parsers made no parser for the command {name!r}")
        return found

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        self.load(values[0])
        super().__call__(parser, namespace, values, option_string)


def build_parser() -> argparse.ArgumentParser:
    """The parser of every command; ``--db`` is accepted before or after the command.

    Only the top level is made here: each command's own options are declared by its module (``add_parsers``),
    loaded when the command is given.
    """
    db = argparse.ArgumentParser(add_help=False)
    db.add_argument(
        "--db",
        metavar="PATH|URL",
        default=argparse.SUPPRESS,
        help=tr(
            "the register file, or a shared register's address (postgresql://user@host/register) "
            "(default: $ASSETREG_DB, else the file in your user data folder)"
        ),
    )
    as_json = argparse.ArgumentParser(add_help=False)
    as_json.add_argument("--json", action="store_true", help=tr("print JSON for scripts instead of text"))
    # Every read command can show the register as it stands on another day (the services ask Register.today()).
    on = argparse.ArgumentParser(add_help=False)
    on.add_argument(
        "--on",
        type=typed_day,
        metavar="DATE",
        help=tr("the register as it stands on DATE (such as 31/08/2025), not today"),
    )

    parser = argparse.ArgumentParser(
        prog="assetreg",
        parents=[db],
        description=tr(
            "AssetReg keeps a community group's register of assets of community value, moratoria and "
            "asset transfers. Run it with no command to open the desktop app."
        ),
    )
    parser.add_argument("--version", action="version", version=f"AssetReg {__version__}")
    parser.add_argument(
        "--demo", action="store_true", help=tr("open the desktop app on a fresh copy of the demo register")
    )
    parser.add_argument(
        "--screenshot",
        metavar="PATH",
        type=Path,
        help=tr("render the window to a PNG and exit (for documentation and checks)"),
    )
    parser.add_argument(
        "--view",
        choices=("dashboard", "assets", "asset", "applications", "calendar", "contacts", "trash"),
        default="",
        help=tr("the view to open (with --screenshot: the view to render)"),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", action=Commands)
    commands.parents = Parents(db, as_json, on)
    for name, what, module in _commands():
        commands.declare(name, what, module)
    return parser


def run(args: argparse.Namespace) -> int:
    """Runs the parsed command; a problem the user can fix is printed plainly with a non-zero exit status."""
    from ..domain.errors import AssetRegError

    try:
        return args.handler(args)
    except AssetRegError as error:
        print(tr("assetreg: {message}").format(message=error), file=sys.stderr)
        return error.exit_status
    except BrokenPipeError:
        # The reader stopped early (``assetreg assets list | head``): not an error. Point stdout at devnull so
        # Python's exit-time flush does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
