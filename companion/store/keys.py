"""The store's key, and the two ways to reach it: the passphrase and the recovery code.

The database key is 32 random bytes. It never leaves memory unwrapped: the key file
holds two copies of it, each sealed with AES-GCM under a key derived (Argon2id, see
``companion.store.kdf``) from the staff passphrase or from the recovery code. Changing
the passphrase re-seals the same key; re-keying (``companion.store.rekey``) replaces the
key itself, so that no earlier key file opens the store.

Every value read from a key file is checked before it is used: a key file that is not a
regular file, is malformed, or names costs out of bounds raises ``KeyFileError``.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import json
import os
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from companion.errors import KeyFileError, WrongPassphraseError, WrongRecoveryCodeError
from companion.private_files import write_private_file
from companion.store import kdf

KEY_FILE_NAME = "keys.json"
KEY_FILE_FORMAT = 1
#: The passphrase of the fictional demo office (``companion demo``); far too short for the
#: passphrase policy, so no real store can have it.
DEMO_PASSPHRASE = "demo"
DATABASE_KEY_BYTES = 32
SALT_BYTES = 16
NONCE_BYTES = 12
#: AES-GCM adds a 16-byte tag to the 32-byte key it seals.
SEALED_KEY_BYTES = DATABASE_KEY_BYTES + 16
#: No genuine key file comes near this; a bigger one is not read.
MAX_KEY_FILE_BYTES = 64 * 1024

_RECOVERY_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"  # no 0/O, 1/I/L, U
RECOVERY_GROUPS = 6
RECOVERY_GROUP_LENGTH = 5


_FINGERPRINT_LABEL = b"court-companion key fingerprint"


def key_fingerprint(database_key: bytes) -> str:
    """A name for a database key that reveals nothing of it: two stores or backups have
    the same fingerprint only when they are sealed with the same key."""
    import hashlib
    import hmac

    return hmac.new(database_key, _FINGERPRINT_LABEL, hashlib.sha256).hexdigest()


def encode_bytes(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def decode_field(data: dict[str, object], name: str, size: range, where: str) -> bytes:
    text = data.get(name)
    if not isinstance(text, str):
        raise KeyFileError(where, f"{name} is missing")
    try:
        value = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError) as error:
        raise KeyFileError(where, f"{name} is not base64") from error
    if len(value) not in size:
        raise KeyFileError(where, f"{name} has {len(value)} bytes")
    return value


@dataclass(frozen=True)
class SealedKey:
    """The database key sealed under a secret (passphrase or recovery code)."""

    salt: bytes
    nonce: bytes
    ciphertext: bytes
    cost: kdf.KdfCost

    @classmethod
    def seal(cls, database_key: bytes, secret: str, purpose: bytes, cost: kdf.KdfCost) -> SealedKey:
        salt = os.urandom(SALT_BYTES)
        nonce = os.urandom(NONCE_BYTES)
        wrapping = cost.derive(secret.encode("utf-8"), salt)
        from cryptography.hazmat.primitives.ciphers.aead import (
            AESGCM,  # loaded when first needed, see open()
        )

        ciphertext = AESGCM(wrapping).encrypt(nonce, database_key, purpose)
        return cls(salt, nonce, ciphertext, cost)

    def open(self, secret: str, purpose: bytes) -> bytes | None:
        """The database key, or ``None`` if ``secret`` is wrong."""
        wrapping = self.cost.derive(secret.encode("utf-8"), self.salt)
        # Imported here, not at the top: the unlock screen reads the key file before anyone
        # types, and should not wait for the cipher library to load.
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        try:
            return AESGCM(wrapping).decrypt(self.nonce, self.ciphertext, purpose)
        except InvalidTag:
            return None

    def to_json(self) -> dict[str, object]:
        return {
            **self.cost.to_json(),
            "salt": encode_bytes(self.salt),
            "nonce": encode_bytes(self.nonce),
            "ciphertext": encode_bytes(self.ciphertext),
        }

    @classmethod
    def from_json(cls, data: object, where: str) -> SealedKey:
        if not isinstance(data, dict):
            raise KeyFileError(where, "a sealed key is missing")
        return cls(
            salt=decode_field(data, "salt", range(SALT_BYTES, 65), where),
            nonce=decode_field(data, "nonce", range(NONCE_BYTES, NONCE_BYTES + 1), where),
            ciphertext=decode_field(
                data, "ciphertext", range(SEALED_KEY_BYTES, SEALED_KEY_BYTES + 1), where
            ),
            cost=kdf.cost_from_json(data, where),
        )


_PASSPHRASE = b"court-companion passphrase"
_RECOVERY = b"court-companion recovery code"


# ``secrets`` is imported where keys are made, not at the top: the unlock screen reads this
# module (the key file's name and demo mark) and should not wait for OpenSSL's hashes.


def new_database_key() -> bytes:
    import secrets

    return secrets.token_bytes(DATABASE_KEY_BYTES)


def new_recovery_code() -> str:
    """Thirty letters and digits in six groups: ``K7QPM-...``; about 147 bits."""
    import secrets

    groups = [
        "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(RECOVERY_GROUP_LENGTH))
        for _ in range(RECOVERY_GROUPS)
    ]
    return "-".join(groups)


def normalise_recovery_code(text: str) -> str:
    """Accept the code however it was typed back: any case, with or without spaces or dashes."""
    cleaned = "".join(ch for ch in text.upper() if ch.isascii() and ch.isalnum())
    size = RECOVERY_GROUP_LENGTH
    return "-".join(cleaned[i : i + size] for i in range(0, len(cleaned), size))


@dataclass
class KeyFile:
    """The key file beside the database: ``keys.json``. It holds no secret in the clear."""

    store_id: str
    by_passphrase: SealedKey
    by_recovery: SealedKey
    #: Made by ``companion demo`` with ``DEMO_PASSPHRASE``. Only a hint for the unlock
    #: screen (which then names the demo passphrase); nothing else trusts it.
    demo: bool = False

    @classmethod
    def create(cls, database_key: bytes, passphrase: str, recovery_code: str) -> KeyFile:
        import secrets

        return cls(
            store_id=secrets.token_hex(8),
            by_passphrase=_seal_passphrase(database_key, passphrase),
            by_recovery=_seal_recovery_code(database_key, recovery_code),
        )

    def unlock(self, passphrase: str) -> bytes:
        key = self.by_passphrase.open(passphrase, _PASSPHRASE)
        if key is None:
            raise WrongPassphraseError()
        return key

    def unlock_with_recovery(self, recovery_code: str) -> bytes:
        key = self.by_recovery.open(normalise_recovery_code(recovery_code), _RECOVERY)
        if key is None:
            raise WrongRecoveryCodeError()
        return key

    def with_new_passphrase(self, database_key: bytes, passphrase: str) -> KeyFile:
        return KeyFile(
            self.store_id,
            _seal_passphrase(database_key, passphrase),
            self.by_recovery,
            demo=False,  # the demo passphrase cannot be chosen again
        )

    def with_new_recovery_code(self, database_key: bytes, recovery_code: str) -> KeyFile:
        return dataclasses.replace(
            self, by_recovery=_seal_recovery_code(database_key, recovery_code)
        )

    def with_new_key(self, database_key: bytes, passphrase: str, recovery_code: str) -> KeyFile:
        """The same store sealed around a new database key (see ``companion.store.rekey``)."""
        return KeyFile(
            self.store_id,
            _seal_passphrase(database_key, passphrase),
            _seal_recovery_code(database_key, recovery_code),
            demo=False,
        )

    @property
    def passphrase_seal_is_outdated(self) -> bool:
        """Whether the passphrase copy was sealed with a weaker derivation than new ones."""
        return self.by_passphrase.cost.is_weaker_than(kdf.PASSPHRASE_COST)

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "format": KEY_FILE_FORMAT,
            "store_id": self.store_id,
            "passphrase": self.by_passphrase.to_json(),
            "recovery_code": self.by_recovery.to_json(),
        }
        if self.demo:
            data["demo"] = True
        return data

    def save(self, folder: Path, name: str = KEY_FILE_NAME) -> None:
        """Write atomically and privately (0600): a crash leaves the old file or the new one,
        never half of each."""
        write_private_file(folder / name, json.dumps(self.to_json(), indent=2).encode("utf-8"))

    @classmethod
    def from_json(cls, data: object, where: str) -> KeyFile:
        if not isinstance(data, dict) or data.get("format") != KEY_FILE_FORMAT:
            raise KeyFileError(where, "not a key file of this format")
        store_id = data.get("store_id")
        if not isinstance(store_id, str) or not 0 < len(store_id) <= 64:
            raise KeyFileError(where, "store_id is missing")
        return cls(
            store_id=store_id,
            by_passphrase=SealedKey.from_json(data.get("passphrase"), where),
            by_recovery=SealedKey.from_json(data.get("recovery_code"), where),
            demo=data.get("demo") is True,
        )

    @classmethod
    def load(cls, folder: Path, name: str = KEY_FILE_NAME) -> KeyFile:
        return cls.from_json(read_key_file_json(folder / name), str(folder / name))


def unlock_ahead(folder: Path, passphrase: str) -> None:
    """Start deriving the key that the passphrase copy in the folder's key file is sealed
    under, on a worker thread (``kdf.derive_ahead``), so that ``KeyFile.unlock`` finds it
    ready. A key file that cannot be read starts nothing: the unlock itself says why."""
    try:
        sealed = KeyFile.load(folder).by_passphrase
    except KeyFileError:
        return
    kdf.derive_ahead(sealed.cost, passphrase.encode("utf-8"), sealed.salt)
    # The cipher that opens the sealed key, loaded now rather than once the key is there.
    import cryptography.exceptions
    import cryptography.hazmat.primitives.ciphers.aead  # noqa: F401


def read_key_file_json(path: Path) -> object:
    """The parsed JSON of a key file; ``KeyFileError`` if it is not a small, readable file."""
    where = str(path)
    try:
        if path.is_dir():
            raise KeyFileError(where, "a folder", reason="not_a_file")
        # Opened without waiting, then checked: reading a named pipe planted in its place
        # would otherwise block every start for good.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise KeyFileError(where, "not a regular file", reason="not_a_file")
            raw = handle.read(MAX_KEY_FILE_BYTES + 1)
    except FileNotFoundError as error:
        raise missing_key_file(path) from error
    except OSError as error:
        detail = error.strerror or type(error).__name__
        raise KeyFileError(where, detail, reason="unreadable") from error
    if len(raw) > MAX_KEY_FILE_BYTES:
        raise KeyFileError(where, "too large")
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise KeyFileError(where, "not JSON") from error


def missing_key_file(path: Path) -> KeyFileError:
    """The error for a store whose key file is not there."""
    return KeyFileError(str(path), "missing", reason="missing")


def _seal_passphrase(database_key: bytes, passphrase: str) -> SealedKey:
    return SealedKey.seal(database_key, passphrase, _PASSPHRASE, kdf.PASSPHRASE_COST)


def _seal_recovery_code(database_key: bytes, recovery_code: str) -> SealedKey:
    return SealedKey.seal(
        database_key, normalise_recovery_code(recovery_code), _RECOVERY, kdf.RECOVERY_CODE_COST
    )


class UnlockThrottle:
    """A growing wait after each wrong passphrase: none after the first, then 2, 4, 8... s.

    The wait is at most 30 seconds.
    Kept in memory only: a failed attempt never writes to disk.
    """

    MAXIMUM_DELAY = 30.0

    def __init__(self, clock: object = time.monotonic) -> None:
        self._clock = clock
        self.failures = 0
        self._not_before = 0.0

    def _now(self) -> float:
        clock = self._clock
        assert callable(clock)
        return float(clock())

    def seconds_to_wait(self) -> float:
        return max(0.0, self._not_before - self._now())

    def record_failure(self) -> float:
        self.failures += 1
        delay = min(self.MAXIMUM_DELAY, float(2 ** (self.failures - 1))) if self.failures > 1 else 0
        self._not_before = self._now() + delay
        return delay

    def record_success(self) -> None:
        self.failures = 0
        self._not_before = 0.0
