"""Choose the people in a case: search as you type, add, remove."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from companion.store.people import PersonSummary
from companion.store.store import Store
from companion.ui.i18n import _
from companion.ui.records.dialogs.fields import native_name_font

SEARCH_LIMIT = 50
ID_ROLE = Qt.ItemDataRole.UserRole


def person_item_text(display_name: str, native_name: str) -> str:
    """A person's name, and their name in their own script when it differs."""
    if native_name and native_name != display_name:
        return f"{display_name}  ·  {native_name}" if display_name else native_name
    return display_name


class PeoplePicker(QWidget):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.chosen = QListWidget()
        for view in (self.results, self.chosen):
            view.setFont(native_name_font(view.font()))
            view.setMinimumHeight(view.fontMetrics().lineSpacing() * 6)
        self.add_button = QPushButton()
        self.add_button.setAutoDefault(False)  # Enter is the dialog's main action
        self.remove_button = QPushButton()
        self.remove_button.setAutoDefault(False)  # Enter is the dialog's main action
        self.search_label = QLabel()
        self.search_label.setBuddy(self.search)
        self.chosen_label = QLabel()
        self.chosen_label.setBuddy(self.chosen)

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.search_label, 0, 0)
        grid.addWidget(self.chosen_label, 0, 1)
        grid.addWidget(self.search, 1, 0)
        grid.addWidget(self.results, 2, 0)
        grid.addWidget(self.chosen, 1, 1, 2, 1)
        grid.addWidget(self.add_button, 3, 0)
        grid.addWidget(self.remove_button, 3, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

        self.search.textChanged.connect(self.refresh_results)
        self.search.installEventFilter(self)
        self.add_button.clicked.connect(self.add_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.results.itemActivated.connect(lambda _item: self.add_selected())
        self.chosen.itemActivated.connect(lambda _item: self.remove_selected())
        self.results.itemSelectionChanged.connect(self._update_buttons)
        self.chosen.itemSelectionChanged.connect(self._update_buttons)
        self.refresh_results()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the search field adds the highlighted person instead of saving."""
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            if self.results.currentItem() is None and self.results.count():
                self.results.setCurrentRow(0)
            self.add_selected()
            return True
        return super().eventFilter(watched, event)

    def person_ids(self) -> list[int]:
        return [int(self.chosen.item(row).data(ID_ROLE)) for row in range(self.chosen.count())]

    def add_person(self, person_id: int) -> None:
        if person_id in self.person_ids():
            return
        person = self.store.people.get(person_id)
        self._append(self.chosen, person_id, person.display_name, person.native_name)
        self.refresh_results()

    def add_selected(self) -> None:
        for item in self.results.selectedItems() or filter(None, [self.results.currentItem()]):
            self.add_person(int(item.data(ID_ROLE)))

    def remove_selected(self) -> None:
        for item in self.chosen.selectedItems():
            self.chosen.takeItem(self.chosen.row(item))
        self.refresh_results()

    def refresh_results(self) -> None:
        chosen = set(self.person_ids())
        self.results.clear()
        found: list[PersonSummary] = self.store.people.search(
            self.search.text(), limit=SEARCH_LIMIT + len(chosen)
        )
        for person in found:
            if person.id not in chosen:
                self._append(self.results, person.id, person.display_name, person.native_name)
        if self.results.count():
            self.results.setCurrentRow(0)
        self._update_buttons()

    @staticmethod
    def _append(view: QListWidget, person_id: int, display_name: str, native_name: str) -> None:
        item = QListWidgetItem(person_item_text(display_name, native_name))
        item.setData(ID_ROLE, person_id)
        view.addItem(item)

    def _update_buttons(self) -> None:
        self.add_button.setEnabled(self.results.currentItem() is not None)
        self.remove_button.setEnabled(bool(self.chosen.selectedItems()))

    def retranslate(self) -> None:
        self.search_label.setText(_("Find a person"))
        self.search.setPlaceholderText(_("Type a name or a docket number"))
        self.search.setAccessibleName(_("Find a person to add to the case"))
        self.results.setAccessibleName(_("People found"))
        self.chosen_label.setText(_("In this case"))
        self.chosen.setAccessibleName(_("People in this case"))
        self.add_button.setText(_("Add to case"))
        self.remove_button.setText(_("Remove from case"))
