"""The shipped languages, the pseudo-locale's visibility, and translators."""

from __future__ import annotations

import pytest

from companion.errors import UnsupportedLanguageError
from companion.i18n.catalog import reload_catalogs, translator
from companion.i18n.languages import (
    LANGUAGES,
    PSEUDO_ENV,
    PSEUDO_TAG,
    get_language,
    interface_languages,
    language_for_tag,
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
