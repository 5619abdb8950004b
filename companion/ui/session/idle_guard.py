"""Notices when nobody has touched the app for a while, and the lock keys pressed anywhere.

Every keyboard, mouse, wheel, touch and tablet event in any window of the app counts as
use. Idle time is measured on two clocks, the monotonic one and the wall clock, and the
larger counts: on some systems the monotonic clock stands still while the machine
sleeps, so after waking the wall clock still shows how long nobody was there.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QKeyCombination, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence

Clock = Callable[[], float]

#: The clocks idle time is measured on; tests give their own.
DEFAULT_CLOCKS: tuple[Clock, ...] = (time.monotonic, time.time)

#: How often the idle time is compared with the limit (the lock comes at most this late).
CHECK_INTERVAL_MS = 10_000

LOCK_KEYS = QKeySequence(QKeyCombination(Qt.KeyboardModifier.ControlModifier, Qt.Key.Key_L))

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
        QEvent.Type.TabletMove,
        QEvent.Type.InputMethod,
    }
)


def is_lock_keys(event: QEvent) -> bool:
    """True for a Ctrl+L key press (Cmd+L on macOS)."""
    return (
        event.type() == QEvent.Type.KeyPress
        and isinstance(event, QKeyEvent)
        and QKeySequence(event.keyCombination()) == LOCK_KEYS
    )


class IdleGuard(QObject):
    """Emits ``idle`` once the app has had no input for ``minutes()`` minutes, and
    ``lock_keys_pressed`` for Ctrl+L in any window (even one blocked by a modal dialog,
    where the main window's shortcut cannot fire)."""

    idle = Signal()
    lock_keys_pressed = Signal()

    def __init__(
        self,
        minutes: Callable[[], int],
        clocks: Sequence[Clock] = DEFAULT_CLOCKS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._minutes = minutes
        self._clocks = tuple(clocks)
        self._marks = [clock() for clock in self._clocks]
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        application = QCoreApplication.instance()
        if application is not None:
            application.installEventFilter(self)

    # --- watching -------------------------------------------------------------------

    def start(self) -> None:
        """Count idle time from now on."""
        self.touch()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def remove(self) -> None:
        """Stop watching for good (the event filter is removed too)."""
        self.timer.stop()
        application = QCoreApplication.instance()
        if application is not None:
            application.removeEventFilter(self)

    @property
    def watching(self) -> bool:
        return self.timer.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS:
            self.touch()
            if self.watching and is_lock_keys(event):
                self.lock_keys_pressed.emit()
                return True
        return False

    # --- measuring ------------------------------------------------------------------

    def touch(self) -> None:
        """Someone used the app just now."""
        self._marks = [clock() for clock in self._clocks]

    def idle_seconds(self) -> float:
        return max(clock() - mark for clock, mark in zip(self._clocks, self._marks, strict=True))

    def check(self) -> bool:
        """Emit ``idle`` (and stop) if the limit is reached; True when it was."""
        if not self.watching or self.idle_seconds() < self._minutes() * 60:
            return False
        self.timer.stop()
        self.idle.emit()
        return True
