"""The demo office: a visibly fictional office for trying the app and for tests.

Every name, courthouse and address here is invented. Phone numbers use the 555-01xx
range that North American numbering sets aside for fiction. Hearings are placed
relative to today so the agenda always has something to show.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from companion.domain.models import (
    Attendance,
    AttendanceStatus,
    Case,
    ContactKind,
    ContactMethod,
    Courthouse,
    CourthouseNoteKind,
    Hearing,
    HearingStatus,
    HearingType,
    Person,
    Role,
)
from companion.domain.organisation import AdvocateContact, Hotline, LocalNote, Organisation
from companion.domain.validation import local_datetime
from companion.outreach.model import (
    ContactChannel,
    ContactOutcome,
    HearingNeed,
    NeedKind,
    NeedStatus,
)
from companion.store.keys import DEMO_PASSPHRASE
from companion.store.settings import DEMO_FLAG
from companion.store.store import Store

__all__ = ["DEMO_PASSPHRASE", "create_demo_office", "fill_demo_office"]

DEMO_ORGANISATION = Organisation(
    name="Riverbend Legal Aid (fictional demo office)",
    address="100 Example Avenue, Suite 5, Demo City",
    advocates=[
        AdvocateContact("Sam Demo-Advocate", "212 555 0160"),
        AdvocateContact("Rosa Demo-Advocate", "312 555 0161"),
        AdvocateContact("Minh Demo-Advocate", "206 555 0162"),
    ],
    hotlines=[
        Hotline("Riverbend after-hours line (fictional)", "212 555 0170", "Evenings and weekends"),
    ],
    local_notes=[
        LocalNote(
            "getting-there",
            {
                "en": "Demo note: meet your advocate at the information desk inside the "
                "main entrance.",
                "es": "Nota de demostración: encuéntrese con su intercesora en el mostrador "
                "de información, dentro de la entrada principal.",
            },
        )
    ],
)


@dataclass(frozen=True)
class _DemoPerson:
    given: str
    family: str
    native: str
    language: str
    role: Role
    phone: str
    ok_to_text: bool
    needs_interpreter: bool


_PEOPLE = (
    _DemoPerson("María", "Demo-López", "", "es", Role.VICTIM, "212 555 0101", True, True),
    _DemoPerson(
        "Ahmad", "Demo-Haddad", "أحمد حداد", "ar", Role.WITNESS, "212 555 0102", False, True
    ),
    _DemoPerson("Wei", "Demo-Chen", "陈伟", "zh-Hans", Role.BOTH, "312 555 0103", True, True),
    _DemoPerson(
        "Mei-Ling", "Demo-Lin", "林美玲", "zh-Hant", Role.WITNESS, "312 555 0104", True, False
    ),
    _DemoPerson(
        "Thảo", "Demo-Nguyễn", "Nguyễn Thị Thảo", "vi", Role.VICTIM, "206 555 0105", True, True
    ),
    _DemoPerson("Jean", "Demo-Baptiste", "", "ht", Role.WITNESS, "212 555 0106", False, True),
    _DemoPerson("Ji-woo", "Demo-Park", "박지우", "ko", Role.VICTIM, "206 555 0107", True, True),
    _DemoPerson(
        "Olga", "Demo-Ivanova", "Ольга Иванова", "ru", Role.WITNESS, "312 555 0108", True, False
    ),
    _DemoPerson("Maria", "Demo-Santos", "", "tl", Role.WITNESS, "206 555 0109", True, False),
    _DemoPerson(
        "Amina", "Demo-Mansour", "أمينة منصور", "ar", Role.VICTIM, "212 555 0110", True, True
    ),
    _DemoPerson("Ana", "Demo-Oliveira", "", "pt-BR", Role.WITNESS, "312 555 0111", False, True),
    _DemoPerson("Claire", "Demo-Dubois", "", "fr", Role.WITNESS, "206 555 0112", True, False),
)

#: Postal addresses of a few people (by family name), so a reminder letter has somewhere to
#: go; every street and town is invented and says so. One line, as the contact editor
#: keeps it; the letter puts each comma-separated part on a line of its own.
_POSTAL = {
    "Demo-Haddad": "14 Imaginary Lane, Apt 3, Demo City NY (fictional)",
    "Demo-Baptiste": "8 Pretend Court, Demo City NY (fictional)",
    "Demo-Oliveira": "302 Makebelieve Street, Unit 2, Fictionville IL (fictional)",
    "Demo-López": "51 Storybook Road, Demo City NY (fictional)",
}

#: People who said a voicemail on their phone may say what it is about (the hearing's
#: date and place); everyone else's voicemail names only the office and its number.
_VOICEMAIL_DETAILS = frozenset({"Demo-Baptiste"})

_COURTHOUSES = (
    Courthouse(
        name="Example County Courthouse (fictional)",
        address="1 Sample Plaza, Demo City, NY",
        timezone="America/New_York",
        jurisdiction="US-NY",
        entrance_notes="Public entrance on Sample Plaza. The side door is for staff only.",
        security_notes="Airport-style screening. Expect a line of 20 to 30 minutes in the morning.",
        accessibility_notes="Step-free entrance and elevators to every floor.",
        transit_notes="Bus stop in front of the building. No public parking on site.",
        # Two notes in Spanish; the other two print in English, marked so.
        translated_notes={
            "es": {
                CourthouseNoteKind.ENTRANCE: (
                    "Entrada al público por Sample Plaza. La puerta lateral es solo para el "
                    "personal."
                ),
                CourthouseNoteKind.SECURITY: (
                    "Control como en el aeropuerto. Por la mañana, cuente con una fila de 20 "
                    "a 30 minutos."
                ),
            }
        },
    ),
    Courthouse(
        name="Lakeside Justice Center (fictional)",
        address="250 Placeholder Road, Fictionville, IL",
        timezone="America/Chicago",
        jurisdiction="US-IL",
        entrance_notes="Enter through the glass doors facing the lake path.",
        security_notes="Bags are X-rayed. Phones are allowed but must be silent.",
        accessibility_notes="Wheelchairs can be borrowed at the information desk.",
        transit_notes="Paid parking garage across the street.",
    ),
    Courthouse(
        name="Pinecrest District Court (fictional)",
        address="77 Invented Way, Mocktown, WA",
        timezone="America/Los_Angeles",
        jurisdiction="US-WA",
        entrance_notes="Main doors on Invented Way.",
        security_notes="Metal detectors at the entrance.",
        accessibility_notes="Hearing loops in courtrooms 1 and 2.",
        transit_notes="Light rail station two blocks north.",
    ),
)

_COURTS = ("Criminal Court", "Family Court", "District Court")
_TYPES = (
    HearingType.PRELIMINARY,
    HearingType.TRIAL,
    HearingType.PROTECTIVE_ORDER,
    HearingType.STATUS,
    HearingType.SENTENCING,
    HearingType.MOTION,
)


def create_demo_office(
    folder: Path, passphrase: str = DEMO_PASSPHRASE, today: dt.date | None = None
) -> Store:
    """Create a store in ``folder`` and fill it with the fictional demo office."""
    store, _code = Store.create(folder, passphrase, enforce_policy=False)
    if passphrase == DEMO_PASSPHRASE:
        store.mark_as_demo()
    fill_demo_office(store, today or dt.date.today())
    return store


def fill_demo_office(store: Store, today: dt.date) -> None:
    courthouses = [store.courthouses.add(_copy(courthouse)) for courthouse in _COURTHOUSES]
    people = [store.people.add(_person(entry)) for entry in _PEOPLE]
    with store.db.atomic():
        store.settings.set(DEMO_FLAG, True)
        store.organisation.save(DEMO_ORGANISATION)
    cases: list[int] = []
    for index, person in enumerate(people):
        assert person.id is not None
        courthouse = courthouses[index % len(courthouses)]
        assert courthouse.id is not None
        case = store.cases.add(
            Case(
                docket_number=f"DEMO-{today.year}-{index + 1:04d}",
                court=_COURTS[index % len(_COURTS)],
                description="Fictional case for the demo office.",
                advocate=DEMO_ORGANISATION.advocates[index % 3].name,
                person_ids=[person.id],
            )
        )
        assert case.id is not None
        day = _weekday_on_or_after(today + dt.timedelta(days=1 + (index * 3) % 26))
        clock = dt.time(9 + index % 5, 30 if index % 2 else 0)
        hearing = store.hearings.add(
            Hearing(
                case_id=case.id,
                courthouse_id=courthouse.id,
                starts_at=local_datetime(day, clock, courthouse.timezone),
                hearing_type=_TYPES[index % len(_TYPES)],
                courtroom=f"{3 + index % 6}{'AB'[index % 2]}",
                expected_minutes=60 if index % 3 else 120,
            ),
            [Attendance(person.id, 0, must_testify=index % 3 != 2)],
        )
        assert hearing.id is not None
        if index in (1, 4, 7):
            (answer,) = store.hearings.attendance_for(hearing.id)
            answer.status = AttendanceStatus.CONFIRMED
            store.hearings.set_attendance(answer)
        if index == 2:
            new_day = _weekday_on_or_after(day + dt.timedelta(days=14))
            store.hearings.continue_hearing(
                hearing.id, local_datetime(new_day, clock, courthouse.timezone)
            )
        if index == 5:
            store.hearings.set_status(hearing.id, HearingStatus.CANCELLED)
        _backdate(store, hearing.id, today - dt.timedelta(days=21))
        _outreach_for_upcoming(store, index, person.id, hearing.id, today)
        cases.append(case.id)
    # Earlier hearings of the same cases come after, so the upcoming ones keep their numbers.
    for index, (person, case_id) in enumerate(zip(people, cases, strict=True)):
        _past_hearing(store, index, person, case_id, courthouses[index % len(courthouses)], today)
    # One person asked not to be contacted: the mark shows wherever her name is.
    santos = people[8]
    assert santos.id is not None
    (santos_hearing,) = store.hearings.for_person(santos.id)[-1:]
    assert santos_hearing.id is not None
    store.outreach.log_contact(
        santos.id,
        santos_hearing.id,
        ContactOutcome.DO_NOT_CONTACT,
        note="Fictional: asked to be reached only through her advocate in person.",
        who=DEMO_ORGANISATION.advocates[2].name,
        at=_at(today, -2, 11),
    )


def _backdate(store: Store, hearing_id: int, scheduled_on: dt.date) -> None:
    """Say the demo's hearings were put in the diary three weeks ago (not the moment the
    demo was made), so its contact history reads like an office's, not all of it today."""
    stamp = f"{scheduled_on.isoformat()}T14:00:00Z"
    with store.db.atomic():
        store.db.execute("UPDATE hearings SET created_at = ? WHERE id = ?", [stamp, hearing_id])
        store.db.execute(
            "UPDATE attendance SET created_at = ? WHERE hearing_id = ?", [stamp, hearing_id]
        )


