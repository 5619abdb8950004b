"""Add or edit a person: names in both scripts, language, safe ways to reach them."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from companion.domain.models import Person, Role
from companion.domain.validation import validate_person
from companion.store.store import Store
from companion.ui.i18n import _
from companion.ui.records.dialogs.common import (
    DraftState,
    ErrorLabel,
    FieldGrid,
    InputProblems,
    RecordDialog,
    state_flag,
    state_text,
)
from companion.ui.records.dialogs.contact_editor import ContactListEditor
from companion.ui.records.dialogs.fields import EnumCombo, LanguageCombo, native_name_font

_CONTACT_FIELD = re.compile(r"^contacts\[(\d+)\]")


class PersonDialog(RecordDialog):
    def __init__(
        self, store: Store, person_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(store, parent)
        self.person_id = person_id
        self.given_name = QLineEdit()
        self.family_name = QLineEdit()
        self.native_name = QLineEdit()
        self.native_name.setFont(native_name_font(self.native_name.font()))
        self.role = EnumCombo(list(Role))
        self.language = LanguageCombo()
        self.needs_interpreter = QCheckBox()
        self.contacts = ContactListEditor()
        self.alternate_name = QLineEdit()
        self.alternate_relationship = QLineEdit()
        self.alternate_phone = QLineEdit()
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setMinimumHeight(70)

        body = QWidget()
        column = QVBoxLayout(body)
        self.identity_box = QGroupBox()
        form = FieldGrid(self.identity_box)
        self.given_label = self.add_field(form, "given_name", self.given_name)
        self.family_label = self.add_field(form, "family_name", self.family_name)
        self.native_label = self.add_field(form, "native_name", self.native_name)
        self.role_label = self.add_field(form, "role", self.role)
        self.language_label = self.add_field(form, "language", self.language)
        self.interpreter_label = self.add_field(form, "needs_interpreter", self.needs_interpreter)
        column.addWidget(self.identity_box)

        self.contacts_box = QGroupBox()
        contacts_column = QVBoxLayout(self.contacts_box)
        contacts_column.addWidget(self.contacts)
        self.contacts_error = ErrorLabel()
        contacts_column.addWidget(self.contacts_error)
        self.register_error("contacts", self.contacts_error, self.contacts.add_button)
        column.addWidget(self.contacts_box)

        self.alternate_box = QGroupBox()
        alternate = FieldGrid(self.alternate_box)
        self.alternate_name_label = self.add_field(alternate, "alternate_name", self.alternate_name)
        self.alternate_relationship_label = self.add_field(
            alternate, "alternate_relationship", self.alternate_relationship
        )
        self.alternate_phone_label = self.add_field(
            alternate, "alternate_phone", self.alternate_phone
        )
        column.addWidget(self.alternate_box)

        notes_form = FieldGrid()
        self.notes_label = self.add_field(notes_form, "notes", self.notes)
        column.addLayout(notes_form)
        column.addStretch(1)
        self.finish_layout(body, scroll=True)
        self.resize(720, 600)  # fits a 1366×768 laptop at 125%; the form scrolls

        if person_id is None:
            self.role.set_member(Role.WITNESS)
        else:
            self._load(store.people.get(person_id))
        self.retranslate()

    def _load(self, person: Person) -> None:
        self.read_version = person.row_version
        self.given_name.setText(person.given_name)
        self.family_name.setText(person.family_name)
        self.native_name.setText(person.native_name)
        self.role.set_member(person.role)
        self.language.set_tag(person.language)
        self.needs_interpreter.setChecked(person.needs_interpreter)
        self.contacts.load(person.contacts)
        self.alternate_name.setText(person.alternate_name)
        self.alternate_relationship.setText(person.alternate_relationship)
        self.alternate_phone.setText(person.alternate_phone)
        self.notes.setPlainText(person.notes)

    def opened_for(self) -> dict[str, int | None]:
        return {"person_id": self.person_id}

    def draft_state(self) -> DraftState:
        return {
            "given_name": self.given_name.text(),
            "family_name": self.family_name.text(),
            "native_name": self.native_name.text(),
            "role": self.role.current_member().value,
            "language": self.language.tag(),
            "needs_interpreter": self.needs_interpreter.isChecked(),
            "contacts": self.contacts.draft_state(),
            "alternate_name": self.alternate_name.text(),
            "alternate_relationship": self.alternate_relationship.text(),
            "alternate_phone": self.alternate_phone.text(),
            "notes": self.notes.toPlainText(),
        }

    def restore_draft(self, state: Mapping[str, Any]) -> None:
        self.given_name.setText(state_text(state, "given_name"))
        self.family_name.setText(state_text(state, "family_name"))
        self.native_name.setText(state_text(state, "native_name"))
        self.role.set_value(state.get("role"))
        self.language.set_tag(state_text(state, "language"))
        self.needs_interpreter.setChecked(state_flag(state, "needs_interpreter"))
        self.contacts.restore_draft(state.get("contacts"))
        self.alternate_name.setText(state_text(state, "alternate_name"))
        self.alternate_relationship.setText(state_text(state, "alternate_relationship"))
        self.alternate_phone.setText(state_text(state, "alternate_phone"))
        self.notes.setPlainText(state_text(state, "notes"))

    def error_target(self, field: str) -> tuple[ErrorLabel, QWidget] | None:
        match = _CONTACT_FIELD.match(field)
        if match and int(match.group(1)) < len(self.contacts.rows):
            row = self.contacts.rows[int(match.group(1))]
            focus: QWidget = row.safe_start if field.endswith(".safe_hours") else row.value
            return row.error, focus
        return super().error_target(field)

    def error_targets(self) -> list[tuple[ErrorLabel, QWidget]]:
        rows: list[tuple[ErrorLabel, QWidget]] = [
            (row.error, row.value) for row in self.contacts.rows
        ]
        return super().error_targets() + rows

    def read_person(self) -> Person:
        """The person as typed; problems the dialog finds itself raise ``ValidationErrors``."""
        problems = InputProblems()
        person = Person(
            given_name=self.given_name.text(),
            family_name=self.family_name.text(),
            native_name=self.native_name.text(),
            role=self.role.current_member(),
            language=self.language.tag(),
            needs_interpreter=self.needs_interpreter.isChecked(),
            contacts=self.contacts.read(problems),
            alternate_name=self.alternate_name.text().strip(),
            alternate_relationship=self.alternate_relationship.text().strip(),
            alternate_phone=self.alternate_phone.text().strip(),
            notes=self.notes.toPlainText().strip(),
            id=self.person_id,
            row_version=self.read_version,
        )
        if problems.errors:
            problems.also(lambda: validate_person(person))
        problems.raise_if_any()
        return person

    def save(self) -> int:
        person = self.read_person()
        if self.person_id is None:
            saved = self.store.people.add(person)
        else:
            saved = self.store.people.update(person)
        assert saved.id is not None
        return saved.id

    def retranslate(self) -> None:
        self.setWindowTitle(_("Add person") if self.person_id is None else _("Edit person"))
        self.identity_box.setTitle(_("Person"))
        fields: tuple[tuple[QLabel, QWidget, str], ...] = (
            (self.given_label, self.given_name, _("Given name")),
            (self.family_label, self.family_name, _("Family name")),
            (self.native_label, self.native_name, _("Name in own script")),
            (self.role_label, self.role, _("Role")),
            (self.language_label, self.language, _("&Preferred language")),
            (self.interpreter_label, self.needs_interpreter, _("Interpreter")),
            (self.alternate_name_label, self.alternate_name, _("Name")),
            (self.alternate_relationship_label, self.alternate_relationship, _("Relationship")),
            (self.alternate_phone_label, self.alternate_phone, _("Phone")),
            (self.notes_label, self.notes, _("Notes")),
        )
        for label, widget, text in fields:
            label.setText(text)
            widget.setAccessibleName(text.replace("&", ""))  # "&P": Alt+P goes there
        self.alternate_name.setAccessibleName(_("Trusted contact's name"))
        self.alternate_relationship.setAccessibleName(_("Trusted contact's relationship"))
        self.alternate_phone.setAccessibleName(_("Trusted contact's phone"))
        self.native_name.setToolTip(
            _("The name as the person writes it, for example in Arabic or Chinese script.")
        )
        self.language.setToolTip(
            _("Choose a language, or type a language tag such as so or es-MX.")
        )
        self.needs_interpreter.setText(_("Needs an interpreter"))
        self.needs_interpreter.setAccessibleName(_("Needs an interpreter"))
        self.role.retranslate()
        self.language.retranslate()
        self.contacts_box.setTitle(_("Safe ways to reach this person"))
        self.contacts.retranslate()
        self.alternate_box.setTitle(_("Trusted alternate contact"))
        super().retranslate()
