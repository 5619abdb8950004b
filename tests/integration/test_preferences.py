"""File ▸ Preferences: lock minutes and staff name for this user, backups folder and
retention for the office; OK saves all of it, Cancel none."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from companion.i18n.catalog import translator
from companion.store.audit import AuditAction
from companion.store.backups import backup_folder
from companion.store.store import BACKUPS_FOLDER_NAME, Store
from companion.ui import preferences
from companion.ui.session.lock import Locker
from companion.ui.settings.preferences_dialog import PreferencesDialog, PreferencesFeature
from companion.ui.shell.language import switch_language
from companion.ui.shell.main_window import MainWindow
from tests.integration.lock_support import (  # noqa: F401
    FakeClock,
    clock_fixture,
    close_main_windows,
    locker_fixture,
    show_window,
)
from tests.integration.ui_shell_support import isolated_interface  # noqa: F401

PSEUDO = translator("x-pseudo")


def _feature(window: MainWindow) -> PreferencesFeature:
    return next(f for f in window.features if isinstance(f, PreferencesFeature))


def _open(qtbot, window: MainWindow) -> PreferencesDialog:
    dialog = _feature(window).open_dialog()
    qtbot.waitExposed(dialog)
    return dialog


def test_preferences_are_in_the_file_menu_with_ctrl_comma(
    qtbot, store: Store, locker: Locker
) -> None:
    window = show_window(qtbot, store)
    action = _feature(window).action
    assert action in window.actions_.file_menu.actions()
    assert QKeySequence("Ctrl+,") in action.shortcuts()
    assert action.text() == "&Preferences…"


def test_defaults_are_shown(qtbot, store: Store, locker: Locker) -> None:
    window = show_window(qtbot, store)
    dialog = _open(qtbot, window)
    assert dialog.lock_minutes.value() == 5
    assert dialog.staff_name.text() == ""
    assert dialog.backup_folder.text() == ""
    assert dialog.backup_folder.placeholderText() == str(store.folder / BACKUPS_FOLDER_NAME)
    assert dialog.retention_months.value() == 0
    assert dialog.retention_months.text() == "Off"


def test_ok_saves_every_preference_where_it_belongs(
    qtbot, tmp_path: Path, store: Store, locker: Locker, clock: FakeClock
) -> None:
    usb = tmp_path / "usb drive"
    usb.mkdir()
    window = show_window(qtbot, store)
    dialog = _open(qtbot, window)
    dialog.lock_minutes.setValue(2)
    dialog.staff_name.clear()
    qtbot.keyClicks(dialog.staff_name, "  Dana   Whitfield ")
    dialog.backup_folder.setText(str(usb))
    dialog.retention_months.setValue(18)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == PreferencesDialog.DialogCode.Accepted

    # This user's own: in QSettings.
    assert preferences.lock_minutes() == 2
    assert preferences.remembered_staff_name() == "Dana Whitfield"
    # The office's: in the encrypted store.
    assert backup_folder(store) == usb
    assert store.retention.months() == 18
    # The audit trail names the staff member from now on.
    store.audit.record(AuditAction.EXPORTED, "person", 1)
    assert store.audit.entries(limit=1)[0].staff_name == "Dana Whitfield"
    # And the lock comes after the new number of minutes.
    clock.now += 2 * 60
    assert locker.idle.check()
    assert locker.is_locked


def test_the_staff_name_is_given_to_every_new_window(qtbot, store: Store, locker: Locker) -> None:
    preferences.remember_staff_name("Ilse B.")
    show_window(qtbot, store)
    assert store.audit.staff_name == "Ilse B."


def test_a_missing_backups_folder_is_refused_and_nothing_is_saved(
    qtbot, tmp_path: Path, store: Store, locker: Locker
) -> None:
    window = show_window(qtbot, store)
    dialog = _open(qtbot, window)
    dialog.lock_minutes.setValue(9)
    dialog.retention_months.setValue(6)
    missing = tmp_path / "unplugged drive"
    dialog.backup_folder.setText(str(missing))
    dialog.save_and_accept()
    assert dialog.isVisible()
    assert dialog.message.is_error and str(missing) in dialog.message.text()
    assert preferences.lock_minutes() == 5
    assert store.retention.months() is None
    assert backup_folder(store) == store.folder / BACKUPS_FOLDER_NAME

    qtbot.mouseClick(dialog.default_button, Qt.MouseButton.LeftButton)
    assert dialog.backup_folder.text() == ""
    dialog.save_and_accept()
    assert not dialog.isVisible()
    assert preferences.lock_minutes() == 9
    assert store.retention.months() == 6


def test_cancel_changes_nothing(qtbot, store: Store, locker: Locker) -> None:
    window = show_window(qtbot, store)
    dialog = _open(qtbot, window)
    dialog.lock_minutes.setValue(30)
    dialog.staff_name.setText("Nobody")
    dialog.retention_months.setValue(3)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert preferences.lock_minutes() == 5
    assert preferences.remembered_staff_name() == ""
    assert store.audit.staff_name == ""
    assert store.retention.months() is None


def test_preferences_follow_the_interface_language(qtbot, store: Store, locker: Locker) -> None:
    window = show_window(qtbot, store)
    dialog = _open(qtbot, window)
    labels = [dialog.lock_label, dialog.staff_hint, dialog.backup_hint, dialog.retention_label]
    english = [label.text() for label in labels]
    # The pseudo-locale changes every string that goes through the catalog.
    switch_language("x-pseudo")
    assert dialog.windowTitle() == PSEUDO.gettext("Preferences")
    for label, before in zip(labels, english, strict=True):
        assert label.text() != before
        assert label.text().startswith("\u202e⟦")
    assert dialog.retention_months.text() == PSEUDO.gettext("Off")
    assert dialog.isRightToLeft()
    assert not dialog.backup_folder.isRightToLeft(), "paths read left to right"


def test_the_folder_picker_fills_in_the_chosen_folder(
    qtbot, tmp_path: Path, store: Store, locker: Locker
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    window = show_window(qtbot, store)
    dialog = _open(qtbot, window)
    picker = dialog.choose_backup_folder()
    qtbot.waitExposed(picker)
    assert picker.isModal() or picker.windowModality() != Qt.WindowModality.NonModal
    picker.setOption(picker.Option.DontUseNativeDialog, True)
    picker.selectFile(str(usb))
    picker.accept()
    assert dialog.backup_folder.text() == str(usb)
