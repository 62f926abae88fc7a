"""Deadlines as an iCalendar file, so they sit in the calendar the group already uses.

One all-day event per deadline. Its UID is stable for the record and rule, so importing the file again
updates the events instead of duplicating them; alarms fire at the reminder lead times.

``export_calendar`` is the one way the app and the command line make the file: which deadlines go in, and
how, is decided here only.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from icalendar import Alarm, Calendar, Event

from .. import __version__
from ..domain.asset_deadlines import AssetDeadline
from ..domain.dates import format_date
from ..domain.i18n import tr
from ..paths import write_whole
from .deadlines import register_deadlines
from .register import Register

UID_DOMAIN = "assetreg.invalid"  # a domain no one owns, so our UIDs never collide with another program's


def export_calendar(register: Register, path: Path, today: date | None = None, *, within: int | None = None) -> int:
    """Writes every deadline still to be met (overdue ones too; only the next ``within`` days when given) to
    the iCalendar file ``path``, whole or not at all; returns how many deadlines it holds."""
    items = register_deadlines(register, today, within=within)
    write_calendar(path, deadline_calendar(items, register.clock()))
    return len(items)


def deadline_calendar(deadlines: list[AssetDeadline], stamp: datetime) -> Calendar:
    """The calendar of the given deadlines; ``stamp`` (aware, UTC) is written as each event's DTSTAMP."""
    calendar = Calendar()
    calendar.add("prodid", f"-//AssetReg//AssetReg {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", tr("AssetReg deadlines"))
    for item in deadlines:
        calendar.add_component(_event(item, stamp))
    return calendar


def _event(item: AssetDeadline, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", f"{item.uid}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("dtstart", item.date)
    event.add("dtend", item.date + timedelta(days=1))
    event.add("summary", item.title)
    event.add("description", _description(item))
    event.add("categories", [item.code])
    event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
    for days in item.reminder_days:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", item.title)
        alarm.add("trigger", timedelta(days=-days))
        event.add_component(alarm)
    return event


def _description(item: AssetDeadline) -> str:
    lines = [item.action, ""]
    if item.asset_ref:
        lines.append(tr("Asset: {reference} {name}").format(reference=item.asset_ref, name=item.asset_name))
    lines.append(tr("Record: {reference}").format(reference=item.record_ref))
    if item.deadline is not None:
        rule = item.deadline.rule
        lines += [
            tr("Rule: {code} ({citation})").format(code=rule.code, citation=rule.citation),
            "",
            item.deadline.explanation,
        ]
    if item.send_by is not None:
        lines += ["", tr("Send by {date} so that it is received in time.").format(date=format_date(item.send_by))]
    return "\n".join(lines)


def write_calendar(path: Path, calendar: Calendar) -> None:
    """Writes the file whole or not at all (a half-written calendar would confuse the program importing it)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_whole(path, lambda out: out.write(calendar.to_ical()))
