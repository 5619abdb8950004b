"""Cases: a docket at a court, the people in it, and the advocate who follows it."""

from __future__ import annotations

from companion.domain.models import Case
from companion.domain.validation import validate_case
from companion.errors import NotFoundError, ValidationError, ValidationErrors
from companion.store import search
from companion.store.audit import AuditAction
from companion.store.base import Repository
from companion.store.identity import new_uid
from companion.store.rows import case_from_row, case_to_row, utc_now_text
from companion.store.versions import edit_is_current


class CaseRepository(Repository):
    def add(self, case: Case) -> Case:
        validate_case(case)
        self._check_people(case.person_ids)
        case.uid = case.uid or new_uid()
        with self.writing():
            case.id = self.insert("cases", {**case_to_row(case), "uid": case.uid})
            case.row_version = 1
            self._write_people(case, [])
            search.reindex_case(self.db, case.id)
        return case

    def update(self, case: Case) -> Case:
        """Save an edit made from the copy read at ``case.row_version``; a stale one raises
        ``StaleEditError`` and the stored case is kept."""
        if case.id is None:
            raise NotFoundError("case", 0)
        validate_case(case)
        self._check_people(case.person_ids)
        with self.writing():
            old = self.get(case.id)
            case.uid = old.uid
            if not edit_is_current("case", case.id, old, case):
                return old
            case.row_version = self.update_values(
                "cases", case.id, case_to_row(case), case.row_version
            )
            self._write_people(case, old.person_ids)
            search.reindex_case(self.db, case.id)
            for person_id in set(old.person_ids) - set(case.person_ids):
                search.reindex_person(self.db, person_id)
        return case

    def _check_people(self, person_ids: list[int]) -> None:
        for person_id in person_ids:
            if (
                self.scalar("SELECT 1 FROM people WHERE id = ? AND deleted_at IS NULL", [person_id])
                is None
            ):
                raise ValidationErrors([ValidationError("person_ids", "unknown_person", person_id)])

    def _write_people(self, case: Case, before: list[int]) -> None:
        """Links that stay keep their rows (and uids); a link holds nothing but the pair."""
        assert case.id is not None
        for person_id in set(before) - set(case.person_ids):
            self.db.execute(
                "DELETE FROM case_people WHERE case_id = ? AND person_id = ?", [case.id, person_id]
            )
        for person_id in dict.fromkeys(case.person_ids):
            if person_id not in before:
                self.insert("case_people", {"case_id": case.id, "person_id": person_id})

    def _person_ids(self, case_id: int) -> list[int]:
        return [
            int(person_id)
            for (person_id,) in self.db.execute(
                "SELECT person_id FROM case_people WHERE case_id = ? ORDER BY person_id", [case_id]
            ).fetchall()
        ]

    def get(self, case_id: int, include_deleted: bool = False) -> Case:
        row = self.row("SELECT * FROM cases WHERE id = ?", [case_id])
        if row is None or (row["deleted_at"] and not include_deleted):
            raise NotFoundError("case", case_id)
        return case_from_row(row, self._person_ids(case_id))

    def for_person(self, person_id: int) -> list[Case]:
        rows = self.rows(
            "SELECT c.* FROM cases c JOIN case_people cp ON cp.case_id = c.id "
            "WHERE cp.person_id = ? AND c.deleted_at IS NULL ORDER BY c.docket_number",
            [person_id],
        )
        return [case_from_row(row, self._person_ids(row["id"])) for row in rows]

    def list(self) -> list[Case]:
        rows = self.rows("SELECT * FROM cases WHERE deleted_at IS NULL ORDER BY docket_number")
        return [case_from_row(row, self._person_ids(row["id"])) for row in rows]

    def delete(self, case_id: int) -> None:
        """Move the case, and with it its hearings, to the Trash."""
        self.get(case_id)
        with self.writing():
            self.db.execute(
                "UPDATE cases SET deleted_at = ? WHERE id = ?", [utc_now_text(), case_id]
            )
            self.audit.record(AuditAction.DELETED, "case", case_id)
            for person_id in self._person_ids(case_id):
                search.reindex_person(self.db, person_id)
