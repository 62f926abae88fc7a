"""The dashboard ("what's due") on the demo register as of Mon 15 Sep 2025 (offscreen Qt).

The expected dates are worked out here from what ``demo_content.py`` records, not read back from the service.
"""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from dateutil.relativedelta import relativedelta
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QLabel, QPushButton, QTextBrowser, QWidget

from assetreg.domain import entities as e
from assetreg.domain.asset_deadlines import AssetDeadline
from assetreg.domain.records import RecordKind
from assetreg.gui.context import AppContext
from assetreg.gui.display import ENTITY_ROLE, SORT_ROLE
from assetreg.gui.tables.deadline_table import COL_ASSET, COL_RULE, COL_WHAT, COL_WHEN, LATER, OVERDUE, SOON
from assetreg.gui.views.dashboard_view import DashboardView
from assetreg.gui.widgets import icons as app_icons
from assetreg.services.demo import write_demo_register
from assetreg.services.records import Records
from assetreg.services.register import Changes, Register

DEMO_DAY = date(2025, 9, 15)  # a Monday
FIXED_NOW = datetime(2025, 9, 15, 10, 0, tzinfo=UTC)
DISPLAY, TOOLTIP = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole

# What the demo records, counted by hand from the rules (RULES.md §4):
RED_LION_NOTICE = DEMO_DAY - timedelta(days=20)  # the owner's notice reached the council 20 days ago
IMP_END = RED_LION_NOTICE + timedelta(weeks=6) - timedelta(days=1)  # 6 weeks beginning with that day
LIBRARY_LISTED = DEMO_DAY - relativedelta(years=5) + timedelta(days=42)
LIST_END = LIBRARY_LISTED + relativedelta(years=5) - timedelta(days=1)  # 5 years beginning with the entry
SWAN_REVIEW_ASKED = DEMO_DAY - relativedelta(months=2)
ALLOTMENTS_NOMINATED = DEMO_DAY - timedelta(days=21)

EXPECTED = {
    OVERDUE: [
        (LIST_END - timedelta(days=70), "ACV-RENOMINATE-BY", "AST-0003"),  # 10 weeks before the listing ends
        (SWAN_REVIEW_ASKED + timedelta(weeks=8) - timedelta(days=1), "ACV-REVIEW-DECIDE", "AST-0010"),
    ],
    SOON: [(DEMO_DAY + timedelta(days=6), "TASK", "AST-0001")],  # the committee meeting
    LATER: [
        (IMP_END, "ACV-IMP-END", "AST-0001"),
        (IMP_END + timedelta(days=1), "ACV-OWNER-FREE", "AST-0001"),
        (ALLOTMENTS_NOMINATED + timedelta(weeks=8), "ACV-NOM-DECIDE", "AST-0009"),  # 8 weeks after receipt
        (LIST_END, "ACV-LIST-END", "AST-0003"),
        (DEMO_DAY + timedelta(days=45), "TASK", "AST-0012"),  # the Cabinet meeting
    ],
}


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("dashboard-demo") / "demo.assetreg"
    write_demo_register(path, today=DEMO_DAY)
    return path


@pytest.fixture
def demo_register(demo_path: Path):
    register = Register.open(demo_path)
    register.clock = lambda: FIXED_NOW
    yield register
    register.close()


def loaded(qtbot, view: DashboardView) -> DashboardView:
    view.context.tasks.wait()
    qtbot.waitUntil(lambda: not view.loading, timeout=120_000)
    return view


def make_view(qtbot, register: Register) -> DashboardView:
    view = DashboardView(AppContext(register))
    qtbot.addWidget(view)
    view.refresh()
    return loaded(qtbot, view)


@pytest.fixture
def view(qtbot, demo_register: Register) -> DashboardView:
    return make_view(qtbot, demo_register)


def column(view: DashboardView, section: int, col: int, role=DISPLAY) -> list:
    proxy = view.tables[section].model()
    return [proxy.data(proxy.index(row, col), role) for row in range(proxy.rowCount())]


def items(view: DashboardView, section: int) -> list[AssetDeadline]:
    return column(view, section, COL_WHEN, ENTITY_ROLE)


def labels(view: DashboardView) -> list[str]:
    return [label.text().replace("&", "") for label in view.findChildren(QLabel)]


