"""The hearing as a calendar event: .ics file and QR code hold the same event."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import shutil
import subprocess
import sys
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from pyzbar import pyzbar
from pyzbar.wrapper import ZBarConfig, ZBarSymbol, zbar_image_scanner_set_config

from companion.i18n import translator
from companion.packets.calendar import (
    QR_BYTE_BUDGET,
    HearingEvent,
    calendar_bytes,
    event_for_packet,
    hearing_uid,
    ics_bytes,
    make_qr,
    qr_code,
    qr_payload,
    single_stop,
)
from companion.packets.content import Advocate
from companion.packets.renderer import render_packet
from companion.packets.scripts import normalize_text
from tests.unit.test_packet_samples import FIXED_NOW, STARTS_AT, ZONE, sample_content

ZBAR_CFG_BINARY = 4  # zbar.h: return the QR code's bytes, do not guess a text encoding


def decode_qr(image: Image.Image) -> list[bytes]:
    """The raw bytes of every QR code in ``image`` (zbar in binary mode)."""
    pixels, width, height = pyzbar._pixel_data(image)
    with pyzbar._image_scanner() as scanner:
        zbar_image_scanner_set_config(scanner, ZBarSymbol.QRCODE, ZBarConfig.CFG_ENABLE, 1)
        zbar_image_scanner_set_config(scanner, ZBarSymbol.QRCODE, ZBAR_CFG_BINARY, 1)
        with pyzbar._image() as zbar_image:
            pyzbar.zbar_image_set_format(zbar_image, pyzbar._FOURCC["L800"])
            pyzbar.zbar_image_set_size(zbar_image, width, height)
            pyzbar.zbar_image_set_data(
                zbar_image, pyzbar.cast(pixels, pyzbar.c_void_p), len(pixels), None
            )
            pyzbar.zbar_scan_image(scanner, zbar_image)
            return [
                symbol.data
                for symbol in pyzbar._decode_symbols(pyzbar._symbols_for_image(zbar_image))
            ]


def _event(**changes: Any) -> HearingEvent:
    event = HearingEvent(
        hearing_id=4711,
        sequence=2,
        starts_at=STARTS_AT,
        duration=dt.timedelta(minutes=90),
        summary="Court date",
        location="Example County Courthouse (fictional), 100 Sample Street, Courtroom 5B",
        description="Please arrive by 8:45 AM for security screening.",
    )
    return dataclasses.replace(event, **changes)


def _only_event(calendar: icalendar.Calendar) -> icalendar.Event:
    (event,) = calendar.walk("VEVENT")
    return event


def _essentials(event: icalendar.Event) -> dict[str, object]:
    """What makes two events the same hearing at the same time and place."""
    return {
        "uid": str(event["UID"]),
        "sequence": int(event["SEQUENCE"]),
        "start": event.decoded("DTSTART").astimezone(dt.UTC),
        "end": event.decoded("DTEND").astimezone(dt.UTC),
        "summary": str(event["SUMMARY"]),
        "location": str(event["LOCATION"]),
        "status": str(event.get("STATUS", "CONFIRMED")),
        "alarms": sorted(alarm.decoded("TRIGGER") for alarm in event.walk("VALARM")),
    }


def _qr_image(qr: Any) -> Image.Image:
    buffer = io.BytesIO()
    qr.save(buffer, kind="png", scale=4, border=4)
    buffer.seek(0)
    return Image.open(buffer)


def test_ics_parses_with_the_courthouse_time_zone() -> None:
    calendar = icalendar.Calendar.from_ical(ics_bytes(_event(), now=FIXED_NOW))
    (timezone,) = calendar.walk("VTIMEZONE")
    assert str(timezone["TZID"]) == ZONE
    event = _only_event(calendar)
    assert event["DTSTART"].params["TZID"] == ZONE
    assert event.decoded("DTSTART") == STARTS_AT
    assert event.decoded("DTSTART").utcoffset() == dt.timedelta(hours=-4)  # daylight time
    assert event.decoded("DTEND") - event.decoded("DTSTART") == dt.timedelta(minutes=90)
    assert str(event["DESCRIPTION"]) == "Please arrive by 8:45 AM for security screening."
    assert str(calendar["VERSION"]) == "2.0" and "PRODID" in calendar


def test_uid_is_stable_and_sequence_follows_the_hearing() -> None:
    first = _only_event(icalendar.Calendar.from_ical(ics_bytes(_event(sequence=0), now=FIXED_NOW)))
    later = _only_event(
        icalendar.Calendar.from_ical(
            ics_bytes(_event(sequence=3), now=FIXED_NOW + dt.timedelta(days=9))
        )
    )
    assert str(first["UID"]) == str(later["UID"]) == "hearing-4711@court-companion.invalid"
    assert hearing_uid(4711) == str(first["UID"])
    assert (int(first["SEQUENCE"]), int(later["SEQUENCE"])) == (0, 3)


def test_alarms_a_day_and_two_hours_before() -> None:
    event = _only_event(icalendar.Calendar.from_ical(ics_bytes(_event(), now=FIXED_NOW)))
    alarms = event.walk("VALARM")
    assert sorted(alarm.decoded("TRIGGER") for alarm in alarms) == [
        -dt.timedelta(days=1),
        -dt.timedelta(hours=2),
    ]
    assert all(str(alarm["ACTION"]) == "DISPLAY" for alarm in alarms)


def test_cancelled_hearing_is_a_cancelled_event() -> None:
    event = _event(cancelled=True)
    ics = _only_event(icalendar.Calendar.from_ical(ics_bytes(event, now=FIXED_NOW)))
    qr = _only_event(icalendar.Calendar.from_ical(qr_payload(event, now=FIXED_NOW)))
    assert str(ics["STATUS"]) == str(qr["STATUS"]) == "CANCELLED"


def test_naive_start_is_refused() -> None:
    with pytest.raises(ValueError):
        _event(starts_at=STARTS_AT.replace(tzinfo=None))


@pytest.mark.parametrize(
    ("summary", "location"),
    [
        ("Court date", "Example County Courthouse (fictional), 100 Sample Street, Room 5B"),
        ("موعد المحكمة", "محكمة المقاطعة النموذجية، 100 Sample Street"),
        ("法院日期", "示例县法院，示例街100号"),
        ("Дата суда", "Суд, улица Образец 100"),
        ("Ngày ra tòa", "Tòa án Quận Mẫu, 100 Sample Street"),
    ],
)
def test_qr_code_decodes_to_the_same_event_as_the_ics(summary: str, location: str) -> None:
    event = _event(summary=summary, location=location)
    (data,) = decode_qr(_qr_image(qr_code(event, now=FIXED_NOW)))
    assert data.decode("utf-8") == qr_payload(event, now=FIXED_NOW)
    from_qr = _only_event(icalendar.Calendar.from_ical(data))
    from_ics = _only_event(icalendar.Calendar.from_ical(ics_bytes(event, now=FIXED_NOW)))
    assert _essentials(from_qr) == _essentials(from_ics)
    assert len(data) <= QR_BYTE_BUDGET


def test_qr_leaves_out_alarms_only_when_the_location_is_very_long() -> None:
    event = _event(location="Sample Street " * 40)
    payload = qr_payload(event, now=FIXED_NOW)
    assert "BEGIN:VALARM" not in payload
    (data,) = decode_qr(_qr_image(make_qr(payload)))
    from_qr = _only_event(icalendar.Calendar.from_ical(data))
    assert str(from_qr["LOCATION"]) == event.location


def _icalendar_compact(event: HearingEvent, alarms: bool) -> str:
    """The compact calendar as the icalendar library writes it: the reference the
    hand-written QR payload must match, character for character."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Court Companion//EN")
    calendar.add("version", "2.0")
    vevent = icalendar.Event()
    vevent.add("uid", event.uid)
    vevent.add("dtstamp", FIXED_NOW.astimezone(dt.UTC))
    vevent.add("sequence", event.sequence)
    vevent.add("dtstart", event.starts_at.astimezone(dt.UTC))
    vevent.add("dtend", event.ends_at.astimezone(dt.UTC))
    vevent.add("summary", normalize_text(event.summary))
    if event.location:
        vevent.add("location", normalize_text(event.location))
    if event.cancelled:
        vevent.add("status", "CANCELLED")
    for offset in (dt.timedelta(days=1), dt.timedelta(hours=2)):
        if alarms and not event.cancelled:
            alarm = icalendar.Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", normalize_text(event.summary))
            alarm.add("trigger", -offset)
            vevent.add_component(alarm)
    calendar.add_component(vevent)
    text: str = calendar.to_ical().decode("utf-8")
    return text


