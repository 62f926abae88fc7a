"""Kill -9 a writer at random moments, then check nothing it reported committed was lost; and time a backup.

    python bench/faults.py [--cycles 1000] [--register PATH]

Each cycle starts a process writing assets in a loop (printing each reference once committed), waits for its
first commit, kills it (SIGKILL) after a random pause, then checks the register with ``PRAGMA integrity_check``.
Prints committed, lost and integrity failures (target: 0 lost, 0 failures). Then the time and size of a verified
backup of the 100,000-asset register (copied first from ``--register``, default bench/out/register-100000.assetreg;
the original is never modified), median of 3.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path

WRITER = """
import sys
from pathlib import Path
from assetreg.domain import entities as e
from assetreg.services.records import Records
from assetreg.services.register import Register
records = Records(Register.open(Path(sys.argv[1])))
while True:
    print(records.create(e.Asset(name="Asset", description="x" * 2000)).value.reference, flush=True)
"""


def kill_cycles(cycles: int, folder: Path) -> tuple[int, int, int]:
    from assetreg.services.register import Register

    path = folder / "faults.assetreg"
    Register.open(path, create=True).close()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    rng, committed, failures = random.Random(1), set(), 0
    for cycle in range(cycles):
        writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], env=env, stdout=subprocess.PIPE, text=True)
        first = writer.stdout.readline()
        time.sleep(rng.uniform(0, 0.2))
        writer.send_signal(signal.SIGKILL)
        out, _ = writer.communicate()
        committed.update((first + out).split())
        with closing(sqlite3.connect(path)) as connection:
            if connection.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
                failures += 1
        if (cycle + 1) % 50 == 0:
            print(f"  {cycle + 1} cycles", flush=True)
    with closing(sqlite3.connect(path)) as connection:
        stored = {row[0] for row in connection.execute("SELECT reference FROM assets")}
    return len(committed), len(committed - stored), failures


def backup_cost(source: Path, folder: Path) -> None:
    from assetreg.services.backups import backup_file

    copy = folder / "register-100000.assetreg"
    shutil.copyfile(source, copy)
    times, sizes = [], []
    for n in range(3):
        started = time.perf_counter()
        backup = backup_file(copy, folder / "backups", f"bench-{n}", prune_after=False)
        times.append(time.perf_counter() - started)
        sizes.append(backup.size)
    print(
        f"backup of {source.name} ({copy.stat().st_size / 1e6:.1f} MB): median {statistics.median(times):.2f} s "
        f"(copy + integrity_check), backup size {statistics.median(sizes) / 1e6:.1f} MB"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cycles", type=int, default=1000)
    parser.add_argument("--register", type=Path, default=Path(__file__).parent / "out" / "register-100000.assetreg")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        committed, lost, failures = kill_cycles(args.cycles, Path(folder))
        print(f"{args.cycles} kill -9 cycles: {committed} committed, {lost} lost, {failures} integrity failures")
        if args.register.exists():
            backup_cost(args.register, Path(folder))
        else:
            print(f"no register at {args.register}: make one with bench/make_register.py 100000 --db PATH")
    return 0 if lost == 0 and failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
