"""The shipped Alembic revisions build exactly the schema the models describe, and every released schema upgrades.

Fixture registers from released schemas live in ``tests/fixtures/registers/schema-<revision>.assetreg``. Each was
made by the AssetReg of that release, holds a few records, and must open (after a backup) with today's code.

How to add the fixture for a new revision, when it ships (say 0002):

1. Make sure 0002 is the head (``alembic heads`` or ``head_revision()``) and the services can write every kind.
2. From the project root run ``python tests/db/test_migrations.py 0002``; it writes
   ``tests/fixtures/registers/schema-0002.assetreg`` with ``make_release_fixture`` below.
3. Commit the file and never regenerate it: later code must keep opening it as it is. Add to ``EXPECTED_DATA``
   any new records the new fixture should be checked for (the ones ``make_release_fixture`` writes are already
   checked in every fixture).
"""

from __future__ import annotations

import ast
import shutil
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.environment import EnvironmentContext
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from assetreg.db import engine as engine_module
from assetreg.db.engine import alembic_config, current_revision, head_revision, inspect_register, open_register
from assetreg.db.models import Base
from assetreg.domain.records import RecordKind
from assetreg.domain.rules import ATR_DECIDE

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "registers"
ENV_PY = Path(engine_module.__file__).resolve().parent / "migrations" / "env.py"
FIXTURE_CLOCK = datetime(2025, 9, 15, 10, 30, tzinfo=UTC)
MAX_FIXTURE_BYTES = 200 * 1024


def _fixtures() -> list[Path]:
    return sorted(FIXTURES.glob("schema-*.assetreg"))


# --- building the head from nothing -----------------------------------------------------------------------


@pytest.fixture
def fresh_head(tmp_path: Path) -> Iterator[Path]:
    """A register made from an empty file by running every revision."""
    path = tmp_path / "new.assetreg"
    opened = open_register(path, create=True)
    assert opened.created is True
    assert opened.backup is None
    opened.engine.dispose()
    yield path


def test_an_empty_file_is_built_up_to_the_head(fresh_head: Path) -> None:
    with closing(sqlite3.connect(fresh_head)) as connection:
        versions = connection.execute("SELECT version_num FROM alembic_version").fetchall()
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert versions == [(head_revision(),)]
    assert tables == set(Base.metadata.tables) | {"alembic_version"}
    assert inspect_register(fresh_head) == head_revision()


def test_there_is_exactly_one_head_and_a_single_line_of_revisions() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    assert script.get_heads() == [head_revision()]
    assert len(script.get_bases()) == 1
    revisions = list(script.walk_revisions())
    # A single line: every revision but the first has exactly one parent, and no two share one.
    parents = [r.down_revision for r in revisions]
    assert all(isinstance(p, str) for p in parents if p is not None)
    assert len(set(parents)) == len(parents)
    # head_revision() reads the highest number among the files' names (without loading Alembic at start-up).
    assert all(Path(r.path).name.startswith(r.revision + "_") for r in revisions)
    assert engine_module.known_revisions() == {r.revision for r in revisions}
    assert {r.revision for r in revisions} == engine_module.known_revisions()


def test_the_engine_reports_the_head_revision(fresh_head: Path) -> None:
    opened = open_register(fresh_head)
    try:
        assert opened.backup is None
        assert current_revision(opened.engine) == head_revision()
    finally:
        opened.engine.dispose()


def _env_py_compare_options() -> dict[str, object]:
    """The compare options env.py passes to ``context.configure`` (read from its source, not assumed)."""
    tree = ast.parse(ENV_PY.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "configure"
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "context"
        ):
            return {
                kw.arg: ast.literal_eval(kw.value) for kw in node.keywords if kw.arg and kw.arg.startswith("compare_")
            }
    raise AssertionError("env.py does not call context.configure")


def test_env_py_compares_types_and_server_defaults() -> None:
    # If this changes, the comparison below must change with it: it stands in for `alembic revision --autogenerate`.
    assert _env_py_compare_options() == {"compare_type": True, "compare_server_default": True}


