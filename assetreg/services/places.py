"""Where a register lives: inside a synced folder (OneDrive, Dropbox, Google Drive, iCloud Drive), and any
conflicted copies the sync tool has made beside it.

A sync tool copies the file while SQLite is writing to it, and when two computers change it, it keeps both as
"conflicted copies": changes go into one file or the other and neither is the whole register. The register is
best kept outside the synced folder, with its backups pointed at it instead.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..domain.i18n import tr

SYNCED = {
    "onedrive": "OneDrive",
    "dropbox": "Dropbox",
    "google drive": "Google Drive",
    "googledrive": "Google Drive",
    "my drive": "Google Drive",
    "icloud drive": "iCloud Drive",
    "icloud": "iCloud Drive",
    "mobile documents": "iCloud Drive",
}

# register (conflicted copy 2026-03-01).assetreg, register (Sam's conflicted copy).assetreg (Dropbox);
# register-DESKTOP-ABC.assetreg, register-DESKTOP-ABC-2.assetreg (OneDrive); register (1).assetreg (Drive, iCloud)
_CONFLICT = [
    r"{stem} \(.*conflicted copy.*\)",
    r"{stem}-[A-Z0-9][A-Z0-9-]{{2,}}",
    r"{stem} \(\d+\)",
]


def synced_service(path: Path) -> str:
    """The sync service whose folder holds ``path`` ("OneDrive"…), or "" when none is recognised."""
    for part in Path(path).expanduser().absolute().parts[:-1]:
        lowered = part.lower()
        for marker, service in SYNCED.items():
            if lowered == marker or lowered.startswith(marker + " ") or lowered.startswith(marker + "-"):
                return service
    return ""


def conflicted_copies(path: Path) -> list[Path]:
    """Copies of the register the sync tool has made beside it, by their names."""
    path = Path(path)
    stem, suffix = re.escape(path.stem), re.escape(path.suffix)
    own = {f"{path.stem}-backups", f"{path.stem}-attachments"}
    patterns = [re.compile(p.format(stem=stem) + suffix) for p in _CONFLICT]
    try:
        siblings = sorted(path.parent.iterdir())
    except OSError:
        return []
    return [
        sibling
        for sibling in siblings
        if sibling != path
        and sibling.is_file()
        and sibling.stem not in own
        and ".backup-" not in sibling.name
        and any(p.fullmatch(sibling.name) for p in patterns)
    ]


def place_warnings(path: Path) -> list[str]:
    """What to warn about the register's place, each a sentence: a synced folder, conflicted copies."""
    warnings = []
    service = synced_service(path)
    if service:
        warnings.append(
            tr(
                "{path} is in a {service} folder. Sync tools can copy a register while it is being written and "
                "make conflicted copies, each with only some of the changes. Keep the register outside the synced "
                "folder (File ▸ Move register…, or assetreg move FOLDER, moves it with its attachments and "
                "backups), and point its backups at the synced folder instead: assetreg backups --folder FOLDER."
            ).format(path=path, service=service)
        )
    copies = conflicted_copies(path)
    if copies:
        warnings.append(
            tr(
                "Beside the register are what look like conflicted copies made by a sync tool: {names}. Changes "
                "made in them are not in this register; check them, copy across what is missing, then move them "
                "away."
            ).format(names=", ".join(c.name for c in copies))
        )
    return warnings
