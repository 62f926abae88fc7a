"""The settings' tabs beside the group (whose tab is the group form itself): Dates, Reminders, New law and Yourself.

Each is a widget that builds its fields, loads them from ``Settings`` and leaves what they hold to be read by the
dialog; a field's problem is shown beside it, in the ``FieldError`` the tab files under the field's name.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import Jurisdiction
from ...domain.rules import LONGEST_CODE
from ...domain.settings import ROYAL_ASSENT_2026, Settings
from ..tables.record_table import Column, RecordTableModel, day_text, iso_text
from ..tables.reminder_table import REM_CODE, REM_DEFAULT, REM_NAME, REM_NATION, REM_YOURS, ReminderTableModel
from ..widgets import icons
from ..widgets.form_widgets import focus_through, quiet

TAB_GROUP, TAB_DATES, TAB_REMINDERS, TAB_NEW_LAW, TAB_YOU = range(5)
HOLIDAY_DATE, HOLIDAY_NAME = range(2)
_ENGLISH = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
_DATE_FORMAT = "ddd d MMM yyyy"  # the house style, "Sat 11 Oct 2025"


def date_edit(accessible_name: str) -> QDateEdit:
    """A date field in the house style, with a calendar to pick from."""
    edit = QDateEdit()
    edit.setLocale(_ENGLISH)
    edit.setDisplayFormat(_DATE_FORMAT)
    edit.setCalendarPopup(True)
    edit.setAccessibleName(accessible_name)
    return edit


def quiet_note(text: str) -> QLabel:
    """A quiet sentence under a field or above a table: a little towards the background, still easy to read."""
    note = QLabel(text)
    note.setWordWrap(True)
    quiet(note)
    return note


class FieldError(QWidget):
    """A problem shown beside its field, on the field's tab, with a warning icon so it never rests on colour
    alone; a screen reader hears it on reaching the field."""

    def __init__(self, tab: int, field: QWidget) -> None:
        super().__init__()
        self.tab, self.field = tab, field
        self.icon = QLabel()
        icons.set_label_icon(self.icon, "warning", self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize))
        self.label = QLabel()
        self.label.setWordWrap(True)
        icons.follow(self.label, self._on_palette)  # a red that reads on the palette, light or dark
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)
        self.setVisible(False)

    def text(self) -> str:
        return self.label.text() if not self.isHidden() else ""

    def set_text(self, text: str) -> None:
        self.label.setText(text)
        self.setVisible(bool(text))
        self.field.setAccessibleDescription(text)

    def _on_palette(self) -> None:
        palette = self.label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, icons.problem_colour(self.palette()))
        self.label.setPalette(palette)


class SettingsTab(QWidget):
    """One tab: ``names`` are the controls the dialog reads (and tests reach) through it."""

    names: tuple[str, ...] = ()

    def __init__(self, errors: dict[str, FieldError], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.errors = errors
        self._build()

    def _build(self) -> None:
        raise NotImplementedError

    def load(self, settings: Settings) -> None:
        raise NotImplementedError

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

    def _input(self, accessible_name: str) -> QLineEdit:
        field = QLineEdit()
        field.setAccessibleName(accessible_name)
        return field

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


class DatesTab(SettingsTab):
    """The default nation, the send-by margin, when to renominate, and extra holidays."""

    names = (
        "nation",
        "send_by",
        "renominate",
        "holidays",
        "holiday_table",
        "holiday_date",
        "holiday_name",
        "add_holiday",
        "remove_holiday",
    )

    def _build(self) -> None:
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
            form.addRow(label, self._field(name, TAB_DATES, field, quiet_note(note)))

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
        self.holiday_name = self._input(t("Name of the extra holiday"))
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
            quiet_note(
                t(
                    "Each nation's bank holidays are already counted. Add any other day that is not a working day — "
                    "a one-off bank holiday, say — so that working days are counted as the council counts them."
                )
            )
        )
        box.addWidget(self._field("extra_holidays", TAB_DATES, self.holiday_table), 1)
        box.addLayout(adding)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(holidays, 1)

    def load(self, settings: Settings) -> None:
        self.nation.setCurrentIndex(list(Jurisdiction).index(settings.default_jurisdiction))
        self.send_by.setValue(settings.send_by_working_days)
        self.renominate.setValue(settings.renomination_lead_days)
        self.holidays.set_rows(settings.extra_holidays)
        self.holiday_date.setDate(QDate.currentDate())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (
            watched in (self.holiday_date, self.holiday_name)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self._on_add_holiday()
            return True
        return super().eventFilter(watched, event)

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


class RemindersTab(SettingsTab):
    """How many days before each rule's date the group is reminded."""

    names = ("reminders", "reminder_table", "reset_reminder")

    def _build(self) -> None:
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
        layout = QVBoxLayout(self)
        layout.addWidget(
            quiet_note(
                t(
                    "How many days before each date you are reminded, on the dashboard and in exported calendars. "
                    "Type your own under “Your reminders” — numbers separated by commas, such as 30, 14, 7, or "
                    "“none” — or leave it empty for the default. Typing or F2 edits the chosen rule."
                )
            )
        )
        layout.addWidget(self._field("reminder_days", TAB_REMINDERS, self.reminder_table), 1)
        layout.addLayout(row)

    def load(self, settings: Settings) -> None:
        self.reminders.set_overrides(settings.reminder_days)

    def _on_reset_reminder(self) -> None:
        index = self.reminder_table.currentIndex()
        if index.isValid():
            self.reminders.clear_override(index.row())


