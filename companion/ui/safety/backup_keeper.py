"""Backups while the app runs: on demand, at most once a day while open, and on close.

Every backup is written and verified by ``companion.store.backups.make_backup``, which
never lets a failed backup replace or rotate away a good one. Here a failure is made
loud: it is logged, and a critical message stays on screen until it is dismissed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from companion.errors import CompanionError
from companion.store.backups import (
    AUTOMATIC,
    BackupFailedError,
    BackupInfo,
    automatic_backup_due,
    make_backup,
)
from companion.store.store import Store
from companion.ui import formatting
from companion.ui.i18n import _
from companion.ui.safety.backup_texts import MANUAL, describe_backup_error
from companion.ui.widgets.prompts import InfoBox, TextSource, inform

log = logging.getLogger(__name__)

#: How often the app checks whether today's automatic backup is still to be made.
CHECK_INTERVAL_MS = 10 * 60 * 1000


@contextmanager
def busy_cursor() -> Iterator[None]:
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()


class BackupFailureBox(QMessageBox):
    """A failed backup (or restore), in a critical message that stays until dismissed.

    ``title`` and ``headline`` say what failed; the error's description follows."""

    def __init__(
        self,
        error: CompanionError,
        parent: QWidget | None,
        title: TextSource = lambda: _("Backup failed"),
        headline: TextSource = lambda: _("The backup failed."),
    ) -> None:
        super().__init__(parent)
        self.error = error
        self._title = title
        self._headline = headline
        self.setIcon(QMessageBox.Icon.Critical)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.ok_button = self.addButton("", QMessageBox.ButtonRole.AcceptRole)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self._title())
        self.setText(self._headline())
        self.setInformativeText(describe_backup_error(self.error))
        self.ok_button.setText(_("OK"))
        self.setAccessibleName(self._title())


_windowless: set[QMessageBox] = set()


def keep_until_dismissed(box: QMessageBox) -> QMessageBox:
    """Hold a message that has no parent window until it is dismissed (else Python would
    delete it as soon as the code that showed it forgets it)."""
    _windowless.add(box)
    box.finished.connect(lambda _result: _windowless.discard(box))
    return box


def backup_written_text(info: BackupInfo) -> str:
    return _(
        "Backup written and verified.\n\nFile: {path}\nPeople: {people}\nHearings: {hearings}"
    ).format(
        path=info.path,
        people=formatting.number(info.people),
        hearings=formatting.number(info.hearings),
    )


class BackupKeeper(QObject):
    """Makes the backups of the store ``store_of()`` returns (the main window's store)."""

    backup_written = Signal(object)  # BackupInfo
    backup_failed = Signal(object)  # CompanionError

    def __init__(
        self,
        parent_window: QWidget,
        store_of: Callable[[], Store],
        check_interval_ms: int = CHECK_INTERVAL_MS,
    ) -> None:
        super().__init__(parent_window)
        self.parent_window = parent_window
        self.store_of = store_of
        self.failure_box: BackupFailureBox | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(check_interval_ms)
        self.timer.timeout.connect(self.back_up_if_due)
        self.timer.start()

    def _open_store(self) -> Store | None:
        store = self.store_of()
        return None if store.closed else store

    def back_up_if_due(self) -> BackupInfo | None:
        """Today's automatic backup, unless the backups folder already has one."""
        store = self._open_store()
        if store is None:
            return None
        try:
            due = automatic_backup_due(store)
        except OSError as error:  # the backups folder cannot be read (e.g. a USB drive gone)
            self._failed(BackupFailedError(f"{type(error).__name__}: {error}"))
            return None
        return self._back_up(store, AUTOMATIC) if due else None

    def back_up_now(self) -> InfoBox | None:
        """A backup on demand; shows where it went and what it holds."""
        store = self._open_store()
        if store is None:
            return None
        info = self._back_up(store, MANUAL)
        if info is None:
            return None
        return inform(self.parent_window, lambda: backup_written_text(info))

    def back_up_on_close(self) -> BackupInfo | None:
        """The automatic backup made as the window closes. A failure is shown in a window
        of its own that outlives the main window: the app only quits once it has been
        read and dismissed, so nobody leaves thinking a backup exists."""
        self.timer.stop()
        store = self._open_store()
        if store is None:
            log.info("no backup on close: the store is not open")
            return None
        return self._back_up(store, AUTOMATIC, on_close=True)

    def _back_up(self, store: Store, reason: str, on_close: bool = False) -> BackupInfo | None:
        try:
            with busy_cursor():
                info = make_backup(store, reason=reason)
        except (CompanionError, OSError) as error:
            failure = (
                error
                if isinstance(error, CompanionError)
                else BackupFailedError(f"{type(error).__name__}: {error}")
            )
            self._failed(failure, on_close)
            return None
        log.info("backup (%s) written: %d people, %d hearings", reason, info.people, info.hearings)
        self.backup_written.emit(info)
        return info

    def _failed(self, error: CompanionError, on_close: bool = False) -> None:
        log.error("backup failed (%s); earlier backups kept", error.code)
        self.failure_box = BackupFailureBox(error, None if on_close else self.parent_window)
        if on_close:
            keep_until_dismissed(self.failure_box)
        self.backup_failed.emit(error)
        self.failure_box.open()
