"""Reading dates and times as people type them, in one language's conventions.

The words and the order come from CLDR, through Babel: month and weekday names, the
order of day, month and year in the language's short date ("12/8/2026" in English,
"8/12/2026" in Spanish, "2026/12/8" in Chinese), the words written around the numbers
("2026年12月8日", "8 de diciembre de 2026", "8 декабря 2026 г."), and the AM/PM words
("2:30 PM", "오후 2:30", "下午2:30"). This module adds only what CLDR does not say:

* **ISO 8601** (``2026-12-08``, ``20261208``) is read in every language, and so is any
  date that starts with a four-digit year ("2026/12/8", "2026. 12. 8.").
* **A two-digit year** means the year ending in those digits that falls between 80 years
  ago and 19 years ahead, as spreadsheets and ICU read them: in 2026, "26" is 2026,
  "45" is 2045 and "46" is 1946.
* **A date without a year** ("December 8", "8/12") means the one nearest to today; on a
  tie, the one ahead.
* **A weekday**, if given, must be the date's own ("Tuesday, December 8, 2026").
* **Times**: "2:30 PM", "2:30pm", "2 pm", "14:30", "1430", "14 h 30", "14h", the language's
  own AM/PM words in front or behind, and a few hour and minute words CLDR's patterns do
  not carry (h, 시/분, 点/時/分, giờ/phút).
* **A clock time with no AM or PM, in a language whose clock is 12-hour** ("2:30" in
  English) is refused as ambiguous, unless it is written the 24-hour way: an hour of 0 or
  13 to 23, a leading zero ("09:30"), or four digits ("0930", "1430").

Whatever is not understood is refused with a typed ``ValidationError``; nothing is ever
guessed or dropped. ``companion.messages`` turns the reasons into sentences with an
example in the language's own format (``date_example``, ``time_example``).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from babel import dates

from companion.errors import ValidationError
from companion.i18n.folding import IGNORED, fold, is_ideographic
from companion.i18n.formatting import babel_locale, format_time

DATE_UNREADABLE = "date_unreadable"
DATE_IMPOSSIBLE = "date_impossible"
DATE_WEEKDAY_MISMATCH = "date_weekday_mismatch"
TIME_UNREADABLE = "time_unreadable"
TIME_IMPOSSIBLE = "time_impossible"
TIME_AMBIGUOUS = "time_ambiguous"

TWO_DIGIT_YEARS_BACK = 80

_LENGTHS = ("short", "medium", "long", "full")
_YEARLESS_SKELETONS = ("Md", "MMMd", "MMMMd", "yMd", "yMMMd", "yMMMMd", "yMMMEd", "MMMEd")
_FORMATTING_MARKS = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")

# Hour and minute words people write between the numbers ("14 h 30", "2시 30분", "2点30分").
_HOUR_WORDS = frozenset({"h", "시", "点", "點", "时", "時", "gio"})
_MINUTE_WORDS = frozenset({"분", "分", "phut", "min"})

_DAY = 24 * 60
_AM = ((0, 12 * 60),)
_PM = ((12 * 60, _DAY),)
# Accepted in every language: English keyboards and habits are everywhere.
_ENGLISH_PERIODS = {"am": _AM, "a": _AM, "pm": _PM, "p": _PM}


@dataclass(frozen=True)
class _Words:
    """What one language writes in its dates and times, folded for matching."""

    names: tuple[tuple[str, str, int], ...]  # (name, "M" month or "E" weekday, number)
    markers: dict[str, str]  # a word written right after a field ("年" after the year)
    fillers: frozenset[str]  # other words of the patterns ("de", "г")
    numeric_order: tuple[str, ...]  # day, month and year in the short date
    text_order: tuple[str, ...]  # day and year around a month written as a word
    twelve_hour: bool
    periods: dict[str, tuple[tuple[int, int], ...]]  # "pm" -> the minutes of the day it covers


def _normalise(text: str) -> str:
    """Case, accents and compatibility forms folded; digits of any script as ASCII;
    direction marks as spaces."""
    folded = fold(_FORMATTING_MARKS.sub(" ", text), keep=IGNORED)
    return "".join(
        str(unicodedata.digit(ch)) if unicodedata.category(ch) == "Nd" else ch for ch in folded
    )


def _bare(name: str) -> str:
    return _normalise(name).strip().rstrip(".").strip()


def _is_letter(ch: str) -> bool:
    return ch.isalpha() or unicodedata.category(ch).startswith("M")


@cache
def _words(tag: str) -> _Words:
    locale = babel_locale(tag)
    names: set[tuple[str, str, int]] = set()
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for number, name in locale.months.get(context, {}).get(width, {}).items():
                names.add((_bare(name), "M", int(number)))
        for width in ("wide", "abbreviated", "short"):
            for number, name in locale.days.get(context, {}).get(width, {}).items():
                names.add((_bare(name), "E", int(number)))
    patterns = [str(locale.date_formats[length].pattern) for length in _LENGTHS]
    skeletons = locale.datetime_skeletons
    patterns += [str(skeletons[key]) for key in _YEARLESS_SKELETONS if key in skeletons]
    markers: dict[str, str] = {}
    fillers: set[str] = set()
    for pattern in patterns:
        tokens = dates.tokenize_pattern(pattern)
        for index, (kind, value) in enumerate(tokens):
            if kind != "chars":
                continue
            text = _normalise(str(value))
            words = re.findall(r"[^\W\d_]+", text)
            fillers.update(words)
            previous = tokens[index - 1] if index else None
            if previous and previous[0] == "field" and words and text.startswith(words[0]):
                field = _field_letter(previous[1][0])
                if field:
                    markers.setdefault(words[0], field)
    short_time = str(locale.time_formats["short"].pattern)
    # A one-character weekday that is also a date word ("일", Sunday, and "일" after the
    # day in Korean; "日" in Chinese) is the date word.
    names = {item for item in names if not (item[1] == "E" and item[0] in markers)}
    return _Words(
        names=tuple(sorted(names, key=lambda item: -len(item[0]))),
        markers=markers,
        fillers=frozenset(fillers),
        numeric_order=_field_order(str(locale.date_formats["short"].pattern)),
        text_order=tuple(
            field
            for field in _field_order(str(locale.date_formats["long"].pattern))
            if field != "M"
        ),
        twelve_hour=any(
            kind == "field" and value[0] in "hK"
            for kind, value in dates.tokenize_pattern(short_time)
        ),
        periods=_periods(tag),
    )


def _field_letter(letter: str) -> str | None:
    return {"y": "y", "M": "M", "L": "M", "d": "d"}.get(letter)


def _field_order(pattern: str) -> tuple[str, ...]:
    order: list[str] = []
    for kind, value in dates.tokenize_pattern(pattern):
        if kind == "field":
            field = _field_letter(value[0])
            if field and field not in order:
                order.append(field)
    return tuple(order)


def _periods(tag: str) -> dict[str, tuple[tuple[int, int], ...]]:
    """Every AM/PM word of the language (and of CLDR's flexible periods, "下午", "晚上"),
    squashed (no spaces or dots), with the minutes of the day each covers."""
    locale = babel_locale(tag)
    rules = locale.day_period_rules.get(None, {})
    fixed: dict[str, tuple[tuple[int, int], ...]] = {}
    flexible: dict[str, list[tuple[int, int]]] = {}
    for context in ("format", "stand-alone"):
        for width in ("abbreviated", "wide", "narrow"):
            for key, name in locale.day_periods.get(context, {}).get(width, {}).items():
                word = _squash(name)
                if not word:
                    continue
                if key in ("am", "pm"):
                    fixed[word] = _AM if key == "am" else _PM
                else:
                    flexible.setdefault(word, []).extend(_rule_ranges(rules.get(key, [])))
    periods: dict[str, tuple[tuple[int, int], ...]] = dict(_ENGLISH_PERIODS)
    periods.update({word: tuple(ranges) for word, ranges in flexible.items() if ranges})
    periods.update(fixed)  # where one word is both, its AM/PM meaning wins
    return periods


def _rule_ranges(rules: list[dict[str, int]]) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    for rule in rules:
        if "at" in rule:
            minute = rule["at"] // 60
            ranges.append((minute, minute + 1))
        elif "from" in rule and "before" in rule:
            start, end = rule["from"] // 60, rule["before"] // 60
            if start < end:
                ranges.append((start, end))
            else:  # across midnight
                ranges.extend(((start, _DAY), (0, end)))
    return ranges


def _squash(text: str) -> str:
    return "".join(ch for ch in _normalise(text) if _is_letter(ch))


# --- dates ---------------------------------------------------------------------------


def parse_date(text: str, tag: str, field: str = "date", today: dt.date | None = None) -> dt.date:
    """The date ``text`` means in language ``tag`` (see the module's rules)."""
    today = today or dt.date.today()
    normal = _normalise(text).strip()
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})|(\d{4})(\d{2})(\d{2})", normal)
    if iso:
        parts = [int(part) for part in iso.groups() if part is not None]
        return _real_date(parts[0], parts[1], parts[2], text, field)
    words = _words(tag)
    tokens = _date_tokens(normal, words)
    fields, weekday = _assign(tokens, words, text, field)
    if "y" in fields:
        year = _year(fields["y"], today, text, field)
        day = _real_date(year, int(fields["M"]), int(fields["d"]), text, field)
    else:
        day = _nearest(int(fields["M"]), int(fields["d"]), today, text, field)
    if weekday is not None and weekday != day.weekday():
        raise ValidationError(field, DATE_WEEKDAY_MISMATCH, text)
    return day


