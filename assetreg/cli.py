"""The command line: ``assetreg COMMAND ...``. Prints text, or JSON with ``--json``; calls services only.

Services are imported inside each command so that ``assetreg --version`` and ``--help`` start instantly,
and nothing here imports Qt, so every command works on a machine with no display.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any

from . import __version__
from .domain.errors import AssetRegError
from .domain.i18n import tr

Handler = Callable[[argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    """The parser of every command; ``--db`` is accepted before or after the command."""
    db = argparse.ArgumentParser(add_help=False)
    db.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help=tr("the register file (default: $ASSETREG_DB, else the one in your user data folder)"),
    )
    as_json = argparse.ArgumentParser(add_help=False)
    as_json.add_argument("--json", action="store_true", help=tr("print JSON for scripts instead of text"))

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
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    init = commands.add_parser("init", parents=[db], help=tr("create a new, empty register"))
    init.set_defaults(handler=_init)
    demo = commands.add_parser("demo", parents=[db], help=tr("write a demo register with live clocks"))
    demo.set_defaults(handler=_demo)

    assets = commands.add_parser("assets", help=tr("list or show assets")).add_subparsers(
        dest="action", metavar="ACTION", required=True
    )
    listing = assets.add_parser("list", parents=[db, as_json], help=tr("every asset with its status"))
    listing.set_defaults(handler=_assets_list)
    show = assets.add_parser("show", parents=[db, as_json], help=tr("everything about one asset"))
    show.add_argument("reference", metavar="REF", help=tr("the asset's reference, for example AST-0001"))
    show.set_defaults(handler=_assets_show)

    dates = commands.add_parser(
        "dates",
        parents=[db, as_json],
        help=tr("the statutory dates an event starts, with how each is counted"),
        description=tr("Work out every date an event starts. EVENT is one of: {events}.").format(
            events=", ".join(_event_codes())
        ),
    )
    dates.add_argument("event", metavar="EVENT", type=_event, help=tr("what happened, e.g. disposal-notice-received"))
    dates.add_argument("date", metavar="DATE", type=_iso_date, help=tr("the day it happened, as YYYY-MM-DD"))
    dates.add_argument(
        "--jurisdiction",
        type=_jurisdiction,
        default="england",
        help=tr("england, wales, scotland or northern-ireland (default england)"),
    )
    dates.set_defaults(handler=_dates)

    deadlines = commands.add_parser(
        "deadlines", parents=[db, as_json], help=tr("what is overdue and what is coming, across the register")
    )
    deadlines.add_argument("--within", type=_days, metavar="DAYS", help=tr("only the next DAYS days"))
    deadlines.add_argument("--overdue", action="store_true", help=tr("only what is overdue"))
    deadlines.add_argument("--today", type=_iso_date, metavar="DATE", help=tr("pretend today is DATE (YYYY-MM-DD)"))
    deadlines.set_defaults(handler=_deadlines)

    export = commands.add_parser("export-ics", parents=[db], help=tr("write the deadlines to a calendar file"))
    export.add_argument("file", metavar="FILE", type=Path, help=tr("the .ics file to write"))
    export.add_argument("--within", type=_days, metavar="DAYS", help=tr("only the next DAYS days"))
    export.set_defaults(handler=_export_ics)

    check = commands.add_parser(
        "check", parents=[db, as_json], help=tr("check the register and its attachments are whole")
    )
    check.set_defaults(handler=_check)
    return parser


def _event_codes() -> list[str]:
    from .domain.rules import Event

    return [event.value for event in Event]


def _event(text: str):
    from .domain.rules import Event

    try:
        return Event(text.strip().lower())
    except ValueError:
        raise argparse.ArgumentTypeError(
            tr("“{text}” is not an event AssetReg knows. Use one of: {events}.").format(
                text=text, events=", ".join(_event_codes())
            )
        ) from None


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            tr("“{text}” is not a date; write it as YYYY-MM-DD, for example 2025-08-31.").format(text=text)
        ) from None


def _jurisdiction(text: str):
    from .domain.enums import Jurisdiction

    try:
        return Jurisdiction.parse(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            tr("“{text}” is not a nation AssetReg knows; use england, wales, scotland or northern-ireland.").format(
                text=text
            )
        ) from None


def _days(text: str) -> int:
    if not text.strip().isdigit():
        raise argparse.ArgumentTypeError(tr("“{text}” is not a number of days.").format(text=text))
    return int(text)


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


def _register_path(args: argparse.Namespace) -> Path:
    from .paths import register_path

    return register_path(getattr(args, "db", None))


def _open(args: argparse.Namespace):
    from .services.register import Register

    return Register.open(_register_path(args))


def _init(args: argparse.Namespace) -> int:
    from .domain.errors import RegisterRefusedError
    from .services.register import Register

    path = _register_path(args)
    if path.exists():
        raise RegisterRefusedError(
            tr("{path} already exists; AssetReg will not overwrite it. Choose another file name with --db.").format(
                path=path
            )
        )
    Register.open(path, create=True).close()
    print(tr("Created an empty register at {path}.").format(path=path))
    return 0


def _demo(args: argparse.Namespace) -> int:
    from .services.demo import write_demo_register

    path = _register_path(args)
    summary = write_demo_register(path)
    print(tr("Wrote the demo register to {path}: {summary}.").format(path=path, summary=summary))
    print(tr("Open it with: assetreg --db {path}").format(path=path))
    return 0


def _assets_list(args: argparse.Namespace) -> int:
    from .services.assets import list_assets

    register = _open(args)
    try:
        assets = list_assets(register)
    finally:
        register.close()
    if args.json:
        _print_json([_summary_json(a) for a in assets])
        return 0
    rows = [(a.reference, a.name, a.status.label, a.authority, a.postcode) for a in assets]
    _print_table((tr("Reference"), tr("Name"), tr("Status"), tr("Council"), tr("Postcode")), rows)
    print(tr("{count} assets").format(count=len(assets)) if len(assets) != 1 else tr("1 asset"))
    return 0


def _summary_json(a: Any) -> dict[str, Any]:
    return {
        "reference": a.reference,
        "name": a.name,
        "status": a.status.value,
        "status_label": a.status.label,
        "authority": a.authority,
        "authority_ref": a.authority_ref,
        "jurisdiction": a.jurisdiction.value if a.jurisdiction else None,
        "category": a.category.value,
        "address": a.address,
        "postcode": a.postcode,
        "uprn": a.uprn,
    }


def _assets_show(args: argparse.Namespace) -> int:
    from .services.assets import asset_detail

    register = _open(args)
    try:
        detail = asset_detail(register, args.reference)
    finally:
        register.close()
    if args.json:
        data = _plain(detail)
        data["status_label"] = detail.status.label
        _print_json(data)
        return 0
    print(_describe_asset(detail))
    return 0


def _describe_asset(d: Any) -> str:
    from .domain.dates import format_date
    from .domain.status import listing_end

    def when(value: date | None) -> str:
        return format_date(value) if value else tr("not known")

    a = d.asset
    council = f"{d.authority.name} ({d.authority.reference}), {d.authority.jurisdiction.label}" if d.authority else "—"
    lines = [
        f"{a.reference}  {a.name}",
        tr("Status: {status}").format(status=d.status.label),
        tr("Category: {category}   Council: {council}").format(category=a.category.label, council=council),
    ]
    place = ", ".join(x for x in (a.address, a.postcode) if x)
    extras = [tr("UPRN {uprn}").format(uprn=a.uprn)] if a.uprn else []
    extras += [tr("Title {titles}").format(titles=", ".join(a.title_numbers))] if a.title_numbers else []
    lines += [tr("Address: {place}").format(place=" · ".join([place or tr("not known")] + extras))]
    lines += [a.description] if a.description else []

    def section(title: str, items: list[str]) -> None:
        if items:
            lines.extend(["", title] + [f"  {item}" for item in items])

    section(
        tr("Owners, occupiers and contacts"),
        [
            f"{i.role.label:<12} {p.reference}  {p.name}" + (f", {p.address}" if p.address else "")
            for i, p in d.interests
        ],
    )
    section(
        tr("Nominations"),
        [
            tr("{ref}  received {received} · {decision}").format(
                ref=n.reference, received=when(n.received_on), decision=n.decision.label
            )
            for n in d.nominations
        ],
    )
    section(
        tr("List entries"),
        [
            tr("{ref}  {kind}, entered {entered}").format(
                ref=x.reference, kind=x.kind.label, entered=when(x.entered_on)
            )
            + (tr(", listing ends {end}").format(end=when(listing_end(x))) if x.kind.value == "listed" else "")
            + (tr(", removed {removed}").format(removed=when(x.removed_on)) if x.removed_on else "")
            for x in d.list_entries
        ],
    )
    section(tr("Disposal notices"), [_describe_notice(n, when) for n in d.notices])
    section(
        tr("Exempt disposals"),
        [f"{x.reference}  {x.exemption.label}, {when(x.disposed_on)}" for x in d.exempt_disposals],
    )
    section(
        tr("Transfer applications"),
        [
            tr("{ref}  {kind} · {type} · stage {stage}").format(
                ref=t.application.reference,
                kind=t.application.kind.label,
                type=t.application.transfer_type.label,
                stage=t.application.stage,
            )
            for t in d.applications
        ],
    )
    section(tr("Documents"), [f"{x.reference}  {x.title} ({x.original_filename})" for x in d.documents])
    section(tr("Tasks"), [f"{t.reference}  {t.title}, {tr('due')} {when(t.due_on)}" for t in d.tasks])
    return "\n".join(lines)


def _dates(args: argparse.Namespace) -> int:
    from .services.deadlines import dates_for_event

    deadlines, note = dates_for_event(args.event, args.date, args.jurisdiction, _register_path(args))
    if args.json:
        _print_json(
            {
                "event": args.event.value,
                "date": args.date.isoformat(),
                "jurisdiction": args.jurisdiction.value,
                "deadlines": [_deadline_json(d) for d in deadlines],
                "note": note,
            }
        )
        return 0
    if note:
        print(note)
    for d in deadlines:
        print(f"{d.code:<20} {_when(d.date):<17} {d.rule.label}")
        print(_indent(d.explanation))
    return 0


def _deadline_json(d: Any) -> dict[str, Any]:
    return {
        "rule": d.code,
        "date": d.date.isoformat(),
        "weekday": d.weekday,
        "label": d.rule.label,
        "counting": d.rule.counting.value if d.rule.counting else None,
        "length": str(d.rule.length) if d.rule.length else None,
        "derived_from": d.base_code,
        "citation": d.rule.citation,
        "confidence": d.rule.confidence.value,
        "conditional": d.conditional,
        "provisional": d.provisional,
        "non_working_day": d.non_working_day,
        "holiday": d.holiday_name,
        "act_by": d.act_by.isoformat() if d.act_by else None,
        "published_date": d.published_date.isoformat() if d.published_date else None,
        "explanation": d.explanation,
    }


def _deadlines(args: argparse.Namespace) -> int:
    from .domain.asset_deadlines import describe
    from .services.deadlines import register_deadlines

    register = _open(args)
    try:
        today = args.today or register.today()
        items = register_deadlines(register, today, within=args.within, overdue_only=args.overdue)
    finally:
        register.close()
    if args.json:
        _print_json(
            {
                "today": today.isoformat(),
                "deadlines": [
                    {
                        "uid": i.uid,
                        "asset": i.asset_ref,
                        "asset_name": i.asset_name,
                        "record": i.record_ref,
                        "rule": i.code,
                        "label": i.label,
                        "date": i.date.isoformat(),
                        "days_remaining": i.days_remaining(today),
                        "overdue": i.overdue(today),
                        "action": i.action,
                        "send_by": i.send_by.isoformat() if i.send_by else None,
                        "reminders": [r.isoformat() for r in i.reminders],
                        "explanation": i.deadline.explanation if i.deadline else "",
                    }
                    for i in items
                ],
            }
        )
        return 0
    overdue = [i for i in items if i.overdue(today)]
    coming = [i for i in items if not i.overdue(today)]
    for title, group in ((tr("Overdue"), overdue), (tr("Coming up"), coming)):
        if group:
            print(title)
            for item in group:
                print("  " + describe(item, today))
                print(_indent(item.action, 6))
    if not items:
        print(tr("Nothing is due."))
    return 0


def _export_ics(args: argparse.Namespace) -> int:
    from .services.calendar_export import deadline_calendar, write_calendar
    from .services.deadlines import register_deadlines

    register = _open(args)
    try:
        items = register_deadlines(register, within=args.within)
        write_calendar(args.file, deadline_calendar(items, register.clock()))
    finally:
        register.close()
    print(tr("Wrote {count} deadlines to {path}.").format(count=len(items), path=args.file))
    return 0


def _when(day: date) -> str:
    from .domain.dates import format_date

    return format_date(day)


def _indent(text: str, by: int = 4) -> str:
    import textwrap

    return textwrap.fill(text, width=100, initial_indent=" " * by, subsequent_indent=" " * by)


def _describe_notice(n: Any, when: Callable[[date | None], str]) -> str:
    lines = [
        tr("{ref}  received {received} · {status}").format(
            ref=n.notice.reference, received=when(n.notice.received_on), status=n.status.label
        )
    ]
    if n.not_relevant:
        lines.append(f"    {n.not_relevant}")
    for assessed in n.requests:
        r = assessed.request
        lines.append(
            "    "
            + tr("request {ref} from {group}, received {received}").format(
                ref=r.reference, group=r.group_ref, received=when(r.received_on)
            )
        )
        if assessed.assessment is not None:
            lines.append(_indent(assessed.assessment.reason, 6))
    return "\n".join(lines)


def _check(args: argparse.Namespace) -> int:
    from .services.check import check_register

    register = _open(args)
    try:
        report = check_register(register)
    finally:
        register.close()
    if args.json:
        _print_json({"healthy": report.healthy, "problems": list(report.problems), "counts": report.counts})
    elif report.healthy:
        print(
            tr(
                "The register at {path} is healthy: {assets} assets, {documents} documents, all attachments "
                "present and unchanged."
            ).format(
                path=register.path, assets=report.counts.get("asset", 0), documents=report.counts.get("document", 0)
            )
        )
    else:
        print(tr("Problems found in {path}:").format(path=register.path))
        for problem in report.problems:
            print(f"  - {problem}")
    return 0 if report.healthy else 1


def _plain(value: Any) -> Any:
    """Dataclasses, enums and dates as JSON-ready values (enums by code, dates as ISO)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def _print_json(data: Any) -> None:
    # Indented for a person at a terminal; compact for scripts (the compact encoder is many times faster).
    indent = 2 if sys.stdout.isatty() else None
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=indent) + "\n")


def _print_table(headings: Sequence[str], rows: Sequence[Sequence[str]], max_width: int = 40) -> None:
    def cell(text: str) -> str:
        return text if len(text) <= max_width else text[: max_width - 1] + "…"

    cells = [[cell(str(v)) for v in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headings)]
    lines = [
        "  ".join(h.ljust(w) for h, w in zip(headings, widths, strict=True)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    sys.stdout.write("\n".join(lines) + "\n")
