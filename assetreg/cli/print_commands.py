"""Commands that print documents to PDF, and the lists that find what to print: notices and applications."""

from __future__ import annotations

import argparse
import functools
import sys
from pathlib import Path
from typing import Any

from ..collector import paused
from ..domain.i18n import tr
from .arguments import days
from .output import print_json, print_table, when
from .register_commands import open_register_of


def _collection_paused(command):
    """Runs a print command with Python's cycle collector paused: loading the libraries, reading the register and
    laying out the pages make hundreds of thousands of objects that live until the file is written, and the
    collector would otherwise walk them all again and again (a tenth of a pack's time), for nothing to free."""

    @functools.wraps(command)
    def run(args: argparse.Namespace) -> int:
        with paused():
            return command(args)

    return run


def add_parsers(commands: Any, parents: Any) -> None:
    """Registers ``notices list``, ``applications list`` and ``print DOCUMENT`` (``parents``: ``cli.Parents``)."""
    db, as_json, on = parents.db, parents.as_json, parents.on
    notices = commands.add_parser("notices").add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = notices.add_parser("list", parents=[db, as_json, on], help=tr("every disposal notice with its status"))
    listing.set_defaults(handler=notices_list)
    applications = commands.add_parser("applications").add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = applications.add_parser("list", parents=[db, as_json, on], help=tr("every application with its stage"))
    listing.set_defaults(handler=applications_list)

    output = argparse.ArgumentParser(add_help=False)
    output.add_argument(
        "-o", "--output", metavar="FILE", help=tr("the PDF to write (default: a name like pack-TA-0001.pdf here)")
    )
    printing = commands.add_parser("print").add_subparsers(dest="document", metavar="DOCUMENT", required=True)
    for name, handler, what, reference in (
        ("nomination", print_nomination, tr("a nomination of an asset for listing"), "ASSET_REF"),
        (
            "bidder-request",
            print_bidder_request,
            tr("a request to be treated as a potential bidder, for an owner's notice"),
            "NOTICE_REF",
        ),
        ("pack", print_pack, tr("a transfer application pack with its papers bound in"), "APPLICATION_REF"),
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
    command.set_defaults(handler=print_deadlines)
    command = printing.add_parser(
        "register", parents=[db, output, as_json, on], help=tr("every asset with its status and dates")
    )
    command.set_defaults(handler=print_register)


def _print(args: argparse.Namespace, gather, default_name: str) -> int:
    """Gathers a document from the register, renders it, and writes it whole to ``-o`` (or a named file here)."""
    from ..reports import write

    with open_register_of(args) as register:
        document = gather(register)
    out = Path(args.output) if args.output else Path(default_name.format(today=document.letterhead.printed_on))
    rendered = write(document, out)
    if args.json:
        # Warnings travel in the JSON, so a script reads one object and nothing on stderr.
        print_json({"path": str(out), "pages": rendered.pages, "warnings": [str(w) for w in rendered.warnings]})
        return 0
    for warning in rendered.warnings:
        print(tr("warning: {warning}").format(warning=warning), file=sys.stderr)
    pages = tr("1 page") if rendered.pages == 1 else tr("{n} pages").format(n=rendered.pages)
    print(tr("Wrote {path} ({pages}).").format(path=out, pages=pages))
    return 0


@_collection_paused
def print_nomination(args: argparse.Namespace) -> int:
    from ..services.printing import nomination_document

    return _print(args, lambda r: nomination_document(r, args.reference), f"nomination-{_safe(args.reference)}.pdf")


@_collection_paused
def print_bidder_request(args: argparse.Namespace) -> int:
    from ..domain.errors import OutOfTimeError
    from ..services.printing import bidder_request_document

    try:
        return _print(
            args,
            lambda r: bidder_request_document(r, args.reference, out_of_time=args.out_of_time),
            f"bidder-request-{_safe(args.reference)}.pdf",
        )
    except OutOfTimeError as error:
        print(tr("assetreg: {message}").format(message=error), file=sys.stderr)
        print(tr("To print it anyway, marked “Out of time” on the letter, add --out-of-time."), file=sys.stderr)
        return error.exit_status


@_collection_paused
def print_pack(args: argparse.Namespace) -> int:
    from ..services.printing import pack_document

    return _print(args, lambda r: pack_document(r, args.reference), f"pack-{_safe(args.reference)}.pdf")


@_collection_paused
def print_deadlines(args: argparse.Namespace) -> int:
    from ..services.deadlines import DEFAULT_WITHIN_DAYS
    from ..services.printing import deadline_report

    within = DEFAULT_WITHIN_DAYS if args.within is None else args.within
    return _print(args, lambda r: deadline_report(r, within), "deadlines-{today}.pdf")


@_collection_paused
def print_register(args: argparse.Namespace) -> int:
    from ..services.printing import register_extract

    return _print(args, register_extract, "register-{today}.pdf")


def _safe(reference: str) -> str:
    return "".join(c for c in reference.strip().upper() if c.isalnum() or c == "-") or "document"


def notices_list(args: argparse.Namespace) -> int:
    from ..services.assets import list_notices

    with open_register_of(args) as register:
        notices = list_notices(register)
    if args.json:
        print_json(
            [
                {
                    "reference": n.reference,
                    "asset_ref": n.notice.asset_ref,
                    "asset": n.asset_name,
                    "owner_ref": n.notice.owner_ref,
                    "owner": n.owner_name,
                    "sent_on": n.notice.sent_on.isoformat() if n.notice.sent_on else None,
                    "received_on": n.notice.received_on.isoformat() if n.notice.received_on else None,
                    "status": n.status.value,
                    "status_label": n.status.label,
                    "period_ends_on": n.period_ends_on.isoformat() if n.period_ends_on else None,
                    "provisional": n.case.provisional,
                }
                for n in notices
            ]
        )
        return 0
    rows = [
        (
            n.reference,
            n.asset_name,
            n.owner_name,
            when(n.notice.received_on)
            if n.notice.received_on
            else tr("not known (sent {day})").format(day=when(n.notice.sent_on))
            if n.notice.sent_on
            else "—",
            n.status.label
            + (f" ({tr('provisional')})" if n.case.provisional and n.period_ends_on else "")
            + (f" {tr('until')} {when(n.period_ends_on)}" if n.period_ends_on else ""),
        )
        for n in notices
    ]
    print_table((tr("Reference"), tr("Asset"), tr("Owner"), tr("Received"), tr("Status")), rows)
    print(tr("1 notice") if len(notices) == 1 else tr("{count} notices").format(count=len(notices)))
    return 0


def applications_list(args: argparse.Namespace) -> int:
    from ..services.applications import pipeline

    with open_register_of(args) as register:
        rows = pipeline(register)
    if args.json:
        print_json(
            [
                {
                    "reference": r.reference,
                    "asset_ref": r.asset_ref,
                    "asset": r.asset_name,
                    "authority_ref": r.application.authority_ref,
                    "authority": r.authority_name,
                    "kind": r.application.kind.value,
                    "stage": r.stage,
                    "stage_label": r.stage_name,
                    "submitted_on": r.application.submitted_on.isoformat() if r.application.submitted_on else None,
                }
                for r in rows
            ]
        )
        return 0
    table = [(r.reference, r.asset_name, r.authority_name, r.stage_name) for r in rows]
    print_table((tr("Reference"), tr("Asset"), tr("Council"), tr("Stage")), table)
    print(tr("1 application") if len(rows) == 1 else tr("{count} applications").format(count=len(rows)))
    return 0