class NewLawTab(SettingsTab):
    """Whether the provisional rules of the 2026 Act apply, and from when."""

    names = ("new_law", "commencement")

    def _build(self) -> None:
        t = self.tr
        self.new_law = QCheckBox(t("&Use the provisional rules of the 2026 Act from its commencement date"))
        self.new_law.setAccessibleName(t("Use the provisional rules of the 2026 Act"))
        self.commencement = date_edit(t("Commencement date of the 2026 Act"))
        self.commencement.setMinimumDate(ROYAL_ASSENT_2026)
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
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addSpacing(self.fontMetrics().height())
        layout.addWidget(self.new_law)
        layout.addLayout(row)
        layout.addStretch(1)

    def load(self, settings: Settings) -> None:
        self.new_law.setChecked(settings.new_regime_commencement is not None)
        self.commencement.setEnabled(settings.new_regime_commencement is not None)
        self.commencement.setDate(settings.new_regime_commencement or QDate.currentDate().addMonths(6))


class YouTab(SettingsTab):
    """The name the history gives this person's changes. It is theirs, not the register's: kept on this computer
    for them alone (``gui.person``), so on a shared register each person sets their own."""

    names = ("person_name",)

    def _build(self) -> None:
        t = self.tr
        self.person_name = self._input(t("Your name in the history"))
        self.person_name.setMaxLength(200)  # longer than allowed, so a name too long is told, not cut short
        self.person_name.setMaximumWidth(self.fontMetrics().averageCharWidth() * 50)
        self.fallback = quiet_note("")
        form = QFormLayout()
        form.addRow(t("Your &name"), self._field("person_name", TAB_YOU, self.person_name, self.fallback))
        explanation = quiet_note(
            t(
                "The history of every record says who made each change. Give the name it should show for you — "
                "with your role if that helps, say “Margaret Hale (treasurer)”. It is kept on this computer for "
                "you alone, not in the register: on a shared register everyone sets their own."
            )
        )
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addSpacing(self.fontMetrics().height())
        layout.addLayout(form)
        layout.addStretch(1)

    def load(self, settings: Settings) -> None:
        """The name is not one of the register's settings: ``load_person`` fills it."""

    def load_person(self, chosen: str, otherwise: str) -> None:
        """Shows the name set (``chosen``) and the name the history gives when none is (``otherwise``)."""
        self.person_name.setText(chosen)
        self.person_name.setPlaceholderText(otherwise)
        self.fallback.setText(self.tr("Left empty, the history names you “{name}”.").format(name=otherwise))
