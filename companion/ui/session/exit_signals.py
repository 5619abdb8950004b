"""SIGTERM and SIGINT (a logout, a shutdown, Ctrl+C in a terminal) end the app cleanly.

Python runs a signal handler only when the interpreter next gets control, which Qt's event
loop may not give it for a long while. So the signal also writes a byte to a socket pair
(``signal.set_wakeup_fd``) that a ``QSocketNotifier`` watches: the event loop wakes at
once, ``on_signal`` runs (deleting what must not outlive the app), and the event loop is
left with status 128 + the signal's number, so the app closes its stores as at Quit.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import socket
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

EXIT_SIGNALS = (signal.SIGTERM, signal.SIGINT)


class ExitSignals(QObject):
    """While installed, SIGTERM and SIGINT call ``on_signal`` and then leave the event loop."""

    def __init__(self, app: QApplication, on_signal: Callable[[], object]) -> None:
        super().__init__(app)
        self.app = app
        self.on_signal = on_signal
        self.received: list[int] = []
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._previous_wakeup = signal.set_wakeup_fd(self._writer.fileno())
        self._previous_handlers = {
            number: signal.signal(number, self._note) for number in EXIT_SIGNALS
        }
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._woken)

    def _note(self, number: int, _frame: object) -> None:
        """The Python-level handler: the work is done in ``_woken``, in the event loop."""
        self.received.append(number)

    def _woken(self) -> None:
        numbers = []
        with contextlib.suppress(BlockingIOError, InterruptedError):
            numbers = list(self._reader.recv(64))
        exits = [number for number in numbers if number in EXIT_SIGNALS]
        if not exits:
            return
        log.info("ending on signal %d", exits[0])
        try:
            self.on_signal()
        finally:
            self.app.exit(128 + exits[0])

    def uninstall(self) -> None:
        """Give the signals back to what handled them before."""
        self._notifier.setEnabled(False)
        for number, handler in self._previous_handlers.items():
            signal.signal(number, handler)
        signal.set_wakeup_fd(self._previous_wakeup)
        self._reader.close()
        self._writer.close()


def install_exit_signals(app: QApplication, on_signal: Callable[[], object]) -> ExitSignals:
    return ExitSignals(app, on_signal)
