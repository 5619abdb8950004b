"""The keyboard way to a field's chooser (calendar, file or folder picker).

A helper button beside a field ("…", "Choose…") is not a Tab stop: someone typing a
date, Tab, a time would otherwise land on the button, and the space of "2:30 PM" would
press it. The field itself opens the chooser with Alt+Down or F4, as a combo box does.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QWidget

from companion.ui.i18n import _

# The property that keeps a field's own accessible description, which error messages
# are put before (they replace the description while they are shown).
STANDING_DESCRIPTION = "standingDescription"


def opens_chooser(event: QKeyEvent) -> bool:
    """Alt+Down or F4 (alone): the keys that open a field's chooser."""
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    if event.key() == Qt.Key.Key_F4:
        return modifiers == Qt.KeyboardModifier.NoModifier
    return event.key() == Qt.Key.Key_Down and modifiers == Qt.KeyboardModifier.AltModifier


class _ChooserKeys(QObject):
    def __init__(self, field: QWidget, open_chooser: Callable[[], object]) -> None:
        super().__init__(field)
        self._open = open_chooser

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and opens_chooser(event)
        ):
            self._open()
            return True
        return super().eventFilter(watched, event)


def attach_chooser(
    field: QWidget, button: QAbstractButton, open_chooser: Callable[[], object]
) -> None:
    """Take ``button`` out of the Tab chain (a click still works) and let ``field`` open
    the chooser with Alt+Down or F4."""
    button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
    field.installEventFilter(_ChooserKeys(field, open_chooser))


def describe_chooser(field: QWidget, button: QAbstractButton, what: str) -> None:
    """Texts for a chooser attached with ``attach_chooser``: ``what`` is what the button
    does ("Choose the date on a calendar"); both say how to reach it by keyboard."""
    told = _("{action}. In the field, Alt+Down or F4 opens it.").format(action=what)
    button.setToolTip(told)
    button.setAccessibleName(what)
    field.setProperty(STANDING_DESCRIPTION, told)
    field.setAccessibleDescription(told)
