"""Add or edit a courthouse: where it is, its time zone, and how to get in.

The four notes (entrance, security, accessibility, getting there) are kept per language:
choose the language above them to write or see that language's notes. A line says which
languages have notes; a packet in a language without them prints the English ones,
marked as English.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from companion.domain.models import Courthouse, CourthouseNoteKind
from companion.i18n.languages import LANGUAGES, SOURCE_TAG, get_language, language_label
from companion.store.store import Store
from companion.ui.i18n import _, current
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
        self.notes_language = QComboBox()
        for language in LANGUAGES:
            self.notes_language.addItem(f"{language.native_name} ({language.tag})", language.tag)
        self.notes_languages_label = QLabel()
        self.notes_languages_label.setWordWrap(True)
        self.notes_languages_label.setTextFormat(Qt.TextFormat.PlainText)
        self.entrance_notes = _notes_edit()
        self.security_notes = _notes_edit()
        self.accessibility_notes = _notes_edit()
        self.transit_notes = _notes_edit()
        #: Every language's notes by kind, English included; the edits show one language.
        self._notes: dict[str, dict[CourthouseNoteKind, str]] = {}
        self._shown_language = SOURCE_TAG

        body = QWidget()
        form = FieldGrid(body)
        self.name_label = self.add_field(form, "name", self.name)
        self.address_label = self.add_field(form, "address", self.address)
        self.timezone_label = self.add_field(form, "timezone", self.timezone)
        self.jurisdiction_label = self.add_field(form, "jurisdiction", self.jurisdiction)
        self.notes_language_label = self.add_field(form, "translated_notes", self.notes_language)
        form.add_row(None, self.notes_languages_label)
        self.entrance_label = self.add_field(form, "entrance_notes", self.entrance_notes)
        self.security_label = self.add_field(form, "security_notes", self.security_notes)
        self.accessibility_label = self.add_field(
            form, "accessibility_notes", self.accessibility_notes
        )
        self.transit_label = self.add_field(form, "transit_notes", self.transit_notes)
        # Scrolls rather than grow past a laptop's 614 px when messages appear (Arabic).
        self.finish_layout(body, scroll=True)
        self.resize(640, min(body.sizeHint().height() + 80, 600))

        if courthouse_id is not None:
            self._load(store.courthouses.get(courthouse_id))
        else:
            self.jurisdiction.setText("US")
        self.notes_language.currentIndexChanged.connect(self._notes_language_changed)
        for edit in self._note_edits().values():
            edit.textChanged.connect(self._show_note_languages)
        self.retranslate()

    # --- notes per language ---------------------------------------------------------------

    def _note_edits(self) -> dict[CourthouseNoteKind, QPlainTextEdit]:
        return {
            CourthouseNoteKind.ENTRANCE: self.entrance_notes,
            CourthouseNoteKind.SECURITY: self.security_notes,
            CourthouseNoteKind.ACCESSIBILITY: self.accessibility_notes,
            CourthouseNoteKind.TRANSIT: self.transit_notes,
        }

    def _keep_shown_notes(self) -> None:
        self._notes[self._shown_language] = {
            kind: edit.toPlainText() for kind, edit in self._note_edits().items()
        }

    def _show_notes_of(self, tag: str) -> None:
        notes = self._notes.get(tag, {})
        for kind, edit in self._note_edits().items():
            edit.blockSignals(True)
            edit.setPlainText(notes.get(kind, ""))
            edit.blockSignals(False)
        self._shown_language = tag
        self._show_note_languages()

    def _notes_language_changed(self) -> None:
        self._keep_shown_notes()
        self._show_notes_of(str(self.notes_language.currentData()))

    def notes_languages(self) -> list[str]:
        """The tags of the languages with at least one note, in the order of the list."""
        self._keep_shown_notes()
        return [
            language.tag
            for language in LANGUAGES
            if any(text.strip() for text in self._notes.get(language.tag, {}).values())
        ]

    def _show_note_languages(self) -> None:
        tags = self.notes_languages()
        if tags:
            names = ", ".join(get_language(tag).native_name for tag in tags)
            self.notes_languages_label.setText(
                _("Notes written in: {languages}").format(languages=names)
            )
        else:
            self.notes_languages_label.setText(_("No notes written yet."))

    def _load(self, courthouse: Courthouse) -> None:
        self.read_version = courthouse.row_version
        self.name.setText(courthouse.name)
        self.address.setPlainText(courthouse.address)
        self.timezone.set_zone(courthouse.timezone)
        self.jurisdiction.setText(courthouse.jurisdiction)
        self._notes = {tag: dict(notes) for tag, notes in courthouse.translated_notes.items()}
        self._notes[SOURCE_TAG] = {
            kind: courthouse.english_note(kind) for kind in CourthouseNoteKind
        }
        self._show_notes_of(str(self.notes_language.currentData()))

    def _text_fields(self) -> dict[str, QLineEdit | QPlainTextEdit]:
        return {
            "name": self.name,
            "address": self.address,
            "jurisdiction": self.jurisdiction,
        }

    def opened_for(self) -> dict[str, int | None]:
        return {"courthouse_id": self.courthouse_id}

    def draft_state(self) -> DraftState:
        state: DraftState = {
            key: widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()
            for key, widget in self._text_fields().items()
        }
        state["timezone"] = self.timezone.currentText()
        self._keep_shown_notes()
        state["notes"] = {
            tag: {kind.value: text for kind, text in notes.items()}
            for tag, notes in self._notes.items()
        }
        state["notes_language"] = self._shown_language
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
        notes = state.get("notes")
        if isinstance(notes, dict):
            self._notes = {
                str(tag): {
                    CourthouseNoteKind(kind): str(text)
                    for kind, text in texts.items()
                    if kind in set(CourthouseNoteKind)
                }
                for tag, texts in notes.items()
                if isinstance(texts, dict)
            }
            shown = state_text(state, "notes_language") or SOURCE_TAG
            index = self.notes_language.findData(shown)
            self.notes_language.blockSignals(True)
            self.notes_language.setCurrentIndex(max(0, index))
            self.notes_language.blockSignals(False)
            self._show_notes_of(str(self.notes_language.currentData()))

    def read_courthouse(self) -> Courthouse:
        self._keep_shown_notes()
        english = self._notes.get(SOURCE_TAG, {})
        return Courthouse(
            name=self.name.text(),
            address=self.address.toPlainText(),
            timezone=self.timezone.zone_name(),
            jurisdiction=self.jurisdiction.text(),
            entrance_notes=english.get(CourthouseNoteKind.ENTRANCE, "").strip(),
            security_notes=english.get(CourthouseNoteKind.SECURITY, "").strip(),
            accessibility_notes=english.get(CourthouseNoteKind.ACCESSIBILITY, "").strip(),
            transit_notes=english.get(CourthouseNoteKind.TRANSIT, "").strip(),
            translated_notes={
                tag: {kind: text.strip() for kind, text in notes.items() if text.strip()}
                for tag, notes in self._notes.items()
                if tag != SOURCE_TAG
            },
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
            (self.notes_language_label, self.notes_language, _("Language of the notes")),
            (self.entrance_label, self.entrance_notes, _("Public entrance")),
            (self.security_label, self.security_notes, _("Security screening")),
            (self.accessibility_label, self.accessibility_notes, _("Accessibility")),
            (self.transit_label, self.transit_notes, _("Transit and parking")),
        )
        for label, widget, text in fields:
            label.setText(text)
            widget.setAccessibleName(text)
        for index, language in enumerate(LANGUAGES):
            self.notes_language.setItemText(index, language_label(language, current().language.tag))
        zone_edit = self.timezone.lineEdit()
        if zone_edit is not None:
            zone_edit.setPlaceholderText(_("Type part of a name, like New_York"))
        self.timezone.setToolTip(
            _("Hearing times are entered and shown in this time zone's local time.")
        )
        self.jurisdiction.setPlaceholderText(_("US or a state code, like US-NY"))
        self.notes_language.setToolTip(
            _(
                "Write the notes below in each language you can. A packet in a language "
                "without notes prints the English notes, marked as English."
            )
        )
        self._show_note_languages()
        super().retranslate()
