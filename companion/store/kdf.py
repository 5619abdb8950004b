"""Turning a secret (passphrase or recovery code) into the key that seals the database key.

New key files use Argon2id (RFC 9106). Key files written before it used scrypt; those
still open, and ``Store.open`` re-seals the passphrase copy with Argon2id at the next
unlock (``KdfCost.is_weaker_than``).

Every cost read from a key file is checked against fixed bounds before any work is
done: a crafted ``keys.json`` must not make the app hang or run out of memory.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from companion.errors import KeyFileError

WRAPPING_KEY_BYTES = 32


@dataclass(frozen=True)
class Argon2idCost:
    """Argon2id's three costs: passes over memory, memory in KiB, and parallel lanes."""

    time_cost: int
    memory_kib: int
    lanes: int

    #: Bounds for costs read from a key file. The largest accepted cost takes a few seconds
    #: and 1 GiB; anything beyond is refused, not attempted.
    MIN_TIME: ClassVar[int] = 1
    MAX_TIME: ClassVar[int] = 10
    MIN_MEMORY_KIB: ClassVar[int] = 8
    MAX_MEMORY_KIB: ClassVar[int] = 2**20
    MIN_LANES: ClassVar[int] = 1
    MAX_LANES: ClassVar[int] = 16

    def check_bounds(self, where: str) -> None:
        if not self.MIN_TIME <= self.time_cost <= self.MAX_TIME:
            raise KeyFileError(where, f"argon2id t={self.time_cost}")
        if not self.MIN_LANES <= self.lanes <= self.MAX_LANES:
            raise KeyFileError(where, f"argon2id p={self.lanes}")
        if not max(self.MIN_MEMORY_KIB, 8 * self.lanes) <= self.memory_kib <= self.MAX_MEMORY_KIB:
            raise KeyFileError(where, f"argon2id m={self.memory_kib}")

    def derive(self, secret: bytes, salt: bytes) -> bytes:
        from argon2.low_level import Type, hash_secret_raw

        return hash_secret_raw(
            secret,
            salt,
            time_cost=self.time_cost,
            memory_cost=self.memory_kib,
            parallelism=self.lanes,
            hash_len=WRAPPING_KEY_BYTES,
            type=Type.ID,
        )

    def is_weaker_than(self, other: KdfCost) -> bool:
        if not isinstance(other, Argon2idCost):
            return False
        return self.memory_kib < other.memory_kib or self.time_cost < other.time_cost

    def to_json(self) -> dict[str, object]:
        return {"kdf": "argon2id", "t": self.time_cost, "m": self.memory_kib, "p": self.lanes}


@dataclass(frozen=True)
class ScryptCost:
    """scrypt's costs, as key files written before Argon2id hold them (N=2^15, r=8, p=1)."""

    n: int
    r: int
    p: int

    MIN_N: ClassVar[int] = 2**10
    MAX_N: ClassVar[int] = 2**20
    MAX_R: ClassVar[int] = 32
    MAX_P: ClassVar[int] = 16
    #: scrypt needs 128 * N * r bytes; at most 256 MiB is allowed.
    MAX_MEMORY_BYTES: ClassVar[int] = 2**28

    def check_bounds(self, where: str) -> None:
        if not self.MIN_N <= self.n <= self.MAX_N or self.n & (self.n - 1):
            raise KeyFileError(where, f"scrypt n={self.n}")
        if not 1 <= self.r <= self.MAX_R:
            raise KeyFileError(where, f"scrypt r={self.r}")
        if not 1 <= self.p <= self.MAX_P:
            raise KeyFileError(where, f"scrypt p={self.p}")
        if 128 * self.n * self.r > self.MAX_MEMORY_BYTES:
            raise KeyFileError(where, f"scrypt n={self.n} r={self.r}")

    def derive(self, secret: bytes, salt: bytes) -> bytes:
        # scrypt from the same library as the cipher (OpenSSL underneath; the result is the
        # same as hashlib.scrypt's).
        from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

        return Scrypt(salt=salt, length=WRAPPING_KEY_BYTES, n=self.n, r=self.r, p=self.p).derive(
            secret
        )

    def is_weaker_than(self, other: KdfCost) -> bool:
        # Any scrypt cost we ever wrote is weaker than Argon2id's; scrypt is never chosen now.
        return isinstance(other, Argon2idCost)

    def to_json(self) -> dict[str, object]:
        return {"kdf": "scrypt", "n": self.n, "r": self.r, "p": self.p}


KdfCost = Argon2idCost | ScryptCost

#: The passphrase copy: RFC 9106's second recommended option (t=3, p=4) with its memory
#: doubled to 128 MiB, which takes about 0.5 s on the office laptops we measured
#: (``make bench`` reports it). Tests lower it (tests/conftest.py) to stay quick.
DEFAULT_PASSPHRASE_COST = Argon2idCost(time_cost=3, memory_kib=2**17, lanes=4)
PASSPHRASE_COST = DEFAULT_PASSPHRASE_COST
#: The recovery-code copy. The code carries about 147 random bits, so stretching it adds
#: nothing an attacker would notice; a light cost keeps setup and re-keying quick.
RECOVERY_CODE_COST = Argon2idCost(time_cost=1, memory_kib=2**13, lanes=1)


def _integer(data: dict[str, object], name: str, where: str) -> int:
    value = data.get(name)
    if isinstance(value, bool) or not isinstance(value, int):
        raise KeyFileError(where, f"{name} is not a whole number")
    return value


def cost_from_json(data: dict[str, object], where: str) -> KdfCost:
    """The cost a key file names, checked against the bounds; ``KeyFileError`` if not."""
    kind = data.get("kdf")
    cost: KdfCost
    if kind == "argon2id":
        cost = Argon2idCost(
            _integer(data, "t", where), _integer(data, "m", where), _integer(data, "p", where)
        )
    elif kind == "scrypt":
        cost = ScryptCost(
            _integer(data, "n", where), _integer(data, "r", where), _integer(data, "p", where)
        )
    else:
        raise KeyFileError(where, f"unknown kdf {str(kind)[:20]!r}")
    cost.check_bounds(where)
    return cost
