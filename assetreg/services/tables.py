"""Reading a council's list from a CSV or XLSX file into headings and rows of cells, with notes on the file.

CSV files are read as UTF-8 (with or without a byte-order mark), else as Windows-1252 with a note saying so;
the delimiter is sniffed. XLSX files are read with openpyxl: the sheet asked for, else the one whose headings
AssetReg knows best, formulas as the values last calculated (a row with one never calculated is refused), a merged
cell's value in every cell it covers. The headings are the row near the top that AssetReg knows most of (a title or
notes above them are passed over).
"""

from __future__ import annotations

import csv
import dataclasses
import itertools
from dataclasses import dataclass
from pathlib import Path

from ..domain.council_rows import Problem
from ..domain.errors import AssetRegError
from ..domain.i18n import tr
from ..domain.import_headings import match_headings

MAX_BYTES = 200 * 1024 * 1024  # no council list is bigger; anything bigger is not one


class TableReadError(AssetRegError):
    """The file cannot be read as a list at all; nothing was imported."""


@dataclass(frozen=True)
class Table:
    headings: tuple[str, ...]
    rows: list[list[object]]
    notes: tuple[Problem, ...] = ()
    heading_row: int = 1  # the spreadsheet row of the headings; data starts on the next
    sheets: tuple[str, ...] = ()  # a workbook's sheets with anything in them
    sheet: str = ""  # the sheet read


HEADING_SEARCH = 10  # the rows at the top of a list looked at for its headings


