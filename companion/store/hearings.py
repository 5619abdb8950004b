"""Hearings, who must come to them, and continuances."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

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
from companion.store.identity import new_uid
from companion.store.rows import (
    attendance_from_row,
    hearing_from_row,
    hearing_to_row,
    utc_now_text,
)
from companion.store.versions import edit_is_current


def precise_utc_text() -> str:
    """Now, in UTC to the microsecond (see ``companion.store.outreach``)."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


# Changes that make a calendar entry on the witness's phone out of date.
_CALENDAR_FIELDS = ("starts_at_utc", "timezone", "courthouse_id", "courtroom", "status")


@dataclass(frozen=True)
class OutcomeEntry:
    """One entry of a person's attendance outcome at a hearing; a change is a new entry."""

    id: int
    uid: str
    status: AttendanceStatus
    reason: str
    recorded_at: str
    #: The entry this one corrects, if any.
    corrects_id: int | None


class HearingRepository(Repository):
    def add(self, hearing: Hearing, attendance: list[Attendance] | None = None) -> Hearing:
        validate_hearing(hearing)
        self._check_references(hearing)
        hearing.uid = hearing.uid or new_uid()
        # A new hearing's calendar entry carries its uid; a continued one keeps the entry
        # of the hearing it continues, and hearings stored before m005 keep their own.
        hearing.calendar_uid = hearing.calendar_uid or hearing.uid
        with self.writing():
            hearing.id = self.insert("hearings", {**hearing_to_row(hearing), "uid": hearing.uid})
            hearing.row_version = 1
            for entry in attendance or []:
                entry.hearing_id = hearing.id
                self._write_attendance(entry)
        return hearing

    def update(self, hearing: Hearing) -> Hearing:
        if hearing.id is None:
            raise NotFoundError("hearing", 0)
        validate_hearing(hearing)
        self._check_references(hearing)
        with self.writing():
            old = self.get(hearing.id)
            hearing.uid = old.uid
            hearing.calendar_uid = old.calendar_uid
            hearing.sequence = old.sequence
            if not edit_is_current("hearing", hearing.id, old, hearing):
                return old
            before, after = hearing_to_row(old), hearing_to_row(hearing)
            if any(before[name] != after[name] for name in _CALENDAR_FIELDS):
                hearing.sequence = old.sequence + 1
            values = hearing_to_row(hearing)
            # When its people must be told (the reminder schedule calls them once).
            if before["starts_at_utc"] != values["starts_at_utc"]:
                values["moved_at"] = precise_utc_text()
            if old.status is not HearingStatus.CANCELLED and (
                hearing.status is HearingStatus.CANCELLED
            ):
                values["cancelled_at"] = precise_utc_text()
            hearing.row_version = self.update_values(
                "hearings", hearing.id, values, hearing.row_version
            )
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
                "WHERE a.person_id = ? AND a.deleted_at IS NULL AND h.deleted_at IS NULL "
                "AND c.deleted_at IS NULL "
                "ORDER BY h.starts_at_utc",
                [person_id],
            )
        ]

    # --- attendance -----------------------------------------------------------------

    def _write_attendance(self, entry: Attendance) -> None:
        """Add or change one person's attendance (bringing it back from the Trash if it
        was removed): the row, and its uid, stay the same for the same person and hearing."""
        now = utc_now_text()
        self.db.execute(
            "INSERT INTO attendance (person_id, hearing_id, must_testify, status, reason, "
            "uid, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (person_id, hearing_id) DO UPDATE SET "
            "must_testify = excluded.must_testify, status = excluded.status, "
            "reason = excluded.reason, deleted_at = NULL "
            "WHERE must_testify IS NOT excluded.must_testify OR status IS NOT excluded.status "
            "OR reason IS NOT excluded.reason OR deleted_at IS NOT NULL",
            [
                entry.person_id,
                entry.hearing_id,
                int(entry.must_testify),
                entry.status.value,
                entry.reason,
                entry.uid or new_uid(),
                now,
                now,
            ],
        )

    def _attendance(self, person_id: int, hearing_id: int) -> Attendance | None:
        row = self.row(
            "SELECT * FROM attendance WHERE person_id = ? AND hearing_id = ? "
            "AND deleted_at IS NULL",
            [person_id, hearing_id],
        )
        return attendance_from_row(row) if row else None

    def set_attendance(self, entry: Attendance) -> Attendance:
        """Save one person's attendance, edited from the copy read at ``entry.row_version``.

        A stale edit raises ``StaleEditError`` and keeps what is stored. An outcome
        (attended, missed), and any later change of it, is also appended to the hearing's
        outcome history, each change pointing to the entry it corrects.
        """
        hearing = self.get(entry.hearing_id)
        if entry.status.is_outcome and hearing.starts_at > dt.datetime.now(dt.UTC):
            raise ValidationErrors([ValidationError("status", "outcome_before_hearing")])
        if entry.status is AttendanceStatus.MISSED and not entry.reason.strip():
            raise ValidationErrors([ValidationError("reason", "required")])
        if self.scalar("SELECT 1 FROM people WHERE id = ?", [entry.person_id]) is None:
            raise NotFoundError("person", entry.person_id)
        with self.writing():
            stored = self._attendance(entry.person_id, entry.hearing_id)
            if stored is not None and not edit_is_current(
                "attendance", entry.hearing_id, stored, entry
            ):
                return stored
            self._write_attendance(entry)
            if self._outcome_changed(stored, entry):
                self._append_outcome(entry)
            saved = self._attendance(entry.person_id, entry.hearing_id)
        assert saved is not None
        entry.uid, entry.row_version = saved.uid, saved.row_version
        return saved

    @staticmethod
    def _outcome_changed(stored: Attendance | None, entry: Attendance) -> bool:
        was_outcome = stored is not None and stored.status.is_outcome
        if not (entry.status.is_outcome or was_outcome):
            return False
        return stored is None or (stored.status, stored.reason) != (entry.status, entry.reason)

    def _append_outcome(self, entry: Attendance) -> None:
        corrects = self.scalar(
            "SELECT max(id) FROM attendance_outcomes WHERE person_id = ? AND hearing_id = ?",
            [entry.person_id, entry.hearing_id],
        )
        self.insert(
            "attendance_outcomes",
            {
                "person_id": entry.person_id,
                "hearing_id": entry.hearing_id,
                "status": entry.status.value,
                "reason": entry.reason,
                "corrects_id": corrects,
            },
        )

    def outcomes(self, hearing_id: int, person_id: int) -> list[OutcomeEntry]:
        """The outcome history of one person at one hearing, oldest first."""
        return [
            OutcomeEntry(
                id=row["id"],
                uid=row["uid"],
                status=AttendanceStatus(row["status"]),
                reason=row["reason"],
                recorded_at=row["recorded_at"],
                corrects_id=row["corrects_id"],
            )
            for row in self.rows(
                "SELECT * FROM attendance_outcomes WHERE hearing_id = ? AND person_id = ? "
                "ORDER BY id",
                [hearing_id, person_id],
            )
        ]

    def remove_attendance(self, person_id: int, hearing_id: int) -> None:
        """Take a person off a hearing; the row goes to the Trash (its outcome history stays)."""
        with self.writing():
            self.db.execute(
                "UPDATE attendance SET deleted_at = ? "
                "WHERE person_id = ? AND hearing_id = ? AND deleted_at IS NULL",
                [utc_now_text(), person_id, hearing_id],
            )

    def attendance_for(self, hearing_id: int) -> list[Attendance]:
        return [
            attendance_from_row(row)
            for row in self.rows(
                "SELECT a.* FROM attendance a JOIN people p ON p.id = a.person_id "
                "WHERE a.hearing_id = ? AND a.deleted_at IS NULL AND p.deleted_at IS NULL "
                "ORDER BY a.person_id",
                [hearing_id],
            )
        ]

    def attendance_of(self, person_id: int) -> list[Attendance]:
        return [
            attendance_from_row(row)
            for row in self.rows(
                "SELECT a.* FROM attendance a JOIN hearings h ON h.id = a.hearing_id "
                "WHERE a.person_id = ? AND a.deleted_at IS NULL AND h.deleted_at IS NULL "
                "ORDER BY h.starts_at_utc",
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
            new.uid = new_uid()
            new.id = self.insert("hearings", {**hearing_to_row(new), "uid": new.uid})
            new.row_version = 1
            for entry in self.attendance_for(hearing_id):
                self._write_attendance(Attendance(entry.person_id, new.id, entry.must_testify))
        return new

    def continued_to(self, hearing_id: int) -> Hearing | None:
        """The hearing this one was continued to, if any."""
        row = self.row(
            "SELECT * FROM hearings WHERE continued_from_id = ? AND deleted_at IS NULL "
            "ORDER BY id DESC LIMIT 1",
            [hearing_id],
        )
        return hearing_from_row(row) if row is not None else None

    def current(self, hearing_id: int) -> Hearing:
        """The latest hearing of a continuation chain: ``hearing_id`` itself unless it was
        continued, else the hearing it was continued to, followed to the end."""
        hearing = self.get(hearing_id)
        seen = {hearing_id}
        while hearing.status is HearingStatus.CONTINUED:
            following = self.continued_to(hearing.id or 0)
            if following is None or following.id in seen:
                break
            seen.add(following.id or 0)
            hearing = following
        return hearing

    def earlier(self, hearing: Hearing) -> list[Hearing]:
        """The hearings ``hearing`` was continued from, the most recent first."""
        found: list[Hearing] = []
        seen = {hearing.id}
        previous_id = hearing.continued_from_id
        while previous_id is not None and previous_id not in seen:
            seen.add(previous_id)
            row = self.row(
                "SELECT * FROM hearings WHERE id = ? AND deleted_at IS NULL", [previous_id]
            )
            if row is None:
                break
            previous = hearing_from_row(row)
            found.append(previous)
            previous_id = previous.continued_from_id
        return found

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
