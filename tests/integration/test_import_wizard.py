"""The import wizard with the keyboard only: a corpus file imported page by page with
Tab, typing and Enter; a broken file refused on the first page; rows in error holding
the import back; the ambiguous-date question; Escape on every page; Undo import."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWidget, QWizard
from pytestqt.qtbot import QtBot

from companion.domain.models import Courthouse
from companion.store.store import Store
from companion.ui.exchange.import_state import COLUMNS, DATE_ORDER, DONE, FILE, FORMAT, PREVIEW
from companion.ui.exchange.import_wizard import ImportWizard
from tests.integration.helpers.keyboard import focused as focus
from tests.integration.helpers.keyboard import plain, press, show_focused

CORPUS = Path(__file__).parents[1] / "data" / "import"
RECORD_TABLES = ("people", "contact_methods", "cases", "case_people", "hearings", "attendance")


@pytest.fixture
def one_court(store: Store) -> Store:
    store.courthouses.add(Courthouse("Fictional Hall", "1 Sample Road", "America/New_York"))
    return store


def contents(store: Store) -> dict[str, list[object]]:
    return {
        table: store.db.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
        for table in RECORD_TABLES
    }


def open_wizard(qtbot: QtBot, store: Store) -> ImportWizard:
    return show_focused(qtbot, ImportWizard(store))


def type_path(qtbot: QtBot, wizard: ImportWizard, path: Path) -> None:
    assert wizard.currentId() == FILE
    qtbot.waitUntil(lambda: focus() is wizard.file_page.path_field.line_edit)
    qtbot.keyClicks(focus(), str(path))


def enter_until(qtbot: QtBot, wizard: ImportWizard, page: int) -> None:
    """Enter, as often as it takes to reach ``page`` (each Enter is the Next button)."""
    for _ in range(6):
        if wizard.currentId() == page:
            return
        before = wizard.currentId()
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda before=before: wizard.currentId() != before)
    assert wizard.currentId() == page


def wait_for_plan(qtbot: QtBot, wizard: ImportWizard) -> None:
    qtbot.waitUntil(lambda: wizard.state.plan is not None, timeout=20_000)


def test_a_corpus_file_imports_with_the_keyboard_and_undoes(qtbot: QtBot, one_court: Store) -> None:
    before = contents(one_court)
    wizard = open_wizard(qtbot, one_court)
    type_path(qtbot, wizard, CORPUS / "utf8_comma.csv")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.currentId() == FORMAT)
    # The file as read: comma separated UTF-8, two rows of data.
    assert wizard.format_page.delimiter.text() == "Comma"
    assert wizard.format_page.encoding.text() == "Unicode (UTF-8)"
    assert wizard.format_page.rows.text() == "2"
    assert plain(wizard.format_page.table.item(0, 0).text()) == "Ana"
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.currentId() == COLUMNS)
    chooser = wizard.columns_page.choosers["Case Number"]
    assert chooser.currentData() == "docket_number"
    assert wizard.columns_page.choosers["Cell"].currentData() == "phone"
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.currentId() == PREVIEW)
    wait_for_plan(qtbot, wizard)
    assert contents(one_court) == before  # the dry run wrote nothing
    page = wizard.preview_page
    assert page.counts.text().startswith("New people: 2. Updated people: 0. New cases: 2.")
    assert page.hearing_table.rowCount() == 2
    assert page.hearing_table.item(0, 1).text() == "CR-1"
    assert page.hearing_table.item(0, 3).text() == "Ana Fictional"
    assert page.hearing_table.item(0, 4).text() == "New case and hearing"
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    assert commit.isEnabled() and commit.text() == "&Import"
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.currentId() == DONE)
    qtbot.waitUntil(lambda: wizard.state.batch_id is not None, timeout=20_000)
    after = contents(one_court)
    assert len(after["people"]) == 2 and len(after["hearings"]) == 2
    reason = one_court.db.execute("SELECT count(*) FROM audit_log").fetchone()
    assert reason is not None
    assert "Imported." in wizard.done_page.summary.text()
    # Undo import: the button, then the question's confirming button, with keys.
    undo = wizard.done_page.undo_button
    undo.setFocus()
    qtbot.keyClick(undo, Qt.Key.Key_Space)
    box = wizard.done_page.undo_box
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    box.confirm_button.setFocus()
    qtbot.keyClick(box.confirm_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: "undone" in wizard.done_page.summary.text())
    assert contents(one_court) == before
    press(qtbot, Qt.Key.Key_Return)  # Close
    qtbot.waitUntil(lambda: not wizard.isVisible())


def test_a_broken_file_is_refused_on_the_first_page(qtbot: QtBot, one_court: Store) -> None:
    wizard = open_wizard(qtbot, one_court)
    type_path(qtbot, wizard, CORPUS / "duplicate_headers.csv")
    press(qtbot, Qt.Key.Key_Return)
    message = wizard.file_page.message
    qtbot.waitUntil(message.isVisible)
    assert wizard.currentId() == FILE
    assert message.text() == "Two columns have the same header “Phone”. Rename one."
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not wizard.isVisible())


def test_rows_in_error_hold_the_import_back_until_skipped(qtbot: QtBot, one_court: Store) -> None:
    before = contents(one_court)
    wizard = open_wizard(qtbot, one_court)
    type_path(qtbot, wizard, CORPUS / "bad_rows.csv")
    enter_until(qtbot, wizard, PREVIEW)
    wait_for_plan(qtbot, wizard)
    page = wizard.preview_page
    plan = wizard.state.plan
    assert plan is not None and plan.errors
    first = plan.errors[0]
    assert page.errors.rowCount() == len(plan.errors)
    assert page.errors.item(0, 0).text() == str(first.row)
    assert plain(page.errors.item(0, 1).text()) == first.column
    assert page.errors.item(0, 3).text()  # why, in words
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    assert not commit.isEnabled()
    press(qtbot, Qt.Key.Key_Return)  # refused: nothing happens, nothing is written
    assert wizard.currentId() == PREVIEW
    assert contents(one_court) == before
    page.skip_bad_rows.setFocus()
    qtbot.keyClick(page.skip_bad_rows, Qt.Key.Key_Space)
    assert commit.isEnabled()
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not wizard.isVisible())
    assert contents(one_court) == before


def test_ambiguous_dates_are_asked_once(qtbot: QtBot, one_court: Store) -> None:
    wizard = open_wizard(qtbot, one_court)
    type_path(qtbot, wizard, CORPUS / "ambiguous_dates.csv")
    enter_until(qtbot, wizard, DATE_ORDER)
    page = wizard.date_order_page
    assert "“Court Date”" in page.question.text()
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled()  # an answer is needed, none is made for staff
    qtbot.waitUntil(lambda: focus() is page.choices["mdy"])
    assert not any(button.isChecked() for button in page.choices.values())
    # Alt+D: day first; 03/04/2027 is then the 3rd of April.
    qtbot.keyClick(focus(), Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(page.choices["dmy"].isChecked)  # a mnemonic clicks after a moment
    assert "April 3, 2027" in page.meanings["dmy"].text()
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.currentId() == PREVIEW)
    wait_for_plan(qtbot, wizard)
    plan = wizard.state.plan
    assert plan is not None and not plan.errors
    assert plan.hearings[0].starts_at.month == 4
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not wizard.isVisible())


@pytest.mark.parametrize("page", [FILE, FORMAT, COLUMNS, PREVIEW])
def test_escape_closes_every_page_writing_nothing(
    qtbot: QtBot, one_court: Store, page: int
) -> None:
    before = contents(one_court)
    wizard = open_wizard(qtbot, one_court)
    if page != FILE:
        type_path(qtbot, wizard, CORPUS / "utf8_comma.csv")
        enter_until(qtbot, wizard, page)
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not wizard.isVisible())
    assert contents(one_court) == before


def test_tab_walks_the_columns_page_and_a_chosen_field_is_kept(
    qtbot: QtBot, one_court: Store
) -> None:
    wizard = open_wizard(qtbot, one_court)
    type_path(qtbot, wizard, CORPUS / "unknown_columns.csv")
    enter_until(qtbot, wizard, COLUMNS)
    page = wizard.columns_page
    visited: list[QWidget] = []
    for _ in range(40):
        press(qtbot, Qt.Key.Key_Tab)
        visited.append(focus())
        if focus() is wizard.button(QWizard.WizardButton.NextButton):
            break
    for chooser in page.choosers.values():
        assert chooser in visited
    assert page.save_name in visited and page.to_notes in visited
    # A left-out column set to notes with the keyboard: Down on its chooser.
    left_out = [h for h, c in page.choosers.items() if c.currentData() == ""]
    assert left_out
    chooser: QComboBox = page.choosers[left_out[0]]
    chooser.setFocus()
    for _ in range(chooser.findData("notes")):
        qtbot.keyClick(chooser, Qt.Key.Key_Down)
    assert chooser.currentData() == "notes"
    page.save_name.setFocus()
    qtbot.keyClicks(page.save_name, "Weekly export")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.currentId() == PREVIEW)
    saved = one_court.db.execute(
        "SELECT columns FROM import_mappings WHERE name = 'Weekly export'"
    ).fetchone()
    assert saved is not None and f'"{left_out[0]}": "notes"' in saved[0]
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not wizard.isVisible())
    # Next week: the saved mapping chosen with the keyboard.
    again = open_wizard(qtbot, one_court)
    type_path(qtbot, again, CORPUS / "unknown_columns.csv")
    enter_until(qtbot, again, COLUMNS)
    assert again.columns_page.choosers[left_out[0]].currentData() == ""
    again.columns_page.saved.setFocus()
    qtbot.keyClick(again.columns_page.saved, Qt.Key.Key_Down)
    assert again.columns_page.saved.currentText() == "Weekly export"
    assert again.columns_page.choosers[left_out[0]].currentData() == "notes"
    press(qtbot, Qt.Key.Key_Escape)


@pytest.mark.parametrize(
    ("keys", "order", "month"), [([], "mdy", 3), ([Qt.Key.Key_Down], "dmy", 4)]
)
def test_enter_takes_the_date_order_with_the_focus_and_goes_on(
    qtbot: QtBot, one_court: Store, keys: list[Qt.Key], order: str, month: int
) -> None:
    wizard = open_wizard(qtbot, one_court)
    type_path(qtbot, wizard, CORPUS / "ambiguous_dates.csv")
    enter_until(qtbot, wizard, DATE_ORDER)
    page = wizard.date_order_page
    qtbot.waitUntil(lambda: focus() is page.choices["mdy"])
    for key in keys:
        press(qtbot, key)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.currentId() == PREVIEW)
    assert wizard.state.date_order == order
    wait_for_plan(qtbot, wizard)
    plan = wizard.state.plan
    assert plan is not None and not plan.errors
    assert plan.hearings[0].starts_at.month == month
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not wizard.isVisible())


def test_a_date_order_saved_with_the_mapping_is_not_asked_again(
    qtbot: QtBot, one_court: Store
) -> None:
    wizard = open_wizard(qtbot, one_court)
    type_path(qtbot, wizard, CORPUS / "ambiguous_dates.csv")
    enter_until(qtbot, wizard, COLUMNS)
    page = wizard.columns_page
    save_name = page.save_name
    save_name.setFocus()
    qtbot.waitUntil(lambda: focus() is save_name)
    qtbot.keyClicks(save_name, "Weekly")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.currentId() == DATE_ORDER)
    qtbot.waitUntil(lambda: focus() is wizard.date_order_page.choices["mdy"])
    press(qtbot, Qt.Key.Key_Down)  # day first
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.currentId() == PREVIEW)
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not wizard.isVisible())

    again = open_wizard(qtbot, one_court)
    type_path(qtbot, again, CORPUS / "ambiguous_dates.csv")
    enter_until(qtbot, again, COLUMNS)
    again.columns_page.saved.setFocus()
    qtbot.waitUntil(lambda: focus() is again.columns_page.saved)
    press(qtbot, Qt.Key.Key_Down)  # the saved "Weekly"
    assert again.columns_page.saved.currentText() == "Weekly"
    again.columns_page.save_name.setFocus()
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: again.currentId() == PREVIEW)  # not asked again
    assert again.state.date_order == "dmy"
    wait_for_plan(qtbot, again)
    plan = again.state.plan
    assert plan is not None and plan.hearings[0].starts_at.month == 4
    press(qtbot, Qt.Key.Key_Escape)


def test_the_dry_run_says_which_hearings_are_in_the_past(
    qtbot: QtBot, one_court: Store, tmp_path: Path
) -> None:
    past = tmp_path / "past.csv"
    past.write_text(
        "First Name,Last Name,Case Number,Court Date,Time\n"
        "Ana,Fictional,CR-8,2020-02-03,9:00 AM\nBo,Sample,CR-9,2099-02-03,9:00 AM\n",
        "utf-8",
    )
    wizard = open_wizard(qtbot, one_court)
    type_path(qtbot, wizard, past)
    enter_until(qtbot, wizard, PREVIEW)
    wait_for_plan(qtbot, wizard)
    table = wizard.preview_page.hearing_table
    said = {
        table.item(row, 1).text(): table.item(row, table.columnCount() - 1).text()
        for row in range(table.rowCount())
    }
    assert said["CR-8"] == "New case and hearing. This hearing's date is in the past."
    assert said["CR-9"] == "New case and hearing"
    press(qtbot, Qt.Key.Key_Escape)


@pytest.mark.parametrize("page", [FILE, FORMAT, COLUMNS, DATE_ORDER, PREVIEW])
def test_tab_reaches_the_next_button_on_every_page(
    qtbot: QtBot, one_court: Store, page: int
) -> None:
    wizard = open_wizard(qtbot, one_court)
    name = "ambiguous_dates.csv" if page == DATE_ORDER else "utf8_comma.csv"
    type_path(qtbot, wizard, CORPUS / name)
    enter_until(qtbot, wizard, page)
    if page == DATE_ORDER:
        qtbot.keyClick(focus(), Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(wizard.date_order_page.choices["mdy"].isChecked)
    if page == PREVIEW:
        wait_for_plan(qtbot, wizard)
    kind = QWizard.WizardButton.CommitButton if page == PREVIEW else QWizard.WizardButton.NextButton
    target = wizard.button(kind)
    visited: list[QWidget] = []
    for _ in range(60):
        press(qtbot, Qt.Key.Key_Tab)
        visited.append(focus())
        if focus() is target:
            break
    assert focus() is target, [type(widget).__name__ for widget in visited]
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not wizard.isVisible())


def import_file(qtbot: QtBot, store: Store, path: Path) -> ImportWizard:
    """The whole wizard with Enter only; returns it on its last page, imported."""
    wizard = open_wizard(qtbot, store)
    type_path(qtbot, wizard, path)
    enter_until(qtbot, wizard, PREVIEW)
    wait_for_plan(qtbot, wizard)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.state.batch_id is not None, timeout=20_000)
    return wizard


def test_a_moved_date_shows_as_a_continuance_and_is_imported_as_one(
    qtbot: QtBot, one_court: Store, tmp_path: Path
) -> None:
    first = import_file(qtbot, one_court, CORPUS / "utf8_comma.csv")
    first.close()
    moved = tmp_path / "next-week.csv"
    moved.write_text(
        (CORPUS / "utf8_comma.csv").read_text("utf-8").replace("01/15/2027", "01/29/2027"),
        "utf-8",
    )
    wizard = open_wizard(qtbot, one_court)
    type_path(qtbot, wizard, moved)
    enter_until(qtbot, wizard, PREVIEW)
    wait_for_plan(qtbot, wizard)
    table = wizard.preview_page.hearing_table
    happens = {table.item(row, 1).text(): table.item(row, 4).text() for row in range(2)}
    assert happens["CR-1"] == "Moved from Jan 15, 2027, 9:30\u202fAM (continued)"
    assert happens["CR-2"] == "Already here: unchanged"
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.state.batch_id is not None, timeout=20_000)
    summary = wizard.done_page.summary.text()
    assert "1 hearing moved: the people in it are due a call." in summary
    statuses = [row[0] for row in one_court.db.execute("SELECT status FROM hearings ORDER BY id")]
    assert statuses == ["continued", "scheduled", "scheduled"]


def test_a_doubtful_match_confirmed_with_space_updates_the_person(
    qtbot: QtBot, one_court: Store, tmp_path: Path
) -> None:
    import_file(qtbot, one_court, CORPUS / "utf8_comma.csv").close()
    names_only = tmp_path / "names-only.csv"
    names_only.write_text(
        "First Name,Last Name,Case Number,Court Date,Time\nAna,Fictional,CR-9,2027-02-01,9:00 AM\n",
        "utf-8",
    )
    wizard = open_wizard(qtbot, one_court)
    type_path(qtbot, wizard, names_only)
    enter_until(qtbot, wizard, PREVIEW)
    wait_for_plan(qtbot, wizard)
    page = wizard.preview_page
    assert page.doubtful.isVisible() and page.doubtful.count() == 1
    assert page.doubtful.item(0).text().startswith("Row 2 is the same person as Ana Fictional")
    plan = wizard.state.plan
    assert plan is not None and (plan.new_people, plan.updated_people) == (1, 0)
    page.doubtful.setFocus()
    page.doubtful.setCurrentRow(0)
    qtbot.keyClick(page.doubtful, Qt.Key.Key_Space)
    qtbot.waitUntil(
        lambda: wizard.state.plan is not None and wizard.state.plan.new_people == 0,
        timeout=20_000,
    )
    # The row is now the stored Ana; the file changes nothing of her record (no phone,
    # no birth date), so she is not counted as updated: only her new hearing is added.
    assert wizard.state.plan is not None
    assert [p.person_id for p in wizard.state.plan.people.values()] != [None]
    assert wizard.state.plan.updated_people == 0
    press(qtbot, Qt.Key.Key_Escape)


def test_a_workbook_opens_on_its_first_sheet_with_rows_and_offers_the_others(
    qtbot: QtBot, one_court: Store
) -> None:
    wizard = open_wizard(qtbot, one_court)
    type_path(qtbot, wizard, CORPUS / "workbook_two_sheets.xlsx")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.currentId() == FORMAT)
    page = wizard.format_page
    assert page.sheet.currentText() == "Hearings"
    assert [page.sheet.itemText(i) for i in range(page.sheet.count())] == ["Notes", "Hearings"]
    assert page.encoding.text() == "Excel workbook" and page.rows.text() == "2"
    # The cover note chosen with the keyboard: refused, and Next with it.
    page.sheet.setFocus()
    qtbot.keyClick(page.sheet, Qt.Key.Key_Up)
    qtbot.waitUntil(page.message.isVisible)
    assert page.message.text() == "The file has a header row but no rows of data."
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    qtbot.keyClick(page.sheet, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: not page.message.isVisible())
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    press(qtbot, Qt.Key.Key_Escape)
