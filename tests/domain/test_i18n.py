"""The one catalogue, without Qt: ``tr`` and ``tr_in`` read whichever catalogue is in use."""

from __future__ import annotations

import gettext

from assetreg.domain import i18n


class Catalogue(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return {"Nothing was saved": "Rien n'a été enregistré"}.get(message, message)

    def pgettext(self, context: str, message: str) -> str:
        return {("undo", "Nothing was saved"): "Rien à annuler"}.get((context, message), message)


def test_a_context_of_its_own_comes_first_then_the_plain_message() -> None:
    previous = i18n.use_catalogue(Catalogue())
    try:
        assert i18n.tr("Nothing was saved") == "Rien n'a été enregistré"
        assert i18n.tr_in("undo", "Nothing was saved") == "Rien à annuler"
        assert i18n.tr_in("AssetDialog", "Nothing was saved") == "Rien n'a été enregistré"
        assert i18n.tr_in("", "Nothing was saved") == "Rien n'a été enregistré"
        assert i18n.tr_in("undo", "Not in it") == "Not in it"
    finally:
        assert isinstance(i18n.use_catalogue(previous), Catalogue)
    assert i18n.tr("Nothing was saved") == "Nothing was saved"  # English without a catalogue
