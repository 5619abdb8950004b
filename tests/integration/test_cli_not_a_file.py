"""A spreadsheet, handoff or backup "file" that is a pipe, a device, a folder or a socket is refused
at once: one line naming it, exit 2, no hang (each command runs in a child process with
a time limit, so a reader that blocks fails the test instead of stopping the suite)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from companion.cli.main import main

#: Far above what a refusal takes (unlocking the store included); a blocked read never ends.
TIME_LIMIT = 90


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("not-a-file") / "demo"
    assert main(["demo", "--data-dir", str(folder)]) == 0
    return folder


@pytest.fixture
def not_a_file(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Path, str]]:
    kind = request.param
    if kind == "pipe":
        path = tmp_path / "export.csv"
        os.mkfifo(path)
        yield path, "is a pipe or a socket"
    elif kind == "socket":
        path = tmp_path / "s.csv"
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(str(path))
        listener.listen(1)
        try:
            yield path, "is a pipe or a socket"
        finally:
            listener.close()
    elif kind == "device":
        path = Path("/dev/zero")
        if not path.exists():
            pytest.skip("no /dev/zero here")
        yield path, "is a device"
    else:
        path = tmp_path / "folder.xlsx"
        path.mkdir()
        yield path, "is a folder"


def _companion(*argv: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "COMPANION_PASSPHRASE": "demo", "COMPANION_HANDOFF_CODE": "X"}
    return subprocess.run(
        [sys.executable, "-m", "companion", *argv],
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT,
        env=environment,
        stdin=subprocess.DEVNULL,
    )


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes and devices are POSIX paths")
@pytest.mark.parametrize("not_a_file", ["pipe", "device", "folder", "socket"], indirect=True)
@pytest.mark.parametrize("command", [["import"], ["handoff", "import"], ["restore", "--yes"]])
def test_refused_in_one_line_without_hanging(
    demo_dir: Path, not_a_file: tuple[Path, str], command: list[str]
) -> None:
    path, problem = not_a_file
    done = _companion(*command, "--data-dir", str(demo_dir), str(path))
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert str(path) in lines[0]
    assert problem in lines[0]
    assert "Traceback" not in done.stderr
    assert done.stdout == ""


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes are POSIX paths")
def test_a_pipe_planted_among_the_backups_does_not_stop_the_next_backup(tmp_path: Path) -> None:
    """Rotation reads every backup's manifest: a pipe there would hang each backup after."""
    folder = tmp_path / "demo"
    assert main(["demo", "--data-dir", str(folder)]) == 0
    assert _companion("backup", "--data-dir", str(folder)).returncode == 0
    planted = folder / "backups" / "court-companion-20261201-000000-000000-automatic.ccbackup"
    os.mkfifo(planted)
    done = _companion("backup", "--data-dir", str(folder))
    assert done.returncode == 0, done.stderr
    assert len(list((folder / "backups").glob("*manual*.ccbackup"))) == 2
    assert planted.exists()  # not ours to remove: only skipped
