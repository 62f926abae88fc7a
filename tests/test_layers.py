"""The layer boundaries of ARCHITECTURE.md: who may import Qt, who may import SQLAlchemy and Alembic."""

from __future__ import annotations

import ast
import os
import shutil
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import assetreg

PACKAGE = Path(assetreg.__file__).resolve().parent
PROJECT = PACKAGE.parent

# Top-level module -> the places (folders end with "/") allowed to import it, relative to the project root.
ALLOWED = {
    "PySide6": ("assetreg/gui/", "assetreg/app.py"),
    "shiboken6": ("assetreg/gui/", "assetreg/app.py"),
    "sqlalchemy": ("assetreg/db/", "assetreg/services/"),
    "alembic": ("assetreg/db/", "assetreg/services/"),
}
_DYNAMIC_IMPORTERS = {"import_module", "__import__"}


def imported_modules(source: str) -> list[tuple[int, str]]:
    """Every absolute module an import statement names, at any depth (functions, classes, try blocks, ...).

    Also catches ``importlib.import_module("x")`` and ``__import__("x")`` with a literal name.
    """
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in _DYNAMIC_IMPORTERS and isinstance(node.args[0].value, str):
                found.append((node.lineno, node.args[0].value))
    return found


def boundary_violations(root: Path) -> list[str]:
    """``path:line imports module`` for each import of a guarded framework from a place not allowed to."""
    violations = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root.parent).as_posix()
        for line, module in imported_modules(path.read_text(encoding="utf-8")):
            top = module.split(".")[0]
            allowed = ALLOWED.get(top)
            if allowed is not None and not any(
                relative.startswith(place) if place.endswith("/") else relative == place for place in allowed
            ):
                violations.append(f"{relative}:{line} imports {module}")
    return violations


def test_frameworks_are_imported_only_in_their_layers() -> None:
    assert boundary_violations(PACKAGE) == []


def test_the_scan_sees_every_kind_of_import(tmp_path: Path) -> None:
    """The scan itself works: each of these hiding places is found, and allowed places are not reported."""
    package = tmp_path / "assetreg"
    (package / "domain").mkdir(parents=True)
    (package / "gui").mkdir()
    (package / "db").mkdir()
    (package / "domain" / "sneaky.py").write_text(
        textwrap.dedent(
            """
            import os
            import PySide6.QtCore
            from sqlalchemy.orm import Session
            from . import entities
            from .records import RecordKind

            def later():
                from alembic import command
                import importlib
                importlib.import_module("PySide6.QtWidgets")

            class Shown:
                def show(self):
                    try:
                        import shiboken6
                    except ImportError:
                        pass
                    return __import__("sqlalchemy")
            """
        ),
        encoding="utf-8",
    )
    (package / "gui" / "window.py").write_text("from PySide6.QtWidgets import QMainWindow\n", encoding="utf-8")
    (package / "db" / "models.py").write_text("import sqlalchemy as sa\nimport alembic\n", encoding="utf-8")
    (package / "app.py").write_text("from PySide6 import QtWidgets\n", encoding="utf-8")
    (package / "cli.py").write_text("def main():\n    from PySide6 import QtCore\n", encoding="utf-8")

    assert boundary_violations(package) == [
        "assetreg/cli.py:2 imports PySide6",
        "assetreg/domain/sneaky.py:3 imports PySide6.QtCore",
        "assetreg/domain/sneaky.py:4 imports sqlalchemy.orm",
        "assetreg/domain/sneaky.py:9 imports alembic",
        "assetreg/domain/sneaky.py:11 imports PySide6.QtWidgets",
        "assetreg/domain/sneaky.py:16 imports shiboken6",
        "assetreg/domain/sneaky.py:19 imports sqlalchemy",
    ]


def test_import_linter_contracts_are_kept() -> None:
    """The contracts in pyproject.toml (layers point down; the domain imports no framework)."""
    command = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    assert Path(command).exists(), "import-linter is not installed (pip install -e .[test])"
    result = subprocess.run(
        [command, "--no-cache"], cwd=PROJECT, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


def _modules_loaded_by(statement: str) -> set[str]:
    code = f"import sys; {statement}; print('\\n'.join(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return {line.split(".")[0] for line in result.stdout.split()}


def test_the_command_line_does_not_load_qt() -> None:
    """`assetreg check` on a server with no display must not need Qt, nor pay for loading it."""
    assert (PACKAGE / "cli" / "__init__.py").exists(), "the command line package assetreg/cli/ is missing"
    result = subprocess.run(
        [sys.executable, "-c", "import assetreg.cli, sys; print('PySide6' in sys.modules)"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("statement", "forbidden"),
    [
        (
            "import assetreg.domain.records, assetreg.domain.validation, assetreg.domain.status",
            {"sqlalchemy", "alembic"},
        ),
        (
            "import assetreg.services.assets, assetreg.services.check, assetreg.services.documents, "
            "assetreg.services.records",
            {"PySide6"},
        ),
    ],
    ids=["domain", "services"],
)
def test_lower_layers_load_no_higher_framework(statement: str, forbidden: set[str]) -> None:
    loaded = _modules_loaded_by(statement)
    assert "assetreg" in loaded
    assert loaded & forbidden == set()
    assert loaded & {"PySide6"} == set()


def test_a_demo_run_leaves_no_temporary_folder_and_files_get_normal_permissions(tmp_path: Path) -> None:
    """`assetreg --demo` tidies its copy away on exit; a printed PDF is as shareable as any file the user saves."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = dict(os.environ, TMPDIR=str(temp), QT_QPA_PLATFORM="offscreen", ASSETREG_DATA_DIR=str(tmp_path / "data"))
    shot = tmp_path / "shot.png"
    result = subprocess.run(
        [sys.executable, "-m", "assetreg", "--demo", "--screenshot", str(shot), "--view", "dashboard"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert shot.stat().st_size > 0
    assert list(temp.iterdir()) == []  # no assetreg-demo-* folder left behind

    register, pdf = tmp_path / "demo.assetreg", tmp_path / "deadlines.pdf"
    script = (
        "import os, sys; os.umask(0o022); from assetreg.app import main; "
        f"main(['demo', '--db', {str(register)!r}]); sys.exit(main(['print', 'deadlines', '--db', {str(register)!r}, "
        f"'-o', {str(pdf)!r}]))"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=PROJECT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    assert stat.S_IMODE(pdf.stat().st_mode) == 0o644