def detail(view: DashboardView) -> str:
    return view.findChild(QTextBrowser).toPlainText()


def select(view: DashboardView, section: int, code: str, asset_ref: str):
    """Selects the row of the item and returns its index in the table's (proxy) model."""
    table = view.tables[section]
    for row, item in enumerate(items(view, section)):
        if item.code == code and item.asset_ref == asset_ref:
            table.selectRow(row)
            return table.model().index(row, COL_WHEN)
    raise AssertionError(f"{code} for {asset_ref} is not in section {section}")


def test_name_and_title(view: DashboardView) -> None:
    assert view.name == "dashboard"
    assert view.title() == "What's due"


def test_hand_counted_dates_have_the_expected_weekdays() -> None:
    # Pins the arithmetic above to the calendar, so a slip in it cannot hide behind a matching slip in the view.
    assert [d for d, _, _ in EXPECTED[OVERDUE]] == [date(2025, 8, 17), date(2025, 9, 8)]
    assert [d for d, _, _ in EXPECTED[LATER]] == [
        date(2025, 10, 6),
        date(2025, 10, 7),
        date(2025, 10, 20),
        date(2025, 10, 26),
        date(2025, 10, 30),
    ]


@pytest.mark.parametrize("section", [OVERDUE, SOON, LATER])
def test_each_section_holds_exactly_the_expected_dates(view: DashboardView, section: int) -> None:
    assert [(x.date, x.code, x.asset_ref) for x in items(view, section)] == EXPECTED[section]
    assert column(view, section, COL_RULE) == [code for _, code, _ in EXPECTED[section]]


def test_when_column_gives_weekday_date_and_distance_in_words(view: DashboardView) -> None:
    assert column(view, OVERDUE, COL_WHEN) == ["Sun 17 Aug 2025 · 29 days overdue", "Mon 8 Sep 2025 · 7 days overdue"]
    assert column(view, SOON, COL_WHEN) == ["Sun 21 Sep 2025 · in 6 days"]
    assert column(view, LATER, COL_WHEN) == [
        "Mon 6 Oct 2025 · in 21 days",
        "Tue 7 Oct 2025 · in 22 days",
        "Mon 20 Oct 2025 · in 35 days",
        "Sun 26 Oct 2025 · in 41 days",
        "Thu 30 Oct 2025 · in 45 days",
    ]


def test_what_and_asset_columns(view: DashboardView) -> None:
    assert column(view, OVERDUE, COL_ASSET) == ["AST-0003 Kentish Town Library", "AST-0010 The Swan"]
    assert column(view, SOON, COL_WHAT) == ["Committee meeting: agree bid strategy for the Red Lion"]
    what = column(view, LATER, COL_WHAT)
    assert what[0].startswith("Make sure the council has received your written request to be treated as a potential")
    # The owner is free only if no request counts; the row says so rather than "with anyone" alone.
    assert what[1] == (
        "From this day the owner may exchange contracts with anyone. Unless a valid request to bid is received in "
        "time: then from Thu 26 Feb 2026."
    )
    assert column(view, LATER, COL_ASSET)[0] == "AST-0001 The Red Lion"


def test_section_headings_show_counts_and_the_summary_says_today(view: DashboardView) -> None:
    shown = labels(view)
    assert {"Overdue (2)", "Next 14 days (1)", "Next 15–90 days (5)"} <= set(shown)
    assert "Mon 15 Sep 2025 to Mon 29 Sep 2025" in shown
    assert "Tue 30 Sep 2025 to Sun 14 Dec 2025" in shown
    summary = next(text for text in shown if text.startswith("Today is"))
    assert (
        "Today is Mon 15 Sep 2025. 10 in force, 2 overdue, 1 due in the next 14 days, 5 more in the next 90 days."
        in summary
    )
    assert all(table.isVisibleTo(view) for table in view.tables)
    empties = [label for label in view.findChildren(QLabel) if label.text().startswith("Nothing")]
    assert len(empties) == 3 and not any(label.isVisibleTo(view) for label in empties)


def test_every_row_has_a_status_icon_and_overdue_rows_the_warning(view: DashboardView) -> None:
    warning = app_icons.icon("warning").pixmap(16, 16).toImage()
    information = app_icons.icon("soon").pixmap(16, 16).toImage()
    assert warning != information
    for section in (OVERDUE, SOON, LATER):
        icons = column(view, section, COL_WHEN, Qt.ItemDataRole.DecorationRole)
        assert icons and all(icon is not None and not icon.isNull() for icon in icons)
        expected = warning if section == OVERDUE else information
        assert all(icon.pixmap(16, 16).toImage() == expected for icon in icons)


