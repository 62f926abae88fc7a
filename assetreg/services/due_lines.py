"""What the due index stores of a case, and back: its lines (the deadlines still to be met and what is in force,
as JSON) and the days the case holds for. Values only: no database, no SQLAlchemy; ``services.due_index``
reads and writes them.
"""

from __future__ import annotations

import dataclasses
import json
import typing
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any

from ..domain import entities as e
from ..domain.asset_deadlines import AssetDeadline
from ..domain.case import Case, InForce
from ..domain.deadlines import Deadline
from ..domain.enums import Jurisdiction, Period
from ..domain.rules import Event, Rule, rule
from ..domain.status import AssetStatus, NoticeStatus, listing_end

DEADLINE, IN_FORCE = "deadline", "in_force"


@dataclass(frozen=True, slots=True)
class InForceAsset:
    """The asset a line of "In force now" belongs to, as its case names it on the day asked."""

    asset_ref: str
    asset_name: str
    day: date


# the days a case holds for


@cache
def _fields(cls: type) -> tuple[str, ...]:
    """The fields of a dataclass that may hold a date: not those declared as text, numbers, flags or codes."""
    try:
        hints = typing.get_type_hints(cls)
    except Exception:  # noqa: BLE001 - a name only a type checker sees: look into every field
        hints = {}
    return tuple(f.name for f in dataclasses.fields(cls) if f.name != "day" and _may_hold_dates(hints.get(f.name, Any)))


_PLAIN = (str, int, float, bytes, Rule)  # a bool is an int, a code (StrEnum) a str; a rule's dates are not a case's


def _may_hold_dates(hint: Any) -> bool:
    origin = typing.get_origin(hint)
    if origin is None:
        return not (hint is type(None) or (isinstance(hint, type) and issubclass(hint, _PLAIN)))
    if origin is typing.Literal:
        return False
    args = [arg for arg in typing.get_args(hint) if arg is not Ellipsis]  # Optional, Union, tuple[...], dict[...]
    return not args or any(_may_hold_dates(arg) for arg in args)


_DATE, _NOTHING, _VALUES, _ITEMS = "date", "nothing", "values", "items"
_HOW: dict[type, Any] = {}  # how to look into a value of each type: one of the above, or a dataclass's fields


def _how(kind: type) -> Any:
    """How ``_dates`` looks into a value of type ``kind``: the tests isinstance would make of every value, made
    once per type (a 100,000-asset register has some six million values in its cases)."""
    if issubclass(kind, date):
        how = _DATE
    elif issubclass(kind, Rule | str | int | float | bool) or kind is type(None):
        how = _NOTHING
    elif dataclasses.is_dataclass(kind):
        how = _fields(kind)
    elif issubclass(kind, dict):
        how = _VALUES
    elif issubclass(kind, tuple | list | set | frozenset):
        how = _ITEMS
    else:
        how = _NOTHING
    _HOW[kind] = how
    return how


def _dates(value: Any, found: set[date]) -> None:
    """Adds to ``found`` every date in ``value``: in it, its fields, items and values, however deep (no
    recursion: a stack of what is still to look into, four times faster)."""
    waiting = [value]
    take, put, put_all, add, known = waiting.pop, waiting.append, waiting.extend, found.add, _HOW.get
    while waiting:
        value = take()
        how = known(type(value)) or _how(type(value))
        if how is _NOTHING:
            continue
        if how is _DATE:
            add(value)
        elif how is _ITEMS:
            put_all(value)
        elif how is _VALUES:
            put_all(value.values())
        else:
            for name in how:
                put(getattr(value, name))


def valid_until(case: Case) -> date:
    """The last day on which the case of the same facts says the same as on ``case.day``.

    Every rule compares the day with dates found in the facts or in the case (``day < x``, ``day > x``...), so
    the answer can change only on such a date or the day after it: the case holds until the day before the
    first of them after its day (or just its day, when one falls on it).
    """
    found: set[date] = set()
    _dates(case.facts, found)
    _dates((case.notices, case.listing_ends_on, case.in_force, case.deadlines), found)
    found.update(listing_end(x) for x in case.facts.list_entries)
    later = [x for x in found if x >= case.day]
    if not later:
        return date.max
    first = min(later)
    return case.day if first == case.day else first - timedelta(days=1)


# lines


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _deadline_json(d: Deadline) -> list:
    return [
        d.code,
        d.date.isoformat(),
        d.trigger_event.value,
        d.trigger_date.isoformat(),
        d.jurisdiction.value,
        d.conditional,
        d.provisional,
        d.non_working_day,
        d.holiday_name,
        _iso(d.act_by),
        _iso(d.published_date),
        d.published_basis,
        d.base_code,
        _iso(d.base_date),
        _iso(d.alternative_date),
        d.published_of,
        [d.comes_after[0], d.comes_after[1].isoformat()] if d.comes_after else None,
    ]


