"""Dates and times on screen, in the current interface language.

A thin layer over ``companion.i18n.formatting`` (Babel, with the Kreyòl calendar
filled in) that always formats for the language the staff member chose.
Hearing times keep the zone they carry: the courthouse's wall clock.
"""

from __future__ import annotations

import datetime as dt

from companion.i18n import formatting
from companion.ui.i18n import current


def _tag() -> str:
    return current().language.tag


def day_heading(day: dt.date) -> str:
    """A day over a group of hearings, e.g. "Thursday, December 4"."""
    return formatting.format_day_heading(day, _tag())


def full_date(day: dt.date) -> str:
    """ "Thursday, December 4, 2025", in the interface language."""
    return formatting.format_date(day, _tag(), "full")


def short_day(day: dt.date) -> str:
    """ "Mon, Dec 28": weekday and date, no year."""
    return formatting.format_short_day(day, _tag())


def medium_date(day: dt.date) -> str:
    return formatting.format_date(day, _tag(), "medium")


def clock_time(moment: dt.datetime | dt.time) -> str:
    """The wall-clock time a (courthouse-zoned) moment carries: "9:30 AM", "09:30"."""
    return formatting.format_time(moment, _tag(), "short")


def date_and_time(moment: dt.datetime) -> str:
    """Medium date and short time in the zone ``moment`` carries."""
    return formatting.format_datetime(moment, _tag(), "medium")


def stored_timestamp(text: str) -> str:
    """A UTC timestamp the store wrote (``2026-03-01T14:05:00Z``), in this computer's zone."""
    if not text:
        return ""
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return text
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return date_and_time(moment.astimezone())


def items(values: list[str]) -> str:
    """Separate things in a list, as the interface language writes one."""
    return formatting.format_list(values, _tag())


def number(value: int) -> str:
    return formatting.format_number(value, _tag())


def isolate(text: str) -> str:
    """``text`` as a bidi isolate (FSI ... PDI): it keeps its own direction inside a
    sentence in another script. A leading direction mark of the interface language makes
    the line read (and align) like the interface, even when the value alone is in it."""
    if not text:
        return text
    mark = "\u200f" if current().language.rtl else "\u200e"
    return f"{mark}\u2068{text}\u2069"
