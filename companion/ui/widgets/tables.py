"""Shared set-up for the read-only lists and tables of the app."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QHelpEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QToolTip,
    QWidget,
)

#: The least width, in average characters, a column is narrowed to so that a table fits
#: its window (a column that needs less keeps what it needs: times, "Yes / No").
NARROWEST_CHARACTERS = 10


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


def fitted_widths(natural: Sequence[int], available: int, narrowest: Sequence[int]) -> list[int]:
    """Column widths that fit ``available`` pixels: the ``natural`` widths when they fit,
    else each column narrowed in proportion to what it has over its ``narrowest`` (a
    column that needs less is never narrowed). More than fits only when every column is at
    its narrowest already."""
    widths = list(natural)
    excess = sum(widths) - available
    floors = [min(width, least) for width, least in zip(widths, narrowest, strict=True)]
    room = sum(widths) - sum(floors)
    if excess <= 0 or room <= 0:
        return widths
    kept = max(0.0, 1.0 - excess / room)
    return [
        floor + int((width - floor) * kept) for width, floor in zip(widths, floors, strict=True)
    ]


class ColumnFitter(QObject):
    """Keeps a table's columns inside its width, with no horizontal scroll bar: each
    column gets the width its contents need (``measure``), and when they are more than
    the table is wide the long ones are narrowed, their texts elided ("Example County C…",
    the whole text in a tooltip, see ``ElidedTextTips``). The last column stretches to the
    table's edge. Fitted again whenever the table changes width.

    ``narrowest`` gives, in average characters, how narrow a column may become, for the
    columns that must stay readable (a phone number, a docket number); any other column
    may become ``NARROWEST_CHARACTERS`` wide."""

    def __init__(
        self, view: QTableView, narrowest: Mapping[int, int] | None = None, padding: int = 8
    ) -> None:
        super().__init__(view)
        self.view = view
        self.narrowest_characters = dict(narrowest or {})
        self.padding = padding
        self.natural: list[int] = []
        view.horizontalHeader().setStretchLastSection(True)
        view.viewport().installEventFilter(self)

    def narrowest(self) -> list[int]:
        """How narrow each column may become, in pixels."""
        unit = self.view.fontMetrics().averageCharWidth()
        return [
            unit * self.narrowest_characters.get(column, NARROWEST_CHARACTERS)
            for column in range(len(self.natural))
        ]

    def measure(self, widest: int | None = None) -> None:
        """Take each column's width from its contents and title (at most ``widest``
        pixels), then fit them."""
        header = self.view.horizontalHeader()
        natural: list[int] = []
        for column in range(header.count()):
            needed = max(self.view.sizeHintForColumn(column), header.sectionSizeHint(column))
            needed += self.padding
            natural.append(min(needed, widest) if widest is not None else needed)
        self.set_natural(natural)

    def set_natural(self, widths: Sequence[int]) -> None:
        """The widths the columns would have with room enough; fitted at once."""
        self.natural = list(widths)
        self.fit()

    def fit(self) -> None:
        available = self.view.viewport().width()
        if not self.natural or available <= 0:
            return
        header = self.view.horizontalHeader()
        narrowest = self.narrowest()
        # Whole column titles when they all fit; else titles may be cut short too.
        titled = [
            max(least, header.sectionSizeHint(column) + self.padding)
            for column, least in enumerate(narrowest)
        ]
        if sum(map(min, self.natural, titled)) <= available:
            narrowest = titled
        widths = fitted_widths(self.natural, available, narrowest)
        for column, width in enumerate(widths[: header.count()]):
            self.view.setColumnWidth(column, max(width, header.minimumSectionSize()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The event's type first: a view being destroyed must not be asked anything.
        if event.type() == QEvent.Type.Resize and watched is self.view.viewport():
            self.fit()
        return super().eventFilter(watched, event)


def _text_width(text: str, font: QFont) -> int:
    metrics = QFontMetrics(font)
    return max(metrics.horizontalAdvance(line) for line in text.splitlines() or [""])


class ElidedTextTips(QObject):
    """A tooltip with the whole text of a cell or column title shown cut short ("…"),
    for cells the model gives no tooltip of their own."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self.view = view
        view.viewport().installEventFilter(self)
        view.horizontalHeader().viewport().installEventFilter(self)

    def _margin(self) -> int:
        style = self.view.style()
        return 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.view) + 1)

    def cell_tip(self, x: int, y: int) -> tuple[str, QRect] | None:
        """The whole text of the cell at viewport point (x, y), and where the cell is,
        when it does not fit its cell and the model has no tooltip for it."""
        index = self.view.indexAt(QPoint(x, y))
        if not index.isValid() or index.data(Qt.ItemDataRole.ToolTipRole):
            return None
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not isinstance(text, str) or not text:
            return None
        font = index.data(Qt.ItemDataRole.FontRole)
        where = self.view.visualRect(index)
        needed = _text_width(text, font if isinstance(font, QFont) else self.view.font())
        return (text, where) if needed + self._margin() > where.width() else None

    def title_tip(self, x: int) -> tuple[str, QRect] | None:
        """The whole title of the column at header point x, when it is cut short."""
        header = self.view.horizontalHeader()
        section = header.logicalIndexAt(x)
        if section < 0:
            return None
        model = self.view.model()
        text = model.headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        if not isinstance(text, str) or not text:
            return None
        if model.headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole):
            return None
        where = QRect(
            header.sectionViewportPosition(section), 0, header.sectionSize(section), header.height()
        )
        return (text, where) if header.sectionSizeHint(section) > where.width() else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ToolTip or not isinstance(event, QHelpEvent):
            return super().eventFilter(watched, event)
        if watched is self.view.viewport():
            tip = self.cell_tip(event.pos().x(), event.pos().y())
        elif watched is self.view.horizontalHeader().viewport():
            tip = self.title_tip(event.pos().x())
        else:
            return super().eventFilter(watched, event)
        if tip is None:
            return super().eventFilter(watched, event)
        text, where = tip
        if not isinstance(watched, QWidget):
            return False
        QToolTip.showText(event.globalPos(), text, watched, where)
        return True
