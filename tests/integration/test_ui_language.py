"""Live language switching: every open window and dialog changes language at once, the
layout mirrors for Arabic, dates follow the language, and the choice is remembered."""

from __future__ import annotations

import datetime as dt

import pytest
from babel import dates as babel_dates
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QDialog

import companion
from companion.i18n.catalog import translator
from companion.i18n.formatting import format_number
from companion.i18n.languages import get_language
from companion.i18n.review import DRAFT_NOTE, review_status
from companion.store.store import Store
from companion.ui import preferences
from companion.ui.records.agenda_model import AgendaColumn, DayHeading
from companion.ui.records.trash_dialog import TrashDialog
from companion.ui.session.setup_dialog import SetupDialog
from companion.ui.session.unlock_dialog import UnlockDialog
from companion.ui.shell.about_dialog import AboutDialog
from companion.ui.shell.language import available_languages, startup_language, switch_language
from companion.ui.shell.main_window import MainWindow
from tests.integration.ui_shell_support import add_hearing, isolated_interface  # noqa: F401
from tests.kreyol_calendar import KREYOL_MONTHS, KREYOL_WEEKDAYS

DEMO_TITLE = "Court Companion — {mark}: fictional demo office"


def _first_heading(window: MainWindow) -> tuple[dt.date, str]:
    model = window.agenda.model
    row = model.heading_rows()[0]
    heading = model.row_item(row)
    assert isinstance(heading, DayHeading)
    return heading.day, str(model.data(model.index(row, 0)))


def _date_words(day: dt.date, tag: str) -> list[str]:
    """Words a heading for ``day`` must hold in ``tag``'s language, straight from CLDR."""
    locale = get_language(tag).babel_locale
    if tag.startswith("zh"):
        return [f"{day.month}月{day.day}日"]
    weekday = babel_dates.get_day_names("wide", locale=locale)[day.weekday()]
    month = babel_dates.get_month_names("wide", context="format", locale=locale)[day.month]
    return [weekday, month]


def _check_window_in(window: MainWindow, dialog: QDialog, english_dialog_title: str, tag: str):
    t = translator(tag)
    assert window.tabs.tabText(0) == t.gettext("Agenda")
    assert window.tabs.tabText(1) == t.gettext("People")
    assert window.actions_.file_menu.title() == t.gettext("&File")
    assert window.actions_.new_person.text() == t.gettext("New &person…")
    header = window.agenda.model.headerData(AgendaColumn.TIME, Qt.Orientation.Horizontal)
    assert header == t.gettext("Time")
    assert window.agenda.days_label.text() == t.gettext("&Period:")
    assert window.agenda.days_combo.currentText() == t.ngettext(
        "Next {count} day", "Next {count} days", 14
    ).format(count=format_number(14, tag))
    assert window.windowTitle() == t.gettext(DEMO_TITLE).format(mark="DEMO")
    assert "DEMO" in window.windowTitle()
    assert window.people.search_label.text() == t.gettext("&Find:")
    assert dialog.windowTitle() == t.gettext(english_dialog_title)

    day, heading = _first_heading(window)
    for word in _date_words(day, tag):
        assert word in heading, (tag, word, heading)

    menu = window.actions_.language_menu
    assert menu.language_actions[tag].isChecked()
    spanish = menu.language_actions["es"].text()
    assert "Español" in spanish.split("\t")[0]  # its own name, beside the interface's
    if review_status("es").is_draft:
        assert spanish.endswith(t.gettext(DRAFT_NOTE))
    assert menu.language_actions["en"].text().endswith("English")


def test_switching_languages_with_the_agenda_and_a_person_editor_open(
    qtbot, demo_store: Store
) -> None:
    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    window.show()
    window.agenda.set_days(14)
    dialog = window.new_person()
    assert dialog is not None and dialog.isVisible()
    english_dialog_title = dialog.windowTitle()
    _english_day, english_heading = _first_heading(window)
    english_texts = (window.tabs.tabText(0), window.windowTitle(), english_heading)

    for tag in ("ar", "zh-Hans", "es"):
        window.actions_.language_menu.language_actions[tag].trigger()
        _check_window_in(window, dialog, english_dialog_title, tag)
        right_to_left = tag == "ar"
        expected = (
            Qt.LayoutDirection.RightToLeft if right_to_left else Qt.LayoutDirection.LeftToRight
        )
        assert QApplication.layoutDirection() == expected
        assert window.isRightToLeft() == right_to_left
        assert dialog.isRightToLeft() == right_to_left
        assert preferences.remembered_language() == tag
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") != "Cancel"
        _day, heading = _first_heading(window)
        assert heading != english_heading, "dates change language even before catalogs do"

    window.actions_.language_menu.language_actions["en"].trigger()
    assert QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert (window.tabs.tabText(0), window.windowTitle(), _first_heading(window)[1]) == (
        english_texts
    )
    assert dialog.windowTitle() == english_dialog_title
    dialog.reject()


