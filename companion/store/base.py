"""What every repository shares: row queries and one-transaction writes."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import Any

from companion.errors import AppendOnlyError, NotFoundError, StaleEditError, StoreWriteError
from companion.store.audit import AuditTrail
from companion.store.connection import DatabaseError
from companion.store.database import Database
from companion.store.identity import (
    APPEND_ONLY_TABLES,
    RECORD_TABLES,
    STORE_STAMPED_TABLES,
    new_uid,
)
from companion.store.rows import Row, utc_now_text


class Repository:
    def __init__(self, db: Database, audit: AuditTrail | None = None) -> None:
        self.db = db
        self.audit = audit or AuditTrail(db)

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        cursor = self.db.execute(sql, list(params))
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]

    def row(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        found = self.rows(sql, params)
        return found[0] if found else None

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        found = self.db.execute(sql, list(params)).fetchone()
        return found[0] if found else None

    @contextlib.contextmanager
    def writing(self) -> Iterator[Database]:
        """One transaction: all of it is stored, or none of it.

        A failure of the disk (full, read-only, gone) becomes ``StoreWriteError``;
        the transaction is rolled back, so nothing already stored is touched.
        """
        try:
            with self.db.atomic():
                yield self.db
        except DatabaseError as error:
            raise StoreWriteError(type(error).__name__ + ": " + str(error)) from error

    def insert(self, table: str, values: Row) -> int:
        """Insert one row; a record gets a new ``uid`` unless ``values`` brings its own."""
        if table in RECORD_TABLES and not values.get("uid"):
            values = {**values, "uid": new_uid()}
        if table in STORE_STAMPED_TABLES:
            now = utc_now_text()
            values = {"created_at": now, "updated_at": now, **values}
        columns = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        cursor = self.db.execute(
            f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(values.values())
        )
        assert cursor.lastrowid is not None
        return int(cursor.lastrowid)

    def uid_of(self, table: str, rowid: int) -> str:
        return str(self.scalar(f"SELECT uid FROM {table} WHERE rowid = ?", [rowid]))

    def update_values(self, table: str, record_id: int, values: Row, read_version: int) -> int:
        """Update one record if it is still at ``read_version``; returns its new version.

        Callers check the version first (``refuse_stale``) to say what changed; the
        ``WHERE`` here makes the check and the write one step all the same.
        """
        if table in APPEND_ONLY_TABLES:
            raise AppendOnlyError(table)
        assignments = "".join(f"{column} = ?, " for column in values)
        cursor = self.db.execute(
            f"UPDATE {table} SET {assignments}row_version = row_version + 1, "
            f"updated_at = ? WHERE id = ? AND row_version = ?",
            [*values.values(), utc_now_text(), record_id, read_version],
        )
        if cursor.rowcount != 1:
            current = self.scalar(f"SELECT row_version FROM {table} WHERE id = ?", [record_id])
            if current is None:
                raise NotFoundError(table, record_id)
            raise StaleEditError(table, record_id, read_version, int(current), [])
        return read_version + 1
