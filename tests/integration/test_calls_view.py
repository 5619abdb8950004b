"""Today's calls at the desk (issue 17): reached from the menu and Ctrl+5, an outcome
logged with two keys and the list moving on, nobody who asked not to be contacted, the
words for the selected person, and the contact and needs dialogs with the keyboard."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QGuiApplication, QHelpEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QMessageBox,
    QTabBar,
    QToolTip,
    QWidget,
)
from pytestqt.qtbot import QtBot

from companion.domain.models import AttendanceStatus
from companion.i18n.languages import LANGUAGES
from companion.outreach.model import (
    ContactChannel,
    ContactOutcome,
    HearingNeed,
    NeedKind,
    NeedStatus,
    WordsKind,
)
from companion.store.outreach import CallItem
from companion.store.store import Store
from companion.ui import formatting
from companion.ui.outreach import calls_view
from companion.ui.outreach.call_rows import CallColumn
from companion.ui.outreach.calls_view import CallsView
from companion.ui.outreach.contact_dialog import ContactDialog
from companion.ui.outreach.needs_dialog import NeedsDialog
from companion.ui.shell.language import apply_language, switch_language
from companion.ui.shell.main_window import MainWindow
from tests.integration.ui_shell_support import isolated_interface  # noqa: F401

SANTOS = "Maria Demo-Santos"  # the demo person who asked not to be contacted


def _afternoon() -> dt.datetime:
    """Today (the demo office's today) at 20:00 UTC: the same date in every US courthouse
    zone and on this computer, whatever the hour the test runs at."""
    return dt.datetime.combine(dt.date.today(), dt.time(20), dt.UTC)


@pytest.fixture(autouse=True)
def office_afternoon(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(calls_view, "current_time", _afternoon)


def _window(qtbot: QtBot, store: Store) -> MainWindow:
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def _calls(qtbot: QtBot, window: MainWindow) -> CallsView:
    """Today's calls, opened with its shortcut as staff would."""
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    view = window.tabs.currentWidget()
    assert isinstance(view, CallsView)
    qtbot.waitUntil(view.table.hasFocus)
    return view


def _names(view: CallsView) -> list[str]:
    return [
        (view.table.item(row, CallColumn.PERSON) or view.table.item(0, 0)).text()
        for row in range(view.table.rowCount())
    ]


def _dialog_with_focus(qtbot: QtBot, kind: type) -> QDialog:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), kind))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, kind)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.isAncestorOf(QApplication.focusWidget()))
    return dialog


def _outcomes(store: Store, person_id: int, hearing_id: int) -> list[ContactOutcome]:
    return [attempt.outcome for attempt in store.outreach.attempts(person_id, hearing_id)]


def test_the_view_is_in_the_view_menu_with_its_shortcut(qtbot: QtBot, demo_store: Store) -> None:
    window = _window(qtbot, demo_store)
    texts = {action.text(): action for action in window.actions_.view_menu.actions()}
    assert "Today's ca&lls" in texts
    assert texts["Today's ca&lls"].shortcut().toString() == "Ctrl+5"
    hearing_menu = [action.text() for action in window.actions_.hearing_menu.actions()]
    assert "&Log a contact…" in hearing_menu and "Ne&eds for this hearing…" in hearing_menu


