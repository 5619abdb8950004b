"""File ▸ Organisation settings: saving, messages next to fields, local notes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from companion.domain.organisation import Organisation
from companion.errors import ValidationError
from companion.i18n.catalog import translator
from companion.messages import describe_validation
from companion.store.store import Store
from companion.ui.guidance.guidance_feature import GuidanceFeature
from companion.ui.settings.organisation_dialog import OrganisationDialog
from companion.ui.shell.main_window import MainWindow
from tests.integration.ui_shell_support import isolated_interface  # noqa: F401


def _dialog(qtbot, store: Store) -> OrganisationDialog:
    dialog = OrganisationDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _save(qtbot, dialog: OrganisationDialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def test_settings_typed_in_are_saved(qtbot, store: Store) -> None:
    dialog = _dialog(qtbot, store)
    qtbot.keyClicks(dialog.name, "Test Office (fictional)")
    dialog.address.setPlainText("1 Test Street, Testville")
    advocate = dialog.advocates.add_row()
    qtbot.keyClicks(advocate.name, "Pat Test-Advocate")
    qtbot.keyClicks(advocate.phone, "212 555 0199")
    hotline = dialog.hotlines.add_row()
    qtbot.keyClicks(hotline.name, "Test line (fictional)")
    qtbot.keyClicks(hotline.phone, "(312) 555-0142")
    assert hotline.note is not None
    qtbot.keyClicks(hotline.note, "Evenings")
    dialog.arrive_minutes.setValue(30)
    dialog.paper.setCurrentIndex(dialog.paper.findData("a4"))

    notes = dialog.notes
    notes.select_topic("getting-there")
    notes.english.setPlainText("Use the east entrance.")
    notes.select_language("es")
    notes.translation.setPlainText("Use la entrada este.")
    assert "Español" in notes.translated_into.text()
    notes.select_language("ar")
    assert notes.translation.toPlainText() == ""
    assert notes.language.itemText(notes.language.findData("es")).startswith("✓")

    with qtbot.waitSignal(dialog.accepted):
        _save(qtbot, dialog)
    saved = store.organisation.get()
    assert saved.name == "Test Office (fictional)"
    assert saved.address == "1 Test Street, Testville"
    assert [(a.name, a.phone) for a in saved.advocates] == [("Pat Test-Advocate", "+12125550199")]
    assert [(h.name, h.phone, h.note) for h in saved.hotlines] == [
        ("Test line (fictional)", "+13125550142", "Evenings")
    ]
    assert saved.arrive_minutes_before == 30
    assert saved.paper == "a4"
    note = saved.note_for("getting-there")
    assert note is not None
    assert note.texts == {"en": "Use the east entrance.", "es": "Use la entrada este."}
    assert note.in_language("ar") == ("Use the east entrance.", False)


def test_bad_phone_is_shown_next_to_it_and_nothing_is_saved(qtbot, store: Store) -> None:
    dialog = _dialog(qtbot, store)
    qtbot.keyClicks(dialog.name, "Test Office (fictional)")
    first = dialog.advocates.add_row()
    qtbot.keyClicks(first.name, "Pat Test-Advocate")
    qtbot.keyClicks(first.phone, "212 555 0199")
    second = dialog.advocates.add_row()
    qtbot.keyClicks(second.name, "Sam Test-Advocate")
    qtbot.keyClicks(second.phone, "12")
    dialog.tabs.setCurrentIndex(0)

    _save(qtbot, dialog)
    expected = describe_validation(
        ValidationError("advocates[1].phone", "invalid_phone", "12"), translator("en")
    )
    assert dialog.error_text("advocates[1].phone") == expected
    assert second.error.isVisible()
    assert not first.error.isVisible()
    assert dialog.tabs.currentWidget() is dialog.advocates  # the message is on screen
    assert dialog.focusWidget() is second.phone
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert store.organisation.get() == Organisation()

    second.phone.setText("312 555 0142")
    with qtbot.waitSignal(dialog.accepted):
        _save(qtbot, dialog)
    assert [a.phone for a in store.organisation.get().advocates] == [
        "+12125550199",
        "+13125550142",
    ]


def test_missing_hotline_name_and_removed_rows(qtbot, store: Store) -> None:
    dialog = _dialog(qtbot, store)
    doomed = dialog.hotlines.add_row()
    qtbot.keyClicks(doomed.name, "Removed line")
    hotline = dialog.hotlines.add_row()
    qtbot.keyClicks(hotline.phone, "212 555 0100")
    qtbot.mouseClick(doomed.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.hotlines.rows == [hotline]
    assert hotline.title() == "Hotline 1"
    _save(qtbot, dialog)
    assert dialog.error_text("hotlines[0].name") == describe_validation(
        ValidationError("hotlines[0].name", "required"), translator("en")
    )
    assert dialog.tabs.currentWidget() is dialog.hotlines
    assert store.organisation.get() == Organisation()


def test_existing_settings_are_shown(qtbot, demo_store: Store) -> None:
    organisation = demo_store.organisation.get()
    dialog = _dialog(qtbot, demo_store)
    assert dialog.name.text() == organisation.name
    assert [row.name.text() for row in dialog.advocates.rows] == [
        advocate.name for advocate in organisation.advocates
    ]
    assert dialog.advocates.rows[0].phone.text() == "+1 212-555-0160"
    assert dialog.arrive_minutes.value() == organisation.arrive_minutes_before
    dialog.notes.select_topic("getting-there")
    note = organisation.note_for("getting-there")
    assert note is not None
    assert dialog.notes.english.toPlainText() == note.texts["en"]
    assert "(has a note)" in dialog.notes.topic.currentText()
    # Saving unchanged settings keeps them as they were.
    with qtbot.waitSignal(dialog.accepted):
        _save(qtbot, dialog)
    assert demo_store.organisation.get() == organisation


def test_opened_from_the_file_menu_and_the_reader_follows(qtbot, store: Store) -> None:
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    feature = next(f for f in window.features if isinstance(f, GuidanceFeature))
    file_actions = window.actions_.file_menu.actions()
    assert feature.organisation_settings in file_actions
    dialog = feature.open_organisation_settings()
    assert isinstance(dialog, OrganisationDialog)
    qtbot.keyClicks(dialog.name, "Reader Test Office (fictional)")
    feature.view.select_topic("after-the-hearing")
    with qtbot.waitSignal(dialog.accepted):
        _save(qtbot, dialog)
    assert "Reader Test Office (fictional)" in feature.view.reading_pane.toPlainText()
