"""Time importing a 100,000-row council list, and exporting a 100,000-asset register to the national CSV.

    python bench/import.py [ROWS] [REGISTER]   (defaults: 100000, bench/out/register-100000.assetreg)

Builds a council CSV with Stockport's headings and imports it into a fresh register (medians of 3), against
inserting the same rows with plain ``sqlite3`` ``executemany`` into an equivalent table in the same run, and
prints the ratio (target: at most 3x) and the peak memory of the process (target: at most 300 MB). Then copies
the register (never changing the one given) and times exporting it as the ``asset-of-community-value`` CSV.
"""

from __future__ import annotations

import csv
import resource
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from assetreg.services.exporting import export_register
from assetreg.services.importing import apply_import, preview_import
from assetreg.services.register import Register

HEADINGS = [
    "ref",
    "asset_name",
    "asset_address",
    "nominating_organisation",
    "date_nomination_received",
    "decision_date",
    "decision",
    "decision_rationale",
    "listing_expiry_date",
    "status",
    "notification_of_intention_to_sell_received",
    "interim_moratorium_period",
    "intention_to_bid_received",
    "name_of_community_interest_group",
    "full_moratorium_end_date",
    "protection_period_end_date",
]


def council_rows(count: int) -> list[list[str]]:
    start = date(2013, 1, 1)
    rows = []
    for n in range(count):
        received = start + timedelta(days=n % 3000)
        decided = received + timedelta(days=56)
        notice = decided + timedelta(days=400) if n % 10 == 0 else None
        rows.append(
            [
                f"BENCH/ACV/{n:06d}", f"Asset {n}", f"{n} High Street, Stockport SK{n % 9 + 1} {n % 9}AA",
                f"Group {n % 500}", received.strftime("%d/%m/%Y"), decided.strftime("%d/%m/%Y"), "Listed",
                "Furthers social wellbeing", "", "Listed", notice.strftime("%d/%m/%Y") if notice else "",
                "", "", "", "", "",
            ]
        )  # fmt: skip
    return rows


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def plain_sqlite(path: Path, rows: list[list[str]]) -> None:
    """The same rows into one equivalent table, as fast as SQLite takes them: the floor to compare with."""
    connection = sqlite3.connect(path)
    connection.execute(f"CREATE TABLE council_list ({', '.join(f'c{i} TEXT' for i in range(len(HEADINGS)))})")
    with connection:
        connection.executemany(f"INSERT INTO council_list VALUES ({', '.join('?' * len(HEADINGS))})", rows)
    connection.close()


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    source = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(__file__).parent / "out" / "register-100000.assetreg"
    work = Path(tempfile.mkdtemp(prefix="assetreg-bench-"))
    rows = council_rows(count)
    listing = work / "council.csv"
    with listing.open("w", newline="", encoding="utf-8") as stream:
        csv.writer(stream).writerows([HEADINGS, *rows])
    imports, floors = [], []
    for attempt in range(3):
        path = work / f"import-{attempt}.assetreg"
        Register.open(path, create=True).close()
        with Register.open(path) as register:
            imports.append(timed(lambda r=register: apply_import(r, preview_import(r, listing, "Stockport"))))
        floors.append(timed(lambda a=attempt: plain_sqlite(work / f"plain-{a}.sqlite", rows)))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    ours, floor = statistics.median(imports), statistics.median(floors)
    print(f"import of {count} rows: median {ours:.2f} s (runs {', '.join(f'{t:.2f}' for t in imports)})")
    print(f"plain sqlite3 executemany: median {floor:.2f} s; ratio {ours / floor:.1f}x (target <= 3x)")
    print(f"peak memory: {peak_mb:.0f} MB (target <= 300 MB)")
    if source.exists():
        copy = work / source.name
        shutil.copyfile(source, copy)
        with Register.open(copy) as register:
            exports = [
                timed(lambda r=register: export_register(r, work / "acv.csv", "planning-data")) for _ in range(3)
            ]
        print(f"export of {source.name} to the national CSV: median {statistics.median(exports):.2f} s")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
