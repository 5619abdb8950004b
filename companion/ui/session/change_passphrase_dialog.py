"""File ▸ Change passphrase…: a new passphrase, and, when someone may have seen the
passphrase or the recovery code, a new database key and a new recovery code as well.

Re-keying (``Store.change_passphrase(..., rekey=True)``) re-encrypts the records, so the
old passphrase, the old recovery code and any copy of the old key file stop opening them.
The dialog says what that means for backups made before: each still opens only with the
passphrase (or recovery code) in use when it was made. A new recovery code is shown once,
with Print and Save as PDF, as at setup; the store keeps it sealed until staff confirm
they kept it (``Store.recovery_code_shown``).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from companion.errors import CompanionError
from companion.store.passphrase_policy import check_new_passphrase
from companion.ui.i18n import _
from companion.ui.session.passphrase_form import (
    NewPassphraseRows,
    RecoveryCodePage,
    password_field,
)
from companion.ui.widgets.guarded_dialog import GuardedDialog
from companion.ui.widgets.messages import MessageLabel

if TYPE_CHECKING:
    from companion.store.store import Store
    from companion.ui.shell.desk import Desk

log = logging.getLogger(__name__)


class ChangePassphraseDialog(GuardedDialog):
    """Changes the passphrase of ``store``; with the re-key box ticked, also its key and its
    recovery code (then shown on a second page). ``new_recovery_code`` holds it after."""

    FORM_PAGE = 0
    CODE_PAGE = 1

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.new_recovery_code = ""

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.current_label = QLabel()
        self.current = password_field()
        self.current_label.setBuddy(self.current)
        self.new_rows = NewPassphraseRows()
        self.new_label, self.new = self.new_rows.label, self.new_rows.field
        self.meter = self.new_rows.meter
        self.repeat_label, self.repeat = self.new_rows.repeat_label, self.new_rows.repeat
        self.rekey = QCheckBox()
        self.rekey_note = QLabel()
        self.rekey_note.setWordWrap(True)
        self.message = MessageLabel()
        form = QFormLayout()
        form.addRow(self.current_label, self.current)
        self.new_rows.add_to(form)
        form_page = QWidget()
        layout = QVBoxLayout(form_page)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.rekey)
        layout.addWidget(self.rekey_note)
        layout.addWidget(self.message)
        layout.addStretch(1)

        code_page = RecoveryCodePage()
        self.code_intro = code_page.intro
        self.code_display = code_page.display
        self.print_button = code_page.print_button
        self.save_pdf_button = code_page.save_pdf_button
        self.code_message = code_page.message
        self.code_page = code_page

        self.pages = QStackedWidget()
        self.pages.addWidget(form_page)
        self.pages.addWidget(code_page)
        self.cancel_button = QPushButton()
        self.ok_button = QPushButton()
        self.ok_button.setDefault(True)
        self.ok_button.setAutoDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.ok_button)
        outer = QVBoxLayout(self)
        outer.addWidget(self.pages, 1)
        outer.addLayout(buttons)
        self.resize(600, 440)

        self.rekey.toggled.connect(lambda _checked: self.retranslate())
        self.ok_button.clicked.connect(self.go_on)
        self.cancel_button.clicked.connect(self.reject)
        for field in (self.current, self.new, self.repeat):
            field.textChanged.connect(lambda _text: self.message.clear_message())
        self.retranslate()
        self.current.setFocus()

    # --- steps ------------------------------------------------------------------------------

    def go_on(self) -> None:
        if self.pages.currentIndex() == self.CODE_PAGE:
            self.code_kept()
        else:
            self.change()

    def code_kept(self) -> None:
        """Staff confirmed they kept the new code: the store may forget it. Until then
        (the window closed, the app killed) it is shown again at the next unlock."""
        try:
            self.store.recovery_code_shown()
        except OSError as error:
            log.warning("could not mark the recovery code shown: %s", type(error).__name__)
        self.accept()

    def change(self) -> None:
        try:  # the new passphrase's own problem first, with the focus where it is
            check_new_passphrase(self.new.text())
        except CompanionError as error:
            self.message.show_error(error)
            self.new.setFocus()
            self.new.selectAll()
            return
        if self.new.text() != self.repeat.text():
            self.message.show_message(
                lambda: _("The two passphrases are not the same. Type them again."), error=True
            )
            self.repeat.clear()
            self.repeat.setFocus()
            return
        rekey = self.rekey.isChecked()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            code = self.store.change_passphrase(self.current.text(), self.new.text(), rekey=rekey)
        except CompanionError as error:
            self.message.show_error(error)
            self.current.setFocus()
            return
        finally:
            QApplication.restoreOverrideCursor()
        for field in (self.current, self.new, self.repeat):
            field.clear()
        if code is None:
            self.accept()
            return
        self.new_recovery_code = code
        self.code_display.setText(code)
        self.pages.setCurrentIndex(self.CODE_PAGE)
        self.cancel_button.setEnabled(False)  # done: nothing left to cancel
        self.retranslate()
        self.ok_button.setFocus()

    def reject(self) -> None:
        if self.pages.currentIndex() == self.CODE_PAGE:
            return  # the new code must be acknowledged: it is shown only this once
        super().reject()

    def close_or_ask(self) -> None:
        """Escape: on the form, closes it or asks before discarding what was typed; on the
        new code's page, does nothing (the code must be acknowledged)."""
        if self.pages.currentIndex() == self.CODE_PAGE:
            return
        super().close_or_ask()

    # --- texts ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(_("Change passphrase"))
        self.intro.setText(
            _(
                "Type the passphrase in use now, then the new one twice. Backups made before "
                "still open only with the passphrase that was in use when each was made."
            )
        )
        self.current_label.setText(_("C&urrent passphrase:"))
        self.current.setAccessibleName(_("Current passphrase"))
        self.new_label.setText(_("&New passphrase:"))
        self.new.setAccessibleName(_("New passphrase"))
        self.repeat_label.setText(_("&Repeat it:"))
        self.repeat.setAccessibleName(_("Repeat the new passphrase"))
        self.rekey.setText(_("&Someone may have seen the passphrase or the recovery code"))
        self.rekey.setAccessibleName(_("Someone may have seen the passphrase or the recovery code"))
        self.rekey_note.setText(
            _(
                "The records will also be encrypted again under a new key, and you will get a "
                "new recovery code: the old passphrase, the old recovery code and copies of the "
                "old key file stop working. Backups made before today still open only with "
                "the passphrase or recovery code of their day: keep them safe, or delete them "
                "once a new backup is made."
            )
            if self.rekey.isChecked()
            else _(
                "Tick this if the passphrase or the recovery code may be known to someone "
                "else: a new passphrase alone does not replace the key or the recovery code."
            )
        )
        self.code_intro.setText(
            _(
                "The records are now encrypted under a new key. This is the new recovery code, "
                "shown only once; the old one no longer works. Print it or write it down, and "
                "keep it locked away from the laptop."
            )
        )
        self.code_page.retranslate()
        on_code_page = self.pages.currentIndex() == self.CODE_PAGE
        ok_text = _("I have &kept it") if on_code_page else _("&Change passphrase")
        self.ok_button.setText(ok_text)
        self.ok_button.setAccessibleName(ok_text.replace("&", ""))
        self.cancel_button.setText(_("Cancel"))
        self.cancel_button.setAccessibleName(_("Cancel"))
        self.message.retranslate()
        self.new_rows.retranslate()


class ChangePassphraseFeature:
    """File ▸ Change passphrase…"""

    def __init__(self, window: Desk) -> None:
        from companion.ui.session.lock import add_to_file_menu

        self.window = window
        self.action = QAction(window.widget())
        self.action.triggered.connect(self.open_dialog)
        add_to_file_menu(window, self.action)
        self.retranslate()

    def open_dialog(self) -> ChangePassphraseDialog:
        dialog = ChangePassphraseDialog(self.window.store, self.window.widget())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def retranslate(self) -> None:
        self.action.setText(_("&Change passphrase…"))
        self.action.setStatusTip(
            _("A new passphrase; or, if someone may have seen it, a new key and recovery code")
        )

    def closing(self) -> None:
        """Nothing to tidy: the dialog closes with the window."""


def install(window: Desk) -> ChangePassphraseFeature:
    return ChangePassphraseFeature(window)
