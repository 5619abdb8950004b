"""Backups: verified, encrypted, consistent copies of the store, rotated, and restorable.

A backup is one ``.ccbackup`` file (a zip archive, stored uncompressed) holding:

- ``companion.db``: a copy made with SQLite's backup API (consistent even while the app
  is writing), still encrypted with the store's key;
- ``keys.json``: the sealed keys, so the backup opens on a new laptop with the
  passphrase (or recovery code) of the day it was made;
- ``manifest.json``: when and why it was made, how many people and hearings it holds,
  for each record table the number of rows and a digest of their uids, and the
  database's SHA-256, sealed by ``manifest.mac`` (see ``backup_manifest``).

The uid digests tie the manifest to its database: the copy in the archive is checked
against them when the backup is made, and again before it is restored, so a manifest
that does not describe the database beside it is caught. The digest (SHA-256 of the
sorted uids) says nothing about the records; two backups with the same digest for a table
hold the same records in it, whatever their contents now.

Every backup is opened and integrity-checked before it gets its final name. A failed
backup is deleted and reported; it never replaces or rotates away a good one. Copies are
made in the data folder's private ``work-in-progress/`` (see ``work_folder``), never in
the system's temporary folder. Restoring is in ``companion.store.restore``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import logging
import os
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from companion.errors import (
    BackupNewerError,
    CompanionError,
    FolderProblemError,
    NotARegularFileError,
    NotAStoreError,
    StoreDamagedError,
)
from companion.store import folder_lock, keys
from companion.store.audit import AuditAction
from companion.store.backup_manifest import (
    FORMAT,
    MANIFEST,
    MANIFEST_MAC,
    BackupInfo,
    NotABackupError,
    RecordCount,
    manifest_bytes,
    read_manifest,
    read_small_member,
    seal,
)
from companion.store.connection import DatabaseError, connect, integrity_problems
from companion.store.database import Database
from companion.store.files import DATABASE_FILE_NAME
from companion.store.identity import RECORD_TABLES
from companion.store.migrations import known_migration_names, migrations
from companion.store.storage_errors import (
    folder_problem,
    is_folder_problem,
    is_full_disk,
    reason_of_disk_error,
)
from companion.store.store import BACKUPS_FOLDER_NAME, Store
from companion.store.work_folder import PARTIAL_SUFFIX, in_progress, scratch

log = logging.getLogger(__name__)

SUFFIX = ".ccbackup"
KEEP_DAILY = 7
KEEP_WEEKLY = 4
BACKUP_FOLDER_SETTING = "backup_folder"
AUTOMATIC = "auto"
#: The largest database a backup may unpack (it is stored uncompressed, so the archive
#: is at least as large: no small file can fill the disk).
DATABASE_LIMIT = 16 * 1024**3
#: Free space kept on the disk beyond what unpacking needs.
FREE_SPACE_MARGIN = 32 * 1024**2
#: How far in the future a backup's date may be (clocks differ a little) and still count.
CLOCK_SLACK = dt.timedelta(hours=1)
_CHUNK = 1024 * 1024


class BackupFailedError(CompanionError):
    """Writing or verifying a backup failed; the previous backups are untouched."""

    code = "backup_failed"

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


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


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _private_file(path: Path) -> int:
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)


def make_backup(store: Store, folder: Path | None = None, reason: str = "manual") -> BackupInfo:
    """Write, verify and keep one backup; then rotate the folder. Returns what was written.

    Raises ``BackupFailedError`` when the copy is wrong, ``FolderProblemError`` when a
    folder cannot be written (full disk, read-only, not a folder)."""
    target_folder = folder or backup_folder(store)
    created = dt.datetime.now(dt.UTC)
    name = f"court-companion-{created.strftime('%Y%m%d-%H%M%S-%f')}-{reason}{SUFFIX}"
    final = target_folder / name
    partial = target_folder / (name + PARTIAL_SUFFIX)
    try:
        try:
            target_folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as error:
            raise folder_problem(error, target_folder) from error
        with scratch(store.folder, "backup") as work, in_progress(partial):
            copy_path = work / DATABASE_FILE_NAME
            store.copy_to(copy_path)
            contents = _contents(copy_path, store.database_key)
            if contents.problems:
                raise BackupFailedError("; ".join(contents.problems[:3]))
            people, hearings = contents.people, contents.hearings
            raw = manifest_bytes(
                created,
                reason,
                store.store_id,
                people,
                hearings,
                _sha256(copy_path),
                contents.records,
            )
            try:
                os.close(_private_file(partial))
                with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_STORED) as archive:
                    archive.write(copy_path, DATABASE_FILE_NAME)
                    archive.write(store.folder / keys.KEY_FILE_NAME, keys.KEY_FILE_NAME)
                    archive.writestr(MANIFEST, raw)
                    archive.writestr(MANIFEST_MAC, seal(raw, store.database_key))
                _verify_archive(partial, store.database_key, work, contents.records)
                with open(partial, "rb") as handle:
                    os.fsync(handle.fileno())
                os.replace(partial, final)
            finally:
                partial.unlink(missing_ok=True)
    except (BackupFailedError, FolderProblemError):
        log.error("backup failed; previous backups kept")
        raise
    except OSError as error:
        log.error("backup failed: %s", type(error).__name__)
        if is_folder_problem(error):
            raise folder_problem(error, target_folder) from error
        raise BackupFailedError(f"{type(error).__name__}: {error}") from error
    except (DatabaseError, zipfile.BadZipFile, CompanionError) as error:
        log.error("backup failed: %s", type(error).__name__)
        disk_reason = reason_of_disk_error(str(error))
        if disk_reason is not None:
            raise FolderProblemError(str(store.folder), disk_reason) from error
        raise BackupFailedError(f"{type(error).__name__}: {error}") from error
    store.audit.record(AuditAction.BACKED_UP, detail=reason)
    rotate(target_folder, store.database_key, keep=final)
    log.info("backup written (%s)", reason)
    return BackupInfo(
        final,
        created,
        reason,
        store.store_id,
        people,
        hearings,
        authentic=True,
        records=contents.records,
    )


def _verify_archive(
    path: Path, database_key: bytes, work: Path, records: dict[str, RecordCount]
) -> None:
    check = work / "verify"
    check.mkdir(mode=0o700)
    with zipfile.ZipFile(path) as archive:
        if archive.testzip() is not None:
            raise BackupFailedError("archive checksum mismatch")
        extract_database(archive, check / DATABASE_FILE_NAME)
    contents = _contents(check / DATABASE_FILE_NAME, database_key)
    if contents.problems:
        raise BackupFailedError("; ".join(contents.problems[:3]))
    _check_records(records, contents.records)


def extract_database(archive: zipfile.ZipFile, target: Path) -> str:
    """Unpack the database member to ``target`` (0600, fsynced); returns its SHA-256.

    Refused when it is compressed (a small file must not unpack into a huge one), larger
    than ``DATABASE_LIMIT``, longer than it claims, or larger than the free space."""
    info = archive.getinfo(DATABASE_FILE_NAME)
    if info.compress_type != zipfile.ZIP_STORED or info.file_size > DATABASE_LIMIT:
        raise BackupFailedError("the database in the backup is too large or compressed")
    if shutil.disk_usage(target.parent).free < info.file_size + FREE_SPACE_MARGIN:
        raise FolderProblemError(str(target.parent), "disk_full")
    digest = hashlib.sha256()
    written = 0
    with archive.open(info) as member, os.fdopen(_private_file(target), "wb") as out:
        while chunk := member.read(_CHUNK):
            written += len(chunk)
            if written > info.file_size:
                raise BackupFailedError("the database in the backup is longer than it says")
            digest.update(chunk)
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    return digest.hexdigest()


def list_backups(folder: Path, database_key: bytes | None = None) -> list[BackupInfo]:
    """Backups in a folder, newest first. Files that are not backups, or whose manifest
    cannot be read, are skipped (one line in the log each). With ``database_key``, each
    says whether it is authentic (made by the store with that key)."""
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob(f"*{SUFFIX}"):
        try:
            found.append(read_manifest(path, database_key))
        except (NotABackupError, NotARegularFileError):
            log.warning("ignoring an unreadable file in the backups folder")
    return sorted(found, key=lambda info: info.created_at, reverse=True)


def unpack_backup(
    path: Path, secret: str, into: Path, recovery: bool = False
) -> tuple[BackupInfo, bytes]:
    """Unpack a backup's key file and database into ``into`` and unlock the keys with the
    passphrase (or recovery code) of its day. Returns its manifest (authenticated with the
    key it holds) and its database key.

    Raises ``WrongPassphraseError``/``WrongRecoveryCodeError``, ``NotABackupError`` or
    ``BackupFailedError`` (a manifest that does not match what the backup holds)."""
    info = read_manifest(path)
    try:
        with zipfile.ZipFile(path) as archive:
            key_bytes = read_small_member(archive, keys.KEY_FILE_NAME)
            with os.fdopen(_private_file(into / keys.KEY_FILE_NAME), "wb") as out:
                out.write(key_bytes)
                out.flush()
                os.fsync(out.fileno())
            key_file = keys.KeyFile.load(into)
            database_key = (
                key_file.unlock_with_recovery(secret) if recovery else key_file.unlock(secret)
            )
            info = read_manifest(path, database_key)
            if info.format == FORMAT and not info.authentic:
                raise BackupFailedError("the manifest was not made with this backup's key")
            if info.store_id != key_file.store_id:
                raise BackupFailedError("the manifest names another store")
            sha256 = extract_database(archive, into / DATABASE_FILE_NAME)
    except OSError as error:
        if is_folder_problem(error) and (error.filename is not None or is_full_disk(error)):
            raise folder_problem(error, into) from error
        raise BackupFailedError(f"{type(error).__name__}: {error}") from error
    except (KeyError, ValueError, zipfile.BadZipFile) as error:
        raise BackupFailedError(f"{type(error).__name__}: {error}") from error
    if info.format == FORMAT and sha256 != info.database_sha256:
        raise BackupFailedError("the database does not match its manifest")
    return dataclasses.replace(
        info, key_fingerprint=keys.key_fingerprint(database_key)
    ), database_key


def _refuse_newer_schema(db_path: Path, database_key: bytes) -> None:
    """``BackupNewerError`` (naming both versions) if a newer app made the backup: said
    when the backup is checked, before anyone is asked to confirm a restore."""
    db = connect(db_path, database_key)
    try:
        applied = [migration.name for migration in migrations.applied(db)]
    finally:
        db.close()
    known = known_migration_names()
    if any(name not in known for name in applied):
        raise BackupNewerError(len(applied), len(known))


@contextlib.contextmanager
def _inspection_scratch(data_folder: Path | None) -> Iterator[Path]:
    if data_folder is not None:
        with scratch(data_folder, "inspect") as work:
            yield work
        return
    with tempfile.TemporaryDirectory(prefix="cc-inspect-") as work_name:
        yield Path(work_name)


def inspect_backup(
    path: Path, secret: str, recovery: bool = False, data_folder: Path | None = None
) -> BackupInfo:
    """Unlock a backup with the passphrase (or recovery code) of its day and count its records.

    The work is done in ``data_folder``'s private work folder, held meanwhile; without
    one (a first restore on a new laptop), in a private 0700 folder in the system's
    temporary folder. Raises ``WrongPassphraseError``/``WrongRecoveryCodeError`` or
    ``BackupFailedError``.
    """
    held = folder_lock.hold(data_folder, wait_seconds=0) if data_folder is not None else None
    try:
        with _inspection_scratch(data_folder) as work:
            info, database_key = unpack_backup(path, secret, work, recovery)
            try:
                _refuse_newer_schema(work / DATABASE_FILE_NAME, database_key)
                contents = _contents(work / DATABASE_FILE_NAME, database_key)
            except (DatabaseError, NotAStoreError, StoreDamagedError) as error:
                raise BackupFailedError(type(error).__name__) from error
    finally:
        if held is not None:
            held.release()
    if contents.problems:
        raise BackupFailedError("; ".join(contents.problems[:3]))
    _check_records(info.records, contents.records)
    return dataclasses.replace(info, people=contents.people, hearings=contents.hearings)


def rotate(
    folder: Path,
    database_key: bytes,
    now: dt.datetime | None = None,
    keep: Path | None = None,
) -> list[Path]:
    """Among automatic backups, keep the newest of each of the last 7 days that have one,
    and of each of the last 4 weeks before those; delete the other automatic ones.

    Only backups this store made (their manifest's seal verifies with ``database_key``)
    are ever deleted; any other file is left alone. The newest genuine backup and ``keep``
    (the one just written) are always kept, and a backup dated in the future (beyond a
    little clock difference) is neither counted nor deleted, so no date can empty the
    folder. Backups made on demand, before a restore or before a migration are never
    rotated away: staff delete those themselves. Returns what was deleted."""
    moment = now or dt.datetime.now(dt.UTC)
    genuine = [
        info
        for info in list_backups(folder, database_key)
        if info.authentic and info.reason == AUTOMATIC
    ]
    kept: set[Path] = {genuine[0].path} if genuine else set()
    if keep is not None:
        kept.add(keep)
    backups = [info for info in genuine if info.created_at <= moment + CLOCK_SLACK]
    days: dict[dt.date, Path] = {}
    for info in backups:  # newest first, so the first seen per day is the newest
        days.setdefault(info.created_at.date(), info.path)
    for day in sorted(days, reverse=True)[:KEEP_DAILY]:
        kept.add(days[day])

    def week_of(info: BackupInfo) -> tuple[int, int]:
        iso = info.created_at.isocalendar()
        return iso.year, iso.week

    covered = {week_of(info) for info in backups if info.path in kept}
    weeks: dict[tuple[int, int], Path] = {}
    for info in backups:
        if week_of(info) not in covered:
            weeks.setdefault(week_of(info), info.path)
    for week in sorted(weeks, reverse=True)[:KEEP_WEEKLY]:
        kept.add(weeks[week])
    removed = []
    for info in backups:
        if info.path not in kept:
            try:
                info.path.unlink(missing_ok=True)
            except OSError as error:
                log.warning("an old backup could not be deleted (%s)", type(error).__name__)
                continue
            removed.append(info.path)
    return removed


def automatic_backup_due(store: Store, now: dt.datetime | None = None) -> bool:
    """True when this store made no automatic backup today (UTC) in its backups folder.

    Only the store's own backups count, and none dated in the future: a planted or
    future-dated file cannot stop the daily backups."""
    moment = now or dt.datetime.now(dt.UTC)
    made = [
        info.created_at
        for info in list_backups(backup_folder(store), store.database_key)
        if info.authentic and info.reason == AUTOMATIC and info.created_at <= moment + CLOCK_SLACK
    ]
    return not made or max(made).date() < moment.date()


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
    "rotate",
]
