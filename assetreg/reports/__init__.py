"""Printed documents: reportlab layout of the plain values in ``domain/printed.py``; no Qt, no database."""

from __future__ import annotations

import dataclasses
from importlib import import_module
from pathlib import Path
from typing import BinaryIO

from ..collector import paused
from ..domain import printed
from ..domain.errors import DocumentWriteError
from ..domain.i18n import tr
from ..paths import write_whole
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
    # Laying out makes many objects that all live until the file is written (see ``collector``).
    with paused(), collecting() as unprintable:
        rendered = import_module(f"{__name__}.{_LAYOUTS[type(document)]}").render(document, out)
    warning = unprintable_warning(unprintable)
    return dataclasses.replace(rendered, warnings=(*rendered.warnings, warning)) if warning else rendered


def write(document: object, path: Path) -> Rendered:
    """Renders ``document`` to a temporary file beside ``path`` and moves it into place once whole.

    A failure leaves whatever was at ``path`` before untouched; ``DocumentWriteError`` says what to do.
    """
    if Path(path).is_dir():
        raise DocumentWriteError(tr("{path} is a folder; give a file name ending in .pdf.").format(path=path))
    return write_whole(path, lambda stream: render(document, stream))
