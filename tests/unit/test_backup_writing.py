"""What ``make_backup`` writes, where, under which name and modes, and what it says and
leaves behind when a step fails (a full disk, a file in the way, a bad copy).

Expected values are literal or computed here from the store's own files and tables,
never by the backup code. The clock is frozen where a name or a date is checked.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import hmac
import json
import logging
import os
import re
import stat
import types
import zipfile
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from companion.domain.models import (
    Attendance,
    Case,
    ContactKind,
    ContactMethod,
    Courthouse,
    Hearing,
    HearingType,
    Person,
)
from companion.errors import FolderProblemError
from companion.store import backups
from companion.store.audit import AuditAction
from companion.store.connection import OperationalError, connect, integrity_problems
from companion.store.identity import RECORD_TABLES
from companion.store.store import Store
from tests.unit.test_backup_corruption import _make_an_index_stale, _with_database
from tests.unit.test_backups import _add, _fake_backup

#: The frozen "now" of the tests that check a name or a date.
MOMENT = dt.datetime(2026, 12, 8, 5, 6, 7, 89012, tzinfo=dt.UTC)
LOGGER = "companion.store.backups"


class _FrozenDatetime(dt.datetime):
    @classmethod
    def now(cls, tz: dt.tzinfo | None = None) -> _FrozenDatetime:
        assert tz is dt.UTC  # backups are dated in UTC
        return cls(2026, 12, 8, 5, 6, 7, 89012, tzinfo=dt.UTC)


@pytest.fixture
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """``backups`` sees MOMENT as now (the naming, the manifest and the rotation after)."""
    clock = types.SimpleNamespace(
        datetime=_FrozenDatetime, UTC=dt.UTC, timedelta=dt.timedelta, date=dt.date
    )
    monkeypatch.setattr(backups, "dt", clock)


@pytest.fixture
def umask_022() -> Iterator[None]:
    """The usual umask: privacy must not count on the user's being stricter."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def _messages(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.name == LOGGER]


def _record_counts(store: Store) -> dict[str, backups.RecordCount]:
    """Each record table's rows and the SHA-256 of its sorted uids, one per line."""
    counts = {}
    for table in RECORD_TABLES:
        uids = sorted(uid for (uid,) in store.db.execute(f"SELECT uid FROM {table}"))
        digest = hashlib.sha256("".join(f"{uid}\n" for uid in uids).encode("ascii"))
        counts[table] = backups.RecordCount(len(uids), digest.hexdigest())
    return counts


def _two_people_and_a_hearing(store: Store) -> None:
    _add(store, "Quennell")
    _add(store, "Rowena")
    courthouse = store.courthouses.add(
        Courthouse("Fictional Hall of Justice", "9 Sample Street", "America/New_York", "US-NY")
    )
    [first, *_] = store.people.list()
    case = store.cases.add(Case("CR-0042", "Criminal Court", person_ids=[first.id or 0]))
    store.hearings.add(
        Hearing(
            case.id or 0,
            courthouse.id or 0,
            dt.datetime(2026, 12, 14, 9, 30, tzinfo=ZoneInfo("America/New_York")),
            HearingType.TRIAL,
            "4B",
        ),
        [Attendance(first.id or 0, 0)],
    )


def test_a_backup_holds_the_database_its_key_file_and_a_sealed_manifest_of_them(
    store: Store, data_dir: Path, frozen_clock: None, caplog: pytest.LogCaptureFixture
) -> None:
    """Made on demand (no reason given: "manual"), named for the UTC moment to the
    microsecond; the manifest, the returned info, the audit and the log all say so."""
    _two_people_and_a_hearing(store)
    expected_records = _record_counts(store)
    store_id = json.loads((data_dir / "keys.json").read_text())["store_id"]
    with caplog.at_level(logging.INFO, logger=LOGGER):
        info = backups.make_backup(store)
    folder = data_dir / "backups"
    assert info.path == folder / "court-companion-20261208-050607-089012-manual.ccbackup"
    assert sorted(path.name for path in folder.iterdir()) == [info.path.name]

    with zipfile.ZipFile(info.path) as archive:
        assert sorted(archive.namelist()) == [
            "companion.db",
            "keys.json",
            "manifest.json",
            "manifest.mac",
        ]
        assert {member.compress_type for member in archive.infolist()} == {zipfile.ZIP_STORED}
        database = archive.read("companion.db")
        key_file = archive.read("keys.json")
        raw = archive.read("manifest.json")
        mac = archive.read("manifest.mac")
    assert key_file == (data_dir / "keys.json").read_bytes()
    assert b"Quennell" not in database  # still encrypted with the store's key
    assert json.loads(raw) == {
        "format": 2,
        "created_at": "2026-12-08T05:06:07.089012+00:00",
        "reason": "manual",
        "store_id": store_id,
        "people": 2,
        "hearings": 1,
        "database_sha256": hashlib.sha256(database).hexdigest(),
        "records": {
            table: {"rows": count.rows, "uids_sha256": count.uids_sha256}
            for table, count in expected_records.items()
        },
    }
    mac_key = hmac.new(
        store.database_key, b"court-companion backup manifest v2", hashlib.sha256
    ).digest()
    assert mac == hmac.new(mac_key, raw, hashlib.sha256).hexdigest().encode()

    assert info == backups.BackupInfo(
        info.path,
        MOMENT,
        "manual",
        store_id,
        2,
        1,
        authentic=True,
        records=expected_records,
    )
    assert [entry.detail for entry in store.audit.entries(action=AuditAction.BACKED_UP)] == [
        "manual"
    ]
    assert _messages(caplog) == ["backup written (manual)"]


