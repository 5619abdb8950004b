"""Clean and NFC-normalise printed text, and split it into runs that one font can draw.

A run is a stretch of text whose characters all come from one bundled family. Letters
pick the family of their script (Arabic letters the Arabic font, Han and Hangul the CJK
font, Devanagari the Devanagari font and so on, everything else Noto Sans). Digits,
spaces and punctuation stay in the font of the text around them when that font has
them, so digits inside Chinese use the Chinese font's digits. Characters no bundled font
covers are replaced by U+FFFD (an emoji by a neutral mark), drawn in a font that has it,
and reported by ``missing_glyphs``.
"""

from __future__ import annotations

import enum
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from companion.packets.fonts import (
    ARABIC,
    ARABIC_RANGES,
    CJK,
    CJK_RANGES,
    LATIN,
    REPLACEMENT_CHAR,
    FontLibrary,
    font_library,
    home_family,
    is_default_ignorable,
    stand_in,
)

# Spaces that must not become line-break opportunities.
_NO_BREAK_SPACES = frozenset("\u00a0\u2007\u202f\u2060")
# Format characters kept because they steer the bidi algorithm or Arabic joining.
_KEPT_FORMAT = frozenset("\u200c\u200d\u200e\u200f\u061c")

NO_BREAK_SPACE = "\u00a0"


def normalize_text(text: str) -> str:
    """NFC-normalise ``text`` and make it safe to print.

    Line and paragraph separators become ``\\n``, tabs and other spaces a plain space
    (no-break spaces a U+00A0), control characters and invisible format characters are
    dropped (except joiners and direction marks), and lone surrogates become U+FFFD.
    """
    if text.isprintable():
        # No control, format, surrogate or separator character but the plain space:
        # ``clean_each_character`` would keep every character (most text takes this way).
        return unicodedata.normalize("NFC", text)
    return unicodedata.normalize("NFC", clean_each_character(text))


