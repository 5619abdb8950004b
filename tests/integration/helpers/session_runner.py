"""Runs the scripted session (``network_session``) in a fresh Python process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
MODULE = "tests.integration.helpers.network_session"


def run_session(work: Path, log_dir: Path | None = None, timeout: float = 240) -> dict[str, Any]:
    """Run the session with its data under ``work``; returns its report (see the module)."""
    work.mkdir(parents=True, exist_ok=True)
    report = work / "report.json"
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    environment.pop("COMPANION_LOG_DIR", None)
    if log_dir is not None:
        environment["COMPANION_LOG_DIR"] = str(log_dir)
    finished = subprocess.run(
        [sys.executable, "-m", MODULE, str(work / "data"), str(report)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr[-4000:]
    result: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
    assert result["error"] == "", result["error"]
    return result
