"""Restoring a backup so that no restore can lose or brick a store.

In order:

1. The data folder is held (``folder_lock``), and what an earlier, interrupted restore
   left is rolled back. The current store's secret is proven (step 4).
2. The backup is unpacked into the data folder's private work folder: size limits, its
   keys unlocked by the passphrase, its manifest's seal and checksum verified.
3. The candidate is opened by this app's own ``Store.open`` on a private copy: the keys
   unlock it, its schema is not newer than this app's (else ``BackupNewerError`` naming
   both), its migrations complete, and the integrity and foreign-key checks pass.
4. When a store is there, its own passphrase or recovery code must open it, and a backup
   of another office's store, or of this store under another key (made before a re-key:
   its passphrase and recovery code would come back), is refused unless agreed to
   (``restore_consent``).
5. The folder is taken exclusively: refused at once (``StoreInUseError``) while another
   process has the store open, so no writer's work can be lost.
6. The current store is saved as a verified ``before-restore`` backup. When it cannot be
   opened with this passphrase (another passphrase, damaged, newer), its files are kept
   as they are in ``backups/before-restore-<time>-files/`` instead: nothing is deleted.
7. The files are swapped all-or-nothing (``restore_swap``), and the restored store is
   opened.

Any failure before step 7 leaves the store as it was, open if it was.
"""

from __future__ import annotations

import datetime as dt
import hmac
import logging
import os
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

from companion.errors import (
    BackupNewerError,
    CompanionError,
    FolderProblemError,
    KeyFileError,
    NotAStoreError,
    RestoredButNotOpenedError,
    StoreDamagedError,
    StoreError,
    StoreNewerError,
    WrongPassphraseError,
    WrongRecoveryCodeError,
)
from companion.store import folder_lock, keys
from companion.store.audit import AuditAction
from companion.store.backup_manifest import read_manifest
from companion.store.backups import (
    FREE_SPACE_MARGIN,
    BackupFailedError,
    BackupInfo,
    make_backup,
    unpack_backup,
)
from companion.store.connection import DatabaseError
from companion.store.files import BACKUPS_FOLDER_NAME, DATABASE_FILE_NAME
from companion.store.preflight import store_exists
from companion.store.restore_consent import check_consent, prove_current_store
from companion.store.restore_swap import NEW_FILES, fsync_folder, swap_in
from companion.store.storage_errors import folder_problem, is_folder_problem, not_a_folder
from companion.store.store import Store
from companion.store.work_folder import scratch, tidy

log = logging.getLogger(__name__)

BEFORE_RESTORE = "before-restore"


@dataclass(frozen=True)
class RestoreResult:
    store: Store
    backup: BackupInfo
    #: The verified backup of the store that was replaced (None if there was none).
    before_restore_backup: Path | None
    #: Where the replaced store's files were kept when no backup of it could be made.
    previous_files: Path | None


def _check_free_space(folder: Path, backup: Path) -> None:
    """Unpacking, checking and the before-restore backup need about three databases."""
    try:
        with zipfile.ZipFile(backup) as archive:
            size = archive.getinfo(DATABASE_FILE_NAME).file_size
    except (OSError, KeyError, zipfile.BadZipFile):
        return  # unpacking says what is wrong with the file
    current = folder / DATABASE_FILE_NAME
    needed = 2 * size + (2 * current.stat().st_size if current.exists() else 0)
    if shutil.disk_usage(folder).free < needed + FREE_SPACE_MARGIN:
        raise FolderProblemError(str(folder), "disk_full")


def _check_candidate(new: Path, check: Path, passphrase: str) -> None:
    """Open a private copy of the unpacked backup as this app would, migrations and all."""
    check.mkdir(mode=0o700)
    for name in NEW_FILES:
        shutil.copyfile(new / name, check / name)
        os.chmod(check / name, 0o600)
    try:
        candidate = Store.open(check, passphrase)
    except StoreNewerError as error:
        raise BackupNewerError(error.store_version, error.app_version) from error
    except (StoreDamagedError, NotAStoreError) as error:
        raise BackupFailedError(f"{type(error).__name__}: {error}") from error
    try:
        problems = candidate.check()
    finally:
        candidate.close()
    if problems:
        raise BackupFailedError("; ".join(problems[:3]))


def _save_current(
    folder: Path, current: Store | None, passphrase: str
) -> tuple[Path | None, Path | None]:
    """Back up the store being replaced. Returns (the backup, or where its files must be
    kept instead); both None when there is no store."""
    if current is None or current.closed:
        if not store_exists(folder):
            return None, None
        try:
            current = Store.open(folder, passphrase)
        except (StoreError, DatabaseError) as error:
            log.warning(
                "the store being replaced does not open (%s); its files are kept",
                type(error).__name__,
            )
            return None, _kept_files_folder(folder)
    try:
        safety = make_backup(current, reason=BEFORE_RESTORE)
    except BackupFailedError:
        log.warning("the store being replaced fails its checks; its files are kept")
        current.close()
        return None, _kept_files_folder(folder)
    current.close()
    return safety.path, None


