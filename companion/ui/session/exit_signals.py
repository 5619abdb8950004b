"""SIGTERM and SIGINT (a logout, a shutdown, Ctrl+C in a terminal) end the app cleanly.

Python runs a signal handler only when the interpreter next gets control, which Qt's event
loop may not give it for a long while. So the signal also writes a byte to a pipe
(``signal.set_wakeup_fd``) that a ``QSocketNotifier`` watches: the event loop wakes at
once, ``on_signal`` runs (deleting what must not outlive the app), and the event loop is
left with status 128 + the signal's number, so the app closes its stores as at Quit.
(Windows delivers no such signals to a windowed app; there only the handlers are set.)
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
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
        self._pipe: tuple[int, int] | None = None
        self._notifier: QSocketNotifier | None = None
        self._previous_wakeup = -1
        if os.name == "posix":
            reader, writer = os.pipe()
            os.set_blocking(reader, False)
            os.set_blocking(writer, False)
            self._pipe = (reader, writer)
            self._previous_wakeup = signal.set_wakeup_fd(writer)
            self._notifier = QSocketNotifier(reader, QSocketNotifier.Type.Read, self)
            self._notifier.activated.connect(self._woken)
        self._previous_handlers = {
            number: signal.signal(number, self._note) for number in EXIT_SIGNALS
        }

    def _note(self, number: int, _frame: object) -> None:
        """The Python-level handler: with a wakeup pipe the work is done in ``_woken``, in
        the event loop; without one (Windows), here."""
        self.received.append(number)
        if self._pipe is None:
            self._end(number)

    def _woken(self) -> None:
        numbers: list[int] = []
        if self._pipe is not None:
            with contextlib.suppress(BlockingIOError, InterruptedError):
                numbers = list(os.read(self._pipe[0], 64))
        exits = [number for number in numbers if number in EXIT_SIGNALS]
        if exits:
            self._end(exits[0])

    def _end(self, number: int) -> None:
        log.info("ending on signal %d", number)
        try:
            self.on_signal()
        finally:
            self.app.exit(128 + number)

    def uninstall(self) -> None:
        """Give the signals back to what handled them before."""
        for number, handler in self._previous_handlers.items():
            signal.signal(number, handler)
        if self._notifier is not None:
            self._notifier.setEnabled(False)
        if self._pipe is not None:
            signal.set_wakeup_fd(self._previous_wakeup)
            for descriptor in self._pipe:
                os.close(descriptor)
            self._pipe = None


def install_exit_signals(app: QApplication, on_signal: Callable[[], object]) -> ExitSignals:
    return ExitSignals(app, on_signal)
