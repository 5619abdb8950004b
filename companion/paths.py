"""Where things live: bundled resources, and the user's data and log folders.

One `resource_path()` serves the source tree, an installed wheel and the frozen
PyInstaller app alike.
"""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs

APP_NAME = "CourtCompanion"
APP_AUTHOR = "CourtCompanion"

_PACKAGE_DIR = Path(__file__).resolve().parent


def _bundle_root() -> Path:
    """The folder that holds `resources/` and `translations/`."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root is not None:
        return Path(frozen_root)
    installed = _PACKAGE_DIR / "_bundled"
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent


def resource_path(*parts: str) -> Path:
    """Path of a bundled resource, e.g. ``resource_path("fonts", "NotoSans-Regular.ttf")``."""
    return _bundle_root().joinpath("resources", *parts)


def translations_path(*parts: str) -> Path:
    """Path inside the bundled message catalogs folder."""
    return _bundle_root().joinpath("translations", *parts)


def default_data_dir() -> Path:
    """The user's real data folder for this platform."""
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def default_log_dir() -> Path:
    """The platform's log folder for this app."""
    return Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))
