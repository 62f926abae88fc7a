"""Generated CSV and XLSX files — bad encodings, BOMs, ragged rows, merged cells, huge cells, formulas, empty
sheets — never crash an import, never import part of a file, and each problem comes with a message."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assetreg.domain.errors import AssetRegError
from assetreg.domain.records import RecordKind
from assetreg.services.importing import apply_import, preview_import
from assetreg.services.records import Records
from assetreg.services.register import Register

HEADINGS = ["ref", "asset_name", "asset_address", "decision_date", "notification_of_intention_to_sell_received"]
cells = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["21/09/2012", "31/02/2020", "09/21/2012", "=SUM(A1:A2)", "+44 20", "@x", "41173", ""]),
    st.just("x" * 5000),
)
rows = st.lists(st.lists(cells, min_size=0, max_size=8), max_size=8)


def _counts(register: Register) -> dict:
    records = Records(register)
    return {kind: len(records.list(kind)) for kind in (RecordKind.ASSET, RecordKind.NOMINATION, RecordKind.LIST_ENTRY)}


def _try_import(register: Register, path: Path) -> None:
    """Either the whole file goes in, with a message for each row left out, or nothing does, with a reason."""
    before = _counts(register)
    try:
        preview = preview_import(register, path, "Fuzz council")
    except AssetRegError as error:
        assert str(error)
        assert _counts(register) == before
        return
    assert all(p.message for p in preview.problems)
    try:
        apply_import(register, preview)
    except AssetRegError as error:
        assert str(error)
        assert _counts(register) == before
        return
    added = preview.counts()["added"]
    assert _counts(register)[RecordKind.ASSET] == before[RecordKind.ASSET] + added


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    body=rows,
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"]),
    with_headings=st.booleans(),
    junk=st.binary(max_size=20),
)
def test_generated_csv_files(template_register, tmp_path_factory, body, encoding, with_headings, junk):
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / "list.csv"
    shutil.copyfile(template_register, folder / "r.assetreg")
    lines = ([HEADINGS] if with_headings else []) + body
    text = "\n".join(",".join('"' + c.replace('"', '""') + '"' for c in line) for line in lines)
    path.write_bytes(text.encode(encoding, errors="replace") + junk)
    with Register.open(folder / "r.assetreg") as register:
        _try_import(register, path)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=rows, merge=st.booleans(), empty=st.booleans(), corrupt=st.booleans())
def test_generated_xlsx_files(template_register, tmp_path_factory, body, merge, empty, corrupt):
    folder = tmp_path_factory.mktemp("fuzzx")
    path = folder / "list.xlsx"
    shutil.copyfile(template_register, folder / "r.assetreg")
    book = openpyxl.Workbook()
    sheet = book.active
    stream = io.BytesIO()
    try:
        if not empty:
            sheet.append(HEADINGS)
            for line in body:
                sheet.append(line)
            if merge:
                sheet.merge_cells("B2:B3")
        book.save(stream)
    except Exception:  # openpyxl refuses characters XML cannot hold; such a file cannot exist
        return
    data = stream.getvalue()
    path.write_bytes(data[: len(data) // 2] if corrupt else data)
    with Register.open(folder / "r.assetreg") as register:
        _try_import(register, path)
