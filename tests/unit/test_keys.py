"""Keys: Argon2id for new stores, scrypt stores upgraded at unlock, bounded key files, and
re-keying that leaves no earlier key file able to open the store."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from companion.domain.models import Person
from companion.errors import (
    KeyFileError,
    NotAStoreError,
    WrongPassphraseError,
    WrongRecoveryCodeError,
)
from companion.store import kdf, keys
from companion.store.audit import AuditAction
from companion.store.preflight import check_store_files
from companion.store.rekey import JOURNAL_FILE_NAME
from companion.store.store import Store
from tests.conftest import TEST_PASSPHRASE
from tests.interrupted_rekey import rekey_killed

NEW_PASSPHRASE = "violet harbour compass 7"


def _key_json(folder: Path) -> dict[str, object]:
    data = json.loads((folder / "keys.json").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _write_key_json(folder: Path, data: object) -> None:
    (folder / "keys.json").write_text(json.dumps(data), encoding="utf-8")


def _legacy_scrypt_seal(database_key: bytes, passphrase: str) -> dict[str, object]:
    """The passphrase copy as the app sealed it before Argon2id (scrypt N=2^15, r=8, p=1,
    AES-GCM), made here with the standard library and the cipher directly."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, nonce = os.urandom(16), os.urandom(12)
    wrapping = hashlib.scrypt(
        passphrase.encode(), salt=salt, n=2**15, r=8, p=1, maxmem=2**26, dklen=32
    )
    sealed = AESGCM(wrapping).encrypt(nonce, database_key, b"court-companion passphrase")

    def b64(data: bytes) -> str:
        return base64.b64encode(data).decode()

    return {
        "kdf": "scrypt",
        "n": 2**15,
        "r": 8,
        "p": 1,
        "salt": b64(salt),
        "nonce": b64(nonce),
        "ciphertext": b64(sealed),
    }


def test_a_new_store_seals_its_passphrase_with_argon2id_at_rfc_9106_strength(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kdf, "PASSPHRASE_COST", kdf.DEFAULT_PASSPHRASE_COST)
    store, _code = Store.create(data_dir, TEST_PASSPHRASE)
    store.close()
    sealed = _key_json(data_dir)["passphrase"]
    assert isinstance(sealed, dict)
    assert sealed["kdf"] == "argon2id"
    # RFC 9106, section 4, second recommended option: t=3, p=4, at least 64 MiB.
    assert sealed["t"] >= 3 and sealed["p"] == 4 and sealed["m"] >= 64 * 1024
    Store.open(data_dir, TEST_PASSPHRASE).close()


def test_a_scrypt_store_is_sealed_again_with_argon2id_at_its_next_unlock(data_dir: Path) -> None:
    store, code = Store.create(data_dir, TEST_PASSPHRASE)
    store.people.add(Person("Ana", "Sample", language="es"))
    database_key = store.database_key
    store.close()
    data = _key_json(data_dir)
    data["passphrase"] = _legacy_scrypt_seal(database_key, TEST_PASSPHRASE)
    _write_key_json(data_dir, data)
    os.chmod(data_dir / "keys.json", 0o644)

    reopened = Store.open(data_dir, TEST_PASSPHRASE)
    assert reopened.people.count() == 1
    reopened.close()

    upgraded = _key_json(data_dir)
    assert isinstance(upgraded["passphrase"], dict)
    assert upgraded["passphrase"]["kdf"] == "argon2id"
    assert upgraded["store_id"] == data["store_id"]
    assert upgraded["recovery_code"] == data["recovery_code"], "the recovery copy is untouched"
    assert not (data_dir / "keys.json.tmp").exists()
    if os.name == "posix":
        assert (data_dir / "keys.json").stat().st_mode & 0o777 == 0o600
    again = Store.open(data_dir, TEST_PASSPHRASE)
    assert again.people.count() == 1
    again.close()
    with pytest.raises(WrongPassphraseError):
        Store.open(data_dir, "not the passphrase")
    Store.open_with_recovery(data_dir, code, NEW_PASSPHRASE).close()


def _mutated(change: Callable[[dict[str, object]], object]) -> Callable[[Path], None]:
    def apply(folder: Path) -> None:
        data = _key_json(folder)
        result = change(data)
        _write_key_json(folder, data if result is None else result)

    return apply


