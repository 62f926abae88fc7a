"""Time importing a 100,000-row council list, and exporting a 100,000-asset register to the national CSV.

    python bench/import.py [ROWS] [REGISTER]   (defaults: 100000; REGISTER: the register the last import made)

Builds a council CSV with Stockport's headings (one asset in ten with an owner's notice, one in thirty of those
with a group's intention to bid) and imports it into a fresh register, three times, each in a process of its own
so that each run's peak memory is its own. Against it, in the same run, the floor: the same rows inserted with
plain ``sqlite3`` ``executemany`` into one equivalent table. Prints the medians (wall clock and CPU time), the
ratio to the floor (target: at most 3x) and the peak memory of an import (target: at most 300 MB). Then times
re-importing the same list (every asset matched, nothing changed) and exporting a register (a copy, never the
one given) as the ``asset-of-community-value`` CSV, with its peak memory.
"""

from __future__ import annotations

import csv
import json
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

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
RUNS = 3


def council_rows(count: int):
    """The list's rows, one at a time (so that neither the list nor the floor holds them all in memory)."""
    start = date(2013, 1, 1)
    for n in range(count):
        received = start + timedelta(days=n % 3000)
        decided = received + timedelta(days=56)
        notice = decided + timedelta(days=400) if n % 10 == 0 else None
        bid = notice + timedelta(days=20) if notice and n % 30 == 0 else None
        yield [
            f"BENCH/ACV/{n:06d}", f"Asset {n}", f"{n} High Street, Stockport SK{n % 9 + 1} {n % 9}AA",
            f"Group {n % 500}", received.strftime("%d/%m/%Y"), decided.strftime("%d/%m/%Y"), "Listed",
            "Furthers social wellbeing", "", "Listed", notice.strftime("%d/%m/%Y") if notice else "",
            "", bid.strftime("%d/%m/%Y") if bid else "", f"Group {n % 500}" if bid else "", "", "",
        ]  # fmt: skip


def measured(action) -> dict[str, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    return {
        "wall": time.perf_counter() - wall,
        "cpu": time.process_time() - cpu,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def plain_sqlite(path: Path, listing: Path) -> None:
    """The same rows into one equivalent table, as fast as SQLite takes them: the floor to compare with."""
    with listing.open(newline="", encoding="utf-8") as stream:
        rows = list(csv.reader(stream))[1:]  # read before the clock starts, as the import's file is not timed
    connection = sqlite3.connect(path)
    connection.execute(f"CREATE TABLE council_list ({', '.join(f'c{i} TEXT' for i in range(len(HEADINGS)))})")

    def insert() -> None:
        with connection:
            connection.executemany(f"INSERT INTO council_list VALUES ({', '.join('?' * len(HEADINGS))})", rows)

    print(json.dumps(measured(insert)))
    connection.close()


def child(what: str, *args: str) -> None:
    """One measured run, in this process, printed as JSON for the parent."""
    from assetreg.services.exporting import export_register
    from assetreg.services.importing import apply_import, preview_import
    from assetreg.services.register import Register

    if what == "floor":
        plain_sqlite(Path(args[0]), Path(args[1]))
        return
    path = Path(args[0])
    if what == "import" and not path.exists():
        Register.open(path, create=True).close()
    with Register.open(path) as register:
        if what == "export":
            figures = measured(lambda: export_register(register, Path(args[1]), "planning-data"))
        else:
            listing = Path(args[1])
            figures = measured(lambda: apply_import(register, preview_import(register, listing, "Stockport")))
    print(json.dumps(figures))


def run(*args: object) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", *map(str, args)], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def medians(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.median(r[key] for r in runs) for key in runs[0]}


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    given = Path(sys.argv[2]) if len(sys.argv) > 2 else None
    work = Path(tempfile.mkdtemp(prefix="assetreg-bench-"))
    listing = work / "council.csv"
    with listing.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(HEADINGS)
        writer.writerows(council_rows(count))
    imports, floors = [], []
    for attempt in range(RUNS):  # alternated, so a busy spell of the machine slows both alike
        imports.append(run("import", work / f"import-{attempt}.assetreg", listing))
        floors.append(run("floor", work / f"plain-{attempt}.sqlite", listing))
    ours, floor = medians(imports), medians(floors)
    walls = ", ".join(f"{r['wall']:.2f}" for r in imports)
    print(f"import of {count} rows: median {ours['wall']:.2f} s wall, {ours['cpu']:.2f} s CPU (runs {walls} s)")
    print(f"plain sqlite3 executemany of the same rows: median {floor['wall']:.2f} s wall, {floor['cpu']:.2f} s CPU")
    print(f"ratio: {ours['wall'] / floor['wall']:.1f}x wall, {ours['cpu'] / floor['cpu']:.1f}x CPU (target <= 3x)")
    most = max(r["peak_mb"] for r in imports)
    print(f"peak memory of an import: median {ours['peak_mb']:.0f} MB, most {most:.0f} MB (target <= 300 MB)")
    again = run("import", work / "import-0.assetreg", listing)
    print(f"re-import of the same list (every asset matched, nothing changed): {again['wall']:.2f} s wall, "
          f"{again['cpu']:.2f} s CPU, peak {again['peak_mb']:.0f} MB")  # fmt: skip
    source = given if given and given.exists() else work / "import-0.assetreg"
    copy = work / f"export-{source.name}"
    shutil.copyfile(source, copy)
    exports = [run("export", copy, work / "acv.csv") for _ in range(RUNS)]
    figures = medians(exports)
    what = source.name if given else f"the imported register ({count} assets)"
    print(f"export of {what} to the national CSV: median {figures['wall']:.2f} s wall, {figures['cpu']:.2f} s CPU, "
          f"peak memory {figures['peak_mb']:.0f} MB")  # fmt: skip
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        child(sys.argv[2], *sys.argv[3:])
        sys.exit(0)
    sys.exit(main())
