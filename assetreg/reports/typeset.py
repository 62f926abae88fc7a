"""Register text made safe to typeset: nothing lost without a word, and postcodes and dates kept on one line.

The house font (Carlito) covers Latin, Greek and Cyrillic scripts, Welsh and the usual symbols. What it lacks is
printed in the fallback font shipped beside it (DejaVu Sans: extended Latin, Armenian, Georgian, arrows, ticks
and crosses, stars, box drawing, monochrome emoticons) wherever the fallback can print the character as it is
written. Two kinds it cannot:

- right-to-left writing (Arabic, Hebrew and the like): reportlab lays glyphs out left to right, one by one, so
  the letters would come out reversed and, for Arabic, unjoined: a wrong word that looks printed is worse than
  a visible gap;
- colour emoji and scripts in neither font (Chinese, Japanese, Korean, Indian scripts).

Those print as "?" and the document's warnings quote each word that did not print, so the person printing knows
exactly what to write in by hand.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache

from reportlab.pdfbase import pdfmetrics

from ..domain.i18n import tr

NO_BREAK = "\u00a0"  # reportlab never breaks a line at a no-break space
FALLBACK = "DejaVuSans"  # the fallback font's family name (registered in house.register_fonts)
_MISSING = "?"
_POSTCODE = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?) (\d[A-Z]{2})\b")
_DATE = re.compile(r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (\d{1,2}) ([A-Z][a-z]{2}) (\d{4})\b")
_RIGHT_TO_LEFT = frozenset({"R", "AL", "AN"})  # bidirectional classes reportlab would print reversed
_collected: ContextVar[set[str] | None] = ContextVar("unprintable", default=None)


@cache
def register_fallback() -> str:
    """Registers the fallback font shipped beside the house font, the first time a character needs it (most
    documents never do, and reading the font takes time); returns its name. It has no italic, so slanted text
    falls back upright."""
    from importlib import resources

    from reportlab.pdfbase.ttfonts import TTFont

    folder = resources.files("assetreg.resources") / "fonts"
    for suffix, face in {"": "", "-Bold": "-Bold"}.items():
        with resources.as_file(folder / f"DejaVuSans{face}.ttf") as path:
            pdfmetrics.registerFont(TTFont(FALLBACK + suffix, str(path)))
    pdfmetrics.registerFontFamily(
        FALLBACK, normal=FALLBACK, bold=FALLBACK + "-Bold", italic=FALLBACK, boldItalic=FALLBACK + "-Bold"
    )
    return FALLBACK


@cache
def _covered(font_name: str) -> frozenset[int]:
    return frozenset(pdfmetrics.getFont(font_name).face.charToGlyph)


@cache
def _fallback_covered() -> frozenset[int]:
    """The characters the fallback prints as they are written: in its font, left to right, and not a mark that
    would need placing over another glyph."""
    register_fallback()
    return frozenset(
        c
        for c in _covered(FALLBACK)
        if c <= 0xFFFF  # reportlab writes a character beyond it wrongly into the text a reader copies
        and unicodedata.bidirectional(chr(c)) not in _RIGHT_TO_LEFT
        and not unicodedata.category(chr(c)).startswith("M")
    )


@cache
def _printable_in(font_name: str) -> frozenset[int]:
    """The characters that print, in ``font_name`` or the fallback."""
    return _covered(font_name) | _fallback_covered()


def _hidden(c: str) -> bool:
    """Format characters (joiners, variation selectors) have no glyph of their own; they go with their text."""
    return unicodedata.category(c) == "Cf" and c != NO_BREAK


def printable(value: str, font_name: str) -> str:
    """``value`` with postcodes and dates unbreakable, and each character neither ``font_name`` nor the fallback
    font can print shown as "?", its word noted for the warning. The characters left for the fallback are set in
    it by ``with_fallback`` (paragraph markup) or ``runs`` (a line drawn on the page)."""
    value = _POSTCODE.sub(lambda m: f"{m[1]}{NO_BREAK}{m[2]}", value)
    value = _DATE.sub(lambda m: NO_BREAK.join(m.groups()), value)
    if value.isascii():
        return value
    if _covered(font_name).issuperset(map(ord, value)):  # the usual case: the font prints it all (£, –, ŵ, Greek…)
        return value
    covered = _printable_in(font_name)
    kept = "".join(c for c in value if ord(c) in covered or not _hidden(c))
    missing = {c for c in kept if ord(c) not in covered and not c.isspace()}
    if not missing:
        return kept
    found = _collected.get()
    if found is not None:
        found.update(word for word in value.split() if any(c in missing for c in word))
    return "".join(_MISSING if c in missing else c for c in kept)


def runs(value: str, font_name: str) -> list[tuple[str, bool]]:
    """``value`` (already made ``printable``) cut into runs, each marked True when it needs the fallback font."""
    covered = _covered(font_name)
    if value.isascii() or covered.issuperset(map(ord, value)):
        return [(value, False)] if value else []
    register_fallback()  # the runs marked True are set in it
    out: list[tuple[str, bool]] = []
    for c in value:
        needs = not (ord(c) in covered or c.isspace() or c.isascii())
        if out and out[-1][1] is needs:
            out[-1] = (out[-1][0] + c, needs)
        else:
            out.append((c, needs))
    return out


def with_fallback(markup: str, font_name: str) -> str:
    """Escaped paragraph markup with each run of characters ``font_name`` lacks set in the fallback font."""
    if markup.isascii():
        return markup
    return "".join(f'<font face="{FALLBACK}">{run}</font>' if needs else run for run, needs in runs(markup, font_name))


@contextmanager
def collecting() -> Iterator[set[str]]:
    """Notes, while a document is laid out, every word with a character no font could print."""
    found: set[str] = set()
    token = _collected.set(found)
    try:
        yield found
    finally:
        _collected.reset(token)


def unprintable_fields(document: object, font_name: str) -> list[tuple[str, str]]:
    """Each value of the document's text that will not print whole, as (where, how it prints): read from the
    document's values before layout, so a page (the advice) can say what other pages cannot print."""
    found: dict[str, str] = {}  # how it prints → where it is first found (the same text may be quoted elsewhere)
    seen: set[int] = set()

    def walk(value: object, path: tuple[str, ...]) -> None:
        if isinstance(value, str):
            if not value.isascii():
                with collecting() as words:
                    shown = printable(value, font_name)
                if words:
                    where = " ".join(p for p in path if p != "letterhead").replace("_", " ")
                    found.setdefault(" ".join(shown.split()), where or tr("text"))
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item, path)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type) and id(value) not in seen:
            seen.add(id(value))
            for f in dataclasses.fields(value):
                walk(getattr(value, f.name), (*path, f.name))

    walk(document, ())
    return [(where, printed) for printed, where in found.items()]


