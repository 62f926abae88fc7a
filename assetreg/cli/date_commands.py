"""Commands about dates: dates, deadlines, export-ics and the settings that shape them."""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path
from typing import Any

from ..domain.i18n import tr
from .arguments import commencement_date, days, event_code, event_codes, jurisdiction, typed_day, typed_day_or_error
from .output import indent, plain, print_json, when
from .register_commands import open_register_of, register_path_of


def add_parsers(commands: Any, parents: Any) -> None:
    """Registers ``dates``, ``deadlines``, ``export-ics`` and ``settings`` (``parents``: ``cli.Parents``)."""
    db, as_json, on = parents.db, parents.as_json, parents.on
    dates_ = commands.add_parser(
        "dates",
        parents=[db, as_json],
        description=tr("Work out every date an event starts. EVENT is one of: {events}.").format(
            events=", ".join(event_codes())
        ),
    )
    dates_.add_argument(
        "event", metavar="EVENT", type=event_code, help=tr("what happened, e.g. disposal-notice-received")
    )
    dates_.add_argument("date", metavar="DATE", type=typed_day, help=tr("the day it happened, such as 31/08/2025"))
    dates_.add_argument(
        "--jurisdiction",
        type=jurisdiction,
        default="england",
        help=tr("england, wales, scotland or northern-ireland (default england)"),
    )
    dates_.set_defaults(handler=dates)

    deadlines_ = commands.add_parser("deadlines", parents=[db, as_json])
    # --today came first; it stays as another name of --on.
    deadlines_.add_argument(
        "--on", "--today", dest="on", type=typed_day, metavar="DATE", help=tr("the deadlines as they stand on DATE")
    )
    deadlines_.add_argument("--within", type=days, metavar="DAYS", help=tr("only the next DAYS days"))
    deadlines_.add_argument("--overdue", action="store_true", help=tr("only what is overdue"))
    deadlines_.set_defaults(handler=deadlines)

    export = commands.add_parser("export-ics", parents=[db, as_json, on])
    export.add_argument("file", metavar="FILE", type=Path, help=tr("the .ics file to write"))
    export.add_argument("--within", type=days, metavar="DAYS", help=tr("only the next DAYS days"))
    export.set_defaults(handler=export_ics)

    settings_ = commands.add_parser(
        "settings",
        parents=[db, as_json],
        description=tr("With no options, shows the settings. Reminders are days before a rule's date."),
    )
    settings_.add_argument(
        "--reminders",
        metavar="RULE=DAYS",
        action="append",
        default=[],
        help=tr("e.g. ACV-IMP-END=28,14,7 (RULE= alone restores the default)"),
    )
    settings_.add_argument(
        "--send-by",
        type=days,
        metavar="WORKING_DAYS",
        help=tr("send things that must be received this many working days early"),
    )
    settings_.add_argument(
        "--add-holiday",
        metavar="DATE=NAME",
        action="append",
        default=[],
        help=tr("a one-off day off, e.g. 2026-06-15=Local holiday"),
    )
    settings_.add_argument("--remove-holiday", metavar="DATE", type=typed_day, action="append", default=[])
    settings_.add_argument(
        "--renominate-before",
        type=days,
        metavar="DAYS",
        help=tr("suggest renominating this many days before a listing ends"),
    )
    settings_.add_argument(
        "--nation",
        type=jurisdiction,
        metavar="NATION",
        help=tr("the nation of assets whose own is not recorded: england, wales, scotland or northern-ireland"),
    )
    new_law = settings_.add_mutually_exclusive_group()
    new_law.add_argument(
        "--new-law-from",
        type=commencement_date,
        metavar="DATE",
        help=tr("use the 2026 Act's provisional rules for listings and notices from its commencement DATE"),
    )
    new_law.add_argument(
        "--no-new-law", action="store_true", help=tr("use the 2011 Act's rules only (the 2026 Act not commenced)")
    )
    settings_.set_defaults(handler=settings)


def dates(args: argparse.Namespace) -> int:
    from ..services.deadlines import dates_for_event

    deadlines, note = dates_for_event(args.event, args.date, args.jurisdiction, register_path_of(args))
    if args.json:
        print_json(
            {
                "event": args.event.value,
                "date": args.date.isoformat(),
                "jurisdiction": args.jurisdiction.value,
                "deadlines": [deadline_json(d) for d in deadlines],
                "note": note,
            }
        )
        return 0
    if note:
        print(note)
    for d in deadlines:
        print(f"{d.code:<20} {when(d.date):<17} {d.rule.label}")
        print(indent(d.explanation))
    return 0


def deadline_json(d: Any) -> dict[str, Any]:
    return {
        "rule": d.code,
        "date": d.date.isoformat(),
        "weekday": d.weekday,
        "label": d.rule.label,
        "counting": d.rule.counting.value if d.rule.counting else None,
        "length": str(d.rule.length) if d.rule.length else None,
        "derived_from": d.base_code,
        "citation": d.rule.citation,
        "confidence": d.confidence.value,
        "conditional": d.conditional,
        "provisional": d.provisional,
        "non_working_day": d.non_working_day,
        "holiday": d.holiday_name,
        "act_by": d.act_by.isoformat() if d.act_by else None,
        "published_date": d.published_date.isoformat() if d.published_date else None,
        "explanation": d.explanation,
    }


