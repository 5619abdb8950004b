"""``companion passphrase [--rekey]``: current passphrase from COMPANION_PASSPHRASE or the
terminal, the new one from COMPANION_NEW_PASSPHRASE or the terminal (typed twice)."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from companion.errors import NotAStoreError, WrongPassphraseError
from companion.store.store import Store
from companion.store.unshown_code import PENDING_CODE_FILE_NAME
from tests.conftest import TEST_PASSPHRASE
from tests.integration.helpers.cli_runs import run_cli as _run

NEW_PASSPHRASE = "violet harbour compass 7"
ROOT = Path(__file__).resolve().parents[2]
RECOVERY_CODE = re.compile(r"[A-Z2-9]{5}(-[A-Z2-9]{5}){5}")


@pytest.fixture
def office(data_dir: Path) -> Path:
    Store.create(data_dir, TEST_PASSPHRASE)[0].close()
    return data_dir


def test_changing_the_passphrase_from_the_environment(
    office: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COMPANION_PASSPHRASE", TEST_PASSPHRASE)
    monkeypatch.setenv("COMPANION_NEW_PASSPHRASE", NEW_PASSPHRASE)
    code, out, err = _run(capsys, "passphrase", "--data-dir", str(office))
    assert code == 0, err
    assert "backups made before" in out.lower() and not RECOVERY_CODE.search(out)
    Store.open(office, NEW_PASSPHRASE).close()
    with pytest.raises(WrongPassphraseError):
        Store.open(office, TEST_PASSPHRASE)


def test_rekey_prints_the_new_recovery_code_once_on_stdout(
    office: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    old_keys = tmp_path / "old-keys.json"
    shutil.copy(office / "keys.json", old_keys)
    monkeypatch.setenv("COMPANION_PASSPHRASE", TEST_PASSPHRASE)
    monkeypatch.setenv("COMPANION_NEW_PASSPHRASE", NEW_PASSPHRASE)
    code, out, err = _run(capsys, "passphrase", "--data-dir", str(office), "--rekey")
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) == 1 and RECOVERY_CODE.fullmatch(lines[0]), out
    assert "backups made before" in err.lower() and lines[0] not in err
    Store.open_with_recovery(office, lines[0], "fresh winter passphrase 3").close()
    shutil.copy(old_keys, office / "keys.json")
    with pytest.raises(NotAStoreError):
        Store.open(office, TEST_PASSPHRASE)


def test_on_a_terminal_the_new_passphrase_is_typed_twice(
    office: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COMPANION_PASSPHRASE", raising=False)
    monkeypatch.delenv("COMPANION_NEW_PASSPHRASE", raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    answers = iter([TEST_PASSPHRASE, NEW_PASSPHRASE, NEW_PASSPHRASE + "!"])
    asked: list[str] = []

    def typed(prompt: str) -> str:
        asked.append(prompt)
        return next(answers)

    monkeypatch.setattr("getpass.getpass", typed)
    code, out, err = _run(capsys, "passphrase", "--data-dir", str(office))
    assert asked == ["Current passphrase: ", "New passphrase: ", "New passphrase again: "]
    assert code == 2 and out == "" and err.count("\n") == 1 and "differ" in err
    Store.open(office, TEST_PASSPHRASE).close()  # nothing was changed


@pytest.mark.parametrize(
    ("current", "new", "says"),
    [
        ("not the passphrase", NEW_PASSPHRASE, "not right"),
        (TEST_PASSPHRASE, "Summer2024!", "commonly used password"),
        (TEST_PASSPHRASE, "legalaid2024", "legal aid"),
    ],
)
def test_a_refused_change_is_one_line_and_changes_nothing(
    office: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    current: str,
    new: str,
    says: str,
) -> None:
    before = (office / "keys.json").read_bytes()
    monkeypatch.setenv("COMPANION_PASSPHRASE", current)
    monkeypatch.setenv("COMPANION_NEW_PASSPHRASE", new)
    code, out, err = _run(capsys, "passphrase", "--data-dir", str(office), "--rekey")
    assert code == 2 and out == "" and err.count("\n") == 1 and says in err, err
    assert (office / "keys.json").read_bytes() == before


def test_rekey_leaves_no_code_waiting_once_it_was_printed(
    office: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COMPANION_PASSPHRASE", TEST_PASSPHRASE)
    monkeypatch.setenv("COMPANION_NEW_PASSPHRASE", NEW_PASSPHRASE)
    code, out, err = _run(capsys, "passphrase", "--data-dir", str(office), "--rekey")
    assert code == 0 and RECOVERY_CODE.fullmatch(out.strip()), err
    assert not (office / PENDING_CODE_FILE_NAME).exists()
    monkeypatch.setenv("COMPANION_PASSPHRASE", NEW_PASSPHRASE)
    code, _out, err = _run(capsys, "check", "--data-dir", str(office))
    assert code == 0 and not RECOVERY_CODE.search(err), err


@pytest.mark.parametrize("kill_after", ["key-file", "journal"])
def test_a_rekey_killed_before_printing_has_the_next_command_give_the_code(
    office: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    kill_after: str,
) -> None:
    """The child dies after the new key file is in place and before the code is printed;
    the next command that unlocks prints the code, once, and that code opens the store."""
    environment = {
        **os.environ,
        "COMPANION_PASSPHRASE": TEST_PASSPHRASE,
        "COMPANION_NEW_PASSPHRASE": NEW_PASSPHRASE,
    }
    child = subprocess.run(
        [sys.executable, "-m", "tests.integration.helpers.rekey_killer", str(office), kill_after],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environment,
        check=False,
        timeout=120,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    assert not RECOVERY_CODE.search(child.stdout + child.stderr), "killed before it printed"

    monkeypatch.setenv("COMPANION_PASSPHRASE", NEW_PASSPHRASE)
    code, out, err = _run(capsys, "check", "--data-dir", str(office))
    assert code == 0, err
    found = RECOVERY_CODE.search(err)
    assert found, err
    recovery_code = found.group(0)
    assert err.count(recovery_code) == 1 and recovery_code not in out
    (told,) = [line for line in err.splitlines() if recovery_code in line]
    assert "replaces the old recovery code" in told and "write it down now" in told.lower()

    code, _out, err = _run(capsys, "check", "--data-dir", str(office))
    assert code == 0 and not RECOVERY_CODE.search(err), "told once, then no more"
    Store.open_with_recovery(office, recovery_code, "fresh winter passphrase 3").close()
