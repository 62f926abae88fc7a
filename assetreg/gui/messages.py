"""The one way the app asks questions and reports problems, so tests can answer for the user."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


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

    def choose_new_file(
        self, parent: QWidget | None, title: str, suggested: Path, filters: str, *, confirm_overwrite: bool = False
    ) -> Path | None:
        """Where to save a file, starting at ``suggested``; None if the person cancels.

        Unless ``confirm_overwrite``, the dialog never offers to overwrite: the caller refuses an existing file
        in its own words.
        """
        options = QFileDialog.Option(0) if confirm_overwrite else QFileDialog.Option.DontConfirmOverwrite
        chosen, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), filters, options=options)
        return Path(chosen) if chosen else None

    def choose_existing_file(self, parent: QWidget | None, title: str, folder: Path, filters: str) -> Path | None:
        """A file to open, starting in ``folder``; None if the person cancels."""
        chosen, _ = QFileDialog.getOpenFileName(parent, title, str(folder), filters)
        return Path(chosen) if chosen else None
