"""Attaching files by content hash beside the register, and `check` finding what went wrong with them."""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest

from assetreg.domain import entities as e
from assetreg.domain.errors import AssetRegError, ValidationError
from assetreg.domain.records import RecordKind
from assetreg.services.check import check_register
from assetreg.services.documents import attach, document_file, stored_path
from assetreg.services.records import Records

FIXED_NOW = datetime(2025, 9, 15, 10, 30, tzinfo=UTC)  # the clock of the `register` fixture
CONTENT = b"%PDF-1.7\n% Minutes of the committee meeting, Mon 15 Sep 2025\n" + bytes(range(256)) * 40
SHA = hashlib.sha256(CONTENT).hexdigest()
ZERO_COUNTS = {kind.value: 0 for kind in RecordKind}


@pytest.fixture
def minutes(tmp_path: Path) -> Path:
    folder = tmp_path / "downloads"
    folder.mkdir()
    path = folder / "Committee minutes 2025-09.pdf"
    path.write_bytes(CONTENT)
    return path


@pytest.fixture
def records(register) -> Records:
    records = Records(register)
    records.create(e.Asset(name="The Red Lion"))
    records.create(e.Asset(name="The Old Forge"))
    return records


def stored_files(register) -> list[Path]:
    folder = register.path.with_name(f"{register.path.stem}-attachments")
    return sorted(p for p in folder.rglob("*") if p.is_file())


@pytest.mark.file_only  # the attachments folder beside the file (shared: tests/db/test_shared_register.py)
def test_a_file_is_stored_beside_the_register_by_its_hash(register, records: Records, minutes: Path) -> None:
    attached = attach(register, minutes, asset_ref="AST-0001")

    document = attached.value.document
    expected_place = register.path.parent / "register-attachments" / SHA[:2] / SHA
    assert stored_path(register, SHA) == expected_place
    assert expected_place.read_bytes() == CONTENT
    assert stored_files(register) == [expected_place]
    assert document == e.Document(
        reference="DOC-0001",
        title="Committee minutes 2025-09",
        original_filename="Committee minutes 2025-09.pdf",
        sha256=SHA,
        size_bytes=len(CONTENT),
        media_type="application/pdf",
        asset_ref="AST-0001",
        added_at=FIXED_NOW,
    )
    assert attached.value.duplicate_of == ()
    assert attached.changes.kinds == {RecordKind.DOCUMENT}
    assert records.get("DOC-0001") == document
    assert document_file(register, "doc-1") == expected_place
    # The original is left where it was.
    assert minutes.read_bytes() == CONTENT


def test_title_media_type_and_pack_section_are_kept(register, records: Records, tmp_path: Path) -> None:
    photo = tmp_path / "front.JPG"
    photo.write_bytes(b"\xff\xd8\xff\xe0 a photo of the pub")
    unknown = tmp_path / "survey.data"
    unknown.write_bytes(b"\x00\x01")
    first = attach(register, photo, title="  Front elevation ", asset_ref="AST-0001", pack_section="photos").value
    second = attach(register, unknown, asset_ref="AST-0001", notes="From the surveyor").value
    assert (first.document.title, first.document.media_type, first.document.pack_section) == (
        "Front elevation",
        "image/jpeg",
        "photos",
    )
    assert (second.document.media_type, second.document.size_bytes, second.document.notes) == (
        "application/octet-stream",
        2,
        "From the surveyor",
    )


@pytest.mark.file_only  # the attachments folder beside the file (shared: tests/db/test_shared_register.py)
def test_the_same_file_attached_twice_to_the_same_asset_is_refused(
    register, records: Records, minutes: Path, tmp_path: Path
) -> None:
    attach(register, minutes, asset_ref="AST-0001")
    renamed = tmp_path / "minutes-copy.pdf"
    renamed.write_bytes(CONTENT)

    for again in (minutes, renamed):
        with pytest.raises(ValidationError) as caught:
            attach(register, again, asset_ref="AST-0001", title="Minutes again")
        assert caught.value.problems == {
            "file": "This file is already attached here as DOC-0001; it was not added again."
        }
    assert [d.reference for d in records.list(RecordKind.DOCUMENT)] == ["DOC-0001"]
    assert len(stored_files(register)) == 1


