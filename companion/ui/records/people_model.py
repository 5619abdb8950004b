"""People as a table model: names in both scripts, language and role."""

from __future__ import annotations

import enum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from companion.i18n.languages import language_for_tag
from companion.store.people import PersonSummary
from companion.ui.i18n import _

Index = QModelIndex | QPersistentModelIndex

PERSON_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class PeopleColumn(enum.IntEnum):
    NAME = 0
    NATIVE_NAME = 1
    LANGUAGE = 2
    ROLE = 3


def language_name(tag: str) -> str:
    """A person's language in its own name ("Español"), or the tag if we do not ship it."""
    language = language_for_tag(tag)
    return language.native_name if language else tag


class PeopleModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._people: list[PersonSummary] = []

    def set_people(self, people: list[PersonSummary]) -> None:
        self.beginResetModel()
        self._people = list(people)
        self.endResetModel()

    def person_at(self, row: int) -> PersonSummary | None:
        return self._people[row] if 0 <= row < len(self._people) else None

    def row_of_person(self, person_id: int) -> int | None:
        for row, person in enumerate(self._people):
            if person.id == person_id:
                return row
        return None

    def person_ids(self) -> list[int]:
        return [person.id for person in self._people]

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(PeopleColumn) - 1)
        if self._people:
            self.dataChanged.emit(
                self.index(0, PeopleColumn.ROLE),
                self.index(len(self._people) - 1, PeopleColumn.ROLE),
            )

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._people)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(PeopleColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = {
            PeopleColumn.NAME: _("Name"),
            PeopleColumn.NATIVE_NAME: _("Name in own script"),
            PeopleColumn.LANGUAGE: _("Language"),
            PeopleColumn.ROLE: _("Role"),
        }
        return titles[PeopleColumn(section)]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._people):
            return None
        person = self._people[index.row()]
        if role == PERSON_ID_ROLE:
            return person.id
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = PeopleColumn(index.column())
        if column == PeopleColumn.NAME:
            return person.display_name
        if column == PeopleColumn.NATIVE_NAME:
            return person.native_name
        if column == PeopleColumn.LANGUAGE:
            return language_name(person.language)
        return _(person.role.label)
