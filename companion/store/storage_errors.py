"""Telling the disk's problems from the data's: a full disk or a read-only folder is named
as such, never reported as a damaged store (whose advice, "restore a backup", would
throw recent work away)."""

from __future__ import annotations

import errno
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


def folder_problem(error: OSError, path: Path) -> FolderProblemError:
    """The typed error for an ``OSError`` met while writing in ``path``."""
    if isinstance(error, FileExistsError) and path.exists() and path.is_dir():
        return FolderProblemError(str(path), "no_permission")
    reason = _REASONS.get(error.errno or 0, "no_permission")
    return FolderProblemError(str(error.filename or path), reason)


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
