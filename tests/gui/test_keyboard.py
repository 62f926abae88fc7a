"""The keyboard: no two controls of one window share an Alt letter (every view with each demo asset and
application shown, the menu bar, each menu, every dialog); a label's letter reaches its control; Ctrl+F finds."""

from __future__ import annotations

import gc
import shutil
from collections import defaultdict
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton, QApplication, QGroupBox, QLabel, QMenu, QTabBar, QTabWidget, QWidget

from assetreg.domain.records import RecordKind
from assetreg.gui.application import build_views
from assetreg.gui.context import AppContext
from assetreg.gui.forms.answer_dialog import AnswerDialog
from assetreg.gui.forms.application_form import ApplicationDialog
from assetreg.gui.forms.asset_form import AssetDialog
from assetreg.gui.forms.challenge_form import ChallengeDialog
from assetreg.gui.forms.contact_forms import CouncilDialog, PartyDialog
from assetreg.gui.forms.crtb_form import CrtbRegistrationDialog
from assetreg.gui.forms.disposal_forms import ExemptDisposalDialog, NoticeOutcomeDialog
from assetreg.gui.forms.document_form import DocumentDialog
from assetreg.gui.forms.group_form import GroupDialog
from assetreg.gui.forms.interest_form import InterestDialog
from assetreg.gui.forms.list_entry_form import ListEntryDialog
from assetreg.gui.forms.listing_forms import DecisionDialog, NominationDialog, RemovalDialog
from assetreg.gui.forms.notice_form import DisposalNoticeDialog
from assetreg.gui.forms.request_form import BidderRequestDialog
from assetreg.gui.forms.settings_dialog import SettingsDialog
from assetreg.gui.forms.stage_dialog import StageDialog
from assetreg.gui.main_window import MainWindow
from assetreg.gui.messages import Messages
from assetreg.services.assets import asset_detail
from assetreg.services.demo import write_demo_register
from assetreg.services.records import Records
from assetreg.services.register import Register

DEMO_DAY = date(2025, 9, 15)


@pytest.fixture(autouse=True)
def collect_garbage_on_the_gui_thread():
    gc.collect()
    yield
    gc.collect()


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("mnemonics-demo") / "demo.assetreg"
    write_demo_register(path, today=DEMO_DAY)
    return path


@pytest.fixture
def context(demo_path: Path, tmp_path: Path):
    path = tmp_path / "demo.assetreg"
    shutil.copyfile(demo_path, path)
    register = Register.open(path)
    register.clock = lambda: datetime(2025, 9, 15, 10, 30, tzinfo=UTC)
    context = AppContext(register, Messages())
    yield context
    context.tasks.wait()
    register.close()


def letter(text: str) -> str:
    """The Alt letter of a text ("" when it has none); "&&" is an ampersand, not a mnemonic."""
    sequence = QKeySequence.mnemonic(text)
    return sequence.toString().rpartition("+")[2].lower() if not sequence.isEmpty() else ""


def test_the_letter_is_read_as_qt_reads_it():
    assert letter("&Open") == "o" and letter("Pack &checklist") == "c"
    assert letter("Bell && Crown") == "" and letter("Save") == ""


def mnemonics(root: QWidget) -> dict[str, list[str]]:
    """Each Alt letter in ``root`` (its own widgets, not its menus' items) with the texts that use it.

    Only what is shown counts (Qt ignores the letter of a hidden control): another view of the window, or
    another tab, is checked when it is shown.
    """
    found: dict[str, list[str]] = defaultdict(list)

    def add(text: str) -> None:
        if key := letter(text):
            found[key].append(text)

    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if isinstance(widget, QMenu) or not _in_window(widget, root) or not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QAbstractButton) or isinstance(widget, QLabel) and widget.buddy() is not None:
            add(widget.text())
        elif isinstance(widget, QGroupBox):
            add(widget.title())
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                add(widget.tabText(index))
    menu_bar = getattr(root, "menuBar", None)
    if callable(menu_bar):
        for action in menu_bar().actions():
            add(action.text())
    return found


def _in_window(widget: QWidget, root: QWidget) -> bool:
    """Whether ``widget`` belongs to ``root``'s window rather than to a dialog or popup parented to it."""
    while widget is not None and widget is not root:
        if widget.isWindow():
            return False
        widget = widget.parentWidget()
    return True


