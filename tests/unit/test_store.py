import datetime as dt
from pathlib import Path
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
from companion.errors import (
    InUseError,
    NotAStoreError,
    NotFoundError,
    StoreExistsError,
    StoreWriteError,
    ValidationErrors,
    WeakPassphraseError,
    WrongPassphraseError,
    WrongRecoveryCodeError,
)
from companion.store.store import Store
from tests.conftest import TEST_PASSPHRASE

NEW_YORK = ZoneInfo("America/New_York")


def _courthouse(store: Store) -> Courthouse:
    return store.courthouses.add(
        Courthouse("Fictional Hall of Justice", "9 Sample Street", "America/New_York", "US-NY")
    )


def _person(store: Store, given: str = "Ana", family: str = "Sample", native: str = "") -> Person:
    return store.people.add(
        Person(
            given,
            family,
            native_name=native,
            language="es",
            contacts=[ContactMethod(ContactKind.PHONE, "212 555 0142", ok_to_text=True)],
        )
    )


def _hearing(store: Store, person: Person, days: int = 3) -> Hearing:
    courthouse = _courthouse(store)
    assert person.id is not None and courthouse.id is not None
    case = store.cases.add(Case("CR-0042", "Criminal Court", person_ids=[person.id]))
    assert case.id is not None
    start = dt.datetime.now(NEW_YORK).replace(hour=9, minute=30, second=0, microsecond=0)
    return store.hearings.add(
        Hearing(case.id, courthouse.id, start + dt.timedelta(days=days), HearingType.TRIAL, "4B"),
        [Attendance(person.id, 0, must_testify=True)],
    )


def test_person_round_trip_keeps_every_field(store: Store) -> None:
    person = Person(
        "Thảo",
        "Nguyễn",
        native_name="Nguyễn Thị Thảo",
        language="vi",
        needs_interpreter=True,
        contacts=[
            ContactMethod(
                ContactKind.PHONE,
                "(206) 555-0105",
                ok_to_text=False,
                ok_to_voicemail=True,
                safe_hours_start=dt.time(17),
                safe_hours_end=dt.time(20),
            ),
            ContactMethod(ContactKind.EMAIL, "thao@example.org"),
        ],
        alternate_name="Friend",
        alternate_phone="206 555 0199",
        notes="Prefers mornings.",
    )
    saved = store.people.add(person)
    assert saved.id is not None
    loaded = store.people.get(saved.id)
    assert loaded.native_name == "Nguyễn Thị Thảo"
    assert loaded.contacts[0].value == "+12065550105"
    assert loaded.contacts[0].safe_hours_end == dt.time(20)
    assert loaded.contacts[1].kind is ContactKind.EMAIL
    assert loaded.alternate_phone == "+12065550199"
    assert loaded.needs_interpreter is True


def test_invalid_person_saves_nothing(store: Store) -> None:
    with pytest.raises(ValidationErrors):
        store.people.add(Person("Ana", "Sample", language="not a tag"))
    assert store.people.count() == 0


def test_hearing_keeps_courthouse_local_time(store: Store) -> None:
    person = _person(store)
    hearing = _hearing(store, person)
    assert hearing.id is not None
    loaded = store.hearings.get(hearing.id)
    assert loaded.starts_at == hearing.starts_at
    assert (loaded.starts_at.hour, loaded.starts_at.minute) == (9, 30)
    assert str(loaded.starts_at.tzinfo) == "America/New_York"


def test_agenda_lists_upcoming_hearing_with_people(store: Store) -> None:
    person = _person(store, native="安娜")
    hearing = _hearing(store, person, days=2)
    entries = store.agenda.upcoming(7)
    assert [entry.hearing_id for entry in entries] == [hearing.id]
    assert entries[0].people[0].native_name == "安娜"
    assert entries[0].testimony_needed
    assert entries[0].needs_call
    assert store.agenda.upcoming(1) == []


