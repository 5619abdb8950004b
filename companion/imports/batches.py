"""Writing a planned import as one batch, and undoing the last one.

An import is one transaction, preceded by a verified backup (reason "before-import") and
recorded in the audit trail as one entry. The batch keeps the uid of every row it added
and the columns before of every row it changed, so *undo* removes the first and puts back
the second: afterwards the record tables are as they were before the import.
"""

from __future__ import annotations

import json
from typing import Any

from companion.domain.models import Case, ContactKind, ContactMethod, Hearing, Person
from companion.imports.errors import NothingToUndoError, RowsHaveErrorsError
from companion.imports.plan import Plan
from companion.store import search
from companion.store.audit import AuditAction
from companion.store.backups import make_backup
from companion.store.identity import new_uid
from companion.store.rows import utc_now_text
from companion.store.store import Store

BACKUP_REASON = "before-import"

#: The tables an import writes, children before parents (the order undo removes in).
TRACKED_TABLES = (
    "attendance",
    "case_people",
    "contact_methods",
    "person_external_ids",
    "hearings",
    "cases",
    "people",
)


def apply_plan(
    store: Store,
    plan: Plan,
    file_name: str,
    mapping_name: str = "",
    skip_bad_rows: bool = False,
) -> int:
    """Write ``plan``; returns the batch id. A plan with rows in error is refused
    (``RowsHaveErrorsError``) unless staff chose to skip those rows."""
    if plan.errors and not skip_bad_rows:
        raise RowsHaveErrorsError(len({error.row for error in plan.errors}))
    make_backup(store, reason=BACKUP_REASON)
    db = store.db
    before: dict[tuple[str, str], dict[str, Any]] = {}

    def keep(table: str, where: str, params: list[object]) -> None:
        cursor = db.execute(f"SELECT * FROM {table} WHERE {where}", params)
        names = [column[0] for column in cursor.description]
        for values in cursor.fetchall():
            row = dict(zip(names, values, strict=True))
            before.setdefault((table, str(row["uid"])), row)

    with db.atomic():
        highest = {
            table: int(db.execute(f"SELECT coalesce(max(rowid), 0) FROM {table}").fetchone()[0])
            for table in TRACKED_TABLES
        }
        batch_id = int(
            db.execute(
                "INSERT INTO import_batches (uid, file_name, mapping_name, summary) "
                "VALUES (?, ?, ?, ?)",
                [new_uid(), file_name, mapping_name, json.dumps(_counts(plan))],
            ).lastrowid
            or 0
        )
        person_ids: dict[tuple[str, ...], int] = {}
        for key, planned in plan.people.items():
            if planned.person_id is None:
                person = Person(
                    given_name=planned.given_name,
                    family_name=planned.family_name,
                    native_name=planned.native_name,
                    role=planned.role,
                    language=planned.language,
                    needs_interpreter=bool(planned.needs_interpreter),
                    notes="\n".join(planned.notes),
                    contacts=_contacts(planned.phone, planned.email),
                )
                store.people.add(person)
                assert person.id is not None
                person_ids[key] = person.id
            else:
                keep("people", "id = ?", [planned.person_id])
                keep("contact_methods", "person_id = ?", [planned.person_id])
                person = store.people.get(planned.person_id)
                known = {contact.value for contact in person.contacts}
                for contact in _contacts(planned.phone, planned.email):
                    if contact.value not in known:
                        person.contacts.append(contact)
                if planned.language != "en" or "language" in planned.notes:
                    person.language = planned.language
                if planned.needs_interpreter is not None:
                    person.needs_interpreter = planned.needs_interpreter
                store.people.update(person)
                person_ids[key] = planned.person_id
            pid = person_ids[key]
            if planned.date_of_birth is not None:
                keep("people", "id = ?", [pid])
                db.execute(
                    "UPDATE people SET date_of_birth = ? WHERE id = ? AND date_of_birth IS NOT ?",
                    [planned.date_of_birth.isoformat(), pid, planned.date_of_birth.isoformat()],
                )
            if planned.external_id:
                db.execute(
                    "INSERT OR IGNORE INTO person_external_ids (uid, person_id, external_id) "
                    "VALUES (?, ?, ?)",
                    [new_uid(), pid, planned.external_id],
                )
        case_ids: dict[str, int] = {}
        for hearing in plan.hearings:
            people = [person_ids[key] for key in hearing.people]
            case_id = hearing.case_id or case_ids.get(hearing.docket_number)
            if case_id is None:
                court = hearing.court or str(
                    db.execute(
                        "SELECT name FROM courthouses WHERE id = ?", [hearing.courthouse_id]
                    ).fetchone()[0]
                )
                case = store.cases.add(Case(hearing.docket_number, court, person_ids=people))
                assert case.id is not None
                case_id = case.id
            case_ids[hearing.docket_number] = case_id
            now = utc_now_text()
            for pid in people:
                db.execute(
                    "INSERT OR IGNORE INTO case_people (case_id, person_id, uid, created_at, "
                    "updated_at) VALUES (?, ?, ?, ?, ?)",
                    [case_id, pid, new_uid(), now, now],
                )
            if hearing.moves_hearing_id is not None:
                keep("hearings", "id = ?", [hearing.moves_hearing_id])
                moved = store.hearings.continue_hearing(
                    hearing.moves_hearing_id, hearing.starts_at, hearing.courtroom or None
                )
                hearing_id = moved.id
            elif hearing.hearing_id is not None:
                hearing_id = hearing.hearing_id
            else:
                new_hearing = store.hearings.add(
                    Hearing(
                        case_id=case_id,
                        courthouse_id=hearing.courthouse_id,
                        starts_at=hearing.starts_at,
                        hearing_type=hearing.hearing_type,
                        courtroom=hearing.courtroom,
                    )
                )
                hearing_id = new_hearing.id
            assert hearing_id is not None
            for key, must in hearing.people.items():
                db.execute(
                    "INSERT OR IGNORE INTO attendance (person_id, hearing_id, must_testify, "
                    "uid, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                    [person_ids[key], hearing_id, int(must), new_uid(), now, now],
                )
        added: set[tuple[str, str]] = set()
        for table in TRACKED_TABLES:
            for (uid,) in db.execute(f"SELECT uid FROM {table} WHERE rowid > ?", [highest[table]]):
                added.add((table, str(uid)))
                db.execute(
                    "INSERT INTO import_batch_items (uid, batch_id, table_name, row_uid, action) "
                    "VALUES (?, ?, ?, ?, 'added')",
                    [new_uid(), batch_id, table, uid],
                )
        for (table, uid), row in before.items():
            if (table, uid) in added:
                continue
            db.execute(
                "INSERT INTO import_batch_items "
                "(uid, batch_id, table_name, row_uid, action, before) "
                "VALUES (?, ?, ?, ?, 'changed', ?)",
                [new_uid(), batch_id, table, uid, json.dumps(row)],
            )
        store.audit.record(AuditAction.IMPORTED, "import_batch", batch_id)
    return batch_id