def _at(today: dt.date, days: int, hour: int) -> dt.datetime:
    """A moment ``days`` from today at ``hour`` o'clock UTC, for made-up contact times."""
    return dt.datetime.combine(today + dt.timedelta(days=days), dt.time(hour), dt.UTC)


#: Contacts already made about the upcoming hearings (index of the person: attempts).
_UPCOMING_CONTACTS: dict[int, tuple[tuple[int, ContactOutcome, ContactChannel], ...]] = {
    0: ((-2, ContactOutcome.NO_ANSWER, ContactChannel.PHONE),),
    1: ((-3, ContactOutcome.CONFIRMED, ContactChannel.PHONE),),
    3: (
        (-4, ContactOutcome.LEFT_VOICEMAIL, ContactChannel.PHONE),
        (-1, ContactOutcome.NO_ANSWER, ContactChannel.PHONE),
    ),
    6: ((-1, ContactOutcome.NEEDS_HELP, ContactChannel.PHONE),),
    9: ((-1, ContactOutcome.WRONG_NUMBER, ContactChannel.PHONE),),
    11: ((-2, ContactOutcome.CONFIRMED, ContactChannel.TEXT),),
}

#: Needs for the upcoming hearings (index of the person: (need, met?)).
_UPCOMING_NEEDS: dict[int, tuple[tuple[NeedKind, bool], ...]] = {
    0: ((NeedKind.CHILDCARE, False), (NeedKind.SEPARATE_WAITING_AREA, True)),
    3: ((NeedKind.TIME_OFF_WORK, False),),
    6: ((NeedKind.TRANSPORT, False), (NeedKind.COMPANION, True)),
    9: ((NeedKind.ESCORT, False), (NeedKind.SEPARATE_WAITING_AREA, False)),
    10: ((NeedKind.ACCESSIBILITY, True),),
}


