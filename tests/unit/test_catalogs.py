"""The shipped message catalogs are complete, consistent with the code, and compiled.

These read the files with Babel's own reader and extractor, not with our tools,
so a bug in the tools cannot hide a bad catalog.
"""

from __future__ import annotations

import gettext
import io
import re
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from companion.i18n.catalog_files import mo_bytes, read_catalog
from companion.i18n.languages import LANGUAGES, SOURCE_TAG, Language
from companion.i18n.placeholders import placeholder_problems

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "translations"
TRANSLATED = [language for language in LANGUAGES if language.tag != SOURCE_TAG]
ENGLISH = next(language for language in LANGUAGES if language.tag == SOURCE_TAG)


def _po_path(language: Language) -> Path:
    return TRANSLATIONS / language.catalog / "LC_MESSAGES" / "companion.po"


def _mo_path(language: Language) -> Path:
    return TRANSLATIONS / language.catalog / "LC_MESSAGES" / "companion.mo"


_catalogs: dict[str, Catalog] = {}


def _read(path: Path) -> Catalog:
    key = str(path)
    if key not in _catalogs:
        with path.open("rb") as source:
            _catalogs[key] = read_po(source)
    return _catalogs[key]


def _keys(catalog: Catalog) -> set[tuple[str | None, str]]:
    return {(message.context, _msgid(message)) for message in catalog if message.id}


def _msgid(message: Message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def _forms(message: Message) -> tuple[str, ...]:
    if isinstance(message.string, str):
        return (message.string,)
    return tuple(message.string or ())


def test_template_lists_every_string_marked_in_the_code() -> None:
    """Re-extract with Babel's default keywords and compare with translations/companion.pot."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as mapping:
        method_map, options_map = parse_mapping_cfg(mapping)  # type: ignore[no-untyped-call]
    extracted = {
        (context, message if isinstance(message, str) else message[0])
        for _file, _line, message, _comments, context in extract_from_dir(
            str(ROOT / "companion"), method_map, options_map, keywords=DEFAULT_KEYWORDS
        )
    }
    in_template = _keys(_read(TRANSLATIONS / "companion.pot"))
    assert extracted, "nothing extracted: babel.cfg does not match the code"
    missing = sorted(extracted - in_template, key=str)
    stale = sorted(in_template - extracted, key=str)
    assert not missing and not stale, (
        f"translations/companion.pot is out of date (run `make update-catalogs`): "
        f"new in code {missing[:5]}, gone from code {stale[:5]}"
    )


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.tag)
def test_catalog_has_every_string_translated(language: Language) -> None:
    catalog = _read(_po_path(language))
    template = _read(TRANSLATIONS / "companion.pot")
    missing = _keys(template) - _keys(catalog)
    assert not missing, (
        f"{language.catalog}: run `make update-catalogs`; missing {sorted(missing)[:5]}"
    )
    fuzzy = [_msgid(message) for message in catalog if message.id and message.fuzzy]
    assert not fuzzy, f"{language.catalog}: fuzzy entries need a translator: {fuzzy[:5]}"
    empty = [
        _msgid(message)
        for message in catalog
        if message.id and (not _forms(message) or not all(_forms(message)))
    ]
    assert not empty, f"{language.catalog}: untranslated entries: {empty[:5]}"


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.tag)
def test_translations_keep_the_placeholders(language: Language) -> None:
    catalog = _read(_po_path(language))
    problems = []
    for message in catalog:
        if not message.id or not any(_forms(message)):
            continue  # untranslated: reported by the completeness test
        source = message.id if isinstance(message.id, str) else (message.id[0], message.id[1])
        translation = message.string if isinstance(message.string, str) else _forms(message)
        problem = placeholder_problems(source, translation)
        if problem:
            problems.append(f"{_msgid(message)!r}: {problem}")
    assert not problems, f"{language.catalog}: " + "; ".join(problems[:5])


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.tag)
def test_plural_forms_header_follows_cldr(language: Language) -> None:
    rule = get_plural(Locale.parse(language.babel_locale))
    catalog = _read(_po_path(language))
    assert (catalog.num_plurals, catalog.plural_expr) == (rule.num_plurals, rule.plural_expr)
    for message in catalog:
        if message.id and message.pluralizable:
            assert len(_forms(message)) == rule.num_plurals, _msgid(message)
    compiled = gettext.GNUTranslations(io.BytesIO(_mo_path(language).read_bytes()))
    assert compiled.info()["plural-forms"] == (
        f"nplurals={rule.num_plurals}; plural={rule.plural_expr};"
    )


def test_plural_forms_differ_where_languages_differ() -> None:
    """A check on the check: the rules are really per language."""
    nplurals = {
        language.tag: get_plural(Locale.parse(language.babel_locale)).num_plurals
        for language in LANGUAGES
    }
    assert nplurals["en"] == 2
    assert nplurals["ar"] == 6
    assert nplurals["ru"] == 3
    assert nplurals["zh-Hans"] == nplurals["ko"] == nplurals["vi"] == 1


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.tag)
def test_compiled_catalog_is_current(language: Language) -> None:
    compiled = _mo_path(language)
    assert compiled.exists(), f"{compiled} missing: run `make compile-catalogs`"
    expected = mo_bytes(read_catalog(_po_path(language), locale=language.catalog))
    assert compiled.read_bytes() == expected, (
        f"{compiled} is older than its .po: run `make compile-catalogs`"
    )


@pytest.mark.parametrize("language", TRANSLATED, ids=lambda language: language.tag)
def test_compiled_catalog_gives_the_po_translations(language: Language) -> None:
    translations = gettext.GNUTranslations(io.BytesIO(_mo_path(language).read_bytes()))
    catalog = _read(_po_path(language))
    for message in catalog:
        if message.id and isinstance(message.id, str) and message.context is None:
            usable = bool(message.string) and not message.fuzzy
            expected = message.string if usable else message.id  # else English is shown
            assert translations.gettext(message.id) == expected


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.tag)
def test_review_status_is_recorded_and_honest(language: Language) -> None:
    header = _po_path(language).read_text(encoding="utf-8").split("\n\n", 1)[0]
    match = re.search(r'"X-Review-Status: ([^"\\]*)\\n"', header)
    assert match, f"{language.catalog}: no X-Review-Status header"
    expected = "source" if language.tag == SOURCE_TAG else "draft"
    assert match.group(1) == expected
    info = gettext.GNUTranslations(io.BytesIO(_mo_path(language).read_bytes())).info()
    assert info.get("x-review-status") == expected


def test_english_catalog_repeats_the_source() -> None:
    catalog = _read(_po_path(ENGLISH))
    for message in catalog:
        if message.id:
            assert _forms(message) == ((message.id,) if isinstance(message.id, str) else message.id)
