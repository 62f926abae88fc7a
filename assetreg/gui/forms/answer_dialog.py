"""Writing the group's answer to one section of a transfer application's pack."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..display import plain
from ..tables.application_tables import words_text
from ..widgets import typography


class AnswerDialog(QDialog):
    """The section's name and what the council wants in it, over a box for the answer and its length in words."""

    def __init__(self, section: str, description: str, answer: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        char, line = self.fontMetrics().averageCharWidth(), self.fontMetrics().height()
        self.setMinimumSize(char * 60, line * 20)
        self.resize(char * 84, line * 30)  # room for a few paragraphs; the box scrolls beyond them
        heading = plain(QLabel(), section)
        typography.heading(heading)
        heading.setWordWrap(True)
        about = plain(QLabel(), description)
        about.setWordWrap(True)
        self.text = QPlainTextEdit(answer)
        self.text.setAccessibleName(self.tr("Answer to {section}").format(section=section))
        self.text.setPlaceholderText(
            self.tr("Write the group's answer in plain words. Leave a blank line between paragraphs.")
        )
        self.text.setTabChangesFocus(True)  # Tab moves to the buttons; the answer has no use for tab characters
        label = QLabel(self.tr("&Answer:"))
        label.setBuddy(self.text)
        self.count = QLabel()
        self.count.setAccessibleName(self.tr("Length of the answer"))
        hint = QLabel(self.tr("Clear the text to remove the answer; it goes to the trash and can be restored."))
        hint.setWordWrap(True)
        hint.setVisible(bool(answer.strip()))  # only an answer already written can be removed
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        above = QHBoxLayout()
        above.addWidget(label)
        above.addStretch(1)
        above.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setSpacing(6)
        layout.addWidget(heading)
        layout.addWidget(about)
        layout.addSpacing(6)
        layout.addLayout(above)
        layout.addWidget(self.text, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.text.textChanged.connect(self._on_text_changed)
        self._on_text_changed()
        self.text.setFocus()
        self.text.moveCursor(self.text.textCursor().MoveOperation.End)

    def answer(self) -> str:
        return self.text.toPlainText()

    def _on_text_changed(self) -> None:
        self.count.setText(words_text(self.answer()))


def ask_answer(parent: QWidget, section: str, description: str, answer: str, title: str) -> str | None:
    """The answer as the user left it, or None if they cancelled (tests replace this function)."""
    dialog = AnswerDialog(section, description, answer, title, parent)
    try:
        return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
