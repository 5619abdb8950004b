"""Application logs: a file in the platform's log folder, rotated when the app starts.

Logs name record ids, actions and error types, never a person's name, address or
phone number; the log folder is 0700 and its files 0600 all the same.
``COMPANION_LOG_DIR`` moves them (tests, demos).

The file is rotated at start, once it has passed ``MAX_BYTES``: the app logs a few lines
per action, so one session stays small, and a plain file handler spares every start
the import of ``logging.handlers`` (sockets, pickle, queues) that only rotation in
mid-session would need.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from companion.paths import default_log_dir
from companion.private_files import PRIVATE_FILE_MODE, make_private_folder, narrow_mode

LOG_FILE_NAME = "court-companion.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def log_dir() -> Path:
    configured = os.environ.get("COMPANION_LOG_DIR")
    return Path(configured) if configured else default_log_dir()


def numbered(path: Path, number: int) -> Path:
    """``court-companion.log.1`` and so on: the older logs, 1 the most recent."""
    return path.with_name(f"{path.name}.{number}")


def rotate_if_large(path: Path) -> bool:
    """Move ``path`` to ``path.1`` (``.1`` to ``.2``, …, dropping the oldest beyond
    ``BACKUP_COUNT``) if it holds ``MAX_BYTES`` or more. Returns whether it did.

    A log still open elsewhere (the app running on another data folder, on Windows) is
    left to grow until a later start: logging never stops the app from starting.
    """
    try:
        if path.stat().st_size < MAX_BYTES:
            return False
        for number in range(BACKUP_COUNT - 1, 0, -1):
            older = numbered(path, number)
            if older.exists():
                os.replace(older, numbered(path, number + 1))
        os.replace(path, numbered(path, 1))
    except OSError:
        return False
    return True


def _is_our_handler(handler: logging.Handler, path: Path) -> bool:
    return isinstance(handler, logging.FileHandler) and Path(handler.baseFilename) == path.resolve()


def configure_logging(level: int = logging.INFO) -> Path:
    """Send the app's logs to the log file; returns the file's path. Safe to call twice."""
    folder = make_private_folder(log_dir())
    path = folder / LOG_FILE_NAME
    root = logging.getLogger()
    if any(_is_our_handler(handler, path) for handler in root.handlers):
        return path
    rotate_if_large(path)
    handler = logging.FileHandler(path, encoding="utf-8")
    for number in range(BACKUP_COUNT + 1):  # this file and the older ones: 0600
        narrow_mode(numbered(path, number) if number else path, PRIVATE_FILE_MODE)
    handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(handler)
    root.setLevel(level)
    return path