def _readable(diffs: list) -> str:
    lines = []
    for diff in diffs:
        for op in diff if isinstance(diff, list) else [diff]:
            lines.append(" ".join(str(part) for part in op[:4]))
    return "\n".join(lines)


def test_autogenerate_finds_nothing_between_the_models_and_the_migrated_database(fresh_head: Path) -> None:
    """The migrations build exactly what the models declare: the next autogenerated revision starts empty."""
    opened = open_register(fresh_head)
    try:
        with opened.engine.connect() as connection:
            context = MigrationContext.configure(
                connection,
                opts={
                    "target_metadata": Base.metadata,
                    **_env_py_compare_options(),
                },
            )
            diffs = compare_metadata(context, Base.metadata)
    finally:
        opened.engine.dispose()
    assert diffs == [], f"{len(diffs)} differences between models and migrations:\n{_readable(diffs)}"


def test_autogenerate_through_env_py_itself_finds_nothing(fresh_head: Path) -> None:
    """The same comparison, with the MigrationContext that env.py configures, as `alembic check` would run it."""
    config = alembic_config()
    script = ScriptDirectory.from_config(config)
    found: list = []

    def compare(_revision, context: MigrationContext):
        found.extend(compare_metadata(context, Base.metadata))
        assert context.opts["compare_type"] is True
        assert context.opts["compare_server_default"] is True
        return []

    opened = open_register(fresh_head)
    try:
        with opened.engine.connect() as connection:
            config.attributes["connection"] = connection
            with EnvironmentContext(config, script, fn=compare):
                script.run_env()
    finally:
        opened.engine.dispose()
    assert found == [], f"{len(found)} differences between models and migrations:\n{_readable(found)}"


# --- registers from released schemas ------------------------------------------------------------------------


def make_release_fixture(path: Path) -> None:
    """Writes a small register at the current head through the services, as a release would have made it.

    Run only when a new revision ships (see the module docstring); the committed files are never regenerated.
    """
    from assetreg.domain import entities as e
    from assetreg.domain.enums import AssetCategory, DisposalKind, Jurisdiction, PartyKind
    from assetreg.services.records import Records
    from assetreg.services.register import Register

    register = Register(open_register(path, create=True), user="fixture", clock=lambda: FIXTURE_CLOCK)
    records = Records(register)
    records.create(
        e.Authority(
            name="North Norfolk District Council",
            code="E07000147",
            jurisdiction=Jurisdiction.ENGLAND,
            address="Holt Road, Cromer",
            email="acv@north-norfolk.gov.uk",
            website="https://www.north-norfolk.gov.uk",
        )
    )
    records.create(e.Party(name="Jane Holloway", kind=PartyKind.PERSON, postcode="NR21 0AB"))
    records.create(
        e.Asset(
            name="The Red Lion",
            category=AssetCategory.PUB,
            authority_ref="AUTH-0001",
            address="1 The Street, Little Snoring",
            postcode="NR21 0AA",
            uprn="100091234567",
            title_numbers=("NK123456", "NK654321"),
            latitude=52.862,
            longitude=0.936,
            description="Village pub with a bowling green",
        )
    )
    records.create(
        e.DisposalNotice(
            asset_ref="AST-0001",
            owner_ref="PTY-0001",
            disposal_kind=DisposalKind.LEASE_GRANT,
            lease_term_years=99,
            vacant_possession=True,
            sent_on=date(2025, 9, 1),
            received_on=date(2025, 9, 3),
            notes="Letter from the owner's agent",
        )
    )
    # From schema 0002: the group's settings.
    from assetreg.domain.settings import Settings
    from assetreg.services.settings import save_settings

    save_settings(
        register,
        Settings(
            reminder_days={"ACV-IMP-END": (28, 7)},
            send_by_working_days=4,
            extra_holidays=((date(2026, 6, 15), "Local holiday"),),
        ),
    )
    # From schema 0003: the group's answer to a section of a transfer application's pack.
    from assetreg.services.applications import save_pack_answer

    records.create(e.TransferApplication(asset_ref="AST-0001", authority_ref="AUTH-0001", stage="full-application"))
    save_pack_answer(register, "TA-0001", "finance", FIXTURE_ANSWER)
    # From schema 0004: a deadline marked done, a community right to buy registration, and a group that says
    # whether it distributes surplus.
    from assetreg.domain.enums import LegalForm
    from assetreg.services.marks import mark_deadline

    records.create(
        e.CommunityGroup(
            name="Little Snoring Community Pub Ltd",
            legal_form=LegalForm.COMMUNITY_BENEFIT_SOCIETY,
            distributes_surplus=False,
        )
    )
    records.create(
        e.UserDeadline(title="Ask the council for the listing papers", due_on=date(2025, 9, 12), asset_ref="AST-0001")
    )
    mark_deadline(register, "TSK-0001/TASK", on=date(2025, 9, 14), notes=FIXTURE_MARK_NOTES)
    records.create(
        e.CrtbRegistration(asset_ref="AST-0001", registered_on=date(2025, 6, 2), community_body_ref="GRP-0001")
    )
    # From schema 0007: a transfer application made by a group other than the user's own.
    records.update("TA-0001", applicant_ref="GRP-0001")
    # From schema 0005: What's due kept ready (the due index), built by the first What's due.
    from assetreg.services.deadlines import whats_due

    whats_due(register)
    register.close()
    # Small and self-contained: one file with no -wal or -shm beside it. 1 KiB pages keep an empty table at 1 KiB.
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA journal_mode = DELETE")
        connection.execute("PRAGMA page_size = 1024")
        connection.execute("VACUUM")
        connection.execute("PRAGMA journal_mode = WAL")
    finally:
        connection.close()


