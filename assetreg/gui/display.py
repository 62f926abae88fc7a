"""Display conventions every view shares: model roles, status icons (from icons.py), and sort keys for references."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QLabel

from ..domain.status import AssetStatus, NoticeStatus
from .widgets import icons

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # the raw value a column sorts by
ENTITY_ROLE = Qt.ItemDataRole.UserRole + 2  # the record a row shows

Status = AssetStatus | NoticeStatus


def status_icon(status: Status) -> QIcon:
    """The icon shown with a status's words (so a status never rests on colour, or on reading, alone)."""
    return icons.status_icon(status)


def plain(label: QLabel, text: str | None = None) -> QLabel:
    """``label`` shows its text exactly as written (and ``text``, if given): what people type — a name such as
    "<b>Red Lion</b>" — is words, never markup. Every label that shows the register's data is made with this."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    if text is not None:
        label.setText(text)
    return label
