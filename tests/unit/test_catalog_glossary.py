"""Each catalog uses the glossary's agreed words, and none of the known wrong renderings.

The glossary is the one in translations/README.md; the catalogs are read with
Babel's own reader.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from companion.i18n.glossary import GlossaryTerm, read_glossary_file, term_problems
from companion.i18n.languages import LANGUAGES, SOURCE_TAG, Language

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "translations"
TRANSLATED = [language for language in LANGUAGES if language.tag != SOURCE_TAG]

_VERB_RECORD = "the verb 'to record' (write down), not a record kept in the app"
_FILE_NAME = "a file name, kept in plain ASCII letters so every computer can open it"

# English msgids left out of the term check in every language, with the reason.
EXCEPTIONS: dict[str, str] = {
    "Record whether the person will come, or came, to the hearing": _VERB_RECORD,
    "Written in the audit trail with each action, next to the computer's user name ({user}). "
    "Leave it empty to record the user name only.": _VERB_RECORD,
    "Outcomes to record": _VERB_RECORD,
    "&Outcomes to record": _VERB_RECORD,
    "{count} outcome to record": _VERB_RECORD,
    "Record that the person attended": _VERB_RECORD,
    "Record that the person missed the hearing": _VERB_RECORD,
    "hearing-packet-{date}-{number}.pdf": _FILE_NAME,
    "docket-packets-{start}-to-{end}.pdf": _FILE_NAME,
}

# Per catalog: msgids left out for that language only, with the reason.
LANGUAGE_EXCEPTIONS: dict[str, dict[str, str]] = {}

# Renderings a reviewer found to say something other than the English.
# (catalog, English msgid fragment or "" for any string, wrong text, unless the translation has)
KNOWN_WRONG: list[tuple[str, str, str, str]] = [
    ("zh_Hans", "meet you", "接您", ""),  # "pick you up": the witness waits for a ride
    ("zh_Hant", "meet you", "接您", ""),
    ("zh_Hans", "Arraignment", "提审", ""),  # a detainee brought in for questioning
    ("vi", "", "không phải làm chứng", "dự kiến"),  # "you don't have to" instead of a forecast
    ("fr", "", "devrez témoigner", ""),  # a certainty instead of a forecast
    ("fr", "", "n’aurez pas à témoigner", ""),
    ("ko", "", "담당 지원자", ""),  # reads as "applicant"
    ("ko", "Confirmed", "참석 확인", ""),  # reads as the task "check attendance"
    ("ht", "", "atann ou temwaye", ""),  # "wait for you to testify"
    ("ht", "", "bouyon", ""),  # also a stew
    ("es", "", "intercesor(a)", ""),  # "(a)" endings are hard for weak readers
]


def _po_path(language: Language) -> Path:
    return TRANSLATIONS / language.catalog / "LC_MESSAGES" / "companion.po"


_catalogs: dict[str, Catalog] = {}


def _read(language: Language) -> Catalog:
    if language.catalog not in _catalogs:
        with _po_path(language).open("rb") as source:
            _catalogs[language.catalog] = read_po(source)
    return _catalogs[language.catalog]


def _glossary() -> dict[str, tuple[GlossaryTerm, ...]]:
    return read_glossary_file(TRANSLATIONS / "README.md")


def test_glossary_has_a_table_for_every_translated_catalog() -> None:
    glossary = _glossary()
    assert sorted(glossary) == sorted(language.catalog for language in TRANSLATED)
    required = {
        "advocate",
        "hearing",
        "continued",
        "cancelled",
        "must testify",
        "expected to testify",
        "subpoena",
        "courthouse",
        "courtroom",
        "interpreter",
        "needs a call",
        "confirmed",
        "declined",
        "trusted contact",
        "packet",
        "record",
        "draft",
    }
    for catalog, terms in glossary.items():
        assert required <= {term.english for term in terms}, catalog


def test_exceptions_name_strings_that_exist() -> None:
    """An exception for a string that is gone would hide nothing and mislead."""
    english = {
        message.id if isinstance(message.id, str) else message.id[0]
        for message in _read(next(lang for lang in LANGUAGES if lang.tag == SOURCE_TAG))
        if message.id
    }
    listed = set(EXCEPTIONS) | {msgid for per in LANGUAGE_EXCEPTIONS.values() for msgid in per}
    assert listed <= english, sorted(listed - english)


@pytest.mark.parametrize("language", TRANSLATED, ids=lambda language: language.tag)
def test_catalog_uses_the_glossary_words(language: Language) -> None:
    terms = _glossary()[language.catalog]
    exceptions = {**EXCEPTIONS, **LANGUAGE_EXCEPTIONS.get(language.catalog, {})}
    problems = term_problems(_read(language), terms, exceptions)
    assert not problems, f"{language.catalog}: " + "\n".join(str(p) for p in problems[:10])


@pytest.mark.parametrize("language", TRANSLATED, ids=lambda language: language.tag)
def test_catalog_has_none_of_the_known_wrong_renderings(language: Language) -> None:
    found = []
    for message in _read(language):
        if not message.id:
            continue
        english = message.id if isinstance(message.id, str) else " ".join(message.id)
        forms = [message.string] if isinstance(message.string, str) else list(message.string or ())
        for catalog, fragment, wrong, unless in KNOWN_WRONG:
            if catalog != language.catalog or fragment.lower() not in english.lower():
                continue
            for form in forms:
                if wrong in form and not (unless and unless in form):
                    found.append(f"{english!r}: {form!r} contains {wrong!r}")
    assert not found, "\n".join(found)


@pytest.mark.parametrize("language", TRANSLATED, ids=lambda language: language.tag)
def test_expected_to_testify_stays_a_forecast(language: Language) -> None:
    """The witness sheet's testify lines carry the language's forecast word."""
    terms = {term.english: term for term in _glossary()[language.catalog]}
    forecast = terms["expected to testify"]
    catalog = _read(language)
    for msgid in (
        "You are expected to testify: to answer questions in the courtroom.",
        "You are not expected to testify at this hearing.",
    ):
        message = catalog.get(msgid)
        assert message is not None and isinstance(message.string, str), msgid
        assert forecast.rendered_in(message.string), (language.catalog, message.string)


def test_the_term_check_catches_a_missing_word() -> None:
    """A check on the check: a planted wrong translation is reported, an exception is not."""
    (advocate,) = [term for term in _glossary()["ko"] if term.english == "advocate"]
    planted = Catalog(locale="ko")
    planted.add("Your advocate: {name}", "담당 지원자: {name}")
    planted.add("Ask your advocate.", "지원 담당자에게 물어보세요.")
    planted.add("Add advocate", "추가")
    problems = term_problems(planted, [advocate], {"Add advocate": "test"})
    assert [problem.msgid for problem in problems] == ["Your advocate: {name}"]


def test_placeholder_names_do_not_count_as_the_term() -> None:
    (courthouse,) = [term for term in _glossary()["es"] if term.english == "courthouse"]
    assert not courthouse.used_in("Hearing on {date} at {courthouse}")
    assert courthouse.used_in("Some courthouses do not allow phones")
