"""Slow work (PDF packs, imports, backups) off the GUI thread; results come back on the GUI thread.

Work that writes is run one job at a time, so two writes never race for the register.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class _Relay(QObject):
    # Signals emitted from the worker thread are delivered on the receiver's (GUI) thread.
    finished = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.work, self.relay = work, relay

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as error:  # reported to the caller on the GUI thread, never lost
            log.exception("background task failed")
            self._report(self.relay.failed, error)
        else:
            self._report(self.relay.finished, result)

    def _report(self, signal, value: Any) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the app closed while the work ran: there is no one left to tell
            log.info("a background task finished after the window closed")


class TaskRunner(QObject):
    """Runs ``work`` on a single background thread and calls ``done`` or ``failed`` on the GUI thread."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # writes are serialised
        self._relays: set[_Relay] = set()

    def run(
        self, work: Callable[[], Any], done: Callable[[Any], None], failed: Callable[[Exception], None] | None = None
    ) -> None:
        relay = _Relay()
        self._relays.add(relay)  # keep it alive until the job reports

        def finish(result: Any) -> None:
            self._relays.discard(relay)
            done(result)

        def fail(error: Exception) -> None:
            self._relays.discard(relay)
            if failed is not None:
                failed(error)
            else:
                raise error

        relay.finished.connect(finish)
        relay.failed.connect(fail)
        self._pool.start(_Job(work, relay))

    def follow(self, future: Future, done: Callable[[Future], None]) -> None:
        """Calls ``done(future)`` on the GUI thread once ``future`` (run on a thread of its own) has its answer."""
        relay = _Relay()
        self._relays.add(relay)

        def finish(finished: Future) -> None:
            self._relays.discard(relay)
            done(finished)

        relay.finished.connect(finish)
        future.add_done_callback(relay.finished.emit)  # on the future's thread, or here if it is done already

    def wait(self, msecs: int = -1) -> bool:
        """Blocks until queued work is done (for tests and for closing the window cleanly)."""
        return self._pool.waitForDone(msecs)