def clashes(root: QWidget) -> dict[str, list[str]]:
    """The letters used twice, with each tab of every tabbed part shown in turn."""
    found = {}
    tabs = [t for t in root.findChildren(QTabWidget) if _in_window(t, root) and t.isVisibleTo(root)]
    states = [(t, i) for t in tabs for i in range(t.count())] or [(None, 0)]
    for tab_widget, index in states:
        if tab_widget is not None:
            tab_widget.setCurrentIndex(index)
        for key, texts in mnemonics(root).items():
            if len(texts) > 1:
                found[key] = sorted(texts)
    return found


def menu_clashes(menu: QMenu) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for action in menu.actions():
        if key := letter(action.text()):
            found[key].append(action.text())
    return {key: texts for key, texts in found.items() if len(texts) > 1}


def loaded(qtbot, window: MainWindow) -> None:
    window.context.tasks.wait()
    qtbot.waitUntil(lambda: not any(view.loading for view in window.views()), timeout=120_000)
    window.context.tasks.wait()


@pytest.fixture
def window(qtbot, context):
    made = MainWindow(context, build_views(context), remember=False)
    qtbot.addWidget(made)
    made.resize(1200, 800)
    made.watcher.stop()
    yield made
    context.tasks.wait()


def test_no_two_controls_of_a_view_share_an_alt_letter_with_the_menu_bar(qtbot, window):
    problems = {}
    for name in [view.name for view in window.views()]:
        view = window.show_view(name)
        view.refresh()
        loaded(qtbot, window)
        if found := clashes(window):
            problems[name] = found
    assert problems == {}


def test_no_two_controls_share_an_alt_letter_on_any_assets_page(qtbot, window):
    page = window.view("asset")
    problems = {}
    for asset in Records(window.context.register).list(RecordKind.ASSET):
        page.show_asset(asset.reference)
        window.show_view("asset")
        loaded(qtbot, window)
        if found := clashes(window):
            problems[asset.reference] = found
    assert problems == {}


def test_no_two_controls_share_an_alt_letter_for_any_application(qtbot, window):
    view = window.show_view("applications")
    loaded(qtbot, window)
    rows = view.rows()
    assert len(rows) == 3
    problems = {}
    for row in rows:
        view.select_application(row.reference)
        loaded(qtbot, window)
        if found := clashes(window):
            problems[row.reference] = found
    assert problems == {}


def test_no_two_items_of_a_menu_share_an_alt_letter(window):
    menus = [action.menu() for action in window.menuBar().actions()]
    menus += [action.menu() for menu in list(menus) for action in menu.actions() if action.menu()]
    assert len(menus) == 5  # File, Edit, View, Help, and File › Open recent
    assert {menu.title(): menu_clashes(menu) for menu in menus if menu_clashes(menu)} == {}


def make_dialogs(qtbot, context) -> dict[str, QWidget]:
    records = Records(context.register)
    asset = records.list(RecordKind.ASSET)[0]
    notice = records.list(RecordKind.DISPOSAL_NOTICE)[0]
    entry = records.list(RecordKind.LIST_ENTRY)[0]
    from assetreg.gui.views.applications_view import ApplicationsView

    view = ApplicationsView(context)
    qtbot.addWidget(view)
    view.refresh()
    qtbot.waitUntil(lambda: not view.loading, timeout=120_000)
    council = view.rows()[0].profile
    scottish = next(r.application for r in view.rows() if r.application.kind.value.startswith("scottish"))
    dialogs = {
        "new asset": AssetDialog(context),
        "asset": AssetDialog(context, asset),
        "notice": DisposalNoticeDialog(context, asset.reference),
        "request": BidderRequestDialog(context, notice.reference),
        "notice (edit)": DisposalNoticeDialog(context, notice.asset_ref, existing=notice),
        "nomination": NominationDialog(context, asset),
        "decision": DecisionDialog(context, records.list(RecordKind.NOMINATION)[0]),
        "removal": RemovalDialog(context, entry),
        "list entry": ListEntryDialog(context, entry),
        "review or appeal": ChallengeDialog(context, asset_detail(context.register, entry.asset_ref)),
        "owner or occupier": InterestDialog(context, asset),
        "withdrawn or sold": NoticeOutcomeDialog(context, notice),
        "exempt disposal": ExemptDisposalDialog(context, asset),
        "community right to buy registration": CrtbRegistrationDialog(
            context, asset_detail(context.register, scottish.asset_ref)
        ),
        "settings": SettingsDialog(context),
        "stage": StageDialog(council, council.stages[0].code, DEMO_DAY, None, "Move"),
        "answer": AnswerDialog("Finance", "Accounts.", "Rent of £1 a year.", "TA-0001 · Finance"),
        "council": CouncilDialog(context, records.list(RecordKind.AUTHORITY)[0]),
        "group": GroupDialog(context, records.list(RecordKind.GROUP)[0]),
        "party": PartyDialog(context),
        "start application": ApplicationDialog(context),
        "application": ApplicationDialog(context, scottish),
        "attach": DocumentDialog(context, council, view.rows()[0].reference, section="finance"),
        "document": DocumentDialog(context, council, "TA-0001", records.list(RecordKind.DOCUMENT)[0]),
    }
    for dialog in dialogs.values():
        qtbot.addWidget(dialog)
    return dialogs


