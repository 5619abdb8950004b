"""Hearings, who must come to them, and continuances."""

from __future__ import annotations

import datetime as dt
import uuid

from companion.domain.models import (
    Attendance,
    AttendanceStatus,
    Hearing,
    HearingStatus,
)
from companion.domain.validation import validate_hearing
from companion.errors import NotFoundError, ValidationError, ValidationErrors
from companion.store.audit import AuditAction
from companion.store.base import Repository
from companion.store.rows import (
    attendance_from_row,
    hearing_from_row,
    hearing_to_row,
    utc_now_text,
)

# Changes that make a calendar entry on the witness's phone out of date.
_CALENDAR_FIELDS = ("starts_at_utc", "timezone", "courthouse_id", "courtroom", "status")


class HearingRepository(Repository):
    def add(self, hearing: Hearing, attendance: list[Attendance] | None = None) -> Hearing:
        validate_hearing(hearing)
        self._check_references(hearing)
        if not hearing.calendar_uid:
            hearing.calendar_uid = str(uuid.uuid4())
        with self.writing():
            hearing.id = self.insert("hearings", hearing_to_row(hearing))
            for entry in attendance or []:
                entry.hearing_id = hearing.id
                self._write_attendance(entry)
        return hearing

    def update(self, hearing: Hearing) -> Hearing:
        if hearing.id is None:
            raise NotFoundError("hearing", 0)
        old = self.get(hearing.id)
        validate_hearing(hearing)
        self._check_references(hearing)
        before, after = hearing_to_row(old), hearing_to_row(hearing)
        if any(before[name] != after[name] for name in _CALENDAR_FIELDS):
            hearing.sequence = old.sequence + 1
        hearing.calendar_uid = old.calendar_uid
        with self.writing():
            self.update_values("hearings", hearing.id, hearing_to_row(hearing))
        return hearing

    def _check_references(self, hearing: Hearing) -> None:
        problems = []
        if (
            self.scalar(
                "SELECT 1 FROM cases WHERE id = ? AND deleted_at IS NULL", [hearing.case_id]
            )
            is None
        ):
            problems.append(ValidationError("case_id", "unknown_case", hearing.case_id))
        if (
            self.scalar(
                "SELECT 1 FROM courthouses WHERE id = ? AND deleted_at IS NULL",
                [hearing.courthouse_id],
            )
            is None
        ):
            problems.append(
                ValidationError("courthouse_id", "unknown_courthouse", hearing.courthouse_id)
            )
        if problems:
            raise ValidationErrors(problems)

    def get(self, hearing_id: int, include_deleted: bool = False) -> Hearing:
        row = self.row("SELECT * FROM hearings WHERE id = ?", [hearing_id])
        if row is None or (row["deleted_at"] and not include_deleted):
            raise NotFoundError("hearing", hearing_id)
        return hearing_from_row(row)

    def for_case(self, case_id: int) -> list[Hearing]:
        return [
            hearing_from_row(row)
            for row in self.rows(
                "SELECT * FROM hearings WHERE case_id = ? AND deleted_at IS NULL "
                "ORDER BY starts_at_utc",
                [case_id],
            )
        ]

    def for_person(self, person_id: int) -> list[Hearing]:
        """Every hearing this person takes part in, oldest first (continued ones included)."""
        return [
            hearing_from_row(row)
            for row in self.rows(
                "SELECT h.* FROM hearings h JOIN attendance a ON a.hearing_id = h.id "
                "JOIN cases c ON c.id = h.case_id "
                "WHERE a.person_id = ? AND h.deleted_at IS NULL AND c.deleted_at IS NULL "
                "ORDER BY h.starts_at_utc",
                [person_id],
            )
        ]

    # --- attendance -----------------------------------------------------------------

    def _write_attendance(self, entry: Attendance) -> None:
        self.db.execute(
            "INSERT INTO attendance (person_id, hearing_id, must_testify, status, reason) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (person_id, hearing_id) DO UPDATE SET "
            "must_testify = excluded.must_testify, status = excluded.status, "
            "reason = excluded.reason",
            [
                entry.person_id,
                entry.hearing_id,
                int(entry.must_testify),
                entry.status.value,
                entry.reason,
            ],
        )

    def set_attendance(self, entry: Attendance) -> None:
        hearing = self.get(entry.hearing_id)
        if entry.status.is_outcome and hearing.starts_at > dt.datetime.now(dt.UTC):
            raise ValidationErrors([ValidationError("status", "outcome_before_hearing")])
        if entry.status is AttendanceStatus.MISSED and not entry.reason.strip():
            raise ValidationErrors([ValidationError("reason", "required")])
        if self.scalar("SELECT 1 FROM people WHERE id = ?", [entry.person_id]) is None:
            raise NotFoundError("person", entry.person_id)
        with self.writing():
            self._write_attendance(entry)

    def remove_attendance(self, person_id: int, hearing_id: int) -> None:
        with self.writing():
            self.db.execute(
                "DELETE FROM attendance WHERE person_id = ? AND hearing_id = ?",
                [person_id, hearing_id],
            )

    def attendance_for(self, hearing_id: int) -> list[Attendance]:
        return [
            attendance_from_row(row)
            for row in self.rows(
                "SELECT a.* FROM attendance a JOIN people p ON p.id = a.person_id "
                "WHERE a.hearing_id = ? AND p.deleted_at IS NULL ORDER BY a.person_id",
                [hearing_id],
            )
        ]

    def attendance_of(self, person_id: int) -> list[Attendance]:
        return [
            attendance_from_row(row)
            for row in self.rows(
                "SELECT a.* FROM attendance a JOIN hearings h ON h.id = a.hearing_id "
                "WHERE a.person_id = ? AND h.deleted_at IS NULL ORDER BY h.starts_at_utc",
                [person_id],
            )
        ]

    # --- continuing and cancelling -------------------------------------------------

    def continue_hearing(
        self, hearing_id: int, new_start: dt.datetime, courtroom: str | None = None
    ) -> Hearing:
        """Move a hearing to a new date: the old one stays as history, marked continued.

        The new hearing keeps the case, courthouse, type and people (their answers reset
        to "not yet known"), links back to the old one, and keeps its calendar entry so a
        witness's phone updates rather than showing two dates.
        """
        old = self.get(hearing_id)
        if old.status is not HearingStatus.SCHEDULED:
            raise ValidationErrors([ValidationError("status", "not_scheduled", old.status.value)])
        new = Hearing(
            case_id=old.case_id,
            courthouse_id=old.courthouse_id,
            starts_at=new_start,
            hearing_type=old.hearing_type,
            courtroom=old.courtroom if courtroom is None else courtroom,
            expected_minutes=old.expected_minutes,
            notes=old.notes,
            continued_from_id=old.id,
            calendar_uid=old.calendar_uid,
            sequence=old.sequence + 1,
        )
        validate_hearing(new)
        with self.writing():
            self.db.execute(
                "UPDATE hearings SET status = 'continued', updated_at = ? WHERE id = ?",
                [utc_now_text(), hearing_id],
            )
            new.id = self.insert("hearings", hearing_to_row(new))
            for entry in self.attendance_for(hearing_id):
                self._write_attendance(Attendance(entry.person_id, new.id, entry.must_testify))
        return new

    def set_status(self, hearing_id: int, status: HearingStatus) -> Hearing:
        hearing = self.get(hearing_id)
        hearing.status = status
        return self.update(hearing)

    def delete(self, hearing_id: int) -> None:
        self.get(hearing_id)
        with self.writing():
            self.db.execute(
                "UPDATE hearings SET deleted_at = ? WHERE id = ?", [utc_now_text(), hearing_id]
            )
            self.audit.record(AuditAction.DELETED, "hearing", hearing_id)