def test_no_answer_then_confirmed_with_two_keys_each(qtbot: QtBot, demo_store: Store) -> None:
    window = _window(qtbot, demo_store)
    view = _calls(qtbot, window)
    assert len(view.items) >= 3
    first, second, third = view.items[:3]
    assert view.selected_pair() == (first.person_id, first.hearing_id)
    before = _outcomes(demo_store, first.person_id, first.hearing_id)

    qtbot.keyClick(view.table, Qt.Key.Key_2)
    assert view.prompt.isVisible() and "No answer" in view.prompt.text()
    assert _outcomes(demo_store, first.person_id, first.hearing_id) == before  # not yet
    qtbot.keyClick(view.table, Qt.Key.Key_Return)

    assert _outcomes(demo_store, first.person_id, first.hearing_id) == [
        *before,
        ContactOutcome.NO_ANSWER,
    ]
    # Tried today: due again the next working day, so off today's list; on to the next.
    assert (first.person_id, first.hearing_id) not in [
        (item.person_id, item.hearing_id) for item in view.items
    ]
    assert view.selected_pair() == (second.person_id, second.hearing_id)
    assert view.table.hasFocus() and not view.prompt.isVisible()

    qtbot.keyClick(view.table, Qt.Key.Key_1)
    qtbot.keyClick(view.table, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert _outcomes(demo_store, second.person_id, second.hearing_id)[-1] is (
        ContactOutcome.CONFIRMED
    )
    (answer,) = [
        entry
        for entry in demo_store.hearings.attendance_for(second.hearing_id)
        if entry.person_id == second.person_id
    ]
    assert answer.status is AttendanceStatus.CONFIRMED
    assert view.selected_pair() == (third.person_id, third.hearing_id)
    history = demo_store.people.history(second.person_id)
    assert history[0].kind == "contact_logged" and history[0].detail == "confirmed"  # newest


def test_escape_takes_back_the_chosen_outcome(qtbot: QtBot, demo_store: Store) -> None:
    window = _window(qtbot, demo_store)
    view = _calls(qtbot, window)
    first = view.items[0]
    before = _outcomes(demo_store, first.person_id, first.hearing_id)
    qtbot.keyClick(view.table, Qt.Key.Key_3)
    qtbot.keyClick(view.table, Qt.Key.Key_Escape)
    assert not view.prompt.isVisible() and view.pending is None
    assert _outcomes(demo_store, first.person_id, first.hearing_id) == before
    # Enter with nothing chosen opens the contact log for a note, nothing logged yet.
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    dialog = _dialog_with_focus(qtbot, ContactDialog)
    assert isinstance(dialog, ContactDialog)
    assert (dialog.person_id, dialog.hearing_id) == (first.person_id, first.hearing_id)
    with qtbot.waitSignal(dialog.rejected, timeout=2000):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert _outcomes(demo_store, first.person_id, first.hearing_id) == before


def test_asked_not_to_be_contacted_is_never_listed(qtbot: QtBot, demo_store: Store) -> None:
    window = _window(qtbot, demo_store)
    view = _calls(qtbot, window)
    santos = next(p for p in demo_store.people.list() if p.display_name == SANTOS)
    assert demo_store.outreach.do_not_contact(santos.id)
    assert santos.id not in [item.person_id for item in view.items]
    assert not any(SANTOS in name for name in _names(view))
    # Asking it now, with 8 and Enter, takes the person off the list at once.
    first = view.items[0]
    qtbot.keyClick(view.table, Qt.Key.Key_8)
    assert "Asked not to be contacted" in view.prompt.text()
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert demo_store.outreach.do_not_contact(first.person_id)
    assert first.person_id not in [item.person_id for item in view.items]


def test_words_for_the_selected_person_with_copy(qtbot: QtBot, demo_store: Store) -> None:
    window = _window(qtbot, demo_store)
    view = _calls(qtbot, window)
    # A person who may take a voicemail but never allowed details in it.
    row = next(
        row
        for row, item in enumerate(view.items)
        if item.phones
        and item.phones[0].ok_to_voicemail
        and not item.phones[0].voicemail_details
        and item.language == "pt-BR"
    )
    view.table.selectRow(row)
    view.words.set_kind(WordsKind.VOICEMAIL)
    shown = view.words.text.toPlainText()
    assert "Riverbend Legal Aid" in shown and "+13125550161" in shown  # her advocate, Rosa
    for word in ("tribunal", "audiência", "court", "imigra"):
        assert word not in shown.casefold()
    qtbot.mouseClick(view.words.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == view.words.words.text  # type: ignore[union-attr]
    assert "Draft translation" in view.words.status.text()

    view.words.set_kind(WordsKind.TEXT)  # this person may not be texted: the panel says so
    said = view.words.text.toPlainText()
    name = view.items[row].display_name
    assert said.startswith(f"None of {name}'s phones is marked “OK to text”")
    assert "Edit person" in said and "person " not in said.replace("Edit person", "")
    assert not view.words.copy_button.isEnabled()
    # The voicemail copied a moment ago is not left on the clipboard to be pasted as this.
    assert QGuiApplication.clipboard().text() == ""

    texted = next(row for row, item in enumerate(view.items) if item.phones[0].ok_to_text)
    view.table.selectRow(texted)
    words = view.words.words
    assert words is not None and words.sms is not None
    assert f"{words.sms.characters} characters" in view.words.status.text()
    assert "SMS segment" in view.words.status.text()


def test_row_shows_phones_safe_hours_language_needs_and_last_contact(
    qtbot: QtBot, demo_store: Store
) -> None:
    view = CallsView(demo_store, clock=_afternoon)
    qtbot.addWidget(view)
    texts = {
        item.person_id: [
            view.table.item(row, column).text()  # type: ignore[union-attr]
            for column in CallColumn
        ]
        for row, item in enumerate(view.items)
    }
    lopez = next(item for item in view.items if item.display_name == "María Demo-López")
    cells = texts[lopez.person_id]
    assert cells[CallColumn.PHONES] == "\u2066+1 212-555-0101\u2069"
    assert cells[CallColumn.TEXTS] == "Yes" and cells[CallColumn.VOICEMAIL] == "No"
    assert cells[CallColumn.SAFE_HOURS] == "Any time"
    assert "Español" in cells[CallColumn.LANGUAGE] and "Interpreter" in cells[CallColumn.LANGUAGE]
    assert "Childcare" in cells[CallColumn.NEEDS]
    assert "Safety plan" not in cells[CallColumn.NEEDS]  # met already: not an open need
    assert cells[CallColumn.LAST_CONTACT].endswith("No answer")
    assert cells[CallColumn.WHY] == "1 day before" or "before" in cells[CallColumn.WHY]


def test_safe_hours_say_whether_now_is_inside_them(qtbot: QtBot, demo_store: Store) -> None:
    """Ana Demo-Oliveira's phone is safe from 5 to 8 PM at her Illinois courthouse."""
    utc_midnight = dt.datetime.combine(dt.date.today(), dt.time(0), dt.UTC)
    for hour, verdict in ((23, "Safe now"), (15, "Not now")):  # 17:00 and 09:00 in Chicago
        view = CallsView(demo_store, clock=lambda hour=hour: utc_midnight.replace(hour=hour))
        qtbot.addWidget(view)
        (row,) = [
            r for r, item in enumerate(view.items) if item.display_name == "Ana Demo-Oliveira"
        ]
        cell = view.table.item(row, CallColumn.SAFE_HOURS)
        assert cell is not None and cell.text().endswith(verdict), cell.text()


def test_contact_dialog_logs_method_outcome_and_note(qtbot: QtBot, demo_store: Store) -> None:
    window = _window(qtbot, demo_store)
    view = _calls(qtbot, window)
    first = view.items[0]
    view.log_button.click()
    dialog = _dialog_with_focus(qtbot, ContactDialog)
    assert isinstance(dialog, ContactDialog)
    assert QApplication.focusWidget() is dialog.outcome
    # Nothing is chosen as it opens: Enter is refused, naming the field, and logs nothing.
    assert dialog.outcome.currentIndex() == -1
    before = demo_store.outreach.last_contact(first.person_id, first.hearing_id)
    qtbot.keyClick(dialog.outcome, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.error_text("outcome") == "Outcome: this is required."
    assert demo_store.outreach.last_contact(first.person_id, first.hearing_id) == before
    qtbot.keyClick(dialog.outcome, Qt.Key.Key_Down)  # -> Confirmed
    qtbot.keyClick(dialog.outcome, Qt.Key.Key_Down)  # Confirmed -> Declined
    qtbot.keyClick(dialog.outcome, Qt.Key.Key_Tab)
    qtbot.keyClick(dialog.method, Qt.Key.Key_Down)  # Phone call -> Text message
    qtbot.keyClick(dialog.method, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.note
    qtbot.keyClicks(dialog.note, "Fictional: will be away that week")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.save_button
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        qtbot.keyClick(dialog.save_button, Qt.Key.Key_Return)
    last = demo_store.outreach.last_contact(first.person_id, first.hearing_id)
    assert last is not None
    assert (last.outcome.value, last.channel.value, last.note) == (
        "declined",
        "text",
        "Fictional: will be away that week",
    )


def test_after_a_contact_logged_with_a_note_the_list_moves_on_to_the_next_person(
    qtbot: QtBot, demo_store: Store
) -> None:
    """As after the number keys: never back to the top, where the next key would log a
    person who was skipped."""
    window = _window(qtbot, demo_store)
    view = _calls(qtbot, window)
    assert len(view.items) >= 4
    for _ in range(2):
        qtbot.keyClick(view.table, Qt.Key.Key_Down)
    logged, following = view.items[2], view.items[3]
    assert view.selected_pair() == (logged.person_id, logged.hearing_id)
    qtbot.keyClick(window, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)  # Lo&g with a note
    dialog = _dialog_with_focus(qtbot, ContactDialog)
    assert isinstance(dialog, ContactDialog)
    qtbot.keyClick(dialog.outcome, Qt.Key.Key_Down)  # -> Confirmed
    qtbot.keyClick(dialog.outcome, Qt.Key.Key_Tab)
    qtbot.keyClick(dialog.method, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.note, "Fictional: coming with her sister")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Tab)
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        qtbot.keyClick(dialog.save_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.selected_pair() == (following.person_id, following.hearing_id))
    message = re.sub("[\u200e\u200f\u2066-\u2069]", "", window.statusBar().currentMessage())
    assert message == f"Logged “Confirmed” for {logged.display_name}."
    assert _outcomes(demo_store, logged.person_id, logged.hearing_id)[-1] is (
        ContactOutcome.CONFIRMED
    )


def test_needs_dialog_records_and_removes_needs(qtbot: QtBot, demo_store: Store) -> None:
    window = _window(qtbot, demo_store)
    view = _calls(qtbot, window)
    lopez = next(item for item in view.items if item.display_name == "María Demo-López")
    assert view.select_pair(lopez.person_id, lopez.hearing_id)
    qtbot.keyClick(
        window,
        Qt.Key.Key_E,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = _dialog_with_focus(qtbot, NeedsDialog)
    assert isinstance(dialog, NeedsDialog)
    rows = {row.kind: row for row in dialog.rows}
    assert rows[NeedKind.CHILDCARE].needed.isChecked()
    # Transport: tick it with Space, then Escape asks before the change is lost.
    transport = rows[NeedKind.TRANSPORT].needed
    transport.setFocus()
    qtbot.keyClick(transport, Qt.Key.Key_Space)
    qtbot.keyClick(transport, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox))
    question = QApplication.activeModalWidget()
    qtbot.keyClick(question, Qt.Key.Key_Escape)  # keep editing
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is dialog)
    childcare = rows[NeedKind.CHILDCARE].needed
    childcare.setFocus()
    qtbot.keyClick(childcare, Qt.Key.Key_Space)  # childcare off
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        qtbot.keyClick(childcare, Qt.Key.Key_Return)
    needs = {
        need.kind: need.status
        for need in demo_store.outreach.needs(lopez.person_id, lopez.hearing_id)
    }
    assert needs.get(NeedKind.TRANSPORT) is NeedStatus.OPEN
    assert NeedKind.CHILDCARE not in needs
    assert NeedKind.SEPARATE_WAITING_AREA in needs  # untouched
    cells = next(
        view.table.item(row, CallColumn.NEEDS).text()  # type: ignore[union-attr]
        for row, item in enumerate(view.items)
        if item.person_id == lopez.person_id
    )
    assert "Transport" in cells and "Childcare" not in cells


def test_open_needs_show_on_the_agenda(qtbot: QtBot, demo_store: Store) -> None:
    """María Demo-López needs an interpreter and childcare; her separate waiting area is
    arranged already, so it is not an open need."""
    from companion.ui.records.agenda_model import AgendaColumn

    window = _window(qtbot, demo_store)
    lopez = next(
        item
        for item in demo_store.outreach.calls(dt.date.today())
        if item.display_name == "María Demo-López"
    )
    model = window.agenda.model
    row = model.row_of_hearing(lopez.hearing_id)
    assert row is not None
    shown = model.data(model.index(row, AgendaColumn.NEEDS))
    assert shown == "Interpreter and Childcare"
    tip = model.data(model.index(row, AgendaColumn.NEEDS), Qt.ItemDataRole.ToolTipRole)
    assert "María Demo-López" in tip and "Childcare" in tip
    assert model.headerData(AgendaColumn.NEEDS, Qt.Orientation.Horizontal) == "Open needs"
    without = [
        entry
        for row in range(model.rowCount())
        if (entry := model.entry_at(row)) is not None
        and not any(person.open_needs for person in entry.people)
    ]
    assert without, "the demo agenda has hearings whose people need nothing"
    for entry in without:
        row = model.row_of_hearing(entry.hearing_id)
        assert row is not None and model.data(model.index(row, AgendaColumn.NEEDS)) == ""


def test_person_history_names_contacts_and_letters(qtbot: QtBot, demo_store: Store) -> None:
    window = _window(qtbot, demo_store)
    view = _calls(qtbot, window)
    first = view.items[0]
    qtbot.keyClick(view.table, Qt.Key.Key_3)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    demo_store.people.record_history(first.person_id, "letter_saved", first.hearing_id)
    demo_store.people.record_history(first.person_id, "employer_letter_saved", first.hearing_id)
    demo_store.outreach.log_contact(
        first.person_id,
        first.hearing_id,
        ContactOutcome.NEEDS_HELP,
        ContactChannel.IN_PERSON,
        "Fictional: asks for a ride",
    )
    hearing = demo_store.hearings.get(first.hearing_id)
    docket = demo_store.cases.get(hearing.case_id).docket_number
    day = formatting.short_day(hearing.starts_at.date())
    window.open_person(first.person_id)
    history = window.person_page.history
    rows = [
        (history.item(row, 1).text(), history.item(row, 2).text())  # type: ignore[union-attr]
        for row in range(history.rowCount())
    ]
    about = f"Hearing on {day} ({docket})"
    assert ("Contact logged", f"Left voicemail · Phone call · {about}") in rows
    assert (
        "Contact logged",
        f"Needs help · In person · {about} · Note: Fictional: asks for a ride",
    ) in rows
    assert ("Reminder letter saved", "") in rows
    assert ("Letter to the employer saved", "") in rows
    assert not any(kind in ("contact_logged", "letter_saved") for kind, _detail in rows)


def test_audit_trail_details_of_outreach_in_words(qtbot: QtBot, demo_store: Store) -> None:
    from companion.store.audit import AuditAction
    from companion.ui.safety.audit_model import details_text

    window = _window(qtbot, demo_store)
    view = _calls(qtbot, window)
    first = view.items[0]
    qtbot.keyClick(view.table, Qt.Key.Key_6)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    demo_store.outreach.set_need(
        HearingNeed(first.person_id, first.hearing_id, NeedKind.ESCORT, NeedStatus.MET)
    )
    demo_store.outreach.remove_need(first.person_id, first.hearing_id, NeedKind.ESCORT)
    entries = demo_store.audit.entries()
    shown = {
        (entry.action, details_text(entry))
        for entry in entries
        if entry.action in (AuditAction.LOGGED_CONTACT, AuditAction.CHANGED_NEED)
    }
    hearing = first.hearing_id
    assert (AuditAction.LOGGED_CONTACT, f"Wrong number, hearing {hearing}") in shown
    assert (AuditAction.CHANGED_NEED, f"Safety plan: escort: Met, hearing {hearing}") in shown
    assert (AuditAction.CHANGED_NEED, f"Safety plan: escort taken off, hearing {hearing}") in shown


def test_person_editor_keeps_the_voicemail_consent(qtbot: QtBot, demo_store: Store) -> None:
    """The consent is kept when the person is saved, and only where a voicemail may be
    left at all; the safe voicemail then gives the date and place."""
    from companion.ui.records.dialogs.person_dialog import PersonDialog

    baptiste = next(p for p in demo_store.people.list() if p.display_name == "Jean Demo-Baptiste")
    dialog = PersonDialog(demo_store, baptiste.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.isAncestorOf(QApplication.focusWidget()))
    row = dialog.contacts.rows[0]
    assert row.ok_to_voicemail.isChecked() and row.voicemail_details.isChecked()
    row.ok_to_voicemail.setFocus()
    qtbot.keyClick(row.ok_to_voicemail, Qt.Key.Key_Space)  # no voicemail at all now
    assert not row.voicemail_details.isChecked() and not row.voicemail_details.isEnabled()
    qtbot.keyClick(row.ok_to_voicemail, Qt.Key.Key_Space)
    assert row.voicemail_details.isEnabled() and not row.voicemail_details.isChecked()
    qtbot.keyClick(row.ok_to_voicemail, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is row.voicemail_details
    qtbot.keyClick(row.voicemail_details, Qt.Key.Key_Space)
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        qtbot.keyClick(row.voicemail_details, Qt.Key.Key_Return)
    (phone, *_others) = demo_store.people.get(baptiste.id).contacts
    assert phone.ok_to_voicemail and phone.voicemail_details
    hearing = next(h for h in demo_store.hearings.for_person(baptiste.id) if h.id)
    from companion.outreach.from_store import words_for

    words = words_for(demo_store, baptiste.id, hearing.id, WordsKind.VOICEMAIL, "en")
    assert "court date" in words.text


def test_outcome_keys_from_any_keyboard(qapp: QApplication) -> None:
    """A digit typed on an Arabic keyboard (٢) stands for the same outcome as 2; a letter
    or a digit with Ctrl stands for none."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    from companion.ui.outreach.calls_view import outcome_for_key

    def key(text: str, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier):
        return QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown, modifiers, text)

    assert outcome_for_key(key("2")) is ContactOutcome.NO_ANSWER
    assert outcome_for_key(key("\u0662")) is ContactOutcome.NO_ANSWER  # ARABIC-INDIC TWO
    assert outcome_for_key(key("8")) is ContactOutcome.DO_NOT_CONTACT
    assert outcome_for_key(key("1", Qt.KeyboardModifier.KeypadModifier)) is (
        ContactOutcome.CONFIRMED
    )
    assert outcome_for_key(key("9")) is None
    assert outcome_for_key(key("0")) is None
    assert outcome_for_key(key("n")) is None
    assert outcome_for_key(key("2", Qt.KeyboardModifier.ControlModifier)) is None


def test_the_lists_are_read_when_their_tab_is_shown_not_at_unlock(
    qtbot: QtBot, demo_store: Store
) -> None:
    """A large office has thousands of calls due and of past hearings: reading them at
    unlock kept staff waiting minutes for the main window."""
    from companion.ui.reports.outcomes_view import OutcomesView

    window = _window(qtbot, demo_store)
    calls = next(w for w in window.findChildren(CallsView))
    outcomes = next(w for w in window.findChildren(OutcomesView))
    assert calls.items == [] and outcomes.due == []
    view = _calls(qtbot, window)
    assert view is calls and calls.items


def _select_with_down_arrow(qtbot: QtBot, view: CallsView, display_name: str) -> CallItem:
    """Walk down the list with the arrow key, as staff would, to ``display_name``'s row."""
    for _step in range(len(view.items)):
        item = view.selected_item()
        assert item is not None
        if item.display_name == display_name:
            return item
        qtbot.keyClick(view.table, Qt.Key.Key_Down)
    raise AssertionError(f"{display_name} is not on today's calls")


def _interpreter_language(store: Store, item: CallItem) -> str:
    (need,) = [
        need
        for need in store.outreach.needs(item.person_id, item.hearing_id)
        if need.kind is NeedKind.INTERPRETER
    ]
    return need.language


def test_needs_dialog_names_the_interpreters_language(qtbot: QtBot, demo_store: Store) -> None:
    """Thảo Demo-Nguyễn's interpreter need is in Vietnamese: the dialog says so by name,
    as the other language lists do, never as the tag "vi"; a language typed by its name
    is stored as its tag."""
    window = _window(qtbot, demo_store)
    view = _calls(qtbot, window)
    thao = _select_with_down_arrow(qtbot, view, "Thảo Demo-Nguyễn")
    assert _interpreter_language(demo_store, thao) == "vi"
    shift_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window, Qt.Key.Key_E, shift_ctrl)
    dialog = _dialog_with_focus(qtbot, NeedsDialog)
    assert isinstance(dialog, NeedsDialog)
    interpreter = next(row for row in dialog.rows if row.kind is NeedKind.INTERPRETER)
    assert interpreter.needed.isChecked()
    combo = interpreter.language
    assert combo is not None and combo.isEnabled()
    assert combo.currentText() == "Vietnamese · Tiếng Việt"
    assert combo.lineEdit().text() == "Vietnamese · Tiếng Việt"
    # The name follows the interface language, as in the other language lists.
    switch_language("fr")
    assert combo.currentText() == "vietnamien · Tiếng Việt"
    switch_language("en")
    assert combo.currentText() == "Vietnamese · Tiếng Việt"

    # Another language, typed by its English name, then Enter saves.
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(combo.lineEdit(), "Spanish")
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Escape)  # closes the completer's list only
    assert dialog.isVisible()
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)
    assert _interpreter_language(demo_store, thao) == "es"

    # Opened again, the dialog shows the stored tag by name too.
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view.table.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_E, shift_ctrl)
    again = _dialog_with_focus(qtbot, NeedsDialog)
    assert isinstance(again, NeedsDialog)
    row = next(row for row in again.rows if row.kind is NeedKind.INTERPRETER)
    assert row.language is not None and row.language.currentText() == "Spanish · Español"
    qtbot.keyClick(again, Qt.Key.Key_Escape)


