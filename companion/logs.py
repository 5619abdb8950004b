"""Application logs: rotating files in the platform's log folder.

Logs name record ids, actions and error types, never a person's name, address or
phone number. ``COMPANION_LOG_DIR`` moves them (tests, demos).
"""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

from companion.paths import default_log_dir

LOG_FILE_NAME = "court-companion.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def log_dir() -> Path:
    configured = os.environ.get("COMPANION_LOG_DIR")
    return Path(configured) if configured else default_log_dir()


def configure_logging(level: int = logging.INFO) -> Path:
    """Send the app's logs to a rotating file; returns the file's path. Safe to call twice."""
    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_FILE_NAME
    root = logging.getLogger()
    for handler in root.handlers:
        if (
            isinstance(handler, logging.handlers.RotatingFileHandler)
            and Path(handler.baseFilename) == path.resolve()
        ):
            return path
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(handler)
    root.setLevel(level)
    return path