def clean_each_character(text: str) -> str:
    """``normalize_text`` before its NFC step, one character at a time."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    out: list[str] = []
    for char in text:
        category = unicodedata.category(char)
        if char == "\n" or char in "\u2028\u2029\x85":
            out.append("\n")
        elif category == "Cs":
            out.append(REPLACEMENT_CHAR)
        elif char in _NO_BREAK_SPACES:
            out.append(NO_BREAK_SPACE)
        elif (category == "Zs" and char != "\u3000") or char == "\t":
            out.append(" ")
        elif category == "Cc" or (category == "Cf" and char not in _KEPT_FORMAT):
            continue
        else:
            out.append(char)
    return "".join(out)


class ScriptClass(enum.Enum):
    ARABIC = "arabic"
    CJK = "cjk"
    OTHER = "other"  # any other letter: Latin, Cyrillic, Greek, and scripts we lack
    COMMON = "common"  # digits, spaces, punctuation, symbols
    INHERITED = "inherited"  # combining marks, joiners, direction marks

    @property
    def preferred_family(self) -> str | None:
        return _PREFERRED.get(self)


_PREFERRED = {ScriptClass.ARABIC: ARABIC, ScriptClass.CJK: CJK, ScriptClass.OTHER: LATIN}

_ARABIC_RANGES = ARABIC_RANGES
_CJK_RANGES = CJK_RANGES


def _in_ranges(code: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(low <= code <= high for low, high in ranges)


@lru_cache(maxsize=4096)
def script_class(char: str) -> ScriptClass:
    """A coarse script class that decides which family a character prefers."""
    if char in _KEPT_FORMAT or is_default_ignorable(char):
        return ScriptClass.INHERITED
    category = unicodedata.category(char)
    if category.startswith("M"):
        return ScriptClass.INHERITED
    code = ord(char)
    if _in_ranges(code, _ARABIC_RANGES):
        return ScriptClass.ARABIC if category.startswith("L") else ScriptClass.COMMON
    if _in_ranges(code, _CJK_RANGES):
        # Full-width Latin letters and digits are CJK typography too.
        return ScriptClass.CJK
    if category.startswith("L"):
        return ScriptClass.OTHER
    return ScriptClass.COMMON


@dataclass(frozen=True)
class ScriptRun:
    """``text[start:end]`` of the (normalised) source, to be drawn with ``family``.

    ``text`` is what gets drawn: characters no font covers are already replaced by
    U+FFFD (an emoji by a neutral mark, see ``fonts.stand_in``), so
    ``len(text) == end - start``; ``missing`` holds the originals.
    """

    text: str
    family: str
    start: int
    end: int
    missing: frozenset[str] = frozenset()


def assign_families(text: str, library: FontLibrary | None = None) -> list[str | None]:
    """The family key for each character of ``text`` (``None``: no font covers it).

    ``text`` must already be normalised. Newlines get ``None`` like uncovered characters;
    callers split paragraphs at newlines first.
    """
    library = library or font_library()
    if _all_latin(text, library):
        return [None if char == "\n" else LATIN for char in text]
    classes = [script_class(char) for char in text]
    families: list[str | None] = [None] * len(text)
    # Pass 1: letters take their own script's font (or any font that has them).
    for index, (char, klass) in enumerate(zip(text, classes, strict=True)):
        if klass in (ScriptClass.ARABIC, ScriptClass.CJK, ScriptClass.OTHER):
            preferred = home_family(char) or klass.preferred_family
            families[index] = library.covering_family(char, preferred)
    # Pass 2: neutral characters follow their neighbours.
    next_strong: list[str | None] = [None] * len(text)
    upcoming: str | None = None
    for index in range(len(text) - 1, -1, -1):
        next_strong[index] = upcoming
        if classes[index] not in (ScriptClass.COMMON, ScriptClass.INHERITED):
            upcoming = families[index] or upcoming
    previous: str | None = None
    for index, (char, klass) in enumerate(zip(text, classes, strict=True)):
        if char == "\n":
            families[index] = None
            previous = None
            continue
        if klass is ScriptClass.INHERITED:
            if is_default_ignorable(char) or char in _KEPT_FORMAT:
                families[index] = previous or next_strong[index] or library.fallback_order[0]
            else:
                families[index] = library.covering_family(char, previous or next_strong[index])
        elif klass is ScriptClass.COMMON:
            families[index] = library.covering_family(char, previous or next_strong[index])
        if families[index] is not None:
            previous = families[index]
    return families


def _all_latin(text: str, library: FontLibrary) -> bool:
    """True if Noto Sans draws every character of ``text`` and none belongs to a script
    with a family of its own: then every character gets the Latin family, as the rules
    above would give it, without going through them one by one."""
    if LATIN not in library.specs:
        return False
    coverage = library.family(LATIN).coverage
    return all(
        char == "\n" or (ord(char) in coverage and home_family(char) is None) for char in set(text)
    )


def split_runs(text: str, library: FontLibrary | None = None) -> list[ScriptRun]:
    """Normalise ``text`` and split it into runs of one family each.

    Newlines end a run and are not part of any run (split paragraphs at ``\\n`` first
    if you need them). Offsets refer to ``normalize_text(text)``.
    """
    library = library or font_library()
    clean = normalize_text(text)
    families = assign_families(clean, library)
    replacement = library.replacement_family()
    runs: list[ScriptRun] = []
    start = 0
    current: str | None = None
    drawn: list[str] = []
    missing: set[str] = set()

    def close(end: int) -> None:
        if current is not None and end > start:
            runs.append(ScriptRun("".join(drawn), current, start, end, frozenset(missing)))

    for index, (char, family) in enumerate(zip(clean, families, strict=True)):
        if char == "\n":
            close(index)
            current, start, drawn, missing = None, index + 1, [], set()
            continue
        shown = char
        if family is None:
            family, shown = replacement, stand_in(char, clean[index - 1] if index else "")
        if family != current:
            close(index)
            current, start, drawn, missing = family, index, [], set()
        if shown != char:
            missing.add(char)
        drawn.append(shown)
    close(len(clean))
    return runs
