"""One person's page: details, safe ways to reach them, cases, hearings with attendance,
and the history of what was done for them."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QStyle,
    QTableWidget,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from companion.domain.models import (
    Attendance,
    Case,
    ContactKind,
    ContactMethod,
    Courthouse,
    Hearing,
    HearingStatus,
    Person,
)
from companion.domain.validation import display_phone
from companion.errors import NotFoundError
from companion.i18n.catalog import N_
from companion.outreach.model import ContactAttempt, ContactOutcome
from companion.store.people import HistoryEntry
from companion.store.store import Store
from companion.ui import formatting
from companion.ui.i18n import _
from companion.ui.records.people_model import language_name
from companion.ui.widgets.flow_layout import FlowLayout
from companion.ui.widgets.tables import configure_table, fill_table, selected_id

log = logging.getLogger(__name__)

LEFT_TO_RIGHT_ISOLATE = "\u2066"
POP_DIRECTIONAL_ISOLATE = "\u2069"

# What the person's history records, by the kind code the store keeps.
HISTORY_KINDS: dict[str, str] = {
    "packet_printed": N_("Hearing packet printed"),
    "packet_saved": N_("Hearing packet saved"),
    "reminder": N_("Reminder sent"),
    "attendance": N_("Attendance recorded"),
    "handed_over": N_("Handed over to a colleague's laptop"),
    "contact_logged": N_("Contact logged"),
    "letter_saved": N_("Reminder letter saved"),
    "employer_letter_saved": N_("Letter to the employer saved"),
}


@dataclass
class PersonRecords:
    """Everything the page shows about one person, read from the store at once."""

    person: Person
    cases: list[Case]
    hearings: list[Hearing]
    attendance: dict[int, Attendance]
    courthouses: dict[int, Courthouse]
    dockets: dict[int, str]
    history: list[HistoryEntry] = field(default_factory=list)
    #: Every logged contact attempt (corrected ones too), to describe the history's.
    attempts: list[ContactAttempt] = field(default_factory=list)


def load_person(store: Store, person_id: int) -> PersonRecords:
    person = store.people.get(person_id)
    cases = store.cases.for_person(person_id)
    hearings = store.hearings.for_person(person_id)
    attendance = {entry.hearing_id: entry for entry in store.hearings.attendance_of(person_id)}
    dockets = {case.id: case.docket_number for case in cases if case.id is not None}
    courthouses: dict[int, Courthouse] = {}
    for hearing in hearings:
        if hearing.courthouse_id not in courthouses:
            courthouses[hearing.courthouse_id] = store.courthouses.get(
                hearing.courthouse_id, include_deleted=True
            )
        if hearing.case_id not in dockets:
            dockets[hearing.case_id] = store.cases.get(
                hearing.case_id, include_deleted=True
            ).docket_number
    return PersonRecords(
        person,
        cases,
        hearings,
        attendance,
        courthouses,
        dockets,
        store.people.history(person_id),
        store.outreach.attempts(person_id, include_corrected=True),
    )


def _table() -> QTableWidget:
    table = QTableWidget()
    configure_table(table)
    return table


class PersonPage(QWidget):
    back_requested = Signal()
    selection_changed = Signal()
    hearing_activated = Signal(int)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.records: PersonRecords | None = None

        self.back_button = QToolButton()
        self.back_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.back_button.clicked.connect(self.back_requested.emit)
        self.name_label = QLabel()
        heading = QFont(self.font())
        heading.setPointSizeF(heading.pointSizeF() * 1.5)
        heading.setBold(True)
        self.name_label.setFont(heading)
        self.name_label.setTextFormat(Qt.TextFormat.PlainText)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.native_label = QLabel()
        self.native_label.setFont(heading)
        self.native_label.setTextFormat(Qt.TextFormat.PlainText)
        #: "Asked not to be contacted", beside the name, for a person who said so.
        self.do_not_contact_label = QLabel()
        self.do_not_contact_label.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.do_not_contact_label.hide()
        self.buttons = FlowLayout()  # wraps where the words are long (es, ru)

        self.role_value = QLabel()
        self.language_value = QLabel()
        self.interpreter_value = QLabel()
        self.alternate_value = QLabel()
        self.notes_value = QLabel()
        for value in (
            self.role_value,
            self.language_value,
            self.interpreter_value,
            self.alternate_value,
            self.notes_value,
        ):
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Free text may be long; short values stay on one line, aligned with their label
        # even when written in another script.
        self.alternate_value.setWordWrap(True)
        self.notes_value.setWordWrap(True)
        self.details = QFormLayout()
        self.role_label = QLabel()
        self.language_label = QLabel()
        self.interpreter_label = QLabel()
        self.alternate_label = QLabel()
        self.notes_label = QLabel()
        self.details.addRow(self.role_label, self.role_value)
        self.details.addRow(self.language_label, self.language_value)
        self.details.addRow(self.interpreter_label, self.interpreter_value)
        self.details.addRow(self.alternate_label, self.alternate_value)
        self.details.addRow(self.notes_label, self.notes_value)
        self.contacts_label = QLabel()
        self.contacts = _table()
        self.contacts.setColumnCount(6)
        self.contacts_label.setBuddy(self.contacts)

        self.cases = _table()
        self.cases.setColumnCount(5)
        self.hearings = _table()
        self.hearings.setColumnCount(9)
        self.history = _table()
        self.history.setColumnCount(3)

        self.details_page = details_page = QWidget()
        details_layout = QVBoxLayout(details_page)
        details_layout.addLayout(self.details)
        details_layout.addWidget(self.contacts_label)
        details_layout.addWidget(self.contacts, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(details_page, "")
        self.tabs.addTab(self.cases, "")
        self.tabs.addTab(self.hearings, "")
        self.tabs.addTab(self.history, "")

        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addWidget(self.name_label)
        top.addWidget(self.native_label)
        top.addWidget(self.do_not_contact_label)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(self.buttons)
        layout.addWidget(self.tabs, 1)

        for table in (self.cases, self.hearings):
            table.itemSelectionChanged.connect(self.selection_changed.emit)
        self.hearings.itemDoubleClicked.connect(self._hearing_double_clicked)
        self.tabs.currentChanged.connect(lambda _index: self.selection_changed.emit())
        self.retranslate()

    def set_actions(self, actions: list[QAction]) -> None:
        """Buttons for the window's person and hearing actions (same shortcuts as the menus)."""
        for action in actions:
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.buttons.addWidget(button)
        self.hearings.addActions(actions)
        self.hearings.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    # --- data -----------------------------------------------------------------------------

    @property
    def person_id(self) -> int | None:
        return self.records.person.id if self.records else None

    def show_person(self, person_id: int) -> None:
        self.records = load_person(self.store, person_id)
        log.debug("showing person %d", person_id)
        self._render()
        self.selection_changed.emit()

    def refresh(self) -> bool:
        """Read the person again; False if they are gone (deleted, or moved to the Trash)."""
        if self.records is None or self.records.person.id is None:
            return False
        try:
            hearing_id = self.selected_hearing_id()
            self.show_person(self.records.person.id)
        except NotFoundError:
            self.records = None
            return False
        if hearing_id is not None:
            self.select_hearing(hearing_id)
        return True

    def selected_hearing_id(self) -> int | None:
        return selected_id(self.hearings)

    def selected_case_id(self) -> int | None:
        return selected_id(self.cases)

    def select_hearing(self, hearing_id: int) -> bool:
        for row in range(self.hearings.rowCount()):
            item = self.hearings.item(row, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == hearing_id:
                self.hearings.selectRow(row)
                return True
        return False

    def show_next_hearing(self, now: dt.datetime) -> bool:
        """Open the hearings tab on the person's next scheduled hearing, if there is one."""
        if self.records is None:
            return False
        upcoming = [
            hearing
            for hearing in self.records.hearings
            if hearing.status is HearingStatus.SCHEDULED
            and hearing.id is not None
            and hearing.starts_at >= now
        ]
        if not upcoming:
            return False
        following = min(upcoming, key=lambda hearing: hearing.starts_at)
        self.tabs.setCurrentWidget(self.hearings)
        return following.id is not None and self.select_hearing(following.id)

    def show_hearings_tab(self) -> None:
        self.tabs.setCurrentWidget(self.hearings)

    def _hearing_double_clicked(self) -> None:
        hearing_id = self.selected_hearing_id()
        if hearing_id is not None:
            self.hearing_activated.emit(hearing_id)

    # --- texts ----------------------------------------------------------------------------

    def _render(self) -> None:
        records = self.records
        if records is None:
            return
        person = records.person
        self.name_label.setText(person.display_name)
        self.native_label.setText(person.native_name)
        self.native_label.setVisible(bool(person.native_name))
        self.do_not_contact_label.setText(_(ContactOutcome.DO_NOT_CONTACT.label))
        self.do_not_contact_label.setVisible(person.do_not_contact)
        self.role_value.setText(_(person.role.label))
        self.language_value.setText(formatting.isolate(language_name(person.language)))
        self.interpreter_value.setText(
            _("Needs an interpreter") if person.needs_interpreter else _("No interpreter needed")
        )
        self.alternate_value.setText(formatting.isolate(alternate_text(person)))
        self.notes_value.setText(formatting.isolate(person.notes))
        fill_table(self.contacts, [contact_row(contact) for contact in person.contacts])
        fill_table(
            self.cases,
            [
                [
                    case.docket_number,
                    case.court,
                    _(case.status.label),
                    case.description,
                    case.advocate,
                ]
                for case in records.cases
            ],
            [case.id or 0 for case in records.cases],
        )
        fill_table(
            self.hearings,
            [hearing_row(hearing, records) for hearing in records.hearings],
            [hearing.id or 0 for hearing in records.hearings],
        )
        fill_table(
            self.history,
            [
                [
                    formatting.stored_timestamp(entry.at),
                    _(HISTORY_KINDS[entry.kind]) if entry.kind in HISTORY_KINDS else entry.kind,
                    history_detail(entry, records),
                ]
                for entry in records.history
            ],
        )

    def retranslate(self) -> None:
        self.back_button.setText(_("Back to people"))
        self.back_button.setIcon(
            self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowBack, None, self)
        )
        self.back_button.setAccessibleName(_("Back to the list of people"))
        self.back_button.setToolTip(_("Back to the list of people (Alt+Left)"))
        self.name_label.setAccessibleName(_("Name"))
        self.native_label.setAccessibleName(_("Name in own script"))
        self.role_label.setText(_("Role:"))
        self.language_label.setText(_("Preferred language:"))
        self.interpreter_label.setText(_("Interpreter:"))
        self.alternate_label.setText(_("Trusted contact:"))
        self.notes_label.setText(_("Notes:"))
        self.contacts_label.setText(_("Ways to reach them safely:"))
        self.contacts.setHorizontalHeaderLabels(
            [_("Kind"), _("Contact"), _("Texts"), _("Voicemail"), _("Safe hours"), _("Note")]
        )
        self.contacts.setAccessibleName(_("Ways to reach them safely"))
        self.cases.setHorizontalHeaderLabels(
            [_("Docket number"), _("Court"), _("Status"), _("Description"), _("Advocate")]
        )
        self.cases.setAccessibleName(_("Cases"))
        self.hearings.setHorizontalHeaderLabels(
            [
                _("Date and time"),
                _("Case"),
                _("Hearing"),
                _("Courthouse"),
                _("Courtroom"),
                _("Status"),
                _("Testimony"),
                _("Attendance"),
                _("Reason"),
            ]
        )
        self.hearings.setAccessibleName(_("Hearings and attendance"))
        self.history.setHorizontalHeaderLabels([_("When"), _("What"), _("Detail")])
        self.history.setAccessibleName(_("History"))
        self.tabs.setTabText(0, _("&Details"))
        self.tabs.setTabText(1, _("C&ases"))
        self.tabs.setTabText(2, _("&Hearings and attendance"))
        self.tabs.setTabText(3, _("Histor&y"))
        self.tabs.setAccessibleName(_("Person's records"))
        self._render()


