"""Rendering whole packets: content, page furniture, options, batches and output files."""

from __future__ import annotations

import dataclasses
import io
import os
import time
import unicodedata
from pathlib import Path

import pdfplumber
import pypdf
import pytest

from companion.i18n import translator
from companion.i18n.formatting import format_date, format_weekday
from companion.packets.content import PacketOptions, PaperSize, ParagraphBlock, Run, inline_text
from companion.packets.errors import OutputWriteError, RenderCancelled
from companion.packets.output import write_pdf_atomically
from companion.packets.renderer import (
    PacketRenderer,
    packet_missing_glyphs,
    render_docket,
    render_packet,
)
from companion.packets.wording import WHAT_TO_BRING
from tests.unit.test_packet_samples import FIXED_NOW, STARTS_AT, sample_content

LANGUAGES = ("es", "ar", "zh-Hans", "ko", "vi")


def _pages(pdf: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return [unicodedata.normalize("NFKC", page.extract_text() or "") for page in reader.pages]


def _squash(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("language", LANGUAGES)
def test_packet_text_in_the_witness_language(language: str) -> None:
    content = sample_content(language)
    pdf = render_packet(content, now=FIXED_NOW)
    pages = _pages(pdf)
    first = _squash(pages[0])
    t = translator(language)
    assert _squash(t.gettext("Your court date")) in first
    assert _squash(content.person_name) in first
    if content.native_name:
        assert _squash(content.native_name) in first
    assert _squash(content.courthouse.address) in first
    assert _squash(format_weekday(STARTS_AT, language)) in first
    full_date = format_date(STARTS_AT, language, "full")
    if t.language.rtl:
        # Text extraction reorders Arabic words but not the numbers between them.
        assert all(_squash(word) in first for word in full_date.split())
    else:
        assert _squash(full_date) in first


def test_name_only_on_the_first_page_initials_and_date_on_the_others() -> None:
    content = sample_content("es")
    pages = _pages(render_packet(content, now=FIXED_NOW))
    assert len(pages) >= 3  # page 1, getting there and the guidance, the checklist
    assert content.person_name in pages[0]
    header_date = format_date(STARTS_AT, "es", "medium")
    for page in pages[1:]:
        assert "Ejemplo" not in page and "María" not in page
        assert content.initials in page
        assert header_date in page


def test_every_page_has_numbering_disclaimer_and_draft_status() -> None:
    content = sample_content("es")
    pages = _pages(render_packet(content, now=FIXED_NOW))
    t = translator("es")
    disclaimer = t.gettext("General information, not legal advice. Not a message from the court.")
    draft = t.gettext("Draft translation: not yet checked by a qualified translator.")
    for number, page in enumerate(pages, start=1):
        label = t.gettext("Page {number} of {count}").format(number=number, count=len(pages))
        assert _squash(label) in _squash(page)
        assert _squash(disclaimer) in _squash(page)
        assert _squash(draft) in _squash(page)


def test_reviewed_catalog_has_no_draft_note() -> None:
    content = sample_content("es", draft_translation=False, guidance=())
    draft = translator("es").gettext(
        "Draft translation: not yet checked by a qualified translator."
    )
    assert all(_squash(draft) not in _squash(page) for page in _pages(render_packet(content)))


def test_pseudo_locale_leaves_no_fixed_english_on_the_page() -> None:
    content = dataclasses.replace(sample_content("en"), language="x-pseudo")
    text = " ".join(_pages(render_packet(content, now=FIXED_NOW)))
    for english in (
        "Your court date",
        "Getting there",
        "What to bring",
        "Before your court date",
        "Notes",
        "General information",
        "Page 1 of",
        "Kind of hearing",
        "Who will meet you",
        "Phone:",
    ):
        assert english not in text
    # The witness's own data is printed as typed.
    assert "Sam Example" in text


@pytest.mark.parametrize("duplex", [False, True])
def test_duplex_gives_an_even_page_count(duplex: bool) -> None:
    for sections in (0, 1, 2, 3):
        content = sample_content("es", guidance=sample_content("es").guidance * sections)
        content = dataclasses.replace(content, options=PacketOptions(duplex=duplex))
        count = len(pypdf.PdfReader(io.BytesIO(render_packet(content))).pages)
        if duplex:
            assert count % 2 == 0
    # Without duplex, some of these lengths are odd; with it, never.
    plain = [
        len(
            pypdf.PdfReader(
                io.BytesIO(
                    render_packet(sample_content("es", guidance=sample_content("es").guidance * n))
                )
            ).pages
        )
        for n in (0, 1, 2, 3)
    ]
    assert any(count % 2 for count in plain)


def test_duplex_filler_page_is_marked_blank() -> None:
    for sections in (0, 1, 2, 3):
        content = sample_content("es", guidance=sample_content("es").guidance * sections)
        plain = len(pypdf.PdfReader(io.BytesIO(render_packet(content))).pages)
        if plain % 2:
            duplex = dataclasses.replace(content, options=PacketOptions(duplex=True))
            pages = _pages(render_packet(duplex))
            assert len(pages) == plain + 1
            blank = translator("es").gettext("This page is intentionally left blank.")
            assert _squash(blank) in _squash(pages[-1])
            return
    pytest.fail("no sample length gave an odd page count")


@pytest.mark.parametrize(
    ("paper", "size"), [(PaperSize.LETTER, (612, 792)), (PaperSize.A4, (595, 842))]
)
def test_paper_size(paper: PaperSize, size: tuple[int, int]) -> None:
    content = sample_content("es", options=PacketOptions(paper=paper))
    page = pypdf.PdfReader(io.BytesIO(render_packet(content))).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == size


def test_large_print_body_is_at_least_16_points() -> None:
    content = sample_content("en", options=PacketOptions(large_print=True))
    pdf = render_packet(content)
    item = translator("en").gettext(WHAT_TO_BRING[0])
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            found = page.search(item)
            if found:
                sizes = {round(char["size"], 1) for char in found[0]["chars"]}
                assert min(sizes) >= 16
                return
    pytest.fail("the first 'what to bring' item was not printed")


def test_guidance_bold_runs_print_in_the_bold_face() -> None:
    content = sample_content("es")
    paragraph = content.guidance[0].blocks[-1]
    assert isinstance(paragraph, ParagraphBlock) and not isinstance(paragraph.text, str)
    bold_run, plain_run = paragraph.text
    start = bold_run.text + plain_run.text[:10]
    patterns = []
    with pdfplumber.open(io.BytesIO(render_packet(content))) as document:
        for page in document.pages:
            for found in page.search(start, regex=False):
                patterns.append(["Bold" in char["fontname"] for char in found["chars"]])
    # The same words also appear in a plain paragraph; one occurrence is bold, then plain.
    # (pdfplumber's matches leave out the spaces.)
    expected = [True] * len(bold_run.text.replace(" ", "")) + [False] * len(
        plain_run.text[:10].replace(" ", "")
    )
    assert expected in patterns


def test_bilingual_packet_prints_the_second_language_too() -> None:
    content = sample_content("es", second_language="en", options=PacketOptions(bilingual=True))
    first = _squash(_pages(render_packet(content))[0])
    assert _squash(translator("es").gettext("Your court date")) in first
    assert _squash(format_date(STARTS_AT, "en", "full")) in first
    assert _squash("Please arrive by 8:45") in first


def test_uncovered_characters_are_reported_and_printed_as_replacement() -> None:
    # A Cherokee name: no bundled font has the script. An emoji gets a neutral mark.
    content = sample_content("es", person_name="Ana 😀 Ejemplo", native_name="ᏣᎳᎩ")
    assert packet_missing_glyphs(content) == {"😀", "Ꮳ", "Ꮃ", "Ꭹ"}
    first = _pages(render_packet(content))[0]
    assert "Ana \u25cc Ejemplo" in first
    assert "\ufffd\ufffd\ufffd" in first


def test_packet_with_nothing_optional_still_renders() -> None:
    content = sample_content(
        "es",
        native_name="",
        courtroom="",
        advocate=None,
        organisation_name="",
        guidance=(),
        checklist=(),
        must_testify=None,
    )
    content = dataclasses.replace(
        content,
        courthouse=dataclasses.replace(
            content.courthouse,
            entrance_notes="",
            security_notes="",
            accessibility_notes="",
            transit_notes="",
        ),
    )
    # Page 1, then what to bring and the checklist (which follows when it fits).
    assert len(_pages(render_packet(content))) >= 2


@pytest.mark.parametrize("language", ["ar", "zh-Hans", "es"])
def test_packet_size_stays_small(language: str) -> None:
    content = sample_content(language, guidance=sample_content(language).guidance * 4)
    assert len(render_packet(content)) <= 300 * 1024


def test_chinese_packet_with_many_distinct_characters_stays_small() -> None:
    hanzi = "".join(chr(code) for code in range(0x4E00, 0x4E00 + 1500))
    content = sample_content("zh-Hans")
    section = dataclasses.replace(
        content.guidance[0], blocks=(content.guidance[0].blocks[0],) * 2, title=hanzi[:10]
    )
    content = dataclasses.replace(
        content,
        guidance=(section,),
        courthouse=dataclasses.replace(content.courthouse, entrance_notes=hanzi),
    )
    assert len(render_packet(content)) <= 300 * 1024


def test_renderer_hooks_can_be_overridden() -> None:
    class NoNotes(PacketRenderer):
        def sections(self):  # type: ignore[no-untyped-def]
            return [self.first_page, self.checklist]

    content = sample_content("es")
    full = len(pypdf.PdfReader(io.BytesIO(PacketRenderer(content).render())).pages)
    short = len(pypdf.PdfReader(io.BytesIO(NoNotes(content).render())).pages)
    assert short < full


def test_docket_starts_each_packet_on_a_front_side() -> None:
    contents = [
        sample_content("ar", options=PacketOptions(duplex=True)),
        sample_content("es", options=PacketOptions(duplex=True)),
        sample_content("zh-Hans", options=PacketOptions(duplex=True)),
    ]
    seen: list[tuple[int, int]] = []
    pdf = render_docket(contents, progress=lambda done, total: seen.append((done, total)))
    pages = _pages(pdf)
    assert len(pages) % 2 == 0
    starts = [
        index
        for index, page in enumerate(pages)
        if any(_squash(content.person_name) in _squash(page) for content in contents)
    ]
    assert len(starts) == 3
    assert all(index % 2 == 0 for index in starts)
    assert seen == [(0, 3), (1, 3), (2, 3), (3, 3)]
    # Each packet is numbered on its own.
    t = translator("es")
    spanish_pages = starts[2] - starts[1]
    label = t.gettext("Page {number} of {count}").format(number=1, count=spanish_pages)
    assert _squash(label) in _squash(pages[starts[1]])


def test_docket_cancel_raises_and_returns_nothing() -> None:
    contents = [sample_content("es"), sample_content("vi"), sample_content("ko")]
    calls: list[int] = []

    def progress(done: int, total: int) -> None:
        calls.append(done)

    with pytest.raises(RenderCancelled) as raised:
        render_docket(contents, progress=progress, should_cancel=lambda: len(calls) >= 2)
    assert raised.value.done == 2 and raised.value.total == 3


def test_write_pdf_atomically(tmp_path: Path) -> None:
    target = tmp_path / "packet.pdf"
    write_pdf_atomically(target, b"%PDF-first")
    write_pdf_atomically(target, b"%PDF-second")
    assert target.read_bytes() == b"%PDF-second"
    assert os.listdir(tmp_path) == ["packet.pdf"]


def test_write_pdf_atomically_leaves_nothing_on_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "packet.pdf"
    target.write_bytes(b"%PDF-old")

    def broken_replace(source: str, destination: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OutputWriteError) as raised:
        write_pdf_atomically(target, b"%PDF-new")
    assert raised.value.path == str(target)
    assert target.read_bytes() == b"%PDF-old"
    assert os.listdir(tmp_path) == ["packet.pdf"]


def test_write_pdf_atomically_into_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(OutputWriteError):
        write_pdf_atomically(tmp_path / "missing" / "packet.pdf", b"%PDF")
    assert not (tmp_path / "missing").exists()


def test_the_text_of_bold_and_plain_runs_is_their_characters_in_order() -> None:
    """What the glyph check reads of a guidance paragraph: its runs joined, nothing added
    (a run may end inside a word: "[2]" citations, a bold first letter)."""
    runs = (Run("Bring your ", bold=False), Run("ID", bold=True), Run(" [2]."))
    assert inline_text(runs) == "Bring your ID [2]."
    assert inline_text("plain text") == "plain text"
    assert inline_text(()) == ""


def test_a_killed_writes_leftover_is_removed_by_the_next_write_to_the_same_file(
    tmp_path: Path,
) -> None:
    """A write killed before its rename leaves a hidden copy named for the file (often a
    witness's name); the next write to that file removes it, and only such leftovers."""
    target = tmp_path / "Rosa Sample [1].pdf"
    old = tmp_path / ".Rosa Sample [1].pdf.k3j9x2ab.part"
    fresh = tmp_path / ".Rosa Sample [1].pdf.q8w7e6rt.part"  # another write, right now
    other = tmp_path / ".Other Person.pdf.k3j9x2ab.part"
    for path in (old, fresh, other):
        path.write_bytes(b"%PDF-killed")
    an_hour_ago = time.time() - 3600
    for path in (old, other):
        os.utime(path, (an_hour_ago, an_hour_ago))
    write_pdf_atomically(target, b"%PDF-new")
    assert target.read_bytes() == b"%PDF-new"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [target.name, fresh.name, other.name]
    )
