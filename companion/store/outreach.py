"""Outreach in the store: the contact log, needs per hearing, the reminder schedule and
who is due for a call. Every write is one transaction with its audit entry (record
numbers, never names).
"""

from __future__ import annotations

import builtins
import datetime as dt
import json
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from companion.domain.models import AttendanceStatus, ContactKind, ContactMethod, HearingStatus
from companion.errors import NotFoundError, StaleEditError, ValidationError, ValidationErrors
from companion.outreach.model import (
    ContactAttempt,
    ContactChannel,
    ContactOutcome,
    DueReason,
    HearingNeed,
    NeedKind,
    NeedStatus,
)
from companion.outreach.schedule import (
    SCHEDULE_SETTING,
    AttemptSeen,
    HearingTimeline,
    ReminderSchedule,
    due_reason,
    validate_schedule,
)
from companion.store.audit import AuditAction
from companion.store.base import Repository
from companion.store.rows import Row, contact_from_row, hearing_start, utc_now_text

#: The person-history kind of a logged attempt; its detail is the outcome's value.
CONTACT_LOGGED = "contact_logged"

#: What an outcome writes into the person's attendance at the hearing.
_ATTENDANCE_FROM_OUTCOME = {
    ContactOutcome.CONFIRMED: AttendanceStatus.CONFIRMED,
    ContactOutcome.DECLINED: AttendanceStatus.DECLINED,
}

_MAX_NOTE = 2000