def test_status_is_never_colour_alone(view: DashboardView) -> None:
    # No colour from the model and no style sheets: the palette (light or dark) colours everything.
    for section in (OVERDUE, SOON, LATER):
        for role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole):
            for col in range(4):
                assert set(column(view, section, col, role)) == {None}
    assert all(not widget.styleSheet() for widget in view.findChildren(QWidget))
    assert "overdue" in column(view, OVERDUE, COL_WHEN)[0]  # the status in words, beside the icon


def test_tooltip_gives_the_rule_and_its_citation(view: DashboardView) -> None:
    tips = column(view, LATER, COL_WHEN, TOOLTIP)
    assert "Citation: s.95, s.97." in tips[0]
    assert "Interim moratorium ends" in tips[0]
    assert all(tip for section in (OVERDUE, SOON, LATER) for tip in column(view, section, COL_RULE, TOOLTIP))
    assert "Citation: s.87(3)." in column(view, OVERDUE, COL_WHAT, TOOLTIP)[0]


def test_the_pane_explains_the_chosen_date(view: DashboardView) -> None:
    select(view, LATER, "ACV-IMP-END", "AST-0001")
    text = detail(view)
    assert "Interim moratorium ends — AST-0001 The Red Lion" in text
    assert "Mon 6 Oct 2025, in 21 days." in text
    assert "Send it by Wed 1 Oct 2025" in text  # three working days before
    assert "Citation: s.95, s.97." in text
    assert "ACV-IMP-END, s.95, s.97" in text
    assert "Counted as 6 weeks beginning with the day the council received the disposal notice, Tue 26 Aug 2025" in text


def test_the_pane_notes_a_last_day_that_is_not_a_working_day(view: DashboardView) -> None:
    select(view, LATER, "ACV-LIST-END", "AST-0003")
    assert "Not a working day, so act by Fri 24 Oct 2025." in detail(view)


def test_the_pane_notes_a_conditional_date(view: DashboardView) -> None:
    select(view, LATER, "ACV-OWNER-FREE", "AST-0001")
    assert "Conditional" in detail(view)


def test_one_chosen_date_across_the_sections(view: DashboardView) -> None:
    select(view, LATER, "ACV-NOM-DECIDE", "AST-0009")
    select(view, OVERDUE, "ACV-REVIEW-DECIDE", "AST-0010")
    assert not view.tables[LATER].selectionModel().hasSelection()
    assert view.selected_item().code == "ACV-REVIEW-DECIDE"
    assert "Review decision due — AST-0010 The Swan" in detail(view)


def test_the_most_pressing_date_is_explained_at_once(view: DashboardView) -> None:
    assert view.selected_item().code == "ACV-RENOMINATE-BY"
    assert "Citation: s.87(3)." in detail(view)


def test_enter_opens_the_red_lion(qtbot, view: DashboardView) -> None:
    view.show()
    qtbot.waitExposed(view)
    index = select(view, LATER, "ACV-IMP-END", "AST-0001")
    table = view.tables[LATER]
    table.setFocus()
    table.setCurrentIndex(index)
    with qtbot.waitSignal(view.open_record, timeout=1000) as blocker:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert blocker.args == ["AST-0001"]


def test_double_click_opens_the_record(qtbot, view: DashboardView) -> None:
    view.show()
    qtbot.waitExposed(view)
    table = view.tables[SOON]
    centre = table.visualRect(table.model().index(0, COL_WHAT)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)  # a real double-click starts so
    with qtbot.waitSignal(view.open_record, timeout=1000) as blocker:
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert blocker.args == ["AST-0001"]


def test_open_button_opens_the_chosen_asset(qtbot, view: DashboardView) -> None:
    select(view, LATER, "ACV-NOM-DECIDE", "AST-0009")
    button = next(b for b in view.findChildren(QPushButton) if "Open" in b.text())
    assert button.isEnabled()
    assert button.accessibleName()
    with qtbot.waitSignal(view.open_record, timeout=1000) as blocker:
        button.click()
    assert blocker.args == ["AST-0009"]


