"""Helpers for the lock tests: a clock the test moves, a locker that uses it, and a main
window on the test store attached to that locker."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtWidgets import QApplication, QWidget

from companion.store.store import Store
from companion.ui.session import lock
from companion.ui.session.lock import Locker
from companion.ui.session.lock_screen import LockScreen
from companion.ui.shell.main_window import MainWindow
from tests.conftest import TEST_PASSPHRASE


class FakeClock:
    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture(name="clock")
def clock_fixture() -> FakeClock:
    return FakeClock()


@pytest.fixture(name="locker")
def locker_fixture(data_dir: Path, store: Store, clock: FakeClock) -> Iterator[Locker]:
    """The locker of the test store's folder, on the fake clock and deaf to the system."""
    made = lock.register(Locker(data_dir.resolve(), clocks=(clock,), listen_to_system=False))
    quits: list[bool] = []
    made.quit_requested.connect(lambda: quits.append(True))
    made.quits = quits  # type: ignore[attr-defined]
    yield made
    made.close_store()
    made.dispose()


_windows: list[MainWindow] = []


@pytest.fixture(autouse=True)
def close_main_windows() -> Iterator[None]:
    """Close the test's main windows at its end, unless locking threw them away already
    (qtbot's own ``addWidget`` would trip over a deleted window)."""
    yield
    while _windows:
        window = _windows.pop()
        if shiboken6.isValid(window):
            window.close()
            window.deleteLater()


def _close_later(window: MainWindow) -> None:
    _windows.append(window)


def show_window(qtbot, store: Store) -> MainWindow:
    window = MainWindow(store)
    _close_later(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def visible_windows() -> list[QWidget]:
    return [
        widget
        for widget in QApplication.topLevelWidgets()
        if shiboken6.isValid(widget) and widget.isVisible()
    ]


def unlock(qtbot, locker: Locker, passphrase: str = TEST_PASSPHRASE) -> MainWindow:
    """Type the passphrase into the lock screen; returns the new main window."""
    screen = locker.lock_screen
    assert isinstance(screen, LockScreen)
    with qtbot.waitSignal(locker.unlocked) as unlocked:
        screen.passphrase.setText(passphrase)
        screen.unlock()
    window = unlocked.args[0]
    assert isinstance(window, MainWindow)
    _close_later(window)
    return window
