"""An output path (``-o``) that is a device, a pipe or a symbolic link is refused before
anything is written: the rename that saves a file would replace the device or the link
itself (as root, ``-o /dev/null`` once replaced the system's /dev/null). One line naming
the path, exit 2, and the thing at the path is left exactly as it was."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.integration.helpers.cli_runs import run_cli


def _pipe(folder: Path) -> Path:
    path = folder / "out.pdf"
    os.mkfifo(path)
    return path


def _link(folder: Path) -> Path:
    target = folder / "target.pdf"
    target.write_bytes(b"kept")
    path = folder / "out.pdf"
    path.symlink_to(target)
    return path


def _device(folder: Path) -> Path:
    if os.geteuid() != 0:
        pytest.skip("making a character device (os.mknod) needs root")
    path = folder / "out.pdf"
    os.mknod(path, 0o600 | stat.S_IFCHR, os.makedev(1, 3))  # a private null device
    return path


MAKERS: dict[str, tuple[Callable[[Path], Path], str]] = {
    "pipe": (_pipe, "is a pipe or a socket, not a file. Nothing was written."),
    "link": (_link, "is a link, not a file: name the file itself. Nothing was written."),
    "device": (_device, "is a device, not a file. Nothing was written."),
}

COMMANDS: dict[str, list[str]] = {
    "packet": ["packet", "--hearing", "1", "--person", "1"],
    "ics": ["ics", "--hearing", "1"],
    "letter": ["letter", "--person", "1", "--hearing", "1"],
    "court-day": ["court-day", "--on", "2027-03-04"],
    "export": ["export", "--what", "people", "--format", "csv"],
    "export-ics": ["export-ics", "--from", "2020-01-01", "--to", "2040-01-01"],
    "handoff": ["handoff", "export", "--people", "1"],
}


def _what_is_there(path: Path) -> tuple[int, int, int]:
    status = os.lstat(path)
    return status.st_mode, status.st_ino, status.st_rdev


@pytest.mark.parametrize("kind", sorted(MAKERS))
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_output_that_is_not_a_file_is_refused_and_left_alone(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, command: str
) -> None:
    make, wording = MAKERS[kind]
    scratch = tmp_path / "out"
    scratch.mkdir()
    path = make(scratch)
    before = _what_is_there(path)
    words = COMMANDS[command]
    head = words[:2] if command == "handoff" else words[:1]
    argv = [*head, "--data-dir", str(demo_dir), *words[len(head) :], "-o", str(path)]
    code, out, err = run_cli(capsys, *argv)
    assert (code, out) == (2, ""), err
    assert err == f"companion: {path} {wording}\n"
    assert _what_is_there(path) == before
    assert sorted(p.name for p in scratch.iterdir()) == sorted(
        ["out.pdf", "target.pdf"] if kind == "link" else ["out.pdf"]
    )
    if kind == "link":
        assert (scratch / "target.pdf").read_bytes() == b"kept"


def test_a_regular_file_is_still_replaced(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "packet.pdf"
    path.write_bytes(b"old")
    code, _, err = run_cli(
        capsys, "packet", "--data-dir", str(demo_dir), "--hearing", "1", "--person", "1",
        "-o", str(path),
    )  # fmt: skip
    assert code == 0, err
    assert path.read_bytes().startswith(b"%PDF")
