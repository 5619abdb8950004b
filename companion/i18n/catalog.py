"""Message catalogs: one gettext catalog per language, loaded from ``translations/``.

Strings are *marked* where they are defined (``N_``) and *translated* where they
are shown, through a ``Translator`` for the interface language or for a
witness's language. Never glue translated pieces into a sentence: use one
message with named placeholders, ``t.gettext("Hearing on {date}").format(date=...)``.
"""

from __future__ import annotations

import gettext
from functools import lru_cache

from companion.i18n.languages import Language, get_language
from companion.paths import translations_path

DOMAIN = "companion"


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it here."""
    return message


class Translator:
    """Translations for one language."""

    def __init__(self, language: Language, translations: gettext.NullTranslations) -> None:
        self.language = language
        self._translations = translations

    def gettext(self, message: str) -> str:
        return self._translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._translations.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        return self._translations.pgettext(context, message)


def _load(language: Language) -> gettext.NullTranslations:
    try:
        return gettext.translation(
            DOMAIN, localedir=str(translations_path()), languages=[language.catalog]
        )
    except FileNotFoundError:
        if language.catalog == "en":
            return gettext.NullTranslations()
        raise


@lru_cache(maxsize=None)
def translator(tag: str) -> Translator:
    """The translator for a shipped language tag (``es``, ``zh-Hant``, ``ar``, ...)."""
    language = get_language(tag)
    return Translator(language, _load(language))


def reload_catalogs() -> None:
    """Forget loaded catalogs (after ``make catalogs`` in development, and in tests)."""
    translator.cache_clear()
    gettext._translations.clear()  # type: ignore[attr-defined]
