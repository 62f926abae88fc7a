"""Register text made safe to typeset: nothing lost without a word, and postcodes and dates kept on one line.

The house font (Carlito) covers Latin, Greek and Cyrillic scripts, Welsh and the usual symbols, but not Arabic,
Hebrew, Chinese or emoji. A character it lacks would print as nothing, silently; instead it prints as "?" and
the document's warnings name it, so the person printing knows what to write in by hand.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache

from reportlab.pdfbase import pdfmetrics

from ..domain.i18n import tr

NO_BREAK = "\u00a0"  # reportlab never breaks a line at a no-break space
_MISSING = "?"
_POSTCODE = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?) (\d[A-Z]{2})\b")
_DATE = re.compile(r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (\d{1,2}) ([A-Z][a-z]{2}) (\d{4})\b")
_collected: ContextVar[set[str] | None] = ContextVar("unprintable", default=None)


@cache
def _covered(font_name: str) -> frozenset[int]:
    return frozenset(pdfmetrics.getFont(font_name).face.charToGlyph)


def printable(value: str, font_name: str) -> str:
    """``value`` with postcodes and dates unbreakable and characters the font lacks shown as "?" (and noted)."""
    value = _POSTCODE.sub(lambda m: f"{m[1]}{NO_BREAK}{m[2]}", value)
    value = _DATE.sub(lambda m: NO_BREAK.join(m.groups()), value)
    if value.isascii():
        return value
    covered = _covered(font_name)
    missing = {c for c in value if ord(c) not in covered and not c.isspace() and unicodedata.category(c) != "Cf"}
    if not missing:
        return value
    found = _collected.get()
    if found is not None:
        found.update(missing)
    # Joiners and selectors inside an emoji sequence have no glyph either; they go with it.
    return "".join(_MISSING if c in missing else c for c in value if unicodedata.category(c) != "Cf" or c == NO_BREAK)


@contextmanager
def collecting() -> Iterator[set[str]]:
    """Notes, while a document is laid out, every character the font could not print."""
    found: set[str] = set()
    token = _collected.set(found)
    try:
        yield found
    finally:
        _collected.reset(token)


def _script(character: str) -> str:
    """Roughly which writing system a character is from, for a person: "Arabic", "Hebrew", "emoji"."""
    if unicodedata.category(character) == "So":
        return tr("emoji and symbols")
    return unicodedata.name(character, "").split(" ")[0].title()


def unprintable_warning(found: set[str]) -> str:
    """The warning for characters that printed as "?", naming them (or "" when there were none)."""
    if not found:
        return ""
    shown = " ".join(sorted(found)[:20]) + (" …" if len(found) > 20 else "")
    scripts = sorted({_script(c) for c in found} - {""})
    return tr(
        "Some characters cannot be printed with the document's font and show as “?”: {chars} ({scripts}). "
        "Write them in by hand before sending, or use another spelling in AssetReg."
    ).format(chars=shown, scripts=", ".join(scripts[:5]))
