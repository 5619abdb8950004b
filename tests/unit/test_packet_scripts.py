"""Normalising printed text and splitting it into runs that one bundled font can draw."""

from __future__ import annotations

import io
import itertools
import unicodedata

import pdfplumber
from reportlab.lib.pagesizes import A4

from companion.packets.flowables import TextBlock
from companion.packets.fonts import ARABIC, CJK, LATIN, font_library
from companion.packets.linebreak import break_opportunities
from companion.packets.platypus import SimpleDocTemplate
from companion.packets.scripts import normalize_text, split_runs
from companion.packets.textlayout import TextStyle


def _runs(text: str) -> list[tuple[str, str]]:
    return [(run.text, run.family) for run in split_runs(text)]


def test_latin_street_address_inside_arabic_text() -> None:
    assert _runs("العنوان 100 Sample Street, Exampleville في المدينة") == [
        ("العنوان 100 ", ARABIC),
        ("Sample Street, Exampleville ", LATIN),
        ("في المدينة", ARABIC),
    ]


def test_chinese_name_inside_spanish_text() -> None:
    assert _runs("La testigo 李娜 vendrá") == [
        ("La testigo ", LATIN),
        ("李娜 ", CJK),
        ("vendrá", LATIN),
    ]


def test_digits_inside_chinese_text_stay_in_the_chinese_font() -> None:
    assert _runs("2031年3月13日 09:30 到达") == [("2031年3月13日 09:30 到达", CJK)]


def test_hangul_and_cyrillic() -> None:
    assert _runs("김민수 Иван") == [("김민수 ", CJK), ("Иван", LATIN)]


def test_runs_cover_the_normalised_text_without_gaps() -> None:
    text = "Nguyễn 李娜 ليلى 123 😀 end"
    runs = split_runs(text)
    clean = normalize_text(text)
    assert runs[0].start == 0 and runs[-1].end == len(clean)
    for before, after in itertools.pairwise(runs):
        assert before.end == after.start
    for run in runs:
        assert len(run.text) == run.end - run.start
        family = font_library().family(run.family)
        assert all(family.covers(char) for char in run.text)


def test_uncovered_characters_become_a_visible_replacement() -> None:
    runs = split_runs("Ana 😀 Ꮳ")  # an emoji, and a Cherokee letter no bundled font has
    assert "".join(run.text for run in runs) == "Ana \u25cc \ufffd"
    assert frozenset().union(*(run.missing for run in runs)) == {"😀", "Ꮳ"}


def test_an_emoji_sequence_becomes_one_neutral_mark() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # man, woman, girl, joined
    thumbs = "\U0001f44d\U0001f3fd"  # thumbs up, medium skin tone
    flag = "\U0001f1fa\U0001f1f8"  # two regional indicators
    runs = split_runs(f"{family} {thumbs} {flag}")
    drawn = "".join(run.text for run in runs).replace("\u200d", "")
    assert drawn == "\u25cc \u25cc \u25cc"
    assert "\ufffd" not in drawn


def test_decomposed_vietnamese_is_composed() -> None:
    decomposed = "Nguye\u0302\u0303n Thi\u0323 Ma\u0302\u0303u"
    assert normalize_text(decomposed) == "Nguyễn Thị Mẫu"
    assert _runs(decomposed) == [("Nguyễn Thị Mẫu", LATIN)]


def test_decomposed_vietnamese_prints_as_composed_letters() -> None:
    buffer = io.BytesIO()
    block = TextBlock("Nguye\u0302\u0303n Thi\u0323 Ma\u0302\u0303u", TextStyle("t", 14, 20))
    SimpleDocTemplate(buffer, pagesize=A4).build([block])
    with pdfplumber.open(io.BytesIO(buffer.getvalue())) as pdf:
        printed = "".join(char["text"] for char in pdf.pages[0].chars)
    assert printed == "Nguyễn Thị Mẫu"
    assert len(printed) == 14
    assert unicodedata.is_normalized("NFC", printed)


def test_normalize_text_drops_controls_and_keeps_direction_marks() -> None:
    text = "a\r\nb\tc\x00d\u202ee\u200ff\u00a0g\u2028h\ud800"
    assert normalize_text(text) == "a\nb cd" + "e\u200ff\u00a0g\nh\ufffd"


def test_break_opportunities() -> None:
    # After spaces, never before a space.
    assert break_opportunities("ab  cd") == [4]
    # Between ideographs, but not before closing punctuation.
    assert break_opportunities("法院。到达") == [1, 3, 4]
    # After a hyphen inside a word, not inside a number.
    assert break_opportunities("Jean-Pierre 010-0000") == [5, 12]
    # Hangul breaks only at spaces.
    assert break_opportunities("김민수 법원") == [4]
