"""Locking: after minutes without input, when the system locks or sleeps, and on Ctrl+L.

Locking hides every window of the app behind the lock screen, keeps whatever was typed
in open record dialogs as drafts inside the encrypted store, closes the store (which
drops the key) and throws the windows away. Unlocking opens the store again, builds a
fresh main window showing what was in front before, and opens the kept dialogs again,
filled in.

One ``Locker`` serves one data folder for the life of the app; each main window on
that folder attaches itself to it through the ``LockFeature`` the window installs.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import (
    SIGNAL,
    QByteArray,
    QCoreApplication,
    QObject,
    QPointF,
    QRectF,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QApplication, QMainWindow, QToolBar, QWidget

from companion.errors import CompanionError
from companion.store import keys
from companion.store.connection import DatabaseError
from companion.store.drafts import Draft
from companion.store.store import Store
from companion.ui import preferences
from companion.ui.i18n import _, ngettext
from companion.ui.records.dialogs.common import RecordDialog
from companion.ui.session import dialog_drafts
from companion.ui.session.idle_guard import DEFAULT_CLOCKS, LOCK_KEYS, Clock, IdleGuard
from companion.ui.session.lock_screen import LockScreen
from companion.ui.session.session_events import SessionEvents
from companion.viewer_copies import remove_viewer_copies

if TYPE_CHECKING:
    from companion.ui.shell.desk import Desk

log = logging.getLogger(__name__)

WindowFactory = Callable[[Store], "Desk"]

TOOLBAR_NAME = "mainToolBar"

# Why the app locked, for the log.
IDLE = "idle"
ON_DEMAND = "on_demand"


@dataclass(frozen=True)
class ViewState:
    """What the main window showed, to show it again after unlocking (ids only)."""

    geometry: QByteArray
    tab: int
    person_id: int | None


def _alive(widget: QObject | None) -> bool:
    return widget is not None and shiboken6.isValid(widget)


class Locker(QObject):
    """Locks and unlocks the main window of one data folder."""

    locked = Signal()
    unlocked = Signal(object)  # the new main window
    quit_requested = Signal()

    def __init__(
        self,
        folder: Path,
        clocks: Sequence[Clock] = DEFAULT_CLOCKS,
        listen_to_system: bool = True,
    ) -> None:
        super().__init__()
        self.folder = folder
        self.windows: list[Desk] = []
        self.throttle = keys.UnlockThrottle()
        self.lock_screen: LockScreen | None = None
        # Set from the first window attached (``Desk.new_desk``), or by a test.
        self.make_window: WindowFactory | None = None
        self.view: ViewState | None = None
        self.unsaved_in_memory: list[Draft] = []
        self._unlocking = False
        self.idle = IdleGuard(preferences.lock_minutes, clocks, parent=self)
        self.idle.idle.connect(lambda: self.lock(IDLE))
        self.idle.lock_keys_pressed.connect(lambda: self.lock(ON_DEMAND))
        self.system = SessionEvents(self, listen=listen_to_system)
        self.system.locking.connect(self.lock)

    @property
    def is_locked(self) -> bool:
        return self.lock_screen is not None

    def _window_widgets(self) -> list[QWidget]:
        return [window.widget() for window in self.windows]

    @property
    def window(self) -> Desk | None:
        """The main window in front (the last one attached), if unlocked."""
        alive = [window for window in self.windows if _alive(window.widget())]
        return alive[-1] if alive else None

    # --- windows ------------------------------------------------------------------------

    def attach(self, window: Desk) -> None:
        if window in self.windows:
            return
        if self.make_window is None:
            self.make_window = window.new_desk
        self.windows.append(window)
        window.widget().destroyed.connect(lambda *_args: self.detach(window))
        self.system.watch_window(window.widget())
        if not self.is_locked:
            self.idle.start()
        if not self._unlocking:
            # Drafts left from a session that ended while locked (quit, or a crash).
            QTimer.singleShot(0, window.widget(), lambda: self._offer_kept_drafts(window))

    def detach(self, window: Desk) -> None:
        """The window closed or went away; with none left (and not locked), stop."""
        if window in self.windows:
            self.windows.remove(window)
        if not self.windows and not self.is_locked and not self._unlocking:
            self.dispose()

    def dispose(self) -> None:
        """Stop watching for good and forget this folder's locker."""
        if _alive(self.idle):
            self.idle.remove()
        if _alive(self.system):
            self.system.stop()
        if self.lock_screen is not None and _alive(self.lock_screen):
            self.lock_screen.release()
        self.lock_screen = None
        if _lockers.get(self.folder) is self:
            del _lockers[self.folder]

    # --- locking ------------------------------------------------------------------------

    def lock(self, reason: str = ON_DEMAND) -> None:
        """Hide everything, keep unsaved edits as drafts, close the store. Idempotent, and
        nothing happens while no window of this folder is on screen (closed, or not yet
        shown): there is nothing to hide."""
        front = self.window
        if self.is_locked or front is None:
            return
        if not any(
            _alive(window.widget()) and window.widget().isVisible() for window in self.windows
        ):
            return
        log.info("locking (%s)", reason)
        self.idle.stop()
        self.view = _view_of(front)
        others = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        kept = self._keep_drafts(front.store, dialog_drafts.open_record_dialogs(others))

        screen = LockScreen(self.folder, self.throttle, kept)
        screen.unlocked.connect(self._unlocked)
        screen.quit_requested.connect(self._quit)
        self.lock_screen = screen
        screen.show()  # first, so the app never runs out of windows and quits
        screen.move(front.widget().frameGeometry().center() - screen.rect().center())
        screen.raise_()
        screen.activateWindow()

        for widget in others:
            if widget is screen or not _alive(widget):
                continue
            if isinstance(widget, RecordDialog) or widget in self._window_widgets():
                widget.hide()  # hiding does not finish the dialog: no handler runs
            else:
                widget.close()
                if _alive(widget) and widget.isVisible():
                    widget.hide()
        stores: list[Store] = []
        for window in list(self.windows):
            if not _alive(window.widget()):
                continue
            for timer in window.widget().findChildren(QTimer):
                timer.stop()
            window.widget().hide()
            if window.store not in stores:
                stores.append(window.store)
            window.widget().deleteLater()
        self.windows = []
        for store in stores:
            try:
                store.close()
            except DatabaseError as error:  # closed anyway; the key is dropped
                log.warning("closing the store while locking: %s", type(error).__name__)
        remove_viewer_copies(self.folder)  # the viewer may still show them: no longer
        screen.passphrase.setFocus()
        self.locked.emit()

    def _keep_drafts(self, store: Store, dialogs: list[RecordDialog]) -> int:
        """Write the dialogs' drafts into the store; returns how many were kept.

        If the store cannot be written (full disk), they stay in memory until unlock:
        losing them would be worse.
        """
        drafts = [draft for dialog in dialogs if (draft := dialog_drafts.capture(dialog))]
        if store.closed:
            self.unsaved_in_memory.extend(drafts)
            return len(drafts)
        try:
            store.drafts.replace_all(drafts)
        except (CompanionError, DatabaseError) as error:
            log.error("drafts could not be written (%s); kept in memory", type(error).__name__)
            self.unsaved_in_memory.extend(drafts)
        return len(drafts)

    # --- unlocking ----------------------------------------------------------------------

    def _unlocked(self, store: Store) -> None:
        screen = self.lock_screen
        self._unlocking = True
        try:
            try:
                if self.make_window is None:
                    raise RuntimeError("unlocking before any main window was attached")
                window = self.make_window(store)
            except BaseException:
                # Stay locked, with nothing open: the error is reported, and the next
                # try opens the store afresh.
                self.windows = []
                store.close()
                raise
            self.attach(window)
            if self.view is not None:
                _restore_view(window, self.view)
            window.widget().show()
            window.widget().raise_()
            window.widget().activateWindow()
            self.lock_screen = None
            if screen is not None:
                screen.release()
            self.idle.start()
            log.info("unlocked")
            self._offer_kept_drafts(window)
        finally:
            self._unlocking = False
        self.unlocked.emit(window)

    def _offer_kept_drafts(self, window: Desk) -> list[RecordDialog]:
        """Open the kept drafts again over ``window`` and forget them in the store."""
        if not _alive(window.widget()) or window.store.closed:
            return []
        drafts = window.store.drafts.kept() + self.unsaved_in_memory
        self.unsaved_in_memory = []
        if not drafts:
            return []
        reopened = [dialog for draft in drafts if (dialog := dialog_drafts.reopen(window, draft))]
        try:
            window.store.drafts.replace_all([])
        except CompanionError as error:
            log.warning("kept drafts could not be removed (%s)", error.code)
        if reopened:
            count = len(reopened)
            window.widget().statusBar().showMessage(
                ngettext(
                    "The form you were filling in is open again. Check it and save it.",
                    "The {count} forms you were filling in are open again. Check them and save "
                    "them.",
                    count,
                ).format(count=count),
                20000,
            )
        return reopened

    def _quit(self) -> None:
        log.info("quit from the lock screen")
        if self.receivers(SIGNAL("quit_requested()")) > 0:
            self.quit_requested.emit()
        else:
            QCoreApplication.exit(0)

    # --- bringing the app forward (a second launch asked) ---------------------------------

    def bring_forward(self) -> QWidget | None:
        """Show the lock screen if locked, else the main window; returns what was raised."""
        target: QWidget | None
        if self.is_locked:
            target = self.lock_screen
        else:
            front = self.window
            target = None if front is None else front.widget()
        if target is None:
            return None
        if target.isMinimized():
            target.showNormal()
        target.show()
        target.raise_()
        target.activateWindow()
        modal = QApplication.activeModalWidget()
        if modal is not None and not self.is_locked:
            modal.raise_()
            modal.activateWindow()
        return target

    def close_store(self) -> None:
        """Close the store of every main window still attached (at the end of the app)."""
        for window in self.windows:
            if _alive(window.widget()):
                window.store.close()


