"""File ▸ Change passphrase…, driven from the keyboard: a plain change, a re-key with a new
recovery code shown once, and refusals that change nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from companion.errors import NotAStoreError, WeakPassphraseError, WrongPassphraseError
from companion.i18n.catalog import translator
from companion.messages import describe
from companion.store.store import Store
from companion.store.unshown_code import PENDING_CODE_FILE_NAME
from companion.ui.session.change_passphrase_dialog import ChangePassphraseDialog
from companion.ui.shell.main_window import MainWindow
from tests.conftest import TEST_PASSPHRASE
from tests.integration.ui_shell_support import isolated_interface  # noqa: F401

NEW_PASSPHRASE = "violet harbour compass 7"


def _dialog(qtbot, store: Store) -> ChangePassphraseDialog:
    dialog = ChangePassphraseDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.current)
    return dialog


def _type_into_focus(qtbot, text: str) -> None:
    focus = QApplication.focusWidget()
    assert focus is not None
    qtbot.keyClicks(focus, text)


def _fill(qtbot, dialog: ChangePassphraseDialog, current: str, new: str, repeat: str) -> None:
    """Type the three passphrases, moving on with Tab as a person does."""
    _type_into_focus(qtbot, current)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.new
    _type_into_focus(qtbot, new)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.repeat, "the meter takes no focus"
    _type_into_focus(qtbot, repeat)


def test_a_new_passphrase_typed_and_confirmed_with_enter(
    qtbot, store: Store, data_dir: Path
) -> None:
    dialog = _dialog(qtbot, store)
    _fill(qtbot, dialog, TEST_PASSPHRASE, NEW_PASSPHRASE, NEW_PASSPHRASE)
    assert dialog.meter.level.text() == "Strength: strong enough"
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    assert dialog.new_recovery_code == ""
    store.close()
    Store.open(data_dir, NEW_PASSPHRASE).close()
    with pytest.raises(WrongPassphraseError):
        Store.open(data_dir, TEST_PASSPHRASE)


def test_someone_may_have_seen_it_rekeys_and_shows_a_new_code_once(
    qtbot, store: Store, data_dir: Path, tmp_path: Path
) -> None:
    old_keys = tmp_path / "old-keys.json"
    shutil.copy(data_dir / "keys.json", old_keys)
    dialog = _dialog(qtbot, store)
    note_before = dialog.rekey_note.text()
    _fill(qtbot, dialog, TEST_PASSPHRASE, NEW_PASSPHRASE, NEW_PASSPHRASE)
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.rekey
    qtbot.keyClick(dialog.rekey, Qt.Key.Key_Space)
    assert dialog.rekey.isChecked()
    assert dialog.rekey_note.text() != note_before
    assert "Backups made before today" in dialog.rekey_note.text()

    qtbot.keyClick(dialog.rekey, Qt.Key.Key_Return)
    assert dialog.pages.currentIndex() == ChangePassphraseDialog.CODE_PAGE
    code = dialog.code_display.text()
    assert code == dialog.new_recovery_code and len(code.replace("-", "")) == 30
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible(), "the new code is shown once: Escape does not skip it"
    assert (data_dir / PENDING_CODE_FILE_NAME).exists(), "kept until staff confirm"
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.ok_button, Qt.Key.Key_Return)
    assert not (data_dir / PENDING_CODE_FILE_NAME).exists()

    assert store.people.count() == 0  # the open store works on under its new key
    store.close()
    Store.open(data_dir, NEW_PASSPHRASE).close()
    Store.open_with_recovery(data_dir, code, "fresh winter passphrase 3").close()
    shutil.copy(old_keys, data_dir / "keys.json")
    with pytest.raises(NotAStoreError):
        Store.open(data_dir, TEST_PASSPHRASE)


@pytest.mark.parametrize(
    ("current", "new", "expected"),
    [
        ("not the passphrase", NEW_PASSPHRASE, WrongPassphraseError()),
        (TEST_PASSPHRASE, "Summer2024!", WeakPassphraseError("too_common", 10)),
    ],
)
def test_a_refused_change_says_why_and_changes_nothing(
    qtbot, store: Store, data_dir: Path, current: str, new: str, expected: Exception
) -> None:
    before = (data_dir / "keys.json").read_bytes()
    dialog = _dialog(qtbot, store)
    _fill(qtbot, dialog, current, new, new)
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.message.text() == describe(expected, translator("en"))  # type: ignore[arg-type]
    assert (data_dir / "keys.json").read_bytes() == before


def test_the_meter_follows_typing_with_a_reason(qtbot, store: Store) -> None:
    dialog = _dialog(qtbot, store)
    qtbot.keyClick(dialog.current, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.new, "legalaid2024")
    assert dialog.meter.bar.value() < 4
    assert dialog.meter.level.text() == "Strength: weak"
    assert dialog.meter.reason.text() == describe(
        WeakPassphraseError("about_the_app", 10), translator("en")
    )
    qtbot.keyClicks(dialog.new, " copper kettle meadow")
    assert dialog.meter.bar.value() == 4 and dialog.meter.reason.text() == ""


def test_the_file_menu_opens_it(qtbot, store: Store) -> None:
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    menu = window.actions_.file_menu
    (action,) = [a for a in menu.actions() if a.text() == "&Change passphrase…"]
    mnemonics = [a.text().split("&")[1][0].lower() for a in menu.actions() if "&" in a.text()]
    assert len(set(mnemonics)) == len(mnemonics), "every Alt key in the File menu is its own"
    action.trigger()
    shown = [
        widget
        for widget in QApplication.topLevelWidgets()
        if isinstance(widget, ChangePassphraseDialog) and widget.isVisible()
    ]
    assert len(shown) == 1 and shown[0].store is store
    shown[0].reject()


def test_escape_after_typing_asks_before_discarding_and_keeps_what_was_typed(
    qtbot, store: Store
) -> None:
    dialog = _dialog(qtbot, store)
    qtbot.keyClicks(dialog.current, "something typed")
    qtbot.keyClick(dialog.current, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox))
    question = QApplication.activeModalWidget()
    assert isinstance(question, QMessageBox)
    assert question.windowTitle() == "Discard your changes?"
    qtbot.keyClick(question, Qt.Key.Key_Escape)  # keeps editing
    qtbot.waitUntil(lambda: not question.isVisible())
    assert dialog.isVisible() and dialog.current.text() == "something typed"


def test_escape_on_an_untouched_form_closes_it_at_once(qtbot, store: Store) -> None:
    dialog = _dialog(qtbot, store)
    with qtbot.waitSignal(dialog.rejected, timeout=2000):
        qtbot.keyClick(dialog.current, Qt.Key.Key_Escape)


def test_a_too_short_new_passphrase_puts_the_focus_back_on_it(qtbot, store: Store) -> None:
    dialog = _dialog(qtbot, store)
    _fill(qtbot, dialog, "wrong", "abc", "abd")
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.new)
    assert dialog.message.text().startswith("The passphrase is too short.")
    assert dialog.isVisible()
    Store.open(store.folder, TEST_PASSPHRASE).close()  # nothing was changed
