"""The reminder schedule in Preferences: stored where the call list reads it, so changing it
changes who is due for a call, and on which day."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt

from companion.domain.models import Attendance, Case, Courthouse, Hearing, HearingType, Person
from companion.errors import ValidationError, ValidationErrors
from companion.outreach.model import ContactOutcome
from companion.outreach.schedule import ReminderSchedule
from companion.store.audit import AuditAction
from companion.store.store import Store
from companion.ui.settings.preferences_dialog import PreferencesDialog
from companion.ui.settings.reminder_box import parse_days
from tests.integration.ui_shell_support import isolated_interface  # noqa: F401

ZONE = ZoneInfo("America/New_York")
HEARING_IN_DAYS = 10


def _hearing_in_ten_days(store: Store) -> tuple[int, int, dt.date]:
    """A person at a hearing ten days from today, who confirmed when it was scheduled."""
    courthouse = store.courthouses.add(
        Courthouse("Fictional Schedule Hall", "6 Sample Road, Testville", str(ZONE), "US-NY")
    )
    person = store.people.add(Person("Ana", "Test-Schedule", language="es"))
    assert courthouse.id is not None and person.id is not None
    case = store.cases.add(Case("SCH-1", "Test Court", person_ids=[person.id]))
    assert case.id is not None
    today = dt.datetime.now(ZONE).date()
    starts = dt.datetime.combine(
        today + dt.timedelta(days=HEARING_IN_DAYS), dt.time(9, 30), tzinfo=ZONE
    )
    hearing = store.hearings.add(
        Hearing(case.id, courthouse.id, starts, HearingType.TRIAL),
        [Attendance(person.id, 0, must_testify=True)],
    )
    assert hearing.id is not None
    store.outreach.log_contact(person.id, hearing.id, ContactOutcome.CONFIRMED)
    return person.id, hearing.id, today


def _due_days(store: Store, person: int, hearing: int, today: dt.date) -> set[int]:
    """The days (counted from today) on which the person is on the call list."""
    return {
        offset
        for offset in range(HEARING_IN_DAYS + 1)
        if any(
            (item.person_id, item.hearing_id) == (person, hearing)
            for item in store.outreach.calls(today + dt.timedelta(days=offset))
        )
    }


def _dialog(qtbot, store: Store) -> PreferencesDialog:
    dialog = PreferencesDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    dialog.reminder_box.days.setFocus()
    qtbot.waitUntil(dialog.reminder_box.days.hasFocus)
    return dialog


def test_the_default_schedule_is_shown(qtbot, store: Store) -> None:
    dialog = _dialog(qtbot, store)
    box = dialog.reminder_box
    assert box.days.text() == "7, 2, 1"
    assert box.when_scheduled.isChecked() and box.when_moved.isChecked()


def test_changing_the_days_changes_who_is_due(qtbot, store: Store) -> None:
    person, hearing, today = _hearing_in_ten_days(store)
    # Default 7, 2, 1: from 7 days before (day 3 from now) to the hearing, nobody has
    # reached them since that step.
    assert _due_days(store, person, hearing, today) == set(range(3, 11))

    dialog = _dialog(qtbot, store)
    dialog.reminder_box.days.selectAll()
    qtbot.keyClicks(dialog.reminder_box.days, "4")
    qtbot.keyClick(dialog.reminder_box.days, Qt.Key.Key_Return)
    assert dialog.result() == PreferencesDialog.DialogCode.Accepted
    assert store.outreach.schedule() == ReminderSchedule((4,), True, True)
    assert _due_days(store, person, hearing, today) == set(range(6, 11))
    assert store.audit.entries(AuditAction.CHANGED_SCHEDULE)


def test_no_days_before_and_no_call_when_scheduled_leaves_nobody_due(qtbot, store: Store) -> None:
    person, hearing, today = _hearing_in_ten_days(store)
    dialog = _dialog(qtbot, store)
    dialog.reminder_box.days.selectAll()
    qtbot.keyClick(dialog.reminder_box.days, Qt.Key.Key_Delete)
    dialog.reminder_box.when_scheduled.setFocus()
    qtbot.keyClick(dialog.reminder_box.when_scheduled, Qt.Key.Key_Space)
    qtbot.keyClick(dialog.reminder_box.when_scheduled, Qt.Key.Key_Return)
    assert dialog.result() == PreferencesDialog.DialogCode.Accepted
    assert store.outreach.schedule() == ReminderSchedule((), False, True)
    assert _due_days(store, person, hearing, today) == set()


def test_days_that_are_not_days_are_refused_and_nothing_is_saved(qtbot, store: Store) -> None:
    dialog = _dialog(qtbot, store)
    dialog.reminder_box.days.selectAll()
    qtbot.keyClicks(dialog.reminder_box.days, "7, soon")
    qtbot.keyClick(dialog.reminder_box.days, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert "“soon” is not a number of days" in dialog.message.text()
    dialog.reminder_box.days.selectAll()
    qtbot.keyClicks(dialog.reminder_box.days, "400")
    qtbot.keyClick(dialog.reminder_box.days, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.message.text() == (
        "Days before the hearing to call: 400 is not between 1 and 365."
    )
    qtbot.keyClick(dialog.reminder_box.days, Qt.Key.Key_Escape)
    # The days were changed: Escape asks before discarding them; Discard closes.
    assert dialog.discard_box is not None and dialog.discard_box.isVisible()
    qtbot.keyClick(dialog.discard_box.buttons()[0], Qt.Key.Key_Space)
    assert dialog.result() == PreferencesDialog.DialogCode.Rejected
    assert store.outreach.schedule() == ReminderSchedule()
    assert not store.audit.entries(AuditAction.CHANGED_SCHEDULE)


@pytest.mark.parametrize(
    ("typed", "days"),
    [
        ("7, 2, 1", (7, 2, 1)),
        ("1 2 7 7", (7, 2, 1)),
        ("٧، ٢، ١", (7, 2, 1)),  # Arabic digits and comma
        ("７、２", (7, 2)),  # full-width digits, the CJK enumeration comma
        ("", ()),
    ],
)
def test_days_are_read_in_any_digits_and_separators(typed: str, days: tuple[int, ...]) -> None:
    assert parse_days(typed) == days


@pytest.mark.parametrize(("typed", "error"), [("0", ValidationErrors), ("2.5", ValidationError)])
def test_days_outside_whole_1_to_365_are_refused(typed: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        parse_days(typed)
