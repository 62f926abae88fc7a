"""The GUI's views, and how the window knows each before loading it."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from ..context import AppContext
    from .view import View


@dataclass(frozen=True)
class ViewKind:
    """A view known by its name, title and icon before its module is loaded: the window lists every view at
    start but builds (and so loads) only the one it shows. Called with the context, it builds the view."""

    module: str  # the module of ``assetreg.gui.views`` that holds the class
    class_name: str
    name: str  # as the class says (a test holds each to it)
    heading: str
    icon_name: str

    def title_of(self) -> str:
        return QCoreApplication.translate(self.class_name, self.heading)

    def load(self) -> type[View]:
        return getattr(import_module(f"{__name__}.{self.module}"), self.class_name)

    def __call__(self, context: AppContext) -> View:
        return self.load()(context)