def test_accessible_names_and_shortcuts(view: DashboardView) -> None:
    assert [table.accessibleName() for table in view.tables] == [
        "Overdue: 2 dates",
        "Next 14 days: 1 dates",
        "Next 15 to 90 days: 5 dates",
    ]
    assert view.findChild(QTextBrowser).accessibleName() == "Why this date applies"
    buddies = {label.buddy() for label in view.findChildren(QLabel) if label.buddy() is not None}
    assert buddies == {view.in_force, *view.tables}  # Alt+N, Alt+D, Alt+1, Alt+9


def test_tab_order_runs_down_the_page(view: DashboardView) -> None:
    def next_stop(widget: QWidget) -> QWidget:
        widget = widget.nextInFocusChain()
        while not (widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisibleTo(view) and widget.isEnabled()):
            widget = widget.nextInFocusChain()
        return widget

    button = next(b for b in view.findChildren(QPushButton) if "Open" in b.text())
    stops = [view.in_force, *view.tables, view.findChild(QTextBrowser), button]
    assert [next_stop(w) for w in stops[:-1]] == stops[1:]


def test_sort_role_is_the_raw_value(view: DashboardView) -> None:
    assert column(view, LATER, COL_WHEN, SORT_ROLE) == [d.toordinal() for d, _, _ in EXPECTED[LATER]]
    assert column(view, LATER, COL_ASSET, SORT_ROLE) == [1, 1, 9, 3, 12]  # by number: AST-10000 after AST-9999
    view.tables[LATER].sortByColumn(COL_ASSET, Qt.SortOrder.DescendingOrder)
    assert column(view, LATER, COL_ASSET)[0] == "AST-0012 Ashcombe Youth Centre"


def test_loading_is_shown_while_the_dates_are_worked_out(qtbot, demo_register: Register) -> None:
    from assetreg.services.deadlines import whats_due

    whats_due(demo_register)  # kept ready, as at every start but the first
    view = DashboardView(AppContext(demo_register))
    qtbot.addWidget(view)
    view.refresh()
    assert view.loading
    assert labels(view).count("Loading…") == 4  # the summary and each section
    assert "Overdue" in labels(view)  # no count yet
    loaded(qtbot, view)
    assert "Loading…" not in labels(view)
    assert [len(items(view, s)) for s in (OVERDUE, SOON, LATER)] == [2, 1, 5]


def test_before_the_first_load_nothing_claims_to_be_clear(qtbot, demo_register: Register) -> None:
    view = DashboardView(AppContext(demo_register))
    qtbot.addWidget(view)
    assert not any(text.startswith("Nothing") for text in labels(view))


