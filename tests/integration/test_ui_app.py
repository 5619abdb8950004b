"""Starting the app: setup for an empty folder, unlock for an existing store, then the
main window in the remembered language."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from companion.store.store import Store
from companion.ui import preferences
from companion.ui.session.setup_dialog import SetupDialog
from companion.ui.session.unlock_dialog import UnlockDialog
from companion.ui.shell import app as app_module
from companion.ui.shell.main_window import MainWindow
from tests.conftest import TEST_PASSPHRASE
from tests.integration.ui_shell_support import isolated_interface  # noqa: F401


def _close_first_dialog_of(kind: type, seen: list[object]) -> None:
    """Once the modal dialog is up, note it and close it (as a user pressing Cancel)."""

    def close() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, close)
            return
        seen.append(dialog)
        dialog.reject()

    QTimer.singleShot(0, close)


def test_empty_folder_starts_with_setup(qtbot, data_dir: Path) -> None:
    seen: list[object] = []
    _close_first_dialog_of(SetupDialog, seen)
    assert app_module.open_store(data_dir) is None
    assert len(seen) == 1 and isinstance(seen[0], SetupDialog)


def test_existing_store_starts_with_unlock(qtbot, data_dir: Path) -> None:
    Store.create(data_dir, TEST_PASSPHRASE)[0].close()
    seen: list[object] = []
    _close_first_dialog_of(UnlockDialog, seen)
    assert app_module.open_store(data_dir) is None
    assert len(seen) == 1 and isinstance(seen[0], UnlockDialog)


def test_run_app_shows_the_main_window_in_the_remembered_language(
    qtbot, demo_store: Store, monkeypatch
) -> None:
    preferences.remember_language("ar")
    monkeypatch.setenv("COMPANION_LOG_DIR", str(demo_store.folder.parent / "logs"))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(app_module, "open_store", lambda folder, **_: demo_store)
    shown: list[tuple[str, bool]] = []

    def look_instead_of_running(app: QApplication) -> int:
        # The real loop would run until the window closes; here we look at it and close it.
        for widget in app.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible():
                shown.append((widget.windowTitle(), widget.isRightToLeft()))
                widget.close()
        return 0

    monkeypatch.setattr(app_module, "run_event_loop", look_instead_of_running)
    assert app_module.run_app(demo_store.folder) == 0
    assert len(shown) == 1
    title, right_to_left = shown[0]
    assert "DEMO" in title
    assert right_to_left
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft


FIRST_PAINT_PROBE = """
import sys
from companion.cli.main import main
from PySide6 import QtCore
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

HEAVY = {heavy!r}
app = QApplication(sys.argv[:1])

class FirstPaint(QObject):
    seen = False

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not self.seen:
            self.seen = True
            window = watched.window()
            loaded = [name for name in HEAVY if name in sys.modules]
            direction = "rtl" if window.isRightToLeft() else "ltr"
            built = "Qt" in vars(QtCore)
            print(type(window).__name__, direction, f"Qt-enums={{built}}", loaded, flush=True)
            QTimer.singleShot(0, window.close)
        return False

spy = FirstPaint()
app.installEventFilter(spy)
print("exit", main(["--data-dir", sys.argv[1], "--language", sys.argv[2]]))
"""


def _first_paint(store: Store, language: str, tmp_path: Path) -> list[str]:
    """Start the ``companion`` command on ``store`` as staff do; what its first paint saw."""
    import os
    import subprocess

    heavy = ["sqlcipher3", "sqlite_utils", "cryptography", "reportlab", "icalendar", "babel"]
    heavy += [
        "phonenumbers",
        "uharfbuzz",
        "companion.store.store",
        "companion.ui.shell.main_window",
    ]
    heavy += ["PySide6.QtNetwork", "logging.handlers", "secrets"]
    environment = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "COMPANION_LOG_DIR": str(tmp_path / "logs"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_RUNTIME_DIR": str(tmp_path / "runtime"),
    }
    (tmp_path / "runtime").mkdir(mode=0o700)
    result = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT_PROBE.format(heavy=heavy), str(store.folder), language],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_the_unlock_screen_paints_before_the_heavy_code_loads(
    demo_store: Store, tmp_path: Path
) -> None:
    """What the first window needs decides how soon it appears. The database, cipher,
    packet and formatting libraries, the single-instance socket and Qt's ``Qt`` enum
    namespace (11 ms to build) all load after it shows, while the passphrase is typed."""
    first, last = _first_paint(demo_store, "en", tmp_path)
    assert first == "UnlockDialog ltr Qt-enums=False []"
    assert last == "exit 0"


def test_a_right_to_left_start_lays_the_unlock_screen_out_before_it_shows(
    demo_store: Store, tmp_path: Path
) -> None:
    first, last = _first_paint(demo_store, "ar", tmp_path)
    assert first.startswith("UnlockDialog rtl ") and first.endswith(" []")
    assert last == "exit 0"


def test_desk_code_loads_once_the_first_window_has_painted(qtbot) -> None:
    from PySide6.QtWidgets import QWidget

    calls: list[bool] = []
    window = QWidget()
    qtbot.addWidget(window)
    app_module._AfterFirstPaint(window, lambda: calls.append(window.isVisible()))
    assert calls == []
    window.show()
    qtbot.waitUntil(lambda: calls == [True])
    window.repaint()  # paints again at once
    QApplication.processEvents()
    assert calls == [True], "runs once, not at every paint"