def _outreach_for_upcoming(
    store: Store, index: int, person_id: int, hearing_id: int, today: dt.date
) -> None:
    advocate = DEMO_ORGANISATION.advocates[index % 3].name
    person = store.people.get(person_id)
    if person.needs_interpreter:
        store.outreach.set_need(
            HearingNeed(person_id, hearing_id, NeedKind.INTERPRETER, language=person.language)
        )
    for kind, met in _UPCOMING_NEEDS.get(index, ()):
        status = NeedStatus.MET if met else NeedStatus.OPEN
        store.outreach.set_need(HearingNeed(person_id, hearing_id, kind, status))
    for days, outcome, channel in _UPCOMING_CONTACTS.get(index, ()):
        store.outreach.log_contact(
            person_id, hearing_id, outcome, channel, who=advocate, at=_at(today, days, 15)
        )


#: Past hearings: (days ago, outcome, contacts before it, packet given, needs met).
_PAST: dict[int, tuple[int, AttendanceStatus, int, bool, bool]] = {
    0: (12, AttendanceStatus.ATTENDED, 2, True, True),
    1: (20, AttendanceStatus.ATTENDED, 1, True, True),
    2: (33, AttendanceStatus.MISSED, 0, False, False),
    3: (9, AttendanceStatus.ATTENDED, 3, True, True),
    4: (26, AttendanceStatus.UNKNOWN, 1, False, True),
    5: (40, AttendanceStatus.MISSED, 1, True, False),
    6: (16, AttendanceStatus.ATTENDED, 2, False, True),
    7: (5, AttendanceStatus.UNKNOWN, 0, False, True),
    9: (23, AttendanceStatus.ATTENDED, 2, True, False),
    10: (30, AttendanceStatus.MISSED, 0, False, True),
}


