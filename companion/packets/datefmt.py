"""Dates, times and numbers as the packet prints them, in the witness's language.

Every date, time or number on a packet goes through these functions; they delegate to
``companion.i18n.formatting`` (Babel, with the filled-in Kreyòl calendar) and print
the courthouse's wall-clock time (the zone the aware datetime carries).
"""

from __future__ import annotations

import datetime as dt

from companion.i18n import formatting


def format_long_date(moment: dt.datetime, tag: str) -> str:
    """Weekday and date, e.g. "Thursday, December 3, 2026" / "2026年12月3日星期四"."""
    return formatting.format_date(moment, tag, "full")


def format_short_date(moment: dt.datetime, tag: str) -> str:
    """A compact date for page headers, e.g. "Dec 3, 2026"."""
    return formatting.format_date(moment, tag, "medium")


def format_time(moment: dt.datetime, tag: str) -> str:
    """Wall-clock time in the moment's own zone, e.g. "9:30 AM" / "09:30"."""
    return formatting.format_time(moment, tag, "short")


def format_number(number: int, tag: str) -> str:
    return formatting.format_number(number, tag)