def test_haitian_creole_dates_use_kreyol_names(qtbot, store: Store) -> None:
    add_hearing(store, days_ahead=2)
    window = MainWindow(store)
    qtbot.addWidget(window)
    switch_language("ht")
    day, heading = _first_heading(window)
    assert KREYOL_WEEKDAYS[day.weekday()] in heading.lower()
    assert KREYOL_MONTHS[day.month - 1] in heading.lower()


def test_every_shell_dialog_retranslates_and_mirrors(qtbot, store: Store, data_dir) -> None:
    store_folder = store.folder
    trash = TrashDialog(store)
    about = AboutDialog()
    unlock = UnlockDialog(store_folder)
    setup = SetupDialog(data_dir.parent / "elsewhere")
    for dialog in (trash, about, unlock, setup):
        qtbot.addWidget(dialog)
        dialog.show()
    switch_language("ar")
    t = translator("ar")
    assert trash.windowTitle() == t.gettext("Trash")
    assert trash.empty_button.text() == t.gettext("&Empty Trash…")
    assert about.windowTitle() == t.gettext("About Court Companion")
    assert unlock.windowTitle() == t.gettext("Unlock Court Companion")
    assert unlock.unlock_button.text() == t.gettext("&Unlock")
    assert setup.windowTitle() == t.gettext("Set up Court Companion")
    assert setup.heading.text() == t.gettext("Step 1 of 3: choose a passphrase")
    for dialog in (trash, about, unlock, setup):
        assert dialog.isRightToLeft()
    switch_language("en")
    assert not trash.isRightToLeft()
    assert trash.windowTitle() == "Trash"


def test_about_shows_version_translation_status_and_font_licences(qtbot) -> None:
    about = AboutDialog()
    qtbot.addWidget(about)
    assert companion.app_version() in about.version.text()
    assert about.languages.rowCount() == len(available_languages())
    rows = {
        about.languages.item(row, 0).text(): about.languages.item(row, 2).text()
        for row in range(about.languages.rowCount())
    }
    assert rows["English"] == "Source language"
    if review_status("es").is_draft:
        assert rows["Español"] == "Draft translation"
    notice = about.fonts.toPlainText()
    assert "SIL" in notice and "Apache" in notice


def test_startup_language_order(qtbot) -> None:
    preferences.remember_language("es")
    assert startup_language(None).tag == "es"
    assert startup_language("ar").tag == "ar"
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert startup_language("xx-not-a-language").tag == "es"


@pytest.mark.parametrize("tag", ["ko", "vi", "ru"])
def test_other_languages_switch_without_qt_translations_breaking(qtbot, store: Store, tag) -> None:
    add_hearing(store, days_ahead=2)
    window = MainWindow(store)
    qtbot.addWidget(window)
    switch_language(tag)
    day, heading = _first_heading(window)
    for word in _date_words(day, tag):
        assert word in heading
    assert window.tabs.tabText(0) == translator(tag).gettext("Agenda")


def test_f12_opens_the_language_menu_in_arabic(qtbot, store: Store) -> None:
    """Alt+letter for the Language menu is an Arabic letter in Arabic; F12 is the same key
    in every language, and it is listed in the Help menu."""
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    switch_language("ar")
    menu = window.actions_.language_menu
    assert window.actions_.choose_language in window.actions_.help_menu.actions()
    assert not menu.isVisible()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F12)
    qtbot.waitUntil(menu.isVisible)
    english = menu.language_actions["en"]
    assert "English" in english.text()  # its own name is shown in every language
    # The menu has the keyboard: Escape closes it, nothing else changed.
    qtbot.keyClick(menu, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not menu.isVisible())
    switch_language("en")