def test_a_failed_load_is_reported_and_not_left_loading(qtbot, demo_register: Register, monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise OSError("the register file could not be read")

    monkeypatch.setattr("assetreg.gui.views.dashboard_view.whats_due", broken)
    view = DashboardView(AppContext(demo_register))
    qtbot.addWidget(view)
    view.refresh()
    loaded(qtbot, view)
    shown = labels(view)
    assert "The dates could not be worked out: the register file could not be read" in shown
    assert "Not available." in shown
    assert not any(text.startswith("Nothing") for text in shown)


def test_a_second_refresh_replaces_the_first(qtbot, view: DashboardView) -> None:
    view.refresh()
    view.refresh()
    loaded(qtbot, view)
    assert [len(items(view, s)) for s in (OVERDUE, SOON, LATER)] == [2, 1, 5]


def test_a_change_reloads_and_keeps_the_chosen_date(qtbot, demo_path: Path, tmp_path: Path) -> None:
    copy = tmp_path / "demo.assetreg"
    shutil.copyfile(demo_path, copy)  # this test writes; the others share the demo
    register = Register.open(copy)
    register.clock = lambda: FIXED_NOW
    view = make_view(qtbot, register)
    select(view, LATER, "ACV-LIST-END", "AST-0003")
    Records(register).create(e.UserDeadline(title="Print the posters", due_on=DEMO_DAY + timedelta(days=2)))
    view.context.notify(Changes(frozenset({RecordKind.USER_DEADLINE})))
    assert view.loading
    loaded(qtbot, view)
    assert [x.label for x in items(view, SOON)] == [
        "Print the posters",
        "Committee meeting: agree bid strategy for the Red Lion",
    ]
    assert view.selected_item().code == "ACV-LIST-END"
    register.close()


def test_changes_no_date_depends_on_are_ignored(view: DashboardView) -> None:
    view.context.notify(Changes(frozenset({RecordKind.DOCUMENT})))
    assert not view.loading


def test_a_task_with_no_asset_opens_nothing(qtbot, register: Register) -> None:
    Records(register).create(e.UserDeadline(title="Parish council meeting", due_on=DEMO_DAY + timedelta(days=3)))
    view = make_view(qtbot, register)
    assert column(view, SOON, COL_ASSET) == ["No asset"]
    assert column(view, SOON, COL_WHEN) == ["Thu 18 Sep 2025 · in 3 days"]
    view.tables[SOON].selectRow(0)
    assert "This task is not tied to an asset." in detail(view)
    button = next(b for b in view.findChildren(QPushButton) if "Open" in b.text())
    assert not button.isEnabled()
    with qtbot.assertNotEmitted(view.open_record):
        view.tables[SOON].activated.emit(view.tables[SOON].model().index(0, COL_WHEN))


def test_an_empty_register_says_so_plainly(qtbot, register: Register) -> None:
    view = make_view(qtbot, register)
    shown = labels(view)
    assert {"Overdue (0)", "Next 14 days (0)", "Next 15–90 days (0)"} <= set(shown)
    assert {"Nothing overdue.", "Nothing due in the next 14 days.", "Nothing due in the next 15 to 90 days."} <= set(
        shown
    )
    assert not any(table.isVisibleTo(view) for table in view.tables)
    assert "Choose a date above" in detail(view)


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#2b2b2b"),
        (QPalette.ColorRole.WindowText, "#e6e6e6"),
        (QPalette.ColorRole.Base, "#1e1e1e"),
        (QPalette.ColorRole.AlternateBase, "#262626"),
        (QPalette.ColorRole.Text, "#e6e6e6"),
        (QPalette.ColorRole.Button, "#353535"),
        (QPalette.ColorRole.ButtonText, "#e6e6e6"),
    ):
        palette.setColor(role, QColor(colour))
    return palette


