"""Running ``companion`` commands in the test's own process, as the command line does."""

from __future__ import annotations

import pytest

from companion.cli.main import main


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """The exit code, standard output and standard error of ``companion <argv>``."""
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err
