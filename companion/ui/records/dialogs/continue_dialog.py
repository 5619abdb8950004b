"""Continue a hearing to a new date: the old one stays as history, linked to the new one."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from companion.store.store import Store
from companion.ui.i18n import _
from companion.ui.records.dialogs.common import (
    DraftState,
    FieldGrid,
    InputProblems,
    RecordDialog,
    state_text,
)
from companion.ui.records.dialogs.fields import format_local_start
from companion.ui.records.dialogs.local_start import LocalStartFields


class ContinueHearingDialog(RecordDialog):
    """``saved_id`` is the new hearing's id."""

    def __init__(self, store: Store, hearing_id: int, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        self.hearing_id = hearing_id
        self.hearing = store.hearings.get(hearing_id)
        self.courthouse = store.courthouses.get(self.hearing.courthouse_id, include_deleted=True)
        self.case = store.cases.get(self.hearing.case_id, include_deleted=True)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.start = LocalStartFields()
        self.start.set_zone(self.courthouse.timezone)
        # Most continuances keep the hour; the new date is the one thing to type.
        self.start.time.set_time(self.hearing.starts_at.time())
        self.courtroom = QLineEdit(self.hearing.courtroom)

        body = QWidget()
        form = FieldGrid(body)
        form.add_full_row(self.summary)
        self.date_label = self.add_field(
            form, "date", self.start.date, focus=self.start.date.line_edit
        )
        self.time_label = self.add_field(form, "time", self.start.time_row, focus=self.start.time)
        self.register_error("starts_at", self._error_labels["time"][0], self.start.time)
        self.courtroom_label = self.add_field(form, "courtroom", self.courtroom)
        self.finish_layout(body)
        self.resize(560, 0)
        self.retranslate()

    def opened_for(self) -> dict[str, int | None]:
        return {"hearing_id": self.hearing_id}

    def draft_state(self) -> DraftState:
        return {
            "date": self.start.date.text(),
            "time": self.start.time.text(),
            "courtroom": self.courtroom.text(),
        }

    def restore_draft(self, state: Mapping[str, Any]) -> None:
        self.start.date.line_edit.setText(state_text(state, "date"))
        self.start.time.setText(state_text(state, "time"))
        self.courtroom.setText(state_text(state, "courtroom"))

    def save(self) -> int:
        problems = InputProblems()
        starts_at = self.start.read(problems, self.courthouse)
        problems.raise_if_any()
        assert starts_at is not None
        new = self.store.hearings.continue_hearing(
            self.hearing_id, starts_at, courtroom=self.courtroom.text().strip()
        )
        assert new.id is not None
        return new.id

    def retranslate(self) -> None:
        self.setWindowTitle(_("Continue hearing"))
        self.summary.setText(
            _(
                "Case {docket} at {courthouse} was set for {when}. Enter the new date. "
                "The old hearing stays in the history, marked as continued."
            ).format(
                docket=self.case.docket_number,
                courthouse=self.courthouse.name,
                when=format_local_start(self.hearing.starts_at),
            )
        )
        self.date_label.setText(_("New date"))
        self.time_label.setText(_("New time"))
        self.start.retranslate()
        self.start.date.line_edit.setAccessibleName(_("New date"))
        self.start.time.setAccessibleName(_("New time"))
        self.courtroom_label.setText(_("Courtroom"))
        self.courtroom.setAccessibleName(_("Courtroom"))
        super().retranslate()
