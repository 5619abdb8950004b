"""Every window and dialog of the gallery, switched to each non-English language, shows no
English interface string.

A shown text counts as English when it is one of the source strings (``companion.pot``,
plus the strings the code marks today but the template does not have yet), after
accelerators (``&``), spacing and a trailing ``…`` or ``:`` are set aside, or when it
fills in one of the source strings that has placeholders. It is allowed only where the
language's catalog translates the string into the very same words (``OK``, a name).
Record data (names, addresses, docket numbers), language names and the computer user's
name are not interface strings and never count.

Each language is one test; its failure lists every English text as
``entries :: widget path (kind): 'text' -- why``.
"""

from __future__ import annotations

import dataclasses
import getpass
import importlib
import inspect
import pkgutil
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMainWindow, QWidget
from pytestqt.qtbot import QtBot

from companion.demo import create_demo_office
from companion.guidance import list_topics
from companion.i18n.catalog import po_path
from companion.i18n.catalog_files import read_catalog
from companion.i18n.languages import LANGUAGES, PSEUDO_LANGUAGE, SOURCE_TAG, get_language
from companion.i18n.tools import extract_messages, translations_dir
from companion.store.store import Store
from companion.ui.background import job_pool
from companion.ui.dev import gallery
from companion.ui.fonts import install_application_font
from companion.ui.shell.language import apply_language, switch_language
from companion.ui.shell.main_window import MainWindow
from tests.conftest import TEST_PASSPHRASE

Key = tuple[str | None, str | tuple[str, ...]]  # (context, msgid or (singular, plural))

TRAILING = "…:："
#: A source string with placeholders is looked for in shown texts only when its fixed
#: words hold at least this many letters ("{name} · {note}" would match anything).
PATTERN_LETTERS = 4
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def normalise(text: str) -> str:
    """The words of an interface text: no accelerator, single spaces, no trailing … or :."""
    text = gallery.plain_text(text)
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    text = " ".join(text.split())
    while text and text[-1] in TRAILING:
        text = text[:-1].rstrip()
    return text


def _forms(message_id: str | tuple[str, ...]) -> tuple[str, ...]:
    return (message_id,) if isinstance(message_id, str) else tuple(message_id)


#: Placeholders that always stand for a number (digits of any script, separators).
NUMBERS = frozenset(
    {"count", "id", "number", "total", "months", "minutes", "minimum", "seconds", "version"}
)
_NUMBER = r"[\d.,\s\u00a0\u202f\u066b\u066c]+?"


def _pattern(form: str) -> re.Pattern[str] | None:
    """A regular expression matching ``form`` filled in, if it has placeholders."""
    pieces = _PLACEHOLDER.split(form)
    if len(pieces) == 1 or sum(ch.isalpha() for ch in "".join(pieces)) < PATTERN_LETTERS:
        return None
    names = [name.partition(":")[0].strip("{}") for name in _PLACEHOLDER.findall(form)]
    expression = re.escape(pieces[0].replace("{{", "{").replace("}}", "}"))
    for name, piece in zip(names, pieces[1:], strict=True):
        expression += _NUMBER if name in NUMBERS else ".+?"
        expression += re.escape(piece.replace("{{", "{").replace("}}", "}"))
    return re.compile("(?s)" + expression)


@dataclass(frozen=True, repr=False)
class SourceStrings:
    """The English source strings: the catalog template's and those the code marks now."""

    keys: frozenset[Key]
    in_template: frozenset[Key]
    exact: dict[str, list[tuple[Key, str]]]
    patterns: list[tuple[re.Pattern[str], Key, str]]

    @classmethod
    def load(cls) -> SourceStrings:
        template = read_catalog(translations_dir() / "companion.pot")
        in_template = {(m.context, m.id) for m in template if m.id}
        marked = {(m.context, m.id) for m in extract_messages() if m.id}
        exact: dict[str, list[tuple[Key, str]]] = {}
        patterns: list[tuple[re.Pattern[str], Key, str]] = []
        for key in sorted(in_template | marked, key=repr):
            for form in _forms(key[1]):
                words = normalise(form)
                if not words:
                    continue
                exact.setdefault(words, []).append((key, words))
                pattern = _pattern(words)
                if pattern is not None:
                    patterns.append((pattern, key, words))
        return cls(frozenset(in_template | marked), frozenset(in_template), exact, patterns)

    def __repr__(self) -> str:
        return f"SourceStrings({len(self.keys)} strings)"

    def matches(self, text: str) -> list[tuple[Key, str]]:
        """The source strings ``text`` is, or fills in: (key, the English form's words)."""
        found = list(self.exact.get(text, []))
        if not found:
            found = [(key, form) for pattern, key, form in self.patterns if pattern.fullmatch(text)]
        return found


@dataclass(frozen=True)
class Translation:
    forms: tuple[str, ...]
    fuzzy: bool


