"""Two windows on one record: the later save is refused, says what changed, and keeps it."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from companion.domain.models import (
    Attendance,
    AttendanceStatus,
    Case,
    ContactKind,
    ContactMethod,
    Courthouse,
    Hearing,
    Person,
)
from companion.store.store import Store
from companion.ui.records.dialogs.attendance_dialog import AttendanceDialog
from companion.ui.records.dialogs.person_dialog import PersonDialog
from companion.ui.session import dialog_drafts

NEW_YORK = ZoneInfo("America/New_York")


def _person(store: Store) -> Person:
    return store.people.add(
        Person(
            "Ana",
            "Sample",
            language="es",
            contacts=[ContactMethod(ContactKind.PHONE, "212 555 0142", ok_to_text=True)],
        )
    )


def _open_person(qtbot: QtBot, store: Store, person_id: int) -> PersonDialog:
    dialog = PersonDialog(store, person_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _retype(qtbot: QtBot, widget: object, text: str) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, text)


def test_a_person_changed_in_another_window_is_not_overwritten(qtbot: QtBot, store: Store) -> None:
    person = _person(store)
    assert person.id is not None
    dialog = _open_person(qtbot, store, person.id)
    elsewhere = store.people.get(person.id)
    elsewhere.family_name = "Example"
    store.people.update(elsewhere)

    dialog.family_name.setFocus()
    _retype(qtbot, dialog.family_name, "Specimen")
    qtbot.keyClick(dialog.save_button, Qt.Key.Key_Space)

    assert dialog.isVisible() and dialog.saved_id is None
    message = dialog.general_error.text()
    assert "changed in another window" in message
    assert "Family name: now “Example”, yours “Specimen”." in message
    assert store.people.get(person.id).family_name == "Example"


def test_an_edit_from_the_current_version_saves_and_contacts_keep_their_uids(
    qtbot: QtBot, store: Store
) -> None:
    person = _person(store)
    assert person.id is not None
    (contact,) = store.people.get(person.id).contacts
    dialog = _open_person(qtbot, store, person.id)
    (row,) = dialog.contacts.rows
    row.note.setFocus()
    qtbot.keyClicks(row.note, "Her own phone")
    qtbot.keyClick(dialog.save_button, Qt.Key.Key_Space)
    assert dialog.saved_id == person.id
    saved = store.people.get(person.id)
    assert saved.row_version == 2
    (kept,) = saved.contacts
    assert (kept.id, kept.uid, kept.note) == (contact.id, contact.uid, "Her own phone")


def test_a_draft_kept_over_a_lock_remembers_the_version_it_was_read_at(
    qtbot: QtBot, store: Store
) -> None:
    person = _person(store)
    assert person.id is not None
    dialog = _open_person(qtbot, store, person.id)
    draft = dialog_drafts.capture(dialog)
    assert draft is not None and draft.state[dialog_drafts.READ_VERSION] == 1
    dialog.close()
    elsewhere = store.people.get(person.id)
    elsewhere.notes = "Moved in with her sister"
    store.people.update(elsewhere)

    class Window:
        def __init__(self) -> None:
            self.store = store

        def widget(self) -> None:
            return None

        def refresh_views(self) -> None:
            return None

    reopened = dialog_drafts.reopen(Window(), draft)  # type: ignore[arg-type]
    assert isinstance(reopened, PersonDialog)
    qtbot.addWidget(reopened)
    qtbot.waitExposed(reopened)
    assert reopened.read_version == 1
    reopened.notes.setFocus()
    _retype(qtbot, reopened.notes, "Lives alone")
    qtbot.keyClick(reopened.save_button, Qt.Key.Key_Space)
    assert reopened.saved_id is None
    assert "Notes: now “Moved in with her sister”, yours “Lives alone”." in (
        reopened.general_error.text()
    )
    assert store.people.get(person.id).notes == "Moved in with her sister"


def test_attendance_changed_meanwhile_is_not_overwritten(qtbot: QtBot, store: Store) -> None:
    person = _person(store)
    courthouse = store.courthouses.add(
        Courthouse("Fictional Hall of Justice", "9 Sample Street", "America/New_York", "US-NY")
    )
    assert person.id is not None and courthouse.id is not None
    case = store.cases.add(Case("CR-0042", "Criminal Court", person_ids=[person.id]))
    assert case.id is not None
    start = dt.datetime.now(NEW_YORK).replace(hour=9, minute=30, second=0, microsecond=0)
    hearing = store.hearings.add(
        Hearing(case.id, courthouse.id, start + dt.timedelta(days=5)),
        [Attendance(person.id, 0, must_testify=True)],
    )
    assert hearing.id is not None
    dialog = AttendanceDialog(store, person.id, hearing.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    (elsewhere,) = store.hearings.attendance_for(hearing.id)
    elsewhere.status = AttendanceStatus.DECLINED
    store.hearings.set_attendance(elsewhere)

    dialog.status.set_member(AttendanceStatus.CONFIRMED)
    dialog.status.setFocus()
    qtbot.keyClick(dialog.save_button, Qt.Key.Key_Space)

    assert dialog.saved_id is None
    assert "Status: now “Declined”, yours “Confirmed”." in dialog.general_error.text()
    (kept,) = store.hearings.attendance_for(hearing.id)
    assert kept.status is AttendanceStatus.DECLINED
