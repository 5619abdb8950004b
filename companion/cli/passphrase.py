"""Getting the passphrase: asked on a terminal, otherwise from ``COMPANION_PASSPHRASE``."""

from __future__ import annotations

import getpass
import os
import sys

from companion.errors import CompanionError

ENVIRONMENT_VARIABLE = "COMPANION_PASSPHRASE"


class NoPassphraseError(CompanionError):
    code = "no_passphrase"


def read_passphrase(prompt: str) -> str:
    from_environment = os.environ.get(ENVIRONMENT_VARIABLE)
    if from_environment is not None:
        return from_environment
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    raise NoPassphraseError()
