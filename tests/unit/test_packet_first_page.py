"""Page 1 always holds what a witness needs to get there, in every variant.

Name, date, time, arrival time, courthouse and its address, courtroom, and who to call
with the phone number: regular and large print, one language and bilingual, Letter and
A4, in all 12 languages (and with the change notice, the tallest page 1 there is). Each
variant is rendered once (as a short packet: page 1 does not depend on the topics) and
its page 1 text read back with pdfplumber.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import io
import re
import unicodedata
from zoneinfo import ZoneInfo

import pdfplumber
import pypdf
import pytest

from companion.i18n.formatting import format_date, format_time
from companion.i18n.languages import LANGUAGES
from companion.packets.content import PacketContent, PacketOptions, PaperSize
from companion.packets.renderer import render_packet
from tests.unit.test_packet_samples import FIXED_NOW, STARTS_AT, ZONE, sample_content

TAGS = tuple(language.tag for language in LANGUAGES)

#: Names as they would be typed for a witness of each language (fictional).
NATIVE_NAMES = {
    "ar": "ليلى مثال",
    "zh-Hans": "李娜",
    "zh-Hant": "林美玲",
    "ko": "김민수",
    "ru": "Ольга Пример",
}

ADDRESS = "100 Sample Street, Exampleville, NY 10000"
ADVOCATE = "Alex Sample (fictional advocate)"
PHONE = "(555) 010-0000"


def _content(
    language: str, *, large: bool, bilingual: bool, paper: PaperSize, moved: bool = False
) -> PacketContent:
    second = ("es" if language == "en" else "en") if bilingual else None
    return dataclasses.replace(
        sample_content("en"),
        language=language,
        native_name=NATIVE_NAMES.get(language, ""),
        second_language=second,
        draft_translation=None,
        guidance=(),
        earlier_starts=(STARTS_AT - dt.timedelta(days=14),) if moved else (),
        options=PacketOptions(paper=paper, large_print=large, bilingual=bilingual, short=True),
    )


@functools.cache
def _first_page(
    language: str, large: bool, bilingual: bool, paper: PaperSize, moved: bool = False
) -> str:
    content = _content(language, large=large, bilingual=bilingual, paper=paper, moved=moved)
    pdf = render_packet(content, now=FIXED_NOW)
    text = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text() or ""
    return unicodedata.normalize("NFKC", text)


def _squash(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def _words_on_page(expected: str, page: str) -> bool:
    squashed = _squash(page)
    return all(_squash(word) in squashed for word in expected.split())


def assert_on_page(expected: str, page: str, what: str) -> None:
    """Each word of ``expected`` on the page (text extraction may reorder the words of a
    right-to-left line, never the letters of one word)."""
    squashed = _squash(page)
    missing = [word for word in expected.split() if _squash(word) not in squashed]
    assert not missing, f"{what} {expected!r}: {missing} not on page 1"


def assert_page_one(page: str, language: str, *, second: str | None) -> None:
    content = sample_content("en")
    assert_on_page(content.person_name, page, "name")
    if language in NATIVE_NAMES:
        assert_on_page(NATIVE_NAMES[language], page, "native name")
    arrive = STARTS_AT - dt.timedelta(minutes=content.arrive_minutes_before)
    for tag in (language, second) if second else (language,):
        assert_on_page(format_date(STARTS_AT, tag, "full"), page, f"date ({tag})")
        assert_on_page(format_time(STARTS_AT, tag, "short"), page, f"time ({tag})")
        assert_on_page(format_time(arrive, tag, "short"), page, f"arrival ({tag})")
    assert_on_page(content.courthouse.name, page, "courthouse")
    assert_on_page(ADDRESS, page, "address")
    assert "5B" in page, "courtroom"
    assert_on_page(ADVOCATE, page, "advocate")
    digits = re.sub(r"\D", "", page)
    assert "5550100000" in digits or "0100000555" in digits, "phone number"


def test_the_checked_facts_are_the_samples() -> None:
    content = sample_content("en")
    assert content.courthouse.address == ADDRESS
    assert content.advocate is not None
    assert (content.advocate.name, content.advocate.phone) == (ADVOCATE, PHONE)
    assert content.courtroom == "5B"
    assert STARTS_AT.tzinfo == ZoneInfo(ZONE)


@pytest.mark.parametrize("paper", [PaperSize.LETTER, PaperSize.A4], ids=lambda p: p.value)
@pytest.mark.parametrize("large", [False, True], ids=["regular", "large"])
@pytest.mark.parametrize("bilingual", [False, True], ids=["one-language", "bilingual"])
@pytest.mark.parametrize("language", TAGS)
def test_page_one_holds_everything_needed_to_get_there(
    language: str, bilingual: bool, large: bool, paper: PaperSize
) -> None:
    page = _first_page(language, large, bilingual, paper)
    second = ("es" if language == "en" else "en") if bilingual else None
    assert_page_one(page, language, second=second)


@pytest.mark.parametrize("language", TAGS)
def test_page_one_holds_everything_with_the_change_notice_in_large_print(language: str) -> None:
    """The tallest page 1: change notice, native name, large print, two languages. The
    witness's own language holds all of it (the second language's block may move whole
    to page 2, never in part)."""
    page = _first_page(language, True, True, PaperSize.LETTER, moved=True)
    assert_page_one(page, language, second=None)
    old_date = format_date(STARTS_AT - dt.timedelta(days=14), language, "full")
    assert_on_page(old_date, page, "old date")
    second = "es" if language == "en" else "en"
    date_there = _words_on_page(format_date(STARTS_AT, second, "full"), page)
    assert date_there == _words_on_page(format_time(STARTS_AT, second, "short"), page)


def test_large_print_is_not_shrunk_to_fit() -> None:
    content = _content("ar", large=True, bilingual=True, paper=PaperSize.LETTER, moved=True)
    pdf = render_packet(content, now=FIXED_NOW)
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        sizes = [round(char["size"], 1) for char in document.pages[0].chars]
    body = [size for size in sizes if size >= 9.5]  # the footer is small by design
    assert min(body) >= 14.4  # labels: 0.9 of the 16 pt large-print body, as on every page


def test_variant_content_is_what_the_test_says() -> None:
    content = _content("ko", large=True, bilingual=True, paper=PaperSize.A4)
    assert content.options.large_print and content.is_bilingual
    assert content.options.paper is PaperSize.A4
    assert dataclasses.replace(content, second_language=None).is_bilingual is False
