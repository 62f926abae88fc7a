"""Commands on the register itself: init, demo, assets list/show, check."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from ..domain.i18n import tr, trn
from .output import indent, print_json, print_json_lines, print_table


def add_parsers(commands: Any, parents: Any) -> None:
    """Registers ``init``, ``demo``, ``assets list``, ``assets show`` and ``check`` (``parents``: ``cli.Parents``)."""
    db, as_json, on = parents.db, parents.as_json, parents.on
    init_ = commands.add_parser("init", parents=[db, as_json])
    init_.set_defaults(handler=init)
    demo_ = commands.add_parser("demo", parents=[db, as_json])
    demo_.set_defaults(handler=demo)

    assets = commands.add_parser("assets").add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = assets.add_parser("list", parents=[db, as_json, on], help=tr("every asset with its status"))
    listing.set_defaults(handler=assets_list)
    show = assets.add_parser("show", parents=[db, as_json, on], help=tr("everything about one asset"))
    show.add_argument("reference", metavar="REF", help=tr("the asset's reference, for example AST-0001"))
    show.set_defaults(handler=assets_show)

    check_ = commands.add_parser("check", parents=[db, as_json])
    check_.add_argument(
        "--tidy", action="store_true", help=tr("also delete attachment files left over by an interrupted write")
    )
    check_.set_defaults(handler=check)


def register_path_of(args: argparse.Namespace) -> Path | str:
    from ..paths import register_path

    return register_path(getattr(args, "db", None))


def open_register_of(args: argparse.Namespace):
    """The register a command names, looked at on ``--on DATE`` where the command takes it."""
    from ..services.register import Register

    register = Register.open(register_path_of(args))
    register.day = getattr(args, "on", None)
    register.warn = lambda warning: print(tr("assetreg: warning: {warning}").format(warning=warning), file=sys.stderr)
    return register


def init(args: argparse.Namespace) -> int:
    from ..domain.errors import RegisterRefusedError
    from ..services.register import Register

    path = register_path_of(args)
    if isinstance(path, Path) and path.exists():
        raise RegisterRefusedError(
            tr("{path} already exists; AssetReg will not overwrite it. Choose another file name with --db.").format(
                path=path
            )
        )
    register = Register.open(path, create=True)  # a shared register: only an empty database is made one
    where = register.location
    register.close()
    if args.json:
        print_json({"path": where, "created": True})
        return 0
    print(tr("Created an empty register at {path}.").format(path=where))
    return 0


def demo(args: argparse.Namespace) -> int:
    from ..services.demo import write_demo_register

    path = register_path_of(args)
    summary = write_demo_register(path)
    if args.json:
        print_json({"path": str(path), "created": True, "summary": summary})
        return 0
    print(tr("Wrote the demo register to {path}: {summary}.").format(path=path, summary=summary))
    print(tr("Open it with: assetreg --db {path}").format(path=path))
    return 0


def assets_list(args: argparse.Namespace) -> int:
    """``assets list``: every live asset with its status, read with one query and printed as it is read."""
    from ..services.asset_lines import FIELDS, lines

    with open_register_of(args) as register:
        if args.json:
            print_json_lines(FIELDS, lines(register))
            return 0
        rows = [(a[0], a[1], a[3], a[4], a[9]) for batch in lines(register) for a in batch]
    print_table((tr("Reference"), tr("Name"), tr("Status"), tr("Council"), tr("Postcode")), rows)
    print(tr("{count} assets").format(count=len(rows)) if len(rows) != 1 else tr("1 asset"))
    return 0


def assets_show(args: argparse.Namespace) -> int:
    from ..domain.records import RecordKind
    from ..services.assets import asset_detail
    from ..services.records import Records

    with open_register_of(args) as register:
        detail = asset_detail(register, args.reference)
        groups = {g.reference: g.name for g in Records(register).list(RecordKind.GROUP)}
    if args.json:
        from .case_json import asset_json

        print_json(asset_json(detail))
        return 0
    print(describe_asset(detail, groups))
    return 0


def describe_asset(d: Any, groups: dict[str, str]) -> str:
    from ..domain.dates import format_date
    from ..domain.status import listing_end

    def when(value: date | None) -> str:
        return format_date(value) if value else tr("not known")

    a = d.asset
    council = f"{d.authority.name} ({d.authority.reference}), {d.authority.jurisdiction.label}" if d.authority else "—"
    lines = [
        f"{a.reference}  {a.name}",
        tr("Status: {status}").format(status=d.status.label)
        + (left(ends, d.today) if (ends := d.case.status_ends_on) else ""),
        tr("Category: {category}   Council: {council}").format(category=a.category.label, council=council),
    ]
    if d.case.sale_worth_saying:
        lines.insert(2, d.case.sale_said)
    # A council's list often gives the postcode in the address too: it is said once ("E1 1AA" is not in "SE1 1AA").
    given = (
        re.search(rf"(?<![A-Z0-9]){re.escape(a.postcode)}(?![A-Z0-9])", a.address, re.IGNORECASE)
        if a.postcode
        else None
    )
    place = ", ".join(x for x in (a.address, "" if given else a.postcode) if x)
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
            + (tr(" · by {group}").format(group=groups.get(n.nominator_ref, "")) if n.nominator_ref else "")
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
    section(tr("Disposal notices"), [describe_notice(n, when, d.today, groups) for n in d.notices])
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


def left(end: date, today: date) -> str:
    """How long a running period has left, for a status line: " — 21 days left (ends Sat 12 Dec 2026)"."""
    from ..domain.dates import format_date

    days = (end - today).days
    count = tr("last day today") if days == 0 else tr("1 day left") if days == 1 else tr("{n} days left").format(n=days)
    return tr(" — {count} (ends {end})").format(count=count, end=format_date(end))


def provisional_note(sent_on: date) -> str:
    """Why a notice's dates are provisional, in one line of a listing."""
    from ..domain.dates import format_date

    return tr(
        "Provisional: counted from {sent}, the day the owner sent the notice; enter the day the council received it."
    ).format(sent=format_date(sent_on))


