"""Text shaping with HarfBuzz, in a form ReportLab can draw.

HarfBuzz turns a run of characters into positioned glyphs: Arabic letters become their
joined forms, marks sit on their base letters, pairs are kerned. ReportLab writes text
as characters of a subset font, so every glyph is given back a character that maps to
it (its own cmap entry when that is the text it stands for; otherwise a private-use
code whose ToUnicode entry gives the text, see ``companion.packets.tounicode``) and the
positions travel along as ReportLab's ``ShapedStr`` data.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import uharfbuzz
from reportlab.pdfbase.ttfonts import ShapeData, ShapedStr

from companion.packets.fonts import FontFace, font_library
from companion.packets.tounicode import code_for

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
    infos, positions = buffer.glyph_infos, buffer.glyph_positions
    pen = 0
    lefts, ends = [], []
    for position in positions:
        lefts.append(pen + position.x_offset)
        pen += position.x_advance
        ends.append(pen)
    clusters = [info.cluster for info in infos]
    advances = [position.x_advance for position in positions]
    texts, reaches = glyph_texts_and_reaches(clusters, lefts, ends, advances, text, rtl)
    chars: list[str] = []
    data: list[ShapeData] = []
    advance = 0.0
    for info, position, stands_for, reach in zip(infos, positions, texts, reaches, strict=True):
        glyph = info.codepoint
        code = face.glyph_to_char.get(glyph)
        x_advance = position.x_advance * scale
        if reach > 0 or code is None or chr(code) != stands_for:
            natural = face.hb_font.get_glyph_h_advance(glyph)
            width = round((reach if reach > 0 else natural) * scale, 1)
            code = code_for(face.ttfont, glyph, stands_for, width)
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


def glyph_texts_and_reaches(
    clusters: list[int],
    lefts: list[int],
    ends: list[int],
    advances: list[int],
    text: str,
    rtl: bool,
) -> tuple[list[str], list[int]]:
    """What each glyph stands for (``_glyph_texts``) and how far a mark's box must reach
    (``_reaches``; none in a right-to-left run)."""
    if not rtl and len(clusters) == len(text) and clusters == list(range(len(text))):
        # One glyph for each character, in order (most runs): each glyph stands for its
        # own character, and a mark's box reaches to where the pen is after it.
        reaches = [
            0 if advance else max(0, end - left)
            for advance, end, left in zip(advances, ends, lefts, strict=True)
        ]
        return list(text), reaches
    texts = _glyph_texts(clusters, lefts, text, rtl)
    return texts, [0] * len(clusters) if rtl else _reaches(clusters, lefts, ends, advances)


def _glyph_texts(clusters: list[int], lefts: list[int], text: str, rtl: bool) -> list[str]:
    """The text each glyph stands for, so that reading the glyphs in reading order gives
    the cluster's characters in logical order. ``lefts``: where each glyph is drawn
    (text extraction reads glyphs by position, not in the order they are written).

    A cluster's characters (decomposed, if it has fewer characters than glyphs: a
    two-part vowel sign is two glyphs) are cut into consecutive pieces, one for each of
    its glyphs, given to them in reading order (left to right by where they are drawn;
    right to left in a right-to-left run). A glyph that stands for nothing reads as a gap,
    which extractors take for a space; that only happens when even the decomposed cluster
    has fewer characters than glyphs.
    """
    if not clusters:
        return []
    starts = sorted(set(clusters))
    ends = dict(zip(starts, [*starts[1:], len(text)], strict=True))
    members: dict[int, list[int]] = {}
    for index, cluster in enumerate(clusters):
        members.setdefault(cluster, []).append(index)
    texts = [""] * len(clusters)
    for cluster, indices in members.items():
        source = text[cluster : ends[cluster]]
        if len(indices) == 1:
            texts[indices[0]] = source
            continue
        if len(source) < len(indices):
            source = unicodedata.normalize("NFD", source)
        order = sorted(indices, key=lambda glyph: (lefts[glyph], glyph), reverse=rtl)
        for glyph, piece in zip(order, _pieces(source, len(order)), strict=True):
            texts[glyph] = piece
    return texts


def _pieces(text: str, count: int) -> list[str]:
    """``text`` cut into ``count`` consecutive pieces, the first ones one longer."""
    size, extra = divmod(len(text), count)
    pieces, start = [], 0
    for number in range(count):
        end = start + size + (1 if number < extra else 0)
        pieces.append(text[start:end])
        start = end
    return pieces


def _reaches(
    clusters: list[int], lefts: list[int], ends: list[int], advances: list[int]
) -> list[int]:
    """For a glyph that is drawn with no advance (a mark), how far its box must reach so
    that it touches the next glyph of its cluster, or the end of the cluster, in reading
    order; 0 for the others. Text extractors take a gap between two glyphs for a space,
    and measure it from the previous glyph's box (its position and its width in the PDF)."""
    reaches = [0] * len(clusters)
    members: dict[int, list[int]] = {}
    for index, cluster in enumerate(clusters):
        members.setdefault(cluster, []).append(index)
    for indices in members.values():
        order = sorted(indices, key=lambda glyph: (lefts[glyph], glyph))
        end = max(ends[glyph] for glyph in indices)
        for position, glyph in enumerate(order):
            if advances[glyph] != 0:
                continue
            following = lefts[order[position + 1]] if position + 1 < len(order) else end
            reaches[glyph] = max(0, following - lefts[glyph])
    return reaches
