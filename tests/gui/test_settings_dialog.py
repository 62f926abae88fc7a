"""The settings dialog: the group's profile, dates, reminders and the 2026 Act, saved and checked field by field."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTableView,
)

from assetreg.domain import entities as e
from assetreg.domain.enums import Jurisdiction, LegalForm
from assetreg.domain.records import RecordKind
from assetreg.domain.rules import CATALOGUE
from assetreg.domain.settings import Settings
from assetreg.gui.context import AppContext
from assetreg.gui.forms.settings_dialog import TAB_GROUP, TAB_REMINDERS, TAB_YOU, SettingsDialog
from assetreg.gui.person import chosen_name
from assetreg.gui.tables.reminder_table import REM_DEFAULT, REM_YOURS, days_text, parse_days
from assetreg.gui.undo import undo_history
from assetreg.services.records import Records
from assetreg.services.register import Register, person_name
from assetreg.services.settings import load_settings, save_settings

ROWS = {rule.code: row for row, rule in enumerate(CATALOGUE)}


@pytest.fixture
def context(qtbot, register):
    return AppContext(register)


@pytest.fixture
def dialog(qtbot, context):
    made = SettingsDialog(context)
    qtbot.addWidget(made)
    return made


def changes_seen(context) -> list:
    seen = []
    context.data_changed.connect(seen.append)
    return seen


def own_groups(register) -> list[e.CommunityGroup]:
    return Records(register).list(RecordKind.GROUP, is_own_group=True)


def set_reminders(dialog: SettingsDialog, code: str, text: str) -> None:
    assert dialog.reminders.setData(dialog.reminders.index(ROWS[code], REM_YOURS), text)


def add_holiday(qtbot, dialog: SettingsDialog, day: date, name: str) -> None:
    dialog.holiday_date.setDate(QDate(day))
    dialog.holiday_name.setText(name)
    qtbot.mouseClick(dialog.add_holiday, Qt.MouseButton.LeftButton)


def fill_group(dialog: SettingsDialog, **values) -> None:
    """Types into the "Your group" tab, which is the group form itself."""
    for name, value in values.items():
        if name == "legal_form":
            dialog.group_page.legal_form.set_value(value)
        else:
            field = getattr(dialog.group_page, name)
            field.setPlainText(value) if isinstance(field, QPlainTextEdit) else field.setText(value)


def group_problems(dialog: SettingsDialog) -> dict[str, str]:
    return {name: field.problem() for name, field in dialog.group_page.fields.items() if field.problem()}


def test_a_new_register_shows_the_defaults_and_no_group(dialog):
    assert dialog.windowTitle() == "Settings"
    assert [dialog.tabs.tabText(i) for i in range(4)] == ["Your &group", "&Dates", "&Reminders", "New la&w"]
    assert dialog.group_page.name.text() == "" and dialog.group_page.legal_form.value() is None
    assert dialog.group_page.own.isChecked() and not dialog.group_page.own.isVisibleTo(dialog)
    assert dialog.send_by.value() == 3 and dialog.renominate.value() == 70
    assert dialog.nation.currentText() == "England"
    assert dialog.holidays.rowCount() == 0
    assert dialog.reminders.rowCount() == len(CATALOGUE)
    row = ROWS["ACV-IMP-END"]
    assert dialog.reminders.index(row, REM_DEFAULT).data() == "21, 14, 7, 3 days"
    assert dialog.reminders.index(row, REM_YOURS).data() == "as default"
    # The 2026 Act is off until the user turns it on.
    assert not dialog.new_law.isChecked() and not dialog.commencement.isEnabled()


def test_settings_and_group_round_trip(qtbot, dialog, context, register):
    seen = changes_seen(context)
    dialog.send_by.setValue(5)
    dialog.renominate.setValue(84)
    dialog.nation.setCurrentIndex(list(Jurisdiction).index(Jurisdiction.SCOTLAND))
    add_holiday(qtbot, dialog, date(2025, 12, 29), "Council closure")
    add_holiday(qtbot, dialog, date(2025, 9, 19), "State funeral")
    set_reminders(dialog, "ACV-IMP-END", "28, 14")
    set_reminders(dialog, "ACV-LIST-END", "none")
    dialog.new_law.setChecked(True)
    dialog.commencement.setDate(QDate(2026, 11, 2))
    fill_group(
        dialog,
        name="  Friends of the Red Lion ",
        legal_form=LegalForm.CHARITY,
        charity_number="1234567",
        member_count="40",
        local_elector_count="31",
        address="1 High Street\nAshcombe",
        postcode="tn14 6ab",
        email="friends@example.org",
    )
    assert dialog.save()

    settings = load_settings(register)
    assert settings == Settings(
        reminder_days={"ACV-IMP-END": (28, 14), "ACV-LIST-END": ()},
        send_by_working_days=5,
        renomination_lead_days=84,
        extra_holidays=((date(2025, 9, 19), "State funeral"), (date(2025, 12, 29), "Council closure")),
        default_jurisdiction=Jurisdiction.SCOTLAND,
        new_regime_commencement=date(2026, 11, 2),
    )
    (group,) = own_groups(register)
    assert (group.name, group.legal_form, group.charity_number) == (
        "Friends of the Red Lion",
        LegalForm.CHARITY,
        "1234567",
    )
    assert (group.member_count, group.local_elector_count, group.postcode) == (40, 31, "TN14 6AB")
    assert group.address == "1 High Street\nAshcombe" and group.is_own_group
    # Every deadline may move, so every kind of record is announced as changed.
    assert seen[-1].kinds == frozenset(RecordKind)
    assert undo_history(context).stack.undoText() == "saving Friends of the Red Lion"

    again = SettingsDialog(context)
    qtbot.addWidget(again)
    assert again.group_page.name.text() == "Friends of the Red Lion"
    assert again.group_page.legal_form.currentText() == "Charity"
    assert again.group_page.member_count.text() == "40"
    assert again.send_by.value() == 5 and again.nation.currentText() == "Scotland"
    assert [again.holidays.index(r, 1).data() for r in range(2)] == ["State funeral", "Council closure"]
    assert again.holidays.index(0, 0).data() == "Fri 19 Sep 2025"
    assert again.reminders.index(ROWS["ACV-IMP-END"], REM_YOURS).data() == "28, 14 days"
    assert again.reminders.index(ROWS["ACV-LIST-END"], REM_YOURS).data() == "none"
    assert again.new_law.isChecked() and again.commencement.date() == QDate(2026, 11, 2)


def test_the_existing_group_is_updated_and_the_change_can_be_undone(qtbot, context, register):
    records = Records(register)
    before = records.create(
        e.CommunityGroup(name="Ashcombe Pub Society", legal_form=LegalForm.CHARITY, is_own_group=True)
    )
    records.create(e.CommunityGroup(name="Another group", legal_form=LegalForm.CHARITY))
    dialog = SettingsDialog(context)
    qtbot.addWidget(dialog)
    assert dialog.group_page.name.text() == "Ashcombe Pub Society"
    fill_group(dialog, phone="01732 000123", legal_form=LegalForm.COMMUNITY_BENEFIT_SOCIETY)
    assert dialog.save()
    (group,) = own_groups(register)
    assert group.reference == before.value.reference
    assert (group.phone, group.legal_form) == ("01732 000123", LegalForm.COMMUNITY_BENEFIT_SOCIETY)
    stack = undo_history(context).stack
    assert stack.undoText() == "saving Ashcombe Pub Society"
    stack.undo()
    assert records.get(group.reference) == before.value


def test_saving_nothing_changed_writes_nothing(dialog, context, register):
    seen = changes_seen(context)
    assert dialog.save()
    assert own_groups(register) == [] and not seen
    assert not undo_history(context).stack.canUndo()


def test_problems_are_shown_beside_their_fields_and_nothing_is_saved(dialog, context, register):
    fill_group(dialog, name="", member_count="10", local_elector_count="20", email="not an email", postcode="XX")
    set_reminders(dialog, "ACV-IMP-END", "soon")
    dialog.send_by.setValue(9)
    assert not dialog.save()
    errors = {name: error.text() for name, error in dialog.errors.items() if error.text()}
    assert set(errors) == {"reminder_days"}
    assert errors["reminder_days"].startswith("ACV-IMP-END: “soon” is not a list of days")
    # The group's problems are shown by the group form's own fields, as in Contacts.
    problems = group_problems(dialog)
    assert set(problems) == {"name", "legal_form", "local_elector_count", "email", "postcode"}
    assert problems["name"] == "Enter the group's name; it cannot be left blank."
    assert problems["legal_form"] == "Choose the group's legal form."
    assert "cannot outnumber the members" in problems["local_elector_count"]
    assert "“XX” is not a UK postcode" in problems["postcode"]
    assert dialog.group_page.email.accessibleDescription() == problems["email"]
    # The first problem's tab is shown and every tab with a problem is marked.
    assert dialog.tabs.currentIndex() == TAB_GROUP
    assert not dialog.tabs.tabIcon(TAB_GROUP).isNull() and not dialog.tabs.tabIcon(TAB_REMINDERS).isNull()
    assert dialog.tabs.tabIcon(1).isNull()
    assert load_settings(register) == Settings() and own_groups(register) == []

    fill_group(dialog, name="Friends", legal_form=LegalForm.CHARITY, local_elector_count="", email="", postcode="")
    set_reminders(dialog, "ACV-IMP-END", "")
    assert dialog.save()
    assert not any(error.text() for error in dialog.errors.values()) and group_problems(dialog) == {}
    assert dialog.tabs.tabIcon(TAB_GROUP).isNull()
    assert load_settings(register).send_by_working_days == 9


def test_a_reminder_out_of_range_is_refused(dialog, register):
    set_reminders(dialog, "ACV-FMP-END", "4000, 7")
    assert not dialog.save()
    assert "at most 3650 days" in dialog.errors["reminder_days"].text()
    assert not dialog.reminders.index(ROWS["ACV-FMP-END"], REM_YOURS).data(Qt.ItemDataRole.DecorationRole).isNull()


def test_the_legal_form_hint_says_what_a_group_of_that_kind_may_do(dialog):
    page = dialog.group_page
    page.legal_form.set_value(LegalForm.NEIGHBOURHOOD_FORUM)
    assert "cannot start the full moratorium" in page.fields["legal_form"].hint
    page.legal_form.set_value(LegalForm.INDIVIDUAL)
    assert page.fields["legal_form"].hint.startswith("May not nominate land")
    page.legal_form.set_value(LegalForm.PARISH_COUNCIL)
    assert "starts the full six-month moratorium" in page.fields["legal_form"].hint


def test_holidays_and_reminders_can_be_taken_back_to_the_defaults(qtbot, context, register):
    save_settings(
        register,
        Settings(reminder_days={"ACV-IMP-END": (28,)}, extra_holidays=((date(2025, 9, 19), "State funeral"),)),
    )
    dialog = SettingsDialog(context)
    qtbot.addWidget(dialog)
    dialog.holiday_table.selectRow(0)
    assert dialog.remove_holiday.isEnabled()
    qtbot.mouseClick(dialog.remove_holiday, Qt.MouseButton.LeftButton)
    assert dialog.holidays.rowCount() == 0 and not dialog.remove_holiday.isEnabled()
    dialog.reminder_table.setCurrentIndex(dialog.reminders.index(ROWS["ACV-IMP-END"], REM_YOURS))
    dialog.reset_reminder.click()
    set_reminders(dialog, "ACV-NOM-DECIDE", "7, 14")  # the default, typed out: nothing to store
    assert dialog.save()
    assert load_settings(register) == Settings()


def test_enter_in_the_holiday_name_adds_it_without_closing(qtbot, dialog):
    dialog.show()
    dialog.tabs.setCurrentIndex(1)
    dialog.holiday_date.setDate(QDate(2026, 5, 8))
    dialog.holiday_name.setFocus()
    qtbot.keyClicks(dialog.holiday_name, "VE Day")
    qtbot.keyClick(dialog.holiday_name, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.holidays.rows() == [(date(2026, 5, 8), "VE Day")]
    assert dialog.holiday_name.text() == ""


def test_the_same_date_twice_keeps_one_holiday(qtbot, dialog):
    add_holiday(qtbot, dialog, date(2026, 5, 8), "VE Day")
    add_holiday(qtbot, dialog, date(2026, 5, 8), "VE Day 81")
    assert dialog.holidays.rows() == [(date(2026, 5, 8), "VE Day 81")]


def test_save_closes_the_dialog_and_cancel_keeps_everything(qtbot, context, register):
    dialog = SettingsDialog(context)
    qtbot.addWidget(dialog)
    dialog.send_by.setValue(7)
    dialog.reject()
    assert load_settings(register).send_by_working_days == 3
    dialog = SettingsDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.send_by.setValue(7)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert load_settings(register).send_by_working_days == 7


def test_every_control_has_an_accessible_name_or_its_own_words(dialog):
    unnamed = []
    for kind in (QLineEdit, QPlainTextEdit, QComboBox, QSpinBox, QDateEdit, QTableView, QAbstractButton):
        for widget in dialog.findChildren(kind):
            if widget.parent() is not None and isinstance(widget.parent(), (QComboBox, QSpinBox, QDateEdit)):
                continue  # the inner line edit of a box that has its own name
            words = widget.text() if isinstance(widget, QAbstractButton) else ""
            if not (widget.accessibleName() or words.replace("&", "").strip()):
                unnamed.append(widget)
    assert [w.metaObject().className() for w in unnamed if not w.objectName().startswith("qt_")] == []


def test_days_are_read_as_people_type_them():
    assert parse_days("30, 14, 7") == (30, 14, 7)
    assert parse_days("7 14 30 days") == (30, 14, 7)
    assert parse_days("None") == ()
    with pytest.raises(ValueError, match="not a list of days"):
        parse_days("a week")
    assert days_text((1,)) == "1 day" and days_text(()) == "none" and days_text((14, 7)) == "14, 7 days"


# --- the name the history gives the person (Settings › Yourself) ------------------------------------------------


@pytest.mark.parametrize("kind", ["file", "shared"])
def test_the_name_a_person_sets_names_their_changes_in_the_history(qtbot, request, monkeypatch, kind):
    """On a file and on a shared register alike: the name set in Settings › Yourself names every change from then on,
    is kept for the person (not in the register), and names them again when the register is next opened."""
    monkeypatch.delenv("ASSETREG_USER", raising=False)
    register = request.getfixturevalue("file_register" if kind == "file" else "shared_register")
    location = register.opened.url if kind == "shared" else register.path
    Records(register).create(e.Asset(name="The Red Lion"))  # as the fixture's 'tester'
    context = AppContext(register)
    dialog = SettingsDialog(context)
    qtbot.addWidget(dialog)
    otherwise = person_name(register.opened.role)  # the database role on a server, the login name on a file
    assert dialog.person_name.text() == "" and dialog.person_name.placeholderText() == otherwise
    assert dialog.you_tab.fallback.text() == f"Left empty, the history names you “{otherwise}”."
    dialog.tabs.setCurrentIndex(TAB_YOU)
    dialog.person_name.setText("  Margaret   Hale (treasurer) ")
    assert dialog.save()
    assert chosen_name() == "Margaret Hale (treasurer)" and register.user == "Margaret Hale (treasurer)"
    assert load_settings(register) == Settings()  # the register's own settings are untouched by a person's name
    Records(register).update("AST-0001", notes="Asked the council")
    assert [h.user for h in Records(register).history("AST-0001")] == ["tester", "Margaret Hale (treasurer)"]

    # Opened again, as the app opens it: the window's context names the person as they set.
    again = Register.open(location)
    try:
        assert again.user == otherwise
        AppContext(again)
        assert again.user == "Margaret Hale (treasurer)"
        Records(again).update("AST-0001", notes="Council replied")
        assert [h.user for h in Records(again).history("AST-0001")][-1] == "Margaret Hale (treasurer)"
        reopened = SettingsDialog(AppContext(again))
        qtbot.addWidget(reopened)
        assert reopened.person_name.text() == "Margaret Hale (treasurer)"
        reopened.person_name.setText("")  # forgotten: the history names the role or login again
        assert reopened.save()
        assert chosen_name() == "" and again.user == otherwise
        Records(again).update("AST-0001", notes="Meeting booked")
        assert [h.user for h in Records(again).history("AST-0001")][-1] == otherwise
    finally:
        again.close()


def test_a_name_too_long_for_the_history_is_refused_and_nothing_is_saved(dialog, context, register):
    dialog.send_by.setValue(9)
    dialog.person_name.setText("M" * 121)
    assert not dialog.save()
    assert dialog.errors["person_name"].text() == "A name can be at most 120 characters; this one has 121. Shorten it."
    assert dialog.tabs.currentIndex() == TAB_YOU and not dialog.tabs.tabIcon(TAB_YOU).isNull()
    assert chosen_name() == "" and register.user == "tester" and load_settings(register) == Settings()
    dialog.person_name.setText("M" * 120)
    assert dialog.save()
    assert register.user == "M" * 120 and load_settings(register).send_by_working_days == 9
