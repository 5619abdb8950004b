"""Every validation rule, pinned as (field, reason, value): the codes the UI and CLI turn
into messages, and the field names they put the message beside.

Complements test_domain_validation.py (which covers the parsers); written so that a
changed field name, reason code, limit or comparison shows up as a failed test.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

import pytest

from companion.domain import validation
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
from companion.domain.validation import (
    check_language_tag,
    check_timezone,
    display_phone,
    local_datetime,
    normalise_phone,
    parse_date,
    parse_time,
    validate_case,
    validate_contact,
    validate_courthouse,
    validate_hearing,
    validate_person,
)
from companion.errors import ValidationError, ValidationErrors

Problem = tuple[str, str, object]
CHICAGO = ZoneInfo("America/Chicago")


def _problems(check: Callable[[], object]) -> list[Problem]:
    with pytest.raises(ValidationErrors) as caught:
        check()
    return [(error.field, error.reason, error.value) for error in caught.value.errors]


def _single(check: Callable[[], object]) -> Problem:
    with pytest.raises(ValidationError) as caught:
        check()
    return caught.value.field, caught.value.reason, caught.value.value


# --- people ------------------------------------------------------------------------


def test_a_person_with_no_name_at_all_is_refused_once_on_the_given_name() -> None:
    assert _problems(lambda: validate_person(Person(" ", "\t", native_name=" "))) == [
        ("given_name", "required", None)
    ]


@pytest.mark.parametrize(
    "person",
    [Person("Ana", ""), Person("", "Reyes"), Person("", "", native_name="阮")],
)
def test_any_one_name_is_enough(person: Person) -> None:
    assert validate_person(person) is person


def test_names_are_trimmed() -> None:
    person = validate_person(Person("  Ana ", " Reyes  ", native_name=" 阮 "))
    assert (person.given_name, person.family_name, person.native_name) == ("Ana", "Reyes", "阮")


@pytest.mark.parametrize("field", ["given_name", "family_name", "native_name", "alternate_name"])
def test_names_may_have_200_characters_not_201(field: str) -> None:
    names = {"given_name": "Ana", "family_name": "Reyes"}
    longest = Person(**{**names, field: "x" * 200})  # type: ignore[arg-type]
    assert validate_person(longest) is longest
    too_long = Person(**{**names, field: "x" * 201})  # type: ignore[arg-type]
    assert _problems(lambda: validate_person(too_long)) == [(field, "too_long", 200)]


def test_notes_may_have_20000_characters_not_20001() -> None:
    assert validate_person(Person("Ana", "", notes="n" * 20_000)).notes == "n" * 20_000
    assert _problems(lambda: validate_person(Person("Ana", "", notes="n" * 20_001))) == [
        ("notes", "too_long", 20_000)
    ]


def test_a_language_is_trimmed_and_a_bad_one_named() -> None:
    assert validate_person(Person("Ana", "", language=" es-MX ")).language == "es-MX"
    assert _problems(lambda: validate_person(Person("Ana", "", language="español"))) == [
        ("language", "invalid_language", "español")
    ]


def test_a_well_formed_tag_of_no_known_language_is_refused() -> None:
    assert _single(lambda: check_language_tag("qqq")) == ("language", "invalid_language", "qqq")
    assert _single(lambda: check_language_tag("!!", field="interpreter")) == (
        "interpreter",
        "invalid_language",
        "!!",
    )


def test_the_alternate_contacts_phone_is_normalised_or_named() -> None:
    person = validate_person(Person("Ana", "", alternate_phone="(312) 555-0161"))
    assert person.alternate_phone == "+13125550161"
    assert validate_person(Person("Ana", "", alternate_phone="  ")).alternate_phone == "  "
    assert _problems(lambda: validate_person(Person("Ana", "", alternate_phone="123"))) == [
        ("alternate_phone", "invalid_phone", "123")
    ]


def test_every_problem_of_a_person_is_listed_in_field_order() -> None:
    person = Person(
        "",
        "",
        language="??",
        contacts=[
            ContactMethod(ContactKind.PHONE, "(312) 555-0161"),
            ContactMethod(ContactKind.EMAIL, "not-an-address"),
        ],
        alternate_phone="5",
        notes="n" * 20_001,
    )
    assert _problems(lambda: validate_person(person)) == [
        ("given_name", "required", None),
        ("language", "invalid_language", "??"),
        ("contacts[1].value", "invalid_email", "not-an-address"),
        ("alternate_phone", "invalid_phone", "5"),
        ("notes", "too_long", 20_000),
    ]
    assert person.contacts[0].value == "+13125550161"  # the good one was still normalised


# --- contact methods ----------------------------------------------------------------


@pytest.mark.parametrize("kind", list(ContactKind))
def test_an_empty_contact_is_required(kind: ContactKind) -> None:
    assert [
        (e.field, e.reason, e.value) for e in validate_contact(ContactMethod(kind, "  "), 3)
    ] == [("contacts[3].value", "required", None)]


def test_a_phone_contact_is_normalised_in_place() -> None:
    contact = ContactMethod(ContactKind.PHONE, "312.555.0161", ok_to_text=True)
    assert validate_contact(contact, 0) == []
    assert contact.value == "+13125550161"


@pytest.mark.parametrize("number", ["123", "+1 212 000 0000", "call me"])
def test_a_bad_phone_contact_names_its_position(number: str) -> None:
    [error] = validate_contact(ContactMethod(ContactKind.PHONE, number), 2)
    assert (error.field, error.reason, error.value) == (
        "contacts[2].value",
        "invalid_phone",
        number,
    )


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        (ContactKind.EMAIL, "ana@example.org", []),
        (ContactKind.EMAIL, " ana@example.org ", []),
        (ContactKind.EMAIL, "ana@example", [("contacts[0].value", "invalid_email", "ana@example")]),
        (
            ContactKind.EMAIL,
            "ana example.org",
            [("contacts[0].value", "invalid_email", "ana example.org")],
        ),
        (ContactKind.POSTAL, "12 Elm St", []),
        (ContactKind.POSTAL, "no at sign here", []),
    ],
)
def test_only_email_contacts_are_checked_as_addresses(
    kind: ContactKind, value: str, expected: list[Problem]
) -> None:
    found = validate_contact(ContactMethod(kind, value), 0)
    assert [(e.field, e.reason, e.value) for e in found] == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (None, None, []),
        (dt.time(9), dt.time(17), []),
        (dt.time(9), None, [("contacts[1].safe_hours", "safe_hours_incomplete", None)]),
        (None, dt.time(17), [("contacts[1].safe_hours", "safe_hours_incomplete", None)]),
    ],
)
def test_safe_hours_come_as_a_pair(
    start: dt.time | None, end: dt.time | None, expected: list[Problem]
) -> None:
    contact = ContactMethod(
        ContactKind.PHONE, "+13125550161", safe_hours_start=start, safe_hours_end=end
    )
    assert [(e.field, e.reason, e.value) for e in validate_contact(contact, 1)] == expected


@pytest.mark.parametrize(
    ("kind", "value", "text", "voicemail", "expected"),
    [
        (ContactKind.PHONE, "+13125550161", True, True, []),
        (ContactKind.EMAIL, "ana@example.org", False, False, []),
        (
            ContactKind.EMAIL,
            "ana@example.org",
            True,
            False,
            [("contacts[0].ok_to_text", "not_a_phone", None)],
        ),
        (
            ContactKind.POSTAL,
            "12 Elm St",
            False,
            True,
            [("contacts[0].ok_to_text", "not_a_phone", None)],
        ),
    ],
)
def test_texts_and_voicemail_only_for_phones(
    kind: ContactKind, value: str, text: bool, voicemail: bool, expected: list[Problem]
) -> None:
    contact = ContactMethod(kind, value, ok_to_text=text, ok_to_voicemail=voicemail)
    assert [(e.field, e.reason, e.value) for e in validate_contact(contact, 0)] == expected


# --- phones ------------------------------------------------------------------------


@pytest.mark.parametrize("number", ["+1 999 555 0100", "+1 200 555 0100", "+1 212 000 0000"])
def test_a_possible_but_unassigned_number_is_refused(number: str) -> None:
    assert _single(lambda: normalise_phone(number)) == ("phone", "invalid_phone", number)


def test_a_phone_that_does_not_parse_names_the_given_field() -> None:
    assert _single(lambda: normalise_phone("call me", field="mobile")) == (
        "mobile",
        "invalid_phone",
        "call me",
    )


def test_the_region_decides_numbers_written_without_a_country_code() -> None:
    assert normalise_phone("2125550123") == "+12125550123"
    assert normalise_phone("020 7946 0958", region="GB") == "+442079460958"


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("+13125550161", "+1 312-555-0161"),
        ("+442079460958", "+44 20 7946 0958"),
        ("ask Ana", "ask Ana"),
    ],
)
def test_display_phone_writes_a_stored_number_for_people(stored: str, shown: str) -> None:
    assert display_phone(stored) == shown


# --- time zones and local times --------------------------------------------------------


@pytest.mark.parametrize("name", ["", "Mars/Olympus_Mons", "posixrules", "america/chicago"])
def test_only_known_time_zones_are_accepted(name: str) -> None:
    assert _single(lambda: check_timezone(name)) == ("timezone", "invalid_timezone", name)
    assert _single(lambda: check_timezone(name, field="zone"))[0] == "zone"


def test_a_known_time_zone_is_returned_as_a_zone() -> None:
    assert check_timezone("America/Chicago") == CHICAGO


def test_a_time_skipped_by_the_clocks_names_the_field_and_the_moment() -> None:
    assert _single(
        lambda: local_datetime(dt.date(2026, 3, 8), dt.time(2, 30), "America/Chicago", "starts")
    ) == ("starts", "nonexistent_local_time", "2026-03-08 02:30:00")


def test_a_local_time_is_in_the_courthouse_zone_and_first_occurrence() -> None:
    moment = local_datetime(dt.date(2026, 11, 1), dt.time(1, 30), "America/Chicago")
    assert moment.tzinfo == CHICAGO
    assert moment.fold == 0
    assert moment.utcoffset() == dt.timedelta(hours=-5)  # still daylight time (CDT)
    assert moment.astimezone(dt.UTC) == dt.datetime(2026, 11, 1, 6, 30, tzinfo=dt.UTC)


def test_a_repeated_time_means_its_first_occurrence_even_when_given_as_the_second() -> None:
    # 1:30 on 1 November 2026 happens twice in Chicago; a clock time marked as the second
    # (fold=1, 1:30 CST) still means the first, 1:30 CDT, as a typed time does.
    moment = local_datetime(dt.date(2026, 11, 1), dt.time(1, 30, fold=1), "America/Chicago")
    assert moment.fold == 0
    assert moment.astimezone(dt.UTC) == dt.datetime(2026, 11, 1, 6, 30, tzinfo=dt.UTC)


def test_a_local_time_in_a_bad_zone_is_refused_on_the_zone() -> None:
    assert _single(lambda: local_datetime(dt.date(2026, 1, 5), dt.time(9), "Nowhere/Town")) == (
        "timezone",
        "invalid_timezone",
        "Nowhere/Town",
    )


# --- courthouses --------------------------------------------------------------------


def test_a_courthouse_needs_a_name_and_an_address() -> None:
    assert _problems(lambda: validate_courthouse(Courthouse(" ", "  ", "America/Chicago"))) == [
        ("name", "required", None),
        ("address", "required", None),
    ]


def test_a_courthouse_is_trimmed_and_its_jurisdiction_upper_cased() -> None:
    courthouse = validate_courthouse(
        Courthouse(" Daley Center ", " 50 W Washington St ", "America/Chicago", " us-il ")
    )
    assert (courthouse.name, courthouse.address, courthouse.jurisdiction) == (
        "Daley Center",
        "50 W Washington St",
        "US-IL",
    )


def test_a_courthouse_name_may_have_200_characters_not_201() -> None:
    assert validate_courthouse(Courthouse("c" * 200, "1 Main St", "America/Chicago")).name
    assert _problems(
        lambda: validate_courthouse(Courthouse("c" * 201, "1 Main St", "America/Chicago"))
    ) == [("name", "too_long", 200)]


@pytest.mark.parametrize("jurisdiction", ["CA", "US-ILL", "USA", "US-", "MX-JA"])
def test_a_jurisdiction_outside_the_us_form_is_refused(jurisdiction: str) -> None:
    assert _problems(
        lambda: validate_courthouse(
            Courthouse("Court", "1 Main St", "America/Chicago", jurisdiction)
        )
    ) == [("jurisdiction", "invalid_jurisdiction", jurisdiction)]


def test_a_courthouse_in_an_unknown_zone_names_the_zone() -> None:
    assert _problems(lambda: validate_courthouse(Courthouse("Court", "1 Main St", "Atlantis"))) == [
        ("timezone", "invalid_timezone", "Atlantis")
    ]


def test_a_courthouses_translated_notes_are_kept_trimmed_by_language_and_kind() -> None:
    courthouse = Courthouse(
        "Court",
        "1 Main St",
        "America/Chicago",
        translated_notes={
            "es": {
                CourthouseNoteKind.ENTRANCE: " Nota de ejemplo: entrada norte. ",
                CourthouseNoteKind.SECURITY: "  ",
            },
            "vi": {CourthouseNoteKind.TRANSIT: ""},  # nothing left: the language is dropped
        },
    )
    notes = validate_courthouse(courthouse).translated_notes
    assert notes == {"es": {CourthouseNoteKind.ENTRANCE: "Nota de ejemplo: entrada norte."}}
    assert courthouse.translated_notes is notes


def test_a_courthouse_without_translated_notes_keeps_an_empty_mapping() -> None:
    assert validate_courthouse(Courthouse("Court", "1 Main St", "UTC")).translated_notes == {}


def test_every_bad_note_language_is_named_and_english_is_not_a_translation() -> None:
    # English is the courthouse's own four notes; after a refused tag the rest are checked.
    notes = {CourthouseNoteKind.ENTRANCE: "Nota de ejemplo."}
    courthouse = Courthouse(
        "Court",
        "1 Main St",
        "America/Chicago",
        translated_notes={"en": notes, "not a tag": notes, "zz": notes, "es": notes},
    )
    assert _problems(lambda: validate_courthouse(courthouse)) == [
        ("translated_notes", "invalid_language", "en"),
        ("translated_notes", "invalid_language", "not a tag"),
        ("translated_notes", "invalid_language", "zz"),
    ]


# --- cases and hearings -----------------------------------------------------------------


def test_a_case_needs_a_docket_number_and_a_court() -> None:
    assert _problems(lambda: validate_case(Case(" ", " "))) == [
        ("docket_number", "required", None),
        ("court", "required", None),
    ]


def test_a_case_is_trimmed_and_its_docket_number_limited_to_200() -> None:
    case = validate_case(Case(" 26-CR-0042 ", " Circuit Court "))
    assert (case.docket_number, case.court) == ("26-CR-0042", "Circuit Court")
    assert validate_case(Case("d" * 200, "Court")).docket_number == "d" * 200
    assert _problems(lambda: validate_case(Case("d" * 201, "Court"))) == [
        ("docket_number", "too_long", 200)
    ]


def test_closing_a_case_dates_it_today_unless_dated_and_reopening_clears_the_date() -> None:
    assert validate_case(Case("1", "C", status=CaseStatus.CLOSED)).closed_on == dt.date.today()
    dated = Case("1", "C", status=CaseStatus.CLOSED, closed_on=dt.date(2026, 2, 3))
    assert validate_case(dated).closed_on == dt.date(2026, 2, 3)
    reopened = Case("1", "C", status=CaseStatus.OPEN, closed_on=dt.date(2026, 2, 3))
    assert validate_case(reopened).closed_on is None


def _hearing(**changes: object) -> Hearing:
    fields: dict[str, object] = {
        "case_id": 1,
        "courthouse_id": 1,
        "starts_at": dt.datetime(2026, 12, 3, 9, 30, tzinfo=CHICAGO),
    }
    fields.update(changes)
    return Hearing(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize("minutes", [1, 60, 1440])
def test_a_hearing_lasts_one_minute_to_a_day(minutes: int) -> None:
    assert validate_hearing(_hearing(expected_minutes=minutes)).expected_minutes == minutes


@pytest.mark.parametrize("minutes", [0, -30, 1441])
def test_a_hearing_length_outside_a_day_is_refused(minutes: int) -> None:
    assert _problems(lambda: validate_hearing(_hearing(expected_minutes=minutes))) == [
        ("expected_minutes", "out_of_range", minutes)
    ]


def test_a_hearing_without_a_zone_is_refused() -> None:
    naive = _hearing(starts_at=dt.datetime(2026, 12, 3, 9, 30))
    assert _problems(lambda: validate_hearing(naive)) == [("starts_at", "missing_timezone", None)]


def test_a_courtroom_is_trimmed_and_limited_to_200() -> None:
    assert validate_hearing(_hearing(courtroom=" 1402 ")).courtroom == "1402"
    assert validate_hearing(_hearing(courtroom="r" * 200)).courtroom == "r" * 200
    assert _problems(lambda: validate_hearing(_hearing(courtroom="r" * 201))) == [
        ("courtroom", "too_long", 200)
    ]


def test_a_number_stored_without_a_country_code_is_shown_as_a_us_number() -> None:
    assert display_phone("3125550161") == "+1 312-555-0161"


# --- parsers: field names, reasons and edges (the parsers' own tables are elsewhere) ----


@pytest.mark.parametrize("text", ["24:00", "12:60", "ab:cd", "", "7"])
def test_a_bad_time_names_the_time_field_and_keeps_what_was_typed(text: str) -> None:
    assert _single(lambda: parse_time(text)) == ("time", "invalid_time", text)
    assert _single(lambda: parse_time(text, field="ends"))[0] == "ends"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("23:59", dt.time(23, 59)), ("0:00", dt.time(0, 0)), (" 23:00 ", dt.time(23, 0))],
)
def test_the_last_minute_of_the_day_is_a_time(text: str, expected: dt.time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["2026-02-30", "2026-13-01", "26-1-5", ""])
def test_a_bad_date_names_the_date_field_and_keeps_what_was_typed(text: str) -> None:
    assert _single(lambda: parse_date(text)) == ("date", "invalid_date", text)
    assert _single(lambda: parse_date(text, field="closed_on"))[0] == "closed_on"


def test_a_time_skipped_by_the_clocks_is_refused_on_the_time_field_by_default() -> None:
    assert _single(lambda: local_datetime(dt.date(2026, 3, 8), dt.time(2, 0), "America/Chicago"))[
        :2
    ] == ("time", "nonexistent_local_time")


def test_the_list_of_known_zones_is_read_when_first_needed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(validation, "_TIMEZONES", None)
    assert check_timezone("America/Denver") == ZoneInfo("America/Denver")
    assert validation._TIMEZONES is not None and "America/Denver" in validation._TIMEZONES


def test_a_listed_zone_the_time_zone_database_cannot_load_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The list of zones and the zone files can be out of step (a tzdata update half done).
    monkeypatch.setattr(validation, "_TIMEZONES", {"Atlantis/Capital"})
    assert _single(lambda: check_timezone("Atlantis/Capital", field="zone")) == (
        "zone",
        "invalid_timezone",
        "Atlantis/Capital",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1900-01-01", dt.date(1900, 1, 1)), ("2999-12-31", dt.date(2999, 12, 31))],
)
def test_a_date_may_fall_in_the_years_1900_to_2999(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["1899-12-31", " 3000-01-01 ", "0001-01-01", "9999-12-31"])
def test_a_date_outside_the_years_1900_to_2999_is_out_of_range_and_keeps_what_was_typed(
    text: str,
) -> None:
    assert _single(lambda: parse_date(text)) == ("date", "date_out_of_range", text)
    assert _single(lambda: parse_date(text, field="closed_on"))[0] == "closed_on"


# --- every text is stored in composed Unicode (NFC) -------------------------------------

#: "Nguyễn" typed with combining marks (8 code points) and composed (6): one name, stored once.
DECOMPOSED = "Nguye\u0302\u0303n"
COMPOSED = "Nguy\u1ec5n"


@pytest.mark.parametrize(
    "field",
    [
        "given_name",
        "family_name",
        "native_name",
        "alternate_name",
        "alternate_relationship",
        "notes",
    ],
)
def test_every_text_of_a_person_is_composed(field: str) -> None:
    person = Person("Ana", "Reyes")
    setattr(person, field, DECOMPOSED)
    assert getattr(validate_person(person), field) == COMPOSED


def test_a_contacts_value_and_note_are_composed() -> None:
    contact = ContactMethod(ContactKind.EMAIL, f"{DECOMPOSED}@example.org", note=DECOMPOSED)
    assert validate_contact(contact, 0) == []
    assert (contact.value, contact.note) == (f"{COMPOSED}@example.org", COMPOSED)


@pytest.mark.parametrize(
    "field",
    [
        "name",
        "address",
        "entrance_notes",
        "security_notes",
        "accessibility_notes",
        "transit_notes",
    ],
)
def test_every_text_of_a_courthouse_is_composed(field: str) -> None:
    courthouse = Courthouse("Court", "1 Main St", "America/Chicago")
    setattr(courthouse, field, DECOMPOSED)
    assert getattr(validate_courthouse(courthouse), field) == COMPOSED


@pytest.mark.parametrize("field", ["docket_number", "court", "description", "advocate"])
def test_every_text_of_a_case_is_composed(field: str) -> None:
    case = Case("26-CR-0042", "Circuit Court")
    setattr(case, field, DECOMPOSED)
    assert getattr(validate_case(case), field) == COMPOSED


@pytest.mark.parametrize("field", ["courtroom", "notes"])
def test_every_text_of_a_hearing_is_composed(field: str) -> None:
    hearing = _hearing()
    setattr(hearing, field, DECOMPOSED)
    assert getattr(validate_hearing(hearing), field) == COMPOSED
