"""What every repository shares: row queries and one-transaction writes."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import Any

from sqlite_utils import Database

from companion.errors import StoreWriteError
from companion.store.audit import AuditTrail
from companion.store.connection import DatabaseError
from companion.store.rows import Row


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
        columns = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        cursor = self.db.execute(
            f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(values.values())
        )
        assert cursor.lastrowid is not None
        return int(cursor.lastrowid)

    def update_values(self, table: str, record_id: int, values: Row) -> None:
        assignments = ", ".join(f"{column} = ?" for column in values)
        self.db.execute(
            f"UPDATE {table} SET {assignments}, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
            "WHERE id = ?",
            [*values.values(), record_id],
        )
