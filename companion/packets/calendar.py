"""A hearing as a calendar event: an RFC 5545 ``.ics`` file and a QR code of it.

- The UID is stable per hearing (``hearing-<id>@court-companion.invalid``: the
  ``.invalid`` domain can never be a real host), so importing a later file updates the
  event instead of adding a second one; ``SEQUENCE`` comes from the hearing.
- The ``.ics`` carries the courthouse's time zone as ``TZID`` with a ``VTIMEZONE``.
- Two alarms: one day and two hours before.
- A cancelled hearing is a ``METHOD:CANCEL`` file with ``STATUS:CANCELLED`` and no
  alarms, so a phone that has the entry removes it; a moved (continued) hearing keeps
  the UID with a higher ``SEQUENCE``, so the entry moves.
- The QR code holds the same event in a compact form, small enough to scan from paper:
  UTC times (no ``VTIMEZONE``), the same UID, sequence, summary, location and alarms,
  but not the description (arrival advice and advocate), which the packet prints anyway.
  If the location is very long, the alarms are left out of the QR code too.

The summary names no case and no person: the event may sit on a phone others can see.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import segno

from companion.i18n.catalog import Translator
from companion.packets.content import PacketContent
from companion.packets.datefmt import format_long_date, format_time
from companion.packets.ics_text import content_line, duration, escape_text, utc_stamp
from companion.packets.scripts import normalize_text

if TYPE_CHECKING:
    import icalendar

PRODID = "-//Court Companion//EN"
UID_DOMAIN = "court-companion.invalid"
ALARM_OFFSETS: tuple[dt.timedelta, ...] = (dt.timedelta(days=1), dt.timedelta(hours=2))
#: Above this many bytes the QR code leaves out the alarms.
QR_BYTE_BUDGET = 640


@dataclass(frozen=True)
class HearingEvent:
    """A hearing as the calendar sees it. ``starts_at`` is aware, in the courthouse zone."""

    hearing_id: int
    sequence: int
    starts_at: dt.datetime
    duration: dt.timedelta
    summary: str
    location: str
    description: str = ""
    cancelled: bool = False
    #: Kept by a hearing and by the hearings it is continued to, so that a re-import
    #: moves the entry on the phone instead of adding a second one.
    calendar_uid: str = ""

    def __post_init__(self) -> None:
        if self.starts_at.tzinfo is None:
            raise ValueError("starts_at must be timezone-aware")

    @property
    def ends_at(self) -> dt.datetime:
        return self.starts_at + self.duration

    @property
    def uid(self) -> str:
        if self.calendar_uid:
            return f"{self.calendar_uid}@{UID_DOMAIN}"
        return hearing_uid(self.hearing_id)


def hearing_uid(hearing_id: int) -> str:
    """The calendar UID of a hearing: the same every time the hearing is exported."""
    return f"hearing-{hearing_id}@{UID_DOMAIN}"


def _zone_name(moment: dt.datetime) -> str | None:
    zone = moment.tzinfo
    return zone.key if isinstance(zone, ZoneInfo) else None


def _event(
    event: HearingEvent, *, compact: bool, stamp: dt.datetime, alarms: bool = True
) -> icalendar.Event:
    import icalendar  # only for .ics files: a packet's QR code is written without it

    vevent = icalendar.Event()
    vevent.add("uid", event.uid)
    vevent.add("dtstamp", stamp.astimezone(dt.UTC))
    vevent.add("sequence", event.sequence)
    start, end = event.starts_at, event.ends_at
    if compact:
        start, end = start.astimezone(dt.UTC), end.astimezone(dt.UTC)
    vevent.add("dtstart", start)
    vevent.add("dtend", end)
    # Text as it would print: what a calendar file cannot carry (a lone surrogate pasted
    # in, control characters) is replaced or left out instead of failing the whole packet.
    vevent.add("summary", normalize_text(event.summary))
    if event.location:
        vevent.add("location", normalize_text(event.location))
    if not compact and event.description:
        vevent.add("description", normalize_text(event.description))
    if event.cancelled:
        vevent.add("status", "CANCELLED")
    elif not compact:
        vevent.add("status", "CONFIRMED")
    for offset in ALARM_OFFSETS if alarms and not event.cancelled else ():
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", normalize_text(event.summary))
        alarm.add("trigger", -offset)
        vevent.add_component(alarm)
    return vevent


def _calendar(*, compact: bool, cancelled: bool = False) -> icalendar.Calendar:
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    if not compact:
        calendar.add("method", "CANCEL" if cancelled else "PUBLISH")
    return calendar


def build_calendar(event: HearingEvent, *, now: dt.datetime | None = None) -> icalendar.Calendar:
    """The ``.ics`` calendar: one event in the courthouse zone, with its ``VTIMEZONE``."""
    if _zone_name(event.starts_at) is None:
        raise ValueError("starts_at must carry a zoneinfo.ZoneInfo time zone")
    stamp = now or dt.datetime.now(dt.UTC)
    calendar = _calendar(compact=False, cancelled=event.cancelled)
    calendar.add_component(_event(event, compact=False, stamp=stamp))
    year = event.starts_at.year
    calendar.add_missing_timezones(
        first_date=dt.date(year - 1, 1, 1), last_date=dt.date(year + 2, 1, 1)
    )
    return calendar


def ics_bytes(event: HearingEvent, *, now: dt.datetime | None = None) -> bytes:
    """The ``.ics`` file's bytes (UTF-8, CRLF lines, folded as RFC 5545 requires)."""
    data: bytes = build_calendar(event, now=now).to_ical()
    return data


