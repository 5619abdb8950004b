"""The agenda: hearings of the next days, grouped by day, for the morning look and calls."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from companion.store.agenda import AgendaEntry
from companion.store.store import Store
from companion.ui import formatting, preferences
from companion.ui.i18n import _, ngettext
from companion.ui.records.agenda_model import AgendaColumn, AgendaModel
from companion.ui.widgets.tables import ColumnFitter, ElidedTextTips, configure_table

log = logging.getLogger(__name__)

DAY_CHOICES = (1, 3, 7, 14, 30, 60, 90, 180, 365)
DEFAULT_DAYS = 14
FIT_ROWS_LIMIT = 400
MAX_COLUMN_CHARACTERS = 34
#: How narrow (in characters) a column may become to fit the window, for those that must
#: stay readable; the others (people, hearing, courthouse, needs) may become narrower, their
#: texts cut short and whole in a tooltip.
READABLE_CHARACTERS: dict[int, int] = {
    AgendaColumn.TIME: 10,
    AgendaColumn.CALL: 13,
    AgendaColumn.CASE: 15,
    AgendaColumn.PEOPLE: 12,
    AgendaColumn.HEARING: 12,
    AgendaColumn.COURTHOUSE: 12,
    AgendaColumn.NEEDS: 12,
    AgendaColumn.STATUS: 24,
}

Clock = Callable[[], dt.datetime]


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class AgendaView(QWidget):
    """Upcoming hearings for the next N days (N chosen by the user and remembered)."""

    hearing_activated = Signal(int)
    selection_changed = Signal()

    def __init__(self, store: Store, clock: Clock = _utc_now, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self._clock = clock
        self._entries: list[AgendaEntry] = []

        self.days_label = QLabel()
        self.days_combo = QComboBox()
        self.days_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.days_label.setBuddy(self.days_combo)
        remembered = preferences.remembered_agenda_days(DEFAULT_DAYS)
        for days in DAY_CHOICES:
            self.days_combo.addItem("", days)
        self.days_combo.setCurrentIndex(
            DAY_CHOICES.index(remembered)
            if remembered in DAY_CHOICES
            else DAY_CHOICES.index(DEFAULT_DAYS)
        )
        self.calls_only = QCheckBox()
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)

        self.model = AgendaModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        configure_table(self.table)
        self.columns = ColumnFitter(self.table, READABLE_CHARACTERS)
        self.tips = ElidedTextTips(self.table)
        self._fitted = False
        self._set_column_widths()

        controls = QHBoxLayout()
        controls.addWidget(self.days_label)
        controls.addWidget(self.days_combo)
        controls.addSpacing(16)
        controls.addWidget(self.calls_only)
        controls.addStretch(1)
        controls.addWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.table, 1)

        self.days_combo.currentIndexChanged.connect(self._days_changed)
        self.calls_only.toggled.connect(lambda _checked: self.refresh())
        self.table.doubleClicked.connect(self._activated)
        self.table.activated.connect(self._activated)
        self.table.selectionModel().selectionChanged.connect(
            lambda _selected, _deselected: self.selection_changed.emit()
        )
        self.retranslate()
        self.refresh()

    def _set_column_widths(self) -> None:
        """Widths for a long agenda (too many rows to measure), fitted to the window."""
        unit = self.fontMetrics().averageCharWidth()
        characters = {
            AgendaColumn.TIME: 10,
            AgendaColumn.PEOPLE: 38,
            AgendaColumn.CASE: 16,
            AgendaColumn.HEARING: 20,
            AgendaColumn.COURTHOUSE: 26,
            AgendaColumn.COURTROOM: 12,
            AgendaColumn.CALL: 14,
            AgendaColumn.NEEDS: 18,
            AgendaColumn.TESTIMONY: 14,
            AgendaColumn.STATUS: 16,
        }
        self.columns.set_natural([characters[column] * unit for column in AgendaColumn])

    def _fit_columns(self) -> None:
        """Size the columns to a small agenda's contents (a long one keeps the defaults),
        narrowed to the window's width if need be (``ColumnFitter``)."""
        self._fitted = True
        self.columns.measure(widest=self.fontMetrics().averageCharWidth() * MAX_COLUMN_CHARACTERS)

    # --- data ---------------------------------------------------------------------------

    @property
    def days(self) -> int:
        return int(self.days_combo.currentData())

    def set_days(self, days: int) -> None:
        self.days_combo.setCurrentIndex(DAY_CHOICES.index(days))

    def refresh(self) -> None:
        """Read the agenda again from the store, keeping the selected hearing selected."""
        selected = self.selected_hearing_id()
        self._entries = self.store.agenda.upcoming(self.days, now=self._clock())
        shown = (
            [entry for entry in self._entries if entry.needs_call]
            if self.calls_only.isChecked()
            else self._entries
        )
        self.model.set_entries(shown, today=self._clock().astimezone().date())
        self.table.clearSpans()
        for row in self.model.heading_rows():
            self.table.setSpan(row, 0, 1, len(AgendaColumn))
        self._update_summary()
        if not self._fitted and 0 < self.model.rowCount() <= FIT_ROWS_LIMIT:
            self._fit_columns()
        if selected is not None:
            self.select_hearing(selected)
        log.debug("agenda shows %d hearings", self.model.hearing_count)
        self.selection_changed.emit()

    def _days_changed(self) -> None:
        preferences.remember_agenda_days(self.days)
        self._update_days_texts()
        self.refresh()

    # --- selection ------------------------------------------------------------------------

    def selected_entry(self) -> AgendaEntry | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.entry_at(rows[0].row())

    def selected_hearing_id(self) -> int | None:
        entry = self.selected_entry()
        return entry.hearing_id if entry else None

    def select_hearing(self, hearing_id: int) -> bool:
        row = self.model.row_of_hearing(hearing_id)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def _activated(self, index: QModelIndex) -> None:
        entry = self.model.entry_at(index.row())
        if entry is not None:
            self.hearing_activated.emit(entry.hearing_id)

    # --- texts ----------------------------------------------------------------------------

    def _update_days_texts(self) -> None:
        for position, days in enumerate(DAY_CHOICES):
            self.days_combo.setItemText(
                position,
                ngettext("Next {count} day", "Next {count} days", days).format(
                    count=formatting.number(days)
                ),
            )

    def _update_summary(self) -> None:
        count = self.model.hearing_count
        if count == 0:
            text = (
                _("No hearing needs a call in this period.")
                if self.calls_only.isChecked()
                else _("No hearings in this period.")
            )
        else:
            text = ngettext("{count} hearing", "{count} hearings", count).format(
                count=formatting.number(count)
            )
        self.summary.setText(text)

    def retranslate(self) -> None:
        self.days_label.setText(_("&Period:"))
        self._update_days_texts()
        self.days_combo.setAccessibleName(_("Days ahead"))
        self.calls_only.setText(_("Only hearings that need a &call"))
        self.calls_only.setAccessibleName(_("Only hearings that need a call"))
        self.table.setAccessibleName(_("Agenda of upcoming hearings"))
        self.summary.setAccessibleName(_("Number of hearings shown"))
        self.model.retranslate()
        self._update_summary()
        if 0 < self.model.rowCount() <= FIT_ROWS_LIMIT:
            self._fit_columns()  # titles and dates change width with the language
