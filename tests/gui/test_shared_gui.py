"""No lost edits in the app: saving a form over someone else's change shows the conflict, with Reload or Keep mine.

Two registers on the same file stand for two people (alice in the app, bob elsewhere); the same happens on a
shared register (tests/db/test_shared_register.py runs it on PostgreSQL, in two processes).
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from assetreg.domain import entities as e
from assetreg.domain.enums import AssetCategory
from assetreg.gui.context import AppContext
from assetreg.gui.forms.asset_form import AssetDialog
from assetreg.gui.messages import Messages
from assetreg.services.records import Records
from assetreg.services.register import Register


class Answering(Messages):
    def __init__(self, keep_mine: bool) -> None:
        self.keep_mine = keep_mine
        self.conflicts: list[tuple[str, str]] = []
        self.errors: list[tuple[str, str]] = []

    def conflict(self, parent, title: str, text: str) -> bool:
        self.conflicts.append((title, text))
        return self.keep_mine

    def error(self, parent, title: str, text: str) -> None:
        self.errors.append((title, text))

    def confirm(self, parent, title: str, text: str) -> bool:
        return True


@pytest.fixture
def bob(register_path):
    other = Register.open(register_path)
    other.user, other.clock = "bob", (lambda: datetime(2025, 9, 15, 10, 45, tzinfo=UTC))
    yield other
    other.close()


def _edit_while_bob_changes_it(qtbot, register: Register, bob: Register, messages: Answering) -> AssetDialog:
    Records(register).create(e.Asset(name="The Red Lion", category=AssetCategory.PUB))
    context = AppContext(register, messages)
    dialog = AssetDialog(context, Records(register).get("AST-0001"))
    qtbot.addWidget(dialog)
    dialog.name.setText("The Red Lion Inn")
    Records(bob).update("AST-0001", notes="Sold to a developer")  # bob saves while the form is open
    dialog.save()
    return dialog


def test_reload_keeps_theirs_and_closes_the_form(qtbot, register: Register, bob: Register) -> None:
    messages = Answering(keep_mine=False)
    dialog = _edit_while_bob_changes_it(qtbot, register, bob, messages)
    ((title, text),) = messages.conflicts
    assert title == "Someone else changed this record"
    assert text.startswith("AST-0001 was changed by someone else after you opened it, so your change was not saved.")
    assert "bob changed notes from “” to “Sold to a developer”" in text
    now = Records(register).get("AST-0001")
    assert (now.name, now.notes) == ("The Red Lion", "Sold to a developer")
    assert not dialog.isVisible() and messages.errors == []


def test_keep_mine_saves_over_theirs_knowingly(qtbot, register: Register, bob: Register) -> None:
    messages = Answering(keep_mine=True)
    _edit_while_bob_changes_it(qtbot, register, bob, messages)
    assert len(messages.conflicts) == 1
    now = Records(register).get("AST-0001")
    # Mine is saved as the form held it, the whole form, over the record as bob left it: his notes go, as the
    # dialog said they would; both changes stay in the history.
    assert (now.name, now.notes) == ("The Red Lion Inn", "")
    assert [(h.user, h.field) for h in Records(register).history("AST-0001") if h.field][0] == ("bob", "notes")
    assert ("tester", "name") in [(h.user, h.field) for h in Records(register).history("AST-0001")]


# File ▸ Connect to a shared register…


class Connecting(Answering):
    def __init__(self, address: str | None) -> None:
        super().__init__(keep_mine=False)
        self.address = address

    def ask_text(self, parent, title: str, label: str, text: str = "") -> str | None:
        return self.address


def _window(qtbot, register: Register, messages: Messages):
    from assetreg.gui.main_window import MainWindow
    from assetreg.gui.views.assets_view import AssetsView

    context = AppContext(register, messages)
    window = MainWindow(context, [AssetsView(context)], lambda c: [AssetsView(c)], remember=True)
    qtbot.addWidget(window)
    return window


def test_connect_opens_a_shared_register_and_remembers_it_without_the_password(
    qtbot, register: Register, shared_register: Register
) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from assetreg.gui.main_window import MainWindow
    from assetreg.gui.recent import last_register, recent_registers

    QSettings().clear()
    Records(shared_register).create(e.Asset(name="The Red Lion"))
    url = shared_register.opened.url
    with_password = url.replace("postgres@", "postgres:secret@")
    window = _window(qtbot, register, Connecting(with_password))
    window.connect_action.trigger()
    (shared,) = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w is not window and w.isVisible()
    ]
    qtbot.addWidget(shared)
    assert shared.context.register.shared and shared.windowTitle().startswith("AssetReg — postgresql://postgres@/")
    remembered = last_register()
    assert isinstance(remembered, str) and "secret" not in remembered  # no password kept in the settings
    assert recent_registers()[0] == remembered and remembered.startswith("postgresql+psycopg://postgres@/t_")
    assert Register.open(remembered).close() is None  # and it opens again as remembered
    shared.close()
    QSettings().clear()


def test_connect_refuses_what_is_not_an_address(qtbot, register: Register) -> None:
    messages = Connecting("register.assetreg")
    window = _window(qtbot, register, messages)
    window.connect_action.trigger()
    assert messages.errors == [
        (
            "The register was not opened",
            "register.assetreg is not a shared register's address; it starts with postgresql://",
        )
    ]