FIXTURE_MARK_NOTES = "The papers came by email on 14 September"
FIXTURE_ANSWER = "Rent of £1 a year for 25 years;\nrunning costs of £6,200–£7,000 met from lettings."

# What every fixture must still hold after upgrading (written by make_release_fixture).
EXPECTED_DATA = {
    "AUTH-0001": {
        "name": "North Norfolk District Council",
        "code": "E07000147",
        "jurisdiction": "england",
        "website": "https://www.north-norfolk.gov.uk",
    },
    "PTY-0001": {"name": "Jane Holloway", "kind": "person", "postcode": "NR21 0AB"},
    "AST-0001": {
        "name": "The Red Lion",
        "category": "pub",
        "authority_ref": "AUTH-0001",
        "postcode": "NR21 0AA",
        "uprn": "100091234567",
        "title_numbers": ("NK123456", "NK654321"),
        "latitude": 52.862,
        "longitude": 0.936,
    },
    "DN-0001": {
        "asset_ref": "AST-0001",
        "owner_ref": "PTY-0001",
        "disposal_kind": "lease-grant",
        "lease_term_years": 99,
        "vacant_possession": True,
        "sent_on": date(2025, 9, 1),
        "received_on": date(2025, 9, 3),
        "notes": "Letter from the owner's agent",
    },
}


def test_there_is_a_fixture_for_every_revision() -> None:
    """House style 3: keep a fixture database from each released schema (see the module docstring to add one)."""
    named = {path.name.removeprefix("schema-").removesuffix(".assetreg") for path in _fixtures()}
    assert named == engine_module.known_revisions()


