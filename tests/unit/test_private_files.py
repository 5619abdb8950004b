"""Private files: the data folder, backups/ and the log folder 0700, every file the app
writes 0600, after create, backup, open and restore; wider modes are repaired at open."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from companion import logs
from companion.domain.models import Person
from companion.store import backups
from companion.store.store import Store
from tests.conftest import TEST_PASSPHRASE

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


@pytest.fixture(autouse=True)
def open_umask() -> Iterator[None]:
    """Run as a user whose umask lets everyone read (022, the usual default): the app must
    make its files private itself, not count on the user's umask."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def _wide_modes(folder: Path) -> dict[str, str]:
    """Everything under ``folder`` (and itself) whose mode is not 0700 / 0600."""
    found = {}
    for path in [folder, *folder.rglob("*")]:
        wanted = 0o700 if path.is_dir() else 0o600
        if _mode(path) != wanted:
            found[str(path.relative_to(folder.parent))] = oct(_mode(path))
    return found


def _add_someone(store: Store) -> None:
    store.people.add(Person("Ana", "Sample", language="es"))


def test_a_new_store_is_private(data_dir: Path) -> None:
    store, _code = Store.create(data_dir, TEST_PASSPHRASE)
    _add_someone(store)  # the -wal and -shm files exist while the store is open
    assert (data_dir / "companion.db-wal").exists()
    assert _wide_modes(data_dir) == {}
    store.close()
    assert _wide_modes(data_dir) == {}


def test_backups_and_their_folder_are_private(store: Store, data_dir: Path, tmp_path: Path) -> None:
    _add_someone(store)
    inside = backups.make_backup(store)
    elsewhere = backups.make_backup(store, folder=tmp_path / "usb" / "office-backups")
    assert _mode(inside.path.parent) == 0o700 and _mode(inside.path) == 0o600
    assert _mode(elsewhere.path.parent) == 0o700 and _mode(elsewhere.path) == 0o600
    assert _wide_modes(data_dir) == {}


def test_opening_a_store_repairs_modes_left_wide(data_dir: Path) -> None:
    store, _code = Store.create(data_dir, TEST_PASSPHRASE)
    _add_someone(store)
    backups.make_backup(store)
    store.close()
    # What an earlier version, an unzip or a copy from a USB stick leaves behind.
    for path in [data_dir, *data_dir.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    (data_dir / "companion.db").chmod(0o444)
    assert _wide_modes(data_dir) != {}

    reopened = Store.open(data_dir, TEST_PASSPHRASE)
    _add_someone(reopened)
    assert _wide_modes(data_dir) == {}
    reopened.close()


def test_a_read_only_database_leaves_no_read_only_shm_behind(data_dir: Path) -> None:
    """SQLite gives -wal and -shm the database's own mode: a 0444 database made a 0444 -shm
    that every later command then failed to open for writing."""
    store, _code = Store.create(data_dir, TEST_PASSPHRASE)
    _add_someone(store)
    store.close()
    (data_dir / "companion.db").chmod(0o444)
    for left in ("companion.db-wal", "companion.db-shm"):
        (data_dir / left).unlink(missing_ok=True)

    first = Store.open(data_dir, TEST_PASSPHRASE)
    assert _mode(data_dir / "companion.db-shm") == 0o600
    first.close()
    second = Store.open(data_dir, TEST_PASSPHRASE)
    _add_someone(second)
    assert second.people.count() == 2
    second.close()


def test_a_restored_store_is_private(data_dir: Path, tmp_path: Path) -> None:
    store, _code = Store.create(data_dir, TEST_PASSPHRASE)
    _add_someone(store)
    made = backups.make_backup(store, folder=tmp_path / "kept")
    store.close()
    made.path.chmod(0o644)  # a backup copied back from a shared drive

    restored = backups.restore_backup(data_dir, made.path, TEST_PASSPHRASE)
    assert restored.people.count() == 1
    assert _wide_modes(data_dir) == {}
    restored.close()
    assert _wide_modes(data_dir) == {}


def test_the_log_folder_and_its_files_are_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "logs"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    (folder / logs.LOG_FILE_NAME).write_text("an older line\n")
    (folder / (logs.LOG_FILE_NAME + ".1")).write_text("an even older line\n")
    monkeypatch.setenv("COMPANION_LOG_DIR", str(folder))
    root = logging.getLogger()
    handlers_before = list(root.handlers)
    try:
        path = logs.configure_logging()
        logging.getLogger("companion.test").info("one line")
    finally:
        for handler in root.handlers[:]:
            if handler not in handlers_before:
                root.removeHandler(handler)
                handler.close()
    assert path.parent == folder
    assert _wide_modes(folder) == {}
