"""When something goes wrong: a damaged store, a file that is not a store, or a store from a
newer version each get a clear message and stay untouched; an unexpected error gets a
message with copyable details that hold no personal data, and the app goes on."""

from __future__ import annotations

import logging
import sqlite3
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from companion.errors import NotAStoreError, StoreDamagedError, StoreNewerError
from companion.store import keys
from companion.store.files import DATABASE_FILE_NAME
from companion.store.store import Store
from companion.ui.session.unlock_dialog import UnlockDialog
from companion.ui.shell import error_report
from companion.ui.shell.error_report import (
    ErrorReportBox,
    report_unexpected_error,
    technical_details,
)
from companion.ui.shell.language import switch_language
from tests.conftest import TEST_PASSPHRASE
from tests.integration.ui_shell_support import isolated_interface  # noqa: F401

PAGE = 4096


def _store_with_records(folder: Path) -> None:
    from companion.domain.models import Person

    store, _code = Store.create(folder, TEST_PASSPHRASE)
    for number in range(60):
        store.people.add(Person(f"Sample{number}", "Person", language="es", notes="n" * 400))
    store.close()


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file()}


def _unlock_dialog(qtbot, folder: Path) -> UnlockDialog:
    dialog = UnlockDialog(folder)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _try_passphrase(dialog: UnlockDialog) -> None:
    dialog.passphrase.setText(TEST_PASSPHRASE)
    dialog.unlock()


def _assert_only_quit_is_left(dialog: UnlockDialog) -> None:
    assert dialog.store is None
    assert not dialog.unlock_button.isEnabled()
    assert not dialog.passphrase.isEnabled()
    assert not dialog.use_recovery_button.isEnabled()
    assert dialog.quit_button.isEnabled()
    assert dialog.message.isVisible() and dialog.message.is_error


def _assert_unchanged(folder: Path, before: dict[str, bytes]) -> None:
    after = _snapshot(folder)
    for name, content in before.items():
        assert after[name] == content, f"{name} was changed"
    assert not (folder / "backups").exists(), "nothing was copied or migrated"


def test_damaged_store_says_so_and_is_left_untouched(qtbot, data_dir: Path) -> None:
    _store_with_records(data_dir)
    database = data_dir / DATABASE_FILE_NAME
    content = bytearray(database.read_bytes())
    content[3 * PAGE + 100 : 3 * PAGE + 164] = b"\xa5" * 64  # a page in the middle
    database.write_bytes(bytes(content))
    before = _snapshot(data_dir)

    dialog = _unlock_dialog(qtbot, data_dir)
    assert dialog.unlock_button.isEnabled(), "the damage only shows with the key"
    _try_passphrase(dialog)
    assert isinstance(dialog.store_problem, StoreDamagedError)
    text = dialog.message.text()
    assert text.startswith("The store file is damaged (")
    assert text.endswith(
        "It was left untouched. Restore the latest backup, or ask your IT contact for help."
    )
    _assert_only_quit_is_left(dialog)
    _assert_unchanged(data_dir, before)


def test_empty_store_file_is_reported_before_any_passphrase(qtbot, data_dir: Path) -> None:
    _store_with_records(data_dir)
    (data_dir / DATABASE_FILE_NAME).write_bytes(b"")
    before = _snapshot(data_dir)
    dialog = _unlock_dialog(qtbot, data_dir)
    assert isinstance(dialog.store_problem, StoreDamagedError)
    _assert_only_quit_is_left(dialog)
    with pytest.raises(StoreDamagedError):
        Store.open(data_dir, TEST_PASSPHRASE)
    _assert_unchanged(data_dir, before)


def test_plain_database_is_not_a_store_and_the_message_says_what_to_do(
    qtbot, data_dir: Path
) -> None:
    _store_with_records(data_dir)
    database = data_dir / DATABASE_FILE_NAME
    database.unlink()
    foreign = sqlite3.connect(database)
    foreign.execute("CREATE TABLE contacts (name TEXT)")
    foreign.execute("INSERT INTO contacts VALUES ('Somebody Else')")
    foreign.commit()
    foreign.close()
    before = _snapshot(data_dir)

    dialog = _unlock_dialog(qtbot, data_dir)
    assert isinstance(dialog.store_problem, NotAStoreError)
    text = dialog.message.text()
    assert (
        f"{data_dir / DATABASE_FILE_NAME} is not a Court Companion store, or its key file "
        "does not match it. The file was left untouched."
    ) in text
    assert "right data folder" in text and "keys.json" in text
    _assert_only_quit_is_left(dialog)
    _assert_unchanged(data_dir, before)


