"""Printing from the app: the document is made off the GUI thread with a progress window, saved in the printed
documents folder, and opened in the system's PDF viewer (from which it can be printed)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QProgressDialog, QWidget

from ..domain.errors import AssetRegError
from ..paths import printed_dir
from ..services.register import Register
from .context import AppContext


def open_file(path: Path) -> bool:
    """Opens ``path`` in the system's viewer; False when there is none. Tests replace this."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def unused_path(folder: Path, stem: str) -> Path:
    """``folder/stem.pdf``, or ``stem (2).pdf`` and so on when that is taken: an earlier print is never replaced."""
    stem = re.sub(r'[\\/:*?"<>|]+', "-", stem).strip(" .") or "document"
    path = folder / f"{stem}.pdf"
    number = 2
    while path.exists():
        path = folder / f"{stem} ({number}).pdf"
        number += 1
    return path


def print_document(
    context: AppContext,
    parent: QWidget,
    what: str,
    gather: Callable[[Register], Any],
    stem: str,
) -> QObject:
    """Makes ``what`` ("the nomination") from ``gather(register)`` in the background, then saves and opens it.

    ``stem`` names the file (without ``.pdf``). Returns the progress window, which closes itself when done.
    """
    tr = lambda text: QCoreApplication.translate("Printing", text)  # noqa: E731
    progress = QProgressDialog(tr("Preparing {what}…").format(what=what), "", 0, 0, parent)
    progress.setWindowTitle(tr("Printing"))
    progress.setCancelButton(None)  # the work cannot be stopped half-way; it is quick
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)
    progress.setValue(0)

    def work() -> tuple[Path, Any]:
        from ..reports import write

        document = gather(context.register)
        folder = printed_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = unused_path(folder, stem.format(today=document.letterhead.printed_on.isoformat()))
        return path, write(document, path)

    sentence = what[:1].upper() + what[1:]

    def done(result: tuple[Path, Any]) -> None:
        progress.close()
        path, rendered = result
        if rendered.warnings:  # what the document could not check or include: to see to before sending it
            context.messages.info(
                parent,
                tr("Printed: check these before sending"),
                tr("{what} was saved as {path}. Before sending it:\n\n{warnings}").format(
                    what=sentence, path=path, warnings="\n\n".join(rendered.warnings)
                ),
            )
        if not open_file(path):
            context.messages.info(
                parent,
                tr("Printed"),
                tr("Saved as {path}. Open it with a PDF viewer to print it.").format(path=path),
            )

    def failed(error: Exception) -> None:
        progress.close()
        if isinstance(error, AssetRegError):
            reason = str(error)
        else:  # a fault of ours, not something the user can put right; the log has the details
            reason = tr("something went wrong while making it. Nothing was saved; the log has the details.")
        context.messages.error(
            parent, tr("Could not print"), tr("{what} could not be made: {reason}").format(what=sentence, reason=reason)
        )

    context.tasks.run(work, done, failed)
    return progress


def print_deadline_report(context: AppContext, parent: QWidget) -> QObject:
    """What is overdue and due in the next 30 days, grouped by asset: for a committee meeting."""
    from ..services.deadlines import DEFAULT_WITHIN_DAYS
    from ..services.printing import deadline_report

    tr = lambda text: QCoreApplication.translate("Printing", text)  # noqa: E731
    return print_document(
        context,
        parent,
        tr("the deadline report"),
        lambda register: deadline_report(register, DEFAULT_WITHIN_DAYS),
        tr("Deadlines {today}"),
    )


def print_register_extract(context: AppContext, parent: QWidget) -> QObject:
    """Every asset with its status and key dates, on landscape pages."""
    from ..services.printing import register_extract

    tr = lambda text: QCoreApplication.translate("Printing", text)  # noqa: E731
    return print_document(context, parent, tr("the register extract"), register_extract, tr("Register {today}"))
