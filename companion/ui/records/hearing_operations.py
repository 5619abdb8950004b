"""What the hearing actions do: continue to a new date, cancel, and record attendance.

Shared by the agenda and the person page. Every dialog opens window-modal and
calls back, so the window stays responsive to language changes and tests.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QInputDialog, QWidget

from companion.domain.models import HearingStatus
from companion.errors import CompanionError
from companion.store.store import Store
from companion.ui import formatting
from companion.ui.i18n import _
from companion.ui.widgets.prompts import confirm, inform, show_error

log = logging.getLogger(__name__)


class PersonChooser(QInputDialog):
    """Which of a hearing's people an action is for. Names are user data, not translated."""

    def __init__(
        self, people: list[tuple[int, str]], on_chosen: Callable[[int], None], parent: QWidget
    ) -> None:
        super().__init__(parent)
        self._people = people
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setInputMode(QInputDialog.InputMode.TextInput)
        self.setComboBoxItems([name for _id, name in people])
        self.setComboBoxEditable(False)
        self.accepted.connect(lambda: on_chosen(self.chosen_id()))
        self.retranslate()

    def chosen_id(self) -> int:
        names = [name for _id, name in self._people]
        position = names.index(self.textValue()) if self.textValue() in names else 0
        return self._people[position][0]

    def retranslate(self) -> None:
        self.setWindowTitle(_("Choose a person"))
        self.setLabelText(_("This hearing concerns several people. Which one?"))
        self.setOkButtonText(_("OK"))
        self.setCancelButtonText(_("Cancel"))
        self.setAccessibleName(_("Choose a person"))


class HearingOperations:
    """``changed`` reloads the views after a change; ``show_hearing`` selects a hearing in
    the view at hand (the new one, after a continuance, so Ctrl+P prints its packet)."""

    def __init__(
        self,
        parent: QWidget,
        store: Store,
        changed: Callable[[], None],
        show_hearing: Callable[[int], None] | None = None,
    ) -> None:
        self.parent = parent
        self.store = store
        self.changed = changed
        self.show_hearing = show_hearing

    def _open(self, dialog: QDialog) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.changed)
        dialog.open()
        return dialog

    def continue_hearing(self, hearing_id: int) -> QDialog | None:
        from companion.ui.records.dialogs.continue_dialog import ContinueHearingDialog

        try:
            dialog = ContinueHearingDialog(self.store, hearing_id, parent=self.parent)
        except CompanionError as error:
            show_error(self.parent, error)
            return None
        self._open(dialog)
        dialog.accepted.connect(lambda: self._show_new(dialog.saved_id))
        return dialog

    def _show_new(self, hearing_id: int | None) -> None:
        if hearing_id is not None and self.show_hearing is not None:
            self.show_hearing(hearing_id)

    def cancel_hearing(self, hearing_id: int) -> None:
        try:
            hearing = self.store.hearings.get(hearing_id)
            docket = self.store.cases.get(hearing.case_id, include_deleted=True).docket_number
        except CompanionError as error:
            show_error(self.parent, error)
            return

        def cancel() -> None:
            try:
                self.store.hearings.set_status(hearing_id, HearingStatus.CANCELLED)
            except CompanionError as error:
                show_error(self.parent, error)
                return
            log.info("cancelled hearing %d", hearing_id)
            self.changed()

        confirm(
            self.parent,
            lambda: _("Cancel hearing"),
            lambda: _(
                "Cancel the hearing of case {docket} on {date}? It stays in the history, "
                "marked cancelled."
            ).format(docket=docket, date=formatting.date_and_time(hearing.starts_at)),
            lambda: _("Cancel the hearing"),
            cancel,
            reject_label=lambda: _("Keep it"),
        )

    def set_attendance(self, hearing_id: int, person_id: int | None) -> None:
        from companion.ui.records.dialogs.attendance_dialog import AttendanceDialog

        def open_for(chosen: int) -> None:
            try:
                self._open(AttendanceDialog(self.store, chosen, hearing_id, parent=self.parent))
            except CompanionError as error:
                show_error(self.parent, error)

        if person_id is not None:
            open_for(person_id)
        else:
            self.choose_person(hearing_id, open_for)

    def choose_person(self, hearing_id: int, then: Callable[[int], None]) -> None:
        """Call ``then`` with the hearing's person: at once if there is one, else after asking."""
        people: list[tuple[int, str]] = []
        for entry in self.store.hearings.attendance_for(hearing_id):
            try:
                person = self.store.people.get(entry.person_id)
            except CompanionError:
                continue
            people.append((entry.person_id, person.display_name))
        if not people:
            inform(self.parent, lambda: _("Nobody is linked to this hearing yet."))
        elif len(people) == 1:
            then(people[0][0])
        else:
            PersonChooser(people, then, self.parent).open()