def _date_tokens(text: str, words: _Words) -> list[tuple[str, str]]:
    """``text`` as (kind, value) tokens: "M"/"E" a month or weekday number, "N" digits,
    "W" another word. Separators are dropped.

    A name that is both a month and a weekday (Spanish "mar", March and Tuesday) is the
    month when no other month is written and it is the last such name; else the weekday.
    """
    tokens: list[tuple[str, str]] = []
    both: list[tuple[int, str, str]] = []
    position = 0
    while position < len(text):
        named = _name_at(text, position, words)
        if named is not None:
            name, kind, number = named
            meanings = {k: n for candidate, k, n in words.names if candidate == name}
            if len(meanings) == 2:
                both.append((len(tokens), str(meanings["M"]), str(meanings["E"])))
            tokens.append((kind, str(number)))
            position += len(name)
            continue
        ch = text[position]
        end = position + 1
        if ch.isdigit():
            while end < len(text) and text[end].isdigit():
                end += 1
            tokens.append(("N", text[position:end]))
        elif _is_letter(ch):
            if not is_ideographic(ch):
                while end < len(text) and _is_letter(text[end]) and not is_ideographic(text[end]):
                    end += 1
            tokens.append(("W", text[position:end]))
        position = end
    if both:
        other_month = any(
            kind == "M"
            for index, (kind, _) in enumerate(tokens)
            if index not in {b[0] for b in both}
        )
        for index, month, weekday in both:
            is_month = not other_month and index == both[-1][0]
            tokens[index] = ("M", month) if is_month else ("E", weekday)
    return tokens


