"""Outcomes after the hearing: past hearings where someone's attendance is still unknown.

Keyboard first. On the list:

- **A** records *attended*;
- **M** opens the reasons, and one digit records *missed* with that reason (a missed
  hearing always carries one); **0** opens a field to type another, Enter saves it and
  Escape leaves it;
- **Enter** opens the attendance dialog for the row, to say more;
- **Ctrl+Z** takes back the last outcome recorded here.

The recorded row leaves the list and the next one is selected, so a morning's hearings are
done one key (or two) at a time.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from companion.domain.models import Attendance, AttendanceStatus
from companion.errors import CompanionError, NotFoundError
from companion.i18n.catalog import N_
from companion.store.attendance_report import OutcomeDue
from companion.store.store import Store
from companion.ui import formatting
from companion.ui.i18n import _, ngettext
from companion.ui.records.dialogs.fields import native_name_font
from companion.ui.widgets.messages import MessageLabel
from companion.ui.widgets.tables import configure_table, fill_table

log = logging.getLogger(__name__)

ATTENDED_KEY = Qt.Key.Key_A
MISSED_KEY = Qt.Key.Key_M
OTHER_REASON_KEY = "0"

#: Reasons offered after M, each on its digit. Stored as shown, in the interface language,
#: as a reason typed by hand would be.
QUICK_REASONS: tuple[tuple[str, str], ...] = (
    ("1", N_("No transport")),
    ("2", N_("No childcare")),
    ("3", N_("Could not leave work")),
    ("4", N_("Afraid to come")),
    ("5", N_("Ill")),
    ("6", N_("Did not know the date")),
    ("7", N_("Reason not known")),
)

Clock = Callable[[], dt.datetime]


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class Recorded:
    """An outcome recorded here, and what it replaced (for Ctrl+Z)."""

    person_id: int
    hearing_id: int
    previous: AttendanceStatus
    previous_reason: str


class OutcomesView(QWidget):
    #: Enter on a row: open the attendance dialog (person id, hearing id).
    edit_requested = Signal(int, int)
    #: An outcome was stored or taken back: the other views must read again.
    changed = Signal()
    #: Something to say in the window's status bar.
    status_message = Signal(str)

    def __init__(
        self,
        store: Store,
        clock: Clock = _utc_now,
        parent: QWidget | None = None,
        fill: bool = True,
    ) -> None:
        """``fill=False`` leaves the list empty until ``refresh``: the window reads it when
        its tab is shown, not at unlock (a large office has thousands of past hearings)."""
        super().__init__(parent)
        self.store = store
        self.clock = clock
        self.due: list[OutcomeDue] = []
        self.last_recorded: Recorded | None = None

        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.table = QTableWidget()
        self.table.setColumnCount(4)
        configure_table(self.table)
        self.table.setFont(native_name_font(self.table.font()))
        self.table.installEventFilter(self)
        self.attended_button = QPushButton()
        self.missed_button = QPushButton()
        self.undo_action = QAction(self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.undo_action.setEnabled(False)
        self.addAction(self.undo_action)
        self.undo_button = QPushButton()
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)

        self.reason_menu = QMenu(self)
        self.reason_actions: list[tuple[QAction, str]] = []
        for _digit, reason in QUICK_REASONS:
            action = self.reason_menu.addAction("")
            action.triggered.connect(lambda _checked=False, text=reason: self._quick_missed(text))
            self.reason_actions.append((action, reason))
        self.reason_menu.addSeparator()
        self.other_reason_action = self.reason_menu.addAction("")
        self.other_reason_action.triggered.connect(self.ask_other_reason)

        self.reason_bar = QWidget()
        self.reason_label = QLabel()
        self.reason_field = QLineEdit()
        self.reason_field.setMaxLength(500)
        self.reason_label.setBuddy(self.reason_field)
        self.reason_field.installEventFilter(self)
        row = QHBoxLayout(self.reason_bar)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.reason_label)
        row.addWidget(self.reason_field, 1)
        self.reason_bar.hide()
        self.message = MessageLabel()

        buttons = QHBoxLayout()
        buttons.addWidget(self.attended_button)
        buttons.addWidget(self.missed_button)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.reason_bar)
        layout.addWidget(self.message)
        layout.addWidget(self.summary)

        self.attended_button.clicked.connect(self.record_attended)
        self.missed_button.clicked.connect(self.open_reasons)
        self.undo_button.clicked.connect(self.undo)
        self.undo_action.triggered.connect(self.undo)
        self.reason_field.returnPressed.connect(self._other_missed)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self._edit_selected())
        self.retranslate()
        if fill:
            self.refresh()

    # --- the list -------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the list again, keeping the selection on the same row number."""
        self.due = self.store.reports.outcomes_due(self.clock())
        self._fill()

    def _fill(self) -> None:
        row = self.table.currentRow()
        fill_table(self.table, [self._cells(item) for item in self.due])
        if self.due:
            self.table.selectRow(min(max(row, 0), len(self.due) - 1))
        self._update_summary()
        self._update_buttons()

    def _cells(self, item: OutcomeDue) -> list[str]:
        room = (
            _("{courthouse}, room {room}").format(
                courthouse=item.courthouse_name, room=item.courtroom
            )
            if item.courtroom
            else item.courthouse_name
        )
        return [
            formatting.date_and_time(item.starts_at),
            item.display_name,
            _("Must testify") if item.must_testify else "",
            room,
        ]

    def selected(self) -> OutcomeDue | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.due):
            return None
        return self.due[rows[0].row()]

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.attended_button.setEnabled(chosen)
        self.missed_button.setEnabled(chosen)
        self.undo_action.setEnabled(self.last_recorded is not None)
        self.undo_button.setEnabled(self.last_recorded is not None)

    def _update_summary(self) -> None:
        count = len(self.due)
        self.summary.setText(
            ngettext("{count} outcome to record", "{count} outcomes to record", count).format(
                count=formatting.number(count)
            )
        )

    # --- keys -----------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if watched is self.table and self._table_key(event):
                return True
            if watched is self.reason_field and event.key() == Qt.Key.Key_Escape:
                self.close_reason_bar()
                return True
        return super().eventFilter(watched, event)

    def _table_key(self, event: QKeyEvent) -> bool:
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        if not plain:
            return False
        if event.key() == ATTENDED_KEY:
            self.record_attended()
            return True
        if event.key() == MISSED_KEY:
            self.open_reasons()
            return True
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._edit_selected()
            return True
        return False

    def _edit_selected(self) -> None:
        item = self.selected()
        if item is not None:
            self.edit_requested.emit(item.person_id, item.hearing_id)

    # --- recording --------------------------------------------------------------------------

    def record_attended(self) -> bool:
        item = self.selected()
        if item is None:
            return False
        return self._record(item, AttendanceStatus.ATTENDED, "")

    def open_reasons(self) -> QMenu | None:
        """The reasons, by the selected row, each on its digit."""
        item = self.selected()
        if item is None:
            return None
        rect = self.table.visualRect(self.table.model().index(self.table.currentRow(), 1))
        self.reason_menu.popup(self.table.viewport().mapToGlobal(rect.bottomLeft() + QPoint(0, 2)))
        return self.reason_menu

    def _quick_missed(self, reason: str) -> None:
        item = self.selected()
        if item is not None:
            self._record(item, AttendanceStatus.MISSED, _(reason))

    def ask_other_reason(self) -> None:
        if self.selected() is None:
            return
        self.reason_field.clear()
        self.reason_bar.show()
        self.reason_field.setFocus(Qt.FocusReason.OtherFocusReason)

    def close_reason_bar(self) -> None:
        self.reason_bar.hide()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _other_missed(self) -> None:
        reason = " ".join(self.reason_field.text().split())
        item = self.selected()
        if item is None:
            self.close_reason_bar()
            return
        if not reason:
            self.message.show_message(lambda: _("Type the reason, or press Escape."), error=True)
            return
        if self._record(item, AttendanceStatus.MISSED, reason):
            self.close_reason_bar()

    def _current_entry(self, person_id: int, hearing_id: int) -> Attendance:
        for entry in self.store.hearings.attendance_for(hearing_id):
            if entry.person_id == person_id:
                return entry
        raise NotFoundError("hearing", hearing_id)

    def _record(self, item: OutcomeDue, status: AttendanceStatus, reason: str) -> bool:
        """Store the outcome (one transaction), then read the list again."""
        self.message.clear_message()
        try:
            entry = self._current_entry(item.person_id, item.hearing_id)
            previous = Recorded(item.person_id, item.hearing_id, entry.status, entry.reason)
            entry.status = status
            entry.reason = reason
            self.store.hearings.set_attendance(entry)
        except CompanionError as error:
            self.message.show_error(error)
            self.refresh()
            return False
        log.info("outcome %s recorded for hearing %d", status.value, item.hearing_id)
        self.last_recorded = previous
        self.refresh()
        self.changed.emit()
        self.status_message.emit(
            _("{outcome}: {name}, {when}. Ctrl+Z takes it back.").format(
                outcome=_(status.label),
                name=item.display_name,
                when=formatting.date_and_time(item.starts_at),
            )
        )
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def undo(self) -> bool:
        """Put back what the last outcome recorded here replaced."""
        last = self.last_recorded
        if last is None:
            return False
        self.message.clear_message()
        try:
            entry = self._current_entry(last.person_id, last.hearing_id)
            entry.status = last.previous
            entry.reason = last.previous_reason
            self.store.hearings.set_attendance(entry)
        except CompanionError as error:
            self.message.show_error(error)
            return False
        log.info("outcome taken back for hearing %d", last.hearing_id)
        self.last_recorded = None
        self.refresh()
        for row, item in enumerate(self.due):
            if (item.person_id, item.hearing_id) == (last.person_id, last.hearing_id):
                self.table.selectRow(row)
        self.changed.emit()
        self.status_message.emit(_("Taken back: the outcome is not recorded."))
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    # --- texts ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.explanation.setText(
            _(
                "Hearings that have passed where it is not yet recorded whether the person "
                "came. Press A for attended, or M and a number for missed with its reason. "
                "Enter opens the attendance to say more."
            )
        )
        self.table.setHorizontalHeaderLabels(
            [_("Hearing"), _("Person"), _("Testimony"), _("Courthouse")]
        )
        self.table.setAccessibleName(_("Outcomes to record"))
        self.attended_button.setText(_("Attended (A)"))
        self.attended_button.setAccessibleName(_("Record that the person attended"))
        self.missed_button.setText(_("Missed (M)…"))
        self.missed_button.setAccessibleName(_("Record that the person missed the hearing"))
        self.undo_button.setText(_("Take back"))
        self.undo_button.setAccessibleName(_("Take back the last outcome recorded"))
        self.undo_action.setText(_("Take back"))
        for (action, reason), (digit, _label) in zip(
            self.reason_actions, QUICK_REASONS, strict=True
        ):
            action.setText(f"&{digit}  {_(reason)}")
        self.other_reason_action.setText(f"&{OTHER_REASON_KEY}  {_('Another reason…')}")
        self.reason_menu.setTitle(_("Why was the hearing missed?"))
        self.reason_label.setText(_("Reason:"))
        self.reason_field.setAccessibleName(_("Reason"))
        self.reason_field.setPlaceholderText(_("Why the hearing was missed; Enter saves"))
        self.message.retranslate()
        self._fill()
