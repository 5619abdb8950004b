"""The Guidance tab (View ▸ Guidance, Ctrl+4) and File ▸ Organisation settings.

The reader opens in the language of the person selected in the window (the person page,
the people list, or a hearing with one person on the agenda), and shows the jurisdiction
section of the selected hearing's courthouse. The organisation settings live here too:
the reader shows the office's contacts and local notes, so it is read again after every
save.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from companion.errors import CompanionError
from companion.ui.guidance.guidance_view import GuidanceView, ReadingContext
from companion.ui.i18n import _
from companion.ui.settings.organisation_dialog import OrganisationDialog
from companion.ui.widgets.prompts import show_error

if TYPE_CHECKING:
    from companion.ui.shell.desk import Desk, Selection

log = logging.getLogger(__name__)

SHOW_GUIDANCE_SHORTCUT = "Ctrl+4"


class GuidanceFeature:
    def __init__(self, window: Desk) -> None:
        self.window = window
        self.view = GuidanceView(window.store)
        window.tabs.addTab(self.view, "")
        actions = window.actions_

        self.show_guidance = QAction(window.widget())
        self.show_guidance.setShortcut(QKeySequence(SHOW_GUIDANCE_SHORTCUT))
        window.widget().addAction(self.show_guidance)
        view_actions = actions.view_menu.actions()
        after = view_actions.index(actions.show_courthouses) + 1
        before = view_actions[after] if after < len(view_actions) else None
        actions.view_menu.insertAction(before, self.show_guidance)  # type: ignore[arg-type]

        self.organisation_settings = QAction(window.widget())
        self.organisation_settings.setMenuRole(QAction.MenuRole.PreferencesRole)
        window.widget().addAction(self.organisation_settings)
        file_actions = actions.file_menu.actions()
        actions.file_menu.insertAction(file_actions[0], self.organisation_settings)
        actions.file_menu.insertSeparator(file_actions[0])

        self._context: Selection | None = None
        self.show_guidance.triggered.connect(self.show)
        self.organisation_settings.triggered.connect(self.open_organisation_settings)
        window.tabs.currentChanged.connect(self._tab_changed)
        window.people_stack.currentChanged.connect(lambda _index: self._remember())
        for view in (window.agenda, window.people, window.person_page, window.courthouses):
            view.selection_changed.connect(self._remember)
        self.view.status_message.connect(
            lambda text: window.widget().statusBar().showMessage(text, 10000)
        )
        self._remember()
        self.retranslate()

    # --- following the window's selection -----------------------------------------------

    def _remember(self) -> None:
        """Note what is selected elsewhere, for when the reader is opened."""
        if self.window.tabs.currentWidget() is not self.view:
            self._context = self.window.selection()

    def _tab_changed(self, _index: int) -> None:
        if self.window.tabs.currentWidget() is self.view:
            self.view.apply_context(self.reading_context())
        else:
            self._remember()

    def reading_context(self) -> ReadingContext:
        """The selected person's language and the selected hearing's jurisdiction."""
        chosen = self._context
        if chosen is None:
            return ReadingContext()
        store = self.window.store
        language: str | None = None
        jurisdiction: str | None = None
        try:
            if chosen.person_id is not None:
                language = store.people.get(chosen.person_id).language
            if chosen.hearing_id is not None:
                hearing = store.hearings.get(chosen.hearing_id)
                courthouse = store.courthouses.get(hearing.courthouse_id, include_deleted=True)
                jurisdiction = courthouse.jurisdiction
        except CompanionError as error:  # the record went away meanwhile
            log.info("selection no longer readable for guidance: %s", error.code)
        return ReadingContext(language, jurisdiction)

    def show(self) -> None:
        self._remember()
        self.window.tabs.setCurrentWidget(self.view)
        self.view.topic_list.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # --- organisation settings --------------------------------------------------------------

    def open_organisation_settings(self) -> OrganisationDialog | None:
        try:
            dialog = OrganisationDialog(self.window.store, parent=self.window.widget())
        except CompanionError as error:
            show_error(self.window.widget(), error)
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._organisation_saved)
        dialog.open()
        return dialog

    def _organisation_saved(self) -> None:
        log.info("organisation settings saved")
        self.view.refresh()
        self.window.widget().statusBar().showMessage(_("Organisation settings saved."), 10000)

    # --- Feature ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.window.tabs.setTabText(self.window.tabs.indexOf(self.view), _("Guidance"))
        self.show_guidance.setText(_("&Guidance"))
        self.show_guidance.setStatusTip(
            _("Plain-language courthouse guidance in the witness's language")
        )
        self.organisation_settings.setText(_("&Organisation settings…"))
        self.organisation_settings.setStatusTip(
            _("The office's name, advocates, hotlines, paper size and local notes")
        )
        self.view.retranslate()

    def closing(self) -> None:
        """Nothing to keep: the reader holds no unsaved state."""


def install(window: Desk) -> GuidanceFeature:
    return GuidanceFeature(window)
