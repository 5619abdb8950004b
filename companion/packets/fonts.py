"""The fonts bundled in ``resources/fonts/``: registration with ReportLab and coverage.

Each family covers a set of scripts:

- ``latin``: Noto Sans (Latin incl. Vietnamese and Kreyòl, Cyrillic, Greek, U+FFFD);
- ``arabic``: Noto Sans Arabic;
- ``cjk``: WenQuanYi Micro Hei (Chinese, Korean Hangul, kana). It has no bold face, so
  bold CJK text is drawn with a thin stroke (``FontFace.synthetic_bold``);
- one Noto Sans family for each other script a witness's name may be written in
  (Ethiopic, Devanagari, Bengali, Gurmukhi, Gujarati, Tamil, Telugu, Kannada, Malayalam,
  Sinhala, Thai, Lao, Myanmar, Khmer, Hebrew, Armenian, Georgian).

A family is loaded (parsed by ReportLab and HarfBuzz) only when a packet first needs it:
a Spanish packet never reads the Chinese or Ethiopic files. Which family a character
needs is known without loading anything, from the Unicode ranges each family is for
(``FamilySpec.ranges``).
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import uharfbuzz
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from companion.paths import resource_path

LATIN = "latin"
ARABIC = "arabic"
CJK = "cjk"

#: Families tried last, in this order, for a character that no family is meant for.
FALLBACK_ORDER: tuple[str, ...] = (LATIN, ARABIC, CJK)

REPLACEMENT_CHAR = "\ufffd"
#: Drawn in place of an emoji (no bundled font has colour emoji): a dotted circle, a
#: visible placeholder that reads as neither a letter nor an error.
EMOJI_MARK = "\u25cc"

Ranges = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class FontFileSpec:
    """One bundled font file as ReportLab should register it."""

    registered_name: str
    filename: str
    subfont_index: int = 0
    synthetic_bold: bool = False


@dataclass(frozen=True)
class FamilySpec:
    """A bundled family. ``ranges``: the code points whose letters this family draws
    (Latin, the general fallback, needs none). ``qt_family``: its name in Qt."""

    key: str
    regular: FontFileSpec
    bold: FontFileSpec
    qt_family: str
    ranges: Ranges = ()

    def is_for(self, code: int) -> bool:
        return any(low <= code <= high for low, high in self.ranges)


ARABIC_RANGES: Ranges = (
    (0x0600, 0x06FF),
    (0x0750, 0x077F),
    (0x0870, 0x08FF),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
)
CJK_RANGES: Ranges = (
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x2E80, 0x2FDF),  # CJK radicals, Kangxi
    (0x2FF0, 0x303F),  # ideographic description, CJK symbols and punctuation
    (0x3040, 0x31FF),  # kana, bopomofo, Hangul compatibility jamo, kanbun
    (0x3200, 0x4DBF),  # enclosed CJK, compatibility, extension A
    (0x4E00, 0x9FFF),  # unified ideographs
    (0xA960, 0xA97F),  # Hangul Jamo extended A
    (0xAC00, 0xD7FF),  # Hangul syllables, Jamo extended B
    (0xF900, 0xFAFF),  # compatibility ideographs
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # half- and full-width forms
    (0x20000, 0x3FFFF),  # supplementary ideographs
)


def _noto(key: str, script: str, ranges: Ranges) -> FamilySpec:
    return FamilySpec(
        key,
        FontFileSpec(f"CourtCompanion-NotoSans{script}", f"NotoSans{script}-Regular.ttf"),
        FontFileSpec(f"CourtCompanion-NotoSans{script}-Bold", f"NotoSans{script}-Bold.ttf"),
        f"Noto Sans {script}",
        ranges,
    )


BUNDLED_FAMILIES: tuple[FamilySpec, ...] = (
    FamilySpec(
        LATIN,
        FontFileSpec("CourtCompanion-NotoSans", "NotoSans-Regular.ttf"),
        FontFileSpec("CourtCompanion-NotoSans-Bold", "NotoSans-Bold.ttf"),
        "Noto Sans",
    ),
    _noto(ARABIC, "Arabic", ARABIC_RANGES),
    FamilySpec(
        CJK,
        FontFileSpec("CourtCompanion-WenQuanYiMicroHei", "wqy-microhei.ttf"),
        FontFileSpec("CourtCompanion-WenQuanYiMicroHei", "wqy-microhei.ttf", synthetic_bold=True),
        "WenQuanYi Micro Hei",
        CJK_RANGES,
    ),
    _noto("ethiopic", "Ethiopic", ((0x1200, 0x139F), (0x2D80, 0x2DDF), (0xAB00, 0xAB2F))),
    _noto("devanagari", "Devanagari", ((0x0900, 0x097F), (0xA8E0, 0xA8FF), (0x1CD0, 0x1CFF))),
    _noto("bengali", "Bengali", ((0x0980, 0x09FF),)),
    _noto("gurmukhi", "Gurmukhi", ((0x0A00, 0x0A7F),)),
    _noto("gujarati", "Gujarati", ((0x0A80, 0x0AFF),)),
    _noto("tamil", "Tamil", ((0x0B80, 0x0BFF), (0x11FC0, 0x11FFF))),
    _noto("telugu", "Telugu", ((0x0C00, 0x0C7F),)),
    _noto("kannada", "Kannada", ((0x0C80, 0x0CFF),)),
    _noto("malayalam", "Malayalam", ((0x0D00, 0x0D7F),)),
    _noto("sinhala", "Sinhala", ((0x0D80, 0x0DFF), (0x111E0, 0x111FF))),
    _noto("thai", "Thai", ((0x0E00, 0x0E7F),)),
    _noto("lao", "Lao", ((0x0E80, 0x0EFF),)),
    _noto("myanmar", "Myanmar", ((0x1000, 0x109F), (0xA9E0, 0xA9FF), (0xAA60, 0xAA7F))),
    _noto("khmer", "Khmer", ((0x1780, 0x17FF), (0x19E0, 0x19FF))),
    _noto("hebrew", "Hebrew", ((0x0590, 0x05FF), (0xFB1D, 0xFB4F))),
    _noto("armenian", "Armenian", ((0x0530, 0x058F), (0xFB13, 0xFB17))),
    _noto("georgian", "Georgian", ((0x10A0, 0x10FF), (0x1C90, 0x1CBF), (0x2D00, 0x2D2F))),
)
_SPECS: dict[str, FamilySpec] = {spec.key: spec for spec in BUNDLED_FAMILIES}


@lru_cache(maxsize=8192)
def home_family(char: str) -> str | None:
    """The family meant for ``char``'s block (``None``: none in particular, or Latin)."""
    code = ord(char)
    for spec in BUNDLED_FAMILIES:
        if spec.ranges and spec.is_for(code):
            return spec.key
    return None


