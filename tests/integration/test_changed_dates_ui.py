"""The packet dialog on a moved or cancelled hearing, the short-packet option, and the
courthouse dialog's notes per language: driven with keys, like a user."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from companion.domain.models import Courthouse, CourthouseNoteKind, HearingStatus
from companion.i18n import translator
from companion.store.store import Store
from companion.ui.packets.packet_dialog import PacketDialog
from companion.ui.records.dialogs.courthouse_dialog import CourthouseDialog
from tests.integration.packet_ui_support import hearing_of, pdf_page_count, pdf_text, phrase
from tests.integration.ui_shell_support import isolated_interface  # noqa: F401

RENDER_TIMEOUT_MS = 20000


def _dialog(qtbot: QtBot, store: Store, hearing_id: int) -> PacketDialog:
    dialog = PacketDialog(store, hearing_id)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.preview_ready, timeout=RENDER_TIMEOUT_MS):
        dialog.show()
    return dialog


def _with_status(store: Store, status: HearingStatus) -> int:
    row = store.db.execute(
        "SELECT id FROM hearings WHERE status = ? AND deleted_at IS NULL ORDER BY id LIMIT 1",
        [status.value],
    ).fetchone()
    assert row is not None
    return int(row[0])


def test_a_moved_hearing_shows_a_banner_and_prints_the_new_date(
    qtbot: QtBot, demo_store: Store
) -> None:
    old_id = _with_status(demo_store, HearingStatus.CONTINUED)
    new = demo_store.hearings.current(old_id)
    dialog = _dialog(qtbot, demo_store, old_id)
    assert dialog.hearing_id == new.id
    assert dialog.change_banner.isVisibleTo(dialog)
    assert dialog.change_banner.text()
    language = dialog.choices.choice().language or "en"
    text = pdf_text(dialog.preview.pdf_bytes())
    assert phrase(translator(language).gettext("Your court date has CHANGED")) in text
    assert dialog.print_button.isEnabled()


def test_a_cancelled_hearing_previews_the_one_page_notice(qtbot: QtBot, demo_store: Store) -> None:
    dialog = _dialog(qtbot, demo_store, _with_status(demo_store, HearingStatus.CANCELLED))
    assert dialog.change_banner.isVisibleTo(dialog)
    assert dialog.page_count() == 1
    language = dialog.choices.choice().language or "en"
    text = pdf_text(dialog.preview.pdf_bytes())
    assert phrase(translator(language).gettext("This court date is CANCELLED.")) in text


def test_a_scheduled_hearing_has_no_banner(qtbot: QtBot, demo_store: Store) -> None:
    hearing_id, _person = hearing_of(demo_store, "María")
    dialog = _dialog(qtbot, demo_store, hearing_id)
    assert not dialog.change_banner.isVisibleTo(dialog)


def test_the_short_packet_option_gives_two_pages(qtbot: QtBot, demo_store: Store) -> None:
    hearing_id, _person = hearing_of(demo_store, "María")
    dialog = _dialog(qtbot, demo_store, hearing_id)
    assert dialog.page_count() > 2
    dialog.choices.short.setFocus()
    with qtbot.waitSignal(dialog.preview_ready, timeout=RENDER_TIMEOUT_MS):
        qtbot.keyClick(dialog.choices.short, Qt.Key.Key_Space)
    assert dialog.choices.choice().short
    assert not dialog.choices.topics.isEnabled()
    assert dialog.page_count() == 2 == pdf_page_count(dialog.preview.pdf_bytes())


def test_courthouse_notes_are_written_per_language(qtbot: QtBot, store: Store) -> None:
    added = store.courthouses.add(
        Courthouse(
            "Sample Hall of Justice (fictional)",
            "1 Sample Way",
            "America/New_York",
            entrance_notes="Sample: east door.",
        )
    )
    assert added.id is not None
    dialog = CourthouseDialog(store, added.id)
    qtbot.addWidget(dialog)
    dialog.show()
    english = translator("en").gettext("Notes written in: {languages}").format(languages="English")
    assert dialog.notes_languages_label.text() == english
    assert dialog.entrance_notes.toPlainText() == "Sample: east door."
    # Choose Español with the keyboard: the notes fields empty, ready for Spanish.
    dialog.notes_language.setFocus()
    qtbot.keyClick(dialog.notes_language, Qt.Key.Key_Down)
    assert dialog.notes_language.currentData() == "es"
    assert dialog.entrance_notes.toPlainText() == ""
    qtbot.keyClicks(dialog.entrance_notes, "Ejemplo: puerta este.")
    assert "Español" in dialog.notes_languages_label.text()
    # Back to English: the English note is still there.
    qtbot.keyClick(dialog.notes_language, Qt.Key.Key_Up)
    assert dialog.entrance_notes.toPlainText() == "Sample: east door."
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = store.courthouses.get(added.id)
    assert saved.entrance_notes == "Sample: east door."
    assert saved.translated_notes == {"es": {CourthouseNoteKind.ENTRANCE: "Ejemplo: puerta este."}}
