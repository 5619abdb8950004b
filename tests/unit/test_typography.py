"""Typesetting rules: kinsoku line breaking for Chinese, numbers kept with their words,
and embedded runs of the other direction isolated."""

from __future__ import annotations

import io
from typing import Any

import pdfplumber
from reportlab.lib.pagesizes import A4

from companion.packets.flowables import TextBlock
from companion.packets.linebreak import bind_numbers
from companion.packets.platypus import SimpleDocTemplate
from companion.packets.textlayout import Span, TextLayout, TextStyle

STYLE = TextStyle("body", 12, 18)
CLOSING = set("、。，．：；！？）」』】〕〉》")


def _texts(spans: list[Span], width: float, *, rtl: bool = False) -> list[str]:
    return [line.text for line in TextLayout(spans, STYLE, rtl=rtl).lines(width)]


def test_a_chinese_paragraph_does_not_end_on_one_character() -> None:
    text = "请在开庭前三十分钟到达法院以便安检。"
    one = TextLayout([Span("法")], STYLE).natural_width()
    # Eighteen characters on lines of seventeen: greedy filling would leave "检。" alone.
    lines = _texts([Span(text)], one * 17 + 0.5)
    assert "".join(lines) == text
    assert len(lines) == 2
    assert len(lines[-1].rstrip("。")) >= 2
    assert not any(line[0] in CLOSING for line in lines)


def test_no_chinese_line_starts_with_closing_punctuation() -> None:
    text = "证人，请带上身份证件。律师会在门口等您，然后一起进入法庭。"
    one = TextLayout([Span("法")], STYLE).natural_width()
    for columns in range(4, 16):
        lines = _texts([Span(text)], one * columns + 0.5)
        assert "".join(lines) == text
        assert not any(line[0] in CLOSING for line in lines[1:]), (columns, lines)


def test_numbers_stay_with_their_words() -> None:
    assert bind_numbers("за 45 минут до начала") == "за\u00a045\u00a0минут до начала"
    assert bind_numbers("14 de dezembro de 2026") == "14\u00a0de dezembro de\u00a02026"
    assert bind_numbers("بـ45 دقيقة") == "بـ45\u00a0دقيقة"
    assert bind_numbers("no numbers here") == "no numbers here"
    assert bind_numbers("room 5 - east") == "room\u00a05 - east"


def test_minutes_never_part_from_their_number_at_a_line_end() -> None:
    sentence = "Пожалуйста, приходите к 8:15, за 45 минут, для досмотра."
    narrow = TextLayout([Span("Пожалуйста, приходите к 8:15, за 45")], STYLE).natural_width()
    lines = _texts([Span(sentence)], narrow + 1)
    assert any("45\u00a0минут" in line for line in lines), lines


def _chars(block: TextBlock) -> list[dict[str, Any]]:
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build([block])
    with pdfplumber.open(io.BytesIO(buffer.getvalue())) as pdf:
        return list(pdf.pages[0].chars)


def test_an_english_note_in_an_arabic_sentence_keeps_its_full_stop() -> None:
    sentence = "ملاحظة من مكتبنا: \u2068Bring your ID card.\u2069"
    chars = _chars(TextBlock([Span(sentence)], STYLE, rtl=True))
    latin = sorted(
        (char for char in chars if char["text"].isascii() and char["text"] not in " :"),
        key=lambda char: char["x0"],
    )
    # Left to right the note reads as written, its full stop last, right after "card".
    assert "".join(char["text"] for char in latin) == "BringyourIDcard."
    stop, last_letter = latin[-1], latin[-2]
    assert abs(stop["x0"] - last_letter["x1"]) < 1.0
    # And the Arabic sentence stays to its right.
    arabic = [char for char in chars if char["text"] and not char["text"].isascii()]
    assert min(char["x0"] for char in arabic) > stop["x1"]


def test_spanish_calendar_description_ends_in_one_full_stop() -> None:
    from companion.i18n import translator
    from companion.packets.calendar import event_for_packet, single_stop
    from tests.unit.test_packet_samples import sample_content

    event = event_for_packet(sample_content("es"), translator("es"))
    first_line = event.description.splitlines()[0]
    assert "a.m." in first_line or "p.m." in first_line
    assert first_line.endswith(".")
    assert ".." not in event.description
    # Wherever a catalog puts the time last in the sentence, its own stop is the end.
    assert single_stop("llegue a esta hora: 8:15 a.m..") == "llegue a esta hora: 8:15 a.m."
    assert single_stop("Espere…") == "Espere…" and single_stop("Wait...") == "Wait..."


def test_a_number_and_its_word_in_different_spans_stay_together() -> None:
    spans = [Span("приходите не позже "), Span("10:45", bold=True), Span(", то есть за ")]
    spans += [Span("45"), Span(" минут, чтобы пройти досмотр.")]
    narrow = TextLayout([Span("приходите не позже 10:45, то есть за 45")], STYLE).natural_width()
    lines = _texts(spans, narrow + 1)
    assert any("45\u00a0минут" in line for line in lines), lines
