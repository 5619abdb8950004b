"""Stable ids, row versions and append-only history (migration m005)."""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from companion.cli.main import main
from companion.domain.models import (
    Attendance,
    AttendanceStatus,
    Case,
    ContactKind,
    ContactMethod,
    Courthouse,
    Hearing,
    HearingType,
    Person,
)
from companion.errors import AppendOnlyError, FieldConflict, StaleEditError
from companion.i18n import translator
from companion.messages import describe
from companion.packets.calendar import UID_DOMAIN
from companion.store import keys
from companion.store.connection import DatabaseError, connect
from companion.store.files import DATABASE_FILE_NAME
from companion.store.migrations import M005_RECORD_TABLES, known_migration_names, migrations
from companion.store.store import Store
from tests.conftest import TEST_PASSPHRASE

NEW_YORK = ZoneInfo("America/New_York")
UTC_STAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")

# Calendar UIDs as the schema before m005 stored them (random UUIDs, version 4); the
# continued hearing shares its first hearing's.
OLD_CALENDAR_UIDS = {
    1: "3f2c8a4e-9b1d-4c7e-8f60-2a5d9e1b7c34",
    2: "3f2c8a4e-9b1d-4c7e-8f60-2a5d9e1b7c34",
    3: "c0a81f52-6d3e-4b9a-a1f7-5e2b8c9d0f61",
}


def _store_before_stable_ids(folder: Path) -> None:
    """A store as the release before m005 wrote it, with a record in every record table."""
    folder.mkdir(parents=True)
    database_key = keys.new_database_key()
    keys.KeyFile.create(database_key, TEST_PASSPHRASE, keys.new_recovery_code()).save(folder)
    db = connect(folder / DATABASE_FILE_NAME, database_key)
    migrations.apply(db, stop_before="m005_stable_ids")
    statements = [
        "INSERT INTO courthouses (id, name, address, timezone) "
        "VALUES (1, 'Fictional Hall of Justice', '9 Sample Street', 'America/New_York')",
        "INSERT INTO people (id, role, given_name, family_name, language) "
        "VALUES (1, 'witness', 'Ana', 'Sample', 'es'), (2, 'victim', 'Wei', 'Example', 'zh-Hans')",
        "INSERT INTO contact_methods (person_id, position, kind, value) "
        "VALUES (1, 0, 'phone', '+12125550142'), (1, 1, 'email', 'ana@example.org'), "
        "(2, 0, 'phone', '+12125550143')",
        "INSERT INTO cases (id, docket_number, court) VALUES (1, 'CR-0042', 'Criminal Court')",
        "INSERT INTO case_people (case_id, person_id) VALUES (1, 1), (1, 2)",
        "INSERT INTO hearings (id, case_id, courthouse_id, starts_at_utc, local_start, "
        "timezone, hearing_type, status, calendar_uid, sequence) VALUES "
        f"(1, 1, 1, '2026-03-02T14:30:00Z', '2026-03-02T09:30', 'America/New_York', "
        f"'trial', 'continued', '{OLD_CALENDAR_UIDS[1]}', 0), "
        f"(2, 1, 1, '2026-03-23T13:30:00Z', '2026-03-23T09:30', 'America/New_York', "
        f"'trial', 'held', '{OLD_CALENDAR_UIDS[2]}', 1), "
        f"(3, 1, 1, '2027-06-01T13:30:00Z', '2027-06-01T09:30', 'America/New_York', "
        f"'sentencing', 'scheduled', '{OLD_CALENDAR_UIDS[3]}', 0)",
        "UPDATE hearings SET continued_from_id = 1 WHERE id = 2",
        "INSERT INTO attendance (person_id, hearing_id, must_testify, status, reason) "
        "VALUES (1, 2, 1, 'attended', ''), (2, 2, 0, 'missed', 'No childcare'), "
        "(1, 3, 1, 'confirmed', '')",
        "INSERT INTO person_history (person_id, kind, hearing_id, detail) "
        "VALUES (1, 'packet_printed', 2, ''), (2, 'packet_saved', 3, '')",
        "INSERT INTO audit_log (action, record_kind, record_id) "
        "VALUES ('viewed_person', 'person', 1), ('printed_packet', 'hearing', 2)",
    ]
    for statement in statements:
        db.execute(statement)
    db.conn.commit()
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