def distinct_colours(image: QImage) -> int:
    step_x, step_y = max(image.width() // 60, 1), max(image.height() // 60, 1)
    return len({image.pixel(x, y) for x in range(0, image.width(), step_x) for y in range(0, image.height(), step_y)})


@pytest.mark.parametrize("dark", [False, True])
def test_screenshot_is_not_blank(qtbot, view: DashboardView, tmp_path: Path, dark: bool) -> None:
    if dark:
        view.setPalette(dark_palette())
    view.resize(1100, 700)
    view.show()
    qtbot.waitExposed(view)
    path = tmp_path / "x.png"
    assert view.grab().save(str(path))
    image = QImage(str(path))
    assert (image.width(), image.height()) == (1100, 700)
    assert distinct_colours(image) > 8
    if dark:  # the page takes the dark palette's background, so its text (light) stays readable
        assert image.pixel(2, 2) == view.palette().color(QPalette.ColorRole.Window).rgb()


def test_what_is_in_force_is_shown_with_its_end_and_days_left(view: DashboardView) -> None:
    # A running moratorium is never "nothing due": the Red Lion's interim moratorium and the Plough's full one
    # head the list, each with the day it ends and the days left; listings follow.
    proxy = view.in_force.model()
    rows = [[proxy.data(proxy.index(r, c)) for c in range(4)] for r in range(proxy.rowCount())]
    assert rows[0] == ["Interim moratorium", "The Red Lion (AST-0001)", "Mon 6 Oct 2025", "21 days left"]
    assert rows[1][:2] == ["Full moratorium", "The Plough Inn (AST-0002)"]
    kinds = [row[0] for row in rows]
    assert kinds.index("Listing") > kinds.index("Protected period")
    assert view.in_force.isVisibleTo(view) and "In force now (10)" in labels(view)


def test_choosing_what_is_in_force_opens_its_asset(qtbot, view: DashboardView) -> None:
    with qtbot.waitSignal(view.open_record) as blocker:
        view.in_force.activated.emit(view.in_force.model().index(1, 0))
    assert blocker.args == ["AST-0002"]


# --- marking dates done -------------------------------------------------------------------------------------


@pytest.fixture
def writable_view(qtbot, demo_path: Path, tmp_path: Path):
    copy = tmp_path / "demo.assetreg"
    shutil.copyfile(demo_path, copy)  # these tests write; the others share the demo
    register = Register.open(copy)
    register.clock = lambda: FIXED_NOW
    yield make_view(qtbot, register)
    register.close()


def test_what_is_in_force_counted_from_the_day_a_notice_was_sent_says_it_is_provisional(qtbot, writable_view) -> None:
    view = writable_view
    library = next(a for a in Records(view.context.register).list(RecordKind.ASSET) if a.name == "Kentish Town Library")
    sent = DEMO_DAY - timedelta(days=3)  # the council's received date is not known yet
    changed = Records(view.context.register).create(e.DisposalNotice(asset_ref=library.reference, sent_on=sent))
    view.context.notify(changed.changes)
    loaded(qtbot, view)
    proxy = view.in_force.model()
    rows = [[proxy.data(proxy.index(r, c)) for c in range(2)] for r in range(proxy.rowCount())]
    assert ["Interim moratorium (provisional)", f"Kentish Town Library ({library.reference})"] in rows
    assert ["Interim moratorium", "The Red Lion (AST-0001)"] in rows  # received: not provisional


def overdue_uids(view: DashboardView) -> list[str]:
    return [x.uid for x in items(view, OVERDUE)]


def test_mark_done_takes_the_first_overdue_date_off_and_undo_brings_it_back(qtbot, writable_view) -> None:
    from assetreg.domain.enums import MarkState
    from assetreg.gui.undo import undo_history

    view = writable_view
    first, second = overdue_uids(view)
    view.tables[OVERDUE].selectRow(0)
    assert view.selected_item().uid == first
    qtbot.mouseClick(view.done_button, Qt.MouseButton.LeftButton)
    loaded(qtbot, view)
    assert overdue_uids(view) == [second]
    assert view._titles[OVERDUE].text().replace("&", "") == "Overdue (1)"
    (mark,) = Records(view.context.register).list(RecordKind.DEADLINE_MARK)
    assert (mark.uid, mark.state, mark.marked_on) == (first, MarkState.DONE, DEMO_DAY)
    stack = undo_history(view.context).stack
    assert stack.count() == 1
    assert stack.undoText() == "marking “Renominate by” done"

    stack.undo()
    loaded(qtbot, view)
    assert overdue_uids(view) == [first, second]
    assert Records(view.context.register).list(RecordKind.DEADLINE_MARK) == []
    stack.redo()
    loaded(qtbot, view)
    assert overdue_uids(view) == [second]


def test_not_applicable_marks_the_chosen_date_and_the_buttons_need_a_choice(qtbot, writable_view) -> None:
    from assetreg.domain.enums import MarkState

    view = writable_view
    soon = items(view, SOON)[0]
    select(view, SOON, soon.code, soon.asset_ref)
    qtbot.mouseClick(view.not_applicable_button, Qt.MouseButton.LeftButton)
    loaded(qtbot, view)
    assert items(view, SOON) == []
    (mark,) = Records(view.context.register).list(RecordKind.DEADLINE_MARK)
    assert (mark.uid, mark.state, mark.asset_ref) == (soon.uid, MarkState.NOT_APPLICABLE, soon.asset_ref)
    view.tables[SOON].clearSelection()
    for table in view.tables:
        table.clearSelection()
    assert not view.done_button.isEnabled()
    assert not view.not_applicable_button.isEnabled()


def test_dates_worked_out_not_read_back_say_why_they_take_longer(qtbot, demo_path: Path, tmp_path: Path) -> None:
    import sqlite3
    from contextlib import closing

    path = shutil.copy(demo_path, tmp_path / "demo.assetreg")
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("DELETE FROM due_index_coverage")  # as after an update: every case is worked out again
    register = Register.open(path)
    register.clock = lambda: FIXED_NOW
    try:
        view = DashboardView(AppContext(register))
        qtbot.addWidget(view)
        view.refresh()
        assert view.loading and view._status.text().startswith("Working out every date: the first time, or after")
        loaded(qtbot, view)
        assert view._status.text().startswith("Today is")
        view.refresh()  # kept ready now: an ordinary load
        assert view._status.text() == "Loading…"
        loaded(qtbot, view)
    finally:
        register.close()
