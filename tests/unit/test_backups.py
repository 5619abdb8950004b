import datetime as dt
import errno
import hashlib
import hmac
import json
import logging
import os
import re
import stat
import tempfile
import zipfile
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion.domain.models import (
    Attendance,
    Case,
    Courthouse,
    Hearing,
    HearingType,
    Person,
)
from companion.errors import (
    FolderProblemError,
    StoreInUseError,
    WrongPassphraseError,
    WrongRecoveryCodeError,
)
from companion.store import backups
from companion.store.audit import AuditAction
from companion.store.backup_manifest import NoBackupFileError
from companion.store.connection import DatabaseError
from companion.store.identity import RECORD_TABLES
from companion.store.restore import restore_backup
from companion.store.store import Store
from tests.conftest import TEST_PASSPHRASE
from tests.lock_clock import lock_clock


def _add(store: Store, given: str) -> None:
    store.people.add(Person(given, "Sample", language="es"))


def test_backup_is_verified_encrypted_and_restorable(store: Store, data_dir: Path) -> None:
    _add(store, "Quennell")
    info = backups.make_backup(store)
    assert info.people == 1 and info.path.suffix == ".ccbackup"
    assert b"Quennell" not in info.path.read_bytes()
    assert backups.inspect_backup(info.path, TEST_PASSPHRASE).people == 1
    with pytest.raises(WrongPassphraseError):
        backups.inspect_backup(info.path, "wrong passphrase here")
    assert store.audit.entries(action=AuditAction.BACKED_UP)


def test_restore_brings_back_old_data_and_can_be_undone(store: Store, data_dir: Path) -> None:
    _add(store, "Before")
    old = backups.make_backup(store)
    _add(store, "After")
    restored = restore_backup(data_dir, old.path, TEST_PASSPHRASE, current=store)
    assert [p.given_name for p in restored.people.list()] == ["Before"]
    assert restored.audit.entries(action=AuditAction.RESTORED_BACKUP)
    safety = [
        b
        for b in backups.list_backups(backups.backup_folder(restored))
        if b.reason == "before-restore"
    ]
    assert len(safety) == 1 and safety[0].people == 2
    undone = restore_backup(data_dir, safety[0].path, TEST_PASSPHRASE, current=restored)
    assert sorted(p.given_name for p in undone.people.list()) == ["After", "Before"]
    assert undone.check() == []
    undone.close()


def test_backup_moves_a_store_to_a_new_laptop(store: Store, tmp_path: Path) -> None:
    _add(store, "Traveller")
    info = backups.make_backup(store, folder=tmp_path / "usb")
    new_laptop = tmp_path / "new-laptop"
    moved = restore_backup(new_laptop, info.path, TEST_PASSPHRASE)
    assert [p.given_name for p in moved.people.list()] == ["Traveller"]
    moved.close()


