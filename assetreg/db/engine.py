"""Opening a register file: refuse what is not a register, back up before migrating, then migrate to head.

A file that is not a register, is damaged, or was written by a newer AssetReg is refused before anything
writes to it: it is first inspected through a read-only connection. An older register is copied to a
timestamped backup beside it (with SQLite's online backup, so a pending write-ahead log is included) and only
then upgraded. SQLite-specific details live here and nowhere else; a shared register on a database server is
opened through ``db.server``, and ``open_register`` is the one place that chooses between the two.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, event

from ..domain.errors import RegisterDamagedError, RegisterRefusedError
from ..domain.i18n import tr
from . import server
from .store import Store, file_store, server_store

if TYPE_CHECKING:
    from alembic.config import Config

SQLITE_HEADER = b"SQLite format 3\x00"
BACKUP_SUFFIX = ".backup-"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OpenedRegister:
    engine: Engine
    path: Path | None  # the register file; None for a shared register on a server
    backup: Path | None  # the copy made before a migration, if one was needed
    created: bool
    read_only: str = ""  # why the register can only be read (a read-only file, folder or disk), else ""
    url: str = ""  # a shared register's address (as given), else ""
    role: str = ""  # the database role a shared register is opened as, else ""
    # The check of every page, when it was left to run beside the opening (``check_later``): it gives what is
    # damaged, or "" when the file is sound.
    checking: Future[str] | None = None

    @property
    def shared(self) -> bool:
        """Whether this is a shared register on a database server rather than a file."""
        return bool(self.url)

    @property
    def store(self) -> Store:
        """Where the register is kept, as far as who may write and how it is backed up go."""
        if self.path is not None:
            return file_store(self.path)
        return server_store(self.location.split("?")[0].split("/")[-1])

    @property
    def location(self) -> str:
        """Where the register is, as shown to people: the file's path, or the server's address (no password)."""
        return server.shown_url(self.url) if self.url else str(self.path)


# The migration scripts: Alembic's script location, and where the newest revision is read from.
MIGRATIONS = resources.files("assetreg.db") / "migrations"


def alembic_config() -> Config:
    from alembic.config import Config  # Alembic is loaded only to migrate or inspect revisions, not at each start

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def known_revisions() -> set[str]:
    """Every schema revision. Revisions are numbered 0001, 0002… in one line, each file named after its number,
    so they are read from the files' names without loading Alembic at each start (tests check the names against
    Alembic's own revisions)."""
    names = {f.name.split("_", 1)[0] for f in (MIGRATIONS / "versions").iterdir() if f.name.endswith(".py")}
    return {name for name in names if name.isdigit()}


def head_revision() -> str:
    """The newest schema revision: the highest number (tests check that it is Alembic's own head)."""
    return max(known_revisions())


def make_engine(path: Path, *, read_only: str = "") -> Engine:
    """An engine on the register file with foreign keys enforced and a write-ahead log.

    Write transactions (``execution_options(writing=True)``) begin with ``BEGIN IMMEDIATE``: the write lock is
    taken before anything is read, so a read-modify-write (the next reference, the settings) can never be
    interleaved with another process's, and a busy register is waited for (``busy_timeout``) rather than failing.
    ``read_only`` (a reason) opens the file with ``mode=ro``, or ``immutable=1`` where no -shm file can be made.
    """
    if read_only:
        uri = f"{path.resolve().as_uri()}?mode=ro"
        if not _folder_writable(path) and not _has_wal(path):
            uri += "&immutable=1"  # a read-only folder or disk: SQLite could make no -shm file beside it
        engine = create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False))
    else:
        engine = create_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # transactions are begun below, by SQLAlchemy's begin event
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        if not read_only:
            cursor.execute("PRAGMA journal_mode = WAL")
            # FULL: a committed change survives a power cut; the register is small and writes are few.
            cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA busy_timeout = 5000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        writing = connection.get_execution_options().get("writing", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writing and not read_only else "BEGIN")

    return engine


def _has_wal(path: Path) -> bool:
    wal = path.with_name(path.name + "-wal")
    return wal.exists() and wal.stat().st_size > 0


def _folder_writable(path: Path) -> bool:
    return os.access(path.parent, os.W_OK) and not _on_read_only_disk(path.parent)


def _on_read_only_disk(path: Path) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except (AttributeError, OSError):  # no statvfs (Windows): os.access has said what it can
        return False


def why_read_only(path: Path) -> str:
    """Why the register at ``path`` can only be read (its disk, folder or file is read-only), else ""."""
    if _on_read_only_disk(path.parent):
        return tr("it is on a read-only disk")
    if not os.access(path.parent, os.W_OK):
        return tr("its folder cannot be written to")
    if not os.access(path, os.W_OK):
        return tr("the file is read-only")
    return ""


