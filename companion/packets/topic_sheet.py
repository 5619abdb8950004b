"""A guidance topic printed on its own ("Print topic" in the Guidance view).

The topic goes through the hearing packet's engine (fonts, shaping, bidi, stylesheet,
numbered canvas, footer with the disclaimer and the translation status), but the sheet
holds only the guidance: no witness's name and no court date. Pages after the first are
headed with the topic's title instead of the witness's initials.

Plain Python, no Qt: the caller decides where the PDF bytes go.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass

from companion.domain.organisation import Organisation
from companion.guidance import Slot, SlotName, load_topic
from companion.i18n import translator as default_translator
from companion.packets.content import (
    CourthouseInfo,
    GuidanceSection,
    PacketContent,
    PacketOptions,
    PaperSize,
)
from companion.packets.from_store import guidance_sections
from companion.packets.language import LanguageContext, TranslatorFactory
from companion.packets.page import PacketPageDecoration, PageGeometry
from companion.packets.platypus import BaseDocTemplate, Flowable
from companion.packets.renderer import PacketRenderer
from companion.packets.textlayout import Span


@dataclass(frozen=True)
class TopicSheet:
    """What one printed topic holds: its sections, all in ``language``."""

    language: str
    sections: tuple[GuidanceSection, ...]
    paper: PaperSize = PaperSize.LETTER
    large_print: bool = False

    def __post_init__(self) -> None:
        if not self.sections:
            raise ValueError("a topic sheet needs at least one section")

    @property
    def title(self) -> str:
        return self.sections[0].title


def topic_has_jurisdiction_slot(topic_id: str, language: str) -> bool:
    """True when the topic shows the courthouse's jurisdiction section (``{{jurisdiction}}``)."""
    return any(
        isinstance(block, Slot) and block.name is SlotName.JURISDICTION
        for block in load_topic(topic_id, language).blocks
    )


def topic_sections(
    topic_id: str, jurisdiction: str | None, language: str, organisation: Organisation
) -> tuple[GuidanceSection, ...]:
    """The topic in ``language`` with the office's contacts and local note, followed by the
    jurisdiction section for ``jurisdiction`` when the topic has a place for it."""
    sections = guidance_sections((topic_id,), jurisdiction, language, organisation)
    if topic_has_jurisdiction_slot(topic_id, language):
        return sections
    return sections[:1]


class TopicSheetDecoration(PacketPageDecoration):
    """The packet's footer on every page; the topic's title as the header after page 1."""

    def __init__(self, geometry: PageGeometry, language: LanguageContext, *, title: str) -> None:
        super().__init__(geometry, language, initials="", date_text="")
        self.title = title

    def header_spans(self) -> list[Span]:
        return [Span(self.title)]


def _packet_content(sheet: TopicSheet, now: dt.datetime) -> PacketContent:
    """The packet view-model the engine reads. Only ``language``, ``guidance`` and
    ``options`` are printed on a topic sheet; the hearing fields are never shown."""
    return PacketContent(
        hearing_id=0,
        person_name="",
        initials="",
        language=sheet.language,
        starts_at=now,
        courthouse=CourthouseInfo(name="", address="", timezone="UTC"),
        guidance=sheet.sections,
        options=PacketOptions(paper=sheet.paper, large_print=sheet.large_print),
    )


class TopicSheetRenderer(PacketRenderer):
    """The packet renderer with only its guidance part."""

    def __init__(
        self,
        sheet: TopicSheet,
        *,
        translator_for: TranslatorFactory = default_translator,
        now: dt.datetime | None = None,
    ) -> None:
        self.sheet = sheet
        moment = now or dt.datetime.now(dt.UTC)
        super().__init__(_packet_content(sheet, moment), translator_for=translator_for, now=moment)

    def sections(self) -> list[Callable[[], list[Flowable]]]:
        return [self.guidance]

    def page_decoration(self) -> PacketPageDecoration:
        return TopicSheetDecoration(self.geometry, self.primary, title=self.sheet.title)

    def document(self, buffer: io.BytesIO) -> BaseDocTemplate:
        document = super().document(buffer)
        document.title = self.sheet.title
        return document


def render_topic_sheet(
    sheet: TopicSheet,
    *,
    translator_for: TranslatorFactory = default_translator,
    now: dt.datetime | None = None,
) -> bytes:
    """The sheet as PDF bytes."""
    return TopicSheetRenderer(sheet, translator_for=translator_for, now=now).render()
