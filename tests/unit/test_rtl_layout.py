"""Right-to-left layout, judged by where the glyphs land on the page (pdfplumber x-positions)."""

from __future__ import annotations

import io
import unicodedata
from typing import Any

import pdfplumber
from reportlab.lib.pagesizes import A4

from companion.packets import bidi
from companion.packets.flowables import TextBlock
from companion.packets.platypus import Flowable, SimpleDocTemplate
from companion.packets.textlayout import Span, TextStyle
from tests.unit.test_packet_samples import ARABIC_SAMPLE

MARGIN = 72.0
FRAME_PADDING = 6.0  # SimpleDocTemplate's frame padding
STYLE = TextStyle("body", 13, 21)


def _render(flowables: list[Flowable]) -> list[dict[str, Any]]:
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
    )
    document.build(flowables)
    with pdfplumber.open(io.BytesIO(buffer.getvalue())) as pdf:
        return list(pdf.pages[0].chars)


def _lines(chars: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Characters grouped by baseline, top line first."""
    by_baseline: dict[float, list[dict[str, Any]]] = {}
    for char in chars:
        by_baseline.setdefault(round(char["matrix"][5], 1), []).append(char)
    return [by_baseline[key] for key in sorted(by_baseline, reverse=True)]


def _read(chars: list[dict[str, Any]], *, right_to_left: bool) -> str:
    ordered = sorted(chars, key=lambda char: char["x0"], reverse=right_to_left)
    return unicodedata.normalize("NFKC", "".join(char["text"] for char in ordered))


def _right_edge() -> float:
    return A4[0] - MARGIN - FRAME_PADDING


def test_multiline_arabic_paragraph_reads_right_to_left_on_every_line() -> None:
    chars = _render([TextBlock(ARABIC_SAMPLE, STYLE, rtl=True)])
    lines = _lines(chars)
    assert len(lines) >= 3
    words = ARABIC_SAMPLE.split()
    read_lines = [_read(line, right_to_left=True) for line in lines]
    # Reading each line from right to left, top to bottom, gives the text in order.
    assert " ".join(read_lines).split() == words
    for line, text in zip(lines, read_lines, strict=True):
        line_words = text.split()
        assert len(line_words) >= 2
        first, last = line_words[0], line_words[-1]
        ordered = sorted(line, key=lambda char: char["x0"], reverse=True)
        # The first logical word is rightmost, the last leftmost.
        first_chars = ordered[: len(first)]
        last_chars = ordered[-len(last) :]
        assert min(c["x0"] for c in first_chars) > max(c["x1"] for c in last_chars)
        # Every line is right-aligned to the frame.
        assert abs(max(c["x1"] for c in line) - _right_edge()) < 0.5
    # Wrapping fills lines: all but the last reach well into the left half.
    for line in lines[:-1]:
        assert min(c["x0"] for c in line) < MARGIN + FRAME_PADDING + 120


def test_arabic_letters_are_shaped_into_joined_forms() -> None:
    from companion.packets.fonts import ARABIC, font_library
    from companion.packets.shaping import shape

    face = font_library().family(ARABIC).regular
    word = "المحكمة"
    to_glyph = face.ttfont.face.charToGlyph
    isolated = {to_glyph[ord(letter)] for letter in word}
    glyphs = [to_glyph[ord(char)] for char in shape(face.name, word, True, True).text]
    # Glyphs come in visual order, so the leading alef is last. It joins nothing on its
    # right and stays as it is; every letter after it is drawn in its initial, medial or
    # final form, a glyph other than the letter's own.
    assert len(glyphs) == len(word)
    assert glyphs[-1] in isolated
    assert not set(glyphs[:-1]) & isolated
    # The text layer still reads as the letters typed, not presentation forms.
    chars = _render([TextBlock(word, STYLE, rtl=True)])
    printed = "".join(char["text"] for char in sorted(chars, key=lambda char: -char["x0"]))
    assert printed == word


def test_phone_number_inside_arabic_sentence_keeps_its_order() -> None:
    spans = [
        Span("اتصل بالمحامية على الرقم "),
        Span("(555) 010-0000", isolate=True),
        Span(" قبل الموعد"),
    ]
    chars = _render([TextBlock(spans, STYLE, rtl=True)])
    (line,) = _lines(chars)
    left_to_right = _read(line, right_to_left=False)
    assert "(555) 010-0000" in left_to_right
    right_to_left = _read(line, right_to_left=True)
    assert right_to_left.startswith("اتصل بالمحامية على الرقم")
    assert right_to_left.endswith("قبل الموعد")


def test_latin_address_on_an_arabic_page_reads_left_to_right_aligned_right() -> None:
    address = "100 Sample Street, Exampleville, NY 10000"
    chars = _render([TextBlock(address, STYLE, rtl=True)])
    (line,) = _lines(chars)
    assert _read(line, right_to_left=False) == address
    assert abs(max(c["x1"] for c in line) - _right_edge()) < 0.5


def test_arabic_name_on_a_left_to_right_page_is_aligned_left() -> None:
    chars = _render([TextBlock("ليلى مثال", STYLE, rtl=False)])
    (line,) = _lines(chars)
    assert _read(line, right_to_left=True) == "ليلى مثال"
    assert abs(min(c["x0"] for c in line) - (MARGIN + FRAME_PADDING)) < 0.5


def test_resolved_levels_of_a_mixed_sentence() -> None:
    text = "قاعة Room 5B رقم"
    levels = bidi.resolve_levels([(text, False)], bidi.RTL)
    assert levels[: len("قاعة ")] == [1] * 5
    assert levels[5 : 5 + len("Room 5B")] == [2] * 7
    assert levels[-3:] == [1, 1, 1]


def test_isolated_number_keeps_left_to_right_levels() -> None:
    pieces = [("الرقم ", False), ("010-0000", True), (" الآن", False)]
    levels = bidi.resolve_levels(pieces, bidi.RTL)
    assert levels[6:14] == [2] * 8
    # Without the isolate, the hyphen splits the number into two reordered parts.
    plain = bidi.resolve_levels([("الرقم 010-0000 الآن", False)], bidi.RTL)
    assert plain[6:14] != [2] * 8


def test_visual_order_reverses_runs_by_level() -> None:
    assert bidi.visual_order([0, 0, 0]) == [0, 1, 2]
    assert bidi.visual_order([1, 1, 1]) == [2, 1, 0]
    # Arabic, an embedded left-to-right pair, Arabic: the pair keeps its order.
    assert bidi.visual_order([1, 2, 2, 1]) == [3, 1, 2, 0]
    assert bidi.visual_order([0, 1, 1, 0]) == [0, 2, 1, 3]


def test_first_strong_level() -> None:
    assert bidi.first_strong_level("123 ليلى") == bidi.RTL
    assert bidi.first_strong_level("(555) Sam") == bidi.LTR
    assert bidi.first_strong_level("123 - 456") is None