def _uids(store: Store, table: str) -> list[str]:
    return [uid for (uid,) in store.db.execute(f"SELECT uid FROM {table}").fetchall()]


def test_migration_gives_every_existing_record_its_own_uid_and_keeps_calendar_uids(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "old"
    _store_before_stable_ids(folder)
    store = Store.open(folder, TEST_PASSPHRASE)
    try:
        assert [m.name for m in migrations.applied(store.db)] == known_migration_names()
        everything: list[str] = []
        for table in M005_RECORD_TABLES:  # the tables there before stable ids
            uids = _uids(store, table)
            assert uids, f"{table} has rows in this test"
            assert all(uuid.UUID(uid).version == 7 for uid in uids), table
            everything += uids
        assert len(everything) == len(set(everything)) == 21
        calendar = dict(store.db.execute("SELECT id, calendar_uid FROM hearings").fetchall())
        assert calendar == OLD_CALENDAR_UIDS
        assert store.hearings.get(3).calendar_uid == OLD_CALENDAR_UIDS[3]
        # Outcomes already recorded start the outcome history.
        outcomes = store.hearings.outcomes(2, 2)
        assert [(o.status, o.reason, o.corrects_id) for o in outcomes] == [
            (AttendanceStatus.MISSED, "No childcare", None)
        ]
        versions = store.db.execute("SELECT DISTINCT row_version FROM people").fetchall()
        assert versions == [(1,)]
        stamps = store.db.execute(
            "SELECT created_at, updated_at FROM contact_methods WHERE person_id = 1"
        ).fetchall()
        assert all(UTC_STAMP.match(value) for row in stamps for value in row)
        assert store.check() == []
    finally:
        store.close()
    monkeypatch.setenv("COMPANION_PASSPHRASE", TEST_PASSPHRASE)
    assert main(["check", "--data-dir", str(folder)]) == 0
    assert "healthy" in capsys.readouterr().out


def _fill(store: Store, count: int) -> list[str]:
    """``count`` people written through the store's own insert, in one transaction."""
    with store.people.writing():
        for index in range(count):
            store.people.insert(
                "people",
                {"role": "witness", "language": "es", "family_name": f"Sample{index}"},
            )
    return _uids(store, "people")


def test_two_stores_made_apart_never_share_a_uid(tmp_path: Path) -> None:
    first, _ = Store.create(tmp_path / "first", TEST_PASSPHRASE)
    second, _ = Store.create(tmp_path / "second", TEST_PASSPHRASE)
    try:
        first_uids, second_uids = _fill(first, 10_000), _fill(second, 10_000)
    finally:
        first.close()
        second.close()
    assert len(set(first_uids)) == len(first_uids) == 10_000
    assert len(set(second_uids)) == len(second_uids) == 10_000
    assert not set(first_uids) & set(second_uids)
    assert {uuid.UUID(uid).version for uid in first_uids + second_uids} == {7}


def _courthouse(store: Store) -> Courthouse:
    return store.courthouses.add(
        Courthouse("Fictional Hall of Justice", "9 Sample Street", "America/New_York", "US-NY")
    )


def _person(store: Store) -> Person:
    return store.people.add(
        Person(
            "Ana",
            "Sample",
            language="es",
            contacts=[
                ContactMethod(ContactKind.PHONE, "212 555 0142", ok_to_text=True),
                ContactMethod(ContactKind.EMAIL, "ana@example.org"),
            ],
        )
    )


def _hearing(store: Store, person: Person, days: int) -> Hearing:
    courthouse = _courthouse(store)
    assert person.id is not None and courthouse.id is not None
    case = store.cases.add(Case("CR-0042", "Criminal Court", person_ids=[person.id]))
    assert case.id is not None
    start = dt.datetime.now(NEW_YORK).replace(hour=9, minute=30, second=0, microsecond=0)
    return store.hearings.add(
        Hearing(case.id, courthouse.id, start + dt.timedelta(days=days), HearingType.TRIAL),
        [Attendance(person.id, 0, must_testify=True)],
    )


def test_a_uid_is_set_at_creation_and_kept_by_every_update(store: Store) -> None:
    person = _person(store)
    assert person.id is not None
    created = store.people.get(person.id)
    assert uuid.UUID(created.uid).version == 7 and created.row_version == 1
    created.notes = "Prefers mornings."
    store.people.update(created)
    again = store.people.get(person.id)
    assert (again.uid, again.row_version) == (created.uid, 2)
    with pytest.raises(DatabaseError):
        store.db.execute("UPDATE people SET uid = ? WHERE id = ?", [str(uuid.uuid4()), person.id])
    with pytest.raises(DatabaseError):
        store.db.execute("INSERT INTO people (role, language) VALUES ('witness', 'en')")


def test_every_update_raises_row_version_and_stamps_updated_at_in_utc(store: Store) -> None:
    person = _person(store)
    assert person.id is not None
    store.db.execute("UPDATE people SET updated_at = '2000-01-01T00:00:00Z' WHERE id = ?", [1])
    store.people.delete(person.id)  # a soft delete is an update like any other
    version, stamp = store.db.execute(
        "SELECT row_version, updated_at FROM people WHERE id = ?", [person.id]
    ).fetchone()
    assert version == 3
    assert UTC_STAMP.match(stamp) and stamp > "2000-01-01T00:00:00Z"


def test_a_stale_edit_is_refused_and_the_newer_value_kept(store: Store) -> None:
    person = _person(store)
    assert person.id is not None
    mine, theirs = store.people.get(person.id), store.people.get(person.id)
    theirs.family_name = "Example"
    store.people.update(theirs)
    mine.family_name = "Specimen"
    with pytest.raises(StaleEditError) as raised:
        store.people.update(mine)
    error = raised.value
    assert (error.read_version, error.current_version) == (1, 2)
    assert error.conflicts == [FieldConflict("family_name", "Specimen", "Example")]
    assert store.people.get(person.id).family_name == "Example"
    message = describe(error, translator("en"))
    assert "Family name" in message and "“Example”" in message and "“Specimen”" in message
    assert "not saved" in message


def test_a_stale_copy_with_the_stored_values_saves_nothing(store: Store) -> None:
    person = _person(store)
    assert person.id is not None
    mine, theirs = store.people.get(person.id), store.people.get(person.id)
    theirs.notes = "Call after 5 pm."
    store.people.update(theirs)
    mine.notes = "Call after 5 pm."
    store.people.update(mine)
    assert store.people.get(person.id).row_version == 2


@pytest.mark.parametrize("kind", ["hearing", "case", "courthouse", "attendance"])
def test_stale_edits_of_every_editable_record_are_refused(store: Store, kind: str) -> None:
    person = _person(store)
    hearing = _hearing(store, person, days=3)
    assert person.id and hearing.id
    if kind == "hearing":
        mine, theirs = store.hearings.get(hearing.id), store.hearings.get(hearing.id)
        theirs.courtroom, mine.courtroom = "4B", "7A"
        store.hearings.update(theirs)
        with pytest.raises(StaleEditError) as raised:
            store.hearings.update(mine)
        assert store.hearings.get(hearing.id).courtroom == "4B"
        expected = FieldConflict("courtroom", "7A", "4B")
    elif kind == "case":
        first, second = store.cases.get(hearing.case_id), store.cases.get(hearing.case_id)
        second.advocate, first.advocate = "R. Example", "M. Sample"
        store.cases.update(second)
        with pytest.raises(StaleEditError) as raised:
            store.cases.update(first)
        assert store.cases.get(hearing.case_id).advocate == "R. Example"
        expected = FieldConflict("advocate", "M. Sample", "R. Example")
    elif kind == "courthouse":
        one = store.courthouses.get(hearing.courthouse_id)
        other = store.courthouses.get(hearing.courthouse_id)
        other.transit_notes, one.transit_notes = "Bus 12", "Train A"
        store.courthouses.update(other)
        with pytest.raises(StaleEditError) as raised:
            store.courthouses.update(one)
        assert store.courthouses.get(hearing.courthouse_id).transit_notes == "Bus 12"
        expected = FieldConflict("transit_notes", "Train A", "Bus 12")
    else:
        (read_first,) = store.hearings.attendance_for(hearing.id)
        (read_second,) = store.hearings.attendance_for(hearing.id)
        read_second.status = AttendanceStatus.CONFIRMED
        store.hearings.set_attendance(read_second)
        read_first.status = AttendanceStatus.DECLINED
        with pytest.raises(StaleEditError) as raised:
            store.hearings.set_attendance(read_first)
        (kept,) = store.hearings.attendance_for(hearing.id)
        assert kept.status is AttendanceStatus.CONFIRMED
        expected = FieldConflict("status", AttendanceStatus.DECLINED, AttendanceStatus.CONFIRMED)
    assert raised.value.conflicts == [expected]


def test_contacts_keep_their_uids_and_removed_ones_wait_for_the_trash(store: Store) -> None:
    person = _person(store)
    assert person.id is not None
    read = store.people.get(person.id)
    phone, email = read.contacts
    phone.note = "Work phone"
    read.contacts = [phone]
    store.people.update(read)
    (kept,) = store.people.get(person.id).contacts
    assert (kept.id, kept.uid, kept.note) == (phone.id, phone.uid, "Work phone")
    removed = store.db.execute(
        "SELECT deleted_at FROM contact_methods WHERE id = ?", [email.id]
    ).fetchone()
    assert removed is not None and UTC_STAMP.match(removed[0])
    store.trash.empty()
    assert (
        store.db.execute("SELECT 1 FROM contact_methods WHERE id = ?", [email.id]).fetchone()
        is None
    )


def test_history_entries_are_corrected_by_new_entries_never_changed(store: Store) -> None:
    person = _person(store)
    assert person.id is not None
    first = store.people.record_history(person.id, "note", detail="Asked for a Spanish packet")
    correction = store.people.correct_history(first.id, "Asked for a Portuguese packet")
    assert correction.corrects_id == first.id and correction.uid != first.uid
    history = store.people.history(person.id)
    assert [(entry.detail, entry.corrects_id) for entry in history] == [
        ("Asked for a Portuguese packet", first.id),
        ("Asked for a Spanish packet", None),
    ]
    with pytest.raises(AppendOnlyError):
        store.people.update_values("person_history", first.id, {"detail": "x"}, 1)
    for statement in (
        "UPDATE person_history SET detail = 'x' WHERE id = ?",
        "DELETE FROM person_history WHERE id = ?",
    ):
        with pytest.raises(DatabaseError, match="append-only"):
            store.db.execute(statement, [first.id])
    assert store.people.history_entry(first.id).detail == "Asked for a Spanish packet"
    for name in ("delete_history", "update_history", "remove_history"):
        assert not hasattr(store.people, name)


def test_attendance_outcomes_append_a_correction_for_every_change(store: Store) -> None:
    person = _person(store)
    hearing = _hearing(store, person, days=-2)
    assert person.id and hearing.id
    (entry,) = store.hearings.attendance_for(hearing.id)
    entry.status = AttendanceStatus.CONFIRMED
    entry = store.hearings.set_attendance(entry)
    assert store.hearings.outcomes(hearing.id, person.id) == []
    entry.status, entry.reason = AttendanceStatus.MISSED, "Bus strike"
    entry = store.hearings.set_attendance(entry)
    entry.status, entry.reason = AttendanceStatus.ATTENDED, ""
    store.hearings.set_attendance(entry)
    outcomes = store.hearings.outcomes(hearing.id, person.id)
    assert [(o.status, o.reason) for o in outcomes] == [
        (AttendanceStatus.MISSED, "Bus strike"),
        (AttendanceStatus.ATTENDED, ""),
    ]
    assert outcomes[1].corrects_id == outcomes[0].id
    with pytest.raises(AppendOnlyError):
        store.hearings.update_values("attendance_outcomes", outcomes[0].id, {"reason": ""}, 1)
    with pytest.raises(DatabaseError, match="append-only"):
        store.db.execute("DELETE FROM attendance_outcomes WHERE id = ?", [outcomes[0].id])


def test_the_audit_trail_has_uids_and_stays_insert_only(store: Store) -> None:
    person = _person(store)
    assert person.id is not None
    store.people.delete(person.id)
    (entry,) = store.audit.entries()
    assert uuid.UUID(entry.uid).version == 7
    with pytest.raises(AppendOnlyError):
        store.people.update_values("audit_log", entry.id, {"detail": "x"}, 1)
    with pytest.raises(DatabaseError, match="append-only"):
        store.db.execute("DELETE FROM audit_log")


def test_history_goes_with_a_person_deleted_for_good(store: Store) -> None:
    """Append-only never blocks the Trash or a retention purge from removing personal data."""
    person = _person(store)
    hearing = _hearing(store, person, days=-2)
    assert person.id and hearing.id
    store.people.record_history(person.id, "packet_printed", hearing.id)
    (entry,) = store.hearings.attendance_for(hearing.id)
    entry.status = AttendanceStatus.ATTENDED
    store.hearings.set_attendance(entry)
    store.hearings.delete(hearing.id)
    store.trash.empty()
    # The hearing is gone for good: the history entry stays, no longer pointing to it.
    assert [e.hearing_id for e in store.people.history(person.id)] == [None]
    store.people.delete(person.id)
    store.trash.empty()
    for table in ("person_history", "attendance_outcomes", "contact_methods"):
        assert store.db.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,)
    assert store.check() == []


