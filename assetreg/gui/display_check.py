"""Before Qt starts: is there a screen to show the window on, and can Qt's X11 plugin load?

Qt ends the process (an abort, exit status 134) when it has no display or when a system library its X11 plugin
needs is missing, and says so only in terms a volunteer cannot act on. These checks run first and say what to do.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

from ..domain.i18n import tr

# The Debian and Ubuntu package that provides each library Qt's X11 plugin loads.
_PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libEGL.so.1": "libegl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libdbus-1.so.3": "libdbus-1-3",
}
_NOT_FOUND = re.compile(r"^\s*(\S+) => not found", re.MULTILINE)


def display_problem(environ: dict[str, str] | None = None) -> str:
    """Why the window cannot be shown, in plain words with what to do, or "" when it can."""
    environ = dict(os.environ if environ is None else environ)
    platform = environ.get("QT_QPA_PLATFORM", "")
    if not sys.platform.startswith("linux") or platform not in ("", "xcb", "wayland", "wayland;xcb", "xcb;wayland"):
        return ""  # Windows, macOS, or a platform chosen on purpose (offscreen for screenshots and tests)
    if not environ.get("DISPLAY") and not environ.get("WAYLAND_DISPLAY"):
        return tr(
            "There is no screen to show AssetReg on: this session has no graphical display (neither DISPLAY nor "
            "WAYLAND_DISPLAY is set). Start AssetReg from your desktop, or use its commands (assetreg --help), "
            "which need no display."
        )
    if environ.get("WAYLAND_DISPLAY") and not environ.get("DISPLAY"):
        return ""  # Qt will use its Wayland plugin, which needs none of the X11 libraries
    missing = missing_x11_libraries()
    if not missing:
        return ""
    packages = sorted({_PACKAGES.get(name, name) for name in missing})
    return tr(
        "AssetReg cannot open its window: Qt needs system libraries that are not installed ({libraries}). "
        "On Debian or Ubuntu, install them with:\n\n    sudo apt install {packages}\n\nthen start AssetReg again."
    ).format(libraries=", ".join(sorted(missing)), packages=" ".join(packages))


def missing_x11_libraries() -> list[str]:
    """The shared libraries that Qt's X11 plugin needs and the system lacks (by asking ``ldd``)."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return []
    qt = Path(next(iter(spec.submodule_search_locations))) / "Qt"
    candidates = [*qt.glob("lib/libQt6XcbQpa.so*"), *qt.glob("plugins/platforms/libqxcb.so")]
    missing: set[str] = set()
    for library in candidates:
        try:
            result = subprocess.run(["ldd", str(library)], capture_output=True, text=True, timeout=10, check=False)
        except (OSError, subprocess.TimeoutExpired):
            return []  # no ldd to ask: let Qt try, and say what it says
        missing.update(_NOT_FOUND.findall(result.stdout))
    # Qt's own libraries are found through the plugin's run path, which ldd does not always follow.
    return sorted(name for name in missing if not name.startswith("libQt6"))
