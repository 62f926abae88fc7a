"""The transfer applications view on the demo register as of Mon 15 Sep 2025 (offscreen Qt)."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel

from assetreg.domain.records import RecordKind
from assetreg.gui.application import build_views
from assetreg.gui.context import AppContext
from assetreg.gui.display import ENTITY_ROLE, SORT_ROLE
from assetreg.gui.forms import answer_dialog, stage_dialog
from assetreg.gui.forms.answer_dialog import AnswerDialog
from assetreg.gui.forms.stage_dialog import StageChoice, StageDialog
from assetreg.gui.messages import Messages
from assetreg.gui.tables.application_tables import (
    CHECK_ANSWER,
    CHECK_DOCUMENTS,
    CHECK_SECTION,
    CHECK_STATUS,
    COL_ASSET,
    COL_COUNCIL,
    COL_KIND,
    COL_PLAN,
    COL_SINCE,
    COL_STAGE,
    HIST_LASTED,
    HIST_NOTES,
    HIST_ON,
    HIST_STAGE,
    MISSING_ICON,
    PRESENT_ICON,
    ROUND_ICON,
    WITHIN_ICON,
)
from assetreg.gui.undo import undo_history
from assetreg.gui.views.applications_view import ApplicationsView
from assetreg.gui.widgets import icons
from assetreg.paths import attachments_dir
from assetreg.services.applications import pack_answer
from assetreg.services.demo import write_demo_register
from assetreg.services.records import Records
from assetreg.services.register import Register

DEMO_DAY = date(2025, 9, 15)  # a Monday
FIXED_NOW = datetime(2025, 9, 15, 10, 0, tzinfo=UTC)
DISPLAY, DECORATION, TOOLTIP = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.DecorationRole,
    Qt.ItemDataRole.ToolTipRole,
)


class RecordingMessages(Messages):
    def __init__(self) -> None:
        self.errors: list[tuple[str, str]] = []

    def error(self, parent, title: str, text: str) -> None:
        self.errors.append((title, text))


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("applications-view-demo") / "demo.assetreg"
    write_demo_register(path, today=DEMO_DAY)
    return path


@pytest.fixture
def demo_register(demo_path: Path, tmp_path: Path):
    copy = tmp_path / "demo.assetreg"  # a copy of its own: moving a stage writes
    shutil.copyfile(demo_path, copy)
    shutil.copytree(attachments_dir(demo_path), attachments_dir(copy))
    register = Register.open(copy)
    register.clock = lambda: FIXED_NOW
    yield register
    register.close()


@pytest.fixture
def messages() -> RecordingMessages:
    return RecordingMessages()


@pytest.fixture
def view(qtbot, demo_register: Register, messages: RecordingMessages) -> ApplicationsView:
    view = ApplicationsView(AppContext(demo_register, messages))
    qtbot.addWidget(view)
    view.refresh()
    return view


def column(table, col: int, role=DISPLAY) -> list:
    proxy = table.model()
    return [proxy.data(proxy.index(row, col), role) for row in range(proxy.rowCount())]


def labels(view: ApplicationsView) -> list[str]:
    return [label.text().replace("&", "") for label in view.findChildren(QLabel)]


def pixels(icon) -> QImage:
    return icon.pixmap(16, 16).toImage()


def standard(pixmap) -> QImage:
    return pixels(icons.icon(pixmap))


def test_name_title_and_place_in_the_window(qtbot, view: ApplicationsView) -> None:
    assert (view.name, view.title()) == ("applications", "Transfer applications")
    views = build_views(view.context)
    for built in views:
        qtbot.addWidget(built)
    assert [v.name for v in views] == ["dashboard", "assets", "asset", "applications", "calendar", "contacts", "trash"]


def test_the_pipeline_is_in_stage_order_with_dates(view: ApplicationsView) -> None:
    table = view.pipeline_table
    assert column(table, COL_ASSET) == [
        "AST-0014 Llanfair Village Hall",
        "AST-0013 Inverbrae Old Schoolhouse",
        "AST-0012 Ashcombe Youth Centre",
    ]
    assert column(table, COL_KIND) == ["Council transfer", "Scottish request", "Council transfer"]
    assert column(table, COL_COUNCIL) == ["Powys County Council", "The Highland Council", "Sevenoaks District Council"]
    assert column(table, COL_STAGE) == ["Expression of interest", "Validated", "Full application"]
    assert column(table, COL_SINCE) == ["Date not recorded", "Tue 15 Jul 2025 · 62 days", "Fri 15 Aug 2025 · 31 days"]
    # Validated Tue 15 Jul 2025: the decision is due 6 months after, Thu 15 Jan 2026 (SCOT-ATR-DECIDE).
    plans = ["No target set", "Decision due Thu 15 Jan 2026", "Next: Cabinet, Thu 18 Sep 2025"]
    assert column(table, COL_PLAN) == plans
    assert [row.reference for row in column(table, COL_ASSET, ENTITY_ROLE)] == ["TA-0003", "TA-0002", "TA-0001"]
    assert "3 applications, none past its council's target for the stage." in labels(view)[1]


def test_the_pipeline_sorts_by_raw_values(view: ApplicationsView) -> None:
    table = view.pipeline_table
    assert column(table, COL_SINCE, SORT_ROLE)[1:] == [date(2025, 7, 15).toordinal(), date(2025, 8, 15).toordinal()]
    table.sortByColumn(COL_SINCE, Qt.SortOrder.AscendingOrder)
    assert column(table, COL_STAGE) == ["Validated", "Full application", "Expression of interest"]  # unknown last
    table.sortByColumn(COL_ASSET, Qt.SortOrder.DescendingOrder)
    assert column(table, COL_ASSET)[0] == "AST-0014 Llanfair Village Hall"


def test_the_plan_column_marks_a_round_date_with_an_icon_and_explains_it(view: ApplicationsView) -> None:
    icons = column(view.pipeline_table, COL_PLAN, DECORATION)
    assert icons[0] is None
    assert pixels(icons[1]) == standard(WITHIN_ICON)  # the Scottish request's decision is due in time
    assert pixels(icons[2]) == standard(ROUND_ICON)
    tip = column(view.pipeline_table, COL_PLAN, TOOLTIP)[2]
    assert "Sevenoaks District Council (rounds)" in tip and "Cabinet, Thu 18 Sep 2025" in tip
    assert "stages are not recorded" in tip


def test_the_first_application_is_chosen_at_once(view: ApplicationsView) -> None:
    assert view.selected().reference == "TA-0003"
    assert "TA-0003 · Llanfair Village Hall" in labels(view)
    assert column(view.history_table, HIST_STAGE) == []
    assert "Stage history (0 steps)" in labels(view)


def test_choosing_the_cat_shows_its_stage_history(view: ApplicationsView) -> None:
    assert view.select_application("TA-0001")
    history = view.history_table
    assert column(history, HIST_STAGE) == ["Idea", "Expression of interest", "Invited to apply", "Full application"]
    assert column(history, HIST_ON) == ["Sun 15 Dec 2024", "Sat 15 Mar 2025", "Thu 15 May 2025", "Fri 15 Aug 2025"]
    assert column(history, HIST_LASTED) == ["90 days", "61 days", "92 days", "31 days (now)"]
    shown = labels(view)
    assert "TA-0001 · Ashcombe Youth Centre" in shown
    assert "Stage history (4 steps)" in shown
    assert (
        "At “Full application” since Fri 15 Aug 2025 (31 days). Next round date: Cabinet (2025/26 Round 1), "
        "Thu 18 Sep 2025, in 3 days."
    ) in shown


def test_the_checklist_of_the_cat_marks_each_section_present_or_missing(view: ApplicationsView) -> None:
    view.select_application("TA-0001")
    checklist = view.checklist_table
    sections = column(checklist, CHECK_SECTION)
    status = dict(zip(sections, column(checklist, CHECK_STATUS), strict=True))
    documents = dict(zip(sections, column(checklist, CHECK_DOCUMENTS), strict=True))
    assert len(sections) == 12 and sections[0] == "Organisation and legal status"
    assert {name for name, words in status.items() if words != "Missing"} == {
        "Governing document",
        "Finance",
        "Evidence of need and support",
    }
    assert status["Finance"] == "1 document"
    assert documents["Governing document"] == "Society rules (model rules 2019)"
    assert documents["Insurance"] == "Nothing attached yet"
    # Missing is said in words and shown with its own icon, never by colour alone.
    icons = dict(zip(sections, column(checklist, CHECK_STATUS, DECORATION), strict=True))
    assert pixels(icons["Insurance"]) == standard(MISSING_ICON)
    assert pixels(icons["Finance"]) == standard(PRESENT_ICON)
    assert standard(MISSING_ICON) != standard(PRESENT_ICON)
    for role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole):
        assert set(column(checklist, CHECK_STATUS, role)) == {None}
    assert "10 of 12 sections answered; 3 have documents, 9 missing." in " ".join(labels(view))
    assert "Pack checklist — Sevenoaks District Council (rounds)" in labels(view)
    tip = column(checklist, CHECK_SECTION, TOOLTIP)[sections.index("Governing document")]
    assert "Society rules (model rules 2019).txt" in tip and "hold a lease" in tip


def test_the_scottish_request_shows_its_own_sections(view: ApplicationsView) -> None:
    view.select_application("TA-0002")
    assert column(view.checklist_table, CHECK_SECTION) == [
        "Community transfer body",
        "Constitution (required)",
        "Business plan",
        "Reasons for the request and the benefits expected",
        "Evidence of community support",
        "Maps",
    ]
    assert column(view.checklist_table, CHECK_STATUS).count("Missing") == 5


def test_moving_a_stage_adds_history_and_notifies(qtbot, view: ApplicationsView, monkeypatch) -> None:
    asked = []

    def answer(parent, council, current, today, earliest, title):
        asked.append((council.code, current, today, earliest, title))
        return StageChoice("assessment", DEMO_DAY, "Pack emailed to the estates team")

    monkeypatch.setattr(stage_dialog, "ask_stage", answer)
    view.select_application("TA-0001")
    with qtbot.waitSignal(view.context.data_changed, timeout=2000) as changed:
        view._move.click()
    assert changed.args[0].kinds == {RecordKind.TRANSFER_APPLICATION, RecordKind.STAGE_CHANGE}
    assert asked == [("sevenoaks", "full-application", DEMO_DAY, date(2025, 8, 15), "Move TA-0001 to another stage")]
    assert view.selected().reference == "TA-0001"  # still chosen after the reload
    assert column(view.history_table, HIST_STAGE)[-1] == "Assessment"
    assert column(view.history_table, HIST_NOTES)[-1] == "Pack emailed to the estates team"
    assert column(view.history_table, HIST_LASTED)[-2:] == ["31 days", "0 days (now)"]
    assert column(view.pipeline_table, COL_STAGE)[-1] == "Assessment"
    assert Records(view.context.register).get("TA-0001").stage == "assessment"


def test_a_refused_move_is_explained_and_changes_nothing(qtbot, view, messages, monkeypatch) -> None:
    monkeypatch.setattr(stage_dialog, "ask_stage", lambda *args: StageChoice("assessment", date(2025, 8, 1)))
    view.select_application("TA-0001")
    with qtbot.assertNotEmitted(view.context.data_changed):
        view._move.click()
    assert messages.errors and messages.errors[0][0] == "The stage was not changed"
    assert "before the last recorded step (Fri 15 Aug 2025)" in messages.errors[0][1]
    assert len(column(view.history_table, HIST_STAGE)) == 4


def test_cancelling_the_move_changes_nothing(qtbot, view, monkeypatch) -> None:
    monkeypatch.setattr(stage_dialog, "ask_stage", lambda *args: None)
    view.select_application("TA-0001")
    with qtbot.assertNotEmitted(view.context.data_changed):
        view._move.click()


def test_the_dialog_offers_the_councils_stages_and_suggests_the_next(qtbot, view: ApplicationsView) -> None:
    view.select_application("TA-0001")
    council = view.overview.row.profile
    dialog = StageDialog(council, "full-application", DEMO_DAY, date(2025, 8, 15), "Move", view)
    qtbot.addWidget(dialog)
    offered = [dialog.stage.itemData(i) for i in range(dialog.stage.count())]
    assert "full-application" not in offered and len(offered) == len(council.stages) - 1
    assert dialog.stage.itemText(0) == "Idea"
    choice = dialog.choice()
    assert (choice.stage, choice.on, choice.notes) == ("assessment", DEMO_DAY, "")
    assert dialog.on.maximumDate().toPython() == DEMO_DAY
    assert dialog.on.minimumDate().toPython() == date(2025, 8, 15)


def test_enter_and_the_button_open_the_asset(qtbot, view: ApplicationsView) -> None:
    view.show()
    qtbot.waitExposed(view)
    view.select_application("TA-0002")
    table = view.pipeline_table
    table.setFocus()
    table.setCurrentIndex(table.model().index(1, COL_ASSET))
    with qtbot.waitSignal(view.open_record, timeout=1000) as blocker:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert blocker.args == ["AST-0013"]
    with qtbot.waitSignal(view.open_record, timeout=1000) as blocker:
        view._open.click()
    assert blocker.args == ["AST-0013"]


def test_a_document_change_reloads_the_checklist(qtbot, view: ApplicationsView, tmp_path: Path) -> None:
    from assetreg.services.documents import attach

    view.select_application("TA-0001")
    source = tmp_path / "Insurance schedule.txt"
    source.write_text("Public liability £5m\n", encoding="utf-8")
    changed = attach(view.context.register, source, application_ref="TA-0001", pack_section="insurance")
    view.context.notify(changed.changes)
    sections = column(view.checklist_table, CHECK_SECTION)
    assert column(view.checklist_table, CHECK_STATUS)[sections.index("Insurance")] == "1 document"
    assert view.selected().reference == "TA-0001"


def test_an_empty_register_says_so(qtbot, register: Register) -> None:
    view = ApplicationsView(AppContext(register))
    qtbot.addWidget(view)
    view.refresh()
    assert view.selected() is None
    assert not view._move.isEnabled() and not view._open.isEnabled()
    assert any(text.startswith("No transfer applications yet.") for text in labels(view))
    assert "No application chosen" in labels(view)


def test_screenshot_is_not_blank(qtbot, view: ApplicationsView, tmp_path: Path) -> None:
    view.select_application("TA-0001")
    view.resize(1130, 760)
    view.show()
    qtbot.waitExposed(view)
    path = tmp_path / "applications.png"
    assert view.grab().save(str(path))
    image = QImage(str(path))
    step_x, step_y = image.width() // 60, image.height() // 60
    colours = {image.pixel(x, y) for x in range(0, image.width(), step_x) for y in range(0, image.height(), step_y)}
    assert len(colours) > 8


# --- the group's answers to the sections --------------------------------------------------------------------

INSURANCE = "Public liability cover of £5 million.\n\nQuotes from two brokers are attached."


def answer_column(view: ApplicationsView) -> dict[str, str]:
    return dict(
        zip(column(view.checklist_table, CHECK_SECTION), column(view.checklist_table, CHECK_ANSWER), strict=True)
    )


def row_of(view: ApplicationsView, name: str) -> int:
    return column(view.checklist_table, CHECK_SECTION).index(name)


class Asked:
    """Stands in for the answer dialog: records what it was shown and answers with ``reply``."""

    def __init__(self, reply: str | None) -> None:
        self.reply, self.shown = reply, []

    def __call__(self, parent, section, description, answer, title):
        self.shown.append((section, description, answer, title))
        return self.reply


def test_the_checklist_says_which_sections_are_answered_and_how_long_each_answer_is(view: ApplicationsView) -> None:
    view.select_application("TA-0001")
    shown = answer_column(view)
    assert {name for name, words in shown.items() if words == "Not written"} == {
        "Site plan and valuation",
        "Declarations and signatures",
    }
    assert shown["Finance"] == "113 words"
    icons = dict(
        zip(
            column(view.checklist_table, CHECK_SECTION),
            column(view.checklist_table, CHECK_ANSWER, DECORATION),
            strict=True,
        )
    )
    assert pixels(icons["Finance"]) == standard(PRESENT_ICON)
    assert pixels(icons["Declarations and signatures"]) == standard(MISSING_ICON)
    tip = column(view.checklist_table, CHECK_ANSWER, TOOLTIP)[row_of(view, "Finance")]
    assert "<b>Finance</b>" in tip and "£18,500 a year" in tip
    assert (
        "No answer written yet"
        in column(view.checklist_table, CHECK_ANSWER, TOOLTIP)[row_of(view, "Declarations and signatures")]
    )
    assert column(view.checklist_table, CHECK_ANSWER, SORT_ROLE)[row_of(view, "Finance")] == 113


def test_writing_an_answer_saves_it_and_shows_it(qtbot, view: ApplicationsView, monkeypatch) -> None:
    asked = Asked("We will sign the declarations at the committee meeting on Tuesday.")
    monkeypatch.setattr(answer_dialog, "ask_answer", asked)
    view.select_application("TA-0001")
    assert view.select_section("declarations")
    assert view._write.text() == "&Write answer…"
    with qtbot.waitSignal(view.context.data_changed, timeout=2000) as changed:
        view._write.click()
    assert changed.args[0].kinds == {RecordKind.PACK_ANSWER}
    ((section, description, answer, title),) = asked.shown
    assert (section, answer, title) == ("Declarations and signatures", "", "TA-0001 · Declarations and signatures")
    assert description == "The signed declarations the form asks for."
    saved = pack_answer(view.context.register, "TA-0001", "declarations")
    assert saved.answer == "We will sign the declarations at the committee meeting on Tuesday."
    assert answer_column(view)["Declarations and signatures"] == "11 words"
    assert view.chosen_section()[1].code == "declarations"  # still chosen after the reload
    assert view._write.text() == "Edit ans&wer…"
    assert "11 of 12 sections answered" in " ".join(labels(view))


def test_editing_an_answer_starts_from_the_saved_text(qtbot, view: ApplicationsView, monkeypatch) -> None:
    view.select_application("TA-0001")
    before = pack_answer(view.context.register, "TA-0001", "insurance")
    asked = Asked(INSURANCE)
    monkeypatch.setattr(answer_dialog, "ask_answer", asked)
    view.select_section("insurance")
    with qtbot.waitSignal(view.context.data_changed, timeout=2000):
        view._write.click()
    assert asked.shown[0][2] == before.answer
    after = pack_answer(view.context.register, "TA-0001", "insurance")
    assert (after.reference, after.answer) == (before.reference, INSURANCE)


def test_a_double_click_or_enter_on_a_section_writes_its_answer(qtbot, view: ApplicationsView, monkeypatch) -> None:
    asked = Asked(None)
    monkeypatch.setattr(answer_dialog, "ask_answer", asked)
    with qtbot.waitActive(view):
        view.show()
    view.select_application("TA-0001")
    table = view.checklist_table
    proxy = table.model()
    cell = table.visualRect(proxy.index(row_of(view, "Insurance"), CHECK_SECTION)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert asked.shown == []  # a single click only chooses
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert [x[0] for x in asked.shown] == ["Insurance"]
    view.select_section("finance")
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert [x[0] for x in asked.shown] == ["Insurance", "Finance"]


def test_with_no_section_chosen_the_button_opens_the_first_unanswered_one(qtbot, view, monkeypatch) -> None:
    asked = Asked(None)
    monkeypatch.setattr(answer_dialog, "ask_answer", asked)
    view.select_application("TA-0001")
    assert view.chosen_section() is None
    with qtbot.assertNotEmitted(view.context.data_changed):  # cancelled: nothing is written
        view._write.click()
    assert [x[0] for x in asked.shown] == ["Site plan and valuation"]
    assert view.chosen_section()[1].code == "site-plan-and-valuation"


def test_clearing_an_answer_removes_it(qtbot, view: ApplicationsView, monkeypatch) -> None:
    monkeypatch.setattr(answer_dialog, "ask_answer", Asked("   "))
    view.select_application("TA-0001")
    view.select_section("finance")
    with qtbot.waitSignal(view.context.data_changed, timeout=2000):
        view._write.click()
    assert answer_column(view)["Finance"] == "Not written"
    assert pack_answer(view.context.register, "TA-0001", "finance") is None
    assert [a.section for a in Records(view.context.register).trash(RecordKind.PACK_ANSWER)] == ["finance"]


def test_writing_an_answer_can_be_undone_and_redone(qtbot, view: ApplicationsView, monkeypatch) -> None:
    register = view.context.register
    view.select_application("TA-0001")
    before = pack_answer(register, "TA-0001", "insurance").answer
    monkeypatch.setattr(answer_dialog, "ask_answer", Asked(INSURANCE))
    view.select_section("insurance")
    view._write.click()
    monkeypatch.setattr(answer_dialog, "ask_answer", Asked("The date of signing is not fixed yet."))
    view.select_section("declarations")
    view._write.click()
    stack = undo_history(view.context).stack
    assert stack.undoText() == "writing the answer to “Declarations and signatures”"
    with qtbot.waitSignal(view.context.data_changed, timeout=2000):
        stack.undo()
    assert pack_answer(register, "TA-0001", "declarations") is None
    assert answer_column(view)["Declarations and signatures"] == "Not written"
    stack.undo()
    assert pack_answer(register, "TA-0001", "insurance").answer == before
    stack.redo()
    stack.redo()
    assert pack_answer(register, "TA-0001", "insurance").answer == INSURANCE
    assert pack_answer(register, "TA-0001", "declarations").answer == "The date of signing is not fixed yet."
    assert answer_column(view)["Declarations and signatures"] == "8 words"


def test_undo_leaves_an_answer_changed_elsewhere_since(qtbot, view, messages, monkeypatch) -> None:
    from assetreg.services.applications import save_pack_answer

    register = view.context.register
    monkeypatch.setattr(answer_dialog, "ask_answer", Asked(INSURANCE))
    view.select_application("TA-0001")
    view.select_section("insurance")
    view._write.click()
    save_pack_answer(register, "TA-0001", "insurance", "Changed by someone else.")
    undo_history(view.context).stack.undo()
    assert pack_answer(register, "TA-0001", "insurance").answer == "Changed by someone else."
    assert messages.errors == [
        (
            "This cannot be undone",
            "The answer to “Insurance” of TA-0001 has been changed since, so this step is left as it is and dropped.",
        )
    ]


def test_the_same_text_again_leaves_nothing_to_undo(qtbot, view: ApplicationsView, monkeypatch) -> None:
    view.select_application("TA-0001")
    monkeypatch.setattr(
        answer_dialog, "ask_answer", Asked(pack_answer(view.context.register, "TA-0001", "finance").answer)
    )
    view.select_section("finance")
    with qtbot.assertNotEmitted(view.context.data_changed):
        view._write.click()
    assert not undo_history(view.context).stack.canUndo()


def test_a_refused_answer_is_explained_and_nothing_changes(qtbot, view, messages, monkeypatch) -> None:
    monkeypatch.setattr(answer_dialog, "ask_answer", Asked(INSURANCE))
    view.select_application("TA-0001")
    view.select_section("insurance")
    Records(view.context.register).delete("TA-0001")  # behind the view's back
    with qtbot.assertNotEmitted(view.context.data_changed):
        view._write.click()
    assert messages.errors == [
        ("The answer was not saved", "There is no transfer application TA-0001 in this register.")
    ]
    assert not undo_history(view.context).stack.canUndo()


def test_an_application_with_no_sections_to_show_cannot_be_answered(qtbot, register: Register) -> None:
    view = ApplicationsView(AppContext(register))
    qtbot.addWidget(view)
    view.refresh()
    assert not view._write.isEnabled()


def test_the_answer_dialog_shows_the_section_and_counts_the_words(qtbot) -> None:
    dialog = AnswerDialog("Finance", "Accounts and a business plan.", "Rent of £1 a year.", "TA-0001 · Finance")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "TA-0001 · Finance"
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert "Finance" in texts and "Accounts and a business plan." in texts
    assert dialog.count.text() == "5 words"
    dialog.text.setPlainText("One")
    assert dialog.count.text() == "1 word"
    dialog.text.setPlainText("First paragraph.\n\nSecond paragraph, with £6,200–£7,000.")
    assert dialog.answer() == "First paragraph.\n\nSecond paragraph, with £6,200–£7,000."
    assert dialog.count.text() == "6 words"
    assert dialog.text.tabChangesFocus()


def test_the_answer_dialog_returns_nothing_when_cancelled(qtbot, monkeypatch) -> None:
    monkeypatch.setattr(AnswerDialog, "exec", lambda self: AnswerDialog.DialogCode.Rejected)
    assert answer_dialog.ask_answer(None, "Finance", "", "Rent.", "Title") is None
    monkeypatch.setattr(AnswerDialog, "exec", lambda self: AnswerDialog.DialogCode.Accepted)
    assert answer_dialog.ask_answer(None, "Finance", "", "Rent.", "Title") == "Rent."
