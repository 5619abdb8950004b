"""A large store for benchmarks: 10,000 people and 50,000 hearings, made quickly.

Rows are written with the store's own row converters (and, on the current schema, its own
insert, which gives each record its uid) inside one transaction, then the search index is
rebuilt, so the result is what the app itself would have stored. The same store can be
made as an older release left it, to time a migration.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlite_utils import Database

from bench.startup import PASSPHRASE  # defined there: the start-up child stays light
from companion.domain.models import (
    Case,
    ContactKind,
    ContactMethod,
    Courthouse,
    Hearing,
    HearingType,
    Person,
    Role,
)
from companion.store import keys, search
from companion.store.base import Repository
from companion.store.connection import connect
from companion.store.files import DATABASE_FILE_NAME
from companion.store.migrations import migrations
from companion.store.rows import (
    Row,
    case_to_row,
    contact_to_row,
    courthouse_to_row,
    hearing_to_row,
    person_to_row,
)
from companion.store.store import Store

_GIVEN = [
    "Ana",
    "Wei",
    "Ahmad",
    "Thảo",
    "Jean",
    "Ji-woo",
    "Olga",
    "Maria",
    "Amina",
    "Claire",
    "José",
    "Li",
    "Fatima",
    "Minh",
    "Pierre",
    "Seo-yeon",
    "Ivan",
    "Rosa",
    "Omar",
    "Lucía",
]
_FAMILY = ["Sample", "Example", "Placeholder", "Demo", "Fiction", "Testcase", "Mock", "Specimen"]
_NATIVE = ["王小明", "陈伟", "أحمد حداد", "박지우", "Ольга Иванова", "林美玲", "", "", "", ""]
_LANGUAGES = ["es", "zh-Hans", "ar", "vi", "ht", "ko", "ru", "tl", "fr", "pt-BR", "zh-Hant", "en"]
_ZONES = ["America/New_York", "America/Chicago", "America/Los_Angeles"]


def build_large_store(folder: Path, people: int = 10_000, hearings: int = 50_000) -> Store:
    store, _ = Store.create(folder, PASSPHRASE)
    _fill(store.db, Repository(store.db).insert, people, hearings)
    return store


def build_large_store_before(
    folder: Path, migration: str, people: int = 10_000, hearings: int = 50_000
) -> None:
    """The same large store as the release before ``migration`` left it, closed: the
    migrations up to it, and rows with only the columns that schema has."""
    folder.mkdir(parents=True)
    database_key = keys.new_database_key()
    keys.KeyFile.create(database_key, PASSPHRASE, keys.new_recovery_code()).save(folder)
    db = connect(folder / DATABASE_FILE_NAME, database_key)
    try:
        migrations.apply(db, stop_before=migration)
        _fill(db, partial(_plain_insert, db), people, hearings)
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()


def _plain_insert(db: Database, table: str, values: Row) -> int:
    """Insert only the columns the older schema has: today's rows carry columns that later
    migrations added (``do_not_contact``, for one), which that schema would refuse."""
    known = _columns(db, table)
    kept = {name: value for name, value in values.items() if name in known}
    columns = ", ".join(kept)
    marks = ", ".join("?" for _ in kept)
    cursor = db.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(kept.values()))
    assert cursor.lastrowid is not None
    return int(cursor.lastrowid)


_COLUMN_CACHE: dict[tuple[int, str], frozenset[str]] = {}


def _columns(db: Database, table: str) -> frozenset[str]:
    key = (id(db), table)
    if key not in _COLUMN_CACHE:
        rows = db.execute(f"PRAGMA table_info({table})").fetchall()
        _COLUMN_CACHE[key] = frozenset(str(row[1]) for row in rows)
    return _COLUMN_CACHE[key]


def _fill(db: Database, insert: Callable[[str, Row], int], people: int, hearings: int) -> None:
    rng = random.Random(2026)
    with db.atomic():
        courthouse_ids = []
        for index, zone in enumerate(_ZONES):
            row = courthouse_to_row(
                Courthouse(f"Benchmark Courthouse {index + 1} (fictional)", "1 Sample Road", zone)
            )
            courthouse_ids.append(insert("courthouses", row))
        person_ids = []
        for index in range(people):
            person = Person(
                rng.choice(_GIVEN),
                f"{rng.choice(_FAMILY)}{index}",
                role=rng.choice(list(Role)),
                native_name=rng.choice(_NATIVE),
                language=rng.choice(_LANGUAGES),
            )
            person_id = insert("people", person_to_row(person))
            contact = ContactMethod(ContactKind.PHONE, f"+1212555{index % 100:04d}")
            insert("contact_methods", contact_to_row(contact, person_id, 0))
            person_ids.append(person_id)
        case_ids = []
        for index, person_id in enumerate(person_ids):
            case_id = insert("cases", case_to_row(Case(f"BENCH-{index:06d}", "Criminal Court")))
            insert("case_people", {"case_id": case_id, "person_id": person_id})
            case_ids.append((case_id, person_id))
        now = dt.datetime.now(dt.UTC)
        for index in range(hearings):
            case_id, person_id = case_ids[index % len(case_ids)]
            courthouse = index % len(_ZONES)
            start = (
                (now + dt.timedelta(hours=rng.randint(-24 * 365, 24 * 365)))
                .astimezone(ZoneInfo(_ZONES[courthouse]))
                .replace(minute=0, second=0, microsecond=0)
            )
            hearing = Hearing(
                case_id,
                courthouse_ids[courthouse],
                start,
                rng.choice(list(HearingType)),
                f"{rng.randint(1, 12)}A",
                calendar_uid=f"bench-{index}",
            )
            hearing_id = insert("hearings", hearing_to_row(hearing))
            insert(
                "attendance",
                {"person_id": person_id, "hearing_id": hearing_id, "must_testify": index % 2},
            )
        search.rebuild(db)