def is_emoji(char: str) -> bool:
    """Pictographs, emoji modifiers and regional indicators (flags)."""
    code = ord(char)
    return (
        0x1F000 <= code <= 0x1FAFF
        or 0x2600 <= code <= 0x27BF
        or 0x1F1E6 <= code <= 0x1F1FF
        or 0x2B00 <= code <= 0x2BFF
        or code in (0x00A9, 0x00AE, 0x203C, 0x2049, 0x2122, 0x2139, 0x3030, 0x303D)
    )


def bundled_font_files() -> list[Path]:
    """Every bundled font file once (the UI registers these with Qt for the screen)."""
    seen: dict[str, Path] = {}
    for family in BUNDLED_FAMILIES:
        for spec in (family.regular, family.bold):
            seen.setdefault(spec.filename, resource_path("fonts", spec.filename))
    return list(seen.values())


def is_default_ignorable(char: str) -> bool:
    """Characters that are never drawn: joiners, direction marks, variation selectors."""
    code = ord(char)
    return (
        unicodedata.category(char) == "Cf"
        or 0xFE00 <= code <= 0xFE0F
        or 0xE0100 <= code <= 0xE01EF
        or code in (0x034F, 0x115F, 0x1160, 0x3164, 0xFFA0)
    )


@dataclass
class FontFace:
    """One registered TrueType face: ReportLab font, HarfBuzz font and its coverage."""

    name: str
    path: Path
    subfont_index: int
    synthetic_bold: bool
    ttfont: TTFont
    hb_font: uharfbuzz.Font
    units_per_em: int
    coverage: frozenset[int]
    glyph_to_char: dict[int, int] = field(repr=False)
    ascent: float
    descent: float

    def covers(self, char: str) -> bool:
        return ord(char) in self.coverage


