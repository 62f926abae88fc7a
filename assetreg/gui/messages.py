"""The one way the app asks questions and reports problems, so tests can answer for the user."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


class Messages:
    """Prompts and errors in plain words. Tests replace it with one that records and answers."""

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.warning(parent, title, text)

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            parent, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        )
        return answer == QMessageBox.StandardButton.Yes
