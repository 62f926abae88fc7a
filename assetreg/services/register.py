"""An open register: the file, its sessions, who is making changes and what time it is."""

from __future__ import annotations

import getpass
import os
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from ..db.due_index import track
from ..db.engine import OpenedRegister, open_register
from ..db.health import plain_database_error
from ..domain.errors import ReadOnlyRegisterError, ValidationError
from ..domain.i18n import tr
from ..domain.records import RecordKind
from . import lock


@dataclass(frozen=True)
class Changes:
    """Which kinds of record a use case changed, so each view refreshes only what it shows."""

    kinds: frozenset[RecordKind] = frozenset()

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.kinds | other.kinds)

    def __bool__(self) -> bool:
        return bool(self.kinds)


NAME_LENGTH = 120  # the audit trail's column holds this many characters


def person_name(role: str = "", chosen: str = "") -> str:
    """Who the audit trail says made a change: the name the person set in the app's Settings (``chosen``), else
    the one set for the command line (``ASSETREG_USER``), else the database role a shared register is opened as,
    else the login name."""
    named = " ".join(chosen.split()) or " ".join(os.environ.get("ASSETREG_USER", "").split())
    return (named or role or _os_user())[:NAME_LENGTH]


def checked_person_name(text: str) -> str:
    """The name a person gives for the audit trail, tidied (spaces), or ``ValidationError`` saying what to do.
    An empty name is allowed: the trail then names the database role or the login name."""
    name = " ".join(text.split())
    if len(name) > NAME_LENGTH:
        raise ValidationError.single(
            "person_name",
            tr("A name can be at most {most} characters; this one has {count}. Shorten it.").format(
                most=NAME_LENGTH, count=len(name)
            ),
        )
    return name


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
        self._writing = sessionmaker(self.opened.engine.execution_options(writing=True), expire_on_commit=False)
        self.lock: lock.LockHolder | None = None  # the lock this register holds (the desktop app takes one)
        self.held_by: lock.LockHolder | None = None  # someone else's lock, when this one opened read-only for it
        # Told, once, before the first write, what is risky about the register's place (a synced folder…).
        self.warn: Callable[[str], None] | None = None

    def name_person(self, chosen: str) -> None:
        """The audit trail names the person by ``chosen`` (the name set in the app's Settings) from now on; an
        empty name falls back as ``person_name`` says."""
        self.user = person_name(self.opened.role, chosen)

    # who may write

    def claim(self, *, take_over: bool = False) -> lock.LockHolder | None:
        """Takes the lock on the register for this window; None when it is ours, else who holds it (then this
        register is read-only). ``take_over`` replaces a stale lock (ask first)."""
        guarded = self.opened.store.lock_file_of
        if self.opened.read_only or guarded is None:  # a server takes writers one at a time itself
            return None
        self.lock, self.held_by = lock.acquire(guarded, self.user, take_over=take_over)
        return self.held_by

    def keep_lock(self) -> None:
        """Says the lock's holder is still here (the app calls it every ``lock.HEARTBEAT``). When someone else has
        taken the lock over meanwhile, this register turns read-only, saying who has it."""
        if self.lock is None:
            return
        if not lock.still_mine(self.path, self.lock):
            self.held_by, self.lock = lock.read_lock(self.path), None
            if self.held_by is None:  # the lock file was removed: take it again, unless another window is quicker
                self.claim()
            return
        self.lock = lock.refresh(self.path, self.lock)

    @property
    def checking(self) -> Future[str] | None:
        """The check of every page of the file, still running or done, when it was left to run as the register
        opened (``open(check_later=True)``); its answer is what is damaged, or ""."""
        return self.opened.checking

    def checked(self) -> str:
        """Waits for the check of every page, if one runs; why the register must not be changed, or ""."""
        if self.opened.checking is not None:
            self.opened.checking.exception()  # waits; a check that could not run (logged) says nothing
        return self.read_only

    @property
    def read_only(self) -> str:
        """Why nothing can be changed in this register from here, or "" when it can be."""
        checking = self.opened.checking
        if checking is not None and checking.done() and not checking.exception() and checking.result():
            return tr(
                "{path} is damaged ({detail}), so nothing can be changed in it. Restore the latest good backup: "
                "File ▸ Backups…, or “assetreg restore BACKUP --db {path}”."
            ).format(path=self.location, detail=checking.result()[:200])
        if self.opened.read_only:
            return tr("{path} can only be read here: {why}.").format(path=self.location, why=self.opened.read_only)
        if self.held_by is not None:
            return tr("{path} is open for changes by {holder}; this window shows it read-only.").format(
                path=self.path, holder=self.held_by.describe()
            )
        return ""

    def _may_write(self) -> None:
        self.checked()
        if self.opened.store.lock_file_of is None:  # a server takes writers one at a time itself
            if self.read_only:
                raise ReadOnlyRegisterError(self.read_only + " " + tr("Nothing was changed."))
            return
        if self.warn is not None:
            from .places import place_warnings

            warn, self.warn = self.warn, None
            for warning in place_warnings(self.path):
                warn(warning)
        if self.read_only:
            raise ReadOnlyRegisterError(self.read_only + " " + tr("Nothing was changed."))
        if self.lock is not None:
            if not lock.still_mine(self.path, self.lock):
                taken = lock.read_lock(self.path)
                self.held_by, self.lock = taken, None
                if taken is not None:
                    raise ReadOnlyRegisterError(self.read_only + " " + tr("Nothing was changed."))
        else:
            lock.wait_until_free(self.path)

    @classmethod
    def open(cls, path: Path | str, *, create: bool = False, check_later: bool = False) -> Register:
        """Opens the register at ``path`` — a file, or a shared register's URL — migrating it (a file after a
        backup); ``create`` makes a new one. ``check_later``: the check of every page of the file runs while
        the register is used (``checking``); a damaged one turns read-only once it is found, and writes wait
        for the answer."""
        opened = open_register(path, create=create, check_later=check_later)
        return cls(opened, user=person_name(opened.role))

    @property
    def path(self) -> Path:
        """The register file (a shared register on a server has none: ask ``shared`` first)."""
        if self.opened.path is None:
            raise AttributeError("a shared register has no file")
        return self.opened.path

    @property
    def shared(self) -> bool:
        """Whether this is a shared register on a database server (several people at once), not a file."""
        return self.opened.shared

    @property
    def name(self) -> str:
        """A short name for the register: its file's name without the extension, or its database's name."""
        if self.opened.path is not None:
            return self.opened.path.stem
        return self.location.split("?", 1)[0].rsplit("/", 1)[-1] or "shared"

    @property
    def remembered(self) -> Path | str:
        """What to remember this register by (recent registers): its file, or its address without a password."""
        if self.opened.path is not None:
            return self.opened.path
        from ..db.server import url_to_remember

        return url_to_remember(self.opened.url)

    @property
    def location(self) -> str:
        """Where the register is, as shown to people: the file's path, or the server's address (no password)."""
        return self.opened.location

    def today(self) -> date:
        """The day the register is looked at: ``day`` when set, else today where the user is (local, not UTC)."""
        if self.day is not None:
            return self.day
        return self.clock().astimezone().date()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed together at the end, or not at all.

        It holds the register's write lock from its first statement (``BEGIN IMMEDIATE``), so whatever it reads
        is still so when it commits: read, decide and write inside one transaction, and nothing is lost to
        another writer. A failure of the file itself (damaged, read-only, full) is raised as a plain message.
        """
        self._may_write()
        try:
            with self._writing() as session, session.begin():
                touched = track(session)
                yield session
                session.flush()
                if touched:
                    # What's due kept ready follows every change that can move a date, in the same transaction.
                    from .due_index import settle

                    settle(session, touched, self.today())
        except DBAPIError as error:
            raise (plain_database_error(error, self.location) or error) from error

    @contextmanager
    def keeping(self) -> Iterator[Session | None]:
        """A write transaction for data derived from the records (What's due kept ready), or None when this
        window may not write now. Unlike ``transaction`` it never waits for another writer's lock and never
        warns (it may run off the GUI thread): derived data is simply not kept this time."""
        if self.checked():
            yield None
            return
        if self.opened.store.lock_file_of is not None:  # else writers queue on the server (briefly)
            mine = self.lock is not None and lock.still_mine(self.path, self.lock)
            if not (mine or (self.lock is None and lock.read_lock(self.path) is None)):
                yield None
                return
        with self._writing() as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reading only."""
        try:
            with self._sessions() as session:
                yield session
        except DBAPIError as error:
            raise (plain_database_error(error, self.location) or error) from error

    def close(self) -> None:
        if self.lock is not None:
            lock.release(self.path, self.lock)
            self.lock = None
        self.opened.engine.dispose()

    def __enter__(self) -> Register:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