@dataclass
class FontFamily:
    key: str
    regular: FontFace
    bold: FontFace
    coverage: frozenset[int]

    def face(self, bold: bool) -> FontFace:
        return self.bold if bold else self.regular

    def covers(self, char: str) -> bool:
        return ord(char) in self.coverage


def _load_face(spec: FontFileSpec, loaded: dict[tuple[str, int], FontFace]) -> FontFace:
    key = (spec.filename, spec.subfont_index)
    if key in loaded:
        base = loaded[key]
        if base.synthetic_bold == spec.synthetic_bold:
            return base
        return FontFace(
            name=base.name,
            path=base.path,
            subfont_index=base.subfont_index,
            synthetic_bold=spec.synthetic_bold,
            ttfont=base.ttfont,
            hb_font=base.hb_font,
            units_per_em=base.units_per_em,
            coverage=base.coverage,
            glyph_to_char=base.glyph_to_char,
            ascent=base.ascent,
            descent=base.descent,
        )
    path = resource_path("fonts", spec.filename)
    ttfont = _registered(spec.registered_name)
    if ttfont is None:
        ttfont = TTFont(spec.registered_name, str(path), subfontIndex=spec.subfont_index)
        pdfmetrics.registerFont(ttfont)
    # Read the cmap before anything is shaped: ReportLab adds private-use entries to
    # ``charToGlyph`` for glyphs that have no character of their own.
    char_to_glyph = dict(ttfont.face.charToGlyph)
    coverage = frozenset(
        code for code, glyph in char_to_glyph.items() if glyph != 0 and not _is_private(code)
    )
    glyph_to_char: dict[int, int] = {}
    for code in sorted(coverage):
        glyph_to_char.setdefault(char_to_glyph[code], code)
    blob = uharfbuzz.Blob.from_file_path(str(path))
    hb_face = uharfbuzz.Face(blob, spec.subfont_index)
    face = FontFace(
        name=spec.registered_name,
        path=path,
        subfont_index=spec.subfont_index,
        synthetic_bold=spec.synthetic_bold,
        ttfont=ttfont,
        hb_font=uharfbuzz.Font(hb_face),
        units_per_em=hb_face.upem,
        coverage=coverage,
        glyph_to_char=glyph_to_char,
        ascent=ttfont.face.ascent / 1000.0,
        descent=ttfont.face.descent / 1000.0,
    )
    loaded[key] = face
    return face


def _is_private(code: int) -> bool:
    return 0xE000 <= code <= 0xF8FF or code >= 0xF0000


def _registered(name: str) -> TTFont | None:
    """The font registered as ``name``, without ReportLab's search of the system's Type 1
    (.afm) files that ``pdfmetrics.getFont`` makes for a name it does not know yet."""
    if name not in pdfmetrics.getRegisteredFontNames():
        return None
    font: TTFont = pdfmetrics.getFont(name)
    return font


