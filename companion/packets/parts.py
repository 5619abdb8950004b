"""What the page-building modules (``summary_page``, ``notices``, ``columns``) need of the
packet renderer, as a protocol, so that they do not import the renderer that uses them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from companion.packets.content import PacketContent
from companion.packets.flowables import Marker, TextBlock
from companion.packets.language import LanguageContext
from companion.packets.page import PageGeometry
from companion.packets.platypus import Flowable
from companion.packets.textlayout import Span, TextStyle


class RendererParts(Protocol):
    """The parts of ``PacketRenderer`` that page 1 and the notices are built from."""

    content: PacketContent
    geometry: PageGeometry
    primary: LanguageContext
    second: LanguageContext | None

    def text(
        self,
        text: str | Sequence[Span],
        style: TextStyle,
        language: LanguageContext,
        *,
        marker: Marker | None = None,
        keep_with_next: bool = False,
    ) -> TextBlock: ...

    def rule(self) -> Flowable: ...

    def qr_code(self, t: LanguageContext) -> list[Flowable]: ...

    def testify_sentence(self, t: LanguageContext) -> str: ...