def _utc(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def _utc_text(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def precise_utc_text(moment: dt.datetime | None = None) -> str:
    """A UTC instant to the microsecond: a call logged just after a hearing was moved or
    cancelled must sort after it."""
    moment = moment or dt.datetime.now(dt.UTC)
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _attempt(row: Row) -> ContactAttempt:
    return ContactAttempt(
        id=row["id"],
        uid=row["uid"],
        person_id=row["person_id"],
        hearing_id=row["hearing_id"],
        at=_utc(row["at"]),
        staff_name=row["staff_name"],
        channel=ContactChannel(row["method"]),
        outcome=ContactOutcome(row["outcome"]),
        note=row["note"],
        corrects_id=row["corrects_id"],
    )


def _need(row: Row) -> HearingNeed:
    return HearingNeed(
        id=row["id"],
        uid=row["uid"],
        person_id=row["person_id"],
        hearing_id=row["hearing_id"],
        kind=NeedKind(row["kind"]),
        status=NeedStatus(row["status"]),
        language=row["language"],
        note=row["note"],
        row_version=row["row_version"],
    )


@dataclass(frozen=True)
class CallPhone:
    value: str
    ok_to_text: bool
    ok_to_voicemail: bool
    voicemail_details: bool
    safe_hours_start: dt.time | None
    safe_hours_end: dt.time | None

    def safe_at(self, moment: dt.time) -> bool:
        """Whether ``moment`` (local) is inside the safe hours; no hours set means any time."""
        start, end = self.safe_hours_start, self.safe_hours_end
        if start is None or end is None:
            return True
        if start <= end:
            return start <= moment < end
        return moment >= start or moment < end  # hours across midnight


@dataclass(frozen=True)
class CallItem:
    """One person due for a call about one hearing, with what the caller needs in view."""

    person_id: int
    person_uid: str
    hearing_id: int
    hearing_uid: str
    display_name: str
    native_name: str
    language: str
    needs_interpreter: bool
    starts_at: dt.datetime
    hearing_status: HearingStatus
    courthouse_name: str
    courtroom: str
    reason: DueReason
    phones: list[CallPhone] = field(default_factory=list)
    last_contact: ContactAttempt | None = None
    needs: list[HearingNeed] = field(default_factory=list)
    #: The day of the list at the hearing's courthouse (for "no answer yesterday").
    on: dt.date | None = None


class OutreachRepository(Repository):
    # --- the contact log ------------------------------------------------------------

    def log_contact(
        self,
        person_id: int,
        hearing_id: int | None,
        outcome: ContactOutcome,
        channel: ContactChannel = ContactChannel.PHONE,
        note: str = "",
        who: str = "",
        at: dt.datetime | None = None,
        corrects_id: int | None = None,
    ) -> ContactAttempt:
        """Log one attempt: it goes into the contact log, the person's history and the
        audit trail, and (in the same transaction) into attendance where the outcome says
        so; "asked not to be contacted" sets the person's flag.

        A correction (``corrects_id``) is a new attempt; what the old one did to the
        attendance is not undone, the new outcome is applied like any other.
        """
        note = note.strip()
        if len(note) > _MAX_NOTE:
            raise ValidationErrors([ValidationError("note", "too_long", _MAX_NOTE)])
        moment = at or dt.datetime.now(dt.UTC)
        with self.writing():
            if (
                self.scalar("SELECT 1 FROM people WHERE id = ? AND deleted_at IS NULL", [person_id])
                is None
            ):
                raise NotFoundError("person", person_id)
            if hearing_id is not None and (
                self.scalar(
                    "SELECT 1 FROM attendance WHERE person_id = ? AND hearing_id = ? "
                    "AND deleted_at IS NULL",
                    [person_id, hearing_id],
                )
                is None
            ):
                raise NotFoundError("hearing", hearing_id)
            if corrects_id is not None and (
                self.scalar(
                    "SELECT 1 FROM contact_attempts WHERE id = ? AND person_id = ?",
                    [corrects_id, person_id],
                )
                is None
            ):
                raise NotFoundError("contact", corrects_id)
            attempt_id = self.insert(
                "contact_attempts",
                {
                    "person_id": person_id,
                    "hearing_id": hearing_id,
                    "at": precise_utc_text(moment),
                    "staff_name": who,
                    "method": channel.value,
                    "outcome": outcome.value,
                    "note": note,
                    "corrects_id": corrects_id,
                },
            )
            self.insert(
                "person_history",
                {
                    "person_id": person_id,
                    "kind": CONTACT_LOGGED,
                    "hearing_id": hearing_id,
                    "detail": outcome.value,
                    "at": _utc_text(moment),
                },
            )
            self.audit.record(
                AuditAction.LOGGED_CONTACT,
                "person",
                person_id,
                f"attempt {attempt_id} hearing {hearing_id or '-'} {outcome.value}",
            )
            status = _ATTENDANCE_FROM_OUTCOME.get(outcome)
            if status is not None and hearing_id is not None:
                self._set_attendance_from_call(person_id, hearing_id, status)
            if outcome is ContactOutcome.DO_NOT_CONTACT:
                self._write_do_not_contact(person_id, True)
            row = self.row("SELECT * FROM contact_attempts WHERE id = ?", [attempt_id])
        assert row is not None
        return _attempt(row)

    def _set_attendance_from_call(
        self, person_id: int, hearing_id: int, status: AttendanceStatus
    ) -> None:
        """Confirmed or declined, before the hearing; an outcome after it stays as it is.
        The row's version is raised like any edit, so an editor open on it sees a stale
        edit rather than overwriting the answer."""
        row = self.row(
            "SELECT status, row_version FROM attendance WHERE person_id = ? AND hearing_id = ?",
            [person_id, hearing_id],
        )
        assert row is not None
        if AttendanceStatus(row["status"]).is_outcome or row["status"] == status.value:
            return
        cursor = self.db.execute(
            "UPDATE attendance SET status = ?, row_version = row_version + 1, updated_at = ? "
            "WHERE person_id = ? AND hearing_id = ? AND row_version = ?",
            [status.value, utc_now_text(), person_id, hearing_id, row["row_version"]],
        )
        if cursor.rowcount != 1:
            raise StaleEditError("attendance", hearing_id, row["row_version"], 0, [])

    def _write_do_not_contact(self, person_id: int, value: bool) -> None:
        self.db.execute(
            "UPDATE people SET do_not_contact = ?, row_version = row_version + 1, updated_at = ? "
            "WHERE id = ? AND do_not_contact IS NOT ?",
            [int(value), utc_now_text(), person_id, int(value)],
        )

    def set_do_not_contact(self, person_id: int, value: bool) -> None:
        """Set or clear the flag by hand (a person who asked to be called again)."""
        with self.writing():
            if self.scalar("SELECT 1 FROM people WHERE id = ?", [person_id]) is None:
                raise NotFoundError("person", person_id)
            self._write_do_not_contact(person_id, value)
            self.audit.record(
                AuditAction.CHANGED_DO_NOT_CONTACT, "person", person_id, "on" if value else "off"
            )

    def do_not_contact(self, person_id: int) -> bool:
        return bool(self.scalar("SELECT do_not_contact FROM people WHERE id = ?", [person_id]))

    def do_not_contact_ids(self) -> set[int]:
        """Everyone who asked not to be contacted, for views that show the mark by a name."""
        return {
            int(row["id"]) for row in self.rows("SELECT id FROM people WHERE do_not_contact = 1")
        }

    def attempts(
        self, person_id: int, hearing_id: int | None = None, include_corrected: bool = False
    ) -> builtins.list[ContactAttempt]:
        """A person's attempts, oldest first; an attempt that was corrected is left out
        (its correction stands in its place) unless ``include_corrected``."""
        sql = "SELECT * FROM contact_attempts WHERE person_id = ?"
        params: list[object] = [person_id]
        if hearing_id is not None:
            sql += " AND hearing_id = ?"
            params.append(hearing_id)
        if not include_corrected:
            sql += (
                " AND id NOT IN (SELECT corrects_id FROM contact_attempts "
                "WHERE corrects_id IS NOT NULL)"
            )
        return [_attempt(row) for row in self.rows(sql + " ORDER BY at, id", params)]

    def last_contact(self, person_id: int, hearing_id: int | None = None) -> ContactAttempt | None:
        found = self.attempts(person_id, hearing_id)
        return found[-1] if found else None

    # --- needs ----------------------------------------------------------------------

    def set_need(self, need: HearingNeed) -> HearingNeed:
        """Add a need, or save an edit of one read at ``need.row_version`` (one need of
        each kind per person and hearing). A stale edit raises ``StaleEditError``."""
        need.language = need.language.strip()
        need.note = need.note.strip()
        if len(need.note) > _MAX_NOTE:
            raise ValidationErrors([ValidationError("note", "too_long", _MAX_NOTE)])
        with self.writing():
            if (
                self.scalar(
                    "SELECT 1 FROM attendance WHERE person_id = ? AND hearing_id = ? "
                    "AND deleted_at IS NULL",
                    [need.person_id, need.hearing_id],
                )
                is None
            ):
                raise NotFoundError("hearing", need.hearing_id)
            stored = self.row(
                "SELECT * FROM hearing_needs WHERE person_id = ? AND hearing_id = ? AND kind = ?",
                [need.person_id, need.hearing_id, need.kind.value],
            )
            values = {
                "status": need.status.value,
                "language": need.language,
                "note": need.note,
                "deleted_at": None,
            }
            if stored is None:
                need.id = self.insert(
                    "hearing_needs",
                    {
                        "person_id": need.person_id,
                        "hearing_id": need.hearing_id,
                        "kind": need.kind.value,
                        **values,
                    },
                )
                need.row_version = 1
            else:
                read = need.row_version or stored["row_version"]
                if read != stored["row_version"] and any(
                    stored[name] != value for name, value in values.items()
                ):
                    raise StaleEditError("need", stored["id"], read, stored["row_version"], [])
                need.id = stored["id"]
                need.row_version = self.update_values(
                    "hearing_needs", stored["id"], values, stored["row_version"]
                )
            self.audit.record(
                AuditAction.CHANGED_NEED,
                "person",
                need.person_id,
                f"hearing {need.hearing_id} {need.kind.value} {need.status.value}",
            )
            row = self.row("SELECT * FROM hearing_needs WHERE id = ?", [need.id])
        assert row is not None
        return _need(row)

    def remove_need(self, person_id: int, hearing_id: int, kind: NeedKind) -> None:
        """Take a need off (recorded by mistake); it goes to the Trash."""
        with self.writing():
            self.db.execute(
                "UPDATE hearing_needs SET deleted_at = ? WHERE person_id = ? AND hearing_id = ? "
                "AND kind = ? AND deleted_at IS NULL",
                [utc_now_text(), person_id, hearing_id, kind.value],
            )
            self.audit.record(
                AuditAction.CHANGED_NEED, "person", person_id, f"hearing {hearing_id} {kind} off"
            )

    def needs(
        self,
        person_id: int | None = None,
        hearing_id: int | None = None,
        only_open: bool = False,
    ) -> builtins.list[HearingNeed]:
        """Needs of a person, of a hearing, or of a person at a hearing, in kind order."""
        sql = "SELECT * FROM hearing_needs WHERE deleted_at IS NULL"
        params: list[object] = []
        if person_id is not None:
            sql += " AND person_id = ?"
            params.append(person_id)
        if hearing_id is not None:
            sql += " AND hearing_id = ?"
            params.append(hearing_id)
        if only_open:
            sql += " AND status = 'open'"
        order = {kind.value: index for index, kind in enumerate(NeedKind)}
        found = [_need(row) for row in self.rows(sql + " ORDER BY hearing_id, person_id", params)]
        return sorted(found, key=lambda need: (need.hearing_id, need.person_id, order[need.kind]))

    # --- the schedule -----------------------------------------------------------------

    def schedule(self) -> ReminderSchedule:
        value = self.scalar("SELECT value FROM settings WHERE key = ?", [SCHEDULE_SETTING])
        if value is None:
            return ReminderSchedule()
        return ReminderSchedule.from_setting(json.loads(value))

    def set_schedule(self, schedule: ReminderSchedule) -> ReminderSchedule:
        schedule = validate_schedule(schedule)
        with self.writing():
            self.db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [SCHEDULE_SETTING, json.dumps(schedule.to_setting())],
            )
            self.audit.record(
                AuditAction.CHANGED_SCHEDULE,
                detail=",".join(str(days) for days in schedule.days_before),
            )
        return schedule

    def calls(
        self, on: dt.date | None = None, now: dt.datetime | None = None
    ) -> builtins.list[CallItem]:
        """Everyone due for a call, by hearing time then name.

        Every day is counted at the hearing's courthouse, like the steps and the contacts:
        the list's day is ``on`` (a day there), else the day it is there at ``now`` (by
        default this instant). The computer's own zone plays no part: at 01:20 UTC it is
        still the evening before in Chicago."""
        schedule = self.schedule()
        moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
        earliest = (
            dt.datetime.combine(on, dt.time(0), dt.UTC) - dt.timedelta(days=1)
            if on is not None
            else moment - dt.timedelta(days=2)
        )
        rows = self.rows(
            "SELECT a.person_id, a.hearing_id, a.created_at AS added_at, "
            "p.uid AS person_uid, p.given_name, p.family_name, p.native_name, p.language, "
            "p.needs_interpreter, p.do_not_contact, h.uid AS hearing_uid, h.starts_at_utc, "
            "h.timezone, h.status, h.created_at AS hearing_created_at, h.moved_at, "
            "h.cancelled_at, h.continued_from_id, h.courtroom, ch.name AS courthouse_name "
            "FROM attendance a JOIN people p ON p.id = a.person_id "
            "JOIN hearings h ON h.id = a.hearing_id JOIN cases c ON c.id = h.case_id "
            "JOIN courthouses ch ON ch.id = h.courthouse_id "
            "WHERE a.deleted_at IS NULL AND p.deleted_at IS NULL AND h.deleted_at IS NULL "
            "AND c.deleted_at IS NULL AND p.do_not_contact = 0 "
            "AND a.status NOT IN ('attended', 'missed') "
            "AND h.status IN ('scheduled', 'cancelled') AND h.starts_at_utc >= ?",
            [_utc_text(earliest)],
        )
        items = []
        for row in rows:
            zone = ZoneInfo(row["timezone"])
            starts_at = hearing_start(row)
            day = on if on is not None else moment.astimezone(zone).date()

            def local_day(text: str | None, zone: ZoneInfo = zone) -> dt.date | None:
                return _utc(text).astimezone(zone).date() if text else None

            scheduled_on = local_day(max(row["added_at"], row["hearing_created_at"]))
            assert scheduled_on is not None
            moved = row["moved_at"]
            if row["continued_from_id"] is not None:
                moved = max(filter(None, (moved, row["hearing_created_at"])))
            cancelled = row["cancelled_at"] if row["status"] == HearingStatus.CANCELLED else None
            timeline = HearingTimeline(
                hearing_on=starts_at.date(),
                scheduled_on=scheduled_on,
                moved_on=local_day(moved),
                cancelled_on=local_day(cancelled),
                moved_at=_utc(moved) if moved else None,
                cancelled_at=_utc(cancelled) if cancelled else None,
            )
            attempts = self.attempts(row["person_id"], row["hearing_id"])
            seen = [
                AttemptSeen(attempt.at.astimezone(zone).date(), attempt.outcome, attempt.at)
                for attempt in attempts
            ]
            reason = due_reason(timeline, seen, day, schedule)
            if reason is None:
                continue
            items.append(
                CallItem(
                    person_id=row["person_id"],
                    person_uid=row["person_uid"],
                    hearing_id=row["hearing_id"],
                    hearing_uid=row["hearing_uid"],
                    display_name=" ".join(
                        part for part in (row["given_name"], row["family_name"]) if part
                    ),
                    native_name=row["native_name"],
                    language=row["language"],
                    needs_interpreter=bool(row["needs_interpreter"]),
                    starts_at=starts_at,
                    hearing_status=HearingStatus(row["status"]),
                    courthouse_name=row["courthouse_name"],
                    courtroom=row["courtroom"],
                    reason=reason,
                    phones=self._phones(row["person_id"]),
                    last_contact=self.last_contact(row["person_id"]),
                    needs=self.needs(row["person_id"], row["hearing_id"], only_open=True),
                    on=day,
                )
            )
        return sorted(items, key=lambda item: (item.starts_at, item.display_name, item.person_id))

    def _phones(self, person_id: int) -> builtins.list[CallPhone]:
        contacts: list[ContactMethod] = [
            contact_from_row(row)
            for row in self.rows(
                "SELECT * FROM contact_methods WHERE person_id = ? AND deleted_at IS NULL "
                "AND kind = ? ORDER BY position",
                [person_id, ContactKind.PHONE.value],
            )
        ]
        return [
            CallPhone(
                value=contact.value,
                ok_to_text=contact.ok_to_text,
                ok_to_voicemail=contact.ok_to_voicemail,
                voicemail_details=contact.voicemail_details,
                safe_hours_start=contact.safe_hours_start,
                safe_hours_end=contact.safe_hours_end,
            )
            for contact in contacts
        ]
