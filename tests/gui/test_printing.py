"""Printing from the app (offscreen Qt): each Print action makes its PDF in the background, saves it in the
printed documents folder without replacing an earlier one, and opens it; problems are said plainly."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from assetreg.domain.errors import NotFoundError
from assetreg.gui import printing
from assetreg.gui.context import AppContext
from assetreg.gui.messages import Messages
from assetreg.gui.views.asset_page import AssetPage
from assetreg.gui.views.dashboard_view import DashboardView
from assetreg.services.demo import write_demo_register
from assetreg.services.register import Register

DEMO_DAY = date(2025, 9, 15)
FIXED_NOW = datetime(2025, 9, 15, 10, 30, tzinfo=UTC)


class RecordingMessages(Messages):
    def __init__(self) -> None:
        self.errors: list[tuple[str, str]] = []
        self.infos: list[tuple[str, str]] = []

    def error(self, parent, title: str, text: str) -> None:
        self.errors.append((title, text))

    def info(self, parent, title: str, text: str) -> None:
        self.infos.append((title, text))


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("printing-demo")
    write_demo_register(folder / "demo.assetreg", today=DEMO_DAY)
    return folder


@pytest.fixture
def context(demo_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    copy = tmp_path / "demo"
    shutil.copytree(demo_folder, copy)
    register = Register.open(copy / "demo.assetreg")
    register.clock = lambda: FIXED_NOW
    monkeypatch.setenv("ASSETREG_PRINT_DIR", str(tmp_path / "printed"))
    context = AppContext(register, RecordingMessages())
    yield context
    context.tasks.wait()
    register.close()


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    paths: list[Path] = []
    monkeypatch.setattr(printing, "open_file", lambda path: paths.append(path) or True)
    return paths


def wait_for(qtbot, opened: list[Path], count: int = 1) -> Path:
    qtbot.waitUntil(lambda: len(opened) >= count, timeout=120_000)
    return opened[-1]


def test_the_asset_page_prints_the_nomination_and_opens_it(qtbot, context, opened, pdf):
    page = AssetPage(context)
    qtbot.addWidget(page)
    page.show_asset("AST-0001")
    page.print_button.click()
    path = wait_for(qtbot, opened)

    parsed = pdf.parse(path)
    assert path.parent.name == "printed" and path.name.startswith("Nomination AST-0001")
    assert page.detail.asset.name in parsed.text
    assert context.messages.errors == []
    # What the nomination could not show from the register is said, as something to see to before sending.
    (title, said), *_ = context.messages.infos
    assert title == "Printed: check these before sending" and "Not known:" in said
    # Printing again keeps the first file and writes a second beside it.
    page.print_button.click()
    second = wait_for(qtbot, opened, 2)
    assert second != path and path.exists() and second.name.endswith("(2).pdf")


def test_a_notice_panel_prints_the_request_to_bid(qtbot, context, opened, pdf):
    page = AssetPage(context)
    qtbot.addWidget(page)
    page.show_asset("AST-0001")
    panel = page.notice_panels[0]
    panel.print_button.click()
    path = wait_for(qtbot, opened)
    text = pdf.parse(path).text
    assert "section 95" in text.lower()
    assert panel.notice.reference in path.name


def test_the_dashboard_prints_the_deadline_report(qtbot, context, opened, pdf):
    view = DashboardView(context)
    qtbot.addWidget(view)
    view.print_button.click()
    path = wait_for(qtbot, opened)
    assert path.name.startswith("Deadlines")
    assert pdf.parse(path).pages >= 1


def test_when_no_viewer_opens_it_the_app_says_where_it_is(qtbot, context, monkeypatch, pdf):
    monkeypatch.setattr(printing, "open_file", lambda path: False)
    parent = DashboardView(context)
    qtbot.addWidget(parent)
    printing.print_register_extract(context, parent)
    qtbot.waitUntil(lambda: bool(context.messages.infos), timeout=120_000)
    title, text = context.messages.infos[0]
    saved = Path(text.split("Saved as ", 1)[1].split(". Open it", 1)[0])
    assert saved.exists() and pdf.parse(saved).pages >= 1


def test_a_problem_is_said_plainly_and_nothing_is_saved(qtbot, context, opened, tmp_path):
    parent = DashboardView(context)
    qtbot.addWidget(parent)

    def gone(register):
        raise NotFoundError("There is no asset AST-0999 in this register.")

    printing.print_document(context, parent, "the nomination", gone, "Nomination {today}")
    qtbot.waitUntil(lambda: bool(context.messages.errors), timeout=120_000)
    title, text = context.messages.errors[0]
    assert title == "Could not print"
    assert text == "The nomination could not be made: There is no asset AST-0999 in this register."
    assert opened == []
    assert not (tmp_path / "printed").exists() or not list((tmp_path / "printed").iterdir())


def test_the_applications_view_prints_the_pack_with_the_groups_answers(qtbot, context, opened, pdf):
    from assetreg.gui.views.applications_view import ApplicationsView
    from assetreg.services.applications import application_overview

    view = ApplicationsView(context)
    qtbot.addWidget(view)
    view.refresh()
    qtbot.waitUntil(lambda: not view.loading, timeout=120_000)
    assert view.select_application("TA-0001")
    view.print_button.click()
    path = wait_for(qtbot, opened)

    text = pdf.parse(path).text
    answered = [s for s in application_overview(context.register, "TA-0001").checklist.sections if s.answer]
    assert answered
    for section in answered:
        first_words = " ".join(section.answer.split()[:6])
        assert first_words in " ".join(text.split())
    assert path.name.startswith("Pack TA-0001")