def _view_of(window: Desk) -> ViewState:
    page = window.person_page
    on_person = (
        window.tabs.currentWidget() is window.people_stack
        and window.people_stack.currentWidget() is page
    )
    return ViewState(
        geometry=window.widget().saveGeometry(),
        tab=window.tabs.currentIndex(),
        person_id=page.person_id if on_person else None,
    )


def _restore_view(window: Desk, view: ViewState) -> None:
    window.widget().restoreGeometry(view.geometry)
    window.tabs.setCurrentIndex(view.tab)
    if view.person_id is not None:
        window.open_person(view.person_id)


_lockers: dict[Path, Locker] = {}


def locker_for(window: Desk) -> Locker:
    """The locker of the window's data folder (made on first use), with the window attached."""
    folder = window.store.folder.resolve()
    locker = _lockers.get(folder)
    if locker is None:
        locker = Locker(folder)
        _lockers[folder] = locker
    locker.attach(window)
    return locker


def register(locker: Locker) -> Locker:
    """Make ``locker`` the one for its folder (tests give theirs a fake clock this way)."""
    _lockers[locker.folder.resolve()] = locker
    return locker


def active_lockers() -> list[Locker]:
    return list(_lockers.values())


def main_toolbar(window: QMainWindow) -> QToolBar:
    """The main window's one toolbar (made on first use), for features to add actions to."""
    found = window.findChild(QToolBar, TOOLBAR_NAME)
    if isinstance(found, QToolBar):
        return found
    toolbar = QToolBar(window)
    toolbar.setObjectName(TOOLBAR_NAME)
    toolbar.setMovable(False)
    toolbar.setFloatable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    window.addToolBar(toolbar)
    return toolbar