def test_a_copy_of_a_store_is_private_whatever_the_umask(
    store: Store, tmp_path: Path, umask_022: None
) -> None:
    """The copies a backup and a migration make hold every record: 0600 from the start."""
    copy = tmp_path / "copy.db"
    store.copy_to(copy)
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600


def test_rotation_after_a_backup_deletes_surplus_automatic_ones_but_never_the_new_one(
    store: Store, data_dir: Path, frozen_clock: None
) -> None:
    """Rotation runs with the store's key (only its own backups are deleted), and keeps
    the backup just written even when a genuine one dated a little later today (a clock
    that was half an hour ahead) is the newest of the day."""
    folder = data_dir / "backups"
    folder.mkdir(mode=0o700)
    key = store.database_key
    three_days_ago = MOMENT - dt.timedelta(days=3)
    morning = _fake_backup(folder, three_days_ago.replace(hour=9), key=key)
    evening = _fake_backup(folder, three_days_ago.replace(hour=17), key=key)
    ahead = _fake_backup(folder, MOMENT + dt.timedelta(minutes=30), key=key)
    made = backups.make_backup(store, reason=backups.AUTOMATIC)
    assert sorted(path.name for path in folder.iterdir()) == sorted(
        [evening.name, ahead.name, made.path.name]
    )
    assert not morning.exists()


