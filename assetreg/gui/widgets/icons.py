"""AssetReg's icons: one family (Material Design Icons, from the font qtawesome ships), coloured from the palette.

Views name an icon by what it means ("warning", "print", a status); only this module knows the glyphs. An icon
is drawn in the palette's text colour, in its highlighted-text colour when its row is selected, and urgent ones
(overdue, a moratorium running, something missing) in a warning colour chosen to read on light and dark windows.
``follow`` redraws a widget's icon when the palette changes (the system switching between light and dark).

The glyphs are drawn here with Qt's own text drawing, from qtawesome's font file and character map: importing
qtawesome itself loads a compatibility layer (qtpy) that makes every class and enumeration of Qt at once, which
took a third of a second of each start, more than the rest of the window.
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from ...domain.status import AssetStatus, NoticeStatus

_A, _N = AssetStatus, NoticeStatus
URGENT = "urgent"  # drawn in the warning colour
_GLYPHS: dict[str, str] = {
    # views
    "due": "mdi6.bell-ring-outline",
    "assets": "mdi6.format-list-bulleted-square",
    "asset": "mdi6.home-city-outline",
    "applications": "mdi6.handshake-outline",
    "calendar": "mdi6.calendar-month-outline",
    "contacts": "mdi6.card-account-details-outline",
    "trash": "mdi6.trash-can-outline",
    # notes, sections and table marks
    "warning": "mdi6.alert",
    "info": "mdi6.information-outline",
    "good": "mdi6.check-circle-outline",
    "missing": "mdi6.alert-circle-outline",
    "soon": "mdi6.clock-outline",
    "later": "mdi6.calendar-range-outline",
    "in_force": "mdi6.lock-clock",
    # actions
    "print": "mdi6.printer-outline",
    "edit": "mdi6.pencil-outline",
    "delete": "mdi6.trash-can-outline",
    "restore": "mdi6.delete-restore",
    "add": "mdi6.plus",
    "open": "mdi6.open-in-app",
    "done": "mdi6.check",
    "not_applicable": "mdi6.minus-circle-outline",
}
_URGENT = {"warning", "missing", "in_force"}
_STATUS_GLYPHS: dict[AssetStatus | NoticeStatus, tuple[str, bool]] = {
    _A.NOT_NOMINATED: ("mdi6.file-outline", False),
    _A.DRAFT_NOMINATION: ("mdi6.file-edit-outline", False),
    _A.NOMINATED: ("mdi6.send-clock-outline", False),
    _A.LISTED: ("mdi6.shield-check-outline", False),
    _A.LISTED_DAY_NOT_RECORDED: ("mdi6.shield-alert-outline", True),  # listed, but nothing of it counted
    _A.UNDER_REVIEW: ("mdi6.file-search-outline", False),
    _A.UNDER_APPEAL: ("mdi6.scale-balance", False),
    _A.UNSUCCESSFUL: ("mdi6.close-circle-outline", False),
    _A.EXPIRED: ("mdi6.timer-off-outline", False),
    _A.REMOVED: ("mdi6.minus-circle-outline", False),
    _N.AWAITING_DATES: ("mdi6.calendar-question", False),
    _N.INTERIM_MORATORIUM: ("mdi6.lock-clock", True),
    _N.FULL_MORATORIUM: ("mdi6.lock-clock", True),
    _N.MORATORIUM_2026: ("mdi6.lock-clock", True),
    _N.SUPERSEDED: ("mdi6.file-replace-outline", False),
    _N.PROTECTED: ("mdi6.timer-lock-open-outline", True),  # timed, and the owner free to sell: not a shield
    _N.NO_MORATORIUM: ("mdi6.lock-open-outline", False),
    _N.LAPSED: ("mdi6.timer-off-outline", False),
    _N.DISPOSED: ("mdi6.close-circle-outline", False),
    _N.DISPOSED_TO_COMMUNITY_GROUP: ("mdi6.check-circle-outline", False),
    _N.WITHDRAWN: ("mdi6.minus-circle-outline", False),
}


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def warning_colour(palette: QPalette) -> QColor:
    """An amber that reads on the window's background, light or dark (at least 4.5:1 on white and on #2b2b2b)."""
    return QColor("#ffb74d") if is_dark(palette) else QColor("#a15c00")


def problem_colour(palette: QPalette) -> QColor:
    """A red that reads on the window's own background, light or dark."""
    return QColor("#ff9b9b") if is_dark(palette) else QColor("#a1000e")


@cache
def _font() -> tuple[str, dict[str, int]]:
    """The family of Material Design Icons 6 (registered with Qt once) and its glyphs' code points by name."""
    spec = importlib.util.find_spec("qtawesome")  # where its files are, without importing it
    folders = spec.submodule_search_locations if spec is not None else None
    if not folders:
        raise RuntimeError("qtawesome, which holds AssetReg's icon font, is not installed")
    fonts = Path(next(iter(folders))) / "fonts"
    (font_file,) = sorted(fonts.glob("materialdesignicons6-webfont-*.ttf"))[-1:]
    charmap = font_file.with_name(font_file.name.replace("-webfont-", "-webfont-charmap-")).with_suffix(".json")
    loaded = QFontDatabase.addApplicationFont(str(font_file))
    families = QFontDatabase.applicationFontFamilies(loaded)
    if not families:
        raise RuntimeError(f"the icon font {font_file.name} could not be loaded")
    codes = json.loads(charmap.read_text(encoding="utf-8"))
    return families[0], {name: int(code, 16) for name, code in codes.items()}


