"""Search across the topics in one language.

Matching ignores case and accents (``tribunal`` finds ``Tribunal``, ``nguoi`` finds
``người``). In Latin and Cyrillic script a query word matches at the start of a word
(``interpret`` finds ``interpreter``, ``ice`` does not find ``police``); in other scripts
it matches anywhere, so a Chinese query matches inside a sentence and an Arabic one
inside a word with a prefix. Every word of the query must occur in the topic; title
matches rank first. The disclaimer notices, the same in every topic, are not searched.
"""

from __future__ import annotations

import re
import unicodedata

from companion.guidance.library import TOPIC_IDS, GuidanceLibrary, bundled_library
from companion.guidance.model import GuidanceDocument, Notice, SearchHit, block_plain_texts

SNIPPET_RADIUS = 60
_TITLE_WEIGHT = 10


def fold(text: str) -> str:
    """Lower-case, without accents, for matching (``Đ`` folds to ``d``)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return stripped.replace("đ", "d")


def _uses_word_starts(term: str) -> bool:
    letters = [char for char in term if char.isalpha()]
    return bool(letters) and all(
        unicodedata.name(char, "").startswith(("LATIN", "CYRILLIC", "GREEK")) for char in letters
    )


def _pattern(term: str) -> re.Pattern[str]:
    """How a folded query word is found in folded text."""
    if _uses_word_starts(term):
        return re.compile(r"(?<!\w)" + re.escape(term))
    return re.compile(re.escape(term))


def _snippet(text: str, pattern: re.Pattern[str]) -> str:
    """Text around the first match of an already folded ``term`` in ``text``.

    Folding keeps one folded character per visible character for the scripts we ship
    (combining marks are dropped only after decomposition), so positions are mapped
    character by character.
    """
    folded_chars = [fold(char) for char in text]
    match = pattern.search("".join(folded_chars))
    if match is None:
        return text[: 2 * SNIPPET_RADIUS]
    index = match.start()
    # Map the folded index back to an index in the original text.
    position, consumed = 0, 0
    while position < len(text) and consumed + len(folded_chars[position]) <= index:
        consumed += len(folded_chars[position])
        position += 1
    start = max(0, position - SNIPPET_RADIUS)
    end = min(len(text), position + (match.end() - match.start()) + SNIPPET_RADIUS)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return prefix + text[start:end].strip() + suffix


def _hit(document: GuidanceDocument, patterns: list[re.Pattern[str]]) -> SearchHit | None:
    title = fold(document.title)
    texts = [
        text
        for block in document.blocks
        if not isinstance(block, Notice)
        for text in block_plain_texts(block)
    ]
    folded_texts = [fold(text) for text in texts]
    body = "\n".join(folded_texts)
    score = 0
    for pattern in patterns:
        in_title = len(pattern.findall(title))
        in_body = len(pattern.findall(body))
        if not in_title and not in_body:
            return None
        score += _TITLE_WEIGHT * in_title + in_body
    first = next(
        (
            text
            for text, folded in zip(texts, folded_texts, strict=True)
            if patterns[0].search(folded)
        ),
        texts[0] if texts else "",
    )
    return SearchHit(
        topic_id=document.doc_id,
        title=document.title,
        snippet=_snippet(first, patterns[0]),
        language=document.language,
        score=score,
    )


def search_library(library: GuidanceLibrary, query: str, lang_tag: str) -> tuple[SearchHit, ...]:
    patterns = [_pattern(term) for term in fold(unicodedata.normalize("NFC", query)).split()]
    if not patterns:
        return ()
    hits: list[tuple[int, int, SearchHit]] = []
    for order, topic_id in enumerate(TOPIC_IDS):
        hit = _hit(library.topic(topic_id, lang_tag), patterns)
        if hit is not None:
            hits.append((-hit.score, order, hit))
    hits.sort(key=lambda entry: (entry[0], entry[1]))
    return tuple(hit for _, _, hit in hits)


def search(query: str, lang_tag: str) -> tuple[SearchHit, ...]:
    """Topics in ``lang_tag`` (English where not translated) that contain every query word."""
    return search_library(bundled_library(), query, lang_tag)
