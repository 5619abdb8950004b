"""Docket packets: every packet for the hearings of some days, in one PDF file.

Each person's packet is in their own language. The batch renders off the interface
thread behind a progress dialog that can be cancelled; the file is written only when
the whole batch is done (temporary file, then rename), so a cancel or an error leaves
nothing at the chosen path.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion.errors import CompanionError, ValidationError
from companion.packets.content import PacketContent, PacketKind, PaperSize
from companion.packets.errors import OutputWriteError
from companion.packets.from_store import docket_packets
from companion.packets.output import write_pdf_atomically
from companion.packets.renderer import packet_missing_glyphs, render_docket
from companion.store.audit import AuditAction
from companion.store.store import Store
from companion.ui import formatting
from companion.ui.background import Progress, start_job
from companion.ui.i18n import _, ngettext
from companion.ui.packets.packet_choices import PacketChoicesForm
from companion.ui.packets.packet_dialog import PACKET_SAVED, describe_characters
from companion.ui.packets.packet_files import ask_save_path, docket_file_name
from companion.ui.records.dialogs.fields import DateField
from companion.ui.widgets.messages import MessageLabel
from companion.ui.widgets.prompts import ConfirmBox, confirm, show_error

log = logging.getLogger(__name__)

DEFAULT_DAYS = 7
# Item data is a number, never None (PySide6 6.12 on Python 3.11 drops a reference to
# None each time Qt hands one back).
ALL_COURTHOUSES = 0


@dataclass(frozen=True)
class RenderedDocket:
    data: bytes
    missing: frozenset[str]


def docket_work(
    contents: list[PacketContent], cancelled: threading.Event, progress: Progress
) -> RenderedDocket:
    """What the worker thread does. Raises ``RenderCancelled`` once ``cancelled`` is set."""
    data = render_docket(contents, progress=progress, should_cancel=cancelled.is_set)
    missing: set[str] = set()
    for content in contents:
        missing |= packet_missing_glyphs(content)
    return RenderedDocket(data, frozenset(missing))


class DocketDialog(QDialog):
    #: A batch ended: True when the file was written, False when cancelled or failed.
    batch_finished = Signal(bool)
    #: Packets were saved and recorded in people's history.
    recorded = Signal()

    def __init__(
        self, store: Store, parent: QWidget | None = None, today: dt.date | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        first_day = today or dt.date.today()
        self.progress: QProgressDialog | None = None
        self._cancelled = threading.Event()
        self._count = 0

        self.first_label = QLabel()
        self.first_day = DateField()
        self.first_day.set_date(first_day)
        self.first_label.setBuddy(self.first_day)
        self.last_label = QLabel()
        self.last_day = DateField()
        self.last_day.set_date(first_day + dt.timedelta(days=DEFAULT_DAYS))
        self.last_label.setBuddy(self.last_day)
        self.courthouse_label = QLabel()
        self.courthouse_combo = QComboBox()
        self.courthouse_combo.addItem("", ALL_COURTHOUSES)
        for courthouse in store.courthouses.list():
            self.courthouse_combo.addItem(courthouse.name, courthouse.id)
        self.courthouse_label.setBuddy(self.courthouse_combo)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.choices = PacketChoicesForm(PaperSize(store.organisation.get().paper))
        self.message = MessageLabel()
        self.save_button = QPushButton()
        self.save_button.setDefault(True)
        self.close_button = QPushButton()

        # The days and the courthouse head the options' form, so the fields line up.
        form = self.choices.form
        form.insertRow(0, self.first_label, self.first_day)
        form.insertRow(1, self.last_label, self.last_day)
        form.insertRow(2, self.courthouse_label, self.courthouse_combo)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.choices, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.resize(520, 600)  # fits a 1366×768 laptop at 125% (1092×614)

        self.save_button.clicked.connect(self.save_pdf)
        self.close_button.clicked.connect(self.reject)
        self.retranslate()

    # --- what to print ------------------------------------------------------------------------

    def _days(self) -> tuple[dt.date, dt.date]:
        start = self.first_day.date("from")
        end = self.last_day.date("to")
        if end < start:
            raise ValidationError("to", "before_start", self.last_day.text())
        return start, end

    def contents(self) -> tuple[dt.date, dt.date, list[PacketContent]]:
        start, end = self._days()
        courthouse = self.courthouse_combo.currentData()
        packets = docket_packets(
            self.store, start, end, int(courthouse) if courthouse else None, self.choices.choice()
        )
        return start, end, packets

    # --- save -----------------------------------------------------------------------------------

    def save_pdf(self) -> None:
        self.message.clear_message()
        try:
            start, end, packets = self.contents()
        except CompanionError as error:
            self.message.show_error(error)
            return
        if not packets:
            self.message.show_message(
                lambda: _("There is no packet to print: no hearing with people matched."),
                error=True,
            )
            return
        path = ask_save_path(
            self,
            _("Save the docket packets as PDF"),
            docket_file_name(start, end),
            _("PDF files (*.pdf)"),
        )
        if path is not None:
            self.render_to(path, packets)

    def render_to(self, path: Path, packets: list[PacketContent]) -> None:
        """Render the batch off the interface thread, then write it to ``path``."""
        self._cancelled = threading.Event()
        self._count = len(packets)
        progress = QProgressDialog(self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.setMinimumDuration(0)
        progress.setRange(0, len(packets))
        progress.setValue(0)
        progress.canceled.connect(self._cancelled.set)
        self.progress = progress
        self._retranslate_progress(0)
        progress.show()
        self.save_button.setEnabled(False)
        start_job(
            partial(docket_work, packets, self._cancelled),
            partial(self._rendered, path, packets),
            self._failed,
            self._progressed,
        )

    def cancel(self) -> None:
        """Stop the batch being rendered (as the progress dialog's Cancel button does)."""
        self._cancelled.set()

    def _progressed(self, done: int, total: int) -> None:
        if shiboken6.isValid(self) and self.progress is not None:
            self.progress.setValue(done)
            self._retranslate_progress(done)

    def _end_progress(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        self.save_button.setEnabled(True)

    def _rendered(self, path: Path, packets: list[PacketContent], result: RenderedDocket) -> None:
        if not shiboken6.isValid(self):
            return
        self._end_progress()
        if not result.missing:
            self._write(path, packets, result.data)
            return
        characters = describe_characters(result.missing)
        box = confirm(
            self,
            lambda: _("Characters that cannot be printed"),
            lambda: _(
                "No font in Court Companion has these characters: {characters}. "
                "The packets will show a mark in their place: ◌ for an emoji, "
                "� for any other character."
            ).format(characters=characters),
            lambda: _("Save anyway"),
            partial(self._write, path, packets, result.data),
            reject_label=lambda: _("Do not save"),
        )
        box.buttonClicked.connect(partial(self._glyph_answer, box))

    def _glyph_answer(self, box: ConfirmBox, button: object) -> None:
        if button is box.cancel_button:
            self.batch_finished.emit(False)

    def _failed(self, error: Exception) -> None:
        if not shiboken6.isValid(self):
            return
        self._end_progress()
        if not isinstance(error, CompanionError):
            self.batch_finished.emit(False)
            raise error
        log.info("docket batch stopped: %s", error.code)
        self.message.show_error(error)
        self.batch_finished.emit(False)

    def _write(self, path: Path, packets: list[PacketContent], data: bytes) -> None:
        try:
            written = write_pdf_atomically(path, data)
        except OutputWriteError as error:
            show_error(self, error)
            self.batch_finished.emit(False)
            return
        self._record(packets)
        count = len(packets)
        kinds = [content.kind for content in packets]
        changed = kinds.count(PacketKind.CHANGE_NOTICE)
        cancelled = kinds.count(PacketKind.CANCELLATION)

        def saved() -> str:
            lines = [
                ngettext(
                    "Saved {count} packet to {path}.", "Saved {count} packets to {path}.", count
                ).format(count=formatting.number(count), path=written)
            ]
            if changed:
                lines.append(
                    ngettext(
                        "{count} of them is for a moved hearing and starts with a change notice.",
                        "{count} of them are for moved hearings and start with a change notice.",
                        changed,
                    ).format(count=formatting.number(changed))
                )
            if cancelled:
                lines.append(
                    ngettext(
                        "{count} of them is a cancellation notice.",
                        "{count} of them are cancellation notices.",
                        cancelled,
                    ).format(count=formatting.number(cancelled))
                )
            return "\n".join(lines)

        self.message.show_message(saved)
        self.batch_finished.emit(True)

    def _record(self, packets: list[PacketContent]) -> None:
        """Each person's history, and one audit entry for the batch (as the CLI does)."""
        hearing_ids = list(dict.fromkeys(content.hearing_id for content in packets))
        try:
            with self.store.db.atomic():
                for hearing_id in hearing_ids:
                    for entry in self.store.hearings.attendance_for(hearing_id):
                        self.store.people.record_history(entry.person_id, PACKET_SAVED, hearing_id)
                self.store.audit.record(
                    AuditAction.SAVED_PACKET, "docket", None, f"packets={len(packets)}"
                )
        except CompanionError as error:
            show_error(self, error)
            return
        log.info("docket of %d packets saved", len(packets))
        self.recorded.emit()

    # --- texts ----------------------------------------------------------------------------

    def _retranslate_progress(self, done: int) -> None:
        if self.progress is None:
            return
        self.progress.setWindowTitle(_("Docket packets"))
        self.progress.setLabelText(
            _("Preparing packet {number} of {total}…").format(
                number=formatting.number(min(done + 1, self._count)),
                total=formatting.number(self._count),
            )
        )
        self.progress.setCancelButtonText(_("Cancel"))

    def retranslate(self) -> None:
        self.setWindowTitle(_("Docket packets"))
        self.explanation.setText(
            _(
                "One PDF file with the packet of every person in the hearings of these days, "
                "each in the person's own language. A moved hearing gets a change notice and "
                "the packet for its new date; a cancelled one, a cancellation notice."
            )
        )
        self.first_label.setText(_("&First day:"))
        self.first_day.retranslate(_("First day"))
        self.last_label.setText(_("&Last day:"))
        self.last_day.retranslate(_("Last day"))
        self.courthouse_label.setText(_("C&ourthouse:"))
        self.courthouse_combo.setItemText(0, _("All courthouses"))
        self.courthouse_combo.setAccessibleName(_("Courthouse"))
        self.choices.retranslate()
        self.message.retranslate()
        self.save_button.setText(_("Save as P&DF…"))
        self.close_button.setText(_("Close"))
        if self.progress is not None:
            self._retranslate_progress(self.progress.value())
