"""Cells read as offices write them. Dates and times go through the desk's parser
(``companion.i18n.parsing``); this module only decides, per column, which order its
numeric dates use, and reads Excel's serial day numbers."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable

from babel.core import get_global

from companion.domain.models import Role
from companion.domain.validation import check_language_tag, normalise_phone
from companion.errors import ValidationError
from companion.i18n.folding import fold
from companion.i18n.languages import LANGUAGES, find_languages, language_name_in
from companion.i18n.parsing import parse_date, parse_time
from companion.imports.reading import Cell

ORDERS = ("mdy", "dmy", "ymd")
#: A language whose short numeric date is in each order: the desk's parser reads it so.
_ORDER_LANGUAGE = {"mdy": "en", "dmy": "es", "ymd": "zh-Hans"}
#: A language whose clock is 24-hour, for a column written the 24-hour way.
_TWENTY_FOUR_HOUR_LANGUAGE = "fr"

AMBIGUOUS_DATE_ORDER = "date_order_ambiguous"
EXCEL_EPOCH = dt.date(1899, 12, 30)

_NUMERIC = re.compile(r"\s*(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})\s*")
_TIME_PART = re.compile(
    r"^(.*?\d)\s+(\d{1,2}(?::\d{2}){0,2}\s*(?:[ap]\.?\s*m\.?)?)\s*$", re.IGNORECASE
)


def split_date_time(text: str) -> tuple[str, str]:
    """ "03/04/2026 9:30 AM" as ("03/04/2026", "9:30 AM"); a date alone as (text, "")."""
    match = _TIME_PART.match(text.strip())
    if (match and ":" in match.group(2)) or (match and re.search("[ap]", match.group(2), re.I)):
        return match.group(1), match.group(2)
    return text.strip(), ""


def date_order(texts: Iterable[str]) -> str | None:
    """The order every numeric date of a column fits, from all its rows: "dmy" when a
    first number is over 12, "mdy" when a second one is, "ymd" for four-digit years first;
    None when every date fits both month-first and day-first (03/04/2026). When rows
    prove different orders (12/21/2026 and 21/12/2026), the order most of them prove: the
    others are then refused row by row as impossible dates, and nothing is asked."""
    possible = set(ORDERS)
    proofs = dict.fromkeys(("mdy", "dmy", "ymd"), 0)
    seen = False
    for text in texts:
        match = _NUMERIC.fullmatch(text)
        if not match:
            continue
        seen = True
        first, second = int(match.group(1)), int(match.group(2))
        if len(match.group(1)) == 4:
            possible &= {"ymd"}
            proofs["ymd"] += 1
            continue
        possible.discard("ymd")
        if first > 12:
            possible.discard("mdy")
            proofs["dmy"] += 1
        if second > 12:
            possible.discard("dmy")
            proofs["mdy"] += 1
    if not seen:
        return "mdy"
    if len(possible) == 1:
        return possible.pop()
    if not possible:
        return max(proofs, key=lambda order: proofs[order])
    return None


def read_date(value: Cell, order: str | None, field: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return excel_serial(float(value), field)
    text = str(value).strip()
    if re.fullmatch(r"\d{5}(\.\d+)?", text):
        return excel_serial(float(text), field)
    if _NUMERIC.fullmatch(text) and order is None:
        raise ValidationError(field, AMBIGUOUS_DATE_ORDER, text)
    tag = _ORDER_LANGUAGE[order or "mdy"]
    try:
        return parse_date(text, tag, field)
    except ValidationError:
        if _NUMERIC.fullmatch(text):
            raise
        return parse_date(text, "es", field)  # "8 de diciembre de 2026"


def excel_serial(number: float, field: str) -> dt.date:
    """Excel's day number (1900 date system) as a date: 46115 is 2026-04-03."""
    if not 1 <= number < 2958466:
        raise ValidationError(field, "date_impossible", str(number))
    return EXCEL_EPOCH + dt.timedelta(days=int(number))