def add_to_file_menu(window: Desk, action: QAction, separated: bool = False) -> None:
    """Put ``action`` in the File menu, above the separator before Quit (and below a
    separator of its own when ``separated``)."""
    menu = window.actions_.file_menu
    entries = menu.actions()
    quit_at = entries.index(window.actions_.quit) if window.actions_.quit in entries else -1
    before = entries[quit_at - 1] if quit_at > 0 and entries[quit_at - 1].isSeparator() else None
    if separated:
        menu.insertSeparator(before or window.actions_.quit)
    menu.insertAction(before or window.actions_.quit, action)


def padlock_icon() -> QIcon:
    """The desktop theme's lock icon, or a plain padlock drawn here when there is none."""
    themed = QIcon.fromTheme("system-lock-screen")
    if not themed.isNull():
        return themed
    icon = QIcon()
    for size in (16, 24, 32, 48):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        unit = size / 16
        painter.setPen(QPen(QColor("#3c4043"), 1.6 * unit))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawArc(QRectF(4.5 * unit, 1.5 * unit, 7 * unit, 9 * unit), 0, 180 * 16)
        painter.drawLine(QPointF(4.5 * unit, 6 * unit), QPointF(4.5 * unit, 7.5 * unit))
        painter.drawLine(QPointF(11.5 * unit, 6 * unit), QPointF(11.5 * unit, 7.5 * unit))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#3c4043"))
        painter.drawRoundedRect(QRectF(2.5 * unit, 7 * unit, 11 * unit, 8 * unit), unit, unit)
        painter.setBrush(QColor("#f1f3f4"))
        painter.drawEllipse(QPointF(8 * unit, 10.5 * unit), 1.3 * unit, 1.3 * unit)
        painter.end()
        icon.addPixmap(pixmap)
    return icon


class LockFeature:
    """File ▸ Lock (Ctrl+L) and the toolbar button; the window joins its folder's locker."""

    def __init__(self, window: Desk) -> None:
        self.window = window
        self.locker = locker_for(window)
        self.action = QAction(window.widget())
        self.action.setShortcut(LOCK_KEYS)
        self.action.setIcon(padlock_icon())
        self.action.triggered.connect(lambda: self.locker.lock(ON_DEMAND))
        window.widget().addAction(self.action)
        add_to_file_menu(window, self.action)
        self.toolbar = main_toolbar(window.widget())
        self.toolbar.addAction(self.action)
        self.retranslate()

    def retranslate(self) -> None:
        self.action.setText(_("&Lock"))
        tip = _("Hide the records until the passphrase is typed again ({shortcut})").format(
            shortcut=LOCK_KEYS.toString(QKeySequence.SequenceFormat.NativeText)
        )
        self.action.setToolTip(tip)
        self.action.setStatusTip(tip)
        self.toolbar.setWindowTitle(_("Toolbar"))

    def closing(self) -> None:
        """The window is closing for good: it no longer counts for locking."""
        self.locker.detach(self.window)


def install(window: Desk) -> LockFeature:
    return LockFeature(window)
