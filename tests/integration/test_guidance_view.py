"""The Guidance view: reading language, right to left for Arabic, staleness, search, the
office's contacts and notes, the window's selection, and printing the topic."""

from __future__ import annotations

import io
import re
import shutil
import unicodedata
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextBlock
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from companion.domain.organisation import AdvocateContact, LocalNote, Organisation
from companion.guidance import TOPIC_IDS, GuidanceLibrary
from companion.i18n.catalog import translator
from companion.store.store import Store
from companion.ui.guidance.guidance_feature import GuidanceFeature
from companion.ui.guidance.guidance_view import GuidanceView, ReadingContext
from companion.ui.shell.language import apply_language
from companion.ui.shell.main_window import MainWindow
from companion.ui.widgets.prompts import InfoBox
from tests.integration.ui_shell_support import add_hearing, isolated_interface  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]
GUIDANCE = ROOT / "resources" / "guidance"
JURISDICTIONS = ROOT / "resources" / "jurisdictions"
TOPIC_FIVE = "immigration-enforcement"


def _title(folder: Path, doc_id: str, language: str) -> str:
    text = (folder / doc_id / f"{language}.md").read_text("utf-8")
    line = next(line for line in text.splitlines() if line.startswith("title:"))
    return line.removeprefix("title:").strip()


def _view(qtbot, store: Store, library: GuidanceLibrary | None = None) -> GuidanceView:
    view = GuidanceView(store, library)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    qtbot.waitExposed(view)
    return view


def _first_block(view: GuidanceView) -> QTextBlock:
    return view.reading_pane.document().firstBlock()


@pytest.fixture
def library_copy(tmp_path: Path) -> GuidanceLibrary:
    """The shipped guidance copied to a temporary folder, free to be altered."""
    shutil.copytree(GUIDANCE, tmp_path / "guidance")
    shutil.copytree(JURISDICTIONS, tmp_path / "jurisdictions")
    return GuidanceLibrary(tmp_path / "guidance", tmp_path / "jurisdictions")


def test_switching_the_reading_language_shows_the_topic_in_it(qtbot, store: Store) -> None:
    view = _view(qtbot, store)
    assert view.reading_language() == "en"
    view.select_topic(TOPIC_FIVE)
    view.set_reading_language("es")
    spanish_title = _title(GUIDANCE, TOPIC_FIVE, "es")
    assert view.document is not None and view.document.language == "es"
    assert view.reading_pane.toPlainText().startswith(spanish_title)
    assert view.topic_list.currentItem().text() == f"5. {spanish_title}"
    titles = [view.topic_list.item(row).text() for row in range(view.topic_list.count())]
    assert titles == [
        f"{number}. {_title(GUIDANCE, topic_id, 'es')}"
        for number, topic_id in enumerate(TOPIC_IDS, start=1)
    ]
    assert "Draft translation" in view.status_label.text()

    view.set_reading_language("vi")
    assert view.reading_pane.toPlainText().startswith(_title(GUIDANCE, TOPIC_FIVE, "vi"))
    assert view.current_topic_id() == TOPIC_FIVE


def test_arabic_reads_right_to_left_whatever_the_interface(qtbot, store: Store) -> None:
    view = _view(qtbot, store)
    view.select_topic(TOPIC_FIVE)
    view.set_reading_language("ar")
    assert view.reading_pane.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert _first_block(view).textDirection() == Qt.LayoutDirection.RightToLeft
    assert view.topic_list.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert view.reading_pane.toPlainText().startswith(_title(GUIDANCE, TOPIC_FIVE, "ar"))

    view.set_reading_language("es")
    assert view.reading_pane.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert _first_block(view).textDirection() == Qt.LayoutDirection.LeftToRight

    apply_language("ar")  # an Arabic interface does not turn a Spanish page around
    view.retranslate()
    assert view.reading_language() == "es"
    assert view.reading_pane.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert view.english_pane.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_english_beside_it_for_staff(qtbot, store: Store) -> None:
    view = _view(qtbot, store)
    view.set_reading_language("ko")
    view.select_topic("interpreters")
    assert not view.english_pane.isVisible()
    view.english_beside.setChecked(True)
    assert view.english_pane.isVisible()
    assert view.english_pane.toPlainText().startswith(_title(GUIDANCE, "interpreters", "en"))
    assert view.reading_pane.toPlainText().startswith(_title(GUIDANCE, "interpreters", "ko"))
    view.set_reading_language("en")
    assert not view.english_pane.isVisible()
    assert not view.english_beside.isEnabled()


