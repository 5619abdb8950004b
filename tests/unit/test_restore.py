"""Restore refuses what would brick a store, and keeps what it replaces."""

from __future__ import annotations

import datetime as dt
import errno
import logging
import re
import shutil
import time
import zipfile
from pathlib import Path

import pytest

from companion.domain.models import Person
from companion.errors import (
    BackupNewerError,
    FolderProblemError,
    OtherOfficeError,
    RestoredButNotOpenedError,
    StoreInUseError,
)
from companion.store import backups, folder_lock
from companion.store import store as store_module
from companion.store.audit import AuditAction
from companion.store.connection import DatabaseError, connect
from companion.store.files import DATABASE_FILE_NAME
from companion.store.migrations import known_migration_names
from companion.store.restore import RestoreRefusedError, restore
from companion.store.store import Store
from companion.store.work_folder import WORK_FOLDER_NAME
from tests.conftest import TEST_PASSPHRASE
from tests.lock_clock import lock_clock


def _names(store: Store) -> list[str]:
    return sorted(person.given_name for person in store.people.list())


def _store_with(folder: Path, *names: str) -> Store:
    store, _code = Store.create(folder, TEST_PASSPHRASE)
    for name in names:
        store.people.add(Person(name, "Sample", language="es"))
    return store


def _untouched(folder: Path, names: list[str]) -> None:
    store = Store.open(folder, TEST_PASSPHRASE)
    try:
        assert _names(store) == names
    finally:
        store.close()
    assert not list((folder / "backups").glob("*before-restore*"))
    assert not any((folder / WORK_FOLDER_NAME).iterdir())


def test_a_backup_from_a_newer_app_is_refused_naming_both_versions(tmp_path: Path) -> None:
    newer = _store_with(tmp_path / "newer-laptop", "Future")
    newer.db.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('court_companion', 'm999_from_the_future', '2027-01-01')"
    )
    newer.db.conn.commit()
    backup = backups.make_backup(newer, folder=tmp_path / "usb").path
    newer.close()
    current = _store_with(tmp_path / "data", "Present")
    current.close()
    with pytest.raises(BackupNewerError) as refused:
        restore(tmp_path / "data", backup, TEST_PASSPHRASE)
    known = len(known_migration_names())
    assert (refused.value.backup_version, refused.value.app_version) == (known + 1, known)
    _untouched(tmp_path / "data", ["Present"])
    # Checking the backup already says so, before anyone is asked to confirm.
    with pytest.raises(BackupNewerError) as inspected:
        backups.inspect_backup(backup, TEST_PASSPHRASE, data_folder=tmp_path / "data")
    assert (inspected.value.backup_version, inspected.value.app_version) == (known + 1, known)


def test_a_backup_without_its_migrations_table_is_refused(tmp_path: Path) -> None:
    broken = _store_with(tmp_path / "broken", "Nobody")
    broken.db.execute("DROP TABLE _sqlite_migrations")
    broken.db.conn.commit()
    backup = backups.make_backup(broken, folder=tmp_path / "usb").path
    broken.close()
    _store_with(tmp_path / "data", "Present").close()
    with pytest.raises(backups.BackupFailedError) as refused:
        restore(tmp_path / "data", backup, TEST_PASSPHRASE)
    assert refused.value.detail == "StoreDamagedError: no schema"
    _untouched(tmp_path / "data", ["Present"])


def test_another_offices_backup_needs_consent(tmp_path: Path) -> None:
    other = _store_with(tmp_path / "other-office", "Elsewhere")
    backup = backups.make_backup(other, folder=tmp_path / "usb").path
    other.close()
    _store_with(tmp_path / "data", "Present").close()
    with pytest.raises(OtherOfficeError):
        restore(tmp_path / "data", backup, TEST_PASSPHRASE)
    _untouched(tmp_path / "data", ["Present"])
    result = restore(tmp_path / "data", backup, TEST_PASSPHRASE, allow_other_office=True)
    assert _names(result.store) == ["Elsewhere"]
    assert result.before_restore_backup is not None
    result.store.close()


def test_a_store_that_does_not_open_is_kept_as_files_and_replaced(tmp_path: Path) -> None:
    store = _store_with(tmp_path / "data", "Kept")
    backup = backups.make_backup(store, folder=tmp_path / "usb").path
    store.close()
    database = tmp_path / "data" / "companion.db"
    damaged = bytearray(database.read_bytes())
    damaged[5000:5100] = bytes(100)
    database.write_bytes(bytes(damaged))
    result = restore(tmp_path / "data", backup, TEST_PASSPHRASE)
    assert _names(result.store) == ["Kept"]
    result.store.close()
    assert result.before_restore_backup is None and result.previous_files is not None
    assert result.previous_files.parent == tmp_path / "data" / "backups"
    assert (result.previous_files / "companion.db").read_bytes() == bytes(damaged)
    assert (result.previous_files / "keys.json").exists()


