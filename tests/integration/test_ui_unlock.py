"""Unlocking: a wrong passphrase is refused with a message and a growing wait; the
recovery code opens the store and sets a new passphrase; a demo store shows its hint."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt

from companion.demo import create_demo_office
from companion.store import keys
from companion.store.store import Store
from companion.ui.session.unlock_dialog import UnlockDialog
from tests.conftest import TEST_PASSPHRASE
from tests.integration.ui_shell_support import isolated_interface  # noqa: F401


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _seconds_shown(dialog: UnlockDialog) -> int:
    numbers = re.findall(r"\d+", dialog.countdown.text())
    assert len(numbers) == 1, dialog.countdown.text()
    return int(numbers[0])


def _closed_store(data_dir: Path) -> str:
    store, code = Store.create(data_dir, TEST_PASSPHRASE)
    store.close()
    return code


def test_wrong_passphrase_shows_a_message_and_disables_retry(qtbot, data_dir: Path) -> None:
    _closed_store(data_dir)
    key_file_before = (data_dir / keys.KEY_FILE_NAME).read_bytes()
    clock = FakeClock()
    dialog = UnlockDialog(data_dir, keys.UnlockThrottle(clock))
    qtbot.addWidget(dialog)
    assert dialog.demo_hint.isHidden()

    expected = "That passphrase is not right. Nothing was changed."
    qtbot.keyClicks(dialog.passphrase, "not the passphrase")
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == expected
    assert dialog.passphrase.text() == "", "a wrong passphrase is cleared"
    assert dialog.store is None

    qtbot.keyClicks(dialog.passphrase, "still not it")
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == expected
    assert not dialog.unlock_button.isEnabled()
    assert not dialog.recover_button.isEnabled()
    assert dialog.timer.isActive()
    first_wait = _seconds_shown(dialog)
    assert first_wait >= 1

    # Pressing Enter while waiting does nothing, not even with the right passphrase.
    dialog.passphrase.setText(TEST_PASSPHRASE)
    dialog.unlock()
    assert dialog.store is None

    clock.now += first_wait - 0.5
    dialog.timer.timeout.emit()
    assert not dialog.unlock_button.isEnabled()
    assert _seconds_shown(dialog) == 1, "the countdown counts down"
    clock.now += 0.5
    dialog.timer.timeout.emit()
    assert dialog.unlock_button.isEnabled()
    assert not dialog.timer.isActive()

    dialog.passphrase.setText("wrong a third time")
    dialog.unlock()
    assert not dialog.unlock_button.isEnabled()
    assert _seconds_shown(dialog) > first_wait, "the wait grows"
    assert (data_dir / keys.KEY_FILE_NAME).read_bytes() == key_file_before


def test_right_passphrase_opens_the_store(qtbot, data_dir: Path) -> None:
    _closed_store(data_dir)
    dialog = UnlockDialog(data_dir)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.passphrase, TEST_PASSPHRASE)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    assert dialog.store is not None
    dialog.store.close()


def test_recovery_code_opens_and_sets_a_new_passphrase(qtbot, data_dir: Path) -> None:
    code = _closed_store(data_dir)
    dialog = UnlockDialog(data_dir)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.use_recovery_button, Qt.MouseButton.LeftButton)
    assert dialog.current_page == UnlockDialog.RECOVERY_PAGE
    assert dialog.pages[UnlockDialog.PASSPHRASE_PAGE].isHidden()

    dialog.code.setText(code)
    dialog.new_passphrase.setText("fresh winter passphrase 3")
    dialog.repeat.setText("different")
    dialog.recover()
    assert "not the same" in dialog.message.text()
    assert dialog.store is None

    dialog.repeat.setText("fresh winter passphrase 3")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.recover_button, Qt.MouseButton.LeftButton)
    assert dialog.store is not None
    dialog.store.close()
    Store.open(data_dir, "fresh winter passphrase 3").close()


def test_wrong_recovery_code_is_throttled_too(qtbot, data_dir: Path) -> None:
    _closed_store(data_dir)
    clock = FakeClock()
    dialog = UnlockDialog(data_dir, keys.UnlockThrottle(clock))
    qtbot.addWidget(dialog)
    dialog.show_page(UnlockDialog.RECOVERY_PAGE)
    for _attempt in range(2):
        dialog.code.setText("AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF")
        dialog.new_passphrase.setText("fresh winter passphrase 3")
        dialog.repeat.setText("fresh winter passphrase 3")
        dialog.recover()
    assert "recovery code is not right" in dialog.message.text()
    assert not dialog.recover_button.isEnabled()
    Store.open(data_dir, TEST_PASSPHRASE).close()


def test_demo_store_shows_the_demo_passphrase(qtbot, data_dir: Path) -> None:
    create_demo_office(data_dir).close()
    dialog = UnlockDialog(data_dir)
    qtbot.addWidget(dialog)
    assert not dialog.demo_hint.isHidden()
    assert "demo" in dialog.demo_hint.text()
    qtbot.keyClicks(dialog.passphrase, "demo")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert dialog.store is not None
    assert dialog.store.settings.is_demo
    dialog.store.close()


def test_enter_after_a_wrong_passphrase_keeps_the_message_and_the_page(
    qtbot, data_dir: Path
) -> None:
    """Enter presses Unlock and nothing else: while Unlock waits after a wrong passphrase,
    Enter must not fall through to another button (it used to open the recovery page and
    wipe the message)."""
    _closed_store(data_dir)
    dialog = UnlockDialog(data_dir, keys.UnlockThrottle(FakeClock()))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    for _attempt in range(3):
        qtbot.keyClicks(dialog.passphrase, "not the passphrase")
        qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
        assert dialog.current_page == UnlockDialog.PASSPHRASE_PAGE
        assert dialog.message.text() == "That passphrase is not right. Nothing was changed."
    assert not dialog.unlock_button.isEnabled(), "a wait follows repeated wrong tries"
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    assert dialog.current_page == UnlockDialog.PASSPHRASE_PAGE
    assert dialog.message.text() == "That passphrase is not right. Nothing was changed."
    assert dialog.store is None
