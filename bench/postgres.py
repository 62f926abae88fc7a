"""The same 100,000-asset register as a file (SQLite) and as a shared register (PostgreSQL), side by side:
listing every asset, working out every deadline, and starting the app to What's due.

    nice python bench/postgres.py [REGISTER]      (default: bench/out/register-100000.assetreg)

The register is first copied into a temporary folder (the original is never opened for writing), brought to
the current schema there, and copied with ``assetreg copy`` (the command itself, in its own process: its time,
CPU and peak memory are printed) into a throwaway PostgreSQL cluster on a unix socket
(tests/postgres_cluster.py). Each figure is the median of three runs, with CPU time, the two registers taking
turns run by run, and the PostgreSQL figure is given as a ratio to the SQLite one measured in the same run
(the floor), in wall time and in CPU time (the client's; the server's own work is not in it).
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
WHAT = ("list", "deadlines", "start-up")


def _turns(run: int) -> tuple[str, str]:
    return ("SQLite", "PostgreSQL") if run % 2 == 0 else ("PostgreSQL", "SQLite")


def _cluster_module():
    spec = importlib.util.spec_from_file_location("postgres_cluster", ROOT / "tests" / "postgres_cluster.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def once(work) -> tuple[float, float, object]:
    """Wall and CPU seconds of one run of ``work()`` in this process, and its result."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def start_once(location: str, folder: Path) -> tuple[float, float, None]:
    """Wall and CPU (the child's) seconds from starting the app to What's due drawn with its dates; NaN when the
    start takes longer than ``ASSETREG_BENCH_START_TIMEOUT`` seconds (default 600, a badly loaded machine)."""
    limit = float(os.environ.get("ASSETREG_BENCH_START_TIMEOUT", "600"))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ASSETREG_DATA_DIR=str(folder), PYTHONPATH=str(ROOT))
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
        return float("nan"), float("nan"), None
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), None


def medians(samples: list[tuple[float, float, object]]) -> tuple[float, float]:
    return statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples)


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
        # The machine is shared and its load comes and goes: the two registers take turns, run by run (and which
        # goes first alternates), so a busy minute falls on both alike.
        locations = {"SQLite": str(local), "PostgreSQL": url}
        samples: dict[tuple[str, str], list] = {(label, what): [] for label in locations for what in WHAT}
        registers = {label: Register.open(location) for label, location in locations.items()}
        try:
            for register in registers.values():
                Records(register).list(RecordKind.AUTHORITY)  # the connection warmed
            for run in range(RUNS):
                for what, job in (("list", list_assets), ("deadlines", register_deadlines)):
                    for label in _turns(run):
                        samples[label, what].append(once(lambda w=job, r=registers[label]: w(r)))
                listed = len(samples["PostgreSQL", "list"][-1][2])
                print(
                    f"run {run + 1}: "
                    + ", ".join(
                        f"{label} {what} {samples[label, what][-1][0]:.2f} s"
                        for what in ("list", "deadlines")
                        for label in locations
                    ),
                    flush=True,
                )
        finally:
            for register in registers.values():
                register.close()
        for run in range(RUNS):
            for label in _turns(run):
                samples[label, "start-up"].append(start_once(locations[label], work))
            print(
                f"start-up {run + 1}: "
                + ", ".join(f"{label} {samples[label, 'start-up'][-1][0]:.2f} s" for label in locations),
                flush=True,
            )
        figures = {key: medians(found) for key, found in samples.items()}
        print(f"{'':12}" + "".join(f"{what + ' (s)':>20}" for what in WHAT) + f"   wall (cpu), median of {RUNS}")
        for label in locations:
            print(f"{label:12}" + "".join(f"{figures[label, w][0]:>12.2f} ({figures[label, w][1]:5.2f})" for w in WHAT))
        for column, name in ((0, "wall"), (1, "CPU")):
            ratios = ", ".join(
                f"{what} {figures['PostgreSQL', what][column] / figures['SQLite', what][column]:.2f}x" for what in WHAT
            )
            print(f"PostgreSQL / SQLite, {name}: {ratios}")
        print(f"({listed:,} assets listed; CPU is the client's: the server's own work is not in it)")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak memory of this process (both registers listed and dated): {peak:.0f} MB")
    finally:
        cluster.stop()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
