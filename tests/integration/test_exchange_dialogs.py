"""The export, calendar and handoff dialogs with the keyboard only: Enter saves (or checks,
then merges), Escape closes, Tab reaches every field; files are 0600; a wrong handoff
code is refused with a message and nothing is written; the main window's File menu
opens each of them."""

from __future__ import annotations

import csv
import re
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from companion.store.store import Store
from companion.ui.exchange.export_dialogs import CalendarExportDialog, ExportDialog
from companion.ui.exchange.handoff_dialogs import (
    HandoffCodeDialog,
    HandoffExportDialog,
    HandoffImportDialog,
)
from tests.conftest import TEST_PASSPHRASE
from tests.integration.helpers.keyboard import focused as focus
from tests.integration.helpers.keyboard import plain, tab_stops
from tests.integration.helpers.keyboard import show_focused as show

CODE_SHAPE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){5}$")


@pytest.fixture
def other_store(tmp_path: Path) -> Iterator[Store]:
    opened, _code = Store.create(tmp_path / "other-laptop", TEST_PASSPHRASE)
    yield opened
    opened.close()


def type_into(qtbot: QtBot, widget: QWidget, text: str) -> None:
    widget.setFocus()
    qtbot.waitUntil(lambda: focus() is widget)
    qtbot.keyClicks(widget, text)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --- export ---------------------------------------------------------------------------------


