"""Helpers for the desktop shell's tests: isolated Qt preferences, English at the start of
every test, and a small office built through the store."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from companion.domain.models import Attendance, Case, Courthouse, Hearing, Person
from companion.domain.validation import local_datetime
from companion.store.store import Store


@pytest.fixture(autouse=True)
def isolated_interface(tmp_path: Path, qapp: QApplication) -> Iterator[None]:
    """Preferences in a temporary folder, and the interface in English before and after."""
    from companion.ui.fonts import install_application_font
    from companion.ui.shell.language import apply_language

    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings")
    )
    install_application_font(qapp)
    apply_language("en")
    yield
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible():  # a message left open would block input in the next test
            widget.close()
    apply_language("en")


@dataclass(frozen=True)
class SmallOffice:
    courthouse_id: int
    person_id: int
    case_id: int
    hearing_id: int


def add_hearing(
    store: Store,
    days_ahead: int = 2,
    given_name: str = "Rosa",
    family_name: str = "Test-Alvarez",
    native_name: str = "",
    docket: str = "TEST-0001",
    timezone: str = "America/New_York",
    courtroom: str = "12C",
) -> SmallOffice:
    """A courthouse, a person, their case and one hearing ``days_ahead`` days from today."""
    courthouse = store.courthouses.add(
        Courthouse(f"Test Courthouse {docket}", "1 Test Street, Testville", timezone, "US-NY")
    )
    person = store.people.add(
        Person(given_name, family_name, native_name=native_name, language="es")
    )
    assert courthouse.id is not None and person.id is not None
    case = store.cases.add(Case(docket, "Test Criminal Court", person_ids=[person.id]))
    assert case.id is not None
    day = dt.date.today() + dt.timedelta(days=days_ahead)
    hearing = store.hearings.add(
        Hearing(
            case_id=case.id,
            courthouse_id=courthouse.id,
            starts_at=local_datetime(day, dt.time(9, 30), timezone),
            courtroom=courtroom,
        ),
        [Attendance(person.id, 0, must_testify=True)],
    )
    assert hearing.id is not None
    return SmallOffice(courthouse.id, person.id, case.id, hearing.id)
