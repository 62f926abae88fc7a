"""Smoke test of a native build: runs the bundled program the way a user would.

    python packaging/smoke.py dist/AssetReg          (or dist/AssetReg.app on macOS)

Checks that it prints its version, writes a demo register that ``check`` calls healthy, renders the
dashboard to a PNG offscreen that is not blank, and prints the deadlines to a PDF; and that the licences
and the icon are in the bundle. Prints one line per check; exits non-zero on the first failure.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class SmokeFailure(AssertionError):
    pass


def expected_version() -> str:
    text = (ROOT / "assetreg" / "__init__.py").read_text("utf-8")
    return re.search(r'__version__ = "([^"]+)"', text).group(1)


def executable(dist: Path) -> Path:
    """The command-line program in a build folder (or .app)."""
    candidates = [
        dist / "assetreg-cli.exe",
        dist / "Contents" / "MacOS" / "assetreg",
        dist / "AssetReg.app" / "Contents" / "MacOS" / "assetreg",
        dist / "assetreg",
    ]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise SmokeFailure(f"no AssetReg program in {dist}")


def _run(program: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 120) -> str:
    result = subprocess.run(
        [str(program), *args], capture_output=True, text=True, timeout=timeout, env=env, encoding="utf-8"
    )
    if result.returncode != 0:
        raise SmokeFailure(
            f"assetreg {' '.join(args)} exited {result.returncode}\n{result.stdout}\n{result.stderr}".strip()
        )
    return result.stdout


def _non_blank_png(path: Path) -> tuple[int, int, int]:
    from PIL import Image

    with Image.open(path) as image:
        if image.format != "PNG":
            raise SmokeFailure(f"{path} is not a PNG")
        width, height = image.size
        colours = image.convert("RGB").getcolors(maxcolors=1_000_000) or []
    if width < 200 or height < 200 or len(colours) < 16:
        raise SmokeFailure(f"{path} looks blank: {width}x{height}, {len(colours)} colours")
    return width, height, len(colours)


def smoke(dist: Path, work: Path) -> list[str]:
    """Runs every check; returns what each found."""
    dist = Path(dist)
    program = executable(dist)
    report = []
    resources_root = program.parent if program.parent.name != "MacOS" else program.parent.parent / "Resources"
    for needed in ("LICENSES/THIRD-PARTY.txt", "LICENSES/Qt-PySide6-LGPL-3.0.txt", "README.txt"):
        if not (resources_root / needed).is_file():
            raise SmokeFailure(f"{needed} is missing from the bundle")
    report.append("licences and README present")
    if not list(dist.rglob("assetreg/resources/icons/assetreg.svg")):
        raise SmokeFailure("the icon is missing from the bundle")
    report.append("icon present")

    version = _run(program, "--version").strip()
    if version != f"AssetReg {expected_version()}":
        raise SmokeFailure(f"--version printed {version!r}")
    report.append(f"--version: {version}")

    db = work / "demo.assetreg"
    _run(program, "demo", "--db", str(db))
    if not db.is_file():
        raise SmokeFailure("demo wrote no register")
    report.append(f"demo register written ({db.stat().st_size} bytes)")

    checked = _run(program, "check", "--db", str(db))
    if "healthy" not in checked:
        raise SmokeFailure(f"check did not say healthy: {checked}")
    report.append("check: " + checked.strip().splitlines()[0])

    shot = work / "shot.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    _run(program, "--db", str(db), "--screenshot", str(shot), "--view", "dashboard", env=env)
    width, height, colours = _non_blank_png(shot)
    report.append(f"screenshot: {shot} {width}x{height}, {colours} colours")

    pdf = work / "deadlines.pdf"
    _run(program, "print", "deadlines", "--db", str(db), "-o", str(pdf))
    data = pdf.read_bytes() if pdf.is_file() else b""
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
        raise SmokeFailure("print deadlines wrote no PDF")
    report.append(f"deadlines PDF: {len(data)} bytes")
    return report


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="assetreg-smoke-"))
    try:
        for line in smoke(Path(argv[0]), work):
            print("ok:", line)
    except SmokeFailure as failure:
        print("FAILED:", failure, file=sys.stderr)
        return 1
    print(f"smoke test passed (files kept in {work})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