def test_file_of_another_store_is_not_a_store(qtbot, tmp_path: Path, data_dir: Path) -> None:
    _store_with_records(data_dir)
    Store.create(tmp_path / "other office", "another long passphrase 7")[0].close()
    # Someone copied the other office's database over ours, without its key file.
    (data_dir / DATABASE_FILE_NAME).write_bytes(
        (tmp_path / "other office" / DATABASE_FILE_NAME).read_bytes()
    )
    before = _snapshot(data_dir)
    dialog = _unlock_dialog(qtbot, data_dir)
    assert dialog.store_problem is None, "an encrypted file looks like any other"
    _try_passphrase(dialog)
    assert isinstance(dialog.store_problem, NotAStoreError)
    assert "right data folder" in dialog.message.text()
    _assert_only_quit_is_left(dialog)
    _assert_unchanged(data_dir, before)


def test_unreadable_key_file_is_reported_at_once(qtbot, data_dir: Path) -> None:
    _store_with_records(data_dir)
    (data_dir / keys.KEY_FILE_NAME).write_text("{ this is not a key file", encoding="utf-8")
    before = _snapshot(data_dir)
    dialog = _unlock_dialog(qtbot, data_dir)
    assert isinstance(dialog.store_problem, NotAStoreError)
    _assert_only_quit_is_left(dialog)
    _assert_unchanged(data_dir, before)


def test_store_from_a_newer_version_says_to_install_it(qtbot, data_dir: Path) -> None:
    store, _code = Store.create(data_dir, TEST_PASSPHRASE)
    store.db.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('court_companion', 'm999_from_the_future', '2031-01-01')"
    )
    store.db.conn.commit()
    store.close()
    before = _snapshot(data_dir)

    dialog = _unlock_dialog(qtbot, data_dir)
    _try_passphrase(dialog)
    assert isinstance(dialog.store_problem, StoreNewerError)
    assert dialog.message.text() == (
        "This store was written by a newer version of Court Companion. Install the newer "
        "version to open it. The store was left untouched."
    )
    _assert_only_quit_is_left(dialog)
    _assert_unchanged(data_dir, before)

    switch_language("es")
    assert dialog.message.text() == (
        "Esta base de datos se creó con una versión más reciente de Court Companion. Instale "
        "la versión más reciente para abrirla. No se modificó la base de datos."
    )


# --- unexpected errors ------------------------------------------------------------------


def _fail_with_personal_data(name: str) -> None:
    secret_address = "14 Calle Luna, Apt 3"  # a local value that must not be reported
    raise ValueError(f"cannot parse {name} at {secret_address}")


def _caught() -> tuple[type[BaseException], BaseException, object]:
    try:
        try:
            _fail_with_personal_data("Perpetua Okonkwo")
        except ValueError as error:
            raise RuntimeError("while saving Perpetua Okonkwo") from error
    except RuntimeError:
        kind, error, trace = sys.exc_info()
    assert kind is not None and error is not None
    return kind, error, trace


def test_technical_details_name_places_in_the_code_but_no_personal_data() -> None:
    kind, error, trace = _caught()
    details = technical_details(kind, error, trace)  # type: ignore[arg-type]
    assert "builtins.ValueError" in details and "builtins.RuntimeError" in details
    assert "in _fail_with_personal_data" in details and "in _caught" in details
    assert "tests/integration/test_store_errors_ui.py" in details
    assert str(Path.home()) not in details
    for private in ("Perpetua", "Okonkwo", "Calle Luna", "cannot parse"):
        assert private not in details


def test_unexpected_error_shows_copyable_details_logs_them_and_the_app_goes_on(
    qtbot, caplog: pytest.LogCaptureFixture
) -> None:
    kind, error, trace = _caught()
    with caplog.at_level(logging.ERROR, logger=error_report.__name__):
        box = report_unexpected_error(kind, error, trace)  # type: ignore[arg-type]
    assert isinstance(box, ErrorReportBox)
    qtbot.waitExposed(box)
    assert box.windowModality() != Qt.WindowModality.ApplicationModal, "the app stays usable"
    assert box.detailedText() == box.details
    assert "in _fail_with_personal_data" in box.details
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "in _fail_with_personal_data" in logged
    assert "Perpetua" not in logged and "Perpetua" not in box.details

    assert box.copy_button in box.buttons(), "the Copy button is really on the message"
    assert box.copy_button.isVisible() and box.copy_button.text()
    qtbot.mouseClick(box.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == box.details
    assert box.isVisible(), "copying does not close the message"

    # A second error while the first message is up is logged, not stacked on screen.
    assert report_unexpected_error(kind, error, trace) is None  # type: ignore[arg-type]
    qtbot.mouseClick(box.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: (
            not any(
                isinstance(w, ErrorReportBox) and w.isVisible()
                for w in QApplication.topLevelWidgets()
            )
        )
    )
    again = report_unexpected_error(kind, error, trace)  # type: ignore[arg-type]
    assert isinstance(again, ErrorReportBox) and again.isVisible()
    qtbot.waitExposed(again)
    qtbot.mouseClick(again.copy_button, Qt.MouseButton.LeftButton)
    assert again.isVisible()
    qtbot.keyClick(again, Qt.Key.Key_Escape)
    assert not again.isVisible(), "after copying, Escape still closes the message"
