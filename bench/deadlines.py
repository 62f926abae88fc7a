"""Time What's due for a whole register: read from the due index against every case worked out (issue 15:
start-up must not grow with the register).

    python bench/deadlines.py [REGISTER]      (default: bench/out/register-100000.assetreg)

The register is copied first (opening it may upgrade it). Prints, as medians of alternating runs: the time to
load the facts and build every asset's case (the floor: what What's due cost before the index); the time to
answer What's due from the index for the dashboard's 90 days and for every date; the ratios to the floor; and
the time the first What's due took to build the index. Checks the two answers are the same.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from assetreg.services.deadlines import computed_whats_due, indexed_whats_due, whats_due
from assetreg.services.due_index import same_answers
from assetreg.services.register import Register

RUNS = 3


def timed(work) -> tuple[float, object]:
    started = time.perf_counter()
    value = work()
    return time.perf_counter() - started, value


def main() -> int:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "out" / "register-100000.assetreg"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / source.name
        shutil.copy2(source, path)
        register = Register.open(path)
        today = register.today()
        with register.transaction() as session:  # as a freshly upgraded register: no index yet
            from assetreg.db.due_index import clear

            clear(session)
        build, _ = timed(lambda: whats_due(register, today, within=90))
        floor, index_90, index_all = [], [], []
        for _ in range(RUNS):
            seconds, computed = timed(lambda: computed_whats_due(register, today))
            floor.append(seconds)
            seconds, _ = timed(lambda: indexed_whats_due(register, today, within=90, write=False))
            index_90.append(seconds)
            seconds, indexed = timed(lambda: indexed_whats_due(register, today, write=False))
            index_all.append(seconds)
        assert indexed is not None and same_answers(indexed, computed), "the index and the cases differ"
        register.close()
    base = statistics.median(floor)
    print(
        f"{len(computed.deadlines):,} dates still to be met, {len(computed.in_force):,} things in force; "
        f"median of {RUNS} alternating runs:"
    )
    print(f"  every case worked out (floor, as before the index): {base:.2f} s")
    for name, runs in (("the next 90 days", index_90), ("every date", index_all)):
        median = statistics.median(runs)
        print(f"  What's due for {name} from the index: {median:.2f} s ({median / base:.2f}x the floor)")
    print(f"  first What's due, building the index: {build:.2f} s ({build / base:.2f}x the floor)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
