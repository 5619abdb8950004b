"""The packet dialog: choose language and options, see the exact PDF, then print or save it.

Every change of a choice re-renders the packet (after a short pause, off the interface
thread); the preview shows the very bytes that Print, Save and Open use, and those
buttons wait until the preview is up to date. Printing and saving are recorded in the
person's history and in the audit trail.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import shiboken6
from PySide6.QtCore import QMarginsF, Qt, QTimer, Signal
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from companion.domain.models import Hearing, HearingStatus, Person
from companion.errors import CompanionError
from companion.packets.content import PacketContent, PaperSize
from companion.packets.errors import OutputWriteError
from companion.packets.from_store import packet_for, packet_language
from companion.packets.output import write_pdf_atomically
from companion.packets.renderer import packet_missing_glyphs, render_packet
from companion.store.audit import AuditAction
from companion.store.store import Store
from companion.ui import formatting
from companion.ui.background import Progress, start_job
from companion.ui.i18n import _, ngettext
from companion.ui.packets.packet_choices import PacketChoicesForm
from companion.ui.packets.packet_files import ask_save_path, packet_file_name, save_calendar_file
from companion.ui.packets.pdf_output import PrintFailed, print_pdf, viewer_files
from companion.ui.packets.pdf_preview import PdfPreview
from companion.ui.records.dialogs.fields import native_name_font
from companion.ui.widgets.messages import MessageLabel
from companion.ui.widgets.prompts import TextSource, confirm, show_error

log = logging.getLogger(__name__)

PACKET_PRINTED = "packet_printed"
PACKET_SAVED = "packet_saved"
#: Pause after the last change before the packet is rendered again.
RENDER_DELAY_MS = 250

_PAGE_SIZES = {
    PaperSize.LETTER: QPageSize.PageSizeId.Letter,
    PaperSize.A4: QPageSize.PageSizeId.A4,
}


@dataclass(frozen=True)
class RenderedPacket:
    """One render: the content, its PDF bytes and the characters no font could print."""

    content: PacketContent
    data: bytes
    missing: frozenset[str]


def describe_characters(characters: frozenset[str] | set[str]) -> str:
    """Each character with its code point, so it can be named even where it cannot be shown."""
    return ", ".join(f"{char}\u00a0(U+{ord(char):04X})" for char in sorted(characters))


def render_work(content: PacketContent, is_current: Callable[[], bool]) -> RenderedPacket | None:
    """What the worker thread does: render, unless a newer choice already replaced this one."""
    if not is_current():
        return None
    data = render_packet(content)
    return RenderedPacket(content, data, frozenset(packet_missing_glyphs(content)))


class PacketDialog(QDialog):
    #: The preview now shows the packet for the current choices.
    preview_ready = Signal()
    #: A print or save was recorded in the person's history.
    recorded = Signal()

    def __init__(
        self,
        store: Store,
        hearing_id: int,
        person_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        #: The hearing staff chose; the packet is for the current one (the hearing it was
        #: continued to, followed to the latest), which the banner names.
        self.requested: Hearing = store.hearings.get(hearing_id)
        self.hearing: Hearing = store.hearings.current(hearing_id)
        self.hearing_id = self.hearing.id if self.hearing.id is not None else hearing_id
        self.courthouse_name = store.courthouses.get(
            self.hearing.courthouse_id, include_deleted=True
        ).name
        self.people: list[Person] = self._hearing_people()
        if not self.people:
            raise ValueError(f"hearing {hearing_id} has nobody to print a packet for")
        ids = [person.id for person in self.people if person.id is not None]
        self.person_id: int = person_id if person_id in ids and person_id is not None else ids[0]
        organisation = store.organisation.get()

        self._generation = 0
        self.rendered: RenderedPacket | None = None

        self.hearing_label = QLabel()
        self.hearing_label.setWordWrap(True)
        self.hearing_label.setTextFormat(Qt.TextFormat.PlainText)
        self.change_banner = MessageLabel()
        self.change_banner.setObjectName("changeBanner")
        self.person_label = QLabel()
        self.person_combo = QComboBox()
        self.person_combo.setFont(native_name_font(self.person_combo.font()))
        for person in self.people:
            shown = person.display_name
            if person.native_name and person.native_name != person.display_name:
                shown = f"{shown} · {person.native_name}"
            self.person_combo.addItem(shown, person.id)
        self.person_combo.setCurrentIndex(self.person_combo.findData(self.person_id))
        self.person_label.setBuddy(self.person_combo)
        # One person: their name as text; several: a choice.
        self.person_name = QLabel(self.person_combo.currentText())
        self.person_name.setFont(native_name_font(self.person_name.font()))
        self.person_name.setTextFormat(Qt.TextFormat.PlainText)
        self.person_name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        several = len(self.people) > 1
        self.person_combo.setVisible(several)
        self.person_name.setVisible(not several)
        self.choices = PacketChoicesForm(
            PaperSize(organisation.paper), language=self._person_language(self.person_id)
        )
        self.message = MessageLabel()
        self.state_label = QLabel()
        self.state_label.setTextFormat(Qt.TextFormat.PlainText)
        self.preview = PdfPreview()

        self.print_button = QPushButton()
        self.save_button = QPushButton()
        self.open_button = QPushButton()
        self.calendar_button = QPushButton()
        self.close_button = QPushButton()
        self.print_button.setDefault(True)

        who = QFormLayout()
        person_field = QHBoxLayout()
        person_field.setContentsMargins(0, 0, 0, 0)
        person_field.addWidget(self.person_combo, 1)
        person_field.addWidget(self.person_name, 1)
        who.addRow(self.person_label, person_field)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.change_banner)
        side_layout.addWidget(self.hearing_label)
        side_layout.addLayout(who)
        side_layout.addWidget(self.choices, 1)
        side_layout.addWidget(self.message)
        side_layout.addWidget(self.state_label)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(side)
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([380, 640])
        buttons = QHBoxLayout()
        for button in (
            self.print_button,
            self.save_button,
            self.open_button,
            self.calendar_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(buttons)
        self.resize(1080, 600)  # fits a 1366×768 laptop at 125% (1092×614)

        self._render_timer = QTimer(self)
        self._render_timer.setSingleShot(True)
        self._render_timer.setInterval(RENDER_DELAY_MS)
        self._render_timer.timeout.connect(self.render_now)
        self.choices.changed.connect(self._choices_changed)
        self.person_combo.currentIndexChanged.connect(self._person_changed)
        self.print_button.clicked.connect(self.print_packet)
        self.save_button.clicked.connect(self.save_pdf)
        self.open_button.clicked.connect(self.open_in_viewer)
        self.calendar_button.clicked.connect(self.save_calendar)
        self.close_button.clicked.connect(self.reject)

        self.retranslate()
        self._update_buttons()
        self.render_now()

    # --- the hearing and its people -------------------------------------------------------

    def _hearing_people(self) -> list[Person]:
        people: list[Person] = []
        for entry in self.store.hearings.attendance_for(self.hearing_id):
            try:
                people.append(self.store.people.get(entry.person_id))
            except CompanionError:
                continue  # moved to the Trash: no packet
        return people

    def _person_language(self, person_id: int) -> str:
        person = next(person for person in self.people if person.id == person_id)
        return packet_language(person.language)

    def _person_changed(self) -> None:
        self.person_id = int(self.person_combo.currentData())
        self.choices.set_language(self._person_language(self.person_id))
        self._choices_changed()

    # --- rendering ------------------------------------------------------------------------

    def _choices_changed(self) -> None:
        """A choice changed: the preview is out of date until the next render arrives."""
        self._generation += 1
        self.rendered = None
        self._update_buttons()
        self.state_label.setText(_("Updating the preview…"))
        self._render_timer.start()

    def _is_current(self, generation: int) -> bool:
        return generation == self._generation

    def render_now(self) -> None:
        """Build the packet for the current choices and render it off the interface thread."""
        self._render_timer.stop()
        self._generation += 1
        generation = self._generation
        self.rendered = None
        self._update_buttons()
        try:
            content = packet_for(self.store, self.hearing_id, self.person_id, self.choices.choice())
        except CompanionError as error:
            self.message.show_error(error)
            self.state_label.setText("")
            return
        self.state_label.setText(_("Updating the preview…"))

        def work(_progress: Progress) -> RenderedPacket | None:
            return render_work(content, partial(self._is_current, generation))

        start_job(
            work,
            partial(self._rendered, generation),
            partial(self._render_failed, generation),
        )

    def _rendered(self, generation: int, result: RenderedPacket | None) -> None:
        if not shiboken6.isValid(self):
            return
        if result is None or not self._is_current(generation):
            return
        self.rendered = result
        self.preview.show_pdf(result.data)
        self.state_label.setText("")
        self._show_missing_note()
        self._update_buttons()
        log.debug("packet preview of hearing %d: %d pages", self.hearing_id, self.page_count())
        self.preview_ready.emit()

    def _render_failed(self, generation: int, error: Exception) -> None:
        if not shiboken6.isValid(self):
            return
        if not self._is_current(generation):
            return
        self.state_label.setText("")
        if isinstance(error, CompanionError):
            self.message.show_error(error)
            return
        raise error

    def page_count(self) -> int:
        return self.preview.page_count()

    def _show_missing_note(self) -> None:
        result = self.rendered
        if result is None or not result.missing:
            self.message.clear_message()
            return
        characters = describe_characters(result.missing)
        self.message.show_message(
            lambda: _(
                "Some characters have no font in Court Companion: {characters}. "
                "They will print as a mark in their place: ◌ for an emoji, "
                "� for any other character."
            ).format(characters=characters),
            error=True,
        )

    def _update_buttons(self) -> None:
        ready = self.rendered is not None
        for button in (
            self.print_button,
            self.save_button,
            self.open_button,
            self.calendar_button,
        ):
            button.setEnabled(ready)

    # --- before printing or saving: characters no font has --------------------------------

    def _after_glyph_check(self, confirm_label: TextSource, then: Callable[[], None]) -> None:
        result = self.rendered
        if result is None:
            return
        if not result.missing:
            then()
            return
        characters = describe_characters(result.missing)
        confirm(
            self,
            lambda: _("Characters that cannot be printed"),
            lambda: _(
                "No font in Court Companion has these characters: {characters}. "
                "The packet will show a mark in their place: ◌ for an emoji, "
                "� for any other character. "
                "Check the spelling of the name, or add it in another script."
            ).format(characters=characters),
            confirm_label,
            then,
            reject_label=lambda: _("Go back"),
        )

    # --- print ----------------------------------------------------------------------------

    def make_printer(self) -> QPrinter:
        """A printer set up for this packet: paper size, two-sided, no margins of its own."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        paper = self.rendered.content.options.paper if self.rendered else self.choices.paper()
        printer.setPageLayout(
            QPageLayout(
                QPageSize(_PAGE_SIZES[paper]),
                QPageLayout.Orientation.Portrait,
                QMarginsF(0, 0, 0, 0),
            )
        )
        if self.choices.duplex.isChecked():
            printer.setDuplex(QPrinter.DuplexMode.DuplexLongSide)
        # The print queue shows this name: it names no person.
        printer.setDocName(_("Hearing packet"))
        return printer

    def print_packet(self) -> None:
        self._after_glyph_check(lambda: _("Print anyway"), self._ask_printer)

    def _ask_printer(self) -> None:
        printer = self.make_printer()
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_("Print the hearing packet"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.accepted.connect(partial(self._printer_chosen, printer))
        dialog.show()

    def _printer_chosen(self, printer: QPrinter, *_signal_arguments: object) -> None:
        # QPrintDialog's ``accepted`` may pass the printer again: the one set up here is used.
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Print the previewed packet on ``printer``; record it. Returns the pages printed."""
        result = self.rendered
        if result is None:
            return 0
        try:
            pages = print_pdf(result.data, printer)
        except PrintFailed:
            log.warning("printing the packet of hearing %d failed", self.hearing_id)
            self.message.show_message(
                lambda: _("The printer could not be started. Nothing was printed."), error=True
            )
            return 0
        self._record(PACKET_PRINTED, AuditAction.PRINTED_PACKET)
        self.state_label.setText(
            ngettext(
                "Sent {count} page to the printer.", "Sent {count} pages to the printer.", pages
            ).format(count=formatting.number(pages))
        )
        return pages

    # --- save, open, calendar ---------------------------------------------------------------

    def save_pdf(self) -> None:
        self._after_glyph_check(lambda: _("Save anyway"), self._ask_pdf_path)

    def _ask_pdf_path(self) -> None:
        if self.rendered is None:
            return
        path = ask_save_path(
            self,
            _("Save the hearing packet as PDF"),
            packet_file_name(self.rendered.content),
            _("PDF files (*.pdf)"),
        )
        if path is not None:
            self.save_to(path)

    def save_to(self, path: Path) -> bool:
        """Write the previewed packet to ``path`` (whole or not at all); record it."""
        result = self.rendered
        if result is None:
            return False
        try:
            written = write_pdf_atomically(path, result.data)
        except OutputWriteError as error:
            show_error(self, error)
            return False
        self._record(PACKET_SAVED, AuditAction.SAVED_PACKET)
        self.state_label.setText(_("Saved as {file}.").format(file=written))
        return True

    def open_in_viewer(self) -> None:
        result = self.rendered
        if result is None:
            return
        try:
            _path, opened = viewer_files(self.store.folder).open(
                f"hearing-packet-{self.hearing_id}", result.data
            )
        except OutputWriteError as error:
            show_error(self, error)
            return
        if not opened:
            self.message.show_message(
                lambda: _("No program to show PDF files was found on this computer."),
                error=True,
            )

    def save_calendar(self) -> None:
        result = self.rendered
        if result is None:
            return
        try:
            written = save_calendar_file(self, result.content)
        except OutputWriteError as error:
            show_error(self, error)
            return
        if written is not None:
            self.state_label.setText(_("Saved the calendar file as {file}.").format(file=written))

    def _record(self, kind: str, action: AuditAction) -> None:
        try:
            with self.store.db.atomic():
                self.store.people.record_history(self.person_id, kind, self.hearing_id)
                self.store.audit.record(action, "person", self.person_id)
        except CompanionError as error:
            show_error(self, error)
            return
        log.info("%s for person %d, hearing %d", kind, self.person_id, self.hearing_id)
        self.recorded.emit()

    def _show_change_banner(self) -> None:
        """Say, above everything, when the chosen hearing's date changed or was cancelled."""
        # A continued hearing is current only when its new date went to the Trash: the
        # packet is then the notice not to go, as for a cancelled one.
        if self.hearing.status in (HearingStatus.CANCELLED, HearingStatus.CONTINUED):
            when = formatting.date_and_time(self.hearing.starts_at)
            self.change_banner.show_message(
                lambda: _(
                    "This hearing on {date} is cancelled. The packet is a one-page notice: "
                    "do not go to court, and who to call."
                ).format(date=formatting.isolate(when)),
                error=True,
            )
        elif self.hearing.id != self.requested.id:
            old = formatting.date_and_time(self.requested.starts_at)
            new = formatting.date_and_time(self.hearing.starts_at)
            self.change_banner.show_message(
                lambda: _(
                    "The hearing on {old} was moved to {new}. The packet is for the new "
                    "date and starts with a notice that the date changed."
                ).format(old=formatting.isolate(old), new=formatting.isolate(new)),
                error=True,
            )
        else:
            self.change_banner.clear_message()

    # --- texts ----------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(_("Print hearing packet"))
        when = formatting.date_and_time(self.hearing.starts_at)
        if self.hearing.courtroom:
            text = _("Hearing on {date} at {courthouse}, courtroom {room}").format(
                date=formatting.isolate(when),
                courthouse=formatting.isolate(self.courthouse_name),
                room=formatting.isolate(self.hearing.courtroom),
            )
        else:
            text = _("Hearing on {date} at {courthouse}").format(
                date=formatting.isolate(when),
                courthouse=formatting.isolate(self.courthouse_name),
            )
        self.hearing_label.setText(text)
        self.person_label.setText(_("Packet &for:"))
        self.person_combo.setAccessibleName(_("Person the packet is for"))
        self.choices.retranslate()
        self.preview.retranslate()
        self.message.retranslate()
        self._show_change_banner()
        if self.rendered is None and self.state_label.text():
            self.state_label.setText(_("Updating the preview…"))
        self.print_button.setText(_("&Print…"))
        self.save_button.setText(_("Save as P&DF…"))
        self.open_button.setText(_("&Open in PDF viewer"))
        self.open_button.setToolTip(
            _("Opens a copy in this computer's PDF program. The copy is deleted when you quit.")
        )
        self.calendar_button.setText(_("Save &calendar file…"))
        self.calendar_button.setToolTip(
            _("The court date as a calendar event (.ics), with reminders")
        )
        self.close_button.setText(_("Close"))