def _name_at(text: str, position: int, words: _Words) -> tuple[str, str, int] | None:
    for name, kind, number in words.names:
        if not name or not text.startswith(name, position):
            continue
        end = position + len(name)
        before = text[position - 1] if position else ""
        after = text[end] if end < len(text) else ""
        if _runs_on(before, name[0]) or _runs_on(name[-1], after):
            continue
        return name, kind, number
    return None


def _runs_on(left: str, right: str) -> bool:
    """True when ``left`` and ``right`` would be one word or number if side by side."""
    if not left or not right:
        return False
    if left.isdigit() and right.isdigit():
        return True
    return (
        _is_letter(left)
        and _is_letter(right)
        and not is_ideographic(left)
        and not is_ideographic(right)
    )


def _assign(
    tokens: list[tuple[str, str]], words: _Words, text: str, field: str
) -> tuple[dict[str, str], int | None]:
    """Which number is the day, the month and the year; and the weekday, if written."""
    fields: dict[str, str] = {}
    free: list[str] = []
    weekday: int | None = None

    def unreadable() -> ValidationError:
        return ValidationError(field, DATE_UNREADABLE, text)

    for index, (kind, value) in enumerate(tokens):
        if kind == "E":
            if weekday is not None:
                raise unreadable()
            weekday = int(value)
        elif kind == "M":
            if "M" in fields:
                raise unreadable()
            fields["M"] = value
        elif kind == "N":
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            marked = words.markers.get(following[1]) if following and following[0] == "W" else None
            if marked is not None:
                if marked in fields:
                    raise unreadable()
                fields[marked] = value
            else:
                free.append(value)
        elif value not in words.markers and value not in words.fillers:
            raise unreadable()
    order: tuple[str, ...]
    if "M" in fields and "y" not in fields and "d" not in fields and len(free) == 2:
        # Around a month name, a number of three or more digits is the year wherever it
        # stands ("8 Dec 2026", "2026 Dec 8"); two short numbers follow the language.
        long_numbers = [len(value) >= 3 for value in free]
        order = ("y", "d") if long_numbers == [True, False] else ("d", "y")
        if long_numbers == [False, False]:
            order = words.text_order
        fields.update(zip(order, free, strict=True))
        free = []
    elif "M" in fields:
        order = tuple(item for item in words.text_order if item not in fields)
        free = _fill(fields, free, order)
    else:
        if free and len(free[0]) >= 3 and not fields:
            order = ("y", "M", "d")
        else:
            order = tuple(item for item in words.numeric_order if item not in fields)
        free = _fill(fields, free, order)
    if free or "M" not in fields or "d" not in fields:
        raise unreadable()
    if any(len(fields[item]) > 2 for item in ("M", "d")):
        raise unreadable()
    return fields, weekday


