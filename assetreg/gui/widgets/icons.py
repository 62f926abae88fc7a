"""AssetReg's icons: one family (Material Design Icons, drawn from qtawesome's font), coloured from the palette.

Views name an icon by what it means ("warning", "print", a status); only this module knows the glyphs. An icon
is drawn in the palette's text colour, in its highlighted-text colour when its row is selected, and urgent ones
(overdue, a moratorium running, something missing) in a warning colour chosen to read on light and dark windows.
``follow`` redraws a widget's icon when the palette changes (the system switching between light and dark).
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_API", "pyside6")  # qtawesome draws with the binding AssetReg uses

from collections.abc import Callable  # noqa: E402
from functools import lru_cache  # noqa: E402

import qtawesome  # noqa: E402
from PySide6.QtCore import QEvent, QObject, QSize  # noqa: E402
from PySide6.QtGui import QColor, QIcon, QPalette, QPixmap  # noqa: E402
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget  # noqa: E402

from ...domain.status import AssetStatus, NoticeStatus  # noqa: E402

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
    _N.PROTECTED: ("mdi6.shield-lock-outline", True),
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


@lru_cache(maxsize=512)
def _drawn(glyph: str, normal: int, selected: int, disabled: int) -> QIcon:
    return qtawesome.icon(
        glyph,
        color=QColor.fromRgba(normal),
        color_active=QColor.fromRgba(normal),
        color_selected=QColor.fromRgba(selected),
        color_disabled=QColor.fromRgba(disabled),
    )


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
