"""The recovery code a re-key made and never showed, shown after the next unlock.

When Court Companion (or ``companion passphrase --rekey``) was closed or killed after the
store moved to a new key but before its new recovery code was shown, the store kept the
code sealed (``Store.unshown_recovery_code``). It is the office's only recovery code now,
so it is shown here as the change-passphrase dialog shows it, with Print and Save as PDF.
Only "I have kept it" tells the store it was shown; Escape or "Show it again at the next
unlock" leave it to be offered again.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from companion.ui.i18n import _
from companion.ui.session.passphrase_form import RecoveryCodePage

if TYPE_CHECKING:
    from companion.store.store import Store

log = logging.getLogger(__name__)


class UnshownCodeDialog(QDialog):
    """Shows ``store.unshown_recovery_code``; accepting marks it shown in the store."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unshownCodeDialog")
        self.store = store
        self.recovery_code = store.unshown_recovery_code or ""

        self.code_page = RecoveryCodePage()
        self.intro = self.code_page.intro
        self.code_display = self.code_page.display
        self.code_display.setText(self.recovery_code)
        self.print_button = self.code_page.print_button
        self.save_pdf_button = self.code_page.save_pdf_button
        self.code_message = self.code_page.message

        self.later_button = QPushButton()
        self.later_button.setAutoDefault(False)
        # No default button (see keyPressEvent): an Enter pressed once too often after the
        # passphrase must not count as "I have kept it". The focus starts on the code itself
        # (a screen reader reads it out; Enter there does nothing).
        self.code_display.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.code_display.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.print_button.setAutoDefault(False)
        self.save_pdf_button.setAutoDefault(False)
        self.ok_button = QPushButton()
        self.ok_button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.later_button)
        buttons.addStretch(1)
        buttons.addWidget(self.ok_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.code_page, 1)
        layout.addLayout(buttons)
        self.resize(600, 300)

        self.ok_button.clicked.connect(self.accept)
        self.later_button.clicked.connect(self.reject)
        self.retranslate()
        self.code_display.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter presses only the button that has the focus (Tab to "I have kept it", then
        Enter); anywhere else it does nothing, as no button is the default."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focused = self.focusWidget()
            if isinstance(focused, QPushButton) and focused.isEnabled():
                focused.click()
            event.accept()
            return
        super().keyPressEvent(event)

    def accept(self) -> None:
        try:
            self.store.recovery_code_shown()
        except OSError as error:  # a read-only folder: offered again at the next unlock
            log.warning("could not mark the recovery code shown: %s", type(error).__name__)
        super().accept()

    # --- texts ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(_("New recovery code"))
        self.intro.setText(
            _(
                "The passphrase was changed with a new key, but Court Companion was closed "
                "before anyone confirmed keeping the new recovery code. Here it is. It "
                "replaces the old recovery code, which no longer works: print it or write it "
                "down now, and keep it locked away from the laptop."
            )
        )
        self.code_page.retranslate()
        self.ok_button.setText(_("I have &kept it"))
        self.ok_button.setAccessibleName(_("I have &kept it").replace("&", ""))
        self.later_button.setText(_("Show it &again at the next unlock"))
        self.later_button.setAccessibleName(_("Show it again at the next unlock"))
