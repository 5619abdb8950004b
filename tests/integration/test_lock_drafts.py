"""Unsaved edits survive a lock: kept encrypted in the store while locked, and the dialogs
open again, filled in, after unlocking (or at the next start)."""

from __future__ import annotations

from pathlib import Path

import pytest
import shiboken6
from PySide6.QtWidgets import QApplication

from companion.domain.models import AttendanceStatus, CaseStatus, ContactKind, HearingType, Role
from companion.errors import StoreWriteError
from companion.outreach.model import ContactChannel, ContactOutcome, NeedKind
from companion.store.drafts import Draft, DraftsRepository
from companion.store.store import Store
from companion.ui.outreach.contact_dialog import ContactDialog
from companion.ui.outreach.needs_dialog import NeedsDialog
from companion.ui.records.dialogs.attendance_dialog import AttendanceDialog
from companion.ui.records.dialogs.attendance_table import MUST_TESTIFY, TAKES_PART
from companion.ui.records.dialogs.case_dialog import CaseDialog
from companion.ui.records.dialogs.common import RecordDialog
from companion.ui.records.dialogs.continue_dialog import ContinueHearingDialog
from companion.ui.records.dialogs.courthouse_dialog import CourthouseDialog
from companion.ui.records.dialogs.hearing_dialog import HearingDialog
from companion.ui.records.dialogs.person_dialog import PersonDialog
from companion.ui.session import dialog_drafts
from companion.ui.session.lock import Locker
from companion.ui.session.lock_screen import LockScreen
from companion.ui.shell.main_window import MainWindow
from tests.integration.lock_support import (  # noqa: F401
    clock_fixture,
    close_main_windows,
    locker_fixture,
    show_window,
    unlock,
    visible_windows,
)
from tests.integration.ui_shell_support import add_hearing, isolated_interface  # noqa: F401

GIVEN = "Perpetua"
FAMILY = "Okonkwo-Vasquez"
NATIVE = "بربتوا"
PHONE_NOTE = "Only after six, her sister answers before"


def _open_dialogs(kind: type) -> list:
    return [
        widget
        for widget in QApplication.topLevelWidgets()
        if isinstance(widget, kind) and shiboken6.isValid(widget) and widget.isVisible()
    ]


def _fill_person(dialog: PersonDialog) -> None:
    dialog.given_name.setText(GIVEN)
    dialog.family_name.setText(FAMILY)
    dialog.native_name.setText(NATIVE)
    dialog.role.set_member(Role.VICTIM)
    dialog.language.set_tag("ar")
    dialog.needs_interpreter.setChecked(True)
    row = dialog.contacts.add_row()
    row.kind.set_member(ContactKind.PHONE)
    row.value.setText("+1 212 555 0143")
    row.ok_to_text.setChecked(True)
    row.safe_start.setText("18:00")
    row.safe_end.setText("21:3")  # half typed: kept as typed
    row.note.setText(PHONE_NOTE)
    dialog.notes.setPlainText("Prefers a female advocate")


def _files_under(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file()]


def test_half_filled_person_dialog_comes_back_after_unlock(
    qtbot, tmp_path: Path, store: Store, locker: Locker
) -> None:
    window = show_window(qtbot, store)
    dialog = window.new_person()
    assert isinstance(dialog, PersonDialog)
    qtbot.waitExposed(dialog)
    _fill_person(dialog)
    typed = dialog.draft_state()

    locker.lock()
    screen = locker.lock_screen
    assert isinstance(screen, LockScreen)
    assert screen.drafts_note.isVisible()
    assert "kept" in screen.drafts_note.text()
    assert _open_dialogs(PersonDialog) == []

    # While locked, nothing typed is readable anywhere on disk.
    assert store.closed
    files = _files_under(tmp_path)
    assert any(path.name == "companion.db" for path in files)
    for path in files:
        content = path.read_bytes()
        for text in (GIVEN, FAMILY, NATIVE, PHONE_NOTE):
            for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
                assert text.encode(encoding) not in content, (path, text)

    new_window = unlock(qtbot, locker)
    qtbot.waitUntil(lambda: len(_open_dialogs(PersonDialog)) == 1)
    reopened = _open_dialogs(PersonDialog)[0]
    assert reopened.parent() is new_window
    assert reopened.store is new_window.store
    assert reopened.given_name.text() == GIVEN
    assert reopened.native_name.text() == NATIVE
    assert reopened.contacts.rows[0].note.text() == PHONE_NOTE
    assert reopened.draft_state() == typed
    assert new_window.store.drafts.count() == 0, "a reopened draft is not kept twice"
    assert "open again" in new_window.statusBar().currentMessage()

    # Saving the reopened dialog stores the person.
    reopened.contacts.rows[0].safe_end.setText("21:30")
    reopened.save_and_accept()
    assert reopened.saved_id is not None
    person = new_window.store.people.get(reopened.saved_id)
    assert (person.given_name, person.native_name) == (GIVEN, NATIVE)


