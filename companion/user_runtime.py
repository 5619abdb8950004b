"""A folder only this user can reach, for files that live as long as the app runs: the
single-instance lock and socket, and the copies handed to the system's PDF viewer.

Where there is one it is under ``$XDG_RUNTIME_DIR`` (Linux: a per-user, RAM-backed tmpfs,
emptied at logout); otherwise under the user's own cache folder. A candidate is used only
if it is a real folder (not a symbolic link) owned by this user, with no access for anyone
else; one that fails the check (planted by another account, say) is passed over, never
used or removed. The shared temporary folder (``/tmp``) is never used.
"""

from __future__ import annotations

import hashlib
import logging
import os
import stat
import tempfile
from pathlib import Path

import platformdirs

from companion.paths import APP_AUTHOR, APP_NAME
from companion.private_files import PRIVATE_FOLDER_MODE

log = logging.getLogger(__name__)

RUNTIME_FOLDER_NAME = "court-companion"


def _is_ours_and_private(path: Path, narrow: bool = True) -> bool:
    """A real folder owned by this user that no one else may enter (its mode narrowed if
    ``narrow``: only for folders the app made itself)."""
    try:
        status = path.lstat()
    except OSError:
        return False
    if not stat.S_ISDIR(status.st_mode):
        return False
    if os.name != "posix":
        return True  # per-user folders on Windows are closed to other users already
    if status.st_uid != os.getuid():
        return False
    if stat.S_IMODE(status.st_mode) & 0o077:
        if not narrow:
            return False
        try:
            os.chmod(path, PRIVATE_FOLDER_MODE)
        except OSError:
            return False
    return True


def _private_child(parent: Path, name: str) -> Path | None:
    """``parent/name``, created 0700 if missing; None unless it is ours and private."""
    if not parent.is_absolute() or not parent.is_dir():
        return None
    folder = parent / name
    try:
        folder.mkdir(mode=PRIVATE_FOLDER_MODE, exist_ok=True)
    except OSError:
        return None
    return folder if _is_ours_and_private(folder) else None


def _candidates() -> list[Path]:
    found = []
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and _is_ours_and_private(Path(runtime), narrow=False):
        found.append(Path(runtime))
    cache = Path(platformdirs.user_cache_dir(APP_NAME, APP_AUTHOR))
    try:
        cache.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER_MODE)
        found.append(cache)
    except OSError:
        pass
    return found


_chosen: Path | None = None


def private_runtime_folder() -> Path:
    """This user's private runtime folder for Court Companion (created when needed)."""
    global _chosen
    if _chosen is not None and _is_ours_and_private(_chosen):
        return _chosen
    for parent in _candidates():
        folder = _private_child(parent, RUNTIME_FOLDER_NAME)
        if folder is not None:
            _chosen = folder
            return folder
        log.warning("passed over a runtime folder that is not this user's alone")
    # Nothing fit: a new private folder (0700, unpredictable name) for this run only.
    _chosen = Path(tempfile.mkdtemp(prefix="court-companion-"))
    log.warning("no private runtime folder; using one for this run only")
    return _chosen


def forget_chosen_folder() -> None:
    """Look for the folder again next time (tests change ``XDG_RUNTIME_DIR``)."""
    global _chosen
    _chosen = None


def folder_key(data_dir: Path) -> str:
    """A short name for a data folder that does not reveal it (the same for every spelling)."""
    try:
        resolved = str(data_dir.expanduser().resolve())
    except (OSError, RuntimeError):
        resolved = str(data_dir.expanduser().absolute())
    return hashlib.sha256(resolved.encode("utf-8", "surrogatepass")).hexdigest()[:24]
