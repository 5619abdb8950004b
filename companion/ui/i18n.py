"""The interface language of the desktop app, and ``_`` for strings shown on screen.

Widgets call ``_()`` inside their ``retranslate()`` methods; ``LanguageSwitcher``
(in ``companion.ui.shell.language``) changes the language and asks every open window
and dialog to retranslate.
"""

from __future__ import annotations

from companion.i18n.catalog import Translator, translator
from companion.i18n.languages import SOURCE_TAG

_current: Translator = translator(SOURCE_TAG)


def current() -> Translator:
    return _current


def set_current(tag: str) -> Translator:
    global _current
    _current = translator(tag)
    return _current


def _(message: str) -> str:
    """Translate a message into the interface language."""
    return _current.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _current.ngettext(singular, plural, n)
