"""The registers a person has opened: the last one (opened again at start) and File › Open recent.

Kept in QSettings beside the window layout. A demo copy is never remembered: it lives in a temporary folder.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Signal
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from ..paths import is_register_url
from ..services.demo import is_temporary_demo

RECENT_KEY = "registers/recent"
LAST_KEY = "registers/last"
KEEP = 8  # how many the menu lists


def _location(text: str) -> Path | str:
    """A remembered register: a file's path, or a shared register's address (kept as text)."""
    return text if is_register_url(text) else Path(text)


def recent_registers() -> list[Path | str]:
    """The registers opened lately, most recent first (some may since have moved or gone); a shared register
    is its address."""
    stored = QSettings().value(RECENT_KEY, [])
    if isinstance(stored, str):  # QSettings gives a lone string for a list of one
        stored = [stored]
    return [_location(str(text)) for text in stored or [] if text]


def last_register() -> Path | str | None:
    """The register open when the app last ran, or None if none was remembered."""
    stored = QSettings().value(LAST_KEY, "")
    return _location(str(stored)) if stored else None


def remember_register(path: Path | str) -> None:
    """``path`` (a file, or a shared register's address) becomes the last register and the first of the recent
    ones."""
    path = path if isinstance(path, str) else path.resolve()
    others = [p for p in recent_registers() if p != path]
    settings = QSettings()
    settings.setValue(RECENT_KEY, [str(p) for p in [path, *others][:KEEP]])
    settings.setValue(LAST_KEY, str(path))


def follow_move(old: Path, new: Path) -> None:
    """The register at ``old`` has moved to ``new``: the last register and the recent ones say so."""
    if not QCoreApplication.organizationName():  # called from the command line, with no app running
        QCoreApplication.setOrganizationName("AssetReg")
        QCoreApplication.setApplicationName("AssetReg")
    old, new = Path(old).resolve(), Path(new).resolve()
    recent = recent_registers()
    if old in recent:
        QSettings().setValue(RECENT_KEY, [str(new if p == old else p) for p in recent])
    if last_register() == old:
        QSettings().setValue(LAST_KEY, str(new))


def forget_last_register() -> None:
    QSettings().remove(LAST_KEY)


def clear_recent_registers() -> None:
    QSettings().remove(RECENT_KEY)


def register_folder(current: Path | str) -> Path:
    """Where to look for or make a register: beside ``current``, unless that is a temporary demo copy or a
    shared register (then the person's Documents)."""
    if isinstance(current, str) or is_temporary_demo(current):
        documents = Path.home() / "Documents"
        return documents if documents.is_dir() else Path.home()
    return current.parent


def suggest_new_register(current: Path | str) -> Path:
    """A name for a new register in ``register_folder(current)`` that no file has yet."""
    folder = register_folder(current)
    suggested = folder / QApplication.translate("recent", "New register.assetreg")
    number = 2
    while suggested.exists():
        name = QApplication.translate("recent", "New register {number}.assetreg").replace("{number}", str(number))
        suggested = folder / name
        number += 1
    return suggested


class RecentMenu(QMenu):
    """File › Open recent: the recent registers (a missing one is shown, disabled), then Clear list.

    Built afresh each time it opens, so it follows other windows and files moved meanwhile.
    """

    chosen = Signal(object)  # Path

    def __init__(self, parent: QWidget | None = None, exists: Callable[[Path], bool] = Path.exists) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Open re&cent"))
        self._exists = exists
        self.aboutToShow.connect(self.rebuild)
        self.rebuild()

    def rebuild(self) -> None:
        self.clear()
        paths = recent_registers()
        for number, path in enumerate(paths, start=1):
            if isinstance(path, str):  # a shared register: whether its server answers is seen when it is opened
                present, text = True, self.tr("{address} (shared)").replace("{address}", path).replace("&", "&&")
            else:
                present = self._exists(path)
                text = f"{path.name} — {path.parent}".replace("&", "&&")  # an & in a name is shown, not a mnemonic
            if not present:
                text += " " + self.tr("(no longer there)")
            action = self.addAction(f"&{number} {text}" if number < 10 else text)
            action.setEnabled(present)
            action.setToolTip(str(path))
            action.triggered.connect(lambda _=False, p=path: self._on_chosen(p))
        if not paths:
            self.addAction(self.tr("No registers opened yet")).setEnabled(False)
        self.addSeparator()
        clear = self.addAction(self.tr("C&lear list"))
        clear.setEnabled(bool(paths))
        clear.triggered.connect(self._on_clear)

    def _on_chosen(self, path: Path) -> None:
        self.chosen.emit(path)

    def _on_clear(self) -> None:
        clear_recent_registers()
        self.rebuild()