def read_table(path: Path, sheet: str = "") -> Table:
    """The headings and rows of the list in ``path`` (``.csv`` or ``.xlsx``, its ``sheet`` if named);
    ``TableReadError`` if unreadable."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise TableReadError(
            tr("Cannot open {path} ({reason}).").format(path=path, reason=error.strerror or error)
        ) from error
    if path.is_dir():
        raise TableReadError(
            tr("{path} is a folder; choose the council's list in it (a .csv or .xlsx file).").format(path=path)
        )
    if size > MAX_BYTES:
        raise TableReadError(tr("{path} is too large to be a council's list.").format(path=path))
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(path, sheet)
    if path.suffix.lower() == ".xls":
        raise TableReadError(
            tr("{path} is an old Excel file; save it as .xlsx or .csv and import that.").format(path=path)
        )
    data = path.read_bytes()
    kind = _binary_kind(data)
    if kind:
        raise TableReadError(
            tr(
                "{path} is not a CSV file: it is {kind}. Save the council's list as a CSV or Excel (.xlsx) file "
                "and import that."
            ).format(path=path, kind=kind)
        )
    text, notes = _decoded(data)
    del data  # the bytes go once decoded: a large list is held once
    return _csv_table(text, notes)


def _binary_kind(data: bytes) -> str:
    """What a file given as CSV is when its first bytes say it is something else (a picture, a PDF, a zipped
    workbook renamed .csv); "" for text."""
    if data.startswith(b"PK\x03\x04"):
        return tr("a zipped file, most likely an Excel workbook (.xlsx) renamed: name it .xlsx")
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            return kind()
    return ""


_SIGNATURES = (
    (b"%PDF", lambda: tr("a PDF document (copy its table into a spreadsheet first)")),
    (b"\x89PNG", lambda: tr("a picture (PNG)")),
    (b"\xff\xd8\xff", lambda: tr("a picture (JPEG)")),
    (b"GIF8", lambda: tr("a picture (GIF)")),
    (b"\xd0\xcf\x11\xe0", lambda: tr("an old Office file (.xls or .doc): save it as .xlsx or .csv")),
)


def read_csv_bytes(data: bytes) -> Table:
    return _csv_table(*_decoded(data))


def _decoded(data: bytes) -> tuple[str, list[Problem]]:
    notes = []
    text = _utf8(data[3:] if data.startswith(b"\xef\xbb\xbf") else data)
    if text is None:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            text = data.decode("utf-16", errors="replace")
            notes.append(Problem(0, "", tr("The file is UTF-16; it was read as such."), "note"))
        else:
            text = data.decode("cp1252", errors="replace")
            notes.append(
                Problem(
                    0,
                    "",
                    tr(
                        "The file is not UTF-8, so it was read as Windows-1252 (the usual encoding of Excel's CSV "
                        "files on Windows). Check that names with accents or £ signs look right."
                    ),
                    "note",
                )
            )
    if "\x00" in text:
        text = text.replace("\x00", "")
    return text, notes


def _csv_table(text: str, notes: list[Problem]) -> Table:
    try:
        dialect = csv.Sniffer().sniff(text[:20000], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    try:
        csv.field_size_limit(MAX_BYTES)
        rows = list(csv.reader(_lines(text), dialect))
    except csv.Error as error:
        raise TableReadError(tr("The file is not a readable CSV file ({reason}).").format(reason=error)) from error
    return _table(rows, notes)


def _lines(text: str) -> list[str]:
    """The text's lines with their endings, for ``csv.reader``: split on line feeds only (a field may hold any
    other separator), or on carriage returns in a file that has no line feed (old Mac Excel). Lighter than
    ``io.StringIO``, which holds four bytes a character."""
    ending = "\n" if "\n" in text or "\r" not in text else "\r"
    lines = text.split(ending)
    last = lines.pop()
    lines = [line + ending for line in lines]
    if last:
        lines.append(last)
    return lines


def _utf8(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _read_xlsx(path: Path, wanted: str = "") -> Table:
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as error:
        raise TableReadError(
            tr("{path} is not a readable Excel (.xlsx) file ({reason}).").format(path=path, reason=error)
        ) from error
    filled = [s for s in book.worksheets if any(_filled(c.value) for r in s.iter_rows() for c in r)]
    if not filled:
        raise TableReadError(tr("{path} has no sheet with anything in it.").format(path=path))
    names = tuple(s.title for s in filled)
    if wanted:
        chosen = next((s for s in filled if s.title.casefold() == wanted.strip().casefold()), None)
        if chosen is None:
            raise TableReadError(
                tr("{path} has no sheet “{name}” with anything in it; its sheets are {names}.").format(
                    path=path, name=wanted, names=", ".join(f"“{n}”" for n in names)
                )
            )
        table = _sheet_table(chosen)
    else:  # the sheet whose headings AssetReg knows best (the first, on a tie): a list, not its notes
        # Judged by its top rows alone: only the chosen sheet is read in full.
        tops = [[[c.value for c in row] for row in each.iter_rows(max_row=HEADING_SEARCH * 5)] for each in filled]
        best = max(range(len(filled)), key=lambda i: (_heading_choice(tops[i])[2], -i))
        table = _sheet_table(filled[best])
    notes = list(table.notes)
    if _has_formulas(path):
        notes += _uncalculated(path, table, book[table.sheet])
    if len(filled) > 1:
        others = ", ".join(f"“{n}”" for n in names if n != table.sheet)
        notes.append(
            Problem(
                0,
                "",
                tr(
                    "Only the sheet “{name}” was read; the others are {others} (choose another in the Sheet box, "
                    "or with --sheet NAME)."
                ).format(name=table.sheet, others=others),
                "note",
            )
        )
    return dataclasses.replace(table, notes=tuple(notes), sheets=names)


def _has_formulas(path: Path) -> bool:
    """Whether any sheet of the workbook holds a formula (looked for in its XML: far quicker than reading it)."""
    import zipfile

    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                xml = archive.read(name)
                if b"<f>" in xml or b"<f " in xml or b":f>" in xml or b":f " in xml:
                    return True
    return False


def _uncalculated(path: Path, table: Table, values) -> list[Problem]:
    """A warning naming the cells of ``table`` that hold a formula with no value saved beside it (a file written
    by a program that does not calculate). Each such cell gets its formula back in ``table``, so its row is
    refused, as a formula always is, rather than read with a blank where the list has a value."""
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    found = []
    try:
        for row in book[table.sheet].iter_rows(min_row=table.heading_row + 1):
            for cell in row:
                text = getattr(cell, "value", None)
                if not (isinstance(text, str) and text.startswith("=")):
                    continue
                saved = values.cell(cell.row, cell.column)
                # A formula whose value is text, the empty string among them, is saved as such ("str"): calculated.
                if saved.value is None and saved.data_type != "str":
                    found.append((cell.row, cell.column, text))
    finally:
        book.close()
    if not found:
        return []
    for r, c, text in found:
        i = r - table.heading_row - 1
        if i < len(table.rows) and c <= len(table.rows[i]):  # (a row of nothing else may have been dropped)
            table.rows[i][c - 1] = text
    columns = sorted({c for _, c, _ in found})
    named = ", ".join(f"“{table.headings[c - 1]}”" if c <= len(table.headings) else str(c) for c in columns[:3])
    rows = sorted({r for r, _, _ in found})
    where = ", ".join(str(r) for r in rows[:5]) + (tr(" and others") if len(rows) > 5 else "")
    message = tr(
        "The file was saved without the values of its formulas (as programs that do not calculate save it), so "
        "the rows with one ({columns}; rows {rows}) cannot be read and are left out. Open the file in a "
        "spreadsheet program such as Excel or LibreOffice Calc, save it, and import it again."
    )
    return [Problem(0, "", message.format(columns=named, rows=where), "warning")]


def _sheet_table(sheet) -> Table:
    merged = list(sheet.merged_cells.ranges)
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    for span in merged:
        value = rows[span.min_row - 1][span.min_col - 1]
        for r in range(span.min_row - 1, min(span.max_row, len(rows))):
            for c in range(span.min_col - 1, min(span.max_col, len(rows[r]))):
                rows[r][c] = value
    notes = []
    if merged:
        notes.append(
            Problem(0, "", tr("Merged cells were read as the value repeated in every cell they cover."), "note")
        )
    return dataclasses.replace(_table(rows, notes, sheet.title), sheet=sheet.title)


def _known(headings: tuple[str, ...]) -> int:
    """How many of ``headings`` AssetReg knows (the synonym table's): a list's heading row knows several."""
    return sum(1 for field in match_headings(headings) if field)


def _table(rows: list[list[object]], notes: list[Problem], sheet: str = "") -> Table:
    """The headings are the row near the top AssetReg knows most of (the first non-blank row, when it knows
    none); trailing blank rows and columns are dropped."""
    start, headings, known = _heading_choice(rows)
    if start is None:
        raise TableReadError(tr("The file is empty: it has no headings and no rows."))
    if known and any(_filled(v) for row in rows[:start] for v in row):
        notes.append(
            Problem(
                0,
                "",
                tr("The headings were found on row {row}; the rows above them were not read.").format(row=start + 1),
                "note",
            )
        )
    body = rows[start + 1 :]
    while body and not any(_filled(v) for v in body[-1]):
        body.pop()
    if not body and sheet:
        raise TableReadError(
            tr(
                "The sheet “{sheet}” has a first row but nothing under it, so there is nothing to import from it: "
                "choose the sheet that holds the list (the Sheet box, or --sheet NAME)."
            ).format(sheet=sheet)
        )
    if not body:
        raise TableReadError(
            tr(
                "The file has headings but no rows under them, so there is nothing to import. Check it is the "
                "council's list itself, not an empty copy of its headings."
            )
        )
    widths = [len(r) for r in body]
    if any(
        w > len(headings) and any(_filled(v) for v in r[len(headings) :]) for w, r in zip(widths, body, strict=True)
    ):
        notes.append(
            Problem(
                0,
                "",
                tr("Some rows have more cells than there are headings; the extra cells were not read."),
                "warning",
            )
        )
    return Table(tuple(headings), body, tuple(notes), start + 1)


def _heading_choice(rows: list[list[object]]) -> tuple[int | None, list[str], int]:
    """The row of the headings (``None`` when no row has anything in it), the headings, and how many of them
    AssetReg knows: the first of the rows near the top that knows most, else the first row with anything in it."""
    filled = list(itertools.islice((i for i, row in enumerate(rows) if any(_filled(v) for v in row)), HEADING_SEARCH))
    if not filled:
        return None, [], 0
    candidates = [(i, _headings(rows[i]), _known(tuple(_headings(rows[i])))) for i in filled]
    start, headings, known = max(candidates, key=lambda c: (c[2], -c[0]))
    return (start, headings, known) if known else candidates[0]


def _headings(row: list[object]) -> list[str]:
    headings = [" ".join(str(v).split()) if v is not None else "" for v in row]
    while headings and not headings[-1]:
        headings.pop()
    return headings


def _filled(value: object) -> bool:
    return value is not None and str(value).strip() != ""