def _restore_messages(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "companion.store.restore"]


def test_the_log_says_why_a_replaced_store_was_kept_as_files(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Support reads the log: it names the kind of error (never any personal data)."""
    store = _store_with(tmp_path / "data", "Kept")
    backup = backups.make_backup(store, folder=tmp_path / "usb").path
    store.close()
    (tmp_path / "data" / "companion.db").write_bytes(b"not a database " * 1024)
    with caplog.at_level(logging.WARNING, logger="companion.store.restore"):
        result = restore(tmp_path / "data", backup, TEST_PASSPHRASE)
    result.store.close()
    assert _restore_messages(caplog) == [
        "the store being replaced does not open (NotAStoreError); its files are kept"
    ]


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="the time zone is set with tzset")
def test_a_replaced_stores_files_are_kept_in_a_folder_named_for_the_utc_time(
    tmp_path: Path,
) -> None:
    """Named like the backups beside it (UTC, to the microsecond), so they sort together
    and a laptop's time zone or a daylight-saving change never gives two the same name."""
    try:
        with pytest.MonkeyPatch.context() as local_time:
            local_time.setenv("TZ", "America/Chicago")  # six hours or five behind UTC
            time.tzset()
            store = _store_with(tmp_path / "data", "Kept")
            backup = backups.make_backup(store, folder=tmp_path / "usb").path
            store.close()
            (tmp_path / "data" / "companion.db").write_bytes(b"not a database " * 1024)
            before = dt.datetime.now(dt.UTC)
            result = restore(tmp_path / "data", backup, TEST_PASSPHRASE)
            after = dt.datetime.now(dt.UTC)
            result.store.close()
    finally:
        time.tzset()
    assert result.previous_files is not None
    named = re.fullmatch(r"before-restore-(\d{8}-\d{6}-\d{6})-files", result.previous_files.name)
    assert named is not None, result.previous_files.name
    stamp = dt.datetime.strptime(named[1], "%Y%m%d-%H%M%S-%f").replace(tzinfo=dt.UTC)
    assert before <= stamp <= after


def test_restoring_into_a_file_is_refused(store: Store, tmp_path: Path) -> None:
    backup = backups.make_backup(store, folder=tmp_path / "usb").path
    a_file = tmp_path / "not-a-folder"
    a_file.write_text("notes")
    with pytest.raises(FolderProblemError) as refused:
        restore(a_file, backup, TEST_PASSPHRASE)
    assert refused.value.reason == "not_a_folder"
    assert a_file.read_text() == "notes"


def test_a_data_folder_that_is_a_file_is_said_before_the_backup_is_read(tmp_path: Path) -> None:
    a_file = tmp_path / "not-a-folder"
    a_file.write_text("notes")
    with pytest.raises(FolderProblemError) as refused:
        restore(a_file, tmp_path / "no-such-backup.ccbackup", TEST_PASSPHRASE)
    assert (refused.value.path, refused.value.reason) == (str(a_file), "not_a_folder")


def test_a_restore_is_refused_at_once_while_another_restore_holds_the_data_folder(
    tmp_path: Path,
) -> None:
    """Another process restoring into the same folder: refused without waiting (the 15 s
    an opening store waits would freeze the window), and nothing is touched."""
    source = _store_with(tmp_path / "data", "Present")
    backup = backups.make_backup(source, folder=tmp_path / "usb").path
    source.close()
    data = tmp_path / "data"
    restoring = folder_lock._FolderLock(data.resolve())  # as another process's restore
    restoring.take_exclusive()
    try:
        with pytest.MonkeyPatch.context() as patch:
            clock = lock_clock(patch)
            with pytest.raises(StoreInUseError):
                restore(data, backup, TEST_PASSPHRASE)
        assert clock.waits == []
    finally:
        restoring.release_exclusive()
    _untouched(data, ["Present"])


def test_a_backup_whose_database_was_swapped_is_refused(tmp_path: Path) -> None:
    first = _store_with(tmp_path / "data", "First")
    sealed = backups.make_backup(first, folder=tmp_path / "usb").path
    first.people.add(Person("Second", "Sample", language="es"))
    later = backups.make_backup(first, folder=tmp_path / "usb").path
    first.close()
    # The first backup's sealed manifest, with the later backup's database.
    forged = tmp_path / "forged.ccbackup"
    with (
        zipfile.ZipFile(sealed) as old,
        zipfile.ZipFile(later) as new,
        zipfile.ZipFile(forged, "w") as out,
    ):
        out.writestr("companion.db", new.read("companion.db"))
        for name in ("keys.json", "manifest.json", "manifest.mac"):
            out.writestr(name, old.read(name))
    with pytest.raises(backups.BackupFailedError):
        backups.inspect_backup(forged, TEST_PASSPHRASE, data_folder=tmp_path / "data")


def test_a_database_edited_after_its_manifest_was_sealed_is_refused(tmp_path: Path) -> None:
    """A name changed in the backup's database, its seal left as it was: every table holds
    the same records, so only the database's checksum can tell, and the refusal says so."""
    first = _store_with(tmp_path / "data", "First")
    backup = backups.make_backup(first, folder=tmp_path / "usb").path
    key = first.database_key
    first.close()
    edited = tmp_path / DATABASE_FILE_NAME
    with zipfile.ZipFile(backup) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    edited.write_bytes(members[DATABASE_FILE_NAME])
    db = connect(edited, key)
    try:
        records = backups.record_counts(db)
        db.execute("UPDATE people SET given_name = 'Edited'")
        db.conn.commit()
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        assert backups.record_counts(db) == records
    finally:
        db.close()
    members[DATABASE_FILE_NAME] = edited.read_bytes()
    with zipfile.ZipFile(backup, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    with pytest.raises(backups.BackupFailedError) as refused:
        backups.inspect_backup(backup, TEST_PASSPHRASE, data_folder=tmp_path / "data")
    assert refused.value.detail == "the database does not match its manifest"


def test_a_compressed_database_member_is_not_unpacked(store: Store, tmp_path: Path) -> None:
    genuine = backups.make_backup(store, folder=tmp_path / "usb").path
    squeezed = tmp_path / "squeezed.ccbackup"
    with zipfile.ZipFile(genuine) as old, zipfile.ZipFile(squeezed, "w") as out:
        for name in old.namelist():
            out.writestr(name, old.read(name), compress_type=zipfile.ZIP_DEFLATED)
    with pytest.raises(backups.BackupFailedError) as refused:
        backups.inspect_backup(squeezed, TEST_PASSPHRASE, data_folder=store.folder)
    assert refused.value.detail == "the database in the backup is too large or compressed"
    assert not any((store.folder / WORK_FOLDER_NAME).iterdir())


def _database_size(backup: Path) -> int:
    with zipfile.ZipFile(backup) as archive:
        return archive.getinfo(DATABASE_FILE_NAME).file_size


def test_a_database_up_to_the_limit_is_unpacked_and_one_byte_more_is_not(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The limit (16 GiB) is set here to this backup's database size, then one byte less."""
    genuine = backups.make_backup(store, folder=tmp_path / "usb").path
    size = _database_size(genuine)
    monkeypatch.setattr(backups, "DATABASE_LIMIT", size)
    assert backups.inspect_backup(genuine, TEST_PASSPHRASE, data_folder=store.folder).people == 0
    monkeypatch.setattr(backups, "DATABASE_LIMIT", size - 1)
    with pytest.raises(backups.BackupFailedError) as refused:
        backups.inspect_backup(genuine, TEST_PASSPHRASE, data_folder=store.folder)
    assert refused.value.detail == "the database in the backup is too large or compressed"


def test_unpacking_needs_room_for_the_database_and_the_margin(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Just enough free space goes ahead; a byte less is said as a full disk, naming the
    folder the database was to be unpacked in (the data folder's work folder)."""
    genuine = backups.make_backup(store, folder=tmp_path / "usb").path
    needed = _database_size(genuine) + backups.FREE_SPACE_MARGIN
    _with_free_space(monkeypatch, needed)
    assert backups.inspect_backup(genuine, TEST_PASSPHRASE, data_folder=store.folder).people == 0
    _with_free_space(monkeypatch, needed - 1)
    with pytest.raises(FolderProblemError) as refused:
        backups.inspect_backup(genuine, TEST_PASSPHRASE, data_folder=store.folder)
    assert refused.value.reason == "disk_full"
    assert Path(refused.value.path).parent == store.folder / WORK_FOLDER_NAME


def test_an_oversized_key_file_in_a_backup_is_not_read(store: Store, tmp_path: Path) -> None:
    genuine = backups.make_backup(store, folder=tmp_path / "usb").path
    bloated = tmp_path / "bloated.ccbackup"
    with zipfile.ZipFile(genuine) as old, zipfile.ZipFile(bloated, "w") as out:
        for name in old.namelist():
            data = old.read(name)
            out.writestr(name, data + b" " * 200_000 if name == "keys.json" else data)
    with pytest.raises(backups.BackupFailedError) as refused:
        backups.inspect_backup(bloated, TEST_PASSPHRASE, data_folder=store.folder)
    assert refused.value.detail == "ValueError: keys.json is too large"


def test_a_backup_the_disk_fails_to_read_is_refused_naming_the_error(
    store: Store, tmp_path: Path
) -> None:
    """A failing USB stick: the database cannot be read from the backup. The refusal
    names the error, for the log and for support."""
    genuine = backups.make_backup(store, folder=tmp_path / "usb").path
    real_open = zipfile.ZipFile.open

    def unreadable_database(
        archive: zipfile.ZipFile, name: str | zipfile.ZipInfo, *args: object, **kwargs: object
    ) -> object:
        member = name.filename if isinstance(name, zipfile.ZipInfo) else name
        if member == DATABASE_FILE_NAME:
            raise OSError(errno.EIO, "Input/output error")
        return real_open(archive, name, *args, **kwargs)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch, pytest.raises(backups.BackupFailedError) as refused:
        patch.setattr(zipfile.ZipFile, "open", unreadable_database)
        backups.inspect_backup(genuine, TEST_PASSPHRASE, data_folder=store.folder)
    assert refused.value.detail == "OSError: [Errno 5] Input/output error"
    assert not any((store.folder / WORK_FOLDER_NAME).iterdir())


def test_a_backup_that_goes_away_as_it_is_checked_is_refused_naming_the_error(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The USB stick is pulled just after the backup's manifest was read: said as the
    backup failing, naming the missing file, not as a folder without permission."""
    genuine = backups.make_backup(store, folder=tmp_path / "usb").path
    real_read = backups.read_manifest

    def read_then_pulled(path: Path, database_key: bytes | None = None) -> backups.BackupInfo:
        info = real_read(path, database_key)
        path.unlink()
        return info

    monkeypatch.setattr(backups, "read_manifest", read_then_pulled)
    with pytest.raises(backups.BackupFailedError) as refused:
        backups.inspect_backup(genuine, TEST_PASSPHRASE, data_folder=store.folder)
    assert refused.value.detail == (
        f"FileNotFoundError: [Errno 2] No such file or directory: '{genuine}'"
    )


def _with_free_space(monkeypatch: pytest.MonkeyPatch, free: int) -> None:
    def disk_usage(path: object) -> shutil._ntuple_diskusage:
        return shutil._ntuple_diskusage(10 * free, 9 * free, free)

    monkeypatch.setattr(shutil, "disk_usage", disk_usage)


def _room_case(tmp_path: Path, over_a_store: bool) -> tuple[Path, Path, int]:
    """A backup, a data folder (holding a store, or none: a new laptop), and the free
    space a restore into it needs: two copies of the backup's database (unpacked, and the
    check's copy) and two of the store it replaces (its before-restore backup), plus the
    margin kept free."""
    source = _store_with(tmp_path / "old-laptop", "Traveller")
    backup = backups.make_backup(source, folder=tmp_path / "usb").path
    source.close()
    data = tmp_path / "data"
    current = 0
    if over_a_store:
        _store_with(data, "Present").close()
        current = (data / DATABASE_FILE_NAME).stat().st_size
    with zipfile.ZipFile(backup) as archive:
        size = archive.getinfo(DATABASE_FILE_NAME).file_size
    return backup, data, 2 * size + 2 * current + backups.FREE_SPACE_MARGIN


@pytest.mark.parametrize("over_a_store", [True, False])
def test_a_restore_without_room_for_its_copies_is_refused_before_writing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, over_a_store: bool
) -> None:
    backup, data, needed = _room_case(tmp_path, over_a_store)
    _with_free_space(monkeypatch, needed - 1)
    with pytest.raises(FolderProblemError) as refused:
        restore(data, backup, TEST_PASSPHRASE, allow_other_office=True)
    assert (refused.value.path, refused.value.reason) == (str(data), "disk_full")
    monkeypatch.undo()
    assert not (data / "backups").exists() or not list((data / "backups").iterdir())
    if over_a_store:
        kept = Store.open(data, TEST_PASSPHRASE)
        try:
            assert _names(kept) == ["Present"]
        finally:
            kept.close()
    else:
        assert not (data / DATABASE_FILE_NAME).exists()


@pytest.mark.parametrize("over_a_store", [True, False])
def test_a_restore_with_just_enough_room_goes_ahead(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, over_a_store: bool
) -> None:
    backup, data, needed = _room_case(tmp_path, over_a_store)
    _with_free_space(monkeypatch, needed)
    restored = restore(data, backup, TEST_PASSPHRASE, allow_other_office=True)
    try:
        assert _names(restored.store) == ["Traveller"]
    finally:
        restored.store.close()


def test_a_restore_is_audited_and_logged_with_the_date_of_its_backup(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    store = _store_with(tmp_path / "data", "Kept")
    backup = backups.make_backup(store, folder=tmp_path / "usb").path
    made = backups.read_manifest(backup).created_at
    with caplog.at_level(logging.INFO, logger="companion.store.restore"):
        result = restore(tmp_path / "data", backup, TEST_PASSPHRASE, current=store)
    try:
        [entry] = result.store.audit.entries(action=AuditAction.RESTORED_BACKUP)
    finally:
        result.store.close()
    assert entry.detail == made.isoformat()
    assert result.backup.created_at == made  # what was restored, for the caller to show
    assert _restore_messages(caplog) == [f"restored a backup from {made.date().isoformat()}"]


def _restore_with_a_failing_disk(tmp_path: Path, failure: OSError) -> None:
    """Restore over a store while the disk fails as the backup is copied for its check."""
    store = _store_with(tmp_path / "data", "Present")
    backup = backups.make_backup(store, folder=tmp_path / "usb").path
    store.close()
    real_copy = shutil.copyfile

    def failing_copy(source: Path, target: Path) -> object:
        if Path(target).parent.name == "check":
            raise failure
        return real_copy(source, target)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(shutil, "copyfile", failing_copy)
        restore(tmp_path / "data", backup, TEST_PASSPHRASE)


def test_a_full_disk_half_way_through_a_restore_is_said_as_such_and_changes_nothing(
    tmp_path: Path,
) -> None:
    """Said as a full disk, naming the data folder (the advice is to make room, not to
    give up on the backup); the store is as it was."""
    with pytest.raises(FolderProblemError) as refused:
        full = OSError(errno.ENOSPC, "No space left on device")
        _restore_with_a_failing_disk(tmp_path, full)
    assert (refused.value.path, refused.value.reason) == (str(tmp_path / "data"), "disk_full")
    _untouched(tmp_path / "data", ["Present"])


def test_any_other_disk_error_half_way_through_a_restore_refuses_it_naming_the_error(
    tmp_path: Path,
) -> None:
    with pytest.raises(RestoreRefusedError) as refused:
        failing = OSError(errno.EIO, "Input/output error")
        _restore_with_a_failing_disk(tmp_path, failing)
    assert refused.value.detail == "OSError: [Errno 5] Input/output error"
    _untouched(tmp_path / "data", ["Present"])


@pytest.mark.parametrize(
    ("failure", "expected"),
    [
        (FolderProblemError("data", "disk_full"), "folder_problem"),
        (DatabaseError("disk I/O error"), "DatabaseError"),
    ],
    ids=["an error of the app", "an error of SQLite"],
)
def test_a_restored_store_that_then_does_not_open_is_said_with_the_reason(
    tmp_path: Path, failure: Exception, expected: str
) -> None:
    """The backup is in place but opening it fails (the disk failed just then): the error
    says so, with the app's code of the error or else the kind of SQLite's, and the store
    opens once the disk is back."""
    data = tmp_path / "data"
    source = _store_with(tmp_path / "old-laptop", "Traveller")
    backup = backups.make_backup(source, folder=tmp_path / "usb").path
    source.close()
    real_connect = store_module.connect

    def failing_connect(path: Path, key: bytes) -> object:
        if path.parent == data:
            raise failure
        return real_connect(path, key)

    with pytest.MonkeyPatch.context() as patch, pytest.raises(RestoredButNotOpenedError) as failed:
        patch.setattr(store_module, "connect", failing_connect)
        restore(data, backup, TEST_PASSPHRASE)
    assert failed.value.detail == expected
    reopened = Store.open(data, TEST_PASSPHRASE)
    try:
        assert _names(reopened) == ["Traveller"]
    finally:
        reopened.close()
