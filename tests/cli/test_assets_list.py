"""``assetreg assets list`` reads one query's lines (``services.asset_lines``), with each status its case's as the due
index keeps it: the same lines ``services.assets.list_assets`` gives, on any day, whether the index was built,
has run out for some assets, or was never built (then the list builds it)."""

from __future__ import annotations

import contextlib
import io
import json
import sqlite3
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path

import pytest

from assetreg.app import main
from assetreg.domain import entities as e
from assetreg.domain.case import build_case
from assetreg.domain.enums import Jurisdiction, LegalForm, NominationDecision
from assetreg.services.asset_lines import FIELDS, lines
from assetreg.services.assets import list_assets
from assetreg.services.records import Records

TODAY = date(2025, 9, 15)  # the test register's clock (tests/conftest.py)


@pytest.fixture(params=["file", "shared"])
def register(request: pytest.FixtureRequest):
    """Once a register file, once a shared register on the test server (the list reads the database's cursor)."""
    return request.getfixturevalue(f"{request.param}_register")


def add(register, entity) -> str:
    return Records(register).create(entity).value.reference


def listed(register, asset: str, entered_on: date) -> str:
    nomination = add(
        register,
        e.Nomination(
            asset_ref=asset,
            received_on=entered_on - timedelta(days=50),
            decision=NominationDecision.LISTED,
            decided_on=entered_on,
        ),
    )
    return add(register, e.ListEntry(asset_ref=asset, nomination_ref=nomination, entered_on=entered_on))


@pytest.fixture
def mixed(register):
    """Assets in several states: listed, in an interim moratorium, nominated, with no council, deleted."""
    council = add(register, e.Authority(name="Sevenoaks District Council", jurisdiction=Jurisdiction.ENGLAND))
    highland = add(register, e.Authority(name="The Highland Council", jurisdiction=Jurisdiction.SCOTLAND))
    owner = add(register, e.Party(name="Greene Valley Brewing"))
    add(register, e.CommunityGroup(name="Friends of the Red Lion", legal_form=LegalForm.CHARITY))
    lion = add(register, e.Asset(name="The Red Lion", authority_ref=council, postcode="TN13 1AA", uprn="100061"))
    listed(register, lion, date(2024, 1, 10))
    crown = add(register, e.Asset(name="The Crown “Inn”", authority_ref=council, address="1 High St, Otford"))
    listed(register, crown, date(2021, 9, 20))  # its listing ends within the days the test looks at
    add(register, e.DisposalNotice(asset_ref=crown, owner_ref=owner, vacant_possession=True, received_on=TODAY))
    hall = add(register, e.Asset(name="Village Hall", authority_ref=council))
    add(register, e.Nomination(asset_ref=hall, received_on=TODAY - timedelta(days=10)))
    add(register, e.Asset(name="Mill Pond"))  # no council
    add(register, e.Asset(name="Bothy", authority_ref=highland))
    gone = add(register, e.Asset(name="Demolished Kiosk", authority_ref=council))
    Records(register).delete(gone)
    return {"lion": lion, "crown": crown, "hall": hall}


def expected(register, day: date) -> list[tuple]:
    """The lines as ``list_assets`` gives them, with each status worked out from its case on ``day``."""
    from assetreg.db.repositories import RecordRepository
    from assetreg.domain.records import RecordKind
    from assetreg.services.deadlines import facts_of

    with register.reading() as session:
        repo = RecordRepository(session)
        assets = repo.rows(RecordKind.ASSET, ("reference", "name", "authority_ref"))
        facts = facts_of(repo, assets, "", Jurisdiction.ENGLAND, every_asset=True)
    statuses = {f.asset_ref: build_case(f, day).status for f in facts}
    found = []
    for a in list_assets(register, day):
        status = statuses[a.reference]
        nation = a.jurisdiction.value if a.jurisdiction else None
        found.append(
            (
                *(a.reference, a.name, status.value, status.label, a.authority, a.authority_ref, nation),
                *(a.category.value, a.address, a.postcode, a.uprn),
            )
        )
    return found


def read(register, day: date | None = None) -> list[tuple]:
    return [line for batch in lines(register, day) for line in batch]


def index_built_for(register) -> str | None:
    with closing(sqlite3.connect(register.path)) as connection:
        row = connection.execute("SELECT built_for FROM due_index_coverage WHERE asset_ref = '*'").fetchone()
    return row[0] if row else None


