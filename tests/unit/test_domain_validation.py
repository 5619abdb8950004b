import datetime as dt

import pytest

from companion.domain.models import (
    ContactKind,
    ContactMethod,
    Courthouse,
    LabelledEnum,
    Person,
)
from companion.domain.validation import (
    check_language_tag,
    local_datetime,
    normalise_phone,
    parse_date,
    parse_time,
    validate_courthouse,
    validate_person,
)
from companion.errors import ValidationError, ValidationErrors


def test_person_without_any_name_names_the_field() -> None:
    with pytest.raises(ValidationErrors) as caught:
        validate_person(Person(given_name=" ", family_name=""))
    assert caught.value.for_field("given_name") is not None
    assert caught.value.for_field("given_name").reason == "required"


def test_native_script_name_alone_is_enough() -> None:
    person = validate_person(Person("", "", native_name=" 王小明 ", language="zh-Hans"))
    assert person.native_name == "王小明"


@pytest.mark.parametrize("text", ["2026-02-31", "2026-13-01", "31/12/2026", "tomorrow", ""])
def test_impossible_dates_are_refused(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_date(text, "date")
    assert caught.value.field == "date"
    assert caught.value.reason == "invalid_date"


def test_real_leap_day_is_accepted() -> None:
    assert parse_date("2028-02-29") == dt.date(2028, 2, 29)


@pytest.mark.parametrize("text", ["24:00", "9.30", "12:60", "noon"])
def test_bad_times_are_refused(text: str) -> None:
    with pytest.raises(ValidationError):
        parse_time(text)


def test_time_skipped_by_daylight_saving_is_refused() -> None:
    # On 14 March 2027 clocks in New York jump from 02:00 to 03:00.
    with pytest.raises(ValidationError) as caught:
        local_datetime(dt.date(2027, 3, 14), dt.time(2, 30), "America/New_York")
    assert caught.value.reason == "nonexistent_local_time"


def test_repeated_autumn_hour_means_first_occurrence() -> None:
    moment = local_datetime(dt.date(2026, 11, 1), dt.time(1, 30), "America/New_York")
    assert moment.utcoffset() == dt.timedelta(hours=-4)


def test_local_time_keeps_wall_clock_and_zone() -> None:
    moment = local_datetime(dt.date(2026, 12, 3), dt.time(9, 30), "America/Chicago")
    assert (moment.hour, moment.minute) == (9, 30)
    assert moment.astimezone(dt.UTC).hour == 15


def test_phone_numbers_are_normalised_to_e164() -> None:
    assert normalise_phone("(212) 555-0123") == "+12125550123"
    assert normalise_phone("+52 55 5555 0123") == "+525555550123"


def test_bad_phone_in_a_contact_names_that_contact() -> None:
    person = Person("Ana", "Demo", contacts=[ContactMethod(ContactKind.PHONE, "12")])
    with pytest.raises(ValidationErrors) as caught:
        validate_person(person)
    assert caught.value.errors[0].field == "contacts[0].value"
    assert caught.value.errors[0].reason == "invalid_phone"


def test_half_given_safe_hours_are_refused() -> None:
    contact = ContactMethod(ContactKind.PHONE, "212 555 0123", safe_hours_start=dt.time(9))
    with pytest.raises(ValidationErrors) as caught:
        validate_person(Person("Ana", "Demo", contacts=[contact]))
    assert caught.value.errors[0].field == "contacts[0].safe_hours"


@pytest.mark.parametrize("tag", ["es", "es-MX", "zh-Hant", "ht", "pt-BR", "so", "fil"])
def test_valid_language_tags(tag: str) -> None:
    assert check_language_tag(tag) == tag


@pytest.mark.parametrize("tag", ["", "spanish", "xx-YY-ZZZZZZZZZZ", "e", "zz"])
def test_invalid_language_tags(tag: str) -> None:
    with pytest.raises(ValidationError):
        check_language_tag(tag)


def test_courthouse_needs_a_real_time_zone_and_jurisdiction() -> None:
    courthouse = Courthouse("Court", "1 Road", "Mars/Olympus", jurisdiction="New York")
    with pytest.raises(ValidationErrors) as caught:
        validate_courthouse(courthouse)
    assert {error.field for error in caught.value.errors} == {"timezone", "jurisdiction"}


def test_every_enum_member_has_a_label_and_values_never_collide() -> None:
    members = [member for kind in LabelledEnum.__subclasses__() for member in kind]
    assert all(member.label for member in members)
    values = [member.value for member in members]
    assert len(values) == len(set(values))
