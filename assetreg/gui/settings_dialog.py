"""Settings: the group's own profile, how dates are counted and reminded, and the 2026 Act's start date.

The group is a record (``CommunityGroup`` with ``is_own_group``), saved through the undo history so a change can
be undone; everything else is ``Settings``, saved with ``save_settings``. Both are checked before either is
written, and every problem is shown beside its field.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QDate,
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QIcon, QIntValidator, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStyle,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..domain import entities as e
from ..domain.enums import Jurisdiction, LegalForm
from ..domain.errors import AssetRegError, ValidationError
from ..domain.records import RecordKind
from ..domain.requests import can_nominate, can_trigger_full_moratorium
from ..domain.rules import LONGEST_CODE
from ..domain.settings import Settings, validate_settings
from ..domain.validation import validate
from ..services.records import Records
from ..services.register import Changes
from ..services.settings import load_settings, save_settings
from . import icons
from .context import AppContext
from .form_widgets import focus_through
from .record_table import Column, RecordTableModel, day_text, iso_text
from .reminder_table import (
    REM_CODE,
    REM_DEFAULT,
    REM_NAME,
    REM_NATION,
    REM_YOURS,
    ReminderTableModel,
)
from .undo import undo_history

TAB_GROUP, TAB_DATES, TAB_REMINDERS, TAB_NEW_LAW = range(4)
HOLIDAY_DATE, HOLIDAY_NAME = range(2)
_Index = QModelIndex | QPersistentModelIndex
_ENGLISH = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
_DATE_FORMAT = "ddd d MMM yyyy"  # the house style, "Sat 11 Oct 2025"

# The group's fields beside its name and legal form: (field, label, accessible name, kind of input).
_ABOUT = (
    ("charity_number", "Char&ity number", "Registered charity number", "line"),
    ("company_number", "Compan&y number", "Company number", "line"),
    ("society_number", "S&ociety number", "Society number on the mutuals register", "line"),
    ("member_count", "Mem&bers", "Number of members", "count"),
    ("local_elector_count", "On the local &electoral roll", "Members on the local electoral roll", "count"),
    ("local_connection", "Local &connection", "Local connection", "text"),
)
_CONTACT = (
    ("contact_name", "Con&tact", "Contact name", "line"),
    ("address", "&Address", "Address", "text"),
    ("postcode", "&Postcode", "Postcode", "line"),
    ("email", "E&mail", "Email", "line"),
    ("phone", "P&hone", "Phone", "line"),
)


def own_group(context: AppContext) -> e.CommunityGroup | None:
    """The user's own group, if the register has one."""
    found = Records(context.register).list(RecordKind.GROUP, is_own_group=True)
    return found[0] if found else None


def date_edit(accessible_name: str) -> QDateEdit:
    """A date field in the house style, with a calendar to pick from."""
    edit = QDateEdit()
    edit.setLocale(_ENGLISH)
    edit.setDisplayFormat(_DATE_FORMAT)
    edit.setCalendarPopup(True)
    edit.setAccessibleName(accessible_name)
    return edit


class Note(QWidget):
    """A short note under a field with an icon, so a warning never rests on colour alone."""

    def __init__(self, icon: str, text: str = "", problem: bool = False) -> None:
        super().__init__()
        self.icon = QLabel()
        icons.set_label_icon(self.icon, icon, self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize))
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.label = QLabel(text)
        self.label.setWordWrap(True)
        if problem:  # in a red that reads on the palette, light or dark, and again when it changes
            icons.follow(self.label, self._on_palette)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)
        self.setVisible(bool(text))

    def text(self) -> str:
        return self.label.text() if not self.isHidden() else ""

    def _on_palette(self) -> None:
        palette = self.label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, icons.problem_colour(self.palette()))
        self.label.setPalette(palette)

    def set_text(self, text: str) -> None:
        self.label.setText(text)
        self.setVisible(bool(text))


class FieldError(Note):
    """A problem shown beside its field, on the field's tab; a screen reader hears it on reaching the field."""

    def __init__(self, tab: int, field: QWidget) -> None:
        super().__init__("warning", problem=True)  # the same red as the other forms' problems
        self.tab, self.field = tab, field

    def set_text(self, text: str) -> None:
        super().set_text(text)
        self.field.setAccessibleDescription(text)