@pytest.mark.file_only  # reads the register file itself with sqlite3
def test_the_list_gives_each_case_status_on_any_day_and_builds_the_index_it_reads(register, mixed) -> None:
    assert index_built_for(register) is None  # nothing has read What's due yet
    first = read(register)
    assert first == expected(register, TODAY)
    assert len(first) == 5 and "Demolished Kiosk" not in {line[1] for line in first}
    assert {line[0]: line[2] for line in first}[mixed["crown"]] == "interim-moratorium"
    assert index_built_for(register) == TODAY.isoformat()  # worked out once, kept for the next list

    for offset in (0, 1, 30, 45, 200, 400, 1500):  # the kept statuses run out for some assets along the way
        day = TODAY + timedelta(days=offset)
        assert read(register, day) == expected(register, day), day
    assert index_built_for(register) == TODAY.isoformat()  # another day's cases are never kept

    Records(register).update(mixed["hall"], name="Old Village Hall")
    assert read(register) == expected(register, TODAY)

    with closing(sqlite3.connect(register.path)) as connection, connection:
        connection.execute("UPDATE due_index_coverage SET fingerprint = 'other settings' WHERE asset_ref = '*'")
    assert read(register) == expected(register, TODAY)  # an index of other settings is not read


def test_a_shared_register_lists_as_a_file_does(register, mixed) -> None:
    assert read(register) == expected(register, TODAY)
    later = TODAY + timedelta(days=45)  # the moratorium has ended: the Crown's kept status has run out
    assert read(register, later) == expected(register, later)
    assert {line[0]: line[2] for line in read(register, later)}[mixed["crown"]] != "interim-moratorium"


def test_show_reads_only_the_assets_own_records(register, mixed) -> None:
    """``assets show`` of one asset reads the requests and challenges of that asset's records, not every one."""
    from sqlalchemy import event

    from assetreg.services.assets import asset_detail

    other = add(register, e.CommunityGroup(name="Otford Village Society", legal_form=LegalForm.CHARITY))
    lion_notice = add(
        register,
        e.DisposalNotice(asset_ref=mixed["lion"], owner_ref="PTY-0001", vacant_possession=True, received_on=TODAY),
    )
    add(register, e.BidderRequest(notice_ref=lion_notice, group_ref=other, received_on=TODAY + timedelta(days=3)))
    statements: list[tuple[str, object]] = []

    def seen(_conn, _cursor, statement, parameters, _context, _many) -> None:
        statements.append((statement, parameters))

    engine = register.opened.engine
    event.listen(engine, "before_cursor_execute", seen)
    try:
        crown = asset_detail(register, mixed["crown"])
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert [n.notice.asset_ref for n in crown.notices] == [mixed["crown"]]
    assert crown.notices[0].requests == ()
    for table, by in (("bidder_requests", "notice_ref"), ("challenges", "list_entry_ref")):
        reads = [" ".join(sql.split()) for sql, _ in statements if f"FROM {table}" in sql]
        assert reads, table
        assert all(f"{table}.{by} IN (" in sql or f"{table}.{by} = " in sql for sql in reads), reads
    assert lion_notice not in str([params for _, params in statements])

    lion = asset_detail(register, mixed["lion"])  # the request on its own notice is read, and assessed
    (notice,) = lion.notices
    assert [r.request.group_ref for r in notice.requests] == [other]
    assert notice.requests[0].verdict is not None


def run_json(*args: str) -> str:
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        assert main([*args]) == 0
    return buffer.getvalue()


@pytest.mark.file_only
def test_list_json_is_every_line_by_field_name_as_one_json_text(register, mixed, register_path: Path) -> None:
    text = run_json("assets", "list", "--json", "--db", str(register_path), "--on", "2025-10-01")
    day_lines = expected(register, date(2025, 10, 1))
    assert text == json.dumps([dict(zip(FIELDS, line, strict=True)) for line in day_lines], ensure_ascii=False) + "\n"
    assert json.loads(text)[1]["name"] == "The Crown “Inn”"

    table = run_json("assets", "list", "--db", str(register_path))
    assert table.splitlines()[-1] == "5 assets"
    assert "The Red Lion" in table and "Sevenoaks District Council" in table and "Listed" in table


def test_an_empty_register_lists_no_assets(register_path: Path) -> None:
    assert run_json("assets", "list", "--json", "--db", str(register_path)) == "[]\n"
    assert run_json("assets", "list", "--db", str(register_path)).splitlines()[-1] == "0 assets"