def catalog_translations(tag: str) -> dict[Key, Translation]:
    """What the language's ``.po`` says for each source string."""
    language = get_language(tag)
    catalog = read_catalog(po_path(language.catalog, translations_dir()))
    return {
        (m.context, m.id): Translation(_forms(m.string or ""), m.fuzzy) for m in catalog if m.id
    }


def why_english(
    key: Key, english: str, sources: SourceStrings, translations: dict[Key, Translation] | None
) -> str | None:
    """Why a text that is the English ``english`` of ``key`` should not be on screen, or
    None when the language's catalog says these are its words too. ``translations`` None:
    a language made from the source on the fly (the pseudo-locale), never the same."""
    if translations is None:
        return "English source string (not shown through the catalog)"
    if key not in sources.in_template:
        return "not in the catalogs yet (make update-catalogs, then translate)"
    entry = translations.get(key)
    if entry is None:
        return "missing from this language's catalog"
    if entry.fuzzy:
        return "fuzzy in this language's catalog"
    if not any(entry.forms):
        return "not translated yet"
    if english in {normalise(form) for form in entry.forms}:
        return None
    shown = " | ".join(entry.forms)
    return f"the catalog has {shown!r}: not retranslated, or set without _()"


def first_reason(
    matches: list[tuple[Key, str]],
    sources: SourceStrings,
    translations: dict[Key, Translation] | None,
) -> str | None:
    """Why the text is English, or None if any string it may be translates to these very
    words. Several strings can read the same ("Restore", "&Restore…"): a missing or
    untranslated one explains the English better than another one's translation does."""
    reasons = [why_english(key, english, sources, translations) for key, english in matches]
    if not reasons or None in reasons:
        return None
    return sorted(reasons, key=lambda reason: str(reason).startswith("the catalog has"))[0]


def record_strings(store: Store) -> set[str]:
    """Every text the office's records hold, and other texts that are not the catalog's
    to translate: language names, the computer user's name, and the guidance topics'
    English titles (the guidance library translates them, and falls back to English)."""
    records: list[object] = [store.organisation.get()]
    records += [store.people.get(summary.id) for summary in store.people.list()]
    cases = store.cases.list()
    records += cases
    records += store.courthouses.list()
    for case in cases:
        assert case.id is not None
        records += store.hearings.for_case(case.id)
    found: set[str] = {gallery.TRASHED_COURTHOUSE, getpass.getuser()}
    found |= {topic.title for topic in list_topics(SOURCE_TAG)}
    for language in (*LANGUAGES, PSEUDO_LANGUAGE):
        found |= {language.native_name, language.english_name, language.tag}
    for record in records:
        found |= set(_strings_in(record))
    return {normalise(text) for text in found}


