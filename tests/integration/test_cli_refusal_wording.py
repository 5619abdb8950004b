"""The exact words of refusals that used to name the wrong thing: a restore refused in a
backup's words, a missing backup file called "not a backup", a missing or unreadable key
file called "not a store", and a file in a data folder's path not named."""

from __future__ import annotations

import errno
import os
import zipfile
from pathlib import Path

import pytest

from companion.cli.main import main
from companion.domain.models import Person
from companion.store import backups
from companion.store.store import Store
from tests.conftest import TEST_PASSPHRASE


@pytest.fixture(autouse=True)
def passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMPANION_PASSPHRASE", TEST_PASSPHRASE)


def _error_line(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = main(list(argv))
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.count("\n") == 1, err
    return err


@pytest.fixture
def office(data_dir: Path) -> Path:
    store, _code = Store.create(data_dir, TEST_PASSPHRASE)
    store.people.add(Person("Ana", "Sample", language="es"))
    store.close()
    return data_dir


def test_a_missing_backup_file_is_named_as_missing(
    office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "usb" / "court-companion-20261201.ccbackup"
    line = _error_line(capsys, "restore", "--data-dir", str(office), str(missing), "--yes")
    assert line == (
        f"companion: There is no file {missing}. Check the backup's name and folder. "
        "Nothing was changed.\n"
    )


def test_a_restore_refused_by_its_checks_says_so_in_a_restores_words(
    office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = Store.open(office, TEST_PASSPHRASE)
    sealed = backups.make_backup(store, folder=tmp_path / "usb").path
    store.people.add(Person("Ben", "Sample", language="es"))
    later = backups.make_backup(store, folder=tmp_path / "usb").path
    store.close()
    forged = tmp_path / "forged.ccbackup"  # the first manifest with the later database
    with (
        zipfile.ZipFile(sealed) as old,
        zipfile.ZipFile(later) as new,
        zipfile.ZipFile(forged, "w") as out,
    ):
        out.writestr("companion.db", new.read("companion.db"))
        for name in ("keys.json", "manifest.json", "manifest.mac"):
            out.writestr(name, old.read(name))
    line = _error_line(capsys, "restore", "--data-dir", str(office), str(forged), "--yes")
    assert line == (
        "companion: The backup was not restored: it did not pass the checks made before a "
        "restore (the database does not match its manifest). The store was left as it was. "
        "Choose another backup.\n"
    )


def test_a_missing_key_file_is_named(office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (office / "keys.json").unlink()
    line = _error_line(capsys, "agenda", "--data-dir", str(office))
    assert line == (
        f"companion: The key file {office / 'keys.json'} is missing, so the store beside it "
        "cannot be unlocked. Nothing was changed. Put back the keys.json copied with this "
        "store, restore the latest backup, or ask your IT contact for help.\n"
    )


def test_an_unreadable_key_file_is_named_with_the_systems_reason(
    office: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    key_path = office / "keys.json"
    real_open = os.open

    def refused(path: object, flags: int, *rest: int) -> int:
        if Path(str(path)) == key_path:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refused)
    line = _error_line(capsys, "agenda", "--data-dir", str(office))
    assert line == (
        f"companion: The key file {key_path} cannot be read (Permission denied). Nothing was "
        "changed. Check that it belongs to you and may be read, or ask your IT contact for "
        "help.\n"
    )


def test_a_folder_in_place_of_the_key_file_is_named(
    office: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (office / "keys.json").unlink()
    (office / "keys.json").mkdir()
    line = _error_line(capsys, "agenda", "--data-dir", str(office))
    assert line == (
        f"companion: The key file {office / 'keys.json'} is not a file (a folder). Nothing was "
        "changed. Restore the latest backup, or ask your IT contact for help.\n"
    )


@pytest.mark.parametrize("command", [["agenda"], ["demo"], ["backup"], ["restore", "x.ccbackup"]])
def test_a_file_in_the_data_folders_path_is_the_one_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("notes")
    line = _error_line(capsys, *command, "--data-dir", str(a_file / "sub" / "deeper"))
    assert line == f"companion: {a_file} is a file, not a folder. Nothing was changed.\n"
    assert a_file.read_text() == "notes"


def test_a_file_in_the_backup_folders_path_is_the_one_named(
    office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a_file = tmp_path / "usb-stick"
    a_file.write_text("")
    line = _error_line(capsys, "backup", "--data-dir", str(office), "--to", str(a_file / "sub"))
    assert line == f"companion: {a_file} is a file, not a folder. Nothing was changed.\n"
