"""A packet lists only the fonts it draws with, all embedded, and loads only the font
families its scripts need."""

from __future__ import annotations

import io

import pypdf
import pytest

from companion.packets.fonts import FontLibrary
from companion.packets.renderer import render_packet
from companion.packets.scripts import assign_families
from tests.unit.test_packet_samples import sample_content


@pytest.mark.parametrize("language", ["es", "ar", "zh-Hans", "ko", "vi"])
def test_every_listed_font_is_embedded(language: str) -> None:
    reader = pypdf.PdfReader(io.BytesIO(render_packet(sample_content(language))))
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            assert font["/Subtype"] == "/TrueType", font["/BaseFont"]
            assert "/FontFile2" in font["/FontDescriptor"].get_object(), font["/BaseFont"]
            assert "Helvetica" not in font["/BaseFont"]


def test_a_library_loads_only_the_families_its_text_needs() -> None:
    library = FontLibrary()
    assert library.loaded == {}
    assign_families("Ana María 45 minutos", library)
    assert set(library.loaded) == {"latin"}
    assign_families("Ana ሰላማዊት 李娜", library)
    assert set(library.loaded) == {"latin", "ethiopic", "cjk"}
