"""The name a person sets for the audit trail (Settings › Yourself), kept for them alone beside the window layout and
recent registers (QSettings), never in the register: on a shared register each person sets their own.
The command line's equivalent is ``ASSETREG_USER``."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from ..services.register import Register

NAME_KEY = "person/name"


def chosen_name() -> str:
    """The name this person set for the audit trail, or "" when they have set none."""
    return str(QSettings().value(NAME_KEY, "") or "").strip()


def choose_name(register: Register, name: str) -> None:
    """Keeps ``name`` (already checked) as this person's name, and the open register's audit trail uses it from
    the next change on; an empty name forgets it."""
    settings = QSettings()
    if name:
        settings.setValue(NAME_KEY, name)
    else:
        settings.remove(NAME_KEY)
    register.name_person(name)
