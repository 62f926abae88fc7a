"""An open register: the file, its sessions, who is making changes and what time it is."""

from __future__ import annotations

import getpass
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from ..db.engine import OpenedRegister, open_register
from ..domain.records import RecordKind


@dataclass(frozen=True)
class Changes:
    """Which kinds of record a use case changed, so each view refreshes only what it shows."""

    kinds: frozenset[RecordKind] = frozenset()

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.kinds | other.kinds)

    def __bool__(self) -> bool:
        return bool(self.kinds)


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (some containers and services)
        return "unknown"


@dataclass
class Register:
    """The register a person is working on. Services take it and open their own transactions."""

    opened: OpenedRegister
    user: str = field(default_factory=_os_user)
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    # The day the register is looked at, when not today: every status and deadline is worked out as of it.
    # The clock still stamps changes, so the audit trail keeps the real time of each one.
    day: date | None = None

    def __post_init__(self) -> None:
        self._sessions = sessionmaker(self.opened.engine, expire_on_commit=False)

    @classmethod
    def open(cls, path: Path, *, create: bool = False) -> Register:
        """Opens the register at ``path`` (migrating it after a backup); ``create`` makes a new one."""
        return cls(open_register(path, create=create))

    @property
    def path(self) -> Path:
        return self.opened.path

    def today(self) -> date:
        """The day the register is looked at: ``day`` when set, else today where the user is (local, not UTC)."""
        if self.day is not None:
            return self.day
        return self.clock().astimezone().date()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed together at the end, or not at all."""
        with self._sessions() as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reading only."""
        with self._sessions() as session:
            yield session

    def close(self) -> None:
        self.opened.engine.dispose()

    def __enter__(self) -> Register:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