def test_search_finds_names_in_any_script_and_dockets(store: Store) -> None:
    wang = _person(store, "Xiaoming", "Wang", native="王小明")
    _person(store, "Ahmad", "Haddad", native="أحمد حداد")
    _hearing(store, wang)
    assert [p.id for p in store.people.search("小明")] == [wang.id]
    assert [p.native_name for p in store.people.search("حداد")] == ["أحمد حداد"]
    assert [p.id for p in store.people.search("wan")] == [wang.id]
    assert [p.id for p in store.people.search("CR-00")] == [wang.id]
    assert store.people.search('"; DROP TABLE people; --') == []


def test_continuance_links_new_hearing_and_keeps_history(store: Store) -> None:
    person = _person(store)
    old = _hearing(store, person)
    assert old.id is not None
    new = store.hearings.continue_hearing(old.id, old.starts_at + dt.timedelta(days=21))
    assert store.hearings.get(old.id).status is HearingStatus.CONTINUED
    assert new.continued_from_id == old.id
    assert new.calendar_uid == old.calendar_uid
    assert new.sequence == old.sequence + 1
    assert [a.person_id for a in store.hearings.attendance_for(new.id or 0)] == [person.id]
    assert len(store.hearings.for_person(person.id or 0)) == 2
    with pytest.raises(ValidationErrors):
        store.hearings.continue_hearing(old.id, old.starts_at + dt.timedelta(days=30))


def test_changing_a_hearing_time_bumps_its_calendar_sequence(store: Store) -> None:
    hearing = _hearing(store, _person(store))
    hearing.starts_at += dt.timedelta(hours=1)
    assert store.hearings.update(hearing).sequence == 1
    hearing.notes = "Bring the letter."
    assert store.hearings.update(hearing).sequence == 1


def test_outcome_cannot_be_recorded_before_the_hearing(store: Store) -> None:
    person = _person(store)
    hearing = _hearing(store, person)
    assert person.id and hearing.id
    with pytest.raises(ValidationErrors):
        store.hearings.set_attendance(
            Attendance(person.id, hearing.id, True, AttendanceStatus.ATTENDED)
        )
    (answer,) = store.hearings.attendance_for(hearing.id)
    answer.status = AttendanceStatus.CONFIRMED
    store.hearings.set_attendance(answer)
    assert store.hearings.attendance_for(hearing.id)[0].status is AttendanceStatus.CONFIRMED


def test_trash_restore_and_empty(store: Store) -> None:
    person = _person(store)
    hearing = _hearing(store, person)
    assert person.id and hearing.id
    store.people.delete(person.id)
    assert store.people.count() == 0
    assert store.people.search("Ana") == []
    with pytest.raises(NotFoundError):
        store.people.get(person.id)
    assert [(item.kind, item.id) for item in store.trash.items()] == [("person", person.id)]
    store.trash.restore("person", person.id)
    assert [p.id for p in store.people.search("Ana")] == [person.id]
    store.people.delete(person.id)
    assert store.trash.empty() == 1
    assert store.trash.items() == []
    assert store.db.execute("SELECT count(*) FROM attendance").fetchone()[0] == 0
    assert store.check() == []


def test_courthouse_with_hearings_cannot_be_trashed(store: Store) -> None:
    hearing = _hearing(store, _person(store))
    with pytest.raises(InUseError):
        store.courthouses.delete(hearing.courthouse_id)


def test_deleted_case_hides_its_hearings_from_the_agenda(store: Store) -> None:
    hearing = _hearing(store, _person(store))
    store.cases.delete(hearing.case_id)
    assert store.agenda.upcoming(30) == []
    store.trash.restore("case", hearing.case_id)
    assert len(store.agenda.upcoming(30)) == 1


def test_failed_multi_row_write_leaves_nothing_behind(store: Store) -> None:
    person = _person(store)
    assert person.id
    courthouse = _courthouse(store)
    case = store.cases.add(Case("CR-1", "Court", person_ids=[person.id]))
    assert case.id and courthouse.id
    start = dt.datetime(2030, 1, 7, 9, tzinfo=NEW_YORK)
    with pytest.raises(StoreWriteError):  # person 999 does not exist: the foreign key fails
        store.hearings.add(
            Hearing(case.id, courthouse.id, start), [Attendance(person.id, 0), Attendance(999, 0)]
        )
    assert store.db.execute("SELECT count(*) FROM hearings").fetchone()[0] == 0
    assert store.db.execute("SELECT count(*) FROM attendance").fetchone()[0] == 0


