"""Files only their owner can read: folders 0700, files 0600.

Everything the app keeps on disk names an office, and most of it names people, so other
local accounts get no access at all, whatever the home folder allows. New files are made
private from the start (never created readable and narrowed later), and ``repair_store_modes``
narrows what an earlier version, a copy or an unzip left wider.

Windows has no such modes: there the per-user folders (``%LOCALAPPDATA%``) are already
closed to other non-administrator accounts (see README), and these calls change nothing.
"""

from __future__ import annotations

import logging
import os
import stat
import threading
from collections.abc import Iterable
from pathlib import Path

log = logging.getLogger(__name__)

PRIVATE_FOLDER_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
#: What ``companion`` sets as its umask, so that files made by libraries (SQLite, zip,
#: logging, Qt) are private too.
PRIVATE_UMASK = 0o077

_POSIX = os.name == "posix"
#: What ``write_private_file`` writes through before the rename: ``<name>.tmp``.
TEMPORARY_SUFFIX = ".tmp"

#: The temporaries ``write_private_file`` is writing in this process right now: a sweep
#: of half-written files (``companion.store.work_folder``) leaves them alone.
_writing: set[Path] = set()
_writing_guard = threading.Lock()


def being_written(path: Path) -> bool:
    """Whether this process is writing ``path`` as a ``write_private_file`` temporary."""
    with _writing_guard:
        return path in _writing


def use_private_umask() -> None:
    """Make every file and folder this process creates from now on private to the user."""
    if _POSIX:
        os.umask(PRIVATE_UMASK)


def make_private_folder(path: Path) -> Path:
    """Create ``path`` (and missing parents) and make ``path`` itself 0700."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER_MODE)
    narrow_mode(path, PRIVATE_FOLDER_MODE)
    return path


def create_private_file(path: Path) -> None:
    """Create ``path`` empty with mode 0600 if it does not exist (SQLite then keeps the mode,
    and gives the same mode to the database's ``-wal`` and ``-shm`` files)."""
    flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
    descriptor = os.open(path, flags, PRIVATE_FILE_MODE)
    os.close(descriptor)
    narrow_mode(path, PRIVATE_FILE_MODE)


def write_private_file(path: Path, data: bytes) -> None:
    """Replace ``path`` atomically with ``data``, mode 0600, file and folder fsynced: a crash
    leaves the old content or the new one, never half of each."""
    temporary = path.with_name(path.name + TEMPORARY_SUFFIX)
    with _writing_guard:
        _writing.add(temporary)
    try:
        temporary.unlink(missing_ok=True)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        descriptor = os.open(temporary, flags, PRIVATE_FILE_MODE)
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, path)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
    finally:
        with _writing_guard:
            _writing.discard(temporary)
    fsync_folder(path.parent)


def write_private_output(path: Path, data: bytes) -> None:
    """``write_private_file`` for a file a person named (an export, a handoff): a device,
    a pipe or a symbolic link there is refused (``NotAFileToWriteError``) before anything
    is written, as the rename would replace it rather than write to it."""
    from companion.regular_files import check_write_target

    check_write_target(path)
    write_private_file(path, data)


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows has no folder handles to sync)."""
    if not _POSIX:
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def narrow_mode(path: Path, mode: int) -> bool:
    """Set ``path`` (a real file or folder, never a symbolic link) to ``mode`` if it differs.

    Returns whether the mode is now right. A file we may not change (another owner, a
    read-only disk) is logged and left as it is: opening the store must not fail for it.
    """
    if not _POSIX:
        return True
    try:
        status = path.lstat()
        if stat.S_ISLNK(status.st_mode):
            return False
        if stat.S_IMODE(status.st_mode) != mode:
            os.chmod(path, mode)
    except FileNotFoundError:
        return True
    except (OSError, NotImplementedError) as error:
        log.info("could not make a file private: %s", type(error).__name__)
        return False
    return True


def repair_modes(folders: Iterable[Path], files: Iterable[Path]) -> None:
    """Folders to 0700 and files to 0600, where they exist."""
    for folder in folders:
        narrow_mode(folder, PRIVATE_FOLDER_MODE)
    for file in files:
        narrow_mode(file, PRIVATE_FILE_MODE)


def files_in(folder: Path, pattern: str) -> list[Path]:
    """The regular files in ``folder`` matching ``pattern``; none if the folder is missing."""
    try:
        return [path for path in folder.glob(pattern) if path.is_file()]
    except OSError:
        return []
