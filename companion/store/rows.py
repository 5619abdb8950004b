"""Converting between database rows and domain records."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from companion.domain.models import (
    Attendance,
    AttendanceStatus,
    Case,
    CaseStatus,
    ContactKind,
    ContactMethod,
    Courthouse,
    Hearing,
    HearingStatus,
    HearingType,
    Person,
    Role,
)

Row = dict[str, Any]


def utc_now_text() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _timestamp(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def _clock(text: str | None) -> dt.time | None:
    return dt.time.fromisoformat(text) if text else None


def _clock_text(value: dt.time | None) -> str | None:
    return value.strftime("%H:%M") if value else None


def person_to_row(person: Person) -> Row:
    return {
        "role": person.role.value,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "native_name": person.native_name,
        "language": person.language,
        "needs_interpreter": int(person.needs_interpreter),
        "alternate_name": person.alternate_name,
        "alternate_relationship": person.alternate_relationship,
        "alternate_phone": person.alternate_phone,
        "notes": person.notes,
        "do_not_contact": int(person.do_not_contact),
    }


def person_from_row(row: Row, contacts: list[ContactMethod]) -> Person:
    return Person(
        id=row["id"],
        role=Role(row["role"]),
        given_name=row["given_name"],
        family_name=row["family_name"],
        native_name=row["native_name"],
        language=row["language"],
        needs_interpreter=bool(row["needs_interpreter"]),
        alternate_name=row["alternate_name"],
        alternate_relationship=row["alternate_relationship"],
        alternate_phone=row["alternate_phone"],
        notes=row["notes"],
        do_not_contact=bool(row.get("do_not_contact", 0)),
        contacts=contacts,
        deleted_at=_timestamp(row["deleted_at"]),
        uid=row["uid"],
        row_version=row["row_version"],
    )


def contact_to_row(contact: ContactMethod, person_id: int, position: int) -> Row:
    return {
        "person_id": person_id,
        "position": position,
        "kind": contact.kind.value,
        "value": contact.value,
        "ok_to_text": int(contact.ok_to_text),
        "ok_to_voicemail": int(contact.ok_to_voicemail),
        "safe_hours_start": _clock_text(contact.safe_hours_start),
        "safe_hours_end": _clock_text(contact.safe_hours_end),
        "note": contact.note,
        "voicemail_details": int(contact.voicemail_details),
    }


def contact_from_row(row: Row) -> ContactMethod:
    return ContactMethod(
        id=row["id"],
        kind=ContactKind(row["kind"]),
        value=row["value"],
        ok_to_text=bool(row["ok_to_text"]),
        ok_to_voicemail=bool(row["ok_to_voicemail"]),
        safe_hours_start=_clock(row["safe_hours_start"]),
        safe_hours_end=_clock(row["safe_hours_end"]),
        note=row["note"],
        voicemail_details=bool(row.get("voicemail_details", 0)),
        uid=row["uid"],
    )


def courthouse_to_row(courthouse: Courthouse) -> Row:
    return {
        "name": courthouse.name,
        "address": courthouse.address,
        "timezone": courthouse.timezone,
        "jurisdiction": courthouse.jurisdiction,
        "entrance_notes": courthouse.entrance_notes,
        "security_notes": courthouse.security_notes,
        "accessibility_notes": courthouse.accessibility_notes,
        "transit_notes": courthouse.transit_notes,
    }


def courthouse_from_row(row: Row) -> Courthouse:
    return Courthouse(
        id=row["id"],
        name=row["name"],
        address=row["address"],
        timezone=row["timezone"],
        jurisdiction=row["jurisdiction"],
        entrance_notes=row["entrance_notes"],
        security_notes=row["security_notes"],
        accessibility_notes=row["accessibility_notes"],
        transit_notes=row["transit_notes"],
        deleted_at=_timestamp(row["deleted_at"]),
        uid=row["uid"],
        row_version=row["row_version"],
    )


def case_to_row(case: Case) -> Row:
    return {
        "docket_number": case.docket_number,
        "court": case.court,
        "description": case.description,
        "advocate": case.advocate,
        "status": case.status.value,
        "closed_on": case.closed_on.isoformat() if case.closed_on else None,
    }


def case_from_row(row: Row, person_ids: list[int]) -> Case:
    return Case(
        id=row["id"],
        docket_number=row["docket_number"],
        court=row["court"],
        description=row["description"],
        advocate=row["advocate"],
        status=CaseStatus(row["status"]),
        closed_on=dt.date.fromisoformat(row["closed_on"]) if row["closed_on"] else None,
        person_ids=person_ids,
        deleted_at=_timestamp(row["deleted_at"]),
        uid=row["uid"],
        row_version=row["row_version"],
    )


def hearing_to_row(hearing: Hearing) -> Row:
    starts_at = hearing.starts_at
    zone = starts_at.tzinfo
    zone_name = zone.key if isinstance(zone, ZoneInfo) else "UTC"
    return {
        "case_id": hearing.case_id,
        "courthouse_id": hearing.courthouse_id,
        "starts_at_utc": starts_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "local_start": starts_at.strftime("%Y-%m-%dT%H:%M"),
        "timezone": zone_name,
        "hearing_type": hearing.hearing_type.value,
        "courtroom": hearing.courtroom,
        "expected_minutes": hearing.expected_minutes,
        "status": hearing.status.value,
        "notes": hearing.notes,
        "continued_from_id": hearing.continued_from_id,
        "calendar_uid": hearing.calendar_uid,
        "sequence": hearing.sequence,
    }


def hearing_start(row: Row) -> dt.datetime:
    """The hearing's start in its courthouse's zone, from the stored UTC instant."""
    utc = dt.datetime.fromisoformat(row["starts_at_utc"].replace("Z", "+00:00"))
    return utc.astimezone(ZoneInfo(row["timezone"]))


def hearing_from_row(row: Row) -> Hearing:
    return Hearing(
        id=row["id"],
        case_id=row["case_id"],
        courthouse_id=row["courthouse_id"],
        starts_at=hearing_start(row),
        hearing_type=HearingType(row["hearing_type"]),
        courtroom=row["courtroom"],
        expected_minutes=row["expected_minutes"],
        status=HearingStatus(row["status"]),
        notes=row["notes"],
        continued_from_id=row["continued_from_id"],
        calendar_uid=row["calendar_uid"],
        sequence=row["sequence"],
        deleted_at=_timestamp(row["deleted_at"]),
        uid=row["uid"],
        row_version=row["row_version"],
    )


def attendance_from_row(row: Row) -> Attendance:
    return Attendance(
        person_id=row["person_id"],
        hearing_id=row["hearing_id"],
        must_testify=bool(row["must_testify"]),
        status=AttendanceStatus(row["status"]),
        reason=row["reason"],
        uid=row["uid"],
        row_version=row["row_version"],
    )
