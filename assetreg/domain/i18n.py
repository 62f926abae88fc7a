"""Translation hook for user-facing strings outside the GUI.

Strings are wrapped with ``tr`` from the first commit so that a translation catalogue (gettext ``assetreg``
domain, in ``assetreg/locale``) can be added later without touching every message.
"""

from __future__ import annotations

import gettext
from pathlib import Path

_LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
_translation = gettext.translation("assetreg", localedir=_LOCALE_DIR, fallback=True)


def tr(message: str) -> str:
    """The message in the user's language (English when no catalogue matches)."""
    return _translation.gettext(message)
