"""Ending a command-line process at once (``companion.cli.process_exit``): nothing it
wrote is lost, its exit handlers run, and its exit code is kept."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from companion.cli import process_exit

#: The child's output is buffered, as it is for anyone who has not asked otherwise.
_BUFFERED = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}

CHILD = """
import atexit, logging, sys
from companion.cli.process_exit import leave
log = logging.getLogger("child")
log.addHandler(logging.FileHandler(sys.argv[1]))
log.setLevel(logging.INFO)
atexit.register(lambda: print("exit handler ran", file=sys.stderr))
sys.stdout.write("x" * 200_000)
sys.stdout.write("end of output")
log.info("last log line")
leave(3)
print("never printed")
"""


def test_leaving_at_once_keeps_the_output_the_logs_the_handlers_and_the_code(
    tmp_path: Path,
) -> None:
    log_file = tmp_path / "child.log"
    finished = subprocess.run(
        [sys.executable, "-c", CHILD, str(log_file)],
        capture_output=True,
        text=True,
        env=_BUFFERED,
    )
    assert finished.returncode == 3
    assert finished.stdout == "x" * 200_000 + "end of output"
    assert finished.stderr == "exit handler ran\n"
    assert log_file.read_text(encoding="utf-8") == "last log line\n"


def test_output_to_a_reader_that_has_gone_ends_with_pythons_own_code() -> None:
    child = (
        "import sys\nfrom companion.cli.process_exit import leave\n"
        "sys.stdout.write('y' * 100)\n"  # held in the buffer until the flush at exit
        "sys.stdin.readline()\n"  # the reader has gone by then
        "leave(0)\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", child],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=_BUFFERED,
    )
    assert process.stdout is not None and process.stdin is not None
    process.stdout.close()
    process.stdin.write(b"go\n")
    process.stdin.close()
    assert process.wait(timeout=60) == process_exit.OUTPUT_LOST


def test_the_app_with_qt_loaded_ends_the_usual_way(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "PySide6.QtCore", sys.modules[__name__])
    with pytest.raises(SystemExit) as ended:
        process_exit.end(4)
    assert ended.value.code == 4
