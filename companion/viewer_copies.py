"""Copies of a packet handed to the system's PDF viewer: the only witness data that ever
leaves the encrypted store without staff choosing a place for it.

They live in ``viewer-<data folder key>`` in this user's private runtime folder
(``companion.user_runtime``: a RAM-backed tmpfs on Linux), the folder 0700 and each file
0600, written as ``.part`` and renamed when whole. They are deleted when the app locks or
quits and on SIGTERM and SIGINT; whatever a crash or a SIGKILL left behind (``.part``
files too) is swept at the next start, before the unlock screen. Copies that older
versions left in the shared temporary folder are swept the same way.
"""

from __future__ import annotations

import logging
import os
import shutil
import stat
import tempfile
from pathlib import Path

from companion.private_files import PRIVATE_FILE_MODE, make_private_folder
from companion.user_runtime import folder_key, private_runtime_folder

log = logging.getLogger(__name__)

PART_SUFFIX = ".part"
#: Where versions before this one put viewer copies (the system's temporary folder).
LEGACY_PREFIX = "court-companion-view-"


def viewer_folder(data_dir: Path) -> Path:
    """The private folder of viewer copies for the store in ``data_dir`` (0700, created)."""
    return make_private_folder(private_runtime_folder() / f"viewer-{folder_key(data_dir)}")


def write_viewer_copy(data_dir: Path, stem: str, data: bytes) -> Path:
    """Write ``data`` as a new 0600 PDF named after ``stem`` plus a unique part."""
    folder = viewer_folder(data_dir)
    handle, part_name = tempfile.mkstemp(prefix=f"{stem}-", suffix=".pdf" + PART_SUFFIX, dir=folder)
    part = Path(part_name)
    try:
        with os.fdopen(handle, "wb") as stream:  # mkstemp: 0600, this user only
            stream.write(data)
        os.chmod(part, PRIVATE_FILE_MODE)
        final = part.with_name(part.name.removesuffix(PART_SUFFIX))
        os.replace(part, final)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return final


def remove_viewer_copies(data_dir: Path) -> int:
    """Delete every viewer copy (and interrupted ``.part`` file) of ``data_dir``'s store;
    returns how many files went. Never raises: it runs on the way out, and at start."""
    removed = 0
    try:
        folder = private_runtime_folder() / f"viewer-{folder_key(data_dir)}"
        if folder.is_dir():
            for path in folder.iterdir():
                try:
                    if path.is_dir() and not path.is_symlink():
                        shutil.rmtree(path)
                    else:
                        path.unlink()
                    removed += 1
                except OSError as error:
                    log.warning("could not delete a viewer copy: %s", type(error).__name__)
    except OSError as error:
        log.warning("could not reach the viewer copies: %s", type(error).__name__)
    if removed:
        log.info("deleted %d viewer copies", removed)
    return removed


def sweep_legacy_viewer_folders() -> int:
    """Delete this user's ``court-companion-view-*`` folders in the shared temporary folder,
    where older versions put viewer copies. Returns how many folders went."""
    removed = 0
    try:
        candidates = list(Path(tempfile.gettempdir()).glob(LEGACY_PREFIX + "*"))
    except OSError:
        return 0
    for path in candidates:
        try:
            status = path.lstat()
            if not stat.S_ISDIR(status.st_mode):
                continue
            if os.name == "posix" and status.st_uid != os.getuid():
                continue  # another user's: not ours to touch
            shutil.rmtree(path)
            removed += 1
        except OSError as error:
            log.warning("could not delete an old viewer folder: %s", type(error).__name__)
    return removed


def sweep_at_start(data_dir: Path) -> int:
    """What a crash may have left: this store's viewer copies and the old shared folders."""
    return remove_viewer_copies(data_dir) + sweep_legacy_viewer_folders()