def test_a_backups_folder_that_is_a_file_is_said_as_such_and_nothing_is_written(
    store: Store, data_dir: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    in_the_way = tmp_path / "usb-drive"
    in_the_way.write_bytes(b"a file where the folder should be")
    with (
        caplog.at_level(logging.INFO, logger=LOGGER),
        pytest.raises(FolderProblemError) as failure,
    ):
        backups.make_backup(store, folder=in_the_way)
    assert (failure.value.path, failure.value.reason) == (str(in_the_way), "not_a_folder")
    assert _messages(caplog) == ["backup failed; previous backups kept"]
    assert in_the_way.read_bytes() == b"a file where the folder should be"
    assert store.audit.entries(action=AuditAction.BACKED_UP) == []


def _leftovers(data_dir: Path, folder: Path) -> list[str]:
    """What is in the backups folder and the work folder."""
    work = data_dir / "work-in-progress"
    found = [*folder.iterdir()] if folder.is_dir() else []
    found += [*work.iterdir()] if work.is_dir() else []
    return sorted(path.name for path in found)


def test_a_copy_that_fails_the_integrity_check_is_refused_naming_its_first_three_problems(
    store: Store, data_dir: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """The copy itself is damaged (an index no longer matches its table, which only the
    integrity check sees): refused before any backup file is written."""
    for index in range(8):
        phone = ContactMethod(ContactKind.PHONE, f"(312) 555-01{index:02d}")
        store.people.add(Person(f"Given{index}", "Sample", language="es", contacts=[phone]))
    real_copy = store.copy_to
    problems: list[str] = []

    def damaged_copy(target: Path) -> None:
        real_copy(target)
        _make_an_index_stale(target, store.database_key)
        db = connect(target, store.database_key)
        try:
            problems.extend(integrity_problems(db))
        finally:
            db.close()

    monkeypatch.setattr(store, "copy_to", damaged_copy)
    with (
        caplog.at_level(logging.INFO, logger=LOGGER),
        pytest.raises(backups.BackupFailedError) as failure,
    ):
        backups.make_backup(store)
    assert len(problems) > 3
    assert failure.value.detail.split("; ") == problems[:3]
    assert _messages(caplog) == ["backup failed; previous backups kept"]
    assert _leftovers(data_dir, data_dir / "backups") == []


def test_a_database_whose_records_are_not_the_manifests_is_refused_when_written(
    store: Store, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The archive is checked against the records the manifest lists: an older (sound,
    same key) database that reaches the archive instead of the copy is refused, and the
    half-written file is removed."""
    _add(store, "Quennell")
    older = tmp_path / "older.db"
    store.copy_to(older)
    _add(store, "Rowena")
    real_check = backups._verify_archive

    def swapped_then_checked(path: Path, *args: object) -> None:
        _with_database(path, older.read_bytes())
        real_check(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(backups, "_verify_archive", swapped_then_checked)
    with pytest.raises(backups.BackupFailedError) as failure:
        backups.make_backup(store)
    assert failure.value.detail == "records differ from the manifest: people"
    assert _leftovers(data_dir, data_dir / "backups") == []


def _failing_flush_in(
    folder: Path, code: int, monkeypatch: pytest.MonkeyPatch, flushed: list[str]
) -> None:
    """``os.fsync`` fails with ``code`` for a file in ``folder`` (as a full or failing disk
    would when the backup file is flushed); the file's name goes into ``flushed``."""
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        if folder.is_dir():
            opened = os.fstat(fd)
            here = [path.name for path in folder.iterdir() if os.path.samestat(opened, path.stat())]
            if here:
                flushed.extend(here)
                raise OSError(code, os.strerror(code))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)


def test_a_full_disk_as_the_backup_file_is_flushed_is_said_as_such_and_leaves_nothing(
    store: Store,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    folder = data_dir / "backups"
    flushed: list[str] = []
    _failing_flush_in(folder, errno.ENOSPC, monkeypatch, flushed)
    with (
        caplog.at_level(logging.INFO, logger=LOGGER),
        pytest.raises(FolderProblemError) as failure,
    ):
        backups.make_backup(store)
    assert (failure.value.path, failure.value.reason) == (str(folder), "disk_full")
    assert len(flushed) == 1 and flushed[0].endswith(".ccbackup.partial")  # not yet final
    assert _messages(caplog) == ["backup failed: OSError"]
    assert _leftovers(data_dir, folder) == []
    assert store.audit.entries(action=AuditAction.BACKED_UP) == []


def test_any_other_disk_error_as_the_backup_file_is_flushed_refuses_it_naming_the_error(
    store: Store,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    folder = data_dir / "backups"
    flushed: list[str] = []
    _failing_flush_in(folder, errno.EIO, monkeypatch, flushed)
    with (
        caplog.at_level(logging.INFO, logger=LOGGER),
        pytest.raises(backups.BackupFailedError) as failure,
    ):
        backups.make_backup(store)
    assert failure.value.detail == f"OSError: [Errno {errno.EIO}] Input/output error"
    assert _messages(caplog) == ["backup failed: OSError"]
    assert _leftovers(data_dir, folder) == []


def test_a_copy_that_is_not_a_database_is_refused_naming_the_backups_own_copy(
    store: Store,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The refusal says the error's kind and which file would not open: the backup's copy
    in the work folder (``backup-…``), not the store's own database."""

    def broken_copy(target: Path) -> None:
        target.write_bytes(b"this is not a database")

    monkeypatch.setattr(store, "copy_to", broken_copy)
    with (
        caplog.at_level(logging.INFO, logger=LOGGER),
        pytest.raises(backups.BackupFailedError) as failure,
    ):
        backups.make_backup(store)
    work = re.escape(str(data_dir / "work-in-progress"))
    assert re.fullmatch(rf"NotAStoreError: {work}/backup-[^/]+/companion\.db", failure.value.detail)
    assert _messages(caplog) == ["backup failed: NotAStoreError"]
    assert _leftovers(data_dir, data_dir / "backups") == []


def test_a_full_disk_while_the_database_is_copied_is_said_as_a_problem_of_the_data_folder(
    store: Store,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The copy is made in the data folder's work folder, so SQLite's "disk is full" is
    about the data folder's disk, and is said as such (not as a damaged store)."""

    def copy_on_a_full_disk(target: Path) -> None:
        raise OperationalError("database or disk is full")

    monkeypatch.setattr(store, "copy_to", copy_on_a_full_disk)
    with (
        caplog.at_level(logging.INFO, logger=LOGGER),
        pytest.raises(FolderProblemError) as failure,
    ):
        backups.make_backup(store)
    assert (failure.value.path, failure.value.reason) == (str(data_dir), "disk_full")
    assert _messages(caplog) == ["backup failed: OperationalError"]
    assert _leftovers(data_dir, data_dir / "backups") == []
