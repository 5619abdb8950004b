"""Validation rules for every record. Each problem is a ``ValidationError`` naming the field.

Reasons are stable codes (``required``, ``invalid_date``...); ``companion.messages``
turns them into translated sentences.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from babel import Locale, UnknownLocaleError

from companion.domain.models import (
    Case,
    CaseStatus,
    ContactKind,
    ContactMethod,
    Courthouse,
    CourthouseNoteKind,
    Hearing,
    Person,
)
from companion.errors import ValidationError, ValidationErrors

DEFAULT_PHONE_REGION = "US"
MAX_NAME_LENGTH = 200
MAX_TEXT_LENGTH = 20_000
MAX_HEARING_MINUTES = 24 * 60
#: The years a typed date may fall in: wide enough for any hearing, and clear of the
#: calendar's ends (years 1 and 9999), where a shift of time zone or a day range overflows.
FIRST_YEAR = 1900
LAST_YEAR = 2999

_BCP47 = re.compile(
    r"^[A-Za-z]{2,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|[0-9]{3}))?(-([0-9A-Za-z]{5,8}|[0-9][0-9A-Za-z]{3}))*$"
)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_JURISDICTION = re.compile(r"^US(-[A-Z]{2})?$")


class _Collector:
    def __init__(self) -> None:
        self.errors: list[ValidationError] = []

    def add(self, field: str, reason: str, value: object = None) -> None:
        self.errors.append(ValidationError(field, reason, value))

    def required(self, field: str, value: str) -> None:
        if not value.strip():
            self.add(field, "required")

    def max_length(self, field: str, value: str, limit: int) -> None:
        if len(value) > limit:
            self.add(field, "too_long", limit)

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationErrors(self.errors)


# --- single values -------------------------------------------------------------


def nfc(text: str) -> str:
    """``text`` in Unicode's composed form (NFC), the one form names and notes are stored in:
    a Vietnamese name typed decomposed (28 code points) and composed (21) is one name."""
    return unicodedata.normalize("NFC", text)


def _compose(record: object, *names: str) -> None:
    for name in names:
        setattr(record, name, nfc(getattr(record, name)))


def parse_date(value: str, field: str = "date") -> dt.date:
    """An ISO date (``2026-12-03``) that exists on the calendar (no 31 February), in the
    years ``FIRST_YEAR`` to ``LAST_YEAR``."""
    text = value.strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValidationError(field, "invalid_date", value)
    try:
        day = dt.date.fromisoformat(text)
    except ValueError as error:
        raise ValidationError(field, "invalid_date", value) from error
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValidationError(field, "date_out_of_range", value)
    return day


def parse_time(value: str, field: str = "time") -> dt.time:
    """A 24-hour clock time, ``09:30`` (seconds are not used)."""
    text = value.strip()
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", text)
    if not match:
        raise ValidationError(field, "invalid_time", value)
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise ValidationError(field, "invalid_time", value)
    return dt.time(hour, minute)


def check_timezone(name: str, field: str = "timezone") -> ZoneInfo:
    if not name or name not in _known_timezones():
        raise ValidationError(field, "invalid_timezone", name)
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValidationError(field, "invalid_timezone", name) from error


def _known_timezones() -> set[str]:
    global _TIMEZONES
    if _TIMEZONES is None:
        _TIMEZONES = available_timezones()
    return _TIMEZONES


_TIMEZONES: set[str] | None = None


def local_datetime(day: dt.date, clock: dt.time, timezone: str, field: str = "time") -> dt.datetime:
    """The aware datetime for a wall-clock time at a place.

    A time skipped when clocks spring forward does not exist there and is refused.
    A time that happens twice when clocks fall back means its first occurrence.
    """
    zone = check_timezone(timezone)
    naive = dt.datetime.combine(day, clock)
    candidate = naive.replace(tzinfo=zone, fold=0)
    round_trip = candidate.astimezone(dt.UTC).astimezone(zone)
    if round_trip.replace(tzinfo=None) != naive:
        raise ValidationError(field, "nonexistent_local_time", f"{day} {clock}")
    return candidate


def normalise_phone(value: str, field: str = "phone", region: str = DEFAULT_PHONE_REGION) -> str:
    """A phone number in E.164 form (``+12125550123``), or a ValidationError."""
    import phonenumbers  # its metadata loads on first use: opening the store does not need it

    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException as error:
        raise ValidationError(field, "invalid_phone", value) from error
    if not phonenumbers.is_possible_number(number) or not phonenumbers.is_valid_number(number):
        raise ValidationError(field, "invalid_phone", value)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def check_language_tag(tag: str, field: str = "language") -> str:
    """A well-formed BCP-47 tag whose language CLDR knows (``es``, ``zh-Hant``, ``ht``)."""
    text = tag.strip()
    if not _BCP47.match(text):
        raise ValidationError(field, "invalid_language", tag)
    try:
        Locale.parse(text.split("-")[0])
    except (UnknownLocaleError, ValueError) as error:
        raise ValidationError(field, "invalid_language", tag) from error
    return text


# --- records --------------------------------------------------------------------


def validate_contact(contact: ContactMethod, index: int) -> list[ValidationError]:
    prefix = f"contacts[{index}]"
    found = _Collector()
    _compose(contact, "value", "note")
    if not contact.value.strip():
        found.add(f"{prefix}.value", "required")
    elif contact.kind is ContactKind.PHONE:
        try:
            contact.value = normalise_phone(contact.value, f"{prefix}.value")
        except ValidationError as error:
            found.errors.append(error)
    elif contact.kind is ContactKind.EMAIL and not _EMAIL.match(contact.value.strip()):
        found.add(f"{prefix}.value", "invalid_email", contact.value)
    if (contact.safe_hours_start is None) != (contact.safe_hours_end is None):
        found.add(f"{prefix}.safe_hours", "safe_hours_incomplete")
    if contact.kind is not ContactKind.PHONE and (contact.ok_to_text or contact.ok_to_voicemail):
        found.add(f"{prefix}.ok_to_text", "not_a_phone")
    return found.errors


def validate_person(person: Person) -> Person:
    """Check and normalise a person in place; raise ``ValidationErrors`` listing every problem."""
    found = _Collector()
    _compose(
        person,
        "given_name",
        "family_name",
        "native_name",
        "alternate_name",
        "alternate_relationship",
        "notes",
    )
    person.given_name = person.given_name.strip()
    person.family_name = person.family_name.strip()
    person.native_name = person.native_name.strip()
    if not person.given_name and not person.family_name and not person.native_name:
        found.add("given_name", "required")
    for name, value in (
        ("given_name", person.given_name),
        ("family_name", person.family_name),
        ("native_name", person.native_name),
        ("alternate_name", person.alternate_name),
    ):
        found.max_length(name, value, MAX_NAME_LENGTH)
    try:
        person.language = check_language_tag(person.language)
    except ValidationError as error:
        found.errors.append(error)
    for index, contact in enumerate(person.contacts):
        found.errors.extend(validate_contact(contact, index))
    if person.alternate_phone.strip():
        try:
            person.alternate_phone = normalise_phone(person.alternate_phone, "alternate_phone")
        except ValidationError as error:
            found.errors.append(error)
    found.max_length("notes", person.notes, MAX_TEXT_LENGTH)
    found.raise_if_any()
    return person


def validate_courthouse(courthouse: Courthouse) -> Courthouse:
    found = _Collector()
    _compose(
        courthouse,
        "name",
        "address",
        "entrance_notes",
        "security_notes",
        "accessibility_notes",
        "transit_notes",
    )
    courthouse.name = courthouse.name.strip()
    courthouse.address = courthouse.address.strip()
    found.required("name", courthouse.name)
    found.required("address", courthouse.address)
    found.max_length("name", courthouse.name, MAX_NAME_LENGTH)
    try:
        check_timezone(courthouse.timezone)
    except ValidationError as error:
        found.errors.append(error)
    courthouse.jurisdiction = courthouse.jurisdiction.strip().upper()
    if not _JURISDICTION.match(courthouse.jurisdiction):
        found.add("jurisdiction", "invalid_jurisdiction", courthouse.jurisdiction)
    translated: dict[str, dict[CourthouseNoteKind, str]] = {}
    for tag, notes in courthouse.translated_notes.items():
        try:
            tag = check_language_tag(tag, "translated_notes")
        except ValidationError as error:
            found.errors.append(error)
            continue
        if tag == "en":  # the English notes are the courthouse's own four fields
            found.add("translated_notes", "invalid_language", tag)
            continue
        kept = {CourthouseNoteKind(kind): text.strip() for kind, text in notes.items()}
        kept = {kind: text for kind, text in kept.items() if text}
        if kept:
            translated[tag] = kept
    courthouse.translated_notes = translated
    found.raise_if_any()
    return courthouse


def validate_case(case: Case) -> Case:
    found = _Collector()
    _compose(case, "docket_number", "court", "description", "advocate")
    case.docket_number = case.docket_number.strip()
    case.court = case.court.strip()
    found.required("docket_number", case.docket_number)
    found.required("court", case.court)
    found.max_length("docket_number", case.docket_number, MAX_NAME_LENGTH)
    if case.status is CaseStatus.CLOSED and case.closed_on is None:
        case.closed_on = dt.date.today()
    if case.status is CaseStatus.OPEN:
        case.closed_on = None
    found.raise_if_any()
    return case


def validate_hearing(hearing: Hearing) -> Hearing:
    found = _Collector()
    _compose(hearing, "courtroom", "notes")
    if hearing.starts_at.tzinfo is None:
        found.add("starts_at", "missing_timezone")
    if not 1 <= hearing.expected_minutes <= MAX_HEARING_MINUTES:
        found.add("expected_minutes", "out_of_range", hearing.expected_minutes)
    hearing.courtroom = hearing.courtroom.strip()
    found.max_length("courtroom", hearing.courtroom, MAX_NAME_LENGTH)
    found.raise_if_any()
    return hearing


def display_phone(number: str) -> str:
    """A stored E.164 number written for people: ``+1 312-555-0161``. Other text unchanged."""
    import phonenumbers

    try:
        parsed = phonenumbers.parse(number, DEFAULT_PHONE_REGION)
    except phonenumbers.NumberParseException:
        return number
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
