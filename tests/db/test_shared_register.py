"""A shared register on a real PostgreSQL server: opening and refusing, the schema, no lost edits between two
people, references without collisions, read-only roles, attachments in the database, and copying to a file
and back. The server is the session's throwaway cluster (tests/postgres_cluster.py); nothing is mocked.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text

from assetreg.db.engine import head_revision, open_register
from assetreg.db.models import Base
from assetreg.domain import entities as e
from assetreg.domain.enums import AssetCategory
from assetreg.domain.errors import ConflictError, ReadOnlyRegisterError, RegisterRefusedError
from assetreg.domain.records import RecordKind
from assetreg.services.records import Records
from assetreg.services.register import Register

ROOT = Path(__file__).resolve().parents[2]
ALICE_TIME = datetime(2025, 9, 15, 10, 0, tzinfo=UTC)
BOB_TIME = datetime(2025, 9, 15, 10, 5, tzinfo=UTC)


def _as(location: str, user: str, moment: datetime) -> Register:
    register = Register.open(location)
    register.user, register.clock = user, (lambda: moment)
    return register


# --- opening, making, refusing -----------------------------------------------------------------------------


def test_init_makes_the_schema_in_an_empty_database_through_the_migrations(postgres) -> None:
    url = postgres.url(postgres.create())
    with pytest.raises(RegisterRefusedError, match="the database is empty; make it a register with “assetreg init"):
        Register.open(url)
    opened = open_register(url, create=True)
    try:
        assert opened.created and opened.shared and opened.path is None and opened.role == "postgres"
        with opened.engine.connect() as connection:
            assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == head_revision()
            # The models and the migrated server agree exactly, as they do on SQLite (test_migrations.py).
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "compare_server_default": True}
            )
            assert compare_metadata(context, Base.metadata) == []
    finally:
        opened.engine.dispose()
    with pytest.raises(RegisterRefusedError, match="it is already a register; AssetReg will not make it again"):
        open_register(url, create=True)


def test_a_foreign_a_newer_and_an_unreachable_database_are_refused_plainly(postgres, postgres_url: str) -> None:
    foreign = postgres.create()
    postgres.sql("CREATE TABLE invoices (id integer primary key)", foreign)
    with pytest.raises(RegisterRefusedError, match="holds other tables, but is not an AssetReg register"):
        Register.open(postgres.url(foreign))

    engine = create_engine(postgres_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(RegisterRefusedError, match=r"saved by a newer version of AssetReg \(schema 9999\)"):
        Register.open(postgres_url)

    unreachable = postgres_url.replace(f"port={postgres.port}", f"port={postgres.port + 1}")
    with pytest.raises(RegisterRefusedError, match="the server could not be reached or refused the login") as caught:
        Register.open(unreachable)
    assert "Nothing was changed" in str(caught.value)


def test_the_command_line_takes_a_url_for_every_command(postgres) -> None:
    url = postgres.url(postgres.create())
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def cli(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "assetreg", *args], env=env, capture_output=True, text=True, timeout=120
        )

    made = cli("init", "--db", url, "--json")
    assert made.returncode == 0, made.stderr
    assert json.loads(made.stdout)["created"] is True
    assert cli("add", "asset", "--db", url, "--name", "The Red Lion", "--category", "pub").returncode == 0
    env["ASSETREG_DB"] = url  # the environment names it as well as --db
    listed = cli("assets", "list", "--json")
    assert [a["name"] for a in json.loads(listed.stdout)] == ["The Red Lion"]
    checked = cli("check", "--json")
    assert json.loads(checked.stdout)["healthy"] is True, checked.stdout
    again = cli("init", "--db", url)
    assert again.returncode == 3 and "already a register" in again.stderr and "Traceback" not in again.stderr


# --- no lost edits -----------------------------------------------------------------------------------------


def test_a_save_over_someone_elses_change_is_refused_naming_who_changed_what(shared_register) -> None:
    url = shared_register.opened.url
    Records(shared_register).create(e.Asset(name="The Red Lion", category=AssetCategory.PUB, notes="Open"))
    alice, bob = _as(url, "alice", ALICE_TIME), _as(url, "bob", BOB_TIME)
    try:
        seen_by_alice, version = Records(alice).opened("AST-0001")
        assert version == 1
        Records(bob).update("AST-0001", based_on=Records(bob).get("AST-0001"), notes="Closed for refurbishment")
        with pytest.raises(ConflictError) as conflict:
            Records(alice).update("AST-0001", based_on=seen_by_alice, notes="Open, quiz on Tuesdays")
        message = str(conflict.value)
        assert message.startswith("AST-0001 was changed by someone else after you opened it, so your change was not")
        assert "bob changed notes from “Open” to “Closed for refurbishment”" in message
        assert [(c.user, c.field, c.new_value) for c in conflict.value.changes] == [
            ("bob", "notes", "Closed for refurbishment")
        ]
        assert conflict.value.current.notes == "Closed for refurbishment"
        assert Records(alice).get("AST-0001").notes == "Closed for refurbishment"  # nothing of alice's was saved
        # The same by version: the version alice opened is behind.
        with pytest.raises(ConflictError, match="bob changed notes"):
            Records(alice).update("AST-0001", expected_version=version, notes="Open, quiz on Tuesdays")
        # Keep mine: saving again over the record as it now is goes through, and is audited as alice's.
        kept = Records(alice).update("AST-0001", based_on=conflict.value.current, notes="Open, quiz on Tuesdays")
        assert kept.value.notes == "Open, quiz on Tuesdays" and Records(alice).version("AST-0001") == 3
        assert [(h.user, h.field) for h in Records(alice).history("AST-0001")] == [
            ("tester", ""),
            ("bob", "notes"),
            ("alice", "notes"),
        ]
    finally:
        alice.close()
        bob.close()


def test_a_change_to_another_field_is_a_conflict_too_but_an_unchanged_record_is_not(shared_register) -> None:
    url = shared_register.opened.url
    Records(shared_register).create(e.Asset(name="The Red Lion", postcode="NR21 0AA"))
    alice, bob = _as(url, "alice", ALICE_TIME), _as(url, "bob", BOB_TIME)
    try:
        before = Records(alice).get("AST-0001")
        assert Records(alice).update("AST-0001", based_on=before, notes="first").value.notes == "first"
        seen = Records(alice).get("AST-0001")
        Records(bob).update("AST-0001", postcode="NR21 0AB")
        with pytest.raises(ConflictError, match="bob changed postcode from “NR21 0AA” to “NR21 0AB”"):
            Records(alice).update("AST-0001", based_on=seen, notes="second")
    finally:
        alice.close()
        bob.close()


# Two processes, two people, one asset: what two app windows on two machines do through the services.
TWO_CLIENTS = textwrap.dedent(
    """
    import json, sys
    from datetime import UTC, datetime
    from assetreg.domain import entities as e
    from assetreg.domain.errors import ConflictError
    from assetreg.domain.records import RecordKind
    from assetreg.services.records import Records
    from assetreg.services.register import Register
    from assetreg.services.watch import watch_register

    url, user = sys.argv[1], sys.argv[2]
    register = Register.open(url)
    register.user = user
    records = Records(register)
    probe = watch_register(register)
    say = lambda **what: print(json.dumps(what), flush=True)
    for line in sys.stdin:
        command = json.loads(line)
        if command["do"] == "open":
            opened, version = records.opened(command["ref"])
            say(version=version)
        elif command["do"] == "save":
            try:
                done = records.update(command["ref"], based_on=opened, **command["fields"])
                say(saved=done.value.reference)
            except ConflictError as conflict:
                say(conflict=str(conflict), by=[c.user for c in conflict.changes])
        elif command["do"] == "notice":
            made = records.create(e.DisposalNotice(asset_ref=command["ref"], notes=command["notes"]))
            probe.seen()
            say(notice=made.value.reference)
        elif command["do"] == "look":
            notices = sorted(n.notes for n in records.list(RecordKind.DISPOSAL_NOTICE))
            say(changed=probe.changed(), notices=notices)
    """
)


class Client:
    def __init__(self, url: str, user: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", TWO_CLIENTS, url, user],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )

    def ask(self, **command) -> dict:
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        assert answer, self.process.stderr.read()
        return json.loads(answer)

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=60)


def test_two_people_in_two_processes_the_second_save_gets_the_conflict_and_each_sees_the_others_notice(
    shared_register,
) -> None:
    url = shared_register.opened.url
    Records(shared_register).create(e.Asset(name="The Red Lion"))
    alice, bob = Client(url, "alice"), Client(url, "bob")
    try:
        assert alice.ask(do="open", ref="AST-0001") == {"version": 1}
        assert bob.ask(do="open", ref="AST-0001") == {"version": 1}
        assert alice.ask(do="save", ref="AST-0001", fields={"notes": "Alice's note"}) == {"saved": "AST-0001"}
        second = bob.ask(do="save", ref="AST-0001", fields={"notes": "Bob's note"})
        assert second["by"] == ["alice"]
        assert "alice changed notes from “” to “Alice's note”" in second["conflict"]
        assert Records(shared_register).get("AST-0001").notes == "Alice's note"

        assert alice.ask(do="notice", ref="AST-0001", notes="from Alice") == {"notice": "DN-0001"}
        assert bob.ask(do="look") == {"changed": True, "notices": ["from Alice"]}
        assert bob.ask(do="notice", ref="AST-0001", notes="from Bob") == {"notice": "DN-0002"}
        assert alice.ask(do="look") == {"changed": True, "notices": ["from Alice", "from Bob"]}
        assert alice.ask(do="look")["changed"] is False  # nothing new since
    finally:
        alice.close()
        bob.close()


CREATOR = textwrap.dedent(
    """
    import sys
    from assetreg.domain import entities as e
    from assetreg.services.records import Records
    from assetreg.services.register import Register

    register = Register.open(sys.argv[1])
    register.user = sys.argv[2]
    for n in range(25):
        print(Records(register).create(e.Asset(name=f"{sys.argv[2]} {n}")).value.reference, flush=True)
    """
)


def test_references_are_never_handed_out_twice_to_writers_at_once(shared_register) -> None:
    url = shared_register.opened.url
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    writers = [
        subprocess.Popen([sys.executable, "-c", CREATOR, url, who], stdout=subprocess.PIPE, text=True, env=env)
        for who in ("alice", "bob", "carol")
    ]
    given = [line.strip() for writer in writers for line in writer.communicate(timeout=180)[0].splitlines()]
    assert all(writer.returncode == 0 for writer in writers)
    assert len(given) == 75 and len(set(given)) == 75
    assert sorted(given) == [f"AST-{n:04d}" for n in range(1, 76)]
    assert len(Records(shared_register).list(RecordKind.ASSET)) == 75


# --- people and permissions --------------------------------------------------------------------------------


def test_the_audit_trail_names_the_database_role_or_the_name_set(postgres, postgres_url: str, monkeypatch) -> None:
    database = postgres_url.split("@/")[1].split("?")[0]
    postgres.sql("DO $$ BEGIN CREATE ROLE clerk LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
    postgres.sql("GRANT ALL ON ALL TABLES IN SCHEMA public TO clerk", database)
    postgres.sql("GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO clerk", database)
    with Register.open(postgres.url(database, user="clerk")) as register:
        assert register.user == "clerk" and register.read_only == ""
        Records(register).create(e.Asset(name="The Red Lion"))
        assert [h.user for h in Records(register).history("AST-0001")] == ["clerk"]
    monkeypatch.setenv("ASSETREG_USER", "Margaret Hale (treasurer)")  # a name the person set
    with Register.open(postgres.url(database, user="clerk")) as register:
        Records(register).update("AST-0001", notes="Asked the council")
        assert [h.user for h in Records(register).history("AST-0001")] == ["clerk", "Margaret Hale (treasurer)"]


def test_a_read_only_role_can_look_but_not_change(postgres, shared_register) -> None:
    Records(shared_register).create(e.Asset(name="The Red Lion"))
    database = shared_register.opened.url.split("@/")[1].split("?")[0]
    postgres.sql("DO $$ BEGIN CREATE ROLE auditor LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
    postgres.sql("GRANT SELECT ON ALL TABLES IN SCHEMA public TO auditor", database)
    with Register.open(postgres.url(database, user="auditor")) as register:
        assert "the database role auditor may look but not change" in register.read_only
        assert [a.name for a in Records(register).list(RecordKind.ASSET)] == ["The Red Lion"]
        with pytest.raises(ReadOnlyRegisterError, match="may look but not change.*Nothing was changed"):
            Records(register).update("AST-0001", notes="sneaky")
        with pytest.raises(ReadOnlyRegisterError):
            Records(register).create(e.Asset(name="The Old Forge"))
    assert Records(shared_register).get("AST-0001").notes == ""


# --- attachments and copying -------------------------------------------------------------------------------


def test_attachments_live_in_the_database_and_check_finds_them_altered(shared_register, tmp_path: Path) -> None:
    from assetreg.services.check import check_register
    from assetreg.services.documents import attach, document_file

    Records(shared_register).create(e.Asset(name="The Red Lion"))
    minutes = tmp_path / "minutes.pdf"
    minutes.write_bytes(b"%PDF-1.4 committee minutes\n")
    attached = attach(shared_register, minutes, asset_ref="AST-0001").value.document
    assert document_file(shared_register, "DOC-0001").read_bytes() == minutes.read_bytes()
    assert check_register(shared_register).problems == ()
    engine = create_engine(shared_register.opened.url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE attachment_blobs SET content = 'tampered'::bytea"))
    engine.dispose()
    assert check_register(shared_register).problems == (
        f"Attachment altered: DOC-0001 ({attached.original_filename}) no longer matches what was attached.",
    )


def test_awkward_text_numbers_and_content_copy_exactly_both_ways_and_server_to_server(postgres, tmp_path: Path) -> None:
    """Rows go into PostgreSQL by COPY: tabs, line breaks, backslashes, a literal \\N, quotes and accents in text,
    exact floats, empty and missing values, and an attachment's bytes all arrive as they left."""
    from assetreg.services.copying import copy_register
    from assetreg.services.documents import attach, document_file

    source = tmp_path / "awkward.assetreg"
    awkward = "Tab\there, line\nbreak, back\\slash, \\N, \\., “quotes” 'and' \"more\", Ysgol Gymraeg, ½ — end"
    with Register.open(source, create=True) as register:
        Records(register).create(
            e.Asset(
                name="The Red Lion\tand Garden",
                address="1 High Street\r\nLlanfair\\PG",
                title_numbers=("WA123", "CYM456"),
                latitude=51.481583109999996,
                longitude=-3.1790999999999997,
                notes=awkward,
            )
        )
        Records(register).create(e.Asset(name="The Old Forge", latitude=None, notes=""))
        content = bytes(range(256)) * 3 + b"\\N\t\n"
        (tmp_path / "plan.pdf").write_bytes(content)
        attach(register, tmp_path / "plan.pdf", asset_ref="AST-0001")
        before = Records(register).list(RecordKind.ASSET)
    first = postgres.url(postgres.create())
    assert copy_register(source, first).whole
    second = postgres.url(postgres.create())
    server_to_server = copy_register(first, second)  # attachments' content copied as rows this time
    assert server_to_server.whole and server_to_server.attachments == (1, 1)
    back = tmp_path / "back.assetreg"
    assert copy_register(second, back).whole
    for location in (first, second, back):
        with Register.open(location) as register:
            assert Records(register).list(RecordKind.ASSET) == before
            assert Records(register).get("AST-0001").notes == awkward
            assert document_file(register, "DOC-0001").read_bytes() == content


def test_a_file_copies_to_a_shared_register_and_back_with_everything(postgres, tmp_path: Path) -> None:
    from assetreg.services.copying import copy_register
    from assetreg.services.demo import write_demo_register

    source = tmp_path / "demo.assetreg"
    write_demo_register(source, today=date(2025, 9, 15))
    url = postgres.url(postgres.create())
    there = copy_register(source, url)
    assert there.whole, there.problems
    assert there.tables["assets"][:2] == (14, 14) and there.tables["audit_entries"][2] is True
    assert there.attachments == (5, 5)
    back = copy_register(url, tmp_path / "back.assetreg")
    assert back.whole and back.attachments == (5, 5)
    with Register.open(url) as shared, Register.open(tmp_path / "back.assetreg") as returned:
        assert Records(shared).list(RecordKind.ASSET) == Records(returned).list(RecordKind.ASSET)
        assert Records(shared).history("AST-0001") == Records(returned).history("AST-0001")
        # Numbering carries on where it was, on the server too (ids and references).
        assert Records(shared).create(e.Asset(name="The Old Forge")).value.reference == "AST-0015"
    with pytest.raises(RegisterRefusedError, match="already a register"):
        copy_register(source, url)  # only into an empty database
