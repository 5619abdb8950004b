"""Dates, times, weekdays and numbers in one language's conventions, by Babel.

Every function takes the language tag to format for: the interface language
for what staff see, the witness's language for anything made for the witness.
Haitian Creole uses the filled-in Kreyòl calendar of ``companion.i18n.kreyol``;
Tagalog formats with Babel's Filipino (``fil``) data.

Times are shown in the zone the datetime carries, never converted: a hearing
at 9:00 at the courthouse reads 9:00 wherever the laptop is.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache
from typing import Literal

from babel import Locale, dates, lists, numbers

from companion.i18n.catalog import translator
from companion.i18n.kreyol import kreyol_locale
from companion.i18n.languages import get_language

DateLength = Literal["short", "medium", "long", "full"]
WeekdayWidth = Literal["wide", "abbreviated", "short", "narrow"]

_KREYOL_BABEL_LOCALE = "ht"


@cache
def babel_locale(tag: str) -> Locale:
    """The Babel locale that formats for language ``tag``."""
    language = get_language(tag)
    if language.babel_locale == _KREYOL_BABEL_LOCALE:
        return kreyol_locale()
    return Locale.parse(language.babel_locale)


def format_date(value: dt.date, tag: str, length: DateLength = "medium") -> str:
    """A calendar date: ``short`` 12/4/25, ``medium`` Dec 4, 2025, ``long``
    December 4, 2025, ``full`` Thursday, December 4, 2025 (in English)."""
    return dates.format_date(_date_of(value), length, locale=babel_locale(tag))


def format_time(value: dt.time | dt.datetime, tag: str, length: DateLength = "short") -> str:
    """A clock time in the zone ``value`` carries. ``long`` and ``full`` add the zone."""
    return dates.format_time(value, length, tzinfo=None, locale=babel_locale(tag))


def format_datetime(value: dt.datetime, tag: str, length: DateLength = "medium") -> str:
    """Date (of the given length) and short time, joined as the language joins them."""
    locale = babel_locale(tag)
    joiner = str(locale.datetime_formats[length]).replace("'", "")
    return joiner.replace("{1}", format_date(value, tag, length)).replace(
        "{0}", format_time(value, tag, "short")
    )


def format_weekday(value: dt.date | int, tag: str, width: WeekdayWidth = "wide") -> str:
    """The weekday of a date, or of a number (0 = Monday ... 6 = Sunday, as ``date.weekday()``)."""
    weekday = value if isinstance(value, int) else _date_of(value).weekday()
    if not 0 <= weekday <= 6:
        raise ValueError(f"weekday must be 0..6, got {weekday}")
    names = dates.get_day_names(width, "format", locale=babel_locale(tag))
    return str(names[weekday])


def format_list(items: list[str], tag: str) -> str:
    """ "Transport, childcare and an escort" as the language writes a list (CLDR)."""
    if not items:
        return ""
    return lists.format_list(items, "standard", locale=babel_locale(tag))


def format_number(value: int | float | Decimal, tag: str) -> str:
    """A number with the language's decimal sign and digit grouping (1,234.5 / 1.234,5)."""
    return numbers.format_decimal(value, locale=babel_locale(tag))


def format_day_heading(value: dt.date, tag: str) -> str:
    """A day's heading without the year, as over a group in the agenda:
    "Thursday, December 4", "jueves, 4 de diciembre", "12月4日星期四", "jedi 4 desanm"."""
    return dates.format_date(_date_of(value), _day_heading_pattern(tag), locale=babel_locale(tag))


def format_short_day(value: dt.date, tag: str) -> str:
    """A near day, short: weekday and date without the year, "Mon, Dec 28", "lun. 28 déc.",
    "12月28日周一" (CLDR's "MMMEd" form)."""
    pattern = _short_day_pattern(tag)
    if pattern is None:
        return format_date(value, tag, "medium")
    return dates.format_date(_date_of(value), pattern, locale=babel_locale(tag))


@cache
def _short_day_pattern(tag: str) -> str | None:
    """The language's "MMMEd" pattern, looked up once (matching a skeleton is slow: a
    call list of thousands of rows spent seconds on it)."""
    locale = babel_locale(tag)
    key = dates.match_skeleton("MMMEd", locale.datetime_skeletons)
    return None if key is None else str(locale.datetime_skeletons[key])


def format_hearing_datetime(value: dt.datetime, tag: str) -> str:
    """When a hearing starts, for the witness: full weekday and date, and the time,
    at the courthouse (in the zone ``value`` carries), e.g.
    "Thursday, December 4, 2025 at 9:00 AM".

    ``value`` must be timezone-aware; a naive time could be anyone's clock.
    """
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("a hearing time must be timezone-aware (in the courthouse's zone)")
    # Translators: when a hearing starts, printed for the witness.
    # {date} is the full date with weekday ("Thursday, December 4, 2025"),
    # {time} the clock time ("9:00 AM"). Reorder freely, keep both.
    message = translator(tag).gettext("{date} at {time}")
    return message.format(
        date=format_date(value, tag, "full"),
        time=format_time(value, tag, "short"),
    )


def _date_of(value: dt.date) -> dt.date:
    """The wall-clock date of a date or (aware or naive) datetime, in its own zone."""
    return value.date() if isinstance(value, dt.datetime) else value


@cache
def _day_heading_pattern(tag: str) -> str:
    """The locale's "weekday, day month" pattern, with the weekday written out."""
    locale = babel_locale(tag)
    skeletons = locale.datetime_skeletons
    key = dates.match_skeleton("MMMMEEEEd", skeletons)
    if key is None:
        raise LookupError(f"no weekday-day-month format for {tag}")
    tokens = dates.tokenize_pattern(str(skeletons[key]))
    widened = [
        ("field", (field[0], 4)) if kind == "field" and field[0] in "Ec" else (kind, field)
        for kind, field in tokens
    ]
    return dates.untokenize_pattern(widened)