def _mnemonic(text: str) -> QKeySequence:
    """The Alt+key Qt gives a text's "&" letter ("Lo&g…" -> Alt+G, "语言(&L)" -> Alt+L)."""
    return QKeySequence.mnemonic(text)


def _texts_reachable_with_alt(window: MainWindow) -> list[str]:
    """What Alt+letter can reach in the window as it shows today's calls: the menu bar's
    titles, and every visible button and tab (the calls view's, its words panel's, the
    tool bar's)."""
    texts = [action.text() for action in window.menuBar().actions() if action.isVisible()]
    texts += [
        button.text()
        for button in window.findChildren(QAbstractButton)
        if button.isVisible() and button.text()
    ]
    for bar in window.findChildren(QTabBar):
        if bar.isVisible():
            texts += [bar.tabText(index) for index in range(bar.count())]
    return texts


@pytest.mark.parametrize("tag", [language.tag for language in LANGUAGES])
def test_each_alt_letter_of_the_calls_window_reaches_one_thing(
    tag: str, qtbot: QtBot, demo_store: Store
) -> None:
    """In every language (each catalog gives its own letters): no two menu titles,
    buttons or tabs of the window showing today's calls share an Alt letter, and the log
    button's letter opens the contact log."""
    apply_language(tag)
    window = _window(qtbot, demo_store)
    view = _calls(qtbot, window)
    texts = _texts_reachable_with_alt(window)
    language_menu = window.actions_.language_menu.title()
    assert view.log_button.text() in texts and language_menu in texts  # what clashed once
    by_key: dict[str, list[str]] = {}
    for text in texts:
        key = _mnemonic(text)
        if not key.isEmpty():
            by_key.setdefault(key.toString(), []).append(text)
    assert len(by_key) >= 8, by_key  # the menus and the buttons do have their letters
    assert {key: shown for key, shown in by_key.items() if len(shown) > 1} == {}

    # The log button's own letter opens the contact log for the selected person.
    first = view.selected_item()
    assert first is not None
    combination = _mnemonic(view.log_button.text())[0]
    assert combination.keyboardModifiers() == Qt.KeyboardModifier.AltModifier
    qtbot.keyClick(view.table, combination.key(), Qt.KeyboardModifier.AltModifier)
    dialog = _dialog_with_focus(qtbot, ContactDialog)
    assert isinstance(dialog, ContactDialog)
    assert (dialog.person_id, dialog.hearing_id) == (first.person_id, first.hearing_id)
    assert window.actions_.language_menu.isHidden()  # Alt+L's menu did not open
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def _hover(qtbot: QtBot, widget: QWidget, point: QPoint) -> str:
    """What the tooltip says when the pointer rests on ``point`` of ``widget``."""
    QToolTip.hideText()
    qtbot.waitUntil(lambda: not QToolTip.isVisible())
    QApplication.sendEvent(
        widget, QHelpEvent(QEvent.Type.ToolTip, point, widget.mapToGlobal(point))
    )
    qtbot.waitUntil(QToolTip.isVisible)
    return QToolTip.text()


