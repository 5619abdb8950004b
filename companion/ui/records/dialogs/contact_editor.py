"""The list of a person's contact methods, each with its safety flags, in the person dialog."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QShortcutEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion.domain.models import ContactKind, ContactMethod
from companion.ui.i18n import _
from companion.ui.records.dialogs.common import (
    DraftState,
    ErrorLabel,
    InputProblems,
    RecordDialog,
    state_flag,
    state_text,
)
from companion.ui.records.dialogs.fields import EnumCombo, retranslate_time_edit, time_line_edit


class ContactRow(QGroupBox):
    """One way to reach a person: kind, value, whether texts and voicemail are safe,
    the hours when it is safe to call, and a note."""

    remove_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number = 1
        #: The stored contact this row edits (it keeps its uid); None for a new one.
        self.contact_id: int | None = None
        self.kind = EnumCombo(list(ContactKind))
        self.value = QLineEdit()
        self.ok_to_text = QCheckBox()
        self.ok_to_voicemail = QCheckBox()
        #: The person allowed a voicemail on this number to say what it is about.
        self.voicemail_details = QCheckBox()
        self.safe_start = time_line_edit()
        self.safe_end = time_line_edit()
        self.note = QLineEdit()
        self.remove_button = QPushButton()
        self.remove_button.setAutoDefault(False)  # Enter is the dialog's main action
        self.error = ErrorLabel()
        self.kind_label = QLabel()
        self.value_label = QLabel()
        self.start_label = QLabel()
        self.end_label = QLabel()
        self.note_label = QLabel()
        for label, buddy in (
            (self.kind_label, self.kind),
            (self.value_label, self.value),
            (self.start_label, self.safe_start),
            (self.end_label, self.safe_end),
            (self.note_label, self.note),
        ):
            label.setBuddy(buddy)

        grid = QGridLayout(self)
        grid.addWidget(self.kind_label, 0, 0)
        grid.addWidget(self.kind, 0, 1)
        grid.addWidget(self.value_label, 0, 2)
        grid.addWidget(self.value, 0, 3, 1, 3)
        flags = QHBoxLayout()
        flags.addWidget(self.ok_to_text)
        flags.addWidget(self.ok_to_voicemail)
        flags.addWidget(self.voicemail_details)
        flags.addStretch(1)
        grid.addLayout(flags, 1, 1, 1, 5)
        hours = QHBoxLayout()
        hours.addWidget(self.safe_start)
        hours.addWidget(self.safe_start.meaning)
        hours.addSpacing(12)
        hours.addWidget(self.end_label)
        hours.addWidget(self.safe_end)
        hours.addWidget(self.safe_end.meaning)
        hours.addStretch(1)
        grid.addWidget(self.start_label, 2, 0)
        grid.addLayout(hours, 2, 1, 1, 5)
        grid.addWidget(self.note_label, 3, 0)
        grid.addWidget(self.note, 3, 1, 1, 4)
        grid.addWidget(self.remove_button, 3, 5)
        grid.addWidget(self.error, 4, 0, 1, 6)
        grid.setColumnStretch(3, 1)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.ok_to_voicemail.toggled.connect(self._voicemail_changed)
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))
        self._kind_changed()

    def _kind_changed(self) -> None:
        is_phone = self.kind.current_member() is ContactKind.PHONE
        for box in (self.ok_to_text, self.ok_to_voicemail):
            if not is_phone:
                box.setChecked(False)
            box.setEnabled(is_phone)
        self._voicemail_changed()

    def _voicemail_changed(self) -> None:
        """Details in a voicemail only where a voicemail may be left at all."""
        allowed = self.ok_to_voicemail.isChecked()
        if not allowed:
            self.voicemail_details.setChecked(False)
        self.voicemail_details.setEnabled(allowed)

    def load(self, contact: ContactMethod) -> None:
        self.contact_id = contact.id
        self.kind.set_member(contact.kind)
        self.value.setText(contact.value)
        self.ok_to_text.setChecked(contact.ok_to_text)
        self.ok_to_voicemail.setChecked(contact.ok_to_voicemail)
        self.voicemail_details.setChecked(contact.voicemail_details)
        self.safe_start.set_time(contact.safe_hours_start)
        self.safe_end.set_time(contact.safe_hours_end)
        self.note.setText(contact.note)

    def draft_state(self) -> DraftState:
        return {
            "id": self.contact_id,
            "kind": self.kind.current_member().value,
            "value": self.value.text(),
            "ok_to_text": self.ok_to_text.isChecked(),
            "ok_to_voicemail": self.ok_to_voicemail.isChecked(),
            "voicemail_details": self.voicemail_details.isChecked(),
            "safe_start": self.safe_start.text(),
            "safe_end": self.safe_end.text(),
            "note": self.note.text(),
        }

    def restore_draft(self, state: Mapping[str, Any]) -> None:
        contact_id = state.get("id")
        self.contact_id = contact_id if type(contact_id) is int else None
        self.kind.set_value(state.get("kind"))
        self.value.setText(state_text(state, "value"))
        self.ok_to_text.setChecked(state_flag(state, "ok_to_text"))
        self.ok_to_voicemail.setChecked(state_flag(state, "ok_to_voicemail"))
        self.voicemail_details.setChecked(state_flag(state, "voicemail_details"))
        self.safe_start.setText(state_text(state, "safe_start"))
        self.safe_end.setText(state_text(state, "safe_end"))
        self.note.setText(state_text(state, "note"))

    def read(self, index: int, problems: InputProblems) -> ContactMethod:
        """The contact as typed; unreadable safe hours are noted in ``problems``."""
        field = f"contacts[{index}].safe_hours"
        start_text, end_text = self.safe_start.text().strip(), self.safe_end.text().strip()
        start = problems.take(lambda: self.safe_start.time(field)) if start_text else None
        end = problems.take(lambda: self.safe_end.time(field)) if end_text else None
        return ContactMethod(
            kind=self.kind.current_member(),
            value=self.value.text().strip(),
            ok_to_text=self.ok_to_text.isChecked(),
            ok_to_voicemail=self.ok_to_voicemail.isChecked(),
            voicemail_details=self.ok_to_voicemail.isChecked()
            and self.voicemail_details.isChecked(),
            safe_hours_start=start,
            safe_hours_end=end,
            note=self.note.text().strip(),
            id=self.contact_id,
        )

    def retranslate(self) -> None:
        self.setTitle(_("Contact {number}").format(number=self.number))
        self.kind.retranslate()
        self.kind_label.setText(_("Kind"))
        self.kind.setAccessibleName(_("Kind of contact"))
        self.value_label.setText(_("Number or address"))
        self.value.setAccessibleName(_("Phone number, email or postal address"))
        self.ok_to_text.setText(_("OK to text"))
        self.ok_to_voicemail.setText(_("OK to leave a voicemail"))
        self.voicemail_details.setText(_("Voicemail may say what it is about"))
        self.voicemail_details.setToolTip(
            _(
                "Only if the person agreed: the voicemail then gives the court date and "
                "place. Otherwise it names only the office and its number."
            )
        )
        self.start_label.setText(_("Safe from"))
        retranslate_time_edit(self.safe_start, _("Safe hours start"))
        self.end_label.setText(_("Safe until"))
        retranslate_time_edit(self.safe_end, _("Safe hours end"))
        self.note_label.setText(_("Note"))
        self.note.setAccessibleName(_("Note about this contact"))
        self.remove_button.setText(_("Remove"))
        self.remove_button.setAccessibleName(_("Remove this contact"))


class _AddButton(QPushButton):
    """A button whose mnemonic (Alt+C) clicks at once: Qt's default waits a tenth of a
    second to show the press, and what a fast typist types meanwhile lands in the field
    they left instead of the new contact row."""

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QShortcutEvent) and not event.isAmbiguous() and self.isEnabled():
            self.click()
            return True
        return super().event(event)


class ContactListEditor(QWidget):
    """Contact rows, in order, with a button to add one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ContactRow] = []
        self._column = QVBoxLayout()
        self._column.setContentsMargins(0, 0, 0, 0)
        self.empty_label = QLabel()
        self.add_button = _AddButton()
        self.add_button.setAutoDefault(False)  # Enter is the dialog's main action
        self.add_button.clicked.connect(self.add_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.empty_label)
        outer.addLayout(self._column)
        outer.addLayout(buttons)

    def add_row(self) -> ContactRow:
        row = ContactRow()
        row.remove_requested.connect(self.remove_row)
        self.rows.append(row)
        self._column.addWidget(row)
        row.show()
        self._renumber()
        row.value.setFocus()
        dialog = self.window()
        if isinstance(dialog, RecordDialog) and dialog.isVisible():
            dialog.keep_main_button()
            dialog.put_buttons_last()
        return row

    def remove_row(self, row: ContactRow) -> None:
        self.rows.remove(row)
        self._column.removeWidget(row)
        row.deleteLater()
        self._renumber()

    def load(self, contacts: list[ContactMethod]) -> None:
        for contact in contacts:
            self.add_row().load(contact)

    def read(self, problems: InputProblems) -> list[ContactMethod]:
        return [row.read(index, problems) for index, row in enumerate(self.rows)]

    def draft_state(self) -> list[DraftState]:
        return [row.draft_state() for row in self.rows]

    def restore_draft(self, rows: object) -> None:
        """The rows as kept by ``draft_state()``, in place of the ones shown now."""
        for row in list(self.rows):
            self.remove_row(row)
        for state in rows if isinstance(rows, list) else []:
            if isinstance(state, dict):
                self.add_row().restore_draft(state)

    def _renumber(self) -> None:
        for number, row in enumerate(self.rows, start=1):
            row.number = number
            row.retranslate()
        self.empty_label.setVisible(not self.rows)

    def retranslate(self) -> None:
        self.empty_label.setText(_("No contact methods yet."))
        self.add_button.setText(_("Add &contact"))  # Alt+C, from anywhere in the dialog
        self.add_button.setAccessibleName(_("Add a contact method"))
        for row in self.rows:
            row.retranslate()
