"""Starting the desktop app: choose the register (a welcome on first run), build the window, or take a screenshot."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from ..domain.errors import AssetRegError
from ..paths import data_dir, register_path
from ..services.register import Register
from .context import AppContext
from .crash import install_crash_handler
from .main_window import MainWindow
from .view import View


def build_views(context: AppContext) -> list[View]:
    """Every view of the window, in navigation order."""
    from .applications_view import ApplicationsView
    from .asset_page import AssetPage
    from .assets_view import AssetsView
    from .calendar_view import CalendarView
    from .dashboard_view import DashboardView
    from .trash_view import TrashView

    return [
        DashboardView(context),
        AssetsView(context),
        AssetPage(context),
        ApplicationsView(context),
        CalendarView(context),
        TrashView(context),
    ]


def run_gui(path: Path | None, *, screenshot: Path | None = None, view: str = "") -> int:
    """Shows the register at ``path``; with no path, the default register (offering a welcome on first run)."""
    app = _application()
    try:
        # A screenshot never waits for a person, so it skips the welcome.
        path = path or (register_path() if screenshot is not None else _default_or_welcome())
        if path is None:
            return 0
        register = Register.open(path, create=path == register_path())
    except AssetRegError as error:
        QMessageBox.critical(None, app.tr("AssetReg cannot open the register"), str(error))
        return error.exit_status
    context = AppContext(register)
    window = MainWindow(context, build_views(context))
    if view:
        shown = window.show_view(view)
        if screenshot is not None:
            _choose_subject(shown)
    if screenshot is not None:
        return _screenshot(window, screenshot, view)
    window.show()
    try:
        return app.exec()
    finally:
        register.close()


def _application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv)
    QCoreApplication.setOrganizationName("AssetReg")
    QCoreApplication.setApplicationName("AssetReg")
    logging.basicConfig(
        filename=str(_log_path()), level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    install_crash_handler()
    return app


def _log_path() -> Path:
    folder = data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "assetreg.log"


def _default_or_welcome() -> Path | None:
    """The default register, or on first run the user's choice: a new register, the demo, or a file."""
    default = register_path()
    if default.exists():
        return default
    box = QMessageBox()
    box.setWindowTitle(QApplication.translate("welcome", "Welcome to AssetReg"))
    box.setText(
        QApplication.translate(
            "welcome",
            "AssetReg keeps your group's register of assets of community value and warns you before any "
            "statutory date. How would you like to start?",
        )
    )
    new = box.addButton(QApplication.translate("welcome", "Start a new register"), QMessageBox.ButtonRole.AcceptRole)
    demo = box.addButton(QApplication.translate("welcome", "Explore the demo"), QMessageBox.ButtonRole.ActionRole)
    open_file = box.addButton(
        QApplication.translate("welcome", "Open a register file…"), QMessageBox.ButtonRole.ActionRole
    )
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is new:
        return default
    if clicked is demo:
        from ..services.demo import temporary_demo_register

        return temporary_demo_register()
    if clicked is open_file:
        chosen, _ = QFileDialog.getOpenFileName(
            None,
            QApplication.translate("welcome", "Open a register"),
            "",
            QApplication.translate("welcome", "AssetReg registers (*.assetreg)"),
        )
        return Path(chosen) if chosen else None
    return None


def _choose_subject(shown: View) -> None:
    """For a picture, the view shows what it can show most of: on the applications view, a council transfer
    whose council's own profile is known (the demo's youth centre), with its history and pack checklist."""
    from ..domain.enums import ApplicationKind
    from .applications_view import ApplicationsView

    CAT = ApplicationKind.COMMUNITY_ASSET_TRANSFER
    if isinstance(shown, ApplicationsView):
        rows = shown.rows()
        richest = next((r for r in rows if r.profile.code != "default" and r.application.kind is CAT), None)
        if richest is not None:
            shown.select_application(richest.reference)


def _screenshot(window: MainWindow, path: Path, view: str) -> int:
    """Renders the window (after its views have loaded) to a PNG and returns without showing it."""
    window.resize(1280, 800)
    window.show()
    app = QApplication.instance()
    waited = 0
    # Views load off the GUI thread; give them time to arrive, then paint.
    while waited < 60_000 and not window.context.tasks.wait(50):
        app.processEvents()
        waited += 50
    for _ in range(5):
        app.processEvents()
        QTimer.singleShot(0, lambda: None)
    path.parent.mkdir(parents=True, exist_ok=True)
    target: QWidget = window
    saved = target.grab().save(str(path))
    window.context.register.close()
    return 0 if saved else 1
