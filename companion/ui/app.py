"""Starting the desktop app: Qt, fonts, the interface language, the store, the main window."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from companion.errors import CompanionError
from companion.store.store import Store, store_exists
from companion.ui import preferences
from companion.ui.fonts import install_application_font
from companion.ui.i18n import _
from companion.ui.language import startup_language
from companion.ui.widgets.prompts import show_error

log = logging.getLogger(__name__)


def create_application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, with our names and the bundled fonts."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv[:1])
    app.setOrganizationName(preferences.ORGANISATION)
    app.setApplicationName(preferences.APPLICATION)
    install_application_font(app)
    return app


def open_store(data_dir: Path) -> Store | None:
    """Set up a new store, or unlock the existing one. None if the user gave up."""
    from companion.ui.setup_dialog import SetupDialog
    from companion.ui.unlock_dialog import UnlockDialog

    dialog: SetupDialog | UnlockDialog
    dialog = UnlockDialog(data_dir) if store_exists(data_dir) else SetupDialog(data_dir)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.store


def _unexpected_error(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    """Show errors nobody caught instead of vanishing. Core errors get their translated text;
    anything else a general message with the technical details (no record contents)."""
    if isinstance(error, CompanionError):
        show_error(QApplication.activeWindow(), error)
        return
    frames = "".join(traceback.format_tb(trace))
    log.error("unexpected %s\n%s", kind.__name__, frames)
    box = QMessageBox(QApplication.activeWindow())
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(_("Court Companion"))
    box.setText(
        _(
            "Something went wrong that Court Companion did not expect. What you saved before "
            "is safe. The details below help your IT contact; they contain no names."
        )
    )
    box.setDetailedText(f"{kind.__name__}\n{frames}")
    box.open()


def run_event_loop(app: QApplication) -> int:
    """Qt's event loop, until the last window closes."""
    return int(app.exec())


def run_app(data_dir: Path, language: str | None = None) -> int:
    """Start the desktop app on ``data_dir``; returns the exit code."""
    app = create_application()
    startup_language(language)
    sys.excepthook = _unexpected_error
    store = open_store(data_dir)
    if store is None:
        return 0
    from companion.ui.main_window import MainWindow
    from companion.ui.window_session import close_open_stores

    window = MainWindow(store)
    window.show()
    log.info("main window shown for store %s", store.store_id)
    try:
        return run_event_loop(app)
    finally:
        close_open_stores(store)  # a restore may have replaced the first store