def test_stale_translation_is_flagged_and_offers_the_english(
    qtbot, store: Store, library_copy: GuidanceLibrary
) -> None:
    path = library_copy.guidance_root / TOPIC_FIVE / "es.md"
    text = path.read_text("utf-8")
    altered = re.sub(r"source_hash: [0-9a-f]{64}", "source_hash: " + "0" * 64, text, count=1)
    assert altered != text
    path.write_text(altered, "utf-8")

    view = _view(qtbot, store, library_copy)
    view.set_reading_language("es")
    view.select_topic("getting-there")
    assert not view.stale_warning.isVisible()

    view.select_topic(TOPIC_FIVE)
    assert view.stale_warning.isVisible()
    assert "Out of date" in view.stale_label.text()
    assert not view.status_label.isVisible()  # the warning box says it once
    assert view.stale_button.isVisible() and not view.english_pane.isVisible()
    qtbot.mouseClick(view.stale_button, Qt.MouseButton.LeftButton)
    assert view.english_beside.isChecked()
    assert view.english_pane.isVisible()
    assert view.english_pane.toPlainText().startswith(_title(GUIDANCE, TOPIC_FIVE, "en"))
    assert not view.stale_button.isVisible()


def test_stale_jurisdiction_section_is_flagged_too(
    qtbot, store: Store, library_copy: GuidanceLibrary
) -> None:
    path = library_copy.jurisdictions_root / "US-CA" / "es.md"
    text = path.read_text("utf-8")
    path.write_text(
        re.sub(r"source_hash: [0-9a-f]{64}", "source_hash: " + "1" * 64, text, count=1), "utf-8"
    )
    view = _view(qtbot, store, library_copy)
    view.set_reading_language("es")
    view.select_topic(TOPIC_FIVE)
    view.set_jurisdiction("US-NY")
    assert not view.stale_warning.isVisible()
    view.set_jurisdiction("US-CA")
    assert view.stale_warning.isVisible()


def test_reviewed_translation_names_its_reviewer(
    qtbot, store: Store, library_copy: GuidanceLibrary
) -> None:
    path = library_copy.guidance_root / "interpreters" / "fr.md"
    text = path.read_text("utf-8")
    reviewed = text.replace(
        "status: draft\n",
        "status: reviewed\nreviewer: Test Reviewer (fictional)\nreviewed_on: 2026-11-20\n",
        1,
    )
    assert reviewed != text
    path.write_text(reviewed, "utf-8")
    view = _view(qtbot, store, library_copy)
    view.set_reading_language("fr")
    view.select_topic("interpreters")
    assert "Test Reviewer (fictional)" in view.status_label.text()
    assert "2026" in view.status_label.text()
    view.select_topic("getting-there")
    assert "Draft translation" in view.status_label.text()


def test_missing_translation_falls_back_to_english_with_a_note(
    qtbot, store: Store, library_copy: GuidanceLibrary
) -> None:
    (library_copy.guidance_root / "interpreters" / "ht.md").unlink()
    view = _view(qtbot, store, library_copy)
    view.set_reading_language("ht")
    view.select_topic("interpreters")
    assert view.fallback_label.isVisible()
    assert "Kreyòl ayisyen" in view.fallback_label.text()
    assert view.reading_pane.toPlainText().startswith(_title(GUIDANCE, "interpreters", "en"))
    view.select_topic("getting-there")
    assert not view.fallback_label.isVisible()


def test_search_narrows_the_topic_list(qtbot, store: Store) -> None:
    view = _view(qtbot, store)
    view.set_reading_language("es")
    assert view.listed_topic_ids() == list(TOPIC_IDS)
    view.search_edit.setText("intérprete")
    listed = view.listed_topic_ids()
    assert "interpreters" in listed
    assert 0 < len(listed) < len(TOPIC_IDS)
    for topic_id in listed:
        body = (GUIDANCE / topic_id / "es.md").read_text("utf-8").split("---", 2)[2]
        assert "intérprete" in unicodedata.normalize("NFC", body).casefold()
    assert view.current_topic_id() in listed
    assert view.result_label.isVisible()

    view.search_edit.setText("zzzqqq")
    assert view.listed_topic_ids() == []
    assert "zzzqqq" in view.result_label.text()
    view.search_edit.clear()
    assert view.listed_topic_ids() == list(TOPIC_IDS)
    assert not view.result_label.isVisible()


def test_jurisdiction_section_in_topic_five(qtbot, store: Store) -> None:
    view = _view(qtbot, store)
    view.set_reading_language("es")
    view.select_topic("interpreters")
    assert not view.jurisdiction_combo.isEnabled()
    view.select_topic(TOPIC_FIVE)
    assert view.jurisdiction_combo.isEnabled()
    assert view.jurisdiction() == "US"
    assert _title(JURISDICTIONS, "US", "es") in view.reading_pane.toPlainText()
    view.set_jurisdiction("ny")
    assert view.jurisdiction() == "US-NY"
    page = view.reading_pane.toPlainText()
    assert _title(JURISDICTIONS, "US-NY", "es") in page
    assert _title(JURISDICTIONS, "US", "es") not in page
    view.set_jurisdiction("US-TX")  # no section of its own: the federal default
    assert view.jurisdiction() == "US"


