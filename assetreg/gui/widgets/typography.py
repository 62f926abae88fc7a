"""The type hierarchy and spacing every view shares: a page title, section headings, body text and captions,
and the margins around a page. Views take their fonts and gaps from here, never sizing a font themselves."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QBoxLayout, QLabel, QLayout, QWidget

from .form_widgets import quiet

TITLE_SCALE, HEADING_SCALE, CAPTION_SCALE = 1.5, 1.1, 0.9
PAGE_MARGINS = (18, 14, 18, 14)  # left, top, right, bottom of every page
SPACING = 6  # between the rows of a page
SECTION_GAP = 10  # above each section heading


def _scaled(base: QFont, scale: float, bold: bool) -> QFont:
    font = QFont(base)
    font.setPointSizeF(max(base.pointSizeF() * scale, 6.0))
    font.setBold(bold)
    return font


def title_font(widget: QWidget) -> QFont:
    """A page's title: the asset's name, "What's due"."""
    return _scaled(widget.font(), TITLE_SCALE, True)


def heading_font(widget: QWidget) -> QFont:
    """A section's heading within a page: "Overdue", "In force now"."""
    return _scaled(widget.font(), HEADING_SCALE, True)


def strong_font(widget: QWidget) -> QFont:
    """Body-sized bold, for a heading inside a panel or a dialog."""
    return _scaled(widget.font(), 1.0, True)


def small_font(widget: QWidget) -> QFont:
    """A little smaller than the body, for marks inside a drawing (a day's count on the calendar)."""
    return _scaled(widget.font(), 0.8, True)


def title(label: QLabel) -> QLabel:
    label.setFont(title_font(label))
    return label


def heading(label: QLabel) -> QLabel:
    label.setFont(heading_font(label))
    return label


def caption(label: QLabel) -> QLabel:
    """A caption: body-sized, quieter than the body text, wrapping."""
    quiet(label)
    label.setWordWrap(True)
    return label


def page(layout: QLayout) -> QLayout:
    """``layout`` has a page's margins and spacing."""
    layout.setContentsMargins(*PAGE_MARGINS)
    layout.setSpacing(SPACING)
    return layout


def section_gap(layout: QBoxLayout) -> None:
    layout.addSpacing(SECTION_GAP)