class _GlyphEngine(QIconEngine):
    """One glyph of the icon font, in a colour for each of the icon's modes (normal, selected, disabled).

    Each size is drawn once and kept: a table repaints its status icons on every keystroke of a search, and
    shaping the glyph's text each time took longer than the rest of the table.
    """

    def __init__(self, char: str, colours: dict[QIcon.Mode, QColor]) -> None:
        super().__init__()
        self._char, self._colours = char, colours
        self._drawn: dict[tuple[int, int, QIcon.Mode], QPixmap] = {}

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        device = painter.device()
        ratio = device.devicePixelRatioF() if device is not None else 1.0
        painter.drawPixmap(rect, self._glyph(QSize(round(rect.width() * ratio), round(rect.height() * ratio)), mode))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return QPixmap(self._glyph(size, mode))

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float) -> QPixmap:  # noqa: N802
        drawn = QPixmap(self._glyph(QSize(round(size.width() * scale), round(size.height() * scale)), mode))
        drawn.setDevicePixelRatio(scale)  # sharp on a high-density screen
        return drawn

    def clone(self) -> QIconEngine:
        return _GlyphEngine(self._char, self._colours)

    def _glyph(self, size: QSize, mode: QIcon.Mode) -> QPixmap:
        key = (size.width(), size.height(), mode)
        drawn = self._drawn.get(key)
        if drawn is None:
            drawn = QPixmap(size)
            drawn.fill(Qt.GlobalColor.transparent)
            painter = QPainter(drawn)
            painter.setPen(self._colours.get(mode, self._colours[QIcon.Mode.Normal]))
            font = QFont(_font()[0])
            font.setPixelSize(max(1, round(0.875 * size.height())))  # the glyph's bearings fill the rest
            painter.setFont(font)
            painter.drawText(QRect(QPoint(0, 0), size), Qt.AlignmentFlag.AlignCenter, self._char)
            painter.end()
            self._drawn[key] = drawn
        return drawn


@lru_cache(maxsize=512)
def _drawn(glyph: str, normal: int, selected: int, disabled: int) -> QIcon:
    char = chr(_font()[1][glyph.removeprefix("mdi6.")])
    M = QIcon.Mode
    colours = {M.Normal: normal, M.Active: normal, M.Selected: selected, M.Disabled: disabled}
    return QIcon(_GlyphEngine(char, {mode: QColor.fromRgba(rgba) for mode, rgba in colours.items()}))


def _icon(glyph: str, urgent: bool, palette: QPalette | None) -> QIcon:
    palette = palette if palette is not None else QApplication.palette()
    normal = warning_colour(palette) if urgent else palette.color(QPalette.ColorRole.WindowText)
    selected = palette.color(QPalette.ColorRole.HighlightedText)
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
    return _drawn(glyph, normal.rgba(), selected.rgba(), disabled.rgba())


def icon(name: str, palette: QPalette | None = None) -> QIcon:
    """The icon called ``name`` (one of this module's names), in ``palette``'s colours (by default the app's)."""
    return _icon(_GLYPHS[name], name in _URGENT, palette)


def status_icon(status: AssetStatus | NoticeStatus, palette: QPalette | None = None) -> QIcon:
    """The icon shown with a status's words, so a status never rests on colour (or on reading) alone."""
    glyph, urgent = _STATUS_GLYPHS.get(status, ("mdi6.file-outline", False))
    return _icon(glyph, urgent, palette)


def names() -> list[str]:
    return list(_GLYPHS)


class _PaletteFollower(QObject):
    """Calls ``apply`` now and whenever its widget's palette changes."""

    def __init__(self, widget: QWidget, apply: Callable[[], None]) -> None:
        super().__init__(widget)
        self._apply = apply
        widget.installEventFilter(self)
        apply()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._apply()
        return False


def follow(widget: QWidget, apply: Callable[[], None]) -> None:
    """Runs ``apply`` (which sets ``widget``'s icons) now and again whenever the palette changes."""
    _PaletteFollower(widget, apply)


def set_button_icon(button: QAbstractButton, name: str) -> None:
    """``button`` shows icon ``name``, redrawn in the new colours when the palette changes."""
    follow(button, lambda: button.setIcon(icon(name, button.palette())))


def set_label_icon(label: QLabel, name: str | AssetStatus | NoticeStatus, side: int = 0) -> None:
    """``label`` shows icon ``name`` (or a status's icon) ``side`` pixels square (by default 5/4 of a line),
    redrawn when the palette changes. Calling it again changes the icon."""
    label._assetreg_icon = (name, side)  # type: ignore[attr-defined]

    def apply() -> None:
        shown, wanted = label._assetreg_icon  # type: ignore[attr-defined]
        size = wanted or label.fontMetrics().height() * 5 // 4
        palette = label.palette()
        statuses = (AssetStatus, NoticeStatus)  # (str enums, so asked first)
        drawn = status_icon(shown, palette) if isinstance(shown, statuses) else icon(shown, palette)
        label.setPixmap(drawn.pixmap(QSize(size, size), label.devicePixelRatioF()))

    if getattr(label, "_assetreg_follows", False):
        apply()
    else:
        label._assetreg_follows = True  # type: ignore[attr-defined]
        follow(label, apply)


def pixmap(name: str, side: int, palette: QPalette | None = None) -> QPixmap:
    return icon(name, palette).pixmap(side, side)