@pytest.mark.parametrize("fixture", _fixtures(), ids=lambda path: path.name)
def test_each_fixture_is_small_whole_and_of_the_revision_it_is_named_after(fixture: Path, tmp_path: Path) -> None:
    assert fixture.stat().st_size < MAX_FIXTURE_BYTES
    # Everything is in the one committed file; a -wal beside it would hold data a fresh checkout lacks.
    assert not fixture.with_name(fixture.name + "-wal").exists()
    assert not fixture.with_name(fixture.name + "-shm").exists()
    # Read a copy: even a read-only SQLite connection leaves -wal/-shm files beside a WAL-mode database.
    copy = tmp_path / fixture.name
    shutil.copyfile(fixture, copy)
    with closing(sqlite3.connect(copy)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert inspect_register(copy) == fixture.name.removeprefix("schema-").removesuffix(".assetreg")


def test_records_referred_to_by_others_upgrade_in_place(tmp_path: Path) -> None:
    """An upgrade adds columns without copying tables: a copy would drop tables others' foreign keys point at."""
    path = tmp_path / "register.assetreg"
    shutil.copyfile(FIXTURES / "schema-0004.assetreg", path)
    with closing(sqlite3.connect(path)) as connection:
        connection.execute(
            "INSERT INTO nominations (asset_ref, nominator_ref, decision, id, reference, created_at, updated_at) "
            "VALUES ('AST-0001', 'GRP-0001', 'pending', 99, 'NOM-0099', '2025-09-15 10:30:00', "
            "'2025-09-15 10:30:00')"
        )
        connection.commit()
    opened = open_register(path)
    try:
        assert current_revision(opened.engine) == head_revision()
        with opened.engine.connect() as connection:
            rows = connection.exec_driver_sql("SELECT reference, nominator_ref, version FROM nominations").fetchall()
        assert rows == [("NOM-0099", "GRP-0001", 1)]
    finally:
        opened.engine.dispose()


@pytest.mark.parametrize("fixture", _fixtures(), ids=lambda path: path.name)
def test_each_released_schema_opens_with_its_data(fixture: Path, tmp_path: Path) -> None:
    from assetreg.domain import entities as e
    from assetreg.services.check import check_register
    from assetreg.services.records import Records
    from assetreg.services.register import Register

    path = tmp_path / "register.assetreg"
    shutil.copyfile(fixture, path)
    old_revision = inspect_register(path)

    opened = open_register(path)
    register = Register(opened, user="tester", clock=lambda: FIXTURE_CLOCK)
    try:
        if old_revision == head_revision():
            assert opened.backup is None
            assert sorted(p.name for p in tmp_path.iterdir() if ".backup-" in p.name) == []
        else:
            # An older schema is copied, untouched, before it is upgraded.
            assert opened.backup is not None
            assert opened.backup.parent == tmp_path
            assert opened.backup.name.startswith("register.assetreg.backup-")
            assert opened.backup.name.endswith(f"-{old_revision}")
            assert inspect_register(opened.backup) == old_revision
            assert opened.backup.read_bytes() != b""
        assert current_revision(opened.engine) == head_revision()

        records = Records(register)
        for reference, fields in EXPECTED_DATA.items():
            record = records.get(reference)
            assert {name: getattr(record, name) for name in fields} == fields, reference
        assert [a.reference for a in records.list(RecordKind.ASSET)] == ["AST-0001"]
        history = records.history("AST-0001")
        assert [(h.action, h.user, h.at, h.new_value) for h in history] == [
            ("create", "fixture", FIXTURE_CLOCK, "The Red Lion")
        ]
        report = check_register(register)
        assert report.problems == ()
        assert report.counts["asset"] == 1
        assert report.counts["disposal-notice"] == 1

        from assetreg.domain.settings import Settings
        from assetreg.services.settings import load_settings

        settings = load_settings(register)
        if old_revision == "0001":  # settings arrived in 0002: an upgraded register has the defaults
            assert settings == Settings()
        else:
            assert settings.reminder_days == {"ACV-IMP-END": (28, 7)}
            assert settings.send_by_working_days == 4
            assert settings.extra_holidays == ((date(2026, 6, 15), "Local holiday"),)
        from assetreg.services.applications import pack_checklist, save_pack_answer

        if old_revision in ("0001", "0002"):  # pack answers arrived in 0003
            assert records.list(RecordKind.PACK_ANSWER) == []
        else:
            answer = records.get("ANS-0001")
            assert (answer.application_ref, answer.section, answer.answer) == ("TA-0001", "finance", FIXTURE_ANSWER)
            assert pack_checklist(register, "TA-0001").section("finance").answer == FIXTURE_ANSWER
        _check_schema_0004_data(register, records, old_revision)
        # 0007 names the applicant group; every application before it was the user's own group's.
        wanted = "GRP-0001" if old_revision >= "0007" else ""
        assert [a.applicant_ref for a in records.list(RecordKind.TRANSFER_APPLICATION)] == (
            [] if old_revision in ("0001", "0002") else [wanted]
        )
        # The register keeps working after the upgrade: new records continue the old numbering.
        assert records.create(e.Asset(name="The Old Forge")).value.reference == "AST-0002"
        application = records.create(e.TransferApplication(asset_ref="AST-0002", authority_ref="AUTH-0001")).value
        saved = save_pack_answer(register, application.reference, "insurance", "Public liability £5m.").value
        assert records.create(e.DeadlineMark(uid=f"{application.reference}/{ATR_DECIDE}")).value.reference == (
            "MRK-0002" if old_revision >= "0004" else "MRK-0001"
        )
        assert saved.reference == ("ANS-0001" if old_revision in ("0001", "0002") else "ANS-0002")
    finally:
        register.close()


def _check_schema_0004_data(register, records, old_revision: str) -> None:
    from assetreg.domain.enums import MarkState
    from assetreg.services.marks import find_deadline

    if old_revision in ("0001", "0002", "0003"):  # marks, registrations and distributes_surplus arrived in 0004
        assert records.list(RecordKind.DEADLINE_MARK) == []
        assert records.list(RecordKind.CRTB_REGISTRATION) == []
        return
    mark = records.get("MRK-0001")
    assert (mark.uid, mark.asset_ref, mark.state, mark.marked_on, mark.notes) == (
        "TSK-0001/TASK",
        "AST-0001",
        MarkState.DONE,
        date(2025, 9, 14),
        FIXTURE_MARK_NOTES,
    )
    task = find_deadline(register, "TSK-0001/TASK")
    assert (task.done, task.mark) == (True, mark)
    assert records.get("GRP-0001").distributes_surplus is False
    registration = records.get("CRB-0001")
    assert (registration.asset_ref, registration.registered_on, registration.community_body_ref) == (
        "AST-0001",
        date(2025, 6, 2),
        "GRP-0001",
    )


def test_a_group_from_before_0004_does_not_know_whether_it_distributes_surplus(tmp_path: Path) -> None:
    """0004 adds the question to groups already in a register; the answer is "not known", never a guess."""
    from assetreg.services.records import Records
    from assetreg.services.register import Register

    path = tmp_path / "register.assetreg"
    shutil.copyfile(FIXTURES / "schema-0003.assetreg", path)
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute(
            "INSERT INTO community_groups (reference, created_at, updated_at, name, legal_form, is_own_group) "
            "VALUES ('GRP-0001', '2025-09-15 10:30:00', '2025-09-15 10:30:00', 'Friends of the Red Lion', "
            "'charity', 1)"
        )
    register = Register(open_register(path), user="tester", clock=lambda: FIXTURE_CLOCK)
    try:
        group = Records(register).get("GRP-0001")
        assert (group.name, group.is_own_group, group.distributes_surplus) == ("Friends of the Red Lion", True, None)
    finally:
        register.close()


if __name__ == "__main__":  # python tests/db/test_migrations.py <revision>
    wanted = sys.argv[1] if len(sys.argv) > 1 else head_revision()
    if wanted != head_revision():
        raise SystemExit(f"The head is {head_revision()}, not {wanted}: fixtures are made at the head of a release.")
    target = FIXTURES / f"schema-{wanted}.assetreg"
    if target.exists():
        raise SystemExit(f"{target} exists; released fixtures are never regenerated.")
    target.parent.mkdir(parents=True, exist_ok=True)
    make_release_fixture(target)
    print(f"wrote {target} ({target.stat().st_size} bytes)")
