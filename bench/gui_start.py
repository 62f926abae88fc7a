"""Time from starting AssetReg to the dashboard shown with its dates, and peak memory (issue 4 targets:
1.5 s at 10,000 assets, 3 s at 100,000; under 400 MB).

    python bench/gui_start.py [REGISTER ...]   (default: bench/out/register-10000 and -100000.assetreg)

Each run starts the real app in a fresh process with ``--screenshot --view dashboard``, which returns once the
dashboard's dates have loaded and been painted; the median of three runs is printed.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

OUT = Path(__file__).parent / "out"


def run_once(register: Path, folder: Path) -> tuple[float, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ASSETREG_DATA_DIR=str(folder))
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "assetreg",
            "--db",
            str(register),
            "--screenshot",
            str(folder / "dashboard.png"),
            "--view",
            "dashboard",
        ],
        env=env,
        check=True,
        stderr=subprocess.DEVNULL,
    )
    elapsed = time.perf_counter() - started
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    return elapsed, peak


def main() -> int:
    registers = [Path(p) for p in sys.argv[1:]] or [OUT / "register-10000.assetreg", OUT / "register-100000.assetreg"]
    for register in registers:
        with tempfile.TemporaryDirectory() as folder:
            runs = [run_once(register, Path(folder)) for _ in range(3)]
        times = [t for t, _ in runs]
        print(
            f"{register.name}: start to dashboard shown, median {statistics.median(times):.2f} s "
            f"(runs {', '.join(f'{t:.2f}' for t in times)}); peak memory {max(p for _, p in runs):.0f} MB"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
