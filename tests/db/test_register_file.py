"""Opening a register file: back up before migrating, refuse what is not a register, and leave it untouched."""

from __future__ import annotations

import hashlib
import re
import shutil
import sqlite3
import textwrap
from contextlib import closing
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from assetreg.db import engine as engine_module
from assetreg.db.engine import backup_register, current_revision, head_revision, inspect_register, open_register
from assetreg.domain import entities as e
from assetreg.domain.enums import AssetCategory
from assetreg.domain.errors import RegisterRefusedError
from assetreg.services.records import Records
from assetreg.services.register import Register

FAKE_REVISION = "9999"
NOW = datetime(2025, 9, 15, 10, 30, tzinfo=UTC)


# --- helpers --------------------------------------------------------------------------------------------


def add_records(path: Path, *, close: bool = True) -> Register:
    """Writes a few records through the services (as the app would) and closes the register unless told not to."""
    register = Register.open(path)
    register.user, register.clock = "tester", lambda: NOW
    records = Records(register)
    records.create(e.Authority(name="North Norfolk District Council", code="E07000147"))
    records.create(e.Asset(name="The Red Lion", category=AssetCategory.PUB, authority_ref="AUTH-0001"))
    records.create(e.Asset(name="The Old Forge", postcode="NR21 0AB"))
    records.create(e.DisposalNotice(asset_ref="AST-0001", sent_on=date(2025, 9, 1), received_on=date(2025, 9, 3)))
    if close:
        register.close()
    return register


def table_rows(path: Path, *, skip: frozenset[str] = frozenset()) -> dict[str, list[tuple]]:
    """Every row of every table but the schema version (and any named in ``skip``), in rowid order."""
    with closing(sqlite3.connect(path)) as connection:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        return {
            table: connection.execute(f'SELECT * FROM "{table}"').fetchall()
            for table in tables
            if table != "alembic_version" and table not in skip
        }


def schema_version(path: Path) -> list[tuple]:
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute("SELECT version_num FROM alembic_version").fetchall()


def fingerprint(path: Path) -> tuple[str, int, int]:
    """What must not change when a file is refused: its bytes, its size and its modification time."""
    stat = path.stat()
    return hashlib.sha256(path.read_bytes()).hexdigest(), stat.st_size, stat.st_mtime_ns


def backups_beside(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if ".backup-" in p.name)


