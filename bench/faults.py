"""Kill -9 a writer at random moments, then check nothing it reported committed was lost; and time a backup.

    python bench/faults.py [--cycles 1000] [--register PATH]

Each cycle starts a process writing assets in a loop (printing each reference once committed), waits for its
first commit, kills it (SIGKILL) after a random pause, then checks the register with ``PRAGMA integrity_check``.
The writer is forked from this process, which has imported AssetReg once (``--spawn`` starts a new Python for
each instead: the same test, ten times slower, as it pays Python's start every cycle).
Prints committed, lost and integrity failures (target: 0 lost, 0 failures). Then the time (wall and CPU) and size
of a verified backup of the 100,000-asset register (copied first from ``--register``, default
bench/out/register-100000.assetreg; the original is never modified), median of 3, with its ratio to a plain file
copy of the same register timed in the same run.
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


def _spawned_writer(path: Path, env: dict) -> tuple[int, object]:
    """A new Python process running WRITER: what a person's separate command would be."""
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], env=env, stdout=subprocess.PIPE, text=True)
    return writer.pid, writer.stdout


def _forked_writer(path: Path) -> tuple[int, object]:
    """The same writer forked from this process, which has imported AssetReg already: a cycle then costs the
    writes, not Python's start. The child opens the register itself (no connection is shared) and is killed
    with SIGKILL just the same."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the writer
        os.close(read)
        try:
            from assetreg.domain import entities as e
            from assetreg.services.records import Records
            from assetreg.services.register import Register

            out = os.fdopen(write, "w", buffering=1)
            records = Records(Register.open(path))
            while True:
                out.write(records.create(e.Asset(name="Asset", description="x" * 2000)).value.reference + "\n")
                out.flush()
        finally:
            os._exit(1)
    os.close(write)
    return pid, os.fdopen(read, "r")


def kill_cycles(cycles: int, folder: Path, *, fork: bool = True) -> tuple[int, int, int]:
    from assetreg.domain import entities as e  # noqa: F401 - imported once, before the writers are forked
    from assetreg.services.records import Records  # noqa: F401
    from assetreg.services.register import Register

    path = folder / "faults.assetreg"
    Register.open(path, create=True).close()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    rng, committed, failures = random.Random(1), set(), 0

    def stored() -> set[str]:
        with closing(sqlite3.connect(path)) as connection:
            return {row[0] for row in connection.execute("SELECT reference FROM assets")}

    for cycle in range(cycles):
        pid, said = _forked_writer(path) if fork and hasattr(os, "fork") else _spawned_writer(path, env)
        first = said.readline()
        time.sleep(rng.uniform(0, 0.2))
        os.kill(pid, signal.SIGKILL)
        rest = said.read()  # what it said it had committed before it died
        said.close()
        os.waitpid(pid, 0)
        committed.update((first + rest).split())
        with closing(sqlite3.connect(path)) as connection:
            if connection.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
                failures += 1
        if (cycle + 1) % 50 == 0:
            lost = len(committed - stored())
            print(f"  {cycle + 1} cycles: {len(committed)} committed, {lost} lost, {failures} failures", flush=True)
    return len(committed), len(committed - stored()), failures


def backup_cost(source: Path, folder: Path, runs: int = 3) -> None:
    """Times a verified backup (online backup + integrity_check) against a floor measured in the same run: a
    plain copy of the same file (``shutil.copyfile``), which is the least any backup could cost."""
    from assetreg.services.backups import backup_file

    copy = folder / "register-100000.assetreg"
    shutil.copyfile(source, copy)
    floors, times, cpus, sizes = [], [], [], []
    for n in range(runs):
        started = time.perf_counter()
        shutil.copyfile(copy, folder / f"floor-{n}.assetreg")
        floors.append(time.perf_counter() - started)
        (folder / f"floor-{n}.assetreg").unlink()
        started, cpu = time.perf_counter(), time.process_time()
        backup = backup_file(copy, folder / "backups", f"bench-{n}", prune_after=False)
        times.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu)
        sizes.append(backup.size)
    floor, median = statistics.median(floors), statistics.median(times)
    print(
        f"backup of {source.name} ({copy.stat().st_size / 1e6:.1f} MB), median of {runs}: {median:.2f} s wall, "
        f"{statistics.median(cpus):.2f} s CPU (copy + integrity_check); floor (plain file copy) {floor:.2f} s, "
        f"ratio {median / floor:.1f}x; backup size {statistics.median(sizes) / 1e6:.1f} MB"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cycles", type=int, default=1000, help="kill -9 cycles (0: time the backup only)")
    parser.add_argument(
        "--spawn", action="store_true", help="start each writer as a new Python process (slower) instead of forking"
    )
    parser.add_argument("--register", type=Path, default=Path(__file__).parent / "out" / "register-100000.assetreg")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        committed, lost, failures = (
            kill_cycles(args.cycles, Path(folder), fork=not args.spawn) if args.cycles else (0, 0, 0)
        )
        if args.cycles:
            print(f"{args.cycles} kill -9 cycles: {committed} committed, {lost} lost, {failures} integrity failures")
        if args.register.exists():
            backup_cost(args.register, Path(folder))
        else:
            print(f"no register at {args.register}: make one with bench/make_register.py 100000 --db PATH")
    return 0 if lost == 0 and failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
