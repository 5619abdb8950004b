"""A restore over a store proves the store's own secret, and a backup sealed with other
keys (made before a re-key) is restored only with consent: no one brings back a revoked
passphrase or recovery code by restoring an old backup."""

from __future__ import annotations

import json
from pathlib import Path
from typing import NamedTuple

import pytest

from companion.domain.models import Person
from companion.errors import (
    BackupKeysDifferError,
    CurrentSecretError,
    OtherOfficeError,
    WrongPassphraseError,
    WrongRecoveryCodeError,
)
from companion.store import backups, keys
from companion.store.restore import restore
from companion.store.store import Store
from companion.store.work_folder import WORK_FOLDER_NAME
from tests.conftest import TEST_PASSPHRASE

NEW_PASSPHRASE = "violet harbour compass 7"


class Rekeyed(NamedTuple):
    folder: Path
    old_backup: Path
    old_recovery_code: str
    new_recovery_code: str


@pytest.fixture
def rekeyed(tmp_path: Path) -> Rekeyed:
    """A store backed up, then re-keyed (new passphrase, new recovery code, new key) and
    given one more person; closed."""
    folder = tmp_path / "data"
    store, old_code = Store.create(folder, TEST_PASSPHRASE)
    store.people.add(Person("Before", "Sample", language="es"))
    old_backup = backups.make_backup(store, folder=tmp_path / "usb").path
    new_code = store.change_passphrase(TEST_PASSPHRASE, NEW_PASSPHRASE, rekey=True)
    assert new_code is not None
    store.people.add(Person("After", "Sample", language="es"))
    store.close()
    return Rekeyed(folder, old_backup, old_code, new_code)


def _names(folder: Path, passphrase: str) -> list[str]:
    store = Store.open(folder, passphrase)
    try:
        return sorted(person.given_name for person in store.people.list())
    finally:
        store.close()


def _untouched(folder: Path) -> None:
    """Still today's store: today's passphrase opens it, the old one does not, nothing was
    backed up or left behind."""
    assert _names(folder, NEW_PASSPHRASE) == ["After", "Before"]
    with pytest.raises(WrongPassphraseError):
        Store.open(folder, TEST_PASSPHRASE)
    assert not list((folder / "backups").glob("*before-restore*"))
    assert not any((folder / WORK_FOLDER_NAME).iterdir())


def test_the_old_passphrase_alone_cannot_restore_an_old_backup_over_a_rekeyed_store(
    rekeyed: Rekeyed,
) -> None:
    with pytest.raises(CurrentSecretError) as refused:
        restore(rekeyed.folder, rekeyed.old_backup, TEST_PASSPHRASE)
    assert refused.value.path == str(rekeyed.folder)
    with pytest.raises(CurrentSecretError):
        restore(
            rekeyed.folder,
            rekeyed.old_backup,
            TEST_PASSPHRASE,
            current_secret=rekeyed.old_recovery_code,
            allow_other_keys=True,
        )
    _untouched(rekeyed.folder)


def test_a_backup_from_before_the_rekey_needs_consent_even_with_the_stores_passphrase(
    rekeyed: Rekeyed,
) -> None:
    made = backups.read_manifest(rekeyed.old_backup).created_at
    with pytest.raises(BackupKeysDifferError) as refused:
        restore(rekeyed.folder, rekeyed.old_backup, TEST_PASSPHRASE, current_secret=NEW_PASSPHRASE)
    assert refused.value.made_at == made
    _untouched(rekeyed.folder)


def test_with_consent_the_old_keys_come_back_and_todays_stop_working(rekeyed: Rekeyed) -> None:
    result = restore(
        rekeyed.folder,
        rekeyed.old_backup,
        TEST_PASSPHRASE,
        current_secret=NEW_PASSPHRASE,
        allow_other_keys=True,
    )
    assert sorted(p.given_name for p in result.store.people.list()) == ["Before"]
    result.store.close()
    # The replaced store was backed up first, with its own (today's) keys.
    assert result.before_restore_backup is not None
    assert backups.inspect_backup(result.before_restore_backup, NEW_PASSPHRASE).people == 2
    key_file = keys.KeyFile.load(rekeyed.folder)
    with pytest.raises(WrongPassphraseError):
        key_file.unlock(NEW_PASSPHRASE)
    with pytest.raises(WrongRecoveryCodeError):
        key_file.unlock_with_recovery(rekeyed.new_recovery_code)
    key_file.unlock_with_recovery(rekeyed.old_recovery_code)
    assert _names(rekeyed.folder, TEST_PASSPHRASE) == ["Before"]