def test_failed_backup_never_replaces_a_good_one(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = backups.make_backup(store)

    def broken_copy(target: Path) -> None:
        target.write_bytes(b"this is not a database")

    monkeypatch.setattr(store, "copy_to", broken_copy)
    with pytest.raises(backups.BackupFailedError) as failed:
        backups.make_backup(store)
    assert failed.value.detail.startswith("NotAStoreError: ")
    folder = backups.backup_folder(store)
    assert [b.path for b in backups.list_backups(folder)] == [good.path]
    assert sorted(p.name for p in folder.iterdir()) == [good.path.name]


def _backups_log(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "companion.store.backups"]


def test_a_backup_is_named_for_its_utc_time_and_returns_what_its_manifest_says(
    store: Store,
) -> None:
    """Made on demand (no reason given): "manual", in the file's name too, whose date and
    time (UTC, to the microsecond) sort the folder; what it returns is what was sealed."""
    _add(store, "Quennell")
    info = backups.make_backup(store)
    sealed = backups.read_manifest(info.path, store.database_key)
    found = re.fullmatch(r"court-companion-(\d{8}-\d{6}-\d{6})-manual\.ccbackup", info.path.name)
    assert found is not None, info.path.name
    named_for = dt.datetime.strptime(found.group(1), "%Y%m%d-%H%M%S-%f").replace(tzinfo=dt.UTC)
    assert named_for == sealed.created_at == info.created_at
    assert (info.reason, info.store_id, info.people, info.hearings, info.authentic) == (
        "manual",
        store.store_id,
        1,
        0,
        True,
    )
    assert sealed.authentic and sealed.reason == "manual"
    assert info.records == sealed.records and info.records["people"].rows == 1


def test_a_backup_is_audited_and_logged_with_its_reason(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="companion.store.backups"):
        backups.make_backup(store, reason=backups.AUTOMATIC)
    [entry] = store.audit.entries(action=AuditAction.BACKED_UP)
    assert entry.detail == "auto"
    assert _backups_log(caplog) == ["backup written (auto)"]


def test_a_backup_and_the_copies_it_checks_are_private(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the usual umask of 022: the backups folder it makes is 0700 and the backup
    0600; the copy it checks and the copy it unpacks from the backup to check again are
    each in a 0700 folder (the unpacked one 0600 itself)."""
    usb = tmp_path / "usb" / "court-companion"
    checked: list[tuple[int, int]] = []
    real_contents = backups._contents

    def contents_and_modes(db_path: Path, key: bytes) -> backups.Contents:
        folder_mode = stat.S_IMODE(db_path.parent.stat().st_mode)
        checked.append((folder_mode, stat.S_IMODE(db_path.stat().st_mode)))
        return real_contents(db_path, key)

    monkeypatch.setattr(backups, "_contents", contents_and_modes)
    umask = os.umask(0o022)
    try:
        info = backups.make_backup(store, folder=usb)
    finally:
        os.umask(umask)
    assert stat.S_IMODE(usb.stat().st_mode) == 0o700
    assert stat.S_IMODE(info.path.stat().st_mode) == 0o600
    [(copy_folder, copy_file), (unpacked_folder, unpacked_file)] = checked
    assert (copy_folder, copy_file) == (0o700, 0o600)
    assert (unpacked_folder, unpacked_file) == (0o700, 0o600)


def _archive_write_fails(patch: pytest.MonkeyPatch, failure: OSError) -> None:
    def failing_write(*args: object, **kwargs: object) -> None:
        raise failure

    patch.setattr(zipfile.ZipFile, "write", failing_write)


def test_a_full_usb_drive_as_the_backup_is_written_is_said_as_a_full_disk(
    store: Store, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    usb = tmp_path / "usb"
    good = backups.make_backup(store, folder=usb)
    caplog.clear()  # its "backup written" line is captured whenever INFO is on
    with pytest.MonkeyPatch.context() as patch, pytest.raises(FolderProblemError) as refused:
        _archive_write_fails(patch, OSError(errno.ENOSPC, "No space left on device"))
        backups.make_backup(store, folder=usb)
    assert (refused.value.path, refused.value.reason) == (str(usb), "disk_full")
    assert _backups_log(caplog) == ["backup failed: OSError"]
    assert sorted(p.name for p in usb.iterdir()) == [good.path.name]


def test_any_other_disk_error_as_the_backup_is_written_fails_it_naming_the_error(
    store: Store, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    usb = tmp_path / "usb"
    with pytest.MonkeyPatch.context() as patch, pytest.raises(backups.BackupFailedError) as failed:
        _archive_write_fails(patch, OSError(errno.EIO, "Input/output error"))
        backups.make_backup(store, folder=usb)
    assert failed.value.detail == "OSError: [Errno 5] Input/output error"
    assert _backups_log(caplog) == ["backup failed: OSError"]
    assert list(usb.iterdir()) == []


@pytest.mark.parametrize(
    ("sqlite_says", "expected"),
    [
        ("database or disk is full", ("folder", "disk_full")),
        ("disk I/O error", ("failed", "DatabaseError: disk I/O error")),
    ],
    ids=["the disk is full", "another error"],
)
def test_sqlites_error_as_the_store_is_copied_is_said_for_what_it_is(
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    sqlite_says: str,
    expected: tuple[str, str],
) -> None:
    """A full disk (SQLite says so in words) is said as one, naming the data folder where
    the copy is made; any other error of SQLite fails the backup, naming it."""

    def failing_copy(target: Path) -> None:
        raise DatabaseError(sqlite_says)

    monkeypatch.setattr(store, "copy_to", failing_copy)
    with pytest.raises((FolderProblemError, backups.BackupFailedError)) as refused:
        backups.make_backup(store)
    error = refused.value
    if isinstance(error, FolderProblemError):
        assert ("folder", error.reason) == expected and error.path == str(store.folder)
    else:
        assert isinstance(error, backups.BackupFailedError)
        assert ("failed", error.detail) == expected
    assert _backups_log(caplog) == ["backup failed: DatabaseError"]


#: The database key the fake backups below are sealed with (as if a store had made them).
FAKE_KEY = bytes(range(32))


def _fake_backup(
    folder: Path,
    when: dt.datetime,
    reason: str = "auto",
    key: bytes | None = FAKE_KEY,
    name: str | None = None,
) -> Path:
    """A backup file whose manifest says ``when`` and ``reason``, sealed with ``key`` as
    the store with that database key would seal it (unsealed with None)."""
    path = folder / (name or f"court-companion-{when.strftime('%Y%m%d-%H%M%S')}-{reason}.ccbackup")
    manifest = {
        "format": 2,
        "created_at": when.isoformat(),
        "reason": reason,
        "store_id": "x",
        "people": 0,
        "hearings": 0,
        "database_sha256": "",
    }
    raw = json.dumps(manifest).encode()
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("companion.db", b"")
        archive.writestr("keys.json", b"{}")
        archive.writestr("manifest.json", raw)
        if key is not None:
            mac_key = hmac.new(key, b"court-companion backup manifest v2", hashlib.sha256)
            mac = hmac.new(mac_key.digest(), raw, hashlib.sha256).hexdigest()
            archive.writestr("manifest.mac", mac)
    return path


def test_rotation_keeps_seven_daily_and_four_weekly(tmp_path: Path) -> None:
    start = dt.datetime(2026, 11, 29, 18, tzinfo=dt.UTC)
    made = {}
    for days_ago in range(60):
        for hour in (9, 17):
            when = start - dt.timedelta(days=days_ago) - dt.timedelta(hours=18 - hour)
            made[when] = _fake_backup(tmp_path, when)
    backups.rotate(tmp_path, FAKE_KEY, now=start)
    kept = backups.list_backups(tmp_path)
    kept_days = [info.created_at.date() for info in kept]
    # Seven newest days, each with its newest backup (the 17:00 one).
    assert kept_days[:7] == [(start - dt.timedelta(days=n)).date() for n in range(7)]
    assert all(info.created_at.hour == 17 for info in kept[:7])
    # Then one per week for four weeks, none in a week already covered.
    weeks = [info.created_at.isocalendar()[:2] for info in kept[7:]]
    assert len(weeks) == 4 and len(set(weeks)) == 4
    covered = {info.created_at.isocalendar()[:2] for info in kept[:7]}
    assert not covered & set(weeks)
    assert len(kept) == 11


def test_rotation_keeps_the_backup_just_written_when_one_a_little_ahead_is_newer(
    tmp_path: Path,
) -> None:
    """Another laptop's clock runs half an hour ahead: its automatic backup of the day is
    "newer" than the one just written, which is kept all the same."""
    now = dt.datetime(2026, 12, 7, 12, tzinfo=dt.UTC)
    ahead = _fake_backup(tmp_path, now + dt.timedelta(minutes=30))
    written = _fake_backup(tmp_path, now)
    assert backups.rotate(tmp_path, FAKE_KEY, now=now, keep=written) == []
    assert written.exists() and ahead.exists()


def test_rotation_counts_a_backup_up_to_an_hour_ahead_of_the_clock(tmp_path: Path) -> None:
    """One dated an hour (CLOCK_SLACK) ahead is the day's newest, so the day's older one
    goes; one dated a moment later is neither counted nor deleted, so the older one stays."""
    now = dt.datetime(2026, 12, 7, 12, tzinfo=dt.UTC)
    hour = dt.timedelta(hours=1)
    within, beyond = tmp_path / "within", tmp_path / "beyond"
    within.mkdir()
    beyond.mkdir()
    older = _fake_backup(within, now - hour)
    at_the_limit = _fake_backup(within, now + hour)
    assert backups.rotate(within, FAKE_KEY, now=now) == [older]
    assert at_the_limit.exists()
    kept = _fake_backup(beyond, now - hour)
    too_far = _fake_backup(beyond, now + hour + dt.timedelta(microseconds=1))
    assert backups.rotate(beyond, FAKE_KEY, now=now) == []
    assert kept.exists() and too_far.exists()


def test_a_backup_another_rotation_deleted_meanwhile_counts_as_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Two laptops rotate the same USB drive: a backup the other one deleted after this
    one listed the folder is gone as wanted, not an old backup that "could not be deleted"."""
    now = dt.datetime(2026, 12, 7, 12, tzinfo=dt.UTC)
    older = _fake_backup(tmp_path, now - dt.timedelta(hours=2))
    newest = _fake_backup(tmp_path, now)
    real_list = backups.list_backups

    def listed_then_rotated_elsewhere(
        folder: Path, database_key: bytes | None = None
    ) -> list[backups.BackupInfo]:
        found = real_list(folder, database_key)
        older.unlink()
        return found

    monkeypatch.setattr(backups, "list_backups", listed_then_rotated_elsewhere)
    with caplog.at_level(logging.WARNING, logger="companion.store.backups"):
        assert backups.rotate(tmp_path, FAKE_KEY, now=now) == [older]
    assert caplog.records == []
    assert newest.exists()


def test_an_old_backup_that_cannot_be_deleted_is_logged_and_the_others_still_go(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    now = dt.datetime(2026, 12, 7, 12, tzinfo=dt.UTC)
    newest = _fake_backup(tmp_path, now)
    locked = _fake_backup(tmp_path, now - dt.timedelta(hours=1))
    oldest = _fake_backup(tmp_path, now - dt.timedelta(hours=2))
    real_unlink = Path.unlink

    def unlink_unless_locked(path: Path, missing_ok: bool = False) -> None:
        if path == locked:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        real_unlink(path, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", unlink_unless_locked)
    with caplog.at_level(logging.WARNING, logger="companion.store.backups"):
        assert backups.rotate(tmp_path, FAKE_KEY, now=now) == [oldest]
    monkeypatch.undo()
    assert newest.exists() and locked.exists() and not oldest.exists()
    assert _backups_log(caplog) == ["an old backup could not be deleted (PermissionError)"]


def test_automatic_backup_is_due_once_a_day(store: Store) -> None:
    assert backups.automatic_backup_due(store)
    backups.make_backup(store, reason=backups.AUTOMATIC)
    assert not backups.automatic_backup_due(store)
    tomorrow = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    assert backups.automatic_backup_due(store, now=tomorrow)


def test_unreadable_files_in_the_backup_folder_are_ignored(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    folder = backups.backup_folder(store)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "holiday.ccbackup").write_bytes(os.urandom(64))
    assert backups.list_backups(folder) == []
    assert _backups_log(caplog) == ["ignoring an unreadable file in the backups folder"]


def test_backups_made_on_demand_are_never_rotated_away(tmp_path: Path) -> None:
    start = dt.datetime(2026, 11, 29, 18, tzinfo=dt.UTC)
    manual = _fake_backup(tmp_path, start - dt.timedelta(days=90), reason="manual")
    old_automatic = _fake_backup(tmp_path, start - dt.timedelta(days=91))
    for days_ago in range(60):
        _fake_backup(tmp_path, start - dt.timedelta(days=days_ago))
    backups.rotate(tmp_path, FAKE_KEY, now=start)
    assert manual.exists()
    assert not old_automatic.exists()


def _plant(folder: Path, name: str, manifest: object) -> Path:
    path = folder / name
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("companion.db", b"")
        archive.writestr("keys.json", b"{}")
        archive.writestr("manifest.json", json.dumps(manifest))
    return path


def test_planted_future_backups_neither_rotate_genuine_ones_away_nor_stop_backups(
    store: Store,
) -> None:
    folder = backups.backup_folder(store)
    genuine = backups.make_backup(store, reason=backups.AUTOMATIC)
    folder.mkdir(parents=True, exist_ok=True)
    future = dt.datetime(2099, 1, 1, tzinfo=dt.UTC)
    planted = [_fake_backup(folder, future + dt.timedelta(days=n), key=None) for n in range(11)] + [
        _fake_backup(folder, future - dt.timedelta(days=n), key=os.urandom(32)) for n in (1, 2)
    ]
    tomorrow = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    assert backups.automatic_backup_due(store, now=tomorrow)
    backups.rotate(folder, store.database_key, now=tomorrow)
    assert genuine.path.exists()
    assert all(path.exists() for path in planted)  # not ours to delete either


def test_a_genuine_backup_dated_in_the_future_does_not_stop_automatic_backups(
    store: Store,
) -> None:
    folder = backups.backup_folder(store)
    folder.mkdir(parents=True, exist_ok=True)
    _fake_backup(folder, dt.datetime(2099, 1, 1, tzinfo=dt.UTC), key=store.database_key)
    assert backups.automatic_backup_due(store)
    made = backups.make_backup(store, reason=backups.AUTOMATIC)
    assert not backups.automatic_backup_due(store)
    assert made.path.exists()


@pytest.mark.parametrize(
    "manifest",
    [
        {
            "format": 2,
            "created_at": "not a date",
            "reason": "auto",
            "store_id": "x",
            "people": 0,
            "hearings": 0,
        },
        {
            "format": 2,
            "created_at": "2026-12-01T10:00:00",
            "reason": "auto",
            "store_id": "x",
            "people": 0,
            "hearings": 0,
        },
        {"format": 2, "created_at": "2026-12-01T10:00:00+00:00", "reason": "auto"},
        {
            "format": 2,
            "created_at": "2026-12-01T10:00:00+00:00",
            "reason": "auto",
            "store_id": "x",
            "people": "many",
            "hearings": 0,
        },
        ["format", 2],
        "2026-12-01",
    ],
)
def test_a_bad_manifest_is_one_skipped_file(store: Store, manifest: object) -> None:
    folder = backups.backup_folder(store)
    folder.mkdir(parents=True, exist_ok=True)
    bad = _plant(folder, "court-companion-planted-auto.ccbackup", manifest)
    made = backups.make_backup(store, reason=backups.AUTOMATIC)
    assert [info.path for info in backups.list_backups(folder)] == [made.path]
    assert bad.exists()
    assert not backups.automatic_backup_due(store)


def test_leftovers_of_killed_backups_and_restores_are_swept_at_open(
    store: Store, data_dir: Path
) -> None:
    work = data_dir / "work-in-progress"
    (work / "backup-abc").mkdir(parents=True)
    (work / "backup-abc" / "companion.db").write_bytes(b"copy")
    (data_dir / "cc-restore-old").mkdir()
    store.close()
    reopened = Store.open(data_dir, TEST_PASSPHRASE)
    try:
        assert list(work.iterdir()) == []
        assert not (data_dir / "cc-restore-old").exists()
        assert stat.S_IMODE(work.stat().st_mode) == 0o700
    finally:
        reopened.close()


def test_leftovers_are_kept_while_another_holder_may_be_using_them(
    store: Store, data_dir: Path
) -> None:
    """The open store of this process holds the folder; a second opening in another
    process would not be alone, so nothing may be swept from under the first."""
    (data_dir / "work-in-progress" / "backup-busy").mkdir(parents=True)
    from companion.store import folder_lock

    other = folder_lock._FolderLock(data_dir.resolve())  # as another process's lock file
    with pytest.raises(StoreInUseError):
        other.take_exclusive()
    assert (data_dir / "work-in-progress" / "backup-busy").exists()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    offsets=st.lists(
        st.integers(min_value=-400 * 24, max_value=80_000 * 24), min_size=1, max_size=25
    ),
    planted=st.lists(st.integers(min_value=-400 * 24, max_value=80_000 * 24), max_size=12),
)
def test_rotation_never_deletes_the_newest_genuine_backup(
    tmp_path_factory: pytest.TempPathFactory, offsets: list[int], planted: list[int]
) -> None:
    folder = tmp_path_factory.mktemp("rotation")
    now = dt.datetime(2026, 12, 7, 12, tzinfo=dt.UTC)
    genuine = {
        _fake_backup(folder, now + dt.timedelta(hours=hours, seconds=n)): now
        + dt.timedelta(hours=hours, seconds=n)
        for n, hours in enumerate(offsets)
    }
    for n, hours in enumerate(planted):
        when = now + dt.timedelta(hours=hours, seconds=n, microseconds=1)
        _fake_backup(folder, when, key=None, name=f"planted-{n}.ccbackup")
    newest = max(genuine, key=lambda path: genuine[path])
    latest_past = [path for path, when in genuine.items() if when <= now]
    backups.rotate(folder, FAKE_KEY, now=now)
    assert newest.exists()
    if latest_past:
        assert max(latest_past, key=lambda path: genuine[path]).exists()
    assert len(list(folder.glob("planted-*.ccbackup"))) == len(planted)


def _rewrite_manifest(path: Path, manifest: dict[str, object], key: bytes) -> None:
    """Replace the manifest, sealed again with ``key`` as the store would seal it: only
    what the manifest says is wrong, not its seal."""
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    raw = json.dumps(manifest).encode()
    members["manifest.json"] = raw
    mac_key = hmac.new(key, b"court-companion backup manifest v2", hashlib.sha256).digest()
    members["manifest.mac"] = hmac.new(mac_key, raw, hashlib.sha256).hexdigest().encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def test_manifest_counts_every_record_table_with_a_digest_of_its_uids(store: Store) -> None:
    _add(store, "Quennell")
    _add(store, "Rowena")
    info = backups.make_backup(store)
    people_uids = sorted(uid for (uid,) in store.db.execute("SELECT uid FROM people"))
    expected = hashlib.sha256("".join(uid + "\n" for uid in people_uids).encode()).hexdigest()
    manifest = backups.read_manifest(info.path)
    assert manifest.records["people"] == backups.RecordCount(2, expected)
    assert set(manifest.records) == set(RECORD_TABLES)
    assert backups.inspect_backup(info.path, TEST_PASSPHRASE).records == manifest.records


def test_a_manifest_that_does_not_describe_its_database_is_refused(store: Store) -> None:
    _add(store, "Quennell")
    first = backups.make_backup(store)
    _add(store, "Rowena")
    second = backups.make_backup(store)
    with zipfile.ZipFile(first.path) as archive:
        first_manifest = json.loads(archive.read("manifest.json"))
    # Even with the database's own checksum copied over, the record digests catch it.
    with zipfile.ZipFile(second.path) as archive:
        second_manifest = json.loads(archive.read("manifest.json"))
    first_manifest["database_sha256"] = second_manifest["database_sha256"]
    _rewrite_manifest(second.path, first_manifest, store.database_key)
    with pytest.raises(backups.BackupFailedError, match="people"):
        backups.inspect_backup(second.path, TEST_PASSPHRASE)


def test_the_refusal_names_each_table_whose_records_differ_from_the_manifest(
    store: Store,
) -> None:
    """Which tables do not match is what support needs: one whose rows differ and one the
    manifest lists but the database lacks are named, in order, and none that match."""
    _add(store, "Quennell")
    info = backups.make_backup(store)
    with zipfile.ZipFile(info.path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    other_uids = hashlib.sha256(b"uids of other records\n").hexdigest()
    manifest["records"]["people"] = {"rows": 2, "uids_sha256": other_uids}
    manifest["records"]["archived_cases"] = {"rows": 1, "uids_sha256": other_uids}
    _rewrite_manifest(info.path, manifest, store.database_key)
    with pytest.raises(backups.BackupFailedError) as refused:
        backups.inspect_backup(info.path, TEST_PASSPHRASE)
    assert refused.value.detail == "records differ from the manifest: archived_cases, people"


@pytest.mark.parametrize(
    ("change", "sealed_by_the_store", "detail"),
    [
        ({"people": 40}, False, "the manifest was not made with this backup's key"),
        ({"store_id": "another-office"}, True, "the manifest names another store"),
    ],
    ids=["sealed with another key", "naming another store"],
)
def test_a_manifest_that_is_not_its_backups_own_is_refused_saying_why(
    store: Store, change: dict[str, object], sealed_by_the_store: bool, detail: str
) -> None:
    _add(store, "Quennell")
    info = backups.make_backup(store)
    with zipfile.ZipFile(info.path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    key = store.database_key if sealed_by_the_store else FAKE_KEY
    _rewrite_manifest(info.path, manifest | change, key)
    with pytest.raises(backups.BackupFailedError) as refused:
        backups.inspect_backup(info.path, TEST_PASSPHRASE)
    assert refused.value.detail == detail


def test_checking_a_file_that_is_not_a_backup_says_it_is_not_one(tmp_path: Path) -> None:
    """Said as "not a backup" (choose the right file), not as a damaged backup."""
    holiday = tmp_path / "holiday.ccbackup"
    holiday.write_bytes(b"holiday photos, not a backup\n" * 100)
    with pytest.raises(backups.NotABackupError) as refused:
        backups.inspect_backup(holiday, TEST_PASSPHRASE)
    assert refused.value.path == str(holiday)
    with pytest.raises(NoBackupFileError):
        backups.inspect_backup(tmp_path / "moved-away.ccbackup", TEST_PASSPHRASE)


def test_a_backup_of_the_first_format_without_a_seal_still_checks_and_restores(
    store: Store, tmp_path: Path
) -> None:
    """Backups made before manifests were sealed (format 1: no seal, no checksum, no
    record digests) are still checked and restored."""
    _add(store, "Quennell")
    info = backups.make_backup(store)
    with zipfile.ZipFile(info.path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    del members["manifest.mac"]
    current = json.loads(members["manifest.json"])
    first_format = {
        "format": 1,
        **{
            field: current[field]
            for field in ("created_at", "reason", "store_id", "people", "hearings")
        },
    }
    members["manifest.json"] = json.dumps(first_format).encode()
    with zipfile.ZipFile(info.path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    assert backups.read_manifest(info.path, store.database_key).format == 1
    assert backups.inspect_backup(info.path, TEST_PASSPHRASE).people == 1
    moved = restore_backup(tmp_path / "new-laptop", info.path, TEST_PASSPHRASE)
    try:
        assert [p.given_name for p in moved.people.list()] == ["Quennell"]
    finally:
        moved.close()


def test_no_room_for_the_files_a_check_unpacks_is_said_as_a_full_disk(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk is full as the backup's key file is written in the data folder's work
    folder: said as a full disk there (make room), not as a damaged backup."""
    info = backups.make_backup(store, folder=tmp_path / "usb")
    real_open = os.open

    def no_room(path: str | Path, flags: int, mode: int = 0o777, **kwargs: object) -> int:
        if Path(path).name == "keys.json" and flags & os.O_CREAT:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return real_open(path, flags, mode, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", no_room)
    with pytest.raises(FolderProblemError) as refused:
        backups.inspect_backup(info.path, TEST_PASSPHRASE, data_folder=store.folder)
    assert refused.value.reason == "disk_full"
    assert Path(refused.value.path).parent.parent == store.folder / "work-in-progress"


@pytest.mark.parametrize(
    ("number", "reason"), [(errno.EACCES, "no_permission"), (errno.EROFS, "read_only")]
)
def test_a_work_folder_a_check_cannot_write_in_is_said_as_such(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, number: int, reason: str
) -> None:
    """Refused permission, or a disk mounted read-only, as a check creates the files it
    unpacks: a problem of the work folder (named), not a damaged backup."""
    info = backups.make_backup(store, folder=tmp_path / "usb")
    real_open = os.open

    def refused(path: str | Path, flags: int, mode: int = 0o777, **kwargs: object) -> int:
        if Path(path).name == "keys.json" and flags & os.O_CREAT:
            raise OSError(number, os.strerror(number), str(path))
        return real_open(path, flags, mode, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refused)
    with pytest.raises(FolderProblemError) as problem:
        backups.inspect_backup(info.path, TEST_PASSPHRASE, data_folder=store.folder)
    assert problem.value.reason == reason
    assert Path(problem.value.path).name == "keys.json"
    assert Path(problem.value.path).parent.parent == store.folder / "work-in-progress"


@pytest.mark.parametrize("number", [errno.ENOSPC, errno.EDQUOT])
def test_a_disk_that_fills_as_a_check_writes_what_it_unpacks_is_said_as_a_full_disk(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, number: int
) -> None:
    """A write that fails for want of room names no file (unlike opening one): it is
    still the work folder's disk that is full, not the backup that is damaged."""
    info = backups.make_backup(store, folder=tmp_path / "usb")
    real_fsync = os.fsync

    def full_on_write(descriptor: int) -> None:
        raise OSError(number, os.strerror(number))

    monkeypatch.setattr(os, "fsync", full_on_write)
    with pytest.raises(FolderProblemError) as refused:
        backups.inspect_backup(info.path, TEST_PASSPHRASE, data_folder=store.folder)
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert refused.value.reason == "disk_full"
    assert Path(refused.value.path).parent == store.folder / "work-in-progress"


def test_a_backup_from_before_stable_ids_still_opens(store: Store) -> None:
    _add(store, "Quennell")
    info = backups.make_backup(store)
    with zipfile.ZipFile(info.path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    del manifest["records"]
    _rewrite_manifest(info.path, manifest, store.database_key)
    assert backups.read_manifest(info.path).records == {}
    assert backups.inspect_backup(info.path, TEST_PASSPHRASE).people == 1


def test_a_backup_is_checked_with_the_recovery_code_of_its_day(data_dir: Path) -> None:
    opened, recovery_code = Store.create(data_dir, TEST_PASSPHRASE)
    try:
        _add(opened, "Quennell")
        info = backups.make_backup(opened)
    finally:
        opened.close()
    checked = backups.inspect_backup(info.path, recovery_code, recovery=True)
    assert checked.people == 1
    with pytest.raises(WrongRecoveryCodeError):
        backups.inspect_backup(info.path, TEST_PASSPHRASE, recovery=True)


def test_the_check_before_a_restore_counts_people_and_hearings_in_the_database(
    store: Store,
) -> None:
    """The numbers shown before a restore come from the backup's own database: a sealed
    manifest that says otherwise (made by a faulty or older app) is not believed."""
    courthouse = store.courthouses.add(
        Courthouse("Fictional Hall of Justice", "9 Sample Street", "America/New_York", "US-NY")
    )
    people = [store.people.add(Person(f"Given{i}", "Sample", language="es")) for i in range(3)]
    case = store.cases.add(
        Case("CR-0042", "Criminal Court", person_ids=[p.id or 0 for p in people])
    )
    start = dt.datetime(2026, 12, 3, 9, 30, tzinfo=ZoneInfo("America/New_York"))
    for day in range(2):
        store.hearings.add(
            Hearing(
                case.id or 0,
                courthouse.id or 0,
                start + dt.timedelta(days=day),
                HearingType.TRIAL,
                "4B",
            ),
            [Attendance(p.id or 0, 0) for p in people],
        )
    info = backups.make_backup(store)
    with zipfile.ZipFile(info.path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert (manifest["people"], manifest["hearings"]) == (3, 2)
    manifest["people"], manifest["hearings"] = 30, 20
    _rewrite_manifest(info.path, manifest, store.database_key)
    checked = backups.inspect_backup(info.path, TEST_PASSPHRASE)
    assert (checked.people, checked.hearings) == (3, 2)


def test_with_a_data_folder_nothing_is_unpacked_in_the_system_temporary_folder(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    _add(store, "Quennell")
    info = backups.make_backup(store)

    def no_temporary_folder(*args: object, **kwargs: object) -> None:
        raise AssertionError("a backup was unpacked in the system's temporary folder")

    monkeypatch.setattr(tempfile, "TemporaryDirectory", no_temporary_folder)
    assert backups.inspect_backup(info.path, TEST_PASSPHRASE, data_folder=store.folder).people == 1


def test_a_backup_up_to_an_hour_ahead_of_the_clock_still_counts_as_today(store: Store) -> None:
    """Laptop clocks differ a little: a backup dated one hour (CLOCK_SLACK) after "now"
    counts, one dated a moment later does not."""
    made = backups.make_backup(store, reason=backups.AUTOMATIC).created_at
    hour = dt.timedelta(hours=1)
    assert not backups.automatic_backup_due(store, now=made - hour)
    assert backups.automatic_backup_due(store, now=made - hour - dt.timedelta(microseconds=1))


def test_checking_a_backup_is_refused_at_once_while_a_restore_holds_the_data_folder(
    store: Store, tmp_path: Path
) -> None:
    """The check unpacks into the data folder's work folder, so it holds the folder: while
    another process restores into it, the check is refused rather than racing it, and at
    once (a window asking for a check must not freeze for the 15 s an opening store waits)."""
    from companion.store import folder_lock

    _add(store, "Quennell")
    info = backups.make_backup(store, folder=tmp_path / "usb")
    data = tmp_path / "other-data"
    data.mkdir(mode=0o700)
    restoring = folder_lock._FolderLock(data.resolve())  # as another process's restore
    restoring.take_exclusive()
    try:
        with pytest.MonkeyPatch.context() as patch:
            clock = lock_clock(patch)
            with pytest.raises(StoreInUseError):
                backups.inspect_backup(info.path, TEST_PASSPHRASE, data_folder=data)
        assert clock.waits == []
    finally:
        restoring.release_exclusive()
    assert backups.inspect_backup(info.path, TEST_PASSPHRASE, data_folder=data).people == 1


def test_backups_go_to_the_folder_staff_chose(store: Store, tmp_path: Path) -> None:
    usb = tmp_path / "usb-drive" / "court-companion"
    assert backups.backup_folder(store) == store.folder / "backups"
    store.settings.set(backups.BACKUP_FOLDER_SETTING, str(usb))
    assert backups.backup_folder(store) == usb
    info = backups.make_backup(store)
    assert info.path.parent == usb
    assert [b.path for b in backups.list_backups(backups.backup_folder(store))] == [info.path]
