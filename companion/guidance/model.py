"""The typed pieces of a guidance document: header facts, body blocks and inline runs.

A document body is a tuple of blocks. Renderers (the Qt reader, the ReportLab packet,
the HTML review export) handle exactly these five block types:

- ``Heading``: a sub-heading (``## ...`` in the file);
- ``Paragraph``: running text;
- ``BulletList``: a list of items (``- ...``);
- ``Notice``: a note from the authors that must stand out, such as the disclaimer
  (``> ...``);
- ``Slot``: a place where the app inserts something it holds itself, such as the
  organisation's contacts from settings (``{{organisation-contacts}}``).

Paragraph, list item and notice text is a tuple of inline runs: plain or bold text, and
citation references that point into the document's numbered ``sources``.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from pathlib import Path

from companion.i18n.catalog import N_
from companion.i18n.languages import language_for_tag


class DocumentKind(enum.Enum):
    TOPIC = "topic"
    JURISDICTION = "jurisdiction"


class Status(enum.StrEnum):
    """The review status recorded in a file's header."""

    SOURCE = "source"  # the English original
    DRAFT = "draft"  # a translation nobody has reviewed yet
    REVIEWED = "reviewed"  # a translation a named reviewer checked on a date

    @property
    def label(self) -> str:
        """Untranslated, catalog-marked label; translate where shown."""
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    Status.SOURCE: N_("English original"),
    Status.DRAFT: N_("Draft translation, not yet reviewed"),
    Status.REVIEWED: N_("Reviewed translation"),
}


class TranslationState(enum.StrEnum):
    """Where one document stands in one language, for review lists and the reader."""

    SOURCE = "source"
    REVIEWED = "reviewed"
    DRAFT = "draft"
    STALE = "stale"  # made from an older English text
    MISSING = "missing"  # no file in this language

    @property
    def label(self) -> str:
        return _STATE_LABELS[self]


_STATE_LABELS = {
    TranslationState.SOURCE: N_("English original"),
    TranslationState.REVIEWED: N_("Reviewed translation"),
    TranslationState.DRAFT: N_("Draft translation, not yet reviewed"),
    TranslationState.STALE: N_("Out of date: the English text has changed since translation"),
    TranslationState.MISSING: N_("Not translated yet"),
}


@dataclass(frozen=True)
class PartialDate:
    """A date that may be known only to the month (``2026-11``) or to the day."""

    year: int
    month: int
    day: int | None = None

    def isoformat(self) -> str:
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def as_date(self) -> dt.date:
        """The first day the value can mean (day 1 when only the month is known)."""
        return dt.date(self.year, self.month, self.day or 1)


@dataclass(frozen=True)
class Source:
    """One numbered citation. Body text cites it as ``[number]``.

    ``effective`` is when the cited rule took effect, when the facts file gives it;
    ``effective_unconfirmed`` is true when the file says the date is not confirmed;
    ``effective_news_only`` is true when the date comes only from news reports
    (``effective: 2025-12-09 (news only)`` in the file).
    """

    number: int
    citation: str
    url: str
    checked: PartialDate
    effective: dt.date | None = None
    effective_unconfirmed: bool = False
    effective_news_only: bool = False


@dataclass(frozen=True)
class TextRun:
    text: str
    bold: bool = False


@dataclass(frozen=True)
class CitationRef:
    """A reference such as ``[2]`` or ``[1, 3]`` to numbered sources."""

    numbers: tuple[int, ...]

    @property
    def label(self) -> str:
        return "[" + ", ".join(str(number) for number in self.numbers) + "]"


Inline = TextRun | CitationRef


def _plain(runs: tuple[Inline, ...]) -> str:
    return "".join(run.text if isinstance(run, TextRun) else run.label for run in runs)


def _citations(runs: tuple[Inline, ...]) -> tuple[int, ...]:
    numbers: list[int] = []
    for run in runs:
        if isinstance(run, CitationRef):
            numbers.extend(number for number in run.numbers if number not in numbers)
    return tuple(numbers)


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Inline, ...]

    @property
    def plain_text(self) -> str:
        return _plain(self.runs)

    @property
    def citations(self) -> tuple[int, ...]:
        return _citations(self.runs)


@dataclass(frozen=True)
class BulletList:
    items: tuple[tuple[Inline, ...], ...]

    def item_plain_text(self, index: int) -> str:
        return _plain(self.items[index])

    def item_citations(self, index: int) -> tuple[int, ...]:
        return _citations(self.items[index])


@dataclass(frozen=True)
class Notice:
    runs: tuple[Inline, ...]

    @property
    def plain_text(self) -> str:
        return _plain(self.runs)

    @property
    def citations(self) -> tuple[int, ...]:
        return _citations(self.runs)


class SlotName(enum.StrEnum):
    """What the app inserts at a ``{{...}}`` line."""

    # The organisation's name, address, advocates and hotlines from settings.
    ORGANISATION_CONTACTS = "organisation-contacts"
    # The courthouse's jurisdiction section (``load_jurisdiction``), federal default if none.
    JURISDICTION = "jurisdiction"


@dataclass(frozen=True)
class Slot:
    name: SlotName


Block = Heading | Paragraph | BulletList | Notice | Slot


def block_plain_texts(block: Block) -> tuple[str, ...]:
    """The readable text of a block, one string per paragraph or list item."""
    if isinstance(block, Heading):
        return (block.text,)
    if isinstance(block, Paragraph | Notice):
        return (block.plain_text,)
    if isinstance(block, BulletList):
        return tuple(_plain(item) for item in block.items)
    return ()


@dataclass(frozen=True)
class GuidanceDocument:
    """One topic or jurisdiction section, in the language it could be loaded in.

    ``language`` is the tag of the text actually shown. It differs from the asked-for
    language when no file exists in that language (``is_language_fallback``); the app
    then shows the English with a note. ``doc_id`` differs from ``requested_id`` when an
    unknown jurisdiction code fell back to the federal default (``is_id_fallback``).
    """

    kind: DocumentKind
    doc_id: str
    requested_id: str
    language: str
    requested_language: str
    title: str
    blocks: tuple[Block, ...]
    sources: tuple[Source, ...]
    status: Status
    reviewer: str | None
    reviewed_on: dt.date | None
    source_hash: str | None  # the English hash a translation was made from; None for English
    english_hash: str  # the current English text's hash
    path: Path

    @property
    def is_stale(self) -> bool:
        """True when the English text changed after this translation was made."""
        return self.source_hash is not None and self.source_hash != self.english_hash

    @property
    def is_language_fallback(self) -> bool:
        wanted = language_for_tag(self.requested_language)
        return wanted is None or wanted.tag != self.language

    @property
    def is_id_fallback(self) -> bool:
        return self.doc_id != self.requested_id

    @property
    def is_rtl(self) -> bool:
        language = language_for_tag(self.language)
        return language is not None and language.rtl

    @property
    def translation_state(self) -> TranslationState:
        if self.status is Status.SOURCE:
            return TranslationState.SOURCE
        if self.is_stale:
            return TranslationState.STALE
        if self.status is Status.REVIEWED:
            return TranslationState.REVIEWED
        return TranslationState.DRAFT

    def source(self, number: int) -> Source:
        return self.sources[number - 1]


@dataclass(frozen=True)
class TopicSummary:
    """One row of the topic list, in the language it could be loaded in."""

    number: int
    topic_id: str
    title: str
    language: str
    translation_state: TranslationState
    is_language_fallback: bool


@dataclass(frozen=True)
class SearchHit:
    topic_id: str
    title: str
    snippet: str
    language: str
    score: int
