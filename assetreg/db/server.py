"""A shared register on a database server (PostgreSQL, through psycopg 3). Server details live here.

A register file is one SQLite database; a shared register is one PostgreSQL database that several people open
at once. It is named by a URL (``postgresql://user@host/register``). Before anything is written it is looked at:
an unreachable server, a database that is not a register, or one made by a newer AssetReg is refused in plain
words. An empty database is made into a register only when asked (``assetreg init``); an older one is upgraded
inside one transaction (PostgreSQL's schema changes are transactional, so a failed upgrade leaves it as it was).

Writers are taken one at a time, as SQLite's ``BEGIN IMMEDIATE`` does for a file: every writing transaction
first takes one transaction-scoped advisory lock, so a read-modify-write (the next reference, a setting) can never
interleave with another person's. Readers never wait for it.
"""

from __future__ import annotations

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from ..domain.errors import RegisterRefusedError
from ..domain.i18n import tr

SCHEMES = ("postgresql", "postgres")
# The key of the one advisory lock every writer takes (any constant: "AssetReg" in ASCII, as a bigint).
WRITER_LOCK = 0x4173736574526567


def is_database_url(location: object) -> bool:
    """Whether ``location`` names a database on a server (a URL), rather than a register file."""
    if not isinstance(location, str) or "://" not in location:
        return False
    scheme = location.split("://", 1)[0].split("+", 1)[0].lower()
    return scheme in SCHEMES


def normal_url(location: str) -> str:
    """The URL with the psycopg 3 driver named, so ``postgresql://`` works as people write it."""
    scheme, rest = location.split("://", 1)
    return f"postgresql+psycopg://{rest}" if "+" not in scheme else f"postgresql+{scheme.split('+', 1)[1]}://{rest}"


def shown_url(location: str) -> str:
    """The URL as shown to people and written in messages: without any password, without the driver."""
    try:
        url = make_url(normal_url(location))
    except ArgumentError:
        return location
    return _without_password(url, "postgresql").render_as_string(hide_password=False)


def url_to_remember(location: str) -> str:
    """The URL as given but without any password (kept in the person's settings; the password belongs in
    PostgreSQL's own password file, or is asked for by the server's login)."""
    try:
        url = make_url(location)
    except ArgumentError:
        return location
    if not url.password:
        return location
    return _without_password(url, location.split("://", 1)[0]).render_as_string(hide_password=False)


def _without_password(url: URL, drivername: str) -> URL:
    return URL.create(drivername, url.username, None, url.host, url.port, url.database, url.query)


def _refused(location: str, why: str) -> RegisterRefusedError:
    return RegisterRefusedError(
        tr("AssetReg cannot open the shared register {url}: {why}. Nothing was changed.").format(
            url=shown_url(location), why=why
        )
    )


def make_server_engine(location: str) -> Engine:
    """An engine on the shared register; writing transactions (``writing=True``) take the writers' lock."""
    try:
        engine = create_engine(normal_url(location), pool_pre_ping=True, pool_size=2, max_overflow=3)
    except (ArgumentError, NoSuchModuleError) as error:
        raise _refused(location, tr("the address is not one AssetReg understands ({error})").format(error=error)) from (
            error
        )

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        if connection.get_execution_options().get("writing", False):
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITER_LOCK})")

    return engine


def reach(engine: Engine, location: str) -> None:
    """Refuses, in plain words, a server that cannot be reached or a database that cannot be logged in to."""
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except DBAPIError as error:
        detail = " ".join(str(getattr(error, "orig", error)).split())[:200]
        raise _refused(
            location,
            tr(
                "the server could not be reached or refused the login ({detail}); check the address and that the "
                "server is running"
            ).format(detail=detail),
        ) from error


def server_revision(engine: Engine, location: str) -> str | None:
    """The schema revision of the shared register; None when the database is empty. Refuses anything else."""
    with engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
        if not tables:
            return None
        if "alembic_version" not in tables or "assets" not in tables:
            raise _refused(location, tr("the database holds other tables, but is not an AssetReg register"))
        row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
    if row is None:
        raise _refused(location, tr("the database is not an AssetReg register"))
    return row[0]


def role_of(engine: Engine) -> str:
    """The database role this register is opened as: the person, in the audit trail."""
    with engine.connect() as connection:
        return connection.execute(text("SELECT current_user")).scalar_one()


def why_read_only_role(engine: Engine) -> str:
    """Why this role may only read the shared register (its database role has no right to change it), else ""."""
    with engine.connect() as connection:
        may_write = connection.execute(
            text("SELECT has_table_privilege(current_user, 'audit_entries', 'INSERT')")
        ).scalar_one()
        role = connection.execute(text("SELECT current_user")).scalar_one()
    return "" if may_write else tr("the database role {role} may look but not change").format(role=role)
