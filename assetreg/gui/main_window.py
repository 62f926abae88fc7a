"""The main window: a list of views on the left, the chosen view on the right, a menu bar; layout remembered."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import AssetRegError
from ..paths import is_register_url
from ..services.lock import HEARTBEAT
from ..services.register import Register
from .context import AppContext
from .recent import RecentMenu, follow_move, register_folder, remember_register, suggest_new_register
from .undo import undo_history
from .views import ViewKind
from .views.view import View
from .watcher import EVERYTHING, RegisterWatcher
from .widgets import icons
from .widgets.banner import safety_banner, update_banner

if TYPE_CHECKING:  # the dialogs, printing and calendar export load when first used, not at start
    from .forms.backups_dialog import BackupsDialog
    from .forms.settings_dialog import SettingsDialog

REGISTER_FILES = "AssetReg registers (*.assetreg)"
ViewBuilder = Callable[[AppContext], "list[View | type[View] | ViewKind]"]


class MainWindow(QMainWindow):
    """Holds the views. Ctrl+1…Ctrl+9 switch between them; the last one shown opens next time.

    A view may be given as its class, or as a ``ViewKind`` (its module not loaded yet), to be built the first
    time it is wanted (shown, or asked for by ``view``), so that starting needs only the view shown first.
    ``build_views`` makes the views for another register when File › Open or New switches to it (by default,
    the application's own list). Unless ``remember`` is False (a demo copy, a screenshot), the register becomes
    the last one, opened again next time, and heads File › Open recent.
    Changes another process makes to the register are shown as they happen.

    While the window holds the register's lock it says so every ``HEARTBEAT`` (so the lock is not thought
    stale); if another window has taken it over, this one turns read-only. While read-only, every control
    that changes the register is disabled, its tooltip saying why (see ``AppContext.writes``).
    """

    def __init__(
        self,
        context: AppContext,
        views: Sequence[View | type[View] | ViewKind],
        build_views: ViewBuilder | None = None,
        *,
        remember: bool = True,
    ) -> None:
        super().__init__()
        self.context = context
        self._build_views = build_views
        if remember:
            remember_register(context.register.remembered)
        self.watcher = RegisterWatcher(context)
        self._owns_register = False  # a register this window opened itself is closed with it
        self.settings_dialog: SettingsDialog | None = None
        name = context.register.location if context.register.shared else context.register.path.name
        self.setWindowTitle(self.tr("AssetReg — {name}").replace("{name}", name))
        self._kinds = {view.name: type(view) if isinstance(view, View) else view for view in views}
        self._views = {view.name: view for view in views if isinstance(view, View)}  # those built so far
        self._loaded: set[str] = set()  # views loaded once already
        self._nav = QListWidget()
        self._nav.setAccessibleName(self.tr("Views"))
        # As wide as the longest title (so "Transfer applications" is never cut), and at least 150 pixels.
        longest = max((self._nav.fontMetrics().horizontalAdvance(self._title(n)) for n in self._kinds), default=0)
        self._nav.setFixedWidth(max(150, longest + 20 + 16 + 28))  # icon, item padding, gaps and frame
        self._nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._nav.setFrameShape(QFrame.Shape.NoFrame)
        self._nav.setSpacing(2)
        self._nav.setIconSize(QSize(20, 20))
        self._nav.setStyleSheet("QListWidget { padding-top: 8px; } QListWidget::item { padding: 6px 8px; }")
        self._stack = QStackedWidget()
        for name in self._kinds:
            item = QListWidgetItem(self._icon(name), self._title(name), self._nav)
            item.setData(Qt.ItemDataRole.UserRole, name)
            built = self._views.get(name)
            self._stack.addWidget(built if built is not None else QWidget())  # a place kept until it is built
            if built is not None:
                self._adopt(built)
        icons.follow(self._nav, self._on_palette)  # the views' icons redrawn when light turns dark
        self._make_menus()
        self._nav.currentRowChanged.connect(self._on_nav)
        main = QWidget()
        layout = QHBoxLayout(main)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._nav)
        layout.addWidget(self._stack, 1)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.banner = safety_banner(context.register)
        column.addWidget(self.banner)
        column.addWidget(main, 1)
        self.setCentralWidget(body)
        self.resize(1200, 760)
        self._restore()
        context.read_only_changed.connect(self._on_read_only)
        self.lock_timer = QTimer(self)
        self.lock_timer.setInterval(int(HEARTBEAT.total_seconds() * 1000))
        self.lock_timer.timeout.connect(context.keep_lock)
        self.lock_timer.start()
        context.recheck_read_only()

    def _on_read_only(self, _reason: str) -> None:
        update_banner(self.banner, self.context.register)

    def _on_palette(self) -> None:
        for row, name in enumerate(self._kinds):
            if (item := self._nav.item(row)) is not None:
                item.setIcon(self._icon(name))

    def _title(self, name: str) -> str:
        built = self._views.get(name)
        return built.title() if built is not None else self._kinds[name].title_of()

    def _icon(self, name: str) -> QIcon:
        built = self._views.get(name)
        return built.icon() if built is not None else icons.icon(self._kinds[name].icon_name, self.palette())

    def show_view(self, name: str) -> View:
        names = list(self._kinds)
        self._nav.setCurrentRow(names.index(name) if name in names else 0)
        return self._stack.currentWidget()

    def view(self, name: str) -> View:
        """The view called ``name``, built now if it has not been yet (it loads when first shown)."""
        built = self._views.get(name)
        if built is None:
            built = self._kinds[name](self.context)
            index = list(self._kinds).index(name)
            placeholder = self._stack.widget(index)
            self._stack.insertWidget(index, built)
            self._stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self._views[name] = built
            self._adopt(built)
        return built

    def views(self) -> list[View]:
        """Every view, in navigation order, each built if it was not yet."""
        return [self.view(name) for name in self._kinds]

    def _adopt(self, view: View) -> None:
        view.open_record.connect(self._on_open_record)
        if view.name == "assets" and hasattr(view, "find_shortcut"):
            view.find_shortcut.setEnabled(False)  # Edit › Find does it from anywhere in the window

    # menus

    def _make_menus(self) -> None:
        t = self.tr
        file_menu = self.menuBar().addMenu(t("&File"))
        self.open_action = self._action(file_menu, t("&Open register…"), self._on_open_register, "Ctrl+O")
        self.recent_menu = RecentMenu(file_menu)
        self.recent_menu.chosen.connect(self.open_register)
        file_menu.addMenu(self.recent_menu)
        self.new_action = self._action(file_menu, t("&New register…"), self._on_new_register, "Ctrl+Shift+N")
        self.connect_action = self._action(file_menu, t("Connect to a s&hared register…"), self._on_connect)
        self.connect_action.setStatusTip(t("Open a register several people use at once, on a PostgreSQL server"))
        file_menu.addSeparator()
        self.backups_action = self._action(file_menu, t("Bac&kups…"), self.open_backups)
        self.backups_action.setStatusTip(t("See the register's backups, back up now, or put one back"))
        self.move_action = self._action(file_menu, t("&Move register…"), self._on_move_register)
        self.move_action.setStatusTip(t("Move the register, its attachments and backups to another folder"))
        file_menu.addSeparator()
        self.export_action = self._action(file_menu, t("&Export deadlines to calendar…"), self._on_export_calendar)
        self.export_action.setStatusTip(t("Save every coming deadline as an iCalendar file, with reminders"))
        self.import_action = self._action(file_menu, t("&Import council list…"), self._on_import_list)
        self.import_action.setStatusTip(t("Add or update assets from a council's list (CSV or Excel)"))
        file_menu.addSeparator()
        self.print_deadlines_action = self._action(
            file_menu, t("Print &deadlines for a meeting…"), self._on_print_deadlines, "Ctrl+P"
        )
        self.print_register_action = self._action(file_menu, t("Print the &register…"), self._on_print_register)
        self.print_register_action.setStatusTip(t("Every asset with its status and key dates, as a PDF"))
        file_menu.addSeparator()
        self.quit_action = self._action(file_menu, t("&Quit"), self.close, "Ctrl+Q")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        edit_menu = self.menuBar().addMenu(t("&Edit"))
        stack = undo_history(self.context).stack
        # The stack keeps their text ("Undo change to The Red Lion") and whether they can be used.
        self.undo_action = stack.createUndoAction(self, t("&Undo"))
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        self.redo_action = stack.createRedoAction(self, t("&Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        self.find_action = self._action(edit_menu, t("&Find an asset"), self._on_find, "Ctrl+F")
        self.find_action.setStatusTip(t("Go to the assets and search them"))
        edit_menu.addSeparator()
        self.settings_action = self._action(edit_menu, t("&Settings…"), self.open_settings, "Ctrl+,")
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)

        view_menu = self.menuBar().addMenu(t("&View"))
        self._view_group = QActionGroup(self)
        self.view_actions: list[QAction] = []
        for index, name in enumerate(self._kinds):
            shortcut = f"Ctrl+{index + 1}" if index < 9 else ""
            action = self._action(
                view_menu, self._title(name), lambda _=False, i=index: self._nav.setCurrentRow(i), shortcut
            )
            action.setIcon(self._icon(name))
            action.setCheckable(True)
            self._view_group.addAction(action)
            self.view_actions.append(action)
        view_menu.addSeparator()
        self.refresh_action = self._action(view_menu, t("Re&fresh"), self._on_refresh, "F5")
        self.refresh_action.setStatusTip(t("Show the register as it is now, with changes made elsewhere"))
        help_menu = self.menuBar().addMenu(t("&Help"))
        self.guide_action = self._action(help_menu, t("User &guide"), self._on_guide, "F1")
        self.about_action = self._action(help_menu, t("&About AssetReg"), self._on_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        for menu in (file_menu, edit_menu):
            menu.setToolTipsVisible(True)  # a disabled entry says why
        self.context.writes(self.import_action, self.move_action, self.undo_action, self.redo_action)

    def _action(self, menu, text: str, slot: Callable, shortcut: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _=False: slot())
        menu.addAction(action)
        return action

    # behaviour

    def _on_guide(self) -> None:
        from .help import GuideDialog

        dialog = GuideDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def _on_about(self) -> None:
        from .help import show_about

        show_about(self, self.context.register.location)

    def _on_nav(self, row: int) -> None:
        if 0 <= row < len(self._kinds):
            self.view(list(self._kinds)[row])
        self._stack.setCurrentIndex(row)
        if 0 <= row < len(self.view_actions):
            self.view_actions[row].setChecked(True)
        view = self._stack.currentWidget()
        # Load a view the first time it is shown; after that ``data_changed`` keeps it current, so switching
        # back does not redo seconds of work on a large register.
        if isinstance(view, View) and view.name not in self._loaded:
            self._loaded.add(view.name)
            view.refresh()

    def _on_find(self) -> None:
        view = self.show_view("assets")
        if view.name == "assets" and hasattr(view, "focus_search"):
            view.focus_search()

    def _on_refresh(self) -> None:
        self.context.notify(EVERYTHING)

    def _on_open_record(self, reference: str) -> None:
        asset_page = self.view("asset") if "asset" in self._kinds else None
        if asset_page is not None and hasattr(asset_page, "show_asset"):
            asset_page.show_asset(reference)  # loads it; showing the page must not load it again
            self._loaded.add(asset_page.name)
            self.show_view("asset")

    def open_settings(self) -> SettingsDialog | None:
        """Shows the settings (window-modal); saving them notifies every view."""
        from .forms.settings_dialog import SettingsDialog

        try:
            dialog = SettingsDialog(self.context, self)
        except AssetRegError as error:
            self.context.messages.error(self, self.tr("The settings cannot be shown"), str(error))
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._on_settings_closed)
        self.settings_dialog = dialog
        dialog.open()
        return dialog

    def open_backups(self) -> BackupsDialog:
        from .forms.backups_dialog import BackupsDialog

        dialog = BackupsDialog(self.context, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _on_settings_closed(self, _result: int) -> None:
        self.settings_dialog = None

    def _on_open_register(self) -> None:
        path = self.choose_register_to_open()
        if path is not None:
            self.open_register(path)

    def _on_new_register(self) -> None:
        path = self.choose_new_register()
        if path is None:
            return
        if path.exists():
            self.context.messages.error(
                self,
                self.tr("The register was not made"),
                self.tr("There is already a file at {path}; choose a new name so nothing is overwritten.").format(
                    path=path
                ),
            )
            return
        self.open_register(path, create=True)

    def _on_connect(self) -> None:
        current = self.context.register.remembered if self.context.register.shared else "postgresql://"
        address = self.context.messages.ask_text(
            self,
            self.tr("Connect to a shared register"),
            self.tr(
                "The shared register's address, as whoever runs its server gave it to you, such as\n"
                "postgresql://your-name@server.example.org/register"
            ),
            str(current),
        )
        if address is None:
            return
        if not is_register_url(address):
            self.context.messages.error(
                self,
                self.tr("The register was not opened"),
                self.tr("{address} is not a shared register's address; it starts with postgresql://").replace(
                    "{address}", address
                ),
            )
            return
        self.open_register(address)

    def open_register(self, path: Path | str, *, create: bool = False) -> MainWindow | None:
        """Opens (or makes) another register — a file, or a shared register's address — in a new window, which
        takes this one's place."""
        if not create and path == self.context.register.remembered:
            return self
        same_file = isinstance(path, Path) and not self.context.register.shared
        if not create and same_file and path.resolve() == self.context.register.path.resolve():
            return self
        try:
            register = Register.open(path, create=create, check_later=True)
        except AssetRegError as error:
            self.context.messages.error(self, self.tr("The register was not opened"), str(error))
            return None
        context = AppContext(register, self.context.messages)
        if self._build_views is None:  # the app's own windows hold the lock; a test's window does not
            from .application import claim_register

            claim_register(context, self)
        build = self._build_views or _application_views
        window = MainWindow(context, build(context), self._build_views)
        window._owns_register = True
        current = self._stack.currentWidget()
        window.restoreGeometry(self.saveGeometry())
        window.show_view(current.name if isinstance(current, View) else "dashboard")
        window.show()
        self.close()
        return window

    def _on_move_register(self) -> None:
        target = self.choose_move_target()
        if target is not None:
            self.move_register(target)

    def move_register(self, target: Path) -> MainWindow | None:
        """Moves the register (with its attachments and backups) to ``target``, then shows it from there."""
        from ..services.move import move_register

        self.context.tasks.wait(5000)  # nothing still reading it in the background
        self.watcher.stop()
        try:
            moved = move_register(self.context.register, target)
        except AssetRegError as error:
            self.watcher = RegisterWatcher(self.context)
            self.context.messages.error(self, self.tr("The register was not moved"), str(error))
            return None
        follow_move(moved.source, moved.target)
        self.context.messages.info(
            self,
            self.tr("Register moved"),
            self.tr("The register, its attachments and its backups are now at {target}; each was checked.").replace(
                "{target}", str(moved.target)
            ),
        )
        self._owns_register = False  # moving closed it
        return self.open_register(moved.target)

    def _on_print_deadlines(self) -> None:
        from .printing import print_deadline_report

        print_deadline_report(self.context, self)

    def _on_import_list(self) -> None:
        from .forms.import_dialog import ImportDialog

        ImportDialog(self.context, self).exec()

    def _on_print_register(self) -> None:
        from .printing import print_register_extract

        print_register_extract(self.context, self)

    def _on_export_calendar(self) -> None:
        from .views.calendar_view import export_deadlines

        export_deadlines(self.context, self, lambda busy: self.export_action.setEnabled(not busy))

    # file choices (replaced in tests)

    def choose_register_to_open(self) -> Path | None:
        return self.context.messages.choose_existing_file(
            self, self.tr("Open a register"), register_folder(self.context.register.remembered), self.tr(REGISTER_FILES)
        )

    def choose_new_register(self) -> Path | None:
        """Where the new register goes: by default beside this one, named so that nothing is overwritten."""
        suggested = suggest_new_register(self.context.register.remembered)
        path = self.context.messages.choose_new_file(self, self.tr("New register"), suggested, self.tr(REGISTER_FILES))
        return path if path is None or path.suffix else path.with_suffix(".assetreg")

    def choose_move_target(self) -> Path | None:
        """Where the register goes (its attachments and backups go beside it); None if the person cancels."""
        documents = Path.home() / "Documents"
        suggested = (documents if documents.is_dir() else Path.home()) / self.context.register.path.name
        path = self.context.messages.choose_new_file(
            self, self.tr("Move the register to"), suggested, self.tr(REGISTER_FILES)
        )
        return path if path is None or path.suffix else path.with_suffix(".assetreg")

    # layout

    def _restore(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        self.show_view(str(settings.value("window/view", "dashboard")))

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        view = self._stack.currentWidget()
        settings.setValue("window/view", view.name if isinstance(view, View) else "dashboard")
        self.context.tasks.wait(5000)
        self.watcher.stop()
        self.lock_timer.stop()
        if self._owns_register:
            self.context.register.close()
        super().closeEvent(event)


def _application_views(_context: AppContext) -> list[View | type[View] | ViewKind]:
    from .application import view_kinds  # the application module builds this window, so import it late

    return list(view_kinds())
