"""Renders the app icon's PNGs, .ico and .icns from resources/icons/assetreg.svg.

Run it after editing the SVG and commit what it writes: ``python packaging/make_icons.py``. It needs PySide6
(QtSvg, part of PySide6-Essentials) and Pillow; it runs offscreen, so no display is needed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "assetreg.svg"
PNG_DIR = ROOT / "resources" / "icons"
NATIVE_DIR = ROOT / "packaging" / "icons"
SIZES = (16, 32, 48, 64, 128, 256, 512)


def render_pngs() -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (QPainter needs one)
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {SVG}")
    written = []
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        path = PNG_DIR / f"assetreg-{size}.png"
        if not image.save(str(path)):
            raise SystemExit(f"cannot write {path}")
        written.append(path)
    return written


def make_native(pngs: list[Path]) -> None:
    from PIL import Image

    NATIVE_DIR.mkdir(parents=True, exist_ok=True)
    biggest = Image.open(pngs[-1])
    by_size = {int(p.stem.rsplit("-", 1)[1]): Image.open(p) for p in pngs}
    ico_sizes = [(s, s) for s in (16, 32, 48, 64, 128, 256)]
    # Each size from its own rendering (sharper at 16 px than Pillow's downscale).
    by_size[256].save(
        NATIVE_DIR / "assetreg.ico", sizes=ico_sizes, append_images=[by_size[s] for s in (16, 32, 48, 64, 128)]
    )
    biggest.save(NATIVE_DIR / "assetreg.icns", append_images=[by_size[s] for s in (16, 32, 64, 128, 256)])


def main() -> int:
    pngs = render_pngs()
    make_native(pngs)
    for path in [*pngs, NATIVE_DIR / "assetreg.ico", NATIVE_DIR / "assetreg.icns"]:
        print(path.relative_to(ROOT), path.stat().st_size, "bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
