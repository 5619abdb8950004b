"""Loading topics and jurisdiction sections in a language, with fallbacks and staleness.

Files live in ``resources/guidance/<topic-id>/<lang-tag>.md`` and
``resources/jurisdictions/<code>/<lang-tag>.md``. ``en.md`` is the source; every other
file is a translation that records the hash of the English body it was made from.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from companion.guidance.errors import GuidanceNotFoundError
from companion.guidance.files import FileCache, ParsedFile
from companion.guidance.hashing import content_hash
from companion.guidance.model import (
    DocumentKind,
    GuidanceDocument,
    Status,
    TopicSummary,
    TranslationState,
)
from companion.i18n.languages import SOURCE_TAG, language_for_tag
from companion.paths import resource_path

TOPIC_IDS: tuple[str, ...] = (
    "what-happens-at-a-hearing",
    "getting-there",
    "your-rights",
    "interpreters",
    "immigration-enforcement",
    "if-you-cannot-come",
    "u-and-t-visas",
    "children-and-family",
    "safety-with-defendant",
    "after-the-hearing",
)

# Topic 1, what happens at a hearing. With page 1, getting there, the courthouse's
# jurisdiction section (which says what to do about immigration enforcement at court
# there) and the checklist it makes a packet of at most six pages in English; staff add
# any other topic in the packet dialog.
DEFAULT_PACKET_TOPICS: tuple[str, ...] = ("what-happens-at-a-hearing",)

DEFAULT_JURISDICTION = "US"

JURISDICTION_CODES: tuple[str, ...] = (
    DEFAULT_JURISDICTION,
    "US-CA",
    "US-CO",
    "US-CT",
    "US-IL",
    "US-NJ",
    "US-NY",
    "US-OR",
    "US-WA",
)


def normalise_jurisdiction_code(code: str | None) -> str:
    """``us-ny``, ``US_NY`` and ``NY`` all give ``US-NY``; empty gives ``""``."""
    if not code:
        return ""
    cleaned = code.strip().upper().replace("_", "-")
    if cleaned and "-" not in cleaned and cleaned != DEFAULT_JURISDICTION and len(cleaned) == 2:
        cleaned = f"{DEFAULT_JURISDICTION}-{cleaned}"
    return cleaned


class GuidanceLibrary:
    """The guidance topics and jurisdiction sections under two folders."""

    def __init__(self, guidance_root: Path, jurisdictions_root: Path) -> None:
        self.guidance_root = guidance_root
        self.jurisdictions_root = jurisdictions_root
        self._cache = FileCache()

    @classmethod
    def bundled(cls) -> GuidanceLibrary:
        return cls(resource_path("guidance"), resource_path("jurisdictions"))

    # --- paths -------------------------------------------------------------------------

    def folder(self, kind: DocumentKind, doc_id: str) -> Path:
        root = self.guidance_root if kind is DocumentKind.TOPIC else self.jurisdictions_root
        return root / doc_id

    def file_path(self, kind: DocumentKind, doc_id: str, lang_tag: str) -> Path:
        return self.folder(kind, doc_id) / f"{lang_tag}.md"

    def english(self, kind: DocumentKind, doc_id: str) -> ParsedFile:
        return self._cache.get(self.file_path(kind, doc_id, SOURCE_TAG))

    def english_hash(self, kind: DocumentKind, doc_id: str) -> str:
        return content_hash(self.english(kind, doc_id).body)

    # --- loading -----------------------------------------------------------------------

    def _load(
        self, kind: DocumentKind, doc_id: str, requested_id: str, lang_tag: str
    ) -> GuidanceDocument:
        english = self.english(kind, doc_id)
        language = language_for_tag(lang_tag)
        parsed = english
        shown_tag = SOURCE_TAG
        if language is not None and language.tag != SOURCE_TAG:
            path = self.file_path(kind, doc_id, language.tag)
            if path.is_file():
                parsed = self._cache.get(path)
                shown_tag = language.tag
        header = parsed.header
        return GuidanceDocument(
            kind=kind,
            doc_id=doc_id,
            requested_id=requested_id,
            language=shown_tag,
            requested_language=lang_tag,
            title=header.title,
            blocks=parsed.blocks,
            sources=header.sources,
            status=header.status,
            reviewer=header.reviewer,
            reviewed_on=header.reviewed_on,
            source_hash=header.source_hash,
            english_hash=content_hash(english.body),
            path=parsed.path,
        )

    def topic(self, topic_id: str, lang_tag: str) -> GuidanceDocument:
        """A topic in ``lang_tag``, or in English (``is_language_fallback``) if not translated."""
        if topic_id not in TOPIC_IDS:
            raise GuidanceNotFoundError(topic_id)
        return self._load(DocumentKind.TOPIC, topic_id, topic_id, lang_tag)

    def jurisdiction(self, code: str | None, lang_tag: str) -> GuidanceDocument:
        """The section for ``code``; the federal default ``US`` for an unknown or empty code."""
        requested = normalise_jurisdiction_code(code)
        doc_id = requested if requested in JURISDICTION_CODES else DEFAULT_JURISDICTION
        return self._load(DocumentKind.JURISDICTION, doc_id, requested, lang_tag)

    def topics(self, lang_tag: str = SOURCE_TAG) -> tuple[TopicSummary, ...]:
        summaries = []
        for number, topic_id in enumerate(TOPIC_IDS, start=1):
            document = self.topic(topic_id, lang_tag)
            summaries.append(
                TopicSummary(
                    number=number,
                    topic_id=topic_id,
                    title=document.title,
                    language=document.language,
                    translation_state=document.translation_state,
                    is_language_fallback=document.is_language_fallback,
                )
            )
        return tuple(summaries)

    def translation_state(self, kind: DocumentKind, doc_id: str, lang_tag: str) -> TranslationState:
        """The state of exactly this language's file (``MISSING`` rather than a fallback)."""
        language = language_for_tag(lang_tag)
        if language is None:
            return TranslationState.MISSING
        if language.tag == SOURCE_TAG:
            return TranslationState.SOURCE
        path = self.file_path(kind, doc_id, language.tag)
        if not path.is_file():
            return TranslationState.MISSING
        header = self._cache.get(path).header
        if header.status is Status.SOURCE:
            return TranslationState.SOURCE
        if header.source_hash != self.english_hash(kind, doc_id):
            return TranslationState.STALE
        if header.status is Status.REVIEWED:
            return TranslationState.REVIEWED
        return TranslationState.DRAFT

    def stale_translations(self) -> tuple[Path, ...]:
        """Every translation file whose recorded hash is not the current English hash."""
        stale: list[Path] = []
        for kind, ids in (
            (DocumentKind.TOPIC, TOPIC_IDS),
            (DocumentKind.JURISDICTION, JURISDICTION_CODES),
        ):
            for doc_id in ids:
                current = self.english_hash(kind, doc_id)
                for path in sorted(self.folder(kind, doc_id).glob("*.md")):
                    if path.stem == SOURCE_TAG:
                        continue
                    if self._cache.get(path).header.source_hash != current:
                        stale.append(path)
        return tuple(stale)


@cache
def bundled_library() -> GuidanceLibrary:
    """The library of the guidance shipped with the app."""
    return GuidanceLibrary.bundled()


def list_topics(lang_tag: str = SOURCE_TAG) -> tuple[TopicSummary, ...]:
    return bundled_library().topics(lang_tag)


def load_topic(topic_id: str, lang_tag: str) -> GuidanceDocument:
    return bundled_library().topic(topic_id, lang_tag)


def load_jurisdiction(code: str | None, lang_tag: str) -> GuidanceDocument:
    return bundled_library().jurisdiction(code, lang_tag)