def _script(word: str) -> str:
    """Roughly which writing system a word is from, for a person: "Arabic", "Hebrew", "emoji and symbols"."""
    for c in word:
        if c.isascii() or c.isspace():
            continue
        if unicodedata.category(c) == "So":
            return tr("emoji and symbols")
        name = unicodedata.name(c, "").split(" ")[0]
        return tr("Han (Chinese characters)") if name == "CJK" else name.title()
    return ""


def unprintable_warning(found: set[str]) -> str:
    """The warning quoting each word that printed with "?" in it (or "" when there were none)."""
    if not found:
        return ""
    words = sorted(found, key=lambda w: (w.casefold(), w))
    shown = ", ".join(f"“{w[:40]}”" for w in words[:12]) + (" …" if len(words) > 12 else "")
    scripts = sorted({_script(w) for w in words} - {""})
    return tr(
        "Some text cannot be printed and shows as “?”: {words} ({scripts}). The documents cannot print "
        "right-to-left writing such as Arabic or Hebrew, colour emoji, or Chinese, Japanese and Korean characters. "
        "Write these words in by hand before sending, or use another spelling in AssetReg."
    ).format(words=shown, scripts=", ".join(scripts[:5]))


def unprintable_advice(fields: list[tuple[str, str]]) -> str:
    """For a page of the document itself: where text prints with "?" and how it prints (or "")."""
    if not fields:
        return ""
    shown = "; ".join(f"{where}: “{printed[:60]}{'…' if len(printed) > 60 else ''}”" for where, printed in fields[:8])
    return tr(
        "Some text cannot be printed and shows as “?” in this document ({shown}). Write it in by hand before "
        "sending; the app's warnings quote the words as they are recorded."
    ).format(shown=shown + (" …" if len(fields) > 8 else ""))