def _kept_files_folder(folder: Path) -> Path:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S-%f")
    return folder / BACKUPS_FOLDER_NAME / f"{BEFORE_RESTORE}-{stamp}-files"


def _keep_todays_key_file(folder: Path, new: Path, secret: str, database_key: bytes) -> bool:
    """When the backup is sealed with the same database key as the store it replaces (it
    was made before a plain passphrase change, or since), the store's own key file goes in
    instead of the backup's: today's passphrase and recovery code keep working, and ones
    changed because someone saw them do not come back. Only a key file that ``secret``
    opens to that very key is kept. Returns whether it was."""
    today = folder / keys.KEY_FILE_NAME
    if not today.is_file():
        return False
    try:
        key_file = keys.KeyFile.load(folder)
    except KeyFileError:
        return False
    for unlock in (key_file.unlock, key_file.unlock_with_recovery):
        try:
            opened = unlock(secret)
        except (WrongPassphraseError, WrongRecoveryCodeError):
            continue
        if not hmac.compare_digest(opened, database_key):
            return False
        shutil.copyfile(today, new / keys.KEY_FILE_NAME)
        os.chmod(new / keys.KEY_FILE_NAME, 0o600)
        fsync_folder(new)
        return True
    return False


class RestoreRefusedError(BackupFailedError):
    """The backup did not pass the checks made before a restore; the store was left as it
    was. ``detail`` says which check."""

    code = "restore_failed"


def restore(
    folder: Path,
    backup: Path,
    passphrase: str,
    current: Store | None = None,
    allow_other_office: bool = False,
    current_secret: str | None = None,
    allow_other_keys: bool = False,
) -> RestoreResult:
    """Replace the store in ``folder`` with ``backup`` (see the module's text).

    ``passphrase`` must open the backup. When a store is there, ``current_secret`` (its
    passphrase or recovery code; the backup's passphrase if not given) must open it:
    else ``CurrentSecretError``. A backup of another office needs ``allow_other_office``
    and one sealed with other keys (made before a re-key) ``allow_other_keys``; see
    ``restore_consent``. ``current`` is the store open now in this process, if any; it is
    closed once it has been backed up.
    """
    in_the_way = not_a_folder(folder)
    if in_the_way is not None:
        raise in_the_way
    read_manifest(backup)  # a missing file, a pipe or a device: said before anything waits
    secret = passphrase if current_secret is None else current_secret
    data_hold = folder_lock.hold(folder, wait_seconds=0)
    try:
        try:
            tidy(folder)
            proven = prove_current_store(folder, secret)
            _check_free_space(folder, backup)
            with scratch(folder, "restore") as work:
                new = work / "new"
                new.mkdir(mode=0o700)
                try:
                    info, database_key = unpack_backup(backup, passphrase, new)
                    fsync_folder(new)
                    _check_candidate(new, work / "check", passphrase)
                    check_consent(proven, info, allow_other_office, allow_other_keys)
                    kept_keys = _keep_todays_key_file(folder, new, secret, database_key)
                except RestoreRefusedError:
                    raise
                except BackupFailedError as error:
                    raise RestoreRefusedError(error.detail) from error
                with folder_lock.exclusive(folder):
                    safety, kept = _save_current(folder, current, secret)
                    swap_in(folder, new, kept or work / "old")
        except OSError as error:
            if is_folder_problem(error):
                raise folder_problem(error, folder) from error
            raise RestoreRefusedError(f"{type(error).__name__}: {error}") from error
        try:
            if kept_keys:
                restored = Store.open_with_key(folder, database_key)
            else:
                restored = Store.open(folder, passphrase)
        except (CompanionError, DatabaseError) as error:
            raise RestoredButNotOpenedError(getattr(error, "code", type(error).__name__)) from error
    finally:
        data_hold.release()
    restored.audit.record(AuditAction.RESTORED_BACKUP, detail=info.created_at.isoformat())
    log.info("restored a backup from %s", info.created_at.date().isoformat())
    return RestoreResult(restored, info, safety, kept)


def restore_backup(
    folder: Path,
    backup: Path,
    passphrase: str,
    current: Store | None = None,
    allow_other_office: bool = False,
    current_secret: str | None = None,
    allow_other_keys: bool = False,
) -> Store:
    """``restore``, returning only the restored store, open."""
    return restore(
        folder,
        backup,
        passphrase,
        current,
        allow_other_office,
        current_secret=current_secret,
        allow_other_keys=allow_other_keys,
    ).store
