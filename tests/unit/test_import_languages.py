"""A spreadsheet's language column: names in English, in the language itself or in an
interface language, and tags; "Chinese" alone is refused with the names to write."""

from __future__ import annotations

import pytest

from companion.errors import ValidationError
from companion.i18n.catalog import translator
from companion.imports.messages import describe_row_reason
from companion.imports.values import read_language


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("Spanish", "es"),
        ("Español", "es"),
        ("spa", "es"),
        ("Chinese (Simplified)", "zh-Hans"),
        ("zh-Hans", "zh-Hans"),
        ("Chinese (Traditional)", "zh-Hant"),
        ("zh-hant", "zh-Hant"),
        ("chino tradicional", "zh-Hant"),  # its name in the Spanish interface
        ("chinois simplifié", "zh-Hans"),  # in the French one
        ("中文（繁體）", "zh-Hant"),  # in itself
    ],
)
def test_language_names_and_tags_are_read(text: str, tag: str) -> None:
    assert read_language(text, "language") == tag


@pytest.mark.parametrize("text", ["Chinese", "chinese", "中文"])
def test_chinese_alone_is_refused_with_the_two_names_to_write(text: str) -> None:
    with pytest.raises(ValidationError) as raised:
        read_language(text, "language")
    assert raised.value.reason == "chinese_script_unsaid"
    message = describe_row_reason(raised.value.reason, translator("en"))
    for name in ("Chinese (Simplified)", "zh-Hans", "Chinese (Traditional)", "zh-Hant"):
        assert name in message


def test_a_word_that_is_no_language_is_still_refused_as_such() -> None:
    with pytest.raises(ValidationError) as raised:
        read_language("Klingonese", "language")
    assert raised.value.reason == "invalid_language"
