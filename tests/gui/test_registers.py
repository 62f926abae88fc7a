"""A person with several registers: making one, the last one opening again, File › Open recent, and changes
another process makes to the open register showing up."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from assetreg.gui import application
from assetreg.gui.context import AppContext
from assetreg.gui.main_window import MainWindow
from assetreg.gui.messages import Messages
from assetreg.gui.recent import last_register, recent_registers, remember_register
from assetreg.gui.views.assets_view import AssetsView
from assetreg.services.register import Register

REPO = Path(__file__).resolve().parents[2]


class AnsweringMessages(Messages):
    """Records what was said and asked; answers a file question with ``answer``."""

    def __init__(self) -> None:
        self.errors: list[tuple[str, str]] = []
        self.asked: list[tuple[str, Path]] = []
        self.answer: Path | None = None

    def error(self, parent, title: str, text: str) -> None:
        self.errors.append((title, text))

    def info(self, parent, title: str, text: str) -> None:
        pass

    def choose_new_file(self, parent, title, suggested, filters, *, confirm_overwrite=False):
        self.asked.append((title, suggested))
        return self.answer


@pytest.fixture(autouse=True)
def fresh_settings():
    QSettings().clear()
    yield
    QSettings().clear()


@pytest.fixture
def messages() -> AnsweringMessages:
    return AnsweringMessages()


def make_window(qtbot, register: Register, messages: Messages, *, remember: bool = True) -> MainWindow:
    context = AppContext(register, messages)
    window = MainWindow(context, [AssetsView(context)], lambda c: [AssetsView(c)], remember=remember)
    qtbot.addWidget(window)
    return window


def other_windows(window: MainWindow) -> list[MainWindow]:
    from PySide6.QtWidgets import QApplication

    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w is not window]


def copy_register(template: Path, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, path)
    return path


# New register…


def test_a_new_register_is_suggested_beside_this_one_under_a_free_name(qtbot, register, messages, tmp_path):
    window = make_window(qtbot, register, messages)
    (tmp_path / "New register.assetreg").write_text("taken")
    messages.answer = tmp_path / "Parish assets"  # typed without the extension
    window.new_action.trigger()
    ((title, suggested),) = messages.asked
    assert title == "New register"
    assert suggested == tmp_path / "New register 2.assetreg"
    (new,) = [w for w in other_windows(window) if w.isVisible()]
    qtbot.addWidget(new)
    assert new.context.register.path == tmp_path / "Parish assets.assetreg"
    assert (tmp_path / "Parish assets.assetreg").exists()
    assert last_register() == (tmp_path / "Parish assets.assetreg").resolve()
    new.close()


def test_a_new_register_never_replaces_an_existing_file(qtbot, register, messages, tmp_path):
    window = make_window(qtbot, register, messages)
    taken = tmp_path / "mine.assetreg"
    taken.write_text("someone's notes")
    messages.answer = taken
    window.new_action.trigger()
    ((title, text),) = messages.errors
    assert title == "The register was not made" and str(taken) in text
    assert taken.read_text() == "someone's notes"
    assert not [w for w in other_windows(window) if w.isVisible()]


def test_cancelling_the_question_makes_nothing(qtbot, register, messages, tmp_path):
    window = make_window(qtbot, register, messages)
    before = sorted(tmp_path.iterdir())
    window.new_action.trigger()
    assert sorted(tmp_path.iterdir()) == before and not messages.errors


# the last register and File › Open recent


def test_the_register_opened_is_remembered_first_and_a_demo_never_is(qtbot, register, messages, tmp_path):
    make_window(qtbot, register, messages)
    assert last_register() == register.path.resolve()
    assert recent_registers() == [register.path.resolve()]
    demo = Register.open(copy_register(register.path, tmp_path / "demo" / "demo.assetreg"))
    try:
        make_window(qtbot, demo, messages, remember=False)
        assert last_register() == register.path.resolve()
        assert recent_registers() == [register.path.resolve()]
    finally:
        demo.close()


def test_open_recent_lists_most_recent_first_and_a_missing_one_disabled(
    qtbot, register, messages, template_register, tmp_path
):
    first = copy_register(template_register, tmp_path / "a" / "Bell & Crown.assetreg")
    gone = copy_register(template_register, tmp_path / "b" / "gone.assetreg")
    remember_register(first)
    remember_register(gone)
    gone.unlink()
    window = make_window(qtbot, register, messages)
    window.recent_menu.rebuild()
    actions = [a for a in window.recent_menu.actions() if not a.isSeparator()]
    texts = [a.text() for a in actions]
    assert texts[0].startswith("&1 register.assetreg")
    assert texts[1].startswith("&2 gone.assetreg") and texts[1].endswith("(no longer there)")
    assert texts[2].startswith("&3 Bell && Crown.assetreg")  # the & is shown, not taken as a mnemonic
    assert texts[3] == "C&lear list"
    assert [a.isEnabled() for a in actions] == [True, False, True, True]

    actions[2].trigger()
    (new,) = [w for w in other_windows(window) if w.isVisible()]
    qtbot.addWidget(new)
    assert new.context.register.path == first
    assert recent_registers()[0] == first.resolve()
    new.recent_menu.rebuild()
    clear = [a for a in new.recent_menu.actions() if a.text() == "C&lear list"][0]
    clear.trigger()
    assert recent_registers() == []
    assert [a.text() for a in new.recent_menu.actions() if not a.isSeparator()] == [
        "No registers opened yet",
        "C&lear list",
    ]
    new.close()


def test_the_last_register_opens_next_time_if_it_is_still_there(qtbot, register, monkeypatch, tmp_path):
    remember_register(register.path)
    asked = []
    assert application.starting_register(lambda notice: asked.append(notice) or (None, False)) == (
        register.path.resolve(),
        True,
    )
    assert asked == []


def test_a_last_register_that_has_gone_is_said_plainly_then_the_welcome_asks(qtbot, template_register, tmp_path):
    moved = copy_register(template_register, tmp_path / "old place" / "parish.assetreg")
    remember_register(moved)
    moved.unlink()
    asked = []
    chosen = application.starting_register(lambda notice: asked.append(notice) or (None, False))
    assert chosen == (None, False)
    (notice,) = asked
    assert str(moved.resolve()) in notice and "no longer" in notice
    assert last_register() is None  # said once, not at every start


# changes made elsewhere


def add_asset_from_another_process(path: Path, name: str) -> None:
    script = (
        "import sys\n"
        "from assetreg.domain import entities as e\n"
        "from assetreg.services.records import Records\n"
        "from assetreg.services.register import Register\n"
        "with Register.open(sys.argv[1]) as register:\n"
        "    Records(register).create(e.Asset(name=sys.argv[2]))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    subprocess.run([sys.executable, "-c", script, str(path), name], check=True, env=env, timeout=60)


def test_an_asset_added_by_another_process_appears_in_the_assets_view(qtbot, register, messages):
    window = make_window(qtbot, register, messages)
    view = window.show_view("assets")
    assert isinstance(view, AssetsView)
    qtbot.waitUntil(lambda: not view.loading, timeout=120_000)
    assert view.model.rowCount() == 0
    add_asset_from_another_process(register.path, "The Red Lion")
    qtbot.waitUntil(lambda: view.model.rowCount() == 1 and not view.loading, timeout=120_000)
    add_asset_from_another_process(register.path, "The Old Forge")
    qtbot.waitUntil(lambda: view.model.rowCount() == 2 and not view.loading, timeout=120_000)
    window.close()


def test_the_apps_own_changes_do_not_refresh_twice_and_f5_refreshes_now(qtbot, register, messages):
    from assetreg.domain import entities as e
    from assetreg.gui.undo import undo_history

    window = make_window(qtbot, register, messages)
    window.watcher.stop()  # no polling: only what the app itself says
    view = window.show_view("assets")
    qtbot.waitUntil(lambda: not view.loading, timeout=120_000)
    undo_history(window.context).create(e.Asset(name="The Red Lion"))
    qtbot.waitUntil(lambda: view.model.rowCount() == 1 and not view.loading, timeout=120_000)
    refreshes = []
    window.context.data_changed.connect(refreshes.append)
    window.refresh_action.trigger()
    assert len(refreshes) == 1 and refreshes[0]
    window.close()


def test_the_watcher_says_nothing_for_the_apps_own_writes(qtbot, register, messages):
    from assetreg.domain import entities as e
    from assetreg.gui.undo import undo_history

    window = make_window(qtbot, register, messages)
    window.watcher.check()
    said = []
    window.context.data_changed.connect(said.append)
    undo_history(window.context).create(e.Asset(name="The Red Lion"))  # notifies the views itself
    mine = len(said)
    window.watcher.check()
    qtbot.wait(500)  # longer than the pause after a change elsewhere
    assert len(said) == mine
    add_asset_from_another_process(register.path, "The Old Forge")
    window.watcher.check()
    qtbot.waitUntil(lambda: len(said) == mine + 1, timeout=120_000)
    window.close()


def test_whats_due_kept_ready_is_not_taken_for_a_change_made_elsewhere(qtbot, register, messages):
    import sqlite3
    from contextlib import closing

    from assetreg.domain import entities as e
    from assetreg.services.deadlines import whats_due
    from assetreg.services.records import Records

    Records(register).create(e.Asset(name="The Red Lion"))
    window = make_window(qtbot, register, messages)
    window.watcher.check()
    said = []
    window.context.data_changed.connect(said.append)
    with closing(sqlite3.connect(register.path)) as connection, connection:
        connection.execute("DELETE FROM due_index_coverage")  # as after an update: the index must be built again
    whats_due(register)  # builds it again and writes it back, as the dashboard does on the task thread
    window.watcher.check()
    qtbot.wait(500)  # longer than the pause after a change elsewhere
    assert said == []  # no view loads everything again for it
    add_asset_from_another_process(register.path, "The Old Forge")
    window.watcher.check()
    qtbot.waitUntil(lambda: len(said) == 1, timeout=120_000)
    window.close()
