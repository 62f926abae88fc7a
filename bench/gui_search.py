"""Time searching and sorting the assets register view (issue 15 target: a keystroke at 100,000 assets shown within
16 ms, 90th percentile).

    python bench/gui_search.py [REGISTER]      (default: bench/out/register-100000.assetreg)

Builds the view offscreen, waits for the assets to load, then types realistic searches one keystroke at a time
and times each from setting the text to the table having repainted: three rounds sorted by reference, one by
name. Then sorts by each column both ways, and tries the filters one after another. Prints the median and 90th
percentile, and the peak memory after loading.
"""

from __future__ import annotations

import ctypes
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402 - the platform must be chosen before Qt loads
from PySide6.QtWidgets import QApplication  # noqa: E402

from assetreg.gui.context import AppContext  # noqa: E402
from assetreg.gui.tables.asset_table import COL_NAME, COL_REFERENCE  # noqa: E402
from assetreg.gui.views.assets_view import AssetsView  # noqa: E402
from assetreg.services.register import Register  # noqa: E402

DEFAULT = Path(__file__).parent / "out" / "register-100000.assetreg"

if sys.version_info < (3, 12):
    # PySide6 6.12.0 drops a reference to None on every call of a Qt method that returns nothing (try
    # ``QObject().setObjectName("x")`` in a loop). Before Python 3.12 None is not immortal, so the thousands of
    # calls a benchmark makes end in "Fatal Python error: none_dealloc". Give None enough references to finish.
    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 30

# What people type: names, a street, postcodes, UPRN digits, a council, a reference; "" is the clear button.
SEARCHES = (
    "red lion",
    "",
    "sk4",
    "",
    "1000",
    "",
    "district council 0",
    "",
    "church lane",
    "",
    "ast-0042",
    "",
    "village hall 12",
    "",
    "tn14 6",
)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def timed(app: QApplication, action) -> float:
    started = time.perf_counter()
    action()
    app.processEvents()  # the table's relayout and repaint count too
    return time.perf_counter() - started


def main() -> int:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    if not path.exists() and path == DEFAULT:
        print(f"building {path.name} (takes a few minutes)…")
        subprocess.run([sys.executable, str(Path(__file__).parent / "make_register.py"), "100000"], check=True)
    app = QApplication.instance() or QApplication(sys.argv)
    register = Register.open(path)
    context = AppContext(register)
    view = AssetsView(context)
    view.resize(1100, 700)
    view.show()

    applying: list[float] = []
    arrived = view._on_loaded

    def on_loaded(rows) -> None:  # the part of loading that runs on the GUI thread
        began = time.perf_counter()
        arrived(rows)
        applying.append(time.perf_counter() - began)

    view._on_loaded = on_loaded
    started = time.perf_counter()
    view.refresh()
    longest_pause, last = 0.0, time.perf_counter()
    while view.loading:
        time.sleep(0.005)
        app.processEvents()
        now = time.perf_counter()
        longest_pause, last = max(longest_pause, now - last), now
    app.processEvents()
    loaded = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux
    total = view.model.asset_count
    print(f"{total:,} assets loaded and indexed in {loaded:.2f} s off the GUI thread; peak memory {peak_mb:.0f} MB")
    print(
        f"GUI thread while loading: longest pause between events {ms(longest_pause)}; "
        f"showing the loaded rows {ms(applying[0])}"
    )

    def typed(rounds: int) -> list[float]:
        times = []
        for _ in range(rounds):
            for search in SEARCHES:
                for text in [search[:n] for n in range(1, len(search) + 1)] or [""]:
                    times.append(timed(app, lambda t=text: view.search.setText(t)))
        return times

    # The floor: repainting the full table with nothing searched, which every keystroke that shows rows pays too.
    repaint = statistics.median(timed(app, view.table.viewport().update) for _ in range(40))
    print(f"floor: repainting the table, unchanged: median {ms(repaint)}")
    keystrokes = typed(3)
    print(
        f"search, {len(keystrokes)} keystrokes: median {ms(statistics.median(keystrokes))}, "
        f"90th percentile {ms(percentile(keystrokes, 0.9))} ({percentile(keystrokes, 0.9) / repaint:.1f}x the floor), "
        f"worst {ms(max(keystrokes))}"
    )
    view.table.sortByColumn(COL_NAME, Qt.SortOrder.AscendingOrder)  # rows no longer in the order they were read
    by_name = typed(1)
    view.table.sortByColumn(COL_REFERENCE, Qt.SortOrder.AscendingOrder)
    print(
        f"search sorted by name, {len(by_name)} keystrokes: median {ms(statistics.median(by_name))}, "
        f"90th percentile {ms(percentile(by_name, 0.9))} ({percentile(by_name, 0.9) / repaint:.1f}x the floor), "
        f"worst {ms(max(by_name))}"
    )

    view.search.clear()
    app.processEvents()
    header = view.table.horizontalHeader()
    sorts = []
    for column in range(view.model.columnCount()):
        heading = view.model.headerData(column, Qt.Orientation.Horizontal)
        times = [
            timed(app, lambda c=column, o=order: view.table.sortByColumn(c, o))
            for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder)
        ]
        sorts += times
        print(f"sort by {heading}: ascending {ms(times[0])}, descending {ms(times[1])}")
    view.table.sortByColumn(COL_REFERENCE, Qt.SortOrder.AscendingOrder)
    print(f"sort, every column both ways: median {ms(statistics.median(sorts))}, worst {ms(max(sorts))}")
    assert header.sortIndicatorSection() == COL_REFERENCE

    steps = [
        ("status Listed", lambda: view.status_filter.setCurrentIndex(view.status_filter.findText("Listed"))),
        ("category Pub", lambda: view.category_filter.setCurrentIndex(view.category_filter.findText("Pub"))),
        ("search 'lane'", lambda: view.search.setText("lane")),
        ("a council", lambda: view.council_filter.setCurrentIndex(1)),
        ("clear all", view.clear_filters.click),
    ]
    for label, step in steps:
        took = timed(app, step)
        print(f"filter, {label}: {ms(took)} -> {view.count.text()}")
    context.tasks.wait()
    register.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
