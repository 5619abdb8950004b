"""Locking: after the set minutes without input, on Ctrl+L and the toolbar button; what
locking hides and closes; and unlocking back to the same view."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QToolBar

from companion.i18n.catalog import translator
from companion.store.store import Store
from companion.ui import preferences
from companion.ui.records.dialogs.person_dialog import PersonDialog
from companion.ui.records.trash_dialog import TrashDialog
from companion.ui.session.lock import TOOLBAR_NAME, Locker, LockFeature
from companion.ui.session.lock_screen import LockScreen
from companion.ui.shell.main_window import MainWindow
from tests.conftest import TEST_PASSPHRASE
from tests.integration.lock_support import (  # noqa: F401
    FakeClock,
    clock_fixture,
    close_main_windows,
    locker_fixture,
    show_window,
    unlock,
    visible_windows,
)
from tests.integration.ui_shell_support import add_hearing, isolated_interface  # noqa: F401


def _feature(window: MainWindow) -> LockFeature:
    return next(f for f in window.features if isinstance(f, LockFeature))


def test_idle_timer_locks_after_the_set_minutes_without_input(
    qtbot, store: Store, locker: Locker, clock: FakeClock
) -> None:
    preferences.remember_lock_minutes(3)
    window = show_window(qtbot, store)
    assert locker.idle.watching

    clock.now += 3 * 60 - 1
    assert not locker.idle.check()
    assert not locker.is_locked

    # Any input starts the count again.
    qtbot.mouseMove(window.tabs, window.tabs.rect().center())
    qtbot.keyClick(window.tabs, Qt.Key.Key_Right)
    clock.now += 3 * 60 - 1
    locker.idle.timer.timeout.emit()
    assert not locker.is_locked

    clock.now += 2
    locker.idle.timer.timeout.emit()
    assert locker.is_locked
    assert store.closed
    assert store.database_key == b""
    assert visible_windows() == [locker.lock_screen]


def test_default_is_five_minutes(qtbot, store: Store, locker: Locker, clock: FakeClock) -> None:
    assert preferences.lock_minutes() == 5
    show_window(qtbot, store)
    clock.now += 5 * 60 - 1
    assert not locker.idle.check()
    clock.now += 1
    assert locker.idle.check()
    assert locker.is_locked


def test_ctrl_l_locks_from_the_main_window(qtbot, store: Store, locker: Locker) -> None:
    window = show_window(qtbot, store)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.tabs, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert locker.is_locked
    assert store.closed


def test_ctrl_l_locks_from_inside_a_dialog(qtbot, store: Store, locker: Locker) -> None:
    window = show_window(qtbot, store)
    dialog = window.new_person()
    assert isinstance(dialog, PersonDialog)
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog.given_name, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert locker.is_locked
    assert dialog not in visible_windows()


def test_lock_button_on_the_toolbar_and_in_the_file_menu(
    qtbot, store: Store, locker: Locker
) -> None:
    window = show_window(qtbot, store)
    action = _feature(window).action
    toolbar = window.findChild(QToolBar, TOOLBAR_NAME)
    assert isinstance(toolbar, QToolBar) and toolbar.isVisible()
    assert action in toolbar.actions()
    assert action in window.actions_.file_menu.actions()
    assert action.shortcut().toString() == "Ctrl+L"
    assert action.text() == "&Lock"
    button = toolbar.widgetForAction(action)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert locker.is_locked


def test_locking_hides_every_window_and_dialog_and_closes_the_store(
    qtbot, store: Store, locker: Locker
) -> None:
    add_hearing(store)
    window = show_window(qtbot, store)
    trash = window.open_trash()
    qtbot.waitExposed(trash)
    assert isinstance(trash, TrashDialog)
    person = window.new_person()
    assert person is not None
    qtbot.waitExposed(person)
    assert {window, trash, person} <= set(visible_windows())

    locker.lock()
    screen = locker.lock_screen
    assert isinstance(screen, LockScreen)
    assert visible_windows() == [screen]
    assert store.closed and store.database_key == b""
    assert not locker.idle.watching, "no idle lock while locked"
    assert screen.passphrase.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is screen.passphrase)
    locker.lock()  # locking twice changes nothing
    assert locker.lock_screen is screen


def test_unlocking_shows_the_same_view_on_a_new_store(qtbot, store: Store, locker: Locker) -> None:
    office = add_hearing(store, given_name="Teodora", family_name="Lukic")
    window = show_window(qtbot, store)
    window.open_person(office.person_id)
    assert window.person_page.person_id == office.person_id
    locker.lock()

    new_window = unlock(qtbot, locker)
    assert new_window is not window
    assert new_window.isVisible()
    assert new_window.store is not store and not new_window.store.closed
    assert new_window.tabs.currentWidget() is new_window.people_stack
    assert new_window.people_stack.currentWidget() is new_window.person_page
    assert new_window.person_page.person_id == office.person_id
    assert locker.lock_screen is None
    qtbot.waitUntil(lambda: visible_windows() == [new_window])
    assert locker.idle.watching
    # And it locks again, from the new window.
    _feature(new_window).action.trigger()
    assert locker.is_locked
    assert new_window.store.closed


def test_wrong_passphrase_on_the_lock_screen_is_refused_and_escape_does_not_unlock(
    qtbot, store: Store, locker: Locker
) -> None:
    show_window(qtbot, store)
    locker.lock()
    screen = locker.lock_screen
    assert isinstance(screen, LockScreen)
    qtbot.keyClicks(screen.passphrase, "not the passphrase")
    qtbot.keyClick(screen.passphrase, Qt.Key.Key_Return)
    assert screen.message.text() == "That passphrase is not right. Nothing was changed."
    assert locker.is_locked
    qtbot.keyClick(screen, Qt.Key.Key_Escape)
    screen.close()
    assert screen.isVisible() and locker.is_locked
    assert locker.quits == []  # type: ignore[attr-defined]
    qtbot.mouseClick(screen.quit_button, Qt.MouseButton.LeftButton)
    assert locker.quits == [True]  # type: ignore[attr-defined]


def test_lock_screen_is_translated_and_follows_the_layout_direction(
    qtbot, store: Store, locker: Locker
) -> None:
    from companion.ui.shell.language import switch_language

    window = show_window(qtbot, store)
    window.new_person()
    locker.lock()
    screen = locker.lock_screen
    assert isinstance(screen, LockScreen)
    assert screen.windowTitle() == "Court Companion is locked"
    texts = [screen.heading, screen.intro, screen.drafts_note, screen.quit_button]
    english = [widget.text() for widget in texts]
    switch_language("x-pseudo")
    assert screen.isRightToLeft()
    assert screen.windowTitle() == translator("x-pseudo").gettext("Court Companion is locked")
    for widget, before in zip(texts, english, strict=True):
        assert widget.text() != before
    switch_language("en")
    assert [widget.text() for widget in texts] == english


def test_a_second_launch_brings_forward_the_lock_screen_or_the_window(
    qtbot, store: Store, locker: Locker
) -> None:
    from companion.ui.shell.app import bring_forward

    window = show_window(qtbot, store)
    window.showMinimized()
    assert locker.bring_forward() is window
    assert not window.isMinimized()
    locker.lock()
    screen = locker.lock_screen
    assert screen is not None
    screen.hide()
    bring_forward()
    assert screen.isVisible(), "locked: the lock screen comes forward, not the records"
    assert visible_windows() == [screen]


def test_no_lock_while_no_window_is_on_screen(
    qtbot, store: Store, locker: Locker, clock: FakeClock
) -> None:
    window = MainWindow(store)  # built but never shown
    clock.now += 3600
    locker.idle.check()
    assert not locker.is_locked
    assert not store.closed
    window.deleteLater()


def test_a_failure_while_unlocking_leaves_the_app_locked_and_the_store_closed(
    qtbot, store: Store, locker: Locker
) -> None:
    show_window(qtbot, store)
    locker.lock()
    opened: list[Store] = []

    def broken_window(new_store: Store) -> MainWindow:
        opened.append(new_store)
        raise RuntimeError("the window could not be built")

    locker.make_window = broken_window
    screen = locker.lock_screen
    assert screen is not None
    screen.passphrase.setText(TEST_PASSPHRASE)
    with qtbot.capture_exceptions() as raised:
        screen.unlock()
    assert [type(error) for _kind, error, _trace in raised] == [RuntimeError]
    assert locker.is_locked and screen.isVisible()
    assert len(opened) == 1 and opened[0].closed


def test_locking_deletes_the_viewer_copies(qtbot, store: Store, locker: Locker) -> None:
    from companion.viewer_copies import viewer_folder, write_viewer_copy

    window = show_window(qtbot, store)
    copy = write_viewer_copy(store.folder, "hearing-packet-1", b"%PDF-1.4 fictional")
    assert copy.exists()
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert locker.is_locked
    assert not copy.exists() and list(viewer_folder(store.folder).iterdir()) == []
