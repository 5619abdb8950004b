"""People search and the index behind it: what the index holds, what a typed query
becomes, and which people a query finds. Expected results are written out by hand."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from companion.domain.models import Case, ContactKind, ContactMethod, Courthouse, Person
from companion.store import search
from companion.store.store import Store
from tests.conftest import TEST_PASSPHRASE

# --- the index text and the query, without a store ----------------------------------------


@pytest.mark.parametrize(
    ("parts", "body"),
    [
        (["Ana", "", "Reyes"], "ana reyes"),  # folded to lower case
        (["王小明"], " 王  小  明 "),
        (["Ｋｉｍ", "ｆｉ"], "kim fi"),  # full-width letters and ligatures fold (NFKC)
        (["김민수"], " 김  민  수 "),
        (["さくら"], " さ  く  ら "),
        ([], ""),
    ],
)
def test_index_body_spaces_cjk_and_folds_case_and_compatibility_forms(
    parts: list[str], body: str
) -> None:
    assert search.index_body(parts) == body


@pytest.mark.parametrize(
    ("typed", "query"),
    [
        ("ana", '"ana"*'),
        ("  Ana   Reyes ", '"ana"* "reyes"*'),
        ('O"Brien OR *', '"o"* "brien"* "or"*'),
        ("CR-2026/0042", '("cr2026"* "0042"*) OR ("cr"* "2026"* "0042"*)'),
        ("王小", '"王"* "小"*'),
        ("Ｊｏｓｅ", '"jose"*'),
        ("Jose\u0301", '"jose"*'),  # accents, typed apart or not, are folded away
        # what looks like a phone number is also tried as its digits alone
        (
            "(312) 555-0161",
            '("312"* "5550161"*) OR ("312"* "555"* "0161"*) OR ("3125550161"*)',
        ),
        ("01 61", '("01"* "61"*) OR ("0161"*)'),  # four digits are enough
        ("31 2", '"31"* "2"*'),  # but not three: too many numbers would match
        ("0161", '"0161"*'),  # already the digits alone: not tried twice
        ("Ana 0161", '"ana"* "0161"*'),  # a name with digits is not a phone number
    ],
)
def test_a_typed_query_becomes_quoted_word_prefixes(typed: str, query: str) -> None:
    assert search.fts_query(typed) == query


@pytest.mark.parametrize("typed", ["", "   ", "-- / ()", '"*"'])
def test_nothing_searchable_typed_gives_no_query(typed: str) -> None:
    assert search.fts_query(typed) is None


@pytest.mark.parametrize(
    ("typed", "rank"),
    [
        ("José Muñoz", 0),  # the whole name, as typed
        ("munoz jose", 0),  # family name first, without accents
        ("王小明", 0),  # the name in the person's own script
        ("jose", 1),  # every typed word is a whole word of the names
        ("Muñoz", 1),
        ("jo", 2),  # typed words only start words
        ("jose mu", 2),
        ("", 2),  # nothing typed
        ("  ", 2),
    ],
)
def test_match_rank_puts_whole_names_then_whole_words_then_word_starts(
    typed: str, rank: int
) -> None:
    assert search.match_rank(typed, "José", "Muñoz", "王小明") == rank


def test_each_kind_has_its_own_rowids() -> None:
    assert [search.index_rowid(kind, 7) for kind in ("person", "courthouse", "case")] == [
        28,
        29,
        30,
    ]
    assert search.index_rowid("person", 8) == 32


# --- search in a store ---------------------------------------------------------------------


@dataclass(frozen=True)
class Office:
    store: Store
    jose: int
    nguyen: int
    wang: int
    obrien: int


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Office]:
    store, _code = Store.create(tmp_path_factory.mktemp("search") / "data", TEST_PASSPHRASE)

    def add(person: Person) -> int:
        added = store.people.add(person).id
        assert added is not None
        return added

    jose = add(Person("José", "Muñoz", language="es"))
    nguyen = add(Person("Thị", "Nguyễn", language="vi"))
    wang = add(Person("Xiaoming", "Wang", native_name="王小明", language="zh-Hans"))
    obrien = add(Person("Siobhán", "O'Brien", language="en"))
    store.cases.add(Case("CR-2026-0042", "Criminal Court", person_ids=[jose, wang]))
    store.courthouses.add(Courthouse("Muñoz Hall", "1 Sample St", "America/Chicago", "US-IL"))
    yield Office(store, jose, nguyen, wang, obrien)
    store.close()


def _found(office: Office, typed: str) -> set[int]:
    return {person.id for person in office.store.people.search(typed)}


@pytest.mark.parametrize(
    ("typed", "who"),
    [
        ("jos", {"jose"}),
        ("JOSÉ MUÑ", {"jose"}),
        ("jose munoz", {"jose"}),  # typed without accents
        ("nguyen", {"nguyen"}),
        ("Nguyễn Thị", {"nguyen"}),
        ("siobhan", {"obrien"}),
        ("o brien", {"obrien"}),
        ("小", {"wang"}),  # one character of a Chinese name
        ("王明", {"wang"}),
        ("CR-2026", {"jose", "wang"}),  # the docket number of their case
        ("0042", {"jose", "wang"}),
        ("hall", set()),  # a courthouse is not a person
        ("zz", set()),
    ],
)
def test_search_finds_people_by_any_name_or_docket(
    office: Office, typed: str, who: set[str]
) -> None:
    ids = {name: getattr(office, name) for name in ("jose", "nguyen", "wang", "obrien")}
    assert _found(office, typed) == {ids[name] for name in who}


def test_an_empty_query_lists_everyone(office: Office) -> None:
    assert _found(office, "  ") == {office.jose, office.nguyen, office.wang, office.obrien}


def test_removing_an_entry_and_rebuilding_the_index(office: Office) -> None:
    db = office.store.db
    with db.conn:
        search.reindex(db, "person", office.obrien, None)
    assert _found(office, "siobhan") == set()
    with db.conn:
        search.rebuild(db)
    assert _found(office, "siobhan") == {office.obrien}
    assert _found(office, "CR-2026") == {office.jose, office.wang}
    assert _found(office, "小") == {office.wang}
    (count,) = db.execute("SELECT count(*) FROM search_index").fetchone()
    assert count == 4 + 1 + 1  # four people, one courthouse, one case


def test_a_rebuild_writes_the_entries_that_saving_each_record_writes(tmp_path: Path) -> None:
    """The migrations rebuild the index in one batch; what they write must be what saving
    each record writes (names, dockets of live cases, live phones; each entry's kind and
    id), or a migrated store would find people differently."""
    store, _code = Store.create(tmp_path / "data", TEST_PASSPHRASE)
    phones = [
        ContactMethod(ContactKind.PHONE, "+1 312-555-0161"),
        ContactMethod(ContactKind.PHONE, "(212) 555 0199"),
        ContactMethod(ContactKind.PHONE, "(773) 555-0123"),
    ]
    ana = store.people.add(Person("Ana", "Núñez", contacts=phones)).id
    wang = store.people.add(Person("Xiaoming", "Wang", native_name="王小明")).id
    assert ana is not None and wang is not None
    person = store.people.get(ana)
    person.contacts = [c for c in person.contacts if not c.value.endswith("5550123")]
    store.people.update(person)  # the dropped number goes to the Trash (deleted_at set)
    store.people.add(Person("Kim", "Lee"))
    kept = store.cases.add(Case("CR-2026-0042", "Criminal Court", person_ids=[ana, wang]))
    gone = store.cases.add(Case("FAM-77", "Family Court", person_ids=[ana]))
    assert gone.id is not None and kept.id is not None
    store.cases.delete(gone.id)
    store.courthouses.add(Courthouse("Muñoz Hall", "1 Sample St", "America/Chicago", "US-IL"))
    db = store.db
    try:
        entries = "SELECT rowid, kind, record_id, body FROM search_index"
        saved = {
            rowid: (kind, record_id, sorted(body.split()))
            for rowid, kind, record_id, body in db.execute(entries)
        }
        with db.conn:
            search.rebuild(db)
        rebuilt = {
            rowid: (kind, record_id, sorted(body.split()))
            for rowid, kind, record_id, body in db.execute(entries)
        }
    finally:
        store.close()
    assert rebuilt == saved
    kinds = {kind for kind, _, _ in rebuilt.values()}
    assert kinds == {"person", "case", "courthouse"}
    ana_words = rebuilt[search.index_rowid("person", ana)][2]
    assert rebuilt[search.index_rowid("person", ana)][:2] == ("person", ana)
    assert "0161" in ana_words and "0199" in ana_words
    assert "0123" not in ana_words  # the dropped number, in the Trash
    assert "fam" not in " ".join(ana_words)


def test_a_courthouse_and_a_case_are_indexed_under_their_own_kind(office: Office) -> None:
    db = office.store.db
    courthouse_ids = [
        row[0] for row in db.execute(search.matching_ids_sql("courthouse"), ['"munoz"*'])
    ]
    case_ids = [row[0] for row in db.execute(search.matching_ids_sql("case"), ['"criminal"*'])]
    person_ids = [row[0] for row in db.execute(search.matching_ids_sql("person"), ['"munoz"*'])]
    assert len(courthouse_ids) == 1 and len(case_ids) == 1
    assert person_ids == [office.jose]


def test_a_person_of_no_row_has_an_empty_body(office: Office) -> None:
    assert search.person_body(office.store.db, 999_999) == ""


@pytest.mark.parametrize(
    ("number", "terms"),
    [
        (
            "+1 312-555-0161",
            [
                "13125550161",
                "3125550161",
                "125550161",
                "25550161",
                "5550161",
                "550161",
                "50161",
                "0161",
            ],
        ),
        ("0161", ["0161"]),
        ("161", []),
        ("ext. 12", []),
    ],
)
def test_phone_terms_are_every_ending_of_four_digits_or_more(number: str, terms: list[str]) -> None:
    assert search.phone_terms(number) == terms


def test_renaming_a_case_reindexes_its_docket_for_its_people(office: Office) -> None:
    store = office.store
    [case] = [c for c in store.cases.list() if c.docket_number == "CR-2026-0042"]
    case.docket_number = "CR-2026-0077"
    store.cases.update(case)
    assert _found(office, "0077") == {office.jose, office.wang}
    assert _found(office, "0042") == set()
    case_ids = [row[0] for row in store.db.execute(search.matching_ids_sql("case"), ['"0077"*'])]
    assert case_ids == [case.id]


def _people_found(store: Store, typed: str) -> set[int | None]:
    return {person.id for person in store.people.search(typed)}


def test_a_dropped_phone_number_no_longer_finds_its_person(store: Store) -> None:
    kept = ContactMethod(ContactKind.PHONE, "(312) 555-0134")
    dropped = ContactMethod(ContactKind.PHONE, "(312) 555-0178")
    person = store.people.add(Person("Rosa", "Sample", contacts=[kept, dropped]))
    assert _people_found(store, "0178") == {person.id}
    person = store.people.get(person.id or 0)
    person.contacts = [c for c in person.contacts if c.value == kept.value]
    store.people.update(person)
    assert _people_found(store, "0178") == set()  # the dropped number is in the Trash
    assert _people_found(store, "555-0134") == {person.id}


def test_reindexing_a_courthouse_or_case_whose_row_is_gone_removes_its_entry(
    store: Store,
) -> None:
    courthouse = store.courthouses.add(
        Courthouse("Lantern Hall", "1 Sample St", "America/Chicago", "US-IL")
    )
    case = store.cases.add(Case("CV-2026-0311", "Civil Court"))
    db = store.db

    def entries(kind: str, word: str) -> list[int]:
        return [row[0] for row in db.execute(search.matching_ids_sql(kind), [f'"{word}"*'])]

    assert entries("courthouse", "lantern") == [courthouse.id]
    assert entries("case", "0311") == [case.id]
    with db.conn:
        db.execute("DELETE FROM search_index")  # entries that outlived their rows ...
        db.execute(
            "INSERT INTO search_index (rowid, kind, record_id, body) VALUES (?, ?, ?, ?)",
            [search.index_rowid("courthouse", 4040), "courthouse", 4040, "lantern"],
        )
        db.execute(
            "INSERT INTO search_index (rowid, kind, record_id, body) VALUES (?, ?, ?, ?)",
            [search.index_rowid("case", 4041), "case", 4041, "0311"],
        )
        search.reindex_courthouse(db, 4040)  # ... are removed, not an error
        search.reindex_case(db, 4041)
    assert entries("courthouse", "lantern") == []
    assert entries("case", "0311") == []


@pytest.mark.parametrize(
    ("family_name", "typed"),
    [
        ("O\u02bcBrien", "brien"),  # modifier letter apostrophe
        ("Ka\u02bbiulani", "iulani"),  # Hawaiian ʻokina
        ("Ka\u02bbiulani", "kaiulani"),  # the whole word, typed without it
    ],
)
def test_a_name_joined_by_an_apostrophe_that_is_a_letter_is_found_by_its_parts(
    store: Store, family_name: str, typed: str
) -> None:
    """U+02BC and U+02BB are letters to SQLite's tokenizer, not separators: the index
    must split the name at them itself."""
    person = store.people.add(Person("Leilani", family_name))
    assert _people_found(store, typed) == {person.id}
