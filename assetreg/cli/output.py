"""Printing for the command line: JSON for scripts, aligned tables and wrapped text for people."""

from __future__ import annotations

import dataclasses
import json
import sys
import textwrap
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from enum import Enum
from typing import Any


def plain(value: Any) -> Any:
    """Dataclasses, enums and dates as JSON-ready values (enums by code, dates as ISO)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return value


def print_json(data: Any) -> None:
    # Indented for a person at a terminal; compact for scripts (the compact encoder is many times faster).
    indent = 2 if sys.stdout.isatty() else None
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=indent) + "\n")


def print_json_lines(names: Sequence[str], batches: Iterable[Sequence[Sequence[Any]]]) -> None:
    """A JSON list of objects with the fields ``names``, one per line of ``batches``, written batch by batch as
    they come: the same text ``print_json`` writes of the whole list, without holding it all."""
    if sys.stdout.isatty():  # a person at a terminal: indented, as print_json writes it
        print_json([dict(zip(names, line, strict=True)) for batch in batches for line in batch])
        return
    write, between = sys.stdout.write, "["
    for batch in batches:
        if batch:
            text = json.dumps([dict(zip(names, line, strict=True)) for line in batch], ensure_ascii=False)
            write(between + text[1:-1])
            between = ", "
    write("[]\n" if between == "[" else "]\n")


def print_table(headings: Sequence[str], rows: Sequence[Sequence[str]], max_width: int = 40) -> None:
    def cell(text: str) -> str:
        return text if len(text) <= max_width else text[: max_width - 1] + "…"

    cells = [[cell(str(v)) for v in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headings)]
    lines = [
        "  ".join(h.ljust(w) for h, w in zip(headings, widths, strict=True)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    sys.stdout.write("\n".join(lines) + "\n")


def when(day: date) -> str:
    from ..domain.dates import format_date

    return format_date(day)


def indent(text: str, by: int = 4) -> str:

    return textwrap.fill(text, width=100, initial_indent=" " * by, subsequent_indent=" " * by)