# --- keys, passphrases, recovery ---------------------------------------------------


def test_wrong_passphrase_fails_and_changes_nothing(store: Store, data_dir: Path) -> None:
    _person(store)
    store.close()
    before = {path.name: path.read_bytes() for path in data_dir.iterdir() if path.is_file()}
    with pytest.raises(WrongPassphraseError):
        Store.open(data_dir, "not the passphrase")
    after = {path.name: path.read_bytes() for path in data_dir.iterdir() if path.is_file()}
    assert before == after


def test_raw_database_cannot_be_opened_with_a_wrong_key(store: Store, data_dir: Path) -> None:
    from companion.store.connection import connect
    from companion.store.files import DATABASE_FILE_NAME

    store.close()
    with pytest.raises(NotAStoreError):
        connect(data_dir / DATABASE_FILE_NAME, b"\x00" * 32)


def test_change_passphrase_rewraps_without_reencrypting(store: Store, data_dir: Path) -> None:
    _person(store)
    store.close()
    database_before = (data_dir / "companion.db").read_bytes()
    reopened = Store.open(data_dir, TEST_PASSPHRASE)
    reopened.change_passphrase(TEST_PASSPHRASE, "violet harbour compass 7")
    reopened.close()
    with pytest.raises(WrongPassphraseError):
        Store.open(data_dir, TEST_PASSPHRASE)
    again = Store.open(data_dir, "violet harbour compass 7")
    assert again.people.count() == 1
    again.close()
    # Same key: the page bytes that hold the data did not have to be rewritten.
    assert (data_dir / "companion.db").read_bytes()[:4096] == database_before[:4096]


def test_recovery_code_unlocks_and_forces_a_new_passphrase(data_dir: Path) -> None:
    store, code = Store.create(data_dir, TEST_PASSPHRASE)
    _person(store)
    store.close()
    with pytest.raises(WrongRecoveryCodeError):
        Store.open_with_recovery(
            data_dir, "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF", "new phrase ok 99"
        )
    with pytest.raises(WeakPassphraseError):
        Store.open_with_recovery(data_dir, code, "short")
    typed_back = code.lower().replace("-", " ")
    recovered = Store.open_with_recovery(data_dir, typed_back, "new phrase ok 99")
    assert recovered.people.count() == 1
    recovered.close()
    with pytest.raises(WrongPassphraseError):
        Store.open(data_dir, TEST_PASSPHRASE)
    Store.open(data_dir, "new phrase ok 99").close()


@pytest.mark.parametrize(
    ("passphrase", "reason"),
    [
        ("short", "too_short"),
        ("password123", "too_common"),
        # What the issue found accepted by the old length-and-list rule:
        ("Passw0rd!!", "too_common"),
        ("Summer2024!", "too_common"),
        ("legalaid2024", "about_the_app"),
        ("aaaaaaaaaaaa", "repeated"),
        ("abcdefghijkl", "sequence"),
        ("qwertyuiop[]\\", "keyboard_pattern"),
        ("01/02/1990xq", "dates"),
        ("green tractor", "too_guessable"),
    ],
)
def test_weak_passphrases_are_refused_with_a_reason(
    data_dir: Path, passphrase: str, reason: str
) -> None:
    with pytest.raises(WeakPassphraseError) as caught:
        Store.create(data_dir, passphrase)
    assert caught.value.reason == reason
    assert not data_dir.exists() or not any(data_dir.iterdir())


def test_creating_over_an_existing_store_is_refused(store: Store, data_dir: Path) -> None:
    with pytest.raises(StoreExistsError):
        Store.create(data_dir, "another fine passphrase")


