"""The courthouse-safety guidance library: topics and jurisdiction sections in twelve languages.

Plain Python, no Qt. The files and their format are described in
``resources/guidance/README.md``. Typical use::

    document = load_topic("immigration-enforcement", person.language)
    if document.is_stale or document.is_language_fallback:
        english = load_topic("immigration-enforcement", "en")
    section = load_jurisdiction(courthouse.jurisdiction_code, person.language)
"""

from companion.guidance.errors import GuidanceFormatError, GuidanceNotFoundError
from companion.guidance.hashing import content_hash
from companion.guidance.html import blocks_to_html, runs_to_markup
from companion.guidance.library import (
    DEFAULT_JURISDICTION,
    DEFAULT_PACKET_TOPICS,
    JURISDICTION_CODES,
    TOPIC_IDS,
    GuidanceLibrary,
    bundled_library,
    list_topics,
    load_jurisdiction,
    load_topic,
    normalise_jurisdiction_code,
)
from companion.guidance.markup import parse_body, parse_inline
from companion.guidance.model import (
    Block,
    BulletList,
    CitationRef,
    DocumentKind,
    GuidanceDocument,
    Heading,
    Inline,
    Notice,
    Paragraph,
    PartialDate,
    SearchHit,
    Slot,
    SlotName,
    Source,
    Status,
    TextRun,
    TopicSummary,
    TranslationState,
    block_plain_texts,
)
from companion.guidance.search import search

__all__ = [
    "DEFAULT_JURISDICTION",
    "DEFAULT_PACKET_TOPICS",
    "JURISDICTION_CODES",
    "TOPIC_IDS",
    "Block",
    "BulletList",
    "CitationRef",
    "DocumentKind",
    "GuidanceDocument",
    "GuidanceFormatError",
    "GuidanceLibrary",
    "GuidanceNotFoundError",
    "Heading",
    "Inline",
    "Notice",
    "Paragraph",
    "PartialDate",
    "SearchHit",
    "Slot",
    "SlotName",
    "Source",
    "Status",
    "TextRun",
    "TopicSummary",
    "TranslationState",
    "block_plain_texts",
    "blocks_to_html",
    "bundled_library",
    "content_hash",
    "list_topics",
    "load_jurisdiction",
    "load_topic",
    "normalise_jurisdiction_code",
    "parse_body",
    "parse_inline",
    "runs_to_markup",
    "search",
]
