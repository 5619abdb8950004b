"""Backups damaged for real, in every part of the archive, must fail verification.

The damage is injected between the write and the check (``_verify_archive`` is wrapped so
that it first damages the file it was given, as a failing disk or USB stick would), and
the real check then reads the damaged file back. The same damage done to a good backup
afterwards must make the check before a restore refuse it, leaving the store as it was.

Bytes are flipped where a zip reader relies on them: signatures, member names, CRCs, the
central directory's offset, and member contents. (A flip in a field every reader ignores,
such as a local header's timestamp, changes nothing that a restore would bring back.)
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import stat
import struct
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from companion.domain.models import ContactKind, ContactMethod, Person
from companion.errors import StoreDamagedError
from companion.store import backups
from companion.store.backup_manifest import MANIFEST, MANIFEST_MAC, manifest_bytes, seal
from companion.store.connection import DatabaseError, connect, damaged_pages, integrity_problems
from companion.store.files import DATABASE_FILE_NAME
from companion.store.identity import RECORD_TABLES
from companion.store.keys import KEY_FILE_NAME
from companion.store.migrations import migrations
from companion.store.restore import restore, restore_backup
from companion.store.store import Store
from tests.conftest import TEST_PASSPHRASE

Damage = Callable[[Path], None]
EOCD_SIZE = 22


def _flip(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0xFF
    path.write_bytes(bytes(data))


def _local_header(path: Path, member: str) -> int:
    with zipfile.ZipFile(path) as archive:
        return archive.getinfo(member).header_offset


def _member_data(path: Path, member: str) -> tuple[int, int]:
    """Offset and size of a member's stored bytes (read from its local header)."""
    start = _local_header(path, member)
    raw = path.read_bytes()
    name_length, extra_length = struct.unpack("<HH", raw[start + 26 : start + 30])
    with zipfile.ZipFile(path) as archive:
        size = archive.getinfo(member).compress_size
    return start + 30 + name_length + extra_length, size


def _central_directory(path: Path) -> int:
    raw = path.read_bytes()
    eocd = raw[-EOCD_SIZE:]
    assert eocd[:4] == b"PK\x05\x06"  # no archive comment, so the record is the last bytes
    (offset,) = struct.unpack("<I", eocd[16:20])
    return offset


def _central_entry(path: Path, member: str) -> int:
    """Offset of a member's entry in the central directory."""
    raw = path.read_bytes()
    position = _central_directory(path)
    while raw[position : position + 4] == b"PK\x01\x02":
        name_length, extra_length, comment_length = struct.unpack(
            "<HHH", raw[position + 28 : position + 34]
        )
        name = raw[position + 46 : position + 46 + name_length].decode("ascii")
        if name == member:
            return position
        position += 46 + name_length + extra_length + comment_length
    raise AssertionError(f"{member} is not in the central directory")