def column_is_24_hour(texts: Iterable[str]) -> bool:
    """True when the column's times carry no AM or PM anywhere and some hour is 0 or
    13-23 or written with a leading zero: then "9:30" there is morning."""
    any_24 = False
    for text in texts:
        if re.search(r"[ap]\.?\s*m|[^\d\s:.h]", text, re.IGNORECASE):
            return False
        match = re.match(r"\s*(\d{1,2})", text)
        if match and (match.group(1).startswith("0") or int(match.group(1)) > 12):
            any_24 = True
    return any_24


def read_time(value: Cell, twenty_four_hour: bool, field: str) -> dt.time:
    if isinstance(value, dt.datetime):
        return value.time().replace(microsecond=0)
    if isinstance(value, dt.time):
        return value.replace(microsecond=0)
    if isinstance(value, float) and 0 <= value < 1:  # Excel's fraction of a day
        minutes = round(value * 24 * 60)
        return dt.time(minutes // 60, minutes % 60)
    text = str(value).strip()
    return parse_time(text, _TWENTY_FOUR_HOUR_LANGUAGE if twenty_four_hour else "en", field)


def read_phone(text: str, field: str) -> str:
    return normalise_phone(text, field)


_THREE_LETTER = {str(key): str(value) for key, value in get_global("language_aliases").items()}


#: The languages a name alone leaves open: "Chinese" is written in two scripts, and the
#: import never guesses which one a witness reads.
CHINESE_SCRIPTS = frozenset({"zh-Hans", "zh-Hant"})


@functools.lru_cache(maxsize=512)
def _language_named(wanted: str) -> tuple[str, ...]:
    """The tags of the languages ``wanted`` names: one exactly, by its tag, English name,
    own name or its name in any interface language; else those its English search finds."""
    folded = fold(wanted)
    for interface in LANGUAGES:
        for language in find_languages(wanted, interface.tag):
            names = (
                language.tag,
                language.english_name,
                language.native_name,
                language_name_in(language, interface.tag),
            )
            if folded in {fold(name) for name in names}:
                return (language.tag,)
    return tuple(language.tag for language in find_languages(wanted, "en"))


def read_language(text: str, field: str) -> str:
    """A language named in English, in itself or in an interface language, or given as a
    tag ("Spanish", "Español", "es", "spa"), as its tag. "Chinese" alone is refused with
    the two names to write instead."""
    wanted = text.strip()
    found = _language_named(wanted) if wanted else ()
    if len(found) == 1:
        return found[0]
    if set(found) == CHINESE_SCRIPTS:
        raise ValidationError(field, "chinese_script_unsaid", text)
    alias = _THREE_LETTER.get(wanted.lower(), wanted)
    try:
        return check_language_tag(alias.replace("_", "-"), field)
    except ValidationError:
        raise ValidationError(field, "invalid_language", text) from None


_ROLES = {
    "victim": Role.VICTIM,
    "victima": Role.VICTIM,
    "v": Role.VICTIM,
    "witness": Role.WITNESS,
    "testigo": Role.WITNESS,
    "w": Role.WITNESS,
    "victimwitness": Role.BOTH,
    "victimandwitness": Role.BOTH,
    "both": Role.BOTH,
    "victimaytestigo": Role.BOTH,
    "victimatestigo": Role.BOTH,
    "ambos": Role.BOTH,
}


def read_role(text: str, field: str) -> Role:
    from companion.imports.mapping import fold_header

    folded = fold_header(text)
    for word in ("survivor", "complainant", "sobreviviente", "denunciante"):
        if folded == word:
            return Role.VICTIM
    if folded in _ROLES:
        return _ROLES[folded]
    raise ValidationError(field, "unknown_role", text)


_YES = {"yes", "y", "si", "s", "true", "1", "x", "oui"}
_NO = {"no", "n", "false", "0", ""}


def read_yes_no(value: Cell, field: str) -> bool:
    from companion.imports.mapping import fold_header

    if value is None:
        return False
    folded = fold_header(str(value))
    if folded in _YES:
        return True
    if folded in _NO:
        return False
    raise ValidationError(field, "not_yes_or_no", str(value))
