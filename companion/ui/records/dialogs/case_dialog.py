"""Add or edit a case: the docket, the court, the advocate, and the people in it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from companion.domain.models import Case, CaseStatus
from companion.errors import CompanionError
from companion.store.store import Store
from companion.ui.i18n import _
from companion.ui.records.dialogs.common import DraftState, FieldGrid, RecordDialog, state_text
from companion.ui.records.dialogs.fields import EnumCombo
from companion.ui.records.dialogs.people_picker import PeoplePicker


class CaseDialog(RecordDialog):
    def __init__(
        self,
        store: Store,
        case_id: int | None = None,
        person_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(store, parent)
        self.case_id = case_id
        self._closed_on: dt.date | None = None
        self.docket_number = QLineEdit()
        self.court = QLineEdit()
        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(self.description.fontMetrics().lineSpacing() * 3 + 12)
        self.advocate = QLineEdit()
        self.status = EnumCombo(list(CaseStatus))
        self.people = PeoplePicker(store)

        body = QWidget()
        form = FieldGrid(body)
        self.docket_label = self.add_field(form, "docket_number", self.docket_number)
        self.court_label = self.add_field(form, "court", self.court)
        self.description_label = self.add_field(form, "description", self.description)
        self.advocate_label = self.add_field(form, "advocate", self.advocate)
        self.status_label = self.add_field(form, "status", self.status)
        self.people_label = self.add_field(
            form, "person_ids", self.people, focus=self.people.search
        )
        self.finish_layout(body)
        self.resize(720, 0)

        if case_id is not None:
            self._load(store.cases.get(case_id))
        if person_id is not None:
            self.people.add_person(person_id)
        self.retranslate()

    def _load(self, case: Case) -> None:
        self.read_version = case.row_version
        self.docket_number.setText(case.docket_number)
        self.court.setText(case.court)
        self.description.setPlainText(case.description)
        self.advocate.setText(case.advocate)
        self.status.set_member(case.status)
        for person_id in case.person_ids:
            self.people.add_person(person_id)
        self._closed_on = case.closed_on

    def opened_for(self) -> dict[str, int | None]:
        return {"case_id": self.case_id}

    def draft_state(self) -> DraftState:
        return {
            "docket_number": self.docket_number.text(),
            "court": self.court.text(),
            "description": self.description.toPlainText(),
            "advocate": self.advocate.text(),
            "status": self.status.current_member().value,
            "person_ids": self.people.person_ids(),
        }

    def restore_draft(self, state: Mapping[str, Any]) -> None:
        self.docket_number.setText(state_text(state, "docket_number"))
        self.court.setText(state_text(state, "court"))
        self.description.setPlainText(state_text(state, "description"))
        self.advocate.setText(state_text(state, "advocate"))
        self.status.set_value(state.get("status"))
        person_ids = state.get("person_ids")
        self.people.chosen.clear()
        for person_id in person_ids if isinstance(person_ids, list) else []:
            try:
                self.people.add_person(int(person_id))
            except (CompanionError, TypeError, ValueError):
                continue  # moved to the Trash meanwhile
        self.people.refresh_results()

    def read_case(self) -> Case:
        status = self.status.current_member()
        return Case(
            docket_number=self.docket_number.text(),
            court=self.court.text(),
            description=self.description.toPlainText().strip(),
            advocate=self.advocate.text().strip(),
            status=status,
            closed_on=self._closed_on if status is CaseStatus.CLOSED else None,
            person_ids=self.people.person_ids(),
            id=self.case_id,
            row_version=self.read_version,
        )

    def save(self) -> int:
        case = self.read_case()
        if self.case_id is None:
            saved = self.store.cases.add(case)
        else:
            saved = self.store.cases.update(case)
        assert saved.id is not None
        return saved.id

    def retranslate(self) -> None:
        self.setWindowTitle(_("Add case") if self.case_id is None else _("Edit case"))
        fields: tuple[tuple[QLabel, QWidget, str], ...] = (
            (self.docket_label, self.docket_number, _("Docket number")),
            (self.court_label, self.court, _("Court")),
            (self.description_label, self.description, _("Description")),
            (self.advocate_label, self.advocate, _("Advocate")),
            (self.status_label, self.status, _("Open or closed")),
            (self.people_label, self.people, _("People in this case")),
        )
        for label, widget, text in fields:
            label.setText(text)
            widget.setAccessibleName(text)
        self.status.retranslate()
        self.people.retranslate()
        super().retranslate()