def _strings_in(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from _strings_in(getattr(value, field.name))
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings_in(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings_in(item)


@dataclass(frozen=True)
class Finding:
    where: str
    kind: str
    text: str
    reason: str


def english_texts(
    screens: dict[str, QWidget],
    sources: SourceStrings,
    translations: dict[Key, Translation] | None,
    data: set[str],
) -> dict[Finding, list[str]]:
    """Each English text found, with the gallery entries that show it."""
    found: dict[Finding, list[str]] = {}
    for name, screen in screens.items():
        for shown in gallery.shown_texts(screen):
            for part in shown.text.split("\t"):  # "Español<TAB>draft translation"
                words = normalise(part)
                if not words or words in data:
                    continue
                reason = first_reason(sources.matches(words), sources, translations)
                if reason is not None:
                    finding = Finding(shown.where, shown.kind, part, reason)
                    entries = found.setdefault(finding, [])
                    if name not in entries:
                        entries.append(name)
    return found


def describe(tag: str, found: dict[Finding, list[str]]) -> str:
    distinct = len({finding.text for finding in found})
    lines = [f"{tag}: {distinct} English interface strings on screen ({len(found)} places):"]
    for finding, entries in sorted(found.items(), key=lambda item: (item[1][0], item[0].where)):
        lines.append(
            f"  [{tag}] {', '.join(entries)} :: {finding.where} ({finding.kind}): "
            f"{finding.text!r} -- {finding.reason}"
        )
    return "\n".join(lines)


def open_gallery(
    qtbot: QtBot, store: Store, entries: Iterable[gallery.GalleryEntry]
) -> dict[str, QWidget]:
    screens: dict[str, QWidget] = {}
    for entry in entries:
        screen = entry.build(store, None)
        qtbot.addWidget(screen)
        screen.show()
        screens[entry.name] = screen
    return screens


# --- PySide6 6.12 loses references to None --------------------------------------------------

# --- fixtures: one demo office and one set of preferences for the whole module ----------------


@pytest.fixture(scope="module")
def gallery_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = create_demo_office(tmp_path_factory.mktemp("gallery") / "office", TEST_PASSPHRASE)
    gallery.prepare_demo_office(store)
    yield store
    store.close()


@pytest.fixture(scope="module")
def sources() -> SourceStrings:
    return SourceStrings.load()


@pytest.fixture(scope="module")
def data(gallery_store: Store) -> set[str]:
    return record_strings(gallery_store)


def delete_closed_windows() -> None:
    """Delete the windows closed so far (pytest-qt closes a test's widgets and asks for
    their deletion, which waits for an event loop no test here runs): a language switch
    retranslates every window that still exists, shown or not."""
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def interface(tmp_path: Path, qapp: QApplication) -> Iterator[None]:
    """Preferences in a temporary folder; English before and after; no job left running,
    no window left over."""
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings")
    )
    install_application_font(qapp)
    delete_closed_windows()
    apply_language(SOURCE_TAG)
    yield
    job_pool().waitForDone()
    apply_language(SOURCE_TAG)
    delete_closed_windows()


NON_ENGLISH = [language.tag for language in LANGUAGES if language.tag != SOURCE_TAG]


#: Dialog classes with no gallery entry of their own, and why.
NOT_IN_GALLERY = {
    # The base of the record dialogs; each record dialog has its entries.
    "companion.ui.records.dialogs.common:RecordDialog",
    # The base of the two export dialogs; each has its entry.
    "companion.ui.exchange.export_dialogs:_SaveDialog",
    # The base of the forms whose Escape asks before discarding; each has its entry.
    "companion.ui.widgets.guarded_dialog:GuardedDialog",
    # Their words are given by whoever asks the question or tells the news.
    "companion.ui.widgets.prompts:ConfirmBox",
    "companion.ui.widgets.prompts:InfoBox",
}


def dialog_classes() -> set[str]:
    """``module:Class`` of every window and dialog class the interface package defines."""
    import companion.ui

    found: set[str] = set()
    for module_info in pkgutil.walk_packages(companion.ui.__path__, "companion.ui."):
        module = importlib.import_module(module_info.name)
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and issubclass(cls, QDialog | QMainWindow):
                found.add(f"{module.__name__}:{name}")
    return found


def test_every_dialog_class_has_a_gallery_entry() -> None:
    listed = {entry.target for entry in gallery.entries()}
    missing = dialog_classes() - listed - NOT_IN_GALLERY
    assert not missing, f"add these to companion.ui.dev.gallery.ENTRIES: {sorted(missing)}"
    names = [entry.name for entry in gallery.entries()]
    assert len(names) == len(set(names))


def test_the_gallery_shows_every_tab_of_the_main_window(
    qtbot: QtBot, interface: None, gallery_store: Store
) -> None:
    main_entries = [entry for entry in gallery.entries() if entry.target == gallery.MAIN_WINDOW]
    shown: set[str] = set()
    tab_names: set[str] = set()
    for entry in main_entries:
        window = entry.build(gallery_store, None)
        qtbot.addWidget(window)
        assert isinstance(window, MainWindow)
        tab_names = {window.tabs.tabText(index) for index in range(window.tabs.count())}
        shown.add(window.tabs.tabText(window.tabs.currentIndex()))
    assert shown == tab_names
    person_page = gallery.entry_named("main-person-page").build(gallery_store, None)
    qtbot.addWidget(person_page)
    assert isinstance(person_page, MainWindow)
    assert person_page.people_stack.currentWidget() is person_page.person_page
    assert person_page.person_page.person_id == gallery.featured_person(gallery_store)


def test_the_check_finds_english_left_on_screen_and_ignores_record_data(
    qtbot: QtBot,
    interface: None,
    gallery_store: Store,
    sources: SourceStrings,
    data: set[str],
) -> None:
    about = gallery.entry_named("about").build(gallery_store, None)
    qtbot.addWidget(about)
    layout = about.layout()
    assert layout is not None
    switch_language("es")
    # A source string (as a label would show it), one filled in; then record data, and a
    # word Spanish writes as English does.
    left_behind = {"&People:", "Next 14 days"}
    for text in (*left_behind, "Ahmad Demo-Haddad", "Agenda"):
        layout.addWidget(QLabel(text))
    about.show()

    found = english_texts({"about": about}, sources, catalog_translations("es"), data)

    assert {finding.text for finding in found} == left_behind
    for finding in found:
        assert finding.kind == "label" and finding.where == "AboutDialog/QLabel [QLabel]"
    filled_in = next(finding for finding in found if finding.text == "Next 14 days")
    assert filled_in.reason.startswith("the catalog has 'Próximo {count} día")


@pytest.mark.parametrize("tag", NON_ENGLISH)
def test_no_english_interface_text_in(
    tag: str,
    qtbot: QtBot,
    interface: None,
    gallery_store: Store,
    sources: SourceStrings,
    data: set[str],
) -> None:
    screens = open_gallery(qtbot, gallery_store, gallery.available_entries())
    switch_language(tag)
    found = english_texts(screens, sources, catalog_translations(tag), data)
    assert not found, describe(tag, found)
