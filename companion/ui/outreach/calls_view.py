"""Today's calls: everyone due for a call, one row each, keyboard first.

Each row shows the hearing and why the person is due, their phones with what each may
take, their safe hours and whether now is inside them, their language and interpreter,
their open needs and the last contact. People who asked not to be contacted are never
listed (the store leaves them out).

Logging an outcome takes two keys: a number chooses the outcome (1 confirmed, 2 no
answer...), Enter logs it, Escape changes your mind. The list is read again and the
selection moves on to the next person. Under the list are the words to say, leave or
send, in the person's language.
"""

from __future__ import annotations

import datetime as dt
import logging
import unicodedata
from collections.abc import Callable

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from companion.errors import CompanionError
from companion.outreach.model import ContactOutcome
from companion.store.outreach import CallItem
from companion.store.store import Store
from companion.ui import formatting
from companion.ui.i18n import _, ngettext
from companion.ui.outreach.call_rows import (
    CallColumn,
    column_titles,
    hearing_tooltip,
    row_texts,
    safe_now,
)
from companion.ui.outreach.contact_dialog import staff_member
from companion.ui.outreach.words_panel import WordsPanel
from companion.ui.widgets.prompts import show_error
from companion.ui.widgets.tables import (
    ColumnFitter,
    ElidedTextTips,
    configure_table,
    fill_table,
)

log = logging.getLogger(__name__)

Clock = Callable[[], dt.datetime]

#: The key for each outcome: the most frequent first.
OUTCOME_KEYS: dict[int, ContactOutcome] = {
    1: ContactOutcome.CONFIRMED,
    2: ContactOutcome.NO_ANSWER,
    3: ContactOutcome.LEFT_VOICEMAIL,
    4: ContactOutcome.DECLINED,
    5: ContactOutcome.NEEDS_HELP,
    6: ContactOutcome.WRONG_NUMBER,
    7: ContactOutcome.NUMBER_CHANGED,
    8: ContactOutcome.DO_NOT_CONTACT,
}

#: How narrow (in characters) the columns staff read at a glance may become to fit the
#: window: a phone number, the hearing's day and time (the others may become narrower,
#: their texts cut short, whole in a tooltip).
READABLE_CHARACTERS: dict[int, int] = {CallColumn.HEARING: 21, CallColumn.PHONES: 17}

_NOT_SAFE_BACKGROUND = QColor("#ffe0d6")
_PENDING_STYLE = "background: #fff4c2; padding: 4px; font-weight: bold;"


def current_time() -> dt.datetime:
    """Now (looked up at each use, so a test can set the clock of the window's view)."""
    return dt.datetime.now(dt.UTC)


def outcome_for_key(event: QKeyEvent) -> ContactOutcome | None:
    """The outcome a digit key stands for, from any keyboard (Arabic-Indic digits too)."""
    text = event.text()
    if len(text) != 1 or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
        return None
    digit = unicodedata.digit(text, None)
    return OUTCOME_KEYS.get(digit) if digit is not None else None


