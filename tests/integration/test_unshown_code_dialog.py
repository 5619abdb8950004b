"""A recovery code a killed re-key never showed, shown after the next unlock (at start
and on the lock screen), driven from the keyboard: only "I have kept it" marks it shown;
Escape leaves it to be offered again."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from companion.store import keys
from companion.store.store import Store
from companion.store.unshown_code import PENDING_CODE_FILE_NAME
from companion.ui.session.lock_screen import LockScreen
from companion.ui.session.unlock_dialog import UnlockDialog
from companion.ui.session.unshown_code_dialog import UnshownCodeDialog
from tests.conftest import TEST_PASSPHRASE
from tests.integration.ui_shell_support import isolated_interface  # noqa: F401

NEW_PASSPHRASE = "violet harbour compass 7"


def _rekeyed_and_never_shown(data_dir: Path) -> str:
    """A store re-keyed by a process that stopped before it showed the new code."""
    store, _old_code = Store.create(data_dir, TEST_PASSPHRASE)
    code = store.change_passphrase(TEST_PASSPHRASE, NEW_PASSPHRASE, rekey=True)
    assert code is not None
    store.close()  # and nobody calls recovery_code_shown()
    return code


def _unlock_with_the_keyboard(qtbot, dialog: UnlockDialog, data_dir: Path) -> UnshownCodeDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.passphrase)
    qtbot.keyClicks(dialog.passphrase, NEW_PASSPHRASE)
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    shown = dialog.unshown_code_dialog
    qtbot.waitExposed(shown)
    shown.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is shown.code_display)
    # Enter pressed once too often after the passphrase confirms nothing.
    qtbot.keyClick(shown.code_display, Qt.Key.Key_Return)
    assert shown.isVisible() and (data_dir / PENDING_CODE_FILE_NAME).exists()
    return shown


def test_escape_leaves_the_code_to_be_shown_again_at_the_next_unlock(qtbot, data_dir: Path) -> None:
    code = _rekeyed_and_never_shown(data_dir)
    dialog = UnlockDialog(data_dir)
    shown = _unlock_with_the_keyboard(qtbot, dialog, data_dir)
    assert shown.code_display.text() == code
    assert not dialog.result(), "not unlocked until the code was dealt with"
    assert shown.intro.text().startswith(
        "The passphrase was changed with a new key, but Court Companion was closed before "
        "anyone confirmed keeping the new recovery code."
    )

    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(shown, Qt.Key.Key_Escape)
    assert dialog.store is not None
    assert dialog.store.unshown_recovery_code == code
    dialog.store.close()
    assert (data_dir / PENDING_CODE_FILE_NAME).exists()

    again = Store.open(data_dir, NEW_PASSPHRASE)
    assert again.unshown_recovery_code == code
    again.close()


def test_i_have_kept_it_marks_the_code_shown(qtbot, data_dir: Path) -> None:
    code = _rekeyed_and_never_shown(data_dir)
    dialog = UnlockDialog(data_dir)
    shown = _unlock_with_the_keyboard(qtbot, dialog, data_dir)

    # Tab goes round the dialog's buttons and back to "I have kept it".
    visited = []
    for _step in range(6):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        visited.append(QApplication.focusWidget())
        if visited[-1] is shown.ok_button:
            break
    assert visited[-1] is shown.ok_button
    assert {shown.later_button, shown.print_button, shown.save_pdf_button} <= set(visited)
    assert (data_dir / PENDING_CODE_FILE_NAME).exists()

    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(shown.ok_button, Qt.Key.Key_Return)
    assert dialog.store is not None
    assert dialog.store.unshown_recovery_code is None
    assert dialog.store.people.count() == 0, "the store is open"
    dialog.store.close()
    assert not (data_dir / PENDING_CODE_FILE_NAME).exists()
    again = Store.open(data_dir, NEW_PASSPHRASE)
    assert again.unshown_recovery_code is None
    again.close()
    Store.open_with_recovery(data_dir, code, "fresh winter passphrase 3").close()


def test_the_lock_screen_shows_the_code_before_the_window_comes_back(qtbot, data_dir: Path) -> None:
    code = _rekeyed_and_never_shown(data_dir)
    screen = LockScreen(data_dir, keys.UnlockThrottle())
    unlocked: list[Store] = []
    screen.unlocked.connect(unlocked.append)
    shown = _unlock_with_the_keyboard(qtbot, screen, data_dir)
    assert shown.code_display.text() == code
    assert unlocked == [], "the window comes back once the code was dealt with"

    with qtbot.waitSignal(screen.unlocked):  # Alt+K: "I have &kept it"
        qtbot.keyClick(shown, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    assert len(unlocked) == 1 and unlocked[0].unshown_recovery_code is None
    assert not (data_dir / PENDING_CODE_FILE_NAME).exists()
    unlocked[0].close()
    screen.release()


def test_no_code_dialog_when_every_code_was_shown(qtbot, data_dir: Path) -> None:
    Store.create(data_dir, TEST_PASSPHRASE)[0].close()
    dialog = UnlockDialog(data_dir)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.passphrase, TEST_PASSPHRASE)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    assert not hasattr(dialog, "unshown_code_dialog")
    assert dialog.store is not None
    dialog.store.close()
