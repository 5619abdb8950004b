"""Haitian Creole (Kreyòl ayisyen) calendar words for Babel.

CLDR's data for ``ht`` is a skeleton: Babel formats months as "M01".."M12",
weekdays in English and dates year-first. This module gives Babel a ``ht``
locale whose calendar data is filled in, so Kreyòl dates go through the same
``babel.dates`` functions as every other language.

Names and abbreviations follow the glibc ``ht_HT`` locale. Date order follows
the way dates are written in Haiti, day before month, as in French:
"jedi 4 desanm 2025", "04/12/2025". The clock is 24-hour ("14:30"). Lists join their
last two items with "ak" (and).
"""

from __future__ import annotations

import copy
from functools import lru_cache
from typing import Any

from babel import Locale, localedata
from babel.dates import parse_pattern

MONTHS = (
    "janvye",
    "fevriye",
    "mas",
    "avril",
    "me",
    "jen",
    "jiyè",
    "out",
    "septanm",
    "oktòb",
    "novanm",
    "desanm",
)
MONTHS_ABBREVIATED = (
    "jan",
    "fev",
    "mas",
    "avr",
    "me",
    "jen",
    "jiy",
    "out",
    "sep",
    "okt",
    "nov",
    "des",
)

# Monday first, as Babel numbers weekdays (0 = Monday ... 6 = Sunday).
WEEKDAYS = ("lendi", "madi", "mèkredi", "jedi", "vandredi", "samdi", "dimanch")
WEEKDAYS_ABBREVIATED = ("len", "mad", "mèk", "jed", "van", "sam", "dim")

DATE_PATTERNS = {
    "full": "EEEE d MMMM y",
    "long": "d MMMM y",
    "medium": "d MMM y",
    "short": "dd/MM/y",
}
TIME_PATTERNS = {
    "full": "HH:mm:ss zzzz",
    "long": "HH:mm:ss z",
    "medium": "HH:mm:ss",
    "short": "HH:mm",
}
DATETIME_PATTERNS = {"full": "{1} {0}", "long": "{1} {0}", "medium": "{1} {0}", "short": "{1} {0}"}

# Flexible formats ("skeletons") that put the day before the month.
SKELETONS = {
    "d": "d",
    "E": "ccc",
    "Ed": "E d",
    "M": "L",
    "Md": "dd/MM",
    "MEd": "E dd/MM",
    "MMM": "LLL",
    "MMMd": "d MMM",
    "MMMEd": "E d MMM",
    "MMMMd": "d MMMM",
    "MMMMEd": "E d MMMM",
    "MMMMEEEEd": "EEEE d MMMM",
    "y": "y",
    "yM": "MM/y",
    "yMd": "dd/MM/y",
    "yMEd": "E dd/MM/y",
    "yMMM": "MMM y",
    "yMMMd": "d MMM y",
    "yMMMEd": "E d MMM y",
    "yMMMM": "MMMM y",
    "yMMMMd": "d MMMM y",
    "yMMMMEd": "E d MMMM y",
}


# CLDR's ``ht`` lists join every item with a comma ("a, b, c"), and its "or" list is
# English. Kreyòl joins the last two with "ak" (and) or "oswa" (or), as French does with
# "et" and "ou": "transpò, gadri ak entèprèt".
LIST_PATTERNS = {
    "standard": {"start": "{0}, {1}", "middle": "{0}, {1}", "end": "{0} ak {1}", "2": "{0} ak {1}"},
    "or": {"start": "{0}, {1}", "middle": "{0}, {1}", "end": "{0} oswa {1}", "2": "{0} oswa {1}"},
}


def _names(wide: tuple[str, ...], abbreviated: tuple[str, ...], first: int) -> dict[str, Any]:
    widths = {
        "wide": dict(enumerate(wide, start=first)),
        "abbreviated": dict(enumerate(abbreviated, start=first)),
        "narrow": {number: name[0].upper() for number, name in enumerate(wide, start=first)},
    }
    return {"format": copy.deepcopy(widths), "stand-alone": copy.deepcopy(widths)}


def _kreyol_data() -> dict[str | int | None, Any]:
    data: dict[str | int | None, Any] = {}
    data.update(copy.deepcopy(localedata.load("ht")))
    data["months"] = _names(MONTHS, MONTHS_ABBREVIATED, first=1)
    data["days"] = _names(WEEKDAYS, WEEKDAYS_ABBREVIATED, first=0)
    data["date_formats"] = {name: parse_pattern(p) for name, p in DATE_PATTERNS.items()}
    data["time_formats"] = {name: parse_pattern(p) for name, p in TIME_PATTERNS.items()}
    data["datetime_formats"] = dict(DATETIME_PATTERNS)
    skeletons = dict(data.get("datetime_skeletons", {}))
    skeletons.update(SKELETONS)
    data["datetime_skeletons"] = skeletons
    data["list_patterns"] = copy.deepcopy(LIST_PATTERNS)
    return data


class KreyolLocale(Locale):
    """Babel's ``ht`` locale with Kreyòl month names, weekdays and date patterns."""

    def __init__(self) -> None:
        super().__init__("ht")
        self._kreyol = localedata.LocaleDataDict(_kreyol_data())

    @property
    def _data(self) -> localedata.LocaleDataDict:
        return self._kreyol


@lru_cache(maxsize=1)
def kreyol_locale() -> KreyolLocale:
    """The one shared Kreyòl locale."""
    return KreyolLocale()
