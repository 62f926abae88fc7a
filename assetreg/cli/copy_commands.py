"""assetreg copy SOURCE TARGET: a register file to a shared register and back, with a count and checksum report."""

from __future__ import annotations

import argparse

from ..domain.i18n import tr
from .output import print_json, print_table


def add_parsers(commands, parents) -> None:
    """Registers ``copy`` (``parents``: ``cli.Parents``; it names its registers itself, so takes no ``--db``)."""
    copy = commands.add_parser(
        "copy",
        parents=[parents.as_json],
        description=tr(
            "Copy every record, reference, history entry, setting and attachment of SOURCE into TARGET, then "
            "check the copy: each table's rows counted and checksummed on both sides, each attachment re-hashed. "
            "SOURCE and TARGET are each a register file or a shared register's address "
            "(postgresql://user@host/register). TARGET must be a new file or an empty database."
        ),
    )
    copy.add_argument("source", metavar="SOURCE", help=tr("the register to copy (file or address)"))
    copy.add_argument("target", metavar="TARGET", help=tr("where the copy goes (a new file, or an empty database)"))
    copy.set_defaults(handler=copy_command)


def copy_command(args: argparse.Namespace) -> int:
    from ..paths import register_path
    from ..services.copying import copy_register

    report = copy_register(register_path(args.source), register_path(args.target))
    if args.json:
        print_json(report.as_json())
        return 0 if report.whole else 1
    rows = [
        (name, str(a), str(b), tr("same") if same else tr("DIFFERENT")) for name, (a, b, same) in report.tables.items()
    ]
    print_table((tr("Table"), tr("Source rows"), tr("Copied rows"), tr("Checksum")), rows)
    needed, whole = report.attachments
    print(
        tr("Attachments: {whole} of {needed} copied whole (re-hashed at the copy).").format(whole=whole, needed=needed)
    )
    if report.whole:
        print(
            tr("Copied {source} to {target}: every table and attachment checks out.").format(
                source=report.source, target=report.target
            )
        )
        return 0
    print(tr("The copy at {target} did not check out:").format(target=report.target))
    for problem in report.problems:
        print(f"  - {problem}")
    return 1
