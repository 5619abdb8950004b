"""Backups: verified, encrypted, consistent copies of the store, rotated, and restorable.

A backup is one ``.ccbackup`` file (a zip archive, stored uncompressed) holding:

- ``companion.db``: a copy made with SQLite's backup API (consistent even while the app
  is writing), still encrypted with the store's key;
- ``keys.json``: the sealed keys, so the backup opens on a new laptop with the
  passphrase (or recovery code) of the day it was made;
- ``manifest.json``: when and why it was made, how many people and hearings it holds,
  and for each record table the number of rows and a digest of their uids.

The uid digests tie the manifest to its database: the copy in the archive is checked
against them when the backup is made, and again before it is restored, so a manifest
that does not describe the database beside it is caught. The digest (SHA-256 of the
sorted uids) says nothing about the records; two backups with the same digest for a table
hold the same records in it, whatever their contents now.

Every backup is opened and integrity-checked before it gets its final name. A failed
backup is deleted and reported; it never replaces or rotates away a good one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from companion.errors import CompanionError, NoStoreError, NotAStoreError, StoreDamagedError
from companion.private_files import PRIVATE_FILE_MODE, make_private_folder, narrow_mode
from companion.store import keys
from companion.store.audit import AuditAction
from companion.store.connection import (
    DatabaseError,
    connect,
    integrity_problems,
)
from companion.store.files import DATABASE_FILE_NAME
from companion.store.identity import RECORD_TABLES
from companion.store.preflight import store_exists
from companion.store.store import BACKUPS_FOLDER_NAME, Store

log = logging.getLogger(__name__)

SUFFIX = ".ccbackup"
MANIFEST = "manifest.json"
FORMAT = 1
KEEP_DAILY = 7
KEEP_WEEKLY = 4
BACKUP_FOLDER_SETTING = "backup_folder"
AUTOMATIC = "auto"


class BackupFailedError(CompanionError):
    """Writing or verifying a backup failed; the previous backups are untouched."""

    code = "backup_failed"

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class NotABackupError(CompanionError):
    code = "not_a_backup"

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path


@dataclass(frozen=True)
class RecordCount:
    """How many rows a record table has, and the SHA-256 of their sorted uids."""

    rows: int
    uids_sha256: str


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created_at: dt.datetime
    reason: str
    store_id: str
    people: int
    hearings: int
    #: Per record table; empty for backups made before stable ids.
    records: dict[str, RecordCount] = field(default_factory=dict)


def backup_folder(store: Store) -> Path:
    """The configured backups folder (e.g. a USB drive), or ``backups/`` in the data folder."""
    configured = store.settings.get(BACKUP_FOLDER_SETTING)
    return Path(configured) if configured else store.folder / BACKUPS_FOLDER_NAME


@dataclass(frozen=True)
class Contents:
    """What a copy of the database holds: live people and hearings, every record table's
    rows and uid digest (empty for a store from before stable ids), and its problems."""

    people: int
    hearings: int
    records: dict[str, RecordCount]
    problems: list[str]


def _contents(db_path: Path, database_key: bytes) -> Contents:
    db = connect(db_path, database_key)
    try:
        problems = integrity_problems(db)
        people = db.execute("SELECT count(*) FROM people WHERE deleted_at IS NULL").fetchone()[0]
        hearings = db.execute("SELECT count(*) FROM hearings WHERE deleted_at IS NULL").fetchone()[
            0
        ]
        records = record_counts(db) if not problems else {}
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()
    return Contents(int(people), int(hearings), records, problems)


def record_counts(db: Database) -> dict[str, RecordCount]:
    """Rows and uid digest of each record table (Trash included); empty before stable ids."""
    if "uid" not in db["people"].columns_dict:
        return {}
    counts = {}
    for table in RECORD_TABLES:
        if not db[table].exists():  # a table a later schema step adds
            continue
        digest = hashlib.sha256()
        rows = 0
        for (uid,) in db.execute(f"SELECT uid FROM {table} ORDER BY uid"):
            digest.update(str(uid).encode("ascii") + b"\n")
            rows += 1
        counts[table] = RecordCount(rows, digest.hexdigest())
    return counts


def _check_records(expected: dict[str, RecordCount], found: dict[str, RecordCount]) -> None:
    """Refuse a database whose records are not the ones its manifest lists."""
    if expected and expected != found:
        differing = sorted(
            table
            for table in expected.keys() | found.keys()
            if expected.get(table) != found.get(table)
        )
        raise BackupFailedError("records differ from the manifest: " + ", ".join(differing))


def make_backup(store: Store, folder: Path | None = None, reason: str = "manual") -> BackupInfo:
    """Write, verify and keep one backup; then rotate the folder. Returns what was written."""
    target_folder = folder or backup_folder(store)
    created = dt.datetime.now(dt.UTC)
    name = f"court-companion-{created.strftime('%Y%m%d-%H%M%S-%f')}-{reason}{SUFFIX}"
    try:
        make_private_folder(target_folder)
        with tempfile.TemporaryDirectory(prefix="cc-backup-", dir=target_folder) as scratch:
            copy_path = Path(scratch) / DATABASE_FILE_NAME
            store.copy_to(copy_path)
            contents = _contents(copy_path, store.database_key)
            if contents.problems:
                raise BackupFailedError("; ".join(contents.problems[:3]))
            people, hearings = contents.people, contents.hearings
            manifest = {
                "format": FORMAT,
                "created_at": created.isoformat(),
                "reason": reason,
                "store_id": store.store_id,
                "people": people,
                "hearings": hearings,
                "records": {
                    table: {"rows": count.rows, "uids_sha256": count.uids_sha256}
                    for table, count in contents.records.items()
                },
            }
            partial = Path(scratch) / (name + ".partial")
            with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_STORED) as archive:
                archive.write(copy_path, DATABASE_FILE_NAME)
                archive.write(store.folder / keys.KEY_FILE_NAME, keys.KEY_FILE_NAME)
                archive.writestr(MANIFEST, json.dumps(manifest, indent=2))
            _verify_archive(partial, store.database_key, contents.records)
            narrow_mode(partial, PRIVATE_FILE_MODE)
            with open(partial, "rb") as handle:
                os.fsync(handle.fileno())
            final = target_folder / name
            os.replace(partial, final)
    except BackupFailedError:
        log.error("backup failed verification; previous backups kept")
        raise
    except (OSError, DatabaseError, zipfile.BadZipFile, CompanionError) as error:
        log.error("backup failed: %s", type(error).__name__)
        raise BackupFailedError(f"{type(error).__name__}: {error}") from error
    store.audit.record(AuditAction.BACKED_UP, detail=reason)
    rotate(target_folder)
    log.info("backup written (%s)", reason)
    return BackupInfo(final, created, reason, store.store_id, people, hearings, contents.records)


def _verify_archive(path: Path, database_key: bytes, records: dict[str, RecordCount]) -> None:
    with tempfile.TemporaryDirectory(prefix="cc-verify-") as scratch:
        with zipfile.ZipFile(path) as archive:
            if archive.testzip() is not None:
                raise BackupFailedError("archive checksum mismatch")
            archive.extract(DATABASE_FILE_NAME, scratch)
        contents = _contents(Path(scratch) / DATABASE_FILE_NAME, database_key)
        if contents.problems:
            raise BackupFailedError("; ".join(contents.problems[:3]))
        _check_records(records, contents.records)


def read_manifest(path: Path) -> BackupInfo:
    """What a backup says about itself, without unlocking it (no names are in the manifest)."""
    try:
        with zipfile.ZipFile(path) as archive:
            manifest = json.loads(archive.read(MANIFEST))
            names = set(archive.namelist())
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as error:
        raise NotABackupError(str(path)) from error
    if manifest.get("format") != FORMAT or not {DATABASE_FILE_NAME, keys.KEY_FILE_NAME} <= names:
        raise NotABackupError(str(path))
    if not isinstance(manifest.get("records", {}), dict):
        raise NotABackupError(str(path))
    return BackupInfo(
        path=path,
        created_at=dt.datetime.fromisoformat(manifest["created_at"]),
        reason=str(manifest["reason"]),
        store_id=str(manifest["store_id"]),
        people=int(manifest["people"]),
        hearings=int(manifest["hearings"]),
        records={
            str(table): RecordCount(int(count["rows"]), str(count["uids_sha256"]))
            for table, count in manifest.get("records", {}).items()
        },
    )


def list_backups(folder: Path) -> list[BackupInfo]:
    """Backups in a folder, newest first; files that are not backups are ignored."""
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob(f"*{SUFFIX}"):
        try:
            found.append(read_manifest(path))
        except NotABackupError:
            log.warning("ignoring an unreadable file in the backups folder")
    return sorted(found, key=lambda info: info.created_at, reverse=True)


def inspect_backup(path: Path, secret: str, recovery: bool = False) -> BackupInfo:
    """Unlock a backup with the passphrase (or recovery code) of its day and count its records.

    Raises ``WrongPassphraseError``/``WrongRecoveryCodeError`` or ``BackupFailedError``.
    """
    info = read_manifest(path)
    with tempfile.TemporaryDirectory(prefix="cc-inspect-") as scratch:
        folder = Path(scratch)
        try:
            with zipfile.ZipFile(path) as archive:
                archive.extractall(folder, members=[DATABASE_FILE_NAME, keys.KEY_FILE_NAME])
        except (OSError, KeyError, zipfile.BadZipFile) as error:
            raise BackupFailedError(f"{type(error).__name__}: {error}") from error
        key_file = keys.KeyFile.load(folder)
        database_key = (
            key_file.unlock_with_recovery(secret) if recovery else key_file.unlock(secret)
        )
        try:
            contents = _contents(folder / DATABASE_FILE_NAME, database_key)
        except (DatabaseError, NotAStoreError, StoreDamagedError) as error:
            raise BackupFailedError(type(error).__name__) from error
    if contents.problems:
        raise BackupFailedError("; ".join(contents.problems[:3]))
    _check_records(info.records, contents.records)
    return BackupInfo(
        path,
        info.created_at,
        info.reason,
        info.store_id,
        contents.people,
        contents.hearings,
        contents.records,
    )


def rotate(folder: Path) -> list[Path]:
    """Among automatic backups, keep the newest of each of the last 7 days that have one,
    and of each of the last 4 weeks before those; delete the other automatic ones.

    Backups made on demand, before a restore or before a migration are never rotated
    away: staff delete those themselves. Returns what was deleted."""
    backups = [info for info in list_backups(folder) if info.reason == AUTOMATIC]
    keep: set[Path] = set()
    days: dict[dt.date, Path] = {}
    for info in backups:  # newest first, so the first seen per day is the newest
        days.setdefault(info.created_at.date(), info.path)
    for day in sorted(days, reverse=True)[:KEEP_DAILY]:
        keep.add(days[day])

    def week_of(info: BackupInfo) -> tuple[int, int]:
        iso = info.created_at.isocalendar()
        return iso.year, iso.week

    covered = {week_of(info) for info in backups if info.path in keep}
    weeks: dict[tuple[int, int], Path] = {}
    for info in backups:
        if week_of(info) not in covered:
            weeks.setdefault(week_of(info), info.path)
    for week in sorted(weeks, reverse=True)[:KEEP_WEEKLY]:
        keep.add(weeks[week])
    removed = []
    for info in backups:
        if info.path not in keep:
            info.path.unlink(missing_ok=True)
            removed.append(info.path)
    return removed


def automatic_backup_due(store: Store, now: dt.datetime | None = None) -> bool:
    """True when no backup was made today (UTC) in the backups folder."""
    moment = now or dt.datetime.now(dt.UTC)
    automatic = [b for b in list_backups(backup_folder(store)) if b.reason == AUTOMATIC]
    return not automatic or automatic[0].created_at.date() < moment.date()


def restore_backup(
    folder: Path, backup: Path, passphrase: str, current: Store | None = None
) -> Store:
    """Replace the store in ``folder`` with a backup, after backing up the current store.

    ``passphrase`` must open the backup. The current store (``current``, or the one in
    ``folder`` opened with the same passphrase) is first saved as a verified
    ``before-restore`` backup, so the restore can itself be undone. Returns the restored
    store, open.
    """
    info = inspect_backup(backup, passphrase)
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="cc-restore-", dir=folder) as scratch:
        with zipfile.ZipFile(backup) as archive:
            archive.extractall(scratch, members=[DATABASE_FILE_NAME, keys.KEY_FILE_NAME])
        if current is None and store_exists(folder):
            current = Store.open(folder, passphrase)
        if current is not None:
            make_backup(current, reason="before-restore")
            current.close()
        for suffix in ("-wal", "-shm"):
            (folder / (DATABASE_FILE_NAME + suffix)).unlink(missing_ok=True)
        for name in (DATABASE_FILE_NAME, keys.KEY_FILE_NAME):
            with open(Path(scratch) / name, "rb") as handle:
                os.fsync(handle.fileno())
            os.replace(Path(scratch) / name, folder / name)
    restored = Store.open(folder, passphrase)
    restored.audit.record(AuditAction.RESTORED_BACKUP, detail=info.created_at.isoformat())
    log.info("restored a backup from %s", info.created_at.date().isoformat())
    return restored


def require_store(folder: Path) -> None:
    if not store_exists(folder):
        raise NoStoreError(str(folder))


__all__ = [
    "BackupFailedError",
    "BackupInfo",
    "NotABackupError",
    "RecordCount",
    "automatic_backup_due",
    "backup_folder",
    "inspect_backup",
    "list_backups",
    "make_backup",
    "read_manifest",
    "require_store",
    "restore_backup",
    "rotate",
]
