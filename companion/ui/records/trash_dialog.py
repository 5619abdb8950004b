"""The Trash: what was deleted, restoring it, and emptying it for good (after asking)."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from companion.errors import CompanionError
from companion.i18n.catalog import N_
from companion.store.store import Store
from companion.store.trash import TrashItem
from companion.ui import formatting
from companion.ui.i18n import _, ngettext
from companion.ui.widgets.prompts import confirm, show_error
from companion.ui.widgets.tables import configure_table, fill_table

log = logging.getLogger(__name__)

KIND_LABELS = {
    "person": N_("Person"),
    "case": N_("Case"),
    "hearing": N_("Hearing"),
    "courthouse": N_("Courthouse"),
}


class TrashDialog(QDialog):
    changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.items: list[TrashItem] = []
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.table = QTableWidget()
        self.table.setColumnCount(3)
        configure_table(self.table)
        self.restore_button = QPushButton()
        self.empty_button = QPushButton()
        self.close_button = QPushButton()
        self.close_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.empty_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(720, 420)

        self.restore_button.clicked.connect(self.restore_selected)
        self.empty_button.clicked.connect(self.ask_to_empty)
        self.close_button.clicked.connect(self.accept)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.refresh()
        self.retranslate()

    def refresh(self) -> None:
        self.items = self.store.trash.items()
        self._fill()
        self._update_buttons()

    def _fill(self) -> None:
        fill_table(
            self.table,
            [
                [
                    _(KIND_LABELS.get(item.kind, item.kind)),
                    item.label,
                    formatting.stored_timestamp(item.deleted_at),
                ]
                for item in self.items
            ],
            list(range(len(self.items))),
        )

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected_item() is not None)
        self.empty_button.setEnabled(bool(self.items))

    def selected_item(self) -> TrashItem | None:
        rows = self.table.selectionModel().selectedRows()
        return self.items[rows[0].row()] if rows and rows[0].row() < len(self.items) else None

    def select(self, kind: str, record_id: int) -> bool:
        for row, item in enumerate(self.items):
            if item.kind == kind and item.id == record_id:
                self.table.selectRow(row)
                return True
        return False

    def restore_selected(self) -> None:
        item = self.selected_item()
        if item is None:
            return
        try:
            self.store.trash.restore(item.kind, item.id)
        except CompanionError as error:
            show_error(self, error)
            return
        log.info("restored %s %d from the Trash", item.kind, item.id)
        self.refresh()
        self.changed.emit()

    def ask_to_empty(self) -> None:
        count = len(self.items)
        if not count:
            return
        confirm(
            self,
            lambda: _("Empty the Trash"),
            lambda: ngettext(
                "Delete {count} record in the Trash for good? This cannot be undone.",
                "Delete {count} records in the Trash for good? This cannot be undone.",
                count,
            ).format(count=formatting.number(count)),
            lambda: _("Empty the Trash"),
            self.empty_now,
            reject_label=lambda: _("Keep them"),
        )

    def empty_now(self) -> None:
        try:
            removed = self.store.trash.empty()
        except CompanionError as error:
            show_error(self, error)
            return
        log.info("emptied the Trash: %d records deleted for good", removed)
        self.refresh()
        self.changed.emit()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Trash"))
        self.setAccessibleName(_("Trash"))
        self.explanation.setText(
            _(
                "Deleted people, cases, hearings and courthouses stay here until you empty "
                "the Trash. Restore anything deleted by mistake."
            )
        )
        self.table.setHorizontalHeaderLabels([_("What"), _("Record"), _("Deleted on")])
        self.table.setAccessibleName(_("Records in the Trash"))
        self.restore_button.setText(_("&Restore"))
        self.restore_button.setAccessibleName(_("Restore the selected record"))
        self.empty_button.setText(_("&Empty Trash…"))
        self.empty_button.setAccessibleName(_("Empty the Trash"))
        self.close_button.setText(_("&Close"))
        self.close_button.setAccessibleName(_("Close"))
        self._fill()
