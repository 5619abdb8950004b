import unicodedata
from pathlib import Path

import pytest
from sqlite_utils import Database

from companion.errors import StoreNewerError
from companion.store import keys
from companion.store.connection import connect
from companion.store.files import DATABASE_FILE_NAME
from companion.store.identity import new_uid
from companion.store.migrations import known_migration_names, migrations
from companion.store.store import BACKUPS_FOLDER_NAME, Store
from tests.conftest import TEST_PASSPHRASE

FIRST = known_migration_names()[0]


def _schema(db: Database) -> dict[str, dict[str, type]]:
    return {
        name: db[name].columns_dict  # type: ignore[union-attr]
        for name in db.table_names()
        if not name.startswith("search_index_")
    }


def _store_at_first_schema(folder: Path) -> bytes:
    """A store as the first release wrote it: only the first migration, with one person."""
    folder.mkdir(parents=True)
    database_key = keys.new_database_key()
    keys.KeyFile.create(database_key, TEST_PASSPHRASE, keys.new_recovery_code()).save(folder)
    db = connect(folder / DATABASE_FILE_NAME, database_key)
    migrations.apply(db, stop_before=known_migration_names()[1])
    db.execute(
        "INSERT INTO people (role, given_name, family_name, native_name, language) "
        "VALUES ('witness', 'Olga', 'Sample', 'Ольга', 'ru')"
    )
    db.conn.commit()
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return database_key


def test_migrating_from_empty_and_from_first_schema_give_the_same_tables(tmp_path: Path) -> None:
    fresh, _ = Store.create(tmp_path / "fresh", TEST_PASSPHRASE)
    _store_at_first_schema(tmp_path / "old")
    migrated = Store.open(tmp_path / "old", TEST_PASSPHRASE)
    assert _schema(migrated.db) == _schema(fresh.db)
    assert [m.name for m in migrations.applied(migrated.db)] == known_migration_names()
    # Data written by the old schema is searchable after the migration that added search.
    assert [p.native_name for p in migrated.people.search("Ольга")] == ["Ольга"]
    fresh.close()
    migrated.close()


def test_existing_store_is_copied_encrypted_before_migrating(tmp_path: Path) -> None:
    folder = tmp_path / "old"
    database_key = _store_at_first_schema(folder)
    Store.open(folder, TEST_PASSPHRASE).close()
    copies = list((folder / BACKUPS_FOLDER_NAME).glob("before-migration-*.db"))
    assert len(copies) == 1
    assert b"Olga" not in copies[0].read_bytes()
    copy = connect(copies[0], database_key)
    assert copy.execute("SELECT given_name FROM people").fetchall() == [("Olga",)]
    assert [m.name for m in migrations.applied(copy)] == [FIRST]
    copy.close()


def test_new_store_is_not_copied(store: Store, data_dir: Path) -> None:
    assert not (data_dir / BACKUPS_FOLDER_NAME).exists()


def test_store_from_a_newer_version_is_refused_and_left_untouched(
    store: Store, data_dir: Path
) -> None:
    store.db.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('court_companion', 'm999_from_the_future', '2030-01-01')"
    )
    store.db.conn.commit()
    store.close()
    before = (data_dir / DATABASE_FILE_NAME).read_bytes()
    with pytest.raises(StoreNewerError):
        Store.open(data_dir, TEST_PASSPHRASE)
    assert (data_dir / DATABASE_FILE_NAME).read_bytes() == before
    assert not (data_dir / BACKUPS_FOLDER_NAME).exists()


def test_m006_composes_stored_names_and_rebuilds_the_search_index(tmp_path: Path) -> None:
    folder = tmp_path / "before-m006"
    folder.mkdir()
    database_key = keys.new_database_key()
    keys.KeyFile.create(database_key, TEST_PASSPHRASE, keys.new_recovery_code()).save(folder)
    db = connect(folder / DATABASE_FILE_NAME, database_key)
    migrations.apply(db, stop_before="m006_compose_text_and_fold_search")
    decomposed_family = unicodedata.normalize("NFD", "Đặng")
    decomposed_notes = unicodedata.normalize("NFD", "Gọi sau 5 giờ chiều")
    db.execute(
        "INSERT INTO people (id, uid, role, given_name, family_name, native_name, language, "
        "notes) VALUES (7, ?, 'witness', 'Minh', ?, ?, 'vi', ?)",
        [new_uid(), decomposed_family, decomposed_family + " Minh", decomposed_notes],
    )
    db.execute(
        "INSERT INTO contact_methods (uid, person_id, kind, value, created_at, updated_at) "
        "VALUES (?, 7, 'phone', '+13125550161', '2026-12-01T10:00:00Z', '2026-12-01T10:00:00Z')",
        [new_uid()],
    )
    db.conn.commit()
    assert len(decomposed_family) == 6  # D with stroke, a, two marks, n, g
    db.close()

    migrated = Store.open(folder, TEST_PASSPHRASE)
    row = migrated.db.execute(
        "SELECT family_name, native_name, notes FROM people WHERE id = 7"
    ).fetchone()
    assert row == ("Đặng", "Đặng Minh", "Gọi sau 5 giờ chiều")
    assert len(row[0]) == 4
    # The index was rebuilt with the new folding: no accents, no Đ, phone digits.
    assert [p.id for p in migrated.people.search("dang minh")] == [7]
    assert [p.id for p in migrated.people.search("(312) 555-0161")] == [7]
    migrated.close()


@pytest.mark.parametrize(
    "lookup",
    [
        "SELECT id FROM hearings WHERE continued_from_id = 1",
        "SELECT case_id FROM case_people WHERE person_id = 1",
        "SELECT hearing_id FROM attendance WHERE person_id = 1",
    ],
)
def test_lookups_by_parent_use_an_index_not_a_scan(tmp_path: Path, lookup: str) -> None:
    """The agenda, a person's page and the call list look these up for every row they
    show: a scan of the whole table each time took the agenda of a large store 50 s."""
    store, _code = Store.create(tmp_path / "data", TEST_PASSPHRASE)
    try:
        plan = " ".join(str(row[-1]) for row in store.db.execute(f"EXPLAIN QUERY PLAN {lookup}"))
    finally:
        store.close()
    assert "USING INDEX" in plan or "USING COVERING INDEX" in plan, plan
