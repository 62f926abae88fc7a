"""The one translation catalogue of every user-facing string: gettext's ``assetreg`` domain in ``assetreg/locale``.

Code outside the GUI wraps its strings with ``tr``. The GUI keeps Qt's spelling (``self.tr`` in a QObject,
``QCoreApplication.translate(context, …)`` elsewhere), and the translator the app installs
(``gui/translation.py``) answers those from this same catalogue through ``tr_in``, so one ``.po`` file per
language holds every string, and English is shown when no catalogue matches.
"""

from __future__ import annotations

import gettext
from pathlib import Path

_LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
_translation: gettext.NullTranslations = gettext.translation("assetreg", localedir=_LOCALE_DIR, fallback=True)


def tr(message: str) -> str:
    """The message in the user's language (English when no catalogue matches)."""
    return _translation.gettext(message)


def trn(singular: str, plural: str, n: int) -> str:
    """The message for ``n`` of something ("1 row", "3 rows"), with ``{n}`` filled in, in the user's language."""
    return _translation.ngettext(singular, plural, n).format(n=n)


def tr_in(context: str, message: str) -> str:
    """The message as said in ``context`` (a Qt class name, say) when the catalogue has it so, else as ``tr``."""
    said = _translation.pgettext(context, message) if context else message
    return said if said != message else tr(message)


def use_catalogue(translation: gettext.NullTranslations) -> gettext.NullTranslations:
    """Makes ``translation`` the catalogue (a chosen language, or a test's); returns the one it replaces."""
    global _translation
    previous, _translation = _translation, translation
    return previous
