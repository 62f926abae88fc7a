"""The calendar on the demo register as of Mon 15 Sep 2025 (offscreen Qt).

The marked days are the dashboard's hand-counted dates (see ``test_dashboard_view.py``), not read back from the
service.
"""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import icalendar
import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFont, QImage
from PySide6.QtWidgets import QLabel

from assetreg.domain import entities as e
from assetreg.domain.records import RecordKind
from assetreg.gui.context import AppContext
from assetreg.gui.display import ENTITY_ROLE
from assetreg.gui.messages import Messages
from assetreg.gui.tables.deadline_table import COL_ASSET, COL_RULE, COL_WHAT, COL_WHEN
from assetreg.gui.views import calendar_view
from assetreg.gui.views.calendar_view import CalendarView
from assetreg.services import calendar_export
from assetreg.services.demo import write_demo_register
from assetreg.services.records import Records
from assetreg.services.register import Changes, Register

DEMO_DAY = date(2025, 9, 15)  # a Monday
FIXED_NOW = datetime(2025, 9, 15, 10, 0, tzinfo=UTC)

# What the demo records, counted by hand (as in test_dashboard_view.py):
IMP_END = DEMO_DAY - timedelta(days=20) + timedelta(weeks=6) - timedelta(days=1)  # Red Lion: Mon 6 Oct 2025
SEPTEMBER = {date(2025, 9, 8): 1, date(2025, 9, 21): 1}  # the Swan's review decision (overdue); committee
OCTOBER = {
    IMP_END: 1,
    IMP_END + timedelta(days=1): 1,  # the owner free to exchange
    date(2025, 10, 20): 1,  # the allotments' nomination decision
    date(2025, 10, 26): 1,  # the library's listing ends
    date(2025, 10, 30): 1,  # Sevenoaks Cabinet task (45 days on)
}
RENOMINATE_BY = date(2025, 8, 17)  # the library, overdue
STILL_TO_BE_MET = 31  # every date of the demo from the overdue ones to the last listing end in 2030


class RecordingMessages(Messages):
    def __init__(self) -> None:
        self.errors: list[tuple[str, str]] = []
        self.infos: list[tuple[str, str]] = []
        self.questions: list[str] = []
        self.chosen: Path | None = None  # the file the save dialog gives
        self.answer = False  # to each question

    def choose_new_file(self, parent, title, suggested, filters, *, confirm_overwrite=False):
        assert confirm_overwrite  # the dialog asks before replacing the name chosen
        return self.chosen

    def confirm(self, parent, title: str, text: str) -> bool:
        self.questions.append(text)
        return self.answer

    def error(self, parent, title: str, text: str) -> None:
        self.errors.append((title, text))

    def info(self, parent, title: str, text: str) -> None:
        self.infos.append((title, text))


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("calendar-demo") / "demo.assetreg"
    write_demo_register(path, today=DEMO_DAY)
    return path


@pytest.fixture
def demo_register(demo_path: Path):
    register = Register.open(demo_path)
    register.clock = lambda: FIXED_NOW
    yield register
    register.close()


@pytest.fixture
def messages() -> RecordingMessages:
    return RecordingMessages()


def loaded(qtbot, view: CalendarView) -> CalendarView:
    view.context.tasks.wait()
    qtbot.waitUntil(lambda: not view.loading, timeout=120_000)
    return view


def make_view(qtbot, register: Register, messages: Messages | None = None) -> CalendarView:
    view = CalendarView(AppContext(register, messages))
    qtbot.addWidget(view)
    view.refresh()
    return loaded(qtbot, view)


@pytest.fixture
def view(qtbot, demo_register: Register, messages: RecordingMessages) -> CalendarView:
    return make_view(qtbot, demo_register, messages)


def column(table, col: int, role=Qt.ItemDataRole.DisplayRole) -> list:
    proxy = table.model()
    return [proxy.data(proxy.index(row, col), role) for row in range(proxy.rowCount())]


def labels(view: CalendarView) -> list[str]:
    return [label.text().replace("&", "") for label in view.findChildren(QLabel)]


def marked_in(view: CalendarView, year: int, month: int) -> dict[date, int]:
    return {d: n for d, n in view.calendar.marked_days().items() if (d.year, d.month) == (year, month)}


def choose(view: CalendarView, day: date) -> None:
    view.calendar.setSelectedDate(QDate(day.year, day.month, day.day))


def test_name_title_and_icon(view: CalendarView) -> None:
    assert (view.name, view.title()) == ("calendar", "Calendar")
    assert not view.icon().isNull()


