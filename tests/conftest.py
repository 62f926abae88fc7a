"""Shared fixtures: every test that needs a register gets a fresh copy of one migrated template."""

from __future__ import annotations

import os
import shutil
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

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
