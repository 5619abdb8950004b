"""People: victims and witnesses, with their safe ways to be reached."""

from __future__ import annotations

import builtins
from dataclasses import dataclass

from companion.domain.models import Person, Role
from companion.domain.validation import validate_person
from companion.errors import NotFoundError
from companion.store import search
from companion.store.audit import AuditAction
from companion.store.base import Repository
from companion.store.rows import (
    contact_from_row,
    contact_to_row,
    person_from_row,
    person_to_row,
    utc_now_text,
)


@dataclass(frozen=True)
class PersonSummary:
    id: int
    given_name: str
    family_name: str
    native_name: str
    language: str
    role: Role

    @property
    def display_name(self) -> str:
        return " ".join(part for part in (self.given_name, self.family_name) if part)


@dataclass(frozen=True)
class HistoryEntry:
    at: str
    kind: str
    hearing_id: int | None
    detail: str


_SUMMARY = "SELECT id, given_name, family_name, native_name, language, role FROM people"
_ORDER = " ORDER BY family_name COLLATE NOCASE, given_name COLLATE NOCASE, id"


def _summary(row: dict[str, object]) -> PersonSummary:
    return PersonSummary(
        id=int(str(row["id"])),
        given_name=str(row["given_name"]),
        family_name=str(row["family_name"]),
        native_name=str(row["native_name"]),
        language=str(row["language"]),
        role=Role(str(row["role"])),
    )


class PeopleRepository(Repository):
    def add(self, person: Person) -> Person:
        validate_person(person)
        with self.writing():
            person.id = self.insert("people", person_to_row(person))
            self._write_contacts(person)
            search.reindex_person(self.db, person.id)
        return person

    def update(self, person: Person) -> Person:
        if person.id is None:
            raise NotFoundError("person", 0)
        self.get(person.id)
        validate_person(person)
        with self.writing():
            self.update_row(person)
        return person

    def update_row(self, person: Person) -> None:
        assert person.id is not None
        self.update_values("people", person.id, person_to_row(person))
        self.db.execute("DELETE FROM contact_methods WHERE person_id = ?", [person.id])
        self._write_contacts(person)
        search.reindex_person(self.db, person.id)

    def _write_contacts(self, person: Person) -> None:
        assert person.id is not None
        for position, contact in enumerate(person.contacts):
            contact.id = self.insert(
                "contact_methods", contact_to_row(contact, person.id, position)
            )

    def get(self, person_id: int, include_deleted: bool = False) -> Person:
        row = self.row("SELECT * FROM people WHERE id = ?", [person_id])
        if row is None or (row["deleted_at"] and not include_deleted):
            raise NotFoundError("person", person_id)
        contacts = [
            contact_from_row(contact)
            for contact in self.rows(
                "SELECT * FROM contact_methods WHERE person_id = ? ORDER BY position", [person_id]
            )
        ]
        return person_from_row(row, contacts)

    def list(self, limit: int | None = None) -> list[PersonSummary]:
        sql = _SUMMARY + " WHERE deleted_at IS NULL" + _ORDER
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [_summary(row) for row in self.rows(sql)]

    def search(self, text: str, limit: int = 500) -> builtins.list[PersonSummary]:
        """People whose names (any script, any spelling), docket numbers or phone numbers
        start with the typed words, best match first (see ``search.match_rank``)."""
        query = search.fts_query(text)
        if query is None:
            return self.list(limit)
        sql = (
            _SUMMARY
            + " WHERE deleted_at IS NULL AND id IN ("
            + search.matching_ids_sql("person")
            + ")"
            + _ORDER
            + f" LIMIT {int(limit)}"
        )
        found = [_summary(row) for row in self.rows(sql, [query])]
        return sorted(
            found,
            key=lambda person: search.match_rank(
                text, person.given_name, person.family_name, person.native_name
            ),
        )

    def count(self) -> int:
        return int(self.scalar("SELECT count(*) FROM people WHERE deleted_at IS NULL"))

    def delete(self, person_id: int) -> None:
        """Move to the Trash; restorable until the Trash is emptied."""
        self.get(person_id)
        with self.writing():
            self.db.execute(
                "UPDATE people SET deleted_at = ? WHERE id = ?", [utc_now_text(), person_id]
            )
            self.audit.record(AuditAction.DELETED, "person", person_id)

    def record_history(
        self, person_id: int, kind: str, hearing_id: int | None = None, detail: str = ""
    ) -> None:
        with self.writing():
            self.insert(
                "person_history",
                {"person_id": person_id, "kind": kind, "hearing_id": hearing_id, "detail": detail},
            )

    def history(self, person_id: int) -> builtins.list[HistoryEntry]:
        return [
            HistoryEntry(row["at"], row["kind"], row["hearing_id"], row["detail"])
            for row in self.rows(
                "SELECT at, kind, hearing_id, detail FROM person_history WHERE person_id = ? "
                "ORDER BY at DESC, id DESC",
                [person_id],
            )
        ]
