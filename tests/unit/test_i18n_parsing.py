"""Dates and times typed the way people write them, in the interface language."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.errors import ValidationError
from companion.i18n.formatting import format_date, format_time
from companion.i18n.languages import LANGUAGES
from companion.i18n.parsing import (
    DATE_IMPOSSIBLE,
    DATE_UNREADABLE,
    DATE_WEEKDAY_MISMATCH,
    TIME_AMBIGUOUS,
    TIME_IMPOSSIBLE,
    TIME_UNREADABLE,
    date_example,
    format_date_input,
    parse_date,
    parse_time,
    time_example,
)

TODAY = dt.date(2026, 12, 7)  # a Monday
DEC_8 = dt.date(2026, 12, 8)

# (language, typed, the date meant or the reason it is refused)
DATES: list[tuple[str, str, dt.date | str]] = [
    ("en", "12/8/2026", DEC_8),
    ("en", "12/08/26", DEC_8),
    ("en", "Dec 8, 2026", DEC_8),
    ("en", "December 8", DEC_8),
    ("en", "december 8 2026", DEC_8),
    ("en", "Tuesday, December 8, 2026", DEC_8),
    ("en", "2026-12-08", DEC_8),
    ("en", "12/15/2026", dt.date(2026, 12, 15)),
    ("en", "15/12/2026", DATE_IMPOSSIBLE),  # month 15 in month/day/year
    ("en", "2/30/2027", DATE_IMPOSSIBLE),
    ("en", "Wednesday, December 8, 2026", DATE_WEEKDAY_MISMATCH),
    ("en", "December 2026", DATE_UNREADABLE),
    ("en", "next Tuesday", DATE_UNREADABLE),
    ("es", "8/12/2026", DEC_8),
    ("es", "8 dic 2026", DEC_8),
    ("es", "8 de diciembre de 2026", DEC_8),
    ("es", "martes, 8 de diciembre de 2026", DEC_8),
    ("es", "12/15/2026", DATE_IMPOSSIBLE),  # month 15 in day/month/year
    ("fr", "8/12/2026", DEC_8),
    ("fr", "08/12/2026", DEC_8),
    ("fr", "8 déc. 2026", DEC_8),
    ("fr", "8 dec 2026", DEC_8),  # accent left out
    ("fr", "mardi 8 décembre 2026", DEC_8),
    ("fr", "31/11/2026", DATE_IMPOSSIBLE),
    ("zh-Hans", "2026/12/8", DEC_8),
    ("zh-Hans", "2026年12月8日", DEC_8),
    ("zh-Hans", "12月8日", DEC_8),
    ("zh-Hans", "2026年12月8日星期二", DEC_8),
    ("zh-Hans", "２０２６/１２/８", DEC_8),  # full-width digits
    ("zh-Hans", "8/12/2026", DATE_UNREADABLE),  # year last in a year-first language
    ("ko", "2026. 12. 8.", DEC_8),
    ("ko", "26. 12. 8.", DEC_8),
    ("ko", "2026년 12월 8일", DEC_8),
    ("ko", "2026년 12월 8일 화요일", DEC_8),
    ("ko", "12월 8일", DEC_8),
    ("ko", "2026. 13. 8.", DATE_IMPOSSIBLE),
    ("ar", "8/12/2026", DEC_8),
    ("ar", "٨/١٢/٢٠٢٦", DEC_8),  # Arabic-Indic digits
    ("ar", "8\u200f/12\u200f/2026", DEC_8),  # as the short format writes it, with RLMs
    ("ar", "8 ديسمبر 2026", DEC_8),
    ("ar", "الثلاثاء، 8 ديسمبر 2026", DEC_8),
    ("ar", "2026-12-08", DEC_8),
    ("ar", "30/2/2027", DATE_IMPOSSIBLE),
]

# (language, typed, the time meant or the reason it is refused)
TIMES: list[tuple[str, str, dt.time | str]] = [
    ("en", "2:30 PM", dt.time(14, 30)),
    ("en", "2:30pm", dt.time(14, 30)),
    ("en", "2 pm", dt.time(14, 0)),
    ("en", "2:30 p.m.", dt.time(14, 30)),
    ("en", "14:30", dt.time(14, 30)),
    ("en", "1430", dt.time(14, 30)),
    ("en", "09:30", dt.time(9, 30)),
    ("en", "12:15 AM", dt.time(0, 15)),
    ("en", "12 PM", dt.time(12, 0)),
    ("en", "2:30", TIME_AMBIGUOUS),  # the 12-hour clock, and no AM or PM
    ("en", "2:30 ", TIME_AMBIGUOUS),  # what the old field kept of "2:30 PM"
    ("en", "13:30 PM", TIME_IMPOSSIBLE),
    ("en", "2:75 PM", TIME_IMPOSSIBLE),
    ("en", "half past two", TIME_UNREADABLE),
    ("es", "2:30 p. m.", dt.time(14, 30)),
    ("es", "14:30", dt.time(14, 30)),
    ("es", "2:30", TIME_AMBIGUOUS),
    ("fr", "14 h 30", dt.time(14, 30)),
    ("fr", "14h30", dt.time(14, 30)),
    ("fr", "14:30", dt.time(14, 30)),
    ("fr", "9 h", dt.time(9, 0)),
    ("fr", "2:30", dt.time(2, 30)),  # the 24-hour clock: 2:30 is night
    ("fr", "24:00", TIME_IMPOSSIBLE),
    ("zh-Hans", "14:30", dt.time(14, 30)),
    ("zh-Hans", "下午2:30", dt.time(14, 30)),
    ("zh-Hans", "14点30分", dt.time(14, 30)),
    ("ko", "오후 2:30", dt.time(14, 30)),
    ("ko", "오전 9:00", dt.time(9, 0)),
    ("ko", "오후 2시 30분", dt.time(14, 30)),
    ("ko", "2:30", TIME_AMBIGUOUS),
    ("ar", "2:30 م", dt.time(14, 30)),
    ("ar", "٢:٣٠ م", dt.time(14, 30)),
    ("ar", "9:00 ص", dt.time(9, 0)),
    ("ar", "14:30", dt.time(14, 30)),
    ("ar", "2:30", TIME_AMBIGUOUS),
]


@pytest.mark.parametrize(("tag", "typed", "expected"), DATES)
def test_dates_as_people_type_them(tag: str, typed: str, expected: dt.date | str) -> None:
    if isinstance(expected, str):
        with pytest.raises(ValidationError) as raised:
            parse_date(typed, tag, "date", today=TODAY)
        assert (raised.value.reason, raised.value.field, raised.value.value) == (
            expected,
            "date",
            typed,
        )
    else:
        assert parse_date(typed, tag, today=TODAY) == expected


@pytest.mark.parametrize(("tag", "typed", "expected"), TIMES)
def test_times_as_people_type_them(tag: str, typed: str, expected: dt.time | str) -> None:
    if isinstance(expected, str):
        with pytest.raises(ValidationError) as raised:
            parse_time(typed, tag, "time")
        assert (raised.value.reason, raised.value.field, raised.value.value) == (
            expected,
            "time",
            typed,
        )
    else:
        assert parse_time(typed, tag) == expected


def test_the_tables_cover_forty_inputs_in_six_languages() -> None:
    assert len(DATES) + len(TIMES) >= 40
    languages = {"en", "es", "fr", "zh-Hans", "ko", "ar"}
    assert {tag for tag, _, _ in DATES} == languages
    assert {tag for tag, _, _ in TIMES} == languages


@pytest.mark.parametrize(
    ("typed", "year"),
    [("1/2/26", 2026), ("1/2/45", 2045), ("1/2/46", 1946), ("1/2/00", 2000), ("1/2/99", 1999)],
)
def test_two_digit_years_fall_between_80_years_ago_and_19_ahead(typed: str, year: int) -> None:
    assert parse_date(typed, "en", today=TODAY) == dt.date(year, 1, 2)


def test_the_two_digit_window_moves_with_today() -> None:
    assert parse_date("1/2/46", "en", today=dt.date(2030, 6, 1)) == dt.date(2046, 1, 2)


@pytest.mark.parametrize(
    ("typed", "today", "expected"),
    [
        ("January 5", dt.date(2026, 12, 7), dt.date(2027, 1, 5)),  # ahead, across New Year
        ("December 1", dt.date(2026, 12, 7), dt.date(2026, 12, 1)),  # a week ago
        ("December 1", dt.date(2027, 1, 3), dt.date(2026, 12, 1)),  # last month
        ("July 1", dt.date(2026, 1, 1), dt.date(2026, 7, 1)),
        ("2/29", dt.date(2027, 6, 1), dt.date(2028, 2, 29)),  # the nearest year that has it
    ],
)
def test_a_date_without_a_year_is_the_nearest_one(
    typed: str, today: dt.date, expected: dt.date
) -> None:
    assert parse_date(typed, "en", today=today) == expected


def test_iso_dates_are_read_in_every_language() -> None:
    for language in LANGUAGES:
        assert parse_date("2026-12-08", language.tag, today=TODAY) == DEC_8
        assert parse_date("20261208", language.tag, today=TODAY) == DEC_8


def test_a_leap_day_only_in_a_leap_year() -> None:
    assert parse_date("2028-02-29", "en") == dt.date(2028, 2, 29)
    with pytest.raises(ValidationError) as raised:
        parse_date("2/29/2027", "en")
    assert raised.value.reason == DATE_IMPOSSIBLE


def test_empty_input_is_unreadable_not_today() -> None:
    for text in ("", "   ", "/"):
        with pytest.raises(ValidationError) as raised:
            parse_date(text, "en")
        assert raised.value.reason == DATE_UNREADABLE
        with pytest.raises(ValidationError) as raised:
            parse_time(text, "en")
        assert raised.value.reason == TIME_UNREADABLE


def test_two_am_pm_words_are_refused() -> None:
    with pytest.raises(ValidationError) as raised:
        parse_time("2:30 am pm", "en")
    assert raised.value.reason == TIME_IMPOSSIBLE


def test_seconds_are_kept() -> None:
    assert parse_time("14:30:15", "fr") == dt.time(14, 30, 15)


def test_examples_are_in_the_languages_own_format() -> None:
    assert date_example("en", TODAY) == "12/15/2026"
    assert date_example("es", TODAY) == "15/12/2026"
    assert date_example("zh-Hans", TODAY) == "2026/12/15"
    assert date_example("ko", TODAY) == "2026. 12. 15."
    assert date_example("ru", TODAY) == "15.12.2026"
    assert time_example("en") == "2:30\u202fPM"
    assert time_example("fr") == "14:30"
    assert time_example("ko") == "오후 2:30"


def test_a_date_field_shows_four_digit_years() -> None:
    assert format_date_input(dt.date(2026, 1, 5), "en") == "1/5/2026"
    assert format_date_input(dt.date(2026, 1, 5), "fr") == "05/01/2026"
    assert format_date_input(dt.date(2026, 1, 5), "vi") == "5/1/2026"


# Two-digit years in the short formats read back within the window around TODAY.
_DATES = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2044, 12, 31))
_TAGS = st.sampled_from([language.tag for language in LANGUAGES])
_LENGTHS = st.sampled_from(["short", "medium", "long", "full"])


@settings(max_examples=400, deadline=None)
@given(day=_DATES, tag=_TAGS, length=_LENGTHS)
def test_every_formatted_date_reads_back(day: dt.date, tag: str, length: str) -> None:
    written = format_date(day, tag, length)  # type: ignore[arg-type]
    assert parse_date(written, tag, today=TODAY) == day
    assert parse_date(format_date_input(day, tag), tag, today=TODAY) == day


@settings(max_examples=300, deadline=None)
@given(
    clock=st.times().map(lambda value: value.replace(second=0, microsecond=0)),
    tag=_TAGS,
)
def test_every_formatted_time_reads_back(clock: dt.time, tag: str) -> None:
    assert parse_time(format_time(clock, tag), tag) == clock
    assert parse_time(format_time(clock, tag, "medium"), tag) == clock