def test_export_people_as_csv_with_enter(qtbot: QtBot, demo_store: Store, tmp_path: Path) -> None:
    dialog = show(qtbot, ExportDialog(demo_store))
    assert isinstance(dialog, ExportDialog)
    assert "personal data" in dialog.warning.text()
    stops = tab_stops(qtbot, dialog.path_field.line_edit)
    assert dialog.kind in stops and dialog.file_format in stops
    qtbot.keyClicks(focus(), str(tmp_path / "people"))
    qtbot.keyClick(focus(), Qt.Key.Key_Return)
    target = tmp_path / "people.csv"
    qtbot.waitUntil(lambda: target.exists())
    assert mode(target) == 0o600
    rows = list(csv.reader(target.read_text("utf-8-sig").splitlines()))
    people = len(demo_store.people.list())
    assert len(rows) == people + 1
    assert plain(dialog.message.text()) == f"Saved {people} rows to {target}."
    qtbot.keyClick(focus(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_export_hearings_as_xlsx_chosen_with_keys(
    qtbot: QtBot, demo_store: Store, tmp_path: Path
) -> None:
    dialog = show(qtbot, ExportDialog(demo_store))
    assert isinstance(dialog, ExportDialog)
    dialog.kind.setFocus()
    qtbot.keyClick(dialog.kind, Qt.Key.Key_Down)
    assert dialog.kind.currentData() == "hearings"
    assert dialog.first_day.isEnabled()
    dialog.file_format.setFocus()
    qtbot.keyClick(dialog.file_format, Qt.Key.Key_Down)
    type_into(qtbot, dialog.path_field.line_edit, str(tmp_path / "hearings"))
    qtbot.keyClick(focus(), Qt.Key.Key_Return)
    target = tmp_path / "hearings.xlsx"
    qtbot.waitUntil(lambda: target.exists())
    assert target.read_bytes()[:2] == b"PK" and mode(target) == 0o600


def test_export_without_a_file_says_so(qtbot: QtBot, demo_store: Store) -> None:
    dialog = show(qtbot, ExportDialog(demo_store))
    assert isinstance(dialog, ExportDialog)
    qtbot.keyClick(focus(), Qt.Key.Key_Return)
    assert dialog.message.isVisible()
    assert dialog.message.text() == "Choose where to save the file."


def test_calendar_export_initials_unless_names_are_ticked(
    qtbot: QtBot, demo_store: Store, tmp_path: Path
) -> None:
    dialog = show(qtbot, CalendarExportDialog(demo_store))
    assert isinstance(dialog, CalendarExportDialog)
    assert not dialog.warning.isVisible()
    stops = tab_stops(qtbot, dialog.names)
    assert dialog.first_day.line_edit in stops and dialog.last_day.line_edit in stops
    qtbot.keyClick(focus(), Qt.Key.Key_Space)
    assert dialog.names.isChecked() and dialog.warning.isVisible()
    assert "Full names" in dialog.warning.text()
    qtbot.keyClick(focus(), Qt.Key.Key_Space)
    assert not dialog.warning.isVisible()
    type_into(qtbot, dialog.path_field.line_edit, str(tmp_path / "mine"))
    qtbot.keyClick(focus(), Qt.Key.Key_Return)
    target = tmp_path / "mine.ics"
    qtbot.waitUntil(lambda: target.exists())
    assert mode(target) == 0o600
    text = target.read_text("utf-8")
    assert "BEGIN:VEVENT" in text
    someone = demo_store.people.list()[0]
    assert someone.display_name not in text
    qtbot.keyClick(focus(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


# --- handoff --------------------------------------------------------------------------------


def seal_first_person(qtbot: QtBot, store: Store, target: Path) -> tuple[str, str]:
    """Tick the first person with Space, type the file, Enter; the code shown, and the
    person's name."""
    dialog = show(qtbot, HandoffExportDialog(store))
    assert isinstance(dialog, HandoffExportDialog)
    assert "personal data" in dialog.warning.text()
    assert focus() is dialog.filter  # find someone first
    stops = tab_stops(qtbot, dialog.people)
    assert stops == [dialog.people]
    qtbot.keyClick(focus(), Qt.Key.Key_Space)
    chosen = dialog.chosen_people()
    assert len(chosen) == 1
    name = store.people.get(chosen[0]).display_name
    type_into(qtbot, dialog.path_field.line_edit, str(target))
    qtbot.keyClick(focus(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.code_dialog is not None, timeout=20_000)
    code_dialog = dialog.code_dialog
    assert isinstance(code_dialog, HandoffCodeDialog)
    qtbot.addWidget(code_dialog)
    qtbot.waitUntil(code_dialog.isVisible)
    code = code_dialog.code.text()
    assert CODE_SHAPE.match(code), code
    assert code_dialog.code.font().pointSize() >= 20
    code_dialog.activateWindow()
    code_dialog.done_button.setFocus()
    qtbot.keyClick(code_dialog.done_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not code_dialog.isVisible())
    assert code_dialog.code.text() == ""  # forgotten once closed
    return code, name


def test_handoff_round_trip_with_a_wrong_code_refused_first(
    qtbot: QtBot, demo_store: Store, other_store: Store, tmp_path: Path
) -> None:
    target = tmp_path / "for-colleague.cchandoff"
    code, name = seal_first_person(qtbot, demo_store, tmp_path / "for-colleague")
    assert target.exists() and mode(target) == 0o600
    assert code.encode() not in target.read_bytes()

    dialog = show(qtbot, HandoffImportDialog(other_store))
    assert isinstance(dialog, HandoffImportDialog)
    assert focus() is dialog.path_field.line_edit
    # The path, Tab, the code: "Choose…" is no Tab stop, so nothing typed is lost.
    qtbot.keyClicks(focus(), str(target))
    qtbot.keyClick(focus(), Qt.Key.Key_Tab)
    assert focus() is dialog.code
    wrong = "0000-0000-0000-0000-0000-0000" if not code.startswith("0000") else "1" * 24
    qtbot.keyClicks(focus(), wrong)
    assert dialog.path_field.line_edit.text() == str(target)
    assert dialog.code.text() == wrong
    qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.message.isVisible)
    assert dialog.message.text() == (
        "That code does not open this handoff file. Nothing was changed."
    )
    assert not dialog.merge_button.isEnabled()
    assert other_store.people.list() == []

    qtbot.keyClick(dialog.code, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.code, code.lower().replace("-", " "))  # typed loosely
    qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=20_000)
    assert other_store.people.list() == []  # the preview wrote nothing
    assert dialog.summary.text().startswith("New: 1 people,")
    assert plain(dialog.new_people.text()) == f"People to be added: {name}"
    qtbot.waitUntil(lambda: focus() is dialog.merge_button)
    qtbot.keyClick(focus(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.finished_merge)
    assert [person.display_name for person in other_store.people.list()] == [name]
    assert dialog.message.text() == "Merged in one step and recorded in the audit trail."
    qtbot.keyClick(focus(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_a_record_changed_on_both_laptops_is_listed_as_a_conflict(
    qtbot: QtBot, demo_store: Store, other_store: Store, tmp_path: Path
) -> None:
    from companion.exchange.handoff import export_handoff, import_handoff, read_handoff

    person = demo_store.people.list()[0]
    first = export_handoff(demo_store, [person.id], tmp_path / "one.cchandoff")
    import_handoff(other_store, read_handoff(first.path, first.code))
    changed = other_store.people.get(other_store.people.list()[0].id)
    changed.given_name = changed.given_name + " Changed"
    other_store.people.update(changed)
    # Changed on the sending laptop too: a change on one side only is no conflict (it is
    # taken, or kept).
    sent = demo_store.people.get(person.id)
    sent.given_name = sent.given_name + " Sent"
    demo_store.people.update(sent)
    again = export_handoff(demo_store, [person.id], tmp_path / "two.cchandoff")

    dialog = show(qtbot, HandoffImportDialog(other_store))
    assert isinstance(dialog, HandoffImportDialog)
    type_into(qtbot, dialog.path_field.line_edit, str(again.path))
    type_into(qtbot, dialog.code, again.code)
    qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=20_000)
    assert dialog.conflicts.isVisible()
    rows = {
        (dialog.conflicts.item(row, 0).text(), dialog.conflicts.item(row, 1).text())
        for row in range(dialog.conflicts.rowCount())
    }
    assert ("People", changed.display_name) in rows
    differs = [dialog.conflicts.item(row, 2).text() for row in range(dialog.conflicts.rowCount())]
    assert any("Given name" in text for text in differs)


def test_find_then_tab_and_space_never_ticks_a_hidden_person(
    qtbot: QtBot, demo_store: Store, tmp_path: Path
) -> None:
    people = demo_store.people.list()
    wanted = people[-1]
    dialog = show(qtbot, HandoffExportDialog(demo_store))
    assert isinstance(dialog, HandoffExportDialog)
    assert dialog.ticked.text() == "No one is ticked yet."
    qtbot.keyClicks(dialog.filter, wanted.display_name)
    qtbot.keyClick(focus(), Qt.Key.Key_Tab)
    assert focus() is dialog.people
    current = dialog.people.currentItem()
    assert current is not None and not current.isHidden()
    qtbot.keyClick(focus(), Qt.Key.Key_Space)
    assert dialog.chosen_people() == [wanted.id]
    assert plain(dialog.ticked.text()) == f"Ticked (1): {wanted.display_name}"
    # A name that matches no one: no current row, and Space ticks nobody.
    type_into(qtbot, dialog.filter, "zzz-nobody")
    assert dialog.people.currentItem() is None
    dialog.people.setFocus()
    qtbot.keyClick(dialog.people, Qt.Key.Key_Space)
    assert dialog.chosen_people() == [wanted.id]
    type_into(qtbot, dialog.path_field.line_edit, str(tmp_path / "one"))
    qtbot.keyClick(focus(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.code_dialog is not None, timeout=20_000)
    code_dialog = dialog.code_dialog
    assert isinstance(code_dialog, HandoffCodeDialog)
    qtbot.addWidget(code_dialog)
    assert wanted.display_name in plain(code_dialog.sealed_names.text())
    assert people[0].display_name not in plain(code_dialog.sealed_names.text())


def test_the_person_ticked_on_opening_is_said_so(qtbot: QtBot, demo_store: Store) -> None:
    person = demo_store.people.list()[1]
    dialog = show(qtbot, HandoffExportDialog(demo_store, person_id=person.id))
    assert isinstance(dialog, HandoffExportDialog)
    assert dialog.ticked.isVisible()
    assert plain(dialog.ticked.text()) == f"Ticked (1): {person.display_name}"


@pytest.mark.parametrize("kind", ["export", "calendar", "handoff-out", "handoff-in"])
def test_escape_closes_each_dialog(qtbot: QtBot, demo_store: Store, kind: str) -> None:
    dialog = {
        "export": ExportDialog,
        "calendar": CalendarExportDialog,
        "handoff-out": HandoffExportDialog,
        "handoff-in": HandoffImportDialog,
    }[kind](demo_store)
    show(qtbot, dialog)
    qtbot.keyClick(focus(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_file_menu_opens_each_exchange_screen(qtbot: QtBot, demo_store: Store) -> None:
    from companion.ui.exchange.exchange_feature import Exchange
    from companion.ui.exchange.import_wizard import ImportWizard
    from companion.ui.shell.main_window import MainWindow

    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    window.show()
    feature = next(f for f in window.features if isinstance(f, Exchange))
    texts = [action.text() for action in window.actions_.file_menu.actions()]
    assert "&Import from a spreadsheet…" in texts and "Recei&ve a handoff…" in texts
    opened = {
        feature.import_action: ImportWizard,
        feature.export_action: ExportDialog,
        feature.calendar_action: CalendarExportDialog,
        feature.handoff_out_action: HandoffExportDialog,
        feature.handoff_in_action: HandoffImportDialog,
    }
    for action, kind in opened.items():
        action.trigger()
        dialog = next(d for d in window.findChildren(kind) if d.isVisible())
        dialog.reject()
        qtbot.waitUntil(lambda dialog=dialog: not dialog.isVisible())
    feature.undo_import_action.trigger()
    assert feature.box is not None
    assert feature.box.text() == "There is no import to undo."
    feature.box.close()


def test_the_file_chooser_opens_from_the_path_field_with_f4_and_alt_down(
    qtbot: QtBot, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []

    def chooser(*_args: object) -> tuple[str, str]:
        opened.append("open")
        return "", ""

    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getOpenFileName", chooser)
    dialog = show(qtbot, HandoffImportDialog(demo_store))
    assert isinstance(dialog, HandoffImportDialog)
    assert focus() is dialog.path_field.line_edit
    qtbot.keyClick(focus(), Qt.Key.Key_F4)
    qtbot.keyClick(focus(), Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert opened == ["open", "open"]
    assert "Alt+Down or F4" in dialog.path_field.choose_button.toolTip()
    assert "Alt+Down or F4" in dialog.path_field.line_edit.accessibleDescription()
