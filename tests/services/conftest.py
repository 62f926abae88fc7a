"""The services tests run on a register file (SQLite) and on a shared register (a real PostgreSQL server).

Tests that read the register file itself (sqlite3, the attachments folder beside it) run on the file only: they
ask for ``register_path`` or are marked ``file_only`` (see the root conftest).
"""

from __future__ import annotations

import pytest


@pytest.fixture(params=["file", "shared"])
def register(request: pytest.FixtureRequest):
    """The register each test works on: once a file, once a shared register on the test server."""
    return request.getfixturevalue(f"{request.param}_register")
