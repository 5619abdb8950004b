"""A command whose work is done but whose result cannot be shown (a full disk, a reader
that has gone, standard output closed) says so truthfully: never "Nothing was changed"
after the change was made, never a traceback."""

from __future__ import annotations

import errno
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from companion.store.store import Store
from tests.conftest import TEST_PASSPHRASE
from tests.integration.helpers.cli_runs import run_cli

NEW_PASSPHRASE = "violet harbour compass 7"
RECOVERY_CODE = re.compile(r"[A-Z2-9]{5}(-[A-Z2-9]{5}){5}")
ROOT = Path(__file__).resolve().parents[2]
TIME_LIMIT = 120


class _LostOutput(io.TextIOBase):
    """A standard output that takes nothing: every write and flush fails with ``error``."""

    def __init__(self, error: OSError) -> None:
        self.error = error

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        raise self.error

    def flush(self) -> None:
        raise self.error


FULL = OSError(errno.ENOSPC, "No space left on device")
GONE = BrokenPipeError(errno.EPIPE, "Broken pipe")


@pytest.fixture
def office(data_dir: Path) -> Path:
    Store.create(data_dir, TEST_PASSPHRASE)[0].close()
    return data_dir


@pytest.mark.parametrize("error", [FULL, GONE], ids=["full", "gone"])
def test_a_rekey_whose_code_cannot_be_printed_says_so_and_gives_it_at_the_next_unlock(
    office: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    error: OSError,
) -> None:
    monkeypatch.setenv("COMPANION_PASSPHRASE", TEST_PASSPHRASE)
    monkeypatch.setenv("COMPANION_NEW_PASSPHRASE", NEW_PASSPHRASE)
    captured_stdout = sys.stdout
    monkeypatch.setattr(sys, "stdout", _LostOutput(error))
    code, _, err = run_cli(capsys, "passphrase", "--data-dir", str(office), "--rekey")
    assert code == 2
    assert err == (
        "companion: The passphrase was changed and the store re-encrypted, but the new "
        f"recovery code could not be shown: {error.strerror}. It is shown at the next "
        "unlock.\n"
    )
    assert "Nothing was changed" not in err and not RECOVERY_CODE.search(err)
    monkeypatch.setattr(sys, "stdout", captured_stdout)
    monkeypatch.setenv("COMPANION_PASSPHRASE", NEW_PASSPHRASE)
    code, _, err = run_cli(capsys, "agenda", "--data-dir", str(office))
    assert code == 0, err
    found = RECOVERY_CODE.search(err)
    assert found is not None and err.startswith("New recovery code: "), err
    Store.open_with_recovery(office, found.group(0), "fresh winter passphrase 3").close()


def test_a_passphrase_change_whose_result_cannot_be_printed_is_still_said_done(
    office: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COMPANION_PASSPHRASE", TEST_PASSPHRASE)
    monkeypatch.setenv("COMPANION_NEW_PASSPHRASE", NEW_PASSPHRASE)
    monkeypatch.setattr(sys, "stdout", _LostOutput(FULL))
    code, _, err = run_cli(capsys, "passphrase", "--data-dir", str(office))
    assert (code, err) == (
        2,
        "companion: The command was done, but its result could not be shown: "
        "No space left on device.\n",
    )
    Store.open(office, NEW_PASSPHRASE).close()


@pytest.mark.parametrize("error", [FULL, GONE], ids=["full", "gone"])
def test_a_saved_packet_whose_result_cannot_be_printed_is_said_saved(
    demo_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    error: OSError,
) -> None:
    output = tmp_path / "packet.pdf"
    monkeypatch.setattr(sys, "stdout", _LostOutput(error))
    code, _, err = run_cli(
        capsys, "packet", "--data-dir", str(demo_dir), "--hearing", "1", "--person", "1",
        "-o", str(output),
    )  # fmt: skip
    assert (code, err) == (
        2,
        f"companion: The command was done, but its result could not be shown: {error.strerror}.\n",
    )
    assert output.read_bytes().startswith(b"%PDF")


def _close_stdout() -> None:
    os.close(1)


def _without_stdout(*argv: str, passphrase: str = "demo") -> subprocess.CompletedProcess[str]:
    """``companion <argv>`` in a child process started with standard output closed
    (as ``exec 1>&-`` does), so that its ``sys.stdout`` is None."""
    environment = {
        **os.environ,
        "COMPANION_PASSPHRASE": passphrase,
        "COMPANION_NEW_PASSPHRASE": NEW_PASSPHRASE,
    }
    return subprocess.run(
        [sys.executable, "-c", "import sys; assert sys.stdout is None; "
         "from companion.__main__ import run; run()", *argv],
        stdin=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=environment,
        cwd=ROOT,
        preexec_fn=_close_stdout,  # no threads run in the child before it starts Python
        timeout=TIME_LIMIT,
        check=False,
    )  # fmt: skip


@pytest.mark.skipif(os.name != "posix", reason="closing a child's standard output is POSIX")
def test_with_stdout_closed_a_command_ends_with_its_own_exit_code(demo_dir: Path) -> None:
    done = _without_stdout("check", "--data-dir", str(demo_dir))
    assert (done.returncode, done.stderr) == (0, "")
    done = _without_stdout("agenda", "--data-dir", str(demo_dir))
    assert (done.returncode, done.stderr) == (0, "")


@pytest.mark.skipif(os.name != "posix", reason="closing a child's standard output is POSIX")
def test_with_stdout_closed_a_rekey_keeps_the_code_for_the_next_unlock(office: Path) -> None:
    done = _without_stdout("passphrase", "--data-dir", str(office), passphrase=TEST_PASSPHRASE)
    assert (done.returncode, done.stderr) == (0, "")
    done = _without_stdout(
        "passphrase", "--data-dir", str(office), "--rekey", passphrase=NEW_PASSPHRASE
    )
    assert done.returncode == 2
    assert "recovery code could not be shown: standard output is closed" in done.stderr
    assert "Traceback" not in done.stderr and not RECOVERY_CODE.search(done.stderr)
    store = Store.open(office, NEW_PASSPHRASE)
    try:
        assert store.unshown_recovery_code is not None
    finally:
        store.close()


def test_an_undone_import_whose_result_cannot_be_printed_is_said_done(
    demo_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "export.csv"
    path.write_text(
        "Victim ID,Victim First Name,Victim Last Name,Cell,Case Number,Court Date,Time,"
        "Courthouse\n"
        "Q-1,Ana,Lostoutput,202-555-0101,CR-LOST-1,2027-03-04,9:30 AM,"
        "Lakeside Justice Center (fictional)\n",
        encoding="utf-8",
    )
    code, _, err = run_cli(capsys, "import", "--data-dir", str(demo_dir), str(path))
    assert code == 0, err
    code, out, _ = run_cli(capsys, "search", "--data-dir", str(demo_dir), "Lostoutput", "--json")
    assert len(json.loads(out)) == 1
    captured_stdout = sys.stdout
    monkeypatch.setattr(sys, "stdout", _LostOutput(FULL))
    code, _, err = run_cli(capsys, "import-undo", "--data-dir", str(demo_dir), "--yes")
    assert (code, err) == (
        2,
        "companion: The command was done, but its result could not be shown: "
        "No space left on device.\n",
    )
    monkeypatch.setattr(sys, "stdout", captured_stdout)
    code, out, err = run_cli(capsys, "search", "--data-dir", str(demo_dir), "Lostoutput", "--json")
    assert (code, json.loads(out)) == (0, []), err
