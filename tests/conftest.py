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
def file_register(register_path: Path):
    """An open register file whose clock is fixed at Mon 15 Sep 2025 10:30 UTC and whose user is 'tester'."""
    opened = open_test_register(register_path)
    yield opened
    opened.close()


@pytest.fixture
def register(file_register):
    """The register a test works on: a file here; tests/db and tests/services run on a shared register too."""
    return file_register


@pytest.fixture
def shared_register(postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """An open shared register on the test server, with the same fixed clock and user as ``file_register``
    (its local copies of attachments and its backups go to this test's own data folder)."""
    monkeypatch.setenv("ASSETREG_DATA_DIR", str(tmp_path / "data"))
    opened = open_test_register(postgres_url)
    yield opened
    opened.close()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "file_only: reads the register file itself, so it runs on the file only")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A test that reads the register file itself (``register_path``, or marked ``file_only``) is not run on the
    shared register: there is no file."""
    kept, dropped = [], []
    for item in items:
        on_server = getattr(item, "callspec", None) is not None and item.callspec.params.get("register") == "shared"
        if on_server and ("register_path" in item.fixturenames or item.get_closest_marker("file_only")):
            dropped.append(item)
        else:
            kept.append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


def _load_cluster_module():
    import importlib.util

    spec = importlib.util.spec_from_file_location("postgres_cluster", Path(__file__).with_name("postgres_cluster.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def postgres():
    """A throwaway PostgreSQL server for the whole test session (skipped only when no server is installed)."""
    cluster_module = _load_cluster_module()
    binaries = cluster_module.server_bin()
    if binaries is None:
        pytest.skip("PostgreSQL's server programs (initdb, pg_ctl) are not installed, so no shared register to test")
    cluster = cluster_module.Cluster(binaries).start()
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session")
def postgres_template(postgres) -> str:
    """An empty shared register migrated to head, made once; each test gets a copy (CREATE DATABASE TEMPLATE)."""
    from assetreg.db.engine import open_register

    name = postgres.create("assetreg_template")
    open_register(postgres.url(name), create=True).engine.dispose()
    return name


@pytest.fixture
def postgres_url(postgres, postgres_template: str):
    """The URL of a fresh shared register (a copy of the template), dropped after the test."""
    name = postgres.create(template=postgres_template)
    yield postgres.url(name)
    postgres.drop(name)


def open_test_register(location):
    """A register at ``location`` whose clock is fixed at Mon 15 Sep 2025 10:30 UTC and whose user is 'tester'."""
    from assetreg.services.register import Register

    opened = Register.open(location)
    opened.user = "tester"
    opened.clock = lambda: FIXED_NOW
    return opened


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
