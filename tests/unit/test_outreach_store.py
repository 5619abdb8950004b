"""The contact log, needs and call list through the store, and the attendance report
computed from a generated store whose outcomes are known."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from companion.domain.models import (
    Attendance,
    AttendanceStatus,
    Case,
    ContactKind,
    ContactMethod,
    Courthouse,
    Hearing,
    HearingStatus,
    HearingType,
    Person,
)
from companion.errors import NotFoundError, StaleEditError
from companion.outreach.model import (
    ContactChannel,
    ContactOutcome,
    DueKind,
    HearingNeed,
    NeedKind,
    NeedStatus,
)
from companion.outreach.schedule import next_working_day
from companion.store.audit import AuditAction
from companion.store.connection import DatabaseError
from companion.store.store import Store

NEW_YORK = ZoneInfo("America/New_York")


def _setup(store: Store, names: list[tuple[str, str]], days_ahead: int) -> tuple[list[int], int]:
    courthouse = store.courthouses.add(
        Courthouse("Fictional Hall of Justice", "9 Sample Street", "America/New_York", "US-NY")
    )
    ids = []
    for given, language in names:
        person = store.people.add(
            Person(
                given,
                "Sample",
                language=language,
                contacts=[ContactMethod(ContactKind.PHONE, "212 555 0123", ok_to_voicemail=True)],
            )
        )
        assert person.id is not None
        ids.append(person.id)
    case = store.cases.add(Case("CR-0042", "Criminal Court", person_ids=ids))
    assert case.id is not None and courthouse.id is not None
    start = dt.datetime.now(NEW_YORK).replace(hour=9, minute=30, second=0, microsecond=0)
    hearing = store.hearings.add(
        Hearing(case.id, courthouse.id, start + dt.timedelta(days=days_ahead), HearingType.TRIAL),
        [Attendance(person_id, 0, must_testify=True) for person_id in ids],
    )
    assert hearing.id is not None
    return ids, hearing.id


def _today() -> dt.date:
    return dt.datetime.now(NEW_YORK).date()


def _due(store: Store, on: dt.date) -> dict[tuple[int, int], DueKind]:
    return {
        (item.person_id, item.hearing_id): item.reason.kind for item in store.outreach.calls(on)
    }


def test_a_new_hearing_is_due_and_an_unanswered_call_moves_it_to_the_next_working_day(
    store: Store,
) -> None:
    (person,), hearing = _setup(store, [("Ana", "es")], days_ahead=20)
    today = _today()
    assert _due(store, today) == {(person, hearing): DueKind.SCHEDULED}
    store.outreach.log_contact(person, hearing, ContactOutcome.NO_ANSWER, who="Sam")
    assert _due(store, today) == {}
    retry = next_working_day(today)
    (item,) = store.outreach.calls(retry)
    assert item.reason.kind is DueKind.RETRY
    assert item.reason.previous is ContactOutcome.NO_ANSWER
    assert item.last_contact is not None and item.last_contact.staff_name == "Sam"
    assert item.phones[0].value == "+12125550123" and item.phones[0].ok_to_voicemail


def test_confirmed_updates_attendance_history_and_audit_in_one_go(store: Store) -> None:
    (person,), hearing = _setup(store, [("Ana", "es")], days_ahead=20)
    (before,) = store.hearings.attendance_for(hearing)
    attempt = store.outreach.log_contact(
        person, hearing, ContactOutcome.CONFIRMED, ContactChannel.TEXT, " will come ", who="Sam"
    )
    assert (attempt.outcome, attempt.channel, attempt.note) == (
        ContactOutcome.CONFIRMED,
        ContactChannel.TEXT,
        "will come",
    )
    (after,) = store.hearings.attendance_for(hearing)
    assert after.status is AttendanceStatus.CONFIRMED
    assert after.row_version == before.row_version + 1
    # An editor still holding the old copy is told, not allowed to overwrite the answer.
    before.status = AttendanceStatus.DECLINED
    with pytest.raises(StaleEditError):
        store.hearings.set_attendance(before)
    history = store.people.history(person)
    assert [(h.kind, h.hearing_id, h.detail) for h in history[:1]] == [
        ("contact_logged", hearing, "confirmed")
    ]
    (entry,) = store.audit.entries(AuditAction.LOGGED_CONTACT)
    assert (entry.record_kind, entry.record_id) == ("person", person)
    assert "Ana" not in entry.detail and "Sample" not in entry.detail
    assert _due(store, _today()) == {}
    declined = store.outreach.log_contact(person, hearing, ContactOutcome.DECLINED)
    assert store.hearings.attendance_for(hearing)[0].status is AttendanceStatus.DECLINED
    assert store.outreach.last_contact(person, hearing) == declined


def test_the_contact_log_is_insert_only_and_corrections_stand_in_place(store: Store) -> None:
    (person,), hearing = _setup(store, [("Ana", "es")], days_ahead=20)
    wrong = store.outreach.log_contact(person, hearing, ContactOutcome.WRONG_NUMBER)
    for statement in (
        "UPDATE contact_attempts SET outcome = 'confirmed'",
        "DELETE FROM contact_attempts",
    ):
        with pytest.raises(DatabaseError, match="append-only"):
            store.db.execute(statement)
    fixed = store.outreach.log_contact(
        person, hearing, ContactOutcome.NO_ANSWER, corrects_id=wrong.id
    )
    assert fixed.corrects_id == wrong.id
    assert store.outreach.attempts(person, hearing) == [fixed]
    assert store.outreach.attempts(person, hearing, include_corrected=True) == [wrong, fixed]
    with pytest.raises(NotFoundError):
        store.outreach.log_contact(person, hearing + 99, ContactOutcome.CONFIRMED)


def test_do_not_contact_takes_the_person_off_every_call_list(store: Store) -> None:
    (ana, ben), hearing = _setup(store, [("Ana", "es"), ("Ben", "en")], days_ahead=20)
    store.outreach.log_contact(ana, hearing, ContactOutcome.DO_NOT_CONTACT)
    assert store.people.get(ana).do_not_contact
    assert store.outreach.do_not_contact_ids() == {ana}
    for days in range(0, 21):
        due = _due(store, _today() + dt.timedelta(days=days))
        assert (ana, hearing) not in due
    assert (ben, hearing) in _due(store, _today())
    store.outreach.set_do_not_contact(ana, False)
    assert not store.people.get(ana).do_not_contact
    assert (ana, hearing) in _due(store, _today() + dt.timedelta(days=13))


def test_moved_and_cancelled_hearings_call_their_people_once(store: Store) -> None:
    (person,), hearing = _setup(store, [("Ana", "es")], days_ahead=20)
    today = _today()
    store.outreach.log_contact(person, hearing, ContactOutcome.CONFIRMED)
    old = store.hearings.get(hearing)
    new = store.hearings.continue_hearing(hearing, old.starts_at + dt.timedelta(days=14))
    assert new.id is not None
    assert _due(store, today) == {(person, new.id): DueKind.MOVED}
    store.outreach.log_contact(person, new.id, ContactOutcome.CONFIRMED)
    assert _due(store, today) == {}
    store.hearings.set_status(new.id, HearingStatus.CANCELLED)
    assert _due(store, today) == {(person, new.id): DueKind.CANCELLED}
    store.outreach.log_contact(person, new.id, ContactOutcome.CONFIRMED)
    for days in range(0, 40):
        assert _due(store, today + dt.timedelta(days=days)) == {}, days
    # A time changed in place counts as moved too.
    (other,), second = _setup(store, [("Ben", "en")], days_ahead=30)
    store.outreach.log_contact(other, second, ContactOutcome.CONFIRMED)
    moved = store.hearings.get(second)
    moved.starts_at += dt.timedelta(hours=2)
    store.hearings.update(moved)
    assert _due(store, today) == {(other, second): DueKind.MOVED}


def test_needs_are_set_listed_and_kept_from_stale_edits(store: Store) -> None:
    (person,), hearing = _setup(store, [("Ana", "es")], days_ahead=20)
    interpreter = store.outreach.set_need(
        HearingNeed(person, hearing, NeedKind.INTERPRETER, language="es")
    )
    store.outreach.set_need(HearingNeed(person, hearing, NeedKind.CHILDCARE))
    assert [n.kind for n in store.outreach.needs(person, hearing)] == [
        NeedKind.INTERPRETER,
        NeedKind.CHILDCARE,
    ]
    stale = HearingNeed(person, hearing, NeedKind.INTERPRETER, NeedStatus.MET, "es")
    stale.row_version = interpreter.row_version
    met = store.outreach.set_need(stale)
    assert met.status is NeedStatus.MET and met.row_version == interpreter.row_version + 1
    old_copy = HearingNeed(person, hearing, NeedKind.INTERPRETER, NeedStatus.OPEN, "es")
    old_copy.row_version = interpreter.row_version
    with pytest.raises(StaleEditError):
        store.outreach.set_need(old_copy)
    (item,) = store.outreach.calls(_today())
    assert [n.kind for n in item.needs] == [NeedKind.CHILDCARE]  # open needs only
    assert len(store.audit.entries(AuditAction.CHANGED_NEED)) == 3


def _past_hearing(store: Store, ids: list[int], testify: list[bool], days_ago: int) -> int:
    courthouse = store.courthouses.list()[0]
    case = store.cases.add(Case(f"CR-{days_ago}", "Criminal Court", person_ids=ids))
    assert case.id is not None and courthouse.id is not None
    start = dt.datetime.now(NEW_YORK).replace(hour=10, minute=0, second=0, microsecond=0)
    hearing = store.hearings.add(
        Hearing(case.id, courthouse.id, start - dt.timedelta(days=days_ago), HearingType.TRIAL),
        [Attendance(p, 0, must_testify=t) for p, t in zip(ids, testify, strict=True)],
    )
    assert hearing.id is not None
    return hearing.id


def _outcome(store: Store, person: int, hearing: int, status: AttendanceStatus) -> None:
    (entry,) = [a for a in store.hearings.attendance_for(hearing) if a.person_id == person]
    entry.status = status
    entry.reason = "No ride" if status is AttendanceStatus.MISSED else ""
    store.hearings.set_attendance(entry)


def test_the_attendance_report_from_known_outcomes(store: Store) -> None:
    (p1, p2, p3, p4, p5, p6), future = _setup(
        store,
        [("P1", "es"), ("P2", "es"), ("P3", "ar"), ("P4", "ar"), ("P5", "ko"), ("P6", "fr")],
        days_ahead=10,
    )
    h1 = _past_hearing(store, [p1, p2], [True, True], days_ago=45)
    h2 = _past_hearing(store, [p3, p4, p5], [True, True, False], days_ago=40)
    cancelled = _past_hearing(store, [p6], [True], days_ago=42)
    store.hearings.set_status(cancelled, HearingStatus.CANCELLED)
    outside = _past_hearing(store, [p6], [True], days_ago=10)
    h1_start = store.hearings.get(h1).starts_at
    h2_start = store.hearings.get(h2).starts_at
    before1 = h1_start - dt.timedelta(days=2)
    # P1: a no answer, then a voicemail corrected into a confirmation: 2 contacts.
    store.outreach.log_contact(p1, h1, ContactOutcome.NO_ANSWER, at=before1)
    voicemail = store.outreach.log_contact(p1, h1, ContactOutcome.LEFT_VOICEMAIL, at=before1)
    store.outreach.log_contact(
        p1, h1, ContactOutcome.CONFIRMED, at=before1, corrects_id=voicemail.id
    )
    # P3: three before the hearing and one after it (not counted).
    for hours in (72, 48, 24):
        store.outreach.log_contact(
            p3, h2, ContactOutcome.NO_ANSWER, at=h2_start - dt.timedelta(hours=hours)
        )
    store.outreach.log_contact(p3, h2, ContactOutcome.NO_ANSWER, at=h2_start + dt.timedelta(1))
    store.outreach.log_contact(p4, h2, ContactOutcome.NO_ANSWER, at=h2_start - dt.timedelta(1))
    for person, hearing in ((p1, h1), (p3, h2)):
        store.people.record_history(person, "packet_saved", hearing)
    store.people.record_history(p2, "packet_printed", future)  # another hearing's: no packet
    store.outreach.set_need(HearingNeed(p1, h1, NeedKind.TRANSPORT, NeedStatus.MET))
    store.outreach.set_need(HearingNeed(p2, h1, NeedKind.CHILDCARE))
    store.outreach.set_need(HearingNeed(p2, h1, NeedKind.ESCORT, NeedStatus.MET))
    _outcome(store, p1, h1, AttendanceStatus.ATTENDED)
    _outcome(store, p2, h1, AttendanceStatus.MISSED)
    _outcome(store, p3, h2, AttendanceStatus.ATTENDED)
    _outcome(store, p5, h2, AttendanceStatus.MISSED)  # does not testify: not counted
    _outcome(store, p6, outside, AttendanceStatus.MISSED)

    today = _today()
    report = store.reports.report(today - dt.timedelta(days=60), today - dt.timedelta(days=30))
    figures = report.as_json()
    assert (figures["hearings"], figures["appearances"]) == (2, 4)
    assert (figures["attended"], figures["missed"], figures["unknown"]) == (2, 1, 1)

    def group(name: str) -> dict[str, tuple[int, int, int]]:
        found = figures[name]
        assert isinstance(found, dict)
        return {k: (v["hearings"], v["attended"], v["missed"]) for k, v in found.items()}

    assert group("by_language") == {"es": (2, 1, 1), "ar": (2, 1, 0)}
    assert group("by_contacts") == {"2": (1, 1, 0), "0": (1, 0, 1), "3+": (1, 1, 0), "1": (1, 0, 0)}
    assert group("by_packet") == {"yes": (2, 2, 0), "no": (2, 0, 1)}
    assert group("by_needs") == {"all_met": (1, 1, 0), "some_open": (1, 0, 1), "none": (2, 1, 0)}
    assert report.by_language["es"].rate == 0.5
    assert report.by_contacts["1"].rate is None
    # P4 at h2 is still unrecorded; so is everyone at the cancelled hearing? No: it was off.
    due = {(o.person_id, o.hearing_id) for o in store.reports.outcomes_due()}
    assert due == {(p4, h2)}
