"""The Trash: deleted people, cases, hearings and courthouses, until it is emptied."""

from __future__ import annotations

from dataclasses import dataclass

from companion.errors import NotFoundError
from companion.store import search
from companion.store.audit import AuditAction
from companion.store.base import Repository

_TABLES = {
    "person": "people",
    "case": "cases",
    "hearing": "hearings",
    "courthouse": "courthouses",
}


@dataclass(frozen=True)
class TrashItem:
    kind: str
    id: int
    label: str
    deleted_at: str


class TrashRepository(Repository):
    def items(self) -> list[TrashItem]:
        queries = (
            (
                "person",
                "SELECT id, trim(given_name || ' ' || family_name) AS label, deleted_at "
                "FROM people",
            ),
            ("case", "SELECT id, docket_number AS label, deleted_at FROM cases"),
            (
                "hearing",
                "SELECT h.id, c.docket_number || ' ' || h.local_start AS label, "
                "h.deleted_at FROM hearings h JOIN cases c ON c.id = h.case_id",
            ),
            ("courthouse", "SELECT id, name AS label, deleted_at FROM courthouses"),
        )
        found: list[TrashItem] = []
        for kind, sql in queries:
            alias = "h." if kind == "hearing" else ""
            for row in self.rows(sql + f" WHERE {alias}deleted_at IS NOT NULL"):
                found.append(TrashItem(kind, row["id"], row["label"], row["deleted_at"]))
        return sorted(found, key=lambda item: item.deleted_at, reverse=True)

    def count(self) -> int:
        return len(self.items())

    def restore(self, kind: str, record_id: int) -> None:
        table = _TABLES[kind]
        if (
            self.scalar(
                f"SELECT 1 FROM {table} WHERE id = ? AND deleted_at IS NOT NULL", [record_id]
            )
            is None
        ):
            raise NotFoundError(kind, record_id)
        with self.writing():
            self.db.execute(f"UPDATE {table} SET deleted_at = NULL WHERE id = ?", [record_id])
            self.audit.record(AuditAction.RESTORED, kind, record_id)
            if kind == "person":
                search.reindex_person(self.db, record_id)
            elif kind == "case":
                search.reindex_case(self.db, record_id)

    def empty(self) -> int:
        """Delete everything in the Trash for good, in one transaction. Returns how many."""
        removed = 0
        with self.writing():
            # Hearings of trashed courthouses cannot exist (see CourthouseRepository.delete).
            for kind in ("hearing", "case", "person", "courthouse"):
                table = _TABLES[kind]
                ids = [
                    record_id
                    for (record_id,) in self.db.execute(
                        f"SELECT id FROM {table} WHERE deleted_at IS NOT NULL"
                    ).fetchall()
                ]
                for record_id in ids:
                    if kind in search.KIND_CODES:
                        search.reindex(self.db, kind, record_id, None)
                    self.db.execute(f"DELETE FROM {table} WHERE id = ?", [record_id])
                removed += len(ids)
            # Contacts and attendance taken off their person or hearing (not counted: they
            # are parts of records, not records of their own in the Trash list).
            for table in ("contact_methods", "attendance"):
                self.db.execute(f"DELETE FROM {table} WHERE deleted_at IS NOT NULL")
            self.audit.record(AuditAction.EMPTIED_TRASH, detail=str(removed))
        return removed
