"""Time from starting AssetReg to What's due shown with its dates, against a bare PySide6 window (issue 15
targets: the demo register within 3x a bare window; 100,000 assets within 1.5x the demo; under 250 MB).

    python bench/gui_start.py [--runs N] [REGISTER ...]   (default: bench/out/register-10000 and -100000)

Each run starts a fresh process. The floor is a bare PySide6 window shown and painted; AssetReg starts with
``--screenshot --view dashboard``, which returns once What's due has loaded and been painted. The demo register
is written by the AssetReg under test. Runs alternate between the floor, the demo and each register, so a
noisy machine slows them alike; medians are printed with CPU time, peak memory and the ratios. The registers
are copied first: opening one may upgrade it and builds its due index, and the first start (which builds it,
and compiles the modules as installing does) is timed apart from the later ones. Every process keeps its
compiled modules, as an installed app does, even where PYTHONDONTWRITEBYTECODE is set.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

OUT = Path(__file__).parent / "out"

BARE_WINDOW = """
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
window = QLabel("What's due")
window.resize(1280, 800)
window.show()
for _ in range(5):
    app.processEvents()
window.grab()
"""


def run(command: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall time, CPU time (user + system) and peak memory (MB) of one process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def app_command(register: Path, folder: Path) -> list[str]:
    screenshot = folder / "dashboard.png"
    return [
        sys.executable,
        "-m",
        "assetreg",
        "--db",
        str(register),
        "--screenshot",
        str(screenshot),
        "--view",
        "dashboard",
    ]


def line(name: str, runs: list[tuple[float, float, float]], floor: float | None = None, against: str = "") -> str:
    wall = statistics.median(r[0] for r in runs)
    cpu = statistics.median(r[1] for r in runs)
    peak = max(r[2] for r in runs)
    ratio = f"; {wall / floor:.2f}x {against}" if floor else ""
    each = ", ".join(f"{r[0]:.2f}" for r in runs)
    return f"{name}: median {wall:.2f} s (cpu {cpu:.2f} s; runs {each}); peak {peak:.0f} MB{ratio}"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("registers", nargs="*", type=Path)
    args = parser.parse_args()
    registers = args.registers or [OUT / "register-10000.assetreg", OUT / "register-100000.assetreg"]
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ASSETREG_DATA_DIR=str(folder / "data"))
        # As installed: Python keeps the compiled modules (here in the run's folder), as an installed app has
        # them, rather than compiling AssetReg's own on every start.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
        demo = folder / "demo.assetreg"
        subprocess.run(
            [sys.executable, "-m", "assetreg", "--db", str(demo), "demo"],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        copies = []
        for register in registers:
            copy = folder / register.name
            shutil.copy2(register, copy)
            copies.append(copy)
        first = {}
        for copy in [demo, *copies]:  # the first start upgrades the copy and builds What's due kept ready
            first[copy.name] = run(app_command(copy, folder), env)
        timings: dict[str, list] = {"bare": [], demo.name: [], **{c.name: [] for c in copies}}
        for _ in range(args.runs):
            timings["bare"].append(run([sys.executable, "-c", BARE_WINDOW], env))
            for copy in [demo, *copies]:
                timings[copy.name].append(run(app_command(copy, folder), env))
    bare = statistics.median(r[0] for r in timings["bare"])
    demo_start = statistics.median(r[0] for r in timings[demo.name])
    print(line("bare PySide6 window shown (floor)", timings["bare"]))
    print(line("demo register: start to What's due shown", timings[demo.name], bare, "the bare window (target <= 3x)"))
    for copy in copies:
        name = f"{copy.name}: start to What's due shown"
        print(line(name, timings[copy.name], demo_start, "the demo's start (target <= 1.5x)"))
    for name, (wall, cpu, peak) in first.items():
        print(f"first start of {name} (upgrade and build): {wall:.2f} s (cpu {cpu:.2f} s), peak {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