# Codes back to their values by lookup: a register's index holds tens of thousands of lines, and calling the enum
# for each code takes as long as the rest of reading the line.
_EVENTS = {member.value: member for member in Event}
_JURISDICTIONS = {member.value: member for member in Jurisdiction}
_PERIODS = {member.value: member for member in Period}
_day_of = date.fromisoformat


def _deadline_of(v: list) -> Deadline:
    return Deadline(
        rule(v[0]),
        _day_of(v[1]),
        _EVENTS[v[2]],
        _day_of(v[3]),
        _JURISDICTIONS[v[4]],
        v[5],
        v[6],
        v[7],
        v[8],
        _day(v[9]),
        _day(v[10]),
        v[11],
        v[12],
        _day(v[13]),
        _day(v[14]),
        v[15],
        (v[16][0], _day_of(v[16][1])) if v[16] else None,
    )


def _task_json(t: e.UserDeadline) -> list:
    return [t.reference, t.title, t.due_on.isoformat(), t.asset_ref, t.lead_days, _iso(t.done_on), t.notes]


def _task_of(v: list) -> e.UserDeadline:
    return e.UserDeadline(
        reference=v[0],
        title=v[1],
        due_on=date.fromisoformat(v[2]),
        asset_ref=v[3],
        lead_days=v[4],
        done_on=_day(v[5]),
        notes=v[6],
    )


def item_payload(item: AssetDeadline) -> str:
    """A deadline still to be met, as a line stores it."""
    return json.dumps(
        [
            item.asset_name,
            item.record_ref,
            _deadline_json(item.deadline) if item.deadline is not None else None,
            _task_json(item.task) if item.task is not None else None,
            list(item.reminder_days),
            _iso(item.send_by),
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )


def _decoded(lines: Sequence[tuple[str, int, str]]) -> list:
    # The payloads of many lines as one JSON document: decoded in a fraction of the time one by one takes.
    return json.loads("[" + ",".join(payload for _, _, payload in lines) + "]")


def items_of(lines: Sequence[tuple[str, int, str]]) -> list[tuple[AssetDeadline, int]]:
    """Lines (asset, position, payload) of deadlines back as the deadlines, with their positions."""
    found = []
    for (asset_ref, position, _), value in zip(lines, _decoded(lines), strict=True):
        name, record_ref, deadline, task, reminders, send_by = value
        item = AssetDeadline(
            asset_ref,
            name,
            record_ref,
            _deadline_of(deadline) if deadline is not None else None,
            _task_of(task) if task is not None else None,
            tuple(reminders),
            _day(send_by),
        )
        found.append((item, position))
    return found


def in_force_payload(case: Case, x: InForce) -> str:
    value = [
        case.asset_name,
        x.period.value,
        x.record_ref,
        x.starts_on.isoformat(),
        x.ends_on.isoformat(),
        x.rule.code,
        x.provisional,
    ]
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def in_force_of(lines: Sequence[tuple[str, int, str]], day: date) -> list[tuple[tuple[InForceAsset, InForce], int]]:
    """Lines (asset, position, payload) of what is in force back as (its asset, what is in force), with their
    positions. The lines of one asset share its ``InForceAsset``."""
    found, owners = [], {}
    for (asset_ref, position, _), value in zip(lines, _decoded(lines), strict=True):
        name, period, record_ref, starts_on, ends_on, code, provisional = value
        owner = owners.get(asset_ref)
        if owner is None:
            owner = owners[asset_ref] = InForceAsset(asset_ref, name, day)
        x = InForce(_PERIODS[period], record_ref, _day_of(starts_on), _day_of(ends_on), rule(code), provisional)
        found.append(((owner, x), position))
    return found


def lines_of(case: Case) -> list[tuple[str, str, int, date, str]]:
    """The case's lines for the index: its deadlines still to be met, and what is in force, in its own order.

    A date passed by the case's day that is no longer worth doing can never be due again, so it is left out.
    """
    day, ref, found = case.day, case.asset_ref, []
    for position, item in enumerate(case.deadlines or ()):
        if item.done or (item.date < day and not item.overdue(day)):
            continue
        found.append((ref, DEADLINE, position, item.date, item_payload(item)))
    for position, x in enumerate(case.in_force):
        found.append((ref, IN_FORCE, position, x.ends_on, in_force_payload(case, x)))
    return found


def status_text(status: AssetStatus | NoticeStatus) -> str:
    """A status as the index keeps it: "asset:listed", "notice:interim-moratorium"."""
    return ("notice:" if isinstance(status, NoticeStatus) else "asset:") + status.value


def status_of(text: str) -> AssetStatus | NoticeStatus:
    kind, _, value = text.partition(":")
    return NoticeStatus(value) if kind == "notice" else AssetStatus(value)
