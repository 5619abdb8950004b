"""An inline message under a form: a core error described in the interface language,
or a note. It is shown again in the new language when the language changes."""

from __future__ import annotations

from collections.abc import Callable

from PySide6 import QtCore
from PySide6.QtWidgets import QLabel, QWidget

from companion.errors import CompanionError
from companion.messages import describe
from companion.ui.i18n import current

TextSource = Callable[[], str]

_ERROR_STYLE = "color: #a40000; font-weight: bold;"
_NOTE_STYLE = "color: #1d4f1d;"


class MessageLabel(QLabel):
    """Plain, selectable text: a message may quote what staff typed, never shown as markup.

    Both are set with the first text rather than here: forms are built empty, and the
    unlock screen then shows without waiting for Qt's ``Qt`` enum namespace (see
    ``companion.ui.shell.language``).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self._plain = False
        self._source: TextSource | None = None
        self.is_error = False
        self.setVisible(False)

    def show_error(self, error: CompanionError) -> None:
        self.show_message(lambda: describe(error, current()), error=True)

    def show_message(self, source: TextSource, error: bool = False) -> None:
        self._source = source
        self.is_error = error
        self.setStyleSheet(_ERROR_STYLE if error else _NOTE_STYLE)
        self.retranslate()
        self.setVisible(True)

    def clear_message(self) -> None:
        self._source = None
        self.is_error = False
        self.setText("")
        self.setVisible(False)

    def setText(self, text: str) -> None:
        if text and not self._plain:
            self.setTextFormat(QtCore.Qt.TextFormat.PlainText)
            self.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
            self._plain = True
        super().setText(text)

    def retranslate(self) -> None:
        text = self._source() if self._source is not None else ""
        self.setText(text)
        self.setAccessibleName(text)