class CallsView(QWidget):
    selection_changed = Signal()
    #: A contact was logged (the window reads its other views again).
    contact_logged = Signal()
    status_message = Signal(str)
    #: Enter with no outcome chosen: open the contact log for the selected person.
    details_requested = Signal()

    def __init__(
        self,
        store: Store,
        clock: Clock | None = None,
        parent: QWidget | None = None,
        fill: bool = True,
    ) -> None:
        """``fill=False`` leaves the list empty until ``refresh``: the window reads it when
        its tab is shown, not at unlock (a large office has thousands of calls due)."""
        super().__init__(parent)
        self.store = store
        self.clock: Clock = clock or (lambda: current_time())
        self.items: list[CallItem] = []
        self.day = self.clock().astimezone().date()
        self.pending: ContactOutcome | None = None

        self.heading = QLabel()
        heading_font = QFont(self.heading.font())
        heading_font.setBold(True)
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.2)
        self.heading.setFont(heading_font)
        self.keys_help = QLabel()
        self.keys_help.setWordWrap(True)
        self.keys_help.setTextFormat(Qt.TextFormat.PlainText)
        self.prompt = QLabel()
        self.prompt.setTextFormat(Qt.TextFormat.PlainText)
        self.prompt.setStyleSheet(_PENDING_STYLE)
        self.prompt.setWordWrap(True)
        self.prompt.hide()

        self.table = QTableWidget()
        configure_table(self.table)
        self.table.setColumnCount(len(CallColumn))
        # The columns fit the window's width; a cell cut short shows its whole text on hover.
        self.columns = ColumnFitter(self.table, READABLE_CHARACTERS)
        self.tips = ElidedTextTips(self.table)
        self.table.installEventFilter(self)
        self.table.itemSelectionChanged.connect(self._selected)
        self.words = WordsPanel(store)
        self.words.copied.connect(lambda _text: self.status_message.emit(_("Copied.")))

        self.log_button = QPushButton()
        self.needs_button = QPushButton()
        self.person_button = QPushButton()
        for button in (self.log_button, self.needs_button, self.person_button):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.log_button)
        buttons.addWidget(self.needs_button)
        buttons.addWidget(self.person_button)
        buttons.addStretch(1)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.words)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.keys_help)
        layout.addWidget(self.prompt)
        layout.addLayout(buttons)
        layout.addWidget(splitter, 1)
        self.retranslate()
        if fill:
            self.refresh()

    # --- the list -------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read who is due today again, keeping the selected person where they still are."""
        chosen = self.selected_pair()
        now = self.clock()
        self.day = now.astimezone().date()
        try:
            self.items = self.store.outreach.calls(now=now)
        except CompanionError as error:
            log.warning("call list not readable: %s", error.code)
            self.items = []
        self._fill(now)
        if self.items and (chosen is None or not self.select_pair(*chosen)):
            self.select_row(0)
        self._show_heading()
        self.selection_changed.emit()

    def _fill(self, now: dt.datetime) -> None:
        blocker = self.table.blockSignals(True)
        fill_table(
            self.table,
            [row_texts(item, now, self.day) for item in self.items],
            list(range(len(self.items))),
        )
        for row, item in enumerate(self.items):
            hearing = self.table.item(row, CallColumn.HEARING)
            if hearing is not None:
                hearing.setToolTip(hearing_tooltip(item))
            if item.phones and not safe_now(item, now):
                cell = self.table.item(row, CallColumn.SAFE_HOURS)
                if cell is not None:
                    cell.setBackground(QBrush(_NOT_SAFE_BACKGROUND))
                    cell.setToolTip(_("Outside the hours when it is safe to call them."))
        self.columns.measure()
        self.table.blockSignals(blocker)

    def _show_heading(self) -> None:
        day = formatting.full_date(self.day)
        if not self.items:
            self.heading.setText(_("Nobody is due for a call on {date}.").format(date=day))
            return
        self.heading.setText(
            ngettext(
                "{date}: {count} person to call", "{date}: {count} people to call", len(self.items)
            ).format(date=day, count=formatting.number(len(self.items)))
        )

    def select_row(self, row: int) -> None:
        """Select the whole row (``QTableView.selectRow`` picks nothing in a right-to-left
        view that is not laid out yet: it looks for a column at the viewport's edge)."""
        self.table.selectionModel().setCurrentIndex(
            self.table.model().index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )

    def selected_item(self) -> CallItem | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or not 0 <= rows[0].row() < len(self.items):
            return None
        return self.items[rows[0].row()]

    def selected_pair(self) -> tuple[int, int] | None:
        item = self.selected_item()
        return (item.person_id, item.hearing_id) if item is not None else None

    def select_pair(self, person_id: int, hearing_id: int) -> bool:
        for row, item in enumerate(self.items):
            if (item.person_id, item.hearing_id) == (person_id, hearing_id):
                self.select_row(row)
                return True
        return False

    def _selected(self) -> None:
        self.cancel_pending()
        item = self.selected_item()
        self.words.show_for(item.person_id if item else None, item.hearing_id if item else None)
        for button in (self.log_button, self.needs_button, self.person_button):
            button.setEnabled(item is not None)
        self.selection_changed.emit()

    # --- two keys per outcome ---------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if self._key(event):
                event.accept()
                return True
        return super().eventFilter(watched, event)

    def _key(self, event: QKeyEvent) -> bool:
        outcome = outcome_for_key(event)
        if outcome is not None and self.selected_item() is not None:
            self.choose(outcome)
            return True
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers() & ~(
            Qt.KeyboardModifier.KeypadModifier
        ):
            if self.pending is not None:
                self.log_pending()
            elif self.selected_item() is not None:
                self.details_requested.emit()
            return True
        if event.key() == Qt.Key.Key_Escape and self.pending is not None:
            self.cancel_pending()
            return True
        return False

    def choose(self, outcome: ContactOutcome) -> None:
        """First key: say what Enter will log, for whom."""
        item = self.selected_item()
        if item is None:
            return
        self.pending = outcome
        self.prompt.setText(
            _("Log “{outcome}” for {name}? Enter logs it, Escape cancels.").format(
                outcome=_(outcome.label), name=formatting.isolate(item.display_name)
            )
        )
        self.prompt.show()

    def cancel_pending(self) -> None:
        self.pending = None
        self.prompt.hide()

    def log_pending(self) -> None:
        """Second key: log it, read the list again and move on to the next person."""
        item = self.selected_item()
        outcome = self.pending
        self.cancel_pending()
        if item is None or outcome is None:
            return
        row = self.items.index(item)
        try:
            self.store.outreach.log_contact(
                item.person_id,
                item.hearing_id,
                outcome,
                who=staff_member(self.store),
                at=self.clock(),
            )
        except CompanionError as error:
            show_error(self, error)
            return
        log.info(
            "logged %s for person %d hearing %d", outcome.value, item.person_id, item.hearing_id
        )
        self.after_logging(item.person_id, item.hearing_id, row)
        self.announce_logged(outcome, item.display_name)
        self.contact_logged.emit()

    def announce_logged(self, outcome: ContactOutcome, name: str) -> None:
        """Say in the status bar what was just logged, and for whom."""
        self.status_message.emit(
            _("Logged “{outcome}” for {name}.").format(
                outcome=_(outcome.label), name=formatting.isolate(name)
            )
        )

    def row_of(self, person_id: int, hearing_id: int) -> int | None:
        """The row of this person's call for this hearing, if it is on the list."""
        return next(
            (
                row
                for row, item in enumerate(self.items)
                if (item.person_id, item.hearing_id) == (person_id, hearing_id)
            ),
            None,
        )

    def after_logging(self, person_id: int, hearing_id: int, row: int) -> None:
        """Read the list again; select the person after the one just logged (who is
        usually off the list now)."""
        self.table.clearSelection()
        blocker = self.table.blockSignals(True)
        self.refresh()
        self.table.blockSignals(blocker)
        still = next(
            (
                index
                for index, item in enumerate(self.items)
                if (item.person_id, item.hearing_id) == (person_id, hearing_id)
            ),
            None,
        )
        following = row if still is None else still + 1
        if self.items:
            self.select_row(min(following, len(self.items) - 1))
        self._selected()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- texts ----------------------------------------------------------------------------

    def retranslate(self) -> None:
        keys = " · ".join(
            f"{number} {_(outcome.label)}" for number, outcome in OUTCOME_KEYS.items()
        )
        self.keys_help.setText(
            _("To log a call, press its number, then Enter: {keys}").format(keys=keys)
        )
        self.table.setHorizontalHeaderLabels(column_titles())
        self.table.setAccessibleName(_("People to call today"))
        self.log_button.setText(_("Lo&g with a note…"))
        self.log_button.setToolTip(_("Log a contact with how it was made and a note (Enter)"))
        self.needs_button.setText(_("&Needs…"))
        self.person_button.setText(_("Open person's &page"))
        self.words.retranslate()
        if self.items:  # the cells are texts in the interface language: written again
            chosen = self.selected_pair()
            self._fill(self.clock())
            if chosen is not None:
                blocker = self.table.blockSignals(True)
                self.select_pair(*chosen)
                self.table.blockSignals(blocker)
        self._show_heading()
        if self.pending is not None:
            self.choose(self.pending)
