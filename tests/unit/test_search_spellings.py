"""People search finds every spelling of a name, typed without accents, and phone numbers."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from companion.cli.main import main
from companion.domain.models import ContactKind, ContactMethod, Person
from companion.store.store import Store
from tests.conftest import TEST_PASSPHRASE

# Each stored person: (key, given name, family name, name in own script, phone).
PEOPLE = [
    ("dang", "Minh", "Đặng", "", "+1 312-555-0161"),
    ("do", "Lan", "Đỗ", "", ""),
    ("dinh", "Quang", "Đinh", "", ""),
    ("doan", "Thu", "Đoàn", "", ""),
    ("ahmad", "Ahmad", "Haddad", "أحمد حداد", "(212) 555-0142"),
    ("islam", "Islam", "Nasser", "إسلام ناصر", ""),
    ("amna", "Amna", "Saleh", "آمنة صالح", ""),
    ("wasla", "Abd al-Rahman", "Khalil", "عبد ٱلرحمن", ""),
    ("mustafa", "Mustafa", "Omar", "مصطفى عمر", ""),
    ("tatweel", "Mohammed", "Said", "محـمد سعيد", ""),
    ("harakat", "Mahmoud", "Ali", "مَحْمُود", ""),
    ("persian_yeh", "Ali", "Rezaei", "علی رضایی", ""),
    ("persian_kaf", "Karim", "Karimi", "کریم کریمی", ""),
    ("zwnj", "Mehrangiz", "Tehrani", "مهر\u200cانگیز", ""),
    ("obrien", "Siobhan", "O\u2019Brien", "", "312.555.0177"),
    ("jean_pierre", "Jean-Pierre", "Baptiste", "", ""),
    ("zoe", "Zoë", "Müller", "", ""),
    ("decomposed", unicodedata.normalize("NFD", "Thị Hồng"), "Nguyễn", "", ""),
]

# (typed, the keys of who must be found: exactly these). Typed without accents throughout.
SEARCHES = [
    ("Dang", {"dang"}),
    ("dang minh", {"dang"}),
    ("Do", {"do", "doan"}),
    ("Dinh", {"dinh"}),
    ("doan", {"doan"}),
    ("احمد", {"ahmad"}),  # hamza on alif
    ("اسلام", {"islam"}),  # hamza under alif
    ("امنه", {"amna"}),  # madda on alif, ta marbuta
    ("الرحمن", {"wasla"}),  # alif wasla
    ("مصطفي", {"mustafa"}),  # alif maqsura typed as yeh
    ("محمد", {"tatweel"}),  # tatweel
    ("محمود", {"harakat"}),  # harakat
    ("علي", {"persian_yeh"}),  # Arabic-keyboard yeh for the Persian one
    ("كريمي", {"persian_kaf"}),  # Arabic-keyboard kaf and yeh
    ("مهرانگیز", {"zwnj"}),  # without the zero-width non-joiner
    ("obrien", {"obrien"}),  # apostrophe left out
    ("o'brien", {"obrien"}),  # straight apostrophe for the curly one
    ("brien", {"obrien"}),
    ("jeanpierre", {"jean_pierre"}),  # hyphen left out
    ("jean pierre", {"jean_pierre"}),
    ("pierre", {"jean_pierre"}),
    ("ZOE MULLER", {"zoe"}),
    ("thi hong", {"decomposed"}),
    ("Nguyen", {"decomposed"}),
    ("3125550161", {"dang"}),  # phone: digits only
    ("(312) 555-0161", {"dang"}),
    ("+1 312 555 0161", {"dang"}),
    ("312.555.0161", {"dang"}),
    ("555-0161", {"dang"}),
    ("0161", {"dang"}),
    ("212-555-0142", {"ahmad"}),
    ("3125550177", {"obrien"}),
    ("555-01", {"dang", "ahmad", "obrien"}),  # part of a number finds all who have it
    ("555-0199", set()),
    ("Dung", set()),
]


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, dict[str, int]]]:
    """One store with every person of PEOPLE (read only by the tests that use it)."""
    opened, _code = Store.create(tmp_path_factory.mktemp("spellings") / "data", TEST_PASSPHRASE)
    ids: dict[str, int] = {}
    for key, given, family, native, phone in PEOPLE:
        contacts = [ContactMethod(ContactKind.PHONE, phone)] if phone else []
        person = Person(given, family, native_name=native, contacts=contacts)
        ids[key] = opened.people.add(person).id or 0
    yield opened, ids
    opened.close()


@pytest.mark.parametrize(("typed", "expected"), SEARCHES)
def test_search_finds_every_spelling(
    office: tuple[Store, dict[str, int]], typed: str, expected: set[str]
) -> None:
    store, ids = office
    found = {person.id for person in store.people.search(typed)}
    assert found == {ids[key] for key in expected}


def test_names_are_stored_composed(office: tuple[Store, dict[str, int]]) -> None:
    store, ids = office
    assert store.people.get(ids["decomposed"]).given_name == "Thị Hồng"
    stored = store.db.execute(
        "SELECT given_name FROM people WHERE id = ?", [ids["decomposed"]]
    ).fetchone()
    assert stored == ("Thị Hồng",)
    assert len(stored[0]) == 8


def test_notes_are_stored_composed(store: Store) -> None:
    notes = unicodedata.normalize("NFD", "Gọi sau 5 giờ chiều")
    person = store.people.add(Person("Minh", "Đặng", notes=notes))
    assert person.id is not None
    assert store.people.get(person.id).notes == unicodedata.normalize("NFC", notes)


def test_the_whole_name_comes_before_a_partial_match(store: Store) -> None:
    partial = store.people.add(Person("Anh", "Trần Văn")).id
    whole = store.people.add(Person("Văn", "Trần")).id
    found = [person.id for person in store.people.search("Van Tran")]
    assert found == [whole, partial]


def test_cli_search_prints_json_best_match_first(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    opened, _code = Store.create(data_dir, TEST_PASSPHRASE)
    partial = opened.people.add(Person("Anh", "Đặng Văn", native_name="Đặng Văn Anh")).id
    whole = opened.people.add(Person("Văn", "Đặng", language="vi")).id
    opened.close()
    monkeypatch.setenv("COMPANION_PASSPHRASE", TEST_PASSPHRASE)
    assert main(["search", "--data-dir", str(data_dir), "van dang", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == [
        {"id": whole, "display_name": "Văn Đặng", "native_name": "", "language": "vi"},
        {
            "id": partial,
            "display_name": "Anh Đặng Văn",
            "native_name": "Đặng Văn Anh",
            "language": "en",
        },
    ]


def test_cli_search_says_when_nobody_matches(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    Store.create(data_dir, TEST_PASSPHRASE)[0].close()
    monkeypatch.setenv("COMPANION_PASSPHRASE", TEST_PASSPHRASE)
    assert main(["search", "--data-dir", str(data_dir), "Đặng"]) == 0
    assert capsys.readouterr().out == "Nobody matches “Đặng”.\n"
