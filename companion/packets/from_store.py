"""Filling packets from the store: records, organisation settings and the guidance library.

This is the only place that knows both the store and the packet view-model. Everything
the witness reads comes from here in the witness's language (``language``), and, for
bilingual packets, in the staff member's language too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from companion.domain.models import Attendance, Courthouse, CourthouseNoteKind, HearingStatus
from companion.domain.organisation import Organisation
from companion.domain.validation import display_phone
from companion.errors import NotFoundError
from companion.guidance import (
    DEFAULT_PACKET_TOPICS,
    BulletList,
    CitationRef,
    GuidanceDocument,
    Heading,
    Notice,
    Paragraph,
    Slot,
    SlotName,
    Status,
    TextRun,
    load_jurisdiction,
    load_topic,
)
from companion.guidance import Block as GuidanceBlock
from companion.guidance import Inline as GuidanceInline
from companion.i18n.catalog import translator
from companion.i18n.languages import SOURCE_TAG, get_language, language_for_tag
from companion.packets.content import (
    Advocate,
    Block,
    BulletListBlock,
    CourthouseInfo,
    GuidanceSection,
    HeadingBlock,
    NoticeBlock,
    PacketContent,
    PacketOptions,
    PaperSize,
    ParagraphBlock,
    Run,
    TranslationStatus,
)
from companion.store.store import Store

_STATUS = {
    Status.SOURCE: TranslationStatus.SOURCE,
    Status.DRAFT: TranslationStatus.DRAFT,
    Status.REVIEWED: TranslationStatus.REVIEWED,
}


@dataclass(frozen=True)
class PacketChoice:
    """What staff chose in the packet dialog (or on the command line)."""

    language: str | None = None  # None: the person's own language
    second_language: str | None = None
    topics: tuple[str, ...] = DEFAULT_PACKET_TOPICS
    large_print: bool = False
    duplex: bool = False
    paper: PaperSize | None = None  # None: the organisation's setting
    short: bool = False  # page 1 and the checklist only


def packet_language(person_language: str) -> str:
    """The shipped language a person's packet is printed in (English when we lack theirs)."""
    language = language_for_tag(person_language)
    return language.tag if language is not None else SOURCE_TAG


def _runs(inlines: Sequence[GuidanceInline]) -> tuple[Run, ...]:
    return tuple(
        Run(part.text, part.bold) if isinstance(part, TextRun) else Run(part.label)
        for part in inlines
        if isinstance(part, TextRun | CitationRef)
    )


def _contacts_blocks(organisation: Organisation) -> list[Block]:
    """The office's contacts, as settings give them (names and numbers are not translated)."""
    lines: list[str] = []
    if organisation.name:
        lines.append(
            organisation.name + (f", {organisation.address}" if organisation.address else "")
        )
    lines.extend(
        f"{advocate.name}: {display_phone(advocate.phone)}" if advocate.phone else advocate.name
        for advocate in organisation.advocates
    )
    lines.extend(
        f"{hotline.name}: {display_phone(hotline.phone)}"
        + (f" ({hotline.note})" if hotline.note else "")
        for hotline in organisation.hotlines
    )
    return [BulletListBlock(tuple(lines))] if lines else []


def _blocks(document: GuidanceDocument, organisation: Organisation) -> tuple[Block, ...]:
    out: list[Block] = []
    for block in document.blocks:
        out.extend(_convert(block, organisation))
    return tuple(out)


def _convert(block: GuidanceBlock, organisation: Organisation) -> list[Block]:
    if isinstance(block, Heading):
        return [HeadingBlock(block.text)]
    if isinstance(block, Paragraph):
        return [ParagraphBlock(_runs(block.runs))]
    if isinstance(block, Notice):
        return [NoticeBlock(_runs(block.runs))]
    if isinstance(block, BulletList):
        return [BulletListBlock(tuple(_runs(item) for item in block.items))]
    if isinstance(block, Slot):
        if block.name is SlotName.ORGANISATION_CONTACTS:
            return _contacts_blocks(organisation)
        # The jurisdiction section follows as a section of its own, with its own sources.
        return []
    raise TypeError(f"unknown guidance block {block!r}")


