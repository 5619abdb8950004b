"""The records Court Companion keeps. Plain dataclasses, no Qt, no SQL.

Labels for enum values are marked with ``N_`` here and translated where shown.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from companion.i18n.catalog import N_


class LabelledEnum(enum.StrEnum):
    """A string enum whose members carry an untranslated, catalog-marked label."""

    @property
    def label(self) -> str:
        return _LABELS[self]


class Role(LabelledEnum):
    VICTIM = "victim"
    WITNESS = "witness"
    BOTH = "both"


class ContactKind(LabelledEnum):
    PHONE = "phone"
    EMAIL = "email"
    POSTAL = "postal"


class CaseStatus(LabelledEnum):
    OPEN = "open"
    CLOSED = "closed"


class HearingType(LabelledEnum):
    ARRAIGNMENT = "arraignment"
    PRELIMINARY = "preliminary"
    MOTION = "motion"
    STATUS = "status"
    PROTECTIVE_ORDER = "protective_order"
    TRIAL = "trial"
    SENTENCING = "sentencing"
    RESTITUTION = "restitution"
    OTHER = "other"


class HearingStatus(LabelledEnum):
    SCHEDULED = "scheduled"
    CONTINUED = "continued"
    CANCELLED = "cancelled"
    HELD = "held"


class AttendanceStatus(LabelledEnum):
    UNKNOWN = "unknown"
    CONFIRMED = "confirmed"
    DECLINED = "declined"
    ATTENDED = "attended"
    MISSED = "missed"

    @property
    def is_outcome(self) -> bool:
        """Attended and missed are recorded after the hearing; the rest before."""
        return self in (AttendanceStatus.ATTENDED, AttendanceStatus.MISSED)


_LABELS: dict[LabelledEnum, str] = {
    Role.VICTIM: N_("Victim"),
    Role.WITNESS: N_("Witness"),
    Role.BOTH: N_("Victim and witness"),
    ContactKind.PHONE: N_("Phone"),
    ContactKind.EMAIL: N_("Email"),
    ContactKind.POSTAL: N_("Postal address"),
    CaseStatus.OPEN: N_("Open"),
    CaseStatus.CLOSED: N_("Closed"),
    HearingType.ARRAIGNMENT: N_("Arraignment"),
    HearingType.PRELIMINARY: N_("Preliminary hearing"),
    HearingType.MOTION: N_("Motion hearing"),
    HearingType.STATUS: N_("Status conference"),
    HearingType.PROTECTIVE_ORDER: N_("Protective order hearing"),
    HearingType.TRIAL: N_("Trial"),
    HearingType.SENTENCING: N_("Sentencing"),
    HearingType.RESTITUTION: N_("Restitution hearing"),
    HearingType.OTHER: N_("Other hearing"),
    HearingStatus.SCHEDULED: N_("Scheduled"),
    HearingStatus.CONTINUED: N_("Continued"),
    HearingStatus.CANCELLED: N_("Cancelled"),
    HearingStatus.HELD: N_("Held"),
    AttendanceStatus.UNKNOWN: N_("Not yet known"),
    AttendanceStatus.CONFIRMED: N_("Confirmed"),
    AttendanceStatus.DECLINED: N_("Declined"),
    AttendanceStatus.ATTENDED: N_("Attended"),
    AttendanceStatus.MISSED: N_("Missed"),
}


@dataclass
class ContactMethod:
    kind: ContactKind
    value: str
    ok_to_text: bool = False
    ok_to_voicemail: bool = False
    safe_hours_start: dt.time | None = None
    safe_hours_end: dt.time | None = None
    note: str = ""
    #: A voicemail on this number may say what it is about (the hearing's date and place).
    voicemail_details: bool = False
    id: int | None = None
    #: The contact's stable id across laptops (UUID version 7); empty until stored.
    uid: str = ""


@dataclass
class Person:
    given_name: str
    family_name: str
    role: Role = Role.WITNESS
    native_name: str = ""
    language: str = "en"
    needs_interpreter: bool = False
    contacts: list[ContactMethod] = field(default_factory=list)
    alternate_name: str = ""
    alternate_relationship: str = ""
    alternate_phone: str = ""
    notes: str = ""
    #: They asked not to be contacted: off every call list, shown wherever their name is.
    do_not_contact: bool = False
    id: int | None = None
    deleted_at: dt.datetime | None = None
    #: The record's stable id across laptops (UUID version 7); empty until stored.
    uid: str = ""
    #: The version of the record this copy was read at; 0 for a record not yet stored.
    row_version: int = 0

    @property
    def display_name(self) -> str:
        return " ".join(part for part in (self.given_name, self.family_name) if part)

    @property
    def initials(self) -> str:
        return "".join(part[:1].upper() for part in (self.given_name, self.family_name) if part)


class CourthouseNoteKind(enum.StrEnum):
    """The kinds of note a courthouse keeps, in the order a packet prints them."""

    ENTRANCE = "entrance"
    SECURITY = "security"
    ACCESSIBILITY = "accessibility"
    TRANSIT = "transit"


@dataclass
class Courthouse:
    """A courthouse. Its four notes (``entrance_notes`` ...) are the English originals;
    ``translated_notes`` maps another language tag to that language's notes by kind.
    """

    name: str
    address: str
    timezone: str
    jurisdiction: str = "US"
    entrance_notes: str = ""
    security_notes: str = ""
    accessibility_notes: str = ""
    transit_notes: str = ""
    translated_notes: dict[str, dict[CourthouseNoteKind, str]] = field(default_factory=dict)
    id: int | None = None
    deleted_at: dt.datetime | None = None
    #: The record's stable id across laptops (UUID version 7); empty until stored.
    uid: str = ""
    #: The version of the record this copy was read at; 0 for a record not yet stored.
    row_version: int = 0

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def english_note(self, kind: CourthouseNoteKind) -> str:
        return str(getattr(self, f"{kind.value}_notes"))

    def note(self, kind: CourthouseNoteKind, language: str) -> tuple[str, bool]:
        """The note in ``language``, with ``True``; where that language has none, the
        English one with ``False`` (an English packet's notes count as in its language)."""
        if language == "en":
            return self.english_note(kind), True
        text = self.translated_notes.get(language, {}).get(kind, "")
        if text.strip():
            return text, True
        return self.english_note(kind), False

    def note_languages(self) -> list[str]:
        """The language tags with at least one note: ``en`` first, then the others."""
        languages = ["en"] if any(self.english_note(k).strip() for k in CourthouseNoteKind) else []
        languages.extend(
            tag
            for tag, notes in sorted(self.translated_notes.items())
            if any(text.strip() for text in notes.values())
        )
        return languages


@dataclass
class Case:
    docket_number: str
    court: str
    description: str = ""
    advocate: str = ""
    status: CaseStatus = CaseStatus.OPEN
    closed_on: dt.date | None = None
    person_ids: list[int] = field(default_factory=list)
    id: int | None = None
    deleted_at: dt.datetime | None = None
    #: The record's stable id across laptops (UUID version 7); empty until stored.
    uid: str = ""
    #: The version of the record this copy was read at; 0 for a record not yet stored.
    row_version: int = 0


@dataclass
class Hearing:
    """A hearing at a courthouse, held at a *local* date and time there.

    ``starts_at`` is timezone-aware in the courthouse's zone; the store keeps the
    UTC instant together with the zone name, so the wall-clock time stays what the
    court announced even if the laptop travels.
    """

    case_id: int
    courthouse_id: int
    starts_at: dt.datetime
    hearing_type: HearingType = HearingType.OTHER
    courtroom: str = ""
    expected_minutes: int = 60
    status: HearingStatus = HearingStatus.SCHEDULED
    notes: str = ""
    continued_from_id: int | None = None
    calendar_uid: str = ""
    sequence: int = 0
    id: int | None = None
    deleted_at: dt.datetime | None = None
    #: The record's stable id across laptops (UUID version 7); empty until stored.
    uid: str = ""
    #: The version of the record this copy was read at; 0 for a record not yet stored.
    row_version: int = 0

    @property
    def ends_at(self) -> dt.datetime:
        return self.starts_at + dt.timedelta(minutes=self.expected_minutes)


@dataclass
class Attendance:
    """One person's part in one hearing: must they testify, and did they come."""

    person_id: int
    hearing_id: int
    must_testify: bool = False
    status: AttendanceStatus = AttendanceStatus.UNKNOWN
    reason: str = ""
    #: The record's stable id across laptops (UUID version 7); empty until stored.
    uid: str = ""
    #: The version of the record this copy was read at; 0 for a record not yet stored.
    row_version: int = 0
