"""Who still needs a call, over every hearing status and every attendance answer.

The table is written out by hand: a hearing that is no longer on (continued, cancelled,
held) never needs a call, and on a scheduled hearing anyone who has not said yes (unknown)
or has said no (declined: the advocate calls to find out why and what would help) does.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from companion.domain.models import (
    Attendance,
    AttendanceStatus,
    Case,
    Courthouse,
    Hearing,
    HearingStatus,
    HearingType,
    Person,
)
from companion.store.store import Store

NEW_YORK = ZoneInfo("America/New_York")
S, CONT, CANC, HELD = (
    HearingStatus.SCHEDULED,
    HearingStatus.CONTINUED,
    HearingStatus.CANCELLED,
    HearingStatus.HELD,
)
UNKNOWN, CONFIRMED, DECLINED, ATTENDED, MISSED = (
    AttendanceStatus.UNKNOWN,
    AttendanceStatus.CONFIRMED,
    AttendanceStatus.DECLINED,
    AttendanceStatus.ATTENDED,
    AttendanceStatus.MISSED,
)

NEEDS_A_CALL = {
    (S, UNKNOWN): True,
    (S, CONFIRMED): False,
    (S, DECLINED): True,
    (S, ATTENDED): False,
    (S, MISSED): False,
    **{(status, answer): False for status in (CONT, CANC, HELD) for answer in AttendanceStatus},
}


def test_the_table_covers_every_status_and_answer() -> None:
    assert set(NEEDS_A_CALL) == {(s, a) for s in HearingStatus for a in AttendanceStatus}


def _hearing_with(store: Store, answers: list[AttendanceStatus]) -> int:
    courthouse = store.courthouses.add(
        Courthouse("Fictional Hall of Justice", "9 Sample Street", "America/New_York", "US-NY")
    )
    people = [
        store.people.add(Person(f"Given{i}", "Sample", language="es")) for i in range(len(answers))
    ]
    ids = [person.id for person in people if person.id is not None]
    case = store.cases.add(Case("CR-0042", "Criminal Court", person_ids=ids))
    assert case.id is not None and courthouse.id is not None
    # Attended and missed can only be recorded once the hearing has begun.
    days = -1 if any(answer.is_outcome for answer in answers) else 3
    start = dt.datetime.now(NEW_YORK).replace(hour=9, minute=30, second=0, microsecond=0)
    hearing = store.hearings.add(
        Hearing(case.id, courthouse.id, start + dt.timedelta(days=days), HearingType.TRIAL, "4B"),
        [Attendance(person_id, 0, must_testify=True) for person_id in ids],
    )
    assert hearing.id is not None
    stored = {entry.person_id: entry for entry in store.hearings.attendance_for(hearing.id)}
    for person_id, answer in zip(ids, answers, strict=True):
        entry = stored[person_id]  # an answer is an edit of the attendance as read
        entry.status = answer
        entry.reason = "No ride to the courthouse" if answer is MISSED else ""  # a miss needs why
        store.hearings.set_attendance(entry)
    return hearing.id


def _needs_a_call(store: Store, hearing_id: int) -> bool:
    now = dt.datetime.now(dt.UTC)
    entries = store.agenda.between(now - dt.timedelta(days=5), now + dt.timedelta(days=30))
    [entry] = [e for e in entries if e.hearing_id == hearing_id]
    return entry.needs_call


@pytest.mark.parametrize(
    ("status", "answer"), sorted(NEEDS_A_CALL, key=lambda k: (k[0].value, k[1].value))
)
def test_needs_a_call(store: Store, status: HearingStatus, answer: AttendanceStatus) -> None:
    hearing_id = _hearing_with(store, [answer])
    if status is not S:
        store.hearings.set_status(hearing_id, status)
    assert _needs_a_call(store, hearing_id) is NEEDS_A_CALL[(status, answer)]


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ([CONFIRMED, CONFIRMED], False),
        ([CONFIRMED, UNKNOWN], True),
        ([CONFIRMED, DECLINED], True),
        ([ATTENDED, MISSED], False),
    ],
)
def test_one_person_not_yet_reached_is_enough(
    store: Store, answers: list[AttendanceStatus], expected: bool
) -> None:
    assert _needs_a_call(store, _hearing_with(store, answers)) is expected
