"""Two processes writing to one register at once: nothing is lost, no reference is handed out twice, no errors."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from assetreg.services.register import Register
from assetreg.services.settings import load_settings

WRITER = textwrap.dedent(
    """
    import dataclasses, sys
    from datetime import date, timedelta
    from pathlib import Path
    from assetreg.domain import entities as e
    from assetreg.services.records import Records
    from assetreg.services.register import Register
    from assetreg.services.settings import load_settings, save_settings

    path, what, start, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    with Register.open(path) as register:
        for n in range(start, start + count):
            if what == "holidays":
                current = load_settings(register)  # as the command line does: read, change, save the change
                day = date(2030, 1, 1) + timedelta(days=n)
                wanted = dataclasses.replace(current, extra_holidays=current.extra_holidays + ((day, f"Day {n}"),))
                save_settings(register, wanted, based_on=current)
            else:
                Records(register).create(e.Asset(name=f"Asset {n}"))
    print("done")
    """
)


def run_two_writers(path: Path, what: str, each: int) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), what, str(start), str(each)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for start in (0, each)
    ]
    for writer in writers:
        out, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err
        assert out.strip() == "done"
        assert err == ""


def test_two_processes_adding_300_holidays_each_keep_all_600(tmp_path: Path) -> None:
    path = tmp_path / "register.assetreg"
    Register.open(path, create=True).close()
    run_two_writers(path, "holidays", 300)
    with Register.open(path) as register:
        holidays = load_settings(register).extra_holidays
    assert len(holidays) == 600
    assert {label for _, label in holidays} == {f"Day {n}" for n in range(600)}


def test_two_processes_creating_300_assets_each_get_600_distinct_references(tmp_path: Path) -> None:
    from assetreg.services.assets import list_assets

    path = tmp_path / "register.assetreg"
    Register.open(path, create=True).close()
    run_two_writers(path, "assets", 300)
    with Register.open(path) as register:
        assets = list_assets(register)
    assert sorted(a.reference for a in assets) == [f"AST-{n:04d}" for n in range(1, 601)]
    assert {a.name for a in assets} == {f"Asset {n}" for n in range(600)}
