"""The group's settings: read with defaults for anything never set, saved with an audit entry per change."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from typing import Any

from ..db.repositories import RecordRepository
from ..db.settings import read_settings, write_setting
from ..domain.entities import AuditEntry
from ..domain.enums import Jurisdiction
from ..domain.settings import Settings, validate_settings
from .register import Register

SETTINGS_RECORD = "settings"


def _to_json(name: str, value: Any) -> str:
    if name == "extra_holidays":
        value = [[day.isoformat(), label] for day, label in value]
    elif name == "reminder_days":
        value = {code: list(days) for code, days in sorted(value.items())}
    elif isinstance(value, date):
        value = value.isoformat()
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _from_json(name: str, text: str) -> Any:
    value = json.loads(text)
    if name == "extra_holidays":
        return tuple((date.fromisoformat(day), label) for day, label in value)
    if name == "reminder_days":
        return {code: tuple(days) for code, days in value.items()}
    if name == "default_jurisdiction":
        return Jurisdiction(value)
    if name == "new_regime_commencement":
        return date.fromisoformat(value) if value else None
    return value


def _settings_from(stored: dict[str, str]) -> Settings:
    known = {f.name for f in dataclasses.fields(Settings)}
    return Settings(**{name: _from_json(name, text) for name, text in stored.items() if name in known})


def load_settings(register: Register) -> Settings:
    """The register's settings; anything never set has its default."""
    with register.reading() as session:
        return _settings_from(read_settings(session))


def _merged(name: str, based_on: Any, wanted: Any, current: Any) -> Any:
    """The value to store: the caller's change (from ``based_on`` to ``wanted``) applied to what is stored now.

    Holidays and reminders are merged entry by entry, so a holiday another process added meanwhile stays; any
    other setting the caller changed takes the caller's value, and one it did not change keeps the stored one.
    """
    if based_on == wanted:
        return current
    if name == "extra_holidays":
        before, after, now = dict(based_on), dict(wanted), dict(current)
        for day in before.keys() - after.keys():
            now.pop(day, None)
        now.update({day: label for day, label in after.items() if before.get(day) != label})
        return tuple(sorted(now.items()))
    if name == "reminder_days":
        now = dict(current)
        for code in based_on.keys() - wanted.keys():
            now.pop(code, None)
        now.update({code: days for code, days in wanted.items() if based_on.get(code) != days})
        return now
    return wanted


def save_settings(register: Register, settings: Settings, based_on: Settings | None = None) -> Settings:
    """Validates and saves the settings; each changed setting is written and audited. Returns them as saved.

    ``based_on`` is what the caller read before making its changes: only those changes are applied, to the
    settings as they are when the write begins, so a change made meanwhile by someone else (a holiday added on
    the command line while the Settings dialog was open) is kept. Without it, ``settings`` replaces everything.
    Reading and writing happen in one transaction, which holds the register's write lock throughout.
    """
    settings = validate_settings(settings)
    now = register.clock()
    with register.transaction() as session:
        before = _settings_from(read_settings(session))
        base = before if based_on is None else based_on
        merged = validate_settings(
            dataclasses.replace(
                settings,
                **{
                    f.name: _merged(f.name, getattr(base, f.name), getattr(settings, f.name), getattr(before, f.name))
                    for f in dataclasses.fields(Settings)
                },
            )
        )
        audit = []
        for field in dataclasses.fields(Settings):
            old, new = getattr(before, field.name), getattr(merged, field.name)
            if old != new:
                write_setting(session, field.name, _to_json(field.name, new))
                audit.append(
                    AuditEntry(
                        at=now,
                        user=register.user,
                        action="update",
                        record_kind=SETTINGS_RECORD,
                        record_reference=SETTINGS_RECORD,
                        field=field.name,
                        old_value=_to_json(field.name, old),
                        new_value=_to_json(field.name, new),
                    )
                )
        RecordRepository(session).add_audit(audit)
    return merged
