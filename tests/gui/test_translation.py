"""One catalogue for every user-facing string: Qt's tr() in the GUI and ``tr`` elsewhere read the same one."""

from __future__ import annotations

import gettext

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from assetreg.domain import i18n
from assetreg.domain.errors import NotFoundError
from assetreg.gui.context import AppContext
from assetreg.gui.forms.asset_form import AssetDialog
from assetreg.gui.translation import install_catalogue
from assetreg.services.assets import asset_detail
from assetreg.services.register import Register


class Catalogue(gettext.NullTranslations):
    """A catalogue of a few strings, as a ``.po`` file would give them (``pgettext`` for one Qt context)."""

    said = {
        "Nothing was saved": "Rien n'a été enregistré",
        "There is no asset {reference} in this register.": "Il n'y a pas de bien {reference} dans ce registre.",
        "This cannot be undone": "Ceci ne peut pas être annulé",
    }
    in_context = {("AssetDialog", "New asset"): "Nouveau bien"}

    def gettext(self, message: str) -> str:
        return self.said.get(message, message)

    def pgettext(self, context: str, message: str) -> str:
        return self.in_context.get((context, message), message)


@pytest.fixture
def french(qtbot):
    translator = install_catalogue(QApplication.instance())
    previous = i18n.use_catalogue(Catalogue())
    yield translator
    i18n.use_catalogue(previous)


def test_the_gui_and_the_services_read_one_catalogue(french, qtbot, register: Register) -> None:
    assert install_catalogue(QApplication.instance()) is french  # installed once
    assert QCoreApplication.translate("AnyForm", "Nothing was saved") == "Rien n'a été enregistré"
    assert QCoreApplication.translate("undo", "This cannot be undone") == "Ceci ne peut pas être annulé"
    assert QCoreApplication.translate("AnyForm", "Not in the catalogue") == "Not in the catalogue"
    dialog = AssetDialog(AppContext(register))
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Nouveau bien"  # self.tr() in a QObject, by its class as the context
    assert i18n.tr_in("SomethingElse", "New asset") == "New asset"
    with pytest.raises(NotFoundError, match="Il n'y a pas de bien AST-0404 dans ce registre."):
        asset_detail(register, "AST-0404")


def test_without_a_catalogue_english_is_shown(qtbot) -> None:
    install_catalogue(QApplication.instance())
    assert QCoreApplication.translate("AssetDialog", "New asset") == "New asset"
    assert i18n.tr("Nothing was saved") == "Nothing was saved"