def test_it_opens_on_this_month_with_today_chosen(view: CalendarView) -> None:
    assert view.shown_month() == (2025, 9)
    assert view.chosen_day() == DEMO_DAY
    assert view.calendar.firstDayOfWeek() == Qt.DayOfWeek.Monday
    summary = next(text for text in labels(view) if text.startswith("Today is"))
    assert f"Today is Mon 15 Sep 2025. {STILL_TO_BE_MET} dates still to be met, 2 of them overdue." in summary


def test_the_days_of_september_and_october_with_deadlines_are_marked(view: CalendarView) -> None:
    assert date(2025, 10, 6) == IMP_END  # pins the counting above to the calendar
    assert marked_in(view, 2025, 9) == SEPTEMBER
    assert marked_in(view, 2025, 10) == OCTOBER
    assert marked_in(view, 2025, 8) == {RENOMINATE_BY: 1}


def test_a_marked_day_is_bold_with_a_count_in_its_tooltip_and_no_colour_of_its_own(view: CalendarView) -> None:
    mark = view.calendar.dateTextFormat(QDate(2025, 10, 6))
    assert mark.fontWeight() == QFont.Weight.Bold
    assert mark.toolTip().startswith("Mon 6 Oct 2025: 1 deadline\n• The Red Lion: ")
    assert not mark.hasProperty(mark.Property.ForegroundBrush) and not mark.hasProperty(mark.Property.BackgroundBrush)
    overdue = view.calendar.dateTextFormat(QDate(2025, 9, 8)).toolTip()
    assert overdue.startswith("Mon 8 Sep 2025: 1 deadline (1 overdue)") and "The Swan" in overdue
    plain = view.calendar.dateTextFormat(QDate(2025, 10, 8))
    assert plain.fontWeight() != QFont.Weight.Bold and not plain.toolTip()


def test_weekends_are_not_red(view: CalendarView) -> None:
    for day in (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):
        assert not view.calendar.weekdayTextFormat(day).hasProperty(
            view.calendar.weekdayTextFormat(day).Property.ForegroundBrush
        )


def test_choosing_a_day_lists_its_deadlines(view: CalendarView) -> None:
    choose(view, IMP_END)
    items = column(view.day_table, COL_WHEN, ENTITY_ROLE)
    assert [(x.code, x.asset_ref) for x in items] == [("ACV-IMP-END", "AST-0001")]
    assert column(view.day_table, COL_WHEN) == ["Mon 6 Oct 2025 · in 21 days"]
    assert column(view.day_table, COL_ASSET) == ["AST-0001 The Red Lion"]
    assert "Chosen day: Mon 6 Oct 2025 (1)" in labels(view)
    assert view.shown_month() == (2025, 10)  # choosing a day in another month turns the page


def test_the_month_list_follows_the_page(view: CalendarView) -> None:
    assert [x.date for x in column(view.month_table, COL_WHEN, ENTITY_ROLE)] == sorted(SEPTEMBER)
    assert "All of September 2025 (2)" in labels(view)
    view.calendar.setCurrentPage(2025, 10)
    assert [x.date for x in column(view.month_table, COL_WHEN, ENTITY_ROLE)] == sorted(OCTOBER)
    assert column(view.month_table, COL_WHAT)[-1] == "Sevenoaks Cabinet considers the youth centre transfer"
    assert "All of October 2025 (5)" in labels(view)
    assert view.month_table.isColumnHidden(COL_RULE)  # the citation is in each row's tooltip


def test_a_day_with_nothing_says_so_and_points_to_the_next(view: CalendarView) -> None:
    assert "Chosen day: Mon 15 Sep 2025 (0)" in labels(view)
    assert "Nothing due on Mon 15 Sep 2025. The next is on Sun 21 Sep 2025 (1 deadline)." in labels(view)
    assert not view.day_table.isVisibleTo(view)


def test_activating_a_deadline_opens_its_asset(qtbot, view: CalendarView) -> None:
    choose(view, IMP_END)
    with qtbot.waitSignal(view.open_record, timeout=1000) as blocker:
        view.day_table.activated.emit(view.day_table.model().index(0, COL_WHEN))
    assert blocker.args == ["AST-0001"]


def test_export_writes_an_ics_that_reads_back(qtbot, view: CalendarView, messages, tmp_path, monkeypatch) -> None:
    chosen = tmp_path / "out" / "group deadlines"  # no extension: .ics is added
    messages.chosen = chosen
    view.export_button.click()
    assert view.is_exporting() and not view.export_button.isEnabled()
    view.context.tasks.wait()
    qtbot.waitUntil(lambda: bool(messages.infos), timeout=120_000)
    written = chosen.with_name("group deadlines.ics")
    title, text = messages.infos[0]
    assert title == "Deadlines exported"
    assert text.startswith(f"{STILL_TO_BE_MET} deadlines were saved to {written}. Import the file into your calendar")
    assert view.export_button.isEnabled() and not view.is_exporting()
    calendar = icalendar.Calendar.from_ical(written.read_bytes())
    events = calendar.walk("VEVENT")
    assert len(events) == STILL_TO_BE_MET
    by_uid = {str(event["UID"]): event for event in events}
    imp_end = by_uid["DN-0001/ACV-IMP-END@assetreg.invalid"]
    assert imp_end.decoded("DTSTART") == IMP_END
    assert str(imp_end["SUMMARY"]).startswith("The Red Lion: Interim moratorium ends")
    assert {event.decoded("DTSTART") for event in events} >= set(SEPTEMBER) | set(OCTOBER)


