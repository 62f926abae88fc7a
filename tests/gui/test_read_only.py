"""A read-only window: every control that changes the register is disabled, saying why, before anyone clicks it;
the window keeps its lock alive, and turns read-only when another window takes the lock over."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QAction, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QCalendarWidget,
    QLineEdit,
    QMenuBar,
    QTabBar,
    QTableView,
)

from assetreg.domain.records import RecordKind
from assetreg.gui.application import build_views, claim_register
from assetreg.gui.context import WRITES, AppContext
from assetreg.gui.forms.asset_form import AssetDialog
from assetreg.gui.forms.settings_dialog import SettingsDialog
from assetreg.gui.main_window import MainWindow
from assetreg.gui.messages import Messages
from assetreg.services import lock
from assetreg.services.demo import write_demo_register
from assetreg.services.records import Records
from assetreg.services.register import Register

DEMO_DAY = date(2025, 9, 15)

# Every enabled control of a read-only window must be one of these: they look, find, print or export, and
# change nothing in the register. A new control that writes must be handed to ``AppContext.writes``.
LOOKING = {
    # menus
    "&Open register…",
    "Connect to a s&hared register…",  # opens another register, in this window
    "&New register…",
    "Bac&kups…",
    "&Export deadlines to calendar…",
    "Print &deadlines for a meeting…",
    "Print the &register…",
    "&Quit",
    "&Find an asset",
    "&Settings…",
    "Re&fresh",
    "User &guide",
    "&About AssetReg",
    "Dashboard",
    "Assets",
    "Asset",
    "Transfer applications",
    "Calendar",
    "Contacts",
    "Trash",
    "What's due",
    "Applications",
    # views and the asset page
    "&Print for a meeting…",
    "&Open asset record",
    "C&lear",
    "E&xport to calendar file…",
    "Show the trash",
    "&Print nomination…",
    "Print re&quest to bid…",
    "&Print pack…",
    "&Open",
}


class Quiet(Messages):
    def __init__(self, answer: bool = False) -> None:
        self.answer, self.questions, self.errors = answer, [], []

    def error(self, parent, title, text):
        self.errors.append(text)

    def info(self, parent, title, text):
        pass

    def confirm(self, parent, title, text):
        self.questions.append(text)
        return self.answer


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("read-only-demo")
    write_demo_register(folder / "demo.assetreg", today=DEMO_DAY)
    return folder


@pytest.fixture
def demo_path(demo_folder: Path, tmp_path: Path) -> Path:
    shutil.copytree(demo_folder, tmp_path / "demo")
    return tmp_path / "demo" / "demo.assetreg"


@pytest.fixture
def other_window():
    """A live process on this machine standing for another window of the app."""
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    yield process
    process.kill()
    process.wait()


def hold(path: Path, pid: int, *, seen: datetime | None = None, token: str = "theirs") -> None:
    seen = (seen or datetime.now(UTC)).isoformat(timespec="seconds")
    holder = dict(user="sam", machine=lock.this_machine(), pid=pid, since=seen, seen=seen, token=token)
    lock.lock_path(path).write_text(json.dumps(holder), encoding="utf-8")


def qt_own(control) -> bool:
    """A part of a Qt widget rather than of the app: a table's corner button, a search box's clear button, a
    tab bar's arrows, the calendar's month and year buttons."""
    parent = control.parent()
    while parent is not None:
        if isinstance(parent, QCalendarWidget):
            return True
        parent = parent.parent()
    return isinstance(control.parent(), QAbstractItemView | QLineEdit | QTabBar | QMenuBar)


def controls(window: MainWindow) -> list:
    """Every button, action and shortcut of the window and of what it shows."""
    found = window.findChildren(QAbstractButton) + window.findChildren(QAction) + window.findChildren(QShortcut)
    return [
        c for c in found if not (isinstance(c, QAction) and (c.isSeparator() or c.menu() is not None)) and not qt_own(c)
    ]


def text_of(control) -> str:
    return control.text() if isinstance(control, QAbstractButton | QAction) else control.key().toString()


def select_first_rows(window: MainWindow) -> None:
    """Chooses a row in every table (as a person would), which is when many buttons enable themselves."""
    for table in window.findChildren(QTableView):
        if table.model() is not None and table.model().rowCount() > 0:
            table.selectRow(0)


def walk(qtbot, window: MainWindow, reason: str) -> tuple[set[str], int]:
    """Shows each view and each asset (with tables chosen); checks every control; returns the enabled ones."""
    enabled, writes = set(), 0
    for name in [view.name for view in window.views()]:
        view = window.show_view(name)
        qtbot.waitUntil(lambda view=view: not view.loading, timeout=20000)
        pages = [None]
        if name == "asset":
            pages = [asset.reference for asset in Records(window.context.register).list(RecordKind.ASSET)]
        for reference in pages:
            if reference is not None:
                view.show_asset(reference)
            select_first_rows(window)
            QApplication.processEvents()
            for control in controls(window):
                if control.property(WRITES):
                    writes += 1
                    assert not control.isEnabled(), text_of(control)
                    if not isinstance(control, QShortcut):
                        assert control.toolTip() == reason, text_of(control)
                elif control.isEnabled():
                    enabled.add(text_of(control))
    return enabled, writes


def test_every_write_control_of_a_read_only_window_is_disabled_saying_why(qtbot, demo_path, other_window):
    hold(demo_path, other_window.pid)
    register = Register.open(demo_path)
    context = AppContext(register, Quiet())
    claim_register(context)  # held by a live window: not offered, just read-only
    assert context.messages.questions == []
    reason = context.read_only
    assert "is open for changes by sam on" in reason
    window = MainWindow(context, build_views(context), remember=False)
    qtbot.addWidget(window)
    try:
        assert window.banner.isVisibleTo(window) and "open for changes by sam" in window.banner.text()
        enabled, writes = walk(qtbot, window, reason)
        assert writes > 40  # the menus, every view's buttons, each asset's tabs and notices
        assert enabled <= LOOKING, sorted(enabled - LOOKING)
        for action in (window.import_action, window.move_action, window.undo_action, window.redo_action):
            assert not action.isEnabled() and action.toolTip() == reason
        # A form opened anyway (a double click) cannot be saved; nor can the settings.
        form = AssetDialog(context, parent=window)
        qtbot.addWidget(form)
        assert not form.save_button.isEnabled() and form.save_button.toolTip() == reason
        settings = SettingsDialog(context, window)
        qtbot.addWidget(settings)
        assert not settings.save_button.isEnabled()
        # The code that enables a button on a selection does not bring it back.
        page = window.show_view("asset")
        page.edit_button.setEnabled(True)
        page.edit_button.setToolTip("Change the asset's details")
        assert not page.edit_button.isEnabled() and page.edit_button.toolTip() == reason
    finally:
        window.close()
        register.close()


def test_a_writable_window_enables_its_write_controls(qtbot, demo_path):
    register = Register.open(demo_path)
    context = AppContext(register, Quiet())
    claim_register(context)
    assert context.read_only == "" and register.lock is not None
    window = MainWindow(context, build_views(context), remember=False)
    qtbot.addWidget(window)
    try:
        page = window.show_view("asset")
        page.show_asset("AST-0001")
        assert page.edit_button.isEnabled() and window.import_action.isEnabled() and window.move_action.isEnabled()
        assert not window.banner.isVisibleTo(window)
    finally:
        window.close()
        register.close()


def test_the_window_keeps_its_lock_alive_every_minute(qtbot, demo_path):
    register = Register.open(demo_path)
    context = AppContext(register, Quiet())
    claim_register(context)
    window = MainWindow(context, [], remember=False)
    qtbot.addWidget(window)
    try:
        assert window.lock_timer.isActive() and window.lock_timer.interval() == 60_000
        mine = register.lock
        long_ago = datetime.now(UTC) - timedelta(hours=2)
        old = {**json.loads(lock.lock_path(demo_path).read_text()), "seen": long_ago.isoformat()}
        lock.lock_path(demo_path).write_text(json.dumps(old))
        assert lock.read_lock(demo_path).is_stale()  # had it not been kept alive, another window would offer it
        window.lock_timer.timeout.emit()
        held = lock.read_lock(demo_path)
        assert held.token == mine.token and not held.is_stale()
        assert datetime.now(UTC) - datetime.fromisoformat(held.seen) < timedelta(minutes=1)
    finally:
        window.close()
        register.close()


def test_a_window_whose_lock_is_taken_over_turns_read_only_within_the_minute(qtbot, demo_path, other_window):
    register = Register.open(demo_path)
    context = AppContext(register, Quiet())
    claim_register(context)
    views = build_views(context)
    window = MainWindow(context, views, remember=False)
    qtbot.addWidget(window)
    try:
        page = window.show_view("asset")
        page.show_asset("AST-0001")
        assert page.edit_button.isEnabled() and not window.banner.isVisibleTo(window)
        hold(demo_path, other_window.pid)  # another window took it over (after asking its person)
        window.lock_timer.timeout.emit()
        assert "open for changes by sam" in context.read_only
        assert not page.edit_button.isEnabled() and page.edit_button.toolTip() == context.read_only
        assert not window.import_action.isEnabled()
        assert window.banner.isVisibleTo(window) and "open for changes by sam" in window.banner.text()
        assert lock.read_lock(demo_path).token == "theirs"  # ours never wrote over theirs
    finally:
        window.close()
        register.close()
    assert lock.read_lock(demo_path).token == "theirs"  # nor removed it on closing


@pytest.mark.parametrize("answer", [False, True])
def test_a_lock_whose_window_has_gone_is_offered_and_taken_only_if_the_person_says_so(qtbot, demo_path, answer: bool):
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    hold(demo_path, gone.pid)
    register = Register.open(demo_path)
    context = AppContext(register, Quiet(answer))
    try:
        claim_register(context)
        assert len(context.messages.questions) == 1 and "seems to have gone" in context.messages.questions[0]
        assert (context.read_only == "") is answer
        assert (lock.read_lock(demo_path).token == "theirs") is not answer
    finally:
        context.tasks.wait(10000)
        register.close()


def test_a_silent_lock_is_offered_though_its_process_still_runs(qtbot, demo_path, other_window):
    hold(demo_path, other_window.pid, seen=datetime.now(UTC) - timedelta(minutes=20))
    register = Register.open(demo_path)
    context = AppContext(register, Quiet(True))
    try:
        claim_register(context)
        assert len(context.messages.questions) == 1 and context.read_only == ""
    finally:
        context.tasks.wait(10000)
        register.close()


def test_a_window_on_a_register_found_damaged_as_it_starts_turns_read_only_and_says_so(qtbot, tmp_path):
    from tests.db.test_faults import damaged_register

    path = tmp_path / "register.assetreg"
    damaged_register(path)
    register = Register.open(path, check_later=True)  # as the app opens it: the pages are checked meanwhile
    messages = Quiet()
    context = AppContext(register, messages)
    window = MainWindow(context, build_views(context), remember=False)
    qtbot.addWidget(window)
    try:
        qtbot.waitUntil(lambda: bool(messages.errors), timeout=30_000)
        assert messages.errors == [context.read_only] and "is damaged" in context.read_only
        assert "File ▸ Backups…" in context.read_only
        assert not window.import_action.isEnabled() and window.import_action.toolTip() == context.read_only
        assert window.banner.isVisibleTo(window) and "is damaged" in window.banner.text()
    finally:
        window.close()
        register.close()