def test_no_plaintext_names_in_database_or_wal(store: Store, data_dir: Path) -> None:
    names = ["Zebulon", "Quixadaxa", "王小明", "أحمد حداد", "Nguyễn"]
    _person(store, names[0], names[1], native=names[2])
    _person(store, "Ahmad", "Ofpage", native=names[3])
    _person(store, names[4], "Thi")
    # Look while the WAL still holds the writes, and again after the checkpoint.
    for moment in ("open", "closed"):
        if moment == "closed":
            store.close()
        for path in data_dir.rglob("*"):
            if not path.is_file():
                continue
            raw = path.read_bytes()
            for name in names:
                for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
                    assert name.encode(encoding) not in raw, (moment, path.name, name)


def test_emptying_the_trash_with_a_hearing_in_it(store: Store) -> None:
    hearing = _hearing(store, _person(store))
    assert hearing.id is not None
    store.hearings.delete(hearing.id)
    assert [(item.kind, item.id) for item in store.trash.items()] == [("hearing", hearing.id)]
    assert store.trash.empty() == 1
    assert store.db.execute("SELECT count(*) FROM hearings").fetchone()[0] == 0


@pytest.mark.parametrize("where", ["second page", "last page"])
def test_one_changed_byte_anywhere_is_refused_at_unlock(
    store: Store, data_dir: Path, where: str
) -> None:
    from companion.errors import StoreDamagedError
    from companion.store.files import DATABASE_FILE_NAME

    for number in range(40):
        _person(store, given=f"Ana{number}")
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    database = data_dir / DATABASE_FILE_NAME
    content = bytearray(database.read_bytes())
    page = 4096
    assert len(content) >= 4 * page, "the store spans several pages"
    offset = page + 700 if where == "second page" else len(content) - page + 700
    content[offset] ^= 0x01
    database.write_bytes(bytes(content))

    with pytest.raises(StoreDamagedError):
        Store.open(data_dir, TEST_PASSPHRASE)
    assert database.read_bytes() == bytes(content), "the damaged file is left as it was"


def test_only_the_demo_office_is_marked_demo_in_its_key_file(
    store: Store, data_dir: Path, tmp_path: Path
) -> None:
    import json

    from companion.demo import DEMO_PASSPHRASE, create_demo_office
    from companion.store import keys

    assert not keys.KeyFile.load(data_dir).demo
    assert "demo" not in json.loads((data_dir / keys.KEY_FILE_NAME).read_text())

    demo_folder = tmp_path / "demo"
    create_demo_office(demo_folder).close()
    assert keys.KeyFile.load(demo_folder).demo
    # The mark is a hint only; the passphrase it names really opens the demo store.
    Store.open(demo_folder, DEMO_PASSPHRASE).close()

    other_folder = tmp_path / "demo-with-own-passphrase"
    create_demo_office(other_folder, passphrase="violet harbour compass 7").close()
    assert not keys.KeyFile.load(other_folder).demo

    reopened = Store.open(demo_folder, DEMO_PASSPHRASE)
    reopened.change_passphrase(DEMO_PASSPHRASE, "violet harbour compass 7")
    reopened.close()
    assert not keys.KeyFile.load(demo_folder).demo, "a new passphrase is no longer 'demo'"


def test_key_derivation_is_standard_scrypt() -> None:
    """Key files written before Argon2id stay readable: RFC 7914's own test vector, and the
    same bytes as Python's hashlib.scrypt for the parameters those files hold."""
    import hashlib

    from companion.store.kdf import ScryptCost

    rfc_7914 = bytes.fromhex(
        "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
    )  # first 32 bytes of the vector with N=1024, r=8, p=16
    assert ScryptCost(1024, 8, 16).derive(b"password", b"NaCl") == rfc_7914
    salt = bytes(range(16))
    ours = ScryptCost(2**15, 8, 1).derive(b"violet harbour compass 7", salt)
    reference = hashlib.scrypt(
        b"violet harbour compass 7", salt=salt, n=2**15, r=8, p=1, maxmem=2**26, dklen=32
    )
    assert ours == reference


def test_key_derivation_is_standard_argon2id() -> None:
    """The reference implementation's Argon2id test vector (password "password", salt
    "somesalt", t=2, m=64 MiB, p=1)."""
    from companion.store.kdf import Argon2idCost

    reference = bytes.fromhex("09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7")
    assert Argon2idCost(2, 65536, 1).derive(b"password", b"somesalt") == reference
