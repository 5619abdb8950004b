"""The PDF's text layer gives the text as written: copy and paste, search and screen
readers get Arabic letters in logical order (not presentation forms or private-use
codes), and no-break spaces as spaces."""

from __future__ import annotations

import io
import unicodedata
from typing import Any

import pdfplumber
from reportlab.lib.pagesizes import A4

from companion.i18n import translator
from companion.packets.flowables import TextBlock
from companion.packets.platypus import SimpleDocTemplate
from companion.packets.renderer import render_packet
from companion.packets.textlayout import TextStyle
from tests.unit.test_packet_samples import sample_content

STYLE = TextStyle("body", 13, 21)


def _lines(pdf_bytes: bytes, page: int = 0) -> list[list[dict[str, Any]]]:
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        chars = list(pdf.pages[page].chars)
    by_top: dict[float, list[dict[str, Any]]] = {}
    for char in chars:
        by_top.setdefault(round(char["top"]), []).append(char)
    return [by_top[top] for top in sorted(by_top)]


def _read_right_to_left(line: list[dict[str, Any]]) -> str:
    return "".join(char["text"] for char in sorted(line, key=lambda char: -char["x0"]))


def _block(text: str) -> bytes:
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build([TextBlock(text, STYLE, rtl=True)])
    return buffer.getvalue()


def test_arabic_packet_title_reads_back_as_written() -> None:
    title = translator("ar").gettext("Your court date")
    first_line = _lines(render_packet(sample_content("ar")))[0]
    printed = _read_right_to_left(first_line)
    assert printed == title
    assert unicodedata.normalize("NFKC", printed) == unicodedata.normalize("NFKC", title)
    assert not any(0xFB50 <= ord(char) <= 0xFEFF for char in printed)  # no presentation forms


def test_pashto_letters_and_no_break_spaces_are_not_private_use() -> None:
    # Pashto letters with no presentation-form code points (ښ ځ ڼ ې), and a no-break
    # space joining a number to its unit.
    text = "ښکلې ځدراڼ 45\u00a0دقيقة"
    (line,) = _lines(_block(text))
    printed = _read_right_to_left(line)
    assert not any(0xE000 <= ord(char) <= 0xF8FF for char in printed)
    # Read right to left the digits come out reversed; the letters and the no-break
    # space come out as typed.
    assert printed.startswith("ښکلې ځدراڼ")
    assert printed.endswith("\u00a0دقيقة")
    assert "\u00a0" in printed
    assert sorted(char for char in printed if char.isdigit()) == ["4", "5"]
