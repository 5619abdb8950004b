"""Hearing packets in the main window: print a packet, docket packets, a calendar file.

Hearing menu: Print packet… (Ctrl+P), Save calendar file…, Docket packets….
Print packet and Save calendar file are also on the agenda's and the person page's
context menus, and Print packet is a button on the person page.

Print packet works on the selected hearing, or, with only a person selected, on that
person's next scheduled hearing.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QToolButton, QWidgetItem

from companion.domain.models import HearingStatus
from companion.errors import CompanionError
from companion.store.store import Store
from companion.ui.i18n import _
from companion.ui.widgets.prompts import inform, show_error

if TYPE_CHECKING:
    from companion.ui.packets.docket_dialog import DocketDialog
    from companion.ui.packets.packet_dialog import PacketDialog
    from companion.ui.shell.desk import Desk

# The packet engine (ReportLab, HarfBuzz, icalendar, the PDF viewer) is imported when a
# packet is first asked for, not while the main window is being opened: it is a third of
# the start-up time otherwise.

log = logging.getLogger(__name__)

PRINT_PACKET_SHORTCUT = "Ctrl+P"
DOCKET_SHORTCUT = "Ctrl+Shift+P"
#: A hearing that started less than this long ago still counts as the next one.
STILL_TODAY = dt.timedelta(hours=12)


def next_hearing_id(store: Store, person_id: int, now: dt.datetime | None = None) -> int | None:
    """The person's next scheduled hearing (this morning's included), if any."""
    moment = (now or dt.datetime.now(dt.UTC)) - STILL_TODAY
    for hearing in store.hearings.for_person(person_id):  # oldest first
        if hearing.status is HearingStatus.SCHEDULED and hearing.starts_at >= moment:
            return hearing.id
    return None


class PacketActions:
    def __init__(self, window: Desk) -> None:
        self.window = window
        self.print_packet = QAction(window.widget())
        self.print_packet.setShortcut(QKeySequence(PRINT_PACKET_SHORTCUT))
        self.save_calendar = QAction(window.widget())
        self.docket_packets = QAction(window.widget())
        self.docket_packets.setShortcut(QKeySequence(DOCKET_SHORTCUT))
        for action in (self.print_packet, self.save_calendar, self.docket_packets):
            window.widget().addAction(action)
        self._add_to_menus()
        self.print_packet.triggered.connect(self.print_selected)
        self.save_calendar.triggered.connect(self.save_calendar_for_selected)
        self.docket_packets.triggered.connect(self.open_docket)
        self._connect_selection()
        self.retranslate()
        self.update_actions()

    def store(self) -> Store:
        """The window's store, read each time (a restore replaces it)."""
        return self.window.store

    def _add_to_menus(self) -> None:
        w = self.window
        menu = w.actions_.hearing_menu
        menu.addSeparator()
        menu.addActions([self.print_packet, self.save_calendar, self.docket_packets])
        w.agenda.table.addActions([self.print_packet, self.save_calendar])
        w.people.table.addAction(self.print_packet)
        page = w.person_page
        page.hearings.addActions([self.print_packet, self.save_calendar])
        self.page_button = QToolButton()
        self.page_button.setDefaultAction(self.print_packet)
        self.page_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        page.buttons.insertWidget(self._button_place(), self.page_button)

    def _button_place(self) -> int:
        """With the hearing buttons: before Move to Trash, else last.

        Only widget items are asked for their widget, and only the window's action buttons
        for their action: PySide6 6.12 loses a reference to None each time Qt returns none.
        """
        row = self.window.person_page.buttons
        for index in range(row.count()):
            item = row.itemAt(index)
            if not isinstance(item, QWidgetItem):
                continue
            button = item.widget()
            if (
                isinstance(button, QToolButton)
                and button.defaultAction() is self.window.actions_.delete
            ):
                return index
        return row.count()

    def _connect_selection(self) -> None:
        w = self.window
        for view in (w.agenda, w.people, w.person_page, w.courthouses):
            view.selection_changed.connect(self.update_actions)
        w.tabs.currentChanged.connect(lambda _index: self.update_actions())
        w.people_stack.currentChanged.connect(lambda _index: self.update_actions())

    def update_actions(self) -> None:
        chosen = self.window.selection()
        self.print_packet.setEnabled(chosen.hearing_id is not None or chosen.person_id is not None)
        self.save_calendar.setEnabled(chosen.hearing_id is not None)

    # --- what the actions do ----------------------------------------------------------------

    def _page_person(self) -> int | None:
        w = self.window
        on_page = (
            w.tabs.currentWidget() is w.people_stack
            and w.people_stack.currentWidget() is w.person_page
        )
        return w.person_page.person_id if on_page else None

    def print_selected(self) -> PacketDialog | None:
        chosen = self.window.selection()
        if chosen.hearing_id is not None:
            return self.open_packet(chosen.hearing_id, self._page_person() or chosen.person_id)
        if chosen.person_id is None:
            return None
        hearing_id = next_hearing_id(self.store(), chosen.person_id)
        if hearing_id is None:
            inform(
                self.window.widget(),
                lambda: _(
                    "This person has no upcoming hearing. "
                    "Choose one of their hearings to print its packet."
                ),
            )
            return None
        return self.open_packet(hearing_id, chosen.person_id)

    def open_packet(self, hearing_id: int, person_id: int | None = None) -> PacketDialog | None:
        from companion.ui.packets.packet_dialog import PacketDialog

        try:
            dialog = PacketDialog(self.store(), hearing_id, person_id, parent=self.window.widget())
        except CompanionError as error:
            show_error(self.window.widget(), error)
            return None
        except ValueError:  # nobody (left) in the hearing
            inform(self.window.widget(), lambda: _("Nobody is linked to this hearing yet."))
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.recorded.connect(self.window.refresh_views)
        dialog.open()
        return dialog

    def save_calendar_for_selected(self) -> None:
        chosen = self.window.selection()
        if chosen.hearing_id is None:
            return
        hearing_id = chosen.hearing_id
        page_person = self._page_person()
        if page_person is not None:
            self.save_calendar_for(hearing_id, page_person)
        else:
            self.window.operations.choose_person(
                hearing_id, lambda person_id: self.save_calendar_for(hearing_id, person_id)
            )

    def save_calendar_for(self, hearing_id: int, person_id: int) -> None:
        """The calendar file of a hearing, worded in the person's packet language."""
        from companion.packets.errors import OutputWriteError
        from companion.packets.from_store import packet_for
        from companion.ui.packets.packet_files import save_calendar_file

        try:
            content = packet_for(self.store(), hearing_id, person_id)
            written = save_calendar_file(self.window.widget(), content)
        except (CompanionError, OutputWriteError) as error:
            show_error(self.window.widget(), error)
            return
        if written is not None:
            self.window.widget().statusBar().showMessage(
                _("Saved the calendar file as {file}.").format(file=written), 10000
            )

    def open_docket(self) -> DocketDialog:
        from companion.ui.packets.docket_dialog import DocketDialog

        dialog = DocketDialog(self.store(), parent=self.window.widget())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.recorded.connect(self.window.refresh_views)
        dialog.open()
        return dialog

    # --- feature ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.print_packet.setText(_("Print &packet…"))
        self.print_packet.setStatusTip(
            _("The hearing packet in the person's language, with a print preview")
        )
        self.save_calendar.setText(_("Save calendar &file…"))
        self.save_calendar.setStatusTip(
            _("The court date as a calendar event (.ics), with reminders")
        )
        self.docket_packets.setText(_("&Docket packets…"))
        self.docket_packets.setStatusTip(
            _("Every packet for the hearings of some days, in one PDF file")
        )

    def closing(self) -> None:
        from companion.viewer_copies import remove_viewer_copies

        remove_viewer_copies(self.window.store.folder)


def install(window: Desk) -> PacketActions:
    return PacketActions(window)
