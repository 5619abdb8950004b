"""Loading guidance: languages, fallbacks, staleness, the topic list and search."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from companion.guidance import (
    DEFAULT_JURISDICTION,
    DEFAULT_PACKET_TOPICS,
    JURISDICTION_CODES,
    TOPIC_IDS,
    DocumentKind,
    GuidanceFormatError,
    GuidanceLibrary,
    GuidanceNotFoundError,
    Notice,
    Status,
    TranslationState,
    content_hash,
    list_topics,
    load_jurisdiction,
    load_topic,
    normalise_jurisdiction_code,
    search,
)
from companion.guidance.header import split_file
from companion.paths import resource_path

TOPIC = "getting-there"


@pytest.fixture
def library(tmp_path: Path) -> GuidanceLibrary:
    """A private copy of the bundled English guidance that a test may change."""
    guidance = tmp_path / "guidance"
    jurisdictions = tmp_path / "jurisdictions"
    # English sources only: each test writes the translations it is about.
    english_only = shutil.ignore_patterns("[!e]*.md", "e[!n]*.md")
    shutil.copytree(resource_path("guidance"), guidance, ignore=english_only)
    shutil.copytree(resource_path("jurisdictions"), jurisdictions, ignore=english_only)
    return GuidanceLibrary(guidance, jurisdictions)


def english_body(library: GuidanceLibrary, kind: DocumentKind, doc_id: str) -> str:
    path = library.file_path(kind, doc_id, "en")
    return split_file(path.read_text(encoding="utf-8"), str(path)).body


def write_translation(
    library: GuidanceLibrary,
    tag: str,
    source_hash: str,
    *,
    kind: DocumentKind = DocumentKind.TOPIC,
    doc_id: str = TOPIC,
    title: str = "Cómo llegar",
    body: str = "> Información general, no es asesoría legal.\n\nLlegue temprano.\n",
    extra_header: str = "",
) -> Path:
    path = library.file_path(kind, doc_id, tag)
    path.write_text(
        f"---\ntitle: {title}\nstatus: draft\nsource_hash: {source_hash}\n{extra_header}"
        f"sources:\n---\n\n{body}",
        encoding="utf-8",
    )
    return path


def test_the_ten_topics_and_the_default_packet_set() -> None:
    assert len(TOPIC_IDS) == 10
    assert tuple(TOPIC_IDS[index - 1] for index in (1,)) == DEFAULT_PACKET_TOPICS
    folders = {path.name for path in resource_path("guidance").iterdir() if path.is_dir()}
    assert folders == set(TOPIC_IDS)
    folders = {path.name for path in resource_path("jurisdictions").iterdir() if path.is_dir()}
    assert folders == set(JURISDICTION_CODES)


def test_english_topic_loads_as_the_source() -> None:
    document = load_topic("immigration-enforcement", "en")
    assert document.title == "Immigration enforcement and the courthouse"
    assert document.language == "en"
    assert document.status is Status.SOURCE
    assert document.source_hash is None
    assert not document.is_stale
    assert not document.is_language_fallback
    assert document.translation_state is TranslationState.SOURCE
    assert isinstance(document.blocks[0], Notice)
    assert document.sources[0].url.startswith("https://")
    assert document.source(1) == document.sources[0]


def test_list_topics_in_order() -> None:
    summaries = list_topics()
    assert [summary.topic_id for summary in summaries] == list(TOPIC_IDS)
    assert [summary.number for summary in summaries] == list(range(1, 11))
    assert summaries[0].title == "What happens at a hearing"


def test_unknown_topic_raises() -> None:
    with pytest.raises(GuidanceNotFoundError) as caught:
        load_topic("no-such-topic", "en")
    assert caught.value.doc_id == "no-such-topic"


def test_missing_translation_falls_back_to_english_with_a_flag(library: GuidanceLibrary) -> None:
    document = library.topic(TOPIC, "ko")
    assert document.language == "en"
    assert document.requested_language == "ko"
    assert document.is_language_fallback
    assert document.title == "Getting there and arriving"
    assert library.translation_state(DocumentKind.TOPIC, TOPIC, "ko") is TranslationState.MISSING


def test_unshipped_language_falls_back_to_english(library: GuidanceLibrary) -> None:
    document = library.topic(TOPIC, "so")
    assert document.language == "en"
    assert document.is_language_fallback


def test_translation_with_current_hash_is_fresh(library: GuidanceLibrary) -> None:
    current = content_hash(english_body(library, DocumentKind.TOPIC, TOPIC))
    write_translation(library, "es", current)
    document = library.topic(TOPIC, "es-MX")
    assert document.language == "es"
    assert not document.is_language_fallback
    assert document.title == "Cómo llegar"
    assert document.status is Status.DRAFT
    assert document.source_hash == current
    assert not document.is_stale
    assert document.translation_state is TranslationState.DRAFT
    assert library.stale_translations() == ()


def test_altered_hash_makes_the_translation_stale(library: GuidanceLibrary) -> None:
    current = content_hash(english_body(library, DocumentKind.TOPIC, TOPIC))
    altered = ("0" if current[0] != "0" else "1") + current[1:]
    path = write_translation(library, "ar", altered, title="الوصول")
    document = library.topic(TOPIC, "ar")
    assert document.is_stale
    assert document.is_rtl
    assert document.translation_state is TranslationState.STALE
    assert library.translation_state(DocumentKind.TOPIC, TOPIC, "ar") is TranslationState.STALE
    assert library.stale_translations() == (path,)


def test_changing_the_english_body_makes_translations_stale(library: GuidanceLibrary) -> None:
    kind, code = DocumentKind.JURISDICTION, "US-NY"
    current = content_hash(english_body(library, kind, code))
    write_translation(library, "zh-Hant", current, kind=kind, doc_id=code, title="紐約")
    assert not library.jurisdiction(code, "zh-Hant").is_stale

    english = library.file_path(kind, code, "en")
    text = english.read_text(encoding="utf-8")
    english.write_text(text.replace("December 15, 2020", "December 16, 2020"), encoding="utf-8")

    document = library.jurisdiction(code, "zh-Hant")
    assert document.is_stale
    assert document.english_hash != current


def test_whitespace_only_edits_do_not_make_translations_stale(library: GuidanceLibrary) -> None:
    current = content_hash(english_body(library, DocumentKind.TOPIC, TOPIC))
    write_translation(library, "vi", current)
    english = library.file_path(DocumentKind.TOPIC, TOPIC, "en")
    text = english.read_text(encoding="utf-8")
    english.write_text(text.replace("\n", "  \r\n") + "\n\n", encoding="utf-8")
    assert not library.topic(TOPIC, "vi").is_stale


def test_reviewed_translation(library: GuidanceLibrary) -> None:
    current = content_hash(english_body(library, DocumentKind.TOPIC, TOPIC))
    path = write_translation(
        library, "fr", current, extra_header="reviewer: Marie Dubois\nreviewed_on: 2026-12-02\n"
    )
    path.write_text(path.read_text().replace("status: draft", "status: reviewed"))
    document = library.topic(TOPIC, "fr")
    assert document.translation_state is TranslationState.REVIEWED
    assert document.reviewer == "Marie Dubois"


def test_broken_translation_reports_file_and_line(library: GuidanceLibrary) -> None:
    current = content_hash(english_body(library, DocumentKind.TOPIC, TOPIC))
    path = write_translation(library, "ru", current, body="Текст.\n\n* неверно\n")
    with pytest.raises(GuidanceFormatError) as caught:
        library.topic(TOPIC, "ru")
    assert caught.value.path == str(path)
    assert caught.value.line == 10  # ---, 4 header lines, ---, blank, text, blank, "* "


@pytest.mark.parametrize(
    ("code", "expected"),
    [("US-NY", "US-NY"), ("us-ca", "US-CA"), ("US_WA", "US-WA"), ("or", "US-OR"), ("US", "US")],
)
def test_known_jurisdiction_codes(code: str, expected: str) -> None:
    document = load_jurisdiction(code, "en")
    assert document.doc_id == expected
    assert not document.is_id_fallback


@pytest.mark.parametrize("code", ["US-TX", "MX-BCN", "", None, "XYZ"])
def test_unknown_jurisdiction_falls_back_to_the_federal_default(code: str | None) -> None:
    document = load_jurisdiction(code, "es")
    assert document.doc_id == DEFAULT_JURISDICTION
    assert document.title == load_jurisdiction(DEFAULT_JURISDICTION, "es").title
    assert document.requested_id == normalise_jurisdiction_code(code)
    assert document.is_id_fallback


def test_search_finds_words_at_word_starts() -> None:
    hits = search("interpret", "en")
    assert hits[0].topic_id == "interpreters"  # title match ranks first
    assert {"your-rights", "what-happens-at-a-hearing"} <= {hit.topic_id for hit in hits}
    assert "interpret" in hits[0].snippet.lower()
    # "ice" must not match "police", "office" or "advice".
    ice_topics = {hit.topic_id for hit in search("ice", "en")}
    assert ice_topics == {
        "immigration-enforcement",
        "children-and-family",
        "u-and-t-visas",
        "if-you-cannot-come",
    }


def test_search_needs_every_word_and_ignores_the_disclaimer() -> None:
    assert [hit.topic_id for hit in search("visa TRAFFICKING", "en")] == ["u-and-t-visas"]
    assert search("legal advice", "en") == ()
    assert search("   ", "en") == ()


def test_search_ignores_accents_and_matches_inside_cjk_text(library: GuidanceLibrary) -> None:
    from companion.guidance.search import search_library

    current = content_hash(english_body(library, DocumentKind.TOPIC, TOPIC))
    write_translation(library, "vi", current, title="Đến tòa án", body="Hãy đến sớm.\n")
    write_translation(library, "zh-Hans", current, title="到达法院", body="请提前到达法院。\n")
    (hit,) = search_library(library, "den som", "vi")
    assert hit.topic_id == TOPIC and hit.language == "vi"
    assert hit.snippet == "Hãy đến sớm."
    (hit,) = search_library(library, "提前", "zh-Hans")
    assert hit.topic_id == TOPIC


def test_a_file_that_is_not_utf8_is_a_format_error(library: GuidanceLibrary) -> None:
    path = library.file_path(DocumentKind.TOPIC, TOPIC, "fr")
    path.write_bytes("---\ntitle: Arrivée\n".encode("latin-1"))
    with pytest.raises(GuidanceFormatError, match="not UTF-8"):
        library.topic(TOPIC, "fr")
