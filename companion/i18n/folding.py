"""Folding text so that every way of writing a name matches: for search, not for display.

``fold`` makes two spellings of the same name equal:

* case (``casefold``) and compatibility forms (NFKC: full-width letters, ligatures);
* Latin, Greek and Cyrillic diacritics ("Đặng" and "Dang", "Zoë" and "Zoe");
* letters Unicode does not decompose: Vietnamese Đ/đ, and the stroked Ø, Ł and dotless ı;
* Arabic: the hamza and madda forms of alif (أ إ آ) and the wasla alif (ٱ) become ا,
  alif maqsura ى becomes ي, ta marbuta ة becomes ه, the tatweel ـ and the harakat
  (short vowels, shadda, sukun) go;
* Persian and Arabic keyboards: Persian ی and Arabic ي, Persian ک and Arabic ك are one;
* the zero-width non-joiner and joiner (Persian "می‌خواهم" typed without it);
* apostrophes and hyphens ("O'Brien", "OBrien"; "Jean-Pierre", "JeanPierre").

Hangul, Kana and Chinese characters are left alone: their marks are not accents.
"""

from __future__ import annotations

import unicodedata

# Combining marks dropped after decomposition: accents, not letters.
_DROPPED_MARK_RANGES = (
    (0x0300, 0x036F),  # Combining Diacritical Marks (Latin, Greek, Cyrillic)
    (0x1AB0, 0x1AFF),  # Combining Diacritical Marks Extended
    (0x1DC0, 0x1DFF),  # Combining Diacritical Marks Supplement
    (0x20D0, 0x20FF),  # Combining Diacritical Marks for Symbols
    (0xFE20, 0xFE2F),  # Combining Half Marks
    (0x0591, 0x05C7),  # Hebrew points and cantillation
    (0x0610, 0x061A),  # Arabic honorific and Quranic signs
    (0x064B, 0x065F),  # Arabic harakat, shadda, sukun, hamza and madda above/below
    (0x0670, 0x0670),  # Arabic superscript alif
    (0x06D6, 0x06ED),  # Arabic Quranic annotation signs
)

_LETTERS = str.maketrans(
    {
        "đ": "d",
        "ø": "o",
        "ł": "l",
        "ı": "i",
        "ٱ": "ا",  # alif wasla
        "ى": "ي",  # alif maqsura
        "ی": "ي",  # Persian yeh
        "ة": "ه",  # ta marbuta
        "ک": "ك",  # Persian keheh
    }
)

# Characters that are not there for matching: joiners, tatweel, apostrophes, hyphens.
IGNORED = frozenset(
    "\u200c\u200d"  # zero-width non-joiner, joiner
    "\u0640"  # Arabic tatweel
    "'\u2019\u2018\u02bc\u02bb`\u00b4"  # apostrophes (straight, curly, modifier letters)
    "-\u2010\u2011\u2012\u2013\u2014\u2212\u00ad"  # hyphens, dashes, minus, soft hyphen
)


# Scripts written without spaces between words, or with one syllable per character.
_IDEOGRAPHIC_RANGES = (
    (0x3040, 0x30FF),  # Hiragana, Katakana
    (0x3400, 0x4DBF),  # CJK Extension A
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs
    (0xAC00, 0xD7AF),  # Hangul syllables
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0x20000, 0x2FFFF),  # CJK Extensions B and later
)


def is_ideographic(ch: str) -> bool:
    """True for a Chinese character, Kana or Hangul syllable: a character that is a word
    or syllable by itself, which SQLite's tokenizer and our date reader take one at a time."""
    code = ord(ch)
    if code < _IDEOGRAPHIC_RANGES[0][0]:  # most names: nothing below Kana is ideographic
        return False
    return any(low <= code <= high for low, high in _IDEOGRAPHIC_RANGES)


def _dropped(ch: str) -> bool:
    code = ord(ch)
    if code < _DROPPED_MARK_RANGES[0][0]:  # Latin letters, digits, spaces: never marks
        return False
    return any(low <= code <= high for low, high in _DROPPED_MARK_RANGES)


def fold(text: str, keep: frozenset[str] = frozenset()) -> str:
    """``text`` folded for matching: see the module's description.

    Characters in ``keep`` (hyphens, apostrophes) are kept as they are, for callers that
    need to know where words joined by them meet.
    """
    compatible = unicodedata.normalize("NFKC", text).casefold()
    decomposed = unicodedata.normalize("NFD", compatible)
    kept = "".join(
        ch for ch in decomposed if not _dropped(ch) and (ch in keep or ch not in IGNORED)
    )
    return unicodedata.normalize("NFC", kept.translate(_LETTERS))


def fold_words(text: str) -> list[str]:
    """The words of ``text``, folded: runs of letters, digits and marks.

    Words joined by an apostrophe or hyphen stay one word ("o'brien" gives "obrien").
    """
    return split_words(fold(text))


def split_words(text: str) -> list[str]:
    """The runs of letters, digits and marks in ``text`` (as it is: not folded)."""
    return "".join(ch if _word_char(ch) else " " for ch in text).split()


def _word_char(ch: str) -> bool:
    return ch.isalnum() or unicodedata.category(ch).startswith("M")