@pytest.mark.file_only  # the attachments folder beside the file (shared: tests/db/test_shared_register.py)
def test_the_same_content_on_another_asset_is_stored_once_and_reported(
    register, records: Records, minutes: Path
) -> None:
    attach(register, minutes, asset_ref="AST-0001")

    second = attach(register, minutes, asset_ref="AST-0002")

    assert second.value.document.reference == "DOC-0002"
    assert second.value.document.sha256 == SHA
    assert second.value.duplicate_of == ("DOC-0001",)
    assert stored_files(register) == [stored_path(register, SHA)]
    assert [d.asset_ref for d in records.list(RecordKind.DOCUMENT)] == ["AST-0001", "AST-0002"]


def test_a_missing_source_file_or_asset_is_refused(register, records: Records, tmp_path: Path) -> None:
    missing = tmp_path / "nothing-here.pdf"
    with pytest.raises(ValidationError) as caught:
        attach(register, missing, asset_ref="AST-0001")
    assert caught.value.problems == {"file": f"There is no file at {missing}; choose the file again."}
    real = tmp_path / "plan.pdf"
    real.write_bytes(b"plan")
    with pytest.raises(ValidationError) as caught:
        attach(register, real, asset_ref="AST-0099")
    assert set(caught.value.problems) == {"asset_ref"}
    assert records.list(RecordKind.DOCUMENT) == []


# --- check --------------------------------------------------------------------------------------------------


def test_check_finds_a_good_register_healthy(register, records: Records, minutes: Path) -> None:
    attach(register, minutes, asset_ref="AST-0001")
    report = check_register(register)
    assert report.problems == ()
    assert report.healthy is True
    assert report.counts == ZERO_COUNTS | {"asset": 2, "document": 1}


def test_check_finds_an_empty_register_healthy(register) -> None:
    report = check_register(register)
    assert (report.problems, report.counts) == ((), ZERO_COUNTS)


@pytest.mark.file_only  # the attachments folder beside the file (shared: tests/db/test_shared_register.py)
def test_check_reports_a_missing_attachment(register, records: Records, minutes: Path) -> None:
    attach(register, minutes, asset_ref="AST-0001")
    place = stored_path(register, SHA)
    place.unlink()

    report = check_register(register)

    assert report.healthy is False
    assert report.problems == (f"Attachment missing: DOC-0001 (Committee minutes 2025-09.pdf) should be at {place}.",)
    with pytest.raises(AssetRegError) as caught:
        document_file(register, "DOC-0001")
    assert "DOC-0001" in str(caught.value)


@pytest.mark.file_only  # the attachments folder beside the file (shared: tests/db/test_shared_register.py)
def test_check_reports_an_altered_attachment(register, records: Records, minutes: Path) -> None:
    attach(register, minutes, asset_ref="AST-0001")
    place = stored_path(register, SHA)
    altered = bytearray(place.read_bytes())
    altered[100] ^= 0x01  # one bit of one byte; the size is unchanged
    place.write_bytes(bytes(altered))
    assert place.stat().st_size == len(CONTENT)

    report = check_register(register)

    assert report.problems == (
        f"Attachment altered: DOC-0001 (Committee minutes 2025-09.pdf) at {place} no longer matches what was attached.",
    )


@pytest.mark.file_only  # the attachments folder beside the file (shared: tests/db/test_shared_register.py)
def test_check_reports_each_document_sharing_a_missing_file(register, records: Records, minutes: Path) -> None:
    attach(register, minutes, asset_ref="AST-0001")
    attach(register, minutes, asset_ref="AST-0002")
    place = stored_path(register, SHA)
    place.unlink()
    assert check_register(register).problems == (
        f"Attachment missing: DOC-0001 (Committee minutes 2025-09.pdf) should be at {place}.",
        f"Attachment missing: DOC-0002 (Committee minutes 2025-09.pdf) should be at {place}.",
    )


@pytest.mark.file_only  # the attachments folder beside the file (shared: tests/db/test_shared_register.py)
def test_check_reports_a_broken_link_between_tables(register, records: Records) -> None:
    # A row written behind the app's back, with the database's own link checking switched off.
    with closing(sqlite3.connect(register.path)) as connection:
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute(
            "INSERT INTO user_deadlines (reference, created_at, updated_at, title, due_on, asset_ref, lead_days) "
            "VALUES ('TSK-0001', '2025-09-15 10:30:00.000000', '2025-09-15 10:30:00.000000', 'Ring the council', "
            "'2025-10-01', 'AST-0999', 7)"
        )
        connection.commit()
        (rowid,) = connection.execute("SELECT id FROM user_deadlines").fetchone()

    report = check_register(register)

    assert report.problems == (f"Database: user_deadlines row {rowid} points at a missing assets record",)
    assert report.counts == ZERO_COUNTS | {"asset": 2, "user-deadline": 1}
