"""Reading and writing the settings table (one JSON text per key)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import SettingRow


def read_settings(session: Session) -> dict[str, str]:
    return {row.key: row.value for row in session.scalars(select(SettingRow))}


def write_setting(session: Session, key: str, value: str) -> None:
    row = session.get(SettingRow, key)
    if row is None:
        session.add(SettingRow(key=key, value=value))
    else:
        row.value = value
