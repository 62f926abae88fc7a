"""Help ▸ User guide and Help ▸ About: a short guide shipped with the app (no internet needed), and the version,
the register's place and the licences."""

from __future__ import annotations

import html
from importlib import resources

from PySide6.QtCore import QCoreApplication, QSize, Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QTextBrowser, QVBoxLayout, QWidget

from .. import __version__


def _tr(text: str) -> str:
    return QCoreApplication.translate("Help", text)


def user_guide_text() -> str:
    """The guide, from the package (Markdown)."""
    return (resources.files("assetreg.resources") / "guide" / "guide.md").read_text(encoding="utf-8")


class GuideDialog(QDialog):
    """The user guide in a window of its own, readable beside the app."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_tr("AssetReg user guide"))
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setMarkdown(user_guide_text())
        self.browser.document().setDocumentMargin(12)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        metrics = self.fontMetrics()
        return QSize(metrics.averageCharWidth() * 90, metrics.lineSpacing() * 36)


def about_text(register_path: str) -> str:
    """What the About box says, as rich text built from escaped plain parts."""
    e = html.escape
    qt = _tr("Qt {qt} and PySide6, under the GNU Lesser General Public License, version 3.").format(qt=qVersion())
    return (
        f"<h3>AssetReg {e(__version__)}</h3>"
        f"<p>{e(_tr('A register of assets of community value, moratoria and community asset transfers.'))}</p>"
        f"<p><b>{e(_tr('Register'))}:</b> {e(register_path)}</p>"
        f"<p><b>{e(_tr('Licences'))}</b><br>"
        f"{e(_tr('AssetReg is free software under the GNU General Public License, version 3 or later.'))}<br>"
        f"{e(qt)}<br>{e(_tr('The Carlito typeface, under the SIL Open Font License 1.1.'))}</p>"
    )


def show_about(parent: QWidget, register_path: str) -> QMessageBox:
    box = QMessageBox(parent)
    box.setWindowTitle(_tr("About AssetReg"))
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(about_text(register_path))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.open()
    return box
