"""The hearing packet renderer: a PDF the witness takes home, in their language.

``PacketRenderer`` is built from small hooks, each replaceable in a subclass: page
geometry, stylesheet, language context, page decoration (header and footer), page
templates, and one method per section of the story. ``render()`` returns the PDF bytes;
where they go is the caller's business (``write_pdf_atomically`` for files).

No text ever passes through ReportLab's markup parser: every string is laid out as plain
text by ``companion.packets.textlayout``, so names and notes cannot inject formatting and
need no escaping. Every fixed string is an English msgid translated through the
witness's catalog.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from functools import partial

from reportlab.lib.units import mm

from companion.i18n import translator as default_translator
from companion.i18n.catalog import N_
from companion.i18n.review import review_status
from companion.packets.calendar import event_for_packet, qr_code
from companion.packets.content import (
    BulletListBlock,
    GuidanceSection,
    HeadingBlock,
    Inline,
    NoticeBlock,
    PacketContent,
    ParagraphBlock,
    TranslationStatus,
    inline_text,
)
from companion.packets.datefmt import format_short_date
from companion.packets.errors import RenderCancelled
from companion.packets.flowables import Marker, PacketStart, QRCodeFlowable, TextBlock, WritingLines
from companion.packets.fonts import font_library
from companion.packets.language import LanguageContext, TranslatorFactory
from companion.packets.notices import cancellation_page
from companion.packets.numbered_canvas import PacketCanvas
from companion.packets.page import PacketPageDecoration, PageGeometry
from companion.packets.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    HRFlowable,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Spacer,
)
from companion.packets.room import IfRoom
from companion.packets.styles import StyleSheet, build_stylesheet
from companion.packets.summary_page import summary_page
from companion.packets.textlayout import Direction, Span, TextStyle
from companion.packets.wording import CHECKLIST, WHAT_NOT_TO_BRING, WHAT_TO_BRING

ProgressCallback = Callable[[int, int], None]
CancelCheck = Callable[[], bool]

_COURTHOUSE_NOTES = (
    ("entrance_notes", N_("Entrance")),
    ("security_notes", N_("Security screening")),
    ("accessibility_notes", N_("Accessibility")),
    ("transit_notes", N_("Getting there")),
)


class PacketRenderer:
    """Renders one ``PacketContent`` as PDF bytes."""

    def __init__(
        self,
        content: PacketContent,
        *,
        translator_for: TranslatorFactory = default_translator,
        now: dt.datetime | None = None,
    ) -> None:
        self.content = content
        self.translator_for = translator_for
        self.now = now or dt.datetime.now(dt.UTC)
        font_library()
        self.geometry = self.page_geometry()
        self.primary = self.language_context(
            content.language, draft=content.draft_translation, secondary=False
        )
        self.second: LanguageContext | None = None
        if content.is_bilingual and content.second_language is not None:
            self.second = self.language_context(
                content.second_language, draft=content.second_draft_translation, secondary=True
            )

    # ----------------------------------------------------------------- hooks

    def page_geometry(self) -> PageGeometry:
        options = self.content.options
        return PageGeometry.for_paper(options.paper, large_print=options.large_print)

    def stylesheet(self, language_tag: str) -> StyleSheet:
        return build_stylesheet(language_tag, large_print=self.content.options.large_print)

    def language_context(self, tag: str, *, draft: bool | None, secondary: bool) -> LanguageContext:
        translator = self.translator_for(tag)
        if draft is None:
            draft = review_status(translator.language.tag).is_draft
        styles = self.stylesheet(translator.language.tag)
        return LanguageContext(translator, draft, styles.secondary() if secondary else styles)

    def page_decoration(self) -> PacketPageDecoration:
        t = self.primary
        return PacketPageDecoration(
            self.geometry,
            t,
            initials=self.content.initials,
            date_text=format_short_date(self.content.starts_at, t.tag),
        )

    def page_templates(self) -> list[PageTemplate]:
        x, y, width, height = self.geometry.frame
        frame = Frame(
            x,
            y,
            width,
            height,
            id="content",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=6,
        )
        return [PageTemplate(id="packet", frames=[frame], pagesize=self.geometry.page_size)]

    def sections(self) -> list[Callable[[], list[Flowable]]]:
        if self.content.cancelled:
            return [self.cancellation_notice]
        if self.content.options.short:
            return [self.first_page, self.checklist]
        return [self.first_page, self.getting_there, self.guidance, self.checklist, self.notes_page]

    def story(self) -> list[Flowable]:
        """The packet's flowables, without the packet-start marker."""
        story: list[Flowable] = []
        for section in self.sections():
            for flowable in section():
                if isinstance(flowable, PageBreak) and story and isinstance(story[-1], PageBreak):
                    continue  # one section's closing break is the next one's opening break
                story.append(flowable)
        while story and isinstance(story[-1], PageBreak):
            story.pop()
        return story

    def document(self, buffer: io.BytesIO) -> BaseDocTemplate:
        t = self.primary
        return BaseDocTemplate(
            buffer,
            pagesize=self.geometry.page_size,
            pageTemplates=self.page_templates(),
            title=t.gettext("Your court date"),
            author="",
            subject="",
            creator="Court Companion",
            producer="Court Companion",
            invariant=1,
            pageCompression=1,
            leftMargin=self.geometry.margin,
            rightMargin=self.geometry.margin,
            topMargin=self.geometry.margin,
            bottomMargin=self.geometry.margin,
        )

    def render(self) -> bytes:
        buffer = io.BytesIO()
        document = self.document(buffer)
        story: list[Flowable] = [PacketStart(self.page_decoration()), *self.story()]
        document.build(story, canvasmaker=partial(PacketCanvas, duplex=self.content.options.duplex))
        return buffer.getvalue()

    # --------------------------------------------------------------- helpers

    def text(
        self,
        text: str | Sequence[Span],
        style: TextStyle,
        language: LanguageContext,
        *,
        marker: Marker | None = None,
        keep_with_next: bool = False,
    ) -> TextBlock:
        """A text block on the language's page side.

        Its own direction comes from its first letter (bidi rule P2), so a Latin address
        in an Arabic packet reads left to right, and a message a catalog has not
        translated yet still reads in order.
        """
        spans = [Span(text)] if isinstance(text, str) else list(text)
        return TextBlock(
            spans,
            style,
            rtl=language.rtl,
            direction=Direction.AUTO,
            marker=marker,
            keep_with_next=keep_with_next,
        )

    def rule(self) -> Flowable:
        return HRFlowable(
            width="100%", thickness=0.8, color=_gray(0.55), spaceBefore=6, spaceAfter=6
        )

    # -------------------------------------------------------------- sections

    def first_page(self) -> list[Flowable]:
        """Page 1, the summary (``companion.packets.summary_page``)."""
        return summary_page(self)

    def cancellation_notice(self) -> list[Flowable]:
        """The whole packet of a cancelled hearing (``companion.packets.notices``)."""
        return cancellation_page(self)

    def qr_code(self, t: LanguageContext) -> list[Flowable]:
        size = (52 if self.content.options.large_print else 46) * mm
        event = event_for_packet(self.content, t.translator)
        return [
            QRCodeFlowable(qr_code(event, now=self.now), size),
            self.text(
                t.gettext("Scan with your phone to add this date to your calendar."),
                t.styles.caption,
                t,
            ),
        ]

    def testify_sentence(self, t: LanguageContext) -> str:
        if self.content.must_testify is None:
            return t.gettext(
                "It is not yet known whether you will be asked to testify. "
                "Your advocate will tell you."
            )
        if self.content.must_testify:
            return t.gettext("You are expected to testify: to answer questions in the courtroom.")
        return t.gettext("You are not expected to testify at this hearing.")

    def getting_there(self) -> list[Flowable]:
        flowables = self.getting_there_part(self.primary, with_notes=True)
        if self.second is not None:
            flowables.append(self.rule())
            flowables.extend(self.getting_there_part(self.second, with_notes=False))
        return flowables

    def getting_there_part(self, t: LanguageContext, *, with_notes: bool) -> list[Flowable]:
        styles = t.styles
        courthouse = self.content.courthouse
        flowables: list[Flowable] = [
            self.text(
                t.gettext("Getting there and arriving"),
                styles.heading.derive(space_before=0),
                t,
                keep_with_next=True,
            )
        ]
        if with_notes:
            notes = [
                (label, getattr(courthouse, attribute).strip(), attribute)
                for attribute, label in _COURTHOUSE_NOTES
            ]
            notes = [(label, text, attribute) for label, text, attribute in notes if text]
            for label, text, attribute in notes:
                flowables.append(
                    self.text(t.gettext(label), styles.subheading, t, keep_with_next=True)
                )
                if attribute in courthouse.english_notes:
                    flowables.append(
                        self.text(
                            t.gettext("(in English)"),
                            styles.small.derive(bold=True),
                            t,
                            keep_with_next=True,
                        )
                    )
                flowables.append(self.text(text, styles.body, t))
            if not notes:
                flowables.append(
                    self.text(
                        t.gettext(
                            "Ask your advocate which entrance to use and how long "
                            "security screening usually takes."
                        ),
                        styles.body,
                        t,
                    )
                )
        for heading, items in (
            (t.gettext("What to bring"), WHAT_TO_BRING),
            (t.gettext("What not to bring"), WHAT_NOT_TO_BRING),
        ):
            flowables.append(self.text(heading, styles.subheading, t, keep_with_next=True))
            for item in items:
                flowables.append(self.text(t.gettext(item), styles.bullet, t, marker=Marker.BULLET))
        return flowables

    def guidance(self) -> list[Flowable]:
        flowables: list[Flowable] = []
        for section in self.content.guidance:
            flowables.extend(self.guidance_section(section, self.primary))
            if self.second is not None and section.second is not None:
                flowables.extend(self.guidance_section(section.second, self.second))
        return flowables

    def guidance_section(self, section: GuidanceSection, t: LanguageContext) -> list[Flowable]:
        styles = t.styles
        flowables: list[Flowable] = [
            CondPageBreak(styles.heading.leading * 5),
            self.text(section.title, styles.heading, t, keep_with_next=True),
        ]
        if section.stale:
            flowables.append(
                self.text(
                    t.gettext(
                        "This translation may be out of date. "
                        "Ask your advocate for the current English text."
                    ),
                    styles.note,
                    t,
                )
            )
        elif section.status is TranslationStatus.DRAFT:
            flowables.append(
                self.text(
                    t.gettext("Draft translation: not yet checked by a qualified translator."),
                    styles.small,
                    t,
                )
            )
        for block in section.blocks:
            if isinstance(block, HeadingBlock):
                flowables.append(self.text(block.text, styles.subheading, t, keep_with_next=True))
            elif isinstance(block, ParagraphBlock):
                flowables.append(self.text(_spans(block.text), styles.body, t))
            elif isinstance(block, BulletListBlock):
                flowables.extend(
                    self.text(_spans(item), styles.bullet, t, marker=Marker.BULLET)
                    for item in block.items
                )
            elif isinstance(block, NoticeBlock):
                flowables.append(self.text(_spans(block.text), styles.notice, t, marker=Marker.BAR))
        if section.sources:
            flowables.append(
                self.text(
                    t.gettext("Sources"),
                    styles.small.derive(bold=True, space_before=styles.body_size * 0.4),
                    t,
                    keep_with_next=True,
                )
            )
            flowables.extend(self.text(source, styles.small, t) for source in section.sources)
        return flowables

    def checklist(self) -> list[Flowable]:
        t = self.primary
        styles = t.styles
        flowables: list[Flowable] = [
            PageBreak(),
            self.text(
                t.gettext("Before your court date"), styles.heading.derive(space_before=0), t
            ),
        ]
        second = self.second
        for item in CHECKLIST:
            flowables.append(self.text(t.gettext(item), styles.checkbox, t, marker=Marker.CHECKBOX))
            if second is not None:
                # Under the item, on the same side, in the second language.
                flowables.append(
                    TextBlock(
                        [Span(second.gettext(item))],
                        second.styles.checkbox.derive(space_before=0.0),
                        rtl=t.rtl,
                    )
                )
        for item in self.content.checklist:
            if item.strip():
                flowables.append(self.text(item, styles.checkbox, t, marker=Marker.CHECKBOX))
        # After what comes before it (the guidance, or what page 1 had no room for) when
        # the whole checklist fits there; else at the top of the next page.
        return [KeepTogether(flowables[1:])]

    def notes_page(self) -> list[Flowable]:
        """Ruled lines for the witness's own notes, under the checklist where its page has
        room for a few (else left out: no page is added for them)."""
        t = self.primary
        styles = t.styles
        spacing = styles.body_size * 2.4
        notes: list[Flowable] = [
            self.text(t.gettext("Notes"), styles.heading, t),
            self.text(
                t.gettext("Questions for your advocate, and anything you want to remember."),
                styles.body,
                t,
            ),
            Spacer(1, styles.body_size),
            WritingLines(spacing),
        ]
        minimum = styles.heading.leading * 2 + styles.body.leading * 2 + spacing * 4
        return [IfRoom(notes, minimum)]


