"""The agenda view: hearings of the next days, grouped by day, with who needs a call."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QTableView, QToolTip, QWidget

from companion.domain.models import (
    AttendanceStatus,
    HearingStatus,
    HearingType,
)
from companion.store.agenda import AgendaEntry, AgendaPerson
from companion.store.store import Store
from companion.ui import preferences
from companion.ui.records import agenda_model
from companion.ui.records.agenda_model import AgendaColumn, AgendaModel, DayHeading
from companion.ui.records.agenda_view import AgendaView
from companion.ui.widgets.tables import configure_table, fitted_widths
from tests.integration.ui_shell_support import add_hearing, isolated_interface  # noqa: F401


def _text(view: AgendaView, row: int, column: AgendaColumn) -> str:
    return str(view.model.data(view.model.index(row, column)))


def test_agenda_shows_a_hearing_added_through_the_store(qtbot, store: Store) -> None:
    view = AgendaView(store)
    qtbot.addWidget(view)
    assert view.model.hearing_count == 0
    assert view.summary.text() == "No hearings in this period."

    office = add_hearing(store, days_ahead=2, native_name="罗莎", docket="TEST-0042")
    view.refresh()
    row = view.model.row_of_hearing(office.hearing_id)
    assert row is not None
    assert _text(view, row, AgendaColumn.CASE) == "TEST-0042"
    people = _text(view, row, AgendaColumn.PEOPLE)
    assert "Rosa Test-Alvarez" in people and "罗莎" in people
    assert _text(view, row, AgendaColumn.COURTROOM) == "12C"
    assert _text(view, row, AgendaColumn.COURTHOUSE) == "Test Courthouse TEST-0042"
    assert _text(view, row, AgendaColumn.TIME).replace("\u202f", " ") == "9:30 AM"
    assert _text(view, row, AgendaColumn.STATUS) == "Scheduled"
    assert _text(view, row, AgendaColumn.TESTIMONY) == "Must testify"
    assert _text(view, row, AgendaColumn.CALL) == "Needs a call"
    assert view.summary.text() == "1 hearing"

    heading = view.model.row_item(row - 1)
    assert isinstance(heading, DayHeading)
    day = dt.date.today() + dt.timedelta(days=2)
    heading_text = _text(view, row - 1, AgendaColumn.TIME)
    assert day.strftime("%A") in heading_text and day.strftime("%B") in heading_text
    assert view.table.columnSpan(row - 1, 0) == len(AgendaColumn)
    assert not view.model.flags(view.model.index(row - 1, 0)) & Qt.ItemFlag.ItemIsSelectable


def test_days_ahead_limits_and_is_remembered(qtbot, store: Store) -> None:
    near = add_hearing(store, days_ahead=3, docket="NEAR-1")
    far = add_hearing(store, days_ahead=20, docket="FAR-1", given_name="Tomas")
    view = AgendaView(store)
    qtbot.addWidget(view)
    view.set_days(14)
    assert view.model.row_of_hearing(near.hearing_id) is not None
    assert view.model.row_of_hearing(far.hearing_id) is None
    view.set_days(30)
    assert view.model.row_of_hearing(far.hearing_id) is not None
    assert preferences.remembered_agenda_days(14) == 30
    assert view.days_combo.currentText() == "Next 30 days"

    again = AgendaView(store)
    qtbot.addWidget(again)
    assert again.days == 30


def test_only_hearings_that_need_a_call(qtbot, store: Store) -> None:
    unsure = add_hearing(store, days_ahead=1, docket="UNSURE-1")
    sure = add_hearing(store, days_ahead=1, docket="SURE-1", given_name="Lin")
    (answer,) = store.hearings.attendance_for(sure.hearing_id)
    answer.status = AttendanceStatus.CONFIRMED
    store.hearings.set_attendance(answer)
    view = AgendaView(store)
    qtbot.addWidget(view)
    view.show()
    sure_row = view.model.row_of_hearing(sure.hearing_id)
    assert sure_row is not None and _text(view, sure_row, AgendaColumn.CALL) == ""
    qtbot.mouseClick(view.calls_only, Qt.MouseButton.LeftButton)
    assert view.model.row_of_hearing(sure.hearing_id) is None
    assert view.model.row_of_hearing(unsure.hearing_id) is not None


def test_refresh_keeps_the_selected_hearing(qtbot, store: Store) -> None:
    first = add_hearing(store, days_ahead=1, docket="A-1")
    second = add_hearing(store, days_ahead=4, docket="B-1", given_name="Omar")
    view = AgendaView(store)
    qtbot.addWidget(view)
    assert view.select_hearing(second.hearing_id)
    store.hearings.set_status(first.hearing_id, HearingStatus.CANCELLED)
    view.refresh()
    assert view.selected_hearing_id() == second.hearing_id
    row = view.model.row_of_hearing(first.hearing_id)
    assert row is not None and _text(view, row, AgendaColumn.STATUS) == "Cancelled"


def _synthetic_entries(count: int) -> list[AgendaEntry]:
    zone = ZoneInfo("America/Chicago")
    start = dt.datetime(2027, 1, 4, 8, 0, tzinfo=zone)
    person = AgendaPerson(1, "Test", "Person", "", "es", True, AttendanceStatus.UNKNOWN)
    return [
        AgendaEntry(
            hearing_id=number,
            starts_at=start + dt.timedelta(days=number // 200, minutes=number % 200),
            expected_minutes=30,
            hearing_type=HearingType.STATUS,
            status=HearingStatus.SCHEDULED,
            courtroom="1",
            courthouse_id=1,
            courthouse_name="Test Courthouse",
            case_id=number,
            docket_number=f"D-{number}",
            people=[person],
        )
        for number in range(count)
    ]


def test_fifty_thousand_hearings_are_formatted_only_when_shown(qtbot, monkeypatch) -> None:
    """The model formats a cell only when Qt paints it, so a huge agenda costs no more
    to show than the rows on screen."""
    formatted: list[int] = []
    real = agenda_model.entry_text

    def counting(entry: AgendaEntry, column: AgendaColumn) -> str:
        formatted.append(entry.hearing_id)
        return real(entry, column)

    monkeypatch.setattr(agenda_model, "entry_text", counting)
    model = AgendaModel()
    model.set_entries(_synthetic_entries(50_000))
    assert model.hearing_count == 50_000
    assert model.rowCount() == 50_000 + 250  # one heading per day, 200 hearings a day
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(model)
    configure_table(table)
    table.resize(900, 500)
    table.show()
    qtbot.waitExposed(table)
    table.grab()
    table.scrollToBottom()
    table.grab()
    assert formatted, "visible rows were painted"
    assert len(set(formatted)) < 200, "only the rows on screen were formatted"


def _hover(qtbot, widget: QWidget, point: QPoint) -> str:
    """What the tooltip says when the pointer rests on ``point`` of ``widget``."""
    QToolTip.hideText()
    qtbot.waitUntil(lambda: not QToolTip.isVisible())
    resting = QHelpEvent(QEvent.Type.ToolTip, point, widget.mapToGlobal(point))
    QApplication.sendEvent(widget, resting)
    qtbot.waitUntil(QToolTip.isVisible)
    return QToolTip.text()


def _columns_fit(view: AgendaView) -> bool:
    table = view.table
    return (
        table.horizontalHeader().length() <= table.viewport().width()
        and table.horizontalScrollBar().maximum() == 0
    )


def test_columns_fit_a_narrow_window_long_texts_whole_on_hover(qtbot, demo_store: Store) -> None:
    """In a window narrower than the agenda's texts, every column stays in sight (no
    horizontal scroll bar), docket numbers and times whole; a courthouse's name cut short
    shows whole when the pointer rests on it. After switching to French (longer titles)
    the columns fit again."""
    view = AgendaView(demo_store)
    qtbot.addWidget(view)
    view.resize(1000, 500)  # the table is 1046 px wide in a 1092 px window: less here
    view.show()
    qtbot.waitExposed(view)
    table = view.table
    qtbot.waitUntil(lambda: _columns_fit(view))
    metrics = table.fontMetrics()
    rows = [row for row in range(view.model.rowCount()) if view.model.entry_at(row) is not None]
    assert rows
    for row in rows:
        for column in (AgendaColumn.CASE, AgendaColumn.TIME):
            text = _text(view, row, column)
            assert metrics.horizontalAdvance(text) < table.columnWidth(column), text

    row = next(r for r in rows if _text(view, r, AgendaColumn.COURTHOUSE).startswith("Example"))
    courthouse = _text(view, row, AgendaColumn.COURTHOUSE)
    assert metrics.horizontalAdvance(courthouse) > table.columnWidth(AgendaColumn.COURTHOUSE)
    cell = table.visualRect(view.model.index(row, AgendaColumn.COURTHOUSE))
    assert _hover(qtbot, table.viewport(), cell.center()) == courthouse

    from companion.ui.shell.language import switch_language

    switch_language("fr")
    assert view.model.headerData(AgendaColumn.COURTROOM, Qt.Orientation.Horizontal) != "Courtroom"
    qtbot.waitUntil(lambda: _columns_fit(view))


def test_fitted_widths_narrow_the_wide_columns_in_proportion() -> None:
    # Room enough: unchanged.
    assert fitted_widths([50, 300, 200], 600, [70, 70, 70]) == [50, 300, 200]
    # 100 px too many: the 50 px column is under its narrowest and keeps its width; the
    # others have 230 and 130 px over it, 360 in all, and each keeps 260/360 of its own.
    assert fitted_widths([50, 300, 200], 450, [70, 70, 70]) == [50, 70 + 166, 70 + 93]
    # A column that must stay readable narrows less.
    assert fitted_widths([100, 100], 150, [100, 20]) == [100, 50]
    # Not even the narrowest fit: each at its narrowest (the table scrolls).
    assert fitted_widths([200, 200], 100, [80, 80]) == [80, 80]


def test_ctrl_1_puts_the_focus_in_the_list_so_the_arrows_move_through_hearings(
    qtbot, demo_store: Store
) -> None:
    from companion.ui.shell.main_window import MainWindow

    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)  # elsewhere first
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    view = window.agenda
    qtbot.waitUntil(view.table.hasFocus)
    period = view.days_combo.currentText()
    row = view.table.currentIndex().row()
    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    assert view.days_combo.currentText() == period
    assert view.table.currentIndex().row() != row