def _source_lines(document: GuidanceDocument, language: str) -> tuple[str, ...]:
    t = translator(language)
    return tuple(
        t.gettext("[{number}] {citation}. {url} (checked {date})").format(
            number=source.number,
            citation=source.citation,
            url=source.url,
            date=source.checked.isoformat(),
        )
        for source in document.sources
    )


def _local_note(organisation: Organisation, topic_id: str, language: str) -> list[Block]:
    note = organisation.note_for(topic_id)
    if note is None:
        return []
    text, translated = note.in_language(language)
    if not text.strip():
        return []
    t = translator(language)
    template = (
        t.gettext("Note from our office: {note}")
        if translated
        else t.gettext("Note from our office (not translated into your language): {note}")
    )
    # First-strong isolate: the note keeps its own direction inside the sentence (an
    # English note in an Arabic sentence keeps its full stop at its end).
    return [NoticeBlock(template.format(note=f"\u2068{text}\u2069"))]


def _section(
    document: GuidanceDocument, organisation: Organisation, language: str, topic_id: str = ""
) -> GuidanceSection:
    blocks = _blocks(document, organisation)
    if topic_id:
        blocks = blocks + tuple(_local_note(organisation, topic_id, language))
    return GuidanceSection(
        title=document.title,
        blocks=blocks,
        sources=_source_lines(document, language),
        status=_STATUS[document.status],
        stale=document.is_stale,
    )


def guidance_sections(
    topics: Sequence[str],
    jurisdiction: str | None,
    language: str,
    organisation: Organisation,
    second_language: str | None = None,
) -> tuple[GuidanceSection, ...]:
    """The chosen topics, then the courthouse's jurisdiction section, in ``language``."""

    def build(lang: str) -> list[GuidanceSection]:
        sections = [
            _section(load_topic(topic_id, lang), organisation, lang, topic_id)
            for topic_id in topics
        ]
        sections.append(_section(load_jurisdiction(jurisdiction, lang), organisation, lang))
        return sections

    primary = build(language)
    if second_language is None or second_language == language:
        return tuple(primary)
    secondary = build(second_language)
    return tuple(
        GuidanceSection(
            title=first.title,
            blocks=first.blocks,
            sources=first.sources,
            status=first.status,
            stale=first.stale,
            second=second,
        )
        for first, second in zip(primary, secondary, strict=True)
    )


def courthouse_info(courthouse: Courthouse, language: str) -> CourthouseInfo:
    """A courthouse as a packet in ``language`` prints it: each note in that language,
    or in English (and marked so) where that language has none."""
    notes: dict[str, str] = {}
    english: set[str] = set()
    for kind in CourthouseNoteKind:
        text, translated = courthouse.note(kind, language)
        notes[f"{kind.value}_notes"] = text
        if text.strip() and not translated:
            english.add(f"{kind.value}_notes")
    return CourthouseInfo(
        name=courthouse.name,
        address=courthouse.address,
        timezone=courthouse.timezone,
        entrance_notes=notes["entrance_notes"],
        security_notes=notes["security_notes"],
        accessibility_notes=notes["accessibility_notes"],
        transit_notes=notes["transit_notes"],
        english_notes=frozenset(english),
    )


