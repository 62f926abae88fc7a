"""The same 100,000-asset register as a file (SQLite) and as a shared register (PostgreSQL), side by side:
listing every asset, working out every deadline, and starting the app to What's due.

    nice python bench/postgres.py [REGISTER]      (default: bench/out/register-100000.assetreg)

The register is first copied into a temporary folder (the original is never opened for writing), brought to
the current schema there, and copied with ``assetreg copy`` (the command itself, in its own process: its time,
CPU and peak memory are printed) into a throwaway PostgreSQL cluster on a unix socket
(tests/postgres_cluster.py). Each figure is the median of three runs, with CPU time, and the PostgreSQL figure
is given as a ratio to the SQLite one measured in the same run (the floor).
"""

from __future__ import annotations

import importlib.util
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 3


def _cluster_module():
    spec = importlib.util.spec_from_file_location("postgres_cluster", ROOT / "tests" / "postgres_cluster.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def timed(work) -> tuple[float, float, object]:
    """Median wall and CPU seconds of ``RUNS`` runs of ``work()``, and its last result."""
    walls, cpus, result = [], [], None
    for _ in range(RUNS):
        wall, cpu = time.perf_counter(), time.process_time()
        result = work()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), result


def start_up(location: str, folder: Path) -> tuple[float, float]:
    """Median wall and CPU (children) seconds from starting the app to What's due drawn with its dates; NaN when
    a start takes longer than ``ASSETREG_BENCH_START_TIMEOUT`` seconds (default 600, a badly loaded machine)."""
    limit = float(os.environ.get("ASSETREG_BENCH_START_TIMEOUT", "600"))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ASSETREG_DATA_DIR=str(folder), PYTHONPATH=str(ROOT))
    walls, cpus = [], []
    for _ in range(RUNS):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        try:
            subprocess.run(
                [sys.executable, "-m", "assetreg", "--db", location, "--screenshot", str(folder / "s.png")]
                + ["--view", "dashboard"],
                env=env,
                check=True,
                capture_output=True,
                timeout=limit,
            )
        except subprocess.TimeoutExpired:
            return float("nan"), float("nan")
        walls.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    return statistics.median(walls), statistics.median(cpus)


def copy_with_the_command(source: Path, url: str) -> tuple[float, float, float, dict]:
    """``assetreg copy SOURCE URL --json`` run as a person runs it: wall and CPU seconds, peak memory (MB) and
    its report."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "assetreg", "copy", str(source), url, "--json"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"assetreg copy failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss / 1024, json.loads(done.stdout)  # the copy is the first child: its peak


def main() -> int:
    from assetreg.domain.records import RecordKind
    from assetreg.services.assets import list_assets
    from assetreg.services.deadlines import register_deadlines
    from assetreg.services.records import Records
    from assetreg.services.register import Register

    original = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "bench" / "out" / "register-100000.assetreg"
    cluster_module = _cluster_module()
    binaries = cluster_module.server_bin()
    if binaries is None:
        print("PostgreSQL's server programs are not installed; nothing to compare.")
        return 1
    work = Path(tempfile.mkdtemp(prefix="assetreg-bench-pg-"))
    cluster = cluster_module.Cluster(binaries).start()
    try:
        local = work / original.name
        shutil.copyfile(original, local)  # the original is only ever read
        attachments = original.with_name(f"{original.stem}-attachments")
        if attachments.is_dir():
            shutil.copytree(attachments, work / attachments.name)
        started = time.perf_counter()
        Register.open(local).close()  # brought to the current schema (after its own backup) here, not there
        print(f"the copy of {original.name} brought to the current schema in {time.perf_counter() - started:.1f} s")
        url = cluster.url(cluster.create("register"))
        copy_wall, copy_cpu, copy_peak, report = copy_with_the_command(local, url)
        assert report["whole"], report["problems"]
        tables = report["tables"]
        print(
            f"assetreg copy: {tables['assets']['target_rows']:,} assets, "
            f"{tables['audit_entries']['target_rows']:,} history entries, "
            f"{sum(t['target_rows'] for t in tables.values()):,} rows in all and "
            f"{report['attachments']['whole']:,} attachments to PostgreSQL in {copy_wall:.1f} s "
            f"({copy_cpu:.1f} s CPU, peak {copy_peak:.0f} MB), checked whole",
            flush=True,
        )
        rows = []
        for label, location in (("SQLite", str(local)), ("PostgreSQL", url)):
            with Register.open(location) as register:
                count = len(Records(register).list(RecordKind.AUTHORITY))  # warm the connection
                listing = timed(lambda r=register: list_assets(r))
                deadlines = timed(lambda r=register: register_deadlines(r))
            print(
                f"{label}: list {listing[0]:.2f} s ({listing[1]:.2f} CPU), deadlines {deadlines[0]:.2f} s "
                f"({deadlines[1]:.2f} CPU)",
                flush=True,
            )
            rows.append((label, listing, deadlines, start_up(location, work), count))
        floor = rows[0]
        print(f"{'':12}{'list (s)':>18}{'deadlines (s)':>20}{'start-up (s)':>20}   wall (cpu), median of {RUNS}")
        for label, listing, deadlines, started_up, _ in rows:
            print(
                f"{label:12}{listing[0]:>10.2f} ({listing[1]:.2f}){deadlines[0]:>12.2f} ({deadlines[1]:.2f})"
                f"{started_up[0]:>12.2f} ({started_up[1]:.2f})"
            )
        shared = rows[1]
        print(
            f"PostgreSQL / SQLite: list {shared[1][0] / floor[1][0]:.2f}x, deadlines "
            f"{shared[2][0] / floor[2][0]:.2f}x, start-up {shared[3][0] / floor[3][0]:.2f}x "
            f"({len(listing[2]):,} assets listed)"
        )
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak memory of this process (both registers listed and dated): {peak:.0f} MB")
    finally:
        cluster.stop()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