def pretend_a_newer_release(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Makes the running code one schema revision ahead of every register on disk; returns the real head.

    Why this way: it tests the upgrade path on a register made now, with rows the test chooses, whatever the
    released fixtures hold (they are tested in test_migrations.py); and a register cannot be honestly made
    "older" from the outside — rewriting alembic_version to an unknown value is
    refused as a *newer* schema, and downgrading to base leaves a file with no tables, which is not a register.
    Instead the shipped revisions are copied, unchanged, with one extra test-only revision on top (it adds a
    marker table and a row), and ``MIGRATIONS`` (Alembic's script location) is pointed at that copy. Every part
    of ``open_register`` then runs for real — inspecting, backing up, upgrading through env.py — exactly as it
    will when 0002 ships.
    """
    real_head, real_revisions = head_revision(), engine_module.known_revisions()
    scripts = tmp_path / "migrations-with-a-newer-revision"
    shutil.copytree(
        Path(engine_module.__file__).resolve().parent / "migrations",
        scripts,
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    (scripts / "versions" / f"{FAKE_REVISION}_test_only.py").write_text(
        textwrap.dedent(
            f'''
            """test-only revision: one more than the real head"""
            import sqlalchemy as sa
            from alembic import op

            revision = "{FAKE_REVISION}"
            down_revision = "{real_head}"
            branch_labels = None
            depends_on = None


            def upgrade() -> None:
                op.create_table(
                    "upgrade_marker",
                    sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("note", sa.Text(), nullable=False),
                )
                op.execute("INSERT INTO upgrade_marker (id, note) VALUES (1, 'upgraded')")


            def downgrade() -> None:
                op.drop_table("upgrade_marker")
            '''
        ),
        encoding="utf-8",
    )

    monkeypatch.setattr(engine_module, "MIGRATIONS", scripts)
    assert head_revision() == FAKE_REVISION
    assert engine_module.known_revisions() == real_revisions | {FAKE_REVISION}
    return real_head


BACKUP_NAME = re.compile(r"register\.assetreg\.backup-(\d{8}T\d{6}Z)-(.+)")


# --- backup before migrating ----------------------------------------------------------------------------


def test_an_older_register_is_backed_up_beside_itself_before_it_is_upgraded(
    register_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_records(register_path)
    rows_before = table_rows(register_path)
    assert len(rows_before["assets"]) == 2
    old_revision = pretend_a_newer_release(tmp_path, monkeypatch)

    started = datetime.now(UTC).replace(microsecond=0)
    opened = open_register(register_path)
    finished = datetime.now(UTC)
    try:
        backup = opened.backup
        assert backup is not None
        assert opened.created is False
        assert backup.parent == register_path.parent
        match = BACKUP_NAME.fullmatch(backup.name)
        assert match, backup.name
        assert match.group(2) == old_revision
        stamp = datetime.strptime(match.group(1), "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
        assert started <= stamp <= finished
        assert backups_beside(register_path) == [backup.name]

        # The backup is a whole SQLite copy of the register as it was: old schema, same rows, no upgrade.
        with closing(sqlite3.connect(backup)) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert schema_version(backup) == [(old_revision,)]
        assert table_rows(backup) == rows_before
        assert inspect_register(backup) == old_revision

        # The register itself was upgraded, keeping its rows.
        assert current_revision(opened.engine) == FAKE_REVISION
        assert schema_version(register_path) == [(FAKE_REVISION,)]
        upgraded = table_rows(register_path)
        assert upgraded.pop("upgrade_marker") == [(1, "upgraded")]
        assert upgraded == rows_before
    finally:
        opened.engine.dispose()


def test_the_backup_includes_changes_still_in_the_write_ahead_log(
    register_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A register still open elsewhere (or left after a crash) has committed changes only in its -wal file.
    still_open = add_records(register_path, close=False)
    try:
        wal = register_path.with_name(register_path.name + "-wal")
        assert wal.exists() and wal.stat().st_size > 0
        with closing(sqlite3.connect(f"{register_path.resolve().as_uri()}?mode=ro", uri=True)) as connection:
            expected_assets = connection.execute("SELECT reference, name FROM assets ORDER BY id").fetchall()
        assert expected_assets == [("AST-0001", "The Red Lion"), ("AST-0002", "The Old Forge")]
        # The main file alone does not have them yet: a plain file copy would lose them.
        main_only = tmp_path / "main-file-only.assetreg"
        shutil.copyfile(register_path, main_only)
        with closing(sqlite3.connect(main_only)) as connection:
            assert connection.execute("SELECT count(*) FROM assets").fetchone() == (0,)

        pretend_a_newer_release(tmp_path, monkeypatch)
        opened = open_register(register_path)
        opened.engine.dispose()
    finally:
        still_open.close()

    assert opened.backup is not None
    with closing(sqlite3.connect(opened.backup)) as connection:
        assert connection.execute("SELECT reference, name FROM assets ORDER BY id").fetchall() == expected_assets
    # The backup is self-contained: nothing of it lives in a -wal file beside it.
    assert not opened.backup.with_name(opened.backup.name + "-wal").exists()


def test_a_register_at_the_head_is_opened_without_a_backup(register_path: Path) -> None:
    add_records(register_path)
    opened = open_register(register_path)
    opened.engine.dispose()
    assert opened.backup is None
    assert backups_beside(register_path) == []


def test_two_backups_in_the_same_second_are_both_kept_and_both_name_the_schema(
    register_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class FrozenClock(datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime(2025, 10, 11, 9, 15, 42, tzinfo=UTC)

    monkeypatch.setattr(engine_module, "datetime", FrozenClock)
    first = backup_register(register_path, "0001")
    second = backup_register(register_path, "0001")

    assert first.name == "register.assetreg.backup-20251011T091542Z-0001"
    assert second != first
    assert first.exists() and second.exists()
    # The second copy must still say which schema it holds (not just a counter that looks like a revision).
    assert second.name.startswith("register.assetreg.backup-20251011T091542Z-0001"), second.name


# --- refusals: each leaves the file exactly as it was ---------------------------------------------------------


def refused_message(path: Path, why: str) -> str:
    return (
        f"AssetReg cannot open {path}: {why}. The file has not been changed. If it should be a register, restore "
        f"a backup of it: list them with “assetreg backups --db {path}”, then “assetreg restore BACKUP --db {path}” "
        "(in the app: File ▸ Backups…)."
    )


def assert_refused_untouched(path: Path, message: str) -> None:
    before = fingerprint(path)
    with pytest.raises(RegisterRefusedError) as caught:
        open_register(path)
    assert str(caught.value) == message
    assert fingerprint(path) == before
    assert backups_beside(path) == []
    # The same refusal through the service layer's door.
    with pytest.raises(RegisterRefusedError):
        Register.open(path)
    assert fingerprint(path) == before


def test_a_register_from_a_newer_version_is_refused(register_path: Path) -> None:
    add_records(register_path)
    with closing(sqlite3.connect(register_path)) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'ffff_future'")
        connection.commit()
    assert_refused_untouched(
        register_path,
        f"{register_path} was saved by a newer version of AssetReg (schema ffff_future). Install the newer version "
        "to open it. The file has not been changed.",
    )
    assert RegisterRefusedError.exit_status == 3


def test_a_text_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "register.assetreg"
    path.write_text("Minutes of the committee meeting, Mon 15 Sep 2025.\n" * 20, encoding="utf-8")
    assert_refused_untouched(path, refused_message(path, "it is not an AssetReg register (not a database file)"))


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    # SQLite itself would happily treat an empty file as a new, empty database.
    path = tmp_path / "register.assetreg"
    path.write_bytes(b"")
    assert_refused_untouched(path, refused_message(path, "it is not an AssetReg register (not a database file)"))


def test_a_truncated_register_is_refused(register_path: Path, tmp_path: Path) -> None:
    add_records(register_path)
    path = tmp_path / "cut-off" / "register.assetreg"
    path.parent.mkdir()
    shutil.copyfile(register_path, path)
    full_size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.truncate(full_size // 2)
    assert path.stat().st_size == full_size // 2
    assert_refused_untouched(
        path,
        refused_message(path, "it is damaged: the file is shorter than it should be (perhaps a copy was cut off)"),
    )


@pytest.mark.parametrize(
    "tables",
    [
        ["CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)", "INSERT INTO recipes (name) VALUES ('Scones')"],
        # Another Alembic-managed application's database: it has a version, but it is not a register.
        [
            "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)",
            "INSERT INTO alembic_version VALUES ('0001')",
            "CREATE TABLE invoices (id INTEGER PRIMARY KEY)",
        ],
    ],
    ids=["other-table", "other-alembic-app"],
)
def test_a_database_that_is_not_a_register_is_refused(tmp_path: Path, tables: list[str]) -> None:
    path = tmp_path / "register.assetreg"
    with closing(sqlite3.connect(path)) as connection:
        for statement in tables:
            connection.execute(statement)
        connection.commit()
    assert_refused_untouched(path, refused_message(path, "it is a database, but not an AssetReg register"))


def test_a_missing_register_is_refused_with_how_to_make_one(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "register.assetreg"
    with pytest.raises(RegisterRefusedError) as caught:
        open_register(path)
    assert str(caught.value) == (
        f"There is no register at {path}. Make one with “assetreg init --db {path}”, or try the demo with "
        f"“assetreg demo --db {path}”."
    )
    assert not path.parent.exists()


def test_create_makes_the_folder_and_a_register_at_the_head(tmp_path: Path) -> None:
    path = tmp_path / "new" / "folder" / "register.assetreg"
    opened = open_register(path, create=True)
    try:
        assert opened.created is True
        assert opened.backup is None
        assert current_revision(opened.engine) == head_revision()
    finally:
        opened.engine.dispose()
    # Creating again opens the existing register rather than starting over.
    again = open_register(path, create=True)
    again.engine.dispose()
    assert again.created is False


# --- the engine's connections ----------------------------------------------------------------------------


def test_every_connection_enforces_foreign_keys_and_uses_the_write_ahead_log(register_path: Path) -> None:
    opened = open_register(register_path)
    try:
        with opened.engine.connect() as first, opened.engine.connect() as second:
            for connection in (first, second):
                assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
                assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
                assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
                assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
        # And foreign keys are really enforced, not just switched on.
        with pytest.raises(IntegrityError), opened.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO user_deadlines (reference, created_at, updated_at, title, due_on, asset_ref, "
                    "lead_days) VALUES ('TSK-0001', '2025-09-15', '2025-09-15', 'Call', '2025-10-01', 'AST-0999', 7)"
                )
            )
    finally:
        opened.engine.dispose()
