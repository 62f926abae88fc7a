"""The app's icons: one family, drawn in the palette's colours, redrawn when the palette turns dark."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from assetreg.domain.status import AssetStatus, NoticeStatus
from assetreg.gui.widgets import icons
from tests.gui.test_dashboard_view import dark_palette


def ink(image, opaque: int = 255) -> set[int]:
    """The colours an icon is drawn in (where at least ``opaque`` solid)."""
    return {
        image.pixelColor(x, y).rgb()
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha() >= opaque
    }


def contrast(a: QColor, b: QColor) -> float:
    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_every_icon_and_status_draws(qapp) -> None:
    for name in icons.names():
        assert ink(icons.icon(name).pixmap(16, 16).toImage(), opaque=1), name
    for status in (*AssetStatus, *NoticeStatus):
        assert ink(icons.status_icon(status).pixmap(16, 16).toImage(), opaque=1), status


def test_every_status_has_a_glyph_of_its_own_choosing_not_the_fallback() -> None:
    assert set(icons._STATUS_GLYPHS) == {*AssetStatus, *NoticeStatus}


def test_icons_take_the_text_colour_and_urgent_ones_a_warning_colour_that_reads(qapp) -> None:
    for palette in (QPalette(QApplication.palette()), dark_palette()):
        text = palette.color(QPalette.ColorRole.WindowText).rgb()
        assert text in ink(icons.icon("info", palette).pixmap(32, 32).toImage())
        warning = icons.warning_colour(palette)
        assert warning.rgb() in ink(icons.icon("warning", palette).pixmap(32, 32).toImage())
        assert contrast(warning, palette.color(QPalette.ColorRole.Window)) >= 4.5
        assert contrast(icons.problem_colour(palette), palette.color(QPalette.ColorRole.Window)) >= 4.5


def test_a_label_and_a_button_redraw_their_icon_when_the_palette_turns_dark(qtbot) -> None:
    label, button = QLabel(), QPushButton("Print")
    qtbot.addWidget(label)
    qtbot.addWidget(button)
    icons.set_label_icon(label, "info", 24)
    icons.set_button_icon(button, "print")
    light_label = label.pixmap().toImage()
    label.setPalette(dark_palette())
    button.setPalette(dark_palette())
    assert label.pixmap().toImage() != light_label
    light_text = QPalette(QApplication.palette()).color(QPalette.ColorRole.WindowText).rgb()
    assert dark_palette().color(QPalette.ColorRole.WindowText).rgb() in ink(label.pixmap().toImage())
    assert light_text not in ink(label.pixmap().toImage())
    drawn = button.icon().pixmap(24, 24).toImage()
    assert dark_palette().color(QPalette.ColorRole.WindowText).rgb() in ink(drawn)


def test_no_view_asks_the_style_for_its_icons() -> None:
    from pathlib import Path

    import assetreg.gui

    gui = Path(assetreg.gui.__file__).parent
    for path in gui.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "standardIcon" not in text, path.name
        if path.name != "icons.py":
            assert "qtawesome" not in text and "mdi6." not in text, path.name


def test_an_icon_is_drawn_once_at_each_size_and_sharp_on_a_dense_screen(qapp) -> None:
    from PySide6.QtCore import QSize

    drawn = icons.icon("info")
    assert drawn.pixmap(16, 16).cacheKey() == drawn.pixmap(16, 16).cacheKey()  # the same drawing, kept
    assert drawn.pixmap(24, 24).cacheKey() != drawn.pixmap(16, 16).cacheKey()
    dense = drawn.pixmap(QSize(16, 16), 2.0)
    assert (dense.size(), dense.devicePixelRatio()) == (QSize(32, 32), 2.0)
    assert ink(dense.toImage(), opaque=1)
