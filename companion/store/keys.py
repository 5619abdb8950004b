"""The store's key, and the two ways to reach it: the passphrase and the recovery code.

The database key is 32 random bytes. It never leaves memory unwrapped: the key file
holds two copies of it, each sealed with AES-GCM under a key derived by scrypt
(memory-hard) from the staff passphrase or from the recovery code. Changing the
passphrase re-seals the same key, so the database itself is not re-encrypted.
"""

from __future__ import annotations

import base64
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from companion.errors import NotAStoreError, WrongPassphraseError, WrongRecoveryCodeError

KEY_FILE_NAME = "keys.json"
KEY_FILE_FORMAT = 1
#: The passphrase of the fictional demo office (``companion demo``); far too short for the
#: passphrase policy, so no real store can have it.
DEMO_PASSPHRASE = "demo"
DATABASE_KEY_BYTES = 32

# scrypt with N=2**15, r=8 uses 32 MiB of memory and takes about 0.1 s on an office laptop.
SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1

_RECOVERY_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"  # no 0/O, 1/I/L, U
RECOVERY_GROUPS = 6
RECOVERY_GROUP_LENGTH = 5


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"))


@dataclass(frozen=True)
class SealedKey:
    """The database key sealed under a secret (passphrase or recovery code)."""

    salt: bytes
    nonce: bytes
    ciphertext: bytes
    n: int = SCRYPT_N
    r: int = SCRYPT_R
    p: int = SCRYPT_P

    @staticmethod
    def _derive(secret: str, salt: bytes, n: int, r: int, p: int) -> bytes:
        # scrypt from the same library as the cipher (both OpenSSL underneath; the result is
        # the same as hashlib.scrypt's), so the app needs no second copy of OpenSSL.
        from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

        return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(secret.encode("utf-8"))

    @classmethod
    def seal(cls, database_key: bytes, secret: str, purpose: bytes) -> SealedKey:
        salt = os.urandom(16)
        nonce = os.urandom(12)
        wrapping = cls._derive(secret, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
        from cryptography.hazmat.primitives.ciphers.aead import (
            AESGCM,  # loaded when first needed, see open()
        )

        ciphertext = AESGCM(wrapping).encrypt(nonce, database_key, purpose)
        return cls(salt, nonce, ciphertext)

    def open(self, secret: str, purpose: bytes) -> bytes | None:
        """The database key, or ``None`` if ``secret`` is wrong."""
        wrapping = self._derive(secret, self.salt, self.n, self.r, self.p)
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
            "kdf": "scrypt",
            "n": self.n,
            "r": self.r,
            "p": self.p,
            "salt": _b64(self.salt),
            "nonce": _b64(self.nonce),
            "ciphertext": _b64(self.ciphertext),
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> SealedKey:
        return cls(
            salt=_unb64(str(data["salt"])),
            nonce=_unb64(str(data["nonce"])),
            ciphertext=_unb64(str(data["ciphertext"])),
            n=int(str(data["n"])),
            r=int(str(data["r"])),
            p=int(str(data["p"])),
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
            by_passphrase=SealedKey.seal(database_key, passphrase, _PASSPHRASE),
            by_recovery=SealedKey.seal(
                database_key, normalise_recovery_code(recovery_code), _RECOVERY
            ),
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
            SealedKey.seal(database_key, passphrase, _PASSPHRASE),
            self.by_recovery,
            demo=False,  # the demo passphrase cannot be chosen again
        )

    def save(self, folder: Path) -> None:
        """Write atomically: a crash leaves the old file or the new one, never half of each."""
        data: dict[str, object] = {
            "format": KEY_FILE_FORMAT,
            "store_id": self.store_id,
            "passphrase": self.by_passphrase.to_json(),
            "recovery_code": self.by_recovery.to_json(),
        }
        if self.demo:
            data["demo"] = True
        target = folder / KEY_FILE_NAME
        temporary = folder / (KEY_FILE_NAME + ".tmp")
        with open(temporary, "w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=2)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
        _fsync_folder(folder)

    @classmethod
    def load(cls, folder: Path) -> KeyFile:
        path = folder / KEY_FILE_NAME
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != KEY_FILE_FORMAT:
                raise NotAStoreError(str(path))
            return cls(
                store_id=str(data["store_id"]),
                by_passphrase=SealedKey.from_json(data["passphrase"]),
                by_recovery=SealedKey.from_json(data["recovery_code"]),
                demo=data.get("demo") is True,
            )
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise NotAStoreError(str(path)) from error


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


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
