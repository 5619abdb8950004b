"""The languages Court Companion speaks, and how a person's language tag maps onto them."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    """One shipped language.

    ``tag`` is the BCP-47 tag we store and show; ``catalog`` is the gettext folder
    name under ``translations/``; ``babel_locale`` is what Babel formats with;
    ``qt_locale`` names Qt's own ``qtbase_<x>.qm`` and the ``QLocale``.
    """

    tag: str
    catalog: str
    babel_locale: str
    qt_locale: str
    native_name: str
    english_name: str
    rtl: bool = False


SOURCE_TAG = "en"

LANGUAGES: tuple[Language, ...] = (
    Language("en", "en", "en_US", "en_US", "English", "English"),
    # US Spanish conventions (12-hour clock, as on US court notices).
    Language("es", "es", "es_US", "es_US", "Español", "Spanish"),
    Language("zh-Hans", "zh_Hans", "zh_Hans_CN", "zh_CN", "中文（简体）", "Chinese (Simplified)"),
    Language("zh-Hant", "zh_Hant", "zh_Hant_TW", "zh_TW", "中文（繁體）", "Chinese (Traditional)"),
    Language("vi", "vi", "vi", "vi_VN", "Tiếng Việt", "Vietnamese"),
    Language("tl", "tl", "fil", "fil_PH", "Tagalog", "Tagalog"),
    # Modern Standard Arabic with Western digits, as Babel formats "ar" for packets.
    Language("ar", "ar", "ar", "ar_001", "العربية", "Arabic", rtl=True),
    Language("fr", "fr", "fr", "fr_FR", "Français", "French"),
    Language("ht", "ht", "ht", "fr_HT", "Kreyòl ayisyen", "Haitian Creole"),
    Language("ko", "ko", "ko", "ko_KR", "한국어", "Korean"),
    Language("ru", "ru", "ru", "ru_RU", "Русский", "Russian"),
    Language("pt-BR", "pt_BR", "pt_BR", "pt_BR", "Português (Brasil)", "Portuguese (Brazil)"),
)

PSEUDO_TAG = "x-pseudo"
PSEUDO_ENV = "COMPANION_PSEUDO"

# Development only: accented, longer, mirrored text made from the English source
# (see companion.i18n.pseudo). Never a witness's language, and in the interface
# language menu only when COMPANION_PSEUDO=1.
PSEUDO_LANGUAGE = Language(
    PSEUDO_TAG,
    "x_pseudo",
    "en_US",
    "en_US",
    "[Ƥšéûđö]",
    "Pseudo-locale (development)",
    rtl=True,
)

_BY_TAG = {language.tag.lower(): language for language in LANGUAGES}

# Tags people are often recorded with that mean one of our languages.
_ALIASES = {
    "zh": "zh-Hans",
    "zh-cn": "zh-Hans",
    "zh-sg": "zh-Hans",
    "zh-hans-cn": "zh-Hans",
    "zh-tw": "zh-Hant",
    "zh-hk": "zh-Hant",
    "zh-mo": "zh-Hant",
    "zh-hant-tw": "zh-Hant",
    "fil": "tl",
    "pt": "pt-BR",
}


def language_for_tag(tag: str) -> Language | None:
    """The shipped language that best serves a person recorded with ``tag``.

    ``es-MX`` gives Spanish, ``zh-TW`` Traditional Chinese, ``fil`` Tagalog. A tag we
    do not ship (``so``, ``ne``) gives ``None``: the caller decides what to fall back to.
    """
    key = tag.strip().replace("_", "-").lower()
    while key:
        if key in _BY_TAG:
            return _BY_TAG[key]
        if key in _ALIASES:
            return _BY_TAG[_ALIASES[key].lower()]
        if "-" not in key:
            return None
        key = key.rsplit("-", 1)[0]
    return None


def pseudo_enabled() -> bool:
    """True when the developer asked for the pseudo-locale (``COMPANION_PSEUDO=1``)."""
    return os.environ.get(PSEUDO_ENV, "").strip() == "1"


def interface_languages() -> tuple[Language, ...]:
    """The languages the interface language menu offers.

    The twelve shipped languages, plus the pseudo-locale in development.
    """
    if pseudo_enabled():
        return (*LANGUAGES, PSEUDO_LANGUAGE)
    return LANGUAGES


def get_language(tag: str) -> Language:
    """The shipped language with exactly this tag (or a tag that maps onto it).

    ``x-pseudo`` gives the development pseudo-locale, whether or not the menu shows it.
    """
    if tag.strip().replace("_", "-").lower() == PSEUDO_TAG:
        return PSEUDO_LANGUAGE
    language = language_for_tag(tag)
    if language is None:
        from companion.errors import UnsupportedLanguageError

        raise UnsupportedLanguageError(tag)
    return language


# --- finding a language by any of its names ---------------------------------------------


def language_name_in(language: Language, interface_tag: str) -> str:
    """``language``'s name in the interface language, from CLDR ("Vietnamese", "vietnamita",
    "越南语"); its English name where CLDR has none in that language."""
    from babel import Locale, UnknownLocaleError

    interface = get_language(interface_tag)
    try:
        names = Locale.parse(interface.babel_locale).languages
    except (UnknownLocaleError, ValueError):
        return language.english_name
    key = language.tag.replace("-", "_")
    name = names.get(key) or names.get(language.babel_locale)
    if not name or interface.tag in ("ht", PSEUDO_TAG):
        # CLDR's Haitian Creole has almost no names; the pseudo-locale mirrors English.
        return language.english_name
    return str(name)


def language_label(language: Language, interface_tag: str) -> str:
    """How a list shows a language: its name in the interface language and its own name,
    "Vietnamese · Tiếng Việt"; its own name alone in its own interface ("Español" in
    Spanish)."""
    from companion.i18n.folding import fold

    shown = language_name_in(language, interface_tag)
    if language == get_language(interface_tag) or fold(shown) == fold(language.native_name):
        return language.native_name
    return f"{shown} · {language.native_name}"


def find_languages(
    text: str, interface_tag: str, languages: tuple[Language, ...] = LANGUAGES
) -> list[Language]:
    """The languages ``text`` may name, best first: by tag ("vi", "zh-TW", "fil"), by name
    in the interface language ("Vietnamese", "vietnamita"), by its own name ("Tiếng Việt",
    typed with or without accents) or its English name, whole or from the start of a word
    ("viet"). Empty text gives every language, in order."""
    from companion.i18n.folding import fold, split_words

    wanted = fold(text).strip()
    if not wanted:
        return list(languages)
    by_tag = language_for_tag(text) if _BCP47_LIKE.fullmatch(text.strip()) else None
    ranked: list[tuple[int, int, Language]] = []
    for position, language in enumerate(languages):
        names = [
            fold(name)
            for name in (
                language_name_in(language, interface_tag),
                language.native_name,
                language.english_name,
            )
        ]
        tag = language.tag.lower()
        if language == by_tag or wanted in names:
            score = 0
        elif any(name.startswith(wanted) for name in names) or tag.startswith(wanted):
            score = 1
        elif any(word.startswith(wanted) for name in names for word in split_words(name)):
            score = 2
        elif len(wanted) >= 2 and any(wanted in name for name in names):
            score = 3
        else:
            continue
        ranked.append((score, position, language))
    return [language for _, _, language in sorted(ranked, key=lambda item: item[:2])]


_BCP47_LIKE = re.compile(r"[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*")