def _contacts(phone: str, email: str) -> list[ContactMethod]:
    found = []
    if phone:
        found.append(ContactMethod(ContactKind.PHONE, phone))
    if email:
        found.append(ContactMethod(ContactKind.EMAIL, email))
    return found


def _counts(plan: Plan) -> dict[str, int]:
    return {
        "new_people": plan.new_people,
        "updated_people": plan.updated_people,
        "new_cases": plan.new_cases,
        "new_hearings": plan.new_hearings,
        "moved_hearings": plan.moved_hearings,
        "rows_with_errors": len({error.row for error in plan.errors}),
    }


def last_batch(store: Store) -> int | None:
    found = store.db.execute(
        "SELECT max(id) FROM import_batches WHERE undone_at IS NULL"
    ).fetchone()
    return None if found is None or found[0] is None else int(found[0])


def undo_last_import(store: Store) -> int:
    """Remove what the last import added and put back what it changed; returns its id."""
    batch_id = last_batch(store)
    if batch_id is None:
        raise NothingToUndoError()
    db = store.db
    triggers = {
        str(name): str(sql)
        for name, sql in db.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE "
            "'%_row_version'"
        )
    }
    items = list(
        db.execute(
            "SELECT table_name, row_uid, action, before FROM import_batch_items "
            "WHERE batch_id = ? ORDER BY id",
            [batch_id],
        )
    )
    with db.atomic():
        # Rows are put back exactly as they were, their row_version and stamps included:
        # the triggers that raise them on every update stand aside meanwhile.
        for name in triggers:
            db.execute(f"DROP TRIGGER {name}")
        for table, uid, action, before in items:
            if action != "changed":
                continue
            row = json.loads(before)
            columns = [column for column in row if column not in ("id", "uid")]
            assignments = ", ".join(f"{column} = ?" for column in columns)
            db.execute(
                f"UPDATE {table} SET {assignments} WHERE uid = ?",
                [*(row[column] for column in columns), uid],
            )
        for table in TRACKED_TABLES:
            uids = [uid for t, uid, action, _ in items if t == table and action == "added"]
            for start in range(0, len(uids), 500):
                chunk = uids[start : start + 500]
                marks = ", ".join("?" for _ in chunk)
                db.execute(f"DELETE FROM {table} WHERE uid IN ({marks})", chunk)
        for sql in triggers.values():
            db.execute(sql)
        db.execute(
            "UPDATE import_batches SET undone_at = ? WHERE id = ?", [utc_now_text(), batch_id]
        )
        search.rebuild(db)
        store.audit.record(AuditAction.UNDID_IMPORT, "import_batch", batch_id)
    return batch_id
