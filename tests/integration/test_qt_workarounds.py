"""The app survives the Qt binding's lost references to None (see companion.ui.qt_workarounds)."""

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = """
import companion.ui  # applies the work-around
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
for _ in range(60000):
    label.setText("x")
    label.parent()
print("survived")
"""


def test_many_qt_calls_returning_none_do_not_crash_python() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert "survived" in result.stdout
