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
from companion.store import backups, kdf, keys
from companion.store.restore import restore, restore_backup
from companion.store.store import Store
from companion.store.work_folder import WORK_FOLDER_NAME
from tests.conftest import TEST_PASSPHRASE
from tests.interrupted_rekey import rekey_killed
from tests.key_costs import QUICK_PASSPHRASE_COST_VALUES

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


def test_the_stores_recovery_code_as_proof_also_keeps_todays_key_file(tmp_path: Path) -> None:
    """Proven with the recovery code instead of today's passphrase, a backup with the same
    key still brings back the data of its day, never the passphrase changed since."""
    folder = tmp_path / "data"
    store, code = Store.create(folder, TEST_PASSPHRASE)
    store.people.add(Person("Before", "Sample", language="es"))
    backup = backups.make_backup(store, folder=tmp_path / "usb").path
    store.change_passphrase(TEST_PASSPHRASE, NEW_PASSPHRASE)
    todays_key_file = (folder / "keys.json").read_bytes()
    store.close()
    result = restore(folder, backup, TEST_PASSPHRASE, current_secret=code)
    assert [p.given_name for p in result.store.people.list()] == ["Before"]
    result.store.close()
    assert (folder / "keys.json").read_bytes() == todays_key_file
    with pytest.raises(WrongPassphraseError):
        Store.open(folder, TEST_PASSPHRASE)


#: Stronger than the derivation the test stores were sealed with (one more pass).
STRONGER_COST = kdf.Argon2idCost(
    QUICK_PASSPHRASE_COST_VALUES[0] + 1, *QUICK_PASSPHRASE_COST_VALUES[1:]
)


def _passphrase_seal(folder: Path) -> object:
    return json.loads((folder / "keys.json").read_text(encoding="utf-8"))["passphrase"]["t"]


@pytest.mark.parametrize(
    "where",
    ["a new laptop", "an unusable key file", "a re-keyed store", "an interrupted re-key"],
)
def test_a_restored_key_file_sealed_more_weakly_than_today_is_sealed_again_at_once(
    rekeyed: Rekeyed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """When the backup's own key file comes back, the restored store is opened with its
    passphrase, as any store is: a passphrase copy sealed with a weaker derivation than
    today's (an older release's) is sealed again with today's there and then."""
    folder, secret, consent = rekeyed.folder, NEW_PASSPHRASE, True
    if where == "a new laptop":
        folder, secret, consent = tmp_path / "new-laptop", TEST_PASSPHRASE, False
    elif where == "an unusable key file":
        damaged = json.loads((folder / "keys.json").read_text(encoding="utf-8"))
        damaged["passphrase"]["nonce"] = ""
        (folder / "keys.json").write_text(json.dumps(damaged), encoding="utf-8")
        secret, consent = TEST_PASSPHRASE, False
    elif where == "an interrupted re-key":
        # Killed after the database changed key: today's passphrase still proves the
        # store (the re-key is completed on the way), but opens neither copy of the key
        # file then in force, so that key file cannot be the one kept.
        rekey_killed(folder, "wal_checkpoint", NEW_PASSPHRASE, "quince meadow anchor 5")
    monkeypatch.setattr(kdf, "PASSPHRASE_COST", STRONGER_COST)
    result = restore(
        folder, rekeyed.old_backup, TEST_PASSPHRASE, current_secret=secret, allow_other_keys=consent
    )
    assert sorted(p.given_name for p in result.store.people.list()) == ["Before"]
    result.store.close()
    assert _passphrase_seal(folder) == QUICK_PASSPHRASE_COST_VALUES[0] + 1
    assert _names(folder, TEST_PASSPHRASE) == ["Before"]


# --- restore_backup, as the app and the command line call it: the same consent ---------


def test_restore_backup_refuses_a_backup_from_before_a_rekey_without_consent(
    rekeyed: Rekeyed,
) -> None:
    with pytest.raises(CurrentSecretError):
        restore_backup(rekeyed.folder, rekeyed.old_backup, TEST_PASSPHRASE, allow_other_keys=True)
    with pytest.raises(BackupKeysDifferError):
        restore_backup(
            rekeyed.folder, rekeyed.old_backup, TEST_PASSPHRASE, current_secret=NEW_PASSPHRASE
        )
    _untouched(rekeyed.folder)
    restored = restore_backup(
        rekeyed.folder,
        rekeyed.old_backup,
        TEST_PASSPHRASE,
        current_secret=NEW_PASSPHRASE,
        allow_other_keys=True,
    )
    assert sorted(p.given_name for p in restored.people.list()) == ["Before"]
    restored.close()


def test_restore_backup_refuses_another_offices_backup_without_consent(tmp_path: Path) -> None:
    other, _code = Store.create(tmp_path / "other", TEST_PASSPHRASE)
    other.people.add(Person("Elsewhere", "Sample", language="es"))
    theirs = backups.make_backup(other, folder=tmp_path / "usb").path
    other.close()
    current, _code = Store.create(tmp_path / "data", TEST_PASSPHRASE)
    current.people.add(Person("Present", "Sample", language="es"))
    with pytest.raises(OtherOfficeError):
        restore_backup(tmp_path / "data", theirs, TEST_PASSPHRASE, current=current)
    assert not current.closed and current.people.count() == 1
    restored = restore_backup(
        tmp_path / "data", theirs, TEST_PASSPHRASE, current=current, allow_other_office=True
    )
    # The store open in this process was backed up, then closed before its files went.
    assert current.closed
    assert [p.given_name for p in restored.people.list()] == ["Elsewhere"]
    restored.close()
