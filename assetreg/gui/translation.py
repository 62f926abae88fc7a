"""Qt's ``tr()`` and ``translate()`` answered from the app's one gettext catalogue (see ``domain/i18n.py``)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator

from ..domain.i18n import tr_in


class CatalogueTranslator(QTranslator):
    """Looks every GUI string up in the catalogue the services, reports and command line use."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        said = tr_in(context or "", source)
        # None (a null string) lets Qt show the source text; an empty string would be taken as the translation.
        return None if said == source else said

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override
        return False


def install_catalogue(app: QCoreApplication) -> CatalogueTranslator:
    """Installs the catalogue translator on ``app`` (once; later calls return the one installed)."""
    installed = getattr(app, "_assetreg_translator", None)
    if installed is None:
        installed = CatalogueTranslator(app)
        app.installTranslator(installed)
        app._assetreg_translator = installed
    return installed
