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


def load_settings(register: Register) -> Settings:
    """The register's settings; anything never set has its default."""
    with register.reading() as session:
        stored = read_settings(session)
    known = {f.name for f in dataclasses.fields(Settings)}
    return Settings(**{name: _from_json(name, text) for name, text in stored.items() if name in known})


def save_settings(register: Register, settings: Settings) -> Settings:
    """Validates and saves the settings; each changed setting is written and audited."""
    settings = validate_settings(settings)
    before = load_settings(register)
    now = register.clock()
    with register.transaction() as session:
        audit = []
        for field in dataclasses.fields(Settings):
            old, new = getattr(before, field.name), getattr(settings, field.name)
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
    return settings
