"""Property: any names and notes, in any script, give a valid PDF with every glyph inside
the page margins."""

from __future__ import annotations

import dataclasses
import io

import pdfplumber
import pypdf
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion.packets.content import PacketOptions, PaperSize
from companion.packets.page import PageGeometry
from companion.packets.renderer import render_packet
from tests.unit.test_packet_samples import FIXED_NOW, sample_content

BUNDLED_SCRIPTS = (
    "abcxyzABCXYZñçãõ"  # Latin
    "ẠạỆệỮữĐđƠơƯư"  # Vietnamese
    "èòÈÒ"  # Kreyòl
    "абвгдежзАБВГДЁё"  # Cyrillic
    "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"  # Arabic
    "٠١٢٣٤٥٦٧٨٩،؟"  # Arabic digits and punctuation
    "法院证人律师时间地址這時間證"  # Chinese
    "가나다라법원증인한국어"  # Korean
)
UNBUNDLED_SCRIPTS = (
    "नमस्ते"  # Devanagari
    "สวัสดี"  # Thai
    "ሰላም"  # Ethiopic
    "שלום"  # Hebrew (right to left, not bundled)
    "😀🏠👩‍👧"  # emoji, with a joiner
    "\U000e0001\U0010fffd"  # a tag character and a private-use one
)
SPECIALS = (
    "  \n\t0123456789-()[],.:;!?'\"/@#&%"
    "\u0301\u0323"  # combining marks
    "\u200d\u200c\u200e\u200f"  # joiners and direction marks
    "\u202e\u202c\u2066\u2069"  # bidi override and isolate controls
    "\u00a0\u202f\u3000\ufeff\u00ad"  # odd spaces, BOM, soft hyphen
)
ALPHABET = BUNDLED_SCRIPTS + UNBUNDLED_SCRIPTS + SPECIALS

texts = st.text(
    alphabet=st.one_of(st.sampled_from(ALPHABET), st.characters()),
    max_size=200,
)
LANGUAGES = ("es", "ar", "zh-Hans", "ko", "vi")
TOLERANCE = 0.5


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    language=st.sampled_from(LANGUAGES),
    name=texts,
    native_name=texts,
    address=texts,
    notes=texts,
    advocate=texts,
    paper=st.sampled_from(list(PaperSize)),
    large_print=st.booleans(),
)
def test_any_text_gives_a_valid_pdf_inside_the_margins(
    language: str,
    name: str,
    native_name: str,
    address: str,
    notes: str,
    advocate: str,
    paper: PaperSize,
    large_print: bool,
) -> None:
    base = sample_content(language)
    assert base.advocate is not None
    content = dataclasses.replace(
        base,
        person_name=name,
        native_name=native_name,
        courtroom=notes[:12],
        courthouse=dataclasses.replace(
            base.courthouse, name=address[:60], address=address, entrance_notes=notes
        ),
        advocate=dataclasses.replace(base.advocate, name=advocate, phone=notes[-20:]),
        checklist=(notes,),
        options=PacketOptions(paper=paper, large_print=large_print, duplex=True),
    )
    pdf = render_packet(content, now=FIXED_NOW)

    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) % 2 == 0
    geometry = PageGeometry.for_paper(paper, large_print=large_print)
    margin = geometry.margin - TOLERANCE
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            assert abs(page.width - geometry.width) < TOLERANCE
            assert abs(page.height - geometry.height) < TOLERANCE
            for char in page.chars:
                assert char["x0"] >= margin, char
                assert char["x1"] <= page.width - margin, char
                assert char["top"] >= margin, char
                assert char["bottom"] <= page.height - margin, char
