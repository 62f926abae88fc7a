"""Gathers the licences a native build must ship into one folder, and lists them in THIRD-PARTY.txt.

- AssetReg itself: GPL-3.0-or-later (``LICENSE`` at the repository root).
- Qt and PySide6/shiboken6: LGPL-3.0 (their wheels ship no licence text, so the GNU texts kept in
  ``packaging/licenses/`` are used: the LGPL-3.0 and the GPL-3.0 it builds on).
- Carlito, the font embedded in printed documents: SIL Open Font License 1.1.
- The Python interpreter: the PSF licence from the running Python.
- Every other installed dependency, found by walking the requirements in pyproject.toml through
  ``importlib.metadata``: each one's licence files as its wheel installed them.

Used by ``assetreg.spec``; ``python packaging/licences.py OUT`` writes the folder on its own.
"""

from __future__ import annotations

import re
import shutil
import sys
import sysconfig
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
LICENCE_NAME = re.compile(r"(^|/)(LICEN[CS]E|COPYING|NOTICE|AUTHORS|COPYRIGHT)[^/]*$", re.IGNORECASE)
QT_DISTS = {"pyside6-essentials", "shiboken6"}


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime_distributions() -> list[metadata.Distribution]:
    """The installed distributions AssetReg needs at run time: its requirements, and theirs, without extras."""
    requirements = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["dependencies"]
    environment = default_environment() | {"extra": ""}
    pending = [Requirement(r) for r in requirements]
    found: dict[str, metadata.Distribution] = {}
    while pending:
        requirement = pending.pop()
        if requirement.marker is not None and not requirement.marker.evaluate(environment):
            continue
        key = _canonical(requirement.name)
        if key in found:
            continue
        try:
            dist = metadata.distribution(requirement.name)
        except metadata.PackageNotFoundError:
            continue
        found[key] = dist
        pending.extend(Requirement(r) for r in dist.requires or ())
    return sorted(found.values(), key=lambda d: _canonical(d.metadata["Name"]))


def _licence_of(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    expression = meta.get("License-Expression")
    if expression:
        return expression
    licence = (meta.get("License") or "").strip()
    if licence and "\n" not in licence and len(licence) < 80:
        return licence
    classifiers = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or () if c.startswith("License ::")]
    return "; ".join(classifiers) or (licence.splitlines()[0] if licence else "see the files listed")


def _licence_files(dist: metadata.Distribution) -> list[Path]:
    files = []
    for entry in dist.files or ():
        text = str(entry)
        in_dist_info = ".dist-info/" in text
        if LICENCE_NAME.search(text) and (in_dist_info or text.count("/") <= 1) or "/licenses/" in text:
            path = Path(entry.locate())
            if path.is_file():
                files.append(path)
    return files


def gather(out: Path) -> Path:
    """Writes the licence folder at ``out`` (replacing it) and returns it."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    shutil.copy(ROOT / "LICENSE", out / "AssetReg-GPL-3.0-or-later.txt")
    shutil.copy(HERE / "licenses" / "LGPL-3.0.txt", out / "Qt-PySide6-LGPL-3.0.txt")
    shutil.copy(ROOT / "LICENSE", out / "Qt-PySide6-GPL-3.0.txt")
    shutil.copy(ROOT / "resources" / "fonts" / "OFL.txt", out / "Carlito-OFL-1.1.txt")
    shutil.copy(ROOT / "resources" / "fonts" / "DejaVu-LICENSE.txt", out / "DejaVu-Bitstream-Vera.txt")
    python_licence = Path(sysconfig.get_paths()["stdlib"]) / "LICENSE.txt"
    rows = [
        ("AssetReg", _version(), "GPL-3.0-or-later", "AssetReg-GPL-3.0-or-later.txt"),
        ("Carlito font", "", "OFL-1.1", "Carlito-OFL-1.1.txt"),
        ("DejaVu Sans font", "2.37", "Bitstream-Vera", "DejaVu-Bitstream-Vera.txt"),
    ]
    if python_licence.is_file():
        shutil.copy(python_licence, out / "Python-PSF-2.0.txt")
        rows.append(("Python", sys.version.split()[0], "PSF-2.0", "Python-PSF-2.0.txt"))
    for dist in runtime_distributions():
        name, version = dist.metadata["Name"], dist.version
        folder = out / f"{name}-{version}"
        copied = []
        for path in _licence_files(dist):
            folder.mkdir(exist_ok=True)
            target = folder / path.name
            if target.exists():
                target = folder / f"{path.parent.name}-{path.name}"
            shutil.copy(path, target)
            copied.append(f"{folder.name}/{target.name}")
        if _canonical(name) in QT_DISTS:
            copied += ["Qt-PySide6-LGPL-3.0.txt", "Qt-PySide6-GPL-3.0.txt"]
        rows.append((name, version, _licence_of(dist), ", ".join(copied) or "(no licence file in the wheel)"))
    width = max(len(r[0]) for r in rows)
    lines = [
        "AssetReg and the software it is built with",
        "",
        "Each line: name, version, licence, and the file(s) in this folder with its terms.",
        "",
    ]
    lines += [f"{n:<{width}}  {v:<12}  {lic}\n{'':<{width}}  {'':<12}  {files}" for n, v, lic, files in rows]
    lines += [
        "",
        "Qt 6 and PySide6 are used under the GNU Lesser General Public License v3. In this build they are",
        "separate shared libraries (libQt6*, QtCore.abi3.so and so on, in the _internal folder); you may replace",
        "them with your own builds of the same Qt and PySide6 versions. Their source is at",
        "https://code.qt.io and https://download.qt.io/official_releases/QtForPython/.",
        "",
        "The small program that starts AssetReg comes from PyInstaller, licensed under the GPL-2.0-or-later with",
        "an exception that allows it to start programs under any licence.",
        "",
    ]
    (out / "THIRD-PARTY.txt").write_text("\n".join(lines), "utf-8")
    return out


def _version() -> str:
    text = (ROOT / "assetreg" / "__init__.py").read_text("utf-8")
    return re.search(r'__version__ = "([^"]+)"', text).group(1)


if __name__ == "__main__":
    print(gather(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "LICENSES"))