def _set(where: str, **values: object) -> Callable[[Path], None]:
    def change(data: dict[str, object]) -> None:
        sealed = data[where]
        assert isinstance(sealed, dict)
        sealed.update(values)

    return _mutated(change)


def _as_folder(folder: Path) -> None:
    (folder / "keys.json").unlink()
    (folder / "keys.json").mkdir()


def _huge(folder: Path) -> None:
    (folder / "keys.json").write_text(" " * 200_000 + "{}", encoding="utf-8")


SCRYPT = {"kdf": "scrypt", "r": 8, "p": 1}

BAD_KEY_FILES: dict[str, Callable[[Path], object]] = {
    "empty nonce": _set("passphrase", nonce=""),
    "short salt": _set("passphrase", salt=base64.b64encode(b"abc").decode()),
    "ciphertext cut short": _set("recovery_code", ciphertext="AAAA"),
    "nonce not base64": _set("passphrase", nonce="!!!!"),
    "scrypt n=3": _set("passphrase", **SCRYPT, n=3),
    "scrypt r=-1": _set("passphrase", **{**SCRYPT, "r": -1}, n=2**15),
    "scrypt n=2^22 (4 GiB)": _set("passphrase", **SCRYPT, n=2**22),
    "scrypt p=2^20": _set("passphrase", **{**SCRYPT, "p": 2**20}, n=2**15),
    "argon2id m=2^30": _set("passphrase", m=2**30),
    "argon2id t=10^6": _set("passphrase", t=10**6),
    "argon2id p=0": _set("passphrase", p=0),
    "argon2id t as text": _set("passphrase", t="3"),
    "argon2id t=true": _set("passphrase", t=True),
    "unknown kdf": _set("passphrase", kdf="md5"),
    "sealed key missing": _mutated(lambda data: data.pop("passphrase")),
    "a list": _mutated(lambda data: [data]),
    "format 99": _mutated(lambda data: data.update(format=99)),
    "not JSON": lambda folder: (folder / "keys.json").write_bytes(b"\xff\xfe{"),
    "deeply nested": lambda folder: (folder / "keys.json").write_text("[" * 50_000),
    "a folder": _as_folder,
    "too large": _huge,
}


@pytest.mark.parametrize("damage", BAD_KEY_FILES.values(), ids=BAD_KEY_FILES.keys())
def test_a_key_file_out_of_bounds_is_refused_before_any_derivation(
    data_dir: Path, damage: Callable[[Path], object], monkeypatch: pytest.MonkeyPatch
) -> None:
    store, _code = Store.create(data_dir, TEST_PASSPHRASE)
    store.close()
    damage(data_dir)

    def no_derivation(*_arguments: object) -> bytes:
        raise AssertionError("a key was derived from a key file that should be refused")

    monkeypatch.setattr(kdf.Argon2idCost, "derive", no_derivation)
    monkeypatch.setattr(kdf.ScryptCost, "derive", no_derivation)
    with pytest.raises(KeyFileError) as caught:
        Store.open(data_dir, TEST_PASSPHRASE)
    assert caught.value.path == str(data_dir / "keys.json")
    with pytest.raises(KeyFileError):
        check_store_files(data_dir)


def test_rekey_means_an_old_key_file_no_longer_opens_the_store(data_dir: Path) -> None:
    store, old_code = Store.create(data_dir, TEST_PASSPHRASE)
    store.people.add(Person("Ana", "Sample", language="es"))
    old_key_file = (data_dir / "keys.json").read_bytes()
    old_first_page = (data_dir / "companion.db").read_bytes()[:4096]

    new_code = store.change_passphrase(TEST_PASSPHRASE, NEW_PASSPHRASE, rekey=True)
    assert new_code is not None and new_code != old_code
    assert store.people.count() == 1, "the open store goes on working under the new key"
    store.people.add(Person("Bo", "Example", language="vi"))
    actions = [entry.action for entry in store.audit.entries()]
    assert AuditAction.REKEYED in actions
    store.close()

    assert not (data_dir / JOURNAL_FILE_NAME).exists()
    assert (data_dir / "companion.db").read_bytes()[:4096] != old_first_page
    reopened = Store.open(data_dir, NEW_PASSPHRASE)
    assert reopened.people.count() == 2
    reopened.close()
    with pytest.raises(WrongRecoveryCodeError):
        Store.open_with_recovery(data_dir, old_code, "fresh winter passphrase 3")
    Store.open_with_recovery(data_dir, new_code, "fresh winter passphrase 3").close()

    # The key file from before the re-key (as an old backup holds it), with the passphrase
    # of its day, unlocks its own key, and that key no longer opens the database.
    new_key_file = (data_dir / "keys.json").read_bytes()
    (data_dir / "keys.json").write_bytes(old_key_file)
    with pytest.raises(NotAStoreError):
        Store.open(data_dir, TEST_PASSPHRASE)
    with pytest.raises(NotAStoreError):
        Store.open_with_recovery(data_dir, old_code, "fresh winter passphrase 3")
    (data_dir / "keys.json").write_bytes(new_key_file)
    Store.open(data_dir, "fresh winter passphrase 3").close()


