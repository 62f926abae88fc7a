"""Reading records by a long list of values: asked for in parts under the database's limit, oldest first."""

from __future__ import annotations

from assetreg.db.repositories import IN_LIMIT, RecordRepository
from assetreg.domain import entities as e
from assetreg.domain.records import RecordKind
from assetreg.services.records import Records


def test_records_matching_more_values_than_one_query_may_bind_come_whole_and_oldest_first(register) -> None:
    count = 2 * IN_LIMIT + 37
    records = Records(register)
    with register.transaction() as session:
        prepared = records.prepared([e.Asset(name=f"Asset {n:04d}") for n in range(count)])
        records.insert_prepared(RecordRepository(session), prepared, register.clock())
    with register.reading() as session:
        repo = RecordRepository(session)
        every = repo.rows(RecordKind.ASSET, ("reference", "name"))
        wanted = tuple(sorted((ref for ref, _ in every[::2]), reverse=True)) + ("", "AST-99999")  # any order
        found = repo.rows(RecordKind.ASSET, ("reference", "name"), where={"reference": wanted})
        one = repo.rows(RecordKind.ASSET, ("name",), where={"reference": wanted, "name": "Asset 0004"})
    assert len(every) == count
    assert len(wanted) > IN_LIMIT  # asked for in two parts
    assert found == every[::2]  # each asked-for record once, in the order they were made
    assert one == [("Asset 0004",)]  # the other conditions hold in every part
