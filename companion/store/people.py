"""People: victims and witnesses, with their safe ways to be reached."""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from typing import Any

from companion.domain.models import ContactMethod, Person, Role
from companion.domain.validation import validate_person
from companion.errors import NotFoundError
from companion.store import search
from companion.store.audit import AuditAction
from companion.store.base import Repository
from companion.store.identity import new_uid
from companion.store.rows import (
    contact_from_row,
    contact_to_row,
    person_from_row,
    person_to_row,
    utc_now_text,
)
from companion.store.versions import edit_is_current


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
    id: int = 0
    uid: str = ""
    person_id: int = 0
    #: The entry this one corrects, if it is a correction.
    corrects_id: int | None = None


_HISTORY = (
    "SELECT id, uid, person_id, at, kind, hearing_id, detail, corrects_id FROM person_history"
)


def _history_entry(row: dict[str, Any]) -> HistoryEntry:
    return HistoryEntry(
        at=row["at"],
        kind=row["kind"],
        hearing_id=row["hearing_id"],
        detail=row["detail"],
        id=row["id"],
        uid=row["uid"],
        person_id=row["person_id"],
        corrects_id=row["corrects_id"],
    )


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
        person.uid = person.uid or new_uid()
        with self.writing():
            person.id = self.insert("people", {**person_to_row(person), "uid": person.uid})
            person.row_version = 1
            self._write_contacts(person, [])
            search.reindex_person(self.db, person.id)
        return person

    def update(self, person: Person) -> Person:
        """Save an edit of ``person`` made from the copy read at ``person.row_version``.

        Raises ``StaleEditError`` (and keeps the stored person) when it changed since.
        """
        if person.id is None:
            raise NotFoundError("person", 0)
        validate_person(person)
        with self.writing():
            stored = self.get(person.id)
            person.uid = stored.uid
            if not edit_is_current("person", person.id, stored, person):
                return stored
            self.update_row(person)
        return person

    def update_row(self, person: Person) -> None:
        assert person.id is not None
        person.row_version = self.update_values(
            "people", person.id, person_to_row(person), person.row_version
        )
        stored = [
            contact_from_row(row)
            for row in self.rows(
                "SELECT * FROM contact_methods WHERE person_id = ? AND deleted_at IS NULL",
                [person.id],
            )
        ]
        self._write_contacts(person, stored)
        search.reindex_person(self.db, person.id)

    def _write_contacts(self, person: Person, stored: builtins.list[ContactMethod]) -> None:
        """Contacts keep their rows (and uids) by id; new ones are added, dropped ones go to
        the Trash with their person's next emptying."""
        assert person.id is not None
        by_id = {contact.id: contact for contact in stored}
        for position, contact in enumerate(person.contacts):
            row = contact_to_row(contact, person.id, position)
            old = by_id.pop(contact.id, None) if contact.id is not None else None
            if old is None:
                contact.uid = new_uid()
                contact.id = self.insert("contact_methods", {**row, "uid": contact.uid})
                continue
            contact.uid = old.uid
            self.db.execute(
                "UPDATE contact_methods SET "
                + "".join(f"{column} = ?, " for column in row)
                + "updated_at = ? WHERE id = ? AND ("
                + " OR ".join(f"{column} IS NOT ?" for column in row)
                + ")",
                [*row.values(), utc_now_text(), contact.id, *row.values()],
            )
        for dropped in by_id:
            self.db.execute(
                "UPDATE contact_methods SET deleted_at = ? WHERE id = ?", [utc_now_text(), dropped]
            )

    def get(self, person_id: int, include_deleted: bool = False) -> Person:
        row = self.row("SELECT * FROM people WHERE id = ?", [person_id])
        if row is None or (row["deleted_at"] and not include_deleted):
            raise NotFoundError("person", person_id)
        contacts = [
            contact_from_row(contact)
            for contact in self.rows(
                "SELECT * FROM contact_methods WHERE person_id = ? AND deleted_at IS NULL "
                "ORDER BY position",
                [person_id],
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
    ) -> HistoryEntry:
        """Append an entry to the person's history. Entries are never changed or removed."""
        with self.writing():
            entry_id = self.insert(
                "person_history",
                {"person_id": person_id, "kind": kind, "hearing_id": hearing_id, "detail": detail},
            )
        return self.history_entry(entry_id)

    def correct_history(self, entry_id: int, detail: str) -> HistoryEntry:
        """Correct an entry by appending a new one that points to it; the old one stays."""
        old = self.history_entry(entry_id)
        with self.writing():
            new_id = self.insert(
                "person_history",
                {
                    "person_id": old.person_id,
                    "kind": old.kind,
                    "hearing_id": old.hearing_id,
                    "detail": detail,
                    "corrects_id": old.id,
                },
            )
        return self.history_entry(new_id)

    def history_entry(self, entry_id: int) -> HistoryEntry:
        row = self.row(f"{_HISTORY} WHERE id = ?", [entry_id])
        if row is None:
            raise NotFoundError("history", entry_id)
        return _history_entry(row)

    def history(self, person_id: int) -> builtins.list[HistoryEntry]:
        """The person's history, newest first; corrections and what they correct both show."""
        return [
            _history_entry(row)
            for row in self.rows(
                f"{_HISTORY} WHERE person_id = ? ORDER BY at DESC, id DESC", [person_id]
            )
        ]