def test_rekey_needs_the_current_passphrase(store: Store, data_dir: Path) -> None:
    key_file_before = (data_dir / "keys.json").read_bytes()
    with pytest.raises(WrongPassphraseError):
        store.change_passphrase("not the passphrase", NEW_PASSPHRASE, rekey=True)
    assert (data_dir / "keys.json").read_bytes() == key_file_before


def _rekey_killed(folder: Path, at: str) -> None:
    rekey_killed(folder, at, TEST_PASSPHRASE, NEW_PASSPHRASE)


@pytest.mark.parametrize("passphrase", [TEST_PASSPHRASE, NEW_PASSPHRASE])
def test_a_rekey_killed_after_the_database_changed_is_completed_at_the_next_unlock(
    data_dir: Path, passphrase: str
) -> None:
    store, _code = Store.create(data_dir, TEST_PASSPHRASE)
    store.people.add(Person("Ana", "Sample", language="es"))
    store.close()
    _rekey_killed(data_dir, "wal_checkpoint")
    assert (data_dir / JOURNAL_FILE_NAME).exists()

    reopened = Store.open(data_dir, passphrase)
    assert reopened.people.count() == 1
    reopened.close()
    assert not (data_dir / JOURNAL_FILE_NAME).exists()
    Store.open(data_dir, NEW_PASSPHRASE).close()  # the key file of the new key is in force
    with pytest.raises(WrongPassphraseError):
        Store.open(data_dir, TEST_PASSPHRASE)


def test_a_rekey_killed_before_the_database_changed_is_dropped_at_the_next_unlock(
    data_dir: Path,
) -> None:
    store, code = Store.create(data_dir, TEST_PASSPHRASE)
    store.people.add(Person("Ana", "Sample", language="es"))
    store.close()
    key_file_before = (data_dir / "keys.json").read_bytes()
    _rekey_killed(data_dir, "rekey")
    assert (data_dir / JOURNAL_FILE_NAME).exists()

    with pytest.raises(WrongPassphraseError):  # the journal's passphrase never took effect...
        Store.open(data_dir, NEW_PASSPHRASE)
    reopened = Store.open(data_dir, TEST_PASSPHRASE)  # ...the old one still works
    assert reopened.people.count() == 1
    reopened.close()
    assert not (data_dir / JOURNAL_FILE_NAME).exists()
    assert (data_dir / "keys.json").read_bytes() == key_file_before
    Store.open_with_recovery(data_dir, code, NEW_PASSPHRASE).close()


def test_a_copied_store_keeps_working_after_its_original_is_rekeyed(
    data_dir: Path, tmp_path: Path
) -> None:
    """A copy taken before (a backup, in effect) opens with its own key file and the
    passphrase of its day: what the change-passphrase dialog tells staff old backups need."""
    store, _code = Store.create(data_dir, TEST_PASSPHRASE)
    store.people.add(Person("Ana", "Sample", language="es"))
    store.close()
    copy = tmp_path / "copy"
    shutil.copytree(data_dir, copy)
    rekeying = Store.open(data_dir, TEST_PASSPHRASE)
    rekeying.change_passphrase(TEST_PASSPHRASE, NEW_PASSPHRASE, rekey=True)
    rekeying.close()
    old = Store.open(copy, TEST_PASSPHRASE)
    assert old.people.count() == 1
    old.close()


def test_a_named_pipe_in_place_of_the_key_file_is_refused_at_once(tmp_path: Path) -> None:
    """A pipe planted as keys.json must not make every start wait for a writer forever."""
    os.mkfifo(tmp_path / keys.KEY_FILE_NAME)
    with pytest.raises(KeyFileError) as refused:
        keys.KeyFile.load(tmp_path)
    assert refused.value.reason == "not_a_file"
