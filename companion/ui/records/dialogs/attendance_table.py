"""Who takes part in a hearing, and who must testify: one checkable row per person."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from companion.ui.i18n import _
from companion.ui.records.dialogs.fields import native_name_font
from companion.ui.records.dialogs.people_picker import person_item_text

NAME, TAKES_PART, MUST_TESTIFY = range(3)


@dataclass(frozen=True)
class AttendanceChoice:
    person_id: int
    takes_part: bool
    must_testify: bool


def _check_item(checked: bool) -> QTableWidgetItem:
    item = QTableWidgetItem()
    item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
    item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
    return item


class AttendanceTable(QTableWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        self.setFont(native_name_font(self.font()))
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Tab leaves the table for the next field (arrows move inside it): no trap.
        self.setTabKeyNavigation(False)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(TAKES_PART, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(MUST_TESTIFY, QHeaderView.ResizeMode.ResizeToContents)
        self.setMinimumHeight(self.verticalHeader().defaultSectionSize() * 4)
        self._rows: list[tuple[int, QTableWidgetItem, QTableWidgetItem]] = []

    def set_people(
        self, people: list[tuple[int, str, str]], chosen: dict[int, AttendanceChoice]
    ) -> None:
        """One row per ``(id, display name, native name)``; ``chosen`` gives the ticks."""
        self.setRowCount(0)
        self._rows = []
        for person_id, display_name, native_name in people:
            choice = chosen.get(person_id)
            row = self.rowCount()
            self.insertRow(row)
            name = QTableWidgetItem(person_item_text(display_name, native_name))
            name.setData(Qt.ItemDataRole.UserRole, person_id)
            name.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.setItem(row, NAME, name)
            takes_part = _check_item(choice is None or choice.takes_part)
            must_testify = _check_item(bool(choice and choice.must_testify))
            self.setItem(row, TAKES_PART, takes_part)
            self.setItem(row, MUST_TESTIFY, must_testify)
            self._rows.append((person_id, takes_part, must_testify))

    def choices(self) -> list[AttendanceChoice]:
        return [
            AttendanceChoice(
                person_id=person_id,
                takes_part=takes_part.checkState() == Qt.CheckState.Checked,
                must_testify=must_testify.checkState() == Qt.CheckState.Checked,
            )
            for person_id, takes_part, must_testify in self._rows
        ]

    def set_checked(self, person_id: int, column: int, checked: bool) -> None:
        """Tick or untick ``TAKES_PART`` or ``MUST_TESTIFY`` for one person."""
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        for row_person, takes_part, must_testify in self._rows:
            if row_person == person_id:
                (takes_part if column == TAKES_PART else must_testify).setCheckState(state)

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels([_("Person"), _("Takes part"), _("Must testify")])
