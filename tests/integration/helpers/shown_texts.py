"""Every interface text a window shows, to check that each went through the catalog."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QTableView,
    QWidget,
)

from companion.i18n.pseudo import OPEN_BRACKET


def shown_texts(window: QWidget, data: tuple[QWidget, ...] = ()) -> list[tuple[str, str]]:
    """(what, text) for the title and every visible label, button, placeholder, combo item,
    special spin-box text, column header and accessible name; ``data`` widgets show record
    data (dates, numbers, file names) and are left out."""
    texts = [("window title", window.windowTitle())]
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or widget in data:
            continue
        name = type(widget).__name__
        if widget.accessibleName():
            texts.append((f"{name} accessible name", widget.accessibleName()))
        if isinstance(widget, QLabel | QAbstractButton) and widget.text():
            texts.append((f"{name} text", widget.text()))
        if isinstance(widget, QLineEdit) and widget.placeholderText():
            texts.append((f"{name} placeholder", widget.placeholderText()))
        if isinstance(widget, QAbstractSpinBox) and widget.specialValueText():
            texts.append((f"{name} special value", widget.specialValueText()))
        if isinstance(widget, QComboBox):
            texts.extend((f"{name} item", widget.itemText(i)) for i in range(widget.count()))
        if isinstance(widget, QTableView):
            model = widget.model()
            for column in range(model.columnCount()):
                header = model.headerData(column, Qt.Orientation.Horizontal)
                texts.append((f"{name} header", str(header)))
    return texts


def untranslated(window: QWidget, data: tuple[QWidget, ...] = ()) -> list[tuple[str, str]]:
    """Shown texts without the pseudo-locale's mark (call with the pseudo-locale on)."""
    return [(what, text) for what, text in shown_texts(window, data) if OPEN_BRACKET not in text]
