"""The banner at the top of the main window: why the register is read-only, and what is risky about its place."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from ...services.places import place_warnings
from ...services.register import Register


def safety_banner(register: Register) -> QLabel:
    """A plain-text banner saying who has the register or why it is read-only, and any synced-folder warning;
    hidden when there is nothing to say."""
    banner = QLabel()
    banner.setObjectName("safetyBanner")
    banner.setTextFormat(Qt.TextFormat.PlainText)
    banner.setWordWrap(True)
    banner.setAccessibleName(QLabel.tr("Warning about this register"))
    banner.setStyleSheet(
        "QLabel#safetyBanner { background: #fff4ce; color: #3b2f00; border-bottom: 1px solid #c8a600;"
        " padding: 8px 12px; }"
    )
    update_banner(banner, register)
    return banner


def update_banner(banner: QLabel, register: Register) -> None:
    """Says again what the banner says, as things are now (the register may have turned read-only)."""
    lines = []
    if register.read_only:
        lines.append(register.read_only + " " + QLabel.tr("Changes cannot be saved in this window."))
    if not register.shared:  # a shared register's place is its server, not a folder that may be synced
        lines += place_warnings(register.path)
    banner.setText("\n\n".join(lines))
    banner.setVisible(bool(lines))
