"""The one way the app asks questions and reports problems, so tests can answer for the user."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox, QWidget


class Messages:
    """Prompts and errors in plain words. Tests replace it with one that records and answers."""

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        _box(parent, QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok).exec()

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        _box(parent, QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok).exec()

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        box = _box(parent, QMessageBox.Icon.Question, title, text, buttons)
        box.setDefaultButton(QMessageBox.StandardButton.No)  # as QMessageBox.question did
        box.exec()
        return box.clickedButton() is box.button(QMessageBox.StandardButton.Yes)

    def conflict(self, parent: QWidget | None, title: str, text: str) -> bool:
        """Someone else changed the record being saved: True to keep (save) mine over theirs, False to reload."""
        box = _box(parent, QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton)
        reload = box.addButton(QApplication.translate("Messages", "&Reload theirs"), QMessageBox.ButtonRole.RejectRole)
        keep = box.addButton(QApplication.translate("Messages", "&Keep mine"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(reload)
        box.exec()
        return box.clickedButton() is keep

    def ask_text(self, parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
        """A line of text from the person (an address); None if they cancel."""
        answer, ok = QInputDialog.getText(parent, title, label, text=text)
        return answer.strip() if ok and answer.strip() else None

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


def _box(
    parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str, buttons: QMessageBox.StandardButton
) -> QMessageBox:
    """A message box that shows ``text`` as written: a name with markup in it is words, not formatting."""
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def calendar_saved(path: Path, count: int) -> str:
    """What File ▸ Export deadlines to calendar… and the Calendar view say once the file is written."""
    t = lambda text: QApplication.translate("Calendar", text)  # noqa: E731
    text = (
        t("1 deadline was saved to {file}.")
        if count == 1
        else t("{count} deadlines were saved to {file}.").replace("{count}", f"{count:,}")
    ).replace("{file}", str(path))
    return text + " " + t("Import the file into your calendar; importing it again updates the same events.")
