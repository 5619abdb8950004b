"""The guidance body parser: the Markdown subset into typed blocks, and its refusals."""

from __future__ import annotations

import pytest

from companion.guidance import (
    BulletList,
    CitationRef,
    GuidanceFormatError,
    Heading,
    Notice,
    Paragraph,
    Slot,
    SlotName,
    TextRun,
    blocks_to_html,
    parse_body,
    parse_inline,
    runs_to_markup,
)


def test_blocks_of_each_kind_in_order() -> None:
    body = (
        "> General information only.\n"
        "\n"
        "First line of a paragraph\n"
        "and its second line.\n"
        "\n"
        "## Before you go\n"
        "\n"
        "- Bring the letter.\n"
        "- Ask your advocate\n"
        "  where to meet.\n"
        "\n"
        "{{organisation-contacts}}\n"
    )
    assert parse_body(body) == (
        Notice((TextRun("General information only."),)),
        Paragraph((TextRun("First line of a paragraph and its second line."),)),
        Heading("Before you go"),
        BulletList(
            (
                (TextRun("Bring the letter."),),
                (TextRun("Ask your advocate where to meet."),),
            )
        ),
        Slot(SlotName.ORGANISATION_CONTACTS),
    )


def test_inline_bold_and_citations() -> None:
    runs = parse_inline("**The judge** decides [1]. Both agree [2, 3].")
    assert runs == (
        TextRun("The judge", bold=True),
        TextRun(" decides "),
        CitationRef((1,)),
        TextRun(". Both agree "),
        CitationRef((2, 3)),
        TextRun("."),
    )
    paragraph = Paragraph(runs)
    assert paragraph.plain_text == "The judge decides [1]. Both agree [2, 3]."
    assert paragraph.citations == (1, 2, 3)


def test_brackets_that_are_not_citations_stay_text() -> None:
    assert parse_inline("Say [your name] first.") == (TextRun("Say [your name] first."),)


def test_wrapped_chinese_lines_join_without_a_space() -> None:
    (paragraph,) = parse_body("请告诉您的\n律师。\nAsk in English\ntoo.")
    assert isinstance(paragraph, Paragraph)
    assert paragraph.plain_text == "请告诉您的律师。 Ask in English too."


def test_text_is_nfc_normalised() -> None:
    (paragraph,) = parse_body("Tie\u0302\u0301ng Vie\u0323\u0302t")  # decomposed Vietnamese
    assert isinstance(paragraph, Paragraph)
    assert paragraph.plain_text == "Tiếng Việt"


def test_jurisdiction_slot() -> None:
    assert parse_body("{{ jurisdiction }}") == (Slot(SlotName.JURISDICTION),)


@pytest.mark.parametrize(
    ("body", "line", "reason"),
    [
        ("# Title", 1, "headings"),
        ("ok\n\n### Deeper", 3, "headings"),
        ("* star item", 1, "list items start with '- '"),
        ("1. numbered", 1, "list items start with '- '"),
        ("- item\nloose text", 2, "blank line"),
        ("  indented paragraph", 1, "indented"),
        ("Bold **never closed", 1, "not closed"),
        ("{{phone-numbers}}", 1, "unknown slot"),
        ("Text {{jurisdiction}} inline", 1, ""),  # not a slot line: plain text is fine
        ("## Heading with [1]", 1, "plain text"),
        ("Cites [0].", 1, "numbered from 1"),
    ],
)
def test_mistakes_are_refused_with_their_line(body: str, line: int, reason: str) -> None:
    if not reason:
        assert isinstance(parse_body(body)[0], Paragraph)
        return
    with pytest.raises(GuidanceFormatError) as caught:
        parse_body(body, "es.md", first_line=1)
    assert caught.value.line == line
    assert reason in caught.value.reason
    assert str(caught.value).startswith(f"es.md:{line}:")


def test_line_numbers_count_from_the_body_start_in_the_file() -> None:
    with pytest.raises(GuidanceFormatError) as caught:
        parse_body("fine\n\n* wrong", "ar.md", first_line=20)
    assert caught.value.line == 22


def test_markup_escapes_text_and_marks_bold_and_citations() -> None:
    runs = parse_inline("**A <b> & c** said [2].")
    assert runs_to_markup(runs) == "<b>A &lt;b&gt; &amp; c</b> said <sup>[2]</sup>."
    assert runs_to_markup(runs, citation_tag="") == "<b>A &lt;b&gt; &amp; c</b> said [2]."


def test_blocks_to_html_escapes_and_uses_slot_callback() -> None:
    blocks = parse_body("## <Heading>\n\n- <script>x</script>\n\n{{jurisdiction}}")
    html = blocks_to_html(blocks, lambda slot: f"<div>{slot.name.value}</div>")
    assert "<script>" not in html
    assert "<h3>&lt;Heading&gt;</h3>" in html
    assert "<li>&lt;script&gt;x&lt;/script&gt;</li>" in html
    assert html.endswith("<div>jurisdiction</div>")
    assert "jurisdiction" not in blocks_to_html(blocks)
