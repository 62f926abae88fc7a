"""The Qt binding must not leak references to None (PySide6 6.12.0 does, and Python 3.11 then aborts)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel


def test_calls_that_return_nothing_keep_none_alive(qtbot):
    label, thing = QLabel(), QObject()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        thing.setObjectName("x")
        label.setText("y")
    # A few references may come and go elsewhere; a leak loses one per call (4,000 here).
    assert sys.getrefcount(None) - before > -100
