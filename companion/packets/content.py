"""What a hearing packet shows: a plain view-model the renderer reads.

The store-to-packet adapter fills it from the records, the organisation settings and
the guidance library. Text fields hold what the witness should read (names, addresses
and notes as typed; guidance already in the witness's language). Fixed wording (headings,
labels, sentences) is not in here: the renderer takes it from the message catalogs.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field

from companion.domain.models import HearingType
from companion.packets.paper import PaperSize as PaperSize  # re-exported


class TranslationStatus(enum.StrEnum):
    """Review status of a translated text (catalog or guidance topic)."""

    SOURCE = "source"  # the English original
    REVIEWED = "reviewed"
    DRAFT = "draft"


@dataclass(frozen=True)
class Run:
    """A stretch of guidance text, bold or not."""

    text: str
    bold: bool = False


#: Inline text: a plain string, or runs with bold parts (citation marks such as "[2]"
#: are plain runs).
Inline = str | tuple[Run, ...]


def inline_text(inline: Inline) -> str:
    """The characters of an inline text, without formatting."""
    return inline if isinstance(inline, str) else "".join(run.text for run in inline)


@dataclass(frozen=True)
class HeadingBlock:
    text: str


@dataclass(frozen=True)
class ParagraphBlock:
    text: Inline


@dataclass(frozen=True)
class BulletListBlock:
    items: tuple[Inline, ...]


@dataclass(frozen=True)
class NoticeBlock:
    """A note that must stand out (such as a disclaimer): printed bold beside a bar."""

    text: Inline


Block = HeadingBlock | ParagraphBlock | BulletListBlock | NoticeBlock


@dataclass(frozen=True)
class GuidanceSection:
    """One guidance topic (or the jurisdiction section), in one language.

    ``sources`` are citation lines as they should be printed (with the date checked).
    ``second`` is the same section in the packet's second language, for bilingual
    packets.
    """

    title: str
    blocks: tuple[Block, ...]
    sources: tuple[str, ...] = ()
    status: TranslationStatus = TranslationStatus.SOURCE
    stale: bool = False
    second: GuidanceSection | None = None


@dataclass(frozen=True)
class Advocate:
    name: str
    phone: str = ""


@dataclass(frozen=True)
class CourthouseInfo:
    name: str
    address: str
    timezone: str
    entrance_notes: str = ""
    security_notes: str = ""
    accessibility_notes: str = ""
    transit_notes: str = ""
    #: The notes (by field name, e.g. ``"security_notes"``) given in English because
    #: the packet's language has none; the packet says so beside them.
    english_notes: frozenset[str] = frozenset()


class PacketKind(enum.StrEnum):
    """What a packet is, from its hearing's state."""

    PACKET = "packet"  # the hearing as planned
    CHANGE_NOTICE = "change_notice"  # moved: a notice of the new date, then the packet
    CANCELLATION = "cancellation"  # a one-page notice: do not go to court


@dataclass(frozen=True)
class PacketOptions:
    paper: PaperSize = PaperSize.LETTER
    large_print: bool = False  # body text at least 16 pt
    bilingual: bool = False  # needs PacketContent.second_language
    duplex: bool = False  # even page count; each packet of a batch starts on a front side
    grayscale: bool = True  # nothing depends on colour; all ink is black or gray
    short: bool = False  # page 1 and the checklist only


@dataclass(frozen=True)
class PacketContent:
    """Everything one witness's packet for one hearing prints.

    ``starts_at`` is timezone-aware, in the courthouse's zone (as ``Hearing.starts_at``).
    ``must_testify`` is ``None`` when it is not known yet. ``draft_translation`` says
    the message catalog of ``language`` is not reviewed (the footer then says so);
    ``None`` asks ``companion.i18n.review_status``. ``second_draft_translation`` is the
    same for ``second_language``. ``cancelled`` makes the packet a one-page cancellation
    notice; ``earlier_starts`` (a continued hearing's old dates) puts a change notice
    on page 1.
    """

    hearing_id: int
    person_name: str
    initials: str
    language: str
    starts_at: dt.datetime
    courthouse: CourthouseInfo
    hearing_type: HearingType = HearingType.OTHER
    courtroom: str = ""
    native_name: str = ""
    second_language: str | None = None
    expected_minutes: int = 60
    sequence: int = 0
    cancelled: bool = False
    must_testify: bool | None = None
    arrive_minutes_before: int = 45
    advocate: Advocate | None = None
    organisation_name: str = ""
    guidance: tuple[GuidanceSection, ...] = ()
    checklist: tuple[str, ...] = ()
    draft_translation: bool | None = None
    second_draft_translation: bool | None = None
    options: PacketOptions = field(default_factory=PacketOptions)
    calendar_uid: str = ""
    #: The dates this hearing was moved from (continued), the most recent first.
    earlier_starts: tuple[dt.datetime, ...] = ()

    @property
    def kind(self) -> PacketKind:
        if self.cancelled:
            return PacketKind.CANCELLATION
        if self.earlier_starts:
            return PacketKind.CHANGE_NOTICE
        return PacketKind.PACKET

    @property
    def ends_at(self) -> dt.datetime:
        return self.starts_at + dt.timedelta(minutes=self.expected_minutes)

    @property
    def arrive_at(self) -> dt.datetime:
        return self.starts_at - dt.timedelta(minutes=self.arrive_minutes_before)

    @property
    def is_bilingual(self) -> bool:
        return (
            self.options.bilingual
            and self.second_language is not None
            and self.second_language != self.language
        )
