"""Time working out every asset's case with its deadlines (issue 3 target: under 2 s for 100,000 assets).

    python bench/deadlines.py [REGISTER]      (default: bench/out/register-100000.assetreg)

Prints the time to load the facts, to build every asset's case (statuses, periods, deadlines and what is in
force, as What's due needs them), and the counts.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from assetreg.domain.case import build_case
from assetreg.services.deadlines import calendars, load_facts, settled
from assetreg.services.register import Register
from assetreg.services.settings import load_settings


def main() -> int:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "out" / "register-100000.assetreg"
    register = Register.open(path)
    today = register.today()
    loads, computes, counts = [], [], 0
    for _ in range(3):
        started = time.perf_counter()
        settings = load_settings(register)
        facts = load_facts(register)
        loaded = time.perf_counter()
        by_nation = calendars(settings)
        with settled(facts):
            cases = [build_case(f, today, settings, by_nation[f.jurisdiction]) for f in facts]
        counts = sum(len(c.deadlines) for c in cases)
        done = time.perf_counter()
        loads.append(loaded - started)
        computes.append(done - loaded)
    register.close()
    total = [a + b for a, b in zip(loads, computes, strict=True)]
    print(
        f"{len(facts):,} assets, {counts:,} deadlines; median of 3 runs: load {statistics.median(loads):.2f} s, "
        f"compute {statistics.median(computes):.2f} s, total {statistics.median(total):.2f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