def packet_for(
    store: Store, hearing_id: int, person_id: int, choice: PacketChoice | None = None
) -> PacketContent:
    """The packet of one person for one hearing.

    A hearing that was continued gives the packet of the hearing it was continued to
    (followed to the latest), with the old dates for the change notice; a cancelled one
    gives a cancellation notice.
    """
    choice = choice or PacketChoice()
    hearing = store.hearings.current(hearing_id)
    hearing_id = hearing.id or hearing_id
    earlier = store.hearings.earlier(hearing)
    person = store.people.get(person_id)
    attendance: Attendance | None = next(
        (
            entry
            for entry in store.hearings.attendance_for(hearing_id)
            if entry.person_id == person_id
        ),
        None,
    )
    if attendance is None:
        raise NotFoundError("person", person_id)
    case = store.cases.get(hearing.case_id)
    courthouse = store.courthouses.get(hearing.courthouse_id, include_deleted=True)
    organisation = store.organisation.get()
    language = (
        get_language(choice.language).tag if choice.language else packet_language(person.language)
    )
    second = get_language(choice.second_language).tag if choice.second_language else None
    contact = organisation.advocate(case.advocate) if case.advocate else None
    advocate = contact if contact is not None else None
    paper = choice.paper or PaperSize(organisation.paper)
    # A continued hearing is current only when the hearing it was continued to is gone
    # (moved to the Trash): its date is off and no new one is known, so the witness gets
    # the notice not to go on that date.
    cancelled = hearing.status in (HearingStatus.CANCELLED, HearingStatus.CONTINUED)
    return PacketContent(
        hearing_id=hearing_id,
        person_name=person.display_name or person.native_name,
        initials=person.initials or person.native_name[:1],
        language=language,
        starts_at=hearing.starts_at,
        courthouse=courthouse_info(courthouse, language),
        hearing_type=hearing.hearing_type,
        courtroom=hearing.courtroom,
        native_name=person.native_name if person.native_name != person.display_name else "",
        second_language=second,
        expected_minutes=hearing.expected_minutes,
        sequence=hearing.sequence,
        cancelled=cancelled,
        must_testify=attendance.must_testify,
        arrive_minutes_before=organisation.arrive_minutes_before,
        advocate=Advocate(advocate.name, display_phone(advocate.phone))
        if advocate
        else (Advocate(case.advocate) if case.advocate else None),
        organisation_name=organisation.name,
        guidance=()
        if cancelled or choice.short
        else guidance_sections(
            choice.topics, courthouse.jurisdiction, language, organisation, second
        ),
        options=PacketOptions(
            paper=paper,
            large_print=choice.large_print,
            bilingual=second is not None,
            duplex=choice.duplex,
            short=choice.short,
        ),
        calendar_uid=hearing.calendar_uid,
        earlier_starts=tuple(previous.starts_at for previous in earlier),
    )


def packets_for_hearing(
    store: Store, hearing_id: int, choice: PacketChoice | None = None
) -> list[PacketContent]:
    """One packet for each person taking part in the hearing (in the hearing it was
    continued to, for a continued one)."""
    current = store.hearings.current(hearing_id)
    return [
        packet_for(store, entry.hearing_id, entry.person_id, choice)
        for entry in store.hearings.attendance_for(current.id or hearing_id)
    ]


def docket_packets(
    store: Store,
    start: dt.date,
    end: dt.date,
    courthouse_id: int | None = None,
    choice: PacketChoice | None = None,
) -> list[PacketContent]:
    """Packets for every hearing from ``start`` to ``end`` (both included).

    Days are read in each courthouse's own time zone, the way the court lists them. A
    cancelled hearing gives its cancellation notice; a continued one the change notice
    and packet of the hearing it was continued to (once, even when that one is in the
    range too). Hearings already held are left out.
    """
    first = dt.datetime.combine(start, dt.time.min, tzinfo=dt.UTC) - dt.timedelta(days=1)
    last = dt.datetime.combine(end, dt.time.max, tzinfo=dt.UTC) + dt.timedelta(days=1)
    contents: list[PacketContent] = []
    printed: set[tuple[int, int]] = set()
    for entry in store.agenda.between(first, last, courthouse_id, include_cancelled=True):
        if entry.status is HearingStatus.HELD:
            continue
        if not start <= entry.starts_at.date() <= end:
            continue
        current = store.hearings.current(entry.hearing_id)
        current_id = current.id or entry.hearing_id
        for attendance in store.hearings.attendance_for(current_id):
            if (current_id, attendance.person_id) in printed:
                continue
            printed.add((current_id, attendance.person_id))
            contents.append(packet_for(store, current_id, attendance.person_id, choice))
    return contents
