"""Getting passphrases: asked on a terminal, otherwise from the environment.

The current passphrase comes from ``COMPANION_PASSPHRASE``, a new one (``companion
passphrase``) from ``COMPANION_NEW_PASSPHRASE``. ``companion restore`` reads the backup's
passphrase from ``COMPANION_PASSPHRASE`` and, only when that does not open the store it
replaces, the store's own passphrase or recovery code from ``COMPANION_STORE_PASSPHRASE``.
"""

from __future__ import annotations

import getpass
import os
import sys

from companion.errors import CompanionError

ENVIRONMENT_VARIABLE = "COMPANION_PASSPHRASE"
NEW_ENVIRONMENT_VARIABLE = "COMPANION_NEW_PASSPHRASE"
STORE_ENVIRONMENT_VARIABLE = "COMPANION_STORE_PASSPHRASE"


class NoPassphraseError(CompanionError):
    code = "no_passphrase"

    def __init__(self, variable: str = ENVIRONMENT_VARIABLE) -> None:
        super().__init__(variable)
        self.variable = variable


class PassphrasesDifferError(CompanionError):
    """The new passphrase was typed twice, differently."""

    code = "passphrases_differ"


def read_passphrase(prompt: str, variable: str = ENVIRONMENT_VARIABLE) -> str:
    """A passphrase from ``variable`` in the environment, or typed on a terminal."""
    from_environment = os.environ.get(variable)
    if from_environment is not None:
        return from_environment
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    raise NoPassphraseError(variable)


def read_new_passphrase(prompt: str, again_prompt: str) -> str:
    """A new passphrase: from ``COMPANION_NEW_PASSPHRASE``, or typed twice on a terminal."""
    from_environment = os.environ.get(NEW_ENVIRONMENT_VARIABLE)
    if from_environment is not None:
        return from_environment
    if not sys.stdin.isatty():
        raise NoPassphraseError(NEW_ENVIRONMENT_VARIABLE)
    first = getpass.getpass(prompt)
    if getpass.getpass(again_prompt) != first:
        raise PassphrasesDifferError()
    return first
