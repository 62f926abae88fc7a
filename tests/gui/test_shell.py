"""The window's frame: navigation, remembered layout, background tasks, and the change signal."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import threading

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import QApplication

from assetreg.domain.records import RecordKind
from assetreg.gui.context import AppContext
from assetreg.gui.main_window import MainWindow
from assetreg.gui.views.view import View
from assetreg.services.register import Changes


class StubView(View):
    def __init__(self, context, name):
        self.name = name
        self.refreshed = 0
        super().__init__(context)

    def title(self):
        return self.name.title()

    def refresh(self):
        self.refreshed += 1

    def shows(self, changes):
        return RecordKind.ASSET in changes.kinds


@pytest.fixture
def settings_file(tmp_path):
    QCoreApplication.setOrganizationName("AssetRegTests")
    QCoreApplication.setApplicationName("AssetRegTests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    QSettings().clear()
    return tmp_path


@pytest.fixture
def context(qtbot, register):
    return AppContext(register)


def test_views_are_listed_in_order_and_the_first_is_shown(qtbot, context, settings_file):
    window = MainWindow(context, [StubView(context, "dashboard"), StubView(context, "assets")])
    qtbot.addWidget(window)
    assert window.windowTitle() == "AssetReg — register.assetreg"
    assert window._nav.count() == 2
    assert window._stack.currentWidget().name == "dashboard"
    assert window.show_view("assets").name == "assets"


def test_the_last_view_and_window_size_are_remembered(qtbot, context, settings_file):
    window = MainWindow(context, [StubView(context, "dashboard"), StubView(context, "assets")])
    qtbot.addWidget(window)
    window.show_view("assets")
    window.resize(700, 500)  # within the offscreen screen (800×600), where geometry is clamped
    window.close()
    again = MainWindow(context, [StubView(context, "dashboard"), StubView(context, "assets")])
    qtbot.addWidget(again)
    assert again._stack.currentWidget().name == "assets"
    assert (again.width(), again.height()) == (700, 500)


class Built(View):
    """A view the window is given as its class: built only when first wanted."""

    made: list[str] = []

    def __init__(self, context):
        super().__init__(context)
        Built.made.append(self.name)


class First(Built):
    name, icon_name, heading = "dashboard", "due", "First"


class Second(Built):
    name, icon_name, heading = "assets", "assets", "Second"


class Third(Built):
    name, icon_name, heading = "trash", "trash", "Third"


def test_views_given_as_classes_are_listed_at_once_and_built_when_first_wanted(qtbot, context, settings_file):
    Built.made = []
    window = MainWindow(context, [First, Second, Third])
    qtbot.addWidget(window)
    assert [window._nav.item(r).text() for r in range(3)] == ["First", "Second", "Third"]
    assert [a.text() for a in window.view_actions] == ["First", "Second", "Third"]
    assert Built.made == ["dashboard"]  # only the view shown first
    assert window.show_view("trash").name == "trash"
    assert Built.made == ["dashboard", "trash"]
    assert window.view("trash") is window.show_view("trash")  # built once
    assert [v.name for v in window.views()] == ["dashboard", "assets", "trash"]
    assert Built.made == ["dashboard", "trash", "assets"]
    assert window._stack.count() == 3 and window._stack.currentWidget().name == "trash"


def test_starting_the_app_does_not_load_qtawesome_or_its_qt_layer() -> None:
    import subprocess
    import sys

    code = (
        "import sys; import assetreg.gui.main_window, assetreg.gui.widgets.icons; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('qtawesome', 'qtpy')))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"


def test_a_change_refreshes_only_the_views_that_show_it(qtbot, context):
    view = StubView(context, "assets")
    before = view.refreshed
    context.notify(Changes(frozenset({RecordKind.DOCUMENT})))
    assert view.refreshed == before
    context.notify(Changes(frozenset({RecordKind.ASSET})))
    assert view.refreshed == before + 1
    context.notify(Changes())  # nothing changed: no signal at all
    assert view.refreshed == before + 1


def test_background_work_runs_off_the_gui_thread_and_reports_on_it(qtbot, context):
    gui_thread = threading.get_ident()
    seen = {}

    def work():
        seen["worker"] = threading.get_ident()
        return 42

    def done(result):
        seen["result"], seen["reported"] = result, threading.get_ident()

    context.tasks.run(work, done)
    qtbot.waitUntil(lambda: "result" in seen, timeout=120_000)
    assert seen["result"] == 42
    assert seen["worker"] != gui_thread
    assert seen["reported"] == gui_thread


def test_a_failure_in_background_work_reaches_the_caller(qtbot, context):
    failures = []

    def work():
        raise ValueError("the file could not be read")

    context.tasks.run(work, lambda _: None, failures.append)
    qtbot.waitUntil(lambda: bool(failures), timeout=120_000)
    assert str(failures[0]) == "the file could not be read"


def test_writes_are_serialised(qtbot, context):
    order = []
    lock = threading.Lock()
    running = []

    def work(n):
        def job():
            with lock:
                running.append(n)
                assert len(running) == 1, "two jobs ran at once"
            order.append(n)
            with lock:
                running.remove(n)
            return n

        return job

    results = []
    for n in range(5):
        context.tasks.run(work(n), results.append)
    qtbot.waitUntil(lambda: len(results) == 5, timeout=120_000)
    assert order == [0, 1, 2, 3, 4]


def test_an_uncaught_error_is_logged_and_shown_with_copyable_details(qtbot, monkeypatch, caplog):
    from PySide6.QtWidgets import QMessageBox

    from assetreg.gui import crash

    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append((box.text(), box.detailedText())) or 0)
    try:
        raise KeyError("asset AST-0042")
    except KeyError as error:
        with caplog.at_level("ERROR", logger="assetreg"):
            crash._show(type(error), error, error.__traceback__)
    ((text, details),) = shown
    assert "Your register is safe" in text
    assert "KeyError: 'asset AST-0042'" in details and "Traceback" in details
    assert "KeyError: 'asset AST-0042'" in caplog.text


def test_an_error_off_the_gui_thread_is_logged_but_shows_no_window(qtbot, monkeypatch, caplog):
    # A window made on another thread would hang the app (Qt's widgets belong to the GUI thread).
    from PySide6.QtWidgets import QMessageBox

    from assetreg.gui import crash

    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    error = RuntimeError("Signal source has been deleted")
    with caplog.at_level("ERROR", logger="assetreg"):
        worker = threading.Thread(target=crash._show, args=(RuntimeError, error, None))
        worker.start()
        worker.join()
    assert shown == [] and "Signal source has been deleted" in caplog.text


def test_work_that_ends_after_its_window_has_gone_is_dropped_quietly(qtbot, caplog):
    import shiboken6

    from assetreg.gui.tasks import TaskRunner

    runner, release, results = TaskRunner(), threading.Event(), []
    runner.run(lambda: release.wait(30) and "done", results.append)
    (relay,) = runner._relays
    shiboken6.delete(relay)  # as when the app closes while the work runs
    with caplog.at_level("INFO", logger="assetreg.gui.tasks"):
        release.set()
        assert runner.wait(30_000)
    assert results == [] and "finished after the window closed" in caplog.text


def test_a_users_problem_is_shown_in_its_own_words(qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from assetreg.domain.errors import NotFoundError
    from assetreg.gui import crash

    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    error = NotFoundError("There is no asset AST-9999 in this register.")
    crash._show(NotFoundError, error, None)
    assert shown == ["There is no asset AST-9999 in this register."]


# the menu bar


class RecordingMessages:
    def __init__(self) -> None:
        self.errors: list[tuple[str, str]] = []
        self.infos: list[tuple[str, str]] = []

    def error(self, parent, title: str, text: str) -> None:
        self.errors.append((title, text))

    def info(self, parent, title: str, text: str) -> None:
        self.infos.append((title, text))


@pytest.fixture
def messages():
    return RecordingMessages()


@pytest.fixture
def window(qtbot, register, messages, settings_file):
    context = AppContext(register, messages)
    made = MainWindow(context, stub_views(context), stub_views)
    qtbot.addWidget(made)
    return made


def stub_views(context):
    return [StubView(context, "dashboard"), StubView(context, "assets"), StubView(context, "trash")]


def menu(window, title):
    (found,) = [a.menu() for a in window.menuBar().actions() if a.text() == title]
    return found


def entries(window, title):
    return [(a.text(), [s.toString() for s in a.shortcuts()]) for a in menu(window, title).actions() if a.text()]


def test_every_action_is_in_a_menu_with_its_shortcut(window):
    assert [a.text() for a in window.menuBar().actions()] == ["&File", "&Edit", "&View", "&Help"]
    assert entries(window, "&Help") == [("User &guide", ["F1"]), ("&About AssetReg", [])]
    assert entries(window, "&File") == [
        ("&Open register…", ["Ctrl+O"]),
        ("Open re&cent", []),
        ("&New register…", ["Ctrl+Shift+N"]),
        ("Connect to a s&hared register…", []),
        ("Bac&kups…", []),
        ("&Move register…", []),
        ("&Export deadlines to calendar…", []),
        ("&Import council list…", []),
        ("Print &deadlines for a meeting…", ["Ctrl+P"]),
        ("Print the &register…", []),
        ("&Quit", ["Ctrl+Q"]),
    ]
    assert entries(window, "&Edit") == [
        ("&Undo", ["Ctrl+Z"]),
        ("&Redo", ["Ctrl+Shift+Z", "Ctrl+Y"]),
        ("&Find an asset", ["Ctrl+F"]),
        ("&Settings…", ["Ctrl+,"]),
    ]
    assert entries(window, "&View") == [
        ("Dashboard", ["Ctrl+1"]),
        ("Assets", ["Ctrl+2"]),
        ("Trash", ["Ctrl+3"]),
        ("Re&fresh", ["F5"]),
    ]
    assert not window.undo_action.isEnabled() and not window.redo_action.isEnabled()


def test_the_view_menu_switches_views_and_shows_which_is_current(qtbot, window):
    window.view_actions[2].trigger()
    assert window._stack.currentWidget().name == "trash"
    assert window._nav.currentRow() == 2
    window.show_view("assets")
    assert [a.isChecked() for a in window.view_actions] == [False, True, False]


def test_ctrl_and_a_number_switches_views_from_the_keyboard(qtbot, window):
    with qtbot.waitActive(window):
        window.show()
    qtbot.keyClick(window._nav, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window._stack.currentWidget().name == "trash"


def test_undo_and_redo_follow_the_stack_with_its_words(qtbot, window, register):
    from assetreg.domain import entities as e
    from assetreg.gui.undo import undo_history
    from assetreg.services.records import Records

    history = undo_history(window.context)
    history.create(e.Asset(name="The Red Lion"))
    assert window.undo_action.text() == "&Undo adding The Red Lion"
    history.update("AST-0001", name="The Red Lion Inn")
    assert window.undo_action.isEnabled()
    assert window.undo_action.text().replace("&", "") == "Undo change to The Red Lion Inn"
    window.undo_action.trigger()
    assert Records(register).get("AST-0001").name == "The Red Lion"
    assert window.redo_action.text() == "&Redo change to The Red Lion Inn"
    window.redo_action.trigger()
    assert Records(register).get("AST-0001").name == "The Red Lion Inn"


def test_settings_open_from_the_edit_menu(qtbot, window):
    from assetreg.gui.forms.settings_dialog import SettingsDialog

    window.show()
    window.settings_action.trigger()
    dialog = window.settings_dialog
    assert isinstance(dialog, SettingsDialog) and dialog.isVisible()
    dialog.reject()
    assert window.settings_dialog is None


def test_deadlines_are_exported_to_a_calendar_file(qtbot, window, register, messages, tmp_path, monkeypatch):
    from datetime import date

    from assetreg.domain import entities as e
    from assetreg.services.records import Records

    records = Records(register)
    asset = records.create(e.Asset(name="The Red Lion")).value
    records.create(e.UserDeadline(title="Committee meeting", due_on=date(2025, 10, 1), asset_ref=asset.reference))
    target = tmp_path / "out" / "deadlines"
    monkeypatch.setattr(messages, "choose_new_file", lambda *_, **__: target, raising=False)
    window.export_action.trigger()
    qtbot.waitUntil(lambda: bool(messages.infos or messages.errors), timeout=10000)
    assert not messages.errors
    ((title, text),) = messages.infos
    assert title == "Deadlines exported"
    assert text.startswith("1 deadline was saved to " + str(target.with_suffix(".ics")))  # the ending added
    content = target.with_suffix(".ics").read_text()
    assert content.startswith("BEGIN:VCALENDAR") and "Committee meeting" in content
    assert window.export_action.isEnabled()


def test_another_register_opens_in_a_window_of_its_own(qtbot, window, template_register, tmp_path, monkeypatch):
    import shutil

    other = tmp_path / "other.assetreg"
    shutil.copyfile(template_register, other)
    window.show()
    window.show_view("assets")
    monkeypatch.setattr(window, "choose_register_to_open", lambda: other)
    window.open_action.trigger()
    opened = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w is not window]
    (new,) = [w for w in opened if w.isVisible()]
    qtbot.addWidget(new)
    assert new.windowTitle() == "AssetReg — other.assetreg"
    assert new.context.register.path == other
    assert new._stack.currentWidget().name == "assets"
    assert not window.isVisible()
    new.close()


def test_a_new_register_is_made_but_never_over_an_existing_file(qtbot, window, messages, tmp_path, monkeypatch):
    existing = tmp_path / "taken.assetreg"
    existing.write_text("mine")
    monkeypatch.setattr(window, "choose_new_register", lambda: existing)
    window.new_action.trigger()
    ((title, text),) = messages.errors
    assert title == "The register was not made" and "already a file" in text
    assert existing.read_text() == "mine"

    fresh = tmp_path / "fresh.assetreg"
    new = window.open_register(fresh, create=True)
    qtbot.addWidget(new)
    assert fresh.exists() and new.windowTitle() == "AssetReg — fresh.assetreg"
    new.close()


def test_a_file_that_is_not_a_register_is_refused_in_plain_words(qtbot, window, messages, tmp_path):
    stranger = tmp_path / "notes.assetreg"
    stranger.write_text("not a register")
    assert window.open_register(stranger) is None
    ((title, _),) = messages.errors
    assert title == "The register was not opened"


def test_a_view_loads_when_first_shown_and_then_only_when_its_data_changes(qtbot, context, settings_file):
    dashboard, assets = StubView(context, "dashboard"), StubView(context, "assets")
    window = MainWindow(context, [dashboard, assets])
    qtbot.addWidget(window)
    loads = assets.refreshed
    window.show_view("assets")
    window.show_view("dashboard")
    window.show_view("assets")  # switching back: nothing to reload
    assert assets.refreshed == loads + 1
    context.notify(Changes(frozenset({RecordKind.ASSET})))
    assert assets.refreshed == loads + 2


def test_the_user_guide_opens_offline_and_about_names_the_version_register_and_licences(qtbot, window):
    from assetreg import __version__
    from assetreg.gui.help import GuideDialog, about_text

    guide = GuideDialog(window)
    qtbot.addWidget(guide)
    text = guide.browser.toPlainText()
    assert "In force now" in text and "request to be treated as a potential bidder" in text
    about = about_text(str(window.context.register.path))
    assert f"AssetReg {__version__}" in about and str(window.context.register.path) in about
    assert "General Public License" in about and "Lesser General Public License" in about and "Open Font" in about
    assert "<script" not in about_text("<script>x</script>")  # a path is shown as text


def test_the_app_has_its_own_icon_at_every_size(qtbot):
    from assetreg.resources import ICON_SIZES

    from assetreg.gui.application import app_icon

    icon = app_icon()
    assert not icon.isNull()
    assert sorted(size.width() for size in icon.availableSizes()) == sorted(ICON_SIZES)


def test_each_view_kind_names_its_view_as_the_view_itself_does():
    from assetreg.gui.application import view_kinds

    for kind in view_kinds():
        view = kind.load()
        assert (kind.name, kind.heading, kind.icon_name) == (view.name, view.heading, view.icon_name), kind
        assert kind.title_of() == view.title_of()


def test_starting_loads_only_the_module_of_the_view_shown_first(tmp_path):
    # In a process of its own: the modules this test run has loaded already do not count.
    script = (
        "import sys\n"
        "from assetreg.app import main\n"
        f"main(['--db', {str(tmp_path / 'demo.assetreg')!r}, '--screenshot', {str(tmp_path / 'shot.png')!r},"
        " '--view', 'dashboard'])\n"
        "print(sorted(m for m in sys.modules if m.startswith('assetreg.gui.views.')))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ASSETREG_DATA_DIR": str(tmp_path / "data")}
    subprocess.run(
        [sys.executable, "-m", "assetreg", "--db", str(tmp_path / "demo.assetreg"), "demo"],
        env=env,
        check=True,
        capture_output=True,
    )
    shown = subprocess.run([sys.executable, "-c", script], env=env, check=True, capture_output=True, text=True)
    loaded = ast.literal_eval(shown.stdout.strip().splitlines()[-1])
    assert loaded == ["assetreg.gui.views.dashboard_view", "assetreg.gui.views.view"], loaded


def test_a_screenshot_of_a_register_that_is_not_there_says_why_instead_of_waiting_for_a_click(tmp_path):
    missing = tmp_path / "missing.assetreg"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ASSETREG_DATA_DIR": str(tmp_path / "data")}
    command = [sys.executable, "-m", "assetreg", "--db", str(missing), "--screenshot", str(tmp_path / "shot.png")]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 3
    assert f"There is no register at {missing}" in done.stderr
    assert not missing.exists() and not (tmp_path / "shot.png").exists()