def test_new_hearings_carry_their_uid_to_the_calendar_and_continuances_keep_it(
    store: Store,
) -> None:
    person = _person(store)
    hearing = _hearing(store, person, days=3)
    assert hearing.id is not None
    assert hearing.calendar_uid == hearing.uid
    new = store.hearings.continue_hearing(hearing.id, hearing.starts_at + dt.timedelta(days=14))
    assert new.uid != hearing.uid and new.calendar_uid == hearing.uid
    from companion.packets.calendar import HearingEvent

    event = HearingEvent(
        hearing_id=new.id or 0,
        sequence=new.sequence,
        starts_at=new.starts_at,
        duration=dt.timedelta(hours=1),
        summary="Court date",
        location="",
        calendar_uid=new.calendar_uid,
    )
    assert event.uid == f"{hearing.uid}@{UID_DOMAIN}"


def test_the_stale_edit_message_is_translated(store: Store) -> None:
    person = _person(store)
    assert person.id is not None
    mine, theirs = store.people.get(person.id), store.people.get(person.id)
    theirs.needs_interpreter = True
    store.people.update(theirs)
    with pytest.raises(StaleEditError) as raised:
        store.people.update(mine)
    spanish = describe(raised.value, translator("es"))
    assert "Este registro se cambió en otra ventana" in spanish
    assert "Necesita intérprete: ahora “Sí”, usted escribió “No”." in spanish
    assert "changed" not in spanish


def test_agenda_json_carries_the_uids(
    store: Store,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    person = _person(store)
    hearing = _hearing(store, person, days=3)
    case = store.cases.get(hearing.case_id)
    store.close()
    monkeypatch.setenv("COMPANION_PASSPHRASE", TEST_PASSPHRASE)
    assert main(["agenda", "--data-dir", str(data_dir), "--days", "7", "--json"]) == 0
    (item,) = json.loads(capsys.readouterr().out)
    assert (item["id"], item["uid"], item["case_uid"]) == (hearing.id, hearing.uid, case.uid)
    assert [p["uid"] for p in item["people"]] == [person.uid]
