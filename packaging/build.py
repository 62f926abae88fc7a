"""Builds AssetReg's native package for the OS this runs on.

    python packaging/build.py [--skip-smoke]

Needs the build extras: ``pip install .[build]``. Steps:

1. PyInstaller (packaging/assetreg.spec) builds the one-folder program into ``dist/AssetReg/``
   (on macOS also ``dist/AssetReg.app``), licences included.
2. packaging/smoke.py runs it (version, demo register, check, offscreen screenshot, PDF) unless --skip-smoke.
3. The package for this OS:
   - Linux: ``dist/AssetReg-<version>-linux-x86_64.tar.gz`` with the folder, a desktop entry, the icons and
     ``install.sh`` (installs under ~/.local). An AppImage is made separately by
     packaging/linux/make-appimage.sh where appimagetool is available.
   - Windows: ``dist/AssetReg-<version>-windows-x64-setup.exe`` with Inno Setup 6 (packaging/windows/assetreg.iss),
     if ``iscc`` is found; otherwise says how to install it.
   - macOS: ``dist/AssetReg-<version>-macos-<arch>.dmg`` with ``hdiutil``, holding AssetReg.app and a link
     to /Applications.

Prints the build time and the bundle's size at the end.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "packaging"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
ICON_SIZES = (16, 32, 48, 64, 128, 256, 512)


def version() -> str:
    text = (ROOT / "assetreg" / "__init__.py").read_text("utf-8")
    return re.search(r'__version__ = "([^"]+)"', text).group(1)


def machine() -> str:
    arch = platform.machine().lower()
    return {"amd64": "x86_64", "x64": "x86_64", "aarch64": "arm64"}.get(arch, arch)


def size_of(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def megabytes(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB"


def pyinstaller() -> Path:
    for stale in (DIST / "AssetReg", DIST / "AssetReg.app"):
        if stale.exists():
            shutil.rmtree(stale)
    command = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
        "--distpath", str(DIST), "--workpath", str(WORK), str(HERE / "assetreg.spec"),
    ]  # fmt: skip
    print("+", " ".join(command), flush=True)
    subprocess.run(command, check=True, cwd=ROOT)
    return DIST / ("AssetReg.app" if sys.platform == "darwin" else "AssetReg")


def linux_tarball(bundle: Path) -> Path:
    name = f"AssetReg-{version()}-linux-{machine()}"
    stage = ROOT / "build" / name
    if stage.exists():
        shutil.rmtree(stage)
    (stage / "icons").mkdir(parents=True)
    shutil.copytree(bundle, stage / "AssetReg", symlinks=True)
    shutil.copy(HERE / "linux" / "assetreg.desktop", stage)
    shutil.copy(HERE / "linux" / "install.sh", stage)
    (stage / "install.sh").chmod(0o755)
    shutil.copy(HERE / "bundle-README.txt", stage / "README.txt")
    icons = ROOT / "resources" / "icons"
    shutil.copy(icons / "assetreg.svg", stage / "icons")
    for size in ICON_SIZES:
        shutil.copy(icons / f"assetreg-{size}.png", stage / "icons")
    out = DIST / f"{name}.tar.gz"
    print(f"+ writing {out.relative_to(ROOT)}", flush=True)
    with tarfile.open(out, "w:gz", compresslevel=6) as tar:
        tar.add(stage, arcname=name)
    return out


def windows_installer() -> Path | None:
    candidates = [shutil.which("iscc")] + [
        str(Path(os.environ.get(var, "")) / "Inno Setup 6" / "ISCC.exe")
        for var in ("ProgramFiles(x86)", "ProgramFiles")
    ]
    iscc = next((c for c in candidates if c and Path(c).is_file()), None)
    if iscc is None:
        print("Inno Setup 6 not found: install it (e.g. `choco install innosetup`) to make the installer.")
        return None
    subprocess.run([iscc, f"/DAppVersion={version()}", str(HERE / "windows" / "assetreg.iss")], check=True)
    return DIST / f"AssetReg-{version()}-windows-x64-setup.exe"


def macos_dmg(app: Path) -> Path:
    stage = ROOT / "build" / "dmg"
    if stage.exists():
        shutil.rmtree(stage)
    stage.mkdir(parents=True)
    shutil.copytree(app, stage / "AssetReg.app", symlinks=True)
    (stage / "Applications").symlink_to("/Applications")
    out = DIST / f"AssetReg-{version()}-macos-{machine()}.dmg"
    out.unlink(missing_ok=True)
    command = ["hdiutil", "create", "-volname", f"AssetReg {version()}", "-srcfolder", str(stage), "-ov"]
    subprocess.run([*command, "-format", "UDZO", str(out)], check=True)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-smoke", action="store_true", help="do not run the smoke test on the build")
    args = parser.parse_args(argv)

    started = time.monotonic()
    bundle = pyinstaller()
    built = time.monotonic()
    if not args.skip_smoke:
        sys.path.insert(0, str(HERE))
        import smoke

        work = ROOT / "build" / "smoke"
        if work.exists():
            shutil.rmtree(work)
        work.mkdir(parents=True)
        for line in smoke.smoke(bundle, work):
            print("smoke ok:", line)

    packages: list[Path] = []
    if sys.platform.startswith("linux"):
        packages.append(linux_tarball(bundle))
    elif sys.platform == "win32":
        packages += [p for p in [windows_installer()] if p]
    elif sys.platform == "darwin":
        packages.append(macos_dmg(bundle))
    finished = time.monotonic()

    print()
    print(f"AssetReg {version()} for {sys.platform}-{machine()}")
    print(f"  bundle   {bundle.relative_to(ROOT)}: {megabytes(size_of(bundle))}")
    for package in packages:
        print(f"  package  {package.relative_to(ROOT)}: {megabytes(size_of(package))}")
    print(f"  time     {built - started:.0f} s PyInstaller, {finished - started:.0f} s in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
