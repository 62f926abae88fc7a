"""The command line: ``assetreg COMMAND ...``. Prints text, or JSON with ``--json``; calls services only.

Services are imported inside each command so that ``assetreg --version`` and ``--help`` start instantly,
and nothing here imports Qt, so every command works on a machine with no display.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .. import __version__
from ..domain.errors import AssetRegError
from ..domain.i18n import tr
from . import (
    backup_commands,
    copy_commands,
    date_commands,
    import_commands,
    mark_commands,
    print_commands,
    record_commands,
    register_commands,
)
from .arguments import days, event_code, event_codes, iso_date, jurisdiction


def build_parser() -> argparse.ArgumentParser:
    """The parser of every command; ``--db`` is accepted before or after the command."""
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
        "--on", type=iso_date, metavar="DATE", help=tr("the register as it stands on DATE (YYYY-MM-DD), not today")
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
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    init = commands.add_parser("init", parents=[db, as_json], help=tr("create a new, empty register"))
    init.set_defaults(handler=register_commands.init)
    demo = commands.add_parser("demo", parents=[db, as_json], help=tr("write a demo register with live clocks"))
    demo.set_defaults(handler=register_commands.demo)

    assets = commands.add_parser("assets", help=tr("list or show assets")).add_subparsers(
        dest="action", metavar="ACTION", required=True
    )
    listing = assets.add_parser("list", parents=[db, as_json, on], help=tr("every asset with its status"))
    listing.set_defaults(handler=register_commands.assets_list)
    show = assets.add_parser("show", parents=[db, as_json, on], help=tr("everything about one asset"))
    show.add_argument("reference", metavar="REF", help=tr("the asset's reference, for example AST-0001"))
    show.set_defaults(handler=register_commands.assets_show)

    dates = commands.add_parser(
        "dates",
        parents=[db, as_json],
        help=tr("the statutory dates an event starts, with how each is counted"),
        description=tr("Work out every date an event starts. EVENT is one of: {events}.").format(
            events=", ".join(event_codes())
        ),
    )
    dates.add_argument(
        "event", metavar="EVENT", type=event_code, help=tr("what happened, e.g. disposal-notice-received")
    )
    dates.add_argument("date", metavar="DATE", type=iso_date, help=tr("the day it happened, as YYYY-MM-DD"))
    dates.add_argument(
        "--jurisdiction",
        type=jurisdiction,
        default="england",
        help=tr("england, wales, scotland or northern-ireland (default england)"),
    )
    dates.set_defaults(handler=date_commands.dates)

    deadlines = commands.add_parser(
        "deadlines", parents=[db, as_json], help=tr("what is overdue and what is coming, across the register")
    )
    # --today came first; it stays as another name of --on.
    deadlines.add_argument(
        "--on", "--today", dest="on", type=iso_date, metavar="DATE", help=tr("the deadlines as they stand on DATE")
    )
    deadlines.add_argument("--within", type=days, metavar="DAYS", help=tr("only the next DAYS days"))
    deadlines.add_argument("--overdue", action="store_true", help=tr("only what is overdue"))
    deadlines.set_defaults(handler=date_commands.deadlines)

    export = commands.add_parser(
        "export-ics", parents=[db, as_json, on], help=tr("write the deadlines to a calendar file")
    )
    export.add_argument("file", metavar="FILE", type=Path, help=tr("the .ics file to write"))
    export.add_argument("--within", type=days, metavar="DAYS", help=tr("only the next DAYS days"))
    export.set_defaults(handler=date_commands.export_ics)

    settings = commands.add_parser(
        "settings",
        parents=[db, as_json],
        help=tr("show or change reminders, the send-by margin and extra holidays"),
        description=tr("With no options, shows the settings. Reminders are days before a rule's date."),
    )
    settings.add_argument(
        "--reminders",
        metavar="RULE=DAYS",
        action="append",
        default=[],
        help=tr("e.g. ACV-IMP-END=28,14,7 (RULE= alone restores the default)"),
    )
    settings.add_argument(
        "--send-by",
        type=days,
        metavar="WORKING_DAYS",
        help=tr("send things that must be received this many working days early"),
    )
    settings.add_argument(
        "--add-holiday",
        metavar="DATE=NAME",
        action="append",
        default=[],
        help=tr("a one-off day off, e.g. 2026-06-15=Local holiday"),
    )
    settings.add_argument("--remove-holiday", metavar="DATE", type=iso_date, action="append", default=[])
    settings.set_defaults(handler=date_commands.settings)

    notices = commands.add_parser("notices", help=tr("list owners' disposal notices")).add_subparsers(
        dest="action", metavar="ACTION", required=True
    )
    listing = notices.add_parser("list", parents=[db, as_json, on], help=tr("every disposal notice with its status"))
    listing.set_defaults(handler=print_commands.notices_list)
    applications = commands.add_parser("applications", help=tr("list transfer applications")).add_subparsers(
        dest="action", metavar="ACTION", required=True
    )
    listing = applications.add_parser("list", parents=[db, as_json, on], help=tr("every application with its stage"))
    listing.set_defaults(handler=print_commands.applications_list)

    output = argparse.ArgumentParser(add_help=False)
    output.add_argument(
        "-o", "--output", metavar="FILE", help=tr("the PDF to write (default: a name like pack-TA-0001.pdf here)")
    )
    printing = commands.add_parser("print", help=tr("print a document to PDF")).add_subparsers(
        dest="document", metavar="DOCUMENT", required=True
    )
    for name, handler, what, reference in (
        ("nomination", print_commands.print_nomination, tr("a nomination of an asset for listing"), "ASSET_REF"),
        (
            "bidder-request",
            print_commands.print_bidder_request,
            tr("a request to be treated as a potential bidder, for an owner's notice"),
            "NOTICE_REF",
        ),
        (
            "pack",
            print_commands.print_pack,
            tr("a transfer application pack with its papers bound in"),
            "APPLICATION_REF",
        ),
    ):
        command = printing.add_parser(name, parents=[db, output, as_json, on], help=what)
        command.add_argument("reference", metavar=reference)
        command.set_defaults(handler=handler)
        if name == "bidder-request":
            command.add_argument(
                "--out-of-time",
                action="store_true",
                help=tr("print the letter even when its time has run out, marked “Out of time” with the reason"),
            )
    command = printing.add_parser(
        "deadlines", parents=[db, output, as_json, on], help=tr("overdue and upcoming deadlines, for a meeting")
    )
    command.add_argument("--within", type=days, metavar="DAYS", help=tr("the next DAYS days (default 30)"))
    command.set_defaults(handler=print_commands.print_deadlines)
    command = printing.add_parser(
        "register", parents=[db, output, as_json, on], help=tr("every asset with its status and dates")
    )
    command.set_defaults(handler=print_commands.print_register)

    record_commands.add_parsers(commands, db, as_json)
    mark_commands.add_parsers(commands, db, as_json)
    import_commands.add_parsers(commands, db, as_json)

    check = commands.add_parser(
        "check", parents=[db, as_json], help=tr("check the register and its attachments are whole")
    )
    check.add_argument(
        "--tidy", action="store_true", help=tr("also delete attachment files left over by an interrupted write")
    )
    check.set_defaults(handler=register_commands.check)
    backup_commands.add_parsers(commands, db, as_json)
    copy_commands.add_parsers(commands, as_json)
    return parser


def run(args: argparse.Namespace) -> int:
    """Runs the parsed command; a problem the user can fix is printed plainly with a non-zero exit status."""
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