def test_a_file_the_ending_names_is_replaced_only_when_the_person_says_so(
    qtbot, view: CalendarView, messages, tmp_path
) -> None:
    kept = tmp_path / "group deadlines.ics"
    kept.write_text("the calendar exported last month")
    messages.chosen = tmp_path / "group deadlines"  # the dialog asked about this name, not the one with .ics
    view.export_button.click()
    assert messages.questions == [f"{kept} already exists. Replace it with the deadlines as they are now?"]
    assert not view.is_exporting() and kept.read_text() == "the calendar exported last month"
    messages.answer = True
    view.export_button.click()
    view.context.tasks.wait()
    qtbot.waitUntil(lambda: bool(messages.infos), timeout=120_000)
    assert kept.read_text().startswith("BEGIN:VCALENDAR")


def test_cancelling_the_export_writes_nothing(view: CalendarView, messages, monkeypatch) -> None:
    monkeypatch.setattr(calendar_view, "choose_calendar_file", lambda context, parent, suggested: None)
    view.export_button.click()
    assert not view.is_exporting() and not messages.infos and not messages.errors


def test_a_failed_export_is_reported(qtbot, view: CalendarView, messages, tmp_path, monkeypatch) -> None:
    def broken(path, calendar):
        raise OSError("the folder is read-only")

    monkeypatch.setattr(calendar_view, "choose_calendar_file", lambda context, parent, suggested: tmp_path / "x.ics")
    monkeypatch.setattr(calendar_export, "write_calendar", broken)  # the one export the app and the CLI share
    view.export_button.click()
    view.context.tasks.wait()
    qtbot.waitUntil(lambda: bool(messages.errors), timeout=120_000)
    assert messages.errors == [("The deadlines were not exported", "the folder is read-only")]
    assert view.export_button.isEnabled()


def test_the_suggested_file_is_named_after_the_register(view: CalendarView, monkeypatch) -> None:
    seen = []
    monkeypatch.setattr(
        calendar_view, "choose_calendar_file", lambda context, parent, suggested: seen.append(suggested)
    )
    view.export_button.click()
    assert seen[0].name == "demo deadlines.ics"


def test_a_change_reloads_the_marks(qtbot, demo_path: Path, tmp_path: Path) -> None:
    copy = tmp_path / "demo.assetreg"
    shutil.copyfile(demo_path, copy)
    register = Register.open(copy)
    register.clock = lambda: FIXED_NOW
    view = make_view(qtbot, register)
    Records(register).create(e.UserDeadline(title="Print the posters", due_on=date(2025, 9, 25)))
    view.context.notify(Changes(frozenset({RecordKind.USER_DEADLINE})))
    assert view.loading
    loaded(qtbot, view)
    assert marked_in(view, 2025, 9) == {**SEPTEMBER, date(2025, 9, 25): 1}
    register.close()


def test_changes_no_date_depends_on_are_ignored(view: CalendarView) -> None:
    view.context.notify(Changes(frozenset({RecordKind.DOCUMENT})))
    assert not view.loading


def test_an_empty_register_marks_nothing(qtbot, register: Register) -> None:
    view = make_view(qtbot, register)
    assert view.calendar.marked_days() == {}
    assert "Nothing due in September 2025." in labels(view)
    assert "Nothing due on Mon 15 Sep 2025." in labels(view)


def test_a_failed_load_is_reported_and_not_left_loading(qtbot, demo_register: Register, monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise OSError("the register file could not be read")

    monkeypatch.setattr(calendar_view, "register_deadlines", broken)
    view = make_view(qtbot, demo_register)
    assert "The dates could not be worked out: the register file could not be read" in labels(view)
    assert "Not available." in labels(view)


def test_screenshot_shows_the_marks(qtbot, view: CalendarView, tmp_path: Path) -> None:
    view.resize(1130, 760)
    view.show()
    qtbot.waitExposed(view)
    path = tmp_path / "calendar.png"
    assert view.grab().save(str(path))
    image = QImage(str(path))
    step_x, step_y = image.width() // 60, image.height() // 60
    colours = {image.pixel(x, y) for x in range(0, image.width(), step_x) for y in range(0, image.height(), step_y)}
    assert len(colours) > 8
