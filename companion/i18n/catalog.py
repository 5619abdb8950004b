"""Message catalogs: one gettext catalog per language, loaded from ``translations/``.

Strings are *marked* where they are defined (``N_``) and *translated* where they
are shown, through a ``Translator`` for the interface language or for a
witness's language. Never glue translated pieces into a sentence: use one
message with named placeholders, ``t.gettext("Hearing on {date}").format(date=...)``.
"""

from __future__ import annotations

import gettext
from functools import cache
from pathlib import Path

from companion.i18n.languages import PSEUDO_LANGUAGE, SOURCE_TAG, Language, get_language
from companion.i18n.pseudo import PseudoTranslations
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

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        return self._translations.npgettext(context, singular, plural, n)

    def header(self, name: str) -> str | None:
        """A header field of the compiled catalog (``"X-Review-Status"``), or None."""
        value = self._translations.info().get(name.lower())
        return value.strip() if value is not None else None


def mo_path(catalog: str, root: Path | None = None) -> Path:
    """Where the compiled catalog of gettext folder ``catalog`` lives."""
    base = translations_path() if root is None else root
    return base / catalog / "LC_MESSAGES" / f"{DOMAIN}.mo"


def po_path(catalog: str, root: Path | None = None) -> Path:
    """Where the translators' source catalog of gettext folder ``catalog`` lives."""
    base = translations_path() if root is None else root
    return base / catalog / "LC_MESSAGES" / f"{DOMAIN}.po"


def _load(language: Language) -> gettext.NullTranslations:
    if language == PSEUDO_LANGUAGE:
        return PseudoTranslations()
    path = mo_path(language.catalog)
    try:
        with path.open("rb") as compiled:
            return gettext.GNUTranslations(compiled)
    except FileNotFoundError:
        if language.tag == SOURCE_TAG:
            return gettext.NullTranslations()
        raise


@cache
def translator(tag: str) -> Translator:
    """The translator for a shipped language tag (``es``, ``zh-Hant``, ``ar``, ...).

    ``x-pseudo`` gives the development pseudo-locale (see ``companion.i18n.pseudo``).
    """
    language = get_language(tag)
    return Translator(language, _load(language))


def reload_catalogs() -> None:
    """Forget loaded catalogs (after ``make catalogs`` in development, and in tests)."""
    translator.cache_clear()
