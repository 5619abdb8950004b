"""Writing a planned import as one batch, and undoing the last one.

An import is one transaction, preceded by a verified backup (reason "before-import") and
recorded in the audit trail as one entry. The batch keeps the uid of every row it added
and the columns before of every row it changed, so *undo* removes the first and puts back
the second: afterwards the record tables are as they were before the import.
"""

from __future__ import annotations

import json

from companion.imports.errors import NothingToUndoError, RowsHaveErrorsError
from companion.imports.plan import Plan
from companion.imports.writing import BatchWriter, insert_rows
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
        before = BatchWriter(store, plan).write()
        for table in TRACKED_TABLES:
            db.execute(
                "INSERT INTO import_batch_rows (uid, batch_id, table_name, row_uids) "
                f"SELECT ?, ?, ?, json_group_array(uid) FROM {table} WHERE rowid > ?",
                [new_uid(), batch_id, table, highest[table]],
            )
        insert_rows(
            db,
            "import_batch_items",
            ("uid", "batch_id", "table_name", "row_uid", "action", "before"),
            [
                [new_uid(), batch_id, table, uid, "changed", json.dumps(row)]
                for (table, uid), row in before.items()
            ],
        )
        store.audit.record(AuditAction.IMPORTED, "import_batch", batch_id)
    return batch_id


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
            # Batches written before m012 kept an item per added row; later ones an array.
            uids = [uid for t, uid, action, _ in items if t == table and action == "added"]
            db.execute(
                f"DELETE FROM {table} WHERE uid IN (SELECT value FROM json_each(?)) "
                "OR uid IN (SELECT a.value FROM import_batch_rows r, json_each(r.row_uids) a "
                "WHERE r.batch_id = ? AND r.table_name = ?)",
                [json.dumps(uids), batch_id, table],
            )
        for sql in triggers.values():
            db.execute(sql)
        db.execute(
            "UPDATE import_batches SET undone_at = ? WHERE id = ?", [utc_now_text(), batch_id]
        )
        search.rebuild(db)
        store.audit.record(AuditAction.UNDID_IMPORT, "import_batch", batch_id)
    return batch_id
