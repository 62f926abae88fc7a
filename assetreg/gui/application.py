"""Starting the desktop app: choose the register (a welcome on first run), build the window, or take a screenshot."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from ..domain.errors import AssetRegError
from ..domain.i18n import tr
from ..paths import data_dir, register_path
from ..resources import ICON_SIZES, icon_file
from ..services.register import Register
from .context import AppContext
from .crash import install_crash_handler
from .display_check import display_problem
from .main_window import MainWindow
from .recent import forget_last_register, last_register
from .translation import install_catalogue
from .views import ViewKind
from .views.view import View

Welcome = Callable[[str], tuple[Path | None, bool]]  # a notice to show first → (register, remember it)


def view_kinds() -> list[ViewKind]:
    """Every view of the window, in navigation order; the window loads and builds each when it is first wanted."""
    return [
        ViewKind("dashboard_view", "DashboardView", "dashboard", "What's due", "due"),
        ViewKind("assets_view", "AssetsView", "assets", "Assets", "assets"),
        ViewKind("asset_page", "AssetPage", "asset", "Asset", "asset"),
        ViewKind("applications_view", "ApplicationsView", "applications", "Transfer applications", "applications"),
        ViewKind("calendar_view", "CalendarView", "calendar", "Calendar", "calendar"),
        ViewKind("contacts_view", "ContactsView", "contacts", "Contacts", "contacts"),
        ViewKind("trash_view", "TrashView", "trash", "Trash", "trash"),
    ]


def build_views(context: AppContext) -> list[View]:
    """Every view of the window, built now."""
    return [kind(context) for kind in view_kinds()]


def run_gui(path: Path | None, *, screenshot: Path | None = None, view: str = "", remember: bool = True) -> int:
    """Shows the register at ``path``; with no path, the last one opened, else the default register (offering a
    welcome on first run). ``remember`` False (the demo) keeps it from being opened again next time."""
    problem = display_problem()
    if problem and screenshot is not None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a screenshot needs no screen: draw it off-screen
    elif problem:
        print(tr("assetreg: {problem}").format(problem=problem), file=sys.stderr)
        return NO_DISPLAY_EXIT_STATUS
    app = _application()
    try:
        if screenshot is not None:  # a screenshot never waits for a person, nor changes what opens next time
            path, remember = path or register_path(), False
        elif path is None:
            path, remember = starting_register()
        if path is None:
            return 0
        register = Register.open(path, create=isinstance(path, Path) and path == register_path(), check_later=True)
    except AssetRegError as error:
        if screenshot is not None:  # a screenshot is taken by a script: say why on its error stream
            print(tr("assetreg: {problem}").format(problem=error), file=sys.stderr)
        else:
            QMessageBox.critical(None, app.tr("AssetReg cannot open the register"), str(error))
        return error.exit_status
    context = AppContext(register)
    if screenshot is None:
        claim_register(context)
    window = MainWindow(context, view_kinds(), remember=remember)
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


def claim_register(context: AppContext, parent: QWidget | None = None) -> None:
    """Takes the register's lock for this window (asking before taking over a stale one), then, in the
    background, makes the day's backup the first time the register is opened on a day."""
    register = context.register
    holder = register.claim()
    if holder is not None and holder.is_stale():
        question = QApplication.translate(
            "lock",
            "{holder} had this register open, but that window seems to have gone (its program is no longer running, "
            "or it has not said it is still there for a quarter of an hour). Take it over? If it is in fact still "
            "open there, that window will find it taken and show it read-only from then on.",
        ).replace("{holder}", holder.describe())
        if context.messages.confirm(parent, QApplication.translate("lock", "Take over the register?"), question):
            register.claim(take_over=True)
    if register.read_only:
        return
    from ..services.backups import daily_backup

    def failed(error: Exception) -> None:
        context.messages.error(parent, QApplication.translate("backup", "Today's backup was not made"), str(error))

    context.tasks.run(lambda: daily_backup(register), lambda _backup: None, failed)


NO_DISPLAY_EXIT_STATUS = 4  # distinct from the register's refusals (1-3): nothing is wrong with the data


def app_icon() -> QIcon:
    """The app's icon at every size it ships, so each window, task bar and dock picks the sharpest."""
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(icon_file(size)), QSize(size, size))
    return icon


def _application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv)
    QCoreApplication.setOrganizationName("AssetReg")
    QCoreApplication.setApplicationName("AssetReg")
    app.setWindowIcon(app_icon())
    install_catalogue(app)  # every tr() of the GUI reads the one catalogue the rest of AssetReg uses
    logging.basicConfig(
        filename=str(_log_path()), level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    install_crash_handler()
    return app


def _log_path() -> Path:
    folder = data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "assetreg.log"


def starting_register(welcome: Welcome | None = None) -> tuple[Path | None, bool]:
    """The register to open when none was named, and whether to remember it: the last one opened if it is still
    there, else the default register; on first run, or when the last one has gone, the welcome asks."""
    welcome = welcome or _welcome
    last = last_register()
    if isinstance(last, str) or (last is not None and last.exists()):  # a shared register: its server will say
        return last, True
    if last is None:
        usual = register_path()
        return (usual, True) if isinstance(usual, str) or usual.exists() else welcome("")
    forget_last_register()
    notice = QApplication.translate(
        "welcome",
        "The register you had open last time is no longer at {path}. It may have been moved, renamed or "
        "deleted; if you know where it is now, open it from there.",
    ).replace("{path}", str(last))
    return welcome(notice)


def _welcome(notice: str) -> tuple[Path | None, bool]:
    """The user's choice of a new (or the usual) register, the demo, or a file; ``notice`` is said first."""
    default = register_path()
    box = QMessageBox()
    box.setWindowTitle(QApplication.translate("welcome", "Welcome to AssetReg"))
    words = QApplication.translate(
        "welcome",
        "AssetReg keeps your group's register of assets of community value and warns you before any "
        "statutory date. How would you like to start?",
    )
    box.setTextFormat(Qt.TextFormat.PlainText)  # the notice holds a file name
    box.setText(f"{notice}\n\n{words}" if notice else words)
    start = (
        QApplication.translate("welcome", "Open the register in the usual place")
        if default.exists()
        else QApplication.translate("welcome", "Start a new register")
    )
    new = box.addButton(start, QMessageBox.ButtonRole.AcceptRole)
    demo = box.addButton(QApplication.translate("welcome", "Explore the demo"), QMessageBox.ButtonRole.ActionRole)
    open_file = box.addButton(
        QApplication.translate("welcome", "Open a register file…"), QMessageBox.ButtonRole.ActionRole
    )
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is new:
        return default, True
    if clicked is demo:
        from ..services.demo import temporary_demo_register

        return temporary_demo_register(), False
    if clicked is open_file:
        chosen, _ = QFileDialog.getOpenFileName(
            None,
            QApplication.translate("welcome", "Open a register"),
            "",
            QApplication.translate("welcome", "AssetReg registers (*.assetreg)"),
        )
        return (Path(chosen) if chosen else None), True
    return None, False


def _choose_subject(shown: View) -> None:
    """For a picture, the view shows what it can show most of: on the applications view, a council transfer
    whose council's own profile is known (the demo's youth centre), with its history and pack checklist."""
    if shown.name != "applications":
        return
    from ..domain.enums import ApplicationKind

    CAT = ApplicationKind.COMMUNITY_ASSET_TRANSFER
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
