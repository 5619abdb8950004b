"""What a restore over an existing store must show first: that whoever restores knows the
store's own secret, and that they agree when the backup's keys are not the store's.

A backup carries the key file of its day. Restoring one made before a re-key would bring
back the passphrase and recovery code that the re-key revoked; restoring another office's
backup replaces the store with theirs. So a restore over a store that can be unlocked

1. proves the store's current passphrase or recovery code (``prove_current_store``), and
2. is refused (``check_consent``) when the backup is another office's
   (``OtherOfficeError``) or sealed with another key (``BackupKeysDifferError``), unless
   the person restoring agreed to exactly that.

A data folder with no store, or whose key file cannot be used at all, has no secret to
prove: restoring is then the way to recover, and the files it replaces are kept.
"""

from __future__ import annotations

import hmac
import logging
from dataclasses import dataclass
from pathlib import Path

from companion.errors import (
    BackupKeysDifferError,
    CurrentSecretError,
    KeyFileError,
    NotAStoreError,
    OtherOfficeError,
    WrongPassphraseError,
    WrongRecoveryCodeError,
)
from companion.store import folder_lock, keys
from companion.store.backup_manifest import BackupInfo
from companion.store.rekey import unlock_store_key

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CurrentStore:
    """The store a restore would replace, as its proven secret unlocks it."""

    store_id: str
    key_fingerprint: str


def prove_current_store(folder: Path, secret: str) -> CurrentStore | None:
    """The store in ``folder`` unlocked by ``secret`` (its passphrase, or its recovery
    code); None when there is no key file to prove anything against.

    Raises ``CurrentSecretError`` when ``secret`` opens neither copy of the key."""
    if not (folder / keys.KEY_FILE_NAME).exists():
        return None
    held = folder_lock.hold(folder, wait_seconds=0)
    try:
        try:
            key_file = keys.KeyFile.load(folder)
        except KeyFileError as error:
            log.warning("the key file of the store being replaced is unusable (%s)", error.reason)
            return None
        for unlock in (
            lambda candidate: candidate.unlock(secret),
            lambda candidate: candidate.unlock_with_recovery(secret),
        ):
            try:
                in_force, database_key = unlock_store_key(folder, key_file, unlock)
            except (WrongPassphraseError, WrongRecoveryCodeError):
                continue
            except NotAStoreError:  # an interrupted re-key whose keys open nothing
                log.warning("the store being replaced opens with neither of its keys")
                return None
            return CurrentStore(in_force.store_id, keys.key_fingerprint(database_key))
    finally:
        held.release()
    raise CurrentSecretError(str(folder))


def check_consent(
    current: CurrentStore | None,
    backup: BackupInfo,
    allow_other_office: bool = False,
    allow_other_keys: bool = False,
) -> None:
    """Refuse a backup of another office, or sealed with other keys, without consent."""
    if current is None:
        return
    if current.store_id != backup.store_id:
        if not allow_other_office:
            raise OtherOfficeError(backup.store_id, current.store_id)
        return
    same_keys = hmac.compare_digest(current.key_fingerprint, backup.key_fingerprint)
    if not same_keys and not allow_other_keys:
        raise BackupKeysDifferError(backup.created_at)


def keys_differ(current: CurrentStore | None, backup: BackupInfo) -> bool:
    """Whether restoring ``backup`` brings back other keys than the store's own."""
    return current is not None and not hmac.compare_digest(
        current.key_fingerprint, backup.key_fingerprint
    )
