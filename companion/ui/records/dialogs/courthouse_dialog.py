"""Add or edit a courthouse: where it is, its time zone, and how to get in."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QWidget

from companion.domain.models import Courthouse
from companion.store.store import Store
from companion.ui.i18n import _
from companion.ui.records.dialogs.common import DraftState, FieldGrid, RecordDialog, state_text
from companion.ui.records.dialogs.fields import TimezoneCombo


def _notes_edit(lines: int = 3) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 12)
    return edit


class CourthouseDialog(RecordDialog):
    def __init__(
        self, store: Store, courthouse_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(store, parent)
        self.courthouse_id = courthouse_id
        self.name = QLineEdit()
        self.address = _notes_edit(2)
        self.timezone = TimezoneCombo()
        self.jurisdiction = QLineEdit()
        self.jurisdiction.setMaxLength(5)
        self.entrance_notes = _notes_edit()
        self.security_notes = _notes_edit()
        self.accessibility_notes = _notes_edit()
        self.transit_notes = _notes_edit()

        body = QWidget()
        form = FieldGrid(body)
        self.name_label = self.add_field(form, "name", self.name)
        self.address_label = self.add_field(form, "address", self.address)
        self.timezone_label = self.add_field(form, "timezone", self.timezone)
        self.jurisdiction_label = self.add_field(form, "jurisdiction", self.jurisdiction)
        self.entrance_label = self.add_field(form, "entrance_notes", self.entrance_notes)
        self.security_label = self.add_field(form, "security_notes", self.security_notes)
        self.accessibility_label = self.add_field(
            form, "accessibility_notes", self.accessibility_notes
        )
        self.transit_label = self.add_field(form, "transit_notes", self.transit_notes)
        self.finish_layout(body)
        self.resize(640, 0)

        if courthouse_id is not None:
            self._load(store.courthouses.get(courthouse_id))
        else:
            self.jurisdiction.setText("US")
        self.retranslate()

    def _load(self, courthouse: Courthouse) -> None:
        self.read_version = courthouse.row_version
        self.name.setText(courthouse.name)
        self.address.setPlainText(courthouse.address)
        self.timezone.set_zone(courthouse.timezone)
        self.jurisdiction.setText(courthouse.jurisdiction)
        self.entrance_notes.setPlainText(courthouse.entrance_notes)
        self.security_notes.setPlainText(courthouse.security_notes)
        self.accessibility_notes.setPlainText(courthouse.accessibility_notes)
        self.transit_notes.setPlainText(courthouse.transit_notes)

    def _text_fields(self) -> dict[str, QLineEdit | QPlainTextEdit]:
        return {
            "name": self.name,
            "address": self.address,
            "jurisdiction": self.jurisdiction,
            "entrance_notes": self.entrance_notes,
            "security_notes": self.security_notes,
            "accessibility_notes": self.accessibility_notes,
            "transit_notes": self.transit_notes,
        }

    def opened_for(self) -> dict[str, int | None]:
        return {"courthouse_id": self.courthouse_id}

    def draft_state(self) -> DraftState:
        state: DraftState = {
            key: widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()
            for key, widget in self._text_fields().items()
        }
        state["timezone"] = self.timezone.currentText()
        return state

    def restore_draft(self, state: Mapping[str, Any]) -> None:
        for key, widget in self._text_fields().items():
            if key in state:
                if isinstance(widget, QLineEdit):
                    widget.setText(state_text(state, key))
                else:
                    widget.setPlainText(state_text(state, key))
        if "timezone" in state:
            self.timezone.set_zone(state_text(state, "timezone"))

    def read_courthouse(self) -> Courthouse:
        return Courthouse(
            name=self.name.text(),
            address=self.address.toPlainText(),
            timezone=self.timezone.zone_name(),
            jurisdiction=self.jurisdiction.text(),
            entrance_notes=self.entrance_notes.toPlainText().strip(),
            security_notes=self.security_notes.toPlainText().strip(),
            accessibility_notes=self.accessibility_notes.toPlainText().strip(),
            transit_notes=self.transit_notes.toPlainText().strip(),
            id=self.courthouse_id,
            row_version=self.read_version,
        )

    def save(self) -> int:
        courthouse = self.read_courthouse()
        if self.courthouse_id is None:
            saved = self.store.courthouses.add(courthouse)
        else:
            saved = self.store.courthouses.update(courthouse)
        assert saved.id is not None
        return saved.id

    def retranslate(self) -> None:
        self.setWindowTitle(
            _("Add courthouse") if self.courthouse_id is None else _("Edit courthouse")
        )
        fields: tuple[tuple[QLabel, QWidget, str], ...] = (
            (self.name_label, self.name, _("Name")),
            (self.address_label, self.address, _("Address")),
            (self.timezone_label, self.timezone, _("Time zone")),
            (self.jurisdiction_label, self.jurisdiction, _("Jurisdiction")),
            (self.entrance_label, self.entrance_notes, _("Public entrance")),
            (self.security_label, self.security_notes, _("Security screening")),
            (self.accessibility_label, self.accessibility_notes, _("Accessibility")),
            (self.transit_label, self.transit_notes, _("Transit and parking")),
        )
        for label, widget, text in fields:
            label.setText(text)
            widget.setAccessibleName(text)
        zone_edit = self.timezone.lineEdit()
        if zone_edit is not None:
            zone_edit.setPlaceholderText(_("Type part of a name, like New_York"))
        self.timezone.setToolTip(
            _("Hearing times are entered and shown in this time zone's local time.")
        )
        self.jurisdiction.setPlaceholderText(_("US or a state code, like US-NY"))
        super().retranslate()