def deadlines(args: argparse.Namespace) -> int:
    from ..domain.asset_deadlines import describe
    from ..services.deadlines import whats_due
    from .case_json import in_force_json

    with open_register_of(args) as register:
        today = register.today()
        due = whats_due(register, today, within=args.within, overdue_only=args.overdue)
    items = due.deadlines
    if args.json:
        print_json(
            {
                "today": today.isoformat(),
                "in_force": [in_force_json(case, x) for case, x in due.in_force],
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
    if due.in_force and not args.overdue:
        print(tr("In force now"))
        for case, x in due.in_force:
            print("  " + describe_in_force(case, x))
    overdue = [i for i in items if i.overdue(today)]
    coming = [i for i in items if not i.overdue(today)]
    for title, group in ((tr("Overdue"), overdue), (tr("Coming up"), coming)):
        if group:
            print(title)
            for item in group:
                print("  " + describe(item, today))
                print(indent(item.action, 6))
    if not items:
        print(tr("Nothing is due."))
    return 0


def describe_in_force(case: Any, x: Any) -> str:
    """One line: what runs, on which asset, until when and how long is left."""
    from ..domain.dates import format_date

    days = x.days_left(case.day)
    left = tr("last day today") if days == 0 else tr("1 day left") if days == 1 else tr("{n} days left").format(n=days)
    period = tr("{period} (provisional)").format(period=x.period.label) if x.provisional else x.period.label
    return tr("{period} until {end} ({left})  {asset} {name} · {record}").format(
        period=period,
        end=format_date(x.ends_on),
        left=left,
        asset=case.asset_ref,
        name=case.asset_name,
        record=x.record_ref,
    )


def export_ics(args: argparse.Namespace) -> int:
    from ..services.calendar_export import export_calendar

    with open_register_of(args) as register:
        count = export_calendar(register, args.file, within=args.within)
    if args.json:
        print_json({"path": str(args.file), "events": count})
        return 0
    print(tr("Wrote {count} deadlines to {path}.").format(count=count, path=args.file))
    return 0


def settings(args: argparse.Namespace) -> int:
    from ..domain.errors import ValidationError
    from ..services.settings import load_settings, save_settings

    with open_register_of(args) as register:
        current = load_settings(register)
        reminders = dict(current.reminder_days)
        for item in args.reminders:
            code, _, days = item.partition("=")
            try:
                parsed = tuple(int(d) for d in days.split(",") if d.strip())
            except ValueError:
                raise ValidationError.single(
                    "reminders", tr("Write reminders as RULE=DAYS,DAYS, for example ACV-IMP-END=28,14,7.")
                ) from None
            if parsed:
                reminders[code.strip().upper()] = parsed
            else:
                reminders.pop(code.strip().upper(), None)
        holidays = dict(current.extra_holidays)
        for item in args.add_holiday:
            day, _, name = item.partition("=")
            holidays[typed_day_or_error(day)] = name.strip() or tr("Holiday")
        for day in args.remove_holiday:
            holidays.pop(day, None)
        wanted = dataclasses.replace(
            current,
            reminder_days=reminders,
            extra_holidays=tuple(sorted(holidays.items())),
            send_by_working_days=current.send_by_working_days if args.send_by is None else args.send_by,
            renomination_lead_days=(
                current.renomination_lead_days if args.renominate_before is None else args.renominate_before
            ),
            default_jurisdiction=args.nation or current.default_jurisdiction,
            new_regime_commencement=(None if args.no_new_law else args.new_law_from or current.new_regime_commencement),
        )
        if wanted != current:
            current = save_settings(register, wanted, based_on=current)
    if args.json:
        print_json(plain(current))
        return 0
    from ..domain.dates import format_date

    print(tr("Send things that must be received {n} working days early.").format(n=current.send_by_working_days))
    print(tr("Suggest renominating {n} days before a listing ends.").format(n=current.renomination_lead_days))
    print(tr("Assets whose nation is not recorded are in {nation}.").format(nation=current.default_jurisdiction.label))
    if current.new_regime_commencement is None:
        print(tr("The 2011 Act's rules apply: the 2026 Act's are not in use."))
    else:
        print(
            tr("The 2026 Act's provisional rules apply to listings and notices from {day}.").format(
                day=format_date(current.new_regime_commencement)
            )
        )
    print(
        tr("Reminders you have changed (days before):")
        if current.reminder_days
        else tr("Reminders: the defaults of each rule.")
    )
    for code, days in sorted(current.reminder_days.items()):
        print(f"  {code:<20} {', '.join(map(str, days))}")
    for day, name in current.extra_holidays:
        print(tr("Extra holiday: {day} {name}").format(day=format_date(day), name=name))
    return 0
