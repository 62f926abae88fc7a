"""Shared fixtures: every test that needs a register gets a fresh copy of one migrated template."""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader

# Tests never need a display; set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FIXED_NOW = datetime(2025, 9, 15, 10, 30, tzinfo=UTC)


@pytest.fixture(scope="session")
def template_register(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty register migrated to head, made once per test run."""
    from assetreg.db.engine import open_register

    path = tmp_path_factory.mktemp("template") / "template.assetreg"
    open_register(path, create=True).engine.dispose()
    return path


@pytest.fixture
def register_path(template_register: Path, tmp_path: Path) -> Path:
    """A fresh copy of the template register in this test's own folder."""
    path = tmp_path / "register.assetreg"
    shutil.copyfile(template_register, path)
    return path


@pytest.fixture
def register(register_path: Path):
    """An open register whose clock is fixed at Mon 15 Sep 2025 10:30 UTC and whose user is 'tester'."""
    from assetreg.services.register import Register

    opened = Register.open(register_path)
    opened.user = "tester"
    opened.clock = lambda: FIXED_NOW
    yield opened
    opened.close()


@pytest.fixture(autouse=True)
def _private_qt_settings(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest):
    """Window layout and last-shown views go to a throwaway folder, never to the user's own settings."""
    if "PySide6" not in sys.modules:  # tests that never touch Qt need nothing
        yield
        return
    from PySide6.QtCore import QCoreApplication, QSettings

    QCoreApplication.setOrganizationName("AssetRegTests")
    QCoreApplication.setApplicationName("AssetRegTests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path_factory.mktemp("qt")))
    yield


# Reading a printed document back: its text, pages and bookmarks (pypdf), its structure (qpdf, through pikepdf)
# and its pixels (PDFium, through pypdfium2) — all from PyPI, so the tests need no system programs.


@dataclass(frozen=True)
class ParsedPdf:
    pages: int
    texts: list[str]  # per page
    outline: list[tuple[int, str]]  # (level, title), in order
    metadata: dict

    @property
    def text(self) -> str:
        return "\n".join(self.texts)


def parse(path: Path) -> ParsedPdf:
    """The document's text per page, outline titles and metadata, after its structure check has passed."""
    check(path)
    reader = PdfReader(path)
    outline: list[tuple[int, str]] = []

    def walk(items, level):
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                outline.append((level, item.title))

    walk(reader.outline, 0)
    return ParsedPdf(
        pages=len(reader.pages),
        texts=[page.extract_text() or "" for page in reader.pages],
        outline=outline,
        metadata=dict(reader.metadata or {}),
    )


def check(path: Path) -> None:
    """Fails unless qpdf (through pikepdf) finds the file's structure sound, as ``qpdf --check`` would."""
    with pikepdf.open(path) as document:
        problems = document.check_pdf_syntax()
    assert not problems, "\n".join(map(str, problems))


def unembedded_fonts(path: Path) -> list[str]:
    """The names of fonts the document uses without embedding them (what ``pdffonts`` marks "emb no")."""
    found = set()
    with pikepdf.open(path) as document:
        for page in document.pages:
            fonts = page.obj.get("/Resources", {}).get("/Font", {})
            for font in fonts.values():
                descendants = font.get("/DescendantFonts", [font])
                for part in descendants:
                    descriptor = part.get("/FontDescriptor")
                    embedded = descriptor is not None and any(
                        key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
                    )
                    if not embedded:
                        found.add(str(font.get("/BaseFont", "?")))
    return sorted(found)


def render_pages(path: Path, out_dir: Path, resolution: int = 40) -> list[Path]:
    """Every page as a PNG, drawn by PDFium (pypdfium2); fails if it cannot draw them."""
    document = pdfium.PdfDocument(path)
    try:
        pages = []
        for number, page in enumerate(document, start=1):
            out = out_dir / f"page-{number:03d}.png"
            page.render(scale=resolution / 72).to_pil().save(out)
            pages.append(out)
    finally:
        document.close()
    assert pages and all(p.stat().st_size > 0 for p in pages)
    return pages


class PdfTools:
    parse = staticmethod(parse)
    check = staticmethod(check)
    render_pages = staticmethod(render_pages)
    unembedded_fonts = staticmethod(unembedded_fonts)


@pytest.fixture
def pdf() -> PdfTools:
    """``pdf.parse(path)`` (after a structure check), ``pdf.render_pages(path, folder)``: PyPI packages only."""
    return PdfTools()