def _spans(inline: Inline) -> list[Span]:
    if isinstance(inline, str):
        return [Span(inline)]
    return [Span(run.text, bold=run.bold) for run in inline]


def _gray(level: float) -> object:
    from reportlab.lib.colors import Color

    return Color(level, level, level)


def packet_missing_glyphs(content: PacketContent) -> set[str]:
    """Characters in the packet's own text that no bundled font has.

    The app warns before printing and names them; the packet still prints, with U+FFFD
    in their place.
    """
    texts = [
        content.person_name,
        content.native_name,
        content.courtroom,
        content.organisation_name,
        content.courthouse.name,
        content.courthouse.address,
        content.courthouse.entrance_notes,
        content.courthouse.security_notes,
        content.courthouse.accessibility_notes,
        content.courthouse.transit_notes,
        *content.checklist,
    ]
    if content.advocate is not None:
        texts.extend((content.advocate.name, content.advocate.phone))
    sections = list(content.guidance)
    sections.extend(section.second for section in content.guidance if section.second)
    for section in sections:
        texts.append(section.title)
        texts.extend(section.sources)
        for block in section.blocks:
            if isinstance(block, BulletListBlock):
                texts.extend(inline_text(item) for item in block.items)
            else:
                texts.append(inline_text(block.text))
    # All at once: each character is looked up once, however often the packet has it
    # (a newline between texts composes with nothing, so each is normalised as alone).
    return font_library().missing_glyphs("\n".join(texts))


