"""The shipped languages, the pseudo-locale's visibility, and translators."""

from __future__ import annotations

import pytest

from companion.errors import UnsupportedLanguageError
from companion.i18n.catalog import reload_catalogs, translator
from companion.i18n.languages import (
    LANGUAGES,
    PSEUDO_ENV,
    PSEUDO_TAG,
    find_languages,
    get_language,
    interface_languages,
    language_for_tag,
    language_label,
)


def test_twelve_languages_each_once() -> None:
    assert [language.tag for language in LANGUAGES] == [
        "en",
        "es",
        "zh-Hans",
        "zh-Hant",
        "vi",
        "tl",
        "ar",
        "fr",
        "ht",
        "ko",
        "ru",
        "pt-BR",
    ]
    assert [language.tag for language in LANGUAGES if language.rtl] == ["ar"]


def test_pseudo_locale_is_hidden_from_users(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(PSEUDO_ENV, raising=False)
    assert PSEUDO_TAG not in [language.tag for language in interface_languages()]
    assert PSEUDO_TAG not in [language.tag for language in LANGUAGES]


def test_pseudo_locale_in_the_menu_for_developers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PSEUDO_ENV, "1")
    tags = [language.tag for language in interface_languages()]
    assert tags[-1] == PSEUDO_TAG
    assert len(tags) == 13


def test_pseudo_locale_is_never_a_witness_language() -> None:
    assert language_for_tag(PSEUDO_TAG) is None
    assert get_language(PSEUDO_TAG).tag == PSEUDO_TAG


@pytest.mark.parametrize(
    ("recorded", "shipped"),
    [("es-MX", "es"), ("zh-TW", "zh-Hant"), ("fil", "tl"), ("pt", "pt-BR"), ("ht-HT", "ht")],
)
def test_recorded_tags_map_onto_shipped_languages(recorded: str, shipped: str) -> None:
    language = language_for_tag(recorded)
    assert language is not None
    assert language.tag == shipped


def test_unknown_language_is_a_typed_error() -> None:
    with pytest.raises(UnsupportedLanguageError):
        translator("so")


def test_translators_translate() -> None:
    reload_catalogs()
    assert translator("en").gettext("Witness") == "Witness"
    assert translator("es").gettext("Witness") == "Testigo"
    assert translator("es-MX").language.tag == "es"
    assert translator("ar").gettext("Witness") == "شاهد"
    assert translator("ht").gettext("Witness") == "Temwen"
    # A string no catalog knows falls back to the English source.
    assert translator("ko").gettext("No such message here") == "No such message here"


@pytest.mark.parametrize(
    ("typed", "interface", "expected"),
    [
        ("viet", "en", ["vi"]),
        ("Vietnamese", "en", ["vi"]),
        ("Tiếng Việt", "en", ["vi"]),
        ("tieng viet", "es", ["vi"]),  # its own name, accents left out
        ("vi", "en", ["vi"]),
        ("vietnamita", "es", ["vi"]),  # the name in the interface language
        ("Vietnamese", "es", ["vi"]),  # English names work in every interface language
        ("越南", "zh-Hans", ["vi"]),
        ("chin", "en", ["zh-Hans", "zh-Hant"]),
        ("zh-TW", "en", ["zh-Hant"]),
        ("fil", "en", ["tl"]),
        ("kreyol", "en", ["ht"]),
        ("arab", "fr", ["ar"]),
        ("한국", "en", ["ko"]),
        ("klingon", "en", []),
    ],
)
def test_find_languages_by_any_name_or_tag(typed: str, interface: str, expected: list[str]) -> None:
    assert [language.tag for language in find_languages(typed, interface)] == expected


def test_find_languages_puts_the_exact_tag_first() -> None:
    # "fr" is French's tag, and the start of no other language's name in English.
    assert [language.tag for language in find_languages("fr", "en")][:1] == ["fr"]
    assert find_languages("", "en") == list(LANGUAGES)


@pytest.mark.parametrize(
    ("tag", "interface", "label"),
    [
        ("vi", "en", "Vietnamese · Tiếng Việt"),
        ("vi", "es", "vietnamita · Tiếng Việt"),
        ("es", "es", "Español"),  # one name when both are the same
        ("en", "en", "English"),
        ("ar", "zh-Hans", "阿拉伯语 · العربية"),
        ("ht", "ht", "Kreyòl ayisyen"),
        ("vi", "ht", "Vietnamese · Tiếng Việt"),  # CLDR has no Kreyòl names: English
    ],
)
def test_language_label_shows_both_names(tag: str, interface: str, label: str) -> None:
    assert language_label(get_language(tag), interface) == label
