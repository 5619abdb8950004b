"""Outreach in the main window: the Today's calls tab (View ▸ Today's calls, Ctrl+5),
and Hearing ▸ Log a contact… (Ctrl+Shift+L) and Hearing ▸ Needs for this hearing…
(Ctrl+Shift+E) for the person and hearing selected in any view."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog

from companion.errors import CompanionError
from companion.ui.i18n import _
from companion.ui.outreach.calls_view import CallsView
from companion.ui.widgets.prompts import show_error

if TYPE_CHECKING:
    from companion.ui.outreach.contact_dialog import ContactDialog
    from companion.ui.shell.desk import Desk

log = logging.getLogger(__name__)

SHOW_CALLS_SHORTCUT = "Ctrl+5"
LOG_CONTACT_SHORTCUT = "Ctrl+Shift+L"
NEEDS_SHORTCUT = "Ctrl+Shift+E"


class OutreachFeature:
    def __init__(self, window: Desk) -> None:
        self.window = window
        self.view = CallsView(window.store, fill=False)
        window.tabs.addTab(self.view, "")
        actions = window.actions_
        widget = window.widget()

        self.show_calls = QAction(widget)
        self.show_calls.setShortcut(QKeySequence(SHOW_CALLS_SHORTCUT))
        widget.addAction(self.show_calls)
        view_actions = actions.view_menu.actions()
        # After the last of the tabs' actions (Agenda ... Guidance), before the separator.
        separator = next((action for action in view_actions if action.isSeparator()), None)
        actions.view_menu.insertAction(separator, self.show_calls)  # type: ignore[arg-type]

        self.log_contact = QAction(widget)
        self.log_contact.setShortcut(QKeySequence(LOG_CONTACT_SHORTCUT))
        self.needs = QAction(widget)
        self.needs.setShortcut(QKeySequence(NEEDS_SHORTCUT))
        for action in (self.log_contact, self.needs):
            widget.addAction(action)
            actions.hearing_menu.addAction(action)

        self.show_calls.triggered.connect(self.show)
        self.log_contact.triggered.connect(self.log_for_selection)
        self.needs.triggered.connect(self.needs_for_selection)
        self.view.details_requested.connect(self.log_for_selection)
        self.view.log_button.clicked.connect(self.log_for_selection)
        self.view.needs_button.clicked.connect(self.needs_for_selection)
        self.view.person_button.clicked.connect(self._open_person)
        self.view.contact_logged.connect(window.refresh_views)
        self.view.status_message.connect(lambda text: widget.statusBar().showMessage(text, 10000))
        window.tabs.currentChanged.connect(self._tab_changed)
        self.retranslate()

    # --- what the actions apply to -----------------------------------------------------

    def _on_calls(self) -> bool:
        return self.window.tabs.currentWidget() is self.view

    def _with_pair(self, then: Callable[[int, int], None]) -> None:
        """Call ``then(person_id, hearing_id)`` for the selection: the calls list's row, or
        a hearing elsewhere and its person (asked for when the hearing has several)."""
        if self._on_calls():
            pair = self.view.selected_pair()
            if pair is not None:
                then(*pair)
            return
        chosen = self.window.selection()
        if chosen.hearing_id is None:
            self.window.widget().statusBar().showMessage(
                _("Choose a hearing first, in the agenda or on a person's hearings."), 10000
            )
            return
        hearing_id = chosen.hearing_id
        if chosen.person_id is not None:
            then(chosen.person_id, hearing_id)
        else:
            self.window.operations.choose_person(hearing_id, lambda pid: then(pid, hearing_id))

    def log_for_selection(self) -> None:
        self._with_pair(
            lambda person, hearing: self._discard(self.open_contact_dialog(person, hearing))
        )

    def needs_for_selection(self) -> None:
        self._with_pair(
            lambda person, hearing: self._discard(self.open_needs_dialog(person, hearing))
        )

    @staticmethod
    def _discard(_dialog: QDialog | None) -> None:
        """The dialog runs on its own (window-modal); nothing waits for it here."""

    def _open_person(self) -> None:
        pair = self.view.selected_pair()
        if pair is not None:
            self.window.open_person(pair[0])

    # --- dialogs ---------------------------------------------------------------------------

    def _open(self, make: Callable[[], QDialog]) -> QDialog | None:
        try:
            dialog = make()
        except CompanionError as error:
            show_error(self.window.widget(), error)
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._saved)
        dialog.open()
        return dialog

    def open_contact_dialog(self, person_id: int, hearing_id: int) -> QDialog | None:
        from companion.ui.outreach.contact_dialog import ContactDialog

        outcome = self.view.pending.value if self.view.pending else None
        row = self.view.row_of(person_id, hearing_id) if self._on_calls() else None
        dialog = self._open(
            lambda: ContactDialog(
                self.window.store, person_id, hearing_id, outcome, parent=self.window.widget()
            )
        )
        if isinstance(dialog, ContactDialog) and row is not None:
            dialog.accepted.connect(lambda: self._logged_from_dialog(dialog, row))
        return dialog

    def _logged_from_dialog(self, dialog: ContactDialog, row: int) -> None:
        """As after the number keys: the list moves on to the person after the one just
        logged (never back to the top, where a next key would log the wrong person), and
        the status bar says what was logged."""
        self.view.after_logging(dialog.person_id, dialog.hearing_id, row)
        outcome = dialog.chosen_outcome
        if outcome is not None:
            self.view.announce_logged(outcome, dialog.person.display_name)

    def open_needs_dialog(self, person_id: int, hearing_id: int) -> QDialog | None:
        from companion.ui.outreach.needs_dialog import NeedsDialog

        return self._open(
            lambda: NeedsDialog(
                self.window.store, person_id, hearing_id, parent=self.window.widget()
            )
        )

    def _saved(self) -> None:
        log.info("outreach record saved")
        self.window.refresh_views()
        if self._on_calls():  # elsewhere it is read again when its tab is shown
            self.view.refresh()
            self.view.table.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- the tab -------------------------------------------------------------------------

    def show(self) -> None:
        self.window.tabs.setCurrentWidget(self.view)
        self.view.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _tab_changed(self, _index: int) -> None:
        if self._on_calls():
            self.view.refresh()

    # --- Feature ---------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.window.tabs.setTabText(self.window.tabs.indexOf(self.view), _("Today's calls"))
        self.show_calls.setText(_("Today's ca&lls"))
        self.show_calls.setStatusTip(_("Everyone due for a reminder call today"))
        self.log_contact.setText(_("&Log a contact…"))
        self.log_contact.setStatusTip(_("Log a call, text, letter or visit, and what came of it"))
        self.needs.setText(_("Ne&eds for this hearing…"))
        self.needs.setStatusTip(
            _("Interpreter, transport, childcare and the rest of what helps them come")
        )
        self.view.retranslate()

    def closing(self) -> None:
        """Nothing to keep: every outcome is stored as it is logged."""


def install(window: Desk) -> OutreachFeature:
    return OutreachFeature(window)
