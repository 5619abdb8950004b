"""Backups in the app: on demand, once a day while open, on close, loud failures, and a
backup → check → restore round trip through the restore dialog (and undoing it)."""

from __future__ import annotations

import logging
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from companion.domain.models import Person
from companion.i18n.languages import PSEUDO_TAG
from companion.i18n.pseudo import OPEN_BRACKET
from companion.store import backups, folder_lock
from companion.store.audit import AuditAction
from companion.store.files import DATABASE_FILE_NAME
from companion.store.migrations import known_migration_names
from companion.store.store import Store
from companion.ui.safety import restore_dialog
from companion.ui.safety.backup_keeper import BackupFailureBox, keep_until_dismissed
from companion.ui.safety.records_safety import RecordsSafety
from companion.ui.safety.restore_dialog import RestoreDialog
from companion.ui.shell.language import switch_language
from companion.ui.shell.main_window import MainWindow
from companion.ui.shell.window_session import close_open_stores, open_stores
from companion.ui.widgets.prompts import ConfirmBox, InfoBox
from tests.conftest import TEST_PASSPHRASE
from tests.integration.helpers.shown_texts import untranslated
from tests.integration.ui_shell_support import add_hearing, isolated_interface  # noqa: F401


def _feature(window: MainWindow) -> RecordsSafety:
    return next(f for f in window.features if isinstance(f, RecordsSafety))


def _window(qtbot, store: Store) -> MainWindow:
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _open(kind: type) -> list:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def _backups(store: Store, reason: str | None = None) -> list[backups.BackupInfo]:
    found = backups.list_backups(backups.backup_folder(store))
    return [info for info in found if reason is None or info.reason == reason]


