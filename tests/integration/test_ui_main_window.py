"""The main window: demo marking, menus and shortcuts, the person page, hearing actions,
courthouses, and delete-to-Trash with restore and a confirmed empty."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QTableView,
    QWidget,
)

from companion.domain.models import HearingStatus
from companion.store.store import Store
from companion.ui.records.agenda_model import AgendaColumn
from companion.ui.shell.main_window import MainWindow
from companion.ui.widgets.prompts import ConfirmBox, ErrorBox
from tests.integration.ui_shell_support import add_hearing, isolated_interface  # noqa: F401


def _window(qtbot, store: Store) -> MainWindow:
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _open_boxes(kind: type) -> list:
    return [
        widget
        for widget in QApplication.topLevelWidgets()
        if isinstance(widget, kind) and widget.isVisible()
    ]


def test_demo_store_is_marked_in_title_and_banner(qtbot, demo_store: Store) -> None:
    window = _window(qtbot, demo_store)
    assert "DEMO" in window.windowTitle()
    assert window.demo_banner is not None and window.demo_banner.isVisible()
    assert "fictional demo office" in window.demo_banner.text()
    assert window.agenda.model.hearing_count > 0


def test_real_store_has_no_demo_marks(qtbot, store: Store) -> None:
    window = _window(qtbot, store)
    assert "DEMO" not in window.windowTitle()
    assert window.demo_banner is None


def test_every_menu_action_has_a_shortcut_and_text(qtbot, store: Store) -> None:
    window = _window(qtbot, store)
    in_menus: set[int] = set()
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        assert menu is not None and menu_action.text()
        for action in menu.actions():
            if not action.isSeparator():
                in_menus.add(id(action))
    commands = [value for value in vars(window.actions_).values() if isinstance(value, QAction)]
    assert len(commands) >= 19
    shortcuts = []
    for action in commands:
        assert id(action) in in_menus, action.text()
        assert action.text()
        assert action.shortcuts(), f"{action.text()} has no shortcut"
        shortcuts.extend(sequence.toString() for sequence in action.shortcuts())
    assert len(shortcuts) == len(set(shortcuts)), "no shortcut is used twice"


def test_interactive_widgets_have_accessible_names(qtbot, demo_store: Store) -> None:
    window = _window(qtbot, demo_store)
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        interactive = (QLineEdit, QComboBox, QTableView, QCheckBox, QAbstractButton)
        for widget in window.findChildren(QWidget):
            if isinstance(widget, interactive) and widget.isVisible():
                if widget.parent() is not None and type(widget).__name__ == "QTabBar":
                    continue
                named = widget.accessibleName() or (
                    isinstance(widget, QAbstractButton) and widget.text()
                )
                assert named, f"{type(widget).__name__} {widget.objectName()} has no name"


def test_hearing_actions_follow_the_selection(qtbot, store: Store) -> None:
    office = add_hearing(store, days_ahead=2)
    window = _window(qtbot, store)
    actions = window.actions_
    assert not actions.continue_hearing.isEnabled()
    assert window.agenda.select_hearing(office.hearing_id)
    assert actions.continue_hearing.isEnabled()
    assert actions.cancel_hearing.isEnabled()
    assert actions.set_attendance.isEnabled()
    assert actions.edit.isEnabled() and actions.delete.isEnabled()


def test_cancel_hearing_asks_first_then_marks_it_cancelled(qtbot, store: Store) -> None:
    office = add_hearing(store, days_ahead=2)
    window = _window(qtbot, store)
    window.agenda.select_hearing(office.hearing_id)

    window.actions_.cancel_hearing.trigger()
    [question] = _open_boxes(ConfirmBox)
    qtbot.mouseClick(question.cancel_button, Qt.MouseButton.LeftButton)
    assert store.hearings.get(office.hearing_id).status is HearingStatus.SCHEDULED

    window.actions_.cancel_hearing.trigger()
    [question] = _open_boxes(ConfirmBox)
    assert "TEST-0001" in question.text()
    qtbot.mouseClick(question.confirm_button, Qt.MouseButton.LeftButton)
    assert store.hearings.get(office.hearing_id).status is HearingStatus.CANCELLED
    row = window.agenda.model.row_of_hearing(office.hearing_id)
    assert row is not None
    status = window.agenda.model.data(window.agenda.model.index(row, AgendaColumn.STATUS))
    assert status == "Cancelled"
    assert not window.actions_.cancel_hearing.isEnabled(), "a cancelled hearing stays cancelled"


def test_continue_and_attendance_open_their_dialogs(qtbot, store: Store) -> None:
    from companion.ui.records.dialogs.attendance_dialog import AttendanceDialog
    from companion.ui.records.dialogs.continue_dialog import ContinueHearingDialog

    add_hearing(store, days_ahead=2)
    office = add_hearing(store, days_ahead=5)
    window = _window(qtbot, store)
    assert window.agenda.select_hearing(office.hearing_id)
    window.actions_.continue_hearing.trigger()
    [dialog] = _open_boxes(ContinueHearingDialog)
    assert dialog.hearing_id == office.hearing_id, "the dialog is for the selected hearing"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    window.actions_.set_attendance.trigger()
    [attendance] = _open_boxes(AttendanceDialog)
    assert (attendance.hearing_id, attendance.person_id) == (office.hearing_id, office.person_id)
    qtbot.keyClick(attendance, Qt.Key.Key_Escape)
    assert not attendance.isVisible()


def test_new_person_through_the_dialog_opens_their_page(qtbot, store: Store) -> None:
    from companion.ui.records.dialogs.person_dialog import PersonDialog

    window = _window(qtbot, store)
    window.actions_.new_person.trigger()
    [dialog] = _open_boxes(PersonDialog)
    qtbot.keyClicks(dialog.given_name, "Ines")
    qtbot.keyClicks(dialog.family_name, "Test-Moreno")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.saved_id is not None
    assert window.people_stack.currentWidget() is window.person_page
    assert window.person_page.name_label.text() == "Ines Test-Moreno"
    window.actions_.back.trigger()
    assert window.people.selected_person_id() == dialog.saved_id


def test_person_page_shows_cases_hearings_and_contacts(qtbot, demo_store: Store) -> None:
    window = _window(qtbot, demo_store)
    person = next(p for p in demo_store.people.list() if p.native_name == "أحمد حداد")
    window.open_person(person.id)
    page = window.person_page
    assert page.name_label.text() == "Ahmad Demo-Haddad"
    assert page.native_label.text() == "أحمد حداد"
    assert page.contacts.rowCount() == 2  # a phone, and a (fictional) postal address
    assert page.contacts.item(0, 2).text() == "Do not text"
    assert page.contacts.item(1, 0).text() == "Postal address"
    assert page.cases.rowCount() == 1
    assert page.hearings.rowCount() >= 1
    # Oldest first: the demo's past hearing (its outcome recorded), then the upcoming one.
    assert page.hearings.item(0, 7).text() in ("Not yet known", "Confirmed", "Attended", "Missed")
    window.actions_.back.trigger()
    assert window.people_stack.currentWidget() is window.people
    assert window.people.selected_person_id() == person.id


def test_delete_restore_and_empty_trash(qtbot, store: Store) -> None:
    office = add_hearing(store, days_ahead=2)
    window = _window(qtbot, store)
    window.open_person(office.person_id)
    window.person_page.tabs.setCurrentWidget(window.person_page.details_page)
    window.actions_.delete.trigger()
    [question] = _open_boxes(ConfirmBox)
    assert question.text().startswith("Move Rosa Test-Alvarez to the Trash?")
    qtbot.mouseClick(question.cancel_button, Qt.MouseButton.LeftButton)
    assert store.people.count() == 1, "nothing goes to the Trash without asking"
    window.actions_.delete.trigger()
    [question] = _open_boxes(ConfirmBox)
    qtbot.mouseClick(question.confirm_button, Qt.MouseButton.LeftButton)
    assert store.people.count() == 0
    assert window.people_stack.currentWidget() is window.people
    assert window.people.model.rowCount() == 0

    trash = window.open_trash()
    assert [(item.kind, item.id) for item in trash.items] == [("person", office.person_id)]
    assert trash.select("person", office.person_id)
    qtbot.mouseClick(trash.restore_button, Qt.MouseButton.LeftButton)
    assert store.people.count() == 1
    assert window.people.model.rowCount() == 1
    assert not trash.empty_button.isEnabled()

    window.tabs.setCurrentWidget(window.agenda)
    window.agenda.select_hearing(office.hearing_id)
    window.actions_.delete.trigger()
    [question] = _open_boxes(ConfirmBox)
    assert question.text().startswith("Move the hearing of ")
    qtbot.mouseClick(question.confirm_button, Qt.MouseButton.LeftButton)
    trash.refresh()
    assert [item.kind for item in trash.items] == ["hearing"]
    qtbot.mouseClick(trash.empty_button, Qt.MouseButton.LeftButton)
    [question] = _open_boxes(ConfirmBox)
    qtbot.mouseClick(question.cancel_button, Qt.MouseButton.LeftButton)
    assert store.trash.count() == 1, "nothing is emptied without confirmation"
    qtbot.mouseClick(trash.empty_button, Qt.MouseButton.LeftButton)
    [question] = _open_boxes(ConfirmBox)
    qtbot.mouseClick(question.confirm_button, Qt.MouseButton.LeftButton)
    assert store.trash.count() == 0
    assert trash.table.rowCount() == 0
    assert trash.items == []


def test_courthouse_in_use_cannot_be_deleted(qtbot, store: Store) -> None:
    office = add_hearing(store, days_ahead=2)
    window = _window(qtbot, store)
    window.actions_.show_courthouses.trigger()
    assert window.courthouses.select_courthouse(office.courthouse_id)
    window.actions_.delete.trigger()
    [question] = _open_boxes(ConfirmBox)
    qtbot.mouseClick(question.confirm_button, Qt.MouseButton.LeftButton)
    [box] = _open_boxes(ErrorBox)
    assert box.text() == "This courthouse still has 1 hearing. Move or delete it first."
    assert box.icon() == QMessageBox.Icon.Warning
    box.accept()
    assert store.courthouses.get(office.courthouse_id).deleted_at is None


def test_view_shortcuts_switch_views(qtbot, store: Store) -> None:
    window = _window(qtbot, store)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.people_stack
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.courthouses
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.people_stack
    assert window.people.search.hasFocus()


def test_person_case_and_hearing_added_from_the_menus_reach_the_agenda(qtbot, store: Store) -> None:
    import datetime as dt

    from companion.domain.models import Courthouse
    from companion.ui.records.dialogs.case_dialog import CaseDialog
    from companion.ui.records.dialogs.hearing_dialog import HearingDialog
    from companion.ui.records.dialogs.person_dialog import PersonDialog

    courthouse = store.courthouses.add(
        Courthouse("Menu Test Courthouse", "2 Test Road", "America/Chicago", "US-IL")
    )
    window = _window(qtbot, store)

    window.actions_.new_person.trigger()
    [person_dialog] = _open_boxes(PersonDialog)
    qtbot.keyClicks(person_dialog.given_name, "Aisha")
    qtbot.keyClicks(person_dialog.family_name, "Test-Rahman")
    qtbot.mouseClick(person_dialog.save_button, Qt.MouseButton.LeftButton)
    person_id = person_dialog.saved_id
    assert person_id is not None and window.person_page.person_id == person_id

    window.actions_.new_case.trigger()
    [case_dialog] = _open_boxes(CaseDialog)
    qtbot.keyClicks(case_dialog.docket_number, "MENU-0007")
    qtbot.keyClicks(case_dialog.court, "Test Circuit Court")
    qtbot.mouseClick(case_dialog.save_button, Qt.MouseButton.LeftButton)
    assert case_dialog.saved_id is not None
    assert store.cases.get(case_dialog.saved_id).person_ids == [person_id]
    assert window.person_page.cases.rowCount() == 1

    window.actions_.new_hearing.trigger()
    [hearing_dialog] = _open_boxes(HearingDialog)
    hearing_dialog.courthouse.setCurrentIndex(hearing_dialog.courthouse.findData(courthouse.id))
    day = dt.date.today() + dt.timedelta(days=3)
    qtbot.keyClicks(hearing_dialog.start.date.line_edit, day.isoformat())
    qtbot.keyClicks(hearing_dialog.start.time, "10:15 AM")
    qtbot.keyClicks(hearing_dialog.courtroom, "7")
    qtbot.mouseClick(hearing_dialog.save_button, Qt.MouseButton.LeftButton)
    hearing_id = hearing_dialog.saved_id
    assert hearing_id is not None
    assert window.person_page.hearings.rowCount() == 1

    window.actions_.show_agenda.trigger()
    row = window.agenda.model.row_of_hearing(hearing_id)
    assert row is not None
    model = window.agenda.model
    assert model.data(model.index(row, AgendaColumn.CASE)) == "MENU-0007"
    assert "Aisha Test-Rahman" in model.data(model.index(row, AgendaColumn.PEOPLE))
    assert model.data(model.index(row, AgendaColumn.TIME)) == "10:15\u202fAM"


def test_record_actions_apply_to_nothing_on_a_feature_tab(qtbot, demo_store: Store) -> None:
    window = _window(qtbot, demo_store)
    # Leave a person's page open with a hearing selected, then go to the Guidance tab.
    person = demo_store.people.list()[0]
    window.open_person(person.id)
    page = window.person_page
    page.tabs.setCurrentWidget(page.hearings)
    page.hearings.selectRow(0)
    assert window.selection().hearing_id is not None
    feature_tabs = [
        index
        for index in range(window.tabs.count())
        if window.tabs.widget(index) not in (window.agenda, window.people_stack, window.courthouses)
    ]
    assert feature_tabs, "the Guidance tab is installed as a feature"
    window.tabs.setCurrentIndex(feature_tabs[0])
    assert window.selection() == type(window.selection())()
    window.update_actions()
    assert not window.actions_.delete.isEnabled()
    assert not window.actions_.edit.isEnabled()


def test_del_asks_in_every_view_and_never_acts_on_a_tab_bar(qtbot, store: Store) -> None:
    office = add_hearing(store, days_ahead=2)
    window = _window(qtbot, store)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.open_person(office.person_id)
    bar = window.person_page.tabs.tabBar()
    bar.setFocus()
    qtbot.waitUntil(bar.hasFocus)
    qtbot.keyClick(bar, Qt.Key.Key_Delete)
    assert _open_boxes(ConfirmBox) == []
    assert store.people.count() == 1

    window.tabs.setCurrentWidget(window.agenda)
    window.agenda.select_hearing(office.hearing_id)
    window.agenda.table.setFocus()
    qtbot.waitUntil(window.agenda.table.hasFocus)
    qtbot.keyClick(window.agenda.table, Qt.Key.Key_Delete)
    [question] = _open_boxes(ConfirmBox)
    assert question.windowTitle() == "Move to the Trash?"
    assert "in case " in question.text() and question.text().startswith("Move the hearing of")
    qtbot.keyClick(question, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not question.isVisible())
    assert store.hearings.get(office.hearing_id).deleted_at is None
