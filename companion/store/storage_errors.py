"""Telling the disk's problems from the data's: a full disk or a read-only folder is named
as such, never reported as a damaged store (whose advice, "restore a backup", would
throw recent work away)."""

from __future__ import annotations

import errno
import stat
from pathlib import Path

from companion.errors import FolderProblemError

_REASONS: dict[int, str] = {
    errno.ENOSPC: "disk_full",
    errno.EROFS: "read_only",
    errno.EACCES: "no_permission",
    errno.EPERM: "no_permission",
    errno.ENOTDIR: "not_a_folder",
    errno.EEXIST: "not_a_folder",
}
if hasattr(errno, "EDQUOT"):
    _REASONS[errno.EDQUOT] = "disk_full"

#: What SQLite says (in its error text) when the disk, not the data, is at fault.
_SQLITE_PHRASES: tuple[tuple[str, str], ...] = (
    ("disk is full", "disk_full"),
    ("readonly database", "read_only"),
    ("read-only", "read_only"),
    ("unable to open database file", "no_permission"),
)


def file_in_the_way(path: Path) -> Path | None:
    """The file that stands where ``path`` or one of the folders above it should be (for
    ``afile/sub``, ``afile``); None when there is none."""
    for candidate in (path, *path.parents):
        try:
            mode = candidate.stat().st_mode
        except OSError:  # missing, or below a file: look one level up
            continue
        return None if stat.S_ISDIR(mode) else candidate
    return None


def not_a_folder(path: Path) -> FolderProblemError | None:
    """``not_a_folder``, naming the file in the way, if a file stands in ``path``'s way."""
    blocker = file_in_the_way(path)
    return FolderProblemError(str(blocker), "not_a_folder") if blocker is not None else None


def folder_problem(error: OSError, path: Path) -> FolderProblemError:
    """The typed error for an ``OSError`` met while writing in ``path``."""
    if isinstance(error, FileExistsError) and path.exists() and path.is_dir():
        return FolderProblemError(str(path), "no_permission")
    reason = _REASONS.get(error.errno or 0, "no_permission")
    where = Path(error.filename) if error.filename else path
    if reason == "not_a_folder":
        return not_a_folder(where) or FolderProblemError(str(where), reason)
    return FolderProblemError(str(where), reason)


def reason_of_disk_error(message: str) -> str | None:
    """``disk_full``/``read_only``/``no_permission`` if SQLite's ``message`` blames the
    disk or the folder; None if it may be the data."""
    lowered = message.lower()
    for phrase, reason in _SQLITE_PHRASES:
        if phrase in lowered:
            return reason
    return None


def is_folder_problem(error: OSError) -> bool:
    """Whether an ``OSError`` is about the disk or the folder (not a missing file)."""
    return (error.errno or 0) in _REASONS


def is_full_disk(error: OSError) -> bool:
    """Whether an ``OSError`` says the disk (or the user's quota) is full. That is always
    about where something is being written, even when the error names no file (a failed
    write or flush names none)."""
    return _REASONS.get(error.errno or 0) == "disk_full"
