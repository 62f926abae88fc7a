"""Uncaught exceptions: logged, shown with copyable details, and the app carries on where it safely can."""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

from ..domain.errors import AssetRegError

log = logging.getLogger("assetreg")


def install_crash_handler() -> None:
    """Routes uncaught exceptions to a dialog instead of a silent exit."""
    sys.excepthook = _show


def _show(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, tb)
        return
    details = "".join(traceback.format_exception(kind, error, tb))
    log.error("uncaught exception\n%s", details)
    app = QApplication.instance()
    if app is None or threading.current_thread() is not threading.main_thread():
        # Widgets belong to the GUI thread: off it (a background task, say) the log and stderr say it instead.
        sys.__excepthook__(kind, error, tb)
        return
    box = QMessageBox()
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(QApplication.translate("crash", "AssetReg ran into a problem"))
    if isinstance(error, AssetRegError):
        box.setText(str(error))
    else:
        box.setText(
            QApplication.translate(
                "crash",
                "Something went wrong that AssetReg did not expect. Your register is safe: every change is "
                "saved as it is made. The details below help us fix it — copy them into a report.",
            )
        )
    box.setDetailedText(details)
    box.exec()