def _flip_in_member(member: str) -> Damage:
    def damage(path: Path) -> None:
        start, size = _member_data(path, member)
        _flip(path, start + size // 2)

    return damage


def _flip_local_header(member: str, field_offset: int) -> Damage:
    return lambda path: _flip(path, _local_header(path, member) + field_offset)


def _flip_central_entry(member: str, field_offset: int) -> Damage:
    return lambda path: _flip(path, _central_entry(path, member) + field_offset)


def _flip_end_record(field_offset: int) -> Damage:
    return lambda path: _flip(path, path.stat().st_size - EOCD_SIZE + field_offset)


def _truncate(keep: Callable[[Path], int]) -> Damage:
    def damage(path: Path) -> None:
        path.write_bytes(path.read_bytes()[: keep(path)])

    return damage


#: Local header: signature at 0, CRC at 14, name at 30. Central entry: signature at 0,
#: CRC at 16, name at 46. End record: signature at 0, central directory offset at 16.
ZIP_DAMAGE: dict[str, Damage] = {
    "database local header signature": _flip_local_header(DATABASE_FILE_NAME, 0),
    "database local header name": _flip_local_header(DATABASE_FILE_NAME, 30),
    "database contents": _flip_in_member(DATABASE_FILE_NAME),
    "database first page": lambda path: _flip(path, _member_data(path, DATABASE_FILE_NAME)[0]),
    "key file local header signature": _flip_local_header(KEY_FILE_NAME, 0),
    "key file local header name": _flip_local_header(KEY_FILE_NAME, 30),
    "key file contents": _flip_in_member(KEY_FILE_NAME),
    "manifest local header signature": _flip_local_header(backups.MANIFEST, 0),
    "manifest contents": _flip_in_member(backups.MANIFEST),
    "central directory entry signature": _flip_central_entry(DATABASE_FILE_NAME, 0),
    "central directory database CRC": _flip_central_entry(DATABASE_FILE_NAME, 16),
    "central directory key file CRC": _flip_central_entry(KEY_FILE_NAME, 16),
    "central directory key file name": _flip_central_entry(KEY_FILE_NAME, 46),
    "central directory manifest CRC": _flip_central_entry(backups.MANIFEST, 16),
    "end record signature": _flip_end_record(0),
    "end record central directory offset": _flip_end_record(16),
    "truncated by one byte": _truncate(lambda path: path.stat().st_size - 1),
    "truncated to half": _truncate(lambda path: path.stat().st_size // 2),
    "truncated before the central directory": _truncate(_central_directory),
    "truncated inside the database": _truncate(
        lambda path: sum(_member_data(path, DATABASE_FILE_NAME)) - 4096
    ),
}


PEOPLE = 40


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """One store for the module (a failed backup leaves it as it was), with a good backup."""
    opened, _code = Store.create(tmp_path_factory.mktemp("data"), TEST_PASSPHRASE)
    for index in range(PEOPLE):
        opened.people.add(Person(f"Given{index:02d}", "Sample", language="es"))
    backups.make_backup(opened)
    yield opened
    opened.close()


@pytest.fixture
def good_backup(filled: Store, tmp_path: Path) -> Path:
    """A copy of the module's good backup, to damage."""
    [original] = backups.list_backups(backups.backup_folder(filled))
    copy = tmp_path / original.path.name
    copy.write_bytes(original.path.read_bytes())
    return copy


def _folder_names(store: Store) -> list[str]:
    return sorted(path.name for path in backups.backup_folder(store).iterdir())


def _damage_on_the_way(monkeypatch: pytest.MonkeyPatch, damage: Damage) -> None:
    real_check = backups._verify_archive

    def damaged_then_checked(path: Path, *args: object) -> None:
        damage(path)
        real_check(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(backups, "_verify_archive", damaged_then_checked)


def test_the_undamaged_backup_passes_the_check(good_backup: Path) -> None:
    assert backups.inspect_backup(good_backup, TEST_PASSPHRASE).people == PEOPLE


@pytest.mark.parametrize("region", sorted(ZIP_DAMAGE))
def test_damage_anywhere_in_the_archive_fails_verification(
    filled: Store, monkeypatch: pytest.MonkeyPatch, region: str
) -> None:
    before = _folder_names(filled)
    _damage_on_the_way(monkeypatch, ZIP_DAMAGE[region])
    with pytest.raises(backups.BackupFailedError):
        backups.make_backup(filled)
    assert _folder_names(filled) == before  # nothing kept, not even a partial file


def test_a_flipped_byte_in_the_database_on_the_way_is_said_as_a_checksum_mismatch(
    filled: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The zip layer's CRC sees it first: the refusal says so."""
    _damage_on_the_way(monkeypatch, ZIP_DAMAGE["database contents"])
    with pytest.raises(backups.BackupFailedError) as failure:
        backups.make_backup(filled)
    assert failure.value.detail == "archive checksum mismatch"


@pytest.mark.parametrize("region", sorted(ZIP_DAMAGE))
def test_the_check_before_a_restore_refuses_a_damaged_backup(
    good_backup: Path, tmp_path: Path, region: str
) -> None:
    ZIP_DAMAGE[region](good_backup)
    new_laptop = tmp_path / "new-laptop"
    with pytest.raises((backups.BackupFailedError, backups.NotABackupError)):
        restore_backup(new_laptop, good_backup, TEST_PASSPHRASE)
    assert not (new_laptop / DATABASE_FILE_NAME).exists()


# --- damage only SQLite's integrity check can see ---------------------------------------


def _what_queries_see(db_path: Path, key: bytes) -> tuple[int, int, dict[str, list[str]]]:
    """Live people and hearings, and every record table's uids, by plain queries."""
    db = connect(db_path, key)
    try:
        people = db.execute("SELECT count(*) FROM people WHERE deleted_at IS NULL").fetchone()[0]
        hearings = db.execute("SELECT count(*) FROM hearings WHERE deleted_at IS NULL").fetchone()[
            0
        ]
        uids = {
            table: [row[0] for row in db.execute(f"SELECT uid FROM {table} ORDER BY uid")]
            for table in RECORD_TABLES
        }
    finally:
        db.close()
    return int(people), int(hearings), uids


def _page_only_the_integrity_check_sees(database: bytes, key: bytes, scratch: Path) -> int:
    """The first page whose damage leaves every count and uid list readable and right."""
    original = scratch / "original.db"
    original.write_bytes(database)
    db = connect(original, key)
    page_size = int(db.execute("PRAGMA cipher_page_size").fetchone()[0])
    db.close()
    expected = _what_queries_see(original, key)
    for page in range(1, len(database) // page_size):  # page 0 holds the salt and header
        damaged = scratch / f"page-{page}.db"
        data = bytearray(database)
        data[page * page_size + page_size // 2] ^= 0xFF
        damaged.write_bytes(bytes(data))
        try:
            if _what_queries_see(damaged, key) == expected:
                return page * page_size + page_size // 2
        except DatabaseError:
            continue
    raise AssertionError("every damaged page also breaks a plain query")


def _with_database(path: Path, database: bytes) -> None:
    """Rewrite the archive with another database member, CRC and all (a zip check passes)."""
    with zipfile.ZipFile(path) as archive:
        members = [(info, archive.read(info.filename)) for info in archive.infolist()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for info, content in members:
            archive.writestr(info, database if info.filename == DATABASE_FILE_NAME else content)
    path.write_bytes(buffer.getvalue())


def _damage_a_hidden_page(store: Store, scratch: Path) -> Damage:
    def damage(path: Path) -> None:
        with zipfile.ZipFile(path) as archive:
            database = bytearray(archive.read(DATABASE_FILE_NAME))
        offset = _page_only_the_integrity_check_sees(bytes(database), store.database_key, scratch)
        database[offset] ^= 0xFF
        _with_database(path, bytes(database))
        with zipfile.ZipFile(path) as archive:
            assert archive.testzip() is None  # the zip layer sees nothing wrong

    return damage


def test_a_page_only_the_integrity_check_sees_fails_verification(
    filled: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    before = _folder_names(filled)
    _damage_on_the_way(monkeypatch, _damage_a_hidden_page(filled, tmp_path))
    with pytest.raises(backups.BackupFailedError) as failure:
        backups.make_backup(filled)
    assert "records differ" not in failure.value.detail  # refused for the damage itself
    assert _folder_names(filled) == before


def test_the_check_before_a_restore_refuses_a_page_only_the_integrity_check_sees(
    store: Store, data_dir: Path, tmp_path: Path
) -> None:
    for index in range(PEOPLE):
        store.people.add(Person(f"Given{index:02d}", "Sample", language="es"))
    good = backups.make_backup(store)
    _damage_a_hidden_page(store, tmp_path)(good.path)
    with pytest.raises(backups.BackupFailedError) as failure:
        backups.inspect_backup(good.path, TEST_PASSPHRASE)
    assert "records differ" not in failure.value.detail
    with pytest.raises(backups.BackupFailedError):
        restore_backup(data_dir, good.path, TEST_PASSPHRASE, current=store)
    assert len(store.people.list()) == PEOPLE
    assert _folder_names(store) == [good.path.name]  # no before-restore backup either


# --- a sealed backup whose damage only SQLite's integrity check can see -----------------
#
# A flipped byte in an encrypted page fails that page's HMAC, which SQLCipher's own check
# sees whenever the store is opened. Here every page is validly encrypted: an index no
# longer matches its table (a phone number's row moved while the index was hidden), so
# counts, uids, checksums and HMACs are all right and only ``PRAGMA integrity_check`` can
# tell. The manifest is rewritten and sealed for the damaged database, as if the copy had
# been damaged before it was sealed: no other check stands in the way.

STALE_INDEX = "contact_methods_person"


def _make_an_index_stale(db_path: Path, key: bytes) -> None:
    """Move five rows of ``contact_methods`` (same contents, new rowids) behind the back
    of their index."""
    db = connect(db_path, key)
    try:
        sql, root = db.execute(
            "SELECT sql, rootpage FROM sqlite_master WHERE name = ?", [STALE_INDEX]
        ).fetchone()
        db.execute("PRAGMA writable_schema = ON")
        db.execute("DELETE FROM sqlite_master WHERE name = ?", [STALE_INDEX])
        db.conn.commit()
    finally:
        db.close()
    db = connect(db_path, key)  # a new connection no longer knows the index
    try:
        db.execute(
            "UPDATE contact_methods SET id = id + 1000 "
            "WHERE id IN (SELECT id FROM contact_methods ORDER BY id LIMIT 5)"
        )
        db.conn.commit()
        db.execute("PRAGMA writable_schema = ON")
        db.execute(
            "INSERT INTO sqlite_master (type, name, tbl_name, rootpage, sql) "
            "VALUES ('index', ?, 'contact_methods', ?, ?)",
            [STALE_INDEX, root, sql],
        )
        db.conn.commit()
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()


def _seal_with_a_stale_index(store: Store, backup: Path, scratch: Path) -> list[str]:
    """Returns what the integrity check says about the damaged database."""
    with zipfile.ZipFile(backup) as archive:
        database_path = scratch / DATABASE_FILE_NAME
        database_path.write_bytes(archive.read(DATABASE_FILE_NAME))
    before = _what_queries_see(database_path, store.database_key)
    _make_an_index_stale(database_path, store.database_key)
    assert _what_queries_see(database_path, store.database_key) == before
    db = connect(database_path, store.database_key)
    try:
        assert damaged_pages(db) == []  # every page's HMAC is right
        problems = integrity_problems(db)  # only the thorough check sees the damage
    finally:
        db.close()
    assert len(problems) > 3 and all(STALE_INDEX in problem for problem in problems)
    _replace_database_sealed(store, backup, database_path.read_bytes())
    return problems


def _replace_database_sealed(store: Store, backup: Path, database: bytes) -> None:
    """Put ``database`` in ``backup`` with a manifest (its checksum, the same records)
    sealed with the store's key, as if it had been that way when the backup was made."""
    info = backups.read_manifest(backup, store.database_key)
    with zipfile.ZipFile(backup) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    raw = manifest_bytes(
        info.created_at,
        info.reason,
        info.store_id,
        info.people,
        info.hearings,
        hashlib.sha256(database).hexdigest(),
        info.records,
    )
    members |= {
        DATABASE_FILE_NAME: database,
        MANIFEST: raw,
        MANIFEST_MAC: seal(raw, store.database_key),
    }
    with zipfile.ZipFile(backup, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    assert backups.read_manifest(backup, store.database_key).authentic


@dataclass(frozen=True)
class SealedDamage:
    backup: Path
    problems: list[str]


@pytest.fixture
def sealed_damaged_backup(store: Store, tmp_path: Path) -> SealedDamage:
    for index in range(PEOPLE):
        phone = ContactMethod(ContactKind.PHONE, f"(312) 555-01{index:02d}")
        store.people.add(Person(f"Given{index:02d}", "Sample", language="es", contacts=[phone]))
    made = backups.make_backup(store)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    problems = _seal_with_a_stale_index(store, made.path, scratch)
    return SealedDamage(made.path, problems)


def test_inspecting_a_backup_refuses_damage_only_the_integrity_check_sees(
    sealed_damaged_backup: SealedDamage,
) -> None:
    """Planted bug 5 of issue 21 (the check before a restore ignores the integrity check's
    result): nothing else refuses this backup, so the refusal must name the damage."""
    with pytest.raises(backups.BackupFailedError) as failure:
        backups.inspect_backup(sealed_damaged_backup.backup, TEST_PASSPHRASE)
    assert failure.value.detail.split("; ") == sealed_damaged_backup.problems[:3]  # the first three


def test_restoring_a_backup_refuses_damage_only_the_integrity_check_sees(
    store: Store, data_dir: Path, sealed_damaged_backup: SealedDamage
) -> None:
    """Planted bug 5 in the restore's own check of the unpacked copy: refused for the
    damage, the store stays as it was and open, and no before-restore backup is made."""
    with pytest.raises(backups.BackupFailedError) as failure:
        restore_backup(data_dir, sealed_damaged_backup.backup, TEST_PASSPHRASE, current=store)
    assert failure.value.detail.split("; ") == sealed_damaged_backup.problems[:3]
    assert len(store.people.list()) == PEOPLE
    assert _folder_names(store) == [sealed_damaged_backup.backup.name]


def test_a_replaced_store_that_fails_its_own_checks_is_kept_as_files(
    data_dir: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The store being replaced opens, but its before-restore backup fails the integrity
    check: no backup of it can be made, so its files are kept as they are, in the data
    folder's ``backups/``, the restore goes ahead, and the log says why."""
    current, _code = Store.create(data_dir, TEST_PASSPHRASE)
    for index in range(PEOPLE):
        phone = ContactMethod(ContactKind.PHONE, f"(312) 555-01{index:02d}")
        current.people.add(Person(f"Given{index:02d}", "Sample", language="es", contacts=[phone]))
    good = backups.make_backup(current, folder=tmp_path / "usb").path
    key = current.database_key
    current.close()
    _make_an_index_stale(data_dir / DATABASE_FILE_NAME, key)
    with caplog.at_level(logging.WARNING, logger="companion.store.restore"):
        result = restore(data_dir, good, TEST_PASSPHRASE)
    try:
        assert len(result.store.people.list()) == PEOPLE
    finally:
        result.store.close()
    assert result.before_restore_backup is None
    assert result.previous_files is not None
    assert result.previous_files.parent == data_dir / "backups"
    db = connect(result.previous_files / DATABASE_FILE_NAME, key)
    try:
        assert any(STALE_INDEX in problem for problem in integrity_problems(db))
    finally:
        db.close()
    assert [r.getMessage() for r in caplog.records if r.name == "companion.store.restore"] == [
        "the store being replaced fails its checks; its files are kept"
    ]


def _people_with_phones(store: Store) -> None:
    for index in range(PEOPLE):
        phone = ContactMethod(ContactKind.PHONE, f"(312) 555-01{index:02d}")
        store.people.add(Person(f"Given{index:02d}", "Sample", language="es", contacts=[phone]))


def test_a_store_whose_copy_fails_the_integrity_check_is_not_backed_up(
    data_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A stale index in the store itself: the backup is refused, naming the first three
    problems, nothing is left in the backups folder, and the log says earlier backups
    were kept."""
    current, _code = Store.create(data_dir, TEST_PASSPHRASE)
    _people_with_phones(current)
    key = current.database_key
    current.close()
    _make_an_index_stale(data_dir / DATABASE_FILE_NAME, key)
    db = connect(data_dir / DATABASE_FILE_NAME, key)
    try:
        problems = integrity_problems(db)
    finally:
        db.close()
    assert len(problems) > 3
    damaged = Store.open(data_dir, TEST_PASSPHRASE)
    try:
        with pytest.raises(backups.BackupFailedError) as failure:
            backups.make_backup(damaged)
        assert failure.value.detail.split("; ") == problems[:3]
        assert _folder_names(damaged) == []
    finally:
        damaged.close()
    assert [r.getMessage() for r in caplog.records if r.name == "companion.store.backups"] == [
        "backup failed; previous backups kept"
    ]


def test_an_index_made_stale_on_the_way_fails_verification_naming_the_first_three_problems(
    store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The copy was sound; the archive written from it is not (same records, CRCs right):
    only the integrity check of the copy unpacked from the archive sees it."""
    _people_with_phones(store)
    seen: list[str] = []

    def stale_index(path: Path) -> None:
        with zipfile.ZipFile(path) as archive:
            database = tmp_path / DATABASE_FILE_NAME
            database.write_bytes(archive.read(DATABASE_FILE_NAME))
        _make_an_index_stale(database, store.database_key)
        db = connect(database, store.database_key)
        try:
            seen.extend(integrity_problems(db))
        finally:
            db.close()
        _with_database(path, database.read_bytes())

    _damage_on_the_way(monkeypatch, stale_index)
    with pytest.raises(backups.BackupFailedError) as failure:
        backups.make_backup(store)
    assert len(seen) > 3
    assert failure.value.detail.split("; ") == seen[:3]
    assert _folder_names(store) == []


def test_a_sound_database_of_other_records_swapped_in_on_the_way_fails_verification(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The archive holds a whole, valid database of this store, but not the copy just
    made (an older one): the uid digests catch it, naming the tables."""
    store.people.add(Person("Earlier", "Sample", language="es"))
    earlier = backups.make_backup(store, folder=store.folder / "older")
    with zipfile.ZipFile(earlier.path) as archive:
        older_database = archive.read(DATABASE_FILE_NAME)
    store.people.add(Person("Later", "Sample", language="es"))
    _damage_on_the_way(monkeypatch, lambda path: _with_database(path, older_database))
    with pytest.raises(backups.BackupFailedError) as failure:
        backups.make_backup(store)
    lead, _, tables = failure.value.detail.partition(": ")
    assert lead == "records differ from the manifest"
    assert "people" in tables.split(", ")
    assert _folder_names(store) == []


def _page_only_the_record_digests_read(database: bytes, key: bytes, scratch: Path) -> int:
    """The first page whose damage the schema steps and the counts of people and hearings
    do not meet, but reading some record table's uids does."""
    original = scratch / "original.db"
    original.write_bytes(database)
    db = connect(original, key)
    page_size = int(db.execute("PRAGMA cipher_page_size").fetchone()[0])
    db.close()
    for page in range(1, len(database) // page_size):
        damaged = scratch / f"page-{page}.db"
        data = bytearray(database)
        data[page * page_size + page_size // 2] ^= 0xFF
        damaged.write_bytes(bytes(data))
        try:
            db = connect(damaged, key)
        except (DatabaseError, StoreDamagedError):
            continue
        try:
            migrations.applied(db)
            for table in ("people", "hearings"):
                db.execute(f"SELECT count(*) FROM {table} WHERE deleted_at IS NULL").fetchone()
        except DatabaseError:
            db.close()
            continue
        try:
            for table in RECORD_TABLES:
                db.execute(f"SELECT uid FROM {table} ORDER BY uid").fetchall()
        except DatabaseError:
            return page * page_size + page_size // 2
        finally:
            db.close()
    raise AssertionError("no page is read by the record digests alone")


def test_a_damaged_page_of_a_record_table_is_named_by_the_check(
    store: Store, tmp_path: Path
) -> None:
    """A page of a table the counts do not read fails its HMAC: the check names the
    damaged pages, as SQLCipher reports them, rather than the error reading it would raise."""
    _people_with_phones(store)
    made = backups.make_backup(store)
    with zipfile.ZipFile(made.path) as archive:
        database = bytearray(archive.read(DATABASE_FILE_NAME))
    offset = _page_only_the_record_digests_read(bytes(database), store.database_key, tmp_path)
    database[offset] ^= 0xFF
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(bytes(database))
    db = connect(damaged, store.database_key)
    try:
        pages = damaged_pages(db)
    finally:
        db.close()
    assert pages
    _replace_database_sealed(store, made.path, bytes(database))
    with pytest.raises(backups.BackupFailedError) as failure:
        backups.inspect_backup(made.path, TEST_PASSPHRASE)
    assert failure.value.detail.split("; ") == pages[:3]


def test_a_sealed_backup_whose_database_is_not_a_database_is_refused_as_such(
    store: Store, data_dir: Path
) -> None:
    """Its seal and checksum are right, so only opening the database can tell: the
    refusal says which error it was, for the log and for support."""
    made = backups.make_backup(store)
    _replace_database_sealed(store, made.path, b"not a database " * 1024)
    with pytest.raises(backups.BackupFailedError) as inspected:
        backups.inspect_backup(made.path, TEST_PASSPHRASE)
    assert inspected.value.detail == "NotAStoreError"
    with pytest.raises(backups.BackupFailedError) as restoring:
        restore_backup(data_dir, made.path, TEST_PASSPHRASE, current=store)
    assert restoring.value.detail.startswith("NotAStoreError: ")
    assert store.people.list() == []  # the store is still open, as it was


def test_the_copy_a_restore_checks_is_private(
    store: Store, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before it replaces anything, a restore opens a copy of the backup as this app
    would; that copy holds personal data, so its folder is 0700 and its files 0600. So
    are the restore's work folder and every folder in it (the unpacked backup's too)."""
    store.people.add(Person("Quennell", "Sample", language="es"))
    made = backups.make_backup(store)
    modes: dict[str, int] = {}
    work_folders: dict[str, int] = {}
    real_open = Store.open

    def open_and_look(folder: Path, passphrase: str) -> Store:
        if folder.name == "check":
            modes["folder"] = stat.S_IMODE(folder.stat().st_mode)
            for name in (DATABASE_FILE_NAME, KEY_FILE_NAME):
                modes[name] = stat.S_IMODE((folder / name).stat().st_mode)
            for path in [folder.parent, *folder.parent.iterdir()]:
                if path.is_dir():
                    work_folders[path.name] = stat.S_IMODE(path.stat().st_mode)
        return real_open(folder, passphrase)

    monkeypatch.setattr(Store, "open", staticmethod(open_and_look))
    umask = os.umask(0o022)  # the usual default: the restore must not count on the user's
    try:
        restore_backup(data_dir, made.path, TEST_PASSPHRASE, current=store).close()
    finally:
        os.umask(umask)
    assert modes == {"folder": 0o700, DATABASE_FILE_NAME: 0o600, KEY_FILE_NAME: 0o600}
    assert len(work_folders) == 3  # the work folder, the unpacked backup, the check's copy
    assert set(work_folders.values()) == {0o700}, work_folders
