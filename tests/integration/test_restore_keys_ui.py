"""The restore dialog over a re-keyed store: the backup's (old) passphrase is not enough,
the store's own passphrase or recovery code is asked, and the question before restoring
says that the old passphrase and recovery code come back. Driven with keys."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from companion.domain.models import Person
from companion.errors import WrongPassphraseError
from companion.store import backups, keys
from companion.store.store import Store
from companion.ui.safety.records_safety import RecordsSafety
from companion.ui.safety.restore_dialog import RestoreDialog
from companion.ui.shell.main_window import MainWindow
from companion.ui.shell.window_session import close_open_stores
from companion.ui.widgets.prompts import ConfirmBox, InfoBox
from tests.conftest import TEST_PASSPHRASE
from tests.integration.ui_shell_support import isolated_interface  # noqa: F401

NEW_PASSPHRASE = "violet harbour compass 7"


class Rekeyed(NamedTuple):
    store: Store
    old_backup: Path
    new_recovery_code: str


@pytest.fixture
def rekeyed(data_dir: Path, tmp_path: Path) -> Iterator[Rekeyed]:
    store, _code = Store.create(data_dir, TEST_PASSPHRASE)
    store.people.add(Person("Before", "Sample", language="es"))
    old_backup = backups.make_backup(store, folder=tmp_path / "usb").path
    code = store.change_passphrase(TEST_PASSPHRASE, NEW_PASSPHRASE, rekey=True)
    assert code is not None
    store.people.add(Person("After", "Sample", language="es"))
    yield Rekeyed(store, old_backup, code)
    close_open_stores()


def _main_windows() -> list[MainWindow]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
    ]


def _questions() -> list[ConfirmBox]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, ConfirmBox) and w.isVisible()
    ]


def _tab_to(qtbot, target: QWidget) -> None:
    """Press Tab from the focus until ``target`` has it (a few presses at most)."""
    for _press in range(4):
        if target.hasFocus():
            return
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    assert target.hasFocus()


def _checked_dialog(qtbot, rekeyed: Rekeyed) -> tuple[MainWindow, RestoreDialog]:
    window = MainWindow(rekeyed.store)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    feature = next(f for f in window.features if isinstance(f, RecordsSafety))
    dialog = feature.open_restore()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    assert dialog.choose_backup(rekeyed.old_backup)
    qtbot.keyClicks(dialog.passphrase, TEST_PASSPHRASE)
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    assert dialog.summary.isVisible() and dialog.people.text() == "1"
    return window, dialog


def test_the_backups_old_passphrase_is_not_enough_and_a_wrong_one_is_refused(
    qtbot, rekeyed: Rekeyed
) -> None:
    window, dialog = _checked_dialog(qtbot, rekeyed)
    # Said when checked: the keys differ, and the store's own passphrase is needed.
    assert dialog.other_store_note.is_error
    assert dialog.other_store_note.text() == (
        "This backup was made before the store's key was changed. Restoring it brings back "
        "the passphrase and the recovery code in use then."
    )
    assert dialog.store_passphrase_row.isVisible()
    assert not dialog.restore_button.isEnabled()
    assert "does not open the store open now" in dialog.message.text()
    # Tab from the backup's passphrase reaches the store's, past the check button.
    dialog.passphrase.setFocus()
    qtbot.waitUntil(dialog.passphrase.hasFocus)
    _tab_to(qtbot, dialog.store_passphrase)

    qtbot.keyClicks(dialog.store_passphrase, TEST_PASSPHRASE)  # the old one: refused
    assert dialog.restore_button.isEnabled()
    qtbot.keyClick(dialog.store_passphrase, Qt.Key.Key_Return)
    assert _questions() == []
    assert dialog.message.is_error
    assert dialog.message.text() == (
        f"That is not the passphrase or the recovery code of the store in {rekeyed.store.folder}. "
        "Restoring a backup over a store needs the store's own passphrase. Nothing was changed."
    )
    assert not rekeyed.store.closed and _main_windows() == [window]
    assert dialog.restore_now() is None  # nothing proven: nothing restored
    assert not rekeyed.store.closed


def test_the_question_names_the_old_keys_coming_back_and_escape_or_enter_keep_the_store(
    qtbot, rekeyed: Rekeyed
) -> None:
    window, dialog = _checked_dialog(qtbot, rekeyed)
    qtbot.keyClicks(dialog.store_passphrase, NEW_PASSPHRASE)
    qtbot.keyClick(dialog.store_passphrase, Qt.Key.Key_Return)
    [question] = _questions()
    assert question.windowTitle() == "Restore a backup with older keys"
    assert (
        "If you restore it, the passphrase and the recovery code in use then open the store "
        "again, and the ones in use now stop working: anyone who still knows the old ones can "
        "open it." in question.text()
    )
    assert question.confirm_button.text() == "Restore with the old passphrase and recovery code"
    qtbot.keyClick(question, Qt.Key.Key_Escape)
    assert _questions() == [] and not rekeyed.store.closed

    # Enter on the question is "Do not restore", its default.
    qtbot.keyClick(dialog.store_passphrase, Qt.Key.Key_Return)
    [question] = _questions()
    qtbot.keyClick(question, Qt.Key.Key_Return)
    assert _questions() == [] and not rekeyed.store.closed
    assert _main_windows() == [window]
    assert sorted(p.given_name for p in rekeyed.store.people.list()) == ["After", "Before"]


def test_tab_to_the_named_consequence_and_enter_brings_the_old_keys_back(
    qtbot, rekeyed: Rekeyed
) -> None:
    window, dialog = _checked_dialog(qtbot, rekeyed)
    # The store's recovery code proves it as well as its passphrase.
    qtbot.keyClicks(dialog.store_passphrase, rekeyed.new_recovery_code)
    qtbot.keyClick(dialog.store_passphrase, Qt.Key.Key_Return)
    [question] = _questions()
    question.activateWindow()
    qtbot.waitUntil(lambda: question.isAncestorOf(QApplication.focusWidget()))
    _tab_to(qtbot, question.confirm_button)
    qtbot.keyClick(question.confirm_button, Qt.Key.Key_Return)

    assert rekeyed.store.closed
    [restored_window] = _main_windows()
    assert restored_window is not window
    assert [p.given_name for p in restored_window.store.people.list()] == ["Before"]
    for box in QApplication.topLevelWidgets():
        if isinstance(box, InfoBox):
            box.close()
    key_file = keys.KeyFile.load(rekeyed.store.folder)
    key_file.unlock(TEST_PASSPHRASE)
    with pytest.raises(WrongPassphraseError):
        key_file.unlock(NEW_PASSPHRASE)
    restored_window.close()