def render_packet(
    content: PacketContent,
    *,
    translator_for: TranslatorFactory = default_translator,
    now: dt.datetime | None = None,
) -> bytes:
    """One packet as PDF bytes."""
    return PacketRenderer(content, translator_for=translator_for, now=now).render()


def render_docket(
    contents: Sequence[PacketContent],
    *,
    translator_for: TranslatorFactory = default_translator,
    progress: ProgressCallback | None = None,
    should_cancel: CancelCheck | None = None,
    renderer_class: type[PacketRenderer] = PacketRenderer,
    now: dt.datetime | None = None,
) -> bytes:
    """Many packets in one PDF, each numbered on its own; paper size and duplex come from
    the first packet's options (an office prints a docket on one paper size).

    ``progress(done, total)`` is called as each packet starts and once at the end.
    ``should_cancel()`` is polled at the same moments; when it returns true,
    ``RenderCancelled`` is raised and no bytes are returned.
    """
    if not contents:
        raise ValueError("a docket needs at least one packet")
    total = len(contents)

    def started(index: int) -> None:
        if should_cancel is not None and should_cancel():
            raise RenderCancelled(index, total)
        if progress is not None:
            progress(index, total)

    renderers = [
        renderer_class(content, translator_for=translator_for, now=now) for content in contents
    ]
    first = renderers[0]
    story: list[Flowable] = []
    for index, renderer in enumerate(renderers):
        if index:
            story.append(PageBreak())
        story.append(PacketStart(renderer.page_decoration(), partial(started, index)))
        story.extend(renderer.story())
    buffer = io.BytesIO()
    document = first.document(buffer)
    document.build(story, canvasmaker=partial(PacketCanvas, duplex=contents[0].options.duplex))
    if should_cancel is not None and should_cancel():
        raise RenderCancelled(total, total)
    if progress is not None:
        progress(total, total)
    return buffer.getvalue()
