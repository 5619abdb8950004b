"""Add or edit a hearing: case, courthouse, the local date and time there, and who comes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from companion.domain.models import (
    Attendance,
    Case,
    CaseStatus,
    Courthouse,
    Hearing,
    HearingStatus,
    HearingType,
)
from companion.domain.validation import MAX_HEARING_MINUTES
from companion.errors import ValidationError
from companion.store.store import Store
from companion.ui.i18n import _
from companion.ui.records.dialogs.attendance_table import (
    MUST_TESTIFY,
    TAKES_PART,
    AttendanceChoice,
    AttendanceTable,
)
from companion.ui.records.dialogs.common import (
    DraftState,
    FieldGrid,
    InputProblems,
    RecordDialog,
    state_id,
    state_text,
)
from companion.ui.records.dialogs.fields import EnumCombo
from companion.ui.records.dialogs.local_start import LocalStartFields


class HearingDialog(RecordDialog):
    def __init__(
        self,
        store: Store,
        hearing_id: int | None = None,
        case_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(store, parent)
        self.hearing_id = hearing_id
        self.given_case_id = case_id
        self._existing = store.hearings.get(hearing_id) if hearing_id is not None else None
        self._courthouses = {courthouse.id: courthouse for courthouse in store.courthouses.list()}

        self.case = QComboBox()
        for case in self._case_choices(case_id):
            self.case.addItem(f"{case.docket_number}  ·  {case.court}", case.id)
        self.courthouse = QComboBox()
        for courthouse in self._courthouses.values():
            self.courthouse.addItem(courthouse.name, courthouse.id)
        self.start = LocalStartFields()
        self.expected_minutes = QSpinBox()
        self.expected_minutes.setRange(1, MAX_HEARING_MINUTES)
        self.expected_minutes.setSingleStep(15)
        self.expected_minutes.setValue(60)
        self.hearing_type = EnumCombo(list(HearingType))
        self.courtroom = QLineEdit()
        self.status = EnumCombo(list(HearingStatus))
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.notes.fontMetrics().lineSpacing() * 3 + 12)
        self.attendance = AttendanceTable()
        self.no_people = QLabel()
        self.no_people.setWordWrap(True)

        body = QWidget()
        form = FieldGrid(body)
        self.case_label = self.add_field(form, "case_id", self.case)
        self.courthouse_label = self.add_field(form, "courthouse_id", self.courthouse)
        self.date_label = self.add_field(
            form, "date", self.start.date, focus=self.start.date.line_edit
        )
        self.time_label = self.add_field(form, "time", self.start.time_row, focus=self.start.time)
        self.register_error("starts_at", self._error_labels["time"][0], self.start.time)
        self.length_label = self.add_field(form, "expected_minutes", self.expected_minutes)
        self.type_label = self.add_field(form, "hearing_type", self.hearing_type)
        self.courtroom_label = self.add_field(form, "courtroom", self.courtroom)
        self.status_label = self.add_field(form, "status", self.status)
        self.notes_label = self.add_field(form, "notes", self.notes)
        people = QWidget()
        people_column = QVBoxLayout(people)
        people_column.setContentsMargins(0, 0, 0, 0)
        people_column.addWidget(self.no_people)
        people_column.addWidget(self.attendance)
        self.people_label = self.add_field(form, "attendance", people, focus=self.attendance)
        self.finish_layout(body)
        self.resize(680, 0)

        # A new hearing is scheduled; "continued" comes only from continuing one.
        self.status.setVisible(self._existing is not None)
        self.status_label.setVisible(self._existing is not None)
        if self._existing is None or self._existing.status is not HearingStatus.CONTINUED:
            items = cast(QStandardItemModel, self.status.model())
            items.item(list(HearingStatus).index(HearingStatus.CONTINUED)).setEnabled(False)

        self.case.currentIndexChanged.connect(self._case_changed)
        if self._existing is None:
            self.case.currentIndexChanged.connect(
                lambda: self._select(self.courthouse, self._courthouse_of_case())
            )
        self.courthouse.currentIndexChanged.connect(self._courthouse_changed)
        if self._existing is not None:
            self._load(self._existing)
        else:
            self.hearing_type.set_member(HearingType.OTHER)
            self._select(self.case, case_id)
            self._case_changed()
            self._select(self.courthouse, self._courthouse_of_case())
        self._courthouse_changed()
        self.retranslate()

    # --- filling in -----------------------------------------------------------------

    def _case_choices(self, case_id: int | None) -> list[Case]:
        """The hearing's own case when it is known (editing, or adding from a case);
        otherwise every open case."""
        known = self._existing.case_id if self._existing is not None else case_id
        if known is not None:
            return [self.store.cases.get(known, include_deleted=self._existing is not None)]
        return [case for case in self.store.cases.list() if case.status is CaseStatus.OPEN]

    def _courthouse_of_case(self) -> int | None:
        """Where the chosen case's latest hearing was: the next one is usually there too."""
        case_id = self.case.currentData()
        if case_id is None:
            return None
        hearings = sorted(self.store.hearings.for_case(case_id), key=lambda h: h.starts_at)
        known = [h.courthouse_id for h in hearings if h.courthouse_id in self._courthouses]
        return known[-1] if known else None

    def first_field(self) -> QWidget | None:
        """A new hearing opens on the first choice still to make: the case when there are
        several and none was given, the courthouse when there are several and the case has
        had no hearing yet, otherwise the date (what is always typed)."""
        if self._existing is None:
            if self.given_case_id is None and self.case.count() > 1:
                return self.case
            if self.courthouse.count() != 1 and self._courthouse_of_case() is None:
                return self.courthouse
            return self.start.date.line_edit
        return super().first_field()

    @staticmethod
    def _select(combo: QComboBox, record_id: int | None) -> None:
        index = combo.findData(record_id) if record_id is not None else -1
        if index >= 0:
            combo.setCurrentIndex(index)

    def _load(self, hearing: Hearing) -> None:
        self.read_version = hearing.row_version
        self._select(self.case, hearing.case_id)
        self._select(self.courthouse, hearing.courthouse_id)
        self.start.set_start(hearing.starts_at)
        self.expected_minutes.setValue(hearing.expected_minutes)
        self.hearing_type.set_member(hearing.hearing_type)
        self.courtroom.setText(hearing.courtroom)
        self.status.set_member(hearing.status)
        self.notes.setPlainText(hearing.notes)
        self._case_changed()

    def _case_changed(self) -> None:
        case_id = self.case.currentData()
        person_ids: list[int] = list(self.store.cases.get(case_id).person_ids) if case_id else []
        chosen: dict[int, AttendanceChoice] = {}
        if self._existing is not None and self._existing.id is not None:
            entries = self.store.hearings.attendance_for(self._existing.id)
            for entry in entries:
                chosen[entry.person_id] = AttendanceChoice(
                    entry.person_id, takes_part=True, must_testify=entry.must_testify
                )
                if entry.person_id not in person_ids:
                    person_ids.append(entry.person_id)
            for person_id in person_ids:
                chosen.setdefault(person_id, AttendanceChoice(person_id, False, False))
        people = []
        for person_id in person_ids:
            person = self.store.people.get(person_id)
            people.append((person_id, person.display_name, person.native_name))
        self.attendance.set_people(people, chosen)
        self.attendance.setVisible(bool(people))
        self.no_people.setVisible(not people)

    def _courthouse_changed(self) -> None:
        courthouse = self._current_courthouse()
        self.start.set_zone(courthouse.timezone if courthouse else "")

    def _current_courthouse(self) -> Courthouse | None:
        return self._courthouses.get(self.courthouse.currentData())

    # --- drafts ---------------------------------------------------------------------

    def opened_for(self) -> dict[str, int | None]:
        return {"hearing_id": self.hearing_id, "case_id": self.given_case_id}

    def draft_state(self) -> DraftState:
        return {
            "case_id": self.case.currentData(),
            "courthouse_id": self.courthouse.currentData(),
            "date": self.start.date.text(),
            "time": self.start.time.text(),
            "expected_minutes": self.expected_minutes.value(),
            "hearing_type": self.hearing_type.current_member().value,
            "courtroom": self.courtroom.text(),
            "status": self.status.current_member().value,
            "notes": self.notes.toPlainText(),
            "attendance": [
                [choice.person_id, choice.takes_part, choice.must_testify]
                for choice in self.attendance.choices()
            ],
        }

    def restore_draft(self, state: Mapping[str, Any]) -> None:
        self._select(self.case, state_id(state, "case_id"))
        self._select(self.courthouse, state_id(state, "courthouse_id"))
        self.start.date.line_edit.setText(state_text(state, "date"))
        self.start.time.setText(state_text(state, "time"))
        minutes = state_id(state, "expected_minutes")
        if minutes is not None:
            self.expected_minutes.setValue(minutes)
        self.hearing_type.set_value(state.get("hearing_type"))
        self.courtroom.setText(state_text(state, "courtroom"))
        self.status.set_value(state.get("status"))
        self.notes.setPlainText(state_text(state, "notes"))
        rows = state.get("attendance")
        for row in rows if isinstance(rows, list) else []:
            if isinstance(row, list) and len(row) == 3 and isinstance(row[0], int):
                self.attendance.set_checked(row[0], TAKES_PART, row[1] is True)
                self.attendance.set_checked(row[0], MUST_TESTIFY, row[2] is True)

    # --- saving ---------------------------------------------------------------------

    def read_hearing(self) -> Hearing:
        problems = InputProblems()
        case_id = self.case.currentData()
        if case_id is None:
            problems.add(ValidationError("case_id", "unknown_case"))
        courthouse = self._current_courthouse()
        if courthouse is None:
            problems.add(ValidationError("courthouse_id", "unknown_courthouse"))
        starts_at = self.start.read(problems, courthouse)
        problems.raise_if_any()
        assert starts_at is not None and courthouse is not None and courthouse.id is not None
        existing = self._existing
        return Hearing(
            case_id=int(case_id),
            courthouse_id=courthouse.id,
            starts_at=starts_at,
            hearing_type=self.hearing_type.current_member(),
            courtroom=self.courtroom.text(),
            expected_minutes=self.expected_minutes.value(),
            status=self.status.current_member() if existing else HearingStatus.SCHEDULED,
            notes=self.notes.toPlainText().strip(),
            continued_from_id=existing.continued_from_id if existing else None,
            calendar_uid=existing.calendar_uid if existing else "",
            sequence=existing.sequence if existing else 0,
            id=self.hearing_id,
            row_version=self.read_version,
        )

    def save(self) -> int:
        hearing = self.read_hearing()
        choices = self.attendance.choices()
        if self.hearing_id is None:
            attendance = [
                Attendance(choice.person_id, 0, must_testify=choice.must_testify)
                for choice in choices
                if choice.takes_part
            ]
            saved = self.store.hearings.add(hearing, attendance)
            assert saved.id is not None
            return saved.id
        return self._update(hearing, choices)

    def _update(self, hearing: Hearing, choices: list[AttendanceChoice]) -> int:
        """The hearing and its people change together, or not at all."""
        hearing_id = self.hearing_id
        assert hearing_id is not None
        hearings = self.store.hearings
        with hearings.writing():
            hearings.update(hearing)
            before = {entry.person_id: entry for entry in hearings.attendance_for(hearing_id)}
            for choice in choices:
                entry = before.get(choice.person_id)
                if not choice.takes_part:
                    if entry is not None:
                        hearings.remove_attendance(choice.person_id, hearing_id)
                    continue
                if entry is None:
                    entry = Attendance(choice.person_id, hearing_id)
                entry.must_testify = choice.must_testify
                hearings.set_attendance(entry)
        return hearing_id

    def retranslate(self) -> None:
        self.setWindowTitle(_("Add hearing") if self.hearing_id is None else _("Edit hearing"))
        fields: tuple[tuple[QLabel, QWidget, str], ...] = (
            (self.case_label, self.case, _("Case")),
            (self.courthouse_label, self.courthouse, _("Courthouse")),
            (self.length_label, self.expected_minutes, _("Expected length (minutes)")),
            (self.type_label, self.hearing_type, _("Hearing type")),
            (self.courtroom_label, self.courtroom, _("Courtroom")),
            (self.status_label, self.status, _("Status")),
            (self.notes_label, self.notes, _("Notes")),
            (self.people_label, self.attendance, _("People")),
        )
        for label, widget, text in fields:
            label.setText(text)
            widget.setAccessibleName(text)
        self.date_label.setText(_("Date"))
        self.time_label.setText(_("Time"))
        self.start.retranslate()
        self.hearing_type.retranslate()
        self.status.retranslate()
        self.attendance.retranslate()
        self.attendance.setAccessibleName(_("People at this hearing"))
        self.no_people.setText(
            _("This case has no people yet. Add them to the case to list them here.")
        )
        super().retranslate()
