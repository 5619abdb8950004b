"""The hearing as a calendar event: .ics file and QR code hold the same event."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import shutil
import subprocess
import sys
from typing import Any

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
    event_for_packet,
    hearing_uid,
    ics_bytes,
    make_qr,
    qr_code,
    qr_payload,
)
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