class SettingsDialog(QDialog):
    """Four tabs — Your group, Dates, Reminders, New law — saved together with Save (Ctrl+S)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(self.tr("Settings"))
        self.settings = load_settings(context.register)
        self.group = own_group(context)
        self.errors: dict[str, FieldError] = {}
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Settings sections"))
        for page, title in (
            (self._group_tab(), self.tr("Your &group")),
            (self._dates_tab(), self.tr("&Dates")),
            (self._reminders_tab(), self.tr("&Reminders")),
            (self._new_law_tab(), self.tr("New la&w")),
        ):
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

    # building

    def _field(self, name: str, tab: int, field: QWidget, note: QWidget | None = None) -> QWidget:
        """The field with its note (if any) and room for its problem beneath it."""
        error = self.errors[name] = FieldError(tab, field)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(3)
        column.addWidget(field)
        if note is not None:
            column.addWidget(note)
        column.addWidget(error)
        focus_through(box, field)  # the row's label (its buddy is the box) reaches the field
        return box

    def _note(self, text: str) -> QLabel:
        """A quiet sentence: the text colour a little towards the background, still easy to read."""
        note = QLabel(text)
        note.setWordWrap(True)
        palette = note.palette()
        text_colour, window = palette.color(QPalette.ColorRole.WindowText), palette.color(QPalette.ColorRole.Window)
        pairs = zip(text_colour.getRgbF()[:3], window.getRgbF()[:3], strict=True)
        palette.setColor(QPalette.ColorRole.WindowText, QColor.fromRgbF(*(a * 0.72 + b * 0.28 for a, b in pairs)))
        note.setPalette(palette)
        return note

    def _input(self, kind: str, accessible_name: str) -> QWidget:
        if kind == "text":
            field = QPlainTextEdit()
            field.setTabChangesFocus(True)  # Tab moves on, as in every other field
            field.setFixedHeight(field.fontMetrics().lineSpacing() * 3 + 12)
        else:
            field = QLineEdit()
        if kind == "count":
            field.setValidator(QIntValidator(0, 10_000_000, field))
            field.setPlaceholderText(self.tr("not recorded"))
            field.setMaximumWidth(field.fontMetrics().averageCharWidth() * 16)
        field.setAccessibleName(accessible_name)
        return field

    def _group_tab(self) -> QWidget:
        t = self.tr
        self.group_fields: dict[str, QWidget] = {}
        about, contact = QFormLayout(), QFormLayout()
        self.group_name = self._input("line", t("Group name"))
        about.addRow(t("&Name"), self._field("group.name", TAB_GROUP, self.group_name))
        self.legal_form = QComboBox()
        self.legal_form.setAccessibleName(t("Legal form"))
        self.legal_form.setPlaceholderText(t("Choose your group's legal form…"))
        for form in LegalForm:
            self.legal_form.addItem(form.label)
        self.legal_form_note = Note("info")
        self.legal_form_note.setAccessibleName(t("What this legal form can do"))
        about.addRow(
            t("&Legal form"), self._field("group.legal_form", TAB_GROUP, self.legal_form, self.legal_form_note)
        )
        for form_layout, fields in ((about, _ABOUT), (contact, _CONTACT)):
            for name, label, accessible_name, kind in fields:
                field = self.group_fields[name] = self._input(kind, t(accessible_name))
                form_layout.addRow(t(label), self._field(f"group.{name}", TAB_GROUP, field))
        self.group_fields["local_connection"].setPlaceholderText(t("How the group's activities are local to the area"))
        self.legal_form.currentIndexChanged.connect(self._on_legal_form_changed)

        columns = QHBoxLayout()
        for title, form_layout, stretch in ((t("About the group"), about, 3), (t("Contact"), contact, 2)):
            box = QGroupBox(title)
            box.setLayout(form_layout)
            columns.addWidget(box, stretch, Qt.AlignmentFlag.AlignTop)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(
            self._note(
                t(
                    "The group you work for. Its details go on nominations and letters; its legal form decides what "
                    "it can do under the community right to bid."
                )
            )
        )
        layout.addLayout(columns)
        layout.addStretch(1)
        order = [self.group_name, self.legal_form, *(self.group_fields[name] for name, *_ in _ABOUT + _CONTACT)]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)
        return page

    def _dates_tab(self) -> QWidget:
        t = self.tr
        form = QFormLayout()
        self.nation = QComboBox()
        self.nation.setAccessibleName(t("Default nation"))
        for nation in Jurisdiction:
            self.nation.addItem(nation.label)
        self.send_by = QSpinBox()
        self.send_by.setRange(0, 30)
        self.send_by.setSuffix(t(" working days"))
        self.send_by.setAccessibleName(t("Send-by margin in working days"))
        self.renominate = QSpinBox()
        self.renominate.setRange(0, 365)
        self.renominate.setSuffix(t(" days"))
        self.renominate.setAccessibleName(t("Renominate this many days before a listing ends"))
        for label, name, field, note in (
            (
                t("Default &nation"),
                "default_jurisdiction",
                self.nation,
                t("Its law and bank holidays apply to an asset whose council's nation is not recorded."),
            ),
            (
                t("Send-&by margin"),
                "send_by_working_days",
                self.send_by,
                t(
                    "Anything that must be received by a date — a request to be treated as a potential bidder, say "
                    "— gets a send-by date this many working days earlier, to allow for the post."
                ),
            ),
            (
                t("Renomina&te"),
                "renomination_lead_days",
                self.renominate,
                t(
                    "Days before a listing ends to send a fresh nomination. A listing cannot be renewed, and the "
                    "asset is unprotected while a fresh nomination is decided."
                ),
            ),
        ):
            field.setMaximumWidth(field.fontMetrics().averageCharWidth() * 26)
            form.addRow(label, self._field(name, TAB_DATES, field, self._note(note)))

        self.holidays = RecordTableModel(
            [
                Column(t("Date"), lambda h: day_text(h[0]), lambda h: iso_text(h[0])),
                Column(t("Name"), lambda h: h[1]),
            ],
            self,
        )
        self.holiday_table = QTableView()
        self.holiday_table.setModel(self.holidays)
        self.holiday_table.setAccessibleName(t("Extra holidays"))
        self._plain_table(self.holiday_table, stretch=HOLIDAY_NAME)
        self.holiday_table.horizontalHeader().resizeSection(HOLIDAY_DATE, self.fontMetrics().averageCharWidth() * 20)
        self.holiday_table.setMinimumHeight(self.fontMetrics().height() * 8)
        self.holiday_date = date_edit(t("Date of the extra holiday"))
        self.holiday_name = self._input("line", t("Name of the extra holiday"))
        self.holiday_name.setPlaceholderText(t("What the day is, e.g. State funeral"))
        self.add_holiday = QPushButton(t("&Add"))
        self.add_holiday.setAccessibleName(t("Add the extra holiday"))
        self.remove_holiday = QPushButton(t("Remo&ve"))
        self.remove_holiday.setAccessibleName(t("Remove the chosen extra holiday"))
        self.remove_holiday.setEnabled(False)
        for field in (self.holiday_date, self.holiday_name):
            field.installEventFilter(self)  # Enter adds the holiday rather than saving the dialog
        for button in (self.add_holiday, self.remove_holiday):
            button.setAutoDefault(False)
        self.add_holiday.clicked.connect(self._on_add_holiday)
        self.remove_holiday.clicked.connect(self._on_remove_holiday)
        self.holiday_table.selectionModel().selectionChanged.connect(self._on_holiday_chosen)
        adding = QHBoxLayout()
        adding.addWidget(self.holiday_date)
        adding.addWidget(self.holiday_name, 1)
        adding.addWidget(self.add_holiday)
        adding.addWidget(self.remove_holiday)
        holidays = QGroupBox(t("Extra holidays"))
        box = QVBoxLayout(holidays)
        box.addWidget(
            self._note(
                t(
                    "Each nation's bank holidays are already counted. Add any other day that is not a working day — "
                    "a one-off bank holiday, say — so that working days are counted as the council counts them."
                )
            )
        )
        box.addWidget(self._field("extra_holidays", TAB_DATES, self.holiday_table), 1)
        box.addLayout(adding)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(holidays, 1)
        return page

    def _reminders_tab(self) -> QWidget:
        t = self.tr
        self.reminders = ReminderTableModel(self)
        self.reminder_table = QTableView()
        self.reminder_table.setModel(self.reminders)
        self.reminder_table.setAccessibleName(t("Reminder lead times by rule"))
        self._plain_table(self.reminder_table, stretch=REM_NAME)
        self.reminder_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.reminder_table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.reminder_table.setMinimumHeight(self.fontMetrics().height() * 14)
        metrics = self.fontMetrics()
        for column, sample in (
            (REM_CODE, LONGEST_CODE),
            (REM_NATION, "Scotland"),
            (REM_DEFAULT, "180, 90, 30 days"),
            (REM_YOURS, "180, 90, 30, 14 days"),
        ):
            width = metrics.horizontalAdvance(sample) + metrics.averageCharWidth() * 4
            self.reminder_table.horizontalHeader().resizeSection(column, width)
        self.reset_reminder = QPushButton(t("&Use the default"))
        self.reset_reminder.setAccessibleName(t("Use the default reminders for the chosen rule"))
        self.reset_reminder.setAutoDefault(False)
        self.reset_reminder.clicked.connect(self._on_reset_reminder)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.reset_reminder)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(
            self._note(
                t(
                    "How many days before each date you are reminded, on the dashboard and in exported calendars. "
                    "Type your own under “Your reminders” — numbers separated by commas, such as 30, 14, 7, or "
                    "“none” — or leave it empty for the default. Typing or F2 edits the chosen rule."
                )
            )
        )
        layout.addWidget(self._field("reminder_days", TAB_REMINDERS, self.reminder_table), 1)
        layout.addLayout(row)
        return page

    def _new_law_tab(self) -> QWidget:
        t = self.tr
        self.new_law = QCheckBox(t("&Use the provisional rules of the 2026 Act from its commencement date"))
        self.new_law.setAccessibleName(t("Use the provisional rules of the 2026 Act"))
        self.commencement = date_edit(t("Commencement date of the 2026 Act"))
        self.commencement.setMinimumDate(QDate(2026, 4, 29))  # Royal Assent
        self.new_law.toggled.connect(self.commencement.setEnabled)
        row = QFormLayout()
        row.setContentsMargins(self.fontMetrics().averageCharWidth() * 4, 0, 0, 0)
        row.addRow(t("Co&mmencement date"), self._field("new_regime_commencement", TAB_NEW_LAW, self.commencement))
        explanation = QLabel(
            t(
                "<p>The <b>English Devolution and Community Empowerment Act 2026</b> (Royal Assent 29 April 2026) "
                "replaces the community right to bid with a community right to buy. The date it comes into force, "
                "and how listings and notices already running will be treated, are not yet known.</p>"
                "<p>AssetReg's rules for the new Act are <b>provisional</b>: they follow what has been reported and "
                "may change when the commencement regulations are made. They apply <b>only from the commencement "
                "date you enter</b>. Listings and disposal notices from before it stay under the Localism Act 2011, "
                "and dates already worked out are never recomputed.</p>"
                "<p>Leave this off until the government announces the commencement date.</p>"
            )
        )
        explanation.setWordWrap(True)
        explanation.setTextFormat(Qt.TextFormat.RichText)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(explanation)
        layout.addSpacing(self.fontMetrics().height())
        layout.addWidget(self.new_law)
        layout.addLayout(row)
        layout.addStretch(1)
        return page

    def _plain_table(self, table: QTableView, stretch: int) -> None:
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move within it
        table.setAlternatingRowColors(True)
        table.setShowGrid(False)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(round(table.fontMetrics().height() * 1.7))
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)

    # values

    def _load(self) -> None:
        s, g = self.settings, self.group
        self.legal_form.setCurrentIndex(list(LegalForm).index(g.legal_form) if g else -1)
        if g is not None:
            self.group_name.setText(g.name)
            for name, field in self.group_fields.items():
                value = getattr(g, name)
                text = "" if value is None else str(value)
                field.setPlainText(text) if isinstance(field, QPlainTextEdit) else field.setText(text)
        self._on_legal_form_changed()
        self.nation.setCurrentIndex(list(Jurisdiction).index(s.default_jurisdiction))
        self.send_by.setValue(s.send_by_working_days)
        self.renominate.setValue(s.renomination_lead_days)
        self.holidays.set_rows(s.extra_holidays)
        self.holiday_date.setDate(QDate.currentDate())
        self.reminders.set_overrides(s.reminder_days)
        self.new_law.setChecked(s.new_regime_commencement is not None)
        self.commencement.setEnabled(s.new_regime_commencement is not None)
        self.commencement.setDate(s.new_regime_commencement or QDate.currentDate().addMonths(6))

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

    def chosen_group_fields(self) -> dict[str, Any]:
        """The group's fields as the dialog shows them: a blank count is ``None``, no legal form chosen is ``None``."""
        index = self.legal_form.currentIndex()
        fields: dict[str, Any] = {
            "name": self.group_name.text().strip(),
            "legal_form": list(LegalForm)[index] if index >= 0 else None,
        }
        for name, field in self.group_fields.items():
            text = (field.toPlainText() if isinstance(field, QPlainTextEdit) else field.text()).strip()
            fields[name] = (int(text) if text else None) if name.endswith("_count") else text
        return fields

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
        group = self._checked_group(self.chosen_group_fields(), problems)
        if problems:
            self._show_problems(problems)
            return False
        try:
            if group is not None:
                self._save_group(group)
            if settings != validate_settings(self.settings):
                self.settings = save_settings(self.context.register, settings, based_on=self.settings)
                # A margin, a holiday or a reminder can move any deadline, so every view reloads.
                self.context.notify(Changes(frozenset(RecordKind)))
        except ValidationError as error:
            self._show_problems({f"group.{name}": text for name, text in error.problems.items()})
            return False
        except AssetRegError as error:
            self.context.messages.error(self, self.tr("The settings were not saved"), str(error))
            return False
        return True

    def _checked_group(self, fields: dict[str, Any], problems: dict[str, str]) -> e.CommunityGroup | None:
        """The group to save, checked; ``None`` when it is unchanged, or when none exists and none was begun."""
        if self.group is None and not any(fields.values()):
            return None
        if fields["legal_form"] is None:
            problems["group.legal_form"] = self.tr("Choose your group's legal form.")
            fields["legal_form"] = LegalForm.OTHER
        base = self.group or e.CommunityGroup(name="", legal_form=LegalForm.OTHER, is_own_group=True)
        group = dataclasses.replace(base, **fields)
        try:
            group = validate(group)
        except ValidationError as error:
            problems.update({f"group.{name}": text for name, text in error.problems.items()})
        return None if group == self.group else group

    def _save_group(self, group: e.CommunityGroup) -> None:
        """Creates or updates the group through the undo history, so Ctrl+Z takes the change back."""
        history = undo_history(self.context)
        if self.group is None:
            self.group = history.create(group).value
            return
        changed = {f.name: getattr(group, f.name) for f in dataclasses.fields(group) if f.name != "reference"}
        changed = {name: value for name, value in changed.items() if value != getattr(self.group, name)}
        self.group = history.update(self.group.reference, **changed).value

    def _show_problems(self, problems: dict[str, str]) -> None:
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
        if first.tab >= 0:
            self.tabs.setCurrentIndex(first.tab)
            first.field.setFocus(Qt.FocusReason.OtherFocusReason)

    # behaviour

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (
            watched in (self.holiday_date, self.holiday_name)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self._on_add_holiday()
            return True
        return super().eventFilter(watched, event)

    def _on_save(self) -> None:
        if self.save():
            self.accept()

    def _on_legal_form_changed(self, _index: int = 0) -> None:
        index = self.legal_form.currentIndex()
        form = list(LegalForm)[index] if index >= 0 else None
        if form is None or can_trigger_full_moratorium(form):
            text = ""
        elif not can_nominate(form):
            text = self.tr("A group of this kind cannot nominate land as an asset of community value.")
        else:
            text = self.tr(
                "A group of this kind can nominate land, but asking to bid does not start the full six-month "
                "moratorium: only a parish council, charity, company limited by guarantee, community benefit "
                "society or community interest company can do that."
            )
        self.legal_form_note.set_text(text)

    def _on_add_holiday(self) -> None:
        day: date = self.holiday_date.date().toPython()
        name = self.holiday_name.text().strip() or self.tr("Extra holiday")
        rows = sorted([h for h in self.holidays.rows() if h[0] != day] + [(day, name)])
        self.holidays.set_rows(rows)
        self.holiday_name.clear()
        self.holiday_table.selectRow([h[0] for h in rows].index(day))
        self.holiday_date.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_remove_holiday(self) -> None:
        index = self.holiday_table.currentIndex()
        if not index.isValid():
            return
        rows = self.holidays.rows()
        del rows[index.row()]
        self.holidays.set_rows(rows)
        if rows:
            self.holiday_table.selectRow(min(index.row(), len(rows) - 1))
        self._on_holiday_chosen()

    def _on_holiday_chosen(self, *_args) -> None:
        self.remove_holiday.setEnabled(self.holiday_table.selectionModel().hasSelection())

    def _on_reset_reminder(self) -> None:
        index = self.reminder_table.currentIndex()
        if index.isValid():
            self.reminders.clear_override(index.row())
