"""The fonts bundled in ``resources/fonts/``: registration with ReportLab and coverage.

Three families cover the twelve languages:

- ``latin``: Noto Sans (Latin incl. Vietnamese and Kreyòl, Cyrillic, Greek, U+FFFD);
- ``arabic``: Noto Sans Arabic;
- ``cjk``: WenQuanYi Micro Hei (Chinese, Korean Hangul, kana). It has no bold face, so
  bold CJK text is drawn with a thin stroke (``FontFace.synthetic_bold``).

Everything is loaded once, on first use, by ``font_library()``.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import uharfbuzz
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from companion.paths import resource_path

LATIN = "latin"
ARABIC = "arabic"
CJK = "cjk"

#: Families tried, in this order, for a character whose own script has no preference.
FALLBACK_ORDER: tuple[str, ...] = (LATIN, ARABIC, CJK)

REPLACEMENT_CHAR = "\ufffd"


@dataclass(frozen=True)
class FontFileSpec:
    """One bundled font file as ReportLab should register it."""

    registered_name: str
    filename: str
    subfont_index: int = 0
    synthetic_bold: bool = False


@dataclass(frozen=True)
class FamilySpec:
    key: str
    regular: FontFileSpec
    bold: FontFileSpec


BUNDLED_FAMILIES: tuple[FamilySpec, ...] = (
    FamilySpec(
        LATIN,
        FontFileSpec("CourtCompanion-NotoSans", "NotoSans-Regular.ttf"),
        FontFileSpec("CourtCompanion-NotoSans-Bold", "NotoSans-Bold.ttf"),
    ),
    FamilySpec(
        ARABIC,
        FontFileSpec("CourtCompanion-NotoSansArabic", "NotoSansArabic-Regular.ttf"),
        FontFileSpec("CourtCompanion-NotoSansArabic-Bold", "NotoSansArabic-Bold.ttf"),
    ),
    FamilySpec(
        CJK,
        FontFileSpec("CourtCompanion-WenQuanYiMicroHei", "wqy-microhei.ttc"),
        FontFileSpec("CourtCompanion-WenQuanYiMicroHei", "wqy-microhei.ttc", synthetic_bold=True),
    ),
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
    try:
        ttfont = pdfmetrics.getFont(spec.registered_name)
    except KeyError:
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


class FontLibrary:
    """The bundled families, with coverage lookups."""

    def __init__(self, families: Iterable[FontFamily]) -> None:
        self.families: dict[str, FontFamily] = {family.key: family for family in families}
        self.fallback_order: tuple[str, ...] = tuple(
            key for key in FALLBACK_ORDER if key in self.families
        )

    def family(self, key: str) -> FontFamily:
        return self.families[key]

    def covering_family(self, char: str, preferred: str | None = None) -> str | None:
        """The family that should draw ``char``: ``preferred`` if it covers it, else the
        first family in fallback order that does, else ``None``."""
        code = ord(char)
        if preferred is not None and code in self.families[preferred].coverage:
            return preferred
        for key in self.fallback_order:
            if code in self.families[key].coverage:
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
        """A family that draws U+FFFD, used for characters no font covers."""
        family = self.covering_family(REPLACEMENT_CHAR, LATIN if LATIN in self.families else None)
        if family is None:
            raise RuntimeError("no bundled font has U+FFFD")
        return family


_lock = threading.Lock()
_library: FontLibrary | None = None


def font_library() -> FontLibrary:
    """Register the bundled fonts with ReportLab (once) and return their library."""
    global _library
    if _library is not None:
        return _library
    with _lock:
        if _library is None:
            loaded: dict[tuple[str, int], FontFace] = {}
            families = []
            for spec in BUNDLED_FAMILIES:
                regular = _load_face(spec.regular, loaded)
                bold = _load_face(spec.bold, loaded)
                families.append(
                    FontFamily(spec.key, regular, bold, regular.coverage & bold.coverage)
                )
            _library = FontLibrary(families)
    return _library


def register_fonts() -> FontLibrary:
    """Alias of ``font_library()`` for callers that only want the side effect."""
    return font_library()


def font_for_char(char: str, preferred: str | None = None) -> str | None:
    """The key of the bundled family that draws ``char`` (``None`` if none can)."""
    return font_library().covering_family(char, preferred)


def missing_glyphs(text: str) -> set[str]:
    """Characters in ``text`` that no bundled font covers (the app warns before printing)."""
    return font_library().missing_glyphs(text)
