"""Changes made by someone else (the command line writing to the same register) reach every view.

A cheap poll of the register's change counter; a burst of writes is answered with one refresh, after a pause.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer

from ..domain.records import RecordKind
from ..services.register import Changes
from ..services.watch import ChangeProbe, SharedChangeProbe, watch_register
from .context import OUTSIDE, AppContext

log = logging.getLogger(__name__)
EVERYTHING = Changes(frozenset(RecordKind))
POLL_MS = 1000
SETTLE_MS = 300  # a command writing several records is shown once, when it has finished


class RegisterWatcher(QObject):
    """Polls the register; when another process has written, tells every view (``data_changed``)."""

    def __init__(self, context: AppContext, poll_ms: int = POLL_MS, settle_ms: int = SETTLE_MS) -> None:
        super().__init__(context)
        self._context = context
        self._probe: ChangeProbe | SharedChangeProbe | None
        try:
            self._probe = watch_register(context.register)
        except Exception:  # watching is a convenience; the register itself is open and working
            log.exception("cannot watch %s for changes", context.register.location)
            self._probe = None
        self._poll = QTimer(self)
        self._poll.setInterval(poll_ms)
        self._poll.timeout.connect(self._on_poll)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(settle_ms)
        self._settle.timeout.connect(self._on_settled)
        # The app's own changes are already shown by the views that made them.
        context.data_changed.connect(self._on_own_change)
        if self._probe is not None:
            self._poll.start()

    def check(self) -> None:
        """Looks now rather than at the next tick."""
        self._on_poll()

    def stop(self) -> None:
        self._poll.stop()
        self._settle.stop()
        if self._probe is not None:
            self._probe.close()
            self._probe = None

    def _on_poll(self) -> None:
        if self._probe is not None and self._probe.changed():
            self._settle.start()  # restarted by each further change, so a burst settles first

    def _on_settled(self) -> None:
        self._context.notify(EVERYTHING, via=OUTSIDE)

    def _on_own_change(self, _changes: Changes) -> None:
        if self._probe is not None:
            self._probe.seen()