def test_the_calls_fit_a_laptop_window_long_cells_whole_on_hover(
    qtbot: QtBot, demo_store: Store
) -> None:
    """1366×768 at 125% is 1092×614: every column in sight, no scroll bar; phones whole;
    a cell cut short ("…") shows its whole text when the pointer rests on it."""
    window = _window(qtbot, demo_store)
    window.resize(1092, 614)
    view = _calls(qtbot, window)
    table = view.table
    qtbot.waitUntil(lambda: table.viewport().width() < 1092)
    assert table.horizontalHeader().length() <= table.viewport().width()
    assert table.horizontalScrollBar().maximum() == 0
    metrics = table.fontMetrics()
    for row in range(table.rowCount()):
        phones = table.item(row, CallColumn.PHONES)
        assert phones is not None
        assert metrics.horizontalAdvance(phones.text()) < table.columnWidth(CallColumn.PHONES)

    (row,) = [r for r, item in enumerate(view.items) if item.display_name == "Ahmad Demo-Haddad"]
    person = table.item(row, CallColumn.PERSON)
    assert person is not None and person.text().endswith("أحمد حداد\u2069")
    assert metrics.horizontalAdvance(person.text()) > table.columnWidth(CallColumn.PERSON)
    cell = table.visualItemRect(person)
    assert _hover(qtbot, table.viewport(), cell.center()) == person.text()
    # A cell with a tooltip of its own keeps it: the hearing's has the courthouse.
    hearing = table.item(row, CallColumn.HEARING)
    assert hearing is not None
    shown = _hover(qtbot, table.viewport(), table.visualItemRect(hearing).center())
    assert "Lakeside Justice Center" in shown