def _past_hearing(
    store: Store, index: int, person: Person, case_id: int, courthouse: Courthouse, today: dt.date
) -> None:
    """An earlier hearing of the same case, with the calls made before it and what
    happened, for the outcomes list and the attendance report."""
    if index not in _PAST:
        return
    assert person.id is not None and courthouse.id is not None
    days_ago, outcome, contacts, packet, needs_met = _PAST[index]
    day = _weekday_on_or_before(today - dt.timedelta(days=days_ago))
    hearing = store.hearings.add(
        Hearing(
            case_id=case_id,
            courthouse_id=courthouse.id,
            starts_at=local_datetime(day, dt.time(9, 30), courthouse.timezone),
            hearing_type=HearingType.STATUS if index % 2 else HearingType.PRELIMINARY,
            courtroom=f"{2 + index % 4}C",
        ),
        [Attendance(person.id, 0, must_testify=True)],
    )
    assert hearing.id is not None
    advocate = DEMO_ORGANISATION.advocates[index % 3].name
    if index % 3 == 0:
        store.outreach.set_need(
            HearingNeed(
                person.id,
                hearing.id,
                NeedKind.TRANSPORT,
                NeedStatus.MET if needs_met else NeedStatus.OPEN,
            )
        )
    for number in range(contacts):
        last = number == contacts - 1
        store.outreach.log_contact(
            person.id,
            hearing.id,
            ContactOutcome.CONFIRMED if last else ContactOutcome.NO_ANSWER,
            who=advocate,
            at=_at(day, -(contacts - number), 16),
        )
    if packet:
        store.people.record_history(person.id, "packet_saved", hearing.id)
    store.hearings.set_status(hearing.id, HearingStatus.HELD)
    if outcome is not AttendanceStatus.UNKNOWN:
        (entry,) = store.hearings.attendance_for(hearing.id)
        entry.status = outcome
        if outcome is AttendanceStatus.MISSED:
            entry.reason = "Fictional: no ride that morning."
        store.hearings.set_attendance(entry)


def _weekday_on_or_before(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return day


def _weekday_on_or_after(day: dt.date) -> dt.date:
    """Courts sit on weekdays: move a Saturday or Sunday to the Monday after."""
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def _copy(courthouse: Courthouse) -> Courthouse:
    return Courthouse(**{**courthouse.__dict__, "id": None})


def _person(entry: _DemoPerson) -> Person:
    return Person(
        given_name=entry.given,
        family_name=entry.family,
        native_name=entry.native,
        language=entry.language,
        role=entry.role,
        needs_interpreter=entry.needs_interpreter,
        contacts=[
            ContactMethod(
                ContactKind.PHONE,
                entry.phone,
                ok_to_text=entry.ok_to_text,
                ok_to_voicemail=not entry.ok_to_text,
                safe_hours_start=dt.time(17, 0) if not entry.ok_to_text else None,
                safe_hours_end=dt.time(20, 0) if not entry.ok_to_text else None,
                voicemail_details=entry.family in _VOICEMAIL_DETAILS,
            ),
            *(
                [ContactMethod(ContactKind.POSTAL, _POSTAL[entry.family])]
                if entry.family in _POSTAL
                else []
            ),
        ],
        alternate_name="Trusted Friend (fictional)",
        alternate_relationship="Friend",
        alternate_phone="212 555 0150",
        notes="Fictional person for the demo office.",
    )
