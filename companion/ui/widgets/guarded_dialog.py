"""Escape never throws away what was typed: a dialog with a form closes at once when
nothing changed, and asks "Discard your changes?" (Keep editing is the default) when
something did. The record dialogs and the other forms (preferences, exports, handoffs)
ask the same question the same way."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from companion.ui.i18n import _
from companion.ui.widgets.prompts import ConfirmBox, confirm

FormValue = str | int | bool | None
# Set to True on an input that only finds or filters (a search box): typing in it loses
# nothing, so Escape does not ask about it.
NOT_FORM_DATA = "notFormData"


def form_snapshot(dialog: QWidget) -> list[FormValue]:
    """Every value a person can type, tick or choose in ``dialog``, in widget order (rows
    added or removed change it too). Dialogs of their own (a question on top) are left out."""
    values: list[FormValue] = []
    for widget in dialog.findChildren(QWidget):
        if widget.window() is not dialog.window() or widget.property(NOT_FORM_DATA):
            continue
        if isinstance(widget, QLineEdit):
            values.append(widget.text())
        elif isinstance(widget, QPlainTextEdit) or (
            isinstance(widget, QTextEdit) and not widget.isReadOnly()
        ):
            values.append(widget.toPlainText())
        elif isinstance(widget, QAbstractSpinBox):
            values.append(widget.text())
        elif isinstance(widget, QComboBox):
            values.extend([widget.currentIndex(), widget.currentText()])
        elif isinstance(widget, QAbstractButton) and widget.isCheckable():
            values.append(widget.isChecked())
        elif isinstance(widget, QListWidget):
            for row in range(widget.count()):
                item = widget.item(row)
                values.append(item.checkState().value if item is not None else None)
    return values


def ask_to_discard(parent: QWidget, discard: Callable[[], None]) -> ConfirmBox:
    """The question Escape asks about a changed form; Escape or Enter on it keeps editing."""
    return confirm(
        parent,
        lambda: _("Discard your changes?"),
        lambda: _("What you typed in this window has not been saved and will be lost."),
        lambda: _("Discard changes"),
        discard,
        reject_label=lambda: _("Keep editing"),
    )


class GuardedDialog(QDialog):
    """A form dialog: Escape closes it unchanged, or asks before discarding changes.
    Call ``remember_state()`` after a save that keeps the dialog open."""

    _opened_state: list[FormValue] | None = None
    discard_box: ConfirmBox | None = None

    def form_state(self) -> list[FormValue]:
        return form_snapshot(self)

    def remember_state(self) -> None:
        self._opened_state = self.form_state()

    def has_changes(self) -> bool:
        return self._opened_state is not None and self.form_state() != self._opened_state

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._opened_state is None:
            self.remember_state()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and not event.modifiers():
            event.accept()
            self.close_or_ask()
            return
        super().keyPressEvent(event)

    def close_or_ask(self) -> None:
        if not self.has_changes():
            self.reject()
            return
        self.discard_box = ask_to_discard(self, self.reject)
