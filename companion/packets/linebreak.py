"""Where a line may break: after spaces, between Chinese or Japanese characters (not
before closing or after opening punctuation), after a hyphen inside a word, and, only
when a word is wider than the whole line, between any two grapheme clusters."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_NO_LINE_START = frozenset(
    "、。，．：；！？）」』】〕〉》｝〗〙〛’”ー々〻ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ・…‥"
    ",.;:!?)]}%"
)
_NO_LINE_END = frozenset("（「『【〔〈《｛〖〘〚‘“([{")
_HYPHENS = frozenset("-\u2010")
_IDEOGRAPHIC_RANGES = (
    (0x2E80, 0x2FDF),
    (0x3000, 0x303F),
    (0x3040, 0x30FF),
    (0x3100, 0x312F),
    (0x31A0, 0x31FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0xFE30, 0xFE4F),
    (0xFF01, 0xFF0F),
    (0xFF1A, 0xFF20),
    (0xFF3B, 0xFF40),
    (0xFF5B, 0xFF65),
    (0x20000, 0x3FFFF),
)


@lru_cache(maxsize=4096)
def is_ideographic(char: str) -> bool:
    """Han, kana and CJK punctuation: a line may break between two of these."""
    code = ord(char)
    return any(low <= code <= high for low, high in _IDEOGRAPHIC_RANGES)


@lru_cache(maxsize=4096)
def _joins_previous(char: str) -> bool:
    """True if ``char`` belongs to the grapheme cluster before it."""
    return (
        unicodedata.category(char) in ("Mn", "Mc", "Me", "Cf")
        or char in "\u200c\u200d"
        or 0xFE00 <= ord(char) <= 0xFE0F
    )


def break_opportunities(text: str) -> list[int]:
    """Indices ``i`` (``0 < i < len(text)``) where a new line may start at ``text[i]``."""
    breaks: list[int] = []
    for index in range(1, len(text)):
        previous, current = text[index - 1], text[index]
        if _joins_previous(current) or current == " ":
            continue
        between_ideographs = (
            is_ideographic(previous)
            and is_ideographic(current)
            and current not in _NO_LINE_START
            and previous not in _NO_LINE_END
        )
        after_hyphen = (
            previous in _HYPHENS and index >= 2 and text[index - 2].isalpha() and current.isalpha()
        )
        if previous == " " or between_ideographs or after_hyphen:
            breaks.append(index)
    return breaks


def grapheme_boundaries(text: str) -> list[int]:
    """Indices where a grapheme cluster starts (excluding 0), for emergency breaks."""
    boundaries: list[int] = []
    for index in range(1, len(text)):
        if _joins_previous(text[index]) or text[index - 1] == "\u200d":
            continue
        boundaries.append(index)
    return boundaries


_NO_BREAK_SPACE = "\u00a0"


def bind_numbers(text: str) -> str:
    """``text`` with each space next to a number made a no-break space when a word or
    number is on its other side: "45 minutes", "14 de dezembro de 2026", a phone number's
    groups stay on one line, and a line never starts with a lone number's unit."""
    if " " not in text or not any(char.isdigit() for char in text):
        return text
    chars = list(text)
    for index in range(1, len(chars) - 1):
        if chars[index] != " ":
            continue
        before, after = chars[index - 1], chars[index + 1]
        if (before.isdigit() and after.isalnum()) or (after.isdigit() and before.isalnum()):
            chars[index] = _NO_BREAK_SPACE
    return "".join(chars)
