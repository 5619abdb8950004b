"""A large store for benchmarks: 10,000 people and 50,000 hearings, made quickly.

Rows are written with the store's own row converters inside one transaction, then
the search index is rebuilt, so the result is what the app itself would have stored.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

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
from companion.store import search
from companion.store.rows import (
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
    rng = random.Random(2026)
    store, _ = Store.create(folder, PASSPHRASE)
    db = store.db
    with db.atomic():
        courthouse_ids = []
        for index, zone in enumerate(_ZONES):
            row = courthouse_to_row(
                Courthouse(f"Benchmark Courthouse {index + 1} (fictional)", "1 Sample Road", zone)
            )
            courthouse_ids.append(store.people.insert("courthouses", row))
        person_ids = []
        for index in range(people):
            person = Person(
                rng.choice(_GIVEN),
                f"{rng.choice(_FAMILY)}{index}",
                role=rng.choice(list(Role)),
                native_name=rng.choice(_NATIVE),
                language=rng.choice(_LANGUAGES),
            )
            person_id = store.people.insert("people", person_to_row(person))
            contact = ContactMethod(ContactKind.PHONE, f"+1212555{index % 100:04d}")
            store.people.insert("contact_methods", contact_to_row(contact, person_id, 0))
            person_ids.append(person_id)
        case_ids = []
        for index, person_id in enumerate(person_ids):
            case_id = store.people.insert(
                "cases", case_to_row(Case(f"BENCH-{index:06d}", "Criminal Court"))
            )
            db.execute("INSERT INTO case_people VALUES (?, ?)", [case_id, person_id])
            case_ids.append((case_id, person_id))
        now = dt.datetime.now(dt.UTC)
        for index in range(hearings):
            case_id, person_id = case_ids[index % len(case_ids)]
            courthouse = index % len(_ZONES)
            start = (
                (now + dt.timedelta(hours=rng.randint(-24 * 365, 24 * 365)))
                .astimezone(__import__("zoneinfo").ZoneInfo(_ZONES[courthouse]))
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
            hearing_id = store.people.insert("hearings", hearing_to_row(hearing))
            db.execute(
                "INSERT INTO attendance (person_id, hearing_id, must_testify) VALUES (?, ?, ?)",
                [person_id, hearing_id, index % 2],
            )
        search.rebuild(db)
    return store
