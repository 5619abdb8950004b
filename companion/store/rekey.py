"""Replacing the database key itself, for when a passphrase or recovery code may be known
to someone else.

SQLCipher's ``PRAGMA rekey`` re-encrypts every page in one transaction, so the database
file ends up under the old key or the new one, never a mix. The key file cannot be
replaced in the same step, so the new one is written first, beside it, as a journal
(``keys.json.next``); the journal also holds the new key sealed under the old one. A
crash between the two leaves the journal, and the next unlock (``unlock_store_key``)
finds out which key opens the database and completes or drops the change.

Once done, only the new key file opens the store: a ``keys.json`` from before (inside an
old backup, say) and its passphrase no longer do. Old backups still open with their own
key file and the passphrase of their day.

Before anything changes, the new recovery code is kept sealed under the new key
(``companion.store.unshown_code``) until the caller has shown it.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from companion.errors import KeyFileError, NotAStoreError, StoreError
from companion.private_files import fsync_folder, write_private_file
from companion.store import keys
from companion.store.files import DATABASE_FILE_NAME
from companion.store.unshown_code import save_pending_code

log = logging.getLogger(__name__)

JOURNAL_FILE_NAME = keys.KEY_FILE_NAME + ".next"
_PREVIOUS_KEY = "previous_key"
_BY_PREVIOUS_KEY = b"court-companion re-key"


@dataclass(frozen=True)
class RekeyJournal:
    """The key file a re-key is moving to, and its key sealed under the key before it."""

    key_file: keys.KeyFile
    nonce: bytes
    sealed_new_key: bytes

    @classmethod
    def create(cls, old_key: bytes, new_key: bytes, key_file: keys.KeyFile) -> RekeyJournal:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        nonce = os.urandom(keys.NONCE_BYTES)
        return cls(key_file, nonce, AESGCM(old_key).encrypt(nonce, new_key, _BY_PREVIOUS_KEY))

    def new_key_from(self, old_key: bytes) -> bytes | None:
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        try:
            return AESGCM(old_key).decrypt(self.nonce, self.sealed_new_key, _BY_PREVIOUS_KEY)
        except InvalidTag:
            return None

    def save(self, folder: Path) -> None:
        data = self.key_file.to_json()
        data[_PREVIOUS_KEY] = {
            "nonce": keys.encode_bytes(self.nonce),
            "ciphertext": keys.encode_bytes(self.sealed_new_key),
        }
        write_private_file(folder / JOURNAL_FILE_NAME, json.dumps(data, indent=2).encode())

    @classmethod
    def load(cls, folder: Path) -> RekeyJournal | None:
        path = folder / JOURNAL_FILE_NAME
        if not path.exists():
            return None
        data = keys.read_key_file_json(path)
        key_file = keys.KeyFile.from_json(data, str(path))
        previous = data.get(_PREVIOUS_KEY) if isinstance(data, dict) else None
        if not isinstance(previous, dict):
            raise KeyFileError(str(path), "previous_key is missing")
        size = keys.SEALED_KEY_BYTES
        return cls(
            key_file,
            keys.decode_field(
                previous, "nonce", range(keys.NONCE_BYTES, keys.NONCE_BYTES + 1), str(path)
            ),
            keys.decode_field(previous, "ciphertext", range(size, size + 1), str(path)),
        )


def _drop_journal(folder: Path) -> None:
    (folder / JOURNAL_FILE_NAME).unlink(missing_ok=True)
    fsync_folder(folder)


def rekey_database(
    folder: Path,
    db_execute: Callable[[str], object],
    old_key: bytes,
    key_file: keys.KeyFile,
    passphrase: str,
    recovery_code: str,
) -> tuple[bytes, keys.KeyFile]:
    """Re-encrypt the open database under a new key; returns the key and its key file.

    ``db_execute`` runs one SQL statement on the store's connection.
    """
    new_key = keys.new_database_key()
    new_file = key_file.with_new_key(new_key, passphrase, recovery_code)
    # The new code lives only in memory until the caller shows it: kept sealed under the
    # new key until then, so a kill from here on cannot leave the office without one.
    save_pending_code(folder, new_key, key_file.store_id, recovery_code)
    RekeyJournal.create(old_key, new_key, new_file).save(folder)
    # If this fails or the process dies from here on, the journal stays: the next unlock
    # tries both keys on the database and keeps the key file of the one that opens it.
    db_execute(f"PRAGMA rekey = \"x'{new_key.hex()}'\"")
    db_execute("PRAGMA wal_checkpoint(TRUNCATE)")
    new_file.save(folder)
    _drop_journal(folder)
    log.info("store %s re-keyed", key_file.store_id)
    return new_key, new_file


def _database_opens_with(folder: Path, key: bytes) -> bool:
    from companion.store.connection import connect

    try:
        connect(folder / DATABASE_FILE_NAME, key).close()
    except NotAStoreError:
        return False
    return True


def unlock_store_key(
    folder: Path, key_file: keys.KeyFile, unlock: Callable[[keys.KeyFile], bytes]
) -> tuple[keys.KeyFile, bytes]:
    """The key file in force and the database key that ``unlock`` (passphrase or recovery
    code) opens, finishing or dropping a re-key that a crash interrupted."""
    journal = RekeyJournal.load(folder)
    if journal is None:
        return key_file, unlock(key_file)
    candidates: list[tuple[keys.KeyFile, bytes]] = []
    refusal: StoreError | None = None
    try:
        old_key = unlock(key_file)
        candidates.append((key_file, old_key))
        new_key = journal.new_key_from(old_key)
        if new_key is not None:
            candidates.append((journal.key_file, new_key))
    except StoreError as error:  # a wrong secret for the old key file
        refusal = error
    if len(candidates) < 2:
        try:
            candidates.append((journal.key_file, unlock(journal.key_file)))
        except StoreError as error:
            refusal = refusal or error
    if not candidates:
        assert refusal is not None
        raise refusal
    for candidate_file, candidate_key in candidates:
        if _database_opens_with(folder, candidate_key):
            if candidate_file is journal.key_file:
                candidate_file.save(folder)
                log.info("finished an interrupted re-key of store %s", key_file.store_id)
            else:
                log.info("dropped an interrupted re-key of store %s", key_file.store_id)
            _drop_journal(folder)
            return candidate_file, candidate_key
    if refusal is not None:  # the secret belongs only to a key file that is not in force
        raise refusal
    raise NotAStoreError(str(folder / DATABASE_FILE_NAME))
