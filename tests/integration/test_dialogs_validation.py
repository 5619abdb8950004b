"""Bad input in the dialogs: the message appears next to the field, the dialog stays
open with what was typed, and nothing is stored."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from companion.domain.models import Case, Courthouse, Hearing, Person
from companion.errors import StoreWriteError
from companion.store.store import Store
from companion.ui.records.dialogs.common import ErrorLabel, RecordDialog
from companion.ui.records.dialogs.continue_dialog import ContinueHearingDialog
from companion.ui.records.dialogs.courthouse_dialog import CourthouseDialog
from companion.ui.records.dialogs.hearing_dialog import HearingDialog
from companion.ui.records.dialogs.person_dialog import PersonDialog

NEW_YORK = ZoneInfo("America/New_York")


def _save(qtbot: QtBot, dialog: RecordDialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def _message_label(qtbot: QtBot, dialog: RecordDialog, field: str) -> ErrorLabel:
    """The visible message for ``field``, once the layout has made room for it."""
    target = dialog.error_target(field)
    assert target is not None, field
    label = target[0]
    assert label.isVisible() and label.text()
    qtbot.waitUntil(lambda: label.height() >= label.minimumSizeHint().height())
    return label


def _assert_message_under(qtbot: QtBot, dialog: RecordDialog, field: str, widget: QWidget) -> str:
    """The message for ``field`` is shown, directly below ``widget`` and starting in line
    with it; returns its text."""
    label = _message_label(qtbot, dialog, field)
    field_box = widget.geometry()
    field_box.moveTopLeft(widget.mapTo(dialog, QPoint(0, 0)))
    label_top_left = label.mapTo(dialog, QPoint(0, 0))
    assert field_box.bottom() < label_top_left.y() <= field_box.bottom() + 12
    assert field_box.left() - 20 <= label_top_left.x() <= field_box.right()
    return label.text()


def _open(qtbot: QtBot, dialog: RecordDialog) -> RecordDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_a_person_without_any_name_is_refused_next_to_the_given_name(
    qtbot: QtBot, store: Store
) -> None:
    dialog = PersonDialog(store)
    _open(qtbot, dialog)
    qtbot.keyClicks(dialog.alternate_name, "Samir")
    _save(qtbot, dialog)
    text = _assert_message_under(qtbot, dialog, "given_name", dialog.given_name)
    assert text == "Given name: this is required."
    assert dialog.isVisible() and dialog.saved_id is None
    assert dialog.alternate_name.text() == "Samir"
    assert store.people.count() == 0
    assert dialog.focusWidget() is dialog.given_name


def test_a_bad_phone_number_is_shown_on_its_contact_row(qtbot: QtBot, store: Store) -> None:
    dialog = PersonDialog(store)
    _open(qtbot, dialog)
    qtbot.keyClicks(dialog.given_name, "Rosa")
    qtbot.mouseClick(dialog.contacts.add_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.contacts.add_button, Qt.MouseButton.LeftButton)
    first, second = dialog.contacts.rows
    qtbot.keyClicks(first.value, "(617) 555-0100")
    qtbot.keyClicks(second.value, "12345")
    qtbot.keyClicks(second.safe_start, "nine")
    _save(qtbot, dialog)

    assert dialog.error_text("contacts[0].value") == ""
    label = _message_label(qtbot, dialog, "contacts[1].value")
    assert label is second.error
    below_note = second.note.mapTo(second, QPoint(0, second.note.height()))
    assert second.rect().contains(label.mapTo(second, QPoint(0, 0)))
    assert label.mapTo(second, QPoint(0, 0)).y() >= below_note.y()
    text = label.text()
    assert "“12345” is not a valid phone number" in text
    assert "“nine” is not a time" in text
    assert text.startswith("Contact 2")
    assert dialog.isVisible() and dialog.saved_id is None
    assert (first.value.text(), second.value.text()) == ("(617) 555-0100", "12345")
    assert store.people.count() == 0

    # Fixing the row clears its message and saves.
    second.value.clear()
    qtbot.keyClicks(second.value, "617 555 0101")
    second.safe_start.clear()
    qtbot.keyClicks(second.safe_start, "08:00")
    _save(qtbot, dialog)
    assert second.error.text() == "Contact 2: give both the start and the end of the safe hours."
    assert store.people.count() == 0
    qtbot.keyClicks(second.safe_end, "12:00 PM")
    _save(qtbot, dialog)
    assert dialog.saved_id is not None
    stored = store.people.get(dialog.saved_id)
    assert [c.value for c in stored.contacts] == ["+16175550100", "+16175550101"]


def test_an_unknown_language_tag_is_refused(qtbot: QtBot, store: Store) -> None:
    dialog = PersonDialog(store)
    _open(qtbot, dialog)
    qtbot.keyClicks(dialog.given_name, "Amina")
    dialog.language.setEditText("")
    line = dialog.language.lineEdit()
    assert line is not None
    qtbot.keyClicks(line, "not a language")
    _save(qtbot, dialog)
    text = _assert_message_under(qtbot, dialog, "language", dialog.language)
    assert "“not a language” is not a language tag" in text
    assert store.people.count() == 0


def test_a_courthouse_with_a_made_up_zone_and_jurisdiction_is_refused(
    qtbot: QtBot, store: Store
) -> None:
    dialog = CourthouseDialog(store)
    _open(qtbot, dialog)
    qtbot.keyClicks(dialog.name, "Fictional Court")
    qtbot.keyClicks(dialog.address, "3 Nowhere Road")
    line = dialog.timezone.lineEdit()
    assert line is not None
    qtbot.keyClicks(line, "Mars/Olympus")
    dialog.jurisdiction.clear()
    qtbot.keyClicks(dialog.jurisdiction, "NY")
    _save(qtbot, dialog)
    assert "“Mars/Olympus” is not a known time zone" in _assert_message_under(
        qtbot, dialog, "timezone", dialog.timezone
    )
    assert "US-NY" in _assert_message_under(qtbot, dialog, "jurisdiction", dialog.jurisdiction)
    assert dialog.error_text("name") == ""
    assert store.courthouses.list() == []


def test_a_failed_write_is_explained_and_the_input_kept(
    qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(courthouse: Courthouse) -> Courthouse:
        raise StoreWriteError("OperationalError: database or disk is full")

    monkeypatch.setattr(store.courthouses, "add", disk_full)
    dialog = CourthouseDialog(store)
    _open(qtbot, dialog)
    qtbot.keyClicks(dialog.name, "Fictional Court")
    qtbot.keyClicks(dialog.address, "3 Nowhere Road")
    line = dialog.timezone.lineEdit()
    assert line is not None
    qtbot.keyClicks(line, "America/Chicago")
    _save(qtbot, dialog)
    assert dialog.general_error.isVisible()
    assert dialog.general_error.text().startswith("Could not save")
    assert "disk is full" in dialog.general_error.text()
    assert dialog.isVisible() and dialog.saved_id is None
    assert (dialog.name.text(), dialog.timezone.zone_name()) == (
        "Fictional Court",
        "America/Chicago",
    )


@pytest.fixture
def case_and_courthouse(store: Store) -> tuple[int, int, int]:
    courthouse = store.courthouses.add(
        Courthouse("Fictional County Courthouse", "1 Example Plaza", "America/New_York", "US-NY")
    )
    person = store.people.add(Person("Ana", "Silva", language="pt-BR"))
    assert person.id is not None and courthouse.id is not None
    case = store.cases.add(Case("CR-9", "Fictional Criminal Court", person_ids=[person.id]))
    assert case.id is not None
    return case.id, courthouse.id, person.id


def _hearing_dialog(
    qtbot: QtBot, store: Store, case_and_courthouse: tuple[int, int, int]
) -> HearingDialog:
    case_id, courthouse_id, _person_id = case_and_courthouse
    dialog = HearingDialog(store, case_id=case_id)
    _open(qtbot, dialog)
    dialog.courthouse.setCurrentIndex(dialog.courthouse.findData(courthouse_id))
    return dialog


def test_the_31st_of_february_is_refused_next_to_the_date(
    qtbot: QtBot, store: Store, case_and_courthouse: tuple[int, int, int]
) -> None:
    dialog = _hearing_dialog(qtbot, store, case_and_courthouse)
    qtbot.keyClicks(dialog.start.date.line_edit, "2026-02-31")
    # The old time is there already; select it and type over it, as staff would.
    qtbot.keyClick(dialog.start.time, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.start.time, "09:00")
    qtbot.keyClicks(dialog.courtroom, "7")
    _save(qtbot, dialog)
    text = _assert_message_under(qtbot, dialog, "date", dialog.start.date)
    assert "“2026-02-31” is not a real date" in text
    assert dialog.error_text("time") == ""
    assert dialog.isVisible() and dialog.saved_id is None
    assert dialog.start.date.text() == "2026-02-31" and dialog.courtroom.text() == "7"
    assert store.hearings.for_case(case_and_courthouse[0]) == []


def test_a_time_skipped_by_the_clock_change_is_refused_next_to_the_time(
    qtbot: QtBot, store: Store, case_and_courthouse: tuple[int, int, int]
) -> None:
    dialog = _hearing_dialog(qtbot, store, case_and_courthouse)
    assert "America/New_York" in dialog.start.zone_label.text()
    qtbot.keyClicks(dialog.start.date.line_edit, "2027-03-14")
    qtbot.keyClicks(dialog.start.time, "02:30")
    _save(qtbot, dialog)
    text = _assert_message_under(qtbot, dialog, "time", dialog.start.time)
    assert "does not exist at this courthouse" in text
    assert dialog.error_text("date") == ""
    assert store.hearings.for_case(case_and_courthouse[0]) == []

    # An hour later the clocks have changed and the time exists.
    dialog.start.time.clear()
    qtbot.keyClicks(dialog.start.time, "03:30")
    _save(qtbot, dialog)
    assert dialog.saved_id is not None
    stored = store.hearings.get(dialog.saved_id)
    assert stored.starts_at.astimezone(dt.UTC) == dt.datetime(2027, 3, 14, 7, 30, tzinfo=dt.UTC)


def test_a_hearing_needs_a_courthouse(
    qtbot: QtBot, store: Store, case_and_courthouse: tuple[int, int, int]
) -> None:
    dialog = _hearing_dialog(qtbot, store, case_and_courthouse)
    dialog.courthouse.setCurrentIndex(-1)
    qtbot.keyClicks(dialog.start.date.line_edit, "2027-01-05")
    qtbot.keyClicks(dialog.start.time, "10:00 AM")
    _save(qtbot, dialog)
    assert "choose a courthouse" in _assert_message_under(
        qtbot, dialog, "courthouse_id", dialog.courthouse
    )
    assert store.hearings.for_case(case_and_courthouse[0]) == []


def test_continuing_to_a_bad_time_saves_nothing(
    qtbot: QtBot, store: Store, case_and_courthouse: tuple[int, int, int]
) -> None:
    case_id, courthouse_id, _person_id = case_and_courthouse
    start = dt.datetime(2027, 2, 1, 9, 0, tzinfo=NEW_YORK)
    hearing = store.hearings.add(Hearing(case_id, courthouse_id, start))
    assert hearing.id is not None
    dialog = ContinueHearingDialog(store, hearing.id)
    _open(qtbot, dialog)
    qtbot.keyClicks(dialog.start.date.line_edit, "2027-03-14")
    # The old time is there already; select it and type over it, as staff would.
    qtbot.keyClick(dialog.start.time, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.start.time, "02:15")
    _save(qtbot, dialog)
    assert "does not exist" in _assert_message_under(qtbot, dialog, "time", dialog.start.time)
    assert [h.id for h in store.hearings.for_case(case_id)] == [hearing.id]
    assert store.hearings.get(hearing.id).status.value == "scheduled"


def test_a_hearing_already_continued_cannot_be_continued_again(
    qtbot: QtBot, store: Store, case_and_courthouse: tuple[int, int, int]
) -> None:
    case_id, courthouse_id, _person_id = case_and_courthouse
    start = dt.datetime(2027, 2, 1, 9, 0, tzinfo=NEW_YORK)
    hearing = store.hearings.add(Hearing(case_id, courthouse_id, start))
    assert hearing.id is not None
    store.hearings.continue_hearing(hearing.id, start + dt.timedelta(days=7))
    dialog = ContinueHearingDialog(store, hearing.id)
    _open(qtbot, dialog)
    qtbot.keyClicks(dialog.start.date.line_edit, "2027-02-15")
    # The old time is there already; select it and type over it, as staff would.
    qtbot.keyClick(dialog.start.time, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.start.time, "09:00")
    _save(qtbot, dialog)
    assert "only a scheduled hearing can be continued" in dialog.general_error.text()
    assert dialog.isVisible() and dialog.saved_id is None
    assert len(store.hearings.for_case(case_id)) == 2
