"""Languages, message catalogs and locale-aware formatting. Plain Python, no Qt."""

from companion.i18n.catalog import N_, Translator, translator
from companion.i18n.languages import LANGUAGES, SOURCE_TAG, Language, get_language, language_for_tag

__all__ = [
    "LANGUAGES",
    "SOURCE_TAG",
    "Language",
    "N_",
    "Translator",
    "get_language",
    "language_for_tag",
    "translator",
]
