"""Time ``assetreg assets list --json`` against a plain sqlite3 dump of every asset column to JSON (issue 15
target: within 2x), each a whole process, alternating.

    python bench/cli_list.py [--runs N] [REGISTER]   (default: bench/out/register-100000.assetreg)

The register is copied first (opening it may upgrade it). The first run is timed apart: it upgrades the copy
and, as the due index of a register never opened by the app is empty, works every case out and keeps them in
the index, which the runs after it read. Medians of wall and CPU time are printed with the ratio, and the number
of assets each printed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FLOOR = """
import json, sqlite3, sys
connection = sqlite3.connect(sys.argv[1])
cursor = connection.execute("SELECT * FROM assets WHERE deleted_at IS NULL ORDER BY id")
names = [d[0] for d in cursor.description]
sys.stdout.write(json.dumps([dict(zip(names, row)) for row in cursor], ensure_ascii=False))
"""


def run(command: list[str], output: Path) -> tuple[float, float]:
    with output.open("wb") as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed")
    return elapsed, usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "register", nargs="?", type=Path, default=Path(__file__).parent / "out" / "register-100000.assetreg"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        register = folder / args.register.name
        shutil.copy2(args.register, register)
        app = [sys.executable, "-m", "assetreg", "--db", str(register), "assets", "list", "--json"]
        floor = [sys.executable, "-c", FLOOR, str(register)]
        first = run(app, folder / "app.json")  # upgrades the copy and builds the due index
        timings: dict[str, list[tuple[float, float]]] = {"app": [], "floor": []}
        for _ in range(args.runs):
            timings["floor"].append(run(floor, folder / "floor.json"))
            timings["app"].append(run(app, folder / "app.json"))
        counts = {name: len(json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))) for name in timings}
    wall = {name: statistics.median(t for t, _ in runs) for name, runs in timings.items()}
    cpu = {name: statistics.median(c for _, c in runs) for name, runs in timings.items()}
    floor_text = f"median {wall['floor']:.2f} s (cpu {cpu['floor']:.2f} s), {counts['floor']:,} assets"
    print(f"plain sqlite3 to JSON (floor): {floor_text}")
    print(f"assetreg assets list --json, first run (upgrade, due index built): {first[0]:.2f} s (cpu {first[1]:.2f} s)")
    print(
        f"assetreg assets list --json: median {wall['app']:.2f} s (cpu {cpu['app']:.2f} s), {counts['app']:,} assets; "
        f"{wall['app'] / wall['floor']:.2f}x the floor (target <= 2x)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
