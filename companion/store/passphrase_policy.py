"""What makes a passphrase acceptable for protecting the store.

Strength is judged by zxcvbn, which estimates how many guesses an attacker who knows
common passwords, words, names, dates and keyboard patterns would need. A passphrase
must need at least 10^10 guesses (zxcvbn's top score, 4): the key file travels inside
every backup, so a lost USB stick allows guessing offline, at Argon2id's pace.

The result is a score for a meter and a reason code (never a sentence: the UI and the CLI
translate it, see ``companion.messages.PASSPHRASE_REASONS``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from companion.errors import WeakPassphraseError

MINIMUM_LENGTH = 10
#: zxcvbn's scores run from 0 (guessed at once) to 4 (10^10 guesses or more).
BEST_SCORE = 4
ACCEPTED_SCORE = 4
#: zxcvbn refuses longer input; what follows adds strength, so the start is what it judges.
_ESTIMATED_LENGTH = 72

#: Words tied to this app and its users: the first an attacker who knows the office tries.
APP_WORDS: tuple[str, ...] = (
    "court",
    "courts",
    "companion",
    "courtcompanion",
    "legal",
    "legalaid",
    "aid",
    "witness",
    "victim",
    "advocate",
    "hearing",
    "justice",
    "attorney",
    "lawyer",
    "office",
    "passphrase",
    "password",
)


@dataclass(frozen=True)
class PassphraseStrength:
    """``score`` 0 to 4 for a meter; ``reason`` says what is wrong (``None`` when accepted)."""

    score: int
    reason: str | None

    @property
    def acceptable(self) -> bool:
        return self.reason is None


def _reason(passphrase: str, sequence: Sequence[dict[str, Any]]) -> str:
    """The most telling weakness among the pieces zxcvbn found, as a reason code."""
    patterns = {match.get("pattern") for match in sequence}
    dictionaries = {match.get("dictionary_name") for match in sequence}
    longest_password = max(
        (len(str(m.get("token", ""))) for m in sequence if m.get("dictionary_name") == "passwords"),
        default=0,
    )
    if "user_inputs" in dictionaries:
        return "about_the_app"
    words = [m for m in sequence if m.get("pattern") == "dictionary" and str(m["token"]).isalpha()]
    if longest_password * 2 >= len(passphrase) and len(words) <= 1:
        return "too_common"  # one common password, give or take a few characters
    if "spatial" in patterns:
        return "keyboard_pattern"
    if "date" in patterns or "regex" in patterns:
        return "dates"
    if "repeat" in patterns:
        return "repeated"
    if "sequence" in patterns:
        return "sequence"
    return "too_guessable"


def judge_passphrase(passphrase: str, extra_words: Iterable[str] = ()) -> PassphraseStrength:
    """How strong ``passphrase`` is, and why it is refused if it is.

    ``extra_words`` are words an attacker would try first too (the office's name).
    """
    from zxcvbn import zxcvbn  # about 0.1 s to load its word lists; only setup needs it

    if not passphrase:
        return PassphraseStrength(0, "too_short")
    words = [*APP_WORDS, *(word.lower() for word in extra_words if word)]
    result = zxcvbn(passphrase[:_ESTIMATED_LENGTH], user_inputs=words)
    score = int(result["score"])
    if len(passphrase) < MINIMUM_LENGTH:
        return PassphraseStrength(min(score, BEST_SCORE - 1), "too_short")
    if score < ACCEPTED_SCORE:
        return PassphraseStrength(
            score, _reason(passphrase[:_ESTIMATED_LENGTH], result["sequence"])
        )
    return PassphraseStrength(score, None)


def check_new_passphrase(passphrase: str, extra_words: Iterable[str] = ()) -> None:
    """Raise ``WeakPassphraseError`` with a reason code if ``passphrase`` is not good enough."""
    strength = judge_passphrase(passphrase, extra_words)
    if strength.reason is not None:
        raise WeakPassphraseError(strength.reason, MINIMUM_LENGTH, strength.score)
