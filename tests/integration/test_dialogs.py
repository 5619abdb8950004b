"""The desk's dialogs, driven like a user: type into the real widgets and click Save."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from companion.domain.models import (
    Attendance,
    AttendanceStatus,
    Case,
    CaseStatus,
    ContactKind,
    ContactMethod,
    Courthouse,
    Hearing,
    HearingStatus,
    Person,
)
from companion.store.store import Store
from companion.ui.records.dialogs.attendance_dialog import AttendanceDialog
from companion.ui.records.dialogs.attendance_table import MUST_TESTIFY
from companion.ui.records.dialogs.case_dialog import CaseDialog
from companion.ui.records.dialogs.common import RecordDialog
from companion.ui.records.dialogs.continue_dialog import ContinueHearingDialog
from companion.ui.records.dialogs.courthouse_dialog import CourthouseDialog
from companion.ui.records.dialogs.hearing_dialog import HearingDialog
from companion.ui.records.dialogs.person_dialog import PersonDialog

NEW_YORK = ZoneInfo("America/New_York")


def _click_save(qtbot: QtBot, dialog: RecordDialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def _commit_text(widget: QWidget, text: str) -> None:
    """Type text the way an input method does for Arabic or Chinese: one committed string.

    ``QTest.keyClicks`` sends one key event per character, which only Latin-1 survives.
    """
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def _in_days(days: int) -> dt.date:
    return dt.datetime.now(NEW_YORK).date() + dt.timedelta(days=days)


def test_person_courthouse_case_and_hearing_typed_in_reach_the_agenda(
    qtbot: QtBot, store: Store
) -> None:
    # A courthouse.
    courthouse_dialog = CourthouseDialog(store)
    qtbot.addWidget(courthouse_dialog)
    courthouse_dialog.show()
    qtbot.keyClicks(courthouse_dialog.name, "Fictional County Courthouse")
    qtbot.keyClicks(courthouse_dialog.address, "1 Example Plaza, Exampleville")
    zone_edit = courthouse_dialog.timezone.lineEdit()
    assert zone_edit is not None
    qtbot.keyClicks(zone_edit, "America/New_York")
    courthouse_dialog.jurisdiction.clear()
    qtbot.keyClicks(courthouse_dialog.jurisdiction, "us-ny")
    qtbot.keyClicks(courthouse_dialog.security_notes, "Metal detectors at the main door.")
    _click_save(qtbot, courthouse_dialog)
    assert courthouse_dialog.result() == QDialog.DialogCode.Accepted
    assert courthouse_dialog.saved_id is not None
    courthouse = store.courthouses.get(courthouse_dialog.saved_id)
    assert (courthouse.timezone, courthouse.jurisdiction) == ("America/New_York", "US-NY")
    assert courthouse.security_notes == "Metal detectors at the main door."

    # A person, with a phone that is safe to text during the day.
    person_dialog = PersonDialog(store)
    qtbot.addWidget(person_dialog)
    person_dialog.show()
    qtbot.keyClicks(person_dialog.given_name, "Layla")
    qtbot.keyClicks(person_dialog.family_name, "Haddad")
    _commit_text(person_dialog.native_name, "ليلى حداد")
    person_dialog.language.setCurrentIndex(person_dialog.language.findData("ar"))
    qtbot.keyClick(person_dialog.needs_interpreter, Qt.Key.Key_Space)
    qtbot.mouseClick(person_dialog.contacts.add_button, Qt.MouseButton.LeftButton)
    row = person_dialog.contacts.rows[0]
    qtbot.keyClicks(row.value, "(212) 555-0123")
    qtbot.keyClick(row.ok_to_text, Qt.Key.Key_Space)
    qtbot.keyClicks(row.safe_start, "09:00")
    qtbot.keyClicks(row.safe_end, "17:30")
    qtbot.keyClicks(person_dialog.alternate_name, "Samir")
    qtbot.keyClicks(person_dialog.alternate_phone, "212 555 0199")
    _click_save(qtbot, person_dialog)
    assert person_dialog.result() == QDialog.DialogCode.Accepted
    assert person_dialog.saved_id is not None
    person = store.people.get(person_dialog.saved_id)
    assert (person.native_name, person.language, person.needs_interpreter) == (
        "ليلى حداد",
        "ar",
        True,
    )
    assert [(c.kind, c.value, c.ok_to_text, c.ok_to_voicemail) for c in person.contacts] == [
        (ContactKind.PHONE, "+12125550123", True, False)
    ]
    assert (person.contacts[0].safe_hours_start, person.contacts[0].safe_hours_end) == (
        dt.time(9, 0),
        dt.time(17, 30),
    )
    assert person.alternate_phone == "+12125550199"

    # A case with that person, found by searching.
    case_dialog = CaseDialog(store)
    qtbot.addWidget(case_dialog)
    case_dialog.show()
    qtbot.keyClicks(case_dialog.docket_number, "CR-2026-0042")
    qtbot.keyClicks(case_dialog.court, "Fictional County Criminal Court")
    qtbot.keyClicks(case_dialog.advocate, "J. Advocate")
    qtbot.keyClicks(case_dialog.people.search, "hadd")
    assert case_dialog.people.results.count() == 1
    qtbot.mouseClick(case_dialog.people.add_button, Qt.MouseButton.LeftButton)
    _click_save(qtbot, case_dialog)
    assert case_dialog.result() == QDialog.DialogCode.Accepted
    assert case_dialog.saved_id is not None
    assert store.cases.get(case_dialog.saved_id).person_ids == [person.id]

    # A hearing in that case, at 9:30 on the courthouse's clock, where she must testify.
    day = _in_days(10)
    hearing_dialog = HearingDialog(store, case_id=case_dialog.saved_id)
    qtbot.addWidget(hearing_dialog)
    hearing_dialog.show()
    hearing_dialog.courthouse.setCurrentIndex(hearing_dialog.courthouse.findData(courthouse.id))
    assert "America/New_York" in hearing_dialog.start.zone_label.text()
    qtbot.keyClicks(hearing_dialog.start.date.line_edit, day.isoformat())
    qtbot.keyClicks(hearing_dialog.start.time, "09:30")
    qtbot.keyClicks(hearing_dialog.courtroom, "4B")
    assert person.id is not None
    hearing_dialog.attendance.set_checked(person.id, MUST_TESTIFY, True)
    _click_save(qtbot, hearing_dialog)
    assert hearing_dialog.result() == QDialog.DialogCode.Accepted

    agenda = store.agenda.upcoming(60)
    [entry] = [item for item in agenda if item.hearing_id == hearing_dialog.saved_id]
    assert entry.starts_at.tzinfo is not None
    assert entry.starts_at.astimezone(NEW_YORK).replace(tzinfo=None) == dt.datetime.combine(
        day, dt.time(9, 30)
    )
    assert (entry.courthouse_name, entry.courtroom, entry.docket_number) == (
        "Fictional County Courthouse",
        "4B",
        "CR-2026-0042",
    )
    assert [(p.id, p.native_name, p.must_testify) for p in entry.people] == [
        (person.id, "ليلى حداد", True)
    ]


def _office(store: Store, hours_from_now: float = 24 * 14) -> tuple[int, int, int]:
    """A courthouse, a person and a case with a scheduled hearing; their ids."""
    courthouse = store.courthouses.add(
        Courthouse("Fictional Hall of Justice", "2 Sample Street", "America/New_York", "US-NY")
    )
    person = store.people.add(
        Person(
            "Wei",
            "Zhang",
            native_name="张伟",
            language="zh-Hans",
            contacts=[ContactMethod(ContactKind.EMAIL, "wei@example.org")],
        )
    )
    assert person.id is not None and courthouse.id is not None
    case = store.cases.add(Case("FAM-77", "Fictional Family Court", person_ids=[person.id]))
    assert case.id is not None
    start = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=hours_from_now)).astimezone(NEW_YORK)
    start = start.replace(minute=0, second=0, microsecond=0)
    hearing = store.hearings.add(
        Hearing(case.id, courthouse.id, start, courtroom="12"),
        [Attendance(person.id, 0, must_testify=True)],
    )
    assert hearing.id is not None
    return person.id, case.id, hearing.id


def test_editing_a_person_shows_what_is_stored_and_saves_changes(
    qtbot: QtBot, store: Store
) -> None:
    person_id, _case_id, _hearing_id = _office(store)
    dialog = PersonDialog(store, person_id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.native_name.text() == "张伟"
    assert dialog.language.tag() == "zh-Hans"
    assert [row.value.text() for row in dialog.contacts.rows] == ["wei@example.org"]
    assert not dialog.contacts.rows[0].ok_to_text.isEnabled()
    dialog.family_name.clear()
    qtbot.keyClicks(dialog.family_name, "Zhang-Li")
    dialog.language.setEditText("yue")
    _click_save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    stored = store.people.get(person_id)
    assert (stored.family_name, stored.language) == ("Zhang-Li", "yue")
    assert [c.value for c in stored.contacts] == ["wei@example.org"]


def test_enter_in_the_people_search_adds_the_person_and_does_not_save(
    qtbot: QtBot, store: Store
) -> None:
    person_id, _case_id, _hearing_id = _office(store)
    dialog = CaseDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    _commit_text(dialog.people.search, "张")
    qtbot.keyClick(dialog.people.search, Qt.Key.Key_Return)
    assert dialog.people.person_ids() == [person_id]
    assert dialog.isVisible() and dialog.saved_id is None
    assert len(store.cases.list()) == 1


def test_continuing_a_hearing_creates_the_linked_new_hearing(qtbot: QtBot, store: Store) -> None:
    person_id, case_id, hearing_id = _office(store)
    new_day = _in_days(30)
    dialog = ContinueHearingDialog(store, hearing_id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.courtroom.text() == "12"
    assert "America/New_York" in dialog.start.zone_label.text()
    old = store.hearings.get(hearing_id).starts_at
    assert dialog.start.time.time() == old.time().replace(tzinfo=None)  # prefilled
    qtbot.keyClicks(dialog.start.date.line_edit, new_day.isoformat())
    # The old time is there already; select it and type over it, as staff would.
    qtbot.keyClick(dialog.start.time, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.start.time, "14:15")
    dialog.courtroom.clear()
    qtbot.keyClicks(dialog.courtroom, "3A")
    _click_save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.saved_id is not None and dialog.saved_id != hearing_id

    old = store.hearings.get(hearing_id)
    new = store.hearings.get(dialog.saved_id)
    assert old.status is HearingStatus.CONTINUED
    assert (new.status, new.continued_from_id, new.case_id) == (
        HearingStatus.SCHEDULED,
        hearing_id,
        case_id,
    )
    assert new.starts_at.replace(tzinfo=None) == dt.datetime.combine(new_day, dt.time(14, 15))
    assert new.courtroom == "3A"
    assert [
        (a.person_id, a.must_testify) for a in store.hearings.attendance_for(dialog.saved_id)
    ] == [(person_id, True)]


def test_editing_a_hearing_changes_time_and_people_together(qtbot: QtBot, store: Store) -> None:
    person_id, _case_id, hearing_id = _office(store)
    dialog = HearingDialog(store, hearing_id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.courtroom.text() == "12"
    assert [(c.person_id, c.takes_part, c.must_testify) for c in dialog.attendance.choices()] == [
        (person_id, True, True)
    ]
    dialog.attendance.set_checked(person_id, MUST_TESTIFY, False)
    dialog.start.time.clear()
    qtbot.keyClicks(dialog.start.time, "16:45")
    _click_save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    hearing = store.hearings.get(hearing_id)
    assert (hearing.starts_at.hour, hearing.starts_at.minute) == (16, 45)
    assert hearing.sequence == 1
    assert [(a.person_id, a.must_testify) for a in store.hearings.attendance_for(hearing_id)] == [
        (person_id, False)
    ]


def test_attendance_after_a_hearing_records_a_miss_with_its_reason(
    qtbot: QtBot, store: Store
) -> None:
    person_id, _case_id, hearing_id = _office(store, hours_from_now=-48)
    dialog = AttendanceDialog(store, person_id, hearing_id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.must_testify.isChecked()
    dialog.status.set_member(AttendanceStatus.MISSED)
    _click_save(qtbot, dialog)
    assert dialog.isVisible() and dialog.saved_id is None
    assert "required" in dialog.error_text("reason")
    assert [a.status for a in store.hearings.attendance_for(hearing_id)] == [
        AttendanceStatus.UNKNOWN
    ]

    qtbot.keyClicks(dialog.reason, "No childcare that morning")
    _click_save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    [entry] = store.hearings.attendance_for(hearing_id)
    assert (entry.status, entry.reason, entry.must_testify) == (
        AttendanceStatus.MISSED,
        "No childcare that morning",
        True,
    )


def test_attended_cannot_be_recorded_before_the_hearing(qtbot: QtBot, store: Store) -> None:
    person_id, _case_id, hearing_id = _office(store)
    dialog = AttendanceDialog(store, person_id, hearing_id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.status.set_member(AttendanceStatus.ATTENDED)
    _click_save(qtbot, dialog)
    assert dialog.isVisible() and dialog.saved_id is None
    assert "after the hearing" in dialog.error_text("status")
    assert [a.status for a in store.hearings.attendance_for(hearing_id)] == [
        AttendanceStatus.UNKNOWN
    ]


def test_a_new_hearing_offers_open_cases_or_just_the_case_it_is_added_to(
    qtbot: QtBot, store: Store
) -> None:
    _person_id, case_id, _hearing_id = _office(store)
    closed = store.cases.add(Case("OLD-1", "Fictional Family Court", status=CaseStatus.CLOSED))
    other = store.cases.add(Case("NEW-2", "Fictional Family Court"))
    assert closed.id is not None and other.id is not None
    anywhere = HearingDialog(store)
    qtbot.addWidget(anywhere)
    assert sorted(anywhere.case.itemData(i) for i in range(anywhere.case.count())) == sorted(
        [case_id, other.id]
    )
    from_case = HearingDialog(store, case_id=other.id)
    qtbot.addWidget(from_case)
    assert [from_case.case.itemData(i) for i in range(from_case.case.count())] == [other.id]
    assert from_case.no_people.isVisibleTo(from_case)
    assert "no people yet" in from_case.no_people.text()
