"""Per-user interface preferences kept by Qt (QSettings), outside the encrypted store.

Only things that say nothing about the office or its people live here: the
interface language, window geometry and the agenda's day range. Everything else
belongs in the store's own settings table.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

ORGANISATION = "CourtCompanion"
APPLICATION = "CourtCompanion"

LANGUAGE_KEY = "interface/language"
AGENDA_DAYS_KEY = "agenda/days"
WINDOW_GEOMETRY_KEY = "window/geometry"


def app_settings() -> QSettings:
    """The user's preferences file (an INI file, so tests can point it at a temporary folder
    with ``QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)``)."""
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION
    )


def remembered_language() -> str | None:
    value = app_settings().value(LANGUAGE_KEY)
    return str(value) if value else None


def remember_language(tag: str) -> None:
    settings = app_settings()
    settings.setValue(LANGUAGE_KEY, tag)
    settings.sync()


def remembered_agenda_days(default: int) -> int:
    value = app_settings().value(AGENDA_DAYS_KEY)
    try:
        return int(str(value)) if value is not None else default
    except ValueError:
        return default


def remember_agenda_days(days: int) -> None:
    app_settings().setValue(AGENDA_DAYS_KEY, days)
