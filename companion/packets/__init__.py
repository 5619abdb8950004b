"""Hearing packets: the PDF a witness takes home, and the hearing as a calendar event.

Plain Python (ReportLab, HarfBuzz, python-bidi, icalendar, segno); no Qt.

- ``content``: the view-model (``PacketContent`` and its parts) the renderer reads;
- ``renderer``: ``PacketRenderer``, ``render_packet``, ``render_docket``,
  ``packet_missing_glyphs``;
- ``calendar``: ``.ics`` bytes and the QR code of a hearing;
- ``output``: ``write_pdf_atomically`` (all-or-nothing files);
- ``fonts``, ``scripts``, ``shaping``, ``bidi``, ``linebreak``, ``textlayout``: the
  multilingual text engine every printed string goes through.
"""

from companion.packets.calendar import HearingEvent, event_for_packet, ics_bytes, qr_code
from companion.packets.content import (
    Advocate,
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
from companion.packets.errors import OutputWriteError, RenderCancelled
from companion.packets.fonts import missing_glyphs
from companion.packets.output import write_pdf_atomically
from companion.packets.renderer import (
    PacketRenderer,
    packet_missing_glyphs,
    render_docket,
    render_packet,
)

__all__ = [
    "Advocate",
    "BulletListBlock",
    "CourthouseInfo",
    "GuidanceSection",
    "HeadingBlock",
    "HearingEvent",
    "NoticeBlock",
    "OutputWriteError",
    "PacketContent",
    "PacketOptions",
    "PacketRenderer",
    "PaperSize",
    "ParagraphBlock",
    "RenderCancelled",
    "Run",
    "TranslationStatus",
    "event_for_packet",
    "ics_bytes",
    "missing_glyphs",
    "packet_missing_glyphs",
    "qr_code",
    "render_docket",
    "render_packet",
    "write_pdf_atomically",
]
