"""Haitian Creole day and month names, written out for the tests to expect.

CLDR has no Haitian Creole calendar, so ``companion.i18n.kreyol`` supplies one. The tests
expect these words, written out here once, never the names that module gives.
"""

KREYOL_WEEKDAYS = ("lendi", "madi", "mèkredi", "jedi", "vandredi", "samdi", "dimanch")
KREYOL_MONTHS = (
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
