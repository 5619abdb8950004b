"""A private folder inside the data folder for the work of backups and restores.

Backups, restores and backup checks unpack and copy the (encrypted) database. They do it
in ``work-in-progress/`` inside the data folder (0700), never in the system's temporary
folder: the copies stay on the same disk as the store, under the same protection, and a
process killed half way leaves nothing anywhere else. What a killed process left there is
swept when the store is next opened by a process that has it to itself.

The same goes for a ``.partial`` backup file left in the data folder's own ``backups/``:
a process holding the data folder alone removes it at once. In a backups folder
elsewhere (a USB drive other laptops use too), one is removed only once an hour old.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from companion.errors import StoreInUseError
from companion.private_files import TEMPORARY_SUFFIX, being_written
from companion.store import folder_lock
from companion.store.files import BACKUPS_FOLDER_NAME
from companion.store.keys import KEY_FILE_NAME
from companion.store.rekey import JOURNAL_FILE_NAME
from companion.store.restore_swap import journal_exists, roll_back
from companion.store.storage_errors import folder_problem
from companion.store.unshown_code import PENDING_CODE_FILE_NAME

log = logging.getLogger(__name__)

WORK_FOLDER_NAME = "work-in-progress"
#: Folders older releases left in the data, backups and temporary folders when killed.
LEGACY_PREFIXES = ("cc-backup-", "cc-restore-", "cc-verify-", "cc-inspect-")
#: Leftovers in shared places (the system's temporary folder, a backups folder on a USB
#: drive that other laptops use) are swept only once this old: they may be another's.
SHARED_PLACE_GRACE_SECONDS = 3600.0
PARTIAL_SUFFIX = ".partial"

#: Scratch folders and partial backup files in use by this process (a backup in a
#: background thread): never swept.
_active: set[Path] = set()
_active_guard = threading.Lock()


@contextlib.contextmanager
def in_progress(path: Path) -> Iterator[Path]:
    """Mark ``path`` (a file being written) as this process's own while the block runs."""
    resolved = path.resolve()
    with _active_guard:
        _active.add(resolved)
    try:
        yield path
    finally:
        with _active_guard:
            _active.discard(resolved)


def work_folder(data_folder: Path) -> Path:
    """``work-in-progress/`` in the data folder, created (or repaired) 0700."""
    folder = data_folder / WORK_FOLDER_NAME
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if os.name == "posix":
            os.chmod(folder, 0o700)
    except OSError as error:
        raise folder_problem(error, data_folder) from error
    return folder


@contextlib.contextmanager
def scratch(data_folder: Path, purpose: str) -> Iterator[Path]:
    """A fresh 0700 folder for one piece of work, removed afterwards whatever happens."""
    try:
        path = Path(tempfile.mkdtemp(prefix=f"{purpose}-", dir=work_folder(data_folder)))
    except OSError as error:
        raise folder_problem(error, data_folder) from error
    with _active_guard:
        _active.add(path.resolve())
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)
        with _active_guard:
            _active.discard(path.resolve())


def _remove(path: Path) -> bool:
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
    except OSError:
        return False
    return True


def _old_enough(path: Path, now: float) -> bool:
    try:
        return now - path.lstat().st_mtime >= SHARED_PLACE_GRACE_SECONDS
    except OSError:
        return False


def _ours(path: Path) -> bool:
    if not hasattr(os, "getuid"):
        return True
    try:
        return path.lstat().st_uid == os.getuid()
    except OSError:
        return False


def _leftover_backups(folder: Path) -> list[Path]:
    if not folder.is_dir() or folder.is_symlink():
        return []
    return [*folder.glob("cc-backup-*"), *folder.glob(f"*{PARTIAL_SUFFIX}")]


def sweep(data_folder: Path, backups_folders: tuple[Path, ...] = ()) -> int:
    """Remove what killed backups and restores left behind; returns how many were removed.

    Call it only while this process holds the data folder alone (``folder_lock``): the
    work folder and the data folder's own ``backups/`` are then nobody's but this
    process's, and what it is writing itself is skipped. In ``backups_folders`` elsewhere
    only leftovers older than an hour go.
    """
    removed = 0
    now = time.time()
    with _active_guard:
        busy = set(_active)
    work = data_folder / WORK_FOLDER_NAME
    if work.is_dir() and not work.is_symlink():
        if os.name == "posix":
            os.chmod(work, 0o700)
        removed += sum(
            _remove(child) for child in list(work.iterdir()) if child.resolve() not in busy
        )
    for prefix in LEGACY_PREFIXES:
        removed += sum(_remove(child) for child in data_folder.glob(f"{prefix}*"))
    own_backups = data_folder / BACKUPS_FOLDER_NAME
    removed += sum(
        _remove(child) for child in _leftover_backups(own_backups) if child.resolve() not in busy
    )
    for folder in backups_folders:
        if folder.resolve() == own_backups.resolve():
            continue
        removed += sum(
            _remove(child) for child in _leftover_backups(folder) if _old_enough(child, now)
        )
    system_temporary = Path(tempfile.gettempdir())
    for prefix in ("cc-verify-", "cc-inspect-"):
        for child in system_temporary.glob(f"{prefix}*"):
            if _ours(child) and _old_enough(child, now):
                removed += _remove(child)
    if removed:
        log.info("swept %d folders left by interrupted backups or restores", removed)
    return removed


#: What a passphrase change or a re-key killed mid-write leaves of the key files it
#: writes through ``write_private_file``: never read, and nobody's once the folder is held
#: alone.
KEY_FILE_PARTS = tuple(
    name + TEMPORARY_SUFFIX for name in (KEY_FILE_NAME, JOURNAL_FILE_NAME, PENDING_CODE_FILE_NAME)
)


def sweep_key_file_parts(data_folder: Path) -> int:
    """Remove half-written key, re-key journal and pending-code files (call it only while
    this process holds the data folder alone; what this process is writing itself is
    skipped); returns how many were removed."""
    removed = 0
    for name in KEY_FILE_PARTS:
        path = data_folder / name
        if (path.is_symlink() or path.is_file()) and not being_written(path):
            removed += _remove(path)
    if removed:
        log.info("swept %d half-written key files", removed)
    return removed


def tidy(data_folder: Path) -> None:
    """Before a store is used: if no other process has the folder, roll back a restore
    that was interrupted and sweep what killed backups and restores left behind.

    Raises ``StoreInUseError`` when a restore's journal is there but another process has
    the folder (it may be that restore, still running)."""
    with folder_lock.try_exclusive(data_folder) as alone:
        if alone:
            roll_back(data_folder)
            sweep(data_folder)
            sweep_key_file_parts(data_folder)
        elif journal_exists(data_folder) and not folder_lock.held_exclusively(data_folder):
            raise StoreInUseError(str(data_folder))
