"""A realistic demo register whose dates are relative to today, so its clocks are always live.

It shows every state a group meets: an interim moratorium running now, a full moratorium, a listing near
expiry, an expired one, an unsuccessful nomination, an exempt disposal to a new owner, a protected period,
an owner's review, a community asset transfer part-way through, a Scottish asset transfer request, and a
Welsh asset with no right-to-bid clocks at all. The people and places are invented.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from datetime import date
from pathlib import Path

from ..domain.errors import RegisterRefusedError
from ..domain.i18n import tr
from ..paths import attachments_dir
from .register import Register


def write_demo_register(path: Path, today: date | None = None) -> str:
    """Writes the demo register to ``path`` (refusing to overwrite anything) and says what it holds.

    The register is built under a temporary name and moved into place at the end, so an interrupted run
    never leaves a half-written register at ``path``.
    """
    path = Path(path)
    for existing in (path, attachments_dir(path)):  # a register's attachments folder is part of it
        if existing.exists():
            raise RegisterRefusedError(
                tr(
                    "{path} already exists; the demo never overwrites a register. Choose another file with --db."
                ).format(path=existing)
            )
    path.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=".assetreg-demo-", dir=path.parent))
    try:
        with Register.open(building / path.name, create=True) as register:
            from .demo_content import fill  # the demo's records, read only when one is made

            counts = fill(register, today or register.today(), building)
        for leftover in building.glob(f"{path.name}-*"):  # write-ahead log files, already checkpointed
            leftover.unlink()
        os.replace(building / path.name, path)
        attachments = attachments_dir(building / path.name)
        if attachments.exists():
            os.replace(attachments, attachments_dir(path))
    finally:
        shutil.rmtree(building, ignore_errors=True)
    return tr(
        "{assets} assets, {notices} disposal notices, {applications} transfer applications and {documents} documents"
    ).format(**counts)


DEMO_FOLDER_PREFIX = "assetreg-demo-"


def temporary_demo_register() -> Path:
    """A fresh demo register in a new temporary folder (for ``assetreg --demo``)."""
    folder = Path(tempfile.mkdtemp(prefix=DEMO_FOLDER_PREFIX))
    path = folder / "demo.assetreg"
    write_demo_register(path)
    return path


def is_temporary_demo(path: Path) -> bool:
    """Whether ``path`` is a copy made by ``temporary_demo_register`` (gone when the computer next tidies up)."""
    folder = Path(path).resolve().parent
    return folder.name.startswith(DEMO_FOLDER_PREFIX) and folder.parent == Path(tempfile.gettempdir()).resolve()