def test_drafts_left_by_a_session_that_ended_locked_open_at_the_next_start(
    qtbot, store: Store, locker: Locker
) -> None:
    store.drafts.replace_all(
        [Draft("courthouse", {"courthouse_id": None}, {"name": "Annex B", "timezone": "UTC"})]
    )
    window = show_window(qtbot, store)
    qtbot.waitUntil(lambda: len(_open_dialogs(CourthouseDialog)) == 1)
    dialog = _open_dialogs(CourthouseDialog)[0]
    assert dialog.parent() is window
    assert dialog.name.text() == "Annex B"
    assert dialog.timezone.zone_name() == "UTC"
    assert store.drafts.count() == 0


def test_drafts_stay_in_memory_when_the_store_cannot_be_written(
    qtbot, store: Store, locker: Locker, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = show_window(qtbot, store)
    dialog = window.new_person()
    assert isinstance(dialog, PersonDialog)
    dialog.given_name.setText(GIVEN)

    def full_disk(self: DraftsRepository, drafts: object) -> list[int]:
        raise StoreWriteError("OperationalError: database or disk is full")

    with monkeypatch.context() as patch:
        patch.setattr(DraftsRepository, "replace_all", full_disk)
        locker.lock()
    assert locker.is_locked and store.closed
    assert len(locker.unsaved_in_memory) == 1

    unlock(qtbot, locker)
    qtbot.waitUntil(lambda: len(_open_dialogs(PersonDialog)) == 1)
    assert _open_dialogs(PersonDialog)[0].given_name.text() == GIVEN
    assert locker.unsaved_in_memory == []


def test_a_draft_whose_record_is_gone_is_dropped(qtbot, store: Store, locker: Locker) -> None:
    store.drafts.replace_all([Draft("person", {"person_id": 4242}, {"given_name": "X"})])
    show_window(qtbot, store)
    qtbot.waitUntil(lambda: store.drafts.count() == 0)
    assert _open_dialogs(PersonDialog) == []


def _filled_dialogs(window: MainWindow, store: Store) -> list[RecordDialog]:
    office = add_hearing(store)
    other = add_hearing(store, given_name="Ilse", family_name="Brandt", docket="TEST-0002")
    courthouse = CourthouseDialog(store, office.courthouse_id, parent=window)
    courthouse.name.setText("Criminal Court, Part 7")
    courthouse.security_notes.setPlainText("Metal detector at the side door")
    courthouse.timezone.set_zone("America/Chicago")

    case = CaseDialog(store, person_id=office.person_id, parent=window)
    case.docket_number.setText("IND-2211-26")
    case.court.setText("Supreme Court")
    case.status.set_member(CaseStatus.CLOSED)
    case.people.add_person(other.person_id)

    new_hearing = HearingDialog(store, case_id=office.case_id, parent=window)
    new_hearing.start.date.line_edit.setText("2031-02-3")
    new_hearing.start.time.setText("09:45")
    new_hearing.hearing_type.set_member(HearingType.TRIAL)
    new_hearing.expected_minutes.setValue(150)
    new_hearing.attendance.set_checked(office.person_id, MUST_TESTIFY, True)

    edit_hearing = HearingDialog(store, hearing_id=office.hearing_id, parent=window)
    edit_hearing.courtroom.setText("Part 30")
    edit_hearing.attendance.set_checked(office.person_id, TAKES_PART, False)

    attendance = AttendanceDialog(store, office.person_id, office.hearing_id, parent=window)
    attendance.status.set_member(AttendanceStatus.DECLINED)
    attendance.reason.setPlainText("No childcare that morning")

    continued = ContinueHearingDialog(store, office.hearing_id, parent=window)
    continued.start.date.line_edit.setText("2031-03-01")
    continued.courtroom.setText("Part 12")

    person = PersonDialog(store, office.person_id, parent=window)
    _fill_person(person)

    contact = ContactDialog(store, office.person_id, office.hearing_id, parent=window)
    contact.outcome.set_member(ContactOutcome.NEEDS_HELP)
    contact.method.set_member(ContactChannel.IN_PERSON)
    contact.note.setPlainText("Needs a ride on the day")

    needs = NeedsDialog(store, office.person_id, office.hearing_id, parent=window)
    transport = next(row for row in needs.rows if row.kind is NeedKind.TRANSPORT)
    transport.needed.setChecked(True)
    transport.note.setText("Bus fare")
    return [
        courthouse,
        case,
        new_hearing,
        edit_hearing,
        attendance,
        continued,
        person,
        contact,
        needs,
    ]


def test_every_record_dialog_comes_back_as_it_was(qtbot, store: Store, locker: Locker) -> None:
    window = show_window(qtbot, store)
    dialogs = _filled_dialogs(window, store)
    assert {type(dialog) for dialog in dialogs} == set(dialog_drafts.DIALOG_KINDS)
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        draft = dialog_drafts.capture(dialog)
        assert draft is not None
        stored_id = store.drafts.replace_all([draft])[0]
        kept = next(d for d in store.drafts.kept() if d.id == stored_id)
        again = dialog_drafts.make_dialog(window, kept)
        qtbot.addWidget(again)
        assert again.opened_for() == dialog.opened_for()
        again.restore_draft(kept.state)
        assert again.draft_state() == dialog.draft_state(), type(dialog).__name__