def open_register(path: Path | str, *, create: bool = False, check_later: bool = False) -> OpenedRegister:
    """Opens (or with ``create``, makes) the register at ``path`` — a file, or a shared register's URL —
    migrated to the current schema. This is the one place that tells the two apart.

    ``check_later`` (the desktop app) leaves SQLite's check of every page of a register file, which takes a
    while on a large one, to run on a thread of its own while the app starts (``OpenedRegister.checking``);
    whoever writes waits for its answer first. A file to be upgraded is checked before anything else.
    """
    if server.is_database_url(path):
        return open_server_register(str(path), create=create)
    path = Path(path)
    if not path.exists():
        if not create:
            raise RegisterRefusedError(
                tr(
                    "There is no register at {path}. Make one with “assetreg init --db {path}”, or try the demo with "
                    "“assetreg demo --db {path}”."
                ).format(path=path)
            )
        path.parent.mkdir(parents=True, exist_ok=True)
        engine = make_engine(path)
        _upgrade(engine)
        return OpenedRegister(engine, path, None, True)

    read_only = why_read_only(path)
    # Not for a file in another journal mode (changing it would wait for the check), nor one that can only be
    # read (the check's own connection could not make the files SQLite keeps beside a register it reads).
    later = check_later and not read_only and _in_wal_mode(path)
    revision = inspect_register(path, check_pages=not later)
    if later and revision != head_revision():
        inspect_register(path)  # about to be copied and upgraded: its pages are checked first
        later = False
    checking = check_pages_later(path) if later else None
    backup = None
    if revision != head_revision():
        if read_only:
            raise _refused(
                path,
                tr(
                    "it needs upgrading to this version of AssetReg, and {why}; copy it somewhere it can be changed"
                ).format(why=read_only),
            )
        backup = backup_register(path, revision)
    engine = make_engine(path, read_only=read_only)
    if backup is not None:
        _upgrade(engine)
    return OpenedRegister(engine, path, backup, False, read_only, checking=checking)


def open_server_register(url: str, *, create: bool = False) -> OpenedRegister:
    """Opens the shared register at ``url``; ``create`` makes the schema in an empty database.

    An unreachable server, a database that is not a register, a register from a newer AssetReg, or (without
    ``create``) an empty database is refused before anything is written.
    """
    engine = server.make_server_engine(url)
    try:
        server.reach(engine, url)
        revision = server.server_revision(engine, url)
        if revision is None and not create:
            raise server._refused(
                url,
                tr("the database is empty; make it a register with “assetreg init --db {url}”").format(
                    url=server.shown_url(url)
                ),
            )
        if revision is not None and create:
            raise server._refused(url, tr("it is already a register; AssetReg will not make it again"))
        if revision is not None and revision not in known_revisions():
            raise RegisterRefusedError(
                tr(
                    "The shared register {url} was saved by a newer version of AssetReg (schema {revision}). "
                    "Install the newer version to open it. Nothing was changed."
                ).format(url=server.shown_url(url), revision=revision)
            )
        read_only = server.why_read_only_role(engine) if revision is not None else ""
        if revision != head_revision():
            if read_only:
                raise server._refused(
                    url, tr("it needs upgrading to this version of AssetReg, and {why}").format(why=read_only)
                )
            _upgrade(engine)  # one transaction: PostgreSQL undoes a failed schema change whole
        return OpenedRegister(engine, None, None, revision is None, read_only, url=url, role=server.role_of(engine))
    except BaseException:
        engine.dispose()
        raise


def inspect_register(path: Path, *, check_pages: bool = True) -> str:
    """The schema revision of an existing register, read without writing; refuses anything else (a damaged
    page too, unless ``check_pages`` is False: then ``check_pages_later`` looks)."""
    _check_header(path)
    # With no write-ahead log beside it the file is all there is, so open it immutable: SQLite then creates
    # no -shm/-wal files next to a file that may not even be ours.
    immutable = "" if path.with_name(path.name + "-wal").exists() else "&immutable=1"
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro{immutable}", uri=True)
    except sqlite3.Error as error:
        raise _refused(path, tr("it could not be read ({error})").format(error=error)) from error
    try:
        revision = _read_revision(connection)
        damage = quick_check(connection) if check_pages else []
        if damage:
            raise _damaged(path, damage[0])
    except sqlite3.DatabaseError as error:
        raise _damaged(path, str(error)) from error
    finally:
        connection.close()
    if revision is None:
        raise _refused(path, tr("it is a database, but not an AssetReg register"))
    if revision not in known_revisions():
        raise RegisterRefusedError(
            tr(
                "{path} was saved by a newer version of AssetReg (schema {revision}). Install the newer version to "
                "open it. The file has not been changed."
            ).format(path=path, revision=revision)
        )
    return revision


