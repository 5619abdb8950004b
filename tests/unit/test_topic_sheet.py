"""Printing one guidance topic on its own through the packet engine."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import pypdf
import pytest

from companion.domain.organisation import AdvocateContact, LocalNote, Organisation
from companion.i18n import translator
from companion.packets.content import PaperSize
from companion.packets.topic_sheet import (
    TopicSheet,
    render_topic_sheet,
    topic_has_jurisdiction_slot,
    topic_sections,
)

ROOT = Path(__file__).resolve().parents[2]
DISCLAIMER = "General information, not legal advice. Not a message from the court."

OFFICE = Organisation(
    name="Test Office (fictional)",
    advocates=[AdvocateContact("Pat Test-Advocate", "+12125550199")],
    local_notes=[LocalNote("after-the-hearing", {"en": "Test note: ask at window 3."})],
)


def _title(folder: str, doc_id: str, language: str) -> str:
    """The title line of a guidance file, read straight from the file."""
    text = (ROOT / "resources" / folder / doc_id / f"{language}.md").read_text("utf-8")
    line = next(line for line in text.splitlines() if line.startswith("title:"))
    return line.removeprefix("title:").strip()


def _pages(pdf: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return [unicodedata.normalize("NFKC", page.extract_text() or "") for page in reader.pages]


def _squash(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


@pytest.mark.parametrize("language", ["en", "es"])
def test_topic_five_prints_title_jurisdiction_and_disclaimer(language: str) -> None:
    sections = topic_sections("immigration-enforcement", "US-NY", language, OFFICE)
    pdf = render_topic_sheet(TopicSheet(language, sections))
    pages = _pages(pdf)
    text = _squash("".join(pages))
    assert _squash(_title("guidance", "immigration-enforcement", language)) in _squash(pages[0])
    assert _squash(_title("jurisdictions", "US-NY", language)) in text
    disclaimer = _squash(translator(language).gettext(DISCLAIMER))
    assert all(disclaimer in _squash(page) for page in pages), "every page has the disclaimer"
    metadata = pypdf.PdfReader(io.BytesIO(pdf)).metadata
    assert metadata is not None
    assert metadata.title == _title("guidance", "immigration-enforcement", language)


def test_later_pages_are_headed_with_the_title_not_a_person() -> None:
    sections = topic_sections("immigration-enforcement", "US-NY", "en", OFFICE)
    pages = _pages(render_topic_sheet(TopicSheet("en", sections)))
    assert len(pages) >= 2
    title = _squash(_title("guidance", "immigration-enforcement", "en"))
    # The header is drawn once the page count is known, so it may come last in the text.
    assert all(title in _squash(page) for page in pages[1:])
    # A person's packet is headed "Your court date"; the guidance text itself may well
    # say "before the court date", so look for the packet's own heading.
    assert "yourcourtdate" not in _squash(" ".join(pages)).casefold()


def test_arabic_topic_sheet_prints_its_words_and_disclaimer() -> None:
    sections = topic_sections("immigration-enforcement", "US-NY", "ar", OFFICE)
    pages = _pages(render_topic_sheet(TopicSheet("ar", sections)))
    first = _squash(pages[0])
    # Text extraction may reorder Arabic words, so each word is looked for on its own.
    for word in _title("guidance", "immigration-enforcement", "ar").split():
        assert _squash(word) in first
    for word in translator("ar").gettext(DISCLAIMER).split()[:4]:
        assert _squash(word) in first


def test_only_topics_with_a_jurisdiction_slot_get_the_jurisdiction_section() -> None:
    assert topic_has_jurisdiction_slot("immigration-enforcement", "es")
    assert not topic_has_jurisdiction_slot("what-happens-at-a-hearing", "es")
    assert len(topic_sections("what-happens-at-a-hearing", "US-NY", "es", OFFICE)) == 1
    five = topic_sections("immigration-enforcement", "US-CA", "es", OFFICE)
    assert [section.title for section in five] == [
        _title("guidance", "immigration-enforcement", "es"),
        _title("jurisdictions", "US-CA", "es"),
    ]


def test_office_contacts_and_local_note_are_printed() -> None:
    sections = topic_sections("after-the-hearing", None, "en", OFFICE)
    text = _squash(" ".join(_pages(render_topic_sheet(TopicSheet("en", sections)))))
    assert _squash("Pat Test-Advocate: +1 212-555-0199") in text
    assert _squash("Test note: ask at window 3.") in text


def test_paper_size_follows_the_sheet() -> None:
    sections = topic_sections("interpreters", None, "en", OFFICE)
    letter = pypdf.PdfReader(io.BytesIO(render_topic_sheet(TopicSheet("en", sections))))
    a4 = pypdf.PdfReader(
        io.BytesIO(render_topic_sheet(TopicSheet("en", sections, paper=PaperSize.A4)))
    )
    assert round(float(letter.pages[0].mediabox.width)) == 612
    assert round(float(a4.pages[0].mediabox.width)) == 595


def test_a_sheet_needs_a_section() -> None:
    with pytest.raises(ValueError):
        TopicSheet("en", ())
