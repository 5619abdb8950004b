"""Writing a planned import in bulk: hundreds of rows to a statement, ids given up front.

The store runs SQLCipher with memory security on: every allocation SQLite makes is
locked in memory and wiped when freed. Each run of a statement then costs far more than
on plain SQLite (a CHECK with an IN list builds a small table per row run, a trigger a
frame), so rows are written many to a statement, what the batch needs is read once, and
the search index is brought up to date once at the end. The caller holds the
transaction; nothing here commits.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from companion.domain.models import Case, Hearing, Person
from companion.errors import StoreWriteError
from companion.imports.plan import (
    HearingPlan,
    PersonPlan,
    Plan,
    new_contacts,
    stored_person_changes,
)
from companion.store import search
from companion.store.database import Database
from companion.store.identity import new_uid
from companion.store.rows import case_to_row, contact_to_row, hearing_to_row, person_to_row
from companion.store.store import Store

#: Rows per INSERT: enough to spread a statement's own cost, few enough that its
#: distinct values stay in few allocations.
ROWS_PER_STATEMENT = 100

Before = dict[tuple[str, str], dict[str, Any]]


def insert_rows(
    db: Database,
    table: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[object]],
    skip_existing: bool = False,
) -> None:
    """Insert ``rows`` (values in ``columns`` order), many to a statement.

    A value that repeats within a statement (a stamp, a role, an empty note) is bound
    once and named by number: SQLite copies each bound text, and with memory security
    every copy is a locked allocation. With ``skip_existing`` a row already there (the
    same link, the same external id) is left out; without it any broken rule raises,
    and the caller's transaction is undone.
    """
    verb = "INSERT OR IGNORE" if skip_existing else "INSERT"
    head = f"{verb} INTO {table} ({', '.join(columns)}) VALUES "
    for start in range(0, len(rows), ROWS_PER_STATEMENT):
        numbers: dict[tuple[type, object], int] = {}
        params: list[object] = []
        tuples = []
        for row in rows[start : start + ROWS_PER_STATEMENT]:
            marks = []
            for value in row:
                key = (type(value), value)
                if key not in numbers:
                    params.append(value)
                    numbers[key] = len(params)
                marks.append(f"?{numbers[key]}")
            tuples.append("(" + ", ".join(marks) + ")")
        db.execute(head + ", ".join(tuples), params)


#: The record tables a batch adds rows to.
WRITTEN_TABLES = (
    "people",
    "contact_methods",
    "person_external_ids",
    "cases",
    "case_people",
    "hearings",
    "attendance",
)
_RULE = re.compile(r"\bWHEN\s+(.*?)\s+BEGIN\b", re.DOTALL)


@contextlib.contextmanager
def uid_rules_checked_once(db: Database, tables: Sequence[str]) -> Iterator[None]:
    """While a batch inserts, the triggers that refuse a row without a uid or its stamps
    stand aside, and their very rule is then checked once over the rows added; a row
    that breaks it raises ``StoreWriteError`` and the caller's transaction is undone
    (the triggers with it: SQLite's schema changes are part of the transaction).

    A trigger runs per row, and with memory security each run costs several locked
    allocations: a fifth of a large import's time went to these checks.
    """
    marks = ", ".join("?" for _ in tables)
    triggers = [
        (str(table), str(name), str(sql))
        for table, name, sql in db.execute(
            f"SELECT tbl_name, name, sql FROM sqlite_master WHERE type = 'trigger' "
            f"AND name LIKE '%\\_uid\\_required' ESCAPE '\\' AND tbl_name IN ({marks})",
            list(tables),
        )
    ]
    highest = {
        table: int(db.execute(f"SELECT coalesce(max(rowid), 0) FROM {table}").fetchone()[0])
        for table, _, _ in triggers
    }
    for _, name, _ in triggers:
        db.execute(f"DROP TRIGGER {name}")
    yield
    for table, _, sql in triggers:
        rule = _RULE.search(sql)
        assert rule is not None, sql
        condition = rule.group(1).replace("NEW.", "")
        broken = db.execute(
            f"SELECT count(*) FROM {table} WHERE rowid > ? AND ({condition})", [highest[table]]
        ).fetchone()[0]
        if broken:
            raise StoreWriteError(f"{table}: {broken} new rows without a uid or stamps")
        db.execute(sql)


def ids_json(ids: Iterable[int]) -> str:
    """Ids as one JSON parameter, for ``IN (SELECT value FROM json_each(?))``."""
    return json.dumps(sorted(set(ids)))


def _rows_by(db: Database, sql: str, ids: Iterable[int]) -> list[dict[str, Any]]:
    cursor = db.execute(sql, [ids_json(ids)])
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]


def _next_id(db: Database, table: str) -> int:
    return int(db.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()[0])


class BatchWriter:
    """Writes one plan into the store's open transaction."""

    def __init__(self, store: Store, plan: Plan) -> None:
        self.store = store
        self.db = store.db
        self.plan = plan
        self.now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        #: The columns before the import of every stored row it changes.
        self.before: Before = {}
        self.person_ids: dict[tuple[str, ...], int] = {}
        #: People whose search entry must be rebuilt (new, or with new contacts or cases).
        self.reindex_people: set[int] = set()
        self.new_case_ids: list[int] = []

    def write(self) -> Before:
        with uid_rules_checked_once(self.db, WRITTEN_TABLES):
            self._people()
            case_ids = self._cases()
            self._hearings(case_ids)
        self._reindex()
        return self.before

    # --- people -----------------------------------------------------------------------

    def _people(self) -> None:
        plan_people = list(self.plan.people.items())
        stored_ids = [p.person_id for _, p in plan_people if p.person_id is not None]
        stored = {
            int(row["id"]): row
            for row in _rows_by(
                self.db,
                "SELECT * FROM people WHERE id IN (SELECT value FROM json_each(?))",
                stored_ids,
            )
        }
        contacts: dict[int, list[str]] = {}
        for row in _rows_by(
            self.db,
            "SELECT person_id, value FROM contact_methods WHERE deleted_at IS NULL "
            "AND person_id IN (SELECT value FROM json_each(?)) ORDER BY position",
            stored_ids,
        ):
            contacts.setdefault(int(row["person_id"]), []).append(str(row["value"]))
        next_id = _next_id(self.db, "people")
        people_rows: list[list[object]] = []
        people_columns: list[str] = []
        contact_rows: list[list[object]] = []
        contact_columns: list[str] = []
        external_rows: list[list[object]] = []
        for key, planned in plan_people:
            if planned.person_id is None:
                person_id = next_id
                next_id += 1
                row = self._new_person_row(planned, person_id)
                people_columns = list(row)
                people_rows.append(list(row.values()))
                known: list[str] = []
            else:
                person_id = planned.person_id
                known = contacts.get(person_id, [])
                self._update_person(planned, stored[person_id], known)
            self.person_ids[key] = person_id
            fresh = new_contacts(planned, known)
            for position, contact in enumerate(fresh, start=len(known)):
                values = {
                    **contact_to_row(contact, person_id, position),
                    "uid": new_uid(),
                    "created_at": self.now,
                    "updated_at": self.now,
                }
                contact_columns = list(values)
                contact_rows.append(list(values.values()))
            if fresh or planned.person_id is None:
                self.reindex_people.add(person_id)
            if planned.external_id:
                external_rows.append(
                    [new_uid(), person_id, planned.external_id, self.now, self.now]
                )
        insert_rows(self.db, "people", people_columns, people_rows)
        insert_rows(self.db, "contact_methods", contact_columns, contact_rows)
        insert_rows(
            self.db,
            "person_external_ids",
            ("uid", "person_id", "external_id", "created_at", "updated_at"),
            external_rows,
            skip_existing=True,
        )

    def _new_person_row(self, planned: PersonPlan, person_id: int) -> dict[str, object]:
        person = Person(
            given_name=planned.given_name,
            family_name=planned.family_name,
            native_name=planned.native_name,
            role=planned.role,
            language=planned.language,
            needs_interpreter=bool(planned.needs_interpreter),
            notes="\n".join(planned.notes),
        )
        born = planned.date_of_birth
        return {
            "id": person_id,
            "uid": new_uid(),
            **person_to_row(person),
            "date_of_birth": born.isoformat() if born else None,
            "created_at": self.now,
            "updated_at": self.now,
        }

    def _update_person(self, planned: PersonPlan, row: dict[str, Any], known: list[str]) -> None:
        """A stored person takes the file's language, interpreter need and birth date
        where the file gives them, and gains its new phone or email (added by the caller)."""
        changes = stored_person_changes(planned, row)
        gains_contact = bool(new_contacts(planned, known))
        if not changes and not gains_contact:
            return
        self.before.setdefault(("people", str(row["uid"])), row)
        assignments = "".join(f"{column} = ?, " for column in changes)
        self.db.execute(
            f"UPDATE people SET {assignments}row_version = row_version + 1, updated_at = ? "
            "WHERE id = ?",
            [*changes.values(), self.now, row["id"]],
        )

    # --- cases and hearings -------------------------------------------------------------

    def _cases(self) -> dict[str, int]:
        case_ids: dict[str, int] = {}
        next_id = _next_id(self.db, "cases")
        case_rows: list[list[object]] = []
        columns: list[str] = []
        for hearing in self.plan.hearings:
            docket = hearing.docket_number
            if docket in case_ids:
                continue
            if hearing.case_id is not None:
                case_ids[docket] = hearing.case_id
                continue
            case_ids[docket] = next_id
            self.new_case_ids.append(next_id)
            values = {
                "id": next_id,
                "uid": new_uid(),
                **case_to_row(Case(docket, hearing.court)),
                "created_at": self.now,
                "updated_at": self.now,
            }
            columns = list(values)
            case_rows.append(list(values.values()))
            next_id += 1
        insert_rows(self.db, "cases", columns, case_rows)
        linked = {
            (int(row["case_id"]), int(row["person_id"]))
            for row in _rows_by(
                self.db,
                "SELECT case_id, person_id FROM case_people "
                "WHERE case_id IN (SELECT value FROM json_each(?))",
                case_ids.values(),
            )
        }
        links: list[list[object]] = []
        for hearing in self.plan.hearings:
            case_id = case_ids[hearing.docket_number]
            for key in hearing.people:
                pair = (case_id, self.person_ids[key])
                if pair not in linked:
                    linked.add(pair)
                    links.append([case_id, pair[1], new_uid(), self.now, self.now])
                    self.reindex_people.add(pair[1])
        insert_rows(
            self.db,
            "case_people",
            ("case_id", "person_id", "uid", "created_at", "updated_at"),
            links,
            skip_existing=True,
        )
        return case_ids

    def _hearings(self, case_ids: dict[str, int]) -> None:
        moving = [h.moves_hearing_id for h in self.plan.hearings if h.moves_hearing_id]
        for row in _rows_by(
            self.db, "SELECT * FROM hearings WHERE id IN (SELECT value FROM json_each(?))", moving
        ):
            self.before.setdefault(("hearings", str(row["uid"])), row)
        hearing_ids: list[tuple[HearingPlan, int]] = []
        for hearing in self.plan.hearings:
            if hearing.moves_hearing_id is not None:
                moved = self.store.hearings.continue_hearing(
                    hearing.moves_hearing_id, hearing.starts_at, hearing.courtroom or None
                )
                assert moved.id is not None
                hearing_ids.append((hearing, moved.id))
            elif hearing.hearing_id is not None:
                hearing_ids.append((hearing, hearing.hearing_id))
        next_id = _next_id(self.db, "hearings")
        rows: list[list[object]] = []
        columns: list[str] = []
        for hearing in self.plan.hearings:
            if hearing.moves_hearing_id is not None or hearing.hearing_id is not None:
                continue
            uid = new_uid()
            record = Hearing(
                case_id=case_ids[hearing.docket_number],
                courthouse_id=hearing.courthouse_id,
                starts_at=hearing.starts_at,
                hearing_type=hearing.hearing_type,
                courtroom=hearing.courtroom,
                calendar_uid=uid,
            )
            values = {
                "id": next_id,
                "uid": uid,
                **hearing_to_row(record),
                "created_at": self.now,
                "updated_at": self.now,
            }
            columns = list(values)
            rows.append(list(values.values()))
            hearing_ids.append((hearing, next_id))
            next_id += 1
        insert_rows(self.db, "hearings", columns, rows)
        attendance = [
            [self.person_ids[key], hearing_id, int(must), new_uid(), self.now, self.now]
            for hearing, hearing_id in hearing_ids
            for key, must in hearing.people.items()
        ]
        insert_rows(
            self.db,
            "attendance",
            ("person_id", "hearing_id", "must_testify", "uid", "created_at", "updated_at"),
            attendance,
            skip_existing=True,
        )

    # --- search -----------------------------------------------------------------------

    def _reindex(self) -> None:
        bodies = {
            search.index_rowid("person", person_id): ("person", person_id, body)
            for person_id, body in search.person_bodies(self.db, self.reindex_people).items()
        }
        for row in _rows_by(
            self.db,
            "SELECT id, docket_number, court FROM cases "
            "WHERE id IN (SELECT value FROM json_each(?))",
            self.new_case_ids,
        ):
            body = search.index_body([row["docket_number"], row["court"]])
            bodies[search.index_rowid("case", int(row["id"]))] = ("case", int(row["id"]), body)
        self.db.execute(
            "DELETE FROM search_index WHERE rowid IN (SELECT value FROM json_each(?))",
            [ids_json(bodies)],
        )
        insert_rows(
            self.db,
            "search_index",
            ("rowid", "kind", "record_id", "body"),
            [[rowid, *entry] for rowid, entry in bodies.items() if entry[2]],
        )
