"""Starting the app: setup for an empty folder, unlock for an existing store, then the
main window in the remembered language."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from companion.store.store import Store
from companion.ui import app as app_module
from companion.ui import preferences
from companion.ui.main_window import MainWindow
from companion.ui.setup_dialog import SetupDialog
from companion.ui.unlock_dialog import UnlockDialog
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
    monkeypatch.setattr(app_module, "open_store", lambda folder: demo_store)
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


def test_the_unlock_screen_needs_none_of_the_heavy_libraries() -> None:
    """What the first window imports decides how soon it appears: the database, cipher,
    packet and formatting libraries load later (while the passphrase is typed)."""
    import subprocess

    heavy = ["sqlcipher3", "sqlite_utils", "cryptography", "reportlab", "icalendar", "babel"]
    heavy += ["phonenumbers", "uharfbuzz", "companion.store.store", "companion.ui.main_window"]
    probe = (
        "import sys\n"
        "import companion.cli.main, companion.ui.app, companion.ui.unlock_dialog\n"
        f"print([name for name in {heavy!r} if name in sys.modules])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"


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
