"""Files the app ships besides code: fonts (``fonts/``) and the app icon (``icons/``)."""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable

ICON_SIZES = (16, 32, 48, 64, 128, 256, 512)


def icon_file(size: int | None = None) -> Traversable:
    """The app icon: the SVG with no size, else the PNG of that size (one of ``ICON_SIZES``).

    A file in the installed package; pass ``str()`` of it to Qt (``QIcon(str(icon_file()))``), or use
    ``importlib.resources.as_file`` where a real path is needed.
    """
    folder = resources.files(__name__) / "icons"
    if size is None:
        return folder / "assetreg.svg"
    if size not in ICON_SIZES:
        raise ValueError(f"no {size} px icon; sizes are {ICON_SIZES}")
    return folder / f"assetreg-{size}.png"
