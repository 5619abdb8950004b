"""Courthouses: where hearings happen, with their time zone and jurisdiction."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTableWidget, QToolButton, QVBoxLayout, QWidget

from companion.domain.models import Courthouse
from companion.store.store import Store
from companion.ui import formatting
from companion.ui.i18n import _, ngettext
from companion.ui.widgets.tables import configure_table, fill_table, selected_id


class CourthousesView(QWidget):
    courthouse_activated = Signal(int)
    selection_changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.courthouses: list[Courthouse] = []
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.table = QTableWidget()
        self.table.setColumnCount(4)
        configure_table(self.table)
        self.buttons = QHBoxLayout()
        layout = QVBoxLayout(self)
        layout.addLayout(self.buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        self.table.itemSelectionChanged.connect(self.selection_changed.emit)
        self.table.itemDoubleClicked.connect(self._activated)
        self.retranslate()
        self.refresh()

    def set_actions(self, actions: list[QAction]) -> None:
        for action in actions:
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.buttons.addWidget(button)
        self.buttons.addStretch(1)
        self.table.addActions(actions)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    def refresh(self) -> None:
        selected = self.selected_courthouse_id()
        self.courthouses = self.store.courthouses.list()
        fill_table(
            self.table,
            [
                [courthouse.name, courthouse.address, courthouse.timezone, courthouse.jurisdiction]
                for courthouse in self.courthouses
            ],
            [courthouse.id or 0 for courthouse in self.courthouses],
        )
        if selected is not None:
            self.select_courthouse(selected)
        self._update_summary()
        self.selection_changed.emit()

    def selected_courthouse_id(self) -> int | None:
        return selected_id(self.table)

    def select_courthouse(self, courthouse_id: int) -> bool:
        for row, courthouse in enumerate(self.courthouses):
            if courthouse.id == courthouse_id:
                self.table.selectRow(row)
                return True
        return False

    def _activated(self) -> None:
        courthouse_id = self.selected_courthouse_id()
        if courthouse_id is not None:
            self.courthouse_activated.emit(courthouse_id)

    def _update_summary(self) -> None:
        count = len(self.courthouses)
        self.summary.setText(
            ngettext("{count} courthouse", "{count} courthouses", count).format(
                count=formatting.number(count)
            )
        )

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [_("Name"), _("Address"), _("Time zone"), _("Jurisdiction")]
        )
        self.table.setAccessibleName(_("Courthouses"))
        self.summary.setAccessibleName(_("Number of courthouses"))
        self._update_summary()
