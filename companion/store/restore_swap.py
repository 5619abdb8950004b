"""Putting a restored store in place so that no crash can leave half of each.

The store is two files that must match (``companion.db`` and ``keys.json``, plus the
database's ``-wal``), so one rename cannot swap it. A small journal makes the swap
all-or-nothing instead:

1. ``restore-journal.json`` is written (to a temporary name, fsynced, renamed, and the
   folder fsynced). It names the folder the current files are moved to and which of
   them existed.
2. The current files are renamed into that folder; the ``-shm`` index is removed (SQLite
   rebuilds it). Both folders are fsynced.
3. The new files (fsynced by the caller) are renamed into the data folder, which is
   fsynced.
4. The journal is removed and the folder fsynced: this is the moment the restore counts.

Whoever next opens the store and finds a journal (the restore was killed, or the power
went) puts the current files back (``roll_back``): the store opens as it was before the
restore. After step 4 it opens as the restored one. Only a process that holds the data
folder alone (``folder_lock``) swaps or rolls back.

``step_hook`` is called after every rename and fsync with the step's name, so tests can
kill the process at each one.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from pathlib import Path

from companion.errors import StoreDamagedError
from companion.store.files import DATABASE_FILE_NAME
from companion.store.keys import KEY_FILE_NAME

log = logging.getLogger(__name__)

JOURNAL_NAME = "restore-journal.json"
WAL_NAME = DATABASE_FILE_NAME + "-wal"
SHM_NAME = DATABASE_FILE_NAME + "-shm"
#: The files a store is made of, in the order they are moved away.
STORE_FILES = (DATABASE_FILE_NAME, WAL_NAME, KEY_FILE_NAME)
#: What a backup brings.
NEW_FILES = (DATABASE_FILE_NAME, KEY_FILE_NAME)

#: Tests set this to a function that receives each step's name (and may kill the process).
step_hook: Callable[[str], None] | None = None


def _step(name: str) -> None:
    if step_hook is not None:
        step_hook(name)


def fsync_file(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def fsync_folder(folder: Path) -> None:
    """Make the folder's entries (renames, new and removed files) durable."""
    if os.name != "posix":
        return  # Windows has no folder handles to flush; NTFS journals its metadata
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def journal_exists(data_folder: Path) -> bool:
    return (data_folder / JOURNAL_NAME).exists()


def _write_journal(data_folder: Path, old_files: Path, present: list[str]) -> None:
    content = {
        "format": 1,
        "old_files": old_files.relative_to(data_folder).as_posix(),
        "present": present,
    }
    temporary = data_folder / (JOURNAL_NAME + ".tmp")
    with open(temporary, "w", encoding="utf-8") as handle:
        json.dump(content, handle)
        handle.flush()
        os.fsync(handle.fileno())
    _step("journal-written")
    os.replace(temporary, data_folder / JOURNAL_NAME)
    _step("journal-renamed")
    fsync_folder(data_folder)
    _step("journal-fsynced")


def swap_in(data_folder: Path, new_files: Path, old_files: Path) -> None:
    """Replace the store in ``data_folder`` by ``new_files`` (the current files go to
    ``old_files``, a folder inside ``data_folder`` on the same disk).

    If a step fails with an error, the swap is rolled back before the error is raised.
    """
    old_files.mkdir(mode=0o700, parents=True, exist_ok=True)
    fsync_folder(old_files.parent)
    present = [name for name in STORE_FILES if (data_folder / name).exists()]
    _write_journal(data_folder, old_files, present)
    try:
        for name in present:
            os.replace(data_folder / name, old_files / name)
            _step(f"moved-old-{name}")
        (data_folder / SHM_NAME).unlink(missing_ok=True)
        _step("removed-shm")
        fsync_folder(old_files)
        fsync_folder(data_folder)
        _step("old-fsynced")
        for name in NEW_FILES:
            os.replace(new_files / name, data_folder / name)
            _step(f"moved-new-{name}")
        fsync_folder(data_folder)
        _step("new-fsynced")
    except OSError:
        roll_back(data_folder)
        raise
    (data_folder / JOURNAL_NAME).unlink()
    _step("journal-removed")
    fsync_folder(data_folder)
    _step("committed")


def _read_journal(data_folder: Path) -> tuple[Path, list[str]]:
    path = data_folder / JOURNAL_NAME
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
        relative = str(content["old_files"])
        present = [str(name) for name in content["present"]]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise StoreDamagedError("unreadable restore journal") from error
    old_files = (data_folder / relative).resolve()
    if data_folder.resolve() not in old_files.parents or not set(present) <= set(STORE_FILES):
        raise StoreDamagedError("unreadable restore journal")
    return old_files, present


def roll_back(data_folder: Path) -> bool:
    """Finish an interrupted restore by putting the previous store back; False if there
    was nothing to do. The caller holds the folder alone."""
    (data_folder / (JOURNAL_NAME + ".tmp")).unlink(missing_ok=True)
    if not journal_exists(data_folder):
        return False
    old_files, present = _read_journal(data_folder)
    for name in STORE_FILES:
        if name in present:
            if (old_files / name).exists():
                os.replace(old_files / name, data_folder / name)
        else:
            (data_folder / name).unlink(missing_ok=True)  # it came from the backup
    (data_folder / SHM_NAME).unlink(missing_ok=True)
    fsync_folder(data_folder)
    (data_folder / JOURNAL_NAME).unlink()
    fsync_folder(data_folder)
    log.warning("an interrupted restore was rolled back; the previous store is in place")
    return True
