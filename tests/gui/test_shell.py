"""The window's frame: navigation, remembered layout, background tasks, and the change signal."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QCoreApplication, QSettings

from assetreg.domain.records import RecordKind
from assetreg.gui.context import AppContext
from assetreg.gui.main_window import MainWindow
from assetreg.gui.view import View
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
    qtbot.waitUntil(lambda: "result" in seen, timeout=5000)
    assert seen["result"] == 42
    assert seen["worker"] != gui_thread
    assert seen["reported"] == gui_thread


def test_a_failure_in_background_work_reaches_the_caller(qtbot, context):
    failures = []

    def work():
        raise ValueError("the file could not be read")

    context.tasks.run(work, lambda _: None, failures.append)
    qtbot.waitUntil(lambda: bool(failures), timeout=5000)
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
    qtbot.waitUntil(lambda: len(results) == 5, timeout=5000)
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


def test_a_users_problem_is_shown_in_its_own_words(qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from assetreg.domain.errors import NotFoundError
    from assetreg.gui import crash

    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    error = NotFoundError("There is no asset AST-9999 in this register.")
    crash._show(NotFoundError, error, None)
    assert shown == ["There is no asset AST-9999 in this register."]
