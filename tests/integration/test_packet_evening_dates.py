"""Evening hearings print the courthouse's own date and weekday, in every US time zone.

At 7:30 PM in New York it is already the next day in UTC (and in Honolulu, 7:30 PM is
05:30 UTC the next day). A packet that took its date from UTC would send the witness to
court on the wrong day. The expected dates and weekdays are written out by hand, with
hearings on both sides of the end of daylight saving time (Sunday, November 1, 2026) and
of its start (Sunday, March 14, 2027).
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from companion.domain.models import Attendance, Case, Courthouse, Hearing, HearingType, Person
from companion.i18n import translator
from companion.packets.calendar import build_calendar, event_for_packet
from companion.packets.from_store import PacketChoice, packet_for
from companion.packets.renderer import render_packet
from companion.store.store import Store

US_ZONES = [
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Phoenix",
    "America/Los_Angeles",
    "America/Anchorage",
    "Pacific/Honolulu",
    "America/Puerto_Rico",
]

# (local date, local time, what page 1 must say in English, and in Spanish)
EVENINGS = [
    (
        dt.date(2026, 10, 31),
        dt.time(19, 30),
        "Saturday, October 31, 2026",
        "sábado, 31 de octubre de 2026",
    ),
    (
        dt.date(2026, 11, 2),
        dt.time(20, 0),
        "Monday, November 2, 2026",
        "lunes, 2 de noviembre de 2026",
    ),
    (
        dt.date(2027, 3, 13),
        dt.time(21, 45),
        "Saturday, March 13, 2027",
        "sábado, 13 de marzo de 2027",
    ),
    (dt.date(2027, 3, 15), dt.time(23, 30), "Monday, March 15, 2027", "lunes, 15 de marzo de 2027"),
]
ENGLISH_TIMES = {
    dt.time(19, 30): "7:30 PM",
    dt.time(20, 0): "8:00 PM",
    dt.time(21, 45): "9:45 PM",
    dt.time(23, 30): "11:30 PM",
}


def _first_page(pdf: bytes) -> str:
    """Page 1's words. The narrow no-break space before AM/PM counts as a space (the text
    layer itself is tested in the packet text-layer tests)."""
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text() or ""
    text = text.replace("\ue000", " ")
    return " ".join(unicodedata.normalize("NFKC", text).split())


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store, _code = Store.create(
        tmp_path_factory.mktemp("evening") / "data", "evening test phrase 7"
    )
    yield store
    store.close()


def _evening_hearing(store: Store, zone: str, day: dt.date, time: dt.time) -> tuple[int, int]:
    courthouse = store.courthouses.add(
        Courthouse("Fictional Night Court", "1 Example Plaza", zone, "US-NY")
    )
    person = store.people.add(Person("Rosa", "Example", language="es"))
    assert courthouse.id is not None and person.id is not None
    case = store.cases.add(Case("NIGHT-1", "Night Court", person_ids=[person.id]))
    assert case.id is not None
    start = dt.datetime.combine(day, time, tzinfo=ZoneInfo(zone))
    hearing = store.hearings.add(
        Hearing(case.id, courthouse.id, start, HearingType.ARRAIGNMENT, "N1"),
        [Attendance(person.id, 0, must_testify=True)],
    )
    assert hearing.id is not None
    return hearing.id, person.id


@pytest.mark.parametrize("zone", US_ZONES)
@pytest.mark.parametrize(("day", "time", "english", "spanish"), EVENINGS, ids=lambda v: str(v))
def test_evening_packet_prints_the_courthouse_date(
    office: Store, zone: str, day: dt.date, time: dt.time, english: str, spanish: str
) -> None:
    hearing_id, person_id = _evening_hearing(office, zone, day, time)
    english_page = _first_page(
        render_packet(packet_for(office, hearing_id, person_id, PacketChoice(language="en")))
    )
    assert english in english_page
    assert ENGLISH_TIMES[time] in english_page
    spanish_page = _first_page(
        render_packet(packet_for(office, hearing_id, person_id, PacketChoice(language="es")))
    )
    assert spanish in spanish_page.lower()


@pytest.mark.parametrize("zone", US_ZONES)
def test_evening_calendar_entry_starts_at_the_courthouse_time(office: Store, zone: str) -> None:
    day, time = dt.date(2026, 11, 2), dt.time(20, 0)
    hearing_id, person_id = _evening_hearing(office, zone, day, time)
    content = packet_for(office, hearing_id, person_id, PacketChoice(language="en"))
    calendar = build_calendar(event_for_packet(content, translator("en")))
    [event] = calendar.walk("VEVENT")
    start = event.decoded("dtstart")
    assert start.astimezone(ZoneInfo(zone)).replace(tzinfo=None) == dt.datetime.combine(day, time)
