"""The packet's dates, times and numbers, pinned as a reader of each language expects them.

The expected strings are written out by hand (CLDR conventions: a narrow no-break space
before AM/PM, 24-hour clocks in Chinese and Kreyòl, a space to group digits in Kreyòl),
so a change of format length or of zone handling shows up as a failed comparison.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from companion.packets.datefmt import (
    format_long_date,
    format_number,
    format_short_date,
    format_time,
)

NNBSP = "\u202f"
#: Thursday evening in Los Angeles; already Friday in UTC.
EVENING = dt.datetime(2026, 11, 5, 21, 45, tzinfo=ZoneInfo("America/Los_Angeles"))


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("en", "Thursday, November 5, 2026"),
        ("es", "jueves, 5 de noviembre de 2026"),
        ("zh-Hans", "2026年11月5日星期四"),
        ("ht", "jedi 5 novanm 2026"),
    ],
)
def test_long_date_has_the_weekday_and_the_courthouse_date(tag: str, expected: str) -> None:
    assert format_long_date(EVENING, tag) == expected


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("en", "Nov 5, 2026"),
        ("es", "5 nov 2026"),
        ("zh-Hans", "2026年11月5日"),
    ],
)
def test_short_date_is_the_compact_form(tag: str, expected: str) -> None:
    assert format_short_date(EVENING, tag) == expected


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("en", f"9:45{NNBSP}PM"),
        ("es", f"9:45{NNBSP}p.m."),
        ("zh-Hans", "21:45"),
        ("ht", "21:45"),
    ],
)
def test_time_is_the_courthouse_wall_clock(tag: str, expected: str) -> None:
    assert format_time(EVENING, tag) == expected


def test_time_is_not_converted_to_utc_or_the_laptop_zone() -> None:
    same_instant_in_utc = EVENING.astimezone(dt.UTC)
    assert format_time(same_instant_in_utc, "en") == f"5:45{NNBSP}AM"
    assert format_long_date(same_instant_in_utc, "en") == "Friday, November 6, 2026"


@pytest.mark.parametrize(
    ("tag", "expected"),
    [("en", "1,234,567"), ("ht", "1\xa0234\xa0567")],
)
def test_numbers_are_grouped_as_the_language_groups_them(tag: str, expected: str) -> None:
    assert format_number(1234567, tag) == expected
