"""The bundled fonts: present, licensed, TrueType-outlined, and covering our languages."""

from __future__ import annotations

import struct
import unicodedata

import pytest

from companion.packets.fonts import (
    ARABIC,
    BUNDLED_FAMILIES,
    CJK,
    LATIN,
    bundled_font_files,
    font_for_char,
    font_library,
    missing_glyphs,
    register_fonts,
)
from companion.paths import resource_path

VIETNAMESE = (
    "ẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộ"
    "ỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹĐđƠơƯư"
)
KREYOL = "èòÈÒ"
CYRILLIC = "".join(chr(code) for code in range(0x0410, 0x0450)) + "Ёё"
PORTUGUESE_FRENCH_TAGALOG = "ãõçÃÕÇâêîôûàèùëïüÿœæñÑ"
ARABIC_LETTERS = "".join(chr(code) for code in range(0x0621, 0x063B)) + "".join(
    chr(code) for code in range(0x0641, 0x064B)
)
SIMPLIFIED = "这是法院的地址时间请提前到达安检证件律师证人"
TRADITIONAL = "這是法院的地址時間請提前到達安檢證件律師證人"


def _table_tags(path: str) -> set[bytes]:
    """Table tags of a TrueType file, or of the first font of a collection."""
    with open(path, "rb") as stream:
        data = stream.read(64 * 1024)
    offset = struct.unpack(">I", data[12:16])[0] if data[:4] == b"ttcf" else 0
    count = struct.unpack(">H", data[offset + 4 : offset + 6])[0]
    return {data[offset + 12 + 16 * index : offset + 16 + 16 * index] for index in range(count)}


def test_every_bundled_font_is_truetype_outlined() -> None:
    files = bundled_font_files()
    # Regular and bold of every family; the CJK family draws bold with a stroke.
    assert len(files) == 2 * len(BUNDLED_FAMILIES) - 1
    for path in files:
        tags = _table_tags(str(path))
        assert b"glyf" in tags, path.name
        assert b"CFF " not in tags, path.name


def test_every_font_file_has_its_licence_and_is_listed_in_the_readme() -> None:
    folder = resource_path("fonts")
    readme = (folder / "README.md").read_text(encoding="utf-8")
    for path in bundled_font_files():
        assert f"`{path.name}`" in readme
    noto = (folder / "LICENSE-Noto-OFL-1.1.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in noto
    wqy = (folder / "LICENSE-WenQuanYi-Apache-2.0.txt").read_text(encoding="utf-8")
    assert "Apache License" in wqy and "Version 2.0" in wqy


@pytest.mark.parametrize(
    ("family", "text"),
    [
        (LATIN, VIETNAMESE),
        (LATIN, KREYOL),
        (LATIN, CYRILLIC),
        (LATIN, PORTUGUESE_FRENCH_TAGALOG),
        (LATIN, "0123456789\ufffd"),
        (ARABIC, ARABIC_LETTERS + "0123456789٠١٢٣٤٥٦٧٨٩،؟"),
        (CJK, SIMPLIFIED + TRADITIONAL + "0123456789，。：（）"),
    ],
)
def test_family_covers(family: str, text: str) -> None:
    coverage = font_library().family(family)
    assert [char for char in text if not coverage.covers(char)] == []


def test_cjk_font_covers_every_hangul_syllable() -> None:
    cjk = font_library().family(CJK)
    assert all(cjk.covers(chr(code)) for code in range(0xAC00, 0xD7A4))


def test_families_are_registered_with_reportlab() -> None:
    from reportlab.pdfbase import pdfmetrics

    register_fonts()
    for spec in BUNDLED_FAMILIES:
        assert pdfmetrics.getFont(spec.regular.registered_name).face is not None
        assert pdfmetrics.getFont(spec.bold.registered_name).face is not None


def test_font_for_char_picks_the_script_family() -> None:
    assert font_for_char("a") == LATIN
    assert font_for_char("ệ") == LATIN
    assert font_for_char("ж") == LATIN
    assert font_for_char("ب") == ARABIC
    assert font_for_char("法") == CJK
    assert font_for_char("한") == CJK
    assert font_for_char("7", preferred=CJK) == CJK
    assert font_for_char("😀") is None
    assert font_for_char("क") == "devanagari"
    assert font_for_char("ሰ") == "ethiopic"
    assert font_for_char("ש") == "hebrew"
    assert font_for_char("Ꮳ") is None  # Cherokee: no bundled font


def test_missing_glyphs_names_only_uncovered_characters() -> None:
    assert missing_glyphs("Ana 😀 नमस्ते, ᏣᎳᎩ ليلى 李娜 김민수") == {"😀", "Ꮳ", "Ꮃ", "Ꭹ"}
    assert missing_glyphs("Nguye\u0302\u0303n\nLa\u200dyla\u200f") == set()
    assert missing_glyphs("") == set()


def test_missing_glyphs_checks_the_normalised_form() -> None:
    decomposed = unicodedata.normalize("NFD", VIETNAMESE)
    assert decomposed != VIETNAMESE
    assert missing_glyphs(decomposed) == set()