def describe_notice(n: Any, when: Callable[[date | None], str], today: date, groups: dict[str, str]) -> str:
    from ..domain.notice_case import published_summary

    lines = [
        tr("{ref}  received {received} · {status}").format(
            ref=n.notice.reference, received=when(n.notice.received_on), status=n.status.label
        )
        + (left(n.period_ends_on, today) if n.period_ends_on else "")
    ]
    if n.case.provisional and n.notice.sent_on is not None:
        lines.append("    " + provisional_note(n.notice.sent_on))
    if n.not_relevant:
        lines.append(f"    {n.not_relevant}")
    if published := published_summary(n.case):
        lines.append(indent(published, 4))
    for assessed in n.requests:
        r = assessed.request
        lines.append(
            "    "
            + tr("request {ref} from {group}, received {received}").format(
                ref=r.reference,
                group=groups.get(r.group_ref, r.group_ref),
                received=tr("on a day not known, counted by the council")
                if r.council_counted and r.received_on is None
                else when(r.received_on),
            )
        )
        if assessed.verdict is not None:
            lines.append(indent(assessed.verdict.why, 6))
    return "\n".join(lines)


def check(args: argparse.Namespace) -> int:
    from ..domain.errors import RegisterDamagedError
    from ..services.check import check_register

    try:
        with open_register_of(args) as register:
            report = check_register(register, tidy=args.tidy)
    except RegisterDamagedError as error:  # damage is what check is for: reported, with what to do, exit 1
        if args.json:
            print_json({"healthy": False, "problems": [str(error)], "counts": {}})
        else:
            print(tr("Problems found in {path}:").format(path=register_path_of(args)))
            print(f"  - {error}")
        return 1
    for path in report.tidied:
        print(tr("Deleted the left-over attachment file {path}.").format(path=path))
    unreferenced = [p for p in report.leftovers if p not in report.tidied and not p.name.startswith(".incoming-")]
    if unreferenced and not args.json:
        print(
            tr(
                "{count} attachment files belong to no document (removed documents, or a write that was interrupted); "
                "“assetreg check --tidy” deletes those no backup needs."
            ).format(count=len(unreferenced))
        )
    if args.json:
        print_json({"healthy": report.healthy, "problems": list(report.problems), "counts": report.counts})
    elif report.healthy:
        print(
            tr(
                "The register at {path} is healthy: {assets}, {documents}, all attachments present and unchanged."
            ).format(
                path=register.location,
                assets=trn("{n} asset", "{n} assets", report.counts.get("asset", 0)),
                documents=trn("{n} document", "{n} documents", report.counts.get("document", 0)),
            )
        )
    else:
        print(tr("Problems found in {path}:").format(path=register.location))
        for problem in report.problems:
            print(f"  - {problem}")
    return 0 if report.healthy else 1
