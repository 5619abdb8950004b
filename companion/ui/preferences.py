"""Per-user interface preferences kept by Qt (QSettings), outside the encrypted store.

Only things that say nothing about the office or its people live here: the
interface language, window geometry, the agenda's day range, the minutes before the
app locks itself, and the staff member's own name for the audit trail. Everything else
belongs in the store's own settings table.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

ORGANISATION = "CourtCompanion"
APPLICATION = "CourtCompanion"

LANGUAGE_KEY = "interface/language"
AGENDA_DAYS_KEY = "agenda/days"
WINDOW_GEOMETRY_KEY = "window/geometry"
LOCK_MINUTES_KEY = "security/lock_minutes"
STAFF_NAME_KEY = "audit/staff_name"

DEFAULT_LOCK_MINUTES = 5
LOCK_MINUTES_RANGE = (1, 240)


def app_settings() -> QSettings:
    """The user's preferences file (an INI file, so tests can point it at a temporary folder
    with ``QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)``)."""
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION
    )


def keep_private() -> None:
    """The preferences file 0600 and its folder 0700 (the staff member's name is in it).
    Qt keeps an existing file's mode when it saves, so narrowing it once is enough."""
    from pathlib import Path

    from companion.private_files import PRIVATE_FILE_MODE, PRIVATE_FOLDER_MODE, narrow_mode

    settings = app_settings()
    settings.sync()  # creates the file if there is none yet
    path = Path(settings.fileName())
    narrow_mode(path.parent, PRIVATE_FOLDER_MODE)
    narrow_mode(path, PRIVATE_FILE_MODE)


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


def lock_minutes() -> int:
    """Minutes without input before the app locks itself (default 5)."""
    value = app_settings().value(LOCK_MINUTES_KEY)
    try:
        minutes = int(str(value)) if value is not None else DEFAULT_LOCK_MINUTES
    except ValueError:
        return DEFAULT_LOCK_MINUTES
    low, high = LOCK_MINUTES_RANGE
    return min(max(minutes, low), high)


def remember_lock_minutes(minutes: int) -> None:
    settings = app_settings()
    settings.setValue(LOCK_MINUTES_KEY, minutes)
    settings.sync()


def remembered_staff_name() -> str:
    """The staff name this user gave for the audit trail ("" when none)."""
    value = app_settings().value(STAFF_NAME_KEY)
    return str(value) if value else ""


def remember_staff_name(name: str) -> None:
    settings = app_settings()
    settings.setValue(STAFF_NAME_KEY, name)
    settings.sync()
