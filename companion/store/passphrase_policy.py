"""What makes a passphrase acceptable for protecting the store."""

from __future__ import annotations

import itertools
from functools import lru_cache

from companion.errors import WeakPassphraseError
from companion.paths import resource_path

MINIMUM_LENGTH = 10


@lru_cache(maxsize=1)
def _common_passphrases() -> frozenset[str]:
    path = resource_path("security", "common-passphrases.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and line[0] != "#")


def _is_too_simple(passphrase: str) -> bool:
    """One repeated character, or a straight run such as ``abcdefghij`` or ``9876543210``."""
    folded = passphrase.lower()
    if len(set(folded)) <= 2:
        return True
    steps = {ord(b) - ord(a) for a, b in itertools.pairwise(folded)}
    return steps <= {1} or steps <= {-1}


def check_new_passphrase(passphrase: str) -> None:
    """Raise ``WeakPassphraseError`` with a reason code if ``passphrase`` is not good enough."""
    if len(passphrase) < MINIMUM_LENGTH:
        raise WeakPassphraseError("too_short", MINIMUM_LENGTH)
    folded = passphrase.lower()
    if folded in _common_passphrases() or folded.replace(" ", "") in _common_passphrases():
        raise WeakPassphraseError("too_common", MINIMUM_LENGTH)
    if _is_too_simple(passphrase):
        raise WeakPassphraseError("too_simple", MINIMUM_LENGTH)
