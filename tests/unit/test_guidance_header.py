"""The ``---`` header of guidance files: reading, refusing mistakes, writing back."""

from __future__ import annotations

import datetime as dt

import pytest

from companion.guidance import GuidanceFormatError, PartialDate, Source, Status
from companion.guidance.files import parse_file_text
from companion.guidance.header import format_header, parse_header, split_file

HASH = "ab" * 32

ENGLISH = """---
title: Getting there: arriving early
status: source
source_hash: none
sources:
- [1] First citation, with a comma
  url: https://example.org/one
  checked: 2026-11
  effective: 2020-03-23
- [2] Second citation
  url: http://example.org/two?a=1&b=2
  checked: 2025-12-10
  effective: unconfirmed
- [3] A news report
  url: https://example.org/three
  checked: 2026-12
  effective: 2025-12-09 (news only)
---

> Not legal advice.

Text [1, 2, 3].
"""


def test_english_header_fields() -> None:
    parsed = parse_file_text(ENGLISH, "en.md")
    header = parsed.header
    assert header.title == "Getting there: arriving early"
    assert header.status is Status.SOURCE
    assert header.source_hash is None
    assert header.reviewer is None and header.reviewed_on is None
    assert header.sources == (
        Source(
            number=1,
            citation="First citation, with a comma",
            url="https://example.org/one",
            checked=PartialDate(2026, 11),
            effective=dt.date(2020, 3, 23),
        ),
        Source(
            number=2,
            citation="Second citation",
            url="http://example.org/two?a=1&b=2",
            checked=PartialDate(2025, 12, 10),
            effective_unconfirmed=True,
        ),
        Source(
            number=3,
            citation="A news report",
            url="https://example.org/three",
            checked=PartialDate(2026, 12),
            effective=dt.date(2025, 12, 9),
            effective_news_only=True,
        ),
    )
    assert parsed.body.strip() == "> Not legal advice.\n\nText [1, 2, 3]."


def test_reviewed_translation_header() -> None:
    lines = (
        "title: Cómo llegar",
        "status: reviewed",
        f"source_hash: {HASH}",
        "reviewer: Ana Ruiz",
        "reviewed_on: 2026-12-01",
        "sources:",
    )
    header = parse_header(lines, "es.md")
    assert header.status is Status.REVIEWED
    assert header.source_hash == HASH
    assert header.reviewer == "Ana Ruiz"
    assert header.reviewed_on == dt.date(2026, 12, 1)
    assert header.sources == ()


def test_partial_date_helpers() -> None:
    assert PartialDate(2026, 11).isoformat() == "2026-11"
    assert PartialDate(2026, 11).as_date() == dt.date(2026, 11, 1)
    assert PartialDate(2025, 1, 31).isoformat() == "2025-01-31"


def test_header_round_trips_through_format_header() -> None:
    parsed = parse_file_text(ENGLISH, "en.md")
    text = format_header(parsed.header) + parsed.body
    assert parse_file_text(text, "en.md") == parsed


def _header_error(lines: tuple[str, ...]) -> GuidanceFormatError:
    with pytest.raises(GuidanceFormatError) as caught:
        parse_header(lines, "x.md")
    return caught.value


@pytest.mark.parametrize(
    ("lines", "reason"),
    [
        (("status: source", "source_hash: none"), "needs title"),
        (("title: T", "status: final", "source_hash: none"), "status must be"),
        (("title: T", "status: source", f"source_hash: {HASH}"), "source_hash: none"),
        (("title: T", "status: draft", "source_hash: none"), "64-character"),
        (("title: T", "status: draft", "source_hash: ABC"), "64-character"),
        (("title: T", "status: reviewed", f"source_hash: {HASH}"), "reviewer"),
        (
            ("title: T", "status: draft", f"source_hash: {HASH}", "reviewer: Ana Ruiz"),
            "only to status: reviewed",
        ),
        (("title: T", "title: U", "status: source", "source_hash: none"), "given twice"),
        (("title: T", "colour: blue", "status: source", "source_hash: none"), "unknown header"),
        (("Title = T",), "key: value"),
    ],
)
def test_header_mistakes(lines: tuple[str, ...], reason: str) -> None:
    assert reason in _header_error(lines).reason


BASE = ("title: T", "status: source", "source_hash: none", "sources:")


@pytest.mark.parametrize(
    ("source_lines", "reason"),
    [
        (("- [2] Starts at two", "  url: https://a.org", "  checked: 2026-11"), "numbered 1, 2, 3"),
        (("- [1] No url", "  checked: 2026-11"), "has no url"),
        (("- [1] No date", "  url: https://a.org"), "has no checked"),
        (("- [1] Bad url", "  url: a.org", "  checked: 2026-11"), "not a URL"),
        (("- [1] Bad date", "  url: https://a.org", "  checked: Nov 2026"), "YYYY-MM"),
        (("- [1] Bad date", "  url: https://a.org", "  checked: 2026-13"), "not a real date"),
        (
            ("- [1] E", "  url: https://a.org", "  checked: 2026-11", "  effective: soon"),
            "YYYY-MM-DD",
        ),
        (
            ("- [1] E", "  url: https://a.org", "  checked: 2026-11", "  effective: (news only)"),
            "YYYY-MM-DD",
        ),
        (("- [1] X", "  url: https://a.org", "  checked: 2026-11", "  note: hi"), "unknown source"),
        (("  url: https://a.org",), "'- [n] citation'"),
    ],
)
def test_source_mistakes(source_lines: tuple[str, ...], reason: str) -> None:
    assert reason in _header_error(BASE + source_lines).reason


def test_split_file_requires_both_fences() -> None:
    with pytest.raises(GuidanceFormatError, match="start with"):
        split_file("title: T\n", "x.md")
    with pytest.raises(GuidanceFormatError, match="no closing"):
        split_file("---\ntitle: T\n", "x.md")
    split = split_file("---\r\ntitle: T\r\n---\r\nBody\r\n", "x.md")
    assert split.header_lines == ("title: T",)
    assert split.body == "Body\n"
    assert split.body_first_line == 4


def test_citing_a_source_that_is_not_listed_is_refused() -> None:
    text = "---\ntitle: T\nstatus: source\nsource_hash: none\nsources:\n---\n\nA fact [1].\n"
    with pytest.raises(GuidanceFormatError, match=r"cites \[1\]"):
        parse_file_text(text, "en.md")


def test_empty_body_is_refused() -> None:
    with pytest.raises(GuidanceFormatError, match="empty"):
        parse_file_text("---\ntitle: T\nstatus: source\nsource_hash: none\n---\n\n", "en.md")
