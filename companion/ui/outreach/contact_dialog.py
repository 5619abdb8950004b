"""Log one contact attempt with a person about a hearing: how, what came of it, a note.

The outcome does what it says in the store (one transaction, with the person's history
and the audit trail): confirmed and declined set the attendance, "asked not to be
contacted" takes the person off every call list.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QLabel, QPlainTextEdit, QWidget

from companion.errors import ValidationError
from companion.outreach.model import ContactChannel, ContactOutcome
from companion.store.store import Store
from companion.ui.i18n import _
from companion.ui.records.dialogs.common import DraftState, FieldGrid, RecordDialog, state_text
from companion.ui.records.dialogs.fields import EnumCombo, format_local_start, native_name_font
from companion.ui.records.dialogs.people_picker import person_item_text


def staff_member(store: Store) -> str:
    """Who is logging: the name given at unlock, else the computer account."""
    return store.audit.staff_name or store.audit.os_user


class ContactDialog(RecordDialog):
    """``saved_id`` is the new attempt's id."""

    def __init__(
        self,
        store: Store,
        person_id: int,
        hearing_id: int,
        outcome: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(store, parent)
        self.person_id = person_id
        self.hearing_id = hearing_id
        self.person = store.people.get(person_id)
        self.hearing = store.hearings.get(hearing_id)
        self.courthouse = store.courthouses.get(self.hearing.courthouse_id, include_deleted=True)

        self.person_name = QLabel(
            person_item_text(self.person.display_name, self.person.native_name)
        )
        self.person_name.setFont(native_name_font(self.person_name.font()))
        self.hearing_text = QLabel()
        self.hearing_text.setWordWrap(True)
        self.method = EnumCombo(list(ContactChannel))
        self.outcome = EnumCombo(list(ContactOutcome))
        # No outcome until staff choose one: a stray Enter must not log "Confirmed".
        self.outcome.setCurrentIndex(-1)
        self.outcome.set_value(outcome)
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.note.fontMetrics().lineSpacing() * 3 + 12)
        self.outcome_hint = QLabel()
        self.outcome_hint.setWordWrap(True)

        body = QWidget()
        form = FieldGrid(body)
        self.person_label = QLabel()
        form.add_row(self.person_label, self.person_name)
        self.hearing_label = QLabel()
        form.add_row(self.hearing_label, self.hearing_text)
        self.outcome_label = self.add_field(form, "outcome", self.outcome)
        self.method_label = self.add_field(form, "method", self.method)
        self.note_label = self.add_field(form, "note", self.note)
        form.add_row(QLabel(), self.outcome_hint)
        self.outcome.currentIndexChanged.connect(lambda _index: self._explain())
        self.finish_layout(body)
        self.resize(560, 0)
        self.retranslate()

    def opened_for(self) -> dict[str, int | None]:
        return {"person_id": self.person_id, "hearing_id": self.hearing_id}

    def draft_state(self) -> DraftState:
        outcome = self._outcome()
        return {
            "method": self.method.current_member().value,
            "outcome": outcome.value if outcome is not None else "",
            "note": self.note.toPlainText(),
        }

    def restore_draft(self, state: Mapping[str, Any]) -> None:
        self.method.set_value(state.get("method"))
        self.outcome.set_value(state.get("outcome"))
        self.note.setPlainText(state_text(state, "note"))

    @property
    def chosen_outcome(self) -> ContactOutcome | None:
        """The outcome chosen (the one logged, once saved)."""
        return self._outcome()

    def _outcome(self) -> ContactOutcome | None:
        return self.outcome.current_member() if self.outcome.currentIndex() >= 0 else None

    def save(self) -> int:
        outcome = self._outcome()
        if outcome is None:
            raise ValidationError("outcome", "required")
        attempt = self.store.outreach.log_contact(
            self.person_id,
            self.hearing_id,
            outcome,
            self.method.current_member(),
            self.note.toPlainText(),
            who=staff_member(self.store),
        )
        return attempt.id

    def _explain(self) -> None:
        outcome = self._outcome()
        if outcome is None:
            text = ""
        elif outcome is ContactOutcome.DO_NOT_CONTACT:
            text = _("They will be taken off every call list, and marked wherever their name is.")
        elif outcome in (ContactOutcome.CONFIRMED, ContactOutcome.DECLINED):
            text = _("Their attendance at this hearing is set to match.")
        elif outcome.reached:
            text = _("Their call for this step is done.")
        else:
            text = _("They will be due for a call again the next working day.")
        self.outcome_hint.setText(text)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Log a contact"))
        self.person_label.setText(_("Person"))
        self.hearing_label.setText(_("Hearing"))
        self.hearing_text.setText(
            " · ".join(
                part
                for part in (
                    format_local_start(self.hearing.starts_at),
                    self.courthouse.name,
                    self.hearing.courtroom,
                )
                if part
            )
        )
        self.outcome_label.setText(_("Outcome"))
        self.outcome.setAccessibleName(_("Outcome"))
        self.outcome.retranslate()
        self.method_label.setText(_("How"))
        self.method.setAccessibleName(_("How the contact was made"))
        self.method.retranslate()
        self.note_label.setText(_("Note"))
        self.note.setAccessibleName(_("Note"))
        self._explain()
        super().retranslate()
