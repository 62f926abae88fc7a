"""Printed documents: reportlab layout of the plain values in ``domain/printed.py``; no Qt, no database."""

from __future__ import annotations

import dataclasses
import os
import tempfile
from importlib import import_module
from pathlib import Path
from typing import BinaryIO

from ..domain import printed
from ..domain.errors import DocumentWriteError
from ..domain.i18n import tr
from ..paths import with_normal_permissions
from .house import Rendered
from .typeset import collecting, unprintable_warning

# Each document's layout module; each has ``render(document, out) -> Rendered``.
_LAYOUTS = {
    printed.NominationDocument: "nomination",
    printed.BidderRequestDocument: "bidder_request",
    printed.PackDocument: "pack",
    printed.DeadlineReportDocument: "deadline_report",
    printed.RegisterExtractDocument: "register_extract",
}


def render(document: object, out: BinaryIO) -> Rendered:
    """Writes ``document`` (one of the documents of ``domain/printed.py``) to ``out`` as a PDF."""
    with collecting() as unprintable:
        rendered = import_module(f"{__name__}.{_LAYOUTS[type(document)]}").render(document, out)
    warning = unprintable_warning(unprintable)
    return dataclasses.replace(rendered, warnings=(*rendered.warnings, warning)) if warning else rendered


def write(document: object, path: Path) -> Rendered:
    """Renders ``document`` to a temporary file beside ``path`` and moves it into place once whole.

    A failure leaves whatever was at ``path`` before untouched; ``DocumentWriteError`` says what to do.
    """
    if path.is_dir():
        raise DocumentWriteError(tr("{path} is a folder; give a file name ending in .pdf.").format(path=path))
    folder = path.parent
    if not folder.is_dir():
        raise DocumentWriteError(
            tr("The folder {folder} does not exist; create it or choose another.").format(folder=folder)
        )
    try:
        handle, temporary = tempfile.mkstemp(prefix=".assetreg-", suffix=".pdf", dir=folder)
    except OSError as error:
        raise DocumentWriteError(
            tr("Cannot write in {folder} ({reason}); choose another folder.").format(
                folder=folder, reason=error.strerror or error
            )
        ) from error
    try:
        with os.fdopen(handle, "wb") as stream:
            rendered = render(document, stream)
        with_normal_permissions(Path(temporary))
        os.replace(temporary, path)
    except OSError as error:
        raise DocumentWriteError(
            tr("Could not write {path} ({reason}); is it open in another program?").format(
                path=path, reason=error.strerror or error
            )
        ) from error
    finally:
        Path(temporary).unlink(missing_ok=True)
    return rendered
