"""Writing iCalendar (RFC 5545) content lines by hand, for the compact event a packet's QR
code holds: a handful of properties, without loading the icalendar library for each
packet process. The ``.ics`` files themselves are still written by icalendar
(``companion.packets.calendar``); these lines come out as icalendar writes the same
properties (``tests/unit/test_calendar.py`` compares the two).
"""

from __future__ import annotations

import datetime as dt

#: A content line longer than this many octets is folded (RFC 5545, 3.1).
FOLD_OCTETS = 75


def escape_text(text: str) -> str:
    r"""A TEXT value escaped (RFC 5545, 3.3.11): backslash, semicolon, comma and line
    breaks (``\N`` taken for a line break first, as icalendar does)."""
    return (
        text.replace(r"\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", r"\;")
        .replace(",", r"\,")
        .replace("\r\n", r"\n")
        .replace("\n", r"\n")
        .replace("\r", r"\n")
    )


def fold(line: str) -> str:
    """``line`` folded into pieces shorter than ``FOLD_OCTETS`` octets of UTF-8, never
    inside a character, each continuation starting with a space; an escape's backslash
    stays with the character it escapes."""
    pieces: list[str] = []
    current: list[str] = []
    octets = 0
    for char in line:
        size = len(char.encode("utf-8"))
        if current and octets + size >= FOLD_OCTETS:
            if len(current) > 1 and current[-1] in "\\^":
                carried = current.pop()
                pieces.append("".join(current))
                current, octets = [carried], len(carried.encode("utf-8"))
            else:
                pieces.append("".join(current))
                current, octets = [], 0
        current.append(char)
        octets += size
    if current:
        pieces.append("".join(current))
    return "\r\n ".join(pieces)


def utc_stamp(moment: dt.datetime) -> str:
    """A DATE-TIME in UTC: ``20261208T140000Z``."""
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def duration(span: dt.timedelta) -> str:
    """A DURATION: ``-P1D``, ``-PT2H``, ``PT1H30M``."""
    sign = ""
    if span.days < 0:
        sign, span = "-", -span
    time_part = ""
    if span.seconds:
        hours, rest = divmod(span.seconds, 3600)
        minutes, seconds = divmod(rest, 60)
        time_part = "T"
        if hours:
            time_part += f"{hours}H"
        if minutes or (hours and seconds):
            time_part += f"{minutes}M"
        if seconds:
            time_part += f"{seconds}S"
    if span.days == 0 and time_part:
        return f"{sign}P{time_part}"
    return f"{sign}P{span.days}D{time_part}"


def content_line(name: str, value: str) -> str:
    """One folded content line, with its line break."""
    return fold(f"{name}:{value}") + "\r\n"
