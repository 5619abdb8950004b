"""The encrypted store: creating it, unlocking it, and reaching its repositories.

A data folder holds ``companion.db`` (SQLCipher, AES-256), ``keys.json`` (the
database key sealed under the passphrase and under the recovery code) and
``backups/``. Nothing in it can be read without one of the two secrets.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from pathlib import Path

from companion.errors import (
    FolderProblemError,
    NoStoreError,
    StoreDamagedError,
    StoreExistsError,
    StoreNewerError,
    StoreWriteError,
)
from companion.private_files import (
    create_private_file,
    files_in,
    make_private_folder,
    repair_modes,
)
from companion.store import folder_lock, kdf, keys
from companion.store.agenda import AgendaRepository
from companion.store.attendance_report import AttendanceReportRepository
from companion.store.audit import AuditAction, AuditTrail
from companion.store.cases import CaseRepository
from companion.store.connection import (
    DatabaseError,
    connect,
    copy_database,
    damaged_pages,
    integrity_problems,
)
from companion.store.courthouses import CourthouseRepository
from companion.store.database import Database
from companion.store.drafts import DraftsRepository
from companion.store.files import BACKUPS_FOLDER_NAME, DATABASE_FILE_NAME
from companion.store.hearings import HearingRepository
from companion.store.identity import identity_problems
from companion.store.migrations import known_migration_names, migrations
from companion.store.organisation import OrganisationRepository
from companion.store.outreach import OutreachRepository
from companion.store.passphrase_policy import check_new_passphrase
from companion.store.people import PeopleRepository
from companion.store.preflight import check_database_file, store_exists
from companion.store.rekey import JOURNAL_FILE_NAME, rekey_database, unlock_store_key
from companion.store.retention import RetentionRepository
from companion.store.settings import SettingsRepository
from companion.store.storage_errors import folder_problem, is_folder_problem, reason_of_disk_error
from companion.store.trash import TrashRepository
from companion.store.unshown_code import (
    PENDING_CODE_FILE_NAME,
    drop_pending_code,
    take_pending_code,
)
from companion.store.work_folder import tidy

log = logging.getLogger(__name__)

__all__ = ["BACKUPS_FOLDER_NAME", "Store"]


def repair_store_modes(folder: Path) -> None:
    """The data folder and ``backups/`` 0700; the database, its ``-wal`` and ``-shm``, the key
    files and the backups 0600. A database left 0444 (a copy from a read-only medium) would
    otherwise give SQLite a 0444 ``-shm`` that every later start fails to open."""
    database = folder / DATABASE_FILE_NAME
    backups = folder / BACKUPS_FOLDER_NAME
    repair_modes(
        [folder, backups],
        [
            database,
            database.with_name(DATABASE_FILE_NAME + "-wal"),
            database.with_name(DATABASE_FILE_NAME + "-shm"),
            folder / keys.KEY_FILE_NAME,
            folder / JOURNAL_FILE_NAME,
            folder / PENDING_CODE_FILE_NAME,
            folder / folder_lock.LOCK_FILE_NAME,
            *files_in(backups, "*.ccbackup"),
            *files_in(backups, "*.db"),
        ],
    )


class Store:
    """An unlocked store. Close it to drop the connection and the key from memory."""

    def __init__(
        self,
        folder: Path,
        db: Database,
        database_key: bytes,
        key_file: keys.KeyFile,
        hold: folder_lock.Hold | None = None,
    ):
        self.folder = folder
        #: This process's shared hold on the data folder (see ``folder_lock``).
        self._folder_hold = hold
        self.db = db
        self._key = database_key
        self._key_file = key_file
        self.closed = False
        #: A recovery code a re-key made that was never shown (the process was killed
        #: first): show it, then call ``recovery_code_shown``. Set at unlock.
        self.unshown_recovery_code: str | None = None
        self.audit = AuditTrail(db)
        self.people = PeopleRepository(db, self.audit)
        self.cases = CaseRepository(db, self.audit)
        self.courthouses = CourthouseRepository(db, self.audit)
        self.hearings = HearingRepository(db, self.audit)
        self.agenda = AgendaRepository(db, self.audit)
        self.trash = TrashRepository(db, self.audit)
        self.settings = SettingsRepository(db, self.audit)
        self.retention = RetentionRepository(db, self.audit)
        self.organisation = OrganisationRepository(db, self.audit)
        self.drafts = DraftsRepository(db, self.audit)
        self.outreach = OutreachRepository(db, self.audit)
        self.reports = AttendanceReportRepository(db, self.audit)

    # --- lifecycle ------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        folder: Path,
        passphrase: str,
        recovery_code: str | None = None,
        enforce_policy: bool = True,
    ) -> tuple[Store, str]:
        """Make a new, empty store. Returns it and the recovery code to show once."""
        if store_exists(folder):
            raise StoreExistsError(str(folder))
        if enforce_policy:
            check_new_passphrase(passphrase)
        make_private_folder(folder)
        held = folder_lock.hold(folder)
        try:
            code = recovery_code or keys.new_recovery_code()
            database_key = keys.new_database_key()
            key_file = keys.KeyFile.create(database_key, passphrase, code)
            create_private_file(folder / DATABASE_FILE_NAME)
            db = connect(folder / DATABASE_FILE_NAME, database_key)
            migrations.apply(db)
            key_file.save(folder)
        except BaseException:
            held.release()
            raise
        log.info("created store %s", key_file.store_id)
        return cls(folder, db, database_key, key_file, held), code

    @classmethod
    def open(cls, folder: Path, passphrase: str) -> Store:
        """Unlock with the passphrase. A passphrase copy sealed with an older, weaker key
        derivation (scrypt) is sealed again with today's (Argon2id) on the way."""
        held = cls._hold_folder(folder)
        try:
            key_file = cls._key_file_of(folder)
            key_file, database_key = unlock_store_key(
                folder, key_file, lambda candidate: candidate.unlock(passphrase)
            )
            store = cls._open(folder, key_file, database_key, held)
        except BaseException:
            held.release()
            raise
        if key_file.passphrase_seal_is_outdated:
            store._upgrade_passphrase_seal(passphrase)
        return store

    @classmethod
    def open_with_key(cls, folder: Path, database_key: bytes) -> Store:
        """Open with the database key itself, already known to the caller: a restore that
        unlocked the backup and kept the store's own key file."""
        held = cls._hold_folder(folder)
        try:
            store = cls._open(folder, cls._key_file_of(folder), database_key, held)
        except BaseException:
            held.release()
            raise
        return store

    def _upgrade_passphrase_seal(self, passphrase: str) -> None:
        upgraded = self._key_file.with_new_passphrase(self._key, passphrase)
        upgraded = dataclasses.replace(upgraded, demo=self._key_file.demo)
        try:
            upgraded.save(self.folder)
        except OSError as error:  # a read-only copy still opens; the next unlock tries again
            log.warning("could not upgrade the key file: %s", type(error).__name__)
            return
        self._key_file = upgraded
        log.info("store %s: passphrase copy sealed again with Argon2id", self.store_id)

    @classmethod
    def open_with_recovery(cls, folder: Path, recovery_code: str, new_passphrase: str) -> Store:
        """Unlock with the recovery code; a new passphrase is required and set at once."""
        check_new_passphrase(new_passphrase)
        held = cls._hold_folder(folder)
        try:
            key_file = cls._key_file_of(folder)
            key_file, database_key = unlock_store_key(
                folder, key_file, lambda candidate: candidate.unlock_with_recovery(recovery_code)
            )
            store = cls._open(folder, key_file, database_key, held)
        except BaseException:
            held.release()
            raise
        store._key_file = key_file.with_new_passphrase(database_key, new_passphrase)
        if key_file.by_recovery.cost.is_weaker_than(kdf.RECOVERY_CODE_COST):
            store._key_file = store._key_file.with_new_recovery_code(database_key, recovery_code)
        store._key_file.save(folder)
        store.audit.record(AuditAction.USED_RECOVERY_CODE)
        log.info("store %s unlocked with its recovery code; passphrase replaced", key_file.store_id)
        return store

    @staticmethod
    def _hold_folder(folder: Path) -> folder_lock.Hold:
        """Hold the folder shared; then, if no other process has it, finish a restore that
        was interrupted (roll it back) and sweep what killed backups left behind."""
        if not folder.is_dir() or not store_exists(folder):
            raise NoStoreError(str(folder))
        held = folder_lock.hold(folder)
        try:
            tidy(folder)
        except OSError as error:
            held.release()
            if is_folder_problem(error):
                raise folder_problem(error, folder) from error
            raise StoreDamagedError(f"{type(error).__name__}: {error}") from error
        except BaseException:
            held.release()
            raise
        return held

    @staticmethod
    def _key_file_of(folder: Path) -> keys.KeyFile:
        if not folder.is_dir() or not store_exists(folder):
            raise NoStoreError(str(folder))
        if not (folder / keys.KEY_FILE_NAME).exists():
            raise keys.missing_key_file(folder / keys.KEY_FILE_NAME)
        return keys.KeyFile.load(folder)

    @classmethod
    def _open(
        cls, folder: Path, key_file: keys.KeyFile, database_key: bytes, held: folder_lock.Hold
    ) -> Store:
        path = folder / DATABASE_FILE_NAME
        check_database_file(path)
        repair_store_modes(folder)
        db = connect(path, database_key)
        try:
            cls._migrate(folder, db, database_key)
            problems = damaged_pages(db)
            if problems:
                raise StoreDamagedError(problems[0])
        except DatabaseError as error:
            db.close()
            disk_reason = reason_of_disk_error(str(error))
            if disk_reason is not None:  # a full disk or a read-only folder, not damage
                raise FolderProblemError(str(folder), disk_reason) from error
            raise StoreDamagedError(f"{type(error).__name__}: {error}") from error
        except BaseException:
            db.close()
            raise
        store = cls(folder, db, database_key, key_file, held)
        store.unshown_recovery_code = take_pending_code(folder, database_key, key_file.store_id)
        return store

    @staticmethod
    def _migrate(folder: Path, db: Database, database_key: bytes) -> None:
        applied = [migration.name for migration in migrations.applied(db)]
        if not applied:  # the key file is written only after the first migrations ran
            raise StoreDamagedError("no schema")
        unknown = [name for name in applied if name not in known_migration_names()]
        if unknown:
            raise StoreNewerError(len(applied), len(known_migration_names()))
        if not migrations.pending(db):
            return
        if applied:
            backups = make_private_folder(folder / BACKUPS_FOLDER_NAME)
            stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
            copy_database(db, backups / f"before-migration-{stamp}.db", database_key)
            log.info("copied store before migrating from step %d", len(applied))
        migrations.apply(db)

    def change_passphrase(self, current: str, new: str, rekey: bool = False) -> str | None:
        """Seal the database key under a new passphrase; the database is not rewritten.

        With ``rekey``, for when someone may have seen the passphrase or the recovery code:
        the database is re-encrypted under a new key with a new recovery code, which is
        returned: show it once, then call ``recovery_code_shown`` (until then the code is
        kept sealed, and offered again at the next unlock). Afterwards no earlier key file
        opens the store; backups made before still open with their own key file and the
        passphrase of their day.
        """
        self._key_file.unlock(current)
        check_new_passphrase(new)
        if not rekey:
            self._key_file = self._key_file.with_new_passphrase(self._key, new)
            self._key_file.save(self.folder)
            self.audit.record(AuditAction.CHANGED_PASSPHRASE)
            log.info("passphrase changed for store %s", self._key_file.store_id)
            return None
        code = keys.new_recovery_code()
        # Re-encrypting pulls the key from under any other process with the store open:
        # refused (StoreInUseError) while another window or command holds the folder.
        with folder_lock.exclusive(self.folder):
            try:
                self._key, self._key_file = rekey_database(
                    self.folder, self.db.execute, self._key, self._key_file, new, code
                )
            except DatabaseError as error:
                raise StoreWriteError(f"{type(error).__name__}: {error}") from error
        self.audit.record(AuditAction.REKEYED)
        return code

    def recovery_code_shown(self) -> None:
        """The caller has shown the new recovery code (printed and flushed, or confirmed
        written down): it need not be kept any longer."""
        drop_pending_code(self.folder)
        self.unshown_recovery_code = None

    def mark_as_demo(self) -> None:
        """Note in the key file that this is the demo office, unlocked with "demo"."""
        self._key_file = dataclasses.replace(self._key_file, demo=True)
        self._key_file.save(self.folder)

    def verify_passphrase(self, passphrase: str) -> None:
        self._key_file.unlock(passphrase)

    def close(self) -> None:
        """Checkpoint the write-ahead log, close, and forget the key. Safe to call twice."""
        if self.closed:
            return
        self.closed = True
        try:
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            self.db.close()
            self._key = b""
            if self._folder_hold is not None:
                self._folder_hold.release()

    # --- checks and copies ------------------------------------------------------------

    @property
    def store_id(self) -> str:
        return self._key_file.store_id

    def check(self) -> list[str]:
        """Problems found by SQLite's integrity and foreign-key checks, and records without
        a stable id; empty means healthy."""
        return integrity_problems(self.db) or identity_problems(self.db)

    @property
    def database_key(self) -> bytes:
        """The raw database key, for verifying copies. Empty once the store is closed."""
        return self._key

    @property
    def key_fingerprint(self) -> str:
        """The fingerprint of the database key (``keys.key_fingerprint``)."""
        return keys.key_fingerprint(self._key)

    def copy_to(self, target: Path) -> None:
        """A consistent encrypted copy of the live database (same key)."""
        copy_database(self.db, target, self._key)

    def schema_steps(self) -> int:
        return len(migrations.applied(self.db))
