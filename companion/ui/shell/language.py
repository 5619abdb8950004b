"""Switching the interface language while the app runs, in one place.

``switch_language(tag)``:

* makes ``_()`` answer in the new language (``companion.ui.i18n.set_current``);
* sets ``QLocale.setDefault`` for Qt's own number and date widgets;
* loads Qt's ``qtbase_<lang>.qm`` for its standard dialogs (when Qt ships one);
* lays the application out right to left for Arabic;
* remembers the choice (``QSettings``, no personal data);
* asks every open window and dialog to ``retranslate()``.
"""

from __future__ import annotations

import logging

import shiboken6
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from companion.errors import CompanionError
from companion.i18n.catalog import Translator
from companion.i18n.languages import SOURCE_TAG, Language, get_language, interface_languages
from companion.ui import i18n, preferences

log = logging.getLogger(__name__)

_qt_translator: QTranslator | None = None


def available_languages() -> tuple[Language, ...]:
    """The languages the Language menu offers (the pseudo-locale only in development)."""
    return interface_languages()


def current_language() -> Language:
    return i18n.current().language


def status_note(tag: str, shown_in: Translator) -> str:
    """ "Draft translation" (in ``shown_in``'s language) for a catalog nobody has checked yet;
    "" for English, the source."""
    if get_language(tag).tag == SOURCE_TAG:
        return ""
    # Imported here: reading review dates needs Babel, which the unlock screen can do without.
    from companion.i18n.review import DRAFT_NOTE, review_note, review_status

    try:
        status = review_status(tag)
    except OSError:  # no compiled catalog: certainly nobody reviewed it
        return shown_in.gettext(DRAFT_NOTE)
    return review_note(status, shown_in)


def _install_qt_translations(language: Language) -> None:
    """Qt's own strings (standard buttons, file dialogs) in ``language``, if Qt ships them."""
    global _qt_translator
    app = QCoreApplication.instance()
    if app is None:
        return
    if _qt_translator is not None:
        QCoreApplication.removeTranslator(_qt_translator)
        _qt_translator = None
    if language.tag == SOURCE_TAG:
        return
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)
    if translator.load(QLocale(language.qt_locale), "qtbase", "_", folder):
        QCoreApplication.installTranslator(translator)
        _qt_translator = translator
    else:
        log.info("Qt ships no qtbase translation for %s", language.qt_locale)


def _lay_out(right_to_left: bool) -> None:
    # Imported here: the bindings build Qt's whole ``Qt`` enum namespace on first use (11 ms
    # on Python 3.11), and a start in a left-to-right language has no need of it before the
    # first window shows.
    from PySide6.QtCore import Qt

    direction = Qt.LayoutDirection.RightToLeft if right_to_left else Qt.LayoutDirection.LeftToRight
    QApplication.setLayoutDirection(direction)


def apply_language(tag: str) -> Language:
    """Make ``tag`` the interface language for everything created from now on.

    Does not touch open windows (see ``switch_language``) and remembers nothing.
    """
    translator = i18n.set_current(tag)
    language = translator.language
    QLocale.setDefault(QLocale(language.qt_locale))
    _install_qt_translations(language)
    if QApplication.instance() is not None and QApplication.isRightToLeft() != language.rtl:
        _lay_out(right_to_left=language.rtl)
    log.info("interface language set to %s", language.tag)
    return language


def retranslate_open_windows() -> int:
    """Call ``retranslate()`` on every open top-level window and dialog that has one.

    Each window passes the call on to the views it contains. Returns how many were asked.
    """
    asked = 0
    for widget in QApplication.topLevelWidgets():
        if not shiboken6.isValid(widget):
            continue
        method = getattr(widget, "retranslate", None)
        if callable(method):
            method()
            asked += 1
    return asked


def switch_language(tag: str) -> Language:
    """Change the interface language now, everywhere, and remember it for next time."""
    language = apply_language(tag)
    preferences.remember_language(language.tag)
    retranslate_open_windows()
    return language


def startup_language(requested: str | None) -> Language:
    """The language to start in: the one asked for on the command line, else the one
    remembered from last time, else the system's if we speak it, else English."""
    for candidate in (requested, preferences.remembered_language(), _system_language()):
        if not candidate:
            continue
        try:
            return apply_language(candidate)
        except (CompanionError, OSError) as error:  # unknown tag, or catalog missing
            log.warning("cannot start in language %s: %s", candidate, type(error).__name__)
    return apply_language(SOURCE_TAG)


def _system_language() -> str | None:
    names = QLocale.system().uiLanguages()
    return names[0] if names else None
