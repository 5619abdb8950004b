"""Languages, message catalogs and locale-aware formatting. Plain Python, no Qt.

* ``languages``: the twelve shipped languages (and the development pseudo-locale);
* ``catalog``: ``N_`` to mark strings, ``translator(tag)`` to translate them;
* ``review``: whether a qualified translator has checked a catalog (imported on its own);
* ``formatting``: dates, times, weekdays and numbers by Babel (imported on its own);
* ``tools``: ``python -m companion.i18n.tools extract|update|compile|status``.
"""

from companion.i18n.catalog import N_, Translator, reload_catalogs, translator
from companion.i18n.languages import (
    LANGUAGES,
    PSEUDO_TAG,
    SOURCE_TAG,
    Language,
    get_language,
    interface_languages,
    language_for_tag,
)

__all__ = [
    "LANGUAGES",
    "N_",
    "PSEUDO_TAG",
    "SOURCE_TAG",
    "Language",
    "Translator",
    "get_language",
    "interface_languages",
    "language_for_tag",
    "reload_catalogs",
    "translator",
]
