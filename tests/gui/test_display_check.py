"""Without a screen, or without the libraries Qt's X11 plugin needs, the app says what to do instead of aborting."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from assetreg.gui import display_check

PROJECT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 and Wayland are Linux's")
def test_no_display_is_said_plainly_with_its_own_exit_status(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["ASSETREG_DATA_DIR"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "assetreg", "--db", str(tmp_path / "r.assetreg")],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 4  # not Qt's abort (134)
    assert "There is no screen to show AssetReg on" in result.stderr
    assert "assetreg --help" in result.stderr
    assert not (tmp_path / "r.assetreg").exists()  # nothing was made


def test_missing_x11_libraries_are_named_with_the_packages_to_install(monkeypatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(display_check, "missing_x11_libraries", lambda: ["libxcb-icccm.so.4", "libxcb-cursor.so.0"])
    said = display_check.display_problem({"DISPLAY": ":0"})
    assert "libxcb-cursor.so.0, libxcb-icccm.so.4" in said
    assert "sudo apt install libxcb-cursor0 libxcb-icccm4" in said


def test_a_chosen_platform_or_a_working_display_passes(monkeypatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(display_check, "missing_x11_libraries", lambda: [])
    assert display_check.display_problem({"QT_QPA_PLATFORM": "offscreen"}) == ""
    assert display_check.display_problem({"DISPLAY": ":0"}) == ""
    assert display_check.display_problem({"WAYLAND_DISPLAY": "wayland-0"}) == ""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ldd is Linux's")
def test_the_library_check_asks_the_real_plugin() -> None:
    missing = display_check.missing_x11_libraries()
    assert all(name.startswith("lib") and ".so" in name for name in missing)
