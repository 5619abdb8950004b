"""Record one person's answer for a hearing, or whether they came."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QCheckBox, QLabel, QPlainTextEdit, QWidget

from companion.domain.models import Attendance, AttendanceStatus
from companion.errors import ValidationError
from companion.store.store import Store
from companion.ui.i18n import _
from companion.ui.records.dialogs.common import (
    DraftState,
    FieldGrid,
    RecordDialog,
    state_flag,
    state_text,
)
from companion.ui.records.dialogs.fields import EnumCombo, format_local_start, native_name_font
from companion.ui.records.dialogs.people_picker import person_item_text


class AttendanceDialog(RecordDialog):
    """``saved_id`` is the hearing's id (an attendance is keyed by person and hearing)."""

    def __init__(
        self, store: Store, person_id: int, hearing_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(store, parent)
        self.person_id = person_id
        self.hearing_id = hearing_id
        self.person = store.people.get(person_id)
        self.hearing = store.hearings.get(hearing_id)
        self.courthouse = store.courthouses.get(self.hearing.courthouse_id, include_deleted=True)
        existing = next(
            (
                entry
                for entry in store.hearings.attendance_for(hearing_id)
                if entry.person_id == person_id
            ),
            Attendance(person_id, hearing_id),
        )
        self.read_version = existing.row_version

        self.person_name = QLabel(
            person_item_text(self.person.display_name, self.person.native_name)
        )
        self.person_name.setFont(native_name_font(self.person_name.font()))
        self.hearing_text = QLabel()
        self.hearing_text.setWordWrap(True)
        self.status = EnumCombo(list(AttendanceStatus))
        self.status.set_member(existing.status)
        # After the hearing, the stored answer ("Confirmed") is not what happened: nothing
        # is preselected, so Enter cannot save it again without a choice.
        self.outcome_due = (
            self.hearing.starts_at <= dt.datetime.now(dt.UTC) and not existing.status.is_outcome
        )
        if self.outcome_due:
            self.status.setCurrentIndex(-1)
        self.must_testify = QCheckBox()
        self.must_testify.setChecked(existing.must_testify)
        self.reason = QPlainTextEdit(existing.reason)
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(self.reason.fontMetrics().lineSpacing() * 3 + 12)
        self.reason_hint = QLabel()
        self.reason_hint.setWordWrap(True)

        body = QWidget()
        form = FieldGrid(body)
        self.person_label = QLabel()
        form.add_row(self.person_label, self.person_name)
        self.hearing_label = QLabel()
        form.add_row(self.hearing_label, self.hearing_text)
        self.courthouse_label = QLabel()
        self.courthouse_name = QLabel(self.courthouse.name)
        self.courthouse_name.setWordWrap(True)
        form.add_row(self.courthouse_label, self.courthouse_name)
        self.status_label = self.add_field(form, "status", self.status)
        self.testify_label = self.add_field(form, "must_testify", self.must_testify)
        self.reason_label = self.add_field(form, "reason", self.reason)
        form.add_row(QLabel(), self.reason_hint)
        self.finish_layout(body)
        self.resize(560, 0)
        self.retranslate()

    def opened_for(self) -> dict[str, int | None]:
        return {"person_id": self.person_id, "hearing_id": self.hearing_id}

    def draft_state(self) -> DraftState:
        return {
            "status": self.status.current_member().value
            if self.status.currentIndex() >= 0
            else None,
            "must_testify": self.must_testify.isChecked(),
            "reason": self.reason.toPlainText(),
        }

    def restore_draft(self, state: Mapping[str, Any]) -> None:
        if state.get("status") is None:
            self.status.setCurrentIndex(-1)
        else:
            self.status.set_value(state.get("status"))
        self.must_testify.setChecked(state_flag(state, "must_testify"))
        self.reason.setPlainText(state_text(state, "reason"))

    def save(self) -> int:
        if self.status.currentIndex() < 0:
            raise ValidationError("status", "outcome_not_chosen")
        self.store.hearings.set_attendance(
            Attendance(
                person_id=self.person_id,
                hearing_id=self.hearing_id,
                must_testify=self.must_testify.isChecked(),
                status=self.status.current_member(),
                reason=self.reason.toPlainText().strip(),
                row_version=self.read_version,
            )
        )
        return self.hearing_id

    def retranslate(self) -> None:
        self.setWindowTitle(_("Attendance"))
        self.person_label.setText(_("Person"))
        self.hearing_label.setText(_("Hearing"))
        self.hearing_text.setText(format_local_start(self.hearing.starts_at))
        self.courthouse_label.setText(_("Courthouse"))
        self.status_label.setText(_("Status"))
        self.status.setAccessibleName(_("Attendance status"))
        self.status.retranslate()
        self.status.setPlaceholderText(_("The hearing is over: did the person come?"))
        self.testify_label.setText(_("Testimony"))
        self.must_testify.setText(_("Must testify"))
        self.must_testify.setAccessibleName(_("Must testify"))
        self.reason_label.setText(_("Reason"))
        self.reason.setAccessibleName(_("Reason"))
        self.reason_hint.setText(
            _(
                "Needed when the person missed the hearing. Attended and missed can be recorded "
                "only after the hearing."
            )
        )
        super().retranslate()