def history_detail(entry: HistoryEntry, records: PersonRecords | None = None) -> str:
    """The entry's detail in words: a logged contact's outcome by its label, then how it
    was made, about which hearing, and its note."""
    if entry.kind != "contact_logged" or entry.detail not in _OUTCOMES:
        return entry.detail
    outcome = _(ContactOutcome(entry.detail).label)
    attempt = _attempt_of(entry, records.attempts) if records is not None else None
    if attempt is None or records is None:
        return outcome
    parts = [outcome, _(attempt.channel.label)]
    hearing = next((h for h in records.hearings if h.id == attempt.hearing_id), None)
    if hearing is not None:
        parts.append(
            _("Hearing on {date} ({docket})").format(
                date=formatting.short_day(hearing.starts_at.date()),
                docket=records.dockets.get(hearing.case_id, ""),
            )
        )
    if attempt.note:
        parts.append(_("Note: {note}").format(note=attempt.note))
    return " · ".join(parts)


def _attempt_of(entry: HistoryEntry, attempts: list[ContactAttempt]) -> ContactAttempt | None:
    """The attempt a history entry records: same hearing and outcome, logged the same
    second (the history keeps whole seconds, the contact log microseconds)."""
    try:
        at = dt.datetime.fromisoformat(entry.at.replace("Z", "+00:00"))
    except ValueError:
        return None
    for attempt in attempts:
        if (
            attempt.hearing_id == entry.hearing_id
            and attempt.outcome.value == entry.detail
            and attempt.at.astimezone(dt.UTC).replace(microsecond=0) == at.astimezone(dt.UTC)
        ):
            return attempt
    return None


