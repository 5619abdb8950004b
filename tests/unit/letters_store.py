"""A small fictional office for the letter tests: one courthouse per state asked for."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from companion.domain.models import (
    Attendance,
    Case,
    ContactKind,
    ContactMethod,
    Courthouse,
    Hearing,
    Person,
    Role,
)
from companion.domain.organisation import AdvocateContact, Organisation
from companion.domain.validation import local_datetime
from companion.store.store import Store

OFFICE = Organisation(
    name="Lakeside Legal Aid (fictional)",
    address="1 Sample Road, Testville",
    advocates=[AdvocateContact("Pat Sample-Advocate", "212 555 0199")],
    paper="letter",
)
POSTAL = "12 Example Lane, Apt 3\nTestville, NY 10000"


@dataclass(frozen=True)
class Placed:
    person_id: int
    hearing_id: int


def add_hearing(
    store: Store,
    *,
    jurisdiction: str = "US-NY",
    role: Role = Role.WITNESS,
    language: str = "es",
    must_testify: bool = True,
    interpreter: bool = False,
    courtroom: str = "4B",
    day: dt.date = dt.date(2027, 3, 4),
    at: dt.time = dt.time(9, 30),
    postal: str = POSTAL,
) -> Placed:
    store.organisation.save(OFFICE)
    courthouse = store.courthouses.add(
        Courthouse(
            name=f"Sample County Courthouse ({jurisdiction})",
            address="5 Fictional Plaza, Testville",
            timezone="America/New_York",
            jurisdiction=jurisdiction,
        )
    )
    contacts = [ContactMethod(ContactKind.PHONE, "212 555 0142", ok_to_text=True)]
    if postal:
        contacts.append(ContactMethod(ContactKind.POSTAL, postal))
    person = store.people.add(
        Person(
            given_name="Ana",
            family_name="Sample",
            role=role,
            language=language,
            needs_interpreter=interpreter,
            contacts=contacts,
        )
    )
    assert person.id is not None and courthouse.id is not None
    case = store.cases.add(
        Case(
            docket_number="SAMPLE-0001",
            court="Sample Court",
            advocate="Pat Sample-Advocate",
            person_ids=[person.id],
        )
    )
    assert case.id is not None
    hearing = store.hearings.add(
        Hearing(
            case_id=case.id,
            courthouse_id=courthouse.id,
            starts_at=local_datetime(day, at, "America/New_York"),
            courtroom=courtroom,
        ),
        [Attendance(person_id=person.id, hearing_id=0, must_testify=must_testify)],
    )
    assert hearing.id is not None
    return Placed(person.id, hearing.id)
