"""Continuing a hearing from the agenda with the keyboard: the new hearing is selected, the
old row says where it went, and the day headings count only what is still on."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from companion.domain.models import HearingStatus
from companion.store.store import Store
from companion.ui.records.agenda_model import AgendaColumn
from companion.ui.records.dialogs.continue_dialog import ContinueHearingDialog
from companion.ui.shell.main_window import MainWindow
from tests.integration.ui_shell_support import add_hearing, isolated_interface  # noqa: F401


def _window(qtbot: QtBot, store: Store) -> MainWindow:
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def _status(window: MainWindow, hearing_id: int) -> str:
    model = window.agenda.model
    row = model.row_of_hearing(hearing_id)
    assert row is not None
    return str(model.data(model.index(row, AgendaColumn.STATUS)))


def test_after_continue_the_new_hearing_is_selected_and_the_old_row_points_to_it(
    qtbot: QtBot, store: Store
) -> None:
    office = add_hearing(store, days_ahead=1)
    window = _window(qtbot, store)
    window.agenda.select_hearing(office.hearing_id)
    window.agenda.table.setFocus()
    heading = str(window.agenda.model.data(window.agenda.model.index(0, 0)))
    assert heading.startswith("Tomorrow · ") and heading.endswith("1 hearing · 1 needs a call")

    qtbot.keyClick(
        window.agenda.table,
        Qt.Key.Key_C,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), ContinueHearingDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, ContinueHearingDialog)
    new_day = dt.date.today() + dt.timedelta(days=5)
    typed = f"{new_day.month}/{new_day.day}/{new_day.year}"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.start.date.line_edit)
    qtbot.keyClicks(QApplication.focusWidget(), typed)  # focus starts in the date field
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.saved_id is not None or dialog.error_text("date") != "")
    assert dialog.error_text("date") == "" and dialog.error_text("time") == ""
    new_id = dialog.saved_id
    assert new_id is not None

    assert window.agenda.selected_hearing_id() == new_id
    new = store.hearings.get(new_id)
    assert (new.starts_at.date(), new.starts_at.time()) == (new_day, dt.time(9, 30))
    assert store.hearings.get(office.hearing_id).status is HearingStatus.CONTINUED
    weekday = new_day.strftime("%a")
    month = new_day.strftime("%b")
    assert _status(window, office.hearing_id) == f"Continued → {weekday}, {month} {new_day.day}"
    # The continued hearing is not counted on its day any more.
    heading = str(window.agenda.model.data(window.agenda.model.index(0, 0)))
    assert heading.startswith("Tomorrow · ") and heading.endswith("· 0 hearings")


def test_the_person_page_opens_on_the_next_hearing(qtbot: QtBot, store: Store) -> None:
    office = add_hearing(store, days_ahead=3)
    window = _window(qtbot, store)
    window.open_person(office.person_id)
    page = window.person_page
    assert page.tabs.currentWidget() is page.hearings
    assert page.selected_hearing_id() == office.hearing_id
    assert window.actions_.edit.text() == "&Edit hearing…"
    assert window.actions_.delete.text() == "&Move hearing to the Trash…"
