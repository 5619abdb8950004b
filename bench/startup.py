"""Child process for the start-up benchmark: open a window and report its first paint.

``python -m bench.startup bare`` shows an empty PySide6 window; ``... app DIR`` opens the
real main window on the store in DIR. Both print ``painted`` when the first paint event
reaches the window, then quit; the parent measures from spawning the process.
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path


def main() -> int:
    mode = sys.argv[1]
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    unlock_seconds = 0.0
    if mode == "bare":
        window: QMainWindow = QMainWindow()
        window.resize(1100, 700)
    else:
        from bench.generate import PASSPHRASE
        from companion.store.store import Store
        from companion.ui.fonts import register_fonts
        from companion.ui.main_window import MainWindow

        register_fonts()
        began = time.perf_counter()
        store = Store.open(Path(sys.argv[2]), PASSPHRASE)
        unlock_seconds = time.perf_counter() - began
        window = MainWindow(store)

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
                print(f"painted {peak_kib} {unlock_seconds:.4f}", flush=True)
                QTimer.singleShot(0, app.quit)
            return False

    spy = FirstPaint()
    window.installEventFilter(spy)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