def _fill(fields: dict[str, str], free: list[str], order: tuple[str, ...]) -> list[str]:
    """Give the free numbers to the missing fields in ``order``; the year may be left out."""
    if len(free) == len(order) - 1 and "y" in order:
        order = tuple(item for item in order if item != "y")
    if len(free) != len(order):
        return free
    fields.update(zip(order, free, strict=True))
    return []


def _year(digits: str, today: dt.date, text: str, field: str) -> int:
    if len(digits) == 4:
        return int(digits)
    if len(digits) > 2:
        raise ValidationError(field, DATE_UNREADABLE, text)
    start = today.year - TWO_DIGIT_YEARS_BACK
    return start + (int(digits) - start) % 100


def _real_date(year: int, month: int, day: int, text: str, field: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError as error:
        raise ValidationError(field, DATE_IMPOSSIBLE, text) from error


def _nearest(month: int, day: int, today: dt.date, text: str, field: str) -> dt.date:
    candidates: list[dt.date] = []
    for year in (today.year - 1, today.year, today.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        raise ValidationError(field, DATE_IMPOSSIBLE, text)
    return min(candidates, key=lambda date: (abs((date - today).days), date < today))


# --- times -----------------------------------------------------------------------------


def parse_time(text: str, tag: str, field: str = "time") -> dt.time:
    """The clock time ``text`` means in language ``tag`` (see the module's rules)."""
    words = _words(tag)
    normal = _normalise(text)
    tokens = [
        ("N", match.group()) if match.group()[0].isdigit() else ("W", match.group())
        for match in re.finditer(r"\d+|[^\W\d_]+", normal)
    ]
    numbers = [value for kind, value in tokens if kind == "N"]
    word_list = [value for kind, value in tokens if kind == "W"]
    period, others = _find_period(word_list, words.periods)
    if any(word not in _HOUR_WORDS and word not in _MINUTE_WORDS for word in others):
        raise ValidationError(field, TIME_UNREADABLE, text)
    hour_text, minute, second = _clock_numbers(numbers, text, field)
    hour = int(hour_text)
    written_24 = hour == 0 or hour > 12 or hour_text.startswith("0") or len(numbers[0]) == 4
    if minute > 59 or second > 59:
        raise ValidationError(field, TIME_IMPOSSIBLE, text)
    if period is not None:
        if not 1 <= hour <= 12:
            raise ValidationError(field, TIME_IMPOSSIBLE, text)
        fitting = [
            candidate
            for candidate in (hour % 12, hour % 12 + 12)
            if any(start <= candidate * 60 + minute < end for start, end in period)
        ]
        if len(fitting) != 1:
            raise ValidationError(field, TIME_IMPOSSIBLE, text)
        return dt.time(fitting[0], minute, second)
    if hour > 23:
        raise ValidationError(field, TIME_IMPOSSIBLE, text)
    if words.twelve_hour and not written_24:
        raise ValidationError(field, TIME_AMBIGUOUS, text)
    return dt.time(hour, minute, second)


def _find_period(
    word_list: list[str], periods: dict[str, tuple[tuple[int, int], ...]]
) -> tuple[tuple[tuple[int, int], ...] | None, list[str]]:
    """The AM/PM word among the words (possibly written in pieces: "a. m.", "de la tarde")
    and the words left over. Two of them leave no hour that fits."""
    found: tuple[tuple[int, int], ...] | None = None
    rest: list[str] = []
    position = 0
    while position < len(word_list):
        end = next(
            (
                end
                for end in range(len(word_list), position, -1)
                if "".join(word_list[position:end]) in periods
            ),
            None,
        )
        if end is None:
            rest.append(word_list[position])
            position += 1
            continue
        found = periods["".join(word_list[position:end])] if found is None else ()
        position = end
    return found, rest


def _clock_numbers(numbers: list[str], text: str, field: str) -> tuple[str, int, int]:
    """Hour (as typed), minute and second from the numbers of a time."""
    if len(numbers) == 1 and len(numbers[0]) in (3, 4):
        return numbers[0][:-2], int(numbers[0][-2:]), 0
    if len(numbers) == 1 and len(numbers[0]) <= 2:
        return numbers[0], 0, 0
    if 2 <= len(numbers) <= 3 and len(numbers[0]) <= 2 and all(len(n) == 2 for n in numbers[1:]):
        second = int(numbers[2]) if len(numbers) == 3 else 0
        return numbers[0], int(numbers[1]), second
    raise ValidationError(field, TIME_UNREADABLE, text)


# --- examples and the form a field shows ---------------------------------------------


def date_input_pattern(tag: str) -> str:
    """The language's short date pattern with the year written out ("M/d/y", "d/M/y",
    "y/M/d"): what a date field shows, and what the messages give as an example."""
    pattern = str(babel_locale(tag).date_formats["short"].pattern)
    tokens = [
        ("field", ("y", 1)) if kind == "field" and value[0] == "y" else (kind, value)
        for kind, value in dates.tokenize_pattern(pattern)
    ]
    return str(dates.untokenize_pattern(tokens))


def format_date_input(value: dt.date, tag: str) -> str:
    """A date as a date field shows it, and reads it back: "12/15/2026", "15/12/2026"."""
    return dates.format_date(value, date_input_pattern(tag), locale=babel_locale(tag))


def date_example(tag: str, today: dt.date | None = None) -> str:
    """An example date in the language's own short form, with a day past 12 so the order
    shows: "12/15/2026", "15/12/2026", "2026/12/15"."""
    year = (today or dt.date.today()).year
    return format_date_input(dt.date(year, 12, 15), tag)


def time_example(tag: str) -> str:
    """An example time of the afternoon in the language's own form: "2:30 PM", "14:30"."""
    return format_time(dt.time(14, 30), tag)
