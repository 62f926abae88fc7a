"""``assetreg import FILE`` and ``assetreg export FILE``: council lists in, the register and open data out."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..domain.i18n import tr, trn
from .arguments import typed_day
from .output import print_json
from .register_commands import open_register_of

SHOWN_CHANGES = 50  # assets whose changes are listed, before "and N more"


def add_parsers(commands, parents) -> None:
    """Registers ``import`` and ``export`` (``parents``: ``cli.Parents``)."""
    db, as_json = parents.db, parents.as_json
    command = commands.add_parser(
        "import",
        parents=[db, as_json],
        description=tr(
            "Reads a council's list and adds or updates its assets, listings and disposal notices, all at once "
            "or not at all. Rows with a problem are left out and reported. Run with --dry-run first to see what "
            "would change."
        ),
    )
    command.add_argument("file", metavar="FILE", type=Path, help=tr("the .csv or .xlsx file"))
    command.add_argument("--council", metavar="NAME_OR_REF", default="", help=tr("the council whose list it is"))
    command.add_argument(
        "--mapping", metavar="NAME", default="", help=tr("the saved heading mapping to use (default: the council's)")
    )
    command.add_argument(
        "--sheet",
        metavar="NAME",
        default="",
        help=tr("the workbook's sheet to read (default: the one that looks like the list)"),
    )
    command.add_argument(
        "--leave-out",
        metavar="HEADING",
        action="append",
        default=[],
        help=tr("a column not to import this time, by its heading (repeat for more)"),
    )
    command.add_argument(
        "--column",
        metavar="HEADING=FIELD",
        action="append",
        default=[],
        type=_column,
        help=tr(
            'the field a column goes to, such as "Moratorium Ends=full-end" (repeat for more); saved for the '
            "council's next import, as a choice in the app's import preview is"
        ),
    )
    command.add_argument("--dry-run", action="store_true", help=tr("say what would change, and change nothing"))
    command.set_defaults(handler=import_list)

    command = commands.add_parser("export", parents=[db, as_json])
    command.add_argument("file", metavar="FILE", type=Path, help=tr("the file to write"))
    command.add_argument(
        "--format",
        choices=("planning-data", "csv", "xlsx", "geojson"),
        default="",
        help=tr("planning-data (the national CSV), geojson, or csv/xlsx for spreadsheets (default: from FILE)"),
    )
    command.add_argument("--on", type=typed_day, metavar="DATE", help=tr("the register as it stands on DATE"))
    command.set_defaults(handler=export)


def _column(text: str) -> tuple[str, str]:
    heading, equals, field = text.rpartition("=")
    if not equals or not heading.strip() or not field.strip():
        raise argparse.ArgumentTypeError(
            tr('write a column\'s heading and its field with = between, such as "Moratorium Ends=full-end"')
        )
    return heading.strip(), field.strip()


def import_list(args: argparse.Namespace) -> int:
    from ..services.importing import import_file

    with open_register_of(args) as register:
        summary = import_file(
            register,
            args.file,
            args.council,
            mapping_name=args.mapping,
            dry_run=args.dry_run,
            sheet=args.sheet,
            leave_out=args.leave_out,
            columns=dict(args.column),
        )
    # Nothing could be read as an asset (every row, or the headings, had a problem): a script should know.
    errors = any(p["level"] == "error" for p in summary["problems"])
    failed = 1 if not any(summary[k] for k in ("added", "updated", "unchanged")) and errors else 0
    if args.json:
        print_json(summary)
        return failed
    said = (
        tr("Would add {added}, update {updated} and leave {unchanged} unchanged.")
        if args.dry_run
        else tr("Added {added}, updated {updated} and left {unchanged} unchanged.")
    )
    added = trn("{n} asset", "{n} assets", summary["added"])
    print(said.format(added=added, updated=summary["updated"], unchanged=summary["unchanged"]))
    records = summary.get("records_added", {})
    parts = [
        trn(singular, plural, records[kind])
        for kind, singular, plural in (
            ("list_entries", "{n} entry on the council's lists", "{n} entries on the council's lists"),
            ("disposal_notices", "{n} owner's notice", "{n} owner's notices"),
            ("bidder_requests", "{n} request to be treated as a bidder", "{n} requests to be treated as a bidder"),
            ("groups", "{n} community group", "{n} community groups"),
        )
        if records.get(kind)
    ]
    if parts:
        with_them = ", ".join(parts[:-1]) + (tr(" and ") if len(parts) > 1 else "") + parts[-1]
        print(
            (tr("With them it would add {records}.") if args.dry_run else tr("With them it added {records}.")).format(
                records=with_them
            )
        )
    left_out = len({p["row"] for p in summary["problems"] if p["level"] == "error" and p["row"]})
    if left_out:
        rows = trn("{n} row", "{n} rows", left_out)
        print(tr("{rows} left out, each named below with what to correct.").format(rows=rows))
    changes = summary["changes"]
    for change in changes[:SHOWN_CHANGES]:
        print(f"  {tr('Row {n}').format(n=change['row'])}, {change['asset']}: {'; '.join(change['what'])}")
    if len(changes) > SHOWN_CHANGES:
        print(
            "  " + tr("… and {n} more assets changed (--json lists them all).").format(n=len(changes) - SHOWN_CHANGES)
        )
    for problem in summary["problems"]:
        where = tr("Row {n}").format(n=problem["row"]) if problem["row"] else tr("File")
        print(f"  {where} [{problem['level']}]: {problem['message']}")
    if summary.get("backup"):
        print(
            tr(
                "A backup was made just before; to put the register back as it was: assetreg restore-backup {path}"
            ).format(path=summary["backup"])
        )
    if failed:
        print(tr("Nothing could be imported: correct the problems above, then import the list again."), file=sys.stderr)
    elif args.dry_run:
        print(tr("Nothing was changed (--dry-run)."))
    return failed


def export(args: argparse.Namespace) -> int:
    from ..services.exporting import export_register

    fmt = args.format or {".xlsx": "xlsx", ".geojson": "geojson", ".json": "geojson"}.get(
        args.file.suffix.lower(), "csv"
    )
    with open_register_of(args) as register:
        count = export_register(register, args.file, fmt)
    if args.json:
        print_json({"path": str(args.file), "format": fmt, "assets": count})
        return 0
    print(tr("Wrote {assets} to {path}.").format(assets=trn("{n} asset", "{n} assets", count), path=args.file))
    return 0
