"""Every editing dialog of the gallery, with the keyboard only: Enter is the main action,
no inner button takes it, Tab reaches every field and the main button and Shift+Tab walks
back, Escape closes an unchanged form and asks about a changed one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from companion.demo import create_demo_office
from companion.domain.models import Case
from companion.store.store import Store
from companion.ui.dev import gallery
from companion.ui.records.dialogs.common import RecordDialog
from companion.ui.records.dialogs.fields import DateField, TimeEdit
from companion.ui.records.dialogs.hearing_dialog import HearingDialog
from tests.conftest import TEST_PASSPHRASE
from tests.integration.helpers.keyboard import show_focused, tab_stops

RECORD_DIALOGS = [
    "person-add",
    "person-edit",
    "case-add",
    "case-edit",
    "hearing-add",
    "hearing-edit",
    "courthouse-add",
    "courthouse-edit",
    "continue-hearing",
    "attendance",
    "contact-log",
    "hearing-needs",
]
# Dialogs that are already valid as they open (edits of stored records).
VALID_AS_OPENED = [
    "person-edit",
    "case-edit",
    "hearing-edit",
    "courthouse-edit",
    "attendance",
    "hearing-needs",
]


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = create_demo_office(tmp_path_factory.mktemp("keyboard") / "office", TEST_PASSPHRASE)
    yield store
    store.close()


def _open(qtbot: QtBot, store: Store, name: str) -> RecordDialog:
    dialog = gallery.entry_named(name).build(store, None)
    assert isinstance(dialog, RecordDialog)
    return show_focused(qtbot, dialog)


def _focus(dialog: RecordDialog) -> QWidget | None:
    widget = QApplication.focusWidget()
    return widget if widget is not None and dialog.isAncestorOf(widget) else None


@pytest.mark.parametrize("name", RECORD_DIALOGS)
def test_enter_belongs_to_the_main_button_only(qtbot: QtBot, office: Store, name: str) -> None:
    dialog = _open(qtbot, office, name)
    buttons = [button for button in dialog.findChildren(QPushButton)]
    assert [button for button in buttons if button.isDefault()] == [dialog.save_button]
    inner = [button.text() for button in buttons if button.autoDefault()]
    assert inner == [dialog.save_button.text()]


@pytest.mark.parametrize("name", RECORD_DIALOGS)
def test_tab_reaches_every_field_and_the_main_button_and_back(
    qtbot: QtBot, office: Store, name: str
) -> None:
    dialog = _open(qtbot, office, name)
    first = dialog.first_field()
    assert first is not None and _focus(dialog) is first  # focus starts in the first field
    forward = tab_stops(qtbot, within=dialog, until=dialog.save_button)
    assert forward[-1] is dialog.save_button, [w.accessibleName() for w in forward]
    backward = tab_stops(qtbot, within=dialog, back=True, until=first)
    assert backward[-1] is first
    # One stop each, no loop: the way back passes each widget once.
    assert len(backward) == len(set(map(id, backward)))
    # A dialog that opens on the first field still to fill (a new hearing on its date)
    # has chosen fields before it: Tab past Save comes round to them.
    round_trip = tab_stops(qtbot, within=dialog, until=first)
    assert round_trip[-1] is first
    fields = [
        focus
        for _label, focus in dialog.error_targets()
        if focus.isVisibleTo(dialog) and focus.isEnabled()
    ]
    missed = [
        field.accessibleName() or type(field).__name__
        for field in fields
        if field not in (first, *forward, *round_trip)
    ]
    assert missed == []


@pytest.mark.parametrize("name", VALID_AS_OPENED)
def test_enter_on_a_valid_form_saves(qtbot: QtBot, office: Store, name: str) -> None:
    dialog = _open(qtbot, office, name)
    focused = _focus(dialog)
    assert focused is not None
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        qtbot.keyClick(focused, Qt.Key.Key_Return)
    assert dialog.saved_id is not None


def test_escape_closes_an_unchanged_form(qtbot: QtBot, office: Store) -> None:
    dialog = _open(qtbot, office, "person-edit")
    with qtbot.waitSignal(dialog.rejected, timeout=2000):
        qtbot.keyClick(_focus(dialog), Qt.Key.Key_Escape)


def test_escape_on_a_changed_form_asks_before_discarding(qtbot: QtBot, office: Store) -> None:
    dialog = _open(qtbot, office, "person-edit")
    focused = _focus(dialog)
    assert focused is not None
    qtbot.keyClicks(focused, "x")
    qtbot.keyClick(focused, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox))
    question = QApplication.activeModalWidget()
    assert isinstance(question, QMessageBox)
    assert question.windowTitle() == "Discard your changes?"
    # Escape (or Enter) on the question keeps editing: nothing is lost by a second key.
    qtbot.keyClick(question, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not question.isVisible())
    assert dialog.isVisible() and focused.property("text") is not None
    qtbot.keyClick(_focus(dialog) or dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox))
    again = QApplication.activeModalWidget()
    assert isinstance(again, QMessageBox)
    with qtbot.waitSignal(dialog.rejected, timeout=2000):
        qtbot.keyClick(again.buttons()[0], Qt.Key.Key_Space)  # "Discard changes"


@pytest.mark.parametrize(
    ("name", "inner"),
    [
        ("organisation", ["Add advocate", "Remove"]),
        ("restore", ["choose_file_button", "check_button"]),  # Choose another file…
        ("preferences", ["choose_button", "default_button"]),
    ],
)
def test_inner_buttons_of_other_dialogs_never_take_enter(
    qtbot: QtBot, office: Store, name: str, inner: list[str]
) -> None:
    dialog = gallery.entry_named(name).build(office, None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    for wanted in inner:
        found = getattr(dialog, wanted, None)
        buttons = (
            [found]
            if isinstance(found, QPushButton)
            else [b for b in dialog.findChildren(QPushButton) if b.text() == wanted]
        )
        assert buttons, wanted
        for button in buttons:
            assert not button.autoDefault() and not button.isDefault(), wanted


def test_a_new_hearing_opens_on_the_first_field_still_to_fill(qtbot: QtBot, office: Store) -> None:
    # A case that had hearings: its courthouse is chosen (the last hearing's), focus in Date.
    dialog = _open(qtbot, office, "hearing-add")
    assert isinstance(dialog, HearingDialog)
    case_id = dialog.case.currentData()
    last = max(office.hearings.for_case(case_id), key=lambda hearing: hearing.starts_at)
    assert dialog.courthouse.currentData() == last.courthouse_id
    assert _focus(dialog) is dialog.start.date.line_edit
    qtbot.keyClick(dialog.start.date.line_edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    # A case with no hearing yet, in an office with several courthouses: the courthouse
    # is a choice to make, so the focus starts there, and Tab goes on to the date.
    assert len(office.courthouses.list()) > 1
    person_id = office.people.list()[0].id
    assert person_id is not None
    case = office.cases.add(Case("KEYS-2026-0001", "Test Court", person_ids=[person_id]))
    fresh = HearingDialog(office, case_id=case.id)
    qtbot.addWidget(fresh)
    fresh.show()
    qtbot.waitExposed(fresh)
    fresh.activateWindow()
    qtbot.waitUntil(lambda: _focus(fresh) is fresh.courthouse)
    qtbot.keyClick(fresh.courthouse, Qt.Key.Key_Tab)
    assert _focus(fresh) is fresh.start.date.line_edit


@pytest.mark.parametrize("name", ["hearing-add", "hearing-edit", "continue-hearing"])
def test_a_time_typed_after_tab_from_the_date_lands_in_the_time_field(
    qtbot: QtBot, office: Store, name: str
) -> None:
    """The calendar button is no Tab stop: the space of "2:30 PM" never opens it."""
    dialog = _open(qtbot, office, name)
    date_field = dialog.findChild(DateField)
    time_field = dialog.findChild(TimeEdit)
    assert date_field is not None and time_field is not None
    date_field.line_edit.setFocus()
    qtbot.waitUntil(lambda: _focus(dialog) is date_field.line_edit)
    qtbot.keyClick(date_field.line_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(date_field.line_edit, "12/15/2026")
    qtbot.keyClick(date_field.line_edit, Qt.Key.Key_Tab)
    assert _focus(dialog) is time_field
    qtbot.keyClick(time_field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(time_field, "2:30 PM")
    assert time_field.text() == "2:30 PM"
    assert time_field.time() == dt.time(14, 30)
    assert not date_field.calendar.isVisible()


def test_the_date_field_opens_its_calendar_with_alt_down_or_f4(qtbot: QtBot, office: Store) -> None:
    dialog = _open(qtbot, office, "hearing-add")
    date_field = dialog.findChild(DateField)
    assert date_field is not None
    assert "Alt+Down or F4" in date_field.pick_button.toolTip()
    assert "Alt+Down or F4" in date_field.line_edit.accessibleDescription()
    for key, modifier in [
        (Qt.Key.Key_F4, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier),
    ]:
        date_field.line_edit.setFocus()
        qtbot.waitUntil(lambda: _focus(dialog) is date_field.line_edit)
        qtbot.keyClick(date_field.line_edit, key, modifier)
        qtbot.waitUntil(date_field.calendar.isVisible)
        qtbot.keyClick(date_field.calendar, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not date_field.calendar.isVisible())
    assert dialog.isVisible()


# The other forms ask the same question the same way: (gallery entry, field, keys).
OTHER_FORMS = [
    ("preferences", "staff_name", "x"),
    ("organisation", "name", "x"),
    ("export", "path_field.line_edit", "x"),
    ("calendar-export", "path_field.line_edit", "x"),
    ("handoff-export", "people", " "),  # Space ticks (or unticks) the person
]


def _other_form(qtbot: QtBot, store: Store, name: str) -> QDialog:
    dialog = gallery.entry_named(name).build(store, None)
    assert isinstance(dialog, QDialog)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return dialog


@pytest.mark.parametrize(("name", "field", "keys"), OTHER_FORMS)
def test_escape_on_other_forms_closes_unchanged_and_asks_when_changed(
    qtbot: QtBot, office: Store, name: str, field: str, keys: str
) -> None:
    unchanged = _other_form(qtbot, office, name)
    with qtbot.waitSignal(unchanged.rejected, timeout=2000):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)

    dialog = _other_form(qtbot, office, name)
    widget: QWidget = dialog
    for part in field.split("."):
        widget = getattr(widget, part)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    if keys == " ":
        qtbot.keyClick(widget, Qt.Key.Key_Space)
    else:
        qtbot.keyClicks(widget, keys)
    rejected: list[bool] = []
    dialog.rejected.connect(lambda: rejected.append(True))
    qtbot.keyClick(widget, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox))
    question = QApplication.activeModalWidget()
    assert isinstance(question, QMessageBox)
    assert question.windowTitle() == "Discard your changes?"
    qtbot.keyClick(question, Qt.Key.Key_Return)  # the default keeps editing
    qtbot.waitUntil(lambda: not question.isVisible())
    assert dialog.isVisible() and rejected == []
    qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox))
    again = QApplication.activeModalWidget()
    assert isinstance(again, QMessageBox)
    with qtbot.waitSignal(dialog.rejected, timeout=2000):
        qtbot.keyClick(again.buttons()[0], Qt.Key.Key_Space)  # "Discard changes"