def test_no_two_controls_of_a_dialog_share_an_alt_letter(qtbot, context):
    dialogs = make_dialogs(qtbot, context)
    assert all(mnemonics(dialog) for dialog in dialogs.values())  # each has letters to compare
    assert {name: found for name, dialog in dialogs.items() if (found := clashes(dialog))} == {}


def test_a_labels_alt_letter_puts_the_focus_in_its_control(qtbot, context):
    """Alt and a label's letter reach a control that takes typing: the line inside a date field, the box inside
    a field with its note, the first answer of a question."""
    missed = []
    for name, dialog in make_dialogs(qtbot, context).items():
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        tabs = dialog.findChildren(QTabWidget)
        pages = [(tabs[0], i) for i in range(tabs[0].count())] if tabs else [(None, 0)]
        for tab_widget, index in pages:
            if tab_widget is not None:
                tab_widget.setCurrentIndex(index)
            labels = [
                w
                for w in dialog.findChildren(QLabel)
                if w.buddy() is not None and w.isVisibleTo(dialog) and w.buddy().isEnabled()
            ]
            for label in labels:
                key = letter(label.text())
                dialog.setFocus()
                qtbot.keyClick(dialog, key, Qt.KeyboardModifier.AltModifier)
                focused = QApplication.focusWidget()
                buddy = label.buddy()
                if focused is None or not (focused is buddy or buddy.isAncestorOf(focused)):
                    missed.append((name, label.text(), type(focused).__name__))
        dialog.close()
    assert missed == [], "\n".join(map(str, missed))


def test_a_date_fields_label_focuses_the_line_to_type_the_date_in(qtbot, context):
    asset = Records(context.register).list(RecordKind.ASSET)[0]
    dialog = DisposalNoticeDialog(context, asset.reference)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    sent = dialog.fields["sent_on"]
    assert sent.label.text() == "Date the owner sen&t it:"
    qtbot.keyClick(dialog, "t", Qt.KeyboardModifier.AltModifier)
    assert sent.widget.line.hasFocus()
    qtbot.keyClicks(sent.widget.line, "31/08/2025")
    assert sent.widget.date() == date(2025, 8, 31)
    # Tab still stops once in the field and once at its calendar button, never at the field's frame.
    qtbot.keyClick(sent.widget.line, Qt.Key.Key_Tab)
    assert sent.widget.button.hasFocus()
    qtbot.keyClick(sent.widget.button, Qt.Key.Key_Backtab)
    assert sent.widget.line.hasFocus()
    qtbot.keyClick(sent.widget.line, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() not in (sent.widget, sent.widget.line)


def test_ctrl_f_goes_to_the_assets_search_from_anywhere_in_the_window(qtbot, window):
    window.show_view("calendar")
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    loaded(qtbot, window)
    calendar = window._stack.currentWidget()
    calendar.setFocus()
    window.view_actions[0].trigger()  # the dashboard, then Ctrl+F from there
    focused = QApplication.focusWidget() or window
    qtbot.keyClick(focused, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assets = window.view("assets")
    assert window._stack.currentWidget() is assets
    assert assets.search.hasFocus()
    qtbot.keyClicks(assets.search, "lion")
    qtbot.keyClick(assets.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # from the table: once, no clash
    assert assets.search.hasFocus() and assets.search.selectedText() == "lion"
