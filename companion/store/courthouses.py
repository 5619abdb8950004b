"""Courthouses: where hearings happen, in which time zone and jurisdiction."""

from __future__ import annotations

from companion.domain.models import Courthouse, CourthouseNoteKind
from companion.domain.validation import validate_courthouse
from companion.errors import InUseError, NotFoundError
from companion.store import search
from companion.store.audit import AuditAction
from companion.store.base import Repository
from companion.store.identity import new_uid
from companion.store.rows import courthouse_from_row, courthouse_to_row, utc_now_text
from companion.store.versions import edit_is_current


class CourthouseRepository(Repository):
    def add(self, courthouse: Courthouse) -> Courthouse:
        validate_courthouse(courthouse)
        courthouse.uid = courthouse.uid or new_uid()
        with self.writing():
            courthouse.id = self.insert(
                "courthouses", {**courthouse_to_row(courthouse), "uid": courthouse.uid}
            )
            courthouse.row_version = 1
            self._write_notes(courthouse.id, courthouse)
            search.reindex_courthouse(self.db, courthouse.id)
        return courthouse

    def update(self, courthouse: Courthouse) -> Courthouse:
        if courthouse.id is None:
            raise NotFoundError("courthouse", 0)
        validate_courthouse(courthouse)
        with self.writing():
            stored = self.get(courthouse.id)
            courthouse.uid = stored.uid
            if not edit_is_current("courthouse", courthouse.id, stored, courthouse):
                return stored
            courthouse.row_version = self.update_values(
                "courthouses", courthouse.id, courthouse_to_row(courthouse), courthouse.row_version
            )
            self._write_notes(courthouse.id, courthouse)
            search.reindex_courthouse(self.db, courthouse.id)
        return courthouse

    def _write_notes(self, courthouse_id: int, courthouse: Courthouse) -> None:
        """Replace the courthouse's translated notes (inside the caller's transaction)."""
        self.db.execute("DELETE FROM courthouse_notes WHERE courthouse_id = ?", [courthouse_id])
        for language, notes in sorted(courthouse.translated_notes.items()):
            for kind, text in notes.items():
                if text.strip():
                    self.db.execute(
                        "INSERT INTO courthouse_notes (courthouse_id, language, kind, text) "
                        "VALUES (?, ?, ?, ?)",
                        [courthouse_id, language, kind.value, text],
                    )

    def _with_notes(self, courthouse: Courthouse) -> Courthouse:
        notes: dict[str, dict[CourthouseNoteKind, str]] = {}
        for row in self.rows(
            "SELECT language, kind, text FROM courthouse_notes WHERE courthouse_id = ?",
            [courthouse.id],
        ):
            notes.setdefault(row["language"], {})[CourthouseNoteKind(row["kind"])] = row["text"]
        courthouse.translated_notes = notes
        return courthouse

    def get(self, courthouse_id: int, include_deleted: bool = False) -> Courthouse:
        row = self.row("SELECT * FROM courthouses WHERE id = ?", [courthouse_id])
        if row is None or (row["deleted_at"] and not include_deleted):
            raise NotFoundError("courthouse", courthouse_id)
        return self._with_notes(courthouse_from_row(row))

    def list(self) -> list[Courthouse]:
        return [
            self._with_notes(courthouse_from_row(row))
            for row in self.rows(
                "SELECT * FROM courthouses WHERE deleted_at IS NULL ORDER BY name COLLATE NOCASE"
            )
        ]

    def delete(self, courthouse_id: int) -> None:
        """Move to the Trash, unless hearings still take place there."""
        self.get(courthouse_id)
        in_use = self.scalar(
            "SELECT count(*) FROM hearings WHERE courthouse_id = ? AND deleted_at IS NULL",
            [courthouse_id],
        )
        if in_use:
            raise InUseError("courthouse", courthouse_id, int(in_use))
        with self.writing():
            self.db.execute(
                "UPDATE courthouses SET deleted_at = ? WHERE id = ?",
                [utc_now_text(), courthouse_id],
            )
            self.audit.record(AuditAction.DELETED, "courthouse", courthouse_id)
