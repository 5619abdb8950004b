"""A new recovery code that has not been shown yet, kept until it has been.

A re-key (``companion.store.rekey``) makes a new recovery code and puts a new key file in
force; the code exists only in memory until the command prints it or the dialog shows it.
A process killed in between would leave the office with a working passphrase and no
recovery code at all. So before the database is switched to the new key, the code is
sealed (AES-GCM) under the new database key into ``recovery-code.pending`` (0600) beside
the key file; the file holds nothing else. When the code has been shown, the caller says
so (``Store.recovery_code_shown``) and the file goes.

At every unlock, a pending file that opens with the database key in force gives the code
to show again; one that does not (the re-key was dropped, or a restore replaced the
store) is deleted. Backups never carry the file: they hold only the database and the key
file.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from companion.errors import KeyFileError
from companion.private_files import fsync_folder, write_private_file
from companion.store import keys

log = logging.getLogger(__name__)

PENDING_CODE_FILE_NAME = "recovery-code.pending"
#: The name ``write_private_file`` writes through; a kill can leave it behind.
PENDING_CODE_PART_NAME = PENDING_CODE_FILE_NAME + ".tmp"
_FORMAT = 1
_PURPOSE = b"court-companion unshown recovery code "
#: Recovery codes are short; anything much larger is not one of our files.
_MAX_FILE_BYTES = 4096


def _associated_data(store_id: str) -> bytes:
    return _PURPOSE + store_id.encode("utf-8")


def save_pending_code(folder: Path, database_key: bytes, store_id: str, code: str) -> None:
    """Seal ``code`` under ``database_key`` (the key the database is about to move to)."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = os.urandom(keys.NONCE_BYTES)
    sealed = AESGCM(database_key).encrypt(nonce, code.encode("utf-8"), _associated_data(store_id))
    data = {
        "format": _FORMAT,
        "nonce": keys.encode_bytes(nonce),
        "ciphertext": keys.encode_bytes(sealed),
    }
    write_private_file(folder / PENDING_CODE_FILE_NAME, json.dumps(data).encode("ascii"))


def drop_pending_code(folder: Path) -> None:
    """Delete the pending file (and a half-written one); nothing if there is none."""
    removed = False
    for name in (PENDING_CODE_FILE_NAME, PENDING_CODE_PART_NAME):
        path = folder / name
        if path.exists() or path.is_symlink():
            path.unlink(missing_ok=True)
            removed = True
    if removed:
        fsync_folder(folder)


def _open_sealed(path: Path, database_key: bytes, store_id: str) -> str | None:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > _MAX_FILE_BYTES:
            return None
        data = json.loads(path.read_bytes())
        if not isinstance(data, dict) or data.get("format") != _FORMAT:
            return None
        nonce = keys.decode_field(
            data, "nonce", range(keys.NONCE_BYTES, keys.NONCE_BYTES + 1), str(path)
        )
        sealed = keys.decode_field(data, "ciphertext", range(1, _MAX_FILE_BYTES), str(path))
        plain = AESGCM(database_key).decrypt(nonce, sealed, _associated_data(store_id))
        return plain.decode("utf-8")
    except (OSError, ValueError, KeyFileError, InvalidTag):
        return None


def take_pending_code(folder: Path, database_key: bytes, store_id: str) -> str | None:
    """The unshown recovery code of the key in force, if there is one. A pending file the
    key does not open belongs to a re-key that never took effect, or to a store a restore
    replaced: it is deleted."""
    path = folder / PENDING_CODE_FILE_NAME
    if not (path.exists() or path.is_symlink() or (folder / PENDING_CODE_PART_NAME).exists()):
        return None
    code = _open_sealed(path, database_key, store_id)
    try:
        (folder / PENDING_CODE_PART_NAME).unlink(missing_ok=True)
        if code is None:
            drop_pending_code(folder)
            log.info("dropped a pending recovery code that the key in force does not open")
    except OSError as error:  # a read-only copy still opens; the next unlock tries again
        log.warning("could not remove a pending recovery code file: %s", type(error).__name__)
    if code is None:
        return None
    log.info("store %s: a new recovery code has not been shown yet", store_id)
    return code
