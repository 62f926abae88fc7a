"""Settings: the group's own profile, how dates are counted and reminded, the 2026 Act's start date, and the
name the history gives the person using the app.

The group is a record (``CommunityGroup`` with ``is_own_group``): its tab is the group form itself
(``GroupDialog.page``), saved through the undo history so a change can be undone; everything else is
``Settings``, saved with ``save_settings``, but the person's name, which is theirs and not the register's
(``gui.person``). All are checked before any is written, and every problem is shown beside its field.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain import entities as e
from ...domain.enums import Jurisdiction
from ...domain.errors import AssetRegError, ValidationError
from ...domain.records import RecordKind
from ...domain.settings import Settings, validate_settings
from ...services.records import Records
from ...services.register import Changes, checked_person_name, person_name
from ...services.settings import load_settings, save_settings
from ..context import AppContext
from ..person import choose_name, chosen_name
from ..undo import undo_history
from ..widgets import icons
from .group_form import GroupDialog
from .settings_tabs import (  # noqa: F401 - the tab numbers, where tests and the window have always found them
    TAB_DATES,
    TAB_GROUP,
    TAB_NEW_LAW,
    TAB_REMINDERS,
    TAB_YOU,
    DatesTab,
    FieldError,
    NewLawTab,
    RemindersTab,
    YouTab,
)


def own_group(context: AppContext) -> e.CommunityGroup | None:
    """The user's own group, if the register has one."""
    found = Records(context.register).list(RecordKind.GROUP, is_own_group=True)
    return found[0] if found else None


class SettingsDialog(QDialog):
    """Five tabs — Your group, Dates, Reminders, New law, Yourself — saved together with Save (Ctrl+S)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(self.tr("Settings"))
        self.settings = load_settings(context.register)
        self.group = own_group(context)
        self.errors: dict[str, FieldError] = {}
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Settings sections"))
        # The group form is the Contacts view's own, which scrolls by itself.
        self.group_page = GroupDialog.page(context, self.group)
        self.tabs.addTab(self.group_page, self.tr("Your &group"))
        self.dates_tab = DatesTab(self.errors)
        self.reminders_tab = RemindersTab(self.errors)
        self.new_law_tab = NewLawTab(self.errors)
        self.you_tab = YouTab(self.errors)
        for page, title in (
            (self.dates_tab, self.tr("&Dates")),
            (self.reminders_tab, self.tr("&Reminders")),
            (self.new_law_tab, self.tr("New la&w")),
            (self.you_tab, self.tr("Yoursel&f")),
        ):
            for name in page.names:  # the controls the dialog reads, and tests reach, through it
                setattr(self, name, getattr(page, name))
            # At large text sizes a tab scrolls rather than squeezing its fields.
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setWidget(page)
            self.tabs.addTab(scroll, title)
        self.general_error = FieldError(-1, self.tabs)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(self.tr("&Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setToolTip(self.tr("Save the settings and close (Ctrl+S)"))
        self.save_button.setDefault(True)
        context.writes(self.save_button, QShortcut(QKeySequence.StandardKey.Save, self, self._on_save))
        buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._on_save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)
        self._load()
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 160, metrics.height() * 42)

    # values

    def _load(self) -> None:
        for tab in (self.dates_tab, self.reminders_tab, self.new_law_tab):
            tab.load(self.settings)
        self.you_tab.load_person(chosen_name(), person_name(self.context.register.opened.role))

    def chosen_settings(self) -> Settings:
        """The settings as the dialog shows them (not yet checked; unreadable reminders are left out)."""
        overrides, _ = self.reminders.overrides()
        return Settings(
            reminder_days=overrides,
            send_by_working_days=self.send_by.value(),
            renomination_lead_days=self.renominate.value(),
            extra_holidays=tuple(self.holidays.rows()),
            default_jurisdiction=list(Jurisdiction)[self.nation.currentIndex()],
            new_regime_commencement=self.commencement.date().toPython() if self.new_law.isChecked() else None,
        )

    def save(self) -> bool:
        """Checks everything, shows each problem beside its field, and saves only when there are none."""
        for error in [*self.errors.values(), self.general_error]:
            error.set_text("")
        for tab in range(self.tabs.count()):
            self.tabs.setTabIcon(tab, QIcon())
        problems: dict[str, str] = {}
        _, unreadable = self.reminders.overrides()
        if unreadable:
            problems["reminder_days"] = "\n".join(unreadable.values())
        try:
            settings = validate_settings(self.chosen_settings())
        except ValidationError as error:
            problems.update(error.problems)
        try:
            name = checked_person_name(self.person_name.text())
        except ValidationError as error:
            problems.update(error.problems)
        group_problems = self.group_page.problems_found() if self.group_page.has_changes() else {}
        self.group_page.show_problems(group_problems)  # shown by the form's own fields
        if group_problems:
            self.tabs.setTabIcon(TAB_GROUP, icons.icon("warning", self.palette()))
        if problems:
            self._show_problems(problems, focus=not group_problems)
        if group_problems:
            self.tabs.setCurrentIndex(TAB_GROUP)
        if problems or group_problems:
            return False
        try:
            with undo_history(self.context).operation(initiator=self) as operation:  # named by its step
                if not self.group_page.save_as_page():
                    self.tabs.setTabIcon(TAB_GROUP, icons.icon("warning", self.palette()))
                    self.tabs.setCurrentIndex(TAB_GROUP)
                    return False
                self.group = self.group_page.record
                if settings != validate_settings(self.settings):
                    self.settings = save_settings(self.context.register, settings, based_on=self.settings)
                    # A margin, a holiday or a reminder can move any deadline, so every view reloads.
                    operation.note(Changes(frozenset(RecordKind)))
        except AssetRegError as error:
            self.context.messages.error(self, self.tr("The settings were not saved"), str(error))
            return False
        if name != chosen_name():
            choose_name(self.context.register, name)  # from the next change on; the history is never rewritten
        return True

    def _show_problems(self, problems: dict[str, str], focus: bool = True) -> None:
        """Each problem beside its field (or under the tabs if it has none); the first field is shown and focused.

        A tab with a problem on it carries a warning icon, so problems on other tabs are not missed.
        """
        shown: list[FieldError] = []
        for name, text in problems.items():
            error = self.errors.get(name)
            if error is None:
                error, text = self.general_error, "\n".join(filter(None, [self.general_error.text(), text]))
            error.set_text(text)
            shown.append(error)
        warning = icons.icon("warning", self.palette())
        for tab in {error.tab for error in shown} - {-1}:
            self.tabs.setTabIcon(tab, warning)
        order = list(self.errors.values())
        first = min(shown, key=lambda x: (x.tab < 0, x.tab, order.index(x) if x in order else 0))
        if first.tab >= 0 and focus:
            self.tabs.setCurrentIndex(first.tab)
            first.field.setFocus(Qt.FocusReason.OtherFocusReason)

    # behaviour

    def _on_save(self) -> None:
        if self.save():
            self.accept()
