"""A witness's name in any bundled script prints as itself on page 1: drawn with its own
script's font (no empty boxes, no U+FFFD) and readable back from the PDF's text layer."""

from __future__ import annotations

import io
import unicodedata
from typing import Any

import pdfplumber
import pytest

from companion.packets.fonts import missing_glyphs
from companion.packets.renderer import packet_missing_glyphs, render_packet
from tests.unit.test_packet_samples import sample_content

# Invented names, one in each script bundled for names (file name part, name).
NAMES = [
    ("Ethiopic", "ሰላማዊት ተስፋዬ"),
    ("Devanagari", "प्रिया शर्मा"),
    ("Bengali", "সুমাইয়া রহমান"),
    ("Gurmukhi", "ਹਰਪ੍ਰੀਤ ਕੌਰ"),
    ("Gujarati", "પ્રિયા પટેલ"),
    ("Tamil", "கார்த்திக் சுப்ரமணியன்"),
    ("Telugu", "లక్ష్మి రెడ్డి"),
    ("Kannada", "ಶ್ರೀನಿವಾಸ ರಾವ್"),
    ("Malayalam", "അനിത മേനോൻ"),
    ("Sinhala", "නිමල් පෙරේරා"),
    ("Myanmar", "အောင်ဆန်းစုကြည်"),
    ("Khmer", "សុខ ស្រីមុំ"),
    ("Lao", "ສົມພອນ ແກ້ວມະນີ"),
    ("Thai", "สมชาย ใจดี"),
    ("Hebrew", "שרה כהן"),
    ("Armenian", "Անի Պետրոսյան"),
    ("Georgian", "ნინო ბერიძე"),
]
RIGHT_TO_LEFT = {"Hebrew"}


def _first_page_chars(name: str) -> list[dict[str, Any]]:
    content = sample_content("en", native_name=name)
    with pdfplumber.open(io.BytesIO(render_packet(content))) as pdf:
        return list(pdf.pages[0].chars)


def _line_of(chars: list[dict[str, Any]], script: str) -> list[dict[str, Any]]:
    """The characters drawn in ``script``'s font on the baseline of its first glyph (page 1
    may set the name in Latin letters on the same line, in its own font)."""
    first = next(char for char in chars if f"NotoSans{script}" in char["fontname"])
    return [
        char
        for char in chars
        if abs(char["top"] - first["top"]) < 1.0 and f"NotoSans{script}" in char["fontname"]
    ]


@pytest.mark.parametrize(("script", "name"), NAMES, ids=[script for script, _ in NAMES])
def test_name_prints_in_its_script_and_reads_back(script: str, name: str) -> None:
    assert missing_glyphs(name) == set()
    assert packet_missing_glyphs(sample_content("en", native_name=name)) == set()
    chars = _first_page_chars(name)
    assert "\ufffd" not in "".join(char["text"] for char in chars)
    line = _line_of(chars, script)
    # Every glyph of the name comes from the script's own font (a font without the
    # letters would have drawn empty boxes; none but this one has them): the text drawn
    # in that font on the line is the whole name, below.
    ordered = sorted(line, key=lambda char: char["x0"], reverse=script in RIGHT_TO_LEFT)
    if script in RIGHT_TO_LEFT:
        text = "".join(char["text"] for char in ordered)
    else:
        text = pdfplumber.utils.extract_text(ordered)
    assert unicodedata.normalize("NFC", text) == unicodedata.normalize("NFC", name)
