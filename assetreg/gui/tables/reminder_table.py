"""The table of reminder lead times in the settings: every rule with its default and the user's own choice."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
)

from ...domain.rules import CATALOGUE, Rule
from ..display import SORT_ROLE
from ..widgets import icons
from .record_table import RowsTableModel

REM_CODE, REM_NAME, REM_NATION, REM_DEFAULT, REM_YOURS = range(5)
_Index = QModelIndex | QPersistentModelIndex

MAX_REMINDER_DAYS = 3650  # as ``validate_settings`` allows


def days_text(days: tuple[int, ...]) -> str:
    """Reminder lead times in words: "30, 14, 7 days", "1 day", "none"."""
    if not days:
        return QCoreApplication.translate("settings", "none")
    unit = QCoreApplication.translate("settings", "day" if days == (1,) else "days")
    return f"{', '.join(map(str, days))} {unit}"


def parse_days(text: str) -> tuple[int, ...]:
    """Lead times as typed ("30, 14, 7", "30 14 7 days", "none"), largest first; ``ValueError`` says what is wrong."""
    words = text.replace(",", " ").replace(";", " ").split()
    words = [w for w in words if w.lower() not in ("day", "days")]
    if [w.lower() for w in words] in (["none"], ["no"], ["-"]):
        return ()
    if not words or not all(w.isdigit() for w in words):
        raise ValueError(
            QCoreApplication.translate(
                "settings", "“{text}” is not a list of days: type numbers such as 30, 14, 7, or none."
            ).format(text=text.strip())
        )
    days = tuple(sorted({int(w) for w in words}, reverse=True))
    if days[0] > MAX_REMINDER_DAYS:
        raise ValueError(
            QCoreApplication.translate("settings", "A reminder can be at most {days} days before the date.").format(
                days=MAX_REMINDER_DAYS
            )
        )
    return days


class ReminderTableModel(RowsTableModel):
    """Every catalogue rule with its default reminders and the user's own, which are edited in place as text."""

    def __init__(self, parent: QObject | None = None) -> None:
        t = self.tr
        super().__init__((t("Rule"), t("Date"), t("Nation"), t("Default"), t("Your reminders")), parent)
        self._rules: tuple[Rule, ...] = CATALOGUE
        self._rows = list(self._rules)
        self._texts: dict[str, str] = {}  # the user's own lead times as typed, by rule code

    def set_overrides(self, overrides: dict[str, tuple[int, ...]]) -> None:
        self.beginResetModel()
        self._texts = {code: days_text(days) for code, days in overrides.items()}
        self.endResetModel()

    def overrides(self) -> tuple[dict[str, tuple[int, ...]], dict[str, str]]:
        """The user's lead times that differ from the defaults, and the problem with each that cannot be read."""
        chosen, problems = {}, {}
        for rule in self._rules:
            text = self._texts.get(rule.code, "").strip()
            if not text:
                continue
            try:
                days = parse_days(text)
            except ValueError as error:
                problems[rule.code] = f"{rule.code}: {error}"
                continue
            if days != rule.default_reminder_days:
                chosen[rule.code] = days
        return chosen, problems

    def clear_override(self, row: int) -> None:
        self._texts.pop(self._rules[row].code, None)
        changed = self.index(row, REM_YOURS)
        self.dataChanged.emit(changed, changed)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == REM_YOURS else flags

    def cell(self, rule: Rule, column: int, role: int) -> Any:
        if column == REM_YOURS:
            return self._yours(rule, role)
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            return (
                rule.code,
                rule.name,
                ", ".join(sorted(j.label for j in rule.jurisdictions)),
                days_text(rule.default_reminder_days),
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{rule.label} ({rule.citation})"
        return None

    def _yours(self, rule: Rule, role: int) -> Any:
        text = self._texts.get(rule.code, "")
        problem = ""
        if text.strip():
            try:
                parse_days(text)
            except ValueError as error:
                problem = str(error)
        if role == Qt.ItemDataRole.EditRole:
            return text
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            return text if text.strip() else self.tr("as default")
        if role == Qt.ItemDataRole.ForegroundRole and not text.strip():
            return QApplication.palette().brush(QPalette.ColorRole.PlaceholderText)
        if role == Qt.ItemDataRole.DecorationRole and problem:
            return icons.icon("warning")
        if role == Qt.ItemDataRole.ToolTipRole:
            return problem or self.tr("Days before the date; leave empty for the default, or type none.")
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or index.column() != REM_YOURS or role != Qt.ItemDataRole.EditRole:
            return False
        code = self._rules[index.row()].code
        text = str(value or "").strip()
        if text:
            self._texts[code] = text
        else:
            self._texts.pop(code, None)
        self.dataChanged.emit(index, index)
        return True
