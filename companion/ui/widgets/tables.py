"""Shared set-up for the read-only lists and tables of the app."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
)


def configure_table(view: QTableView, stretch_last: bool = True) -> None:
    """Whole-row selection, one row at a time, no editing in place, fixed row heights
    (so a list of fifty thousand rows needs no measuring)."""
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)
    vertical = view.verticalHeader()
    vertical.setVisible(False)
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(view.fontMetrics().height() + 10)
    horizontal = view.horizontalHeader()
    horizontal.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    horizontal.setStretchLastSection(stretch_last)
    horizontal.setHighlightSections(False)


def fill_table(table: QTableWidget, rows: list[list[str]], ids: list[int] | None = None) -> None:
    """Replace a small table's rows. ``ids`` (one per row) go into the first cell's user role."""
    table.setRowCount(len(rows))
    for row_number, row in enumerate(rows):
        for column, text in enumerate(row):
            item = QTableWidgetItem(text)
            if column == 0 and ids is not None:
                item.setData(Qt.ItemDataRole.UserRole, ids[row_number])
            table.setItem(row_number, column, item)
    table.resizeColumnsToContents()
    table.horizontalHeader().setStretchLastSection(True)


def selected_id(table: QTableWidget) -> int | None:
    """The id stored in the first cell of the selected row, if a row is selected."""
    rows = table.selectionModel().selectedRows()
    if not rows:
        return None
    item = table.item(rows[0].row(), 0)
    if item is None:
        return None
    value = item.data(Qt.ItemDataRole.UserRole)
    return int(value) if value is not None else None
