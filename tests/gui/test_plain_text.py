"""What people type is shown as they typed it: a name such as ``<font size=80>Big</font>`` is words, not markup,
in every label of every view and dialog, and in the app's messages."""

from __future__ import annotations

import gc
import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from assetreg.domain.records import RecordKind
from assetreg.gui.application import build_views
from assetreg.gui.context import AppContext
from assetreg.gui.forms.asset_form import AssetDialog
from assetreg.gui.forms.notice_form import DisposalNoticeDialog
from assetreg.gui.forms.request_form import BidderRequestDialog
from assetreg.gui.main_window import MainWindow
from assetreg.gui.messages import Messages
from assetreg.services.demo import write_demo_register
from assetreg.services.records import Records
from assetreg.services.register import Register

MARKUP = "<font size=80>Big</font>"


@pytest.fixture(autouse=True)
def collect_garbage_on_the_gui_thread():
    gc.collect()
    yield
    gc.collect()


@pytest.fixture(scope="module")
def marked_up_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo register with markup in every asset's name, description and address, and every council's name."""
    path = tmp_path_factory.mktemp("markup-demo") / "demo.assetreg"
    write_demo_register(path, today=date(2025, 9, 15))
    with Register.open(path) as register:
        records = Records(register)
        for asset in records.list(RecordKind.ASSET):
            records.update(
                asset.reference,
                name=f"{MARKUP} {asset.name}",
                description=f"{MARKUP} {asset.description}",
                address=f"{MARKUP} {asset.address}",
            )
        for council in records.list(RecordKind.AUTHORITY):
            records.update(council.reference, name=f"{MARKUP} {council.name}")
    return path


@pytest.fixture
def context(marked_up_demo: Path, tmp_path: Path):
    path = tmp_path / "demo.assetreg"
    shutil.copyfile(marked_up_demo, path)
    register = Register.open(path)
    register.clock = lambda: datetime(2025, 9, 15, 10, 30, tzinfo=UTC)
    context = AppContext(register, Messages())
    yield context
    context.tasks.wait()
    register.close()


def marked_up_labels(root: QWidget) -> list[tuple[str, Qt.TextFormat]]:
    """Every label in ``root`` showing the markup, with how it reads its text."""
    return [(label.text(), label.textFormat()) for label in root.findChildren(QLabel) if "<font" in label.text()]


def rich(root: QWidget) -> list[str]:
    return [text for text, form in marked_up_labels(root) if form != Qt.TextFormat.PlainText]


def loaded(qtbot, window: MainWindow) -> None:
    window.context.tasks.wait()
    qtbot.waitUntil(lambda: not any(view.loading for view in window.views()), timeout=120_000)
    window.context.tasks.wait()


def test_every_view_shows_markup_in_a_name_as_words(qtbot, context):
    window = MainWindow(context, build_views(context), remember=False)
    qtbot.addWidget(window)
    window.watcher.stop()
    window.resize(1200, 800)
    seen, problems = 0, {}
    for name in [view.name for view in window.views()]:
        window.show_view(name).refresh()
        loaded(qtbot, window)
    page = window.view("asset")
    for asset in Records(context.register).list(RecordKind.ASSET):
        page.show_asset(asset.reference)
        loaded(qtbot, window)
        seen += len(marked_up_labels(window))
        if found := rich(window):
            problems[asset.reference] = found
    applications = window.view("applications")
    for row in applications.rows():
        applications.select_application(row.reference)
        loaded(qtbot, window)
        seen += len(marked_up_labels(window))
        if found := rich(window):
            problems[row.reference] = found
    assert seen > 20  # the names really are on show
    assert problems == {}
    assert page.name_label.textFormat() == Qt.TextFormat.PlainText
    label = page.name_label
    assert label.heightForWidth(2000) < 2 * label.fontMetrics().height()  # one line, not drawn 80 points high


def test_every_form_shows_markup_in_a_name_as_words(qtbot, context):
    records = Records(context.register)
    asset = records.list(RecordKind.ASSET)[0]
    notice = records.list(RecordKind.DISPOSAL_NOTICE)[0]
    for dialog in (
        AssetDialog(context, asset),
        DisposalNoticeDialog(context, asset.reference),
        BidderRequestDialog(context, notice.reference),
    ):
        qtbot.addWidget(dialog)
        dialog.show()
        assert rich(dialog) == []


def test_a_message_shows_a_name_as_words(qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append((box.text(), box.textFormat())) or 0)
    messages = Messages()
    messages.error(None, "Nothing was saved", f"{MARKUP} is already in the register.")
    messages.info(None, "Saved", f"{MARKUP} was saved.")
    messages.confirm(None, "Delete?", f"Delete {MARKUP}?")
    assert [form for _, form in shown] == [Qt.TextFormat.PlainText] * 3
    assert all(MARKUP in text for text, _ in shown)
