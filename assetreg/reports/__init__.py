"""Printed documents: reportlab layout of the plain values in ``domain/printed.py``; no Qt, no database."""

from __future__ import annotations

from importlib import import_module
from typing import BinaryIO

from ..domain import printed
from .house import Rendered

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
    return import_module(f"{__name__}.{_LAYOUTS[type(document)]}").render(document, out)