def test_office_contacts_and_local_notes_come_from_settings(qtbot, store: Store) -> None:
    view = _view(qtbot, store)
    view.select_topic("after-the-hearing")
    assert view.contacts_label.isVisible()
    store.organisation.save(
        Organisation(
            name="Test Office (fictional)",
            advocates=[AdvocateContact("Pat Test-Advocate", "212 555 0199")],
            local_notes=[
                LocalNote("after-the-hearing", {"en": "Test note in English.", "es": "Nota."})
            ],
        )
    )
    view.refresh()
    assert not view.contacts_label.isVisible()
    page = view.reading_pane.toPlainText()
    assert "Pat Test-Advocate: +1 212-555-0199" in page
    assert "Note from our office: Test note in English." in page
    view.set_reading_language("fr")  # no French note: the English one, marked as such
    marked = translator("fr").gettext(
        "Note from our office (not translated into your language): {note}"
    )
    assert marked.format(note="Test note in English.") in view.reading_pane.toPlainText()
    view.set_reading_language("es")
    assert "Nota." in view.reading_pane.toPlainText()
    assert "Test note in English." not in view.reading_pane.toPlainText()


def test_links_are_never_followed(qtbot, store: Store) -> None:
    view = _view(qtbot, store)
    view.select_topic(TOPIC_FIVE)
    for pane in (view.reading_pane, view.english_pane):
        assert not pane.openLinks() and not pane.openExternalLinks()
    html = view.reading_pane.toHtml()
    assert "<a " not in html
    assert "immpolicytracking.org" in view.reading_pane.toPlainText()
    assert "checked 2026-11" in view.reading_pane.toPlainText()


def test_context_sets_language_once_and_keeps_a_users_choice(qtbot, store: Store) -> None:
    view = _view(qtbot, store)
    view.apply_context(ReadingContext("es-MX", "US-NY"))
    assert view.reading_language() == "es"
    assert view.jurisdiction() == "US-NY"
    view.set_reading_language("ar")
    view.apply_context(ReadingContext("es-MX", "US-NY"))  # the same selection again
    assert view.reading_language() == "ar"
    view.apply_context(ReadingContext(None, None))  # nobody selected: nothing changes
    assert view.reading_language() == "ar"
    assert view.jurisdiction() == "US-NY"
    view.apply_context(ReadingContext("so", "US-XX"))  # a language we do not ship
    assert view.reading_language() == "en"
    assert view.jurisdiction() == "US"


def test_language_follows_the_interface_until_chosen(qtbot, store: Store) -> None:
    apply_language("fr")
    view = _view(qtbot, store)
    assert view.reading_language() == "fr"
    apply_language("ko")
    view.retranslate()
    assert view.reading_language() == "ko"
    view.set_reading_language("vi")
    apply_language("ru")
    view.retranslate()
    assert view.reading_language() == "vi"


def test_save_and_print_the_shown_topic(qtbot, store: Store, tmp_path: Path) -> None:
    view = _view(qtbot, store)
    view.set_reading_language("es")
    view.select_topic(TOPIC_FIVE)
    view.set_jurisdiction("US-NY")
    written = view.save_pdf(tmp_path / "topic.pdf")
    assert written is not None
    reader = pypdf.PdfReader(written)
    text = "".join((page.extract_text() or "") for page in reader.pages)
    squashed = "".join(unicodedata.normalize("NFKC", text).split())
    assert "".join(_title(GUIDANCE, TOPIC_FIVE, "es").split()) in squashed
    assert "".join(_title(JURISDICTIONS, "US-NY", "es").split()) in squashed

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert view.print_on(printer) == len(reader.pages)
    printed = pypdf.PdfReader(io.BytesIO((tmp_path / "printed.pdf").read_bytes()))
    assert len(printed.pages) == len(reader.pages)


def test_a_printer_that_cannot_start_is_reported(qtbot, store: Store, tmp_path: Path) -> None:
    view = _view(qtbot, store)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "missing-folder" / "printed.pdf"))
    messages: list[str] = []
    view.status_message.connect(messages.append)
    assert view.print_on(printer) == 0
    assert messages == []
    boxes = [box for box in QApplication.topLevelWidgets() if isinstance(box, InfoBox)]
    assert any("Nothing was printed" in box.text() for box in boxes if box.isVisible())


def test_guidance_tab_follows_the_window_selection(qtbot, store: Store) -> None:
    office = add_hearing(store)  # a Spanish-speaking witness, a courthouse in US-NY
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    feature = next(f for f in window.features if isinstance(f, GuidanceFeature))
    view = feature.view
    assert window.tabs.tabText(window.tabs.indexOf(view)) == "Guidance"

    assert window.agenda.select_hearing(office.hearing_id)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is view
    assert view.reading_language() == "es"
    assert view.jurisdiction() == "US-NY"

    view.set_reading_language("ar")  # the user's own choice stays while nothing changes
    window.tabs.setCurrentWidget(window.courthouses)
    window.tabs.setCurrentWidget(view)
    assert view.reading_language() == "ar"

    window.show_people_list()
    assert window.people.select_person(office.person_id)
    window.tabs.setCurrentWidget(view)
    assert view.reading_language() == "es"
