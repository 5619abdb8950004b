"""The main window: the agenda, people (with each person's page) and courthouses.

Menus and shortcuts live in ``main_actions``; what a hearing action does lives in
``records.hearing_operations``. This module wires them to the views and to the
editing dialogs, and keeps the views fresh after every change.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QMainWindow,
    QStackedWidget,
    QTabBar,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from companion.domain.models import HearingStatus
from companion.errors import CompanionError
from companion.store.store import Store
from companion.ui import preferences
from companion.ui.i18n import _
from companion.ui.records.agenda_view import AgendaView, Clock, _utc_now
from companion.ui.records.courthouses_view import CourthousesView
from companion.ui.records.hearing_operations import HearingOperations
from companion.ui.records.people_view import PeopleView
from companion.ui.records.person_page import PersonPage
from companion.ui.records.trash_dialog import TrashDialog
from companion.ui.records.trash_question import ask_to_trash
from companion.ui.shell.about_dialog import AboutDialog
from companion.ui.shell.desk import Selection
from companion.ui.shell.features import install_features
from companion.ui.shell.main_actions import MainActions
from companion.ui.widgets.demo_banner import DEMO_MARK, DemoBanner
from companion.ui.widgets.prompts import ConfirmBox, show_error

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    def __init__(self, store: Store, clock: Clock = _utc_now) -> None:
        super().__init__()
        self.store = store
        self.is_demo = store.settings.is_demo
        self.actions_ = MainActions(self)

        self.agenda = AgendaView(store, clock)
        self.people = PeopleView(store)
        self.person_page = PersonPage(store)
        self.people_stack = QStackedWidget()
        self.people_stack.addWidget(self.people)
        self.people_stack.addWidget(self.person_page)
        self.courthouses = CourthousesView(store)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.agenda, "")
        self.tabs.addTab(self.people_stack, "")
        self.tabs.addTab(self.courthouses, "")

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        self.demo_banner: DemoBanner | None = None
        if self.is_demo:
            self.demo_banner = DemoBanner()
            layout.addWidget(self.demo_banner)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

        self.operations = HearingOperations(self, store, self.refresh_views, self.show_hearing)
        self._connect()
        self.features = install_features(self)
        self._restore_geometry()
        self.retranslate()
        self.update_actions()

    # --- wiring ---------------------------------------------------------------------------

    def _connect(self) -> None:
        a = self.actions_
        a.trash.triggered.connect(self.open_trash)
        a.quit.triggered.connect(self.close)
        a.new_person.triggered.connect(self.new_person)
        a.new_case.triggered.connect(self.new_case)
        a.new_hearing.triggered.connect(self.new_hearing)
        a.new_courthouse.triggered.connect(self.new_courthouse)
        a.edit.triggered.connect(self.edit_selected)
        a.delete.triggered.connect(self.delete_selected)
        a.open_person.triggered.connect(self.open_selected_person)
        a.continue_hearing.triggered.connect(self._continue_selected)
        a.cancel_hearing.triggered.connect(self._cancel_selected)
        a.set_attendance.triggered.connect(self._attendance_for_selected)
        a.show_agenda.triggered.connect(self.show_agenda)
        a.show_people.triggered.connect(self.show_people_list)
        a.show_courthouses.triggered.connect(lambda: self.tabs.setCurrentWidget(self.courthouses))
        a.find_person.triggered.connect(self.find_person)
        a.back.triggered.connect(self.show_people_list)
        a.refresh.triggered.connect(self.refresh_views)
        a.about.triggered.connect(self.open_about)

        for view in (self.agenda, self.people, self.person_page, self.courthouses):
            view.selection_changed.connect(self.update_actions)
        self.tabs.currentChanged.connect(lambda _index: self.update_actions())
        self.people_stack.currentChanged.connect(lambda _index: self.update_actions())
        self.agenda.hearing_activated.connect(self.edit_hearing)
        self.person_page.hearing_activated.connect(self.edit_hearing)
        self.people.person_activated.connect(self.open_person)
        self.person_page.back_requested.connect(self.show_people_list)
        self.courthouses.courthouse_activated.connect(self.edit_courthouse)

        hearing_actions = [a.open_person, *a.hearing_actions(), a.edit, a.delete]
        self.agenda.table.addActions(hearing_actions)
        self.agenda.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.people.table.addActions([a.open_person, a.edit, a.delete, a.new_case])
        self.people.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.person_page.set_actions(
            [a.edit, a.new_case, a.new_hearing, *a.hearing_actions(), a.delete]
        )
        self.courthouses.set_actions([a.new_courthouse, a.edit, a.delete])

    # --- what features see (``companion.ui.shell.desk.Desk``) --------------------------------

    def widget(self) -> QMainWindow:
        return self

    @staticmethod
    def new_desk(store: Store) -> MainWindow:
        return MainWindow(store)

    # --- what the actions apply to -----------------------------------------------------------

    def selection(self) -> Selection:
        current = self.tabs.currentWidget()
        if current is self.agenda:
            entry = self.agenda.selected_entry()
            if entry is None:
                return Selection()
            person_id = entry.people[0].id if len(entry.people) == 1 else None
            return Selection(entry.hearing_id, entry.status, person_id, entry.case_id)
        if current is self.courthouses:
            return Selection(courthouse_id=self.courthouses.selected_courthouse_id())
        if current is not self.people_stack:
            # A tab added by a feature (such as Guidance): record actions apply to nothing.
            return Selection()
        if self.people_stack.currentWidget() is self.people:
            return Selection(person_id=self.people.selected_person_id())
        page = self.person_page
        hearing_id = status = case_id = None
        if page.tabs.currentWidget() is page.hearings and page.records is not None:
            hearing_id = page.selected_hearing_id()
            for hearing in page.records.hearings:
                if hearing.id == hearing_id:
                    status, case_id = hearing.status, hearing.case_id
        elif page.tabs.currentWidget() is page.cases:
            case_id = page.selected_case_id()
        if case_id is None and page.records is not None and len(page.records.cases) == 1:
            case_id = page.records.cases[0].id
        return Selection(hearing_id, status, page.person_id, case_id)

    def _edit_target(self) -> tuple[str, int] | None:
        """The one record Edit and Delete apply to: the most specific thing selected."""
        chosen = self.selection()
        current = self.tabs.currentWidget()
        if chosen.hearing_id is not None:
            return ("hearing", chosen.hearing_id)
        if current is self.courthouses and chosen.courthouse_id is not None:
            return ("courthouse", chosen.courthouse_id)
        if self.people_stack.currentWidget() is self.person_page and current is self.people_stack:
            page = self.person_page
            if page.tabs.currentWidget() is page.cases and page.selected_case_id() is not None:
                return ("case", int(page.selected_case_id() or 0))
        if current is self.people_stack and chosen.person_id is not None:
            return ("person", chosen.person_id)
        return None

    def update_actions(self) -> None:
        a = self.actions_
        chosen = self.selection()
        scheduled = chosen.hearing_status is HearingStatus.SCHEDULED
        a.continue_hearing.setEnabled(scheduled)
        a.cancel_hearing.setEnabled(scheduled)
        a.set_attendance.setEnabled(chosen.hearing_id is not None)
        on_agenda = self.tabs.currentWidget() is self.agenda
        a.open_person.setEnabled(
            (on_agenda and chosen.hearing_id is not None)
            or (self.people_stack.currentWidget() is self.people and chosen.person_id is not None)
        )
        target = self._edit_target()
        a.name_target(target[0] if target is not None else None)
        a.edit.setEnabled(target is not None)
        a.delete.setEnabled(target is not None)
        a.back.setEnabled(self.people_stack.currentWidget() is self.person_page)

    # --- navigation -----------------------------------------------------------------------

    def show_people_list(self) -> None:
        self.tabs.setCurrentWidget(self.people_stack)
        self.people_stack.setCurrentWidget(self.people)
        if self.person_page.person_id is not None:
            self.people.select_person(self.person_page.person_id)
        self.people.table.setFocus()

    def find_person(self) -> None:
        self.show_people_list()
        self.people.focus_search()

    def open_person(self, person_id: int) -> None:
        try:
            self.person_page.show_person(person_id)
        except CompanionError as error:
            show_error(self, error)
            return
        self.tabs.setCurrentWidget(self.people_stack)
        self.people_stack.setCurrentWidget(self.person_page)
        if self.person_page.show_next_hearing(_utc_now()):
            self.person_page.hearings.setFocus()
        else:
            self.person_page.tabs.setFocus()
        self.update_actions()

    def show_hearing(self, hearing_id: int) -> None:
        """Select ``hearing_id`` where the staff member is: on the agenda, or on the
        person's page."""
        if self.tabs.currentWidget() is self.agenda:
            self.agenda.select_hearing(hearing_id)
        elif self.people_stack.currentWidget() is self.person_page:
            self.person_page.tabs.setCurrentWidget(self.person_page.hearings)
            self.person_page.select_hearing(hearing_id)
        self.update_actions()

    def open_selected_person(self) -> None:
        if self.tabs.currentWidget() is self.agenda:
            entry = self.agenda.selected_entry()
            if entry is not None:
                self.operations.choose_person(entry.hearing_id, self.open_person)
            return
        person_id = self.selection().person_id
        if person_id is not None:
            self.open_person(person_id)

    def show_agenda(self) -> None:
        """The agenda, with the focus in its list (arrow keys move through hearings, not
        the period shown), as Today's calls does."""
        self.tabs.setCurrentWidget(self.agenda)
        self.agenda.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def refresh_views(self) -> None:
        """Read everything shown again from the store (after any change)."""
        self.agenda.refresh()
        self.people.refresh()
        self.courthouses.refresh()
        if self.person_page.records is not None and not self.person_page.refresh():
            self.show_people_list()
        self.update_actions()

    # --- editing dialogs (written by the dialogs module; opened window-modal) ----------------

    def _open_dialog(
        self, make: Callable[[], QDialog], on_saved: Callable[[int | None], None] | None = None
    ) -> QDialog | None:
        try:
            dialog = make()
        except CompanionError as error:
            show_error(self, error)
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def saved() -> None:
            saved_id = getattr(dialog, "saved_id", None)
            log.info("saved record %s from %s", saved_id, type(dialog).__name__)
            self.refresh_views()
            if on_saved is not None:
                on_saved(saved_id)

        dialog.accepted.connect(saved)
        dialog.open()
        return dialog

    def new_person(self) -> QDialog | None:
        from companion.ui.records.dialogs.person_dialog import PersonDialog

        def opened(person_id: int | None) -> None:
            if person_id is not None:
                self.open_person(person_id)

        return self._open_dialog(lambda: PersonDialog(self.store, parent=self), opened)

    def edit_person(self, person_id: int) -> QDialog | None:
        from companion.ui.records.dialogs.person_dialog import PersonDialog

        return self._open_dialog(lambda: PersonDialog(self.store, person_id, parent=self))

    def new_case(self) -> QDialog | None:
        from companion.ui.records.dialogs.case_dialog import CaseDialog

        person_id = self.selection().person_id
        return self._open_dialog(lambda: CaseDialog(self.store, person_id=person_id, parent=self))

    def edit_case(self, case_id: int) -> QDialog | None:
        from companion.ui.records.dialogs.case_dialog import CaseDialog

        return self._open_dialog(lambda: CaseDialog(self.store, case_id=case_id, parent=self))

    def new_hearing(self) -> QDialog | None:
        from companion.ui.records.dialogs.hearing_dialog import HearingDialog

        case_id = self.selection().case_id

        def shown(hearing_id: int | None) -> None:
            if hearing_id is not None:
                self.show_hearing(hearing_id)

        return self._open_dialog(
            lambda: HearingDialog(self.store, case_id=case_id, parent=self), shown
        )

    def edit_hearing(self, hearing_id: int) -> QDialog | None:
        from companion.ui.records.dialogs.hearing_dialog import HearingDialog

        return self._open_dialog(
            lambda: HearingDialog(self.store, hearing_id=hearing_id, parent=self)
        )

    def new_courthouse(self) -> QDialog | None:
        from companion.ui.records.dialogs.courthouse_dialog import CourthouseDialog

        return self._open_dialog(lambda: CourthouseDialog(self.store, parent=self))

    def edit_courthouse(self, courthouse_id: int) -> QDialog | None:
        from companion.ui.records.dialogs.courthouse_dialog import CourthouseDialog

        return self._open_dialog(lambda: CourthouseDialog(self.store, courthouse_id, parent=self))

    def edit_selected(self) -> QDialog | None:
        target = self._edit_target()
        if target is None:
            return None
        kind, record_id = target
        openers = {
            "hearing": self.edit_hearing,
            "courthouse": self.edit_courthouse,
            "case": self.edit_case,
            "person": self.edit_person,
        }
        return openers[kind](record_id)

    def delete_selected(self) -> ConfirmBox | None:
        """Del: ask, naming what goes to the Trash, then move it there. Nothing happens
        while a tab bar has the focus (Del there once sent a whole person away)."""
        if isinstance(QApplication.focusWidget(), QTabBar):
            return None
        target = self._edit_target()
        if target is None:
            return None
        kind, record_id = target
        asked = ask_to_trash(
            self, self.store, kind, record_id, lambda: self._trash(kind, record_id)
        )
        if asked is None:
            self._trash(kind, record_id)  # gone already: the store says so
        return asked

    def _trash(self, kind: str, record_id: int) -> None:
        deleters: dict[str, Callable[[int], None]] = {
            "hearing": self.store.hearings.delete,
            "courthouse": self.store.courthouses.delete,
            "case": self.store.cases.delete,
            "person": self.store.people.delete,
        }
        try:
            deleters[kind](record_id)
        except CompanionError as error:
            show_error(self, error)
            return
        log.info("moved %s %d to the Trash", kind, record_id)
        if kind == "person":
            self.show_people_list()
        self.refresh_views()
        self.statusBar().showMessage(
            _("Moved to the Trash. You can restore it from File ▸ Trash."), 10000
        )

    # --- hearing actions --------------------------------------------------------------------

    def _continue_selected(self) -> None:
        hearing_id = self.selection().hearing_id
        if hearing_id is not None:
            self.operations.continue_hearing(hearing_id)

    def _cancel_selected(self) -> None:
        hearing_id = self.selection().hearing_id
        if hearing_id is not None:
            self.operations.cancel_hearing(hearing_id)

    def _attendance_for_selected(self) -> None:
        chosen = self.selection()
        if chosen.hearing_id is None:
            return
        on_page = self.tabs.currentWidget() is self.people_stack
        person_id = self.person_page.person_id if on_page else None
        self.operations.set_attendance(chosen.hearing_id, person_id)

    # --- other windows ----------------------------------------------------------------------

    def open_trash(self) -> TrashDialog:
        dialog = TrashDialog(self.store, self)
        dialog.changed.connect(self.refresh_views)
        dialog.open()
        return dialog

    def open_about(self) -> AboutDialog:
        dialog = AboutDialog(self)
        dialog.open()
        return dialog

    # --- window -------------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = preferences.app_settings().value(preferences.WINDOW_GEOMETRY_KEY)
        if isinstance(geometry, QByteArray) and self.restoreGeometry(geometry):
            return
        self.resize(1180, 720)

    def closeEvent(self, event: QCloseEvent) -> None:
        for feature in self.features:
            feature.closing()
        preferences.app_settings().setValue(preferences.WINDOW_GEOMETRY_KEY, self.saveGeometry())
        super().closeEvent(event)

    def retranslate(self) -> None:
        title = _("Court Companion")
        if self.is_demo:
            title = _("Court Companion — {mark}: fictional demo office").format(mark=DEMO_MARK)
        self.setWindowTitle(title)
        self.actions_.retranslate()
        self.tabs.setTabText(0, _("Agenda"))
        self.tabs.setTabText(1, _("People"))
        self.tabs.setTabText(2, _("Courthouses"))
        self.tabs.setAccessibleName(_("Views"))
        if self.demo_banner is not None:
            self.demo_banner.retranslate()
        self.agenda.retranslate()
        self.people.retranslate()
        self.person_page.retranslate()
        self.courthouses.retranslate()
        for feature in getattr(self, "features", []):
            feature.retranslate()