def test_the_stores_recovery_code_proves_it_too(rekeyed: Rekeyed) -> None:
    result = restore(
        rekeyed.folder,
        rekeyed.old_backup,
        TEST_PASSPHRASE,
        current_secret=rekeyed.new_recovery_code,
        allow_other_keys=True,
    )
    assert sorted(p.given_name for p in result.store.people.list()) == ["Before"]
    result.store.close()
    # Opened with the recovery code only, the replaced store's files are kept as they were.
    assert result.previous_files is not None
    assert (result.previous_files / "keys.json").exists()


def test_after_a_passphrase_change_the_backups_passphrase_is_not_proof(tmp_path: Path) -> None:
    """Same key, older passphrase: restoring needs today's passphrase, and no consent."""
    folder = tmp_path / "data"
    store, _code = Store.create(folder, TEST_PASSPHRASE)
    store.people.add(Person("Before", "Sample", language="es"))
    backup = backups.make_backup(store, folder=tmp_path / "usb").path
    store.change_passphrase(TEST_PASSPHRASE, NEW_PASSPHRASE)
    store.close()
    with pytest.raises(CurrentSecretError):
        restore(folder, backup, TEST_PASSPHRASE)
    result = restore(folder, backup, TEST_PASSPHRASE, current_secret=NEW_PASSPHRASE)
    assert [p.given_name for p in result.store.people.list()] == ["Before"]
    result.store.close()


def test_a_backup_with_the_same_key_keeps_todays_passphrase_and_recovery_code(
    tmp_path: Path,
) -> None:
    """The passphrase was changed because someone saw it: restoring a backup from before
    the change brings back the data of that day, never the passphrase that was seen."""
    folder = tmp_path / "data"
    store, _old_code = Store.create(folder, TEST_PASSPHRASE)
    store.people.add(Person("Before", "Sample", language="es"))
    backup = backups.make_backup(store, folder=tmp_path / "usb").path
    store.change_passphrase(TEST_PASSPHRASE, NEW_PASSPHRASE)
    store.people.add(Person("After", "Sample", language="es"))
    todays_key_file = (folder / "keys.json").read_bytes()
    store.close()
    result = restore(folder, backup, TEST_PASSPHRASE, current_secret=NEW_PASSPHRASE)
    assert [p.given_name for p in result.store.people.list()] == ["Before"]
    result.store.close()
    assert (folder / "keys.json").read_bytes() == todays_key_file
    assert _names(folder, NEW_PASSPHRASE) == ["Before"]
    with pytest.raises(WrongPassphraseError):
        Store.open(folder, TEST_PASSPHRASE)


def test_another_offices_backup_still_needs_the_stores_own_passphrase(tmp_path: Path) -> None:
    other, _code = Store.create(tmp_path / "other", NEW_PASSPHRASE)
    theirs = backups.make_backup(other, folder=tmp_path / "usb").path
    other.close()
    Store.create(tmp_path / "data", TEST_PASSPHRASE)[0].close()
    with pytest.raises(CurrentSecretError):
        restore(tmp_path / "data", theirs, NEW_PASSPHRASE, allow_other_office=True)
    with pytest.raises(OtherOfficeError):
        restore(tmp_path / "data", theirs, NEW_PASSPHRASE, current_secret=TEST_PASSPHRASE)
    result = restore(
        tmp_path / "data",
        theirs,
        NEW_PASSPHRASE,
        current_secret=TEST_PASSPHRASE,
        allow_other_office=True,
    )
    result.store.close()
    keys.KeyFile.load(tmp_path / "data").unlock(NEW_PASSPHRASE)


def test_an_empty_folder_needs_no_proof(rekeyed: Rekeyed, tmp_path: Path) -> None:
    """A first restore on a new laptop: there is no store whose secret could be asked."""
    result = restore(tmp_path / "new-laptop", rekeyed.old_backup, TEST_PASSPHRASE)
    assert [p.given_name for p in result.store.people.list()] == ["Before"]
    result.store.close()


def test_a_store_whose_key_file_is_unusable_can_still_be_recovered(rekeyed: Rekeyed) -> None:
    """No secret can be proven against a key file that cannot be read: restoring is then
    how the office recovers, and the replaced files are kept."""
    key_path = rekeyed.folder / "keys.json"
    damaged = json.loads(key_path.read_text(encoding="utf-8"))
    damaged["passphrase"]["nonce"] = ""
    key_path.write_text(json.dumps(damaged), encoding="utf-8")
    result = restore(rekeyed.folder, rekeyed.old_backup, TEST_PASSPHRASE)
    assert [p.given_name for p in result.store.people.list()] == ["Before"]
    result.store.close()
    assert result.previous_files is not None
    assert json.loads((result.previous_files / "keys.json").read_text()) == damaged
