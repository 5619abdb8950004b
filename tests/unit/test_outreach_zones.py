"""Who is due is counted in the courthouse's days, whatever zone the computer is in: a
contact logged at 01:20 UTC was made the evening before in Chicago. Fixed instants only."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from companion.domain.models import (
    Attendance,
    Case,
    ContactKind,
    ContactMethod,
    Courthouse,
    Hearing,
    HearingType,
    Person,
)
from companion.outreach.model import ContactOutcome, DueKind
from companion.store.store import Store

CHICAGO = ZoneInfo("America/Chicago")
UTC = dt.UTC


def _hearing_thursday_17_january_2030(store: Store) -> tuple[int, int]:
    """One person at a hearing on Thursday 17 January 2030, 09:30 in Chicago, scheduled on
    2 January: the 7-days-before step starts Thursday 10, the 2-days-before Tuesday 15."""
    courthouse = store.courthouses.add(
        Courthouse("Fictional County Courthouse", "1 Sample Plaza", "America/Chicago", "US-IL")
    )
    person = store.people.add(
        Person(
            "Ana",
            "Sample",
            language="es",
            contacts=[ContactMethod(ContactKind.PHONE, "312 555 0142", ok_to_voicemail=True)],
        )
    )
    case = store.cases.add(Case("CR-0077", "Circuit Court", person_ids=[person.id or 0]))
    assert person.id is not None and case.id is not None and courthouse.id is not None
    hearing = store.hearings.add(
        Hearing(
            case.id,
            courthouse.id,
            dt.datetime(2030, 1, 17, 9, 30, tzinfo=CHICAGO),
            HearingType.TRIAL,
        ),
        [Attendance(person.id, 0, must_testify=True)],
    )
    assert hearing.id is not None
    scheduled = "2030-01-02T15:00:00Z"
    store.db.execute("UPDATE hearings SET created_at = ? WHERE id = ?", [scheduled, hearing.id])
    store.db.execute(
        "UPDATE attendance SET created_at = ? WHERE hearing_id = ?", [scheduled, hearing.id]
    )
    return person.id, hearing.id


def test_a_confirmation_at_0120_utc_counts_for_the_chicago_day_it_was_made(
    store: Store,
) -> None:
    person, hearing = _hearing_thursday_17_january_2030(store)
    # 01:10 UTC on Wednesday 16 is 19:10 on Tuesday 15 in Chicago: the 2-days-before step.
    (item,) = store.outreach.calls(now=dt.datetime(2030, 1, 16, 1, 10, tzinfo=UTC))
    assert (item.person_id, item.reason.kind, item.reason.days) == (
        person,
        DueKind.DAYS_BEFORE,
        2,
    )
    assert item.on == dt.date(2030, 1, 15)
    store.outreach.log_contact(
        person, hearing, ContactOutcome.CONFIRMED, at=dt.datetime(2030, 1, 16, 1, 20, tzinfo=UTC)
    )
    assert store.outreach.calls(now=dt.datetime(2030, 1, 16, 1, 30, tzinfo=UTC)) == []
    # The same instant seen from New York or Tokyo is the same Chicago evening.
    tokyo = dt.datetime(2030, 1, 16, 1, 30, tzinfo=UTC).astimezone(ZoneInfo("Asia/Tokyo"))
    assert store.outreach.calls(now=tokyo) == []
    # The next morning in Chicago the 1-day-before step starts: due again.
    (item,) = store.outreach.calls(now=dt.datetime(2030, 1, 16, 15, 0, tzinfo=UTC))
    assert (item.reason.kind, item.reason.days) == (DueKind.DAYS_BEFORE, 1)


def test_no_answer_in_the_chicago_evening_is_due_again_only_the_next_chicago_day(
    store: Store,
) -> None:
    person, hearing = _hearing_thursday_17_january_2030(store)
    # 01:20 UTC on Friday 11 is 19:20 on Thursday 10 in Chicago, the 7-days-before step.
    store.outreach.log_contact(
        person, hearing, ContactOutcome.NO_ANSWER, at=dt.datetime(2030, 1, 11, 1, 20, tzinfo=UTC)
    )
    # Still Thursday evening in Chicago, though Friday in UTC: not yet due again.
    assert store.outreach.calls(now=dt.datetime(2030, 1, 11, 1, 30, tzinfo=UTC)) == []
    assert store.outreach.calls(now=dt.datetime(2030, 1, 11, 5, 59, tzinfo=UTC)) == []
    # Friday 00:00 in Chicago is 06:00 UTC: the next working day has come.
    (item,) = store.outreach.calls(now=dt.datetime(2030, 1, 11, 6, 0, tzinfo=UTC))
    assert item.reason.kind is DueKind.RETRY
    assert item.reason.previous is ContactOutcome.NO_ANSWER
    assert item.reason.previous_on == dt.date(2030, 1, 10)
    assert item.on == dt.date(2030, 1, 11)


def test_a_day_given_is_a_day_at_the_courthouse(store: Store) -> None:
    person, hearing = _hearing_thursday_17_january_2030(store)
    store.outreach.log_contact(
        person, hearing, ContactOutcome.CONFIRMED, at=dt.datetime(2030, 1, 16, 1, 20, tzinfo=UTC)
    )
    assert store.outreach.calls(dt.date(2030, 1, 15)) == []
    (item,) = store.outreach.calls(dt.date(2030, 1, 16))
    assert (item.reason.kind, item.reason.days, item.on) == (
        DueKind.DAYS_BEFORE,
        1,
        dt.date(2030, 1, 16),
    )