def _check_header(path: Path) -> None:
    """Refuses files that are not SQLite databases, or whose pages stop short of what the header promises."""
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as error:
        raise _refused(path, tr("it could not be read ({error})").format(error=error.strerror)) from error
    if len(header) < 100 or not header.startswith(SQLITE_HEADER):
        raise _refused(path, tr("it is not an AssetReg register (not a database file)"))
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    page_count = int.from_bytes(header[28:32], "big")
    change_counter, valid_for = header[24:28], header[92:96]
    # The page count in the header is only trustworthy when written by SQLite 3.7+ (the two counters agree), and
    # only when no write-ahead log holds pages still to be copied in: a checkpoint cut short (the disk filled up)
    # leaves a file shorter than its header says, whole with its log, and SQLite reads the rest from there.
    wal = path.with_name(path.name + "-wal")
    logged = wal.exists() and wal.stat().st_size > 0
    if change_counter == valid_for and page_count and not logged and path.stat().st_size < page_size * page_count:
        why = tr("it is damaged: the file is shorter than it should be (perhaps a copy was cut off)")
        raise _refused(path, why, damaged=True)


def _read_revision(connection: sqlite3.Connection) -> str | None:
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "alembic_version" not in tables or "assets" not in tables:
        return None
    row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return row[0] if row else None


def _in_wal_mode(path: Path) -> bool:
    # The header's read and write versions are 2 for a database in write-ahead-log mode.
    with path.open("rb") as handle:
        return handle.read(20)[18:20] == b"\x02\x02"


def check_pages_later(path: Path) -> Future[str]:
    """SQLite's check of every page of the register at ``path``, on a thread of its own (SQLite works in C, beside
    Python): the future gives what is damaged, or "" when the file is sound. It reads a snapshot, so the
    register can be used meanwhile."""
    checked: Future[str] = Future()

    def check() -> None:
        try:
            connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
            try:
                damage = quick_check(connection)
            finally:
                connection.close()
            checked.set_result(_plain_detail(damage[0]) if damage else "")
        except sqlite3.Error as error:  # a page too damaged to read at all
            checked.set_result(str(error))
        except BaseException as error:
            log.exception("the register's pages could not be checked")
            checked.set_exception(error)

    threading.Thread(target=check, name="page check", daemon=True).start()
    return checked


def quick_check(connection: sqlite3.Connection) -> list[str]:
    """SQLite's cheap check of every page (no index-to-table cross-check): what is wrong, or nothing."""
    return [row[0] for row in connection.execute("PRAGMA quick_check") if row[0] != "ok"]


def _damaged(path: Path, detail: str) -> RegisterRefusedError:
    why = tr("it is damaged ({detail})").format(detail=_plain_detail(detail)[:200])
    return RegisterDamagedError(
        tr(
            "AssetReg cannot open {path}: {why}. The file has not been changed. Restore the latest good backup: list "
            "them with “assetreg backups --db {path}”, then “assetreg restore BACKUP --db {path}” (in the app: "
            "File ▸ Backups…)."
        ).format(path=path, why=why),
        why,
    )


def _plain_detail(detail: str) -> str:
    return " ".join(detail.replace("*** in database main ***", "").split())


def _refused(path: Path, why: str, *, damaged: bool = False) -> RegisterRefusedError:
    return (RegisterDamagedError if damaged else RegisterRefusedError)(
        tr(
            "AssetReg cannot open {path}: {why}. The file has not been changed. If it should be a register, restore "
            "a backup of it: list them with “assetreg backups --db {path}”, then “assetreg restore BACKUP --db "
            "{path}” (in the app: File ▸ Backups…)."
        ).format(path=path, why=why),
        why,
    )


def backup_register(path: Path, label: str = "") -> Path:
    """A consistent copy of the register beside it, named with the time (UTC) and the schema it had."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    base = f"{path.name}{BACKUP_SUFFIX}{stamp}{'-' + label if label else ''}"
    target, counter = path.with_name(base), 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{base}-{counter}")
    source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    destination = sqlite3.connect(target)
    try:
        source.backup(destination)
    finally:
        destination.close()
        source.close()
    return target


def _upgrade(engine: Engine) -> None:
    from alembic import command

    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
