"""Fixtures shared by the command-line tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.helpers.cli_runs import run_cli


@pytest.fixture
def demo_dir(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Path:
    """The fictional demo office, its passphrase set for the commands (a test module may
    make its own demo office instead)."""
    folder = tmp_path / "demo"
    assert run_cli(capsys, "demo", "--data-dir", str(folder))[0] == 0
    monkeypatch.setenv("COMPANION_PASSPHRASE", "demo")
    return folder
