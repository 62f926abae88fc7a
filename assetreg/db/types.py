"""Column types that store domain values portably (plain strings and numbers, no native enums)."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import DateTime, String, Text
from sqlalchemy.types import TypeDecorator


class CodeEnum(TypeDecorator[StrEnum]):
    """A domain enum stored as its stable code, so adding a member never needs a schema change."""

    impl = String(48)
    cache_ok = True

    def __init__(self, enum_class: type[StrEnum]):
        super().__init__()
        self.enum_class = enum_class
        self._members = {member.value: member for member in enum_class}  # a dict is faster than Enum(value)

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        return None if value is None else self._members[value].value

    def process_result_value(self, value: Any, dialect: Any) -> StrEnum | None:
        return None if value is None else self._members[value]


class UTCDateTime(TypeDecorator[datetime]):
    """A moment stored as UTC and read back as an aware UTC datetime on every database."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Any) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class TextTuple(TypeDecorator[tuple]):
    """A short tuple of strings (title numbers) stored as one comma-separated text."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> str:
        return ", ".join(value or ())

    def process_result_value(self, value: Any, dialect: Any) -> tuple[str, ...]:
        return tuple(part.strip() for part in (value or "").split(",") if part.strip())