def qr_payload(event: HearingEvent, *, now: dt.datetime | None = None) -> str:
    """The event as a compact calendar for a QR code (UTC times, no ``VTIMEZONE``): the
    properties ``_event`` gives it in compact form, in icalendar's order and format."""
    stamp = now or dt.datetime.now(dt.UTC)
    for alarms in (True, False):
        payload = _compact_calendar(event, stamp, alarms=alarms)
        if len(payload.encode("utf-8")) <= QR_BYTE_BUDGET:
            return payload
    return payload


def _compact_calendar(event: HearingEvent, stamp: dt.datetime, *, alarms: bool) -> str:
    summary = escape_text(normalize_text(event.summary))
    lines = [
        "BEGIN:VCALENDAR\r\n",
        content_line("VERSION", "2.0"),
        content_line("PRODID", escape_text(PRODID)),
        "BEGIN:VEVENT\r\n",
        content_line("SUMMARY", summary),
        content_line("DTSTART", utc_stamp(event.starts_at)),
        content_line("DTEND", utc_stamp(event.ends_at)),
        content_line("DTSTAMP", utc_stamp(stamp)),
        content_line("UID", escape_text(event.uid)),
        content_line("SEQUENCE", str(event.sequence)),
    ]
    if event.location:
        lines.append(content_line("LOCATION", escape_text(normalize_text(event.location))))
    if event.cancelled:
        lines.append(content_line("STATUS", "CANCELLED"))
    for offset in ALARM_OFFSETS if alarms and not event.cancelled else ():
        lines += [
            "BEGIN:VALARM\r\n",
            content_line("ACTION", "DISPLAY"),
            content_line("DESCRIPTION", summary),
            content_line("TRIGGER", duration(-offset)),
            "END:VALARM\r\n",
        ]
    lines += ["END:VEVENT\r\n", "END:VCALENDAR\r\n"]
    return "".join(lines)


def qr_code(event: HearingEvent, *, now: dt.datetime | None = None) -> segno.QRCode:
    """A QR code of ``qr_payload(event)`` (error correction level M)."""
    return make_qr(qr_payload(event, now=now))


#: The QR mask pattern. Any of the eight is valid for every reader; letting segno score
#: all eight and keep the best takes four times as long (about 50 ms a code on the office
#: laptop, 10 s of a 200-packet docket), for a difference no phone camera notices.
QR_MASK = 0


@lru_cache(maxsize=64)
def make_qr(payload: str) -> segno.QRCode:
    """A QR code holding ``payload`` as UTF-8 (the same code again for the same payload:
    previews of one packet are drawn again and again).

    UTF-8 is forced (segno would otherwise pick Shift_JIS for Cyrillic or Greek text,
    which phones misread) and declared with an ECI header when the text is not ASCII.
    """
    return segno.make(
        payload,
        error="m",
        micro=False,
        encoding="utf-8",
        eci=not payload.isascii(),
        mask=QR_MASK,
    )


def single_stop(text: str) -> str:
    """``text`` without a doubled full stop, where a value that ends in one ("8:15 a.m.")
    closes a sentence ("... a esta hora: 8:15 a.m..")."""
    return text.replace("..", ".") if ".." in text and "..." not in text else text


def event_for_packet(content: PacketContent, translator: Translator) -> HearingEvent:
    """The hearing of a packet as an event, worded in the witness's language."""
    t = translator
    location_parts = [content.courthouse.name, content.courthouse.address]
    if content.courtroom:
        location_parts.append(t.gettext("Courtroom {room}").format(room=content.courtroom))
    location = ", ".join(part.strip() for part in location_parts if part.strip())
    arrive = format_time(content.arrive_at, t.language.tag)
    if content.cancelled:
        lines = [
            t.gettext("This court date is CANCELLED."),
            t.gettext("Do not go to court on {date}.").format(
                date=format_long_date(content.starts_at, t.language.tag)
            ),
        ]
    else:
        lines = [
            single_stop(
                t.gettext("Please arrive by {time} for security screening.").format(time=arrive)
            )
        ]
    if content.advocate is not None:
        if content.advocate.phone:
            lines.append(
                t.gettext("Your advocate: {name}, {phone}").format(
                    name=content.advocate.name, phone=content.advocate.phone
                )
            )
        else:
            lines.append(t.gettext("Your advocate: {name}").format(name=content.advocate.name))
    return HearingEvent(
        hearing_id=content.hearing_id,
        sequence=content.sequence,
        starts_at=content.starts_at,
        duration=dt.timedelta(minutes=content.expected_minutes),
        summary=t.gettext("Court date"),
        location=location,
        description="\n".join(lines),
        cancelled=content.cancelled,
        calendar_uid=content.calendar_uid,
    )


def calendar_bytes(events: list[HearingEvent], *, now: dt.datetime | None = None) -> bytes:
    """Several hearings in one ``.ics`` file, each with its ``VTIMEZONE``: the same UIDs and
    sequences as the packets' files, so a calendar that has one updates it."""
    stamp = now or dt.datetime.now(dt.UTC)
    calendar = _calendar(compact=False)
    for event in events:
        if _zone_name(event.starts_at) is None:
            raise ValueError("starts_at must carry a zoneinfo.ZoneInfo time zone")
        calendar.add_component(_event(event, compact=False, stamp=stamp))
    if events:
        years = [event.starts_at.year for event in events]
        calendar.add_missing_timezones(
            first_date=dt.date(min(years) - 1, 1, 1), last_date=dt.date(max(years) + 2, 1, 1)
        )
    data: bytes = calendar.to_ical()
    return data
