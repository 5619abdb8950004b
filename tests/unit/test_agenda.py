"""The agenda's query: which hearings fall in a window, in what order, with whom.

One store for the module holds hearings at fixed instants in 2030 (two of them at the
same UTC instant in different zones), a cancelled one, a deleted one, one in a deleted
case, and people deleted or taken off a hearing. Expected lists are written out by hand.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
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
)
from companion.domain.models import Person as PersonRecord
from companion.outreach.model import HearingNeed, NeedKind, NeedStatus
from companion.store.agenda import AgendaEntry, AgendaPerson
from companion.store.identity import new_uid
from companion.store.store import Store
from tests.conftest import TEST_PASSPHRASE
from tests.unit.test_needs_a_call import NEEDS_A_CALL

NEW_YORK = ZoneInfo("America/New_York")
CHICAGO = ZoneInfo("America/Chicago")
#: 09:00 in New York and 08:00 in Chicago on May 6, 2030: both 13:00 UTC.
SAME_INSTANT = dt.datetime(2030, 5, 6, 13, 0, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Office:
    store: Store
    hall: int
    annex: int
    case: int
    ana: int
    bea: int
    carl: int
    morning: int  # 09:00 New York, Hall, three people
    same_time: int  # 08:00 Chicago, Annex, the same instant
    cancelled: int  # 09:00 Chicago, Annex
    next_day: int  # May 7, 10:00 New York, Hall, nobody left on it


def _id(value: int | None) -> int:
    assert value is not None
    return value


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Office]:
    store, _code = Store.create(tmp_path_factory.mktemp("agenda") / "data", TEST_PASSPHRASE)
    hall = _id(
        store.courthouses.add(
            Courthouse("Fictional Hall", "1 Sample Plaza", "America/New_York", "US-NY")
        ).id
    )
    annex = _id(
        store.courthouses.add(
            Courthouse("Fictional Annex", "2 Sample Plaza", "America/Chicago", "US-IL")
        ).id
    )
    ana = _id(store.people.add(PersonRecord("Ana", "Zeta", native_name="安娜", language="es")).id)
    bea = _id(store.people.add(PersonRecord("Bea", "Alpha", language="vi")).id)
    carl = _id(store.people.add(PersonRecord("Carl", "Alpha", language="en")).id)
    gone = _id(store.people.add(PersonRecord("Dee", "Gone", language="en")).id)
    case = _id(
        store.cases.add(Case("CR-2030-1", "Criminal Court", person_ids=[ana, bea, carl, gone])).id
    )
    other_case = _id(store.cases.add(Case("CR-2030-2", "Criminal Court", person_ids=[ana])).id)

    def hearing(
        when: dt.datetime, where: int, people: list[Attendance], of: int = case, **more: object
    ) -> int:
        return _id(
            store.hearings.add(Hearing(of, where, when, **more), people).id  # type: ignore[arg-type]
        )

    morning = hearing(
        dt.datetime(2030, 5, 6, 9, 0, tzinfo=NEW_YORK),
        hall,
        [
            Attendance(ana, 0, must_testify=True),
            Attendance(bea, 0),
            Attendance(carl, 0),
            Attendance(gone, 0, must_testify=True),
        ],
        hearing_type=HearingType.TRIAL,
        courtroom="4B",
        expected_minutes=90,
    )
    [stored] = [a for a in store.hearings.attendance_for(morning) if a.person_id == bea]
    store.hearings.set_attendance(dataclasses.replace(stored, status=AttendanceStatus.CONFIRMED))
    store.people.delete(gone)
    same_time = hearing(
        dt.datetime(2030, 5, 6, 8, 0, tzinfo=CHICAGO),
        annex,
        [Attendance(bea, 0)],
        hearing_type=HearingType.MOTION,
        courtroom="7",
    )
    cancelled = hearing(dt.datetime(2030, 5, 6, 9, 0, tzinfo=CHICAGO), annex, [Attendance(ana, 0)])
    store.hearings.set_status(cancelled, HearingStatus.CANCELLED)
    next_day = hearing(dt.datetime(2030, 5, 7, 10, 0, tzinfo=NEW_YORK), hall, [Attendance(carl, 0)])
    store.hearings.remove_attendance(carl, next_day)
    deleted = hearing(dt.datetime(2030, 5, 6, 11, 0, tzinfo=NEW_YORK), hall, [])
    store.hearings.delete(deleted)
    hidden = hearing(dt.datetime(2030, 5, 6, 12, 0, tzinfo=NEW_YORK), hall, [], of=other_case)
    assert hidden
    # The case alone goes to the Trash (its hearing row untouched): the query must still hide it.
    with store.db.conn:
        store.db.execute(
            "UPDATE cases SET deleted_at = '2030-01-01T00:00:00Z' WHERE id = ?", [other_case]
        )
    yield Office(store, hall, annex, case, ana, bea, carl, morning, same_time, cancelled, next_day)
    store.close()


WHOLE_WEEK = (dt.datetime(2030, 5, 5, tzinfo=dt.UTC), dt.datetime(2030, 5, 12, tzinfo=dt.UTC))


def _ids(entries: list[AgendaEntry]) -> list[int]:
    return [entry.hearing_id for entry in entries]


def test_hearings_come_in_time_order_then_in_the_order_they_were_added(office: Office) -> None:
    assert _ids(office.store.agenda.between(*WHOLE_WEEK)) == [
        office.morning,
        office.same_time,
        office.cancelled,
        office.next_day,
    ]


def test_the_window_includes_its_start_and_excludes_its_end(office: Office) -> None:
    agenda = office.store.agenda
    second = dt.timedelta(seconds=1)
    assert _ids(agenda.between(SAME_INSTANT, SAME_INSTANT + second)) == [
        office.morning,
        office.same_time,
    ]
    assert agenda.between(SAME_INSTANT + second, SAME_INSTANT + 2 * second) == []
    assert agenda.between(SAME_INSTANT - second, SAME_INSTANT) == []


def test_bounds_in_any_zone_mean_the_same_instant(office: Office) -> None:
    nine_in_new_york = dt.datetime(2030, 5, 6, 9, 0, tzinfo=NEW_YORK)
    assert _ids(
        office.store.agenda.between(nine_in_new_york, nine_in_new_york + dt.timedelta(minutes=1))
    ) == [office.morning, office.same_time]


def test_the_laptops_own_zone_does_not_move_the_window(
    office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    try:
        found = office.store.agenda.between(SAME_INSTANT, SAME_INSTANT + dt.timedelta(seconds=1))
    finally:
        monkeypatch.undo()
        time.tzset()
    assert _ids(found) == [office.morning, office.same_time]


def test_bounds_without_a_zone_are_refused(office: Office) -> None:
    with pytest.raises(ValueError, match=r"^agenda bounds must be timezone-aware$"):
        office.store.agenda.between(dt.datetime(2030, 5, 6), WHOLE_WEEK[1])
    with pytest.raises(ValueError, match="timezone-aware"):
        office.store.agenda.between(WHOLE_WEEK[0], dt.datetime(2030, 5, 7))


def test_one_courthouse_and_without_cancelled_hearings(office: Office) -> None:
    agenda = office.store.agenda
    assert _ids(agenda.between(*WHOLE_WEEK, courthouse_id=office.annex)) == [
        office.same_time,
        office.cancelled,
    ]
    assert _ids(agenda.between(*WHOLE_WEEK, courthouse_id=office.hall)) == [
        office.morning,
        office.next_day,
    ]
    assert _ids(agenda.between(*WHOLE_WEEK, include_cancelled=False)) == [
        office.morning,
        office.same_time,
        office.next_day,
    ]
    assert _ids(
        agenda.between(*WHOLE_WEEK, courthouse_id=office.annex, include_cancelled=False)
    ) == [office.same_time]


def test_an_entry_carries_the_hearing_as_stored(office: Office) -> None:
    [entry] = [
        e for e in office.store.agenda.between(*WHOLE_WEEK) if e.hearing_id == office.morning
    ]
    assert entry.starts_at == dt.datetime(2030, 5, 6, 9, 0, tzinfo=NEW_YORK)
    assert entry.starts_at.tzinfo == NEW_YORK
    assert (entry.expected_minutes, entry.hearing_type, entry.status, entry.courtroom) == (
        90,
        HearingType.TRIAL,
        HearingStatus.SCHEDULED,
        "4B",
    )
    assert (entry.courthouse_id, entry.courthouse_name) == (office.hall, "Fictional Hall")
    assert (entry.case_id, entry.docket_number) == (office.case, "CR-2030-1")
    store = office.store
    assert (entry.hearing_uid, entry.case_uid, entry.courthouse_uid) == (
        store.hearings.get(office.morning).uid,
        store.cases.get(office.case).uid,
        store.courthouses.get(office.hall).uid,
    )
    assert all(len(uid) == 36 for uid in (entry.hearing_uid, entry.case_uid, entry.courthouse_uid))


def _plain(person: AgendaPerson) -> tuple[object, ...]:
    return (
        person.id,
        person.given_name,
        person.family_name,
        person.native_name,
        person.language,
        person.must_testify,
        person.attendance,
    )


def test_people_are_listed_by_family_then_given_name_without_the_deleted(office: Office) -> None:
    [morning, same_time, cancelled, next_day] = office.store.agenda.between(*WHOLE_WEEK)
    assert [_plain(person) for person in morning.people] == [
        (office.bea, "Bea", "Alpha", "", "vi", False, AttendanceStatus.CONFIRMED),
        (office.carl, "Carl", "Alpha", "", "en", False, AttendanceStatus.UNKNOWN),
        (office.ana, "Ana", "Zeta", "安娜", "es", True, AttendanceStatus.UNKNOWN),
    ]
    assert [person.uid for person in morning.people] == [
        office.store.people.get(person_id).uid
        for person_id in (office.bea, office.carl, office.ana)
    ]
    assert all(len(person.uid) == 36 for person in morning.people)
    assert [person.id for person in same_time.people] == [office.bea]
    assert [person.id for person in cancelled.people] == [office.ana]
    assert next_day.people == []  # Carl was taken off it


def test_testimony_and_calls_needed(office: Office) -> None:
    [morning, same_time, cancelled, next_day] = office.store.agenda.between(*WHOLE_WEEK)
    assert (morning.testimony_needed, same_time.testimony_needed) == (True, False)
    assert (morning.needs_call, same_time.needs_call, cancelled.needs_call) == (True, True, False)
    assert next_day.needs_call is False  # nobody to call


def test_upcoming_starts_twelve_hours_back_and_runs_for_the_days_asked(office: Office) -> None:
    agenda = office.store.agenda
    twelve_hours_later = SAME_INSTANT + dt.timedelta(hours=12)
    assert _ids(agenda.upcoming(1, now=twelve_hours_later))[:2] == [
        office.morning,
        office.same_time,
    ]
    just_after = twelve_hours_later + dt.timedelta(seconds=1)
    assert office.morning not in _ids(agenda.upcoming(1, now=just_after))
    day_before_next = dt.datetime(2030, 5, 6, 10, 0, tzinfo=NEW_YORK)  # 24 h before next_day
    assert office.next_day not in _ids(agenda.upcoming(1, now=day_before_next))
    assert office.next_day in _ids(agenda.upcoming(2, now=day_before_next))


def test_upcoming_without_a_moment_means_now(office: Office) -> None:
    assert office.store.agenda.upcoming(3) == []  # every hearing here is in 2030


@pytest.mark.parametrize(
    ("given", "family", "shown"),
    [("Bea", "Alpha", "Bea Alpha"), ("", "Alpha", "Alpha"), ("Bea", "", "Bea")],
)
def test_display_name_joins_the_parts_there_are(given: str, family: str, shown: str) -> None:
    person = AgendaPerson(1, given, family, "", "en", False, AttendanceStatus.UNKNOWN)
    assert person.display_name == shown


def _entry(status: HearingStatus, answers: list[AttendanceStatus]) -> AgendaEntry:
    people = [
        AgendaPerson(index, "Given", "Sample", "", "en", False, answer)
        for index, answer in enumerate(answers)
    ]
    when = dt.datetime(2030, 5, 6, 9, 0, tzinfo=NEW_YORK)
    return AgendaEntry(1, when, 60, HearingType.TRIAL, status, "1", 1, "Hall", 1, "CR-1", people)


@pytest.mark.parametrize(("status", "answer"), sorted(NEEDS_A_CALL, key=str))
def test_needs_a_call_over_every_status_and_answer(
    status: HearingStatus, answer: AttendanceStatus
) -> None:
    assert _entry(status, [answer]).needs_call is NEEDS_A_CALL[(status, answer)]
    confirmed = AttendanceStatus.CONFIRMED
    assert _entry(status, [confirmed, answer]).needs_call is NEEDS_A_CALL[(status, answer)]


def test_nobody_on_a_hearing_means_no_call() -> None:
    assert _entry(HearingStatus.SCHEDULED, []).needs_call is False


@pytest.mark.parametrize("answer", [AttendanceStatus.UNKNOWN, AttendanceStatus.DECLINED])
def test_someone_who_asked_not_to_be_contacted_never_needs_a_call(
    answer: AttendanceStatus,
) -> None:
    when = dt.datetime(2030, 5, 6, 9, 0, tzinfo=NEW_YORK)
    asked = AgendaPerson(1, "Ana", "Sample", "", "es", True, answer, do_not_contact=True)
    entry = AgendaEntry(
        1, when, 60, HearingType.TRIAL, HearingStatus.SCHEDULED, "1", 1, "Hall", 1, "CR-1", [asked]
    )
    assert entry.needs_call is False
    assert entry.not_to_be_called is True
    other = AgendaPerson(2, "Bea", "Sample", "", "en", False, answer)
    both = AgendaEntry(
        1,
        when,
        60,
        HearingType.TRIAL,
        HearingStatus.SCHEDULED,
        "1",
        1,
        "Hall",
        1,
        "CR-1",
        [asked, other],
    )
    assert both.needs_call is True  # the other person still needs the call


def test_the_agenda_reads_who_asked_not_to_be_contacted(tmp_path: Path) -> None:
    """After "asked not to be contacted" is logged, the agenda stops counting the call."""
    from companion.demo import create_demo_office

    store = create_demo_office(tmp_path / "demo")
    try:
        entry = next(e for e in store.agenda.upcoming(60) if e.needs_call and len(e.people) == 1)
        (person,) = entry.people
        store.db.execute("UPDATE people SET do_not_contact = 1 WHERE id = ?", [person.id])
        again = next(e for e in store.agenda.upcoming(60) if e.hearing_id == entry.hearing_id)
    finally:
        store.close()
    assert again.people[0].do_not_contact is True
    assert again.needs_call is False and again.not_to_be_called is True


# --- a store of each test's own: continuations, needs, many hearings ------------------


def _hall_with_one_person(store: Store) -> tuple[int, int, int]:
    """A courthouse in New York, a case and one person on it: their ids."""
    hall = _id(
        store.courthouses.add(
            Courthouse("Fictional Hall", "1 Sample Plaza", "America/New_York", "US-NY")
        ).id
    )
    ana = _id(store.people.add(PersonRecord("Ana", "Sample", language="es")).id)
    case = _id(store.cases.add(Case("CR-2030-9", "Criminal Court", person_ids=[ana])).id)
    return hall, case, ana


def test_a_continued_hearing_carries_the_start_it_was_moved_to(store: Store) -> None:
    hall, case, ana = _hall_with_one_person(store)
    first = _id(
        store.hearings.add(
            Hearing(case, hall, dt.datetime(2030, 5, 6, 9, 0, tzinfo=NEW_YORK)),
            [Attendance(ana, 0)],
        ).id
    )
    moved = store.hearings.continue_hearing(first, dt.datetime(2030, 6, 3, 14, 30, tzinfo=NEW_YORK))
    old, new = store.agenda.between(
        dt.datetime(2030, 5, 1, tzinfo=dt.UTC), dt.datetime(2030, 7, 1, tzinfo=dt.UTC)
    )
    assert (old.hearing_id, old.status, new.hearing_id) == (
        first,
        HearingStatus.CONTINUED,
        moved.id,
    )
    assert old.continued_to == dt.datetime(2030, 6, 3, 14, 30, tzinfo=NEW_YORK)
    assert old.continued_to.tzinfo == NEW_YORK
    assert new.continued_to is None  # not continued (yet)


def test_open_needs_are_listed_in_the_order_of_their_kinds_and_only_while_open(
    store: Store,
) -> None:
    hall, case, ana = _hall_with_one_person(store)
    bea = _id(store.people.add(PersonRecord("Bea", "Sample", language="vi")).id)
    when = dt.datetime(2030, 5, 6, 9, 0, tzinfo=NEW_YORK)
    hearing = _id(store.hearings.add(Hearing(case, hall, when), [Attendance(ana, 0)]).id)
    store.hearings.set_attendance(Attendance(bea, hearing))
    # Added out of order; childcare already met. Alphabetical order would differ too.
    for kind in (NeedKind.ESCORT, NeedKind.TRANSPORT, NeedKind.INTERPRETER):
        store.outreach.set_need(HearingNeed(ana, hearing, kind))
    store.outreach.set_need(HearingNeed(ana, hearing, NeedKind.CHILDCARE, NeedStatus.MET))
    [entry] = store.agenda.between(when, when + dt.timedelta(minutes=1))
    assert [(person.id, person.open_needs) for person in entry.people] == [
        (ana, ("interpreter", "transport", "escort")),
        (bea, ()),
    ]
    assert entry.open_needs is True


def _copies(store: Store, hearing_id: int, count: int) -> None:
    """``count`` more hearings like ``hearing_id`` (the last one stored), with its people,
    written straight to the tables: through the repository, 500 take many seconds."""
    hearing = [c for c in store.db["hearings"].columns_dict if c not in ("id", "uid")]
    people = [c for c in store.db["attendance"].columns_dict if c not in ("hearing_id", "uid")]
    store.db.conn.create_function("new_uid", 0, new_uid)
    with store.db.atomic():
        store.db.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
            f"INSERT INTO hearings (uid, {', '.join(hearing)}) "
            f"SELECT new_uid(), {', '.join(hearing)} FROM hearings, n WHERE id = ?",
            [count, hearing_id],
        )
        store.db.execute(
            f"INSERT INTO attendance (uid, hearing_id, {', '.join(people)}) "
            f"SELECT new_uid(), h.id, {', '.join('a.' + c for c in people)} "
            "FROM attendance a, hearings h WHERE a.hearing_id = ? AND h.id > ?",
            [hearing_id, hearing_id],
        )


def test_the_people_of_more_than_500_hearings_are_each_read_once(store: Store) -> None:
    # People are read 500 hearings at a time (SQLite's limit on parameters): the 501st
    # hearing is the first of the second read and must be in it, and only in it.
    hall, case, ana = _hall_with_one_person(store)
    when = dt.datetime(2030, 5, 6, 9, 0, tzinfo=NEW_YORK)
    first = _id(store.hearings.add(Hearing(case, hall, when), [Attendance(ana, 0)]).id)
    _copies(store, first, 500)
    entries = store.agenda.between(when, when + dt.timedelta(minutes=1))
    assert len(entries) == 501
    assert [[person.id for person in entry.people] for entry in entries] == [[ana]] * 501
