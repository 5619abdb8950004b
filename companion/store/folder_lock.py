"""Who has a data folder's store open: a lock file every process holds while it uses it.

``companion.lock`` in the data folder is locked by the operating system (``flock`` on
Linux and macOS, ``LockFileEx`` on Windows), never by its content, so a crashed process
lets go of it at once and nothing is ever stale.

* Every open store, and the desktop app for its whole session (also while its lock
  screen shows and the store itself is closed), holds it **shared**: any number of
  processes may read and write the store together, as SQLite allows.
* A restore holds it **exclusive** while it swaps the files, and refuses at once
  (``StoreInUseError``) if any other process holds it. A process that wants to open the
  store while a restore runs waits for it to finish (a few seconds), then is refused.

Within one process the lock is counted: the app's own restore replaces the store it has
open itself, so the stores and holds of this process never block its own restore.

This lock lives in the core, in plain Python, so the command line and the desktop app
take the very same lock (the app's single-instance ``QLockFile`` only decides which
window comes forward, and the core cannot read Qt's lock).
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from companion.errors import StoreInUseError
from companion.store.storage_errors import folder_problem

log = logging.getLogger(__name__)

LOCK_FILE_NAME = "companion.lock"
#: How long opening a store waits for a restore running in another process.
WAIT_FOR_RESTORE_SECONDS = 15.0
_POLL_SECONDS = 0.05


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import ctypes
    import msvcrt
    from ctypes import wintypes

    class _Overlapped(ctypes.Structure):
        _fields_ = [
            ("Internal", ctypes.c_void_p),
            ("InternalHigh", ctypes.c_void_p),
            ("Offset", wintypes.DWORD),
            ("OffsetHigh", wintypes.DWORD),
            ("hEvent", wintypes.HANDLE),
        ]

    _kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    _LOCKFILE_FAIL_IMMEDIATELY = 0x1
    _LOCKFILE_EXCLUSIVE_LOCK = 0x2

    def _try_lock(descriptor: int, exclusive: bool) -> bool:
        handle = msvcrt.get_osfhandle(descriptor)
        flags = _LOCKFILE_FAIL_IMMEDIATELY | (_LOCKFILE_EXCLUSIVE_LOCK if exclusive else 0)
        overlapped = _Overlapped()
        return bool(
            _kernel32.LockFileEx(wintypes.HANDLE(handle), flags, 0, 1, 0, ctypes.byref(overlapped))
        )

    def _unlock(descriptor: int) -> None:
        handle = msvcrt.get_osfhandle(descriptor)
        overlapped = _Overlapped()
        _kernel32.UnlockFileEx(wintypes.HANDLE(handle), 0, 1, 0, ctypes.byref(overlapped))

    def _change(descriptor: int, exclusive: bool) -> bool:
        # Windows cannot convert a lock in place: let go, then ask for the other kind.
        _unlock(descriptor)
        return _try_lock(descriptor, exclusive)

else:
    import fcntl

    def _try_lock(descriptor: int, exclusive: bool) -> bool:
        mode = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
        try:
            fcntl.flock(descriptor, mode | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        except OSError as error:
            if error.errno in (errno.EAGAIN, errno.EACCES):
                return False
            raise
        return True

    def _unlock(descriptor: int) -> None:
        fcntl.flock(descriptor, fcntl.LOCK_UN)

    def _change(descriptor: int, exclusive: bool) -> bool:
        # flock converts by letting go and asking again; on failure nothing is held.
        return _try_lock(descriptor, exclusive)


def _open_lock_file(folder: Path) -> int | None:
    """The lock file's descriptor (created 0600 if missing); None where none can exist
    (a read-only folder without one: nobody can change the store there either)."""
    path = folder / LOCK_FILE_NAME
    no_follow = getattr(os, "O_NOFOLLOW", 0)
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT | no_follow, 0o600)
    except OSError as error:
        if error.errno not in (errno.EROFS, errno.EACCES, errno.EPERM):
            raise folder_problem(error, folder) from error
    try:
        return os.open(path, os.O_RDONLY | no_follow)
    except OSError:
        return None


class _FolderLock:
    """This process's hold on one folder's lock file: shared holds are counted."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.descriptor: int | None = None
        self.shared = 0
        self.exclusive = False

    def _ensure_open(self) -> int | None:
        if self.descriptor is None:
            self.descriptor = _open_lock_file(self.folder)
        return self.descriptor

    def _close_if_unused(self) -> None:
        if self.shared == 0 and not self.exclusive and self.descriptor is not None:
            with contextlib.suppress(OSError):
                _unlock(self.descriptor)
            os.close(self.descriptor)
            self.descriptor = None

    def take_shared(self, wait_seconds: float) -> None:
        if self.shared or self.exclusive:
            self.shared += 1
            return
        descriptor = self._ensure_open()
        if descriptor is None:
            self.shared += 1
            return
        deadline = time.monotonic() + wait_seconds
        while not _try_lock(descriptor, exclusive=False):
            if time.monotonic() >= deadline:
                self._close_if_unused()
                raise StoreInUseError(str(self.folder))
            time.sleep(_POLL_SECONDS)
        self.shared += 1

    def release_shared(self) -> None:
        self.shared = max(0, self.shared - 1)
        self._close_if_unused()

    def take_exclusive(self) -> None:
        if self.exclusive:
            raise StoreInUseError(str(self.folder))
        descriptor = self._ensure_open()
        if descriptor is None:
            raise StoreInUseError(str(self.folder))
        if not _change(descriptor, exclusive=True):
            if self.shared and not _try_lock(descriptor, exclusive=False):
                log.warning("the shared store lock was lost while a restore was refused")
            self._close_if_unused()
            raise StoreInUseError(str(self.folder))
        self.exclusive = True

    def release_exclusive(self) -> None:
        self.exclusive = False
        descriptor = self.descriptor
        if descriptor is None:
            return
        if self.shared and not _change(descriptor, exclusive=False):
            log.warning("another process took the store lock as this one let go")
        self._close_if_unused()