def _break_verification(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every new backup is damaged on its way to the disk (a byte in the middle of the
    archive flips, as a bad disk or USB stick would), and the real check reads it back."""
    real_check = backups._verify_archive

    def damaged_on_disk(path: Path, *args: object) -> None:
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 0xFF
        path.write_bytes(bytes(data))
        real_check(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(backups, "_verify_archive", damaged_on_disk)


def test_file_menu_offers_the_safety_screens(qtbot, store: Store) -> None:
    window = _window(qtbot, store)
    feature = _feature(window)
    texts = [action.text() for action in window.actions_.file_menu.actions()]
    for action in (
        feature.audit_action,
        feature.retention_action,
        feature.backup_action,
        feature.restore_action,
    ):
        assert action.text() in texts
    assert texts[-1] == window.actions_.quit.text()


def test_back_up_now_writes_a_verified_backup_and_says_where(qtbot, store: Store) -> None:
    add_hearing(store)
    window = _window(qtbot, store)
    _feature(window).backup_action.trigger()
    [manual] = _backups(store, "manual")
    assert (manual.people, manual.hearings) == (1, 1)
    [box] = _open(InfoBox)
    assert str(manual.path) in box.text()
    assert "People: 1" in box.text() and "Hearings: 1" in box.text()
    assert backups.inspect_backup(manual.path, TEST_PASSPHRASE).people == 1


def test_failed_backup_is_loud_logged_and_keeps_the_good_one(
    qtbot, store: Store, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    add_hearing(store)
    window = _window(qtbot, store)
    feature = _feature(window)
    [good] = [feature.backups.back_up_if_due()]
    assert good is not None
    _break_verification(monkeypatch)

    with caplog.at_level(logging.ERROR):
        assert feature.backups.back_up_now() is None

    [box] = _open(BackupFailureBox)
    assert box.icon() == QMessageBox.Icon.Critical
    assert "failed" in box.text()
    assert "your earlier backups are untouched" in box.informativeText()
    assert "checksum mismatch" in box.informativeText()
    assert any(record.levelno >= logging.ERROR for record in caplog.records)
    # Nothing but the good backup in the folder (no partial file), and it still opens.
    folder = backups.backup_folder(store)
    assert sorted(folder.iterdir()) == [good.path]
    assert backups.inspect_backup(good.path, TEST_PASSPHRASE).hearings == 1
    # The message stays until someone dismisses it.
    assert box.isVisible()
    qtbot.mouseClick(box.ok_button, Qt.MouseButton.LeftButton)
    assert not _open(BackupFailureBox)


def test_daily_backup_is_made_once_while_open(qtbot, store: Store) -> None:
    window = _window(qtbot, store)
    keeper = _feature(window).backups
    assert keeper.timer.isActive()
    first = keeper.back_up_if_due()
    assert first is not None and first.reason == backups.AUTOMATIC
    assert keeper.back_up_if_due() is None
    with qtbot.waitSignal(keeper.timer.timeout, timeout=5000):
        keeper.timer.setInterval(1)
    assert len(_backups(store, backups.AUTOMATIC)) == 1


def test_closing_the_window_makes_an_automatic_backup(qtbot, store: Store) -> None:
    store.people.add(Person("Closing", "Time", language="es"))
    window = _window(qtbot, store)
    assert _backups(store) == []
    window.close()
    [made] = _backups(store, backups.AUTOMATIC)
    assert made.people == 1
    assert store.audit.entries(action=AuditAction.BACKED_UP)


def test_failed_backup_on_close_stays_on_screen_after_the_window_goes(
    qtbot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, store)
    _break_verification(monkeypatch)
    window.close()
    assert not window.isVisible()
    [box] = _open(BackupFailureBox)
    # A window of its own: the app does not quit until it has been read and dismissed.
    assert box.parent() is None
    assert "checksum mismatch" in box.informativeText()
    assert _backups(store) == []
    box.ok_button.click()
    assert not _open(BackupFailureBox)


def _main_windows() -> list[MainWindow]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
    ]


def _check_in_dialog(qtbot, window: MainWindow, path: Path | None) -> RestoreDialog:
    dialog = _feature(window).open_restore()
    if path is not None:
        assert dialog.choose_backup(path)
    assert not dialog.restore_button.isEnabled()
    qtbot.keyClicks(dialog.passphrase, TEST_PASSPHRASE)
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert dialog.summary.isVisible()
    return dialog


def test_backup_check_and_restore_round_trip_in_the_dialog(qtbot, store: Store) -> None:
    add_hearing(store, given_name="Before")
    first_window = MainWindow(store)
    first_window.show()
    qtbot.waitExposed(first_window)
    _feature(first_window).backup_action.trigger()
    [made] = _backups(store, "manual")
    for box in _open(InfoBox):
        box.close()
    store.people.add(Person("After", "Backup", language="fr"))

    dialog = _feature(first_window).open_restore()
    assert dialog.table.rowCount() == 1 and dialog.chosen is not None
    assert dialog.chosen.path == made.path
    # A wrong passphrase is refused and nothing can be restored.
    qtbot.keyClicks(dialog.passphrase, "not the passphrase at all")
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert dialog.message.is_error and not dialog.restore_button.isEnabled()
    assert not dialog.summary.isVisible()
    # The right one shows the date and what the backup holds before anything changes.
    dialog.passphrase.clear()
    qtbot.keyClicks(dialog.passphrase, TEST_PASSPHRASE)
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert dialog.summary.isVisible()
    assert (dialog.people.text(), dialog.hearings.text()) == ("1", "1")
    assert dialog.made_on.text()
    assert not dialog.other_store_note.isVisible()
    assert len(store.people.list()) == 2  # nothing changed yet

    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    [question] = _open(ConfirmBox)
    assert "backed up first" in question.text()
    qtbot.mouseClick(question.cancel_button, Qt.MouseButton.LeftButton)
    assert _main_windows() == [first_window] and not store.closed

    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    [question] = _open(ConfirmBox)
    qtbot.mouseClick(question.confirm_button, Qt.MouseButton.LeftButton)

    # The app goes on in a new main window on the restored store.
    assert store.closed
    [second_window] = _main_windows()
    assert second_window is not first_window
    restored = second_window.store
    assert [p.given_name for p in restored.people.list()] == ["Before"]
    second_window.actions_.show_people.trigger()
    assert second_window.people.model.rowCount() == 1
    assert restored.audit.entries(action=AuditAction.RESTORED_BACKUP)
    [done] = _open(InfoBox)
    assert "restored" in done.text() and done.parent() is second_window
    [before] = _backups(restored, "before-restore")
    assert before.people == 2
    assert open_stores() == [restored]

    # Undo: restore the backup made before the restore, chosen as a file.
    done.close()
    undo = _check_in_dialog(qtbot, second_window, before.path)
    assert undo.people.text() == "2"
    undo.restore_now()
    assert restored.closed
    [third_window] = _main_windows()
    assert third_window is not second_window
    assert sorted(p.given_name for p in third_window.store.people.list()) == ["After", "Before"]
    assert third_window.store.check() == []
    third_window.close()
    close_open_stores()
    assert third_window.store.closed


def test_a_file_that_is_not_a_backup_is_refused(qtbot, store: Store, tmp_path: Path) -> None:
    window = _window(qtbot, store)
    dialog = _feature(window).open_restore()
    stranger = tmp_path / "holiday.ccbackup"
    stranger.write_bytes(b"not a zip file")
    assert not dialog.choose_backup(stranger)
    assert dialog.message.is_error and "not a Court Companion backup" in dialog.message.text()
    assert dialog.chosen is None and not dialog.check_button.isEnabled()


def test_a_backup_of_another_store_is_flagged(qtbot, store: Store, tmp_path: Path) -> None:
    other, _code = Store.create(tmp_path / "other", TEST_PASSPHRASE)
    other.people.add(Person("Other", "Office", language="es"))
    foreign = backups.make_backup(other, folder=tmp_path / "usb")
    other.close()
    window = _window(qtbot, store)
    dialog = _check_in_dialog(qtbot, window, foreign.path)
    assert dialog.other_store_note.isVisible() and dialog.other_store_note.is_error
    assert dialog.people.text() == "1"


def test_restore_dialog_and_failure_box_speak_the_interface_language(
    qtbot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, store)
    feature = _feature(window)
    feature.backup_action.trigger()
    for box in _open(InfoBox):
        box.close()
    session_dialog = feature.open_restore()
    qtbot.keyClicks(session_dialog.passphrase, TEST_PASSPHRASE)
    session_dialog.check_backup()
    _break_verification(monkeypatch)
    feature.back_up_now()
    [failure] = _open(BackupFailureBox)

    switch_language(PSEUDO_TAG)
    data = (
        session_dialog.made_on,
        session_dialog.reason,
        session_dialog.people,
        session_dialog.hearings,
    )
    assert untranslated(session_dialog, data) == []
    assert OPEN_BRACKET in session_dialog.reason.text()  # "Made on demand" is ours
    assert OPEN_BRACKET in session_dialog.table.item(0, 1).text()
    assert untranslated(failure) == []
    for action in (feature.audit_action, feature.backup_action, feature.restore_action):
        assert OPEN_BRACKET in action.text()


def test_restore_dialog_opened_in_arabic_chooses_the_newest_backup(qtbot, store: Store) -> None:
    window = _window(qtbot, store)
    feature = _feature(window)
    first = feature.backups.back_up_if_due()
    feature.back_up_now()
    for box in _open(InfoBox):
        box.close()
    switch_language("ar")
    dialog = feature.open_restore()
    newest = _backups(store)[0]
    assert first is not None and newest.path != first.path
    assert dialog.isRightToLeft()
    assert dialog.chosen is not None and dialog.chosen.path == newest.path
    assert [index.row() for index in dialog.table.selectionModel().selectedRows()] == [0]


def _damaged_copy(backup: Path, target: Path) -> Path:
    """The backup with two stretches of its database pages overwritten (as a bad disk
    might); the archive itself stays readable."""
    with zipfile.ZipFile(backup) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    database = bytearray(members[DATABASE_FILE_NAME])
    for start in (len(database) // 2, len(database) // 2 + 5000):
        database[start : start + 64] = bytes(byte ^ 0xFF for byte in database[start : start + 64])
    members[DATABASE_FILE_NAME] = bytes(database)
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return target


def test_a_damaged_backup_is_reported_and_cannot_be_restored(
    qtbot, store: Store, tmp_path: Path
) -> None:
    for number in range(300):
        store.people.add(Person(f"Many{number}", "Pages" * 20, language="es", notes="n" * 400))
    good = backups.make_backup(store)
    damaged = _damaged_copy(good.path, tmp_path / "damaged.ccbackup")
    window = _window(qtbot, store)
    dialog = _feature(window).open_restore()
    assert dialog.choose_backup(damaged)
    qtbot.keyClicks(dialog.passphrase, TEST_PASSPHRASE)
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert dialog.message.is_error and "damaged" in dialog.message.text()
    assert not dialog.summary.isVisible() and not dialog.restore_button.isEnabled()
    assert not store.closed and len(store.people.list()) == 300


def test_a_restore_failing_after_the_store_closed_says_so_and_closes_the_window(
    qtbot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, store)
    _feature(window).backup_action.trigger()
    for box in _open(InfoBox):
        box.close()
    dialog = _check_in_dialog(qtbot, window, None)

    def fails_midway(
        folder: Path,
        backup: Path,
        passphrase: str,
        current: Store,
        allow_other_office: bool = False,
        current_secret: str | None = None,
        allow_other_keys: bool = False,
    ) -> Store:
        current.close()  # as restore_backup does once the safety backup is written
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(restore_dialog, "restore_backup", fails_midway)
    assert dialog.restore_now() is None
    assert not window.isVisible() and not dialog.isVisible()
    [box] = _open(BackupFailureBox)
    assert box.parent() is None  # outlives the main window until it is read
    assert "start it again" in box.text() and "No space left" in box.informativeText()
    box.ok_button.click()


def test_a_windowless_failure_message_lives_until_dismissed(qtbot) -> None:
    def show(kept: bool) -> None:
        box = BackupFailureBox(backups.BackupFailedError("disk gone"), None)
        if kept:
            keep_until_dismissed(box)
        box.open()
        # Returning drops the only reference the code had to the box.

    show(kept=False)
    assert _open(BackupFailureBox) == []  # without a holder, Python deleted it
    show(kept=True)
    [box] = _open(BackupFailureBox)
    box.ok_button.click()
    assert not _open(BackupFailureBox)


def test_a_backup_from_a_newer_app_is_refused_in_the_dialog_in_the_interface_language(
    qtbot, store: Store, tmp_path: Path
) -> None:
    newer, _code = Store.create(tmp_path / "newer-laptop", TEST_PASSPHRASE)
    newer.db.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('court_companion', 'm999_from_the_future', '2027-01-01')"
    )
    newer.db.conn.commit()
    future = backups.make_backup(newer, folder=tmp_path / "usb").path
    newer.close()
    window = _window(qtbot, store)
    dialog = _feature(window).open_restore()
    assert dialog.choose_backup(future)
    qtbot.keyClicks(dialog.passphrase, TEST_PASSPHRASE)
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    known = len(known_migration_names())
    text = dialog.message.text()
    assert dialog.message.is_error and "newer version" in text
    assert str(known + 1) in text and str(known) in text
    assert not dialog.restore_button.isEnabled() and not store.closed
    switch_language(PSEUDO_TAG)
    assert OPEN_BRACKET in dialog.message.text() and str(known + 1) in dialog.message.text()


def test_a_restore_is_refused_in_the_dialog_while_another_process_holds_the_store(
    qtbot, store: Store
) -> None:
    store.people.add(Person("Kept", "Open", language="es"))
    window = _window(qtbot, store)
    _feature(window).backup_action.trigger()
    for box in _open(InfoBox):
        box.close()
    dialog = _check_in_dialog(qtbot, window, None)
    # Another process's hold: its own lock file description, as a separate process has.
    other_process = folder_lock._FolderLock(store.folder.resolve())
    other_process.take_shared(wait_seconds=0)
    try:
        assert dialog.restore_now() is None
    finally:
        other_process.release_shared()
    assert dialog.message.is_error and "open in another" in dialog.message.text()
    assert "Nothing was restored" in dialog.message.text()
    assert not store.closed and _main_windows() == [window]
    assert [p.given_name for p in store.people.list()] == ["Kept"]
    assert _backups(store, "before-restore") == []
    switch_language(PSEUDO_TAG)
    assert OPEN_BRACKET in dialog.message.text()


def test_the_restore_dialog_chooses_the_newest_genuine_backup_not_a_planted_one(
    qtbot, store: Store
) -> None:
    window = _window(qtbot, store)
    genuine = backups.make_backup(store)
    planted = genuine.path.with_name("court-companion-20990101-000000-000000-manual.ccbackup")
    with zipfile.ZipFile(genuine.path) as source, zipfile.ZipFile(planted, "w") as out:
        for name in ("companion.db", "keys.json"):
            out.writestr(name, source.read(name))
        manifest = source.read("manifest.json").replace(
            genuine.created_at.isoformat().encode(), b"2099-01-01T00:00:00+00:00"
        )
        assert b"2099-01-01" in manifest
        out.writestr("manifest.json", manifest)
        out.writestr("manifest.mac", source.read("manifest.mac"))
    dialog = _feature(window).open_restore()
    assert dialog.table.rowCount() == 2  # listed, as any file in the folder is
    assert dialog.chosen is not None and dialog.chosen.path == genuine.path
    # Chosen by hand, it is refused when checked: its seal does not match what it says.
    assert dialog.choose_backup(planted)
    qtbot.keyClicks(dialog.passphrase, TEST_PASSPHRASE)
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    assert dialog.message.is_error and not dialog.restore_button.isEnabled()


def test_a_restore_refused_by_its_own_checks_says_so_in_a_restores_words(
    qtbot, store: Store, tmp_path: Path
) -> None:
    store.people.add(Person("First", "Sample", language="es"))
    sealed = backups.make_backup(store, folder=tmp_path / "usb").path
    store.people.add(Person("Second", "Sample", language="es"))
    later = backups.make_backup(store, folder=tmp_path / "usb").path
    window = _window(qtbot, store)
    dialog = _check_in_dialog(qtbot, window, sealed)
    # Changed on the USB drive after it was checked: its manifest with another database.
    with zipfile.ZipFile(sealed) as old, zipfile.ZipFile(later) as new:
        members = {name: old.read(name) for name in old.namelist()}
        members["companion.db"] = new.read("companion.db")
    with zipfile.ZipFile(sealed, "w") as out:
        for name, data in members.items():
            out.writestr(name, data)
    assert dialog.restore_now() is None
    assert dialog.message.is_error
    assert dialog.message.text() == (
        "Nothing was restored, and the records open now are unchanged. This backup did not "
        "pass the checks made before a restore (the database does not match its manifest). "
        "Choose another backup."
    )
    assert not store.closed and _main_windows() == [window]
