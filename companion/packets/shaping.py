"""Text shaping with HarfBuzz, in a form ReportLab can draw.

HarfBuzz turns a run of characters into positioned glyphs: Arabic letters become their
joined forms, marks sit on their base letters, pairs are kerned. ReportLab writes text
as characters of a subset font, so every glyph is given back a character that maps to
it (its own cmap entry when it has one, which keeps Arabic presentation forms
searchable; a private-use code point otherwise) and the positions travel along as
ReportLab's ``ShapedStr`` data.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import uharfbuzz
from reportlab.pdfbase.ttfonts import ShapeData, ShapedStr

from companion.packets.fonts import FontFace, font_library

# Ligatures stay off outside Arabic so every glyph keeps its own character: a copied or
# extracted name must read exactly as it was typed.
_PLAIN_FEATURES: dict[str, bool] = {"liga": False, "clig": False, "dlig": False, "hlig": False}
_ARABIC_FEATURES: dict[str, bool] = {}


@dataclass(frozen=True)
class ShapedRun:
    """Glyphs of one run in visual (left-to-right) order.

    ``text`` carries one character per glyph and the positioning data ReportLab's text
    writer understands; ``advance`` is in thousandths of the font size.
    """

    text: ShapedStr
    advance: float
    face_name: str

    def width(self, size: float) -> float:
        return self.advance * size / 1000.0


def _face(name: str) -> FontFace:
    return font_library().face_named(name)


@lru_cache(maxsize=65536)
def shape(face_name: str, text: str, rtl: bool, arabic: bool) -> ShapedRun:
    """Shape ``text`` with the face registered as ``face_name``.

    ``rtl`` sets the run direction (HarfBuzz then mirrors brackets and returns the glyphs
    right-to-left, i.e. in visual order); ``arabic`` enables Arabic ligatures.
    """
    face = _face(face_name)
    buffer = uharfbuzz.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    buffer.direction = "rtl" if rtl else "ltr"
    buffer.flags = uharfbuzz.BufferFlags.REMOVE_DEFAULT_IGNORABLES
    uharfbuzz.shape(face.hb_font, buffer, _ARABIC_FEATURES if arabic else _PLAIN_FEATURES)
    scale = 1000.0 / face.units_per_em
    char_widths = face.ttfont.face.charWidths
    chars: list[str] = []
    data: list[ShapeData] = []
    advance = 0.0
    for info, position in zip(buffer.glyph_infos, buffer.glyph_positions, strict=True):
        glyph = info.codepoint
        code = face.glyph_to_char.get(glyph)
        x_advance = position.x_advance * scale
        if code is None:
            name = face.hb_font.glyph_to_string(glyph)
            face.ttfont.hbFont()  # makes ReportLab's private-use allocator available
            code = face.ttfont.hbAddPrivate(name, glyph, x_advance)
        chars.append(chr(code))
        data.append(
            ShapeData(
                info.cluster,
                x_advance,
                position.y_advance * scale,
                position.x_offset * scale,
                position.y_offset * scale,
                char_widths.get(code, x_advance),
            )
        )
        advance += x_advance
    return ShapedRun(ShapedStr("".join(chars), shapeData=data), advance, face_name)
