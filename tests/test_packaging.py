"""The native build: builds it with packaging/build.py and runs the smoke checks on the bundled program.

Building takes minutes, so this runs only when asked: ``ASSETREG_BUILD_TEST=1 pytest tests/test_packaging.py``.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

import assetreg

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"

pytestmark = pytest.mark.skipif(
    os.environ.get("ASSETREG_BUILD_TEST") != "1", reason="builds the native package; set ASSETREG_BUILD_TEST=1"
)


def _load(name: str):
    # By path: "packaging" and "build" are also the names of PyPI packages.
    spec = importlib.util.spec_from_file_location(f"assetreg_packaging_{name}", PACKAGING / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bundle() -> Path:
    subprocess.run([sys.executable, str(PACKAGING / "build.py"), "--skip-smoke"], check=True, cwd=ROOT, timeout=1800)
    return ROOT / "dist" / ("AssetReg.app" if sys.platform == "darwin" else "AssetReg")


def test_the_bundled_program_runs(bundle: Path, tmp_path: Path) -> None:
    report = _load("smoke").smoke(bundle, tmp_path)
    print("\n".join(report))
    assert (tmp_path / "shot.png").stat().st_size > 10_000
    assert report[2] == f"--version: AssetReg {assetreg.__version__}"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the tarball is the Linux package")
def test_the_linux_tarball_installs_under_a_home_folder(bundle: Path, tmp_path: Path) -> None:
    name = f"AssetReg-{assetreg.__version__}-linux-x86_64"
    with tarfile.open(ROOT / "dist" / f"{name}.tar.gz") as tar:
        names = set(tar.getnames())
        for needed in ("install.sh", "assetreg.desktop", "icons/assetreg.svg", "icons/assetreg-256.png",
                       "AssetReg/assetreg", "AssetReg/LICENSES/THIRD-PARTY.txt"):  # fmt: skip
            assert f"{name}/{needed}" in names
        tar.extractall(tmp_path, filter="tar")
    home = tmp_path / "home"
    env = dict(os.environ, HOME=str(home))
    subprocess.run(["sh", str(tmp_path / name / "install.sh")], check=True, env=env)
    version = subprocess.run([str(home / ".local" / "bin" / "assetreg"), "--version"], capture_output=True, text=True)
    assert version.stdout.strip() == f"AssetReg {assetreg.__version__}"
    entry = (home / ".local" / "share" / "applications" / "assetreg.desktop").read_text()
    assert f'Exec="{home}/.local/share/assetreg/AssetReg/assetreg"' in entry
    assert (home / ".local" / "share" / "icons" / "hicolor" / "16x16" / "apps" / "assetreg.png").is_file()
    subprocess.run(["sh", str(tmp_path / name / "install.sh"), "--uninstall"], check=True, env=env)
    assert not (home / ".local" / "bin" / "assetreg").exists()