#: Text values: any characters, with the ones RFC 5545 escapes (and icalendar's "\\N")
#: and multi-byte ones often enough to meet the folding points.
_VALUE_TEXT = st.lists(
    st.characters(codec="utf-8", exclude_categories=("Cs",))
    | st.sampled_from([",", ";", "\\", "^", ":", "\n", "\\N", "ü", "法", "م", "😀"]),
    max_size=120,
).map("".join)


@settings(max_examples=150, deadline=None)
@given(
    summary=_VALUE_TEXT,
    location=_VALUE_TEXT,
    sequence=st.integers(0, 40),
    minutes=st.integers(1, 600),
    cancelled=st.booleans(),
    calendar_uid=st.sampled_from(["", "0190f1e2-7c3a-7b4d-8e5f-a1b2c3d4e5f6"]),
)
def test_qr_payload_is_what_icalendar_writes_for_the_same_event(
    summary: str, location: str, sequence: int, minutes: int, cancelled: bool, calendar_uid: str
) -> None:
    event = _event(
        summary=summary,
        location=location,
        sequence=sequence,
        duration=dt.timedelta(minutes=minutes),
        cancelled=cancelled,
        calendar_uid=calendar_uid,
    )
    with_alarms = _icalendar_compact(event, alarms=True)
    expected = (
        with_alarms
        if len(with_alarms.encode("utf-8")) <= QR_BYTE_BUDGET
        else _icalendar_compact(event, alarms=False)
    )
    assert qr_payload(event, now=FIXED_NOW) == expected


