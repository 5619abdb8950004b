"""The PDF text layer: which text each drawn glyph stands for.

ReportLab writes text as codes of a subset font, and gives every subset a ToUnicode map
from code to character. A shaped glyph often stands for something else than the one
character its code would say: an Arabic letter in its joined form, a Devanagari
conjunct made of three characters, a vowel sign drawn before the consonant it follows,
a no-break space that shares the space's glyph. Such a glyph is drawn under a
private-use code of its own, allocated here per (glyph, text) pair, and the ToUnicode
map sends that code to the text: the whole grapheme cluster, in logical order, for the
cluster's first glyph, and nothing for the rest of the cluster's glyphs. Copy and paste,
search and screen readers then get the text as it was written.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from reportlab.pdfbase import ttfonts
from reportlab.pdfbase.ttfonts import TTFont

_PRIVATE_FIRST = 0xE000
_PRIVATE_LAST = 0xF8FF

_lock = threading.Lock()
#: Face name (as ReportLab writes it in BaseFont) -> private code -> text.
_texts: dict[str, dict[int, str]] = {}
#: Face name -> (glyph, text, width) -> private code.
_codes: dict[str, dict[tuple[int, str, float], int]] = {}


def code_for(font: TTFont, glyph: int, text: str, width: float) -> int:
    """A code of ``font`` that draws ``glyph``, reads as ``text`` in the text layer and
    is ``width`` wide in the PDF (thousandths of the font size)."""
    face = font.face
    name = _face_name(face.name, face.subfontNameX)
    with _lock:
        codes = _codes.setdefault(name, {})
        code = codes.get((glyph, text, width))
        if code is not None:
            return code
        code = max(codes.values(), default=_PRIVATE_FIRST - 1) + 1
        while code in face.charToGlyph:
            code += 1
        if code > _PRIVATE_LAST:
            raise ValueError(f"no private-use code left in {name}")
        face.charToGlyph[code] = glyph
        face.glyphToChar.setdefault(glyph, []).append(code)
        face.charWidths[code] = width
        codes[(glyph, text, width)] = code
        _texts.setdefault(name, {})[code] = text
    return code


def _face_name(name: bytes, subfont: bytes) -> str:
    return (name + subfont).decode("latin-1")


def _utf16_hex(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


def to_unicode_cmap(fontname: str, subset: Sequence[int]) -> str:
    """ReportLab's ToUnicode CMap for one subset, with each private code of ours sent to
    the text it stands for."""
    texts = _texts.get(fontname.split("+", 1)[-1], {})
    entries = []
    for index, code in enumerate(subset):
        text = texts.get(code)
        target = _utf16_hex(chr(code)) if text is None else _utf16_hex(text)
        entries.append(f"<{index:02X}> <{target}>")
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({fontname})",
            f"/Ordering ({fontname})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{fontname} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            f"{len(subset)} beginbfchar",
            *entries,
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


# ReportLab looks the function up in its module each time it writes a subset.
ttfonts.makeToUnicodeCMap = to_unicode_cmap
