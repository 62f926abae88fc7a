"""File › Move register…: the register, its attachments and backups go to the chosen place, the window follows it
and so does the list of recent registers; a refusal says why and leaves the window as it was."""

from __future__ import annotations

from pathlib import Path

from assetreg.domain import entities as e
from assetreg.gui.application import claim_register
from assetreg.gui.context import AppContext
from assetreg.gui.main_window import MainWindow
from assetreg.gui.messages import Messages
from assetreg.gui.recent import last_register, recent_registers
from assetreg.paths import attachments_dir
from assetreg.services.documents import attach
from assetreg.services.records import Records
from assetreg.services.register import Register


class Recording(Messages):
    def __init__(self) -> None:
        self.errors, self.infos = [], []

    def error(self, parent, title, text):
        self.errors.append(text)

    def info(self, parent, title, text):
        self.infos.append(text)

    def confirm(self, parent, title, text):
        return True


def a_register_in_dropbox(tmp_path: Path) -> Path:
    path = tmp_path / "Dropbox" / "register.assetreg"
    path.parent.mkdir()
    with Register.open(path, create=True) as register:
        Records(register).create(e.Asset(name="The Red Lion"))
        paper = tmp_path / "minutes.txt"
        paper.write_text("Agreed to bid.\n")
        attach(register, paper, asset_ref="AST-0001")
    return path


def test_move_register_moves_it_and_the_window_and_recent_list_follow(qtbot, tmp_path):
    path = a_register_in_dropbox(tmp_path)
    register = Register.open(path)
    context = AppContext(register, Recording())
    claim_register(context)
    context.tasks.wait(10000)  # the day's backup, beside it: it moves too
    window = MainWindow(context, [])
    qtbot.addWidget(window)
    assert recent_registers()[0] == path.resolve() and "Dropbox folder" in window.banner.text()
    target = tmp_path / "Documents"
    target.mkdir()
    moved = window.move_register(target)
    qtbot.addWidget(moved)
    new = target / "register.assetreg"
    assert context.messages.errors == [] and "now at" in context.messages.infos[0]
    assert moved.context.register.path == new and moved.context.register.lock is not None
    assert "Dropbox" not in moved.banner.text() and not moved.banner.isVisibleTo(moved)
    assert len([f for f in attachments_dir(new).rglob("*") if f.is_file()]) == 1
    assert len(list((tmp_path / "Documents" / "register-backups").glob("*.assetreg"))) == 1
    assert not path.exists() and not attachments_dir(path).exists() and list(path.parent.iterdir()) == []
    assert last_register() == new.resolve() and path.resolve() not in recent_registers()
    assert register.lock is None  # the old window's register was closed by the move
    moved.context.tasks.wait(10000)
    moved.close()
    with Register.open(new) as again:
        assert Records(again).get("AST-0001").name == "The Red Lion"


def test_a_refused_move_says_why_and_the_window_goes_on(qtbot, tmp_path):
    path = a_register_in_dropbox(tmp_path)
    register = Register.open(path)
    context = AppContext(register, Recording())
    claim_register(context)
    window = MainWindow(context, [])
    qtbot.addWidget(window)
    try:
        window.choose_move_target = lambda: tmp_path / "OneDrive" / "register.assetreg"
        (tmp_path / "OneDrive").mkdir()
        window.move_action.trigger()
        assert "inside a OneDrive folder" in context.messages.errors[0]
        assert path.exists() and register.lock is not None
        Records(register).create(e.Asset(name="Still writable"))
    finally:
        window.close()
        context.tasks.wait(10000)
        register.close()
