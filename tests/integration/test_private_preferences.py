"""The preferences file (it holds the staff member's name) is 0600 in a 0700 folder."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from companion.ui import preferences
from tests.integration.ui_shell_support import isolated_interface  # noqa: F401


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_the_preferences_file_is_narrowed_and_stays_private_when_saved() -> None:
    preferences.remember_staff_name("Sample Advocate")
    path = Path(preferences.app_settings().fileName())
    path.chmod(0o644)
    path.parent.chmod(0o755)
    preferences.keep_private()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    preferences.remember_language("es")  # Qt saves through a new file and a rename
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