class FontLibrary:
    """The bundled families, each loaded on first use, with coverage lookups."""

    def __init__(
        self, specs: Iterable[FamilySpec] = BUNDLED_FAMILIES, *, eager: bool = False
    ) -> None:
        self.specs: dict[str, FamilySpec] = {spec.key: spec for spec in specs}
        self.fallback_order: tuple[str, ...] = tuple(
            key for key in FALLBACK_ORDER if key in self.specs
        )
        self._loaded_faces: dict[tuple[str, int], FontFace] = {}
        self._families: dict[str, FontFamily] = {}
        self._faces_by_name: dict[str, FontFace] = {}
        self._lock = threading.RLock()
        if eager:
            for key in self.specs:
                self.family(key)

    @property
    def loaded(self) -> dict[str, FontFamily]:
        """The families loaded so far (a copy)."""
        return dict(self._families)

    def family(self, key: str) -> FontFamily:
        family = self._families.get(key)
        if family is not None:
            return family
        with self._lock:
            family = self._families.get(key)
            if family is None:
                spec = self.specs[key]
                regular = _load_face(spec.regular, self._loaded_faces)
                bold = _load_face(spec.bold, self._loaded_faces)
                family = FontFamily(key, regular, bold, regular.coverage & bold.coverage)
                for face in (regular, bold):
                    self._faces_by_name.setdefault(face.name, face)
                self._families[key] = family
        return family

    def face_named(self, name: str) -> FontFace:
        """A loaded face by its registered name."""
        return self._faces_by_name[name]

    def _covers(self, key: str, code: int) -> bool:
        return code in self.family(key).coverage

    def covering_family(self, char: str, preferred: str | None = None) -> str | None:
        """The family that should draw ``char``: ``preferred`` if it covers it, else the
        family meant for its block, else the first in fallback order that has it, else
        ``None``. Only the families consulted are loaded."""
        code = ord(char)
        if preferred is not None and self._covers(preferred, code):
            return preferred
        home = home_family(char)
        if home is not None and home != preferred and self._covers(home, code):
            return home
        if is_emoji(char):
            return None  # not worth loading every family to learn that none has it
        for key in self.fallback_order:
            if key not in (preferred, home) and self._covers(key, code):
                return key
        return None

    def is_covered(self, char: str) -> bool:
        if char in "\n\t" or is_default_ignorable(char):
            return True
        return self.covering_family(char) is not None

    def missing_glyphs(self, text: str) -> set[str]:
        """Characters of ``text`` (NFC-normalised) that no bundled font can draw."""
        normalized = unicodedata.normalize("NFC", text)
        return {char for char in set(normalized) if not self.is_covered(char)}

    def replacement_family(self) -> str:
        """A family that draws U+FFFD and the emoji mark, used for characters no font
        covers."""
        family = self.covering_family(REPLACEMENT_CHAR, LATIN if LATIN in self.specs else None)
        if family is None:
            raise RuntimeError("no bundled font has U+FFFD")
        return family


def stand_in(char: str, previous: str) -> str:
    """What is drawn for ``char`` that no font covers: the emoji mark for the first
    character of an emoji sequence, nothing (a joiner, which shaping removes) for the
    rest of one (skin tones, joined pictographs, the second half of a flag), else
    U+FFFD."""
    if is_emoji(char):
        code = ord(char)
        regional = 0x1F1E6 <= code <= 0x1F1FF
        continues = (
            previous == "\u200d"
            or 0x1F3FB <= code <= 0x1F3FF
            or (regional and previous != "" and 0x1F1E6 <= ord(previous) <= 0x1F1FF)
        )
        return "\u200d" if continues else EMOJI_MARK
    return REPLACEMENT_CHAR


_lock = threading.Lock()
_library: FontLibrary | None = None


def font_library() -> FontLibrary:
    """The bundled fonts (registered with ReportLab family by family, as needed)."""
    global _library
    if _library is not None:
        return _library
    with _lock:
        if _library is None:
            _library = FontLibrary()
    return _library


def register_fonts() -> FontLibrary:
    """Load and register every bundled family now (the self-test checks them all)."""
    library = font_library()
    for key in library.specs:
        library.family(key)
    return library


def font_for_char(char: str, preferred: str | None = None) -> str | None:
    """The key of the bundled family that draws ``char`` (``None`` if none can)."""
    return font_library().covering_family(char, preferred)


def missing_glyphs(text: str) -> set[str]:
    """Characters in ``text`` that no bundled font covers (the app warns before printing)."""
    return font_library().missing_glyphs(text)
