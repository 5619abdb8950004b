"""Child process for the start-up benchmark: open a window and report its first paint.

``python -m bench.startup bare`` shows an empty PySide6 window.

``python -m bench.startup launch DIR`` starts Court Companion exactly as the ``companion``
command does on the store in DIR. It prints ``painted`` when the first window (the
unlock screen) paints; then, as long as a person takes to type it (``TYPING_MS``), it
fills in the passphrase, presses Unlock and prints ``main SECONDS PEAK_KIB`` when the
main window paints (seconds from pressing Unlock), and quits.

``python -m bench.startup app DIR`` opens the store with the passphrase given and builds
the main window straight away (no unlock screen), printing ``painted`` at its first paint:
the shortest possible cold start to a main window full of records.

The parent measures each ``painted`` from spawning the process.
"""

from __future__ import annotations

import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

PASSPHRASE = "benchmark passphrase 2026"
#: How long a person takes to type the passphrase once the unlock screen shows.
TYPING_MS = 1500


def _peak_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _show_until_first_paint(window: QWidget) -> None:
    """Show ``window``, print ``painted PEAK_KIB`` at its first paint, then quit."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                print(f"painted {_peak_kib()}", flush=True)
                QTimer.singleShot(0, QApplication.quit)
            return False

    spy = FirstPaint()
    window.installEventFilter(spy)
    window.show()
    QApplication.exec()


def _bare() -> int:
    from PySide6.QtWidgets import QApplication, QMainWindow

    QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1100, 700)
    _show_until_first_paint(window)
    return 0


def _app(folder: Path) -> int:
    from PySide6.QtWidgets import QApplication

    QApplication(sys.argv[:1])
    from companion.store.store import Store
    from companion.ui.fonts import register_fonts
    from companion.ui.shell.main_window import MainWindow

    register_fonts()
    window = MainWindow(Store.open(folder, PASSPHRASE))
    _show_until_first_paint(window)
    window.store.close()
    return 0


def _entry_point() -> Callable[[list[str]], int]:
    """The ``companion`` command's entry point, loaded as the installed command loads it:
    before Qt."""
    from companion.cli.main import main

    return main


def _launch(folder: Path) -> int:
    main = _entry_point()
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    from companion.ui.session.unlock_dialog import UnlockDialog

    app = QApplication(sys.argv[:1])

    class Spy(QObject):
        """Sees the unlock screen's first paint, then every window's: the main window's."""

        def __init__(self) -> None:
            super().__init__()
            self.unlock_pressed_at: float | None = None
            self.first_seen = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() != QEvent.Type.Paint or not isinstance(watched, QWidget):
                return False
            window = watched.window()
            kind = type(window).__name__
            if not self.first_seen:
                self.first_seen = True
                print(f"painted {_peak_kib()} {kind}", flush=True)
                app.installEventFilter(self)
                QTimer.singleShot(TYPING_MS, lambda: self.unlock(window))
            elif kind == "MainWindow" and self.unlock_pressed_at is not None:
                seconds = time.perf_counter() - self.unlock_pressed_at
                print(f"main {seconds:.4f} {_peak_kib()}", flush=True)
                self.unlock_pressed_at = None
                QTimer.singleShot(0, window.close)
            return False

        def unlock(self, dialog: QWidget) -> None:
            field = getattr(dialog, "passphrase", None)
            if field is None:
                raise RuntimeError(f"the first window was {type(dialog).__name__}, not unlock")
            field.setText(PASSPHRASE)
            self.unlock_pressed_at = time.perf_counter()
            dialog.unlock_button.click()  # type: ignore[attr-defined]

    spy = Spy()
    # The unlock screen is watched on itself, as the bare window is; only after its first
    # paint does the spy watch the whole application (to see the main window). Watching
    # the application from the start would charge the app's start some 10 ms: Python
    # would see each of the ~300 events Qt sends while the first window is built.
    build = UnlockDialog.__init__

    def build_and_watch(dialog: UnlockDialog, *args: Any, **kwargs: Any) -> None:
        build(dialog, *args, **kwargs)
        dialog.installEventFilter(spy)

    UnlockDialog.__init__ = build_and_watch  # type: ignore[method-assign, assignment]
    return main(["--data-dir", str(folder)])


def main() -> int:
    mode = sys.argv[1]
    if mode == "bare":
        return _bare()
    if mode == "app":
        return _app(Path(sys.argv[2]))
    if mode == "launch":
        return _launch(Path(sys.argv[2]))
    raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    sys.exit(main())
