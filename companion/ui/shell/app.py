"""Starting the desktop app: logs, Qt, fonts, the interface language, one instance per data
folder, the store, the main window."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from companion.logs import configure_logging
from companion.store.preflight import store_exists
from companion.ui import preferences
from companion.ui.fonts import install_application_font
from companion.ui.session.exit_signals import install_exit_signals
from companion.ui.session.single_instance import SingleInstance
from companion.ui.shell.language import startup_language
from companion.viewer_copies import remove_viewer_copies, sweep_at_start

if TYPE_CHECKING:
    from companion.store.store import Store
    from companion.ui.session.setup_dialog import SetupDialog
    from companion.ui.session.unlock_dialog import UnlockDialog

log = logging.getLogger(__name__)

#: A second launch on the folder can reach this one from its first paint, or from this
#: many milliseconds after start at the latest.
LISTEN_AT_THE_LATEST_MS = 3000


def _report_unexpected_error(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    """``sys.excepthook``: the error report module (and its message boxes, slow to set up in
    Qt's bindings) is loaded by the first error, not by every start."""
    from companion.ui.shell.error_report import report_unexpected_error

    report_unexpected_error(kind, error, trace)


def create_application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, with our names and the bundled fonts."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv[:1])
    app.setOrganizationName(preferences.ORGANISATION)
    app.setApplicationName(preferences.APPLICATION)
    install_application_font(app)
    return app


class _AfterFirstPaint(QObject):
    """Runs ``action`` once, as soon as ``widget`` has painted for the first time."""

    def __init__(self, widget: QWidget, action: Callable[[], object]) -> None:
        super().__init__(widget)
        self.action = action
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.action)
        return False


def load_desk_code() -> None:
    """Import what unlocking and the main window need (SQLCipher, sqlite-utils, the views,
    the features). Done while staff type the passphrase, once the unlock screen shows: the
    first window appears sooner, and Unlock has only the key to derive."""
    from companion.store import store  # noqa: F401
    from companion.ui.shell import (
        features,
        main_window,  # noqa: F401
    )

    features.installers()


def open_store(
    data_dir: Path, on_first_paint: Callable[[], object] = load_desk_code
) -> Store | None:
    """Set up a new store, or unlock the existing one. None if the user gave up.

    ``on_first_paint`` runs once the dialog shows (by default, loading the desk's code).
    """
    dialog: SetupDialog | UnlockDialog
    if store_exists(data_dir):
        from companion.ui.session.unlock_dialog import UnlockDialog

        dialog = UnlockDialog(data_dir)
    else:
        from companion.ui.session.setup_dialog import SetupDialog

        dialog = SetupDialog(data_dir)
    _AfterFirstPaint(dialog, on_first_paint)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.store


def bring_forward() -> None:
    """Another launch on this data folder asked for us: show the lock screen if locked,
    else the main window; while starting, whatever dialog is up (setup or unlock)."""
    from companion.ui.session import lock

    for locker in lock.active_lockers():
        if locker.bring_forward() is not None:
            return
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible():
            widget.raise_()
            widget.activateWindow()


def run_event_loop(app: QApplication) -> int:
    """Qt's event loop, until the last window closes."""
    return int(app.exec())


def run_app(data_dir: Path, language: str | None = None) -> int:
    """Start the desktop app on ``data_dir``; returns the exit code.

    A second launch on the same folder brings the running app forward and returns at
    once, without opening the store.
    """
    log_file = configure_logging()
    app = create_application()
    startup_language(language)
    sys.excepthook = _report_unexpected_error
    instance = SingleInstance(data_dir)
    if not instance.start():
        return 0
    log.info("starting; logs in %s", log_file.parent)
    # Only now, as the one instance on this folder: viewer copies a crash or a kill left
    # behind go before anyone unlocks.
    sweep_at_start(data_dir)
    preferences.keep_private()
    exit_signals = install_exit_signals(app, lambda: remove_viewer_copies(data_dir))
    instance.activation_requested.connect(bring_forward)

    def once_the_first_window_shows() -> None:
        instance.listen()
        load_desk_code()

    # Should the first window never paint (started hidden), later launches still find us.
    QTimer.singleShot(LISTEN_AT_THE_LATEST_MS, instance.listen)
    try:
        store = open_store(data_dir, on_first_paint=once_the_first_window_shows)
        if store is None:
            return 0
        from companion.ui.session import lock
        from companion.ui.shell.main_window import MainWindow
        from companion.ui.shell.window_session import close_open_stores

        window = MainWindow(store)
        lock.locker_for(window).quit_requested.connect(app.quit)
        window.show()
        log.info("main window shown for store %s", store.store_id)
        from companion.ui.packets.warm_up import warm_up_packets

        QTimer.singleShot(0, lambda: warm_up_packets(store))
        try:
            return run_event_loop(app)
        finally:
            close_open_stores(store)  # a restore may have replaced the first store
    finally:
        remove_viewer_copies(data_dir)
        exit_signals.uninstall()
        instance.stop()