_OUTCOMES = frozenset(outcome.value for outcome in ContactOutcome)


def left_to_right(text: str) -> str:
    """Keep a phone number's "+" and digits in order inside right-to-left text."""
    return LEFT_TO_RIGHT_ISOLATE + display_phone(text) + POP_DIRECTIONAL_ISOLATE


def alternate_text(person: Person) -> str:
    if not person.alternate_name:
        return _("None recorded")
    phone = left_to_right(person.alternate_phone) if person.alternate_phone else ""
    parts = [person.alternate_name, person.alternate_relationship, phone]
    return " · ".join(part for part in parts if part)


def contact_row(contact: ContactMethod) -> list[str]:
    if contact.safe_hours_start and contact.safe_hours_end:
        hours = _("{start} to {end}").format(
            start=formatting.clock_time(contact.safe_hours_start),
            end=formatting.clock_time(contact.safe_hours_end),
        )
    else:
        hours = _("Not set")
    return [
        _(contact.kind.label),
        left_to_right(contact.value) if contact.kind is ContactKind.PHONE else contact.value,
        _("OK to text") if contact.ok_to_text else _("Do not text"),
        _("OK to leave a message") if contact.ok_to_voicemail else _("No voicemail"),
        hours,
        contact.note,
    ]


def _status_text(hearing: Hearing, records: PersonRecords) -> str:
    """ "Continued → Mon, Dec 28" for a continued hearing whose new date is known."""
    if hearing.status is HearingStatus.CONTINUED:
        for later in records.hearings:
            if later.continued_from_id == hearing.id and later.id != hearing.id:
                return _("Continued → {date}").format(
                    date=formatting.short_day(later.starts_at.date())
                )
    return _(hearing.status.label)


def hearing_row(hearing: Hearing, records: PersonRecords) -> list[str]:
    attendance = records.attendance.get(hearing.id or 0)
    courthouse = records.courthouses.get(hearing.courthouse_id)
    return [
        formatting.date_and_time(hearing.starts_at),
        records.dockets.get(hearing.case_id, ""),
        _(hearing.hearing_type.label),
        courthouse.name if courthouse else "",
        hearing.courtroom,
        _status_text(hearing, records),
        _("Must testify") if attendance and attendance.must_testify else "",
        _(attendance.status.label) if attendance else "",
        attendance.reason if attendance else "",
    ]
