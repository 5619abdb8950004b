"""The packet dialog: the preview shows the packet for the current choices, and Print,
Save and Open use exactly those bytes; printing and saving are recorded."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import icalendar
import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrinter

from companion.guidance import DEFAULT_PACKET_TOPICS, TOPIC_IDS, list_topics
from companion.i18n import translator
from companion.i18n.formatting import format_date
from companion.store.audit import AuditAction
from companion.store.store import Store
from companion.ui.background import job_pool, unfinished_jobs
from companion.ui.packets.packet_dialog import PacketDialog
from companion.ui.packets.pdf_output import viewer_files
from companion.ui.shell.language import switch_language
from companion.ui.widgets.prompts import ConfirmBox, ErrorBox
from tests.integration.packet_ui_support import (
    answer_save_dialog,
    hearing_of,
    open_windows,
    pdf_page_count,
    pdf_text,
    phrase,
)
from tests.integration.ui_shell_support import add_hearing, isolated_interface  # noqa: F401

RENDER_TIMEOUT_MS = 20000


def _dialog(qtbot, store: Store, hearing_id: int, person_id: int | None = None) -> PacketDialog:
    dialog = PacketDialog(store, hearing_id, person_id)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.preview_ready, timeout=RENDER_TIMEOUT_MS):
        dialog.show()
    return dialog


def _rerendered(qtbot, dialog: PacketDialog, change) -> None:
    with qtbot.waitSignal(dialog.preview_ready, timeout=RENDER_TIMEOUT_MS):
        change()


def _history(store: Store, person_id: int) -> list[tuple[str, int | None]]:
    return [(entry.kind, entry.hearing_id) for entry in store.people.history(person_id)]


def test_preview_pages_are_those_of_the_rendered_packet(qtbot, demo_store: Store) -> None:
    hearing_id, _person_id = hearing_of(demo_store, "María")
    dialog = _dialog(qtbot, demo_store, hearing_id)
    shown = dialog.preview.pdf_bytes()
    assert dialog.page_count() == pdf_page_count(shown) > 1
    # The preview is María's packet, in her language (Spanish in the demo office).
    text = pdf_text(shown)
    assert "María Demo-López" in text
    assert "Su fecha en el tribunal" in text
    assert dialog.print_button.isEnabled() and dialog.save_button.isEnabled()


def test_defaults_come_from_the_person_and_the_office(qtbot, demo_store: Store) -> None:
    hearing_id, _person_id = hearing_of(demo_store, "Ahmad")
    dialog = _dialog(qtbot, demo_store, hearing_id)
    choice = dialog.choices.choice()
    assert choice.language == "ar"
    assert choice.second_language is None
    assert choice.topics == DEFAULT_PACKET_TOPICS
    assert choice.paper.value == demo_store.organisation.get().paper
    assert not choice.large_print and not choice.duplex
    # The staff member's own language is the first second language offered.
    assert dialog.choices.second_combo.itemData(1) == "en"
    titles = [dialog.choices.topics.item(row).text() for row in range(len(TOPIC_IDS))]
    assert titles == [summary.title for summary in list_topics("en")]


def test_changing_the_language_renders_the_packet_again(qtbot, demo_store: Store) -> None:
    hearing_id, _person_id = hearing_of(demo_store, "María")
    dialog = _dialog(qtbot, demo_store, hearing_id)
    spanish = phrase(translator("es").gettext("Your court date"))
    french = phrase(translator("fr").gettext("Your court date"))
    assert spanish != french
    assert spanish in pdf_text(dialog.preview.pdf_bytes())

    _rerendered(qtbot, dialog, lambda: dialog.choices.set_language("fr"))
    text = pdf_text(dialog.preview.pdf_bytes())
    assert french in text and spanish not in text

    # A second language prints the court date in both (page 1's second-language block).
    _rerendered(qtbot, dialog, lambda: dialog.choices.set_second_language("es"))
    text = pdf_text(dialog.preview.pdf_bytes())
    hearing = demo_store.hearings.get(hearing_id)
    assert french in text
    assert phrase(format_date(hearing.starts_at, "es", "full")) in text


def test_fewer_topics_make_a_shorter_packet(qtbot, demo_store: Store) -> None:
    hearing_id, _person_id = hearing_of(demo_store, "María")
    dialog = _dialog(qtbot, demo_store, hearing_id)
    full = dialog.page_count()
    _rerendered(qtbot, dialog, lambda: dialog.choices.set_topics(()))
    assert dialog.choices.choice().topics == ()
    assert dialog.page_count() < full
    title = list_topics("es")[TOPIC_IDS.index("immigration-enforcement")].title
    assert phrase(title) not in pdf_text(dialog.preview.pdf_bytes())


def test_quick_changes_end_with_the_last_choice(qtbot, demo_store: Store) -> None:
    hearing_id, _person_id = hearing_of(demo_store, "María")
    dialog = _dialog(qtbot, demo_store, hearing_id)

    def several_changes() -> None:
        for tag in ("fr", "ru", "vi", "pt-BR"):
            dialog.choices.set_language(tag)
        dialog.render_now()  # as the pause after the last change does

    _rerendered(qtbot, dialog, several_changes)
    assert dialog.rendered is not None and dialog.rendered.content.language == "pt-BR"
    assert phrase(translator("pt-BR").gettext("Your court date")) in pdf_text(
        dialog.preview.pdf_bytes()
    )


def test_save_as_pdf_writes_the_previewed_bytes_and_records_it(
    qtbot, demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hearing_id, person_id = hearing_of(demo_store, "María")
    dialog = _dialog(qtbot, demo_store, hearing_id)
    target = tmp_path / "out" / "packet.pdf"
    target.parent.mkdir()
    calls = answer_save_dialog(monkeypatch, target)

    with qtbot.waitSignal(dialog.recorded):
        dialog.save_button.click()

    assert len(calls) == 1
    assert "María" not in str(calls[0]) and "Demo-López" not in str(calls[0])
    assert target.read_bytes() == dialog.preview.pdf_bytes()
    assert pdf_page_count(target.read_bytes()) == dialog.page_count()
    assert sorted(path.name for path in target.parent.iterdir()) == ["packet.pdf"]
    assert ("packet_saved", hearing_id) in _history(demo_store, person_id)
    saved = demo_store.audit.entries(AuditAction.SAVED_PACKET)
    assert [(entry.record_kind, entry.record_id) for entry in saved] == [("person", person_id)]


def test_a_packet_that_cannot_be_written_leaves_nothing(
    qtbot, demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hearing_id, person_id = hearing_of(demo_store, "María")
    dialog = _dialog(qtbot, demo_store, hearing_id)
    target = tmp_path / "no such folder" / "packet.pdf"
    answer_save_dialog(monkeypatch, target)

    dialog.save_button.click()

    qtbot.waitUntil(lambda: bool(open_windows(ErrorBox)))
    assert not target.parent.exists()
    assert ("packet_saved", hearing_id) not in _history(demo_store, person_id)
    assert demo_store.audit.entries(AuditAction.SAVED_PACKET) == []


def test_printing_sends_every_page_and_records_it(qtbot, demo_store: Store, tmp_path: Path) -> None:
    hearing_id, person_id = hearing_of(demo_store, "María")
    dialog = _dialog(qtbot, demo_store, hearing_id)
    printer = dialog.make_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    output = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(output))

    with qtbot.waitSignal(dialog.recorded):
        printed = dialog.print_to(printer)

    assert printed == dialog.page_count()
    assert pdf_page_count(output.read_bytes()) == dialog.page_count()
    from pypdf import PdfReader

    box = PdfReader(output).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)  # Letter
    assert ("packet_printed", hearing_id) in _history(demo_store, person_id)
    printed_entries = demo_store.audit.entries(AuditAction.PRINTED_PACKET)
    assert [(entry.record_kind, entry.record_id) for entry in printed_entries] == [
        ("person", person_id)
    ]


def test_printer_follows_paper_and_two_sided_gives_even_pages(qtbot, demo_store: Store) -> None:
    hearing_id, _person_id = hearing_of(demo_store, "María")
    dialog = _dialog(qtbot, demo_store, hearing_id)

    def a4_duplex() -> None:
        dialog.choices.paper_combo.setCurrentIndex(dialog.choices.paper_combo.findData("a4"))
        dialog.choices.duplex.setChecked(True)

    _rerendered(qtbot, dialog, a4_duplex)
    printer = dialog.make_printer()
    size = printer.pageLayout().pageSize()
    assert size.id() == size.PageSizeId.A4
    # (Two-sided is asked of the printer too; with no printer installed, as here, Qt
    # keeps it one-sided, so only the even page count can be checked.)
    assert dialog.page_count() % 2 == 0
    assert "María" not in printer.docName()


def test_a_name_no_font_has_is_named_before_saving(
    qtbot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Cherokee: no bundled font has the script (Ethiopic, Myanmar and the rest print).
    office = add_hearing(store, given_name="Selam", family_name="Test", native_name="ᏣᎳᎩ")
    dialog = _dialog(qtbot, store, office.hearing_id)
    assert dialog.rendered is not None and dialog.rendered.missing == frozenset("ᏣᎳᎩ")
    assert dialog.message.isVisible()
    # The English wording, pinned (a no-break space before each code point): it says what
    # really prints (a dotted circle for an emoji, U+FFFD for the rest; checked in
    # tests/integration/test_cli_glyphs.py).
    assert dialog.message.text() == (
        "Some characters have no font in Court Companion: \u13a9\xa0(U+13A9), "
        "\u13b3\xa0(U+13B3), \u13e3\xa0(U+13E3). They will print as a mark in their place: "
        "◌ for an emoji, � for any other character."
    )
    target = tmp_path / "packet.pdf"
    answer_save_dialog(monkeypatch, target)

    dialog.save_button.click()

    qtbot.waitUntil(lambda: bool(open_windows(ConfirmBox)))
    (box,) = open_windows(ConfirmBox)
    assert box.text() == (
        "No font in Court Companion has these characters: \u13a9\xa0(U+13A9), "
        "\u13b3\xa0(U+13B3), \u13e3\xa0(U+13E3). The packet will show a mark in their place: "
        "◌ for an emoji, � for any other character. Check the spelling of the name, or add "
        "it in another script."
    )
    assert not target.exists()  # nothing yet: the user has not answered
    with qtbot.waitSignal(dialog.recorded):
        box.confirm_button.click()
    assert pdf_page_count(target.read_bytes()) == dialog.page_count()


def test_going_back_from_the_warning_saves_nothing(
    qtbot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    office = add_hearing(store, native_name="ᏣᎳᎩ")  # Cherokee: no bundled font
    dialog = _dialog(qtbot, store, office.hearing_id)
    calls = answer_save_dialog(monkeypatch, tmp_path / "packet.pdf")
    dialog.print_button.click()
    qtbot.waitUntil(lambda: bool(open_windows(ConfirmBox)))
    open_windows(ConfirmBox)[0].cancel_button.click()
    assert calls == [] and not (tmp_path / "packet.pdf").exists()
    assert store.people.history(office.person_id) == []


def test_open_in_viewer_uses_a_private_local_copy(
    qtbot, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    hearing_id, _person_id = hearing_of(demo_store, "María")
    dialog = _dialog(qtbot, demo_store, hearing_id)
    opened: list[QUrl] = []

    def fake_open(url: QUrl) -> bool:
        opened.append(QUrl(url))
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(fake_open))
    dialog.open_button.click()

    (url,) = opened
    assert url.isLocalFile() and url.scheme() == "file"
    copy = Path(url.toLocalFile())
    assert copy.read_bytes() == dialog.preview.pdf_bytes()
    assert stat.S_IMODE(copy.parent.stat().st_mode) == 0o700
    assert "María" not in copy.name and "López" not in copy.name
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    runtime = Path(os.environ["XDG_RUNTIME_DIR"])
    assert copy.is_relative_to(runtime), "in the user's runtime folder, not the shared /tmp"
    viewer_files(demo_store.folder).remove_all()
    assert not copy.exists()


def test_calendar_file_holds_the_hearing(
    qtbot, demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hearing_id, _person_id = hearing_of(demo_store, "María")
    dialog = _dialog(qtbot, demo_store, hearing_id)
    target = tmp_path / "court-date"  # no suffix: .ics is added
    answer_save_dialog(monkeypatch, target)
    dialog.calendar_button.click()

    written = tmp_path / "court-date.ics"
    calendar = icalendar.Calendar.from_ical(written.read_bytes())
    (event,) = calendar.walk("VEVENT")
    hearing = demo_store.hearings.get(hearing_id)
    assert event.decoded("dtstart") == hearing.starts_at
    assert event["dtstart"].params["TZID"] == hearing.starts_at.tzinfo.key
    assert calendar.walk("VTIMEZONE")
    assert str(event["summary"]) == translator("es").gettext("Court date")


def test_a_hearing_with_several_people_lets_you_pick_the_person(qtbot, store: Store) -> None:
    from companion.domain.models import Attendance, Person

    office = add_hearing(store)  # Rosa, Spanish
    other = store.people.add(Person("Olena", "Test-Koval", language="ru"))
    store.hearings.set_attendance(Attendance(other.id, office.hearing_id))
    dialog = _dialog(qtbot, store, office.hearing_id, office.person_id)
    assert not dialog.person_combo.isHidden() and dialog.person_name.isHidden()
    assert dialog.choices.language() == "es"

    _rerendered(
        qtbot,
        dialog,
        lambda: dialog.person_combo.setCurrentIndex(dialog.person_combo.findData(other.id)),
    )
    assert dialog.person_id == other.id and dialog.choices.language() == "ru"
    text = pdf_text(dialog.preview.pdf_bytes())
    assert "Olena Test-Koval" in text
    assert phrase(translator("ru").gettext("Your court date")) in text


def test_switching_the_interface_language_retitles_the_topics(qtbot, demo_store: Store) -> None:
    hearing_id, _person_id = hearing_of(demo_store, "María")
    dialog = _dialog(qtbot, demo_store, hearing_id)
    switch_language("es")
    titles = [dialog.choices.topics.item(row).text() for row in range(len(TOPIC_IDS))]
    assert titles == [summary.title for summary in list_topics("es")]
    assert titles != [summary.title for summary in list_topics("en")]
    # The staff member's language moves to the top of the second languages.
    assert dialog.choices.second_combo.itemData(1) == "es"
    assert dialog.choices.second_language() is None


def test_closing_while_rendering_is_harmless(qtbot, demo_store: Store) -> None:
    hearing_id, _person_id = hearing_of(demo_store, "María")
    dialog = PacketDialog(demo_store, hearing_id)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    with qtbot.waitSignal(dialog.destroyed):
        dialog.close()
    assert job_pool().waitForDone(RENDER_TIMEOUT_MS)
    # The render's result arrives for a dialog that is gone: nothing may fail.
    qtbot.waitUntil(lambda: unfinished_jobs() == 0)


def test_print_button_asks_which_printer_then_prints(
    qtbot, demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtPrintSupport import QPrintDialog

    hearing_id, person_id = hearing_of(demo_store, "María")
    dialog = _dialog(qtbot, demo_store, hearing_id)
    output = tmp_path / "printed.pdf"
    make_printer = dialog.make_printer

    def file_printer() -> QPrinter:
        # The print dialog takes the output file from the printer it is given.
        printer = make_printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(output))
        return printer

    monkeypatch.setattr(dialog, "make_printer", file_printer)
    dialog.print_button.click()
    qtbot.waitUntil(lambda: bool(open_windows(QPrintDialog)))
    (print_dialog,) = open_windows(QPrintDialog)

    with qtbot.waitSignal(dialog.recorded):
        print_dialog.accept()

    assert pdf_page_count(output.read_bytes()) == dialog.page_count()
    assert ("packet_printed", hearing_id) in _history(demo_store, person_id)
