"""Saving packets and calendar files: where to (asked once), and all or nothing.

File names suggested here carry a date and a record number, never a person's name.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from companion.i18n.catalog import translator
from companion.packets.calendar import event_for_packet, ics_bytes
from companion.packets.content import PacketContent
from companion.packets.output import write_pdf_atomically
from companion.ui.i18n import _

log = logging.getLogger(__name__)


def default_folder() -> Path:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents else Path.home()


def ask_save_path(parent: QWidget, title: str, suggested: str, file_filter: str) -> Path | None:
    """Ask where to save; None if the user cancelled. Adds the suggested suffix if missing."""
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, title, str(default_folder() / suggested), file_filter
    )
    if not chosen:
        return None
    path = Path(chosen)
    suffix = Path(suggested).suffix
    if suffix and path.suffix.lower() != suffix:
        path = path.with_name(path.name + suffix)
    return path


def packet_file_name(content: PacketContent) -> str:
    day = content.starts_at.date().isoformat()
    # Translators: a suggested file name. Keep the ending (.pdf) and use no slashes.
    return _("hearing-packet-{date}-{number}.pdf").format(date=day, number=content.hearing_id)


def docket_file_name(start: dt.date, end: dt.date) -> str:
    # Translators: a suggested file name. Keep the ending (.pdf) and use no slashes.
    return _("docket-packets-{start}-to-{end}.pdf").format(
        start=start.isoformat(), end=end.isoformat()
    )


def calendar_file_name(content: PacketContent) -> str:
    day = content.starts_at.date().isoformat()
    # Translators: a suggested file name. Keep the ending (.ics) and use no slashes.
    return _("court-date-{date}-{number}.ics").format(date=day, number=content.hearing_id)


def calendar_bytes(content: PacketContent) -> bytes:
    """The hearing as an ``.ics`` file, worded in the packet's language (as the QR code)."""
    event = event_for_packet(content, translator(content.language))
    return ics_bytes(event, now=dt.datetime.now(dt.UTC))


def save_calendar_file(parent: QWidget, content: PacketContent) -> Path | None:
    """Ask where, then write the calendar file whole. None if the user cancelled.

    Raises ``OutputWriteError`` if it cannot be written (nothing is left there).
    """
    path = ask_save_path(
        parent,
        _("Save the court date as a calendar file"),
        calendar_file_name(content),
        _("Calendar files (*.ics)"),
    )
    if path is None:
        return None
    written = write_pdf_atomically(path, calendar_bytes(content))
    log.info("saved the calendar file of hearing %d", content.hearing_id)
    return written
