"""People: a list that narrows as you type a name (either script) or a docket number."""

from __future__ import annotations

import logging

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from companion.store.store import Store
from companion.ui import formatting
from companion.ui.i18n import _, ngettext
from companion.ui.records.people_model import PeopleColumn, PeopleModel
from companion.ui.widgets.tables import configure_table

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 120
SEARCH_LIMIT = 500


class PeopleView(QWidget):
    person_activated = Signal(int)
    selection_changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._limited = False

        self.search_label = QLabel()
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search_label.setBuddy(self.search)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.model = PeopleModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        configure_table(self.table)
        unit = self.fontMetrics().averageCharWidth()
        self.table.setColumnWidth(PeopleColumn.NAME, 30 * unit)
        self.table.setColumnWidth(PeopleColumn.NATIVE_NAME, 24 * unit)
        self.table.setColumnWidth(PeopleColumn.LANGUAGE, 20 * unit)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)

        bar = QHBoxLayout()
        bar.addWidget(self.search_label)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.search.returnPressed.connect(self._open_first_match)
        self.table.doubleClicked.connect(self._activated)
        self.table.activated.connect(self._activated)
        self.table.selectionModel().selectionChanged.connect(
            lambda _selected, _deselected: self.selection_changed.emit()
        )
        # The list is read when first shown, and again when shown after a change:
        # the window opens on the agenda without reading ten thousand people first.
        self._stale = True
        self.retranslate()

    def refresh(self) -> None:
        """Read the list again now if it is on screen, else when it is next shown."""
        if self.isVisible():
            self.run_search()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.run_search()

    def run_search(self) -> None:
        """Query the store for what is typed now (called after a short pause in typing)."""
        self._stale = False
        self._timer.stop()
        text = self.search.text()
        selected = self.selected_person_id()
        if text.strip():
            people = self.store.people.search(text, limit=SEARCH_LIMIT)
            self._limited = len(people) >= SEARCH_LIMIT
        else:
            people = self.store.people.list()
            self._limited = False
        self.model.set_people(people)
        if selected is not None:
            self.select_person(selected)
        self._update_summary()
        self.selection_changed.emit()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def selected_person_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        person = self.model.person_at(rows[0].row())
        return person.id if person else None

    def select_person(self, person_id: int) -> bool:
        row = self.model.row_of_person(person_id)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def _activated(self, index: QModelIndex) -> None:
        person = self.model.person_at(index.row())
        if person is not None:
            self.person_activated.emit(person.id)

    def _open_first_match(self) -> None:
        self.run_search()
        if self.model.rowCount() == 1:
            person = self.model.person_at(0)
            if person is not None:
                self.person_activated.emit(person.id)
        elif self.model.rowCount() > 1:
            self.table.setFocus()
            self.table.selectRow(0)

    def _update_summary(self) -> None:
        count = self.model.rowCount()
        if self._limited:
            text = _("The first {count} matches. Type more to narrow the list.").format(
                count=formatting.number(count)
            )
        else:
            text = ngettext("{count} person", "{count} people", count).format(
                count=formatting.number(count)
            )
        self.summary.setText(text)

    def retranslate(self) -> None:
        self.search_label.setText(_("&Find:"))
        self.search.setPlaceholderText(_("Name, name in own script, or docket number"))
        self.search.setAccessibleName(_("Find a person"))
        self.table.setAccessibleName(_("People"))
        self.summary.setAccessibleName(_("Number of people shown"))
        self.model.retranslate()
        self._update_summary()
