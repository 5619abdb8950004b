"""``companion restore`` and ``companion backup``: every refusal is one line and exit 2."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest

from companion.domain.models import Person
from companion.errors import WrongPassphraseError
from companion.store import backups
from companion.store.store import Store
from tests.conftest import TEST_PASSPHRASE
from tests.integration.helpers.cli_runs import run_cli as _run


def _one_line(code: int, err: str) -> str:
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("companion: "), err
    return err


@pytest.fixture(autouse=True)
def passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMPANION_PASSPHRASE", TEST_PASSPHRASE)


class Office(NamedTuple):
    folder: Path
    backup: Path


def _office(folder: Path, usb: Path, name: str) -> Office:
    store, _code = Store.create(folder, TEST_PASSPHRASE)
    store.people.add(Person(name, "Sample", language="es"))
    backup = backups.make_backup(store, folder=usb).path
    store.close()
    return Office(folder, backup)


def test_restore_into_a_file_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    office = _office(tmp_path / "data", tmp_path / "usb", "Ana")
    a_file = tmp_path / "notes.txt"
    a_file.write_text("notes")
    code, _out, err = _run(
        capsys, "restore", "--data-dir", str(a_file), str(office.backup), "--yes"
    )
    assert "is a file, not a folder" in _one_line(code, err)
    assert a_file.read_text() == "notes"


def test_restore_of_another_offices_backup_needs_other_office(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ours = _office(tmp_path / "data", tmp_path / "usb", "Ours")
    theirs = _office(tmp_path / "theirs", tmp_path / "usb-theirs", "Theirs")
    code, _out, err = _run(
        capsys, "restore", "--data-dir", str(ours.folder), str(theirs.backup), "--yes"
    )
    assert "--other-office" in _one_line(code, err)
    code, out, err = _run(
        capsys,
        "restore",
        "--data-dir",
        str(ours.folder),
        str(theirs.backup),
        "--yes",
        "--other-office",
    )
    assert code == 0, err
    assert "another office" in out
    store = Store.open(ours.folder, TEST_PASSPHRASE)
    try:
        assert [p.given_name for p in store.people.list()] == ["Theirs"]
    finally:
        store.close()


def test_restore_onto_a_nearly_full_disk_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    office = _office(tmp_path / "data", tmp_path / "usb", "Ana")

    class Usage(NamedTuple):
        total: int
        used: int
        free: int

    monkeypatch.setattr(shutil, "disk_usage", lambda _path: Usage(10**9, 10**9 - 4096, 4096))
    code, _out, err = _run(
        capsys, "restore", "--data-dir", str(office.folder), str(office.backup), "--yes"
    )
    message = _one_line(code, err)
    assert "full" in message and "damaged" not in message


def test_backup_on_a_read_only_folder_says_read_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    office = _office(tmp_path / "data", tmp_path / "usb", "Ana")
    import companion.store.work_folder as work_folder

    def read_only(*_args: object, **_kwargs: object) -> str:
        raise OSError(errno.EROFS, "Read-only file system", str(office.folder))

    monkeypatch.setattr(work_folder.tempfile, "mkdtemp", read_only)
    code, _out, err = _run(capsys, "backup", "--data-dir", str(office.folder))
    message = _one_line(code, err)
    assert "read-only" in message and "damaged" not in message


def test_backup_to_a_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    office = _office(tmp_path / "data", tmp_path / "usb", "Ana")
    a_file = tmp_path / "usb-stick"
    a_file.write_text("")
    code, _out, err = _run(capsys, "backup", "--data-dir", str(office.folder), "--to", str(a_file))
    assert "not a folder" in _one_line(code, err)


@pytest.mark.skipif(os.name != "posix", reason="reads the process's own stderr")
def test_a_damaged_store_fails_a_backup_with_one_line_and_no_sqlcipher_noise(
    tmp_path: Path,
) -> None:
    office = _office(tmp_path / "data", tmp_path / "usb", "Ana")
    database = office.folder / "companion.db"
    damaged = bytearray(database.read_bytes())
    damaged[5000:5100] = bytes(100)
    database.write_bytes(bytes(damaged))
    run = subprocess.run(
        [sys.executable, "-m", "companion", "backup", "--data-dir", str(office.folder)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "COMPANION_PASSPHRASE": TEST_PASSPHRASE},
        timeout=120,
    )
    assert run.returncode == 2
    assert run.stderr.count("\n") == 1, run.stderr
    assert "hmac" not in run.stderr.lower()


@pytest.mark.skipif(os.name != "posix", reason="runs the command in a second process")
def test_restore_from_the_command_line_is_refused_while_the_app_runs_even_locked(
    tmp_path: Path,
) -> None:
    from companion.ui.shell.app import hold_for_the_session

    office = _office(tmp_path / "data", tmp_path / "usb", "Ana")
    session = hold_for_the_session(office.folder)  # as run_app does; the store is closed
    assert session is not None
    command = [
        sys.executable,
        "-m",
        "companion",
        "restore",
        "--data-dir",
        str(office.folder),
        str(office.backup),
        "--yes",
    ]
    environment = {**os.environ, "COMPANION_PASSPHRASE": TEST_PASSPHRASE}
    try:
        run = subprocess.run(
            command, capture_output=True, text=True, check=False, env=environment, timeout=120
        )
    finally:
        session.release()
    assert run.returncode == 2
    assert run.stderr.count("\n") == 1 and "open in another" in run.stderr, run.stderr
    assert not list((office.folder / "backups").glob("*before-restore*"))
    again = subprocess.run(
        command, capture_output=True, text=True, check=False, env=environment, timeout=120
    )
    assert again.returncode == 0, again.stderr


NEW_PASSPHRASE = "violet harbour compass 7"


def _rekeyed_office(folder: Path, usb: Path) -> Office:
    """An office backed up, then re-keyed with a new passphrase and recovery code."""
    store, _code = Store.create(folder, TEST_PASSPHRASE)
    store.people.add(Person("Before", "Sample", language="es"))
    backup = backups.make_backup(store, folder=usb).path
    store.change_passphrase(TEST_PASSPHRASE, NEW_PASSPHRASE, rekey=True)
    store.people.add(Person("After", "Sample", language="es"))
    store.close()
    return Office(folder, backup)


def test_restoring_a_backup_from_before_a_rekey_needs_the_stores_passphrase_and_old_keys(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    office = _rekeyed_office(tmp_path / "data", tmp_path / "usb")
    restore = ["restore", "--data-dir", str(office.folder), str(office.backup), "--yes"]
    # The backup's (old) passphrase does not open today's store, and nothing else is given.
    monkeypatch.delenv("COMPANION_STORE_PASSPHRASE", raising=False)
    code, _out, err = _run(capsys, *restore)
    assert _one_line(code, err) == (
        "companion: No passphrase: run this on a terminal, or set COMPANION_STORE_PASSPHRASE.\n"
    )
    monkeypatch.setenv("COMPANION_STORE_PASSPHRASE", "a guess at the passphrase")
    code, _out, err = _run(capsys, *restore)
    assert _one_line(code, err) == (
        f"companion: That is not the passphrase or the recovery code of the store in "
        f"{office.folder}. Restoring a backup over a store needs the store's own passphrase. "
        "Nothing was changed.\n"
    )
    monkeypatch.setenv("COMPANION_STORE_PASSPHRASE", NEW_PASSPHRASE)
    code, _out, err = _run(capsys, *restore)
    made_on = backups.read_manifest(office.backup).created_at.strftime("%Y-%m-%d")
    assert _one_line(code, err) == (
        f"companion: This backup was made on {made_on}, before the key of the store in "
        f"{office.folder} was changed: restoring it brings back the passphrase and the "
        "recovery code in use then, and the ones in use now stop working. Add --old-keys to "
        "restore it anyway. Nothing was changed.\n"
    )
    assert not list((office.folder / "backups").glob("*before-restore*"))
    with pytest.raises(WrongPassphraseError):
        Store.open(office.folder, TEST_PASSPHRASE)

    code, out, err = _run(capsys, *restore, "--old-keys")
    assert code == 0, err
    assert (
        f"This backup was made on {made_on}, before the store's key was changed: from now on "
        "the passphrase and the recovery code in use then open the store, and the ones in use "
        "now no longer do.\n"
    ) in out
    with pytest.raises(WrongPassphraseError):
        Store.open(office.folder, NEW_PASSPHRASE)
    store = Store.open(office.folder, TEST_PASSPHRASE)
    try:
        assert [p.given_name for p in store.people.list()] == ["Before"]
    finally:
        store.close()


def test_a_backup_of_todays_keys_needs_no_second_passphrase(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The backup's passphrase opens the store too: that is the proof, nothing more asked."""
    monkeypatch.delenv("COMPANION_STORE_PASSPHRASE", raising=False)
    office = _office(tmp_path / "data", tmp_path / "usb", "Ana")
    code, out, err = _run(
        capsys, "restore", "--data-dir", str(office.folder), str(office.backup), "--yes"
    )
    assert code == 0, err
    assert out.endswith("Restored. The store before the restore was saved as a backup first.\n")