_locks: dict[Path, _FolderLock] = {}
_guard = threading.RLock()


def _lock_for(folder: Path) -> _FolderLock:
    key = folder.expanduser().resolve()
    lock = _locks.get(key)
    if lock is None:
        lock = _locks[key] = _FolderLock(key)
    return lock


class Hold:
    """A shared hold on a folder; ``release()`` lets go (safe to call twice)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.released = False

    def release(self) -> None:
        if self.released:
            return
        self.released = True
        with _guard:
            _lock_for(self.folder).release_shared()


def hold(folder: Path, wait_seconds: float = WAIT_FOR_RESTORE_SECONDS) -> Hold:
    """Hold ``folder`` shared (it is created, 0700, if missing).

    Raises ``StoreInUseError`` if a restore in another process still holds it after
    ``wait_seconds``, and ``FolderProblemError`` if the folder cannot be made.
    """
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise folder_problem(error, folder) from error
    with _guard:
        _lock_for(folder).take_shared(wait_seconds)
    return Hold(folder)


@contextlib.contextmanager
def exclusive(folder: Path) -> Iterator[None]:
    """Hold ``folder`` alone for a moment; ``StoreInUseError`` at once if another process
    holds it. Holds of this very process do not count (see the module's text)."""
    with _guard:
        _lock_for(folder).take_exclusive()
    try:
        yield
    finally:
        with _guard:
            _lock_for(folder).release_exclusive()


def held_exclusively(folder: Path) -> bool:
    """Whether this process holds ``folder`` exclusively right now."""
    with _guard:
        return _lock_for(folder).exclusive


def try_exclusive(folder: Path) -> contextlib.AbstractContextManager[bool]:
    """Like ``exclusive``, but yields False instead of raising when others hold it."""

    @contextlib.contextmanager
    def attempt() -> Iterator[bool]:
        try:
            with _guard:
                _lock_for(folder).take_exclusive()
        except StoreInUseError:
            yield False
            return
        try:
            yield True
        finally:
            with _guard:
                _lock_for(folder).release_exclusive()

    return attempt()
