"""Turning a secret (passphrase or recovery code) into the key that seals the database key.

New key files use Argon2id (RFC 9106). Key files written before it used scrypt; those
still open, and ``Store.open`` re-seals the passphrase copy with Argon2id at the next
unlock (``KdfCost.is_weaker_than``).

Every cost read from a key file is checked against fixed bounds before any work is
done: a crafted ``keys.json`` must not make the app hang or run out of memory.

A derivation can be started ahead (``derive_ahead``) on a worker thread, while the
program loads the rest of what it needs; the ``derive`` call with the same cost, secret
and salt then waits for that result instead of deriving again. Any other call derives
as usual, so a key file that changed in between is never opened with a stale key.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import ClassVar

from companion.errors import KeyCostError, KeyFileError

WRAPPING_KEY_BYTES = 32


def within(where: str, parameter: str, value: int, minimum: int, maximum: int) -> None:
    """``KeyCostError`` unless ``minimum <= value <= maximum``: checked before any work."""
    if not minimum <= value <= maximum:
        raise KeyCostError(where, parameter, value, minimum, maximum)


@dataclass(frozen=True)
class Argon2idCost:
    """Argon2id's three costs: passes over memory, memory in KiB, and parallel lanes."""

    time_cost: int
    memory_kib: int
    lanes: int

    #: Bounds for costs read from a key file, so that a planted ``keys.json`` can cost at
    #: most about four times today's passphrase derivation (``DEFAULT_PASSPHRASE_COST``,
    #: t=3 over 128 MiB): a few seconds per attempt, never minutes or all the memory.
    MIN_TIME: ClassVar[int] = 1
    MAX_TIME: ClassVar[int] = 4
    MIN_MEMORY_KIB: ClassVar[int] = 8
    MAX_MEMORY_KIB: ClassVar[int] = 2**18
    MIN_LANES: ClassVar[int] = 1
    MAX_LANES: ClassVar[int] = 8
    #: Passes times memory: the work of one attempt, whatever its shape.
    MAX_WORK_KIB: ClassVar[int] = 2**19

    def check_bounds(self, where: str) -> None:
        within(where, "argon2id t", self.time_cost, self.MIN_TIME, self.MAX_TIME)
        within(where, "argon2id p", self.lanes, self.MIN_LANES, self.MAX_LANES)
        within(
            where,
            "argon2id m",
            self.memory_kib,
            max(self.MIN_MEMORY_KIB, 8 * self.lanes),
            self.MAX_MEMORY_KIB,
        )
        within(where, "argon2id t*m", self.time_cost * self.memory_kib, 1, self.MAX_WORK_KIB)

    def derive(self, secret: bytes, salt: bytes) -> bytes:
        ahead = _result_ahead(self, secret, salt)
        return ahead if ahead is not None else self.derive_now(secret, salt)

    @staticmethod
    def load() -> None:
        """Import what ``derive_now`` needs (before a worker thread calls it)."""
        import argon2.low_level  # noqa: F401

    def derive_now(self, secret: bytes, salt: bytes) -> bytes:
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

    #: Bounds for costs read from a key file: at most about four times the cost key files
    #: were written with (N=2^15, r=8, p=1), and at most 128 MiB of memory.
    MIN_N: ClassVar[int] = 2**10
    MAX_N: ClassVar[int] = 2**17
    MAX_R: ClassVar[int] = 16
    MAX_P: ClassVar[int] = 4
    #: N * r * p: the work of one attempt. As scrypt needs 128 * N * r bytes, this also
    #: keeps its memory at 128 MiB or less.
    MAX_WORK: ClassVar[int] = 2**20

    def check_bounds(self, where: str) -> None:
        within(where, "scrypt n", self.n, self.MIN_N, self.MAX_N)
        if self.n & (self.n - 1):
            raise KeyFileError(where, f"scrypt n={self.n} is not a power of two")
        within(where, "scrypt r", self.r, 1, self.MAX_R)
        within(where, "scrypt p", self.p, 1, self.MAX_P)
        within(where, "scrypt n*r*p", self.n * self.r * self.p, 1, self.MAX_WORK)

    def derive(self, secret: bytes, salt: bytes) -> bytes:
        ahead = _result_ahead(self, secret, salt)
        return ahead if ahead is not None else self.derive_now(secret, salt)

    @staticmethod
    def load() -> None:
        """Import what ``derive_now`` needs (before a worker thread calls it)."""
        import cryptography.hazmat.primitives.kdf.scrypt  # noqa: F401

    def derive_now(self, secret: bytes, salt: bytes) -> bytes:
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


class _Derivation:
    """One derivation running on a worker thread (a daemon: it never holds up an exit)."""

    def __init__(self, cost: KdfCost, secret: bytes, salt: bytes) -> None:
        self._done = threading.Event()
        self._key: bytes | None = None
        self._error: BaseException | None = None
        cost.load()  # the worker imports nothing: see companion.cli.unlocking
        worker = threading.Thread(
            target=self._run, args=(cost, secret, salt), name="key derivation", daemon=True
        )
        worker.start()

    def _run(self, cost: KdfCost, secret: bytes, salt: bytes) -> None:
        try:
            self._key = cost.derive_now(secret, salt)
        except BaseException as error:  # handed to the thread that asks for the result
            self._error = error
        finally:
            self._done.set()

    def result(self) -> bytes:
        self._done.wait()
        if self._error is not None:
            raise self._error
        assert self._key is not None
        return self._key


_AHEAD: dict[tuple[KdfCost, bytes, bytes], _Derivation] = {}
_AHEAD_LOCK = threading.Lock()


def derive_ahead(cost: KdfCost, secret: bytes, salt: bytes) -> None:
    """Start deriving on a worker thread; the next ``cost.derive(secret, salt)`` takes
    the result (waiting for it if need be). The cost must already be within its bounds."""
    with _AHEAD_LOCK:
        if (cost, secret, salt) not in _AHEAD:
            _AHEAD[cost, secret, salt] = _Derivation(cost, secret, salt)


def _result_ahead(cost: KdfCost, secret: bytes, salt: bytes) -> bytes | None:
    """The result of a derivation started ahead with these inputs (used once), or
    ``None`` if there is none."""
    with _AHEAD_LOCK:
        started = _AHEAD.pop((cost, secret, salt), None)
    return None if started is None else started.result()


def forget_ahead() -> None:
    """Drop the derivations started ahead that no one took (their keys included)."""
    with _AHEAD_LOCK:
        _AHEAD.clear()