@pytest.mark.parametrize("piece", ["x", "ü", "法", "😀", ",", "a,", "ab\\"])
def test_qr_payload_folds_where_icalendar_does(piece: str) -> None:
    """Every length around the folding points, for one-to-four-byte characters and
    escapes."""
    for count in range(1, 140):
        event = _event(location=piece * count)
        with_alarms = _icalendar_compact(event, alarms=True)
        expected = (
            with_alarms
            if len(with_alarms.encode("utf-8")) <= QR_BYTE_BUDGET
            else _icalendar_compact(event, alarms=False)
        )
        assert qr_payload(event, now=FIXED_NOW) == expected, count


def test_the_packet_engine_does_not_load_icalendar() -> None:
    """A packet (and its QR code) is made without the icalendar library, which only the
    .ics files need: it is a good part of a packet process's start."""
    probe = (
        "import sys\n"
        "from tests.unit.test_packet_samples import FIXED_NOW, sample_content\n"
        "from companion.packets.renderer import render_packet\n"
        "render_packet(sample_content('es'), now=FIXED_NOW)\n"
        "print('icalendar' in sys.modules)\n"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.split()
    assert loaded == ["False"]


def test_event_for_packet_speaks_the_witness_language() -> None:
    content = sample_content("ar")
    t = translator("ar")
    event = event_for_packet(content, t)
    assert event.summary == t.gettext("Court date")
    assert event.uid == hearing_uid(content.hearing_id)
    assert event.starts_at == content.starts_at
    assert content.courthouse.address in event.location
    assert content.advocate is not None and content.advocate.phone in event.description


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler's pdftoppm")
def test_qr_printed_on_the_packet_holds_the_ics_event() -> None:
    content = sample_content("es")
    pdf = render_packet(content, now=FIXED_NOW)
    png = subprocess.run(
        ["pdftoppm", "-r", "150", "-f", "1", "-l", "1", "-png", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout
    (data,) = decode_qr(Image.open(io.BytesIO(png)))
    event = event_for_packet(content, translator("es"))
    from_ics = _only_event(icalendar.Calendar.from_ical(ics_bytes(event, now=FIXED_NOW)))
    assert _essentials(_only_event(icalendar.Calendar.from_ical(data))) == _essentials(from_ics)


def test_text_a_calendar_cannot_carry_is_replaced_not_fatal() -> None:
    event = _event(location="Courtroom 5\ud800B\x07", description="Line one\nLine\ttwo")
    parsed = _only_event(icalendar.Calendar.from_ical(ics_bytes(event, now=FIXED_NOW)))
    assert str(parsed["LOCATION"]) == "Courtroom 5\ufffdB"
    assert str(parsed["DESCRIPTION"]) == "Line one\nLine two"
    assert "\ufffd" in qr_payload(event, now=FIXED_NOW)


def _crlf(*lines: str) -> bytes:
    """Content lines as a calendar file holds them: UTF-8, each ended by CRLF."""
    return "".join(line + "\r\n" for line in lines).encode("utf-8")


#: America/New_York as the file carries it for hearings in 2031, the years 2030 to 2032
#: (a year before the hearing, two after): daylight time (-0400) from the second Sunday
#: of March to the first Sunday of November (10 Mar 2030, 9 Mar 2031, 14 Mar 2032;
#: 3 Nov 2030, 2 Nov 2031, 7 Nov 2032), in icalendar's layout (a first STANDARD at the
#: window's start, then one DAYLIGHT and one STANDARD with the later years as RDATEs).
NEW_YORK_2030_TO_2032 = (
    "BEGIN:VTIMEZONE",
    "TZID:America/New_York",
    "COMMENT:This timezone only works from 2030-01-01 to 2033-01-01.",
    "BEGIN:STANDARD",
    "DTSTART:20300101T000000",
    "TZNAME:EST",
    "TZOFFSETFROM:-0500",
    "TZOFFSETTO:-0500",
    "END:STANDARD",
    "BEGIN:DAYLIGHT",
    "DTSTART:20300310T030000",
    "RDATE:20310309T030000,20320314T030000",
    "TZNAME:EDT",
    "TZOFFSETFROM:-0500",
    "TZOFFSETTO:-0400",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "DTSTART:20301103T020000",
    "RDATE:20311102T020000,20321107T020000",
    "TZNAME:EST",
    "TZOFFSETFROM:-0400",
    "TZOFFSETTO:-0500",
    "END:STANDARD",
    "END:VTIMEZONE",
)

#: The two alarms of a hearing that goes ahead: a day and two hours before.
ALARMS = (
    "BEGIN:VALARM",
    "ACTION:DISPLAY",
    "DESCRIPTION:Court date",
    "TRIGGER:-P1D",
    "END:VALARM",
    "BEGIN:VALARM",
    "ACTION:DISPLAY",
    "DESCRIPTION:Court date",
    "TRIGGER:-PT2H",
    "END:VALARM",
)

MOVED_UID = "0190f1e2-7c3a-7b4d-8e5f-a1b2c3d4e5f6"


def _hearing(**changes: Any) -> HearingEvent:
    """A hearing whose texts hold what a calendar file must escape: commas, a semicolon
    and a line break, and lines long enough to be folded."""
    texts: dict[str, Any] = {
        "sequence": 0,
        "location": "Example County Courthouse (fictional), 100 Sample Street; Courtroom 5B",
        "description": (
            "Please arrive by 8:45 AM for security screening.\n"
            "Your advocate: Alex Sample (fictional advocate), (555) 010-0000"
        ),
    }
    return _event(**(texts | changes))


def test_ics_file_is_these_content_lines_escaped_and_folded_at_75_octets() -> None:
    assert ics_bytes(_hearing(), now=FIXED_NOW) == _crlf(
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Court Companion//EN",
        "METHOD:PUBLISH",
        *NEW_YORK_2030_TO_2032,
        "BEGIN:VEVENT",
        "SUMMARY:Court date",
        "DTSTART;TZID=America/New_York:20310313T093000",
        "DTEND;TZID=America/New_York:20310313T110000",
        "DTSTAMP:20310102T120000Z",
        "UID:hearing-4711@court-companion.invalid",
        "SEQUENCE:0",
        # 74 octets, then a continuation line: a space and the rest.
        r"DESCRIPTION:Please arrive by 8:45 AM for security screening.\nYour advocat",
        r" e: Alex Sample (fictional advocate)\, (555) 010-0000",
        r"LOCATION:Example County Courthouse (fictional)\, 100 Sample Street\; Court",
        " room 5B",
        "STATUS:CONFIRMED",
        *ALARMS,
        "END:VEVENT",
        "END:VCALENDAR",
    )


def test_moved_hearing_keeps_its_calendar_uid_with_a_higher_sequence() -> None:
    moved = _hearing(
        hearing_id=4712,
        sequence=3,
        calendar_uid=MOVED_UID,
        starts_at=dt.datetime(2031, 4, 2, 14, 0, tzinfo=ZoneInfo(ZONE)),
        duration=dt.timedelta(minutes=60),
        description="",
    )
    lines = ics_bytes(moved, now=FIXED_NOW).split(b"\r\n")
    assert b"UID:0190f1e2-7c3a-7b4d-8e5f-a1b2c3d4e5f6@court-companion.invalid" in lines
    assert b"SEQUENCE:3" in lines
    assert b"DTSTART;TZID=America/New_York:20310402T140000" in lines
    assert b"DTEND;TZID=America/New_York:20310402T150000" in lines
    # No description given, no DESCRIPTION line (the alarms' own DESCRIPTION stays).
    assert [line for line in lines if line.startswith(b"DESCRIPTION")] == [
        b"DESCRIPTION:Court date",
        b"DESCRIPTION:Court date",
    ]


def test_cancelled_hearing_file_cancels_the_event_and_has_no_alarms() -> None:
    cancelled = _hearing(sequence=4, cancelled=True, description="")
    assert ics_bytes(cancelled, now=FIXED_NOW) == _crlf(
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Court Companion//EN",
        "METHOD:CANCEL",
        *NEW_YORK_2030_TO_2032,
        "BEGIN:VEVENT",
        "SUMMARY:Court date",
        "DTSTART;TZID=America/New_York:20310313T093000",
        "DTEND;TZID=America/New_York:20310313T110000",
        "DTSTAMP:20310102T120000Z",
        "UID:hearing-4711@court-companion.invalid",
        "SEQUENCE:4",
        r"LOCATION:Example County Courthouse (fictional)\, 100 Sample Street\; Court",
        " room 5B",
        "STATUS:CANCELLED",
        "END:VEVENT",
        "END:VCALENDAR",
    )


def test_ics_stamp_is_the_current_time_in_utc_when_none_is_given() -> None:
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    data = ics_bytes(_hearing())
    after = dt.datetime.now(dt.UTC)
    (stamp,) = [line for line in data.split(b"\r\n") if line.startswith(b"DTSTAMP:")]
    assert stamp.endswith(b"Z")
    moment = dt.datetime.strptime(stamp.decode(), "DTSTAMP:%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC)
    assert before <= moment <= after


def test_folding_never_splits_a_character_and_keeps_lines_within_75_octets() -> None:
    location = "Суд образца (вымышленный), улица Образец 100, зал 5Б; " * 3
    data = ics_bytes(_hearing(location=location), now=FIXED_NOW)
    physical = data.split(b"\r\n")
    assert all(len(line) <= 75 for line in physical)
    for line in physical:
        line.decode("utf-8")  # a fold inside a character would not decode
    unfolded = data.replace(b"\r\n ", b"").decode("utf-8").split("\r\n")
    expected = location.replace(",", "\\,").replace(";", "\\;")
    assert "LOCATION:" + expected in unfolded


def test_calendar_file_of_several_hearings_holds_each_with_the_zone_once() -> None:
    cancelled = _hearing(sequence=1, cancelled=True, description="")
    moved = _hearing(
        hearing_id=4712,
        sequence=3,
        calendar_uid=MOVED_UID,
        starts_at=dt.datetime(2032, 1, 20, 14, 0, tzinfo=ZoneInfo(ZONE)),
        duration=dt.timedelta(minutes=60),
        location="Example County Courthouse (fictional)",
        description="Hearing",
    )
    assert calendar_bytes([cancelled, moved], now=FIXED_NOW) == _crlf(
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Court Companion//EN",
        "METHOD:PUBLISH",
        # From a year before the first hearing (2031) to two after the last (2032);
        # 2033's changes: 13 March and 6 November.
        "BEGIN:VTIMEZONE",
        "TZID:America/New_York",
        "COMMENT:This timezone only works from 2030-01-01 to 2034-01-01.",
        "BEGIN:STANDARD",
        "DTSTART:20300101T000000",
        "TZNAME:EST",
        "TZOFFSETFROM:-0500",
        "TZOFFSETTO:-0500",
        "END:STANDARD",
        "BEGIN:DAYLIGHT",
        "DTSTART:20300310T030000",
        "RDATE:20310309T030000,20320314T030000,20330313T030000",
        "TZNAME:EDT",
        "TZOFFSETFROM:-0500",
        "TZOFFSETTO:-0400",
        "END:DAYLIGHT",
        "BEGIN:STANDARD",
        "DTSTART:20301103T020000",
        "RDATE:20311102T020000,20321107T020000,20331106T020000",
        "TZNAME:EST",
        "TZOFFSETFROM:-0400",
        "TZOFFSETTO:-0500",
        "END:STANDARD",
        "END:VTIMEZONE",
        "BEGIN:VEVENT",
        "SUMMARY:Court date",
        "DTSTART;TZID=America/New_York:20310313T093000",
        "DTEND;TZID=America/New_York:20310313T110000",
        "DTSTAMP:20310102T120000Z",
        "UID:hearing-4711@court-companion.invalid",
        "SEQUENCE:1",
        r"LOCATION:Example County Courthouse (fictional)\, 100 Sample Street\; Court",
        " room 5B",
        "STATUS:CANCELLED",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "SUMMARY:Court date",
        "DTSTART;TZID=America/New_York:20320120T140000",
        "DTEND;TZID=America/New_York:20320120T150000",
        "DTSTAMP:20310102T120000Z",
        "UID:0190f1e2-7c3a-7b4d-8e5f-a1b2c3d4e5f6@court-companion.invalid",
        "SEQUENCE:3",
        "DESCRIPTION:Hearing",
        "LOCATION:Example County Courthouse (fictional)",
        "STATUS:CONFIRMED",
        *ALARMS,
        "END:VEVENT",
        "END:VCALENDAR",
    )


def test_calendar_file_carries_each_courthouse_zone() -> None:
    new_york = _hearing()
    los_angeles = _hearing(
        hearing_id=4713,
        starts_at=dt.datetime(2031, 3, 14, 8, 0, tzinfo=ZoneInfo("America/Los_Angeles")),
    )
    calendar = icalendar.Calendar.from_ical(calendar_bytes([new_york, los_angeles]))
    assert sorted(str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")) == [
        "America/Los_Angeles",
        "America/New_York",
    ]
    assert [event["DTSTART"].params["TZID"] for event in calendar.walk("VEVENT")] == [
        "America/New_York",
        "America/Los_Angeles",
    ]


def test_calendar_file_of_no_hearings_is_an_empty_calendar() -> None:
    assert calendar_bytes([], now=FIXED_NOW) == _crlf(
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Court Companion//EN",
        "METHOD:PUBLISH",
        "END:VCALENDAR",
    )


@pytest.mark.parametrize(
    "zone", [dt.UTC, dt.timezone(dt.timedelta(hours=-5))], ids=["utc", "fixed-offset"]
)
@pytest.mark.parametrize(
    "write",
    [
        lambda event: ics_bytes(event, now=FIXED_NOW),
        lambda event: calendar_bytes([event], now=FIXED_NOW),
    ],
    ids=["ics_bytes", "calendar_bytes"],
)
def test_start_without_a_named_zone_is_refused(
    zone: dt.tzinfo, write: Callable[[HearingEvent], bytes]
) -> None:
    """A fixed offset names no zone a calendar can carry as TZID."""
    event = _hearing(starts_at=STARTS_AT.astimezone(zone))
    with pytest.raises(ValueError, match=r"^starts_at must carry a zoneinfo\.ZoneInfo time zone$"):
        write(event)


def test_naive_start_is_refused_saying_why() -> None:
    with pytest.raises(ValueError, match=r"^starts_at must be timezone-aware$"):
        _hearing(starts_at=STARTS_AT.replace(tzinfo=None))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("llegue a esta hora: 8:15 a.m..", "llegue a esta hora: 8:15 a.m."),
        ("Arrive by 8:15 AM.", "Arrive by 8:15 AM."),
        ("Wait...", "Wait..."),
        ("Wait... until 8:15 a.m..", "Wait... until 8:15 a.m.."),
        ("Espere…", "Espere…"),
    ],
)
def test_single_stop_drops_a_doubled_full_stop_but_keeps_an_ellipsis(
    text: str, expected: str
) -> None:
    assert single_stop(text) == expected


ADVOCATE_LINE_EN = "Your advocate: Alex Sample (fictional advocate), (555) 010-0000"
ADVOCATE_LINE_ES = "Su persona de apoyo: Alex Sample (fictional advocate), (555) 010-0000"
PLACE = "Example County Courthouse (fictional), 100 Sample Street, Exampleville, NY 10000"


def test_packet_event_in_english() -> None:
    assert event_for_packet(sample_content("en"), translator("en")) == HearingEvent(
        hearing_id=4711,
        sequence=0,
        starts_at=STARTS_AT,
        duration=dt.timedelta(minutes=60),
        summary="Court date",
        location=PLACE + ", Courtroom 5B",
        # 9:30 less the 45 minutes to arrive before; CLDR puts a narrow no-break space
        # before AM.
        description="Please arrive by 8:45\u202fAM for security screening.\n" + ADVOCATE_LINE_EN,
    )


def test_packet_event_in_spanish() -> None:
    assert event_for_packet(sample_content("es"), translator("es")) == HearingEvent(
        hearing_id=4711,
        sequence=0,
        starts_at=STARTS_AT,
        duration=dt.timedelta(minutes=60),
        summary="Fecha en el tribunal",
        location=PLACE + ", Sala 5B",
        description=(
            "Llegue con tiempo (8:45\u202fa.m. a más tardar) para pasar el control de seguridad.\n"
            + ADVOCATE_LINE_ES
        ),
    )


def test_cancelled_packet_event_says_not_to_go_in_english() -> None:
    content = sample_content("en", cancelled=True, advocate=None, expected_minutes=120, sequence=2)
    assert event_for_packet(content, translator("en")) == HearingEvent(
        hearing_id=4711,
        sequence=2,
        starts_at=STARTS_AT,
        duration=dt.timedelta(minutes=120),
        summary="Court date",
        location=PLACE + ", Courtroom 5B",
        description=(
            "This court date is CANCELLED.\nDo not go to court on Thursday, March 13, 2031."
        ),
        cancelled=True,
    )


def test_cancelled_packet_event_of_a_moved_hearing_in_spanish() -> None:
    content = sample_content(
        "es",
        cancelled=True,
        sequence=3,
        calendar_uid=MOVED_UID,
        courtroom="",
        advocate=Advocate("Alex Sample (fictional advocate)"),
    )
    event = event_for_packet(content, translator("es"))
    assert event == HearingEvent(
        hearing_id=4711,
        sequence=3,
        starts_at=STARTS_AT,
        duration=dt.timedelta(minutes=60),
        summary="Fecha en el tribunal",
        location=PLACE,
        description=(
            "Esta fecha en el tribunal está CANCELADA.\n"
            "No vaya al tribunal el jueves, 13 de marzo de 2031.\n"
            "Su persona de apoyo: Alex Sample (fictional advocate)"
        ),
        cancelled=True,
        calendar_uid=MOVED_UID,
    )
    assert event.uid == "0190f1e2-7c3a-7b4d-8e5f-a1b2c3d4e5f6@court-companion.invalid"


def test_packet_event_location_leaves_out_blank_parts() -> None:
    content = sample_content("en", advocate=Advocate("Alex Sample (fictional advocate)"))
    content = dataclasses.replace(
        content,
        courthouse=dataclasses.replace(
            content.courthouse, name=" Example County Courthouse (fictional) ", address="  "
        ),
    )
    event = event_for_packet(content, translator("en"))
    assert event.location == "Example County Courthouse (fictional), Courtroom 5B"
    assert event.description.splitlines()[1] == "Your advocate: Alex Sample (fictional advocate)"
