"""A small reading-level measure for the English guidance, without a dependency.

It reports average words per sentence, the share of long words (three or more
syllables) and a Flesch-Kincaid grade computed from an estimated syllable count.
Syllables are estimated by counting vowel groups, which is rough for single words but
close enough over a whole topic to keep the text at a 6th to 8th grade level.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_WORD_RE = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
_SENTENCE_END_RE = re.compile(r"[.!?]+(?=\s|$|[\"”’)])")
_VOWEL_GROUP_RE = re.compile(r"[aeiouy]+")
_CITATION_RE = re.compile(r"\[\d+(?:\s*,\s*\d+)*\]")
# Abbreviations whose dots do not end a sentence.
_ABBREVIATIONS = ("U.S.", "e.g.", "i.e.")


def estimate_syllables(word: str) -> int:
    """Vowel groups, less a silent final ``e``, ``-ed`` or ``-es``; at least one."""
    lowered = word.lower().replace("’", "'").split("'")[0]
    groups = len(_VOWEL_GROUP_RE.findall(lowered))
    if lowered.endswith("e") and not lowered.endswith(("le", "ee", "ye")) and groups > 1:
        groups -= 1
    if (
        lowered.endswith(("ed", "es"))
        and groups > 1
        and not lowered.endswith(("ted", "ded", "ses", "zes", "ces", "ges"))
    ):
        groups -= 1
    return max(1, groups)


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    syllables: int
    long_words: int

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def long_word_share(self) -> float:
        return self.long_words / self.words if self.words else 0.0

    @property
    def grade(self) -> float:
        """Flesch-Kincaid grade level."""
        if not self.words or not self.sentences:
            return 0.0
        return 0.39 * self.words_per_sentence + 11.8 * (self.syllables / self.words) - 15.59


def _sentences(text: str) -> list[str]:
    for abbreviation in _ABBREVIATIONS:
        text = text.replace(abbreviation, abbreviation.replace(".", ""))
    text = _CITATION_RE.sub("", text)
    parts = [part.strip() for part in _SENTENCE_END_RE.split(text)]
    return [part for part in parts if _WORD_RE.search(part)]


def measure(texts: Iterable[str]) -> Readability:
    """Measure running text given as paragraphs or list items (each ends a sentence)."""
    words = sentences = syllables = long_words = 0
    for text in texts:
        for sentence in _sentences(text):
            sentences += 1
            for word in _WORD_RE.findall(sentence):
                count = estimate_syllables(word)
                words += 1
                syllables += count
                long_words += count >= 3
    return Readability(words, sentences, syllables, long_words)
