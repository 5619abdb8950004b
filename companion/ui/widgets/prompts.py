"""Messages and confirmations that do not block: they open window-modal and call back.

Errors from the core arrive typed and untranslated (``companion.errors``); they are
shown here with ``companion.messages.describe`` in the interface language, and shown
again in the new language if it changes while the message is open.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from companion.errors import CompanionError
from companion.messages import describe
from companion.ui.i18n import _, current

log = logging.getLogger(__name__)

TextSource = Callable[[], str]


class ErrorBox(QMessageBox):
    """A core error, described in the interface language."""

    def __init__(self, error: CompanionError, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.error = error
        self.setIcon(QMessageBox.Icon.Warning)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.ok_button = self.addButton("", QMessageBox.ButtonRole.AcceptRole)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Court Companion"))
        self.setText(describe(self.error, current()))
        self.ok_button.setText(_("OK"))
        self.setAccessibleName(_("Error message"))


class ConfirmBox(QMessageBox):
    """A question with a named confirming button and Cancel; ``on_confirmed`` runs on yes."""

    def __init__(
        self,
        parent: QWidget | None,
        title: TextSource,
        text: TextSource,
        confirm_label: TextSource,
        on_confirmed: Callable[[], None],
        reject_label: TextSource | None = None,
    ) -> None:
        super().__init__(parent)
        self._reject_label = reject_label or (lambda: _("Cancel"))
        self._title = title
        self._text = text
        self._confirm_label = confirm_label
        self.setIcon(QMessageBox.Icon.Question)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.confirm_button: QPushButton = self.addButton("", QMessageBox.ButtonRole.AcceptRole)
        self.cancel_button: QPushButton = self.addButton("", QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.cancel_button)
        self.setEscapeButton(self.cancel_button)
        self.buttonClicked.connect(self._clicked)
        self._on_confirmed = on_confirmed
        self.retranslate()

    def _clicked(self, button: object) -> None:
        if button is self.confirm_button:
            self._on_confirmed()

    def retranslate(self) -> None:
        self.setWindowTitle(self._title())
        self.setText(self._text())
        self.confirm_button.setText(self._confirm_label())
        self.cancel_button.setText(self._reject_label())
        self.setAccessibleName(self._title())


def show_error(parent: QWidget | None, error: CompanionError) -> ErrorBox:
    """Show a core error without blocking; returns the message box (already open)."""
    log.info("showing error %s", error.code)
    box = ErrorBox(error, parent)
    box.open()
    return box


def confirm(
    parent: QWidget | None,
    title: TextSource,
    text: TextSource,
    confirm_label: TextSource,
    on_confirmed: Callable[[], None],
    reject_label: TextSource | None = None,
) -> ConfirmBox:
    """Ask before doing something that cannot simply be undone. Texts are functions so the
    question can be shown again in another language while it is open."""
    box = ConfirmBox(parent, title, text, confirm_label, on_confirmed, reject_label)
    box.open()
    return box


class InfoBox(QMessageBox):
    def __init__(self, parent: QWidget | None, text: TextSource) -> None:
        super().__init__(parent)
        self._text = text
        self.setIcon(QMessageBox.Icon.Information)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.ok_button = self.addButton("", QMessageBox.ButtonRole.AcceptRole)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Court Companion"))
        self.setText(self._text())
        self.ok_button.setText(_("OK"))
        self.setAccessibleName(self._text())


def inform(parent: QWidget | None, text: TextSource) -> InfoBox:
    """Tell the user something without blocking."""
    box = InfoBox(parent, text)
    box.open()
    return box
